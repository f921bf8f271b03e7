import Foundation
import FrontDeskDomain

/// What the sequence pane asks the planner for: a protocol for a patient from a date, with the clerk's pins.
public struct CoursePlanRequest: Hashable, Sendable {
    /// The patient's hospital number.
    public var patient: String
    public var protocolCode: String
    public var start: LocalDate
    public var pins: [StepKey: Int64]
    /// An officer's overrides (a step in a slot that breaks a rule), planned around as booking will.
    public var overrides: [StepKey: Int64]
    public init(patient: String, protocolCode: String, start: LocalDate, pins: [StepKey: Int64] = [:],
                overrides: [StepKey: Int64] = [:]) {
        self.patient = patient; self.protocolCode = protocolCode; self.start = start; self.pins = pins
        self.overrides = overrides
    }
}

/// A plan as the sequence pane shows it (`SequenceService.Planned`).
public struct CoursePlanView: Hashable, Sendable {
    public var request: CoursePlanRequest
    public var treatment: TreatmentProtocol
    public var outcome: PlanOutcome
    /// The preferences the plan honours (from the record).
    public var preferences: BookingPreferences
    /// The rules checked on the plan, by step.
    public var checks: [StepKey: [RuleCheck]]
    public init(request: CoursePlanRequest, treatment: TreatmentProtocol, outcome: PlanOutcome, preferences: BookingPreferences,
                checks: [StepKey: [RuleCheck]]) {
        self.request = request; self.treatment = treatment; self.outcome = outcome; self.preferences = preferences
        self.checks = checks
    }

    public var plan: Plan? { outcome.plan }

    /// The anchor date of a cycle in this plan.
    public func anchor(cycle: Int) -> LocalDate? { plan?.cycles.first { $0.cycle == cycle }?.anchorDate }
}

/// One slot a step could move to, re-planned with the step pinned there.
public struct CourseAlternative: Hashable, Sendable {
    public var slot: Slot
    /// Every rule, window and preference is still met: Enter pins it.
    public var valid: Bool
    /// Why it breaks the plan, in the planner's words (an officer may override it).
    public var problem: String?
    /// The step's cycle's anchor (treatment) date with the step there.
    public var anchorDate: LocalDate?
    /// The course's visit days with the step there.
    public var visitDays: Int?
    /// Appointments of the course that would move (a re-plan's alternatives).
    public var moved: Int?
    public init(slot: Slot, valid: Bool, problem: String? = nil, anchorDate: LocalDate? = nil, visitDays: Int? = nil, moved: Int? = nil) {
        self.slot = slot; self.valid = valid; self.problem = problem; self.anchorDate = anchorDate; self.visitDays = visitDays
        self.moved = moved
    }
}

/// The alternatives of one step, with what the plan has now to compare them with.
public struct CourseAlternatives: Hashable, Sendable {
    public var key: StepKey
    public var label: String
    /// Where the step is now.
    public var current: PlannedStep
    public var baseAnchor: LocalDate?
    public var baseVisitDays: Int?
    public var options: [CourseAlternative]
    /// The dates searched.
    public var from: LocalDate
    public var through: LocalDate
    public init(key: StepKey, label: String, current: PlannedStep, baseAnchor: LocalDate?, baseVisitDays: Int?,
                options: [CourseAlternative], from: LocalDate, through: LocalDate) {
        self.key = key; self.label = label; self.current = current; self.baseAnchor = baseAnchor
        self.baseVisitDays = baseVisitDays; self.options = options; self.from = from; self.through = through
    }
}

