import Foundation
import FrontDeskDomain

/// The enquiries pane (F5): its keys, what they do, the answers and the drawing.
extension AppState {
    static let enquiriesNotAvailable = "enquiries are not available here"

    static let enquiriesGlobalBinding = KeyBinding([.function(5)], .enquiries, label: "Enquiries",
                                                   help: "enquiries: log a call, the queue and callbacks (on a record: a call about that patient)")

    /// The pane's keys in each mode.
    public static func enquiryBindings(mode: EnquiryPaneState.Mode, field: EnquiryForm.FieldID? = nil, choice: Bool = false,
                                       prompt: Bool = false) -> [KeyBinding] {
        switch mode {
        case .queue:
            return [
                KeyBinding([.function(7), .insert], .newEnquiry, label: "New enquiry",
                           help: "log a call as it happens: caller, patient, identity check, what it is about, outcome", inBar: true),
                KeyBinding([.enter], .openSelected, label: "Open", help: "open the enquiry: history, note, callback, refer, escalate, close", inBar: true),
                KeyBinding([.right], .nextChoice, label: "Next filter", help: "the next filter: mine, my team, escalated, all open"),
                KeyBinding([.left], .previousChoice, label: "Previous filter", help: "the previous filter"),
                KeyBinding([.down], .moveDown, label: "Down", help: "the next enquiry"),
                KeyBinding([.up], .moveUp, label: "Up", help: "the previous enquiry"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "a page up"),
                KeyBinding([.home], .first, label: "First", help: "the first (soonest due)"),
                KeyBinding([.end], .last, label: "Last", help: "the last"),
            ]
        case .form:
            var list = [
                KeyBinding([.ctrl("s")], .save, label: "Log", help: "log the enquiry with its outcome (every problem is named)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "back to the queue (twice when something is typed: the call is not logged)", inBar: true),
                KeyBinding([.tab, .enter], .nextField, label: "Next",
                           help: "the next field (on the patient: take the one chosen; on the postcode: check the identity)"),
                KeyBinding([.backTab], .previousField, label: "Previous", help: "the previous field"),
            ]
            if field == .patient {
                list.append(KeyBinding([.down], .moveDown, label: "Next match", help: "choose the next patient found"))
                list.append(KeyBinding([.up], .moveUp, label: "Previous match", help: "choose the previous patient found"))
            } else {
                list.append(KeyBinding([.down], .nextField, label: "Next", help: "the next field"))
                list.append(KeyBinding([.up], .previousField, label: "Previous", help: "the previous field"))
            }
            if choice {
                list.append(KeyBinding([.right, .char(" ")], .nextChoice, label: "Next choice", help: "the next choice (or type its letter)"))
                list.append(KeyBinding([.left], .previousChoice, label: "Previous choice", help: "the previous choice"))
            }
            return list
        case .detail:
            if prompt {
                return [
                    KeyBinding([.enter], .confirm, label: "Record", help: "record it (in the history, with who and when)", inBar: true),
                    KeyBinding([.escape], .back, label: "Cancel", help: "close the question, nothing recorded", inBar: true),
                    KeyBinding([.tab, .down], .nextField, label: "Next", help: "the next field (identity check)"),
                    KeyBinding([.backTab, .up], .previousField, label: "Previous", help: "the previous field (identity check)"),
                ]
            }
            return [
                KeyBinding([.char("v")], .checkIdentity, label: "Check ID",
                           help: "check the caller's identity afresh (each callback is verified again) and show what may be said", inBar: true),
                KeyBinding([.char("k")], .calledBack, label: "Called back", help: "record a callback made: what was said", inBar: true),
                KeyBinding([.char("t")], .addNote, label: "Note", help: "add a note to the history (nothing is overwritten)", inBar: true),
                KeyBinding([.char("l")], .callbackLater, label: "Callback later", help: "promise a callback by a time (blank: the default)"),
                KeyBinding([.char("f")], .refer, label: "Refer", help: "refer to a team, which owns it from then"),
                KeyBinding([.char("e")], .escalate, label: "Escalate", help: "escalate to the Assistant Service Manager"),
                KeyBinding([.char("x")], .closeEnquiry, label: "Close",
                           help: "close with an outcome line (a clinical question only by its team's member)", inBar: true),
                KeyBinding([.escape], .back, label: "Back", help: "back to the queue", inBar: true),
                KeyBinding([.down], .scrollDown, label: "Down", help: "scroll the history down"),
                KeyBinding([.up], .scrollUp, label: "Up", help: "scroll the history up"),
                KeyBinding([.pageDown], .pageDown, label: "Page down", help: "the history a page down"),
                KeyBinding([.pageUp], .pageUp, label: "Page up", help: "the history a page up"),
                KeyBinding([.home], .first, label: "Top", help: "the start of the history"),
                KeyBinding([.end], .last, label: "Bottom", help: "the end of the history"),
            ]
        }
    }

    var enquiryPaneKeys: [KeyBinding] {
        let state = enquiriesPane
        return Self.enquiryBindings(mode: state.mode, field: state.form?.focus, choice: state.form?.isChoice ?? false,
                                    prompt: state.detail?.prompt != nil)
    }

    var enquiriesTitle: String {
        switch enquiriesPane.mode {
        case .queue: return "Enquiries · " + enquiriesPane.filter.label
        case .form: return "New enquiry"
        case .detail: return "Enquiry \(enquiriesPane.detail?.id ?? 0)"
        }
    }

    // MARK: Opening

    /// F5: the queue; from a record, the new-enquiry form about that patient.
    mutating func openEnquiries() -> [Effect] {
        if pane == .form {
            message = .hint("save the form (Ctrl-S) or leave it (Esc) before logging a call")
            return []
        }
        // A call being logged stays where it was left (the clerk looked something up meanwhile).
        if let form = enquiriesPane.form, form.hasTyping, pane != .enquiries {
            pane = .enquiries
            enquiriesPane.mode = .form
            message = .hint("the call being logged, as it was left: Ctrl-S logs it, Esc twice discards it")
            return []
        }
        if pane == .record, let record {
            enquiriesPane.returnsTo = .record
            return startEnquiry(about: record.patient.summaryForLists)
        }
        if pane == .enquiries {
            if enquiriesPane.mode == .queue { return reloadEnquiries() }
            return []
        }
        pane = .enquiries
        enquiriesPane.mode = enquiriesPane.detail != nil ? .detail : .queue
        if enquiriesPane.mode == .detail, let id = enquiriesPane.detail?.id { return [.enquiry(.show(id: id))] }
        enquiriesPane.returnsTo = nil
        message = nil
        return reloadEnquiries()
    }

    mutating func startEnquiry(about patient: PatientSummary?) -> [Effect] {
        pane = .enquiries
        enquiriesPane.mode = .form
        var form = EnquiryForm(patient: patient)
        form.focus = .caller
        enquiriesPane.form = form
        message = .hint("type the caller's letter: p patient, r relative or carer, g GP practice, h professional, o other")
        return enquiriesPane.teams.isEmpty ? reloadEnquiries() : []
    }

    mutating func reloadEnquiries() -> [Effect] {
        enquiriesPane.generation += 1
        return [.enquiry(.queue(generation: enquiriesPane.generation, enquiriesPane.filter))]
    }

    // MARK: Keys

    mutating func performInEnquiries(_ action: Action) -> [Effect]? {
        switch enquiriesPane.mode {
        case .queue: return performInQueue(action)
        case .form: return performInEnquiryForm(action)
        case .detail: return performInEnquiry(action)
        }
    }

    private mutating func performInQueue(_ action: Action) -> [Effect]? {
        let count = enquiriesPane.queue?.count ?? 0
        switch action {
        case .newEnquiry: return startEnquiry(about: nil)
        case .openSelected:
            guard let chosen = enquiriesPane.selected else { message = .hint("no enquiry is selected"); return [] }
            enquiriesPane.detail = EnquiryDetailState(id: chosen.id)
            enquiriesPane.mode = .detail
            message = nil
            return [.enquiry(.show(id: chosen.id))]
        case .nextChoice, .previousChoice:
            let all = EnquiryFilter.allCases
            let index = all.firstIndex(of: enquiriesPane.filter) ?? 0
            enquiriesPane.filter = all[(index + (action == .nextChoice ? 1 : all.count - 1)) % all.count]
            enquiriesPane.position = ListPosition()
            return reloadEnquiries()
        case .moveDown: enquiriesPane.position.move(by: 1, count: count); return []
        case .moveUp: enquiriesPane.position.move(by: -1, count: count); return []
        case .pageDown: enquiriesPane.position.move(by: max(1, size.height - 10), count: count); return []
        case .pageUp: enquiriesPane.position.move(by: -max(1, size.height - 10), count: count); return []
        case .first: enquiriesPane.position.moveTo(0, count: count); return []
        case .last: enquiriesPane.position.moveTo(count - 1, count: count); return []
        case .back: return []
        default: return nil
        }
    }

    private mutating func performInEnquiryForm(_ action: Action) -> [Effect]? {
        guard var form = enquiriesPane.form else { return nil }
        if action != .back { form.discardArmed = false }
        defer { if enquiriesPane.mode == .form { enquiriesPane.form = form } }
        switch action {
        case .back:
            if form.hasTyping && !form.discardArmed {
                form.discardArmed = true
                message = .warning("the call is not logged yet: Esc again discards it, Ctrl-S logs it")
                return []
            }
            enquiriesPane.form = nil
            leaveEnquiryForm()
            message = .info("the call was not logged")
            return enquiriesPane.mode == .queue ? reloadEnquiries() : []
        case .nextField:
            return advance(&form)
        case .previousField:
            moveFocus(&form, by: -1)
            return []
        case .moveDown, .moveUp:
            if form.focus == .patient, !form.results.isEmpty {
                form.resultIndex = min(max(0, form.resultIndex + (action == .moveDown ? 1 : -1)), form.results.count - 1)
            }
            return []
        case .nextChoice, .previousChoice:
            guard let options = EnquiryForm.options(form.focus) else { return [] }
            let current = form.choices[form.focus] ?? 0
            setChoice(&form, (current + (action == .nextChoice ? 1 : options.count - 1)) % options.count)
            return []
        case .save:
            return logEnquiry(&form)
        default:
            return nil
        }
    }

    private mutating func leaveEnquiryForm() {
        if let back = enquiriesPane.returnsTo, back == .record, record != nil {
            pane = .record
            enquiriesPane.returnsTo = nil
            enquiriesPane.mode = .queue
        } else {
            enquiriesPane.mode = .queue
        }
    }

    /// Sets a choice and what follows from it: a clinical question goes to the
    /// clinical team; a safeguarding or aggression flag is escalated.
    private mutating func setChoice(_ form: inout EnquiryForm, _ index: Int) {
        form.choices[form.focus] = index
        form.errors[form.focus] = nil
        switch form.focus {
        case .category where form.category.isClinical:
            if form.outcome != .refer && form.outcome != .escalate {
                form.choices[.outcome] = EnquiryForm.Outcome.allCases.firstIndex(of: .refer)
                if form.text(.detail).isEmpty { form.texts[.detail] = TextField("clinical") }
            }
            message = .warning("a results or clinical question is never answered at the desk: it goes to the clinical team or key worker")
        case .flags where form.flags != .none:
            form.choices[.outcome] = EnquiryForm.Outcome.allCases.firstIndex(of: .escalate)
            message = .warning("a \(form.flags == .aggression ? "verbal-aggression flag" : "safeguarding concern") is always escalated "
                               + "to the Assistant Service Manager")
        case .outcome where form.outcome == .refer && form.category.isClinical && form.text(.detail).isEmpty:
            form.texts[.detail] = TextField("clinical")
        default:
            break
        }
        if form.focus == .caller, form.patient != nil {
            // A different caller: what the gate said no longer holds.
            form.check = nil
        }
    }

    private mutating func moveFocus(_ form: inout EnquiryForm, by delta: Int) {
        let fields = form.fields
        let index = fields.firstIndex(of: form.focus) ?? 0
        form.focus = fields[min(max(0, index + delta), fields.count - 1)]
        if let error = form.errors[form.focus] { message = .error("\(form.label(form.focus)): \(error)") }
        else { message = .hint(form.label(form.focus) + ": " + form.hint(form.focus, teams: enquiriesPane.teams)) }
    }

    /// Tab or Enter: on the patient, take the one chosen (and, for a
    /// professional, ask the gate); on the postcode, check the identity.
    private mutating func advance(_ form: inout EnquiryForm) -> [Effect] {
        var effects: [Effect] = []
        if form.focus == .patient {
            let typed = form.text(.patient)
            if typed.isEmpty {
                form.patient = nil; form.check = nil; form.claims = []
            } else if form.patient?.mrn != typed, form.results.indices.contains(form.resultIndex) {
                let chosen = form.results[form.resultIndex]
                form.patient = chosen
                form.texts[.patient] = TextField(chosen.mrn)
                form.results = []
                form.check = nil
                form.claims = []
                if !form.callerType.needsIdentityCheck {
                    form.checking = true
                    effects.append(.enquiry(.checkCall(form.caller, patient: chosen.mrn, claim: nil)))
                }
            } else if form.patient?.mrn != typed {
                form.errors[.patient] = "no patient found for \u{201C}\(typed)\u{201D}: type more, or clear it for a call about no patient"
                message = .error("patient: " + form.errors[.patient]!)
                return []
            }
        }
        if form.focus == .idPlace, let patient = form.patient, form.callerType.needsIdentityCheck {
            guard let claim = form.identityClaim else {
                let missing = [(EnquiryForm.FieldID.idName, "name"), (.idBirth, "date of birth"), (.idPlace, "postcode or first line of address")]
                    .filter { form.text($0.0).isEmpty }
                if missing.count < 3, let first = missing.first {
                    form.errors[first.0] = "ask the caller for the patient's \(first.1): all three are needed to check"
                    form.focus = first.0
                    message = .error(form.label(first.0) + ": " + form.errors[first.0]!)
                    return []
                }
                // Nothing typed: not checked; the gate stays shut.
                moveFocus(&form, by: 1)
                return []
            }
            form.claims.append(claim)
            form.checking = true
            effects.append(.enquiry(.checkCall(form.caller, patient: patient.mrn, claim: claim)))
        }
        if let patient = form.patient, !form.callerType.needsIdentityCheck, form.check == nil, !form.checking,
           form.restricted != patient.mrn, effects.isEmpty {
            // A professional (or other) caller: the gate is asked on organisation and number, again after either changes.
            form.checking = true
            effects.append(.enquiry(.checkCall(form.caller, patient: patient.mrn, claim: nil)))
        }
        if form.focus == .detail {
            return effects + logEnquiry(&form)
        }
        moveFocus(&form, by: 1)
        return effects
    }

    private mutating func logEnquiry(_ form: inout EnquiryForm) -> [Effect] {
        if form.saving { message = .info("logging the enquiry…"); return [] }
        let route: EnquiryRoute
        switch form.outcome {
        case .resolved: route = .resolved(outcome: form.text(.detail))
        case .callback:
            if form.text(.detail).isEmpty { route = .callback(by: nil) }
            else {
                do { route = .callback(by: try EnquiryRules.callbackMoment(form.text(.detail), today: today)) }
                catch let problem as ValidationError {
                    form.errors[.detail] = problem.errors.first?.reason
                    form.focus = .detail
                    message = .error(problem.errors.first?.description ?? "callback by: not a time")
                    return []
                } catch { return [] }
            }
        case .refer: route = .refer(team: form.text(.detail).lowercased())
        case .escalate: route = .escalate
        }
        var request = EnquiryRequest(callerType: form.callerType, callerName: form.text(.name),
                                     callerPhone: form.text(.phone).nilIfEmptyText, organisation: form.callerType.isProfessional
                                        ? form.text(.organisation).nilIfEmptyText : nil,
                                     patient: form.patient?.mrn, category: form.category, priority: form.priority,
                                     summary: form.text(.summary) + (form.outcome == .escalate && !form.text(.detail).isEmpty
                                                                     ? " — " + form.text(.detail) : ""),
                                     safeguarding: form.flags == .safeguarding || form.flags == .both,
                                     aggression: form.flags == .aggression || form.flags == .both, channel: form.channel, route: route)
        request.identityClaims = form.claims
        form.errors = [:]
        form.saving = true
        message = .info("logging the enquiry…")
        return [.enquiry(.log(request))]
    }

    private mutating func performInEnquiry(_ action: Action) -> [Effect]? {
        guard var detail = enquiriesPane.detail else { return nil }
        defer { if enquiriesPane.mode == .detail { enquiriesPane.detail = detail } }
        if var prompt = detail.prompt {
            switch action {
            case .back:
                detail.prompt = nil
                message = nil
                return []
            case .nextField, .previousField:
                prompt.focus = min(max(0, prompt.focus + (action == .nextField ? 1 : -1)), prompt.inputs.count - 1)
                detail.prompt = prompt
                return []
            case .confirm:
                if prompt.kind == .verify && prompt.focus < prompt.inputs.count - 1 {
                    prompt.focus += 1
                    detail.prompt = prompt
                    return []
                }
                return submit(&detail, prompt)
            default:
                return action == .quit || action == .help || action == .redraw || action == .lock ? nil : []
            }
        }
        let enquiry = detail.shown?.enquiry
        func ask(_ kind: EnquiryPrompt.Kind, initial: String = "") -> [Effect] {
            guard let enquiry else { return [] }
            if enquiry.status == .closed {
                message = .hint("enquiry \(enquiry.id) is closed: log a new one (F7)")
                return []
            }
            detail.prompt = EnquiryPrompt(kind, initial: initial)
            message = .hint(detail.prompt!.title)
            return []
        }
        switch action {
        case .back:
            enquiriesPane.detail = nil
            enquiriesPane.mode = .queue
            message = nil
            return reloadEnquiries()
        case .checkIdentity:
            guard let enquiry else { return [] }
            guard enquiry.patientID != nil, enquiry.callerType.needsIdentityCheck else {
                message = .hint(enquiry.patientID == nil ? "this enquiry concerns no patient: there is nothing to check"
                                : "a \(EnquiryWords.caller(enquiry.callerType)) passes on organisation and call-back number")
                return []
            }
            return ask(.verify)
        case .addNote: return ask(.note)
        case .calledBack: return ask(.calledBack)
        case .callbackLater: return ask(.callbackLater)
        case .refer: return ask(.refer, initial: enquiry?.category.isClinical == true ? "clinical" : "")
        case .escalate: return ask(.escalate)
        case .closeEnquiry: return ask(.close)
        case .scrollDown: detail.scroll += 1; return []
        case .scrollUp: detail.scroll = max(0, detail.scroll - 1); return []
        case .pageDown: detail.scroll += max(1, size.height - 14); return []
        case .pageUp: detail.scroll = max(0, detail.scroll - max(1, size.height - 14)); return []
        case .first: detail.scroll = 0; return []
        case .last: detail.scroll = detail.shown?.history.count ?? 0; return []
        default: return nil
        }
    }

    private mutating func submit(_ detail: inout EnquiryDetailState, _ prompt: EnquiryPrompt) -> [Effect] {
        if detail.saving { message = .info("recording…"); return [] }
        let words = prompt.inputs[0].text.trimmingCharacters(in: .whitespaces)
        let id = detail.id
        let change: EnquiryChange
        switch prompt.kind {
        case .verify:
            if let empty = prompt.inputs.firstIndex(where: { $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
                var shown = prompt
                shown.focus = empty
                shown.error = "\(prompt.labels[empty].lowercased()): ask the caller: all three are needed to check"
                detail.prompt = shown
                message = .error(shown.error!)
                return []
            }
            let claim = IdentityClaim(name: words, dateOfBirth: prompt.inputs[1].text, postcodeOrAddress: prompt.inputs[2].text)
            detail.saving = true
            return [.enquiry(.verify(id: id, claim))]
        case .note: change = .note(words)
        case .calledBack: change = .calledBack(words)
        case .callbackLater:
            if words.isEmpty { change = .callbackLater(nil) }
            else {
                do { change = .callbackLater(try EnquiryRules.callbackMoment(words, today: today)) }
                catch {
                    var shown = prompt
                    shown.error = (error as? ValidationError)?.errors.first?.description ?? "callback by: not a time"
                    detail.prompt = shown
                    message = .error(shown.error!)
                    return []
                }
            }
        case .refer: change = .refer(team: words.lowercased(), note: nil)
        case .escalate: change = .escalate(note: words.isEmpty ? nil : words)
        case .close: change = .close(outcome: words)
        }
        detail.saving = true
        return [.enquiry(.change(id: id, change))]
    }

    /// Keys that are no binding: letters choose on a choice field, text goes to the field.
    mutating func typeInEnquiries(_ key: Key) -> [Effect] {
        switch enquiriesPane.mode {
        case .queue:
            return []
        case .detail:
            guard var detail = enquiriesPane.detail, var prompt = detail.prompt else { return [] }
            _ = prompt.inputs[prompt.focus].handle(key)
            prompt.error = nil
            detail.prompt = prompt
            enquiriesPane.detail = detail
            return []
        case .form:
            guard var form = enquiriesPane.form else { return [] }
            form.discardArmed = false
            defer { enquiriesPane.form = form }
            if let options = EnquiryForm.options(form.focus) {
                if case .char(let c) = key, let index = options.firstIndex(where: { $0.key == Character(c.lowercased()) }) {
                    message = nil
                    setChoice(&form, index)
                    let said = message
                    // A choice made by its letter moves on, as a typist expects (a warning it gave stays).
                    moveFocus(&form, by: 1)
                    if let said, said.kind == .warning { message = said }
                } else if case .char = key {
                    message = .error(form.label(form.focus) + ": " + form.hint(form.focus, teams: enquiriesPane.teams))
                }
                return []
            }
            var field = form.texts[form.focus] ?? TextField()
            let before = field.text
            _ = field.handle(key)
            form.texts[form.focus] = field
            guard field.text != before else { return [] }
            form.errors[form.focus] = nil
            switch form.focus {
            case .patient:
                form.patient = nil
                form.check = nil
                form.claims = []
                form.resultIndex = 0
                let text = field.text.trimmingCharacters(in: .whitespaces)
                if text.count < 2 { form.results = []; return [] }
                form.searchGeneration += 1
                return [.enquiry(.findPatient(generation: form.searchGeneration, text: text))]
            case .idName, .idBirth, .idPlace:
                // New words: the last answer of the gate was to other words.
                if form.check?.result != nil { form.check = nil }
                return []
            case .name, .organisation, .phone:
                if form.check != nil, !form.callerType.needsIdentityCheck { form.check = nil }
                return []
            default:
                return []
            }
        }
    }

    // MARK: Answers

    mutating func enquiryAnswered(_ call: EnquiryCall, _ result: Result<EnquiryAnswer, DeskFailure>) -> [Effect] {
        switch result {
        case .failure(let failure):
            return enquiryFailed(call, failure)
        case .success(let answer):
            switch answer {
            case .queue(let generation, let list, let teams, let mine, let overdue):
                enquiriesAvailable = true
                enquiryOverdue = overdue
                enquiriesPane.teams = teams
                enquiriesPane.myTeams = mine
                guard generation == enquiriesPane.generation else { return [] }
                enquiriesPane.shownGeneration = generation
                enquiriesPane.queue = list
                enquiriesPane.failure = nil
                enquiriesPane.position.moveTo(enquiriesPane.position.selected, count: list.count)
            case .overdue(let count):
                enquiriesAvailable = true
                enquiryOverdue = count
            case .patients(let generation, let found):
                guard var form = enquiriesPane.form, generation == form.searchGeneration else { return [] }
                form.shownSearch = generation
                form.results = found
                form.resultIndex = 0
                enquiriesPane.form = form
            case .checked(let check):
                // Only an answer to the form as it is now: another patient, caller or answers since means it is not this call's.
                guard var form = enquiriesPane.form, case .checkCall(let caller, let patient, let claim) = call,
                      form.patient?.mrn == patient, form.callerType == caller.callerType,
                      claim == (form.callerType.needsIdentityCheck ? form.identityClaim : nil) else { return [] }
                form.checking = false
                form.check = check
                form.checkedAt = now
                enquiriesPane.form = form
                if let result = check.result {
                    message = result.matched ? .success("identity matched (\(result))" + (check.disclosure.isOpen ? "" : ": " + (check.disclosure.shut ?? "")))
                                             : .error("identity did not match (\(result)): say nothing about the patient")
                }
            case .logged(let enquiry):
                enquiriesPane.form = nil
                let what: String
                switch enquiry.status {
                case .awaitingCallback: what = "callback due " + (enquiry.callbackDue.map { EnquiryWords.moment($0, today: today) } ?? "")
                case .referred: what = "referred to " + (enquiry.team ?? "the team")
                case .escalated: what = "escalated to the Assistant Service Manager"
                case .closed: what = "resolved"
                case .open: what = "open"
                }
                message = .success("enquiry \(enquiry.id) logged: \(what)")
                if pane == .enquiries { leaveEnquiryForm() } else { enquiriesPane.mode = .queue }
                if pane == .record, let record, let id = record.patient.id {
                    return [.enquiry(.forPatient(patientID: id, mrn: record.patient.mrn, reason: record.reason)), .enquiry(.overdueCount)]
                }
                return reloadEnquiries()
            case .shown(let shown):
                guard var detail = enquiriesPane.detail, detail.id == shown.enquiry.id else { return [] }
                detail.shown = shown
                enquiriesPane.detail = detail
            case .verified(let result, let shown):
                guard var detail = enquiriesPane.detail, detail.id == shown.enquiry.id else { return [] }
                detail.shown = shown
                detail.lastCheck = result
                detail.prompt = nil
                detail.saving = false
                enquiriesPane.detail = detail
                message = result.matched ? .success("identity matched (\(result))") : .error("identity did not match (\(result)): say nothing about the patient")
            case .changed(let shown, let change):
                guard var detail = enquiriesPane.detail, detail.id == shown.enquiry.id else { return [] }
                detail.shown = shown
                detail.prompt = nil
                detail.saving = false
                enquiriesPane.detail = detail
                message = .success(Self.changedText(change, shown.enquiry, today: today))
                return [.enquiry(.overdueCount)]
            case .forPatient(let patientID, let list, let consents):
                guard var state = record, state.patient.id == patientID else { return [] }
                state.enquiries = list
                state.consents = consents
                record = state
            case .consentChanged(let patientID, let consent, let withdrawn, let consents):
                if case .sharingConsent? = overlay { overlay = nil }
                guard var state = record, state.patient.id == patientID else { return [] }
                state.consents = consents
                record = state
                message = .success(withdrawn ? "consent to share with \(consent.person) withdrawn (kept on the record, audited)"
                                   : "consent recorded: \(consent.person) (\(consent.relationship)) may be told "
                                     + consent.scopes.map(\.label).sorted().joined(separator: ", "))
            }
            return []
        }
    }

    static func changedText(_ change: EnquiryChange, _ enquiry: Enquiry, today: LocalDate) -> String {
        switch change {
        case .note: return "note added to enquiry \(enquiry.id)"
        case .calledBack: return "callback recorded on enquiry \(enquiry.id): close it with its outcome (x) when it is done"
        case .callbackLater: return "callback promised by " + (enquiry.callbackDue.map { EnquiryWords.moment($0, today: today) } ?? "the default")
        case .refer(let team, _): return "enquiry \(enquiry.id) referred to \(team)"
        case .escalate: return "enquiry \(enquiry.id) escalated to the Assistant Service Manager"
        case .close: return "enquiry \(enquiry.id) closed"
        }
    }

    private mutating func enquiryFailed(_ call: EnquiryCall, _ failure: DeskFailure) -> [Effect] {
        switch call {
        case .overdueCount, .forPatient:
            // Without enquiries here the top line and the record simply show none; any other
            // failure (a busy database) is asked again next minute.
            if failure.message == Self.enquiriesNotAvailable { enquiriesAvailable = false }
        case .recordConsent, .withdrawConsent:
            if case .sharingConsent(var dialog)? = overlay {
                dialog.saving = false
                dialog.error = failure.message
                if let field = failure.fieldErrors.first?.field { dialog.focus = ConsentDialogState.focus(for: field) ?? dialog.focus }
                overlay = .sharingConsent(dialog)
            }
            message = .error(failure.message)
        case .queue(let generation, _):
            guard generation == enquiriesPane.generation else { return [] }
            enquiriesPane.shownGeneration = generation
            enquiriesPane.failure = failure.message
            message = .error(failure.message)
        case .findPatient:
            if var form = enquiriesPane.form { form.results = []; enquiriesPane.form = form }
        case .checkCall, .log:
            guard var form = enquiriesPane.form else { message = .error(failure.message); return [] }
            form.checking = false
            form.saving = false
            // A refused attempt (an unreadable date of birth) is no check: it is not kept for the history.
            if case .checkCall(_, _, let claim?) = call, form.claims.last == claim { form.claims.removeLast() }
            if case .checkCall = call, let mrn = failure.restrictedRecord {
                form.restricted = mrn
                enquiriesPane.form = form
                message = .warning("\(mrn) is a restricted record: open it with a reason first (F2, Enter), then F5 on the record")
                return []
            }
            for problem in failure.fieldErrors {
                if let field = EnquiryForm.field(named: problem.field) { form.errors[field] = problem.reason }
            }
            if let first = form.fields.first(where: { form.errors[$0] != nil }) { form.focus = first }
            enquiriesPane.form = form
            message = .error(failure.message)
        case .show, .verify, .change:
            if var detail = enquiriesPane.detail {
                detail.saving = false
                if var prompt = detail.prompt { prompt.error = failure.message; detail.prompt = prompt }
                enquiriesPane.detail = detail
            }
            message = .error(failure.message)
        }
        return []
    }

    /// Once a minute: how many of my callbacks are overdue (the top line).
    mutating func enquiryTick() -> [Effect] {
        guard enquiriesAvailable != false, lock == nil else { return [] }
        let minute = Int(now.timeIntervalSince1970 / 60)
        guard minute != enquiryCountMinute else { return [] }
        enquiryCountMinute = minute
        return [.enquiry(.overdueCount)]
    }

    // MARK: Drawing

    func renderEnquiries(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        switch enquiriesPane.mode {
        case .queue: renderEnquiryQueue(&buffer, inside)
        case .form: renderEnquiryForm(&buffer, inside)
        case .detail: renderEnquiryDetail(&buffer, inside)
        }
    }

    static let enquiryColumns = [
        TableColumn("", width: 1),
        TableColumn("Due", width: 20),
        TableColumn("#", width: 5, alignRight: true),
        TableColumn("Caller"),
        TableColumn("Patient", width: 9),
        TableColumn("About", width: 16),
        TableColumn("Taken by", width: 8),
    ]

    func renderEnquiryQueue(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        var tabs: [Span] = [Span("Show ", Style(.muted))]
        for filter in EnquiryFilter.allCases {
            let on = filter == enquiriesPane.filter
            tabs.append(Span(on ? "[\(filter.label)]" : " \(filter.label) ", on ? Style(.selection, bold: true) : Style(.muted)))
            tabs.append(Span(" "))
        }
        tabs.append(Span(" ← → filter · F7 new enquiry", Style(.muted)))
        buffer.put(tabs, in: inside, row: 0)
        var status: Span
        if let failure = enquiriesPane.failure { status = Span("Error: " + failure, Style(.error)) }
        else if let queue = enquiriesPane.queue {
            let overdue = queue.filter { EnquiryWords.due($0, now: now, today: today).overdue }.count
            var text = queue.isEmpty ? "No open enquiries here" : "\(queue.count) open"
            if overdue > 0 { text += " · \(overdue) OVERDUE" }
            if enquiriesPane.filter == .myTeam && enquiriesPane.myTeams.isEmpty { text = "You are in no team: F9 Staff and teams" }
            status = Span(text, Style(overdue > 0 ? .overdue : .muted, bold: overdue > 0))
        } else { status = Span("Reading the queue…", Style(.muted)) }
        buffer.put([status], in: inside, row: 1)
        let rows = (enquiriesPane.queue ?? []).map { e -> TableRow in
            let (due, overdue) = EnquiryWords.due(e, now: now, today: today)
            let flag = e.safeguarding || e.aggression ? "!" : (e.priority == .urgent ? "U" : " ")
            let about = (e.safeguarding ? "SAFEGUARDING " : "") + (e.aggression ? "AGGRESSION " : "") + EnquiryWords.shortCategory(e.category)
            let caller = EnquiryWords.shortCaller(e.callerType) + " " + e.callerName
            let style: Style = overdue ? Style(.overdue, bold: true) : (e.safeguarding || e.aggression ? Style(.alert) : .normal)
            return TableRow([flag, due, String(e.id), caller, e.patientMRN ?? "—", about, e.takenBy], style: style)
        }
        var position = enquiriesPane.position
        let table = Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: max(0, inside.height - 3))
        Table.render(into: &buffer, table, columns: Self.enquiryColumns, rows: rows, position: &position, selectionVisible: true)
        buffer.put([Span("! safeguarding or aggression · U urgent · OVERDUE: callback time passed", Style(.muted))],
                   in: inside, row: inside.height - 1)
    }

    func renderEnquiryForm(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard let form = enquiriesPane.form else { return }
        let panelWidth = min(34, max(28, inside.width * 2 / 5))
        let left = Rect(x: inside.x, y: inside.y, width: inside.width - panelWidth - 1, height: inside.height)
        let panel = Rect(x: left.maxX + 1, y: inside.y, width: panelWidth, height: inside.height)
        let labelWidth = 15
        var row = 0
        for field in form.fields where row < left.height {
            var extraRow = false
            let focused = field == form.focus
            let label = CellWidth.pad(form.label(field), to: labelWidth - 1) + " "
            buffer.put(label, x: left.x, y: left.y + row, limit: labelWidth, style: Style(focused ? .title : .muted, bold: focused))
            let valueRect = Rect(x: left.x + labelWidth, y: left.y + row, width: left.width - labelWidth, height: 1)
            if let options = EnquiryForm.options(field) {
                var spans: [Span] = []
                let chosen = form.choices[field] ?? 0
                if focused {
                    for (index, option) in options.enumerated() {
                        let on = index == chosen
                        spans.append(Span(on ? "[\(option.key) \(option.label)]" : "\(option.key) \(option.label)",
                                          on ? Style(.selection, bold: true) : Style(.muted)))
                        spans.append(Span(" "))
                    }
                    // Too many to fit: the chosen one and the letters.
                    if spans.reduce(0, { $0 + CellWidth.of($1.text) }) > valueRect.width {
                        // Too many to fit: the chosen one, and every letter on the row below (the hint line names them).
                        spans = [Span("[\(options[chosen].key) \(options[chosen].label)]", Style(.selection, bold: true))]
                        if row + 1 < left.height {
                            buffer.put("letters: " + options.map { String($0.key) }.joined(separator: " "),
                                       x: valueRect.x, y: valueRect.y + 1, limit: valueRect.width, style: Style(.muted))
                            extraRow = true
                        }
                    }
                } else {
                    let label = options[chosen].label
                    spans = [Span(label, label == "URGENT" || (field == .flags && chosen != 0) ? Style(.alert, bold: true) : .normal)]
                }
                buffer.put(spans, in: valueRect, row: 0)
            } else {
                let input = form.texts[field] ?? TextField()
                if focused {
                    input.render(into: &buffer, valueRect, focused: true)
                } else {
                    var shown = input.text
                    if field == .patient, let patient = form.patient { shown = patient.mrn + "  " + patient.displayName }
                    buffer.put(shown, x: valueRect.x, y: valueRect.y, limit: valueRect.width,
                               style: form.errors[field] != nil ? Style(.error) : .normal)
                }
            }
            if let error = form.errors[field], !focused {
                let mark = " ✗"
                buffer.put(mark, x: left.maxX - 2, y: left.y + row, limit: 2, style: Style(.error, bold: true))
                _ = error
            }
            row += extraRow ? 2 : 1
            // The patients found, under the patient field while it has the cursor.
            if field == .patient, focused, !form.results.isEmpty {
                for (index, found) in form.results.prefix(4).enumerated() where row < left.height {
                    let text = (index == form.resultIndex ? "▸ " : "  ") + found.mrn + "  " + found.displayName + "  "
                        + found.bornText(today: today)
                    buffer.put(text, x: left.x + labelWidth, y: left.y + row, limit: left.width - labelWidth,
                               style: index == form.resultIndex ? Style(.selection) : Style(.muted))
                    row += 1
                }
            }
        }
        // The panel: the gate and what may be said.
        var lines: [[Span]] = [[Span("What may be said", Style(.header))]]
        if form.patient == nil {
            lines += Box.wrap(form.text(.patient).isEmpty ? "no patient: directions, facilities and general questions only"
                              : "choose the patient (Enter)", width: panelWidth).map { [Span($0, Style(.muted))] }
        } else if form.checking {
            lines.append([Span("checking…", Style(.muted))])
        } else if let mrn = form.restricted, form.patient?.mrn == mrn {
            lines += Box.wrap("✗ restricted record: open it with a reason first (F2, Enter), then F5 on the record",
                              width: panelWidth).map { [Span($0, Style(.warning, bold: true))] }
        } else if let check = form.check, let at = form.checkedAt, now.timeIntervalSince(at) <= Enquiry.identityHolds {
            if let result = check.result {
                lines.append([Span(result.matched ? "✓ identity matched" : "✗ identity did NOT match",
                                   Style(result.matched ? .success : .error, bold: true))])
                lines += Box.wrap(result.description, width: panelWidth).map { [Span($0, Style(.muted))] }
            }
            if check.result?.matched != false {
                lines += EnquiryWords.disclosure(check.disclosure, width: panelWidth, today: today)
            } else {
                lines += Box.wrap("nothing about the patient may be said", width: panelWidth).map { [Span($0, Style(.warning, bold: true))] }
            }
        } else if form.callerType.needsIdentityCheck {
            lines += EnquiryWords.disclosure(Disclosure(shut: Disclosure.notConfirmed, scopes: [], consent: nil, appointments: [],
                                                        transport: []), width: panelWidth, today: today)
            lines += Box.wrap("ask name, date of birth and postcode; Enter on the postcode checks them", width: panelWidth)
                .map { [Span($0, Style(.muted))] }
        } else {
            lines += Box.wrap("Tab past the patient to ask the gate", width: panelWidth).map { [Span($0, Style(.muted))] }
        }
        if form.claims.count > 1 { lines.append([Span("\(form.claims.count) checks in this call", Style(.muted))]) }
        for (index, spans) in lines.prefix(panel.height).enumerated() { buffer.put(spans, in: panel, row: index) }
    }

    func renderEnquiryDetail(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard let detail = enquiriesPane.detail else { return }
        guard let shown = detail.shown else {
            buffer.put([Span("Opening enquiry \(detail.id)…", Style(.muted))], in: inside, row: 0)
            return
        }
        let e = shown.enquiry
        let width = inside.width
        var lines: [[Span]] = []
        func row(_ label: String, _ value: String, _ style: Style = .normal) {
            let wrapped = Box.wrap(value, width: max(1, width - 12))
            for (index, part) in wrapped.enumerated() {
                lines.append([Span(CellWidth.pad(index == 0 ? label : "", to: 12), Style(.muted)), Span(part, style)])
            }
        }
        let (received, time) = CentreTime.localNow(e.receivedAt)
        row("Received", "\(received.weekday.short.capitalized) \(received.display) \(time.display) · \(e.channel.rawValue.replacingOccurrences(of: "_", with: " ")) · taken by \(e.takenBy)")
        row("Caller", EnquiryWords.caller(e.callerType) + ": " + e.callerName + (e.organisation.map { ", " + $0 } ?? "")
            + (e.callerPhone.map { " · " + $0 } ?? ""))
        if let mrn = e.patientMRN { row("Patient", mrn + " · " + EnquiryWords.identity(e, now: now),
                                        e.identity(at: now) == .mismatch ? Style(.error, bold: true) : .normal) }
        let flags = (e.safeguarding ? " · ! SAFEGUARDING" : "") + (e.aggression ? " · ! VERBAL AGGRESSION" : "")
        row("About", EnquiryWords.category(e.category) + (e.priority == .urgent ? " · URGENT" : "") + flags,
            flags.isEmpty ? .normal : Style(.alert, bold: true))
        let (due, overdue) = EnquiryWords.due(e, now: now, today: today)
        row("Status", EnquiryWords.status(e.status) + (e.status == .awaitingCallback ? " · " + due : "")
            + (e.team.map { " · team " + $0 } ?? "") + (e.outcome.map { " · " + $0 } ?? ""),
            overdue ? Style(.overdue, bold: true) : .normal)
        row("Summary", e.summary)
        if e.patientID != nil {
            // What was fetched holds only while the identity does (one contact): after that it is shut again.
            var disclosure = shown.disclosure
            if disclosure.isOpen, e.callerType.needsIdentityCheck, e.identity(at: now) != .confirmed {
                disclosure = Disclosure(shut: Disclosure.notConfirmed, scopes: [], consent: nil, appointments: [], transport: [])
            }
            let said = EnquiryWords.disclosure(disclosure, width: max(1, width - 12), today: today)
            for (index, spans) in said.enumerated() { lines.append([Span(CellWidth.pad(index == 0 ? "May say" : "", to: 12), Style(.muted))] + spans) }
        }
        let gateShut = e.patientID != nil && (!shown.disclosure.isOpen
            || (e.callerType.needsIdentityCheck && e.identity(at: now) != .confirmed))
        lines.append([Span("History", Style(.header))]
                     + (gateShut ? [Span("  staff notes: read nothing out until the gate is open", Style(.warning))] : []))
        let header = lines.count
        var history: [[Span]] = []
        for event in shown.history {
            let (day, at) = CentreTime.localNow(event.at)
            let stamp = "\(day.display.prefix(6)) \(at.display) \(CellWidth.pad(event.user, to: 8)) "
            let parts = Box.wrap(event.detail, width: max(1, width - CellWidth.of(stamp)))
            for (index, part) in parts.enumerated() {
                history.append([Span(index == 0 ? stamp : String(repeating: " ", count: CellWidth.of(stamp)), Style(.muted)), Span(part)])
            }
        }
        let promptHeight = detail.prompt.map { $0.inputs.count + 3 } ?? 0
        let room = max(0, inside.height - header - promptHeight)
        let scroll = min(detail.scroll, max(0, history.count - room))
        lines += history.dropFirst(scroll).prefix(room)
        for (index, spans) in lines.prefix(inside.height - promptHeight).enumerated() { buffer.put(spans, in: inside, row: index) }
        if let prompt = detail.prompt {
            let box = Rect(x: inside.x, y: inside.maxY - promptHeight, width: inside.width, height: promptHeight)
            buffer.fill(box, with: Cell(" ", style: Style(.dialog)))
            let content = Box.frame(&buffer, box, title: prompt.title, style: Style(.frame), titleStyle: Style(.title)).inset(dx: 1, dy: 0)
            for (index, input) in prompt.inputs.enumerated() where index < content.height {
                let label = prompt.labels[index]
                let offset = label.isEmpty ? 0 : 15
                if !label.isEmpty { buffer.put(label, x: content.x, y: content.y + index, limit: 14, style: Style(.muted)) }
                input.render(into: &buffer, Rect(x: content.x + offset, y: content.y + index, width: content.width - offset, height: 1),
                             focused: index == prompt.focus)
            }
            if let error = prompt.error, content.height > prompt.inputs.count {
                buffer.put("✗ " + error, x: content.x, y: content.y + prompt.inputs.count, limit: content.width, style: Style(.error))
            }
        }
    }

    // MARK: The record's enquiries

    func enquirySection(_ state: RecordState, width: Int) -> [[Span]] {
        guard let list = state.enquiries else { return [] }
        var lines: [[Span]] = [[], [Span("Enquiries", Style(.header))]]
        if list.isEmpty { lines.append([Span("  none logged", Style(.muted))]); return lines }
        for e in list.prefix(8) {
            let (day, time) = CentreTime.localNow(e.receivedAt)
            let (due, overdue) = EnquiryWords.due(e, now: now, today: today)
            lines.append([Span(CellWidth.truncate("  \(day.display) \(time.display)  #\(e.id) \(EnquiryWords.caller(e.callerType)): "
                                                  + e.callerName + " · " + EnquiryWords.category(e.category), to: width))])
            let state = e.status == .closed ? "closed" + (e.outcome.map { ": " + $0 } ?? "")
                : EnquiryWords.status(e.status) + (e.status == .awaitingCallback ? ", " + due : "")
            lines.append([Span(CellWidth.truncate("      " + state, to: width), overdue ? Style(.overdue, bold: true) : Style(.muted))])
        }
        if list.count > 8 { lines.append([Span("  … \(list.count - 8) more (F5, All open, or frontdesk enquiry list --patient)", Style(.muted))]) }
        return lines
    }
}
