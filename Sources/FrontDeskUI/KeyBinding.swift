/// What a key does. Panes declare their bindings as data; the same list
/// dispatches keys, builds the function-key bar, the help overlay and
/// Docs/KEYS.md, so what is shown is always what works.
public struct KeyBinding: Hashable, Sendable {
    /// The keys, the first being the one shown in the bar.
    public var keys: [Key]
    public var action: Action
    /// The short label in the function-key bar ("Help", "Quit").
    public var label: String
    /// One line for the help overlay.
    public var help: String
    /// Shown in the bottom bar (only function keys and a few essentials are).
    public var inBar: Bool
    /// Shown in the bar only when there is room for it once every `inBar` key
    /// is shown (the panes one key away: F5, F6); the last of them give way first.
    public var inBarIfRoom = false

    public init(_ keys: [Key], _ action: Action, label: String, help: String, inBar: Bool = false) {
        self.keys = keys; self.action = action; self.label = label; self.help = help; self.inBar = inBar
    }

    /// "F1 or ?", as the help overlay writes the keys.
    public var keyNames: String { keys.map(\.description).joined(separator: ", ") }
}

/// Everything a key can ask the application to do.
public enum Action: String, Hashable, Sendable, CaseIterable {
    case help, patients, quit, back
    case focusSearch, focusResults, openSelected
    case moveUp, moveDown, pageUp, pageDown, first, last
    case newPatient, editPatient
    case nextField, previousField, save
    case scrollUp, scrollDown
    case confirm, saveAnyway
    case redraw
    case lock, unlock, settings
    /// The audit trail pane (F11), and running its report.
    case audit, runReport
    /// The clinics pane (F3), its filters and its lists.
    case clinics, applyFilters, nextChoice, previousChoice, previousDay, nextDay, toggleMark, toBeBookedList
    /// Changes of the marked appointments' status.
    case checkIn, attended, attendedLate, lateNotSeen, didNotAttend
    case outcomeDischarged, outcomeAnother, outcomeToBeBooked
    case cancelAppointment, undoAppointment, walkIn
    /// Booking from the record (or the to-be-booked list), and moving an appointment.
    case book, rebook
    /// Officers: book a full slot beyond its capacity, with a reason.
    case overbook
    /// In the cancel dialog: cancelled by the patient or by the hospital.
    case switchParty
    /// The clinics pane's tasks view (the open tasks of a team), the team shown, and closing a task.
    case tasksList, previousTeam, nextTeam, taskDone, cancelTask
    /// Officers: cancel the selected appointment's clinic session (its booked appointments go to be rebooked).
    case cancelSession
    /// F9: between the settings and the clinic set-up; in the set-up, the list shown,
    /// adding to it and generating sessions from the templates (managers).
    case switchSection, previousList, nextList, addEntry, generateSessions
    /// F9, the services list (managers): pharmacy screening on or off for the selected service.
    case pharmacyScreening
    /// F9: Shift-Tab, the section before; in the staff section, a person's teams,
    /// default site, and deactivating or reactivating them.
    case previousSection, changeTeams, defaultSite, toggleActive
    /// Officers: merge a duplicate record into the one open.
    case merge
    /// The sequence pane (F4, q in the record): plan and book a treatment course;
    /// in it, the alternatives of a step, pinning a step, an officer's override,
    /// the itinerary; in the record, the booking preferences and a course's re-plan.
    case sequence, alternatives, pin, overrideRule, itinerary, preferences, replanCourse, stopCourse
    /// The enquiries pane (F5): a new enquiry; in an open one, a fresh identity check,
    /// a note, a callback made or promised, referral, escalation and closing.
    case enquiries, newEnquiry, checkIdentity, addNote, calledBack, callbackLater, refer, escalate, closeEnquiry
    /// The record: record or withdraw a patient's consent to share with a relative or carer.
    case addConsent, withdrawConsent
    /// The record: move the patient's paper case notes.
    case moveNotes
    /// The checklist pane (F6): tick an item, defer it, take back a mark, sign the day off
    /// (officers), print/export it, and the case-note pull list (once case notes are tracked).
    case checklist, tickItem, deferItem, clearMark, signOff, exportChecklist, pullList, unsignedDays, outstandingOnly
}

