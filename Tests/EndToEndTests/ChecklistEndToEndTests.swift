import Foundation
import Testing

extension EndToEndTests {
    @Suite("Checklist (F6)")
    struct Checklist {
        /// The e2e clinic, with Evans booked in the next free slot of today's all-day clinic.
        static func evansToday() throws -> Desk {
            try Desk.start(prepare: { database, directory in
                try Booking.clinic(database, directory)
                let slots = try runFrontdesk(["slots", "--service", "e2e-review", "--limit", "1", "--json", "--db", database.path],
                                             home: directory)
                let slot = try #require(try (slots.json()["slots"] as? [[String: Any]])?.first?["id"] as? Int, "\(slots)")
                let booked = try runFrontdesk(["book", "--patient", database.evans.mrn, "--slot", "\(slot)", "--db", database.path],
                                              home: directory)
                try #require(booked.status == 0, "\(booked)")
            })
        }

        @Test("closing a small day: F6 lists Evans's attendance and notes at the desk's site; the attendance cannot be ticked, the notes are; the attendance deferred with a reason; Ctrl-P writes the checklist; O signs the day off and the command line shows the frozen report")
        func closeASmallDay() throws {
            let desk = try Self.evansToday()
            defer { desk.close() }
            let session = desk.session
            _ = try session.waitForLookup()
            try session.send("F6")
            var screen = try session.waitFor("0/2 done overall")
            #expect(screen.contains("Checklist · ") && screen.contains("e2e-site"), "\(screen.framed)")
            #expect(screen.contains("EVANS, Siân"), "\(screen.framed)")

            // The attendance comes first: the data shows it, so it is never ticked.
            try session.send("x")
            screen = try session.waitUntil("the refusal on the message line") { $0.messageLine.contains("completes itself") }
            // The notes returned: ticked by hand.
            try session.send("Down")
            try session.send("x")
            screen = try session.waitFor("1/2 done overall")
            #expect(screen.contains("done by"), "\(screen.framed)")
            // The attendance deferred, with a reason.
            try session.send("Up")
            try session.send("D")
            try session.waitFor("why (5 to 200 characters)")
            try session.type("clinic overran, recorded tomorrow")
            try session.send("Enter")
            screen = try session.waitFor("2/2 done (1 deferred) overall")
            #expect(screen.contains("ready to sign off"), "\(screen.framed)")

            // Print/export: the command line's text layout, in the home directory.
            try session.send("C-p")
            screen = try session.waitUntil("the file written") { $0.messageLine.contains("checklist written to") }
            let files = try FileManager.default.contentsOfDirectory(atPath: desk.directory.path).filter { $0.hasPrefix("frontdesk-checklist-") }
            let file = try #require(files.first, "\(files)")
            let written = try String(contentsOfFile: desk.directory.appendingPathComponent(file).path, encoding: .utf8)
            #expect(written.hasPrefix("Checklist for "), "\(written)")
            #expect(written.contains("(site e2e-site): 2/2 done (1 deferred)"), "\(written)")

            // The sign-off, confirmed.
            try session.send("O")
            try session.waitFor("Enter signs off")
            try session.send("Enter")
            screen = try session.waitFor("SIGNED OFF by")
            #expect(screen.messageLine.contains("signed off"), "\(screen.framed)")
            let report = try desk.frontdesk(["checklist", "report", "--date", "today", "--site", "e2e-site", "--json",
                                             "--db", desk.database.path])
            #expect(report.status == 0, "\(report)")
            #expect(report.stdout.contains("\"audit_hash\""), "\(report)")
            #expect(report.stdout.contains("clinic overran, recorded tomorrow"), "\(report)")
        }

        @Test("Space marks both items and x ticks the notes, reporting the attendance (still marked) that only the data completes; D defers it; a signed-off report altered behind the application's back is shown failing its check, not as a day to sign off")
        func markedItemsAndAnAlteredReport() throws {
            let desk = try Self.evansToday()
            defer { desk.close() }
            let session = desk.session
            _ = try session.waitForLookup()
            try session.send("F6")
            var screen = try session.waitFor("0/2 done overall")

            // Both marked (Space marks and moves on), then x on both.
            try session.send("Space")
            try session.send("Space")
            screen = try session.waitFor("2 marked")
            try session.send("x")
            screen = try session.waitUntil("the report of the marks") { $0.messageLine.contains("1 ticked; 1 can't be ticked") }
            screen = try session.waitFor("1/2 done overall")
            #expect(screen.contains("1 marked"), "\(screen.framed)")
            #expect(screen.contains("Not ticked: 1 of 2"), "\(screen.framed)")
            // The attendance, still marked, deferred with one reason.
            try session.send("D")
            try session.waitFor("Defer the 1 item marked")
            try session.type("clinic overran, recorded tomorrow")
            try session.send("Enter")
            screen = try session.waitFor("2/2 done (1 deferred) overall · ready to sign off")
            #expect(!screen.contains("marked ·"), "\(screen.framed)")

            // Signed off, then the stored report altered with sqlite3 (the trigger that keeps it dropped).
            let signed = try desk.frontdesk(["checklist", "signoff", "--date", "today", "--site", "e2e-site", "--db", desk.database.path])
            try #require(signed.status == 0, "\(signed)")
            let sqlite = Process()
            sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            sqlite.arguments = [desk.database.path, "DROP TRIGGER checklist_signoff_no_update; "
                                + "UPDATE checklist_signoff SET report = replace(report, 'clinic overran', 'all done properly');"]
            try sqlite.run(); sqlite.waitUntilExit()
            try #require(sqlite.terminationStatus == 0)
            // The day after and back: read afresh.
            try session.send("Right")
            try session.send("Left")
            screen = try session.waitFor("Signed-off report fails its check")
            #expect(!screen.contains("ready to sign off"), "\(screen.framed)")
            #expect(screen.messageLine.contains("has been altered"), "\(screen.framed)")
        }
    }
}
