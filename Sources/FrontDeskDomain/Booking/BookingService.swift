import Foundation

/// The one door to the diary's sessions, appointments and tasks: every rule
/// of booking lives here and runs inside one store transaction, with the
/// acting user on every call and every change audited.
public struct BookingService: Sendable {
    public let booking: any BookingRepository
    public let access: AccessControl
    public let clock: any Clock
    /// Closure days besides bank holidays (settings), read when needed.
    public let closureDays: @Sendable () throws -> Set<LocalDate>
    /// Each site's own closure days (settings), for session generation.
    public let siteClosureDays: @Sendable () throws -> [String: Set<LocalDate>]

    public init(booking: any BookingRepository, access: AccessControl, clock: any Clock,
                closureDays: @escaping @Sendable () throws -> Set<LocalDate> = { [] },
                siteClosureDays: @escaping @Sendable () throws -> [String: Set<LocalDate>] = { [:] }) {
        self.booking = booking; self.access = access; self.clock = clock; self.closureDays = closureDays
        self.siteClosureDays = siteClosureDays
    }

    /// Today and the time now at the centre.
    public var now: (date: LocalDate, time: ClockTime) { CentreTime.localNow(clock.now) }

    func calendar() throws -> WorkingCalendar { WorkingCalendar(closures: try closureDays()) }

    // MARK: templates and sessions

