import Foundation
import FrontDeskDomain

/// The appointment dialogs (check-in confirmation, cancel, undo or
/// reinstate, walk-in, booking summary) and the patient record's
/// appointments section with its keys (b book, r rebook, c cancel).
extension AppState {
    // MARK: Dialog keys

    static func appointmentOverlayBindings(_ overlay: Overlay) -> [KeyBinding] {
        let quit = KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true)
        switch overlay {
        case .checkIn:
            return [
                KeyBinding([.enter], .confirm, label: "Confirmed",
                           help: "the address, phones and GP are confirmed with the patient (the next patient checked in follows)", inBar: true),
                KeyBinding([.function(8)], .editPatient, label: "Correct",
                           help: "correct the details: opens the patient's edit form (the change is audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Later", help: "close; the check-in stands (confirm the details later)", inBar: true),
                quit,
            ]
        case .cancelAppointments(let state):
            return [
                KeyBinding([.enter], .confirm, label: state.purpose == .cancel ? "Cancel it" : "Choose slot",
                           help: "cancel with the reason chosen (for a rebooking: then choose the new slot)", inBar: true),
                KeyBinding([.down], .nextChoice, label: "Next reason", help: "choose the next reason"),
                KeyBinding([.up], .previousChoice, label: "Previous reason", help: "choose the previous reason"),
                KeyBinding([.tab, .backTab], .switchParty, label: "Patient/hospital", help: "cancelled by the patient, or by the hospital"),
                KeyBinding([.escape], .back, label: "Keep", help: "keep the appointment as it is", inBar: true),
                quit,
            ]
        case .appointmentReason:
            return [
                KeyBinding([.enter], .confirm, label: "Confirm", help: "undo (or reinstate) with the reason typed (audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Leave it", help: "change nothing", inBar: true),
                quit,
            ]
        case .walkIn:
            return [
                KeyBinding([.enter], .confirm, label: "Add", help: "add the walk-in to today's clinic, arrived now", inBar: true),
                KeyBinding([.tab], .nextField, label: "Next", help: "the next field (patient, service, clinician)"),
                KeyBinding([.backTab], .previousField, label: "Previous", help: "the previous field"),
                KeyBinding([.down], .nextChoice, label: "Next choice", help: "the next service or clinician"),
                KeyBinding([.up], .previousChoice, label: "Previous choice", help: "the previous service or clinician"),
                KeyBinding([.escape], .back, label: "Cancel", help: "add nothing", inBar: true),
                quit,
            ]
        case .confirmBooking(let state):
            var list = [
                state.rebooking
                    ? KeyBinding([.enter], .confirm, label: "Move",
                                 help: "move the appointment to this slot with what the summary shows (the old appointment's details, as changed)",
                                 inBar: true)
                    : KeyBinding([.enter], .confirm, label: "Book",
                                 help: "book it with what the summary shows (a slot just taken at another desk shows the next free ones)", inBar: true),
                KeyBinding([.tab], .nextField, label: "Next field",
                           help: "the next field: priority, attendance, referral, transport, mobility (with hospital transport), note"),
                KeyBinding([.backTab], .previousField, label: "Previous field", help: "the previous field"),
            ]
            if !state.isTyping {
                list += [
                    KeyBinding([.down], .nextChoice, label: "Next choice",
                               help: "the next choice of the field (a letter or digit picks the choice that starts with it)"),
                    KeyBinding([.up], .previousChoice, label: "Previous choice", help: "the previous choice of the field"),
                ]
            }
            return list + [
                KeyBinding([.escape], .back, label: "Back",
                           help: "back to the slots, nothing \(state.rebooking ? "moved" : "booked") (the choices are kept for the next slot)",
                           inBar: true),
                quit,
            ]
        case .overbook:
            return [
                KeyBinding([.enter], .confirm, label: "Overbook",
                           help: "book beyond the slot's capacity with the reason typed (5 to 200 characters; audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Don't", help: "do not overbook: back to the next free slots", inBar: true),
                quit,
            ]
        case .closeTask(let state):
            return [
                state.status == .done
                    ? KeyBinding([.enter], .confirm, label: "Done", help: "mark the task done, with the note if one is typed", inBar: true)
                    : KeyBinding([.enter], .confirm, label: "Cancel task", help: "cancel the task with the note typed (required: say why)",
                                 inBar: true),
                KeyBinding([.escape], .back, label: "Leave it", help: "leave the task open", inBar: true),
                quit,
            ]
        case .cancelSession:
            return [
                KeyBinding([.enter], .confirm, label: "Cancel session",
                           help: "cancel the session with the reason typed (5 to 200 characters; audited): its booked appointments "
                               + "are cancelled by the hospital and listed for rebooking", inBar: true),
                KeyBinding([.escape], .back, label: "Keep it", help: "keep the session as it is", inBar: true),
                quit,
            ]
        case .help, .likelyDuplicates, .confirmDiscard, .breakGlass, .staffActive, .merge, .confirmCourse, .courseOverride, .stopCourse,
             .courseBooked, .itinerary, .courseReplan, .bookingPreferences, .sharingConsent, .caseNotes:
            return []
        }
    }

    /// Keys that are no binding in a dialog with a text field: typed into it. Returns false for other dialogs.
    mutating func typeInAppointmentOverlay(_ key: Key, _ overlay: Overlay) -> Bool {
        switch overlay {
        case .cancelAppointments(var state):
            if state.text.handle(key) { self.overlay = .cancelAppointments(state) }
            return true
        case .appointmentReason(var state):
            if state.text.handle(key) { self.overlay = .appointmentReason(state) }
            return true
        case .overbook(var state):
            if !state.saving, state.text.handle(key) { self.overlay = .overbook(state) }
            return true
        case .closeTask(var state):
            if !state.saving, state.note.handle(key) { self.overlay = .closeTask(state) }
            return true
        case .cancelSession(var state):
            if !state.saving, state.text.handle(key) { self.overlay = .cancelSession(state) }
            return true
        case .confirmBooking(var state):
            guard !state.saving else { return true }
            if state.focus == .note {
                if state.note.handle(key) {
                    if state.errorField == .note { state.errorField = nil }
                    self.overlay = .confirmBooking(state)
                }
            } else if case .char(let character) = key {
                if state.pick(character) {
                    self.overlay = .confirmBooking(state)
                    message = confirmHint(state)
                } else {
                    message = .hint("\(state.focus.fieldName): ↑↓ choose (or type the first letter); Tab to the note to type words")
                }
            }
            return true
        case .walkIn(var state):
            var field = state[field: state.focus]
            if field.handle(key) {
                state[field: state.focus] = field
                if state.error == WalkInState.fieldNames[state.focus] { state.error = nil }
                self.overlay = .walkIn(state)
            }
            return true
        default:
            return false
        }
    }

    /// A binding pressed in an appointment dialog.
    mutating func handleAppointmentOverlay(_ binding: KeyBinding, _ overlay: Overlay) -> [Effect] {
        if binding.action == .quit { self.overlay = nil; return perform(.quit) }
        switch overlay {
        case .checkIn(let queue):
            guard let first = queue.first, let patient = first.confirm else { self.overlay = nil; return [] }
            let rest = Array(queue.dropFirst())
            switch binding.action {
            case .confirm:
                self.overlay = rest.isEmpty ? nil : .checkIn(rest)
                message = .success("details confirmed with \(patient.displayName) (\(patient.mrn))")
            case .editPatient:
                self.overlay = nil
                form = PatientForm(purpose: .edit(patient))
                formReturnsTo = pane == .record && record?.patient.id == patient.id ? .record : .clinics
                pane = .form
                message = .hint("correct what the patient told you and save with Ctrl-S"
                                + (rest.isEmpty ? "" : " (\(rest.count) more checked in: confirm them from the clinic list)"))
            default:
                self.overlay = rest.isEmpty ? nil : .checkIn(rest)
                message = .info("\(patient.displayName) is checked in; details not confirmed yet")
            }
            return []
        case .cancelAppointments(var state):
            switch binding.action {
            case .nextChoice, .previousChoice:
                let reasons = state.reasons
                let index = reasons.firstIndex(of: state.reason) ?? 0
                state.reason = reasons[(index + (binding.action == .nextChoice ? 1 : reasons.count - 1)) % reasons.count]
                self.overlay = .cancelAppointments(state)
            case .switchParty:
                state.by = state.by == .patient ? .hospital : .patient
                if !state.reasons.contains(state.reason) { state.reason = state.reasons[0] }
                self.overlay = .cancelAppointments(state)
            case .confirm:
                if state.reason == .other && state.words == nil {
                    message = .error("text: is required when the reason is other: say why in a few words")
                    return []
                }
                self.overlay = nil
                message = nil
                switch state.purpose {
                case .cancel:
                    if pane == .clinics { clinicsPane.working = .cancel(by: state.by, reason: state.reason, text: state.words) }
                    return [.changeAppointments(.cancel(by: state.by, reason: state.reason, text: state.words),
                                                ids: state.appointments.map(\.appointment.id))]
                case .rebook:
                    guard let listed = state.appointments.first else { return [] }
                    let a = listed.appointment
                    let label = listed.patient == ListedAppointment.restricted ? a.patientMRN : listed.patient
                    return startBooking(patientID: a.patientID, reference: a.patientMRN, label: label, service: a.serviceCode,
                                        rebooking: RebookContext(appointment: a, by: state.by, reason: state.reason, text: state.words),
                                        returnsTo: pane)
                }
            default:
                self.overlay = nil
                message = .info(state.purpose == .cancel ? "nothing cancelled" : "not moved")
            }
            return []
        case .appointmentReason(let state):
            guard binding.action == .confirm else {
                self.overlay = nil
                message = .info("nothing changed")
                return []
            }
            let why = state.text.text.trimmingCharacters(in: .whitespaces)
            guard !why.isEmpty else {
                message = .error("reason: is required: say why in a few words (audited)")
                return []
            }
            self.overlay = nil
            message = nil
            var effects: [Effect] = []
            if !state.reinstates.isEmpty { effects.append(.changeAppointments(.reinstate(reason: why), ids: state.reinstates)) }
            if !state.undoes.isEmpty { effects.append(.changeAppointments(.undo(reason: why), ids: state.undoes)) }
            return effects
        case .walkIn(var state):
            switch binding.action {
            case .nextField, .previousField:
                state.focus = (state.focus + (binding.action == .nextField ? 1 : 2)) % 3
                self.overlay = .walkIn(state)
            case .nextChoice, .previousChoice:
                guard state.focus > 0 else { return [] }
                let choice: DiaryChoice = state.focus == 1 ? .service : .clinician
                state[field: state.focus] = TextField(choice.step(state[field: state.focus].text,
                                                                  by: binding.action == .nextChoice ? 1 : -1,
                                                                  setup: clinicsPane.setup, allowAll: false))
                self.overlay = .walkIn(state)
            case .confirm:
                if state.saving { message = .info("adding…"); return [] }
                func refuse(_ field: Int, _ reason: String) -> [Effect] {
                    state.error = WalkInState.fieldNames[field]
                    state.focus = field
                    self.overlay = .walkIn(state)
                    message = .error("\(WalkInState.fieldNames[field]): \(reason)")
                    return []
                }
                let patient = state.patient.text.trimmingCharacters(in: .whitespaces)
                if patient.isEmpty { return refuse(0, "is required: type the hospital or NHS number") }
                var codes: [String] = []
                for (index, choice) in [(1, DiaryChoice.service), (2, .clinician)] {
                    switch choice.resolve(state[field: index].text, setup: clinicsPane.setup) {
                    case .success(let code?): codes.append(code)
                    case .success(nil): return refuse(index, "is required (↑↓ choose)")
                    case .failure(let problem): return refuse(index, problem.reason)
                    }
                }
                state.saving = true
                state.error = nil
                self.overlay = .walkIn(state)
                return [.walkIn(patient: patient, service: codes[0], clinician: codes[1], site: state.site)]
            default:
                self.overlay = nil
                message = .info("no walk-in added")
            }
            return []
        case .confirmBooking(var state):
            switch binding.action {
            case .nextChoice, .previousChoice:
                guard !state.saving else { return [] }
                state.step(by: binding.action == .nextChoice ? 1 : -1)
                self.overlay = .confirmBooking(state)
                message = confirmHint(state)
                return []
            case .nextField, .previousField:
                guard !state.saving else { return [] }
                state.move(forward: binding.action == .nextField)
                self.overlay = .confirmBooking(state)
                message = confirmHint(state)
                return []
            case .confirm:
                return confirmBooking(state)
            default:
                if state.saving { message = .info("booking…"); return [] }
                self.overlay = nil
                booking?.draft = state
                message = .info(state.rebooking ? "not moved: choose another slot, or Esc to leave" : "not booked: choose another slot, or Esc to leave")
                return []
            }
        case .overbook(var state):
            switch binding.action {
            case .confirm:
                if state.saving { message = .info("booking…"); return [] }
                let why = state.reason
                guard (5...200).contains(why.count) else {
                    message = .error("reason: must say why in 5 to 200 characters (e.g. consultant asked to see today)")
                    return []
                }
                guard let booking else { self.overlay = nil; return [] }
                state.saving = true
                self.overlay = .overbook(state)
                message = .info("overbooking…")
                if let old = booking.rebooking {
                    return [.rebook(appointmentID: old.appointment.id, slotID: state.confirm.slot.id, by: old.by, reason: old.reason,
                                    text: old.text, changes: state.confirm.details, overbookReason: why)]
                }
                return [.book(state.confirm.request(patient: booking.reference, overbookReason: why))]
            default:
                if state.saving { message = .info("booking…"); return [] }
                self.overlay = nil
                message = .info("not overbooked: choose one of the next free slots, or Esc to leave")
                return []
            }
        case .closeTask(var state):
            guard binding.action == .confirm else {
                if state.saving { message = .info("saving…"); return [] }
                self.overlay = nil
                message = .info("task \(state.task.id) left open")
                return []
            }
            if state.saving { message = .info("saving…"); return [] }
            if state.status == .cancelled && state.words == nil {
                message = .error("note: is required to cancel a task: say why")
                return []
            }
            if let words = state.words, words.count > TaskDialogState.noteLimit {
                message = .error("note: must be at most \(TaskDialogState.noteLimit) characters")
                return []
            }
            state.saving = true
            self.overlay = .closeTask(state)
            message = .info("saving…")
            return [.closeTask(id: state.task.id, status: state.status, note: state.words)]
        case .cancelSession(var state):
            guard binding.action == .confirm else {
                if state.saving { message = .info("cancelling…"); return [] }
                self.overlay = nil
                message = .info("session \(state.session.id) not cancelled")
                return []
            }
            if state.saving { message = .info("cancelling…"); return [] }
            guard (5...200).contains(state.reason.count) else {
                message = .error("reason: must say why in 5 to 200 characters (e.g. Dr Okafor on annual leave)")
                return []
            }
            state.saving = true
            self.overlay = .cancelSession(state)
            message = .info("cancelling the session…")
            return [.cancelSession(id: state.session.id, reason: state.reason)]
        case .help, .likelyDuplicates, .confirmDiscard, .breakGlass, .staffActive, .merge, .confirmCourse, .courseOverride, .stopCourse,
             .courseBooked, .itinerary, .courseReplan, .bookingPreferences, .sharingConsent, .caseNotes:
            return []
        }
    }

    // MARK: The record's appointments

    /// Future appointments (today on) earliest first, then past ones latest first.
    func orderedAppointments(_ list: PatientAppointments?) -> [AppointmentDetail] {
        guard let list else { return [] }
        func earlier(_ a: Appointment, _ b: Appointment) -> Bool {
            a.date != b.date ? a.date < b.date : (a.start != b.start ? a.start < b.start : a.id < b.id)
        }
        let future = list.appointments.filter { $0.appointment.date >= today }.sorted { earlier($0.appointment, $1.appointment) }
        let past = list.appointments.filter { $0.appointment.date < today }.sorted { earlier($1.appointment, $0.appointment) }
        return future + past
    }

    /// The appointments and open-tasks sections of the record, and the line of each appointment in them.
    func appointmentSections(_ state: RecordState, width: Int) -> (lines: [[Span]], rows: [Int]) {
        var lines: [[Span]] = [[], [Span("Appointments", Style(.header))]]
        var rows: [Int] = []
        if let failure = state.appointmentsFailure {
            lines.append([Span("  Not available: " + failure, Style(.warning))])
        } else if state.appointments == nil {
            lines.append([Span("  Reading appointments…", Style(.muted))])
        } else {
            let ordered = orderedAppointments(state.appointments)
            if ordered.isEmpty { lines.append([Span("  No appointments booked. b books one.", Style(.muted))]) }
            // Which course step each appointment holds (a change to it may break the course).
            var stepOf: [Int64: String] = [:]
            for course in state.courses ?? [] {
                for row in course.rows {
                    guard let id = row.appointment?.id else { continue }
                    stepOf[id] = "course \(course.course.id) · \(row.label), cycle \(row.step.cycle) (\(row.step.key))"
                }
            }
            var inPast = false
            for (index, detail) in ordered.enumerated() {
                let a = detail.appointment
                if index == 0 && a.date >= today { lines.append([Span("  Coming up", Style(.title))]) }
                if !inPast && a.date < today {
                    inPast = true
                    lines.append([Span("  Past", Style(.title))])
                }
                let focused = state.appointmentFocus == index
                // At 80 columns the list's short words; wider, the status and outcome in full.
                var status = Self.statusText(a)
                if width >= 96 {
                    status = a.status.label + (a.outcome.map { ", outcome \($0.rawValue) (\($0.label))" } ?? "")
                }
                let text = (focused ? "▸ " : "  ") + CellWidth.pad(a.date.display + " " + a.start.display, to: 17) + " "
                    + CellWidth.pad(a.serviceCode, to: 10) + " " + CellWidth.pad(a.clinicianCode, to: 10) + " "
                    + CellWidth.pad(a.siteCode, to: 9) + " " + CellWidth.pad(a.priority.label, to: 7) + " " + status
                rows.append(lines.count)
                lines.append([Span("  " + CellWidth.truncate(text, to: max(1, width - 2)),
                                   Style(focused ? .selection : (a.status.isCancelled ? .muted : .normal)))])
                if let step = stepOf[a.id] {
                    lines.append([Span("      " + CellWidth.truncate(step, to: max(1, width - 8)), Style(.title))])
                }
                for event in detail.trail {
                    let entry = "\(Self.localTime(event.at)) \(event.user) · \(event.action.rawValue.replacingOccurrences(of: "_", with: " ")): \(event.detail)"
                    for (offset, part) in Box.wrap(entry, width: max(10, width - 8)).enumerated() {
                        lines.append([Span(String(repeating: " ", count: offset == 0 ? 6 : 8) + part, Style(.muted))])
                    }
                }
            }
        }
        lines.append([])
        lines.append([Span("Open tasks", Style(.header))])
        let tasks = state.appointments?.openTasks ?? []
        if tasks.isEmpty { lines.append([Span(state.appointments == nil ? "  —" : "  none", Style(.muted))]) }
        let time = CentreTime.localNow(now).time
        for task in tasks {
            let overdue = task.isOverdue(today: today, now: time)
            let entry = (overdue ? "OVERDUE " : "") + "due \(task.dueText) · \(task.teamCode) · \(task.description)"
            for (offset, part) in Box.wrap(entry, width: max(10, width - 4)).enumerated() {
                lines.append([Span((offset == 0 ? "  " : "    ") + part, Style(overdue ? .overdue : .normal))])
            }
        }
        return (lines, rows)
    }

    /// r (in the record and the clinic list): move an appointment. A booked one asks who
    /// cancelled it and why first; a cancelled one goes straight to the booking pane.
    mutating func startRebook(_ listed: ListedAppointment, returnsTo: PaneID) -> [Effect] {
        let a = listed.appointment
        if let next = a.replacedByID {
            message = .error("appointment: appointment \(a.id) was already rebooked as appointment \(next)")
        } else if a.status == .booked {
            overlay = .cancelAppointments(CancelDialogState(appointments: [listed], purpose: .rebook))
            message = nil
        } else if a.status.isCancelled {
            let label = listed.patient == ListedAppointment.restricted ? a.patientMRN : listed.patient
            return startBooking(patientID: a.patientID, reference: a.patientMRN, label: label,
                                service: a.serviceCode, rebooking: RebookContext(appointment: a), returnsTo: returnsTo)
        } else {
            message = .error("appointment: \(a.status.label): only booked or cancelled ones can be rebooked")
        }
        return []
    }

    /// The record's keys for appointments and sections; nil for the others.
    mutating func performInRecord(_ action: Action) -> [Effect]? {
        guard var state = record else { return nil }
        let ordered = orderedAppointments(state.appointments)
        switch action {
        case .book:
            let patient = state.patient
            if let died = patient.dateOfDeath {
                message = .error("patient: \(patient.mrn) died on \(died.display): appointments cannot be booked")
                return []
            }
            return startBooking(patientID: patient.id, reference: patient.mrn, label: patient.displayName, service: nil,
                                rebooking: nil, returnsTo: .record)
        case .rebook, .cancelAppointment:
            guard let index = state.appointmentFocus, ordered.indices.contains(index) else {
                message = .hint("Tab to the appointments section and choose one with ↑↓ first")
                return []
            }
            let a = ordered[index].appointment
            let listed = ListedAppointment(a, state.patient.displayName)
            if action == .cancelAppointment {
                overlay = .cancelAppointments(CancelDialogState(appointments: [listed], purpose: .cancel))
                message = nil
                return []
            }
            return startRebook(listed, returnsTo: .record)
        case .merge:
            return startMerge()
        case .addConsent, .withdrawConsent:
            return startConsent(withdrawing: action == .withdrawConsent)
        case .moveNotes:
            return startNotesMove()
        case .sequence, .preferences, .replanCourse, .stopCourse:
            return performCourseInRecord(action)
        case .scrollDown, .scrollUp:
            guard let index = state.appointmentFocus else { state.sectionLine = nil; record = state; return nil }
            if action == .scrollUp && index == 0 {
                state.appointmentFocus = nil
                state.sectionLine = nil
                record = state
                return nil
            }
            state.appointmentFocus = max(0, min(ordered.count - 1, index + (action == .scrollDown ? 1 : -1)))
            record = state
            revealAppointment()
            return []
        case .nextField, .previousField:
            jumpRecordSection(forward: action == .nextField)
            return []
        case .first, .last, .pageUp, .pageDown:
            state.appointmentFocus = nil
            state.sectionLine = nil
            record = state
            return nil
        default:
            return nil
        }
    }

    /// Tab and Shift-Tab in the record: the next or previous section; at the
    /// appointments, the first appointment is chosen (↑↓ then move through them).
    mutating func jumpRecordSection(forward: Bool) {
        guard var state = record else { return }
        let content = recordContent(state)
        let headings = content.lines.enumerated()
            .filter { $0.element.count == 1 && $0.element[0].style.role == .header }.map(\.offset)
        let current = state.sectionLine ?? state.scroll
        guard let target = forward ? headings.first(where: { $0 > current }) : headings.last(where: { $0 < current }) else {
            if !forward { state.sectionLine = nil; state.appointmentFocus = nil; state.scroll = 0; record = state }
            return
        }
        state.sectionLine = target
        let isAppointments = content.lines[target].first?.text == "Appointments"
        state.appointmentFocus = isAppointments && !content.rows.isEmpty ? 0 : nil
        record = state
        scroll(by: target - state.scroll)
        if state.appointmentFocus != nil { revealAppointment() }
        message = state.appointmentFocus != nil ? .hint("↑↓ choose an appointment: r rebooks it, c cancels it; b books a new one") : nil
    }

    /// Scrolls the record so the chosen appointment and its trail are in view.
    mutating func revealAppointment() {
        guard let state = record, let index = state.appointmentFocus else { return }
        let content = recordContent(state)
        guard content.rows.indices.contains(index) else { return }
        let line = content.rows[index]
        let end = index + 1 < content.rows.count ? content.rows[index + 1] - 1 : line
        let height = recordBodyHeight(state.patient)
        var top = state.scroll
        if end >= top + height { top = end - height + 1 }
        if line < top { top = line }
        scroll(by: top - state.scroll)
    }

    mutating func patientAppointmentsLoaded(patientID: Int64, _ result: Result<PatientAppointments, DeskFailure>) -> [Effect] {
        guard var state = record, state.patient.id == patientID else { return [] }
        switch result {
        case .success(let list):
            state.appointments = list
            state.appointmentsFailure = nil
            if let focus = state.appointmentFocus {
                let count = orderedAppointments(list).count
                state.appointmentFocus = count == 0 ? nil : min(focus, count - 1)
            }
        case .failure(let failure):
            state.appointmentsFailure = failure.message
        }
        record = state
        // The courses follow the appointments: a change to one may break a course.
        return [.patientCourses(patientID: patientID)]
    }
}
