import Foundation
import Testing

extension EndToEndTests {
    @Suite("Sequence (F4)")
    struct Sequence {
        /// The booking clinic (all day, every day, today and tomorrow) with a blood-test clinic beside it,
        /// and a one-cycle SACT protocol over them: a blood test, then a review 15 minutes to 2 hours later.
        static func protocolClinic(_ database: TestDatabase, _ directory: URL) throws {
            try Booking.clinic(database, directory)
            func run(_ args: [String]) throws {
                let r = try runFrontdesk(args + ["--db", database.path], home: directory)
                try #require(r.status == 0, "\(args): \(r)")
            }
            try run(["service", "add", "--code", "e2e-bloods", "--name", "Tmux blood tests", "--minutes", "5", "--follow-up"])
            try run(["clinician", "add", "--code", "e2e-phleb", "--name", "Tmux phlebotomist", "--role", "phlebotomist"])
            try run(["template", "add", "--service", "e2e-bloods", "--site", "e2e-site", "--clinician", "e2e-phleb", "--days", "mon-sun",
                     "--start", "00:00", "--end", "23:55", "--slot", "5", "--from", "today"])
            try run(["session", "generate", "--from", "today", "--to", "tomorrow"])
            let file = directory.appendingPathComponent("sact-e2e.yaml")
            try """
            code: sact_e2e
            name: SACT tmux course
            steps:
              - {id: bloods, label: Blood test, kind: appointment, service: e2e-bloods}
              - {id: review, label: Oncology review, kind: appointment, service: e2e-review}
            rules:
              - {step: review, after: bloods, min: 15m, max: 2h}
            """.write(to: file, atomically: true, encoding: .utf8)
            try run(["protocol", "import", file.path])
        }

        @Test("from a record: F4 plans the SACT course at once, Enter and Y book it, and the record lists the course")
        func bookCourseFromRecord() throws {
            let desk = try Desk.start(prepare: Sequence.protocolClinic)
            defer { desk.close() }
            let session = desk.session
            let smith = desk.database.smith
            _ = try session.waitForLookup()
            try session.type("smith john")
            try session.waitFor("SMITH, John")
            try session.send("Enter")
            try session.waitFor("Patient record · \(smith.mrn)")

            // F4: the protocol is chosen and planned at once, every gap ticked.
            try session.send("F4")
            var screen = try session.waitUntil("the plan") { $0.contains("Course for SMITH, John") && $0.contains("visit day") }
            #expect(screen.contains("sact_e2e"), "\(screen.framed)")
            #expect(screen.contains("bloods +"), "\(screen.framed)")
            #expect(screen.contains("✓"), "\(screen.framed)")

            // Enter to the plan, Enter asks to confirm, Y books the whole course.
            try session.send("Enter")
            try session.send("Enter")
            screen = try session.waitFor("Book SACT tmux course")
            #expect(screen.contains("2 appointments"), "\(screen.framed)")
            try session.send("Y")
            screen = try session.waitUntil("the course booked") { $0.contains("booked for SMITH, John") }

            // Back on the record, the Courses section lists it cycle by cycle.
            try session.send("Enter")
            try session.waitFor("Patient record · \(smith.mrn)")
            // The appointments and courses are read after the record opens: page down to them.
            for _ in 0..<20 where !(try session.capture()).contains("SACT tmux course (sact_e2e v1)") {
                try session.send("PageDown")
                Thread.sleep(forTimeInterval: 0.3)
            }
            screen = try session.waitUntil("the course on the record") { $0.contains("Courses") && $0.contains("SACT tmux course (sact_e2e v1)") }
            #expect(screen.contains("Cycle 1: bloods"), "\(screen.framed)")

            // The command line sees the same course.
            let listed = try desk.frontdesk(["course", "list", "--patient", smith.mrn, "--db", desk.database.path])
            #expect(listed.status == 0, "\(listed)")
            #expect(listed.stdout.contains("sact_e2e"), "\(listed)")
        }
    }
}
