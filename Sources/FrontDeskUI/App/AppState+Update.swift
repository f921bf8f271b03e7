import Foundation
import FrontDeskDomain

extension AppState {
    /// Applies one event; returns what the runtime should do next.
    public mutating func update(_ event: Event) -> [Effect] {
        switch event {
        case .key(let key):
            let was = pane
            var effects = handle(key)
            // Back on the checklist from another pane (Esc from the day list or the record, where things were
            // recorded): read it again, unless the key already asked for it.
            if pane == .checklist, was != .checklist, !effects.contains(where: { if case .checklist(.generate) = $0 { true } else { false } }) {
                effects += reloadChecklist(quietly: true)
            }
            return effects
        case .resize(let size):
            self.size = size
            lookup.position.reveal(visible: lookupPageRows, count: lookup.results.count)
            scroll(by: 0)
            return []
        case .tick(let date):
            now = date
            // The clinic list at reception follows the other desks' check-ins once a minute.
            let count = enquiryTick() + checklistTick()
            if pane == .clinics, overlay == nil, lock == nil, clinicsPane.working == nil, !clinicsPane.isLoading {
                return reloadClinics(quietly: true) + count
            }
            return count
        case .searched(let generation, let result): return receive(generation: generation, result)
        case .opened(let result): return opened(result)
        case .saved(let result): return saved(result)
        case .lock(let date):
            now = date
            lockNow(at: date, reason: .idle(minutes: idleLockMinutes))
            return []
        case .passwordChecked(let accepted): return passwordChecked(accepted)
        case .settingsLoaded(let result): return settingsLoaded(result)
        case .settingChanged(let result): return settingChanged(result)
        case .audited(let result): return audited(result)
        case .clinicSetupLoaded(let result): return clinicSetupLoaded(result)
        case .clinicDayLoaded(let generation, let result): return clinicDayLoaded(generation: generation, result)
        case .toBeBookedLoaded(let generation, let result): return toBeBookedLoaded(generation: generation, result)
        case .appointmentsChanged(let report): return appointmentsChanged(report)
        case .walkedIn(let result): return walkedIn(result)
        case .patientAppointmentsLoaded(let id, let result): return patientAppointmentsLoaded(patientID: id, result)
        case .slotsFound(let generation, let result): return slotsFound(generation: generation, result)
        case .booked(let result): return booked(result)
        case .deskTasksLoaded(let generation, let result): return deskTasksLoaded(generation: generation, result)
        case .teamsLoaded(let result): return teamsLoaded(result)
        case .taskClosed(let result): return taskClosed(result)
        case .sessionLoaded(let result): return sessionLoaded(result)
        case .sessionCancelled(let result): return sessionCancelled(result)
        case .setupListsLoaded(let result): return setupListsLoaded(result)
        case .setupChanged(let result): return setupChanged(result)
        case .staffLoaded(let result): return staffLoaded(result)
        case .staffChanged(let result): return staffChanged(result)
        case .mergeCandidateFound(let result): return mergeCandidateFound(result)
        case .merged(let result): return merged(result)
        case .protocolsLoaded(let result): return protocolsLoaded(result)
        case .coursePlanned(let generation, let result): return coursePlanned(generation: generation, result)
        case .courseAlternativesFound(let generation, let result): return courseAlternativesFound(generation: generation, result)
        case .courseBooked(let result): return courseBooked(result)
        case .patientCoursesLoaded(let id, let result): return patientCoursesLoaded(patientID: id, result)
        case .courseReplanned(let result): return courseReplanned(result)
        case .replanApplied(let result): return replanApplied(result)
        case .courseStopped(let result): return courseStopped(result)
        case .itineraryLoaded(let result): return itineraryLoaded(result)
        case .preferencesLoaded(let result): return preferencesLoaded(result)
        case .preferencesSaved(let result): return preferencesSaved(result)
        case .enquiryAnswered(let call, let result): return enquiryAnswered(call, result)
        case .caseNotesAnswered(let call, let result): return caseNotesAnswered(call, result)
        case .checklistAnswered(let call, let result): return checklistAnswered(call, result)
        }
    }

    // MARK: Keys

