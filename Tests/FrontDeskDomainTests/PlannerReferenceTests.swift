import Testing
import FrontDeskDomain

/// The planner against a brute-force reference: on thousands of small random
/// diaries and protocols (fixed seed), the same objective value (or both
/// infeasible), and every plan it returns valid by an independent checker.


/// One appointment occurrence or task of a candidate plan, as the reference sees it.
struct RefStep {
    var cycle: Int
    var step: String
    var instance: Int
    var slot: Slot?
    var date: LocalDate
}

/// Validity and objective, written from the words (not from the planner).
struct PlanChecker {
    let request: PlanRequest
    var proto: TreatmentProtocol { request.treatment }
    var calendar: WorkingCalendar { request.calendar }

    func count(_ step: ProtocolStep) -> Int { step.kind == .appointment ? (step.repeat?.count ?? 1) : 1 }

    /// Absolute minutes of a step's start and end (a task: the end of its day).
    func times(_ s: RefStep) -> (Int, Int) {
        if let slot = s.slot {
            let base = slot.date.dayNumber * 1440
            return (base + slot.start.minutes, base + slot.end.minutes)
        }
        let point = (s.date.dayNumber + 1) * 1440
        return (point, point)
    }

    func ruleHolds(_ rule: SequenceRule, after a: RefStep, step s: RefStep) -> Bool {
        let (_, aEnd) = times(a), (sStart, _) = times(s)
        if sStart < aEnd { return false }
        func measure(_ g: Gap) -> (Int, Int) {
            switch g.unit {
            case .minutes: return (sStart - aEnd, g.value)
            case .hours: return (sStart - aEnd, g.value * 60)
            case .days: return (s.date.dayNumber - a.date.dayNumber, g.value)
            case .workingDays: return (calendar.workingDays(after: a.date, through: s.date), g.value)
            }
        }
        if let min = rule.min { let (v, m) = measure(min); if v < m { return false } }
        if let max = rule.max { let (v, m) = measure(max); if v > m { return false } }
        return true
    }

    func anchorDate(_ steps: [RefStep], cycle: Int) -> LocalDate? {
        guard let a = proto.anchor else { return nil }
        return steps.first { $0.cycle == cycle && $0.step == a && $0.instance == 1 }?.date
    }

