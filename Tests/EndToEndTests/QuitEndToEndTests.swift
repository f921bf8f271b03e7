import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing

extension EndToEndTests {
    @Suite("Quit keys and help")
    struct QuitKeys {
        @Test("Ctrl-C reaches the application (raw mode) and quits with status 0")
        func controlC() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            try desk.session.waitForLookup()
            try desk.session.send("C-c")
            #expect(try desk.session.waitForExit() == 0)
            try desk.session.expectTerminalRestored()
        }

        @Test("F1 shows the help with every quit key; Esc closes it; Alt-0 (Esc 0) is F10 and quits")
        func helpThenAltZero() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()

            try session.send("F1")
            var screen = try session.waitFor("Help · Patient lookup")
            #expect(screen.bar.contains("Esc"), "\(screen.framed)")
            // The help may be longer than the pane: PgDn scrolls it to the global keys.
            for _ in 0..<3 where !screen.contains("F10, Ctrl-Q, Ctrl-C") {
                #expect(screen.contains("more lines"), "the help is cut without saying so:\n\(screen.framed)")
                try session.send("PageDown")
                Thread.sleep(forTimeInterval: 0.3)
                screen = try session.waitFor("Help · Patient lookup")
            }
            screen = try session.waitFor("F10, Ctrl-Q, Ctrl-C")
            #expect(screen.contains("Everywhere"), "\(screen.framed)")
            #expect(screen.contains("Help · Patient lookup"), "\(screen.framed)")

            try session.send("Escape")
            screen = try session.waitForAbsence(of: "Help · Patient lookup")
            #expect(screen.contains("Search"), "\(screen.framed)")
            #expect(!session.hasExited)

            try session.send("M-0")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }

    @Suite("Quitting with unsaved changes")
    struct UnsavedChanges {
        @Test("Ctrl-C or F10 in a changed form asks first: N keeps the form, Y quits with status 0")
        func asksBeforeDiscarding() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.send("F7")
            try session.waitFor("┌─ New patient")
            try session.type("Quennell")
            try session.waitFor("Quennell")

            try session.send("C-c")
            var screen = try session.waitFor("Unsaved changes")
            #expect(screen.contains("discard"), "\(screen.framed)")
            #expect(!session.hasExited)

            try session.send("n")
            screen = try session.waitForAbsence(of: "Unsaved changes")
            #expect(screen.contains("Quennell"), "the form lost what was typed:\n\(screen.framed)")
            #expect(!session.hasExited)

            try session.send("F10")
            try session.waitFor("Unsaved changes")
            try session.send("y")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }

    @Suite("Signals restore the terminal")
    struct Signals {
        @Test("kill -SIGNAL ends frontdesk with 128+SIGNAL and a sane terminal",
              arguments: [("TERM", SIGTERM), ("HUP", SIGHUP), ("INT", SIGINT)])
        func signal(name: String, number: Int32) throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.type("smith")
            try session.waitFor("SMITH, John")

            try session.signal(number)
            let status = try session.waitForExit()
            #expect(status == 128 + number, "SIG\(name): exit status \(status)")
            try session.expectTerminalRestored()
        }
    }
}