    mutating func handle(_ key: Key) -> [Effect] {
        if lock != nil { return handleLocked(key) }
        if Self.lockBinding.keys.contains(key) { return perform(.lock) }
        if let overlay { return handle(key, over: overlay) }
        if let binding = binding(for: key) { return perform(binding.action) }
        // Keys that are no binding go to the focused text field.
        switch pane {
        case .lookup:
            if lookup.focus == .search { return edit(&lookup.query, key) ? searchChanged() : [] }
            if case .char = key { message = .hint("Ctrl-F or / returns to the search field") }
            return []
        case .form:
            guard var form else { return [] }
            let focus = form.focus
            if form.fields[focus].input.handle(key) {
                form.fields[focus].error = nil
                self.form = form
            }
            return []
        case .record:
            return []
        case .settings:
            return typeInSetting(key)
        case .audit:
            return typeInAudit(key)
        case .clinics:
            return typeInClinics(key)
        case .booking:
            return typeInBooking(key)
        case .sequence:
            return typeInSequence(key)
        case .enquiries:
            return typeInEnquiries(key)
        case .checklist:
            return typeInChecklist(key)
        }
    }

    private func edit(_ field: inout TextField, _ key: Key) -> Bool {
        let before = field.text
        _ = field.handle(key)
        return field.text != before
    }