    /// Every way the plan breaks the rules of the issue (empty when valid).
    func problems(_ steps: [RefStep]) -> [String] {
        var out: [String] = []
        let cycles = max(1, proto.cycles)
        var byKey: [StepKey: RefStep] = [:]
        for s in steps {
            let key = StepKey(cycle: s.cycle, step: s.step, instance: s.instance)
            if byKey[key] != nil { out.append("\(key) twice") }
            byKey[key] = s
        }
        for c in 1...cycles {
            for step in proto.steps {
                for k in 1...count(step) where byKey[StepKey(cycle: c, step: step.id, instance: k)] == nil {
                    out.append("missing \(step.id)#\(c).\(k)")
                }
            }
        }
        if !out.isEmpty { return out }
        var used: [Int64: Int] = [:]
        var clinician: [String: String] = [:]
        for s in steps {
            let step = proto.step(s.step)!
            if s.date < request.start { out.append("\(s.step)#\(s.cycle) before the start") }
            if step.kind == .task {
                if s.slot != nil { out.append("task with a slot") }
                if !calendar.isWorkingDay(s.date) { out.append("task \(s.step)#\(s.cycle) not on a working day") }
                continue
            }
            guard let slot = s.slot, let real = request.slots.first(where: { $0.id == slot.id }), real == slot else {
                out.append("\(s.step)#\(s.cycle) not in a slot of the request"); continue
            }
            if slot.serviceCode != step.service { out.append("\(s.step) in a \(slot.serviceCode) slot") }
            if !slot.open || slot.free <= 0 { out.append("\(s.step) in a slot with no place") }
            if slot.date != s.date { out.append("date differs from slot") }
            used[slot.id, default: 0] += 1
            if used[slot.id]! > slot.free { out.append("slot \(slot.id) over its free places") }
            if !request.preferences.allows(date: slot.date, start: slot.start, end: slot.end) {
                out.append("\(s.step)#\(s.cycle) against the preferences")
            }
            for b in request.busy where b.date == slot.date && b.start < slot.end && slot.start < b.end {
                out.append("\(s.step)#\(s.cycle) overlaps an existing appointment")
            }
            if proto.sameClinician.contains(s.step) {
                if let other = clinician[s.step], other != slot.clinicianCode { out.append("\(s.step) changes clinician") }
                clinician[s.step] = slot.clinicianCode
            }
            if let pinned = request.pinned[StepKey(cycle: s.cycle, step: s.step, instance: s.instance)], pinned != slot.id {
                out.append("pin of \(s.step)#\(s.cycle) not kept")
            }
            if s.instance > 1, let every = step.repeat?.every,
               let first = byKey[StepKey(cycle: s.cycle, step: s.step, instance: 1)] {
                let n = (s.instance - 1) * every.value
                let expected = every.unit == .workingDays ? calendar.adding(workingDays: n, to: first.date) : first.date.adding(days: n)
                if s.date != expected { out.append("\(s.step) instance \(s.instance) on the wrong day") }
            }
        }
        let appts = steps.filter { $0.slot != nil }
        for i in appts.indices {
            for j in appts.indices where j > i {
                let (a0, a1) = times(appts[i]), (b0, b1) = times(appts[j])
                if a0 < b1 && b0 < a1 { out.append("\(appts[i].step)#\(appts[i].cycle) overlaps \(appts[j].step)#\(appts[j].cycle)") }
            }
        }
        for c in 1...cycles {
            for rule in proto.rules {
                let a = byKey[StepKey(cycle: c, step: rule.after, instance: 1)]!
                let s = byKey[StepKey(cycle: c, step: rule.step, instance: 1)]!
                if !ruleHolds(rule, after: a, step: s) { out.append("cycle \(c): \(rule) broken") }
            }
        }
        let horizonEnd = request.start.adding(days: request.horizonDays)
        if proto.anchor != nil {
            for c in 1...cycles {
                let a = anchorDate(steps, cycle: c)!
                if c == 1 {
                    if a < request.start || a > horizonEnd { out.append("cycle 1 anchor outside the horizon") }
                } else {
                    let due = anchorDate(steps, cycle: c - 1)!.adding(days: proto.cycleLength!.value)
                    let early = proto.window?.early.value ?? 0, late = proto.window?.late.value ?? 0
                    if a < due.adding(days: -early) || a > due.adding(days: late) { out.append("cycle \(c) outside its window") }
                }
            }
        } else if let first = proto.steps.first(where: { $0.kind == .appointment }),
                  let s = byKey[StepKey(cycle: 1, step: first.id, instance: 1)], s.date > horizonEnd {
            out.append("first step beyond the horizon")
        }
        return out
    }

    /// The objective as one vector, compared lexicographically: per cycle
    /// (distance to due, late?), then visit days, then each appointment's start.
    func objective(_ steps: [RefStep]) -> [Int] {
        var v: [Int] = []
        if proto.anchor != nil {
            for c in 1...max(1, proto.cycles) {
                let a = anchorDate(steps, cycle: c)!.dayNumber
                let due = c == 1 ? request.start.dayNumber : anchorDate(steps, cycle: c - 1)!.dayNumber + proto.cycleLength!.value
                v += [abs(a - due), a > due ? 1 : 0]
            }
        }
        let existing = Set(request.busy.filter(\.inPerson).map(\.date))
        var days = Set<LocalDate>()
        for s in steps {
            guard let slot = s.slot, !existing.contains(slot.date) else { continue }
            let mode = request.services[slot.serviceCode]?.mode ?? .faceToFace
            if mode == .faceToFace { days.insert(slot.date) }
        }
        v.append(days.count)
        let order = Dictionary(proto.steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in steps.filter({ $0.slot != nil }).sorted(by: { ($0.cycle, order[$0.step]!, $0.instance) < ($1.cycle, order[$1.step]!, $1.instance) }) {
            v.append(s.slot!.date.dayNumber * 1440 + s.slot!.start.minutes)
        }
        return v
    }

    static func less(_ a: [Int], _ b: [Int]) -> Bool { a.lexicographicallyPrecedes(b) }

    func refSteps(_ plan: Plan) -> [RefStep] {
        plan.steps.map { p in
            RefStep(cycle: p.cycle, step: p.step, instance: p.instance,
                    slot: p.slotID.flatMap { id in request.slots.first { $0.id == id } }, date: p.date)
        }
    }
}

/// Enumerates every assignment of slots (and task dates) and keeps the best valid one.
struct BruteForcePlanner {
    let checker: PlanChecker
    var request: PlanRequest { checker.request }