/// What booking a course did, for the screen.
public struct CourseBookedView: Hashable, Sendable {
    public var courseID: Int64
    public var protocolName: String
    public var protocolCode: String
    public var version: Int
    public var patientLabel: String
    public var patientMRN: String
    public var appointments: Int
    public var tasks: Int
    public var visitDays: Int
    public var first: LocalDate?
    public var last: LocalDate?
    /// Steps booked against a rule (an officer's override), each with the rules broken.
    public var overridden: [String]
    public init(courseID: Int64, protocolName: String, protocolCode: String, version: Int, patientLabel: String, patientMRN: String,
                appointments: Int, tasks: Int, visitDays: Int, first: LocalDate?, last: LocalDate?, overridden: [String]) {
        self.courseID = courseID; self.protocolName = protocolName; self.protocolCode = protocolCode; self.version = version
        self.patientLabel = patientLabel; self.patientMRN = patientMRN; self.appointments = appointments; self.tasks = tasks
        self.visitDays = visitDays; self.first = first; self.last = last; self.overridden = overridden
    }
}

/// A course's re-plan as the knock-on dialog shows it (`CourseReplan`).
public struct CourseReplanView: Hashable, Sendable {
    public var courseID: Int64
    public var protocolName: String
    public var patientID: Int64
    public var patientMRN: String
    public var patientLabel: String
    /// What is wrong with the course now, in words.
    public var problems: [String]
    public var changes: [CourseReplan.Change]
    /// Why no re-plan was found, when none was.
    public var failure: String?
    /// How much had to be freed to find it.
    public var approach: String?
    public var fromCycle: Int?
    /// The clerk's pins the re-plan was made with.
    public var pins: [StepKey: Int64]
    public var isNeeded: Bool { !problems.isEmpty }
    public init(courseID: Int64, protocolName: String, patientID: Int64, patientMRN: String, patientLabel: String, problems: [String],
                changes: [CourseReplan.Change], failure: String?, approach: String?, fromCycle: Int?, pins: [StepKey: Int64]) {
        self.courseID = courseID; self.protocolName = protocolName; self.patientID = patientID; self.patientMRN = patientMRN
        self.patientLabel = patientLabel; self.problems = problems; self.changes = changes; self.failure = failure
        self.approach = approach; self.fromCycle = fromCycle; self.pins = pins
    }

    init(_ replan: CourseReplan, pins: [StepKey: Int64]) {
        let course = replan.detail.course
        self.init(courseID: course.id, protocolName: course.protocolName, patientID: course.patientID, patientMRN: course.patientMRN,
                  patientLabel: replan.detail.patient.displayName, problems: replan.problems, changes: replan.changes,
                  failure: replan.outcome?.failure?.reason, approach: replan.approach, fromCycle: replan.fromCycle, pins: pins)
    }
}

/// What stopping a course did.
public struct CourseStoppedView: Hashable, Sendable {
    public var courseID: Int64
    public var patientID: Int64
    public var appointments: Int
    public var tasks: Int
    public init(courseID: Int64, patientID: Int64, appointments: Int, tasks: Int) {
        self.courseID = courseID; self.patientID = patientID; self.appointments = appointments; self.tasks = tasks
    }
}

/// What booking a re-plan did.
public struct ReplanApplied: Hashable, Sendable {
    public var courseID: Int64
    public var patientID: Int64
    public var appointments: [Appointment]
    public var changes: Int
    public init(courseID: Int64, patientID: Int64, appointments: [Appointment], changes: Int) {
        self.courseID = courseID; self.patientID = patientID; self.appointments = appointments; self.changes = changes
    }
}

extension PatientDesk {
    func sequenceService() throws -> SequenceService {
        guard let sequence else { throw DeskFailure(message: "treatment courses are not available here") }
        return sequence
    }

    public func treatmentProtocols() throws -> [TreatmentProtocol] {
        try sequenceService().protocols.list(by: user)
    }

    public func planCourse(_ request: CoursePlanRequest) throws -> CoursePlanView {
        var pins = request.pins
        for key in request.overrides.keys { pins[key] = nil }
        let planned = try sequenceService().plan(patient: request.patient, protocolCode: request.protocolCode, start: request.start,
                                                 pinned: pins, overrides: request.overrides, by: user)
        return CoursePlanView(request: request, treatment: planned.treatment, outcome: planned.outcome,
                              preferences: planned.preferences, checks: planned.checks)
    }

