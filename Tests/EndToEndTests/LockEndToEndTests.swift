import Foundation
import Testing

extension EndToEndTests {
    @Suite("Lock screen and settings")
    struct LockAndSettings {
        @Test("F12 covers an open record with the lock screen (only who is logged in shows); Ctrl-Q quits from it with status 0")
        func lockKeyCoversTheRecordAndQuitWorks() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            let smith = desk.database.smith
            try session.waitForLookup()
            try session.type(smith.mrn)
            try session.waitFor("SMITH, John")
            try session.send("Enter")
            var screen = try session.waitFor("Patient record · \(smith.mrn)")
            // The record's bar gives its room to the record's own keys (F4 Sequence …); help lists the lock key.
            try session.send("F1")
            screen = try session.waitFor("Help · Patient record")
            for _ in 0..<4 { try session.send("PageDown") }
            screen = try session.waitFor("lock the screen now")
            #expect(screen.contains("F12, Ctrl-X"), "\(screen.framed)")
            try session.send("Escape")
            screen = try session.waitFor("Patient record · \(smith.mrn)")

            try session.send("F12")
            screen = try session.waitFor("Screen locked")
            for text in ["SMITH", "John", "943 476 5919", smith.mrn, "Polish", "Patient record"] {
                #expect(!screen.contains(text), "the lock screen shows \(text)\n\(screen.framed)")
            }
            #expect(screen.topLine.contains("Locked"), "\(screen.framed)")
            #expect(screen.contains("Type your password for"), "\(screen.framed)")
            #expect(screen.bar.hasPrefix("Enter Unlock  F10 Quit"), "\(screen.framed)")

            // Keys other than the password's, Enter and quit do nothing.
            try session.send("F2")
            try session.type("secret")
            screen = try session.waitFor("Password ••••••")
            #expect(!screen.contains("secret"), "\(screen.framed)")
            #expect(!screen.contains("SMITH"), "\(screen.framed)")

            try session.send("C-q")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }

        @Test("Alt-9 (F9) lists the settings with their defaults; Esc goes back to the lookup")
        func settingsPane() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.send("M-9")
            let screen = try session.waitFor("idle_lock_minutes")
            #expect(screen.contains("opening_hours"), "\(screen.framed)")
            #expect(screen.contains("08:30-17:00"), "\(screen.framed)")
            try session.send("Escape")
            try session.waitForLookup()
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
        }
    }
}
