#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import FrontDeskUI

extension CursesTerminal {
    /// Waits up to `timeoutMilliseconds` (negative: no limit) for keys, a
    /// resize, a signal or `wake()`, and returns what arrived (empty on a
    /// timeout or a wake).
    public func readInput(timeoutMilliseconds: Int) -> [TerminalInput] {
        guard !stopped else { return [] }
        var inputs: [TerminalInput] = []

        // What arrived while the application was busy: a wake or signal
        // already in the pipe, keys already typed, or a resize whose SIGWINCH
        // came while we were not waiting (ncurses remembers it for wget_wch).
        let pending = signalPipe.drain()
        inputs += pending.signals.map { .signal($0) }
        readKeys(into: &inputs)
        if pending.any || !inputs.isEmpty { return inputs }

        var fds = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalPipe.readEnd, events: Int16(POLLIN), revents: 0),
        ]
        let timeout = timeoutMilliseconds < 0 ? -1 : Int32(clamping: timeoutMilliseconds)
        let ready = poll(&fds, 2, timeout)
        let interrupted = ready < 0 && errno == EINTR
        if ready < 0 && !interrupted { return inputs }

        if fds[1].revents != 0 {
            inputs += signalPipe.drain().signals.map { .signal($0) }
        }
        let keyboard = fds[0].revents
        if interrupted || keyboard & Int16(POLLIN) != 0 {
            // SIGWINCH interrupts poll; ncurses' handler has flagged the
            // resize and wget_wch now reports KEY_RESIZE.
            let consumed = readKeys(into: &inputs)
            if keyboard & Int16(POLLIN) != 0 && consumed == 0 {
                // Readable but nothing to read, again and again: the terminal has gone.
                emptyReadableCount += 1
                if emptyReadableCount >= 100 { inputs.append(.signal(SIGHUP)) }
            } else {
                emptyReadableCount = 0
            }
        }
        if keyboard & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            // The terminal hung up (its window closed): as if SIGHUP came.
            inputs.append(.signal(SIGHUP))
        }
        return inputs
    }

    /// Reads every key ncurses has, without waiting (stdscr is in nodelay
    /// mode). Returns how many key codes were read, used or not.
    @discardableResult
    func readKeys(into inputs: inout [TerminalInput]) -> Int {
        let window = fdc_stdscr()
        var budget = 4096
        var next: (status: Int32, code: UInt32)? = nil
        var consumed = 0
        while budget > 0 {
            budget -= 1
            let (status, code) = next ?? Self.getKey(window)
            next = nil
            if status == fdc_err() { break }
            consumed += 1
            let isKeyCode = status == fdc_key_code_yes()

            if !isKeyCode && code == 27 {
                // Esc: on its own it is "back"; Esc then a digit is Alt-digit,
                // i.e. F1 … F10 for terminals without function keys.
                wtimeout(window, 25)
                let following = Self.getKey(window)
                _ = nodelay(window, true)
                if following.status == fdc_err() {
                    inputs.append(.key(.escape))
                } else if following.status == fdc_ok(), let digit = Self.digit(following.code) {
                    inputs.append(.key(.function(digit == 0 ? 10 : digit)))
                } else if following.status == fdc_ok() && following.code == 27 {
                    inputs.append(.key(.escape))
                    next = following
                } else if following.status == fdc_ok() && (following.code == 0x5B || following.code == 0x4F) {
                    // An escape sequence ncurses does not know (a key this
                    // terminal description lacks): dropped whole, so that it
                    // never types "[1~" into a field.
                    Self.skipEscapeSequence(window, introducer: following.code)
                } else {
                    next = following   // Alt and another key: the key alone
                }
                continue
            }

            if isKeyCode && Int32(code) == KEY_RESIZE {
                let size = self.size
                if case .resize? = inputs.last { inputs.removeLast() }
                inputs.append(.resize(size))
                continue
            }
            if let key = Self.key(code: code, isKeyCode: isKeyCode) {
                inputs.append(.key(key))
            }
        }
        return consumed
    }

    private static func getKey(_ window: UnsafeMutablePointer<WINDOW>?) -> (status: Int32, code: UInt32) {
        var character: wint_t = 0
        let status = wget_wch(window, &character)
        return (status, UInt32(character))
    }

    /// Reads and drops the rest of a CSI (`ESC [` … final byte) or SS3
    /// (`ESC O` and one character) sequence, waiting a little for each byte.
    private static func skipEscapeSequence(_ window: UnsafeMutablePointer<WINDOW>?, introducer: UInt32) {
        wtimeout(window, 25)
        defer { _ = nodelay(window, true) }
        if introducer == 0x4F {
            _ = getKey(window)
            return
        }
        for _ in 0..<32 {
            let (status, code) = getKey(window)
            if status != fdc_ok() || (0x40...0x7E).contains(code) { return }
        }
    }

    private static func digit(_ code: UInt32) -> Int? {
        (48...57).contains(code) ? Int(code - 48) : nil
    }

    /// The application's key for a curses key code (`isKeyCode`) or a
    /// character; nil for what the application does not use (mouse, unknown
    /// codes, stray control characters).
    static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        if isKeyCode {
            let value = Int32(truncatingIfNeeded: code)
            if value > fdc_key_f(0) && value <= fdc_key_f(12) { return .function(Int(value - fdc_key_f(0))) }
            switch value {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE, KEY_A3: return .pageUp
            case KEY_NPAGE, KEY_C3: return .pageDown
            case KEY_HOME, KEY_FIND, KEY_A1: return .home
            case KEY_END, KEY_SELECT, KEY_C1, KEY_LL: return .end
            case KEY_ENTER: return .enter
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_IC: return .insert
            default: return nil
            }
        }
        switch code {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(96 + code))))
        case 0..<32, 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }
}
