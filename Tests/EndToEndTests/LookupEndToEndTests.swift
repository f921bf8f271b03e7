import Foundation
import Testing

extension EndToEndTests {
    @Suite("Lookup and record")
    struct Lookup {
        @Test("search, open a record (audited), back to the same results, quit: status 0 and the terminal restored")
        func searchOpenBackQuit() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            let smith = desk.database.smith

            // Given the lookup pane
            var screen = try session.waitForLookup()
            #expect(screen.topLine.hasPrefix(" FrontDesk · DEMO · Patient lookup"), "\(screen.framed)")
            #expect(screen.contains("┌─ Patient lookup"), "\(screen.framed)")
            // The desk's user set the database up: a manager, so F11 (the audit trail) is offered.
            #expect(screen.bar.hasPrefix("F1 Help  F2 Patients  F3 Clinics  Enter Open  F7 New patient  F11 Audit  F12 Lock  F10 Quit"), "\(screen.framed)")
            #expect(screen.lines.count == 30, "\(screen.framed)")

            // When the clerk types a family name
            try session.type("smith")
            screen = try session.waitFor("SMITH, John")
            #expect(screen.contains("Search smith"), "\(screen.framed)")
            for column in ["Name", "Born", "NHS number", "Hosp no", "Postcode"] {
                #expect(screen.contains(column), "no \(column) column\n\(screen.framed)")
            }
            let header = try #require(screen.lines.firstIndex { $0.contains("Name") && $0.contains("Born") }, "\(screen.framed)")
            let johnRow = try #require(screen.row(containing: "SMITH, John"), "\(screen.framed)")
            let downs = johnRow - header - 1
            #expect(downs >= 0, "\(screen.framed)")

            // and moves down to SMITH, John and opens the record
            if downs > 0 { try session.tmuxCommand(["send-keys", "-t", "t"] + Array(repeating: "Down", count: downs)) }
            try session.send("Enter")
            screen = try session.waitFor("Patient record · \(smith.mrn)")

            // Then the banner shows who this is and what must not be missed
            let banner = screen.lines.prefix(5).joined(separator: "\n")
            #expect(banner.contains("SMITH, John"), "\(screen.framed)")
            #expect(banner.contains("943 476 5919"), "\(screen.framed)")
            #expect(banner.contains("ALERT"), "\(screen.framed)")
            #expect(banner.contains("safeguarding"), "\(screen.framed)")
            #expect(banner.contains("NEEDS"), "\(screen.framed)")
            #expect(banner.contains("Polish interpreter"), "\(screen.framed)")

            // and opening it was recorded in the audit trail
            let audit = try desk.frontdesk(["audit", "log", "--db", desk.database.path, "--json", "--patient", smith.mrn])
            #expect(audit.status == 0, "\(audit)")
            let entries = try #require(try audit.json()["entries"] as? [[String: Any]], "\(audit)")
            #expect(entries.contains { $0["action"] as? String == "view" && $0["patient_mrn"] as? String == smith.mrn },
                    "no view event for \(smith.mrn): \(audit)")

            // When Esc: back to the same results, query kept
            try session.send("Escape")
            screen = try session.waitUntil("the lookup pane again") { $0.contains("Patient lookup") && $0.bar.contains("Enter Open") }
            #expect(screen.contains("Search smith"), "\(screen.framed)")
            #expect(screen.contains("SMITH, John"), "\(screen.framed)")

            // When F10: quits with status 0, and the shell has its terminal back
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }

        // Clerks type fast, and a barcode scanner types a number and Enter in
        // one burst: Enter must act on the results of what was typed, never
        // on the results of an earlier, shorter query still on the screen.

        @Test("an NHS number and Enter in one burst (as a scanner sends them) opens that patient")
        func numberAndEnterInOneBurst() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()

            try session.send("9434765919", "Enter")
            let screen = try session.waitUntil("a record, or a message that nothing was opened") {
                $0.contains("Patient record · ") || $0.messageLine.contains("no patient is selected")
            }
            #expect(screen.contains("Patient record · \(desk.database.smith.mrn)"), "\(screen.framed)")
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
        }

        @Test("more words and Enter in one burst open the match for the whole query, not the row selected before")
        func moreWordsAndEnterInOneBurst() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.type("smith")
            let before = try session.waitFor("SMITH, John")
            let header = try #require(before.lines.firstIndex { $0.contains("Name") && $0.contains("Born") }, "\(before.framed)")
            let selectedBefore = before.lines[header + 1]
            #expect(!selectedBefore.contains("SMITH, George"), "the test needs another patient selected first:\n\(before.framed)")

            try session.send(" george", "Enter")
            let screen = try session.waitUntil("a record, or a message that nothing was opened") {
                $0.contains("Patient record · ") || $0.messageLine.contains("no patient is selected")
            }
            let openedGeorge = screen.lines.prefix(4).contains { $0.contains("SMITH, George") }
            #expect(openedGeorge,
                    "opened the wrong record for 'smith george' (before: \(selectedBefore.trimmingCharacters(in: .whitespaces))):\n\(screen.framed)")
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
        }
    }
}
