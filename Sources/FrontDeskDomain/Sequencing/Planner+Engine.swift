/// The planner's search (see `Planner`).
///
/// Every appointment step occurrence is a variable whose values are the
/// candidate slots (service, places free, preferences, the patient's other
/// appointments, the requested date and the pins already applied), sorted by
/// date and time. A depth-first search in the objective's order (cycle by
/// cycle, steps as listed, instances in order) narrows each variable's dates
/// by day-difference bounds derived from all the rules (tasks included,
/// Floyd–Warshall), checks the exact rules, overlaps and places as it goes,
/// solves a cycle's tasks when its last appointment is placed, and prunes on
/// a lower bound of visit days: the first plan it meets with v visit days is
/// the earliest one with v, so it only looks on for fewer.
///
/// When cycles cannot share a day (cycle length − early > the span of a
/// cycle around its anchor), a cycle's best plan depends only on its anchor
/// date, so the anchors are chosen by a memoised recursion over cycles
/// (the first anchor in order of closeness whose remaining cycles can still
/// be planned) and each cycle is solved once. Otherwise the whole course is
/// searched at once: anchors fixed cycle by cycle by feasibility, then one
/// branch and bound. Same-clinician steps: every choice of clinicians is
/// tried and the best plan kept.
final class PlannerEngine {
    /// Search steps allowed for one plan, over every search it runs: a course
    /// whose diary offers too many equal ways to fail (a long repeated course
    /// whose continuity cannot be met) stops here instead of running for minutes.
    static let nodeBudget = 250_000
    var nodesLeft = PlannerEngine.nodeBudget
    var stoppedEarly = false

    static let inf = 1 << 40
    static let none = Int.min

    struct Cand {
        let slot: Int
        let day: Int
        /// Minutes since 1970-01-01 00:00 (diary time).
        let start: Int
        let end: Int
        let clinician: Int
        let free: Int
    }

    struct Rule {
        let step: Int
        let after: Int
        let rule: SequenceRule
        /// The bounds as plain numbers (no allocation when checking): unit and magnitude, or nil.
        let minUnit: Gap.Unit?
        let minValue: Int
        let maxUnit: Gap.Unit?
        let maxValue: Int

        init(step: Int, after: Int, rule: SequenceRule) {
            self.step = step; self.after = after; self.rule = rule
            minUnit = rule.min?.unit; minValue = rule.min?.magnitude ?? 0
            maxUnit = rule.max?.unit; maxValue = rule.max?.magnitude ?? 0
        }
    }

    struct Var {
        let cycle: Int
        let step: Int
        let instance: Int
    }

    /// One cycle's or the whole course's solution.
    struct Solution {
        var vars: [Var]
        var cands: [Cand]
        /// Per cycle (index 1 ... C), a task step's day by step index.
        var taskDays: [Int: [Int: Int]]
        var visits: Int
        var anchors: [Int]
    }

    let request: PlanRequest
    let proto: TreatmentProtocol
    let steps: [ProtocolStep]
    let stepCount: Int
    let cycles: Int
    let anchor: Int?
    /// The step the horizon applies to in cycle 1 (the anchor, or the first appointment).
    let horizonStep: Int?
    let startDay: Int
    let horizonEnd: Int
    /// The last day a step may fall on (tasks with nothing after them, repeats).
    let lastDay: Int
    let table: PlannerDayTable
    let cycleLength: Int
    let early: Int
    let late: Int

    var rules: [Rule] = []
    var rulesOf: [[Int]] = []
    /// d[i][j]: an upper bound on day(j) − day(i) within a cycle (first instances).
    var d: [[Int]] = []
    var isAppointment: [Bool] = []
    var inPerson: [Bool] = []
    var repeatCount: [Int] = []
    var tasks: [Int] = []
    var appointmentSteps: [Int] = []
    var cands: [[Cand]] = []
    var clinicians: [String] = []
    var existingVisit: Set<Int> = []
    var sameSteps: [Int] = []
    /// (cycle, step, instance from 0) → index in cands[step], or -1 when the pinned slot is not a candidate.
    var pins: [PinKey: Int] = [:]
    var contradiction: String?
    /// The anchors chosen so far while explaining a failure.
    var carried: [Int: Int] = [:]
    /// Per choice of same-clinician clinicians: the days each step can start on (see `PlanSupport`).
    var supportCache: [[Int]: PlanSupport] = [:]
    var stepSupport: [StepSupportKey: (prefix: [Int32], has: [Bool])] = [:]
    struct StepSupportKey: Hashable { let step: Int; let clinician: Int }
    /// By position in `appointmentSteps`: the most visit days the in-person steps from there on
    /// must take on days of their own (see `buildVisitChains`).
    var chainWeight: [Int] = []
    /// Rules measured in minutes or hours (their check depends on times, not only days).
    var ruleTimed: [Bool] = []
    /// No rule with a task in it is measured in minutes or hours: the tasks depend on the days alone.
    var tasksDayOnly = true