    mutating func perform(_ action: Action) -> [Effect] {
        if pane == .settings, let effects = performInSettings(action) { return effects }
        if pane == .audit, let effects = performInAudit(action) { return effects }
        if pane == .clinics, let effects = performInClinics(action) { return effects }
        if pane == .booking, let effects = performInBooking(action) { return effects }
        if pane == .sequence, let effects = performInSequence(action) { return effects }
        if pane == .enquiries, let effects = performInEnquiries(action) { return effects }
        if pane == .checklist, let effects = performInChecklist(action) { return effects }
        if pane == .record, let effects = performInRecord(action) { return effects }
        switch action {
        case .help:
            overlay = .help(scroll: 0)
            return []
        case .quit:
            if pane == .form, form?.isChanged == true {
                overlay = .confirmDiscard(then: .quit)
                message = nil
                return []
            }
            return [.quit]
        case .patients:
            return leaveForm(then: .lookup)
        case .back:
            switch pane {
            case .record:
                pane = .lookup
                message = nil
                return []
            case .form:
                return leaveForm(then: .back)
            case .lookup:
                lookup.focus = .search
                return []
            case .settings, .audit, .clinics, .booking, .sequence, .enquiries, .checklist:
                return []
            }
        case .focusSearch:
            if pane != .lookup { return leaveForm(then: .lookup) }
            lookup.focus = .search
            return []
        case .focusResults:
            if !lookup.results.isEmpty { lookup.focus = .results }
            else { message = .hint("no results to move to: type a name, NHS number, hospital number, date of birth, phone or postcode") }
            return []
        case .moveDown: move(by: 1); return []
        case .moveUp: move(by: -1); return []
        case .pageDown:
            switch pane {
            case .lookup: move(by: lookupPageRows)
            case .record: scroll(by: record.map { recordBodyHeight($0.patient) } ?? 10)
            case .form: moveField(by: 8)
            case .settings, .audit, .clinics, .booking, .sequence, .enquiries, .checklist: break
            }
            return []
        case .pageUp:
            switch pane {
            case .lookup: move(by: -lookupPageRows)
            case .record: scroll(by: -(record.map { recordBodyHeight($0.patient) } ?? 10))
            case .form: moveField(by: -8)
            case .settings, .audit, .clinics, .booking, .sequence, .enquiries, .checklist: break
            }
            return []
        case .first:
            if pane == .record { record?.scroll = 0 } else { lookup.position.moveTo(0, count: lookup.results.count) }
            lookup.position.reveal(visible: lookupPageRows, count: lookup.results.count)
            return []
        case .last:
            if pane == .record { scroll(by: Int.max / 2) }
            else { lookup.position.moveTo(lookup.results.count - 1, count: lookup.results.count) }
            lookup.position.reveal(visible: lookupPageRows, count: lookup.results.count)
            return []
        case .scrollDown: scroll(by: 1); return []
        case .scrollUp: scroll(by: -1); return []
        case .openSelected:
            if lookup.isSearching {
                lookup.openWhenAnswered = true
                message = .info("opening when the search for \u{201C}\(lookup.query.text)\u{201D} has answered…")
                return []
            }
            guard let chosen = lookup.selected else {
                message = .hint(lookup.query.isEmpty ? "type to search first" : "no patient is selected")
                return []
            }
            return [.open(reference: chosen.mrn)]
        case .newPatient:
            var form = PatientForm(purpose: .register)
            prefill(&form, from: lookup.query.text)
            // Start at the first required field still empty (after a name search, the date of birth).
            form.focus = form.fields.firstIndex { $0.required && $0.value.isEmpty } ?? 0
            // What came from the search is the starting point, not a change to ask about on Esc.
            form.acceptCurrentValues()
            self.form = form
            formReturnsTo = .lookup
            pane = .form
            message = nil
            return []
        case .editPatient:
            guard let record else { return [] }
            form = PatientForm(purpose: .edit(record.patient))
            formReturnsTo = .record
            pane = .form
            message = nil
            return []
        case .nextField:
            moveField(by: 1)
            return []
        case .previousField:
            moveField(by: -1)
            return []
        case .save: return save(acceptLikelyDuplicates: false)
        case .redraw: return [.redraw]
        case .lock:
            lockNow(at: now, reason: .key)
            return []
        case .settings: return openSettings()
        case .audit: return openAudit()
        case .clinics: return openClinics()
        case .sequence: return openSequence()
        case .enquiries: return openEnquiries()
        case .checklist: return openChecklist()
        case .book, .rebook, .cancelAppointment, .overbook:
            message = .hint("open a patient's record first (F2, then Enter)")
            return []
        case .confirm, .saveAnyway, .unlock, .runReport, .applyFilters, .nextChoice, .previousChoice, .previousDay, .nextDay,
             .toggleMark, .toBeBookedList, .checkIn, .attended, .attendedLate, .lateNotSeen, .didNotAttend, .outcomeDischarged,
             .outcomeAnother, .outcomeToBeBooked, .undoAppointment, .walkIn, .switchParty, .tasksList, .previousTeam, .nextTeam,
             .taskDone, .cancelTask, .cancelSession, .switchSection, .previousList, .nextList, .addEntry, .generateSessions, .pharmacyScreening,
             .previousSection, .changeTeams, .defaultSite, .toggleActive, .merge, .alternatives, .pin, .overrideRule, .itinerary,
             .preferences, .replanCourse, .stopCourse, .newEnquiry, .checkIdentity, .addNote, .calledBack, .callbackLater, .refer,
             .escalate, .closeEnquiry, .addConsent, .withdrawConsent, .moveNotes, .tickItem, .deferItem, .clearMark, .signOff, .exportChecklist,
             .pullList, .unsignedDays, .outstandingOnly:
            return []
        }
    }

    // MARK: Overlays

