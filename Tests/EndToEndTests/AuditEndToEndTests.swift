import Foundation
import Testing

extension EndToEndTests {
    @Suite("Audit trail pane")
    struct AuditTrail {
        @Test("F11 from a record lists who opened it (the manager's own opening); Esc goes back to the record")
        func f11FromARecordListsItsOpenings() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            let smith = desk.database.smith
            var screen = try session.waitForLookup()
            #expect(screen.bar.contains("F11 Audit"), "the desk's user is the manager\n\(screen.framed)")
            try session.type(smith.mrn)
            try session.waitFor("SMITH, John")
            try session.send("Enter")
            try session.waitFor("Patient record · \(smith.mrn)")

            try session.send("F11")
            screen = try session.waitFor("Audit trail · A patient")
            #expect(screen.contains("Patient \(smith.mrn)"), "\(screen.framed)")
            try session.send("Enter")
            screen = try session.waitFor("· patient \(smith.mrn) · newest first")
            #expect(screen.contains("opened record in the te"), "\(screen.framed)")
            #expect(!screen.contains("Polish"), "nothing of the record itself\n\(screen.framed)")

            try session.send("Escape")
            screen = try session.waitFor("Patient record · \(smith.mrn)")
            #expect(screen.contains("SMITH, John"), "\(screen.framed)")
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }
}