    struct PinKey: Hashable { let cycle: Int; let step: Int; let instance: Int }

    init(_ request: PlanRequest) {
        self.request = request
        proto = request.treatment
        steps = proto.steps
        stepCount = steps.count
        cycles = max(1, proto.cycles)
        let index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        anchor = proto.anchor.flatMap { index[$0] }
        horizonStep = anchor ?? steps.firstIndex { $0.kind == .appointment }
        startDay = request.start.dayNumber
        horizonEnd = startDay + max(0, request.horizonDays)
        cycleLength = proto.cycleLength?.value ?? 0
        early = proto.window?.early.value ?? 0
        late = proto.window?.late.value ?? 0
        let slotDays = request.slots.map(\.date.dayNumber)
        let busyDays = request.busy.map(\.date.dayNumber)
        let maxDay = max(horizonEnd + cycles * (cycleLength + late + 7), slotDays.max() ?? startDay, busyDays.max() ?? startDay)
        lastDay = maxDay + 60
        let minDay = min(startDay, slotDays.min() ?? startDay, busyDays.min() ?? startDay) - 14
        table = PlannerDayTable(calendar: request.calendar, from: minDay, through: lastDay + 500)

        isAppointment = steps.map { $0.kind == .appointment }
        repeatCount = steps.map { $0.kind == .appointment ? max(1, $0.repeat?.count ?? 1) : 1 }
        inPerson = steps.map { step in
            guard step.kind == .appointment else { return false }
            return (step.service.flatMap { request.services[$0] }?.mode ?? .faceToFace) == .faceToFace
        }
        tasks = steps.indices.filter { !isAppointment[$0] }
        appointmentSteps = steps.indices.filter { isAppointment[$0] }
        rulesOf = Array(repeating: [], count: stepCount)
        for rule in proto.rules {
            guard let s = index[rule.step], let a = index[rule.after], s != a else { continue }
            rulesOf[s].append(rules.count); rulesOf[a].append(rules.count)
            rules.append(Rule(step: s, after: a, rule: rule))
        }
        sameSteps = proto.sameClinician.compactMap { index[$0] }.filter { isAppointment[$0] }
        buildBounds()
        buildCandidates()
        ruleTimed = rules.map { r in
            [r.rule.min, r.rule.max].contains { $0.map { $0.unit == .minutes || $0.unit == .hours } ?? false }
        }
        tasksDayOnly = !rules.indices.contains { ruleTimed[$0] && (!isAppointment[rules[$0].step] || !isAppointment[rules[$0].after]) }
        buildVisitChains()
    }

    // MARK: bounds between steps