    /// The most candidate slots tried for a step (each is a plan of its own).
    static let alternativeLimit = 15

    /// Candidate slots around a date: the nearest days first, at most three a
    /// day (different times first, then the same time with another clinician),
    /// then in date order.
    static func candidates(_ slots: [Slot], around date: LocalDate, excluding: Int64?) -> [Slot] {
        let nearest = slots.filter { $0.id != excluding }.sorted {
            let a = abs($0.date.dayNumber - date.dayNumber), b = abs($1.date.dayNumber - date.dayNumber)
            return a != b ? a < b : ($0.date != $1.date ? $0.date < $1.date : ($0.start != $1.start ? $0.start < $1.start : $0.id < $1.id))
        }
        var perDay: [LocalDate: Int] = [:]
        var times = Set<String>()
        var chosen: [Slot] = []
        var taken = Set<Int64>()
        for distinct in [true, false] {
            for slot in nearest where chosen.count < alternativeLimit && !taken.contains(slot.id) {
                guard perDay[slot.date, default: 0] < 3 else { continue }
                let time = "\(slot.date.dayNumber) \(slot.start.display)"
                if distinct && times.contains(time) { continue }
                perDay[slot.date, default: 0] += 1
                times.insert(time)
                taken.insert(slot.id)
                chosen.append(slot)
            }
        }
        return chosen.sorted { $0.date != $1.date ? $0.date < $1.date : ($0.start != $1.start ? $0.start < $1.start : $0.id < $1.id) }
    }

    /// The free slots of a step's service within a week either side of `date` (none before `earliest`).
    /// The diary is asked day by day, nearest first: a busy service's first few
    /// hundred free slots can all fall on the first day or two of the fortnight.
    func candidateSlots(service: String, around date: LocalDate, earliest: LocalDate, excluding: Int64?) throws -> (LocalDate, LocalDate, [Slot]) {
        let booking = try bookingService()
        let from = max(earliest, date.adding(days: -7))
        let through = date.adding(days: 7)
        guard from <= through else { return (from, through, []) }
        let days = (from.dayNumber...through.dayNumber).sorted {
            let a = abs($0 - date.dayNumber), b = abs($1 - date.dayNumber)
            return a != b ? a < b : $0 < $1
        }
        let now = booking.now
        var found: [Slot] = []
        for day in days {
            let on = LocalDate(dayNumber: day)
            // Today: only slots still to come.
            let query = SlotQuery(serviceCode: service, from: on, notBefore: on == now.date ? now.time : nil, limit: 60, through: on)
            found += try booking.slots(query, by: user).filter { $0.date == on }
            if Self.candidates(found, around: date, excluding: excluding).count >= Self.alternativeLimit { break }
        }
        return (from, through, Self.candidates(found, around: date, excluding: excluding))
    }

    public func courseAlternatives(_ request: CoursePlanRequest, step key: StepKey, breaking: Bool) throws -> CourseAlternatives {
        let base = try planCourse(request)
        guard let plan = base.plan, let current = plan.step(key) else {
            throw DeskFailure(message: "alternatives: \(key) is not in the plan shown (plan again first)")
        }
        guard current.kind == .appointment, let service = current.service else {
            throw DeskFailure(message: "alternatives: \(current.label) is a task for \(current.team ?? "a team"): it has a due date, not a slot")
        }
        let today = try bookingService().now.date
        let (from, through, slots) = try candidateSlots(service: service, around: current.date,
                                                        earliest: max(today, request.start), excluding: current.slotID)
        var options: [CourseAlternative] = []
        for slot in slots {
            var pinned = request
            pinned.pins[key] = slot.id
            let planned = try planCourse(pinned)
            if let p = planned.plan {
                let broken = planned.checks.values.joined().first { !$0.ok }
                if broken == nil || breaking {
                    options.append(CourseAlternative(slot: slot, valid: broken == nil, problem: broken?.problem,
                                                     anchorDate: planned.anchor(cycle: key.cycle), visitDays: p.visitDays))
                }
            } else if breaking {
                // No plan keeps every rule with the step there. An officer's override plans the
                // rest as if the step were free and puts it there: say which of its rules that breaks.
                var overridden = request
                overridden.pins[key] = nil
                overridden.overrides[key] = slot.id
                let over = try? planCourse(overridden)
                let broken = (over?.checks[key] ?? []).filter { !$0.ok }.compactMap(\.problem)
                let problem = over?.plan == nil || broken.isEmpty ? planned.outcome.failure?.reason : broken.joined(separator: "; ")
                options.append(CourseAlternative(slot: slot, valid: false, problem: problem,
                                                 anchorDate: over?.anchor(cycle: key.cycle), visitDays: over?.plan?.visitDays))
            }
        }
        return CourseAlternatives(key: key, label: current.label, current: current, baseAnchor: base.anchor(cycle: key.cycle),
                                  baseVisitDays: plan.visitDays, options: options, from: from, through: through)
    }