    mutating func handle(_ key: Key, over overlay: Overlay) -> [Effect] {
        // In the break-glass box, keys that are no binding type the words.
        if case .breakGlass(var choosing) = overlay, !Self.overlayBindings(overlay).contains(where: { $0.keys.contains(key) }) {
            if choosing.note.handle(key) { self.overlay = .breakGlass(choosing) }
            return []
        }
        if !Self.overlayBindings(overlay).contains(where: { $0.keys.contains(key) }), typeInAppointmentOverlay(key, overlay) {
            return []
        }
        if !Self.overlayBindings(overlay).contains(where: { $0.keys.contains(key) }), typeInMergeDialog(key, overlay) {
            return []
        }
        if !Self.overlayBindings(overlay).contains(where: { $0.keys.contains(key) }), typeInCourseOverlay(key, overlay) {
            return []
        }
        if !Self.overlayBindings(overlay).contains(where: { $0.keys.contains(key) }), typeInConsentDialog(key, overlay) {
            return []
        }
        if !Self.overlayBindings(overlay).contains(where: { $0.keys.contains(key) }), typeInCaseNotes(key, overlay) {
            return []
        }
        guard let binding = Self.overlayBindings(overlay).first(where: { $0.keys.contains(key) }) else {
            let keys = Self.overlayBindings(overlay).filter(\.inBar).map { "\($0.keys[0]) \($0.label.lowercased())" }
            message = .hint("keys here: " + keys.joined(separator: " · "))
            return []
        }
        switch overlay {
        case .help(let scroll):
            let limit = helpMaxScroll
            switch binding.action {
            case .scrollDown: self.overlay = .help(scroll: min(limit, scroll + 1))
            case .scrollUp: self.overlay = .help(scroll: max(0, min(limit, scroll) - 1))
            case .pageDown: self.overlay = .help(scroll: min(limit, scroll + 10))
            case .pageUp: self.overlay = .help(scroll: max(0, min(limit, scroll) - 10))
            case .quit: self.overlay = nil; return perform(.quit)
            default: self.overlay = nil
            }
            return []
        case .likelyDuplicates:
            switch binding.action {
            case .saveAnyway:
                self.overlay = nil
                return save(acceptLikelyDuplicates: true)
            case .quit:
                self.overlay = .confirmDiscard(then: .quit)
            default:
                self.overlay = nil
                message = .info("not saved: check the existing records (F2 to search) or change the details")
            }
            return []
        case .confirmDiscard(let then):
            self.overlay = nil
            if binding.action == .confirm { return discardForm(then: then) }
            message = .info("still editing: Ctrl-S saves")
            return []
        case .breakGlass(var choosing):
            let kinds = AccessReason.Kind.allCases
            let index = kinds.firstIndex(of: choosing.choice) ?? 0
            switch binding.action {
            case .moveDown: choosing.choice = kinds[(index + 1) % kinds.count]; self.overlay = .breakGlass(choosing)
            case .moveUp: choosing.choice = kinds[(index + kinds.count - 1) % kinds.count]; self.overlay = .breakGlass(choosing)
            case .quit: self.overlay = nil; return perform(.quit)
            case .confirm:
                switch choosing.reason {
                case .failure(let problem): message = .error(problem.description)
                case .success(let reason):
                    self.overlay = nil
                    if choosing.toSave {
                        // Save the form again, now with the reason.
                        record?.reason = reason
                        return save(acceptLikelyDuplicates: false)
                    }
                    openingReason = reason
                    return [.open(reference: choosing.mrn, reason: reason)]
                }
            default:
                self.overlay = nil
                message = .info(choosing.toSave ? "not saved: \(choosing.mrn) is restricted" : "not opened: \(choosing.mrn) is restricted")
            }
            return []
        case .checkIn, .cancelAppointments, .appointmentReason, .walkIn, .confirmBooking, .overbook, .closeTask, .cancelSession:
            return handleAppointmentOverlay(binding, overlay)
        case .staffActive(let state):
            return handleStaffActive(binding, state)
        case .merge(let state):
            return handleMergeDialog(binding, state)
        case .confirmCourse, .courseOverride, .stopCourse, .courseBooked, .itinerary, .courseReplan, .bookingPreferences:
            return handleCourseOverlay(binding, overlay)
        case .sharingConsent(let state):
            return handleConsentDialog(binding, state)
        case .caseNotes(let notes):
            return handleCaseNotesOverlay(binding, notes)
        }
    }

    /// How far the help overlay can scroll at this size (its last line at the bottom).
    var helpMaxScroll: Int {
        guard let layout = ShellLayout.make(size) else { return 0 }
        return HelpOverlay.maxScroll(in: Self.overlayArea(layout), sections: helpSections)
    }

    mutating func leaveForm(then: AfterDiscard) -> [Effect] {
        if pane == .form, form?.isChanged == true {
            overlay = .confirmDiscard(then: then)
            message = nil
            return []
        }
        return discardForm(then: then)
    }

    mutating func discardForm(then: AfterDiscard) -> [Effect] {
        let wasForm = pane == .form && form?.isChanged == true
        switch then {
        case .quit:
            return [.quit]
        case .lookup:
            form = nil
            pane = .lookup
            lookup.focus = .search
        case .back:
            form = nil
            pane = resolvedReturn(formReturnsTo)
        }
        if wasForm { message = .info("changes discarded") }
        return []
    }

