import Foundation
import FrontDeskDomain

/// An appointment as a dialog lists it, with who it is for (only the hospital
/// number for a restricted record).
public struct ListedAppointment: Hashable, Sendable {
    public var appointment: Appointment
    /// `SMITH, John (Mr)`, or `restricted record`.
    public var patient: String
    public init(_ appointment: Appointment, _ patient: String) { self.appointment = appointment; self.patient = patient }

    /// How a restricted record's patient is listed.
    public static let restricted = "restricted record"

    /// `Tue 24-Nov-2026 09:40–10:00 onc_fu · SMITH, John (Mr) FD0000006`.
    public var line: String { "\(appointment.whenText) \(appointment.serviceCode) · \(patient) \(appointment.patientMRN)" }
}

/// Cancelling (or, before a rebooking, moving) appointments: who cancelled,
/// why (a coded reason) and words. Enter confirms.
public struct CancelDialogState: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case cancel
        /// Asked before a booked appointment is moved: then the slot is chosen.
        case rebook
    }
    public var appointments: [ListedAppointment]
    public var purpose: Purpose
    public var by: CancelledBy = .patient
    public var reason: CancellationReason
    /// Words: required for "other".
    public var text = TextField()

    public init(appointments: [ListedAppointment], purpose: Purpose) {
        self.appointments = appointments; self.purpose = purpose
        reason = Self.reasons(for: .patient)[0]
    }

    /// The coded reasons offered for who cancelled (a death is recorded on the record, not here).
    public static func reasons(for by: CancelledBy) -> [CancellationReason] {
        CancellationReason.codes(for: by).filter { $0 != .patientDied }
    }
    public var reasons: [CancellationReason] { Self.reasons(for: by) }
    public var words: String? { text.text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : text.text.trimmingCharacters(in: .whitespaces) }
}

/// An officer's undo or reinstatement: why (required, audited).
public struct ReasonDialogState: Hashable, Sendable {
    public var appointments: [ListedAppointment]
    public var text = TextField()
    public init(appointments: [ListedAppointment]) { self.appointments = appointments }

    /// Cancelled appointments are reinstated; the others have their last status undone.
    public var reinstates: [Int64] { appointments.filter { $0.appointment.status.isCancelled }.map(\.appointment.id) }
    public var undoes: [Int64] { appointments.filter { !$0.appointment.status.isCancelled }.map(\.appointment.id) }
}

/// A walk-in: the patient (hospital or NHS number), the service and the clinician.
public struct WalkInState: Hashable, Sendable {
    public var patient = TextField()
    public var service = TextField()
    public var clinician = TextField()
    /// 0 patient, 1 service, 2 clinician.
    public var focus = 0
    /// The site chosen in the clinic filters, if any.
    public var site: String?
    /// The field the last refusal named.
    public var error: String?
    public var saving = false
    public init() {}

    public static let fieldNames = ["patient", "service", "clinician"]

    public subscript(field index: Int) -> TextField {
        get { index == 0 ? patient : (index == 1 ? service : clinician) }
        set {
            switch index {
            case 0: patient = newValue
            case 1: service = newValue
            default: clinician = newValue
            }
        }
    }
}

/// The summary shown before a booking is made, with the rest of the booking
/// to choose: priority, first or follow-up attendance, source of referral,
/// transport (and mobility, with hospital transport only) and a note. Tab
/// moves between them, ↑↓ (or the first letter) choose, Enter books.
public struct BookingConfirmState: Hashable, Sendable {
    /// The fields, in Tab order.
    public enum Field: Int, Hashable, Sendable, CaseIterable {
        case priority, attendance, referral, transport, mobility, note

        /// As the booking service names it in a refusal.
        public var fieldName: String {
            switch self {
            case .priority: return "priority"
            case .attendance: return "attendance"
            case .referral: return "referral"
            case .transport: return "transport"
            case .mobility: return "mobility"
            case .note: return "note"
            }
        }
        public var label: String {
            switch self {
            case .priority: return "Priority"
            case .attendance: return "Attendance"
            case .referral: return "Referral"
            case .transport: return "Transport"
            case .mobility: return "Mobility"
            case .note: return "Note"
            }
        }
        /// The field a refusal names (`referral_source` and `source` are the referral).
        public init?(fieldName: String) {
            let name = fieldName.lowercased()
            if name == "referral_source" || name == "source" || name == "referral source" { self = .referral; return }
            guard let field = Field.allCases.first(where: { $0.fieldName == name }) else { return nil }
            self = field
        }
    }