    func best() -> [Int]? {
        let proto = request.treatment
        var vars: [(Int, ProtocolStep, Int)] = []
        for c in 1...max(1, proto.cycles) {
            for step in proto.steps where step.kind == .appointment {
                for k in 1...(step.repeat?.count ?? 1) { vars.append((c, step, k)) }
            }
        }
        let tasks = proto.steps.filter { $0.kind == .task }
        let lastDay = (request.slots.map(\.date).max() ?? request.start).adding(days: 30)
        var taskDays: [LocalDate] = []
        var day = request.start
        while day <= lastDay { if request.calendar.isWorkingDay(day) { taskDays.append(day) }; day = day.adding(days: 1) }
        var chosen: [RefStep] = []
        var best: [Int]?

        // Whether the cycle's tasks can be given working days meeting every rule.
        func tasksFit(_ cycle: Int, _ index: Int, _ placed: inout [RefStep]) -> Bool {
            if index == tasks.count { return true }
            for d in taskDays {
                placed.append(RefStep(cycle: cycle, step: tasks[index].id, instance: 1, slot: nil, date: d))
                // This cycle's rules that are decidable now.
                let ok = proto.rules.allSatisfy { rule in
                    guard let a = placed.first(where: { $0.cycle == cycle && $0.step == rule.after && $0.instance == 1 }),
                          let s = placed.first(where: { $0.cycle == cycle && $0.step == rule.step && $0.instance == 1 }) else { return true }
                    return checker.ruleHolds(rule, after: a, step: s)
                }
                if ok && tasksFit(cycle, index + 1, &placed) { return true }
                placed.removeLast()
            }
            return false
        }

        func complete() -> [RefStep]? {
            var placed = chosen
            for c in 1...max(1, proto.cycles) where !tasks.isEmpty {
                guard tasksFit(c, 0, &placed) else { return nil }
            }
            return checker.problems(placed).isEmpty ? placed : nil
        }

        func partialOK() -> Bool {
            // Every rule of the issue that the placed appointments already decide.
            let last = chosen.last!
            let slot = last.slot!
            if slot.date < request.start || !slot.open || slot.free <= 0 { return false }
            if !request.preferences.allows(date: slot.date, start: slot.start, end: slot.end) { return false }
            if request.busy.contains(where: { $0.date == slot.date && $0.start < slot.end && slot.start < $0.end }) { return false }
            if let pinned = request.pinned[StepKey(cycle: last.cycle, step: last.step, instance: last.instance)], pinned != slot.id { return false }
            // A later instance of a repeated step is on its day from the first (working days or days).
            if last.instance > 1, let every = proto.step(last.step)?.repeat?.every,
               let first = chosen.first(where: { $0.cycle == last.cycle && $0.step == last.step && $0.instance == 1 }) {
                let n = (last.instance - 1) * every.value
                let expected = every.unit == .workingDays ? request.calendar.adding(workingDays: n, to: first.date) : first.date.adding(days: n)
                if slot.date != expected { return false }
            }
            let (l0, l1) = checker.times(last)
            var used = 0
            for other in chosen.dropLast() {
                let (o0, o1) = checker.times(other)
                if l0 < o1 && o0 < l1 { return false }
                if other.slot!.id == slot.id { used += 1 }
                if other.step == last.step && proto.sameClinician.contains(last.step) && other.slot!.clinicianCode != slot.clinicianCode { return false }
                if other.cycle == last.cycle {
                    for rule in proto.rules {
                        if rule.step == last.step && rule.after == other.step && last.instance == 1 && other.instance == 1 {
                            if !checker.ruleHolds(rule, after: other, step: last) { return false }
                        }
                        if rule.after == last.step && rule.step == other.step && last.instance == 1 && other.instance == 1 {
                            if !checker.ruleHolds(rule, after: last, step: other) { return false }
                        }
                    }
                }
            }
            return used < slot.free
        }

        func go(_ i: Int) {
            if i == vars.count {
                guard let full = complete() else { return }
                let value = checker.objective(full)
                if best == nil || PlanChecker.less(value, best!) { best = value }
                return
            }
            let (c, step, k) = vars[i]
            for slot in request.slots where slot.serviceCode == step.service {
                chosen.append(RefStep(cycle: c, step: step.id, instance: k, slot: slot, date: slot.date))
                if partialOK() { go(i + 1) }
                chosen.removeLast()
            }
        }
        go(0)
        return best
    }
}

/// Small random protocols and diaries.
struct RandomCase {
    static let services: [String: Service] = [
        "a": Service(code: "a", name: "Service A", defaultMinutes: 30),
        "b": Service(code: "b", name: "Service B", defaultMinutes: 30),
        "t": Service(code: "t", name: "Telephone T", defaultMinutes: 30, mode: .telephone),
    ]