    // MARK: Lookup

    mutating func searchChanged() -> [Effect] {
        lookup.generation += 1
        lookup.openWhenAnswered = false
        lookup.failure = nil
        message = nil
        let text = lookup.query.text
        if SearchQuery.parse(text).isEmpty {
            // Nothing to search: clear at once, no search runs.
            lookup.results = []
            lookup.more = 0
            lookup.moreCapped = false
            lookup.shownQuery = text
            lookup.shownGeneration = lookup.generation
            lookup.position = ListPosition()
            return []
        }
        return [.search(generation: lookup.generation, text: text, limit: searchLimit)]
    }

    mutating func receive(generation: Int, _ result: Result<SearchResults, DeskFailure>) -> [Effect] {
        // A query already superseded by more typing is never drawn.
        guard generation == lookup.generation else { return [] }
        defer { lookup.openWhenAnswered = false }
        let previous = lookup.selected?.id
        lookup.shownGeneration = generation
        lookup.shownQuery = lookup.query.text
        switch result {
        case .success(let found):
            lookup.results = found.results
            lookup.more = found.more
            lookup.moreCapped = found.moreCapped
            lookup.failure = nil
            let keep = previous.flatMap { id in found.results.firstIndex { $0.id == id } } ?? 0
            lookup.position = ListPosition(selected: keep, top: 0)
            lookup.position.reveal(visible: lookupPageRows, count: found.results.count)
            if found.results.isEmpty, lookup.focus == .results { lookup.focus = .search }
        case .failure(let failure):
            lookup.results = []
            lookup.more = 0
            lookup.failure = failure.message
            message = .error(failure.message)
            lookup.focus = .search
            return []
        }
        guard lookup.openWhenAnswered, pane == .lookup, overlay == nil else { return [] }
        message = nil
        return perform(.openSelected)
    }

    mutating func move(by delta: Int) {
        switch pane {
        case .lookup:
            lookup.position.move(by: delta, count: lookup.results.count)
            lookup.position.reveal(visible: lookupPageRows, count: lookup.results.count)
        case .record:
            scroll(by: delta)
        case .form:
            moveField(by: delta)
        case .settings, .audit, .clinics, .booking, .sequence, .enquiries, .checklist:
            break
        }
    }

    mutating func scroll(by delta: Int) {
        guard var record else { return }
        let limit = max(0, recordLines(record.patient).count - recordBodyHeight(record.patient))
        record.scroll = min(limit, max(0, record.scroll &+ delta))
        self.record = record
    }

    /// Starts a registration from what was searched: a name fills the name
    /// fields, a date the date of birth, an NHS number or postcode its field.
    func prefill(_ form: inout PatientForm, from text: String) {
        let query = SearchQuery.parse(text)
        for term in query.terms {
            guard case .identifier(_, let meanings) = term else { continue }
            for meaning in meanings {
                switch meaning {
                case .nhsNumber(let digits): set(&form, "nhs_number", NHSNumber(stored: digits).formatted)
                case .dateOfBirth(let date): set(&form, "date_of_birth", date.display)
                case .postcode(let code): set(&form, "postcode", Postcode(code)?.value ?? code)
                default: break
                }
            }
        }
        // Words made of letters are the name as typed: family name first, as people search.
        let names = text.split(separator: " ").map(String.init).filter { word in
            word.contains(where: \.isLetter) && word.allSatisfy { $0.isLetter || $0 == "'" || $0 == "-" || $0 == "’" }
                && Postcode(word) == nil
        }
        func capitalised(_ word: String) -> String {
            word.first.map { String($0).uppercased() + word.dropFirst() } ?? word
        }
        if let family = names.first { set(&form, "family_name", capitalised(family)) }
        if names.count > 1 { set(&form, "given_names", names.dropFirst().map(capitalised).joined(separator: " ")) }
    }

    private func set(_ form: inout PatientForm, _ name: String, _ value: String) {
        guard let index = form.fields.firstIndex(where: { $0.name == name }), form.fields[index].value.isEmpty else { return }
        form.fields[index].input.set(value)
    }

    // MARK: Record