    public var slot: Slot
    /// Moving an appointment: the fields start as the old appointment's, and can be changed.
    public var rebooking: Bool
    public var priority: Priority = .routine
    /// Nil: the service's (shown as such when the service is not known here).
    public var attendance: AttendanceKind?
    /// The service's own (first or follow-up), when known: the default.
    public var serviceAttendance: AttendanceKind?
    public var referral: ReferralSource?
    public var transport: TransportNeed = .none
    /// Required with hospital transport, and recorded only then.
    public var mobility: Mobility?
    public var note = TextField()
    public var focus: Field = .priority
    /// The field the last refusal named (drawn with ✗).
    public var errorField: Field?
    public var saving = false

    public init(slot: Slot, rebooking: Bool = false, attendance: AttendanceKind? = nil) {
        self.slot = slot; self.rebooking = rebooking; self.attendance = attendance; serviceAttendance = attendance
    }

    /// The most characters a note holds (the booking rule).
    public static let noteLimit = 500

    /// The fields Tab visits: mobility only with hospital transport.
    public var fields: [Field] { Field.allCases.filter { $0 != .mobility || transport == .hospital } }
    public var isTyping: Bool { focus == .note }
    public var words: String? {
        let text = note.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The choices of a field, in ↑↓ order, with how each is shown (nil: none chosen).
    public static func choices(_ field: Field) -> [String?] {
        switch field {
        case .priority: return Priority.allCases.map(\.rawValue)
        case .attendance: return AttendanceKind.allCases.map(\.rawValue)
        case .referral: return [nil] + ReferralSource.allCases.map(\.rawValue)
        case .transport: return TransportNeed.allCases.map(\.rawValue)
        case .mobility: return [nil] + Mobility.allCases.map(\.rawValue)
        case .note: return []
        }
    }

    public static func label(_ field: Field, _ value: String?) -> String {
        guard let value else { return field == .referral ? "not recorded" : "not chosen" }
        switch field {
        case .priority: return Priority(rawValue: value)?.label ?? value
        case .attendance: return AttendanceKind(rawValue: value) == .followUp ? "follow-up" : "first"
        case .referral: return ReferralSource(rawValue: value).map { "\($0.label) (\($0.rawValue))" } ?? value
        case .transport:
            switch TransportNeed(rawValue: value) {
            case .own?: return "own way"
            case .hospital?: return "hospital transport"
            default: return "none"
            }
        case .mobility, .note: return value
        }
    }

    public func value(_ field: Field) -> String? {
        switch field {
        case .priority: return priority.rawValue
        case .attendance: return attendance?.rawValue
        case .referral: return referral?.rawValue
        case .transport: return transport.rawValue
        case .mobility: return mobility?.rawValue
        case .note: return words
        }
    }

    mutating func setValue(_ field: Field, _ value: String?) {
        switch field {
        case .priority: priority = value.flatMap(Priority.init(rawValue:)) ?? .routine
        case .attendance: attendance = value.flatMap(AttendanceKind.init(rawValue:))
        case .referral: referral = value.flatMap(ReferralSource.init(rawValue:))
        case .transport:
            transport = value.flatMap(TransportNeed.init(rawValue:)) ?? .none
            // Mobility goes with hospital transport only.
            if transport != .hospital { mobility = nil }
        case .mobility: mobility = value.flatMap(Mobility.init(rawValue:))
        case .note: break
        }
        if errorField == field || (field == .transport && errorField == .mobility && transport != .hospital) { errorField = nil }
    }

    /// ↑↓ in a choice field: the next or previous choice.
    mutating func step(by delta: Int) {
        let choices = Self.choices(focus)
        guard !choices.isEmpty else { return }
        let now = choices.firstIndex(of: value(focus)) ?? (delta > 0 ? choices.count - 1 : 0)
        setValue(focus, choices[(now + delta + choices.count) % choices.count])
    }

    /// A letter or digit in a choice field: the next choice whose words start with it.
    mutating func pick(_ character: Character) -> Bool {
        let choices = Self.choices(focus)
        guard !choices.isEmpty else { return false }
        let typed = String(character).lowercased()
        let now = choices.firstIndex(of: value(focus)) ?? -1
        for offset in 1...choices.count {
            let candidate = choices[(now + offset + choices.count) % choices.count]
            guard let candidate else { continue }
            let words = Self.label(focus, candidate).lowercased()
            let code = focus == .referral ? candidate : ""
            if words.hasPrefix(typed) || (!code.isEmpty && code.hasPrefix(typed)) {
                setValue(focus, candidate)
                return true
            }
        }
        return false
    }

    /// Tab and Shift-Tab.
    mutating func move(forward: Bool) {
        let list = fields
        let index = list.firstIndex(of: focus) ?? 0
        focus = list[(index + (forward ? 1 : list.count - 1)) % list.count]
    }

    /// The same choices for another slot (a slot taken meanwhile: the next one chosen).
    func carried(to slot: Slot) -> BookingConfirmState {
        var next = self
        next.slot = slot
        next.saving = false
        next.errorField = nil
        return next
    }

    /// What the appointment carries (a rebooking's changes).
    public var details: BookingDetails {
        BookingDetails(priority: priority, attendance: attendance, referralSource: referral, transport: transport,
                       mobility: transport == .hospital ? mobility : nil, note: words)
    }

    /// What is booked.
    public func request(patient: String, overbookReason: String? = nil) -> BookingRequest {
        BookingRequest(patient: patient, slotID: slot.id, priority: priority, attendance: attendance, referralSource: referral,
                       transport: transport, mobility: transport == .hospital ? mobility : nil, note: words,
                       overbookReason: overbookReason)
    }
}

/// Marking a task done (a note, optional) or cancelling it (a note saying why, required).
public struct TaskDialogState: Hashable, Sendable {
    public var task: DeskTask
    /// `.done` or `.cancelled`.
    public var status: DeskTask.Status
    public var note = TextField()
    public var saving = false
    public init(task: DeskTask, status: DeskTask.Status) { self.task = task; self.status = status }
    public var words: String? {
        let text = note.text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
    /// The most characters a note holds (the task rule).
    public static let noteLimit = 200
}

/// An officer cancels a clinic session: the session, its appointments still
/// booked (cancelled with it), and why (5 to 200 characters, audited).
public struct SessionCancelState: Hashable, Sendable {
    public var session: ClinicSession
    public var booked: [ClinicDayRow]
    public var text = TextField()
    public var saving = false
    public init(session: ClinicSession, booked: [ClinicDayRow]) { self.session = session; self.booked = booked }
    public var reason: String { text.text.trimmingCharacters(in: .whitespaces) }
}

/// An officer overbooks a full slot: why (5 to 200 characters, audited).
public struct OverbookDialogState: Hashable, Sendable {
    /// The booking as summarised, for the full slot.
    public var confirm: BookingConfirmState
    public var text = TextField()
    public var saving = false
    public init(confirm: BookingConfirmState) { self.confirm = confirm }
    public var reason: String { text.text.trimmingCharacters(in: .whitespaces) }
}

extension AppState {
    // MARK: Drawing the dialogs