    /// With `repeats`, every protocol has a repeated step (3 or 4 instances in one
    /// cycle, 2 in each of two cycles of two steps), often the one kept with the same clinician, on a
    /// diary with slots on most days, so that the instances can fit.
    static func make(_ rng: inout SplitMix64, repeats: Bool = false) -> PlanRequest {
        func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        let cycles = repeats ? pick([1, 1, 1, 2]) : pick([1, 1, 2, 2, 3])
        let stepCount = cycles == 3 ? pick([2, 3]) : repeats ? (cycles == 2 ? 2 : pick([2, 3])) : pick([2, 3, 4])
        let repeated = repeats ? Int.random(in: 0..<stepCount, using: &rng) : -1
        var steps: [ProtocolStep] = []
        for i in 0..<stepCount {
            let isTask = i > 0 && i != repeated && chance(0.2) && !steps.contains { $0.kind == .task }
            if isTask {
                steps.append(ProtocolStep(id: "s\(i)", label: "Task \(i)", kind: .task, team: "pharmacy"))
            } else {
                let rep: StepRepeat? = i == repeated
                    ? StepRepeat(count: cycles == 1 ? pick([3, 4]) : 2, every: pick([Gap(1, .workingDays), Gap(1, .days), Gap(2, .days), Gap(2, .workingDays)]))
                    : cycles == 1 && chance(0.15) ? StepRepeat(count: 2, every: pick([Gap(1, .workingDays), Gap(1, .days), Gap(2, .days)])) : nil
                steps.append(ProtocolStep(id: "s\(i)", label: "Step \(i)", kind: .appointment, service: pick(["a", "a", "b", "t"]), repeat: rep))
            }
        }
        if !steps.contains(where: { $0.kind == .appointment }) { steps[0].kind = .appointment; steps[0].service = "a" }
        var rules: [SequenceRule] = []
        for j in 0..<stepCount {
            for i in 0..<j where chance(0.4) {
                var min: Gap? = chance(0.6) ? pick([Gap(0, .minutes), Gap(30, .minutes), Gap(2, .hours), Gap(0, .days), Gap(1, .days),
                                                    Gap(1, .workingDays), Gap(2, .workingDays)]) : nil
                var max: Gap? = chance(0.5) ? pick([Gap(60, .minutes), Gap(4, .hours), Gap(1, .days), Gap(2, .days), Gap(3, .days),
                                                    Gap(1, .workingDays), Gap(3, .workingDays)]) : nil
                if let mn = min, let mx = max, mn.unit == mx.unit || (mn.unit != .days && mn.unit != .workingDays && mx.unit != .days && mx.unit != .workingDays) {
                    let a = mn.unit == .hours ? mn.value * 60 : mn.value, b = mx.unit == .hours ? mx.value * 60 : mx.value
                    if a > b { max = nil }
                }
                if chance(0.1) { min = nil; max = nil }
                rules.append(SequenceRule(step: "s\(j)", after: "s\(i)", min: min, max: max))
            }
        }
        let appts = steps.filter { $0.kind == .appointment }.map(\.id)
        let anchor: String? = cycles > 1 || chance(0.6) ? pick(appts) : nil
        let same: [String] = repeats && chance(0.6) ? [steps[repeated].id] : chance(0.3) ? [pick(appts)] : []
        let proto = TreatmentProtocol(code: "rand", name: "Random protocol", steps: steps, rules: rules, sameClinician: same,
                                      cycles: cycles, cycleLength: cycles > 1 ? Gap(pick([1, 2, 3, 4, 5]), .days) : nil,
                                      window: cycles > 1 && chance(0.85) ? CycleWindow(early: Gap(pick([0, 1]), .days), late: Gap(pick([0, 1, 2]), .days)) : nil,
                                      anchor: anchor)
        // Starts around ordinary weeks and the Christmas bank holidays.
        let start = pick([LocalDate(year: 2026, month: 11, day: 23)!, LocalDate(year: 2026, month: 11, day: 27)!,
                          LocalDate(year: 2026, month: 12, day: 23)!, LocalDate(year: 2027, month: 3, day: 24)!])
        let span = pick([3, 5, 7, 9])
        var slots: [Slot] = []
        var id: Int64 = 1
        let times = [(9, 0), (9, 30), (10, 0), (11, 0), (14, 0)]
        for service in ["a", "b", "t"] {
            // (The random draws stay in the order the first test's 3,000 cases were made with.)
            let days: [Int] = repeats ? (-1...(span + 4)).flatMap { d in chance(0.85) ? (chance(0.25) ? [d, d] : [d]) : [] } : []
            for n in 0..<(repeats ? days.count : Int.random(in: 4...(cycles == 3 ? 5 : 7), using: &rng)) {
                let date = start.adding(days: repeats ? days[n] : Int.random(in: -1...span, using: &rng))
                let (h, m) = pick(times)
                let begin = ClockTime(hour: h, minute: m)!
                let cap = pick([1, 1, 2])
                slots.append(Slot(id: id, sessionID: id, date: date, start: begin, end: begin.adding(minutes: pick([30, 60]))!,
                                  serviceCode: service, siteCode: pick(["S1", "S2"]), clinicianCode: pick(["X", "Y"]),
                                  capacity: cap, booked: chance(0.15) ? cap : 0, open: !chance(0.05)))
                id += 1
            }
        }
        var busy: [PlanRequest.Busy] = []
        for _ in 0..<pick([0, 0, 1, 2]) {
            let (h, m) = pick(times)
            let begin = ClockTime(hour: h, minute: m)!
            busy.append(.init(date: start.adding(days: Int.random(in: 0...span, using: &rng)), start: begin,
                              end: begin.adding(minutes: 30)!, inPerson: chance(0.6)))
        }
        var prefs = BookingPreferences()
        if chance(0.2) { prefs.unavailableWeekdays = [pick(Weekday.allCases)] }
        if chance(0.1) { prefs.notBefore = ClockTime(hour: 9, minute: 30) }
        if chance(0.1) { prefs.notAfter = ClockTime(hour: 12, minute: 0) }
        if chance(0.1) {
            let from = start.adding(days: Int.random(in: 0...span, using: &rng))
            prefs.unavailableDates = [.init(from: from, through: from.adding(days: pick([0, 1, 2])))]
        }
        var pinned: [StepKey: Int64] = [:]
        if chance(0.1), let step = steps.first(where: { $0.kind == .appointment }),
           let slot = slots.filter({ $0.serviceCode == step.service }).randomElement(using: &rng) {
            pinned[StepKey(cycle: 1, step: step.id)] = slot.id
        }
        return PlanRequest(treatment: proto, start: start, horizonDays: pick([3, 5, 10, 20]), slots: slots,
                           services: services, busy: busy, preferences: prefs, pinned: pinned)
    }
}

@Suite("Planner against a brute-force reference")
struct PlannerReferenceTests {
    /// What comparing the planner with brute force on random cases found.
    struct Comparison {
        var feasible = 0, infeasible = 0, repeatedContinuity = 0
        var failures: [String] = []
    }

