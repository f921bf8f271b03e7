import Foundation
import FrontDeskDomain

/// What a rebooking carries: the appointment being moved, and who cancelled
/// it and why when it is still booked.
public struct RebookContext: Hashable, Sendable {
    public var appointment: Appointment
    public var by: CancelledBy?
    public var reason: CancellationReason?
    public var text: String?
    public init(appointment: Appointment, by: CancelledBy? = nil, reason: CancellationReason? = nil, text: String? = nil) {
        self.appointment = appointment; self.by = by; self.reason = reason; self.text = text
    }
}

/// Booking one appointment for one patient (opened from the record with b,
/// or from the to-be-booked list): the service, filters (site, clinician,
/// morning or afternoon, from a date) and the next free slots, which are
/// read again as the filters change. Enter on a slot shows a summary; Enter
/// there books. A slot taken meanwhile at another desk shows the next free ones.
public struct BookingPaneState: Hashable, Sendable {
    /// Where the keys go; Tab goes through the fields in this order after the slots.
    public enum Focus: Int, Hashable, Sendable, CaseIterable {
        case slots, service, site, clinician, dayPart, from

        public var fieldName: String {
            switch self {
            case .slots: return "slot"
            case .service: return "service"
            case .site: return "site"
            case .clinician: return "clinician"
            case .dayPart: return "am/pm"
            case .from: return "from"
            }
        }
        var choice: DiaryChoice? {
            switch self {
            case .service: return .service
            case .site: return .site
            case .clinician: return .clinician
            default: return nil
            }
        }
    }

    /// The patient's store id (nil when not known, e.g. from a task), hospital number and how the screens name them.
    public var patientID: Int64?
    public var reference: String
    public var patientLabel: String
    public var rebooking: RebookContext?

    public var service = TextField()
    public var site = TextField()
    public var clinician = TextField()
    /// Blank (any time), am or pm.
    public var dayPart = TextField()
    /// Blank: today.
    public var from = TextField()
    public var focus: Focus = .service
    public var errorField: Focus?
    public var setup: ClinicSetup?

    public var slots: [Slot] = []
    public var position = ListPosition()
    public var generation = 0
    public var shownGeneration = 0
    /// The query the slots answer.
    public var shown: SlotQuery?
    public var failure: String?
    /// Set when the slot chosen was taken meanwhile: the slots listed are the next free ones.
    public var taken: String?
    /// The summary of the slot that was found full (an officer may overbook it with o).
    public var full: BookingConfirmState?
    /// The choices made in the last summary (kept when it is left for another slot).
    public var draft: BookingConfirmState?
    /// Where Esc and a booking go back to.
    public var returnsTo: PaneID

    /// The most slots asked for at once.
    public static let limit = 30

    public init(patientID: Int64?, reference: String, patientLabel: String, rebooking: RebookContext?, returnsTo: PaneID) {
        self.patientID = patientID; self.reference = reference; self.patientLabel = patientLabel
        self.rebooking = rebooking; self.returnsTo = returnsTo
    }

    public var isTyping: Bool { focus != .slots }
    public var isLoading: Bool { generation != shownGeneration }
    public var selected: Slot? { slots.indices.contains(position.selected) ? slots[position.selected] : nil }

    public subscript(field focus: Focus) -> TextField {
        get {
            switch focus {
            case .service: return service
            case .site: return site
            case .clinician: return clinician
            case .dayPart: return dayPart
            case .from: return from
            case .slots: return TextField()
            }
        }
        set {
            switch focus {
            case .service: service = newValue
            case .site: site = newValue
            case .clinician: clinician = newValue
            case .dayPart: dayPart = newValue
            case .from: from = newValue
            case .slots: break
            }
        }
    }
}

extension AppState {
    // MARK: Drawing

    var bookingTitle: String {
        guard let booking else { return "Booking" }
        return (booking.rebooking == nil ? "Booking · " : "Rebooking · ") + booking.reference
    }