    private func buildBounds() {
        let inf = Self.inf
        d = Array(repeating: Array(repeating: inf, count: stepCount), count: stepCount)
        for i in 0..<stepCount { d[i][i] = 0 }
        for r in rules {
            var lo = (!isAppointment[r.after] && isAppointment[r.step]) ? 1 : 0
            var hi = inf
            if let min = r.rule.min {
                switch min.unit {
                case .days, .workingDays: lo = max(lo, min.value)
                case .minutes, .hours: lo = max(lo, Self.ceilDiv(min.magnitude - 1440, 1440))
                }
            }
            if let maxGap = r.rule.max {
                switch maxGap.unit {
                case .days: hi = maxGap.value
                case .workingDays: hi = table.spanBound(workingDays: maxGap.value)
                case .minutes, .hours: hi = Self.floorDiv(maxGap.magnitude + 1440, 1440)
                }
            }
            d[r.after][r.step] = min(d[r.after][r.step], hi)
            d[r.step][r.after] = min(d[r.step][r.after], -lo)
        }
        for k in 0..<stepCount {
            for i in 0..<stepCount where d[i][k] < inf {
                for j in 0..<stepCount where d[k][j] < inf {
                    if d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] }
                }
            }
        }
        for i in 0..<stepCount where d[i][i] < 0 {
            contradiction = "The rules of \(proto.name) contradict one another around step '\(steps[i].label)' (\(steps[i].id)): "
                + "no dates can meet them all. The protocol needs correcting."
            return
        }
    }

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? (a + b - 1) / b : -((-a) / b) }
    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    // MARK: candidates

    private func buildCandidates() {
        var clinicianIndex: [String: Int] = [:]
        var busyByDay: [Int: [(Int, Int)]] = [:]
        for b in request.busy {
            let day = b.date.dayNumber
            busyByDay[day, default: []].append((b.start.minutes, b.end.minutes))
            if b.inPerson { existingVisit.insert(day) }
        }
        let prefs = request.preferences
        var byService: [String: [Cand]] = [:]
        var serviceSteps = Set(appointmentSteps.compactMap { steps[$0].service })
        for (i, slot) in request.slots.enumerated() where serviceSteps.contains(slot.serviceCode) {
            guard slot.open, slot.free > 0 else { continue }
            let day = slot.date.dayNumber
            guard day >= startDay, day <= lastDay, slot.start <= slot.end else { continue }
            guard prefs.isEmpty || prefs.allows(date: slot.date, start: slot.start, end: slot.end) else { continue }
            if let busy = busyByDay[day],
               busy.contains(where: { $0.0 < slot.end.minutes && slot.start.minutes < $0.1 }) {
                continue
            }
            let c: Int
            if let known = clinicianIndex[slot.clinicianCode] { c = known } else {
                c = clinicians.count; clinicianIndex[slot.clinicianCode] = c; clinicians.append(slot.clinicianCode)
            }
            byService[slot.serviceCode, default: []].append(
                Cand(slot: i, day: day, start: day * 1440 + slot.start.minutes, end: day * 1440 + slot.end.minutes,
                     clinician: c, free: slot.free))
        }
        serviceSteps.removeAll()
        for key in byService.keys {
            byService[key]!.sort {
                ($0.start, $0.end, request.slots[$0.slot].id) < ($1.start, $1.end, request.slots[$1.slot].id)
            }
        }
        cands = steps.map { step in step.kind == .appointment ? (step.service.flatMap { byService[$0] } ?? []) : [] }

        let index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (key, slotID) in request.pinned {
            guard let s = index[key.step], isAppointment[s] else { continue }
            let found = cands[s].firstIndex { request.slots[$0.slot].id == slotID } ?? -1
            pins[PinKey(cycle: key.cycle, step: s, instance: key.instance - 1)] = found
        }
    }

    /// The first index in cands[step] on or after `day`.
    @inline(__always) func lowerBound(_ step: Int, day: Int) -> Int {
        let list = cands[step]
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid].day < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func hasCandidate(_ step: Int, on day: Int) -> Bool {
        let i = lowerBound(step, day: day)
        return i < cands[step].count && cands[step][i].day == day
    }

    /// The day of a repeated step's instance `k` (from 0) when its first is on `first`.
    func instanceDay(_ step: Int, _ k: Int, first: Int) -> Int {
        guard k > 0, let every = steps[step].repeat?.every else { return first }
        return every.unit == .workingDays ? table.adding(workingDays: k * every.value, to: first) : first + k * every.value
    }

    // MARK: rules

    /// Whether a rule holds; a task is a point at the end of its day.
    func holds(_ ri: Int, afterDay: Int, afterEnd: Int, stepDay: Int, stepStart: Int) -> Bool {
        if stepStart < afterEnd { return false }
        @inline(__always) func measure(_ unit: Gap.Unit) -> Int {
            switch unit {
            case .minutes, .hours: return stepStart - afterEnd
            case .days: return stepDay - afterDay
            case .workingDays: return table.workingDays(after: afterDay, through: stepDay)
            }
        }
        if let unit = rules[ri].minUnit, measure(unit) < rules[ri].minValue { return false }
        if let unit = rules[ri].maxUnit, measure(unit) > rules[ri].maxValue { return false }
        return true
    }

    // MARK: running

    func run() -> PlanOutcome {
        if let problem = protocolProblem() { return .infeasible(problem) }
        if let contradiction { return .infeasible(PlanFailure(reason: contradiction)) }
        if let problem = staticProblem() { return .infeasible(problem) }
        var best: Solution?
        for combo in clinicianCombos() {
            guard let solution = solve(combo: combo) else { continue }
            if best == nil || better(solution, than: best!) { best = solution }
        }
        guard let best else {
            if stoppedEarly {
                return .infeasible(PlanFailure(reason: "the diary offers too many ways to try for this course: the search stopped after "
                                               + "\(PlannerEngine.nodeBudget) steps without a plan. Pin a step (--pin STEP#CYCLE=SLOT, "
                                               + "e.g. the first appointment) or choose another start date, and plan again"))
            }
            return .infeasible(explain())
        }
        var plan = makePlan(best)
        plan.complete = !stoppedEarly
        return .feasible(plan)
    }

    /// Every choice of clinician for the same-clinician steps (the pinned one when pinned).
    func clinicianCombos() -> [[Int]] {
        var combos: [[Int]] = [Array(repeating: -1, count: stepCount)]
        for s in sameSteps {
            var options = Array(Set(cands[s].map(\.clinician))).sorted { clinicians[$0] < clinicians[$1] }
            let pinned = Set(pins.filter { $0.key.step == s && $0.value >= 0 }.map { cands[s][$0.value].clinician })
            if !pinned.isEmpty { options = options.filter { pinned.contains($0) } }
            combos = combos.flatMap { combo in options.map { var c = combo; c[s] = $0; return c } }
        }
        return combos
    }

    func dueDay(cycle: Int, previousAnchor: Int?) -> Int {
        cycle == 1 ? startDay : (previousAnchor ?? startDay) + cycleLength
    }

    /// Lexicographic comparison of two course solutions.
    func better(_ a: Solution, than b: Solution) -> Bool {
        if a.anchors != b.anchors {
            for c in 0..<min(a.anchors.count, b.anchors.count) {
                let ka = anchorKey(a.anchors, c), kb = anchorKey(b.anchors, c)
                if ka != kb { return ka < kb }
            }
        }
        if a.visits != b.visits { return a.visits < b.visits }
        for i in 0..<min(a.cands.count, b.cands.count) where a.cands[i].start != b.cands[i].start {
            return a.cands[i].start < b.cands[i].start
        }
        return false
    }

    func anchorKey(_ anchors: [Int], _ c: Int) -> (Int, Int) {
        let due = c == 0 ? startDay : anchors[c - 1] + cycleLength
        return (abs(anchors[c] - due), anchors[c] > due ? 1 : 0)
    }

    /// The anchor dates to try for a cycle, best first.
    func anchorOrder(cycle: Int, previous: Int?) -> [Int] {
        if cycle == 1 { return Array(startDay...max(startDay, horizonEnd)) }
        let due = (previous ?? startDay) + cycleLength
        return Array((due - early)...(due + late)).sorted { (abs($0 - due), $0) < (abs($1 - due), $1) }
    }

    /// The widest a cycle spreads around its anchor, or nil when unbounded.
    func cycleSpan() -> (before: Int, after: Int)? {
        guard let anchor else { return nil }
        var before = 0, after = 0
        for s in appointmentSteps {
            guard d[s][anchor] < Self.inf, d[anchor][s] < Self.inf else { return nil }
            before = max(before, d[s][anchor])
            var extra = 0
            if repeatCount[s] > 1, let every = steps[s].repeat?.every {
                let n = (repeatCount[s] - 1) * every.value
                extra = every.unit == .workingDays ? n * (table.longestGap + 1) : n
            }
            after = max(after, d[anchor][s] + extra)
        }
        return (before, after)
    }

    var cyclesIndependent: Bool {
        guard anchor != nil, let span = cycleSpan() else { return false }
        return cycles == 1 || cycleLength - early > span.before + span.after
    }

    func solve(combo: [Int]) -> Solution? {
        cyclesIndependent ? solveByCycle(combo: combo) : solveWhole(combo: combo)
    }

    /// Cycles that cannot touch: a memoised recursion over anchor dates.
    func solveByCycle(combo: [Int]) -> Solution? {
        guard let anchor else { return nil }
        let pinnedCycles = Set(pins.keys.map(\.cycle))
        var feasible: [Int: Bool] = [:]
        func key(_ c: Int, _ day: Int) -> Int { (pinnedCycles.contains(c) ? c : 0) * 100_000_000 + day }
        func cycleFits(_ c: Int, _ day: Int) -> Bool {
            let k = key(c, day)
            if let known = feasible[k] { return known }
            let ok = hasCandidate(anchor, on: day)
                && PlanSearch(self, cycles: [c], fixed: [c: day], combo: combo, feasibility: true).run() != nil
            feasible[k] = ok
            return ok
        }
        var suffixMemo: [Int: [Int]?] = [:]
        func suffix(_ c: Int, previous: Int) -> [Int]? {
            if c > cycles { return [] }
            let k = c * 100_000_000 + previous
            if let known = suffixMemo[k] { return known }
            var result: [Int]?
            for day in anchorOrder(cycle: c, previous: previous) where cycleFits(c, day) {
                if let rest = suffix(c + 1, previous: day) { result = [day] + rest; break }
            }
            suffixMemo[k] = result
            return result
        }
        var anchors: [Int]?
        for day in anchorOrder(cycle: 1, previous: nil) where cycleFits(1, day) {
            if let rest = suffix(2, previous: day) { anchors = [day] + rest; break }
        }
        guard let anchors else { return nil }
        var total = Solution(vars: [], cands: [], taskDays: [:], visits: 0, anchors: anchors)
        for (i, day) in anchors.enumerated() {
            guard let part = PlanSearch(self, cycles: [i + 1], fixed: [i + 1: day], combo: combo, feasibility: false).run()
            else { return nil }
            total.vars += part.vars; total.cands += part.cands; total.visits += part.visits
            total.taskDays.merge(part.taskDays) { a, _ in a }
        }
        return total
    }

    /// Cycles that may share days: fix the anchors one by one, then one branch and bound.
    func solveWhole(combo: [Int]) -> Solution? {
        let all = Array(1...cycles)
        var fixed: [Int: Int] = [:]
        if let anchor {
            for c in all {
                var chosen: Int?
                for day in anchorOrder(cycle: c, previous: fixed[c - 1]) where hasCandidate(anchor, on: day) {
                    fixed[c] = day
                    if PlanSearch(self, cycles: all, fixed: fixed, combo: combo, feasibility: true).run() != nil {
                        chosen = day; break
                    }
                }
                guard chosen != nil else { return nil }
            }
        }
        guard var solution = PlanSearch(self, cycles: all, fixed: fixed, combo: combo, feasibility: false).run() else {
            return nil
        }
        solution.anchors = all.compactMap { fixed[$0] }
        return solution
    }

    // MARK: the plan

    func makePlan(_ s: Solution) -> Plan {
        var out: [PlannedStep] = []
        var byKey: [PinKey: Cand] = [:]
        for (v, c) in zip(s.vars, s.cands) { byKey[PinKey(cycle: v.cycle, step: v.step, instance: v.instance)] = c }
        var visitDays = Set<Int>()
        for c in 1...cycles {
            for (i, step) in steps.enumerated() {
                if isAppointment[i] {
                    for k in 0..<repeatCount[i] {
                        guard let cand = byKey[PinKey(cycle: c, step: i, instance: k)] else { continue }
                        let slot = request.slots[cand.slot]
                        out.append(PlannedStep(cycle: c, step: step.id, instance: k + 1, label: step.label, kind: .appointment,
                                               slotID: slot.id, date: slot.date, start: slot.start, end: slot.end,
                                               clinician: slot.clinicianCode, site: slot.siteCode, service: slot.serviceCode,
                                               team: nil, inPerson: inPerson[i]))
                        if inPerson[i] && !existingVisit.contains(cand.day) { visitDays.insert(cand.day) }
                    }
                } else if let day = s.taskDays[c]?[i] {
                    out.append(PlannedStep(cycle: c, step: step.id, instance: 1, label: step.label, kind: .task, slotID: nil,
                                           date: LocalDate(dayNumber: day), start: nil, end: nil, clinician: nil, site: nil,
                                           service: step.service, team: step.team, inPerson: false))
                }
            }
        }
        var planned: [PlannedCycle] = []
        for c in 1...cycles {
            if anchor != nil, s.anchors.count >= c {
                let due = c == 1 ? startDay : s.anchors[c - 2] + cycleLength
                planned.append(PlannedCycle(cycle: c, anchorDate: LocalDate(dayNumber: s.anchors[c - 1]),
                                            dueDate: LocalDate(dayNumber: due),
                                            windowFrom: LocalDate(dayNumber: c == 1 ? startDay : due - early),
                                            windowThrough: LocalDate(dayNumber: c == 1 ? horizonEnd : due + late)))
            } else {
                planned.append(PlannedCycle(cycle: c, anchorDate: nil, dueDate: c == 1 ? request.start : nil,
                                            windowFrom: nil, windowThrough: nil))
            }
        }
        return Plan(steps: out, cycles: planned, visitDates: visitDays.sorted().map { LocalDate(dayNumber: $0) })
    }
}

extension Planner {
    /// How many days after its cycle's anchor any step of the protocol can fall
    /// (repeated instances included), from the rules alone; nil when the
    /// protocol has no anchor or a step is not bounded on both sides of it.
    static func reachAfterAnchor(_ treatment: TreatmentProtocol, start: LocalDate, calendar: WorkingCalendar) -> Int? {
        let probe = PlannerEngine(PlanRequest(treatment: treatment, start: start, slots: [], calendar: calendar))
        guard probe.contradiction == nil, let span = probe.cycleSpan() else { return nil }
        return span.after
    }
}
