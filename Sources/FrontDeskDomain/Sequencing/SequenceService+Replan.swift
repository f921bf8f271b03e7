import Foundation

/// A course's re-plan after one of its appointments was cancelled, missed or
/// moved (knock-on rebooking): what now breaks, and the remainder planned
/// again — attended steps fixed, steps that still meet their rules kept where
/// they are when possible (fewest moved first, then the planner's objective).
public struct CourseReplan: Sendable {
    /// One step the re-plan moves (or books again).
    public struct Change: Sendable, Hashable {
        public var key: StepKey
        public var label: String
        public var kind: ProtocolStep.Kind
        /// The appointment holding the step now (cancelled or missed ones too).
        public var from: Appointment?
        public var fromTask: DeskTask?
        public var to: PlannedStep

        /// `moved` (a booked appointment to another slot), `rebooked` (one lost), or `due` (a task's date).
        public var action: String {
            if kind == .task { return "due" }
            guard let from else { return "booked" }
            if from.status == .attended || from.status == .attendedLate { return "repeated" }
            return from.status == .booked ? "moved" : "rebooked"
        }
    }

    public var detail: CourseDetail
    /// What is wrong with the course now, in words, step by step.
    public var problems: [String]
    /// The cycle the re-plan starts at (earlier cycles are left alone).
    public var fromCycle: Int?
    /// Nil when there is nothing to re-plan.
    public var outcome: PlanOutcome?
    public var changes: [Change]
    /// How much of the course had to be freed to find a plan, in words.
    public var approach: String?
    /// Missed treatments of a repeated step added at the end: the course ends later
    /// (the clinical team is asked to check the gap when it is booked).
    public var extendsCourse = false

    public var isNeeded: Bool { !problems.isEmpty }
    public var appointmentsMoved: Int { changes.filter { $0.kind == .appointment }.count }
}

extension SequenceService {
    /// What a cancellation or move of an appointment broke in its course, and
    /// the re-plan that would fix it (nothing is booked). Opening the course is audited.
    /// `pins`: steps the clerk has put in a slot of their choosing (adjusting the re-plan).
    /// A restricted record needs `reason` (or a break-glass opening by this person in the last half hour).
    public func replan(course id: Int64, pins: [StepKey: Int64] = [:], reason: AccessReason? = nil,
                       by user: ActingUser) throws -> CourseReplan {
        try booking.access.require(.bookAppointments, user)
        let s = try booking.stamp(user)
        return try booking.booking.write { tx in
            try opened(tx, course: id, reason: reason, user: user, at: s.at, "opened course \(id) to re-plan")
            return try replan(tx, course: id, pins: pins, s)
        }
    }

    /// Audits opening (or changing) a course: a view, or break-glass access for a restricted record.
    func opened(_ tx: any BookingTransaction, course id: Int64, reason: AccessReason?, user: ActingUser, at: Date, _ what: String) throws {
        guard let course = try tx.course(id: id) else { throw BookingError.notFound("course", "there is no course \(id)") }
        guard let person = try tx.patient(id: course.patientID) else { throw BookingError.notFound("course", "course \(id) has no patient") }
        try Self.opening(tx, person, reason: reason, user: user, at: at, what)
    }

    /// The course still in progress an appointment belongs to (following rebookings), if any.
    public func course(ofAppointment appointmentID: Int64, by user: ActingUser) throws -> Int64? {
        try booking.access.require(.bookAppointments, user)
        return try booking.booking.read { tx in
            guard let id = try tx.courseStep(appointmentID: appointmentID)?.courseID, try tx.course(id: id)?.status == .active else {
                return nil
            }
            return id
        }
    }

