import Foundation
import Testing

extension EndToEndTests {
    @Suite("Enquiries (F5)")
    struct Enquiries {
        @Test("a GP practice and then a daughter on the phone: both logged from the F5 form in seconds; the GP is told, the daughter nothing until her answers match and the patient's consent names her; the command line lists both")
        func twoCalls() throws {
            let desk = try Desk.start(prepare: { database, directory in
                // Smith's postcode, and his consent to tell his daughter about appointments (as at the record).
                for args in [["patient", "edit", database.smith.mrn, "--postcode", "CH63 4JY"],
                             ["patient", "consent", "add", database.smith.mrn, "--person", "Aoife Smith", "--relationship", "daughter",
                              "--share", "appointments"]] {
                    let r = try runFrontdesk(args + ["--db", database.path], home: directory)
                    try #require(r.status == 0, "\(args): \(r)")
                }
            })
            defer { desk.close() }
            let session = desk.session
            let smith = desk.database.smith
            _ = try session.waitForLookup()
            try session.send("F5")
            try session.waitFor("No open enquiries here")

            // The GP practice: caller, organisation and number, the patient found as it is typed, a callback by the default.
            try session.send("F7")
            try session.waitFor("New enquiry")
            try session.type("g")
            try session.type("Dr Shah"); try session.send("Tab")
            try session.type("Riverside Surgery"); try session.send("Tab")
            try session.type("0151 555 0100"); try session.send("Tab")
            try session.type("smith john")
            try session.waitFor("SMITH, John")
            try session.send("Enter")
            var screen = try session.waitFor("✓ may say")
            #expect(screen.contains("no appointments to come"), "\(screen.framed)")
            try session.type("a")
            try session.type("asks for the next clinic letter"); try session.send("Tab")
            try session.type("r"); try session.type("n"); try session.type("t"); try session.type("c")
            try session.send("Enter")
            screen = try session.waitFor("logged: callback due")
            #expect(screen.contains("GP Dr Shah"), "\(screen.framed)")

            // The daughter: her answers do not match, so nothing is said.
            try session.send("F7")
            try session.waitFor("New enquiry")
            try session.type("r")
            try session.type("Aoife Smith"); try session.send("Tab")
            try session.type("07700 900123"); try session.send("Tab")
            try session.type(smith.mrn)
            try session.waitFor("SMITH, John")
            try session.send("Enter")
            screen = try session.waitFor("patient found —")
            #expect(screen.contains("identity not yet confirmed"), "\(screen.framed)")
            try session.type("John Smith"); try session.send("Tab")
            try session.type("12/03/1956"); try session.send("Tab")
            try session.type("CH1 1AA"); try session.send("Enter")
            screen = try session.waitFor("identity did NOT match")
            #expect(!screen.contains("may say"), "\(screen.framed)")
            // She gives the right postcode: her answers match and the consent names her.
            try session.send("BTab")
            try session.send("C-u")
            try session.type("ch634jy"); try session.send("Enter")
            screen = try session.waitFor("✓ may say: appointments")
            #expect(screen.contains("identity matched"), "\(screen.framed)")
            try session.type("a")
            try session.type("asks when her father is next in"); try session.send("Tab")
            try session.type("r"); try session.type("n"); try session.type("t"); try session.type("c")
            try session.send("Enter")
            screen = try session.waitFor("2 open")

            // The command line sees both, the daughter's check kept without what she said.
            let listed = try desk.frontdesk(["enquiry", "list", "--json", "--db", desk.database.path])
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout.contains("Dr Shah") && listed.stdout.contains("Aoife Smith"), "\(listed)")
            #expect(listed.stdout.contains("\"awaiting_callback\""), "\(listed)")
            let shown = try desk.frontdesk(["enquiry", "show", "2", "--db", desk.database.path])
            #expect(shown.stdout.contains("did not match"), "\(shown)")
            #expect(shown.stdout.contains("matched"), "\(shown)")
            #expect(!shown.stdout.contains("CH1 1AA") && !shown.stdout.contains("ch634jy"), "\(shown)")
        }
    }
}
