import Foundation
import FrontDeskDomain

/// The lock screen: after the idle period (the `idle_lock_minutes` setting) or
/// at F12/Ctrl-X, every patient-identifiable field is covered and only who is
/// logged in shows. The person's own OS password unlocks it, back to exactly
/// where they were; F10 quits. The rest of the state is kept untouched underneath.
public struct LockState: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// No key was pressed for this many minutes.
        case idle(minutes: Int)
        /// The lock key was pressed.
        case key
    }

    public var since: Date
    public var reason: Reason
    /// What is typed; drawn as one "•" per character, cleared at every Enter.
    public var password = TextField()
    /// Wrong passwords since the screen locked.
    public var failures = 0
    /// After too many wrong passwords: no try before this time.
    public var retryAt: Date?
    /// A password is being checked (the answer comes as `.passwordChecked`).
    public var checking = false
    /// What the last key or check said.
    public var notice: Message?

    /// Wrong passwords allowed before each wait.
    public static let triesBeforeWait = 5
    /// The wait after too many wrong passwords.
    public static let waitSeconds = 30

    public init(since: Date, reason: Reason) { self.since = since; self.reason = reason }
}

extension AppState {
    public var isLocked: Bool { lock != nil }
    public var lockedSince: Date? { lock?.since }

    /// The lock key, one of the global bindings (it also works under a dialog).
    static let lockBinding = KeyBinding([.function(12), .ctrl("x")], .lock, label: "Lock",
                                        help: "lock the screen now; your password unlocks it",
                                        inBar: true)

    /// The only keys that work while the screen is locked (besides editing the password).
    public static let lockBindings: [KeyBinding] = [
        KeyBinding([.enter], .unlock, label: "Unlock", help: "check the password typed and unlock, back to exactly where you were", inBar: true),
        KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit",
                   help: "quit FrontDesk (unsaved changes to a form are lost)", inBar: true),
    ]

    /// Locks the screen (nothing changes when it is locked already).
    mutating func lockNow(at date: Date, reason: LockState.Reason) {
        guard lock == nil else { return }
        lock = LockState(since: date, reason: reason)
    }

    /// The minutes of the idle lock, for the lock screen's words.
    var idleLockMinutes: Int { max(1, (idleLockSeconds + 59) / 60) }

    /// Seconds still to wait before the next try, if any.
    func secondsToWait(_ lock: LockState) -> Int? {
        guard let retryAt = lock.retryAt, retryAt > now else { return nil }
        return Int(retryAt.timeIntervalSince(now).rounded(.up))
    }

    // MARK: Keys

    mutating func handleLocked(_ key: Key) -> [Effect] {
        guard var lock else { return [] }
        defer { self.lock = lock }
        guard let binding = Self.lockBindings.first(where: { $0.keys.contains(key) }) else {
            if lock.password.handle(key) {
                // A wrong-password notice stays until the next Enter; a hint goes.
                if lock.notice?.kind == .hint { lock.notice = nil }
            } else {
                lock.notice = .hint("the screen is locked: type your password and press Enter, or F10 to quit")
            }
            return []
        }
        switch binding.action {
        case .quit:
            return [.quit]
        default:
            if lock.checking {
                lock.notice = .info("checking the password…")
                return []
            }
            if let wait = secondsToWait(lock) {
                lock.password.set("")
                lock.notice = .error("too many wrong passwords: wait \(wait) s before the next try")
                return []
            }
            let typed = lock.password.text
            guard !typed.isEmpty else {
                lock.notice = .hint("type your password for \(session.user), then press Enter")
                return []
            }
            lock.password.set("")
            lock.checking = true
            lock.notice = .info("checking the password…")
            return [.checkPassword(typed)]
        }
    }

    /// The answer to a password check: unlock, or say it was wrong and count it.
    mutating func passwordChecked(_ accepted: Bool) -> [Effect] {
        guard var lock else { return [] }
        if accepted {
            // Back to exactly the pane, overlay, fields and message underneath.
            self.lock = nil
            return []
        }
        lock.checking = false
        lock.failures += 1
        lock.password.set("")
        if lock.failures >= LockState.triesBeforeWait {
            lock.retryAt = now.addingTimeInterval(TimeInterval(LockState.waitSeconds))
            lock.notice = .error("wrong password, \(lock.failures) times: wait \(LockState.waitSeconds) s before the next try")
        } else {
            let left = LockState.triesBeforeWait - lock.failures
            lock.notice = .error("wrong password: try again (\(left) more " + (left == 1 ? "try" : "tries")
                                 + " before a \(LockState.waitSeconds)-second wait)")
        }
        self.lock = lock
        return []
    }

    // MARK: Drawing

    /// The lock screen: the top line (who is logged in) and a box; nothing of the pane underneath.
    func renderLocked(_ buffer: inout ScreenBuffer, _ layout: ShellLayout, _ lock: LockState) {
        renderTopLine(&buffer, layout.top)
        let inside = Box.frame(&buffer, layout.pane, title: "Locked").inset(dx: 1, dy: 0)
        let width = min(inside.width - 2, 66)
        let textWidth = max(1, width - 4)
        let why: String
        switch lock.reason {
        case .idle(let minutes):
            why = "Locked after \(minutes) minute\(minutes == 1 ? "" : "s") without a key press."
        case .key:
            let parts = CentreTime.calendar.dateComponents([.hour, .minute], from: lock.since)
            why = "Locked at " + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0) + " (lock key)."
        }
        var quit = "or F10 to quit."
        if pane == .form, form?.isChanged == true { quit = "or F10 to quit (the unsaved changes to the form would be lost)." }
        let words = Box.wrap(why + " Type your password for \(session.user) and press Enter to unlock, " + quit, width: textWidth)
        var status: Span?
        if let wait = secondsToWait(lock) {
            status = Span("Too many wrong passwords: try again in \(wait) s", Style(.warning))
        } else if lock.checking {
            status = Span("Checking the password…", Style(.muted))
        } else if lock.retryAt != nil {
            status = Span("You may try again.", Style(.muted))
        }
        let height = words.count + 4 + (status == nil ? 0 : 2)
        let box = inside.centred(Size(width: width, height: height))
        buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
        let content = Box.frame(&buffer, box, title: "Screen locked · \(session.user)", style: Style(.frame),
                                titleStyle: Style(.title)).inset(dx: 1, dy: 0)
        for (row, line) in words.enumerated() { buffer.line(line, in: content, row: row) }
        let label = "Password "
        let fieldRow = words.count + 1
        buffer.put(label, x: content.x, y: content.y + fieldRow, limit: content.width, style: Style(.title))
        let labelWidth = CellWidth.of(label)
        let field = Rect(x: content.x + labelWidth, y: content.y + fieldRow, width: min(32, max(0, content.width - labelWidth)), height: 1)
        Self.masked(lock.password).render(into: &buffer, field, focused: true)
        if let status { buffer.put([status], in: content, row: fieldRow + 2) }
        let message = lock.notice ?? .hint("Locked: only who is logged in shows. Your own password unlocks; F10 quits.")
        MessageLine.render(into: &buffer, layout.message, message: message)
        FunctionKeyBar.render(into: &buffer, layout.bar, bindings: Self.lockBindings)
    }

    /// The password as drawn: one "•" per character, the cursor where it is.
    static func masked(_ field: TextField) -> TextField {
        var shown = TextField(String(repeating: "•", count: field.text.count))
        _ = shown.handle(.home)
        for _ in 0..<field.cursor { _ = shown.handle(.right) }
        return shown
    }
}
