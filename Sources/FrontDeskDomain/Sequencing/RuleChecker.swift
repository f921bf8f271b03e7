/// Checks the rules of a protocol between steps placed on dates and times
/// (a plan, or a booked course as it stands now), in the planner's terms: a
/// task is a point at the end of its day; a repeated step's rules apply to
/// its first instance; rules apply within a cycle.
public struct RuleChecker: Sendable {
    /// Where a step occurrence is: its date and, for an appointment, its times.
    public struct Placement: Sendable, Hashable {
        public var date: LocalDate
        public var start: ClockTime?
        public var end: ClockTime?
        public init(date: LocalDate, start: ClockTime? = nil, end: ClockTime? = nil) {
            self.date = date; self.start = start; self.end = end
        }
        /// Minutes since day 0: a task (no time) is a point at the end of its day.
        var startMinute: Int { date.dayNumber * 1440 + (start?.minutes ?? 1440) }
        var endMinute: Int { date.dayNumber * 1440 + (end?.minutes ?? 1440) }
    }

    public let treatment: TreatmentProtocol
    public let calendar: WorkingCalendar

    public init(treatment: TreatmentProtocol, calendar: WorkingCalendar) {
        self.treatment = treatment; self.calendar = calendar
    }

    /// The rules ending at `key`'s step, checked against where the step it
    /// depends on is in the same cycle (nil: not placed, or lost).
    public func checks(for key: StepKey, in placements: [StepKey: Placement]) -> [RuleCheck] {
        guard key.instance == 1 else { return [] }
        return treatment.rules.filter { $0.step == key.step }.map { rule in
            let afterKey = StepKey(cycle: key.cycle, step: rule.after, instance: 1)
            guard let step = placements[key] else {
                return RuleCheck(rule: rule, gap: nil, ok: false, problem: "\(label(rule.step)) is not booked")
            }
            guard let after = placements[afterKey] else {
                return RuleCheck(rule: rule, gap: nil, ok: false,
                                 problem: "\(label(rule.step)) needs \(label(rule.after)) \(bounds(rule)) before it, "
                                     + "and \(label(rule.after)) (cycle \(key.cycle)) is not booked")
            }
            return check(rule, after: after, step: step)
        }
    }

    /// One rule between two placed steps.
    public func check(_ rule: SequenceRule, after: Placement, step: Placement) -> RuleCheck {
        let minutes = step.startMinute - after.endMinute
        let days = step.date.dayNumber - after.date.dayNumber
        let shown = gapText(rule, minutes: minutes, days: days, after: after.date, step: step.date)
        if minutes < 0 {
            return RuleCheck(rule: rule, gap: shown, ok: false,
                             problem: "\(label(rule.step)) must come after \(label(rule.after)) ends; it is before it")
        }
        for (gap, isMin) in [(rule.min, true), (rule.max, false)] {
            guard let gap else { continue }
            let value = measure(gap.unit, minutes: minutes, days: days, after: after.date, step: step.date)
            if isMin ? value < gap.magnitude : value > gap.magnitude {
                let actual = Self.format(value, gap.unit)
                return RuleCheck(rule: rule, gap: shown, ok: false,
                                 problem: "\(label(rule.step)) must be \(isMin ? "at least" : "at most") \(gap) after "
                                     + "\(label(rule.after)); it is \(actual)")
            }
        }
        return RuleCheck(rule: rule, gap: shown, ok: true, problem: nil)
    }

    func measure(_ unit: Gap.Unit, minutes: Int, days: Int, after: LocalDate, step: LocalDate) -> Int {
        switch unit {
        case .minutes, .hours: return minutes
        case .days: return days
        case .workingDays: return calendar.workingDays(after: after, through: step)
        }
    }

