/// The course planner (issue 6, item 2): books a whole treatment protocol into
/// free diary slots, every rule, window and continuity constraint met, and
/// optimal in this lexicographic order:
///
/// 1. each cycle's anchor as close as possible to its due date (calendar days,
///    ties to the earlier date), cycle by cycle;
/// 2. the fewest distinct in-person visit days for the course (a day the
///    patient already comes in for another appointment is not an extra trip);
/// 3. each appointment step as early as possible, cycle by cycle, within a
///    cycle in the order the steps are listed (instances in order).
///
/// Tasks are deadlines: each goes on the latest working day its rules allow
/// (a task that no rule bounds from above goes on the earliest).
///
/// Times: an appointment runs from its slot's start to its end. A task has no
/// time of day: it is done by the end of its day, so a step after a task is on
/// a later day, and a task after a step may be on that step's day.
///
/// Pure: no clock, no store. `Planner.plan(_:)` is exact (branch and bound
/// over candidate slots, with a dynamic programme over cycles when the
/// cycles cannot touch one another).
public enum Planner {
    /// The best valid plan for the request, or why there is none.
    public static func plan(_ request: PlanRequest) -> PlanOutcome {
        PlannerEngine(request).run()
    }
}

/// When a patient can come (recorded on the patient record).
public struct BookingPreferences: Sendable, Hashable, Codable {
    /// Both ends included.
    public struct DateRange: Sendable, Hashable, Codable {
        public var from: LocalDate
        public var through: LocalDate
        public init(from: LocalDate, through: LocalDate) { self.from = from; self.through = through }
        public func contains(_ date: LocalDate) -> Bool { from <= date && date <= through }
    }

    public var unavailableWeekdays: Set<Weekday>
    /// No appointment starting before this time of day.
    public var notBefore: ClockTime?
    /// No appointment ending after this time of day.
    public var notAfter: ClockTime?
    /// Holidays and other dates the patient cannot come.
    public var unavailableDates: [DateRange]

    public init(unavailableWeekdays: Set<Weekday> = [], notBefore: ClockTime? = nil, notAfter: ClockTime? = nil,
                unavailableDates: [DateRange] = []) {
        self.unavailableWeekdays = unavailableWeekdays; self.notBefore = notBefore; self.notAfter = notAfter
        self.unavailableDates = unavailableDates
    }

    public static let none = BookingPreferences()

    public var isEmpty: Bool { unavailableWeekdays.isEmpty && notBefore == nil && notAfter == nil && unavailableDates.isEmpty }

    /// Whether the patient can come to an appointment at this time.
    public func allows(date: LocalDate, start: ClockTime, end: ClockTime) -> Bool {
        if unavailableWeekdays.contains(date.weekday) { return false }
        if let notBefore, start < notBefore { return false }
        if let notAfter, notAfter < end { return false }
        return !unavailableDates.contains { $0.contains(date) }
    }
}

/// One occurrence of a step in a course: `chemo` in cycle 3, or the 12th
/// `fraction`. Cycles and instances count from 1.
public struct StepKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var cycle: Int
    public var step: String
    public var instance: Int
    public init(cycle: Int, step: String, instance: Int = 1) { self.cycle = cycle; self.step = step; self.instance = instance }

    public static func < (a: StepKey, b: StepKey) -> Bool { (a.cycle, a.step, a.instance) < (b.cycle, b.step, b.instance) }

    /// `chemo#3` (cycle 3), `fraction#1.12` (cycle 1, 12th fraction).
    public var description: String { instance == 1 ? "\(step)#\(cycle)" : "\(step)#\(cycle).\(instance)" }
}

/// What the planner is asked to book.
public struct PlanRequest: Sendable {
    /// A time the patient already has an appointment.
    public struct Busy: Sendable, Hashable {
        public var date: LocalDate
        public var start: ClockTime
        public var end: ClockTime
        /// Face to face (a day the patient comes in anyway), or by telephone or video.
        public var inPerson: Bool
        public init(date: LocalDate, start: ClockTime, end: ClockTime, inPerson: Bool = true) {
            self.date = date; self.start = start; self.end = end; self.inPerson = inPerson
        }
    }