    public func bookCourse(_ request: CoursePlanRequest, overrides: [StepKey: Int64], reason: String?) throws -> CourseBookedView {
        var pins = request.pins
        for key in overrides.keys { pins[key] = nil }
        let done = try sequenceService().book(patient: request.patient, protocolCode: request.protocolCode, start: request.start,
                                              pinned: pins, overrides: overrides, overrideReason: overrides.isEmpty ? nil : reason, by: user)
        let dates = done.plan.steps.map(\.date)
        let overridden = done.overridden.sorted { $0.key < $1.key }.map { "\($0.key): " + $0.value.joined(separator: "; ") }
        return CourseBookedView(courseID: done.course.id, protocolName: done.treatment.name, protocolCode: done.treatment.code,
                                version: done.treatment.version, patientLabel: done.patient.displayName, patientMRN: done.patient.mrn,
                                appointments: done.appointments.count, tasks: done.plan.steps.filter { $0.kind == .task }.count,
                                visitDays: done.plan.visitDays, first: dates.min(), last: dates.max(), overridden: overridden)
    }

    public func courses(patientID: Int64) throws -> [CourseDetail] {
        try sequenceService().courses(patientID: patientID, by: user)
    }

    public func courseKnockOn(appointmentIDs: [Int64]) throws -> CourseReplanView? {
        // Without sequencing there are no courses to break.
        guard let sequence else { return nil }
        var seen = Set<Int64>()
        for id in appointmentIDs {
            guard let course = try sequence.course(ofAppointment: id, by: user), seen.insert(course).inserted else { continue }
            let replan = try sequence.replan(course: course, by: user)
            if replan.isNeeded { return CourseReplanView(replan, pins: [:]) }
        }
        return nil
    }

    public func replanCourse(_ id: Int64, pins: [StepKey: Int64]) throws -> CourseReplanView {
        CourseReplanView(try sequenceService().replan(course: id, pins: pins, by: user), pins: pins)
    }

    public func replanAlternatives(_ id: Int64, pins: [StepKey: Int64], step key: StepKey) throws -> CourseAlternatives {
        let sequence = try sequenceService()
        let base = try sequence.replan(course: id, pins: pins, by: user)
        guard let change = base.changes.first(where: { $0.key == key }), change.kind == .appointment,
              let service = change.to.service else {
            throw DeskFailure(message: "alternatives: only an appointment the re-plan moves can be put elsewhere")
        }
        let today = try bookingService().now.date
        let (from, through, slots) = try candidateSlots(service: service, around: change.to.date, earliest: today,
                                                        excluding: change.to.slotID)
        var options: [CourseAlternative] = []
        for slot in slots {
            var pinned = pins
            pinned[key] = slot.id
            guard let replan = try? sequence.replan(course: id, pins: pinned, by: user), let plan = replan.outcome?.plan else { continue }
            options.append(CourseAlternative(slot: slot, valid: true, anchorDate: plan.cycles.first { $0.cycle == key.cycle }?.anchorDate,
                                             visitDays: plan.visitDays, moved: replan.appointmentsMoved))
        }
        let basePlan = base.outcome?.plan
        return CourseAlternatives(key: key, label: change.label, current: change.to,
                                  baseAnchor: basePlan?.cycles.first { $0.cycle == key.cycle }?.anchorDate,
                                  baseVisitDays: basePlan?.visitDays, options: options, from: from, through: through)
    }