/// The function-key bar: built from bindings, measured in cells, cut with "…".
/// When they do not all fit, the last one (quit) stays and the ones before it
/// give way, the cut marked with "…" in their place.
public enum FunctionKeyBar {
    public static func render(into buffer: inout ScreenBuffer, _ rect: Rect, bindings: [KeyBinding]) {
        let area = rect.row(0)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        func width(_ b: KeyBinding) -> Int { CellWidth.of(b.keys.first?.description ?? "") + 1 + CellWidth.of(b.label) }
        func total(_ list: [KeyBinding]) -> Int { list.map(width).reduce(0, +) + 2 * max(0, list.count - 1) }
        var shown = bindings.filter { $0.inBar || $0.inBarIfRoom }
        while total(shown) > area.width, let last = shown.lastIndex(where: { !$0.inBar }) { shown.remove(at: last) }
        if shown.count > 2, total(shown) > area.width, let last = shown.last {
            // Keep the first items that fit with "…" and the last item after them.
            var kept: [KeyBinding] = []
            for binding in shown.dropLast() {
                if total(kept + [binding, last]) + 3 > area.width { break }
                kept.append(binding)
            }
            if !kept.isEmpty {
                var x = area.x
                for (index, binding) in kept.enumerated() {
                    x += index == 0 ? 0 : 2
                    x += buffer.put(binding.keys.first?.description ?? "", x: x, y: area.y, limit: area.maxX - x, style: Style(.keyName))
                    x += buffer.put(" " + binding.label, x: x, y: area.y, limit: area.maxX - x, style: Style(.keyLabel))
                }
                x += buffer.put(" …", x: x, y: area.y, limit: area.maxX - x, style: Style(.muted))
                x += 2
                x += buffer.put(last.keys.first?.description ?? "", x: x, y: area.y, limit: area.maxX - x, style: Style(.keyName))
                buffer.put(" " + last.label, x: x, y: area.y, limit: area.maxX - x, style: Style(.keyLabel))
                return
            }
            shown = bindings.filter(\.inBar)
        }
        var x = area.x
        for (index, binding) in shown.enumerated() {
            let name = binding.keys.first?.description ?? ""
            let item = CellWidth.of(name) + 1 + CellWidth.of(binding.label)
            let gap = index == 0 ? 0 : 2
            if x + gap + item > area.maxX {
                // Not enough room: mark the cut with an ellipsis.
                let at = min(x + (index == 0 ? 0 : 1), area.maxX - 1)
                buffer.put("…", x: at, y: area.y, limit: area.maxX - at, style: Style(.muted))
                return
            }
            x += gap
            x += buffer.put(name, x: x, y: area.y, limit: area.maxX - x, style: Style(.keyName))
            x += buffer.put(" " + binding.label, x: x, y: area.y, limit: area.maxX - x, style: Style(.keyLabel))
        }
    }
}

/// The kind of message on the message line; each is written with a word
/// ("Error:", "Warning:") as well as a colour.
public enum MessageKind: String, Hashable, Sendable { case info, success, warning, error, hint }

public struct Message: Hashable, Sendable {
    public var kind: MessageKind
    public var text: String
    public init(_ kind: MessageKind, _ text: String) { self.kind = kind; self.text = text }
    public static func info(_ text: String) -> Message { Message(.info, text) }
    public static func error(_ text: String) -> Message { Message(.error, text) }
    public static func success(_ text: String) -> Message { Message(.success, text) }
    public static func warning(_ text: String) -> Message { Message(.warning, text) }
    public static func hint(_ text: String) -> Message { Message(.hint, text) }