    public var treatment: TreatmentProtocol
    /// No step before this date; cycle 1 is due on it.
    public var start: LocalDate
    /// Cycle 1's anchor (or, with no anchor, the first appointment step) no later than `start` + this many days.
    public var horizonDays: Int
    /// The free slots of the protocol's services (others are ignored).
    public var slots: [Slot]
    /// By code: whether a step is in person (a service not listed counts as face to face).
    public var services: [String: Service]
    public var busy: [Busy]
    public var preferences: BookingPreferences
    /// Steps the clerk has fixed to a slot.
    public var pinned: [StepKey: Int64]
    public var calendar: WorkingCalendar

    public static let defaultHorizonDays = 182

    public init(treatment: TreatmentProtocol, start: LocalDate, horizonDays: Int = PlanRequest.defaultHorizonDays,
                slots: [Slot], services: [String: Service] = [:], busy: [Busy] = [],
                preferences: BookingPreferences = .none, pinned: [StepKey: Int64] = [:],
                calendar: WorkingCalendar = WorkingCalendar()) {
        self.treatment = treatment; self.start = start; self.horizonDays = horizonDays; self.slots = slots
        self.services = services; self.busy = busy; self.preferences = preferences; self.pinned = pinned
        self.calendar = calendar
    }
}

/// One step of a plan: an appointment in a slot, or a task's due date.
public struct PlannedStep: Sendable, Hashable {
    public var cycle: Int
    public var step: String
    /// 1 for a step that does not repeat.
    public var instance: Int
    public var label: String
    public var kind: ProtocolStep.Kind
    /// Nil for a task.
    public var slotID: Int64?
    public var date: LocalDate
    /// Nil for a task.
    public var start: ClockTime?
    public var end: ClockTime?
    public var clinician: String?
    public var site: String?
    /// The diary service (an appointment), or the task's team.
    public var service: String?
    public var team: String?
    /// A face-to-face appointment (a trip to the centre).
    public var inPerson: Bool

    public var key: StepKey { StepKey(cycle: cycle, step: step, instance: instance) }
}

/// A cycle of a plan: its anchor's date and when it was due.
public struct PlannedCycle: Sendable, Hashable {
    public var cycle: Int
    /// The anchor step's date (nil when the protocol has no anchor).
    public var anchorDate: LocalDate?
    /// The requested start for cycle 1, else the previous anchor + cycle length.
    public var dueDate: LocalDate?
    /// The window the anchor had to fall in.
    public var windowFrom: LocalDate?
    public var windowThrough: LocalDate?
}

public struct Plan: Sendable, Hashable {
    /// Cycle by cycle, steps in the protocol's order, instances in order.
    public var steps: [PlannedStep]
    public var cycles: [PlannedCycle]
    /// The days the patient comes in for this course that they were not coming in for anyway.
    public var visitDates: [LocalDate]
    public var visitDays: Int { visitDates.count }
    /// False when the search stopped at its budget: the plan is valid, but a
    /// better one may exist (pin a step and plan again to search less).
    public var complete = true

    public func step(_ key: StepKey) -> PlannedStep? { steps.first { $0.key == key } }
    public func step(_ id: String, cycle: Int = 1, instance: Int = 1) -> PlannedStep? {
        step(StepKey(cycle: cycle, step: id, instance: instance))
    }
}

/// Why no plan exists, in words a clerk understands.
public struct PlanFailure: Sendable, Hashable, Error, CustomStringConvertible {
    public var reason: String
    /// The step that cannot be placed, when one can be named.
    public var step: StepKey?
    /// The first date the failing step (or cycle) would fit, when known.
    public var firstFit: LocalDate?
    public init(reason: String, step: StepKey? = nil, firstFit: LocalDate? = nil) {
        self.reason = reason; self.step = step; self.firstFit = firstFit
    }
    public var description: String { reason }
}

public enum PlanOutcome: Sendable, Hashable {
    case feasible(Plan)
    case infeasible(PlanFailure)

    public var plan: Plan? { if case .feasible(let p) = self { return p }; return nil }
    public var failure: PlanFailure? { if case .infeasible(let f) = self { return f }; return nil }
}