    public func applyReplan(_ id: Int64, pins: [StepKey: Int64], expected: [CourseReplan.Change]) throws -> ReplanApplied {
        let done = try sequenceService().applyReplan(course: id, pins: pins, expected: expected, by: user)
        return ReplanApplied(courseID: id, patientID: done.replan.detail.course.patientID, appointments: done.appointments,
                             changes: done.replan.changes.count)
    }

    public func itinerary(course: Int64) throws -> Itinerary {
        try sequenceService().itinerary(course: course, by: user)
    }

    public func stopCourse(_ id: Int64, reason: String) throws -> CourseStoppedView {
        let stopped = try sequenceService().stop(course: id, reason: reason, by: user)
        return CourseStoppedView(courseID: id, patientID: stopped.course.patientID, appointments: stopped.cancelled.count,
                                 tasks: stopped.tasksCancelled)
    }

    public func bookingPreferences(patient: String) throws -> BookingPreferences {
        try sequenceService().preferences(patient: patient, by: user).preferences
    }

    public func setBookingPreferences(patient: String, _ fields: BookingPreferences.Fields) throws -> BookingPreferences {
        let preferences = try BookingPreferences(fields: fields)
        return try sequenceService().setPreferences(patient: patient, preferences, by: user).preferences
    }
}

extension DeskServices {
    /// Runs the effects of treatment courses (the sequence pane, the record's courses, knock-on re-plans).
    func performSequence(_ effect: Effect) -> Event? {
        switch effect {
        case .loadProtocols:
            return .protocolsLoaded(Result { try treatmentProtocols() }.mapError(DeskFailure.init))
        case .planCourse(let generation, let request):
            return .coursePlanned(generation: generation, Result { try planCourse(request) }.mapError(DeskFailure.init))
        case .courseAlternatives(let generation, let request, let step, let breaking):
            return .courseAlternativesFound(generation: generation, Result {
                try courseAlternatives(request, step: step, breaking: breaking)
            }.mapError(DeskFailure.init))
        case .bookCourse(let request, let overrides, let reason):
            return .courseBooked(Result { try bookCourse(request, overrides: overrides, reason: reason) }.mapError(DeskFailure.init))
        case .patientCourses(let id):
            return .patientCoursesLoaded(patientID: id, Result { try courses(patientID: id) }.mapError(DeskFailure.init))
        case .courseKnockOn(let ids):
            return .courseReplanned(Result { try courseKnockOn(appointmentIDs: ids) }.mapError(DeskFailure.init))
        case .replanCourse(let id, let pins):
            return .courseReplanned(Result { try replanCourse(id, pins: pins) }.mapError(DeskFailure.init))
        case .replanAlternatives(let generation, let id, let pins, let step):
            return .courseAlternativesFound(generation: generation, Result {
                try replanAlternatives(id, pins: pins, step: step)
            }.mapError(DeskFailure.init))
        case .applyReplan(let id, let pins, let expected):
            return .replanApplied(Result { try applyReplan(id, pins: pins, expected: expected) }.mapError(DeskFailure.init))
        case .courseItinerary(let id):
            return .itineraryLoaded(Result { try itinerary(course: id) }.mapError(DeskFailure.init))
        case .stopCourse(let id, let reason):
            return .courseStopped(Result { try stopCourse(id, reason: reason) }.mapError(DeskFailure.init))
        case .loadPreferences(let patient):
            return .preferencesLoaded(Result { try bookingPreferences(patient: patient) }.mapError(DeskFailure.init))
        case .savePreferences(let patient, let fields):
            return .preferencesSaved(Result { try setBookingPreferences(patient: patient, fields) }.mapError(DeskFailure.init))
        default:
            return nil
        }
    }
}
