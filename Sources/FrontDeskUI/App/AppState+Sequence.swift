import Foundation
import FrontDeskDomain

/// The sequence pane's keys and what they do (the state and drawing are in
/// Panes/SequencePane.swift), the course dialogs (confirm, override,
/// booked, itinerary, knock-on re-plan, booking preferences), and the
/// record's course keys (F4 or q, P, R).
extension AppState {
    // MARK: Keys

    /// F4 everywhere: the sequence pane for the record open (anything else says to open one first).
    static let sequenceGlobalBinding = KeyBinding([.function(4)], .sequence, label: "Sequence",
                                                  help: "sequence: plan and book a treatment course for the record open")

    /// The sequence pane's keys in each focus; `override`: the person may override a rule (officers and managers).
    public static func sequenceBindings(focus: SequencePaneState.Focus, override: Bool = false) -> [KeyBinding] {
        let back = KeyBinding([.escape], .back, label: "Back", help: "leave without booking (back to the record)", inBar: true)
        switch focus {
        case .protocolChoice:
            return [
                KeyBinding([.enter], .applyFilters, label: "Plan", help: "to the plan of the protocol chosen (it is planned as you choose)", inBar: true),
                back,
                KeyBinding([.down], .nextChoice, label: "Next protocol", help: "the next protocol in the list (planned at once)"),
                KeyBinding([.up], .previousChoice, label: "Previous protocol", help: "the previous protocol in the list"),
                KeyBinding([.tab], .nextField, label: "Start", help: "to the start date"),
                KeyBinding([.backTab], .previousField, label: "Plan", help: "to the plan's table"),
            ]
        case .start:
            return [
                KeyBinding([.enter], .applyFilters, label: "Plan", help: "plan from this date and go to the plan's table", inBar: true),
                back,
                KeyBinding([.tab], .nextField, label: "Plan", help: "to the plan's table"),
                KeyBinding([.backTab], .previousField, label: "Protocol", help: "to the protocol"),
                KeyBinding([.down], .nextChoice, label: "Day later", help: "the start a day later (planned at once)"),
                KeyBinding([.up], .previousChoice, label: "Day earlier", help: "the start a day earlier"),
            ]
        case .plan:
            return [
                KeyBinding([.enter, .char("b")], .book, label: "Book",
                           help: "book the whole course as planned: a summary to confirm with Y", inBar: true),
                KeyBinding([.char("a")], .alternatives, label: "Alternatives",
                           help: "the selected step's other free slots that keep the plan valid, each with its effect on the treatment date and visit days",
                           inBar: true),
                KeyBinding([.char("p")], .pin, label: "Pin", help: "pin the selected step to its slot (or unpin it) and plan again", inBar: true),
                back,
                KeyBinding([.down], .moveDown, label: "Down", help: "select the next step"),
                KeyBinding([.up], .moveUp, label: "Up", help: "select the previous step"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
                KeyBinding([.home], .first, label: "First", help: "select the first step"),
                KeyBinding([.end], .last, label: "Last", help: "select the last step"),
                KeyBinding([.tab], .nextField, label: "Protocol", help: "to the protocol (then the start date)"),
                KeyBinding([.backTab], .previousField, label: "Start", help: "to the start date"),
            ]
        case .alternatives:
            var list = [
                KeyBinding([.enter], .openSelected, label: "Pin here", help: "pin the step to the selected slot and plan again", inBar: true),
            ]
            if override {
                list.append(KeyBinding([.char("o")], .overrideRule, label: "Override",
                                       help: "officers and managers: book the step in the selected slot although it breaks a rule, with a reason (audited)",
                                       inBar: true))
            }
            return list + [
                KeyBinding([.escape], .back, label: "Back", help: "back to the plan, nothing changed", inBar: true),
                KeyBinding([.down], .moveDown, label: "Down", help: "select the next slot"),
                KeyBinding([.up], .moveUp, label: "Up", help: "select the previous slot"),
                KeyBinding([.home], .first, label: "First", help: "select the first slot"),
                KeyBinding([.end], .last, label: "Last", help: "select the last slot"),
            ]
        }
    }

    /// The course dialogs, by kind (their keys do not depend on what they show).
    public enum CourseDialog: Hashable, Sendable, CaseIterable {
        case confirm, override, booked, itinerary, replan, replanAdjusting, preferences, stop
    }

    static func courseOverlayBindings(_ overlay: Overlay) -> [KeyBinding] {
        switch overlay {
        case .confirmCourse: return courseDialogBindings(.confirm)
        case .courseOverride: return courseDialogBindings(.override)
        case .courseBooked: return courseDialogBindings(.booked)
        case .itinerary: return courseDialogBindings(.itinerary)
        case .courseReplan(let state): return courseDialogBindings(state.alternatives != nil ? .replanAdjusting : .replan)
        case .bookingPreferences: return courseDialogBindings(.preferences)
        case .stopCourse: return courseDialogBindings(.stop)
        default: return []
        }
    }

    public static func courseDialogBindings(_ dialog: CourseDialog) -> [KeyBinding] {
        let quit = KeyBinding([.function(10), .ctrl("q"), .ctrl("c")], .quit, label: "Quit", help: "quit FrontDesk", inBar: true)
        switch dialog {
        case .confirm:
            return [
                KeyBinding([.char("Y"), .char("y")], .confirm, label: "Book course",
                           help: "book every appointment and task of the course in one go (or nothing)", inBar: true),
                KeyBinding([.escape, .char("N"), .char("n")], .back, label: "Back", help: "back to the plan, nothing booked", inBar: true),
                quit,
            ]
        case .override:
            return [
                KeyBinding([.enter], .confirm, label: "Override", help: "put the step in this slot against the rule, with the reason typed (audited)",
                           inBar: true),
                KeyBinding([.escape], .back, label: "Don't", help: "back to the alternatives, nothing overridden", inBar: true),
                quit,
            ]
        case .booked:
            return [
                KeyBinding([.char("i")], .itinerary, label: "Itinerary",
                           help: "the course's itinerary for the patient (large print when the record's information need says so)", inBar: true),
                KeyBinding([.enter, .escape], .back, label: "Close", help: "back to the record, which lists the course", inBar: true),
                quit,
            ]
        case .itinerary:
            return [
                KeyBinding([.escape, .enter], .back, label: "Close", help: "close the itinerary", inBar: true),
                KeyBinding([.down], .scrollDown, label: "Down", help: "scroll down"),
                KeyBinding([.up], .scrollUp, label: "Up", help: "scroll up"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "scroll a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "scroll a page up"),
                quit,
            ]
        case .replanAdjusting:
                return [
                    KeyBinding([.enter], .openSelected, label: "Pin here", help: "put the step in the selected slot and re-plan the rest", inBar: true),
                    KeyBinding([.escape], .back, label: "Back", help: "back to the re-plan proposed", inBar: true),
                    KeyBinding([.down], .moveDown, label: "Down", help: "select the next slot"),
                    KeyBinding([.up], .moveUp, label: "Up", help: "select the previous slot"),
                    quit,
                ]
        case .replan:
            return [
                KeyBinding([.char("Y"), .char("y")], .confirm, label: "Accept",
                           help: "book the changes shown in one go (nothing, if the diary changed meanwhile: the new re-plan is shown)", inBar: true),
                KeyBinding([.char("a")], .alternatives, label: "Adjust",
                           help: "another slot for the selected change: slots that keep the course valid, then Enter pins it and re-plans", inBar: true),
                KeyBinding([.escape], .back, label: "Later",
                           help: "leave it for later: the record's Courses section keeps the warning, R re-opens the re-plan", inBar: true),
                KeyBinding([.down], .moveDown, label: "Down", help: "select the next change"),
                KeyBinding([.up], .moveUp, label: "Up", help: "select the previous change"),
                quit,
            ]
        case .stop:
            return [
                KeyBinding([.enter], .confirm, label: "Stop course",
                           help: "stop the chosen course: its appointments to come and open tasks are cancelled in one go (audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "change nothing", inBar: true),
                KeyBinding([.down], .moveDown, label: "Down", help: "the next course"),
                KeyBinding([.up], .moveUp, label: "Up", help: "the previous course"),
                quit,
            ]
        case .preferences:
            return [
                KeyBinding([.enter, .ctrl("s")], .save, label: "Save", help: "check every field and save (audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "change nothing", inBar: true),
                KeyBinding([.tab, .down], .nextField, label: "Next", help: "the next field"),
                KeyBinding([.backTab, .up], .previousField, label: "Previous", help: "the previous field"),
                quit,
            ]
        }
    }

    // MARK: Opening the pane

    /// F4 (and q in the record): the sequence pane for the record open.
    mutating func openSequence() -> [Effect] {
        if pane == .sequence { return [] }
        if pane == .form {
            message = .hint("save the form (Ctrl-S) or leave it (Esc) before planning a course")
            return []
        }
        guard let record else {
            message = .hint("open a patient's record first (F2, then Enter): a course is planned for one patient")
            return []
        }
        let patient = record.patient
        if let died = patient.dateOfDeath {
            message = .error("patient: \(patient.mrn) died on \(died.display): a course cannot be planned")
            return []
        }
        if let state = sequence, state.patientID == patient.id {
            pane = .sequence
            message = .hint("the plan as you left it, planned again on the diary as it is now")
            return replanCourse(quietly: true, force: true)
        }
        var state = SequencePaneState(patientID: patient.id, reference: patient.mrn, patientLabel: patient.displayName,
                                      returnsTo: pane == .sequence ? .record : (pane == .booking ? .record : pane))
        state.start.set(today.display)
        sequence = state
        pane = .sequence
        message = .hint("↑↓ choose the protocol · Tab the start date · Enter to the plan")
        return [.loadProtocols]
    }

    /// The request the fields ask for, or the start field's problem.
    func coursePlanRequest() -> Result<CoursePlanRequest, FieldError> {
        guard let state = sequence else { return .failure(FieldError(field: "protocol", reason: "no course is being planned")) }
        guard let chosen = state.chosenProtocol else {
            return .failure(FieldError(field: "protocol", reason: "no protocol is set up (a manager imports them)"))
        }
        let typed = state.start.text.trimmingCharacters(in: .whitespaces)
        var start = today
        if !typed.isEmpty && typed.lowercased() != "today" {
            guard let day = LocalDate.parse(typed) else {
                return .failure(FieldError(field: "start", reason: "is not a date: type it as \(LocalDate.acceptedFormats) (blank is today)"))
            }
            guard day >= today else {
                return .failure(FieldError(field: "start", reason: "\(day.display) is in the past: a course starts today or later"))
            }
            start = day
        }
        return .success(CoursePlanRequest(patient: state.reference, protocolCode: chosen.code, start: start, pins: state.pins,
                                          overrides: state.overrides.mapValues(\.id)))
    }

    /// Asks for the plan the fields name; `quietly`: a start date being typed is not an error yet.
    /// `force`: plan again even when the plan shown answers the same request (the diary may have changed).
    mutating func replanCourse(quietly: Bool = false, force: Bool = false) -> [Effect] {
        guard var state = sequence, state.chosenProtocol != nil else { return [] }
        switch coursePlanRequest() {
        case .failure(let problem):
            if !quietly { state.startError = problem.reason; message = .error(problem.description) }
            sequence = state
            return []
        case .success(let request):
            state.startError = nil
            if !force, state.failure == nil, !state.isPlanning, state.plan?.request == request {
                sequence = state
                return []
            }
            state.failure = nil
            state.generation += 1
            sequence = state
            return [.planCourse(generation: state.generation, request)]
        }
    }

    // MARK: The pane's keys

    mutating func performInSequence(_ action: Action) -> [Effect]? {
        guard var state = sequence else { return nil }
        switch (state.focus, action) {
        case (_, .back) where state.focus == .alternatives:
            state.focus = .plan
            state.alternatives = nil
            state.alternativesLoading = nil
            sequence = state
            message = .info("nothing changed: back to the plan")
            return []
        case (_, .back):
            pane = resolvedReturn(state.returnsTo)
            sequence = nil
            message = .info("no course booked")
            return []
        case (.protocolChoice, .nextChoice), (.protocolChoice, .previousChoice):
            guard let protocols = state.protocols, !protocols.isEmpty else { return [] }
            let delta = action == .nextChoice ? 1 : protocols.count - 1
            state.protocolIndex = (state.protocolIndex + delta) % protocols.count
            state.pins = [:]
            state.overrides = [:]
            state.overrideReason = nil
            state.position = ListPosition()
            sequence = state
            let chosen = protocols[state.protocolIndex]
            message = .hint("\(chosen.code): \(chosen.name) — planning…")
            return replanCourse(quietly: true)
        case (.start, .nextChoice), (.start, .previousChoice):
            let day = LocalDate.parse(state.start.text) ?? today
            state.start.set(day.adding(days: action == .nextChoice ? 1 : -1).display)
            sequence = state
            return replanCourse()
        case (.protocolChoice, .applyFilters), (.start, .applyFilters):
            let effects = replanCourse()
            guard sequence?.startError == nil else { sequence?.focus = .start; return effects }
            sequence?.focus = .plan
            message = .hint("↑↓ choose a step · a alternatives · p pin · Enter books the course")
            return effects
        case (_, .nextField), (_, .previousField):
            let order: [SequencePaneState.Focus] = [.protocolChoice, .start, .plan]
            let index = order.firstIndex(of: state.focus) ?? 2
            let next = order[(index + (action == .nextField ? 1 : 2)) % 3]
            if state.focus == .start {
                let effects = replanCourse()
                guard sequence?.startError == nil else { return effects }
                sequence?.focus = next
                message = nil
                return effects
            }
            state.focus = next
            sequence = state
            message = nil
            return []
        case (.plan, .moveDown), (.plan, .moveUp), (.plan, .pageDown), (.plan, .pageUp), (.plan, .first), (.plan, .last):
            let count = state.steps.count
            switch action {
            case .moveDown: state.position.move(by: 1, count: count)
            case .moveUp: state.position.move(by: -1, count: count)
            case .pageDown: state.position.move(by: sequencePageRows, count: count)
            case .pageUp: state.position.move(by: -sequencePageRows, count: count)
            case .first: state.position.moveTo(0, count: count)
            default: state.position.moveTo(count - 1, count: count)
            }
            state.position.reveal(visible: sequencePageRows, count: count)
            sequence = state
            return []
        case (.alternatives, .moveDown), (.alternatives, .moveUp), (.alternatives, .first), (.alternatives, .last):
            let count = state.alternatives?.options.count ?? 0
            switch action {
            case .moveDown: state.alternativesPosition.move(by: 1, count: count)
            case .moveUp: state.alternativesPosition.move(by: -1, count: count)
            case .first: state.alternativesPosition.moveTo(0, count: count)
            default: state.alternativesPosition.moveTo(count - 1, count: count)
            }
            sequence = state
            return []
        case (.plan, .pin):
            guard let step = state.selectedStep else { message = .hint("no plan to pin a step of"); return [] }
            guard step.kind == .appointment, let slot = step.slotID else {
                message = .error("pin: \(step.label) is a task for \(step.team ?? "a team"): only an appointment can be pinned to a slot")
                return []
            }
            if state.pins[step.key] != nil {
                state.pins[step.key] = nil
                message = .info("\(step.label), cycle \(step.cycle) unpinned: planning again")
            } else {
                state.pins[step.key] = slot
                state.overrides[step.key] = nil
                message = .info("\(step.label), cycle \(step.cycle) pinned to \(Self.dayText(step.date)) \(step.start?.display ?? "") (slot \(slot))")
            }
            sequence = state
            return replanCourse(quietly: true)
        case (.plan, .alternatives):
            guard let step = state.selectedStep, let request = try? coursePlanRequest().get() else {
                message = .hint("no plan: choose a protocol and a start date first")
                return []
            }
            guard step.kind == .appointment else {
                message = .error("alternatives: \(step.label) is a task for \(step.team ?? "a team"): it goes on the latest working day its rules allow")
                return []
            }
            state.alternativesGeneration += 1
            state.alternativesLoading = step.key
            state.alternatives = nil
            state.alternativesPosition = ListPosition()
            state.focus = .alternatives
            sequence = state
            message = .info("finding slots for \(step.label), cycle \(step.cycle) that keep the plan valid…")
            return [.courseAlternatives(generation: state.alternativesGeneration, request, step: step.key, breaking: canOverrideRule)]
        case (.alternatives, .openSelected):
            guard let option = state.selectedAlternative, let alternatives = state.alternatives else {
                message = .hint("no slot is selected: Esc back to the plan")
                return []
            }
            guard option.valid else {
                message = .error("slot \(option.slot.id): " + (option.problem ?? "breaks a rule")
                                 + (canOverrideRule ? " (o overrides it, with a reason)" : ""))
                return []
            }
            state.pins[alternatives.key] = option.slot.id
            state.overrides[alternatives.key] = nil
            state.focus = .plan
            state.alternatives = nil
            sequence = state
            message = .success("\(alternatives.label), cycle \(alternatives.key.cycle) pinned to \(option.slot.whenText): planning again")
            return replanCourse(quietly: true)
        case (.alternatives, .overrideRule):
            guard canOverrideRule else {
                message = .error("override: only an officer or a manager may book a step against a rule")
                return []
            }
            guard let option = state.selectedAlternative, let alternatives = state.alternatives else {
                message = .hint("no slot is selected")
                return []
            }
            if option.valid {
                message = .hint("this slot keeps every rule: Enter pins it, no override is needed")
                return []
            }
            overlay = .courseOverride(CourseOverrideState(key: alternatives.key, label: alternatives.label, slot: option.slot,
                                                          problem: option.problem, reason: state.overrideReason))
            message = .hint("say why the rule is overridden (5 to 200 characters, e.g. consultant agreed the shorter gap)")
            return []
        case (.plan, .book):
            guard let view = state.plan, let plan = view.plan, !state.isPlanning else {
                message = .hint(state.isPlanning ? "still planning: a moment" : "no plan to book: choose a protocol and a start date")
                return []
            }
            let pinned = state.pins.sorted { $0.key < $1.key }.compactMap { key, _ -> String? in
                plan.step(key).map { "\($0.label), cycle \($0.cycle): \(Self.dayText($0.date)) \($0.start?.display ?? "")" }
            }
            let overrideLines = state.overrides.sorted { $0.key < $1.key }.map { key, slot in
                "\(plan.step(key)?.label ?? key.step), cycle \(key.cycle) in \(slot.whenText) (\(slot.clinicianCode))"
            }
            overlay = .confirmCourse(CourseConfirmState(
                request: view.request, protocolLabel: "\(view.treatment.name) (\(view.treatment.code) v\(view.treatment.version))",
                patientLabel: state.patientLabel, steps: plan.steps.count,
                appointments: plan.steps.filter { $0.kind == .appointment }.count, tasks: plan.steps.filter { $0.kind == .task }.count,
                visitDays: plan.visitDays, first: plan.steps.map(\.date).min(), last: plan.steps.map(\.date).max(), pinned: pinned,
                overrides: state.overrides.mapValues(\.id), overrideLines: overrideLines, reason: state.overrideReason))
            message = .hint("Y books the whole course; Esc goes back to the plan")
            return []
        case (.plan, .applyFilters), (.plan, .nextChoice), (.plan, .previousChoice):
            return []
        case (_, .sequence):
            return []
        default:
            return nil
        }
    }

    /// Keys that are no binding: typed into the start date (planned as soon as it is a date).
    mutating func typeInSequence(_ key: Key) -> [Effect] {
        guard var state = sequence else { return [] }
        guard state.focus == .start else {
            if case .char = key {
                message = .hint(state.focus == .protocolChoice ? "↑↓ choose the protocol; Tab to the start date"
                                : "↑↓ choose · a alternatives · p pin · Enter books · F1 lists the keys")
            }
            return []
        }
        let before = state.start.text
        guard state.start.handle(key), state.start.text != before else { return [] }
        state.startError = nil
        sequence = state
        if message?.kind == .error { message = nil }
        return replanCourse(quietly: true)
    }

    // MARK: Answers

    mutating func protocolsLoaded(_ result: Result<[TreatmentProtocol], DeskFailure>) -> [Effect] {
        guard var state = sequence else { return [] }
        switch result {
        case .success(let list):
            state.protocols = list.sorted { $0.code < $1.code }
            state.protocolIndex = 0
            sequence = state
            return replanCourse(quietly: true)
        case .failure(let failure):
            state.protocols = []
            state.failure = failure.message
            sequence = state
            message = .error(failure.message)
            return []
        }
    }

    mutating func coursePlanned(generation: Int, _ result: Result<CoursePlanView, DeskFailure>) -> [Effect] {
        guard var state = sequence, generation == state.generation else { return [] }
        state.shownGeneration = generation
        switch result {
        case .success(let view):
            let previous = state.selectedStep?.key
            state.plan = view
            state.failure = nil
            let steps = view.plan?.steps ?? []
            state.position.moveTo(previous.flatMap { key in steps.firstIndex { $0.key == key } } ?? 0, count: steps.count)
            state.position.reveal(visible: sequencePageRows, count: steps.count)
            if pane == .sequence, view.plan == nil, overlay == nil {
                message = .warning("no plan can be made: the reason is shown in place of the plan")
            } else if pane == .sequence, overlay == nil, view.plan != nil, message?.text.hasSuffix("planning…") == true {
                // The "planning…" said when the protocol was chosen: now it is planned.
                message = .hint("\(view.treatment.code) planned · " + (state.focus == .plan
                    ? "↑↓ choose a step · a alternatives · p pin · Enter books the course"
                    : "Enter to the plan · ↑↓ another protocol · Tab the start date"))
            }
        case .failure(let failure):
            state.plan = nil
            state.failure = failure.message
            if pane == .sequence { message = .error(failure.message) }
        }
        sequence = state
        return []
    }

    mutating func courseAlternativesFound(generation: Int, _ result: Result<CourseAlternatives, DeskFailure>) -> [Effect] {
        if case .courseReplan(var dialog)? = overlay {
            guard generation == dialog.generation, dialog.loading != nil else { return [] }
            dialog.loading = nil
            switch result {
            case .success(let found):
                dialog.alternatives = found
                dialog.alternativesPosition = ListPosition()
                message = .hint(found.options.isEmpty ? "no other slot keeps the course valid: Esc back"
                                : "\(found.options.count) slot\(found.options.count == 1 ? "" : "s") keep the course valid: Enter pins one")
            case .failure(let failure):
                message = .error(failure.message)
            }
            overlay = .courseReplan(dialog)
            return []
        }
        guard var state = sequence, generation == state.alternativesGeneration, state.alternativesLoading != nil else { return [] }
        state.alternativesLoading = nil
        switch result {
        case .success(let found):
            state.alternatives = found
            state.alternativesPosition = ListPosition()
            state.focus = .alternatives
            let valid = found.options.filter(\.valid).count
            message = .hint(valid == 0 ? "no other slot from \(found.from.display) to \(found.through.display) keeps the plan valid"
                            : "\(valid) slot\(valid == 1 ? "" : "s") keep the plan valid: Enter pins one and plans again")
        case .failure(let failure):
            state.focus = .plan
            message = .error(failure.message)
        }
        sequence = state
        return []
    }

    mutating func courseBooked(_ result: Result<CourseBookedView, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let view):
            overlay = .courseBooked(view)
            message = .success("course \(view.courseID) booked: \(view.appointments) appointments and \(view.tasks) task"
                               + "\(view.tasks == 1 ? "" : "s") · i the itinerary for the patient")
            var effects: [Effect] = []
            if let id = record?.patient.id, record?.patient.mrn == view.patientMRN { effects.append(.patientAppointments(patientID: id)) }
            if clinicsPane.shown != nil { effects += reloadClinics(quietly: true) }
            return effects
        case .failure(let failure):
            if case .confirmCourse? = overlay { overlay = nil }
            message = .error(failure.message)
            // The diary may have changed: show the plan as it is now.
            return replanCourse(quietly: true, force: true)
        }
    }

    mutating func patientCoursesLoaded(patientID: Int64, _ result: Result<[CourseDetail], DeskFailure>) -> [Effect] {
        guard var state = record, state.patient.id == patientID else { return [] }
        // Without sequencing (or the permission) the record simply shows no courses.
        state.courses = (try? result.get()) ?? state.courses
        record = state
        // The enquiries follow (none asked for where enquiries are not available).
        var effects: [Effect] = []
        if enquiriesAvailable != false { effects.append(.enquiry(.forPatient(patientID: patientID, mrn: state.patient.mrn, reason: state.reason))) }
        if caseNotesAvailable != false { effects.append(.caseNotes(.forPatient(state.patient))) }
        return effects
    }

    mutating func courseReplanned(_ result: Result<CourseReplanView?, DeskFailure>) -> [Effect] {
        switch result {
        case .success(nil):
            return []
        case .success(let view?):
            if case .courseReplan(var dialog)? = overlay {
                dialog.view = view
                dialog.alternatives = nil
                dialog.loading = nil
                dialog.saving = false
                dialog.position.moveTo(dialog.position.selected, count: view.changes.count)
                overlay = .courseReplan(dialog)
                message = .hint(view.failure == nil ? "re-planned with your choice: Y books these changes" : "no re-plan with that choice")
                return []
            }
            guard view.isNeeded else {
                message = .info("course \(view.courseID) needs no re-plan: every step still meets its rules")
                return []
            }
            if overlay != nil {
                // Another dialog is open: the record's Courses section carries the warning.
                message = .warning("course \(view.courseID) (\(view.protocolName)) needs a re-plan: R on the record shows it")
                return []
            }
            overlay = .courseReplan(CourseReplanState(view: view))
            let what = view.problems.count == 1 ? "1 problem" : "\(view.problems.count) problems"
            message = .warning("course \(view.courseID) needs a re-plan (\(what)): Y books it · a adjusts · Esc later")
            return []
        case .failure(let failure):
            if case .courseReplan(var dialog)? = overlay {
                dialog.saving = false
                dialog.loading = nil
                overlay = .courseReplan(dialog)
            }
            message = .error(failure.message)
            return []
        }
    }

    mutating func replanApplied(_ result: Result<ReplanApplied, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let done):
            overlay = nil
            let booked = done.appointments.sorted { ($0.date, $0.start) < ($1.date, $1.start) }
            var text = "course \(done.courseID) re-planned: \(done.changes) change\(done.changes == 1 ? "" : "s") booked"
            if booked.count == 1, let a = booked.first {
                text += ": \(a.serviceCode) now \(Self.dayText(a.date)) \(a.start.display) (appointment \(a.id))"
            } else if !booked.isEmpty {
                text += " (appointments " + booked.map { "\($0.id) \($0.date.display) \($0.start.display)" }.joined(separator: ", ") + ")"
            }
            message = .success(text)
            var effects: [Effect] = []
            if let id = record?.patient.id, id == done.patientID { effects.append(.patientAppointments(patientID: id)) }
            if clinicsPane.shown != nil { effects += reloadClinics(quietly: true) }
            return effects
        case .failure(let failure):
            guard case .courseReplan(var dialog)? = overlay else { message = .error(failure.message); return [] }
            dialog.saving = false
            overlay = .courseReplan(dialog)
            message = .error(failure.message)
            // The diary changed meanwhile: show the re-plan as it is now.
            return [.replanCourse(course: dialog.view.courseID, pins: dialog.view.pins)]
        }
    }