    /// Books the re-plan: every change in one transaction, or nothing. The
    /// re-plan is made again on the diary as it is now; when `expected` is given
    /// (the changes the clerk was shown) and the diary has changed so the
    /// re-plan differs, nothing is booked and the new re-plan is the error's subject.
    public func applyReplan(course id: Int64, pins: [StepKey: Int64] = [:], expected: [CourseReplan.Change]? = nil,
                            reason: AccessReason? = nil, by user: ActingUser) throws -> (replan: CourseReplan, appointments: [Appointment]) {
        try booking.access.require(.bookAppointments, user)
        let s = try booking.stamp(user)
        return try booking.booking.write { tx in
            if try tx.course(id: id).flatMap({ try tx.patient(id: $0.patientID) })?.restriction != nil {
                try opened(tx, course: id, reason: reason, user: user, at: s.at, "re-planned course \(id)")
            }
            let replan = try replan(tx, course: id, pins: pins, s)
            guard replan.isNeeded else {
                throw BookingError(field: "course", "course \(id) needs no re-plan: every step still meets its rules")
            }
            guard let plan = replan.outcome?.plan else {
                throw BookingError(field: "course", replan.outcome?.failure?.reason ?? "no re-plan was found")
            }
            if let expected, Self.signature(expected) != Self.signature(replan.changes) {
                throw BookingError(field: "course", "the diary changed since the re-plan was shown: look at it again "
                                   + "(frontdesk course replan \(id))")
            }
            var booked: [Appointment] = []
            var tasksMoved = 0
            // First every moved appointment is cancelled, then the new ones are
            // placed: a step may take a time another step of the course is leaving.
            var freed: [StepKey: (now: Appointment, was: AppointmentStatus)] = [:]
            for change in replan.changes where change.kind == .appointment {
                guard let old = change.from, let slotID = change.to.slotID else {
                    throw BookingError(field: "course", "\(change.key) has no appointment to move: course \(id) needs checking by hand")
                }
                if let next = old.replacedByID {
                    throw BookingError(field: "appointment", "appointment \(old.id) was already rebooked as appointment \(next)")
                }
                if old.status == .booked {
                    let now = try BookingService.cancel(tx, old, by: .hospital, reason: .courseReplanned, text: "course \(id) re-planned",
                                                        s, action: .rebooked, detail: "moved to slot \(slotID)")
                    freed[change.key] = (now, old.status)
                } else {
                    freed[change.key] = (old, old.status)
                }
            }
            for change in replan.changes {
                if change.kind == .appointment, let slotID = change.to.slotID, let (old, was) = freed[change.key] {
                    let request = BookingDetails(old).request(patient: replan.detail.course.patientMRN, slotID: slotID)
                    let (_, new, _) = try BookingService.place(tx, request, overbook: nil, replaces: old, s)
                    var linked = old
                    linked.replacedByID = new.id
                    try tx.updateAppointment(linked)
                    if was != .booked {
                        try tx.appendEvent(AppointmentEvent(appointmentID: old.id, at: s.at, user: s.user, action: .rebooked,
                                                            fromStatus: was, toStatus: was,
                                                            detail: "rebooked as appointment \(new.id) (\(new.whenText)), course \(id) re-planned"))
                    }
                    booked.append(new)
                } else if change.kind == .task {
                    guard var row = try tx.courseSteps(courseID: id).first(where: { $0.key == change.key }) else { continue }
                    if var task = change.fromTask, task.status == .open {
                        task.status = .cancelled; task.closedBy = s.user; task.closedAt = s.at
                        task.closeNote = "course \(id) re-planned: now due \(change.to.date.display)"
                        try tx.updateTask(task)
                    }
                    guard let person = try tx.patient(id: replan.detail.course.patientID) else { continue }
                    var task = Self.stepTask(change.to, course: replan.detail.course, treatment: replan.detail.treatment,
                                             patient: person, s)
                    task.id = try tx.insertTask(task)
                    row.taskID = task.id
                    row.plannedDate = change.to.date
                    try tx.updateCourseStep(row)
                    tasksMoved += 1
                }
            }
            if replan.extendsCourse, let last = booked.map(\.date).max() {
                let what = booked.count == 1 ? "a missed treatment" : "\(booked.count) missed treatments"
                _ = try tx.insertTask(DeskTask(
                    teamCode: "clinical", patientID: replan.detail.course.patientID, patientMRN: replan.detail.course.patientMRN,
                    courseID: id, kind: .courseStep,
                    description: "\(replan.detail.treatment.name): \(what) added at the end, the course now ends \(last.display) — "
                        + "check whether the gap needs compensating (course \(id))",
                    dueDate: s.calendar.nextWorkingDay(onOrAfter: s.today.adding(days: 1)), dueTime: Self.taskDueTime,
                    createdBy: s.user, createdAt: s.at))
            }
            let detail = "re-planned course \(id) (\(replan.detail.course.protocolCode)) from cycle \(replan.fromCycle ?? 1): "
                + "\(booked.count) appointment\(booked.count == 1 ? "" : "s") moved or rebooked, \(tasksMoved) task date\(tasksMoved == 1 ? "" : "s") changed, "
                + "\(plan.visitDays) visit days in the re-planned cycles"
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .course, patientID: replan.detail.course.patientID,
                                          patientMRN: replan.detail.course.patientMRN, detail: detail))
            return (replan, booked)
        }
    }

    static func signature(_ changes: [CourseReplan.Change]) -> [String] {
        changes.map { "\($0.key)=\($0.to.slotID.map(String.init) ?? $0.to.date.iso)" }.sorted()
    }

    /// The re-plan inside `tx`.
    func replan(_ tx: any BookingReader, course id: Int64, pins clerkPins: [StepKey: Int64] = [:],
                _ s: BookingService.Stamp) throws -> CourseReplan {
        guard let course = try tx.course(id: id) else {
            throw BookingError.notFound("course", "there is no course \(id)")
        }
        let detail = try detail(tx, course, calendar: s.calendar)
        var result = CourseReplan(detail: detail, problems: [], fromCycle: nil, outcome: nil, changes: [])
        if course.status == .stopped {
            throw BookingError(field: "course", "course \(id) was stopped (\(course.stopReason ?? "no reason recorded")): it cannot be re-planned")
        }
        let treatment = detail.treatment
        func isFixed(_ row: CourseDetail.Row) -> Bool { CourseDetail.isFixed(row, today: s.today, now: s.time) }
        let openCycles = detail.openCycles
        var problemCycles = Set<Int>()
        for row in detail.rows where openCycles.contains(row.step.cycle) {
            let name = "\(row.label) (\(row.step.key))"
            if !row.isHeld, let a = row.appointment {
                let why = a.status.isCancelled
                    ? "was cancelled by the \(a.cancelledBy?.rawValue ?? "hospital")" + (a.cancelReason.map { " (\($0.label))" } ?? "")
                    : "was \(a.status.label)"
                result.problems.append("\(name) on \(a.date.display) \(why): it is needed again")
                problemCycles.insert(row.step.cycle)
            } else if !row.isHeld, row.task != nil {
                result.problems.append("\(name): its task was cancelled")
                problemCycles.insert(row.step.cycle)
            }
            for check in row.checks where !check.ok {
                result.problems.append("\(name): \(check.problem ?? "breaks a rule")")
                problemCycles.insert(row.step.cycle)
            }
        }
        guard let firstCycle = problemCycles.min() else { return result }
        result.fromCycle = firstCycle
        let lostRows = detail.rows.filter { openCycles.contains($0.step.cycle) && !$0.isHeld }
        let brokenRows = detail.rows.filter { openCycles.contains($0.step.cycle) && $0.isHeld && $0.checks.contains { !$0.ok } }
        if brokenRows.isEmpty, let extension_ = try missedRepeatsAtTheEnd(tx, detail: detail, lost: lostRows, s) {
            result.outcome = .feasible(extension_.plan)
            result.changes = extension_.changes
            result.approach = extension_.approach
            result.extendsCourse = true
            return result
        }

        // The remainder as a course of its own, from the cycle before the first
        // one to change (held as it is: it fixes when the next cycle falls due,
        // its window and the clinician) to the last.
        let base = max(1, firstCycle - 1)
        var remainder = treatment
        remainder.cycles = treatment.cycles - base + 1
        let offset = base - 1
        let rows = detail.rows.filter { $0.step.cycle >= base }
        func local(_ key: StepKey) -> StepKey { StepKey(cycle: key.cycle - offset, step: key.step, instance: key.instance) }

        // The slots the course holds (attended ones, and ones it may keep), offered back with their place.
        var extra: [Slot] = []
        var ownAppointments = Set<Int64>()
        var fixedPins: [StepKey: Int64] = [:]
        var keptPins: [(key: StepKey, slot: Int64, cycle: Int, broken: Bool)] = []
        // Steps already done in the cycles being re-planned (a blood test taken before the treatment was cancelled).
        var donePins = Set<StepKey>()
        for row in rows {
            guard let a = row.appointment, let slotID = a.slotID, var slot = try tx.slot(id: slotID) else { continue }
            let held = row.isHeld
            let frozen = row.step.cycle < firstCycle
            guard held || frozen else { continue }
            if held { ownAppointments.insert(a.id) }
            // A step the cycle before held (or lost, when that cycle is over) stays
            // where it was, for the rules to measure from.
            slot.booked = held ? max(0, slot.booked - 1) : min(slot.booked, slot.capacity - 1)
            slot.open = true
            extra.append(slot)
            if frozen || isFixed(row) {
                fixedPins[local(row.step.key)] = slotID
                if !frozen, a.status == .attended || a.status == .attendedLate { donePins.insert(local(row.step.key)) }
            } else {
                let broken = row.checks.contains { !$0.ok && $0.gap != nil }
                keptPins.append((local(row.step.key), slotID, row.step.cycle, broken))
            }
        }
        // Where it starts: the course's requested date, or the first step the
        // cycle before took; earlier when a step was already attended.
        var start = base == 1 ? course.startDate : (rows.filter { $0.step.cycle == base }.compactMap { $0.appointment?.date }.min() ?? course.startDate)
        if let earliest = extra.map(\.date).min(), earliest < start { start = earliest }
        if extra.isEmpty { start = max(start, s.today) }
        let horizon = min(730, max(7, PlanRequest.defaultHorizonDays + max(0, s.today.dayNumber - start.dayNumber)))

        // Continuity: a same-clinician step stays with the clinician of the cycles already held.
        var clinicians: [String: String] = [:]
        for stepID in treatment.sameClinician {
            guard let service = treatment.step(stepID)?.service,
                  !treatment.steps.contains(where: { $0.service == service && !treatment.sameClinician.contains($0.id) }),
                  let held = detail.rows.first(where: { $0.step.step == stepID && $0.isHeld
                      && ($0.step.cycle < firstCycle || isFixed($0)) })?.appointment else { continue }
            clinicians[service] = held.clinicianCode
        }
        guard let person = try tx.patient(id: course.patientID) else {
            throw BookingError.notFound("course", "course \(id) has no patient")
        }
        if let died = person.dateOfDeath {
            throw BookingError(field: "patient", "\(person.mrn) died on \(died.display): the course cannot be re-planned")
        }
        // A day the patient gave up (cancelled, or did not come) is not offered again for that
        // service. After a hospital cancellation the same day is fine, but not the slot taken
        // away, nor that clinician's slots that day when the clinician is not available. Every
        // appointment a step has had counts (its rebookings), not only the one it has now.
        var daysGivenUp: [String: Set<LocalDate>] = [:]
        var slotsTaken = Set<Int64>()
        var cliniciansAway: [String: Set<LocalDate>] = [:]
        for row in rows where row.step.cycle >= firstCycle {
            var link = row.appointment
            var hops = 0
            while let a = link, hops < 100 {
                if a.status.isCancelled && a.cancelledBy == .hospital {
                    // (A step a re-plan moved left its slot free, not taken away.)
                    if let slot = a.slotID, a.cancelReason != .courseReplanned { slotsTaken.insert(slot) }
                    if a.cancelReason == .clinicianUnavailable || a.cancelReason == .sessionCancelled {
                        cliniciansAway[a.clinicianCode, default: []].insert(a.date)
                    }
                } else if a.status.isCancelled || a.status == .didNotAttend || a.status == .lateNotSeen {
                    daysGivenUp[a.serviceCode, default: []].insert(a.date)
                }
                link = try a.replacesID.flatMap { try tx.appointment(id: $0) }
                hops += 1
            }
        }
        let excluded: (Slot) -> Bool = { slot in
            slotsTaken.contains(slot.id) || daysGivenUp[slot.serviceCode]?.contains(slot.date) == true
                || cliniciansAway[slot.clinicianCode]?.contains(slot.date) == true
        }
        // The clerk's own choices come first.
        for (key, slotID) in clerkPins {
            guard key.cycle >= firstCycle, key.cycle <= treatment.cycles, treatment.step(key.step)?.kind == .appointment else {
                throw BookingError(field: "pin", "\(key) is not an appointment step still to re-plan (cycles \(firstCycle)–\(treatment.cycles))")
            }
            fixedPins[local(key)] = slotID
            keptPins.removeAll { $0.key == local(key) }
        }
        let tiers: [(String, [StepKey: Int64])] = [
            ("steps that still meet their rules kept", Dictionary(keptPins.filter { !$0.broken }.map { ($0.key, $0.slot) }) { a, _ in a }),
            ("the affected cycle\(problemCycles.count == 1 ? "" : "s") planned again",
             Dictionary(keptPins.filter { !problemCycles.contains($0.cycle) }.map { ($0.key, $0.slot) }) { a, _ in a }),
            ("every step still to come planned again", [:]),
        ]
        var outcome: PlanOutcome?
        var repeatsDone = false
        // Last: a step already done whose rule can no longer hold (the blood test is too old for
        // the treatment now) is done again.
        for (index, (approach, pins)) in (tiers + (donePins.isEmpty ? [] : [("a step already done repeated: its rule can no longer hold", [:])])).enumerated() {
            let fixed = index == tiers.count ? fixedPins.filter { !donePins.contains($0.key) } : fixedPins
            repeatsDone = index == tiers.count
            let request = try makeRequest(tx, treatment: remainder, patient: person, start: start, horizonDays: horizon,
                                          pinned: fixed.merging(pins) { a, _ in a }, calendar: s.calendar,
                                          extraSlots: extra, ignoring: ownAppointments, clinicians: clinicians,
                                          excluding: excluded)
            let planned = Planner.plan(request)
            if outcome == nil || planned.plan != nil { outcome = planned }
            if planned.plan != nil { result.approach = approach; break }
            repeatsDone = false
        }
        guard var plan = outcome?.plan else {
            result.outcome = outcome
            return result
        }
        // Back to the course's own cycle numbers.
        for i in plan.steps.indices { plan.steps[i].cycle += offset }
        for i in plan.cycles.indices { plan.cycles[i].cycle += offset }
        result.outcome = .feasible(plan)
        let byKey = Dictionary(rows.map { ($0.step.key, $0) }, uniquingKeysWith: { a, _ in a })
        for step in plan.steps where step.cycle >= firstCycle {
            guard let row = byKey[step.key] else { continue }
            if isFixed(row) && !(repeatsDone && row.appointment?.slotID != step.slotID && step.kind == .appointment) { continue }
            if step.kind == .appointment {
                if row.isHeld, row.appointment?.slotID == step.slotID { continue }
            } else if row.isHeld, row.task?.dueDate == step.date {
                continue
            }
            result.changes.append(CourseReplan.Change(key: step.key, label: row.label, kind: step.kind, from: row.appointment,
                                                      fromTask: row.task, to: step))
        }
        return result
    }
}