    /// Adds a session template after checking its service, site and clinician exist and are active.
    public func addTemplate(_ fields: SessionTemplateFields, by user: ActingUser) throws -> SessionTemplate {
        try access.require(.manageClinics, user)
        var template = try fields.validated().get()
        let at = clock.now
        return try booking.write { tx in
            try BookingService.checkCodes(tx, service: template.serviceCode, site: template.siteCode,
                                          clinician: template.clinicianCode)
            template.id = try tx.insertTemplate(template, by: user.login, at: at)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .diary, patientID: nil,
                                          detail: "added session template #\(template.id!) (\(template.serviceCode) at \(template.siteCode) "
                                              + "with \(template.clinicianCode), \(Weekday.listDisplay(template.weekdays)) "
                                              + "\(template.start)–\(template.end))"))
            return template
        }
    }

    static func checkCodes(_ tx: any BookingReader, service: String, site: String, clinician: String) throws {
        guard let s = try tx.service(code: service) else {
            throw BookingError.notFound("service", "there is no service '\(service)' (frontdesk service list shows them)")
        }
        if !s.active { throw BookingError(field: "service", "'\(service)' is no longer active") }
        guard let place = try tx.site(code: site) else {
            throw BookingError.notFound("site", "there is no site '\(site)' (frontdesk site list shows them)")
        }
        if !place.active { throw BookingError(field: "site", "'\(site)' is no longer active") }
        guard let who = try tx.clinician(code: clinician) else {
            throw BookingError.notFound("clinician", "there is no clinician or resource '\(clinician)' (frontdesk clinician list shows them)")
        }
        if !who.active { throw BookingError(field: "clinician", "'\(clinician)' is no longer active") }
    }

    public func templates(by user: ActingUser) throws -> [SessionTemplate] {
        try access.member(user)
        return try booking.read { try $0.templates() }
    }

    /// What `generateSessions` did.
    public struct Generation: Sendable, Hashable {
        public var created: Int
        /// Sessions of the range already in the diary (generated before), left as they were.
        public var existing: Int
        public var skipped: [SkippedSession]
    }

    /// Generates the sessions of every template for a date range (at most
    /// three years), skipping bank holidays and closure days; sessions
    /// already generated are kept as they are, so running it again is safe.
    public func generateSessions(from: LocalDate, to: LocalDate, by user: ActingUser) throws -> Generation {
        try access.require(.manageClinics, user)
        let everywhere = try closureDays(), bySite = try siteClosureDays()
        let at = clock.now
        return try booking.write { tx in
            let templates = try tx.templates()
            var closures: [String: Set<LocalDate>] = [:]
            for site in Set(templates.map(\.siteCode)) { closures[site] = everywhere.union(bySite[site] ?? []) }
            let planned = try SessionGeneration.plan(templates: templates, from: from, to: to, closures: closures).get()
            let created = try tx.insertSessions(planned.sessions)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .diary, patientID: nil,
                                          detail: "generated \(created) sessions \(from.display) to \(to.display)"))
            return Generation(created: created, existing: planned.sessions.count - created, skipped: planned.skipped)
        }
    }

    public func sessions(_ query: SessionQuery, by user: ActingUser) throws -> [ClinicSession] {
        try access.member(user)
        if let problem = SessionGeneration.checkRange(from: query.from, to: query.to).first {
            throw BookingError(field: problem.field, problem.reason)
        }
        return try booking.read { try $0.sessions(query) }
    }

    /// Cancels a session (the clinician is on leave …): its slots close, and
    /// every appointment still booked in it is cancelled by the hospital with
    /// the reason and put on the front desk's list to rebook. Returns the
    /// session and those appointments.
    public func cancelSession(id: Int64, reason: String, by user: ActingUser) throws -> (session: ClinicSession, cancelled: [Appointment]) {
        try access.require(.cancelClinicSession, user)
        let why = try PatientService.statedReason(reason, example: "Dr Okafor on annual leave")
        let at = clock.now, today = now.date
        let calendar = try calendar()
        return try booking.write { tx in
            guard let session = try tx.session(id: id) else { throw BookingError.notFound("session", "there is no session \(id)") }
            if let done = session.cancellation {
                throw BookingError(field: "session", "session \(id) was already cancelled by \(done.by): \(done.reason)")
            }
            if session.date < today { throw BookingError(field: "session", "session \(id) was on \(session.date.display): a past session cannot be cancelled") }
            try tx.cancelSession(id: id, SessionCancellation(reason: why, by: user.login, at: at))
            var cancelled: [Appointment] = []
            for var appointment in try tx.appointments(sessionID: id) where appointment.status == .booked {
                let from = appointment.status
                appointment.status = .cancelledByHospital
                appointment.cancelledBy = .hospital
                appointment.cancelReason = .sessionCancelled
                appointment.cancelText = why
                try tx.updateAppointment(appointment)
                try tx.appendEvent(AppointmentEvent(appointmentID: appointment.id, at: at, user: user.login, action: .sessionCancelled,
                                                    fromStatus: from, toStatus: appointment.status, detail: "session \(id) cancelled: \(why)"))
                try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .appointment, patientID: appointment.patientID,
                                              patientMRN: appointment.patientMRN,
                                              detail: "cancelled appointment #\(appointment.id) with session \(id): \(why)"))
                try BookingService.closeTasks(tx, appointmentID: appointment.id, status: .cancelled, note: "session cancelled",
                                              user: user.login, at: at)
                _ = try tx.insertTask(DeskTask(teamCode: "front_desk", patientID: appointment.patientID, patientMRN: appointment.patientMRN,
                                               appointmentID: appointment.id, serviceCode: appointment.serviceCode, kind: .rebook,
                                               description: "rebook \(appointment.serviceCode) of \(appointment.whenText): session cancelled (\(why))",
                                               dueDate: calendar.nextWorkingDay(onOrAfter: today.adding(days: 1)),
                                               dueTime: ClockTime(hour: 12, minute: 0)!, createdBy: user.login, createdAt: at))
                cancelled.append(appointment)
            }
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .diary, patientID: nil,
                                          detail: "cancelled session \(id) (\(session.serviceCode) \(session.date.display)), "
                                              + "\(cancelled.count) appointments to rebook: \(why)"))
            return (try tx.session(id: id) ?? session, cancelled)
        }
    }

    // MARK: finding slots

    /// Free slots for a service, earliest first, never in the past; for a
    /// patient (`query.patientID`), none that overlaps their appointments still
    /// to happen.
    public func slots(_ query: SlotQuery, by user: ActingUser) throws -> [Slot] {
        try access.member(user)
        var q = adjusted(query)
        return try booking.read { tx in
            if let patient = q.patientID {
                q.busy = try tx.futureBookings(patientID: patient, from: q.from)
                    .filter { $0.id != q.movingAppointment }
                    .map { SlotQuery.BusyTime(date: $0.date, start: $0.start, end: $0.end) }
                q.busy += try tx.appointments(patientID: patient, on: q.from)
                    .filter { $0.status == .arrived && $0.id != q.movingAppointment }
                    .map { SlotQuery.BusyTime(date: $0.date, start: $0.start, end: $0.end) }
            }
            return try tx.freeSlots(q)
        }
    }

    /// The free slots a patient named by hospital or NHS number could take (a
    /// search, not an opening of the record: not audited).
    public func slots(_ query: SlotQuery, forPatient reference: String, by user: ActingUser) throws -> [Slot] {
        try access.require(.searchPatients, user)
        guard let id = try booking.read({ try $0.patient(reference: reference)?.id }) else {
            throw BookingError.notFound("patient", "no patient has hospital or NHS number \(reference)")
        }
        var q = query
        q.patientID = id
        return try slots(q, by: user)
    }

    /// The query moved on to now when it asks for the past.
    func adjusted(_ query: SlotQuery) -> SlotQuery {
        var q = query
        let (today, time) = now
        if q.from <= today {
            q.from = today
            q.notBefore = max(q.notBefore ?? time, time)
        }
        q.serviceCode = DiaryCode.normalised(q.serviceCode)
        q.siteCode = q.siteCode.map(DiaryCode.normalised)
        q.clinicianCode = q.clinicianCode.map(DiaryCode.normalised)
        return q
    }

    // MARK: booking

    /// Books a patient into a slot, checking every rule inside one transaction:
    /// the patient exists and has not died; the slot's session is not
    /// cancelled; the slot is not in the past; it has a free place (or an
    /// officer overbooks it with a reason); the patient has no overlapping
    /// appointment. Creates the interpreter and transport tasks.
    public func book(_ request: BookingRequest, by user: ActingUser) throws -> BookingResult {
        try access.require(.bookAppointments, user)
        if request.overbookReason != nil { try access.require(.overbookSlot, user) }
        try request.check()
        let overbook = try request.overbookReason.map { try PatientService.statedReason($0, example: "consultant asked to see today") }
        let context = try stamp(user)
        return try booking.write { tx in
            let (patient, appointment, tasks) = try BookingService.place(tx, request, overbook: overbook, replaces: nil, context)
            return BookingResult(appointment: appointment, patient: patient.summaryForLists, tasks: tasks, replaced: nil)
        }
    }

    /// Who, when, and the working calendar, fixed once per action.
    struct Stamp {
        var user: String
        var at: Date
        var today: LocalDate
        var time: ClockTime
        var calendar: WorkingCalendar
    }

    func stamp(_ user: ActingUser) throws -> Stamp {
        let (today, time) = now
        return Stamp(user: user.login, at: clock.now, today: today, time: time, calendar: try calendar())
    }

    /// The booking rules and the writes of one booking, inside `tx`.
    static func place(_ tx: any BookingTransaction, _ request: BookingRequest, overbook: String?, replaces: Appointment?,
                      _ s: Stamp) throws -> (Patient, Appointment, [DeskTask]) {
        guard let patient = try tx.patient(reference: request.patient), let patientID = patient.id else {
            throw BookingError.notFound("patient", "no patient has hospital or NHS number \(request.patient)")
        }
        if let died = patient.dateOfDeath {
            throw BookingError(field: "patient", "\(patient.mrn) died on \(died.display): appointments cannot be booked")
        }
        guard let slot = try tx.slot(id: request.slotID) else {
            throw BookingError.notFound("slot", "there is no slot \(request.slotID) (frontdesk slots --service CODE lists free ones)")
        }
        guard let session = try tx.session(id: slot.sessionID) else {
            throw BookingError.notFound("slot", "slot \(slot.id) has no session")
        }
        if let cancelled = session.cancellation {
            throw BookingError(field: "slot", "slot \(slot.id) is in session \(session.id), cancelled by \(cancelled.by): \(cancelled.reason)")
        }
        if slot.date < s.today || (slot.date == s.today && slot.start < s.time) {
            throw BookingError(field: "slot", "slot \(slot.id) (\(slot.whenText)) is in the past")
        }
        guard let service = try tx.service(code: slot.serviceCode) else {
            throw BookingError.notFound("slot", "slot \(slot.id) offers service '\(slot.serviceCode)', which is not set up")
        }
        if slot.isFull && overbook == nil {
            var next = SlotQuery(serviceCode: slot.serviceCode, from: slot.date, notBefore: slot.start, limit: 5)
            if slot.date == s.today { next.notBefore = max(slot.start, s.time) }
            let alternatives = try tx.freeSlots(next)
            throw BookingError(.slotFull, field: "slot",
                               "slot \(slot.id) (\(slot.whenText)) is full, \(slot.booked) of \(slot.capacity) taken",
                               alternatives: alternatives)
        }
        if let clash = try clash(tx, patientID: patientID, date: slot.date, start: slot.start, end: slot.end, except: replaces?.id) {
            throw BookingError(field: "patient", "\(patient.mrn) already has \(clash.serviceCode) at \(clash.whenText) "
                               + "(appointment \(clash.id)), which overlaps \(slot.whenText)")
        }
        var appointment = Appointment(
            id: 0, patientID: patientID, patientMRN: patient.mrn, slotID: slot.id, sessionID: session.id,
            serviceCode: slot.serviceCode, clinicianCode: slot.clinicianCode, siteCode: slot.siteCode, date: slot.date,
            start: slot.start, end: slot.end, priority: request.priority, attendance: request.attendance ?? service.attendance,
            referralSource: request.referralSource, transport: request.transport, mobility: request.mobility,
            note: request.note?.trimmingCharacters(in: .whitespaces).nilIfEmpty, overbookReason: overbook,
            replacesID: replaces?.id, bookedBy: s.user, bookedAt: s.at)
        appointment.id = try tx.insertAppointment(appointment)
        var detail = "booked \(appointment.serviceCode) \(appointment.whenText) with \(appointment.clinicianCode) at \(appointment.siteCode)"
        if let replaces { detail += ", replacing appointment \(replaces.id)" }
        if let overbook { detail += "; overbooked (\(slot.booked + 1) in a slot for \(slot.capacity)): \(overbook)" }
        try tx.appendEvent(AppointmentEvent(appointmentID: appointment.id, at: s.at, user: s.user,
                                            action: overbook != nil ? .overbooked : .booked, fromStatus: nil,
                                            toStatus: .booked, detail: detail))
        try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .book, patientID: patientID,
                                      patientMRN: patient.mrn, detail: detail + " (appointment \(appointment.id))"))
        let tasks = try needTasks(tx, patient: patient, appointment: appointment, s)
        // The booking is what the to-be-booked list and a cancelled session's
        // rebook task were waiting for: they are done.
        for var waiting in try tx.tasks(TaskQuery(patientID: patientID, serviceCode: appointment.serviceCode, openOnly: true))
        where waiting.kind == .toBeBooked || waiting.kind == .rebook {
            waiting.status = .done; waiting.closedBy = s.user; waiting.closedAt = s.at
            waiting.closeNote = "booked appointment \(appointment.id) (\(appointment.whenText))"
            try tx.updateTask(waiting)
        }
        return (patient, appointment, tasks)
    }

    /// The patient's appointment still to happen (booked or arrived) that
    /// overlaps a time, other than `except`: the rule that nobody is booked into
    /// two overlapping appointments of any service.
    static func clash(_ tx: any BookingReader, patientID: Int64, date: LocalDate, start: ClockTime, end: ClockTime,
                      except: Int64? = nil) throws -> Appointment? {
        try tx.appointments(patientID: patientID, on: date).first {
            $0.id != except && $0.status.holdsPlace && !$0.status.isAttendanceRecorded
                && $0.overlaps(date: date, start: start, end: end)
        }
    }

    /// The interpreter and transport tasks an appointment needs and does not have yet.
    static func needTasks(_ tx: any BookingTransaction, patient: Patient, appointment: Appointment, _ s: Stamp) throws -> [DeskTask] {
        let existing = try tx.tasks(TaskQuery(patientID: appointment.patientID)).filter {
            $0.appointmentID == appointment.id && $0.status != .cancelled
        }
        // Two working days ahead at noon, so there is time to arrange it; never before now.
        var due = s.calendar.adding(workingDays: -2, to: appointment.date)
        var dueTime = ClockTime(hour: 12, minute: 0)!
        if due < s.today || (due == s.today && dueTime < s.time) { due = s.today; dueTime = s.time }
        var made: [DeskTask] = []
        func add(_ kind: DeskTask.Kind, _ text: String) throws {
            guard !existing.contains(where: { $0.kind == kind }) else { return }
            var task = DeskTask(teamCode: "front_desk", patientID: appointment.patientID, patientMRN: appointment.patientMRN,
                                appointmentID: appointment.id, serviceCode: appointment.serviceCode, kind: kind,
                                description: text, dueDate: due, dueTime: dueTime, createdBy: s.user, createdAt: s.at)
            task.id = try tx.insertTask(task)
            made.append(task)
        }
        let professionals = patient.accessibleNeeds.filter { $0.kind.group == .communicationProfessional }
        if !professionals.isEmpty {
            try add(.interpreter, "book \(professionals.map(\.label).joined(separator: " and ")) for \(appointment.serviceCode) "
                    + "\(appointment.whenText) (appointment \(appointment.id))")
        }
        if appointment.transport == .hospital {
            try add(.transport, "book hospital transport (\(appointment.mobility?.rawValue ?? "walking")) for \(appointment.serviceCode) "
                    + "\(appointment.whenText) (appointment \(appointment.id))")
        }
        return made
    }

    /// Creates the interpreter tasks a newly recorded need asks for, for every
    /// future appointment of the patient (called by the patient edit, inside its transaction).
    public static func tasksForNewNeeds(_ tx: any BookingTransaction, patient: Patient, user: String, at: Date,
                                        closures: Set<LocalDate>) throws {
        guard let id = patient.id else { return }
        let (today, time) = CentreTime.localNow(at)
        let s = Stamp(user: user, at: at, today: today, time: time, calendar: WorkingCalendar(closures: closures))
        for appointment in try tx.futureBookings(patientID: id, from: today) {
            _ = try needTasks(tx, patient: patient, appointment: appointment, s)
        }
    }

    /// Cancels everything still to come for a patient who has died: every
    /// appointment still booked from the day of death (or today, if later) on (cancelled on the patient's behalf,
    /// reason `patient_died`) and every open task. Called by the patient edit
    /// that records the date of death, inside its transaction.
    public static func cancelFutureAfterDeath(_ tx: any BookingTransaction, patient: Patient, user: String, at: Date) throws -> Int {
        guard let id = patient.id, let died = patient.dateOfDeath else { return 0 }
        let today = CentreTime.today(at)
        var count = 0
        // From the day of death: appointments since then that are still "booked" will never happen either.
        for var appointment in try tx.futureBookings(patientID: id, from: min(died, today)) {
            let from = appointment.status
            appointment.status = .cancelledByPatient
            appointment.cancelledBy = .patient
            appointment.cancelReason = .patientDied
            appointment.cancelText = "date of death \(died.display) recorded"
            try tx.updateAppointment(appointment)
            try tx.appendEvent(AppointmentEvent(appointmentID: appointment.id, at: at, user: user, action: .patientDied,
                                                fromStatus: from, toStatus: appointment.status,
                                                detail: "cancelled: patient died (\(died.display))"))
            count += 1
        }
        for var task in try tx.tasks(TaskQuery(patientID: id, openOnly: true)) {
            task.status = .cancelled; task.closedBy = user; task.closedAt = at; task.closeNote = "patient died"
            try tx.updateTask(task)
        }
        try tx.stopCourses(patientID: id, reason: "patient died (\(died.display))")
        // Open enquiries stay open (a relative may still need the callback), each with a note to read first.
        _ = try tx.noteOpenEnquiries(patientID: id, user: user, at: at,
                                     note: "the patient's date of death (\(died.display)) was recorded: read the record before any callback")
        return count
    }

    // MARK: rebooking and cancelling

    /// Cancels a booked appointment: who cancelled (patient or hospital), why
    /// (a code, with text; text is required for `other`). Open tasks for it are cancelled.
    public func cancel(appointmentID id: Int64, by who: CancelledBy, reason: CancellationReason, text: String?,
                       user: ActingUser) throws -> Appointment {
        try access.require(.bookAppointments, user)
        let note = try BookingService.checkCancellation(by: who, reason: reason, text: text)
        let s = try stamp(user)
        return try booking.write { tx in
            let appointment = try BookingService.existing(tx, id)
            return try BookingService.cancel(tx, appointment, by: who, reason: reason, text: note, s, action: .cancelled, detail: nil)
        }
    }

    static func checkCancellation(by who: CancelledBy, reason: CancellationReason, text: String?) throws -> String? {
        if reason == .courseReplanned {
            throw BookingError(field: "reason", "course_replanned is recorded by a course's re-plan (frontdesk course replan), not given by hand")
        }
        if let only = reason.by, only != who {
            throw BookingError(field: "reason", CancellationReason.rule(for: who))
        }
        let note = text?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if reason == .other && note == nil {
            throw BookingError(field: "text", "is required when the reason is other: say why in a few words")
        }
        if let note, note.count > 200 { throw BookingError(field: "text", "must be at most 200 characters") }
        return note
    }

    static func existing(_ tx: any BookingReader, _ id: Int64) throws -> Appointment {
        guard let appointment = try tx.appointment(id: id) else {
            throw BookingError.notFound("appointment", "there is no appointment \(id)")
        }
        return appointment
    }

    static func cancel(_ tx: any BookingTransaction, _ old: Appointment, by who: CancelledBy, reason: CancellationReason,
                       text: String?, _ s: Stamp, action: AppointmentEvent.Action, detail extra: String?) throws -> Appointment {
        switch old.status {
        case .booked: break
        case .arrived:
            throw BookingError(field: "appointment", "appointment \(old.id) is checked in: an officer undoes the check-in first")
        default:
            throw BookingError(field: "appointment", "appointment \(old.id) is already \(old.status.label): only a booked appointment can be cancelled")
        }
        if old.date < s.today {
            throw BookingError(field: "appointment", "appointment \(old.id) was on \(old.date.display): record what happened (attended or DNA) instead")
        }
        var appointment = old
        appointment.status = who.status
        appointment.cancelledBy = who
        appointment.cancelReason = reason
        appointment.cancelText = text
        try tx.updateAppointment(appointment)
        var detail = "cancelled by the \(who.rawValue): \(reason.label)" + (text.map { " — \($0)" } ?? "")
        if let extra { detail += "; " + extra }
        try tx.appendEvent(AppointmentEvent(appointmentID: old.id, at: s.at, user: s.user, action: action,
                                            fromStatus: old.status, toStatus: appointment.status, detail: detail))
        try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .appointment, patientID: old.patientID,
                                      patientMRN: old.patientMRN, detail: "appointment \(old.id) " + detail))
        try closeTasks(tx, appointmentID: old.id, status: .cancelled, note: "appointment cancelled", user: s.user, at: s.at)
        return appointment
    }

    /// Moves an appointment to another slot: the old one is cancelled (when
    /// still booked: who and why are needed) and linked to the new one, so the
    /// patient's history shows the whole trail. An appointment cancelled
    /// earlier may be rebooked the same way (once).
    ///
    /// `changes` replaces what the new appointment carries (priority,
    /// attendance, referral, transport, note): by default the old one's.
    /// `overbookReason` lets an officer move it into a full slot.
    public func rebook(appointmentID id: Int64, slotID: Int64, by who: CancelledBy?, reason: CancellationReason?, text: String?,
                       changes: BookingDetails? = nil, overbookReason: String? = nil, user: ActingUser) throws -> BookingResult {
        try access.require(.bookAppointments, user)
        if overbookReason != nil { try access.require(.overbookSlot, user) }
        let overbook = try overbookReason.map { try PatientService.statedReason($0, example: "consultant asked to see today") }
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            let (person, new, tasks, replaced) = try BookingService.move(tx, old, to: slotID, by: who, reason: reason, text: text,
                                                                         changes: changes, overbook: overbook, s)
            return BookingResult(appointment: new, patient: person.summaryForLists, tasks: tasks, replaced: replaced)
        }
    }

    /// The writes of a rebooking inside `tx` (also a course's re-plan): the
    /// old appointment cancelled when still booked, the new one placed and the
    /// two linked.
    static func move(_ tx: any BookingTransaction, _ old: Appointment, to slotID: Int64, by who: CancelledBy?,
                     reason: CancellationReason?, text: String?, changes: BookingDetails?, overbook: String?,
                     _ s: Stamp) throws -> (Patient, Appointment, [DeskTask], Appointment) {
        let id = old.id
        if let next = old.replacedByID {
            throw BookingError(field: "appointment", "appointment \(id) was already rebooked as appointment \(next)")
        }
        var replaced = old
        if old.status == .booked {
            guard let who else { throw BookingError(field: "by", "is required to move a booked appointment: " + CancelledBy.rule) }
            guard let reason else {
                throw BookingError(field: "reason", "is required to move a booked appointment: " + CancellationReason.rule(for: who))
            }
            let note = try BookingService.checkCancellation(by: who, reason: reason, text: text)
            replaced = try BookingService.cancel(tx, old, by: who, reason: reason, text: note, s, action: .rebooked,
                                                 detail: "moved to slot \(slotID)")
        } else if !old.status.isCancelled {
            throw BookingError(field: "appointment", "appointment \(id) is \(old.status.label): only a booked or cancelled appointment can be rebooked")
        }
        let patient = try tx.patient(id: old.patientID)?.mrn ?? old.patientMRN
        let request = (changes ?? BookingDetails(old)).request(patient: patient, slotID: slotID)
        try request.check()
        let (person, new, tasks) = try BookingService.place(tx, request, overbook: overbook, replaces: replaced, s)
        replaced.replacedByID = new.id
        try tx.updateAppointment(replaced)
        if old.status != .booked {
            try tx.appendEvent(AppointmentEvent(appointmentID: old.id, at: s.at, user: s.user, action: .rebooked,
                                                fromStatus: old.status, toStatus: old.status,
                                                detail: "rebooked as appointment \(new.id) (\(new.whenText))"))
        }
        return (person, new, tasks, replaced)
    }

    /// What an appointment carries (priority, attendance, referral, transport,
    /// note), to change some of it when rebooking. Names no patient: not audited.
    public func details(ofAppointment id: Int64, by user: ActingUser) throws -> BookingDetails {
        try access.require(.bookAppointments, user)
        return BookingDetails(try booking.read { try BookingService.existing($0, id) })
    }

    // MARK: attendance

    /// Checks a patient in (on the appointment's day): returns the appointment
    /// with the patient's address, phones and GP practice to confirm.
    public func checkIn(appointmentID id: Int64, by user: ActingUser) throws -> AppointmentDetail {
        try access.require(.checkIn, user)
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            if old.date != s.today {
                throw BookingError(field: "appointment", "appointment \(id) is on \(old.date.display): patients are checked in on the day")
            }
            let new = try BookingService.move(tx, old, to: .arrived, action: .checkedIn, detail: "checked in", s)
            return try BookingService.detail(tx, new, confirm: true)
        }
    }

    /// Records that the patient was seen (`late`: arrived after the professional was ready, code 6).
    public func attend(appointmentID id: Int64, late: Bool = false, by user: ActingUser) throws -> Appointment {
        try access.require(.checkIn, user)
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            try BookingService.notFuture(old, "seen", s)
            return try BookingService.move(tx, old, to: late ? .attendedLate : .attended, action: late ? .attendedLate : .attended,
                                           detail: late ? "attended, arrived late but seen (6)" : "attended (5)", s)
        }
    }

    /// Records that the patient arrived too late to be seen (7).
    public func lateNotSeen(appointmentID id: Int64, by user: ActingUser) throws -> Appointment {
        try access.require(.checkIn, user)
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            try BookingService.notFuture(old, "recorded as late", s)
            return try BookingService.move(tx, old, to: .lateNotSeen, action: .lateNotSeen, detail: "arrived late, not seen (7)", s)
        }
    }

    /// Records a did-not-attend (3) once the appointment's time has come, and
    /// gives the clinical team a task to decide the next step.
    public func didNotAttend(appointmentID id: Int64, by user: ActingUser) throws -> (appointment: Appointment, task: DeskTask) {
        try access.require(.checkIn, user)
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            try BookingService.checkForward(old, to: .didNotAttend)
            if old.date > s.today || (old.date == s.today && old.start > s.time) {
                throw BookingError(field: "appointment", "appointment \(id) is at \(old.whenText): a DNA is recorded once its time has come")
            }
            let new = try BookingService.move(tx, old, to: .didNotAttend, action: .didNotAttend, detail: "did not attend (3)", s)
            var task = DeskTask(teamCode: "clinical", patientID: new.patientID, patientMRN: new.patientMRN, appointmentID: new.id,
                                serviceCode: new.serviceCode, kind: .dnaReview,
                                description: "clinician to decide next step: did not attend \(new.serviceCode) \(new.whenText) "
                                    + "with \(new.clinicianCode) (appointment \(new.id))",
                                dueDate: s.calendar.nextWorkingDay(onOrAfter: s.today.adding(days: 1)),
                                dueTime: ClockTime(hour: 12, minute: 0)!, createdBy: s.user, createdAt: s.at)
            task.id = try tx.insertTask(task)
            return (new, task)
        }
    }

    static func notFuture(_ appointment: Appointment, _ what: String, _ s: Stamp) throws {
        if appointment.date > s.today {
            throw BookingError(field: "appointment", "appointment \(appointment.id) is on \(appointment.date.display): a patient is \(what) on the day or after")
        }
    }

    /// Records the outcome of an attendance (1, 2 or 3); outcome 3 puts the
    /// patient on the clinic's to-be-booked list.
    public func recordOutcome(appointmentID id: Int64, _ outcome: AttendanceOutcome, by user: ActingUser) throws -> (appointment: Appointment, task: DeskTask?) {
        try access.require(.checkIn, user)
        let s = try stamp(user)
        return try booking.write { tx in
            var appointment = try BookingService.existing(tx, id)
            guard appointment.status.isSeen else {
                throw BookingError(field: "appointment", "appointment \(id) is \(appointment.status.label): an outcome is recorded after the patient was seen")
            }
            if let done = appointment.outcome {
                throw BookingError(field: "outcome", "appointment \(id) already has outcome \(done.rawValue) (\(done.label)): an officer undoes the attendance to change it")
            }
            appointment.outcome = outcome
            try tx.updateAppointment(appointment)
            try tx.appendEvent(AppointmentEvent(appointmentID: id, at: s.at, user: s.user, action: .outcome, fromStatus: appointment.status,
                                                toStatus: appointment.status, detail: "outcome \(outcome.rawValue): \(outcome.label)"))
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .appointment, patientID: appointment.patientID,
                                          patientMRN: appointment.patientMRN, detail: "appointment \(id) outcome \(outcome.rawValue) (\(outcome.label))"))
            var task: DeskTask?
            if outcome == .toBeBooked {
                var made = DeskTask(teamCode: "front_desk", patientID: appointment.patientID, patientMRN: appointment.patientMRN,
                                    appointmentID: id, serviceCode: appointment.serviceCode, kind: .toBeBooked,
                                    description: "to be booked: \(appointment.serviceCode) with \(appointment.clinicianCode) "
                                        + "(seen \(appointment.date.display), appointment \(id))",
                                    dueDate: s.calendar.adding(workingDays: 5, to: s.today), dueTime: ClockTime(hour: 16, minute: 0)!,
                                    createdBy: s.user, createdAt: s.at)
                made.id = try tx.insertTask(made)
                task = made
            }
            return (appointment, task)
        }
    }

    /// A forward move of status, with its event and audit row.
    static func move(_ tx: any BookingTransaction, _ old: Appointment, to status: AppointmentStatus,
                     action: AppointmentEvent.Action, detail: String, _ s: Stamp) throws -> Appointment {
        try checkForward(old, to: status)
        var new = old
        new.status = status
        try tx.updateAppointment(new)
        try tx.appendEvent(AppointmentEvent(appointmentID: old.id, at: s.at, user: s.user, action: action,
                                            fromStatus: old.status, toStatus: status, detail: detail))
        try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .appointment, patientID: old.patientID,
                                      patientMRN: old.patientMRN, detail: "appointment \(old.id) \(detail)"))
        return new
    }

    /// Status moves forward only (an officer's undo aside).
    static func checkForward(_ old: Appointment, to status: AppointmentStatus) throws {
        guard old.status.forward.contains(status) else {
            let how = old.status.undoTarget != nil && !old.status.isCancelled ? " (an officer can undo a mistaken one)" : ""
            throw BookingError(field: "appointment", "appointment \(old.id) is \(old.status.label): it cannot become \(status.label)\(how)")
        }
    }

    /// An officer takes back a mistaken check-in, attendance, late-not-seen or
    /// DNA, with a reason: the status steps back and what it caused (the
    /// outcome, a DNA's review task, a to-be-booked entry) is withdrawn.
    public func undo(appointmentID id: Int64, reason: String, by user: ActingUser) throws -> Appointment {
        try access.require(.undoAttendance, user)
        let why = try PatientService.statedReason(reason, example: "checked in the wrong patient")
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            if old.status.isCancelled {
                throw BookingError(field: "appointment", "appointment \(id) is \(old.status.label): reinstate a cancellation instead")
            }
            guard let target = old.status.undoTarget else {
                throw BookingError(field: "appointment", "appointment \(id) is booked: there is nothing to undo")
            }
            var new = old
            new.status = target
            new.outcome = nil
            try tx.updateAppointment(new)
            let undone = old.outcome.map { "\(old.status.label), outcome \($0.rawValue)" } ?? old.status.label
            try tx.appendEvent(AppointmentEvent(appointmentID: id, at: s.at, user: s.user, action: .undone, fromStatus: old.status,
                                                toStatus: target, detail: "undid \(undone): \(why)"))
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .appointment, patientID: old.patientID,
                                          patientMRN: old.patientMRN, detail: "appointment \(id) undid \(undone) → \(target.label): \(why)"))
            for var task in try tx.tasks(TaskQuery(patientID: old.patientID, openOnly: true))
            where task.appointmentID == id && (task.kind == .dnaReview || task.kind == .toBeBooked) {
                task.status = .cancelled; task.closedBy = s.user; task.closedAt = s.at; task.closeNote = "attendance undone: \(why)"
                try tx.updateTask(task)
            }
            return new
        }
    }

    /// An officer reinstates a cancellation made in error, with a reason, when
    /// its slot is still to come, its session runs, a place is free and the
    /// patient has nothing else at that time.
    public func reinstate(appointmentID id: Int64, reason: String, by user: ActingUser) throws -> BookingResult {
        try access.require(.undoAttendance, user)
        let why = try PatientService.statedReason(reason, example: "cancelled the wrong appointment")
        let s = try stamp(user)
        return try booking.write { tx in
            let old = try BookingService.existing(tx, id)
            guard old.status.isCancelled else {
                throw BookingError(field: "appointment", "appointment \(id) is \(old.status.label), not cancelled")
            }
            if let next = old.replacedByID {
                throw BookingError(field: "appointment", "appointment \(id) was rebooked as appointment \(next): cancel that one instead")
            }
            guard let patient = try tx.patient(id: old.patientID) else { throw BookingError.notFound("patient", "the patient is missing") }
            if let died = patient.dateOfDeath { throw BookingError(field: "patient", "\(patient.mrn) died on \(died.display)") }
            if old.date < s.today || (old.date == s.today && old.start < s.time) {
                throw BookingError(field: "appointment", "appointment \(id) was at \(old.whenText): it is in the past")
            }
            if let sessionID = old.sessionID, let session = try tx.session(id: sessionID), let c = session.cancellation {
                throw BookingError(field: "appointment", "its session \(sessionID) was cancelled: \(c.reason)")
            }
            if let slotID = old.slotID, let slot = try tx.slot(id: slotID), slot.isFull {
                throw BookingError(.slotFull, field: "slot", "slot \(slotID) (\(slot.whenText)) has been filled since: book another slot",
                                   alternatives: try tx.freeSlots(SlotQuery(serviceCode: slot.serviceCode, from: slot.date,
                                                                            notBefore: slot.start, limit: 5)))
            }
            if let clash = try BookingService.clash(tx, patientID: old.patientID, date: old.date, start: old.start, end: old.end, except: id) {
                throw BookingError(field: "patient", "\(old.patientMRN) now has appointment \(clash.id) at \(clash.whenText), which overlaps")
            }
            var new = old
            new.status = .booked
            new.cancelledBy = nil; new.cancelReason = nil; new.cancelText = nil
            try tx.updateAppointment(new)
            try tx.appendEvent(AppointmentEvent(appointmentID: id, at: s.at, user: s.user, action: .reinstated, fromStatus: old.status,
                                                toStatus: .booked, detail: "reinstated: \(why)"))
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .appointment, patientID: old.patientID,
                                          patientMRN: old.patientMRN, detail: "appointment \(id) reinstated (was \(old.status.label)): \(why)"))
            let tasks = try BookingService.needTasks(tx, patient: patient, appointment: new, s)
            return BookingResult(appointment: new, patient: patient.summaryForLists, tasks: tasks, replaced: nil)
        }
    }

    /// Adds a walk-in to today's session of a service with a clinician: an
    /// attendance (arrived now) without a booked slot.
    public func walkIn(patient reference: String, service: String, clinician: String, site: String? = nil,
                       note: String? = nil, by user: ActingUser) throws -> Appointment {
        try access.require(.checkIn, user)
        let s = try stamp(user)
        let serviceCode = DiaryCode.normalised(service), clinicianCode = DiaryCode.normalised(clinician)
        return try booking.write { tx in
            guard let patient = try tx.patient(reference: reference), let patientID = patient.id else {
                throw BookingError.notFound("patient", "no patient has hospital or NHS number \(reference)")
            }
            if let died = patient.dateOfDeath { throw BookingError(field: "patient", "\(patient.mrn) died on \(died.display)") }
            guard let offered = try tx.service(code: serviceCode) else {
                throw BookingError.notFound("service", "there is no service '\(serviceCode)' (frontdesk service list shows them)")
            }
            let sessions = try tx.sessions(SessionQuery(from: s.today, to: s.today, serviceCode: serviceCode,
                                                        siteCode: site.map(DiaryCode.normalised), clinicianCode: clinicianCode))
                .filter { !$0.isCancelled }
            guard let session = sessions.first(where: { $0.start <= s.time && s.time < $0.end }) ?? sessions.first else {
                throw BookingError(field: "clinician", "\(clinicianCode) holds no \(serviceCode) session today (\(s.today.display)) to add a walk-in to")
            }
            let start = s.time
            let end = start.adding(minutes: offered.defaultMinutes) ?? ClockTime(hour: 23, minute: 59)!
            if let clash = try BookingService.clash(tx, patientID: patientID, date: s.today, start: start, end: end) {
                throw BookingError(field: "patient", "\(patient.mrn) has appointment \(clash.id) at \(clash.whenText), which overlaps: check them in to that instead")
            }
            var appointment = Appointment(id: 0, patientID: patientID, patientMRN: patient.mrn, slotID: nil, sessionID: session.id,
                                          serviceCode: serviceCode, clinicianCode: clinicianCode, siteCode: session.siteCode,
                                          date: s.today, start: start, end: end, priority: .routine, attendance: offered.attendance,
                                          referralSource: nil, note: note?.trimmingCharacters(in: .whitespaces).nilIfEmpty,
                                          status: .arrived, walkIn: true, bookedBy: s.user, bookedAt: s.at)
            appointment.id = try tx.insertAppointment(appointment)
            let detail = "walk-in to \(serviceCode) with \(clinicianCode) at \(session.siteCode), arrived \(start.display)"
            try tx.appendEvent(AppointmentEvent(appointmentID: appointment.id, at: s.at, user: s.user, action: .walkIn,
                                                fromStatus: nil, toStatus: .arrived, detail: detail))
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .book, patientID: patientID, patientMRN: patient.mrn,
                                          detail: detail + " (appointment \(appointment.id))"))
            return appointment
        }
    }

    // MARK: reading

    /// An appointment with its trail and tasks (opening it is audited: it names the patient).
    public func show(appointmentID id: Int64, by user: ActingUser) throws -> AppointmentDetail {
        try access.require(.viewRecord, user)
        let at = clock.now
        return try booking.write { tx in
            let appointment = try BookingService.existing(tx, id)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .view, patientID: appointment.patientID,
                                          patientMRN: appointment.patientMRN, detail: "opened appointment \(id)"))
            return try BookingService.detail(tx, appointment, confirm: false)
        }
    }

    static func detail(_ tx: any BookingReader, _ appointment: Appointment, confirm: Bool) throws -> AppointmentDetail {
        let patient = try tx.patient(id: appointment.patientID)
        let summary = patient?.summaryForLists ?? PatientSummary(id: appointment.patientID, mrn: appointment.patientMRN, nhsNumber: nil,
                                                                 title: nil, familyName: "", givenNames: "",
                                                                 dateOfBirth: LocalDate(year: 1900, month: 1, day: 1)!, sex: .unknown,
                                                                 postcode: nil, match: .direct)
        let tasks = try tx.tasks(TaskQuery(patientID: appointment.patientID)).filter { $0.appointmentID == appointment.id }
        return AppointmentDetail(appointment: appointment, patient: summary, trail: try tx.appointmentTrail(appointment),
                                 tasks: tasks, confirm: confirm && patient?.restriction == nil ? patient : nil)
    }

    /// A patient's appointments, earliest first, each with its trail (for the
    /// record's appointments section and `appointment list`). Not audited
    /// here: the caller has opened the record (audited).
    public func appointments(patientID: Int64, by user: ActingUser) throws -> [AppointmentDetail] {
        try access.require(.viewRecord, user)
        return try booking.read { tx in
            try tx.appointments(patientID: patientID, on: nil).map { try BookingService.detail(tx, $0, confirm: false) }
        }
    }

    /// The clinic day list: appointments of a date (by site, service,
    /// clinician), in time order. Listing is not opening: not audited.
    public func clinicDay(_ query: ClinicDayQuery, by user: ActingUser) throws -> [ClinicDayRow] {
        try access.require(.searchPatients, user)
        return try booking.read { try $0.clinicDay(query) }
    }

    // MARK: tasks

    public func tasks(_ query: TaskQuery, by user: ActingUser) throws -> [DeskTask] {
        try access.member(user)
        return try booking.read { try $0.tasks(query) }
    }

    /// Marks a task done or cancelled (who and when are recorded; a
    /// cancellation needs a note saying why).
    public func closeTask(id: Int64, _ status: DeskTask.Status, note: String?, by user: ActingUser) throws -> DeskTask {
        try access.member(user)
        guard status != .open else { throw BookingError(field: "status", "must be done or cancelled") }
        let text = note?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if status == .cancelled && text == nil { throw BookingError(field: "note", "is required to cancel a task: say why") }
        if let text, text.count > 200 { throw BookingError(field: "note", "must be at most 200 characters") }
        let at = clock.now
        return try booking.write { tx in
            guard var task = try tx.task(id: id) else { throw BookingError.notFound("task", "there is no task \(id)") }
            guard task.status == .open else {
                throw BookingError(field: "task", "task \(id) is already \(task.status.rawValue) (by \(task.closedBy ?? "?"))")
            }
            task.status = status; task.closedBy = user.login; task.closedAt = at; task.closeNote = text
            try tx.updateTask(task)
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .task, patientID: task.patientID,
                                          patientMRN: task.patientMRN, detail: "task \(id) \(status.rawValue): \(task.kind.rawValue)"
                                              + (text.map { " — \($0)" } ?? "")))
            return task
        }
    }

    static func closeTasks(_ tx: any BookingTransaction, appointmentID: Int64, status: DeskTask.Status, note: String,
                           user: String, at: Date) throws {
        guard let appointment = try tx.appointment(id: appointmentID) else { return }
        for var task in try tx.tasks(TaskQuery(patientID: appointment.patientID, openOnly: true)) where task.appointmentID == appointmentID {
            task.status = status; task.closedBy = user; task.closedAt = at; task.closeNote = note
            try tx.updateTask(task)
        }
    }
}

