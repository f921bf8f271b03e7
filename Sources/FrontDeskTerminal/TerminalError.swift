/// Why the terminal UI could not start. The message is written for the
/// person at the keyboard and is safe to print as it stands.
public struct TerminalError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func notATerminal(_ stream: String) -> TerminalError {
        TerminalError("frontdesk: the terminal UI needs a terminal: \(stream) is not a terminal. "
            + "Use a subcommand instead, e.g. 'frontdesk patient search NAME' (see frontdesk --help).")
    }

    static let noTermVariable = TerminalError(
        "frontdesk: the terminal UI needs the terminal type, but TERM is not set; "
            + "set it, e.g. TERM=xterm-256color, or use a subcommand (see frontdesk --help).")

    static func unknownTerminal(_ term: String) -> TerminalError {
        TerminalError("frontdesk: the terminal type '\(term)' (TERM) is unknown to this system; "
            + "set TERM to one it knows, e.g. TERM=xterm-256color")
    }

    static func tooLimited(_ term: String) -> TerminalError {
        TerminalError("frontdesk: the terminal type '\(term)' (TERM) cannot move the cursor, so it cannot show "
            + "the terminal UI; set TERM to a full-screen terminal, e.g. TERM=xterm-256color, "
            + "or use a subcommand (see frontdesk --help).")
    }

    static func hardcopyTerminal(_ term: String) -> TerminalError {
        TerminalError("frontdesk: the terminal type '\(term)' (TERM) is a printing terminal and cannot show "
            + "the terminal UI; set TERM to a display terminal, e.g. TERM=xterm-256color")
    }

    static let noTerminfo = TerminalError(
        "frontdesk: the terminal description database (terminfo) was not found; "
            + "install ncurses-base or set TERMINFO, or use a subcommand (see frontdesk --help).")

    static func cannotStart(_ term: String) -> TerminalError {
        TerminalError("frontdesk: could not start the terminal UI on terminal type '\(term)' (TERM).")
    }

    static let alreadyRunning = TerminalError("frontdesk: the terminal UI is already running in this process.")

    static func pipeFailed(_ errno: Int32) -> TerminalError {
        TerminalError("frontdesk: could not start the terminal UI: cannot create a pipe (error \(errno)).")
    }
}