    /// Plans `cases` random requests both ways: the same objective every time,
    /// every plan valid, its visit days as counted, complete; infeasible only
    /// when brute force finds nothing, with a reason.
    static func compare(seed: UInt64, cases: Int, repeats: Bool) -> Comparison {
        var rng = SplitMix64(seed: seed)
        var found = Comparison()
        for n in 0..<cases {
            let request = RandomCase.make(&rng, repeats: repeats)
            let checker = PlanChecker(request: request)
            let expected = BruteForcePlanner(checker: checker).best()
            switch (Planner.plan(request), expected) {
            case (.feasible(let plan), let value?):
                found.feasible += 1
                if request.treatment.steps.contains(where: { ($0.repeat?.count ?? 1) > 2 && request.treatment.sameClinician.contains($0.id) }) {
                    found.repeatedContinuity += 1
                }
                let steps = checker.refSteps(plan)
                let problems = checker.problems(steps)
                if !problems.isEmpty { found.failures.append("case \(n): invalid plan: \(problems)") }
                let got = checker.objective(steps)
                if got != value { found.failures.append("case \(n): objective \(got), brute force \(value)") }
                if plan.visitDays != got[got.count - steps.filter { $0.slot != nil }.count - 1] {
                    found.failures.append("case \(n): visitDays \(plan.visitDays) differs from the count")
                }
                let complete = plan.complete
                if !complete { found.failures.append("case \(n): search stopped at its budget") }
            case (.infeasible(let failure), nil):
                found.infeasible += 1
                if failure.reason.isEmpty { found.failures.append("case \(n): empty reason") }
            case (.feasible(let plan), nil):
                found.failures.append("case \(n): planner found a plan, brute force none: \(checker.problems(checker.refSteps(plan)))")
            case (.infeasible(let failure), let value?):
                found.failures.append("case \(n): planner says infeasible (\(failure.reason)), brute force \(value)")
            }
            if found.failures.count > 5 { break }
        }
        return found
    }