    /// The gap in the units of the rule's tightest bound (`1d`, `2wd`, `45m`, `2h 30m`).
    func gapText(_ rule: SequenceRule, minutes: Int, days: Int, after: LocalDate, step: LocalDate) -> String {
        let unit = rule.max?.unit ?? rule.min?.unit ?? .days
        return Self.format(measure(unit, minutes: minutes, days: days, after: after, step: step), unit)
    }

    static func format(_ value: Int, _ unit: Gap.Unit) -> String {
        switch unit {
        case .minutes, .hours:
            if abs(value) < 60 { return "\(value)m" }
            let h = value / 60, m = abs(value % 60)
            if abs(h) >= 48 { return "\(value / 1440)d \(abs(value % 1440) / 60)h" }
            return m == 0 ? "\(h)h" : "\(h)h \(m)m"
        case .days: return "\(value)d"
        case .workingDays: return "\(value)wd"
        }
    }

    func label(_ step: String) -> String { treatment.step(step)?.label ?? step }

    func bounds(_ rule: SequenceRule) -> String {
        switch (rule.min, rule.max) {
        case let (min?, max?): return "\(min)–\(max)"
        case let (min?, nil): return "at least \(min)"
        case let (nil, max?): return "at most \(max)"
        default: return ""
        }
    }

    /// The placements of a plan.
    public static func placements(_ plan: Plan) -> [StepKey: Placement] {
        Dictionary(plan.steps.map { ($0.key, Placement(date: $0.date, start: $0.start, end: $0.end)) },
                   uniquingKeysWith: { a, _ in a })
    }
}

extension RuleChecker {
    /// Where a step occurrence is, and with whom (for the checks across cycles).
    public struct Held: Sendable, Hashable {
        public var placement: Placement
        public var clinician: String?
        public init(placement: Placement, clinician: String?) { self.placement = placement; self.clinician = clinician }
    }

    /// The checks across cycles that fail, by step: each later cycle's anchor
    /// within its window around the previous anchor + the cycle length, and a
    /// same-clinician step with the clinician its first cycle has. (The planner
    /// keeps both; a step moved by hand or an officer's override may not.)
    public func crossCycleProblems(_ held: [StepKey: Held]) -> [StepKey: RuleCheck] {
        var found: [StepKey: RuleCheck] = [:]
        if let anchor = treatment.anchor, let length = treatment.cycleLength?.value, treatment.cycles > 1 {
            let early = treatment.window?.early.value ?? 0, late = treatment.window?.late.value ?? 0
            for cycle in 2...treatment.cycles {
                let key = StepKey(cycle: cycle, step: anchor)
                guard let now = held[key]?.placement.date,
                      let before = held[StepKey(cycle: cycle - 1, step: anchor)]?.placement.date else { continue }
                let gap = now.dayNumber - before.dayNumber
                guard gap < length - early || gap > length + late else { continue }
                let rule = SequenceRule(step: anchor, after: anchor, min: Gap(length - early, .days), max: Gap(length + late, .days))
                found[key] = RuleCheck(rule: rule, gap: "\(gap)d", ok: false,
                                       problem: "\(label(anchor)) (cycle \(cycle)) must be \(length - early)–\(length + late)d after cycle "
                                           + "\(cycle - 1)'s (\(length)d cycle, \(early)d early to \(late)d late); it is \(gap)d")
            }
        }
        for step in treatment.sameClinician {
            let occurrences = held.filter { $0.key.step == step && $0.key.instance == 1 && $0.value.clinician != nil }
                .sorted { $0.key < $1.key }
            guard let first = occurrences.first, let kept = first.value.clinician else { continue }
            for (key, value) in occurrences.dropFirst() where value.clinician != kept && found[key] == nil {
                found[key] = RuleCheck(rule: SequenceRule(step: step, after: step), gap: nil, ok: false,
                                       problem: "\(label(step)) (cycle \(key.cycle)) is with \(value.clinician ?? "?"); the course keeps "
                                           + "\(kept) for it (cycle \(first.key.cycle))")
            }
        }
        return found
    }
}