    /// Rows of slots the table shows: the pane less the patient, two lines of filters, the status and the heading.
    public var bookingPageRows: Int { max(1, size.height - 5 - 5) }

    static let slotColumns = [
        TableColumn("When", width: 27), TableColumn("Site", width: 12), TableColumn("Clinician"), TableColumn("Free", width: 4, alignRight: true),
    ]

    var bookingStatus: Span {
        guard let state = booking else { return Span("") }
        if let failure = state.failure { return Span("Error: " + failure, Style(.error)) }
        if let taken = state.taken { return Span(taken, Style(.warning)) }
        guard let shown = state.shown else {
            return Span(state.isLoading ? "Finding free slots…" : "Type a service (code or name, ↑↓ choose); the next free slots are listed", Style(.muted))
        }
        if state.slots.isEmpty {
            return Span(state.isLoading ? "Finding free slots…" : "No free \(shown.serviceCode) slot from \(shown.from.display) with these filters",
                        Style(.warning))
        }
        let count = state.slots.count >= BookingPaneState.limit ? "The next \(state.slots.count)" : "\(state.slots.count)"
        return Span("\(count) free \(shown.serviceCode) slot\(state.slots.count == 1 ? "" : "s") from \(shown.from.display) · Enter books"
                    + (state.isLoading ? " · finding…" : ""), Style(.muted))
    }

    func renderBooking(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard let state = booking, !inside.isEmpty else { return }
        var who = (state.rebooking == nil ? "Booking for " : "Moving appointment \(state.rebooking!.appointment.id) "
                   + "(\(state.rebooking!.appointment.whenText)) of ") + state.patientLabel
        if state.patientLabel != state.reference { who += " · " + state.reference }
        buffer.line(CellWidth.truncate(who, to: inside.width), in: inside, row: 0, style: Style(.title, bold: true))
        var x = inside.x
        var y = inside.y + 1
        func field(_ label: String, _ focus: BookingPaneState.Focus, width: Int) {
            let error = state.errorField == focus
            let shown = (x == inside.x ? "" : "  ") + (error ? "✗ " : "") + label + " "
            let style = Style(error ? .error : (state.focus == focus ? .title : .normal))
            x += buffer.put(shown, x: x, y: y, limit: max(0, inside.maxX - x), style: style)
            let cells = min(width, max(0, inside.maxX - x))
            var text = state[field: focus]
            if text.isEmpty && state.focus != focus && focus != .service {
                text = TextField(focus == .from ? "today" : (focus == .dayPart ? "any" : "any"))
            }
            text.render(into: &buffer, Rect(x: x, y: y, width: cells, height: 1), focused: state.focus == focus && overlay == nil)
            x += cells
        }
        field("Service", .service, width: 16)
        if let code = (try? DiaryChoice.service.resolve(state.service.text, setup: state.setup).get()) ?? nil {
            buffer.put("  " + DiaryChoice.service.name(code, setup: state.setup), x: x, y: y, limit: max(0, inside.maxX - x), style: Style(.muted))
        }
        x = inside.x
        y += 1
        field("Site", .site, width: 10)
        field("Clinician", .clinician, width: 12)
        field("am/pm", .dayPart, width: 4)
        field("From", .from, width: 12)
        let status = bookingStatus
        buffer.line(CellWidth.truncate(status.text, to: inside.width), in: inside, row: 3, style: status.style)
        let rows = state.slots.map { slot in
            TableRow([slot.whenText, slot.siteCode, DiaryChoice.clinician.name(slot.clinicianCode, setup: state.setup) + " (\(slot.clinicianCode))",
                      "\(slot.free)"])
        }
        var position = state.position
        Table.render(into: &buffer, Rect(x: inside.x, y: inside.y + 4, width: inside.width, height: max(0, inside.height - 4)),
                     columns: Self.slotColumns, rows: rows, position: &position, selectionVisible: state.focus == .slots)
    }
}
