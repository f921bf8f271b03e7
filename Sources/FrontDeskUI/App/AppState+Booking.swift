import Foundation
import FrontDeskDomain

/// The booking pane's keys and what they do (the state and drawing are in
/// Panes/BookingPane.swift).
extension AppState {
    /// `overbook`: the slot chosen was full and the person may overbook (officers and managers).
    public static func bookingBindings(typing: Bool, overbook: Bool = false) -> [KeyBinding] {
        if typing {
            return [
                KeyBinding([.enter], .applyFilters, label: "Slots", help: "show the free slots for these filters and go to them", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "leave without booking (back to where you were)", inBar: true),
                KeyBinding([.tab], .nextField, label: "Next", help: "the next field (service, site, clinician, am/pm, from), then the slots"),
                KeyBinding([.backTab], .previousField, label: "Previous", help: "the previous field"),
                KeyBinding([.down], .nextChoice, label: "Next choice",
                           help: "the next service, site or clinician (am/pm: any, am, pm; from: a day later)"),
                KeyBinding([.up], .previousChoice, label: "Previous choice", help: "the previous one (from: a day earlier)"),
            ]
        }
        var list = [
            KeyBinding([.enter], .openSelected, label: "Choose",
                       help: "book the selected slot: a summary to complete (priority, attendance, referral, transport, note) and confirm",
                       inBar: true),
        ]
        if overbook {
            list.append(KeyBinding([.char("o")], .overbook, label: "Overbook",
                                   help: "officers and managers, when the slot chosen was full: book it beyond its capacity, with a reason (audited)",
                                   inBar: true))
        }
        return list + [
            KeyBinding([.escape], .back, label: "Cancel", help: "leave without booking (back to where you were)", inBar: true),
            KeyBinding([.down], .moveDown, label: "Down", help: "select the next (later) slot"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous (earlier) slot"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
            KeyBinding([.home], .first, label: "First", help: "select the earliest slot"),
            KeyBinding([.end], .last, label: "Last", help: "select the last slot listed"),
            KeyBinding([.tab], .nextField, label: "Filters", help: "to the fields: service, site, clinician, am/pm, from"),
            KeyBinding([.backTab], .previousField, label: "Filters", help: "to the last field (from)"),
            KeyBinding([.ctrl("f"), .char("/")], .focusSearch, label: "Service", help: "to the service field"),
        ]
    }

    /// Opens the booking pane for a patient (a rebooking when `rebooking` is given).
    mutating func startBooking(patientID: Int64?, reference: String, label: String, service: String?,
                               rebooking: RebookContext?, returnsTo: PaneID) -> [Effect] {
        var state = BookingPaneState(patientID: patientID, reference: reference, patientLabel: label, rebooking: rebooking,
                                     returnsTo: returnsTo)
        state.setup = clinicsPane.setup
        state.from.set(today.display)
        if let service { state.service.set(service) }
        state.focus = service == nil ? .service : .slots
        booking = state
        pane = .booking
        message = .hint(service == nil ? "type the service (code or name; ↑↓ choose): free slots show as you type"
                        : "choose a slot with ↑↓ and press Enter; Tab changes the filters")
        var effects: [Effect] = []
        if clinicsPane.setup == nil { effects.append(.loadClinicSetup) }
        return effects + reloadSlots(quietly: true)
    }

    /// The slot query the fields ask for, or the field that is wrong and why.
    func slotQuery() -> Result<SlotQuery, FilterError<BookingPaneState.Focus>> {
        guard let state = booking else { return .failure(FilterError(.service, FieldError(field: "service", reason: "no booking is open"))) }
        let service: String
        switch DiaryChoice.service.resolve(state.service.text, setup: state.setup) {
        case .success(let code?): service = code
        case .success(nil): return .failure(FilterError(.service, FieldError(field: "service", reason: "is required: type a code or a name (↑↓ choose)")))
        case .failure(let problem): return .failure(FilterError(.service, problem))
        }
        var codes: [String?] = []
        for focus in [BookingPaneState.Focus.site, .clinician] {
            switch focus.choice!.resolve(state[field: focus].text, setup: state.setup) {
            case .success(let code): codes.append(code)
            case .failure(let problem): return .failure(FilterError(focus, problem))
            }
        }
        var part: DayPart?
        let typedPart = state.dayPart.text.trimmingCharacters(in: .whitespaces).lowercased()
        if !typedPart.isEmpty && typedPart != "any" {
            guard let parsed = DayPart(parsing: typedPart) else {
                return .failure(FilterError(.dayPart, FieldError(field: "am/pm", reason: "must be am, pm or blank (any time)")))
            }
            part = parsed
        }
        var from = today
        let typedFrom = state.from.text.trimmingCharacters(in: .whitespaces)
        if !typedFrom.isEmpty && typedFrom.lowercased() != "today" {
            guard let day = LocalDate.parse(typedFrom) else {
                return .failure(FilterError(.from, FieldError(field: "from", reason: "is not a date: type it as \(LocalDate.acceptedFormats) (blank is today)")))
            }
            from = day
        }
        // Only slots this patient could take: none overlapping their other appointments.
        return .success(SlotQuery(serviceCode: service, from: from, siteCode: codes[0], clinicianCode: codes[1], dayPart: part,
                                  limit: BookingPaneState.limit, patientID: state.patientID,
                                  movingAppointment: state.rebooking?.appointment.id))
    }

    /// Asks for the slots the fields name; `quietly`: a field being typed that names nothing yet is not an error.
    mutating func reloadSlots(quietly: Bool = false) -> [Effect] {
        guard var state = booking else { return [] }
        switch slotQuery() {
        case .failure(let wrong):
            let (focus, problem) = (wrong.focus, wrong.problem)
            if !quietly {
                state.errorField = focus
                message = .error(problem.description)
            }
            booking = state
            return []
        case .success(let query):
            state.errorField = nil
            state.generation += 1
            booking = state
            return [.slots(generation: state.generation, query)]
        }
    }

    /// The booking pane's own actions; nil for the global ones.
    mutating func performInBooking(_ action: Action) -> [Effect]? {
        guard var state = booking else { return nil }
        let count = state.slots.count
        switch action {
        case .moveDown: state.position.move(by: 1, count: count)
        case .moveUp: state.position.move(by: -1, count: count)
        case .pageDown: state.position.move(by: bookingPageRows, count: count)
        case .pageUp: state.position.move(by: -bookingPageRows, count: count)
        case .first: state.position.moveTo(0, count: count)
        case .last: state.position.moveTo(count - 1, count: count)
        case .nextField, .previousField:
            let all = BookingPaneState.Focus.allCases
            let index = all.firstIndex(of: state.focus) ?? 0
            let next = all[(index + (action == .nextField ? 1 : all.count - 1)) % all.count]
            if state.focus != .slots, case .failure(let found) = slotQuery(), found.focus == state.focus {
                let (wrong, problem) = (found.focus, found.problem)
                state.errorField = wrong
                booking = state
                message = .error(problem.description)
                return []
            }
            if next == .slots { return performInBooking(.applyFilters) }
            state.focus = next
            message = nil
        case .focusSearch:
            state.focus = .service
            message = nil
        case .applyFilters:
            let effects = reloadSlots()
            if let wrong = booking?.errorField { booking?.focus = wrong; return effects }
            booking?.focus = .slots
            message = nil
            return effects
        case .nextChoice, .previousChoice:
            let delta = action == .nextChoice ? 1 : -1
            switch state.focus {
            case .from:
                let day = LocalDate.parse(state.from.text) ?? today
                state.from.set(day.adding(days: delta).display)
            case .dayPart:
                let parts = ["", "am", "pm"]
                let now = parts.firstIndex(of: state.dayPart.text.trimmingCharacters(in: .whitespaces).lowercased()) ?? 0
                state.dayPart.set(parts[(now + delta + parts.count) % parts.count])
            case .service, .site, .clinician:
                let choice = state.focus.choice!
                let code = choice.step(state[field: state.focus].text, by: delta, setup: state.setup, allowAll: state.focus != .service)
                state[field: state.focus] = TextField(code)
                message = .hint(code.isEmpty ? "any \(choice.rawValue)" : "\(code): \(choice.name(code, setup: state.setup))")
            case .slots:
                break
            }
            state.taken = nil
            state.full = nil
            booking = state
            return reloadSlots(quietly: true)
        case .openSelected:
            guard let slot = state.selected else {
                message = .hint(state.shown == nil ? "type the service first" : "no slot is selected: change the filters (Tab)")
                return []
            }
            let confirm = confirmState(for: slot, state)
            overlay = .confirmBooking(confirm)
            message = confirmHint(confirm)
        case .overbook:
            guard let full = state.full else {
                message = .hint("o overbooks only a slot that was found full")
                return []
            }
            guard session.permissions.contains(.overbookSlot) else {
                message = .error("overbook: only an officer or a manager may overbook a full slot")
                return []
            }
            overlay = .overbook(OverbookDialogState(confirm: full))
            message = .hint("say why the slot is overbooked (5 to 200 characters); Enter " + (state.rebooking == nil ? "books it" : "moves the appointment into it"))
        case .back:
            booking = nil
            pane = resolvedReturn(state.returnsTo)
            message = .info(state.rebooking == nil ? "nothing booked" : "not moved: appointment \(state.rebooking!.appointment.id) is as it was")
            return []
        default:
            return nil
        }
        state.position.reveal(visible: bookingPageRows, count: count)
        booking = state
        return []
    }

    /// Keys that are no binding: typed into the focused field (the slots are read again as you type).
    mutating func typeInBooking(_ key: Key) -> [Effect] {
        guard var state = booking else { return [] }
        guard state.focus != .slots else {
            if case .char = key { message = .hint("Enter books the selected slot; Tab changes the filters; F1 lists the keys") }
            return []
        }
        var field = state[field: state.focus]
        let before = field.text
        guard field.handle(key) else { return [] }
        state[field: state.focus] = field
        guard field.text != before else { booking = state; return [] }
        if state.errorField == state.focus { state.errorField = nil; message = nil }
        state.taken = nil
        state.full = nil
        booking = state
        return reloadSlots(quietly: true)
    }

    mutating func slotsFound(generation: Int, _ result: Result<[Slot], DeskFailure>) -> [Effect] {
        guard var state = booking, generation == state.generation else { return [] }
        state.shownGeneration = generation
        switch result {
        case .success(let slots):
            state.shown = try? slotQuery().get()
            let previous = state.selected?.id
            state.slots = slots
            state.failure = nil
            state.position.moveTo(previous.flatMap { id in slots.firstIndex { $0.id == id } } ?? 0, count: slots.count)
            state.position.reveal(visible: bookingPageRows, count: slots.count)
        case .failure(let failure):
            state.slots = []
            state.failure = failure.message
            if pane == .booking { message = .error(failure.message) }
        }
        booking = state
        return []
    }

    /// The summary for a slot: a rebooking starts from the moved appointment's details; a
    /// booking from the service's attendance; either from the choices of the last summary.
    func confirmState(for slot: Slot, _ state: BookingPaneState) -> BookingConfirmState {
        let serviceAttendance = state.setup?.service(slot.serviceCode)?.attendance
        if let old = state.rebooking?.appointment, state.draft == nil {
            var confirm = BookingConfirmState(slot: slot, rebooking: true, attendance: old.attendance)
            confirm.serviceAttendance = serviceAttendance
            confirm.priority = old.priority
            confirm.referral = old.referralSource
            confirm.transport = old.transport
            confirm.mobility = old.mobility
            confirm.note = TextField(old.note ?? "")
            return confirm
        }
        guard let draft = state.draft else { return BookingConfirmState(slot: slot, attendance: serviceAttendance) }
        var confirm = draft.carried(to: slot)
        if draft.slot.serviceCode != slot.serviceCode {
            confirm.attendance = serviceAttendance
            confirm.serviceAttendance = serviceAttendance
        }
        return confirm
    }

    /// The message line while the summary is open: what the field with the keys takes.
    func confirmHint(_ confirm: BookingConfirmState) -> Message {
        let hint = fieldHint(confirm)
        return confirm.rebooking ? .hint(hint.text.replacingOccurrences(of: "Enter books", with: "Enter moves it")) : hint
    }

    func fieldHint(_ confirm: BookingConfirmState) -> Message {
        switch confirm.focus {
        case .priority:
            return .hint("priority: routine, urgent or 2WW · ↑↓ choose · Tab next field · Enter books")
        case .attendance:
            let service = confirm.serviceAttendance.map { " (the service's: \(BookingConfirmState.label(.attendance, $0.rawValue)))" } ?? ""
            return .hint("attendance: first or follow-up\(service) · ↑↓ choose")
        case .referral:
            return .hint("referral (optional): GP, consultant, self, nurse, screening, other · ↑↓")
        case .transport:
            if confirm.transport == .hospital && confirm.mobility == nil {
                return .hint("hospital transport: Tab, then choose the mobility (required)")
            }
            return .hint("transport: none, own way or hospital transport (booked by the desk) · ↑↓")
        case .mobility:
            return .hint("mobility, required with hospital transport: walking, wheelchair, stretcher")
        case .note:
            return .hint("note (optional): type up to \(BookingConfirmState.noteLimit) characters · Enter books")
        }
    }

    /// Whether o (overbook) is offered: the slot chosen was found full, and the person may overbook.
    var canOverbook: Bool {
        guard let state = booking else { return false }
        return state.full != nil && state.focus == .slots && session.permissions.contains(.overbookSlot)
    }

    /// Enter in the summary: book (or rebook) the slot.
    mutating func confirmBooking(_ confirm: BookingConfirmState) -> [Effect] {
        guard let state = booking else { overlay = nil; return [] }
        if confirm.saving { message = .info("booking…"); return [] }
        var saving = confirm
        saving.saving = true
        overlay = .confirmBooking(saving)
        message = .info(confirm.rebooking ? "moving…" : "booking…")
        if let old = state.rebooking {
            return [.rebook(appointmentID: old.appointment.id, slotID: confirm.slot.id, by: old.by, reason: old.reason, text: old.text,
                            changes: confirm.details, overbookReason: nil)]
        }
        return [.book(confirm.request(patient: state.reference))]
    }

    /// The answer to `.book` and `.rebook`.
    mutating func booked(_ result: Result<BookingResult, DeskFailure>) -> [Effect] {
        var confirming: BookingConfirmState?
        var overbooking: OverbookDialogState?
        switch overlay {
        case .confirmBooking(let confirm)?: confirming = confirm
        case .overbook(let dialog)?: overbooking = dialog; confirming = dialog.confirm
        default: break
        }
        overlay = nil
        guard var state = booking else { return [] }
        switch result {
        case .success(let done):
            let a = done.appointment
            let verb = done.replaced != nil ? (a.overbookReason != nil ? "moved (overbooked) to " : "moved to ")
                : (a.overbookReason != nil ? "overbooked " : "booked ")
            var text = verb + "\(a.serviceCode) \(a.whenText) with \(a.clinicianCode) at \(a.siteCode)"
                + " for \(state.patientLabel) (appointment \(a.id))"
            if let old = done.replaced { text += "; appointment \(old.id) is \(old.status.label)" }
            if !done.tasks.isEmpty { text += " · tasks: " + done.tasks.map(\.description).joined(separator: "; ") }
            message = .success(text)
            booking = nil
            pane = resolvedReturn(state.returnsTo)
            var effects: [Effect] = []
            if let id = record?.patient.id, id == a.patientID { effects.append(.patientAppointments(patientID: id)) }
            if clinicsPane.shown != nil { effects += reloadClinics(quietly: true) }
            // Knock-on: a moved appointment of a treatment course may break the rules of the steps around it.
            if let old = done.replaced { effects.append(.courseKnockOn(appointmentIDs: [old.id, a.id])) }
            return effects
        case .failure(let failure):
            if var dialog = overbooking {
                // The reason (or another rule) was refused: the dialog stays, to correct it.
                dialog.saving = false
                overlay = .overbook(dialog)
                message = .error(failure.message)
                return []
            }
            if failure.slotFull {
                // Taken meanwhile (another desk): show the next free slots from it.
                state.slots = failure.alternatives
                state.position = ListPosition()
                state.focus = .slots
                if var full = confirming {
                    full.saving = false
                    full.errorField = nil
                    state.full = full
                    state.draft = full
                }
                let overbook = state.full != nil && session.permissions.contains(.overbookSlot)
                // One line at 80 columns.
                state.taken = failure.alternatives.isEmpty
                    ? "Slot just taken; no free slot follows it · " + (overbook ? "o overbooks it · " : "") + "Tab changes the filters"
                    : "Slot just taken at another desk · Enter books a free one" + (overbook ? " · o overbooks it" : "")
                state.generation += 1
                state.shownGeneration = state.generation
                booking = state
                message = .warning(failure.message)
                return []
            }
            if var confirm = confirming,
               let field = failure.fieldErrors.first.flatMap({ BookingConfirmState.Field(fieldName: $0.field) }) {
                // A field of the summary was refused: the summary stays, with the field marked.
                confirm.saving = false
                confirm.errorField = field
                if confirm.fields.contains(field) { confirm.focus = field }
                overlay = .confirmBooking(confirm)
                booking = state
                message = .error(failure.message)
                return []
            }
            booking = state
            message = .error(failure.message)
            return []
        }
    }
}
