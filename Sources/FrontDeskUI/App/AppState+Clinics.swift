import Foundation
import FrontDeskDomain

/// The clinics pane's keys and what they do (the state and drawing are in
/// Panes/ClinicsPane.swift). Letters act only while the list has the keys;
/// in a filter field they are typed.
extension AppState {
    /// The global key of the clinics pane.
    static let clinicsBinding = KeyBinding([.function(3)], .clinics, label: "Clinics",
                                           help: "clinics: day list, check-in, to-be-booked, tasks", inBar: true)

    /// The keys that change the marked rows' status (or the selected row's when none is marked).
    static func statusBindings(permissions: Set<Permission>) -> [KeyBinding] {
        var list = [
            KeyBinding([.char("i")], .checkIn, label: "Check in",
                       help: "check in (then confirm the address, phones and GP with the patient; F8 corrects them)", inBar: true),
            KeyBinding([.char("a")], .attended, label: "Attended", help: "record attended (seen, code 5)"),
            KeyBinding([.char("l")], .attendedLate, label: "Late", help: "record attended late (arrived late but seen, code 6)"),
            KeyBinding([.char("n")], .lateNotSeen, label: "Not seen", help: "record arrived late, not seen (code 7)"),
            KeyBinding([.char("d")], .didNotAttend, label: "DNA",
                       help: "record did not attend (code 3): the clinical team gets a task to decide the next step", inBar: true),
            KeyBinding([.char("1")], .outcomeDischarged, label: "Outcome 1", help: "record outcome 1: discharged"),
            KeyBinding([.char("2")], .outcomeAnother, label: "Outcome 2", help: "record outcome 2: another appointment given"),
            KeyBinding([.char("3")], .outcomeToBeBooked, label: "Outcome 3",
                       help: "record outcome 3: to be booked later (the patient goes on the to-be-booked list)"),
            KeyBinding([.char("c")], .cancelAppointment, label: "Cancel",
                       help: "cancel: asks who cancelled (patient or hospital), a reason and words, then confirms"),
        ]
        if permissions.contains(.undoAttendance) {
            list.append(KeyBinding([.char("u")], .undoAppointment, label: "Undo",
                                   help: "officers: undo a mistaken check-in, attendance or DNA, or reinstate a cancellation (asks why; audited)"))
        }
        return list
    }

