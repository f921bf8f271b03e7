/// A key press, as the application sees it: the driver turns curses key codes,
/// escape sequences and Alt-digit into these.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// Printable text (one grapheme), including space.
    case char(Character)
    /// Ctrl and a letter, lower case: `.ctrl("s")` is Ctrl-S.
    case ctrl(Character)
    /// F1 to F12 (Alt-1 … Alt-0 arrive as F1 … F10).
    case function(Int)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert

    /// How keys are written in the bar, help and Docs/KEYS.md.
    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        }
    }
}

/// What the terminal reports to the application.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    case resize(Size)
    /// SIGINT, SIGTERM or SIGHUP arrived: the application restores the terminal and ends.
    case signal(Int32)
}

/// The terminal as the application loop needs it. The ncurses driver
/// implements it; tests use a fake that records frames.
public protocol TerminalDevice: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Waits up to `timeoutMilliseconds` (or until `wake()` is called) and returns what arrived.
    func readInput(timeoutMilliseconds: Int) -> [TerminalInput]
    /// Shows a frame, writing only the cells that differ from the last one shown.
    func draw(_ buffer: ScreenBuffer)
    /// Makes a waiting `readInput` return early. Safe to call from any thread.
    func wake()
    /// Repaints every cell on the next draw (the screen was disturbed, e.g. by another program's message).
    func redrawAll()
}

extension TerminalDevice {
    public func redrawAll() {}
}