    mutating func opened(_ result: Result<Patient, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let patient):
            record = RecordState(patient: patient)
            record?.reason = patient.restriction != nil ? openingReason : nil
            openingReason = nil
            pane = .record
            // Keep "registered …" after a registration; otherwise say the opening was recorded.
            if message?.kind != .success { message = .info("opened \(patient.displayName) (recorded in the audit trail)") }
            if let id = patient.id { return [.patientAppointments(patientID: id)] }
        case .failure(let failure):
            openingReason = nil
            if let mrn = failure.restrictedRecord {
                // A restricted record: ask why before anything of it is shown.
                overlay = .breakGlass(BreakGlassState(mrn: mrn))
                message = .warning("\(mrn) is a restricted record: choose why you open it (the opening is reported to the manager)")
            } else {
                message = .error(failure.message)
            }
        }
        return []
    }

    // MARK: Form

    mutating func moveField(by delta: Int) {
        guard var form else { return }
        form.check(form.focus, today: today)
        let target = min(max(0, form.focus + delta), form.fields.count - 1)
        form.focus = target
        self.form = form
        if let error = form.fields[form.focus].error {
            message = .error("\(form.fields[form.focus].name): \(error)")
        } else {
            let left = form.fields[min(max(0, target - delta), form.fields.count - 1)]
            message = left.error.map { .error("\(left.name): \($0)") }
        }
    }

    mutating func save(acceptLikelyDuplicates: Bool) -> [Effect] {
        guard var form else { return [] }
        let problems = form.checkAll(today: today)
        if let first = problems.first {
            if let index = form.index(ofError: first.field) { form.focus = index }
            self.form = form
            let others = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""), marked ✗)" : ""
            message = .error("\(first.field): \(first.reason)\(others)")
            return []
        }
        self.form = form
        switch form.purpose {
        case .register:
            return [.register(form.patientFields, acceptLikelyDuplicates: acceptLikelyDuplicates)]
        case .edit(let patient):
            if !form.isChanged { message = .info("nothing changed"); return [] }
            return [.edit(reference: patient.mrn, form.patientFields, acceptLikelyDuplicates: acceptLikelyDuplicates,
                          reason: record?.patient.id == patient.id ? record?.reason : nil)]
        }
    }

    mutating func saved(_ result: Result<SavedPatient, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let saved):
            form = nil
            if let changed = saved.changed {
                let words: Message = changed.isEmpty ? .info("nothing changed") : .success("saved: changed " + changed.joined(separator: ", "))
                if formReturnsTo == .clinics {
                    // A correction made at check-in: back to the clinic list.
                    if record?.patient.id == saved.patient.id { record?.patient = saved.patient }
                    pane = .clinics
                    message = words
                    return reloadClinics(quietly: true)
                }
                let reason = record?.reason
                let kept = record?.patient.id == saved.patient.id ? record : nil
                record = RecordState(patient: saved.patient)
                record?.reason = saved.patient.restriction != nil ? reason : nil
                record?.appointments = kept?.appointments
                pane = .record
                message = words
                if let id = saved.patient.id { return [.patientAppointments(patientID: id)] }
                return []
            }
            // A new patient: show the record, opened through the audited door.
            lookup.query.set(saved.patient.mrn)
            let search = searchChanged()
            message = .success("registered \(saved.patient.displayName), hospital number \(saved.patient.mrn)")
            return search + [.open(reference: saved.patient.mrn)]
        case .failure(let failure):
            if let mrn = failure.restrictedRecord, form != nil {
                // Restricted since it was opened: ask why, then save again.
                var choosing = BreakGlassState(mrn: mrn)
                choosing.toSave = true
                overlay = .breakGlass(choosing)
                message = .warning("\(mrn) has been restricted since it was opened: choose why you change it (reported to the manager)")
                return []
            }
            if !failure.likelyDuplicates.isEmpty {
                overlay = .likelyDuplicates(failure.likelyDuplicates)
                message = .warning("possible duplicate: check the records listed before saving")
                return []
            }
            if var form {
                form.mark(failure.fieldErrors)
                if let first = failure.fieldErrors.first, let index = form.index(ofError: first.field) { form.focus = index }
                self.form = form
            }
            message = .error(failure.message)
            return []
        }
    }
}
