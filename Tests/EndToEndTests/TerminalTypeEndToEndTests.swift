import Foundation
import Testing

extension EndToEndTests {
    @Suite("Terminal types and colour")
    struct TerminalTypes {
        /// Searches for smith and quits with `quitKey`.
        private func searchAndQuit(_ desk: Desk, quitKey: String) throws -> Screen {
            let session = desk.session
            try session.waitForLookup()
            try session.type("smith")
            let screen = try session.waitFor("SMITH, John")
            try session.send(quitKey)
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
            return screen
        }

        @Test("NO_COLOR=1 on TERM=xterm (frontdesk tui): works, and draws no colour at all")
        func noColour() throws {
            let desk = try Desk.start(subcommand: ["tui"], term: "xterm", environment: ["NO_COLOR": "1"])
            defer { desk.close() }
            let session = desk.session
            let screen = try session.waitForLookup()
            #expect(screen.bar.contains("F10 Quit"), "\(screen.framed)")
            try session.type("smith")
            try session.waitFor("SMITH, John")
            let styled = try session.captureWithStyles()
            #expect(colourCodes(in: styled).isEmpty, "colours drawn under NO_COLOR: \(Set(colourCodes(in: styled)).sorted())")
            #expect(styled.contains("\u{1B}["), "no styles at all (selection and titles should still be marked)")
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }

        @Test("xterm-256color without NO_COLOR draws in colour (so the check above can see colours)")
        func colour() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            try desk.session.waitForLookup()
            let styled = try desk.session.captureWithStyles()
            #expect(!colourCodes(in: styled).isEmpty, "no colour codes in:\n\(styled)")
            try desk.session.send("F10")
            #expect(try desk.session.waitForExit() == 0)
        }

        @Test("TERM=vt100 (no colour, no F10 key): works, Alt-0 quits")
        func vt100() throws {
            let desk = try Desk.start(term: "vt100")
            defer { desk.close() }
            let screen = try searchAndQuit(desk, quitKey: "M-0")
            #expect(screen.contains("Search smith"), "\(screen.framed)")
        }

        @Test("TERM=nosuchterm: a clear message naming TERM, status 1")
        func unknownTerminal() throws {
            let desk = try Desk.start(term: "nosuchterm")
            defer { desk.close() }
            let status = try desk.session.waitForExit()
            let screen = try desk.session.waitFor("frontdesk exited with status")
            #expect(status == 1, "\(screen.framed)")
            #expect(screen.contains("nosuchterm"), "\(screen.framed)")
            #expect(screen.contains("TERM"), "\(screen.framed)")
            try desk.session.expectTerminalRestored()
        }
    }
}
