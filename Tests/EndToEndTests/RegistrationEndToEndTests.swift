import Foundation
import Testing

extension EndToEndTests {
    @Suite("Registration")
    struct Registration {
        @Test("F7, a mistyped NHS number is named with its rule, corrected, Ctrl-S registers and opens the record")
        func registerWithAMistake() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            let goodNHS = "401 023 2137"
            #expect(isValidNHSNumber(goodNHS))
            #expect(!isValidNHSNumber("943 476 5918"))

            try session.waitForLookup()
            try session.send("F7")
            var screen = try session.waitFor("┌─ New patient")
            #expect(screen.contains("Family name"), "\(screen.framed)")
            #expect(screen.bar.contains("Save"), "\(screen.framed)")

            // Family name, Given names, (Title, Preferred name), Date of birth, (Sex), NHS number
            try session.type("Quennell")
            try session.send("Tab")
            try session.type("Ottoline")
            try session.send("Tab", "Tab", "Tab")
            try session.type("12/03/1956")
            try session.send("Tab", "Tab")
            try session.type("943 476 5918")
            try session.send("Tab")

            // The message line names the field and the rule
            screen = try session.waitUntil("the NHS number error on the message line") {
                $0.messageLine.contains("nhs_number")
            }
            #expect(screen.messageLine.contains("Modulus 11"), "\(screen.framed)")
            #expect(screen.contains("✗"), "the field is not marked:\n\(screen.framed)")
            #expect(screen.contains("12-Mar-1956"), "the date of birth was not tidied:\n\(screen.framed)")

            // Back to the NHS number, replace it with a valid one, save
            try session.send("BTab")
            try session.waitUntil("the NHS number field focused") { $0.contains("▸ NHS number") || $0.contains("✗ NHS number") }
            try session.send("End", "C-u")
            try session.type(goodNHS)
            try session.send("C-s")

            screen = try session.waitFor("registered QUENNELL, Ottoline")
            screen = try session.waitUntil("the new patient's record") { $0.contains("Patient record · ") && $0.contains("NHS 401 023 2137") }
            #expect(screen.lines.prefix(5).joined().contains("QUENNELL, Ottoline"), "\(screen.framed)")
            #expect(screen.messageLine.contains("registered QUENNELL, Ottoline"), "\(screen.framed)")

            // The command line finds the new patient
            let found = try desk.frontdesk(["patient", "search", "--db", desk.database.path, "--json", "quennell"])
            #expect(found.status == 0, "\(found)")
            let results = try #require(try found.json()["results"] as? [[String: Any]], "\(found)")
            #expect(results.count == 1, "\(found)")
            #expect(results.first?["nhs_number"] as? String == "4010232137", "\(found)")
            #expect(results.first?["date_of_birth"] as? String == "1956-03-12", "\(found)")
            #expect(results.first?["given_names"] as? String == "Ottoline", "\(found)")

            try session.send("F10")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }
}