    @Test("same objective as brute force on random cases, every plan valid")
    func matchesBruteForce() {
        let cases = 3000
        let found = Self.compare(seed: 0x5EED_2026_0006, cases: cases, repeats: false)
        print("planner reference: \(found.feasible) feasible, \(found.infeasible) infeasible of \(cases)")
        #expect(found.failures.isEmpty, "\(found.failures.prefix(5).joined(separator: "\n"))")
        // Enough of each kind for the comparison to mean something.
        #expect(found.feasible > cases / 5)
        #expect(found.infeasible > cases / 20)
    }

    @Test("same objective as brute force with repeated steps and the same clinician, every plan valid")
    func matchesBruteForceWithRepeats() {
        let cases = 1200
        let found = Self.compare(seed: 0x5EED_2026_0030, cases: cases, repeats: true)
        print("planner reference with repeats: \(found.feasible) feasible (\(found.repeatedContinuity) with a repeated same-clinician step), "
              + "\(found.infeasible) infeasible of \(cases)")
        #expect(found.failures.isEmpty, "\(found.failures.prefix(5).joined(separator: "\n"))")
        #expect(found.feasible > cases / 5)
        #expect(found.repeatedContinuity > cases / 20)
        #expect(found.infeasible > cases / 20)
    }

    @Test("the checker catches a broken plan")
    func checkerCanFail() {
        var rng = SplitMix64(seed: 42)
        var caught = 0
        for _ in 0..<300 {
            let request = RandomCase.make(&rng)
            guard case .feasible(let plan) = Planner.plan(request), let i = plan.steps.firstIndex(where: { $0.kind == .appointment }) else { continue }
            let checker = PlanChecker(request: request)
            var steps = checker.refSteps(plan)
            // Move one appointment a day earlier than the requested start: never valid.
            steps[i].date = request.start.adding(days: -1)
            if !checker.problems(steps).isEmpty { caught += 1 }
        }
        #expect(caught > 20)
    }
}