extension BookingReader {
    /// The appointment's own events, and those of the appointments it replaced, oldest first.
    public func appointmentTrail(_ appointment: Appointment) throws -> [AppointmentEvent] {
        var events: [AppointmentEvent] = []
        var seen: Set<Int64> = []
        var current: Appointment? = appointment
        while let a = current, !seen.contains(a.id) {
            seen.insert(a.id)
            events += try trail(appointmentID: a.id)
            current = try a.replacesID.flatMap { try self.appointment(id: $0) }
        }
        return events.sorted { ($0.at, $0.appointmentID) < ($1.at, $1.appointmentID) }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Patient {
    /// The list row of this record (masked when restricted).
    public var summaryForLists: PatientSummary {
        let row = PatientSummary(id: id ?? 0, mrn: mrn, nhsNumber: nhsNumber, title: title, familyName: familyName,
                                 givenNames: givenNames, dateOfBirth: dateOfBirth, sex: sex, postcode: postcode?.value,
                                 match: .direct, dateOfDeath: dateOfDeath)
        return restriction != nil ? row.masked() : row
    }
}

extension CentreTime {
    /// The date and the minute of the day at the centre for an instant.
    public static func localNow(_ instant: Date) -> (date: LocalDate, time: ClockTime) {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return (LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!,
                ClockTime(hour: parts.hour!, minute: parts.minute!)!)
    }
}