    func renderAppointmentOverlay(_ overlay: Overlay, _ buffer: inout ScreenBuffer, _ area: Rect) {
        let width = max(10, min(area.width - 6, 70))
        func appointmentLines(_ list: [ListedAppointment]) -> [[Span]] {
            var lines = list.prefix(4).map { [Span("  " + CellWidth.truncate($0.line, to: width - 2))] }
            if list.count > 4 { lines.append([Span("  … and \(list.count - 4) more", Style(.muted))]) }
            return lines
        }
        func keys(_ pairs: [(String, String)]) -> [Span] {
            pairs.flatMap { [Span(" \($0.0) ", Style(.keyName)), Span(" \($0.1)   ")] }
        }
        switch overlay {
        case .checkIn(let queue):
            guard let detail = queue.first, let patient = detail.confirm else { return }
            let a = detail.appointment
            let address = [[patient.addressLine1, patient.addressLine2, patient.town].compactMap { $0 }.joined(separator: ", "),
                           patient.postcode?.value ?? ""].filter { !$0.isEmpty }.joined(separator: "  ")
            var lines: [[Span]] = [
                [Span("Checked in: \(a.start.display) \(a.serviceCode) with \(a.clinicianCode).", Style(.success))],
                [Span("Please confirm these details with the patient:", Style(.warning, bold: true))], [],
            ]
            func row(_ label: String, _ value: String) {
                lines.append([Span("  " + CellWidth.pad(label, to: 10), Style(.muted)),
                              Span(CellWidth.truncate(value.isEmpty ? "— none recorded" : value, to: width - 12))])
            }
            row("Address", address)
            if patient.phones.isEmpty { row("Phone", "") }
            for phone in patient.phones.prefix(3) { row("Phone", "\(phone.number) (\(phone.kind.rawValue))") }
            row("GP", patient.gpPractice.map { $0.code + ($0.name.map { "  " + $0 } ?? "") } ?? "")
            lines.append([])
            if queue.count > 1 { lines.append([Span("\(queue.count - 1) more checked in to confirm after this one.", Style(.muted))]) }
            lines.append(keys([("Enter", "confirmed"), ("F8", "correct them"), ("Esc", "later")]))
            dialog(&buffer, area, title: "Check in · \(patient.displayName) · \(patient.mrn)", lines: lines)
        case .cancelAppointments(let state):
            var lines: [[Span]] = [[Span(state.purpose == .cancel
                ? (state.appointments.count == 1 ? "Cancel this appointment?" : "Cancel these \(state.appointments.count) appointments?")
                : "Move this appointment: why is it being moved?", Style(.warning, bold: true))]]
            lines += appointmentLines(state.appointments)
            // A course step: what the change breaks is shown next, with the re-plan.
            let chosen = Set(state.appointments.map(\.appointment.id))
            var courseSet = Set<Int64>()
            for course in record?.courses ?? [] where course.rows.contains(where: { chosen.contains($0.appointment?.id ?? -1) }) {
                courseSet.insert(course.course.id)
            }
            let courseSteps = courseSet.sorted()
            if !courseSteps.isEmpty {
                lines.append([Span("A step of course " + courseSteps.map(String.init).joined(separator: ", ")
                                   + ": FrontDesk then shows what this breaks and the re-plan.", Style(.warning))])
            }
            lines.append([])
            lines.append([Span("Cancelled by: ", Style(.title)),
                          Span(state.by == .patient ? "▸ patient " : "  patient ", Style(state.by == .patient ? .selection : .normal)),
                          Span("  "),
                          Span(state.by == .hospital ? "▸ hospital " : "  hospital ", Style(state.by == .hospital ? .selection : .normal)),
                          Span("   (Tab switches)", Style(.muted))])
            for reason in state.reasons {
                let chosen = reason == state.reason
                lines.append([Span(chosen ? " ▸ " : "   ", Style(chosen ? .selection : .normal)),
                              Span(CellWidth.pad(reason.label, to: 30), Style(chosen ? .selection : .normal))])
            }
            lines.append([Span(state.reason == .other ? "Why (required): " : "Words (optional): ", Style(.title))])
            lines.append([])
            lines.append(keys([("Enter", state.purpose == .cancel ? "cancel it" : "choose the new slot"), ("↑↓", "reason"), ("Esc", "keep it")]))
            dialog(&buffer, area, title: state.purpose == .cancel ? "Cancel appointment" : "Rebook appointment", lines: lines)
            placeField(state.text, after: state.reason == .other ? "Why (required): " : "Words (optional): ", &buffer, area)
        case .appointmentReason(let state):
            let verb = state.reinstates.isEmpty ? "Undo" : (state.undoes.isEmpty ? "Reinstate" : "Undo or reinstate")
            var lines: [[Span]] = [[Span("\(verb) (officers; audited):", Style(.warning, bold: true))]]
            for listed in state.appointments.prefix(4) {
                let what = listed.appointment.status.isCancelled ? "reinstate" : "undo \(listed.appointment.status.label)"
                lines.append([Span("  " + CellWidth.truncate("\(listed.line) — \(what)", to: width - 2))])
            }
            if state.appointments.count > 4 { lines.append([Span("  … and \(state.appointments.count - 4) more", Style(.muted))]) }
            lines += [[], [Span("Why (required): ", Style(.title))], [], keys([("Enter", verb.lowercased()), ("Esc", "leave it")])]
            dialog(&buffer, area, title: verb, lines: lines)
            placeField(state.text, after: "Why (required): ", &buffer, area)
        case .walkIn(let state):
            var lines: [[Span]] = [[Span("Add a walk-in to today's clinic (\(today.display)): arrived now.", Style(.title))], []]
            let labels = ["Patient   ", "Service   ", "Clinician "]
            for (index, label) in labels.enumerated() {
                let wrong = state.error == WalkInState.fieldNames[index]
                lines.append([Span((wrong ? "✗ " : (index == state.focus ? "▸ " : "  ")) + label,
                                   Style(wrong ? .error : (index == state.focus ? .title : .normal)))])
            }
            lines.append([Span("  hospital or NHS number; service and clinician by code or name (↑↓ choose)", Style(.muted))])
            lines.append([])
            lines.append(keys([("Enter", "add"), ("Tab", "next field"), ("Esc", "cancel")]))
            dialog(&buffer, area, title: "Walk-in", lines: lines)
            for (index, label) in labels.enumerated() {
                if let at = buffer.find(label) {
                    let x = at.x + CellWidth.of(label)
                    state[field: index].render(into: &buffer, Rect(x: x, y: at.y, width: max(0, min(30, area.maxX - x - 2)), height: 1),
                                               focused: index == state.focus)
                }
            }
        case .confirmBooking(let state):
            guard let booking else { return }
            let slot = state.slot
            let setup = booking.setup
            var lines: [[Span]] = [[Span(booking.rebooking == nil ? "Book this appointment?" : "Move the appointment to this slot?",
                                         Style(.warning, bold: true))], []]
            func row(_ label: String, _ value: String) {
                lines.append([Span("  " + CellWidth.pad(label, to: 11), Style(.muted)), Span(CellWidth.truncate(value, to: width - 13))])
            }
            row("Patient", booking.patientLabel)
            row("Service", "\(slot.serviceCode) (\(DiaryChoice.service.name(slot.serviceCode, setup: setup)))")
            row("When", slot.whenText)
            row("Clinician", "\(DiaryChoice.clinician.name(slot.clinicianCode, setup: setup)) (\(slot.clinicianCode))")
            row("Site", "\(DiaryChoice.site.name(slot.siteCode, setup: setup)) (\(slot.siteCode))")
            if let old = booking.rebooking {
                row("Replaces", "appointment \(old.appointment.id): \(old.appointment.whenText)")
                if let reason = old.reason, let by = old.by { row("Why", "cancelled by the \(by.rawValue): \(reason.label)" + (old.text.map { " — \($0)" } ?? "")) }
            }
            lines.append([])
            lines += bookingFieldLines(state, width: width)
            lines.append([])
            let enter = state.rebooking ? (state.saving ? "moving…" : "move it") : (state.saving ? "booking…" : "book it")
            lines.append(keys([("Enter", enter), ("Tab", "next field"),
                               (state.focus == .note ? "type" : "↑↓", state.focus == .note ? "the note" : "choose"), ("Esc", "back")]))
            // A rebooking's two extra rows: the blank lines go first when the screen is short.
            while lines.count + 2 > area.height, let blank = lines.firstIndex(where: \.isEmpty) { lines.remove(at: blank) }
            let content = dialog(&buffer, area, title: booking.rebooking == nil ? "Confirm booking" : "Confirm rebooking", lines: lines)
            if let at = buffer.find(Self.noteMark) {
                let counter = " \(state.note.text.count)/\(BookingConfirmState.noteLimit)"
                let cells = max(1, content.maxX - at.x - CellWidth.of(counter))
                buffer.fill(Rect(x: at.x, y: at.y, width: CellWidth.of(Self.noteMark), height: 1), with: Cell(" ", style: Style(.dialog)))
                state.note.render(into: &buffer, Rect(x: at.x, y: at.y, width: cells, height: 1), focused: state.focus == .note && !state.saving)
                let over = state.note.text.count > BookingConfirmState.noteLimit
                buffer.put(counter, x: at.x + cells, y: at.y, limit: max(0, content.maxX - at.x - cells),
                           style: Style(over ? .error : .muted))
            }
        case .overbook(let state):
            let slot = state.confirm.slot
            let lines: [[Span]] = [
                [Span("This slot is full. Overbook it? (officers; audited)", Style(.warning, bold: true))],
                [Span("  " + CellWidth.truncate("\(slot.whenText) \(slot.serviceCode) with \(slot.clinicianCode) at \(slot.siteCode)", to: width - 2))],
                [Span("  " + CellWidth.truncate((booking?.rebooking.map { "moving appointment \($0.appointment.id) " } ?? "")
                                                + "for \(booking?.patientLabel ?? "") · \(slot.capacity) place\(slot.capacity == 1 ? "" : "s") in the slot, all taken",
                                                to: width - 2), Style(.muted))],
                [],
                [Span("Why (required, 5 to 200 characters): ", Style(.title))],
                [],
                [Span("  e.g. consultant asked to see today", Style(.muted))],
                [],
                keys([("Enter", state.saving ? "booking…" : "overbook it"), ("Esc", "do not overbook")]),
            ]
            let content = dialog(&buffer, area, title: "Overbook slot", lines: lines)
            if let at = buffer.find("Why (required, 5 to 200 characters): ") {
                state.text.render(into: &buffer, Rect(x: at.x + 2, y: at.y + 1, width: max(0, content.maxX - at.x - 2), height: 1),
                                  focused: !state.saving)
            }
        case .closeTask(let state):
            let task = state.task
            let done = state.status == .done
            let overdue = task.isOverdue(today: today, now: CentreTime.localNow(now).time) ? "OVERDUE · " : ""
            var lines: [[Span]] = [[Span(done ? "Mark this task done?" : "Cancel this task?", Style(.warning, bold: true))]]
            lines.append([Span("  " + CellWidth.truncate("\(Self.kindText(task.kind)) · \(task.patientMRN) · \(task.teamCode) · task \(task.id)",
                                                         to: width - 2))])
            lines.append([Span("  " + CellWidth.truncate("\(overdue)due \(task.dueText)", to: width - 2),
                               Style(overdue.isEmpty ? .normal : .overdue))])
            for part in Box.wrap(task.description, width: width - 4).prefix(3) { lines.append([Span("  " + part, Style(.muted))]) }
            let label = done ? "Note (optional): " : "Why (required): "
            lines += [[], [Span(label, Style(.title))], []]
            lines.append(keys([("Enter", state.saving ? "saving…" : (done ? "mark it done" : "cancel the task")), ("Esc", "leave it")]))
            dialog(&buffer, area, title: done ? "Task done" : "Cancel task", lines: lines)
            placeField(state.note, after: label, &buffer, area)
        case .cancelSession(let state):
            let s = state.session
            let setup = clinicsPane.setup
            var lines: [[Span]] = [
                [Span("Cancel this clinic session? (officers; audited)", Style(.warning, bold: true))],
                [Span("  " + CellWidth.truncate("\(DiaryChoice.service.name(s.serviceCode, setup: setup)) (\(s.serviceCode))", to: width - 2))],
                [Span("  " + CellWidth.truncate("\(DiaryChoice.clinician.name(s.clinicianCode, setup: setup)) (\(s.clinicianCode)) at "
                                                + "\(DiaryChoice.site.name(s.siteCode, setup: setup)) (\(s.siteCode))", to: width - 2))],
                [Span("  " + CellWidth.truncate("\(Self.dayText(s.date)) \(s.start.display)–\(s.end.display) · session \(s.id)", to: width - 2))],
                [],
            ]
            let count = state.booked.count
            if count == 0 {
                lines.append([Span("  No appointment is booked in it.", Style(.muted))])
            } else {
                lines.append([Span("  " + CellWidth.truncate("\(count) booked appointment\(count == 1 ? "" : "s") will be cancelled by the hospital",
                                                             to: width - 2))])
                lines.append([Span("  and listed for rebooking (a task each for the front desk):")])
                for row in state.booked.prefix(3) {
                    lines.append([Span("    " + CellWidth.truncate("\(row.appointment.start.display) \(row.patientText) \(row.appointment.patientMRN)",
                                                                   to: width - 4), Style(.muted))])
                }
                if count > 3 { lines.append([Span("    … and \(count - 3) more", Style(.muted))]) }
            }
            lines += [
                [],
                [Span(Self.sessionReasonLabel, Style(.title))],
                [],
                [Span("  e.g. Dr Okafor on annual leave", Style(.muted))],
                [],
                keys([("Enter", state.saving ? "cancelling…" : "cancel the session"), ("Esc", "keep it")]),
            ]
            // On a short screen the blank lines go first (never the one the reason is typed on).
            while lines.count + 2 > area.height, let blank = lines.indices.first(where: {
                lines[$0].isEmpty && ($0 == 0 || lines[$0 - 1].first?.text != Self.sessionReasonLabel)
            }) { lines.remove(at: blank) }
            let content = dialog(&buffer, area, title: "Cancel session", lines: lines)
            if let at = buffer.find(Self.sessionReasonLabel) {
                state.text.render(into: &buffer, Rect(x: at.x + 2, y: at.y + 1, width: max(0, content.maxX - at.x - 2), height: 1),
                                  focused: !state.saving)
            }
        default:
            break
        }
    }