extension SequenceService {
    /// What stopping a course did.
    public struct StoppedCourse: Sendable {
        public var course: Course
        /// The appointments still to come, cancelled by the hospital.
        public var cancelled: [Appointment]
        /// The course's open tasks, cancelled.
        public var tasksCancelled: Int
    }

    /// Stops a course (the oncologist ends the treatment): every appointment of
    /// it still booked is cancelled by the hospital (`clinical_decision`, with
    /// the reason), its open tasks are cancelled, and the course is marked
    /// stopped — in one transaction, audited. Attended steps stay as they were.
    public func stop(course id: Int64, reason: String, access: AccessReason? = nil, by user: ActingUser) throws -> StoppedCourse {
        try booking.access.require(.bookAppointments, user)
        let why = try PatientService.statedReason(reason, example: "treatment stopped by Dr Okafor after cycle 3")
        let s = try booking.stamp(user)
        return try booking.booking.write { tx in
            guard var course = try tx.course(id: id) else { throw BookingError.notFound("course", "there is no course \(id)") }
            if try tx.patient(id: course.patientID)?.restriction != nil {
                try opened(tx, course: id, reason: access, user: user, at: s.at, "stopped course \(id)")
            }
            guard course.status == .active else {
                throw BookingError(field: "course", "course \(id) was already stopped (\(course.stopReason ?? "no reason recorded"))")
            }
            let detail = try detail(tx, course, calendar: s.calendar)
            var cancelled: [Appointment] = []
            for row in detail.rows {
                guard let a = row.appointment, a.status == .booked else { continue }
                if a.date < s.today || (a.date == s.today && a.start < s.time) { continue }
                cancelled.append(try BookingService.cancel(tx, a, by: .hospital, reason: .clinicalDecision, text: why, s,
                                                           action: .cancelled, detail: "course \(id) stopped"))
            }
            var tasks = 0
            for var task in try tx.tasks(TaskQuery(patientID: course.patientID, openOnly: true, limit: 10_000)) where task.courseID == id {
                task.status = .cancelled; task.closedBy = s.user; task.closedAt = s.at; task.closeNote = "course \(id) stopped: \(why)"
                try tx.updateTask(task)
                tasks += 1
            }
            try tx.stopCourse(id: id, reason: why)
            course.status = .stopped
            course.stopReason = why
            try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .course, patientID: course.patientID,
                                          patientMRN: course.patientMRN,
                                          detail: "stopped course \(id) (\(course.protocolCode)): \(cancelled.count) appointments and "
                                              + "\(tasks) tasks cancelled: \(why)"))
            return StoppedCourse(course: course, cancelled: cancelled, tasksCancelled: tasks)
        }
    }
}

