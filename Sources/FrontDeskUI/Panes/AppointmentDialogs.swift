import Foundation
import FrontDeskDomain

/// An appointment as a dialog lists it, with who it is for (only the hospital
/// number for a restricted record).
public struct ListedAppointment: Hashable, Sendable {
    public var appointment: Appointment
    /// `SMITH, John (Mr)`, or `restricted record`.
    public var patient: String
    public init(_ appointment: Appointment, _ patient: String) { self.appointment = appointment; self.patient = patient }

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

/// The summary shown before a booking is made: Enter books.
public struct BookingConfirmState: Hashable, Sendable {
    public var slot: Slot
    public var priority: Priority = .routine
    public var saving = false
    public init(slot: Slot) { self.slot = slot }
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
                row("Priority", old.appointment.priority.label + " (as before)")
            } else {
                lines.append([Span("  " + CellWidth.pad("Priority", to: 11), Style(.muted))]
                             + Priority.allCases.flatMap { p in
                                 [Span(p == state.priority ? "▸ \(p.label) " : "  \(p.label) ", Style(p == state.priority ? .selection : .normal)), Span(" ")]
                             })
            }
            lines.append([])
            lines.append(keys([("Enter", state.saving ? "booking…" : "book it")] + (booking.rebooking == nil ? [("↑↓", "priority")] : [])
                              + [("Esc", "back to the slots")]))
            dialog(&buffer, area, title: booking.rebooking == nil ? "Confirm booking" : "Confirm rebooking", lines: lines)
        default:
            break
        }
    }

    /// Draws a dialog's text field after its label.
    private func placeField(_ field: TextField, after label: String, _ buffer: inout ScreenBuffer, _ area: Rect) {
        guard let at = buffer.find(label) else { return }
        let x = at.x + CellWidth.of(label)
        field.render(into: &buffer, Rect(x: x, y: at.y, width: max(0, min(40, area.maxX - x - 2)), height: 1), focused: true)
    }
}