    static let sessionReasonLabel = "Why (required, 5 to 200 characters): "

    /// Marks where the booking summary's note field goes (drawn over with the field).
    static let noteMark = "Note·field·"

    /// The booking summary's fields: the one with the keys marked ▸, one refused ✗, the choices
    /// side by side with the chosen one in brackets (a marker, not colour alone).
    func bookingFieldLines(_ state: BookingConfirmState, width: Int) -> [[Span]] {
        var lines: [[Span]] = []
        for field in BookingConfirmState.Field.allCases {
            let focused = state.focus == field && !state.saving
            let wrong = state.errorField == field
            let marker = wrong ? "✗ " : (focused ? "▸ " : "  ")
            var spans = [Span(marker + CellWidth.pad(field.label, to: 11), Style(wrong ? .error : (focused ? .title : .muted), bold: focused))]
            switch field {
            case .note:
                spans.append(Span(Self.noteMark))
            case .mobility where state.transport != .hospital:
                spans.append(Span("— only with hospital transport", Style(.muted)))
            case .referral:
                let value = state.referral?.rawValue
                spans.append(Span(state.referral == nil ? "— not recorded" : "[\(BookingConfirmState.label(.referral, value))]",
                                  Style(state.referral == nil ? .muted : .selection)))
                if focused { spans.append(Span("  (↑↓: 6 sources)", Style(.muted))) }
            default:
                for choice in BookingConfirmState.choices(field) {
                    guard let choice else { continue }
                    let chosen = state.value(field) == choice
                    let text = BookingConfirmState.label(field, choice)
                    spans.append(Span(chosen ? "[\(text)]" : " \(text) ", Style(chosen ? .selection : .normal)))
                    spans.append(Span(" "))
                }
                if field == .mobility && state.mobility == nil {
                    spans.append(Span("(required)", Style(wrong ? .error : .warning)))
                }
                if field == .attendance, let service = state.serviceAttendance, state.attendance != service {
                    spans.append(Span("(service: \(BookingConfirmState.label(.attendance, service.rawValue)))", Style(.muted)))
                }
            }
            lines.append(spans)
        }
        return lines
    }

    /// Draws a dialog's text field after its label.
    private func placeField(_ field: TextField, after label: String, _ buffer: inout ScreenBuffer, _ area: Rect) {
        guard let at = buffer.find(label) else { return }
        let x = at.x + CellWidth.of(label)
        field.render(into: &buffer, Rect(x: x, y: at.y, width: max(0, min(40, area.maxX - x - 2)), height: 1), focused: true)
    }
}
