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
        // Due one working day later in working time: the same time of day on a later day, or (asked out of hours)
        // the close of the next working day.
        let due = jsonText(gpJSON["callback_due"]), received = jsonText(gpJSON["received_at"])
        #expect(due > received, "\(gpJSON)")
        #expect(due.prefix(10) > received.prefix(10), "\(gpJSON)")
        #expect(due.suffix(5) == received.suffix(5) || due.hasSuffix("T17:00"), "\(gpJSON)")

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

    @Test("enquiry list takes --open (the default) and refuses --open with --all, and an unknown --team naming team")
    func listOptions() throws {
        let s = try Sandbox()
        let logged = try s.run(["enquiry", "log", "--caller-type", "other", "--caller-name", "A Caller", "--category", "directions",
                                "--summary", "where to park", "--refer", "pals", "--json"])
        let id = try #require(try logged.json()["id"] as? Int)
        let open = try s.run(["enquiry", "list", "--open", "--json"])
        #expect(open.status == Exit.ok, "\(open)")
        let rows = try #require(try open.json()["enquiries"] as? [[String: Any]])
        #expect(rows.compactMap { $0["id"] as? Int } == [id])
        let both = try s.run(["enquiry", "list", "--open", "--all"])
        #expect(both.status == Exit.refused)
        #expect(both.stderr.contains("open: give --open"), "\(both)")
        let team = try s.run(["enquiry", "list", "--team", "nosuchteam"])
        #expect(team.status == Exit.refused, "\(team)")
        #expect(team.stderr.contains("team: there is no team 'nosuchteam'"), "\(team)")
        let pals = try #require(try s.run(["enquiry", "list", "--team", "pals", "--json"]).json()["enquiries"] as? [[String: Any]])
        #expect(pals.count == 1)
    }

    @Test("enquiry verify refuses a claim missing an answer or with a date of birth that is no date, naming the field, writing nothing; a closed enquiry is refused")
    func verifyRefusals() throws {
        let s = try Sandbox()
        let mrn = try #require(try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985", "--postcode", "CH63 4JY"])["mrn"] as? String)
        let call = try s.run(["enquiry", "log", "--caller-type", "patient", "--caller-name", "Wei Lee", "--patient", mrn,
                              "--category", "appointment_query", "--summary", "asks about the review", "--callback", "--json"])
        let id = try #require(try call.json()["id"] as? Int)
        let empty = try s.run(["enquiry", "verify", String(id), "--name", "Wei Lee", "--dob", "", "--postcode", "CH63 4JY"])
        #expect(empty.status == Exit.refused)
        #expect(empty.stderr.contains("dob: is required"), "\(empty)")
        let badDate = try s.run(["enquiry", "verify", String(id), "--name", "Wei Lee", "--dob", "31/02/1985", "--postcode", "CH63 4JY", "--json"])
        #expect(badDate.status == Exit.refused)
        let fields = try #require(try badDate.errorJSON()["error"] as? [String: Any])["fields"] as? [[String: Any]]
        #expect(fields?.compactMap { $0["field"] as? String } == ["dob"])
        let history = try #require(try s.run(["enquiry", "show", String(id), "--json"]).json()["history"] as? [[String: Any]])
        #expect(history.count == 2)
        #expect(try s.run(["enquiry", "close", String(id), "--outcome", "rang back with the date"]).status == Exit.ok)
        let closed = try s.run(["enquiry", "verify", String(id), "--name", "Wei Lee", "--dob", "8/2/1985", "--postcode", "CH63 4JY"])
        #expect(closed.status == Exit.refused)
        #expect(closed.stderr.contains("is closed"), "\(closed)")
    }

    @Test("an enquiry about a restricted record: show, list --patient and verify need --reason; refused without it")
    func restricted() throws {
        let s = try Sandbox()
        let mrn = try #require(try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985", "--postcode", "CH63 4JY"])["mrn"] as? String)
        let call = try s.run(["enquiry", "log", "--caller-type", "patient", "--caller-name", "Wei Lee", "--patient", mrn,
                              "--category", "appointment_query", "--summary", "asks about the review", "--callback", "--json"])
        let id = try #require(try call.json()["id"] as? Int)
        #expect(try s.run(["patient", "restrict", mrn, "--reason", "member of staff"]).status == Exit.ok)
        let claim = ["--name", "Wei Lee", "--dob", "8/2/1985", "--postcode", "CH63 4JY"]
        for args in [["enquiry", "show", String(id)], ["enquiry", "list", "--patient", mrn], ["enquiry", "verify", String(id)] + claim] {
            let refused = try s.run(args)
            #expect(refused.status == Exit.refused, "\(args): \(refused)")
            #expect(refused.stderr.lowercased().contains("restricted"), "\(args): \(refused)")
        }
        let shown = try s.run(["enquiry", "show", String(id), "--reason", "enquiry"])
        #expect(shown.status == Exit.ok, "\(shown)")
        let listed = try s.run(["enquiry", "list", "--patient", mrn, "--reason", "enquiry", "--json"])
        #expect(listed.status == Exit.ok, "\(listed)")
        let verified = try s.run(["enquiry", "verify", String(id)] + claim + ["--reason", "enquiry"])
        #expect(verified.status == Exit.ok, "\(verified)")
        let glass = try s.audit(patient: mrn).filter { ($0["action"] as? String) == "break_glass" }
        #expect(glass.count >= 3, "\(glass)")
    }
}
