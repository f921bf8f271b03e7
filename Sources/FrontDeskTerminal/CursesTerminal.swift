#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import FrontDeskUI

/// The ncurses driver: draws `ScreenBuffer`s, reads keys and reports resizes
/// and signals. Every C call of the application lives in this module.
///
/// Use one at a time, from one thread (the UI loop), except `wake()`, which
/// any thread may call. Always end with `stop()` (or use `withTerminal`), so
/// the shell gets its terminal back.
public final class CursesTerminal: TerminalDevice {
    /// The theme chosen for this terminal: colour, or monochrome when the
    /// terminal has no colour or NO_COLOR is set.
    public let theme: Theme

    let screen: OpaquePointer
    let signalPipe: SignalPipe
    var stopped = false

    // Drawing state (CursesTerminal+Drawing.swift).
    var lastFrame: ScreenBuffer?
    var lastScreenSize: Size?
    var repaintAll = false
    var cursorShown: Bool?
    var rolePairs: [Role: Int16] = [:]
    var looks: [Style: (attributes: attr_t, pair: Int16)] = [:]

    // Input state (CursesTerminal+Keys.swift).
    var emptyReadableCount = 0

    nonisolated(unsafe) private static var running = false

    private init(screen: OpaquePointer, signalPipe: SignalPipe, theme: Theme) {
        self.screen = screen
        self.signalPipe = signalPipe
        self.theme = theme
    }

    deinit { stop() }

    /// Takes over the terminal. Throws, before anything is written to the
    /// screen, when standard input or output is not a terminal, when TERM is
    /// unset, or when terminfo does not know TERM.
    public static func start(environment: [String: String]) throws -> CursesTerminal {
        guard !running else { throw TerminalError.alreadyRunning }
        guard isatty(0) != 0 else { throw TerminalError.notATerminal("standard input") }
        guard isatty(1) != 0 else { throw TerminalError.notATerminal("standard output") }
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.noTermVariable }
        switch fdc_terminfo_check(term) {
        case 0: break
        case 2: throw TerminalError.hardcopyTerminal(term)
        case 3: throw TerminalError.noTerminfo
        case 4: throw TerminalError.tooLimited(term)
        default: throw TerminalError.unknownTerminal(term)
        }

        useUTF8Locale()

        let signalPipe = try SignalPipe()
        // Installed before newterm, so ncurses leaves SIGINT and SIGTERM to us
        // (it catches them only while they are SIG_DFL). SIGWINCH stays
        // ncurses' own: it turns into KEY_RESIZE.
        signalPipe.installHandlers()
        guard let screen = fdc_newterm(term) else {
            signalPipe.close()
            throw TerminalError.cannotStart(term)
        }
        _ = set_term(screen)

        let window = fdc_stdscr()
        _ = raw()                       // Ctrl-C, Ctrl-S, Ctrl-Q, Ctrl-Z arrive as keys
        _ = noecho()
        _ = nonl()                      // Enter arrives as 13; faster cursor motion
        _ = intrflush(window, false)
        _ = keypad(window, true)        // function keys as KEY_F(n) and friends
        _ = set_escdelay(25)            // Esc feels instant; Esc-digit still pairs up
        _ = scrollok(window, false)     // writing the last cell must never scroll
        _ = leaveok(window, false)
        _ = nodelay(window, true)
        _ = curs_set(0)

        let theme = Theme.choose(terminalHasColour: has_colors(), environment: environment)
        let terminal = CursesTerminal(screen: screen, signalPipe: signalPipe, theme: theme)
        if theme.usesColour { terminal.startColour() }
        running = true
        return terminal
    }

    /// Runs `body` with the terminal and always gives the terminal back:
    /// on return, and on a thrown error.
    public static func withTerminal<T>(environment: [String: String],
                                       _ body: (CursesTerminal) throws -> T) throws -> T {
        let terminal = try start(environment: environment)
        defer { terminal.stop() }
        return try body(terminal)
    }

    /// Gives the terminal back to the shell (echo, line editing, cursor,
    /// normal screen) and removes the signal handlers. Safe to call twice.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
        signalPipe.close()
        Self.running = false
    }

    /// Whether `stop()` has run.
    public var isStopped: Bool { stopped }

    /// The current size in cells.
    public var size: Size {
        guard !stopped else { return Size(width: 0, height: 0) }
        return Size(width: Int(fdc_maxx()), height: Int(fdc_maxy()))
    }

    /// Makes a waiting `readInput` return early. Safe to call from any thread.
    public func wake() { signalPipe.wake() }

    /// `wake()` as a value that can be handed to other threads and tasks.
    public var waker: @Sendable () -> Void {
        let pipe = signalPipe
        return { pipe.wake() }
    }

    /// One colour pair per role (the colour theme only).
    private func startColour() {
        _ = start_color()
        let defaultColours = use_default_colors() == fdc_ok()
        let available = Int(fdc_color_pairs())
        for (index, role) in Role.allCases.enumerated() {
            let pair = index + 1
            guard pair < available else { break }
            let look = theme.appearance(role)
            var foreground = look.foreground.rawValue
            var background = look.background.rawValue
            if !defaultColours {
                if foreground < 0 { foreground = ThemeColor.white.rawValue }
                if background < 0 { background = ThemeColor.black.rawValue }
            }
            if init_pair(Int16(pair), Int16(foreground), Int16(background)) == fdc_ok() {
                rolePairs[role] = Int16(pair)
            }
        }
    }

    /// ncursesw needs a UTF-8 locale to read and draw anything beyond ASCII:
    /// the user's locale, or C.UTF-8 when theirs is not UTF-8.
    private static func useUTF8Locale() {
        _ = setlocale(LC_ALL, "")
        if isUTF8() { return }
        if setlocale(LC_ALL, "C.UTF-8") == nil || !isUTF8() {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        if !isUTF8() { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
    }

    private static func isUTF8() -> Bool {
        guard let codeset = fdc_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