    /// The words drawn, with a prefix naming the kind where colour would otherwise be the only signal.
    public var shown: String {
        switch kind {
        case .error: return "Error: " + text
        case .warning: return "Warning: " + text
        case .info, .success, .hint: return text
        }
    }
    public var style: Style {
        switch kind {
        case .error: return Style(.error)
        case .warning: return Style(.warning)
        case .success: return Style(.success)
        case .info: return .normal
        case .hint: return Style(.muted)
        }
    }
}

/// The message line: one line, what just happened or what is wrong.
public enum MessageLine {
    public static func render(into buffer: inout ScreenBuffer, _ rect: Rect, message: Message?) {
        let area = rect.row(0)
        guard !area.isEmpty else { return }
        buffer.fill(area)
        guard let message else { return }
        buffer.put(CellWidth.truncate(" " + message.shown, to: area.width), x: area.x, y: area.y, limit: area.width, style: message.style)
    }
}

/// The help overlay: every key of the current pane, from its bindings.
public enum HelpOverlay {
    static let keyColumn = 22

    /// The overlay's lines at `width` cells: a heading per section, then each
    /// binding's keys and its help, wrapped under itself when long.
    public static func lines(sections: [(String, [KeyBinding])], width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        let helpWidth = max(10, width - keyColumn)
        for (heading, bindings) in sections where !bindings.isEmpty {
            if !lines.isEmpty { lines.append([]) }
            lines.append([Span(heading, Style(.header))])
            for binding in bindings {
                let keys = binding.keyNames
                var wrapped = Box.wrap(binding.help, width: helpWidth)
                if CellWidth.of(keys) >= keyColumn {
                    lines.append([Span(keys, Style(.keyLabel, bold: true))])
                } else {
                    lines.append([Span(CellWidth.pad(keys, to: keyColumn), Style(.keyLabel, bold: true)),
                                  Span(wrapped.isEmpty ? "" : wrapped.removeFirst())])
                }
                for rest in wrapped { lines.append([Span(String(repeating: " ", count: keyColumn) + rest)]) }
            }
        }
        return lines
    }

    /// The box and its lines for an area.
    static func measure(_ area: Rect, sections: [(String, [KeyBinding])]) -> (box: Size, body: [[Span]], rows: Int) {
        // 76 columns at 80 wide; wider screens get a wider box (fewer wrapped lines).
        let boxWidth = min(area.width, max(76, area.width * 4 / 5))
        let body = lines(sections: sections, width: max(0, boxWidth - 4))
        let box = Size(width: boxWidth, height: min(area.height, body.count + 4))
        return (box, body, max(0, box.height - 3))
    }

    /// The furthest the help can scroll in `area`: its last line at the bottom.
    public static func maxScroll(in area: Rect, sections: [(String, [KeyBinding])]) -> Int {
        let measured = measure(area, sections: sections)
        return max(0, measured.body.count - measured.rows)
    }

    public static func render(into buffer: inout ScreenBuffer, _ area: Rect, title: String,
                              sections: [(String, [KeyBinding])], scroll: Int) {
        let (wanted, body, _) = measure(area, sections: sections)
        let box = area.centred(wanted)
        buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
        let inside = Box.frame(&buffer, box, title: "Help · " + title, style: Style(.frame), titleStyle: Style(.title))
        let content = inside.inset(dx: 1, dy: 0)
        let rows = max(0, content.height - 1)
        let first = min(max(0, scroll), max(0, body.count - rows))
        for (offset, spans) in body.dropFirst(first).prefix(rows).enumerated() {
            buffer.put(spans, in: content, row: offset)
        }
        let more = body.count - first - rows
        buffer.line(more > 0 ? "↓ \(more) more lines · Esc, F1 or ? closes help" : "Esc, F1 or ? closes help",
                    in: content, row: content.height - 1, style: Style(.muted))
    }
}
