import Foundation
import Testing

@Suite("enquiries from the command line")
struct EnquiryCommandTests {
    @Test("a GP's call and a relative's: logged with JSON, the relative's identity checked, a results question only referred, the queue")
    func calls() throws {
        let s = try Sandbox()
        let added = try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985", "--postcode", "CH63 4JY", "--address1", "3 Mill Lane"])
        let mrn = try #require(added["mrn"] as? String)
        let gp = try s.run(["enquiry", "log", "--caller-type", "gp_practice", "--caller-name", "Dr Hale", "--organisation", "Riverside Surgery",
                            "--phone", "0151 555 0100", "--patient", mrn, "--category", "appointment_query",
                            "--summary", "asks when the next review is", "--callback", "--json"])
        #expect(gp.status == Exit.ok, "\(gp)")
        let gpJSON = try gp.json()
        #expect(gpJSON["status"] as? String == "awaiting_callback")
        #expect(gpJSON["identity"] as? String == "not_needed")
        #expect((gpJSON["callback_due"] as? String)?.hasSuffix("T17:00") == true)

        let daughter = try s.run(["enquiry", "log", "--caller-type", "relative_or_carer", "--caller-name", "Aoife Lee", "--patient", mrn,
                                  "--category", "appointment_query", "--summary", "asks about her father", "--callback", "--json"])
        let id = try #require(try daughter.json()["id"] as? Int)
        #expect(try daughter.json()["identity"] as? String == "not_checked")
        let wrong = try s.run(["enquiry", "verify", String(id), "--name", "Wei Lee", "--dob", "1985-02-08", "--postcode", "XX1 1XX"])
        #expect(wrong.status == Exit.refused)
        #expect(wrong.stdout.contains("NOT confirmed (name ✓, date of birth ✓, postcode or address ✗)"), "\(wrong)")
        let right = try s.run(["enquiry", "verify", String(id), "--name", "Wei Lee", "--dob", "1985-02-08", "--postcode", "3 Mill Lane"])
        #expect(right.status == Exit.ok)
        #expect(right.stdout.contains("No consent to share with this caller is recorded"), "\(right)")

        let results = try s.run(["enquiry", "log", "--caller-type", "patient", "--caller-name", "Wei Lee", "--patient", mrn,
                                 "--category", "results_or_clinical", "--summary", "scan result", "--resolved", "told him it was clear"])
        #expect(results.status == Exit.refused)
        #expect(results.stderr.contains("never answered at the desk"), "\(results)")
        let both = try s.run(["enquiry", "log", "--caller-type", "patient", "--caller-name", "Wei Lee", "--category", "directions",
                              "--summary", "where to park", "--escalate", "--callback"])
        #expect(both.status == Exit.refused)

        let queue = try s.run(["enquiry", "list", "--json"]).json()
        #expect((queue["enquiries"] as? [[String: Any]])?.count == 2)
        let shown = try s.run(["enquiry", "show", String(id), "--json"]).json()
        #expect((shown["history"] as? [[String: Any]])?.count == 4)
        let closed = try s.run(["enquiry", "close", String(id), "--outcome", "rang back: nothing shared without consent", "--json"])
        #expect(try closed.json()["status"] as? String == "closed")
    }
}
