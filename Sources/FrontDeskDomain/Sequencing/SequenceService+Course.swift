import Foundation

/// Booking a planned course, showing it, and recording when a patient can come.
extension SequenceService {
    /// A task step is due by this time of its day.
    public static let taskDueTime = ClockTime(hour: 17, minute: 0)!

    /// What `book` did.
    public struct BookedCourse: Sendable {
        public var course: Course
        public var plan: Plan
        public var treatment: TreatmentProtocol
        public var patient: PatientSummary
        public var appointments: [Appointment]
        /// The course's task steps, and the interpreter and transport tasks its appointments need.
        public var tasks: [DeskTask]
        /// The rules an officer's override broke, by step.
        public var overridden: [StepKey: [String]]
        public var checks: [StepKey: [RuleCheck]]
    }

    /// Books the plan `plan` would show — every appointment and task of the
    /// course, or nothing — and links them as one course with the protocol's
    /// version. The plan is made again inside the booking transaction, so it is
    /// made on the diary as it is at that moment.
    ///
    /// `overrides`: an officer (`override_sequence_rule`) puts a step in a slot
    /// that breaks a rule, with `overrideReason`; the rest of the course is
    /// planned as if that step were not fixed, and the rules it breaks are
    /// recorded on the step and in the audit trail.
    public func book(patient reference: String, protocolCode: String, start: LocalDate? = nil,
                     horizonDays: Int = PlanRequest.defaultHorizonDays, pinned: [StepKey: Int64] = [:],
                     overrides: [StepKey: Int64] = [:], overrideReason: String? = nil, details: BookingDetails = BookingDetails(),
                     by user: ActingUser) throws -> BookedCourse {
        try booking.access.require(.bookAppointments, user)
        var reason: String?
        if !overrides.isEmpty {
            try booking.access.require(.overrideSequenceRule, user)
            guard let given = overrideReason else {
                throw BookingError(field: "reason", "is required to override a rule (e.g. --reason \"consultant agreed the shorter gap\")")
            }
            reason = try PatientService.statedReason(given, example: "consultant agreed the shorter gap")
        } else if overrideReason != nil {
            throw BookingError(field: "reason", "is only given with --override")
        }
        for key in overrides.keys where pinned[key] != nil {
            throw BookingError(field: "override", "\(key) is both pinned and overridden: give it once")
        }
        let request0 = details.request(patient: reference, slotID: 0)
        try request0.check()
        let treatment = try protocols.show(code: protocolCode, by: user).protocolValue
        let s = try booking.stamp(user)
        return try booking.booking.write { tx in
            let person = try Self.plannable(tx, reference)
            guard let patientID = person.id else { throw BookingError.notFound("patient", reference) }
            let (request, outcome, overriddenKeys) = try planWithOverrides(tx, treatment: treatment, patient: person, start: start,
                                                                           horizonDays: horizonDays, pinned: pinned,
                                                                           overrides: overrides, calendar: s.calendar)
            guard let plan = outcome.plan else {
                var refusal = BookingError(field: "plan", outcome.failure?.reason ?? "no plan")
                refusal.planFailure = outcome.failure
                throw refusal
            }
            let (checks, broken) = Self.checks(plan, treatment: treatment, calendar: s.calendar)
            // Only an override may leave a rule broken, and only around the steps it moved.
            let overrideNote = overriddenKeys.isEmpty ? nil : reason
            if !broken.isEmpty && overriddenKeys.isEmpty {
                let first = broken.keys.sorted().first!
                throw BookingError(field: "plan", "\(first) breaks a rule: \(broken[first]!.joined(separator: "; "))")
            }
            var course = Course(patientID: patientID, patientMRN: person.mrn, protocolCode: treatment.code,
                                protocolVersion: treatment.version, protocolName: treatment.name,
                                startDate: request.start, bookedBy: s.user, bookedAt: s.at)
            course.id = try tx.insertCourse(course)
            var appointments: [Appointment] = []
            var tasks: [DeskTask] = []
            for step in plan.steps {
                let stepOverride = overriddenKeys.contains(step.key) || broken[step.key] != nil ? overrideNote : nil
                var row = CourseStep(courseID: course.id, cycle: step.cycle, step: step.step, instance: step.instance,
                                     kind: step.kind, plannedDate: step.date, overrideReason: stepOverride)
                if step.kind == .appointment, let slotID = step.slotID {
                    var one = details.request(patient: person.mrn, slotID: slotID)
                    one.note = [details.note, "\(treatment.name), cycle \(step.cycle): \(step.label)"]
                        .compactMap { $0 }.joined(separator: " — ")
                    if one.note!.count > 500 { one.note = String(one.note!.prefix(500)) }
                    let (_, appointment, needs) = try BookingService.place(tx, one, overbook: nil, replaces: nil, s)
                    row.appointmentID = appointment.id
                    appointments.append(appointment)
                    tasks += needs
                } else {
                    let task = Self.stepTask(step, course: course, treatment: treatment, patient: person, s)
                    var stored = task
                    stored.id = try tx.insertTask(task)
                    row.taskID = stored.id
                    tasks.append(stored)
                }
                try tx.insertCourseStep(row)
            }
            var detail = "booked course \(course.id): \(treatment.code) version \(treatment.version) (\(treatment.name)), "
                + "\(treatment.cycles) cycle\(treatment.cycles == 1 ? "" : "s"), \(appointments.count) appointments, "
                + "\(plan.steps.count - appointments.count) tasks, \(plan.visitDays) visit days"
            if let overrideNote {
                detail += "; rule overridden at " + broken.keys.sorted().map(\.description).joined(separator: ", ") + ": \(overrideNote)"
            }
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .course, patientID: patientID,
                                          patientMRN: person.mrn, detail: detail))
            return BookedCourse(course: course, plan: plan, treatment: treatment, patient: person.summaryForLists,
                                appointments: appointments, tasks: tasks, overridden: broken, checks: checks)
        }
    }

    /// The plan with pins, and with an officer's overrides: when the overrides
    /// as pins leave no valid plan, the rest is planned as if those steps were
    /// free and each is then put in its slot (returned: the steps so put).
    func planWithOverrides(_ tx: any BookingReader, treatment: TreatmentProtocol, patient: Patient, start: LocalDate?,
                           horizonDays: Int, pinned: [StepKey: Int64], overrides: [StepKey: Int64],
                           calendar: WorkingCalendar) throws -> (PlanRequest, PlanOutcome, Set<StepKey>) {
        let (request, outcome) = try planOnDiary(tx, treatment: treatment, patient: patient, start: start, horizonDays: horizonDays,
                                                 pinned: pinned.merging(overrides) { a, _ in a }, calendar: calendar)
        guard !overrides.isEmpty, outcome.plan == nil else { return (request, outcome, []) }
        let (free, freeOutcome) = try planOnDiary(tx, treatment: treatment, patient: patient, start: start,
                                                  horizonDays: horizonDays, pinned: pinned, calendar: calendar)
        guard var plan = freeOutcome.plan else { return (free, freeOutcome, []) }
        try Self.applyOverrides(overrides, to: &plan, treatment: treatment, request: free, tx)
        // A cycle's treatment moved against its window: that cycle's other steps and every
        // later cycle follow it (the next cycles fall due from the date the officer chose).
        if let anchor = treatment.anchor, overrides.count == 1, let (key, slotID) = overrides.first,
           key.step == anchor, key.instance == 1, key.cycle < treatment.cycles, let moved = plan.step(key) {
            var remainder = treatment
            remainder.cycles = treatment.cycles - key.cycle + 1
            // (Cycle 1 keeps the requested start: no step before it.)
            let from = key.cycle == 1 ? max(free.start, moved.date.adding(days: -14)) : moved.date.adding(days: -14)
            let (_, rest) = try planOnDiary(tx, treatment: remainder, patient: patient, start: from,
                                            horizonDays: 28, pinned: [StepKey(cycle: 1, step: anchor): slotID], calendar: calendar)
            if let later = rest.plan {
                let offset = key.cycle - 1
                plan.steps = plan.steps.filter { $0.cycle < key.cycle } + later.steps.map { step in
                    var step = step
                    step.cycle += offset
                    return step
                }
                plan.cycles = plan.cycles.filter { $0.cycle < key.cycle } + later.cycles.map { cycle in
                    var cycle = cycle
                    cycle.cycle += offset
                    return cycle
                }
                let existing = Set(free.busy.filter(\.inPerson).map(\.date))
                plan.visitDates = Array(Set(plan.steps.filter { $0.kind == .appointment && $0.inPerson }.map(\.date))
                    .subtracting(existing)).sorted()
                plan.complete = plan.complete && later.complete
            }
        }
        return (free, .feasible(plan), Set(overrides.keys))
    }

    /// Every rule checked on a plan, by step, and the broken ones in words.
    static func checks(_ plan: Plan, treatment: TreatmentProtocol,
                       calendar: WorkingCalendar) -> (checks: [StepKey: [RuleCheck]], broken: [StepKey: [String]]) {
        let checker = RuleChecker(treatment: treatment, calendar: calendar)
        let placed = RuleChecker.placements(plan)
        let across = checker.crossCycleProblems(Dictionary(plan.steps.map {
            ($0.key, RuleChecker.Held(placement: placed[$0.key]!, clinician: $0.clinician))
        }, uniquingKeysWith: { a, _ in a }))
        var checks: [StepKey: [RuleCheck]] = [:]
        var broken: [StepKey: [String]] = [:]
        for step in plan.steps {
            let c = checker.checks(for: step.key, in: placed) + (across[step.key].map { [$0] } ?? [])
            checks[step.key] = c
            let problems = c.filter { !$0.ok }.compactMap(\.problem)
            if !problems.isEmpty { broken[step.key] = problems }
        }
        return (checks, broken)
    }

    /// Puts each overridden step into the officer's slot.
    static func applyOverrides(_ overrides: [StepKey: Int64], to plan: inout Plan, treatment: TreatmentProtocol,
                               request: PlanRequest, _ tx: any BookingReader) throws {
        for (key, slotID) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let index = plan.steps.firstIndex(where: { $0.key == key }) else {
                throw BookingError(field: "override", "\(key) is not a step of \(treatment.code) (steps: "
                                   + treatment.steps.map(\.id).joined(separator: ", ") + "; cycles 1–\(treatment.cycles))")
            }
            guard plan.steps[index].kind == .appointment else {
                throw BookingError(field: "override", "\(key) is a task: it has no slot")
            }
            guard let slot = try tx.slot(id: slotID) else {
                throw BookingError.notFound("override", "there is no slot \(slotID)")
            }
            let service = treatment.step(key.step)?.service
            guard slot.serviceCode == service else {
                throw BookingError(field: "override", "slot \(slotID) offers \(slot.serviceCode), not \(service ?? "?") (\(key))")
            }
            if let clash = plan.steps.first(where: { $0.key != key && $0.date == slot.date && $0.start != nil && $0.end != nil
                && $0.start! < slot.end && slot.start < $0.end! }) {
                throw BookingError(field: "override", "slot \(slotID) (\(slot.whenText)) overlaps \(clash.key) of the same course")
            }
            plan.steps[index].slotID = slot.id
            plan.steps[index].date = slot.date
            plan.steps[index].start = slot.start
            plan.steps[index].end = slot.end
            plan.steps[index].clinician = slot.clinicianCode
            plan.steps[index].site = slot.siteCode
        }
        let existing = Set(request.busy.filter(\.inPerson).map(\.date))
        plan.visitDates = Array(Set(plan.steps.filter { $0.kind == .appointment && $0.inPerson }.map(\.date))
            .subtracting(existing)).sorted()
    }

    static func stepTask(_ step: PlannedStep, course: Course, treatment: TreatmentProtocol, patient: Patient,
                         _ s: BookingService.Stamp) -> DeskTask {
        DeskTask(teamCode: step.team ?? "front_desk", patientID: course.patientID, patientMRN: patient.mrn, courseID: course.id,
                 kind: .courseStep,
                 description: "\(step.label) — \(treatment.name), cycle \(step.cycle) (course \(course.id))",
                 dueDate: step.date, dueTime: taskDueTime, createdBy: s.user, createdAt: s.at)
    }

    // MARK: reading a course

    /// A patient's courses (hospital or NHS number), latest first. Names the
    /// patient's treatment: opening the list is audited.
    public func courses(patient reference: String, reason: AccessReason? = nil,
                        by user: ActingUser) throws -> (patient: PatientSummary, courses: [Course]) {
        try booking.access.require(.viewRecord, user)
        let at = booking.clock.now
        return try booking.booking.write { tx in
            let (person, id) = try Self.patient(tx, reference)
            try Self.opening(tx, person, reason: reason, user: user, at: at, "listed treatment courses")
            return (person.summaryForLists, try tx.courses(patientID: id))
        }
    }

    /// How long a break-glass opening of a restricted record lets the same person
    /// go on working on it (its courses, re-plans, preferences) without a new reason.
    public static let breakGlassMinutes = RecordOpening.breakGlassMinutes

    /// Audits opening (or changing) part of a patient's record (`RecordOpening`).
    static func opening(_ tx: any BookingTransaction, _ person: Patient, reason: AccessReason?, user: ActingUser, at: Date,
                        _ what: String) throws {
        try RecordOpening.audit(person, reason: reason, user: user, at: at, what, brokeGlass: tx.brokeGlass, append: tx.appendAudit)
    }

    /// A patient's courses for the record's section (the caller opened the record: not audited again).
    public func courses(patientID: Int64, by user: ActingUser) throws -> [CourseDetail] {
        try booking.access.require(.viewRecord, user)
        let calendar = try booking.calendar()
        return try booking.booking.read { tx in
            try tx.courses(patientID: patientID).map { try detail(tx, $0, calendar: calendar) }
        }
    }

    /// A course step by step as it stands (each appointment followed through
    /// its rebookings) with every rule checked. Opening it is audited.
    public func show(course id: Int64, reason: AccessReason? = nil, by user: ActingUser) throws -> CourseDetail {
        try booking.access.require(.viewRecord, user)
        let at = booking.clock.now
        let calendar = try booking.calendar()
        return try booking.booking.write { tx in
            guard let course = try tx.course(id: id) else {
                throw BookingError.notFound("course", "there is no course \(id) (frontdesk course list --patient … shows a patient's)")
            }
            guard let person = try tx.patient(id: course.patientID) else {
                throw BookingError.notFound("course", "course \(id) has no patient")
            }
            try Self.opening(tx, person, reason: reason, user: user, at: at, "opened course \(id)")
            return try detail(tx, course, calendar: calendar)
        }
    }

    /// The appointment holding a step now: the one booked, followed through its rebookings.
    static func current(_ tx: any BookingReader, _ id: Int64) throws -> Appointment? {
        var appointment = try tx.appointment(id: id)
        var hops = 0
        while let next = appointment?.replacedByID, hops < 100, let moved = try tx.appointment(id: next) {
            appointment = moved; hops += 1
        }
        return appointment
    }

    func detail(_ tx: any BookingReader, _ course: Course, calendar: WorkingCalendar) throws -> CourseDetail {
        guard let stored = try tx.storedProtocol(code: course.protocolCode, version: course.protocolVersion) else {
            throw BookingError.notFound("course", "course \(course.id) names protocol \(course.protocolCode) "
                                        + "version \(course.protocolVersion), which is not stored")
        }
        let treatment = try ProtocolService.read(stored)
        guard let person = try tx.patient(id: course.patientID) else {
            throw BookingError.notFound("course", "course \(course.id) has no patient")
        }
        let order = Dictionary(treatment.steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let steps = try tx.courseSteps(courseID: course.id).sorted {
            ($0.cycle, order[$0.step] ?? 0, $0.instance) < ($1.cycle, order[$1.step] ?? 0, $1.instance)
        }
        var rows: [CourseDetail.Row] = []
        var placed: [StepKey: RuleChecker.Placement] = [:]
        for step in steps {
            var row = CourseDetail.Row(step: step, label: treatment.step(step.step)?.label ?? step.step, appointment: nil, task: nil,
                                       checks: [], isHeld: false)
            if let id = step.appointmentID, let appointment = try Self.current(tx, id) {
                row.appointment = appointment
                row.isHeld = appointment.status.holdsPlace && appointment.status != .didNotAttend
                    && appointment.status != .lateNotSeen
                if row.isHeld { placed[step.key] = .init(date: appointment.date, start: appointment.start, end: appointment.end) }
            } else if let id = step.taskID, let task = try tx.task(id: id) {
                row.task = task
                row.isHeld = task.status != .cancelled
                if row.isHeld { placed[step.key] = .init(date: task.dueDate) }
            }
            rows.append(row)
        }
        let checker = RuleChecker(treatment: treatment, calendar: calendar)
        for i in rows.indices where rows[i].isHeld {
            rows[i].checks = checker.checks(for: rows[i].step.key, in: placed)
        }
        var held: [StepKey: RuleChecker.Held] = [:]
        for row in rows where row.isHeld {
            if let place = placed[row.step.key] { held[row.step.key] = .init(placement: place, clinician: row.appointment?.clinicianCode) }
        }
        let across = checker.crossCycleProblems(held)
        for i in rows.indices { if let problem = across[rows[i].step.key] { rows[i].checks.append(problem) } }
        // A cycle is open while something of it is still to come (a step, or one lost
        // whose day has not passed), or while a cancelled step of it has not been made
        // good and its treatment (the anchor, else its last appointment step) has not
        // happened. A missed appointment whose day has passed is the clinical team's to
        // decide on (their DNA task), and a cycle whose treatment was given is history.
        let (today, now) = booking.now
        let closing = treatment.anchor ?? treatment.steps.last { $0.kind == .appointment }?.id
        var open = Set<Int>()
        for row in rows where !CourseDetail.isFixed(row, today: today, now: now) {
            if let date = row.date, date >= today { open.insert(row.step.cycle); continue }
            guard !row.isHeld, row.appointment?.status.isCancelled == true else { continue }
            let treated = rows.contains { $0.step.cycle == row.step.cycle && $0.step.step == closing && $0.step.instance == 1
                && $0.isHeld && CourseDetail.isFixed($0, today: today, now: now) }
            if !treated { open.insert(row.step.cycle) }
        }
        if course.status == .stopped { open = [] }
        var remote = Set<String>()
        for code in Set(treatment.steps.compactMap(\.service)) where try tx.service(code: code)?.mode.isRemote == true {
            remote.insert(code)
        }
        return CourseDetail(course: course, treatment: treatment, patient: person.summaryForLists, rows: rows, openCycles: open,
                            remoteServices: remote)
    }

    // MARK: booking preferences

    /// The record a hospital or NHS number names, and its id.
    static func patient(_ tx: any BookingReader, _ reference: String) throws -> (Patient, Int64) {
        guard let person = try tx.patient(reference: reference), let id = person.id else {
            throw BookingError.notFound("patient", "no patient has hospital or NHS number \(reference)")
        }
        return (person, id)
    }

    /// When the patient can come, as recorded (audited as a view; a restricted record needs a reason).
    public func preferences(patient reference: String, reason: AccessReason? = nil,
                            by user: ActingUser) throws -> (patient: PatientSummary, preferences: BookingPreferences) {
        try booking.access.require(.bookAppointments, user)
        let at = booking.clock.now
        return try booking.booking.write { tx in
            let (person, id) = try Self.patient(tx, reference)
            try Self.opening(tx, person, reason: reason, user: user, at: at, "read booking preferences")
            return (person.summaryForLists, try tx.preferences(patientID: id))
        }
    }

    /// Records when the patient can come (`.none` clears it); audited with what changed.
    public func setPreferences(patient reference: String, _ preferences: BookingPreferences, reason: AccessReason? = nil,
                               by user: ActingUser) throws -> (patient: PatientSummary, preferences: BookingPreferences) {
        try changePreferences(patient: reference, reason: reason, by: user) { _ in preferences.fields }
    }

    /// Changes some of the patient's booking preferences: `change` gets the fields
    /// as they are, read in the same transaction as the write (another desk's
    /// change to the other parts is kept), and returns them as they should be.
    public func changePreferences(patient reference: String, reason: AccessReason? = nil, by user: ActingUser,
                                  _ change: (BookingPreferences.Fields) throws -> BookingPreferences.Fields)
        throws -> (patient: PatientSummary, preferences: BookingPreferences) {
        try booking.access.require(.bookAppointments, user)
        let at = booking.clock.now
        return try booking.booking.write { tx in
            let (person, id) = try Self.patient(tx, reference)
            if person.restriction != nil { try Self.opening(tx, person, reason: reason, user: user, at: at, "changed booking preferences") }
            let old = try tx.preferences(patientID: id)
            let preferences = try BookingPreferences(fields: try change(old.fields))
            guard old != preferences else { return (person.summaryForLists, old) }
            try tx.setPreferences(preferences, patientID: id, by: user.login, at: at)
            var changed: [String] = []
            if old.unavailableWeekdays != preferences.unavailableWeekdays { changed.append("unavailable days") }
            if old.notBefore != preferences.notBefore { changed.append("not before") }
            if old.notAfter != preferences.notAfter { changed.append("not after") }
            if old.unavailableDates != preferences.unavailableDates { changed.append("away dates") }
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .edit, patientID: id, patientMRN: person.mrn,
                                          detail: "booking preferences changed: " + changed.joined(separator: ", ")))
            return (person.summaryForLists, preferences)
        }
    }
}