    mutating func courseStopped(_ result: Result<CourseStoppedView, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let done):
            overlay = nil
            message = .success("course \(done.courseID) stopped: \(done.appointments) appointment\(done.appointments == 1 ? "" : "s") and "
                               + "\(done.tasks) task\(done.tasks == 1 ? "" : "s") cancelled")
            var effects: [Effect] = []
            if let id = record?.patient.id, id == done.patientID { effects.append(.patientAppointments(patientID: id)) }
            if clinicsPane.shown != nil { effects += reloadClinics(quietly: true) }
            return effects
        case .failure(let failure):
            if case .stopCourse(var state)? = overlay {
                state.saving = false
                overlay = .stopCourse(state)
            }
            message = .error(failure.message)
            return []
        }
    }

    mutating func itineraryLoaded(_ result: Result<Itinerary, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let itinerary):
            overlay = .itinerary(ItineraryState(itinerary))
            message = .info("itinerary of course \(itinerary.courseID) (recorded in the audit trail)"
                            + (itinerary.largePrint ? ": large print, " + (itinerary.largePrintReason ?? "asked for") : ""))
        case .failure(let failure):
            message = .error(failure.message)
        }
        return []
    }

    mutating func preferencesLoaded(_ result: Result<BookingPreferences, DeskFailure>) -> [Effect] {
        guard let record else { return [] }
        switch result {
        case .success(let preferences):
            overlay = .bookingPreferences(PreferencesFormState(patient: record.patient.mrn, patientLabel: record.patient.displayName, preferences))
            message = .hint("unavailable days: " + PreferencesFormState.hints[0])
        case .failure(let failure):
            message = .error(failure.message)
        }
        return []
    }

    mutating func preferencesSaved(_ result: Result<BookingPreferences, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let preferences):
            overlay = nil
            message = .success("booking preferences saved: " + preferences.summary)
            if let state = sequence, state.reference == record?.patient.mrn { return replanCourse(quietly: true, force: true) }
            return []
        case .failure(let failure):
            guard case .bookingPreferences(var form)? = overlay else { message = .error(failure.message); return [] }
            form.saving = false
            if let field = failure.fieldErrors.first?.field, let index = PreferencesFormState.names.firstIndex(of: field) {
                form.errorField = index
                form.errorText = failure.message
                form.focus = index
            }
            overlay = .bookingPreferences(form)
            message = .error(failure.message)
            return []
        }
    }

    // MARK: The record's course keys

    mutating func performCourseInRecord(_ action: Action) -> [Effect] {
        guard let state = record else { return [] }
        switch action {
        case .sequence:
            return openSequence()
        case .preferences:
            return [.loadPreferences(patient: state.patient.mrn)]
        case .replanCourse:
            guard let courses = state.courses, !courses.isEmpty else {
                message = .hint("this patient has no treatment course: F4 plans one")
                return []
            }
            guard let broken = courses.first(where: { $0.course.status == .active && !$0.problems.isEmpty }) else {
                message = .info("every course still meets its rules: nothing to re-plan")
                return []
            }
            message = .info("re-planning course \(broken.course.id)…")
            return [.replanCourse(course: broken.course.id, pins: [:])]
        case .stopCourse:
            let active = (state.courses ?? []).filter { $0.course.status == .active }
            guard !active.isEmpty else {
                message = .hint("this patient has no course in progress to stop")
                return []
            }
            let today = self.today
            overlay = .stopCourse(StopCourseState(choices: active.map { detail in
                StopCourseState.Choice(id: detail.course.id, name: detail.course.protocolName, start: detail.course.startDate,
                                       booked: detail.rows.filter { row in
                                           guard let a = row.appointment else { return false }
                                           return a.status == .booked && a.date >= today
                                       }.count)
            }))
            message = .hint("choose the course (↑↓), say why it stops, then Enter")
            return []
        default:
            return []
        }
    }

    // MARK: The dialogs' keys

    /// Keys that are no binding in a course dialog with a text field: typed into it. False for other dialogs.
    mutating func typeInCourseOverlay(_ key: Key, _ overlay: Overlay) -> Bool {
        switch overlay {
        case .courseOverride(var state):
            if state.reason.handle(key) {
                self.overlay = .courseOverride(state)
                // The reason is being corrected: the refusal no longer stands.
                if message?.kind == .error { message = .hint("say why the rule is overridden (5 to 200 characters), then Enter") }
            }
            return true
        case .stopCourse(var state):
            guard !state.saving else { return true }
            if state.reason.handle(key) {
                self.overlay = .stopCourse(state)
                if message?.kind == .error { message = .hint("say why the course stops (5 to 200 characters), then Enter") }
            }
            return true
        case .bookingPreferences(var form):
            guard !form.saving else { return true }
            if form.values[form.focus].handle(key) {
                if form.errorField == form.focus { form.errorField = nil; form.errorText = nil }
                self.overlay = .bookingPreferences(form)
            }
            return true
        default:
            return false
        }
    }

    mutating func handleCourseOverlay(_ binding: KeyBinding, _ overlay: Overlay) -> [Effect] {
        if binding.action == .quit { self.overlay = nil; return perform(.quit) }
        switch overlay {
        case .confirmCourse(var state):
            guard binding.action == .confirm else {
                if state.saving { message = .info("booking the course…"); return [] }
                self.overlay = nil
                message = .info("not booked: the plan is as it was")
                return []
            }
            if state.saving { message = .info("booking the course…"); return [] }
            state.saving = true
            self.overlay = .confirmCourse(state)
            message = .info("booking the course…")
            return [.bookCourse(state.request, overrides: state.overrides, reason: state.overrides.isEmpty ? nil : state.reason)]
        case .stopCourse(var state):
            switch binding.action {
            case .moveDown, .moveUp:
                state.position = max(0, min(state.choices.count - 1, state.position + (binding.action == .moveDown ? 1 : -1)))
                self.overlay = .stopCourse(state)
                return []
            case .confirm:
                if state.saving { message = .info("stopping the course…"); return [] }
                guard (5...200).contains(state.words.count) else {
                    message = .error("reason: must say why in 5 to 200 characters (e.g. treatment stopped by Dr Okafor after cycle 3)")
                    return []
                }
                state.saving = true
                self.overlay = .stopCourse(state)
                message = .info("stopping course \(state.chosen.id)…")
                return [.stopCourse(course: state.chosen.id, reason: state.words)]
            default:
                if state.saving { return [] }
                self.overlay = nil
                message = .info("not stopped: the course is as it was")
                return []
            }
        case .courseOverride(let state):
            guard binding.action == .confirm else {
                self.overlay = nil
                message = .info("not overridden: choose a slot that keeps the rules, or Esc back to the plan")
                return []
            }
            guard (5...200).contains(state.words.count) else {
                message = .error("reason: must say why in 5 to 200 characters (e.g. consultant agreed the shorter gap)")
                return []
            }
            self.overlay = nil
            guard var pane = sequence else { return [] }
            pane.overrides[state.key] = state.slot
            pane.pins[state.key] = nil
            pane.overrideReason = state.words
            pane.focus = .plan
            pane.alternatives = nil
            sequence = pane
            message = .warning("\(state.label), cycle \(state.key.cycle) will be booked in \(state.slot.whenText) against the rule "
                               + "(marked O): Enter books the course")
            return replanCourse(quietly: true)
        case .courseBooked(let view):
            if binding.action == .itinerary {
                message = .info("reading the itinerary…")
                return [.courseItinerary(course: view.courseID)]
            }
            self.overlay = nil
            if let state = sequence { pane = resolvedReturn(state.returnsTo) }
            sequence = nil
            message = .success("course \(view.courseID) booked: it is on the record (Courses)")
            if let id = record?.patient.id { return [.patientAppointments(patientID: id)] }
            return []
        case .itinerary(var state):
            switch binding.action {
            case .scrollDown: state.scroll += 1
            case .scrollUp: state.scroll = max(0, state.scroll - 1)
            case .pageDown: state.scroll += 10
            case .pageUp: state.scroll = max(0, state.scroll - 10)
            default:
                self.overlay = nil
                message = .info("itinerary closed")
                if pane == .sequence, let planning = sequence {
                    // The course is booked: back where the pane was opened from.
                    pane = resolvedReturn(planning.returnsTo)
                    sequence = nil
                    message = .success("course \(state.courseID) booked: it is on the record (Courses)")
                    if let id = record?.patient.id { return [.patientAppointments(patientID: id)] }
                }
                return []
            }
            state.scroll = min(state.scroll, max(0, state.lines.count - 1))
            self.overlay = .itinerary(state)
            return []
        case .courseReplan(var state):
            if state.alternatives != nil {
                switch binding.action {
                case .moveDown, .moveUp:
                    state.alternativesPosition.move(by: binding.action == .moveDown ? 1 : -1, count: state.alternatives?.options.count ?? 0)
                    self.overlay = .courseReplan(state)
                    return []
                case .openSelected:
                    guard let option = state.selectedAlternative, let key = state.alternatives?.key else {
                        message = .hint("no slot is selected: Esc back")
                        return []
                    }
                    var pins = state.view.pins
                    pins[key] = option.slot.id
                    state.alternatives = nil
                    self.overlay = .courseReplan(state)
                    message = .info("re-planning with \(key) in \(option.slot.whenText)…")
                    return [.replanCourse(course: state.view.courseID, pins: pins)]
                default:
                    state.alternatives = nil
                    self.overlay = .courseReplan(state)
                    message = .hint("Y books the changes shown; a adjusts a step; Esc leaves it for later")
                    return []
                }
            }
            switch binding.action {
            case .moveDown, .moveUp:
                state.position.move(by: binding.action == .moveDown ? 1 : -1, count: state.view.changes.count)
                self.overlay = .courseReplan(state)
                return []
            case .alternatives:
                guard let change = state.selectedChange else { message = .hint("no change to adjust"); return [] }
                guard change.kind == .appointment else {
                    message = .error("adjust: \(change.label) is a task: it goes on the latest working day its rules allow")
                    return []
                }
                state.generation += 1
                state.loading = change.key
                self.overlay = .courseReplan(state)
                message = .info("finding slots for \(change.label) (\(change.key)) that keep the course valid…")
                return [.replanAlternatives(generation: state.generation, course: state.view.courseID, pins: state.view.pins, step: change.key)]
            case .confirm:
                if state.saving { message = .info("booking the re-plan…"); return [] }
                guard state.view.failure == nil, !state.view.changes.isEmpty else {
                    message = .error("course: there is no re-plan to book: Esc leaves it for later")
                    return []
                }
                state.saving = true
                self.overlay = .courseReplan(state)
                message = .info("booking the re-plan…")
                return [.applyReplan(course: state.view.courseID, pins: state.view.pins, expected: state.view.changes)]
            default:
                if state.saving { message = .info("booking the re-plan…"); return [] }
                self.overlay = nil
                message = .warning("course \(state.view.courseID) left for later: the record's Courses section keeps the warning (R re-plans it)")
                if let id = record?.patient.id, id == state.view.patientID { return [.patientAppointments(patientID: id)] }
                return []
            }
        case .bookingPreferences(var form):
            switch binding.action {
            case .nextField, .previousField:
                form.focus = (form.focus + (binding.action == .nextField ? 1 : 3)) % 4
                self.overlay = .bookingPreferences(form)
                message = .hint(PreferencesFormState.names[form.focus] + ": " + PreferencesFormState.hints[form.focus])
                return []
            case .save:
                if form.saving { message = .info("saving…"); return [] }
                do {
                    _ = try BookingPreferences(fields: form.fields)
                } catch {
                    let failure = DeskFailure(error)
                    if let field = failure.fieldErrors.first?.field, let index = PreferencesFormState.names.firstIndex(of: field) {
                        form.errorField = index
                        form.errorText = failure.message
                        form.focus = index
                    }
                    self.overlay = .bookingPreferences(form)
                    message = .error(failure.message)
                    return []
                }
                form.saving = true
                form.errorField = nil
                form.errorText = nil
                self.overlay = .bookingPreferences(form)
                message = .info("saving…")
                return [.savePreferences(patient: form.patient, form.fields)]
            default:
                if form.saving { message = .info("saving…"); return [] }
                self.overlay = nil
                message = .info("booking preferences not changed")
                return []
            }
        default:
            return []
        }
    }
}