    /// The clinics pane's keys: in the list (day list, to-be-booked list or tasks), or typing in a filter.
    public static func clinicsBindings(typing: Bool, view: ClinicsPaneState.View = .day,
                                       permissions: Set<Permission> = []) -> [KeyBinding] {
        if typing { return diaryFilterTypingBindings }
        var list: [KeyBinding]
        switch view {
        case .day:
            list = [KeyBinding([.enter], .openSelected, label: "Open", help: "open the selected patient's record")]
            list += statusBindings(permissions: permissions)
            list += [
                KeyBinding([.char("r")], .rebook, label: "Rebook",
                           help: "move the selected appointment to another slot, as r in the record: a booked one asks who cancelled and why, "
                               + "then the booking pane (a cancelled one goes straight there); the trail links the two"),
                KeyBinding([.char(" ")], .toggleMark, label: "Mark",
                           help: "mark or unmark the row and go to the next (the keys above then act on every marked row)"),
                KeyBinding([.char("w")], .walkIn, label: "Walk-in", help: "add a walk-in to today's clinic (patient, service, clinician)"),
                KeyBinding([.char("t")], .toBeBookedList, label: "To be booked", help: "the to-be-booked list (outcome 3) of the service chosen, or all"),
                KeyBinding([.char("k")], .tasksList, label: "Tasks",
                           help: "the open tasks of the front desk (← → another of your teams, or all): x marks one done, c cancels it"),
            ]
            if permissions.contains(.cancelClinicSession) {
                list.append(KeyBinding([.char("s")], .cancelSession, label: "Cancel session",
                                       help: "officers: cancel the selected appointment's session (clinician on leave …): asks why; "
                                           + "its booked appointments are cancelled by the hospital and listed for rebooking"))
            }
            list += [
                KeyBinding([.left], .previousDay, label: "Day before", help: "the day before"),
                KeyBinding([.right], .nextDay, label: "Day after", help: "the day after"),
                KeyBinding([.escape], .back, label: "Back", help: "clear the marks; with none marked, back to where you were"),
            ]
        case .toBeBooked:
            list = [
                KeyBinding([.enter], .openSelected, label: "Open", help: "open the selected patient's record", inBar: true),
                KeyBinding([.char("b")], .book, label: "Book", help: "book an appointment for the selected patient (the service is filled in)", inBar: true),
                KeyBinding([.char("t"), .escape], .toBeBookedList, label: "Day list", help: "back to the clinic day list"),
            ]
        case .tasks:
            list = [
                KeyBinding([.enter], .openSelected, label: "Open", help: "open the selected task's patient record"),
                KeyBinding([.char("x")], .taskDone, label: "Done", help: "mark the selected task done (a note is optional)", inBar: true),
                KeyBinding([.char("c")], .cancelTask, label: "Cancel",
                           help: "cancel the selected task: a note saying why is required", inBar: true),
                KeyBinding([.right], .nextTeam, label: "Next team",
                           help: "the next team's tasks: the front desk, your other teams, then every team"),
                KeyBinding([.left], .previousTeam, label: "Previous team", help: "the previous team's tasks"),
                KeyBinding([.char("k"), .escape], .tasksList, label: "Day list", help: "back to the clinic day list"),
            ]
        }
        list += [
            KeyBinding([.down], .moveDown, label: "Down", help: "select the next row"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous row"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
            KeyBinding([.home], .first, label: "First", help: "select the first row"),
            KeyBinding([.end], .last, label: "Last", help: "select the last row"),
        ]
        // The tasks view is not narrowed by the clinic filters.
        guard view != .tasks else { return list }
        return list + diaryFilterEntryBindings
    }

    /// F3: the clinics pane, with today's list read afresh the first time.
    mutating func openClinics() -> [Effect] {
        switch pane {
        case .clinics:
            return []
        case .form:
            if form?.isChanged == true {
                message = .hint("save the form (Ctrl-S) or leave it (Esc) before opening the clinics")
                return []
            }
            clinicsPane.returnsTo = resolvedReturn(formReturnsTo)
            form = nil
        case .settings:
            clinicsPane.returnsTo = settingsPane.returnsTo
        case .audit:
            clinicsPane.returnsTo = auditPane.returnsTo
        case .lookup, .record, .booking, .sequence, .enquiries, .checklist:
            clinicsPane.returnsTo = pane
        }
        pane = .clinics
        clinicsPane.focus = .list
        message = nil
        var effects: [Effect] = []
        if !clinicsPane.prepared {
            clinicsPane.date.set(today.display)
            // The desk's own site first (staff set-site); Tab and ↑ ↓ change it.
            if let site = session.siteCode, clinicsPane.site.text.isEmpty { clinicsPane.site.set(site) }
            clinicsPane.prepared = true
        }
        if clinicsPane.setup == nil { effects.append(.loadClinicSetup) }
        return effects + reloadClinics()
    }

    /// F3's day list at one appointment's clinic (its date, site, service and
    /// clinician in the filters), that appointment selected: where its attendance
    /// and outcome are recorded (Enter on a checklist's attendance or outcome item). Esc goes back.
    mutating func openClinicDay(appointment id: Int64, date: LocalDate, site: String?, service: String?, clinician: String?) -> [Effect] {
        let effects = openClinics()
        guard pane == .clinics else { return effects }
        clinicsPane.view = .day
        clinicsPane.date.set(date.display)
        clinicsPane.site.set(site ?? "")
        clinicsPane.service.set(service ?? "")
        clinicsPane.clinician.set(clinician ?? "")
        clinicsPane.pendingAppointment = id
        message = .hint("appointment \(id): a attended, l late, d DNA, 1 2 3 the outcome; Esc goes back")
        return effects.filter { if case .clinicDay = $0 { return false } else { return true } } + reloadClinics()
    }

    /// Where a pane that was left for another goes back to (a pane that no longer has its state goes to the lookup).
    func resolvedReturn(_ target: PaneID) -> PaneID {
        switch target {
        case .record: return record != nil ? .record : .lookup
        case .clinics: return .clinics
        case .enquiries: return .enquiries
        case .checklist: return .checklist
        case .booking: return booking != nil ? .booking : (record != nil ? .record : .lookup)
        case .sequence: return sequence != nil ? .sequence : (record != nil ? .record : .lookup)
        case .lookup, .form, .settings, .audit: return .lookup
        }
    }

    /// The query the filters ask for, or the field that is wrong and why.
    func clinicQuery() -> Result<ClinicDayQuery, FilterError<ClinicsPaneState.Focus>> {
        clinicsPane.filterValues(today: today, setup: clinicsPane.setup).map { v in
            ClinicDayQuery(date: v.date, siteCode: v.siteCode, serviceCode: v.serviceCode, clinicianCode: v.clinicianCode,
                           includeCancelled: true)
        }
    }

    /// Reads the list the filters name (the day list or the to-be-booked list);
    /// `quietly`: a filter being typed that names nothing yet is not an error.
    mutating func reloadClinics(quietly: Bool = false) -> [Effect] {
        if clinicsPane.view == .tasks {
            clinicsPane.deskTaskGeneration += 1
            return [.deskTasks(generation: clinicsPane.deskTaskGeneration, team: clinicsPane.team)]
        }
        switch clinicQuery() {
        case .failure(let wrong):
            let (focus, problem) = (wrong.focus, wrong.problem)
            if !quietly {
                clinicsPane.errorField = focus
                message = .error(problem.description)
            }
            return []
        case .success(let query):
            clinicsPane.errorField = nil
            switch clinicsPane.view {
            case .day:
                clinicsPane.generation += 1
                return [.clinicDay(generation: clinicsPane.generation, query)]
            case .toBeBooked:
                clinicsPane.taskGeneration += 1
                return [.toBeBooked(generation: clinicsPane.taskGeneration, serviceCode: query.serviceCode)]
            case .tasks:
                return []
            }
        }
    }

    /// The clinics pane's filter line (the checklist has the same).
    static var clinicFilterKeys: DiaryFilterKeys<ClinicsPaneState> {
        DiaryFilterKeys(pane: \.clinicsPane, listName: "clinic list", shows: "the list") { $0.reloadClinics(quietly: $1) }
    }

    /// The clinics pane's own actions; nil for the global ones (help, patients, quit…).
    mutating func performInClinics(_ action: Action) -> [Effect]? {
        if let effects = performInDiaryFilter(action, Self.clinicFilterKeys) { return effects }
        let count: Int
        switch clinicsPane.view {
        case .day: count = clinicsPane.rows.count
        case .toBeBooked: count = clinicsPane.tasks.count
        case .tasks: count = clinicsPane.deskTasks.count
        }
        func move(_ change: (inout ListPosition) -> Void) {
            switch clinicsPane.view {
            case .day:
                change(&clinicsPane.position)
                clinicsPane.position.reveal(visible: clinicsPageRows, count: count)
            case .toBeBooked:
                change(&clinicsPane.taskPosition)
                clinicsPane.taskPosition.reveal(visible: clinicsPageRows, count: count)
            case .tasks:
                change(&clinicsPane.deskTaskPosition)
                clinicsPane.deskTaskPosition.reveal(visible: clinicsPageRows, count: count)
            }
        }
        switch action {
        case .moveDown: move { $0.move(by: 1, count: count) }
        case .moveUp: move { $0.move(by: -1, count: count) }
        case .pageDown: move { [rows = clinicsPageRows] in $0.move(by: rows, count: count) }
        case .pageUp: move { [rows = clinicsPageRows] in $0.move(by: -rows, count: count) }
        case .first: move { $0.moveTo(0, count: count) }
        case .last: move { $0.moveTo(count - 1, count: count) }
        case .back:
            if !clinicsPane.marked.isEmpty {
                message = .info("\(clinicsPane.marked.count) mark\(clinicsPane.marked.count == 1 ? "" : "s") cleared")
                clinicsPane.marked = []
            } else {
                pane = resolvedReturn(clinicsPane.returnsTo)
                message = nil
            }
        case .previousDay, .nextDay:
            let shownDate = (try? clinicQuery().get())?.date ?? today
            clinicsPane.date.set(shownDate.adding(days: action == .nextDay ? 1 : -1).display)
            clinicsPane.marked = []
            clinicsPane.position = ListPosition()
            return reloadClinics()
        case .toggleMark:
            guard let row = clinicsPane.selected else { message = .hint("no appointment to mark"); return [] }
            let id = row.appointment.id
            if clinicsPane.marked.contains(id) { clinicsPane.marked.remove(id) } else { clinicsPane.marked.insert(id) }
            move { $0.move(by: 1, count: count) }
            message = .info("\(clinicsPane.marked.count) marked: i, a, l, n, d, 1–3, c act on every marked row; Esc clears the marks")
        case .toBeBookedList:
            clinicsPane.view = clinicsPane.view == .day ? .toBeBooked : .day
            clinicsPane.focus = .list
            message = nil
            return reloadClinics()
        case .tasksList:
            clinicsPane.view = clinicsPane.view == .tasks ? .day : .tasks
            clinicsPane.focus = .list
            message = nil
            let teams: [Effect] = clinicsPane.view == .tasks && clinicsPane.myTeams == nil ? [.loadTeams] : []
            return teams + reloadClinics()
        case .nextTeam, .previousTeam:
            let choices = clinicsPane.teamChoices
            let index = choices.firstIndex(of: clinicsPane.team) ?? 0
            clinicsPane.team = choices[(index + (action == .nextTeam ? 1 : choices.count - 1)) % choices.count]
            clinicsPane.deskTaskPosition = ListPosition()
            message = .hint("tasks of " + clinicsPane.teamText(clinicsPane.team))
            return reloadClinics()
        case .taskDone, .cancelTask:
            guard let task = clinicsPane.selectedDeskTask else { message = .hint("no task is selected"); return [] }
            let status: DeskTask.Status = action == .taskDone ? .done : .cancelled
            overlay = .closeTask(TaskDialogState(task: task, status: status))
            message = .hint(status == .done ? "a note is optional; Enter marks the task done"
                            : "say why the task is cancelled (required); Enter cancels it")
        case .cancelSession:
            guard session.permissions.contains(.cancelClinicSession) else {
                message = .error("cancel session: only an officer or a manager may cancel a clinic session")
                return []
            }
            guard let row = clinicsPane.selected else { message = .hint("no appointment is selected: its session is the one cancelled"); return [] }
            guard let sessionID = row.appointment.sessionID else {
                message = .error("session: appointment \(row.appointment.id) is not in a clinic session")
                return []
            }
            message = .info("reading session \(sessionID)…")
            return [.loadSession(id: sessionID, date: row.appointment.date)]
        case .openSelected:
            let mrn: String?
            switch clinicsPane.view {
            case .day: mrn = clinicsPane.selected?.appointment.patientMRN
            case .toBeBooked: mrn = clinicsPane.selectedTask?.patientMRN
            case .tasks: mrn = clinicsPane.selectedDeskTask?.patientMRN
            }
            guard let mrn else { message = .hint("no row is selected"); return [] }
            return [.open(reference: mrn)]
        case .checkIn: return changeRows(.checkIn)
        case .attended: return changeRows(.attended)
        case .attendedLate: return changeRows(.attendedLate)
        case .lateNotSeen: return changeRows(.lateNotSeen)
        case .didNotAttend: return changeRows(.didNotAttend)
        case .outcomeDischarged: return changeRows(.outcome(.discharged))
        case .outcomeAnother: return changeRows(.outcome(.anotherAppointmentGiven))
        case .outcomeToBeBooked: return changeRows(.outcome(.toBeBooked))
        case .cancelAppointment:
            let rows = targetRows
            guard !rows.isEmpty else { message = .hint("no appointment is selected"); return [] }
            overlay = .cancelAppointments(CancelDialogState(
                appointments: rows.map { ListedAppointment($0.appointment, $0.patientText) }, purpose: .cancel))
            message = nil
        case .undoAppointment:
            let rows = targetRows
            guard !rows.isEmpty else { message = .hint("no appointment is selected"); return [] }
            overlay = .appointmentReason(ReasonDialogState(appointments: rows.map { ListedAppointment($0.appointment, $0.patientText) }))
            message = nil
        case .walkIn:
            var dialog = WalkInState()
            dialog.service.set(DiaryChoice.service.resolveOrTyped(clinicsPane.service.text, setup: clinicsPane.setup))
            dialog.clinician.set(DiaryChoice.clinician.resolveOrTyped(clinicsPane.clinician.text, setup: clinicsPane.setup))
            dialog.site = (try? DiaryChoice.site.resolve(clinicsPane.site.text, setup: clinicsPane.setup).get()) ?? nil
            overlay = .walkIn(dialog)
            message = .hint("type the patient's hospital or NHS number; Tab for the service and clinician")
        case .rebook:
            guard let row = clinicsPane.selected else { message = .hint("no appointment is selected"); return [] }
            return startRebook(ListedAppointment(row.appointment, row.patientText), returnsTo: .clinics)
        case .book:
            guard let task = clinicsPane.selectedTask else { message = .hint("no patient is selected"); return [] }
            return startBooking(patientID: task.patientID, reference: task.patientMRN, label: task.patientMRN,
                                service: task.serviceCode, rebooking: nil, returnsTo: .clinics)
        default:
            return nil
        }
        return []
    }

    /// The rows the status keys act on: every marked row, or the selected one.
    var targetRows: [ClinicDayRow] {
        guard clinicsPane.view == .day else { return [] }
        let marked = clinicsPane.rows.filter { clinicsPane.marked.contains($0.appointment.id) }
        if !marked.isEmpty { return marked }
        return clinicsPane.selected.map { [$0] } ?? []
    }

    mutating func changeRows(_ change: AppointmentChange) -> [Effect] {
        if let working = clinicsPane.working {
            message = .info("still working: \(working.done)…")
            return []
        }
        let rows = targetRows
        guard !rows.isEmpty else {
            message = .hint(clinicsPane.rows.isEmpty ? "no appointments listed: ← → another day, or Tab to the filters" : "no appointment is selected")
            return []
        }
        clinicsPane.working = change
        message = nil
        return [.changeAppointments(change, ids: rows.map(\.appointment.id))]
    }

    /// Keys that are no binding: typed into the focused filter (the list reloads as you type).
    mutating func typeInClinics(_ key: Key) -> [Effect] { typeInDiaryFilter(key, Self.clinicFilterKeys) }

    // MARK: Answers

    mutating func clinicSetupLoaded(_ result: Result<ClinicSetup, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let setup):
            clinicsPane.setup = setup
            if var booking { booking.setup = setup; self.booking = booking }
        case .failure(let failure):
            // The filters then take codes as typed; the services check them.
            clinicsPane.setup = nil
            if pane == .clinics { message = .warning("the clinic set-up could not be read: type codes (\(failure.message))") }
        }
        return []
    }

    mutating func clinicDayLoaded(generation: Int, _ result: Result<[ClinicDayRow], DeskFailure>) -> [Effect] {
        guard generation == clinicsPane.generation else { return [] }
        clinicsPane.shownGeneration = generation
        let previous = clinicsPane.pendingAppointment ?? clinicsPane.selected?.appointment.id
        clinicsPane.pendingAppointment = nil
        switch result {
        case .success(let rows):
            let sameDay = clinicsPane.shown.map { shown in (try? clinicQuery().get())?.date == shown.date } ?? false
            clinicsPane.shown = try? clinicQuery().get()
            clinicsPane.rows = rows
            clinicsPane.failure = nil
            // Marks stay on rows still listed (a reload after an action keeps the rest marked).
            clinicsPane.marked = sameDay ? clinicsPane.marked.intersection(rows.map(\.appointment.id)) : []
            let keep = previous.flatMap { id in rows.firstIndex { $0.appointment.id == id } } ?? (sameDay ? clinicsPane.position.selected : 0)
            clinicsPane.position.moveTo(keep, count: rows.count)
            clinicsPane.position.reveal(visible: clinicsPageRows, count: rows.count)
        case .failure(let failure):
            clinicsPane.rows = []
            clinicsPane.failure = failure.message
            if pane == .clinics { message = .error(failure.message) }
        }
        return []
    }

    mutating func toBeBookedLoaded(generation: Int, _ result: Result<[DeskTask], DeskFailure>) -> [Effect] {
        guard generation == clinicsPane.taskGeneration else { return [] }
        clinicsPane.taskShownGeneration = generation
        switch result {
        case .success(let tasks):
            clinicsPane.tasks = tasks
            clinicsPane.taskFailure = nil
            clinicsPane.taskPosition.moveTo(clinicsPane.taskPosition.selected, count: tasks.count)
        case .failure(let failure):
            clinicsPane.tasks = []
            clinicsPane.taskFailure = failure.message
            if pane == .clinics { message = .error(failure.message) }
        }
        return []
    }

    mutating func deskTasksLoaded(generation: Int, _ result: Result<[DeskTask], DeskFailure>) -> [Effect] {
        guard generation == clinicsPane.deskTaskGeneration else { return [] }
        clinicsPane.deskTaskShownGeneration = generation
        let previous = clinicsPane.selectedDeskTask?.id
        switch result {
        case .success(let tasks):
            clinicsPane.deskTasks = tasks
            clinicsPane.deskTaskFailure = nil
            // The same task stays selected when it is still listed; otherwise the row where it was.
            let keep = previous.flatMap { id in tasks.firstIndex { $0.id == id } } ?? clinicsPane.deskTaskPosition.selected
            clinicsPane.deskTaskPosition.moveTo(keep, count: tasks.count)
            clinicsPane.deskTaskPosition.reveal(visible: clinicsPageRows, count: tasks.count)
        case .failure(let failure):
            clinicsPane.deskTasks = []
            clinicsPane.deskTaskFailure = failure.message
            if pane == .clinics { message = .error(failure.message) }
        }
        return []
    }

    mutating func teamsLoaded(_ result: Result<[Team], DeskFailure>) -> [Effect] {
        switch result {
        case .success(let teams): clinicsPane.myTeams = teams
        case .failure(let failure):
            // The front desk's tasks and every team's are still offered.
            clinicsPane.myTeams = []
            if pane == .clinics { message = .warning("your teams could not be read (\(failure.message))") }
        }
        return []
    }

    /// The answer to `.closeTask`: the dialog closes and the tasks are read again; a refusal keeps it open.
    mutating func taskClosed(_ result: Result<DeskTask, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let task):
            if case .closeTask? = overlay { overlay = nil }
            let how = task.status == .done ? "done" : "cancelled"
            message = .success("task \(task.id) \(how): \(task.patientMRN) · \(task.description)")
            var effects = reloadClinics(quietly: true)
            if let id = record?.patient.id, id == task.patientID { effects.append(.patientAppointments(patientID: id)) }
            return effects
        case .failure(let failure):
            if case .closeTask(var dialog)? = overlay {
                dialog.saving = false
                overlay = .closeTask(dialog)
            }
            message = .error(failure.message)
            return pane == .clinics && clinicsPane.view == .tasks ? reloadClinics(quietly: true) : []
        }
    }

    /// The answer to `.loadSession`: the confirmation, naming the session and what it cancels.
    mutating func sessionLoaded(_ result: Result<SessionToCancel, DeskFailure>) -> [Effect] {
        guard pane == .clinics, overlay == nil else { return [] }
        switch result {
        case .success(let found):
            if let done = found.session.cancellation {
                message = .error("session: already cancelled by \(done.by): \(done.reason)")
                return []
            }
            overlay = .cancelSession(SessionCancelState(session: found.session, booked: found.booked))
            message = .hint("say why the session is cancelled (5 to 200 characters); Enter cancels it, Esc keeps it")
        case .failure(let failure):
            message = .error(failure.message)
        }
        return []
    }

    /// The answer to `.cancelSession`: how many appointments were cancelled for rebooking; the list is read again.
    mutating func sessionCancelled(_ result: Result<SessionCancelled, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let done):
            if case .cancelSession? = overlay { overlay = nil }
            let s = done.session
            let count = done.cancelled.count
            // What matters first, for the 80-column message line.
            message = .success("session cancelled: \(count) appointment\(count == 1 ? "" : "s") cancelled for rebooking "
                               + "(\(s.serviceCode) \(s.date.display) \(s.start.display)–\(s.end.display); k shows the tasks)")
            clinicsPane.marked.subtract(done.cancelled.map(\.id))
            var effects = reloadClinics(quietly: true)
            if let id = record?.patient.id, done.cancelled.contains(where: { $0.patientID == id }) {
                effects.append(.patientAppointments(patientID: id))
            }
            if !done.cancelled.isEmpty { effects.append(.courseKnockOn(appointmentIDs: done.cancelled.map(\.id))) }
            return effects
        case .failure(let failure):
            if case .cancelSession(var dialog)? = overlay {
                dialog.saving = false
                overlay = .cancelSession(dialog)
            }
            message = .error(failure.message)
            return []
        }
    }

    /// Who a row is, for messages: `SMITH, John (Mr) FD0000006`, or the hospital number alone for a restricted record.
    func clinicPatientText(_ id: Int64) -> String {
        if let row = clinicsPane.rows.first(where: { $0.appointment.id == id }) {
            return row.patient.restricted ? row.appointment.patientMRN : "\(row.patient.displayName) \(row.appointment.patientMRN)"
        }
        if let detail = record?.appointments?.appointments.first(where: { $0.appointment.id == id }) {
            return detail.patient.restricted ? detail.appointment.patientMRN : "\(detail.patient.displayName) \(detail.appointment.patientMRN)"
        }
        return "appointment \(id)"
    }

    /// The answer to `.changeAppointments`: how many succeeded and why any failed; the lists are read again.
    mutating func appointmentsChanged(_ report: AppointmentChangeReport) -> [Effect] {
        clinicsPane.working = nil
        let done = report.succeeded, failed = report.failed
        for outcome in done { clinicsPane.marked.remove(outcome.appointmentID) }
        var text: String
        if report.outcomes.count == 1 {
            let id = report.outcomes[0].appointmentID
            if let failure = failed.first?.failure {
                text = "not \(report.change.done): \(failure)"
            } else {
                text = "\(report.change.done): \(clinicPatientText(id))"
                if let task = done.first?.task { text += " · task for \(task.teamCode): \(task.description)" }
            }
        } else {
            text = "\(report.change.done) for \(done.count) of \(report.outcomes.count)"
            if !failed.isEmpty {
                text += "; not for " + failed.map { "\(clinicPatientText($0.appointmentID)): \($0.failure ?? "refused")" }.joined(separator: "; ")
                    + " (still marked)"
            }
        }
        message = failed.isEmpty ? .success(text) : (done.isEmpty ? .error(text) : .warning(text))
        if case .checkIn = report.change {
            let confirm = done.compactMap(\.checkedIn).filter { $0.confirm != nil }
            if !confirm.isEmpty { overlay = .checkIn(confirm) }
            if done.contains(where: { $0.checkedIn?.confirm == nil }) && confirm.isEmpty && !done.isEmpty {
                message = .success(text + " · a restricted record: confirm the details from the record")
            }
        }
        var effects: [Effect] = []
        if clinicsPane.shown != nil { effects += reloadClinics(quietly: true) }
        if let patientID = record?.patient.id { effects.append(.patientAppointments(patientID: patientID)) }
        // Knock-on: a cancelled appointment of a treatment course shows what it breaks and the re-plan proposed.
        if case .cancel = report.change, !done.isEmpty { effects.append(.courseKnockOn(appointmentIDs: done.map(\.appointmentID))) }
        return effects
    }

    mutating func walkedIn(_ result: Result<Appointment, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let appointment):
            overlay = nil
            message = .success("walk-in added: \(appointment.patientMRN) to \(appointment.serviceCode) with \(appointment.clinicianCode), "
                               + "arrived \(appointment.start.display) (appointment \(appointment.id))")
            if clinicsPane.view == .day, (try? clinicQuery().get())?.date != today {
                clinicsPane.date.set(today.display)
            }
            return reloadClinics(quietly: true)
        case .failure(let failure):
            if case .walkIn(var dialog) = overlay {
                dialog.saving = false
                dialog.error = failure.fieldErrors.first?.field
                self.overlay = .walkIn(dialog)
            }
            message = .error(failure.message)
            return []
        }
    }
}

extension DiaryChoice {
    /// The code a filter names, or what was typed when it names none (blank stays blank).
    func resolveOrTyped(_ text: String, setup: ClinicSetup?) -> String {
        ((try? resolve(text, setup: setup).get()) ?? nil) ?? text.trimmingCharacters(in: .whitespaces)
    }
}
