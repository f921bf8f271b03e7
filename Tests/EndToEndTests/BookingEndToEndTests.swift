import Foundation
import Testing

extension EndToEndTests {
    @Suite("Booking")
    struct Booking {
        /// A clinic that runs all day every day in 5-minute slots (so there is
        /// always a slot still to come today, bar the last minutes before
        /// midnight), at a site that is the desk's own.
        static func clinic(_ database: TestDatabase, _ directory: URL) throws {
            func run(_ args: [String]) throws {
                let r = try runFrontdesk(args + ["--db", database.path], home: directory)
                try #require(r.status == 0, "\(args): \(r)")
            }
            try run(["site", "add", "--code", "e2e-site", "--name", "Tmux Hub"])
            try run(["service", "add", "--code", "e2e-review", "--name", "Tmux review clinic", "--minutes", "5", "--follow-up"])
            try run(["clinician", "add", "--code", "e2e-dr", "--name", "Dr Tmux", "--role", "consultant"])
            try run(["template", "add", "--service", "e2e-review", "--site", "e2e-site", "--clinician", "e2e-dr", "--days", "mon-sun",
                     "--start", "00:00", "--end", "23:55", "--slot", "5", "--from", "today"])
            try run(["session", "generate", "--from", "today", "--to", "tomorrow"])
            let me = try runFrontdesk(["staff", "whoami", "--json", "--db", database.path], home: directory)
            let login = try #require(try me.json()["login"] as? String)
            try run(["staff", "set-site", login, "e2e-site"])
        }

        @Test("book from the record, then at reception: F3, check in with one key after confirming, attended, outcome 3")
        func bookAndCheckIn() throws {
            let desk = try Desk.start(prepare: Booking.clinic)
            defer { desk.close() }
            let session = desk.session
            let smith = desk.database.smith
            var screen = try session.waitForLookup()
            #expect(screen.lines.first?.contains("Tmux Hub") == true, "the desk's site is on the top line:\n\(screen.framed)")

            // The record, then b: the booking pane finds the service by name and lists the next free slots.
            try session.type("smith john")
            try session.waitFor("SMITH, John")
            try session.send("Enter")
            try session.waitFor("Patient record · \(smith.mrn)")
            try session.send("b")
            try session.waitUntil("the booking pane") { $0.contains("Book") && $0.contains("Service") }
            try session.type("Tmux review")
            try session.waitFor("Dr Tmux")
            try session.send("Enter")                       // to the slots
            try session.send("Enter")                       // the summary
            screen = try session.waitFor("Book this appointment?")
            #expect(screen.contains("Tmux review clinic") || screen.contains("e2e-review"), "\(screen.framed)")
            try session.send("Enter")                       // book
            screen = try session.waitUntil("the booking on the message line") { $0.messageLine.contains("booked e2e-review") }

            // The command line sees it, with the interpreter task Smith's need asks for.
            let listed = try desk.frontdesk(["appointment", "list", "--patient", smith.mrn, "--db", desk.database.path, "--json"])
            let appointments = try #require(try listed.json()["appointments"] as? [[String: Any]], "\(listed)")
            #expect(appointments.count == 1, "\(listed)")
            let appointment = try #require(appointments.first?["appointment"] as? [String: Any])
            let id = try #require(appointment["id"] as? Int)
            #expect(appointment["status"] as? String == "booked")
            let tasks = try #require(appointments.first?["tasks"] as? [[String: Any]])
            #expect(tasks.contains { $0["kind"] as? String == "interpreter" }, "\(listed)")

            // Reception: F3 opens today's list at the desk's site, Smith flagged in words.
            try session.send("F3")
            screen = try session.waitUntil("the clinic day list with Smith") { $0.contains("Clinics") && $0.contains("SMITH, John") }
            let row = try #require(screen.lines.first { $0.contains("SMITH, John") }, "\(screen.framed)")
            #expect(row.contains("INTERPRETER"), "\(screen.framed)")
            #expect(row.contains("booked"), "\(screen.framed)")

            // i: the details to confirm with the patient, Enter confirms, the row says arrived.
            try session.send("i")
            screen = try session.waitUntil("the check-in confirmation") { $0.contains("GP") && $0.contains("Address") }
            try session.send("Enter")
            try session.waitUntil("the row arrived") { screen in
                screen.lines.first { $0.contains("SMITH, John") }?.contains("arrived") == true
            }
            try session.send("a")
            try session.waitUntil("the row attended") { screen in
                screen.lines.first { $0.contains("SMITH, John") }?.contains("attended") == true
            }
            try session.send("3")
            try session.waitUntil("the outcome recorded") { $0.messageLine.contains("outcome") || $0.messageLine.contains("to be booked") }

            let shown = try desk.frontdesk(["appointment", "show", "\(id)", "--db", desk.database.path, "--json"])
            let after = try #require(try shown.json()["appointment"] as? [String: Any], "\(shown)")
            #expect(after["status"] as? String == "attended", "\(shown)")
            #expect(after["attendance_code"] as? Int == 5)
            #expect(after["outcome"] as? Int == 3)
            let trail = try #require(try shown.json()["trail"] as? [[String: Any]])
            #expect(trail.compactMap { $0["action"] as? String } == ["booked", "checked_in", "attended", "outcome"], "\(shown)")
            let toBook = try desk.frontdesk(["task", "list", "--kind", "to_be_booked", "--open", "--db", desk.database.path, "--json"])
            #expect((try toBook.json()["tasks"] as? [[String: Any]])?.count == 1, "\(toBook)")

            try session.send("F10")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }
}