extension SequenceService {
    /// A missed treatment of a repeated step (a radiotherapy fraction other than
    /// the first) is not a reason to move the whole course: it is added at the
    /// end, on the first working day after the last one that has a free slot the
    /// patient can take (with the same clinician where the step keeps one) — the
    /// course ends a day later, and the clinical team is asked to check whether
    /// the gap needs compensating. Nil when the course's problems are anything else.
    func missedRepeatsAtTheEnd(_ tx: any BookingReader, detail: CourseDetail, lost: [CourseDetail.Row],
                               _ s: BookingService.Stamp) throws -> (plan: Plan, changes: [CourseReplan.Change], approach: String)? {
        let treatment = detail.treatment
        guard !lost.isEmpty,
              lost.allSatisfy({ $0.step.instance > 1 && $0.step.kind == .appointment && treatment.step($0.step.step)?.repeat != nil }),
              let patient = try tx.patient(id: detail.course.patientID), let patientID = patient.id else { return nil }
        let preferences = try tx.preferences(patientID: patientID)
        let lostIDs = Set(lost.compactMap { $0.appointment?.id })
        var busy = try tx.futureBookings(patientID: patientID, from: s.today).filter { !lostIDs.contains($0.id) }
            .map { (date: $0.date, start: $0.start, end: $0.end) }
        var changes: [CourseReplan.Change] = []
        var newDays: [LocalDate] = []
        for row in lost.sorted(by: { $0.step.key < $1.step.key }) {
            guard let old = row.appointment else { return nil }
            let siblings = detail.rows.filter { $0.step.cycle == row.step.cycle && $0.step.step == row.step.step && $0.isHeld }
            guard let last = (siblings.compactMap(\.appointment?.date) + changes.filter { $0.key.step == row.step.step }.map(\.to.date)).max()
            else { return nil }
            let keepsClinician = treatment.sameClinician.contains(row.step.step)
            let clinician = keepsClinician ? siblings.first?.appointment?.clinicianCode : nil
            let usual = siblings.compactMap(\.appointment?.start).sorted().first
            var day = s.calendar.nextWorkingDay(onOrAfter: max(last.adding(days: 1), s.today))
            var chosen: Slot?
            for _ in 0..<20 where chosen == nil {
                let free = try tx.freeSlots(SlotQuery(serviceCode: old.serviceCode, from: day, clinicianCode: clinician, limit: 200,
                                                      through: day))
                let fits = free.filter { slot in
                    (slot.date > s.today || slot.start >= s.time)
                        && !(old.cancelledBy != .hospital && slot.date == old.date)
                        && preferences.allows(date: slot.date, start: slot.start, end: slot.end)
                        && !busy.contains { $0.date == slot.date && $0.start < slot.end && slot.start < $0.end }
                }
                // The time the patient usually comes for this treatment, else the earliest.
                chosen = fits.min { a, b in
                    let da = usual.map { abs(a.start.minutes - $0.minutes) } ?? a.start.minutes
                    let db = usual.map { abs(b.start.minutes - $0.minutes) } ?? b.start.minutes
                    return da != db ? da < db : a.start < b.start
                }
                day = s.calendar.nextWorkingDay(onOrAfter: day.adding(days: 1))
            }
            guard let slot = chosen else { return nil }
            busy.append((slot.date, slot.start, slot.end))
            let step = PlannedStep(cycle: row.step.cycle, step: row.step.step, instance: row.step.instance, label: row.label,
                                   kind: .appointment, slotID: slot.id, date: slot.date, start: slot.start, end: slot.end,
                                   clinician: slot.clinicianCode, site: slot.siteCode, service: slot.serviceCode, team: nil,
                                   inPerson: true)
            changes.append(CourseReplan.Change(key: row.step.key, label: row.label, kind: .appointment, from: old, fromTask: nil, to: step))
            newDays.append(slot.date)
        }
        let existing = Set(busy.dropLast(changes.count).map(\.date))
        let plan = Plan(steps: changes.map(\.to), cycles: [], visitDates: Array(Set(newDays).subtracting(existing)).sorted())
        let label = lost.first?.label ?? "treatment"
        let approach = lost.count == 1
            ? "the missed \(label.lowercased()) added at the end: the course ends a working day later"
            : "the \(lost.count) missed treatments added at the end: the course ends \(lost.count) working days later"
        return (plan, changes, approach)
    }
}
