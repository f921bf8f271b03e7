/// The planner's depth-first search, and what it knows before it starts.
///
/// Why a long repeated course (radiotherapy: 30 fractions, a weekly review
/// with one radiographer) used to thrash: once the first fraction was placed,
/// the search placed the other 29 one by one, each in the first of dozens of
/// free slots that day, before finding that no review could follow; it then
/// tried every other slot of the 30th fraction, the 29th, … — all failing for
/// the same reason. Three things stop that, none of which changes the answer:
///
/// - *Compound values* (`PlanSupport`): a repeated step's first instance only
///   takes a day from which every instance day has a free slot (of the
///   continuity clinician), worked out once per clinician choice, and every
///   unplaced step is checked after each placement against the days its
///   range still allows (forward checking, O(1) per step by prefix counts).
/// - *Conflict-directed backjumping*: every failure carries the variables it
///   depends on, split into those whose *day* mattered and those whose exact
///   slot mattered. A variable that a subtree's failure does not mention is
///   jumped over; a variable whose day alone mattered skips its other slots
///   that day (they would fail for the same reason).
/// - *A stronger visit bound*: steps the rules keep on different days (mould
///   before CT before the fractions) must each bring days of their own, so
///   the branch and bound proves a 32-day radiotherapy plan optimal at once.
///
/// Both reasons a failure can have are sound explanations (the failure
/// repeats for any assignment that agrees on them), and the bound only ever
/// tightens, so the first plan met with v visit days is still the earliest
/// with v, exactly as before.
struct PlanSupport {
    /// The first day the tables cover (the request's start).
    let base: Int
    /// prefix[s][i]: days base ..< base + i on which step s can start (its first
    /// instance: a candidate of the chosen clinician, and for a repeated step one
    /// on every instance day as well).
    let prefix: [[Int32]]
    /// hasDay[s][i]: a candidate of step s (chosen clinician) on day base + i.
    let hasDay: [[Bool]]

    /// Days from lo through hi on which step s can start.
    func count(_ s: Int, _ lo: Int, _ hi: Int) -> Int {
        let p = prefix[s]
        let a = max(lo - base, 0), b = min(hi - base + 1, p.count - 1)
        return b > a ? Int(p[b] - p[a]) : 0
    }

    func canStart(_ s: Int, on day: Int) -> Bool {
        let i = day - base, p = prefix[s]
        return i >= 0 && i + 1 < p.count && p[i + 1] > p[i]
    }
}

extension PlannerEngine {
    /// The days each step can start on for one choice of same-clinician clinicians (cached).
    func support(_ combo: [Int]) -> PlanSupport {
        if let known = supportCache[combo] { return known }
        var prefix: [[Int32]] = Array(repeating: [0], count: stepCount)
        var hasDay: [[Bool]] = Array(repeating: [], count: stepCount)
        for s in appointmentSteps {
            // Steps with no clinician chosen are the same for every choice: worked out once.
            let key = StepSupportKey(step: s, clinician: combo[s])
            let table = stepSupport[key] ?? stepSupportTable(s, clinician: combo[s])
            stepSupport[key] = table
            prefix[s] = table.prefix
            hasDay[s] = table.has
        }
        let made = PlanSupport(base: startDay, prefix: prefix, hasDay: hasDay)
        supportCache[combo] = made
        return made
    }

    private func stepSupportTable(_ s: Int, clinician: Int) -> (prefix: [Int32], has: [Bool]) {
        let base = startDay, days = max(0, lastDay - startDay + 1)
        var has = Array(repeating: false, count: days)
        for c in cands[s] where clinician < 0 || c.clinician == clinician {
            let i = c.day - base
            if i >= 0 && i < days { has[i] = true }
        }
        var p = [Int32](repeating: 0, count: days + 1)
        for i in 0..<days {
            var ok = has[i]
            if ok && repeatCount[s] > 1 {
                for k in 1..<repeatCount[s] {
                    let j = instanceDay(s, k, first: base + i) - base
                    if j >= days || !has[j] { ok = false; break }
                }
            }
            p[i + 1] = p[i] + (ok ? 1 : 0)
        }
        return (p, has)
    }

    /// For each position in `appointmentSteps`, the largest number of visit days
    /// that in-person steps from that position on must take on days that are
    /// all different: a set of steps any two of which the rules keep on
    /// different days (day(b) − day(a) ≤ d[a][b] < 0), a repeated step counting
    /// its instances (all on or after its first) when every other step of the
    /// set is before its first.
    func buildVisitChains() {
        let n = appointmentSteps.count
        chainWeight = Array(repeating: 0, count: n + 1)
        func weight(_ s: Int) -> Int {
            guard repeatCount[s] > 1, let every = steps[s].repeat?.every, every.value > 0 else { return 1 }
            return repeatCount[s]
        }
        func apart(_ a: Int, _ b: Int) -> Bool {
            let ra = repeatCount[a] > 1, rb = repeatCount[b] > 1
            if ra && rb { return false }
            if ra { return d[a][b] < 0 }          // b strictly before a's first instance
            if rb { return d[b][a] < 0 }
            return d[a][b] < 0 || d[b][a] < 0
        }
        for pos in stride(from: n - 1, through: 0, by: -1) {
            let pool = Array(appointmentSteps[pos...].filter { inPerson[$0] }.prefix(14))
            var best = 0
            for mask in 1..<(1 << pool.count) {
                var w = 0, ok = true
                for i in pool.indices where mask & (1 << i) != 0 {
                    for j in pool.indices where j > i && mask & (1 << j) != 0 && !apart(pool[i], pool[j]) { ok = false; break }
                    if !ok { break }
                    w += weight(pool[i])
                }
                if ok { best = max(best, w) }
            }
            chainWeight[pos] = best
        }
    }
}

/// A set of variables (by index), copied by value: four words inline (256
/// variables, every course so far), more on the heap only beyond that.
struct VarSet {
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0
    var more: [UInt64]?
    init(_ count: Int) { if count > 256 { more = Array(repeating: 0, count: (count - 256 + 63) / 64) } }
    @inline(__always) mutating func insert(_ i: Int) {
        let bit: UInt64 = 1 << UInt64(i & 63)
        switch i >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        case 3: w3 |= bit
        default: more![(i >> 6) - 4] |= bit
        }
    }
    @inline(__always) mutating func remove(_ i: Int) {
        let bit: UInt64 = ~(1 << UInt64(i & 63))
        switch i >> 6 {
        case 0: w0 &= bit
        case 1: w1 &= bit
        case 2: w2 &= bit
        case 3: w3 &= bit
        default: more![(i >> 6) - 4] &= bit
        }
    }
    @inline(__always) func contains(_ i: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(i & 63)
        switch i >> 6 {
        case 0: return w0 & bit != 0
        case 1: return w1 & bit != 0
        case 2: return w2 & bit != 0
        case 3: return w3 & bit != 0
        default: return more![(i >> 6) - 4] & bit != 0
        }
    }
    mutating func formUnion(_ o: VarSet) {
        w0 |= o.w0; w1 |= o.w1; w2 |= o.w2; w3 |= o.w3
        if let theirs = o.more { for i in theirs.indices { more![i] |= theirs[i] } }
    }
}

/// Why a subtree has no (better) plan: the variables whose day it depends on,
/// and those whose exact slot it depends on.
struct Conflict {
    var day: VarSet
    var slot: VarSet
    init(_ count: Int) { day = VarSet(count); slot = VarSet(count) }
    func contains(_ v: Int) -> Bool { day.contains(v) || slot.contains(v) }
    mutating func formUnion(_ o: Conflict) { day.formUnion(o.day); slot.formUnion(o.slot) }
    mutating func remove(_ v: Int) { day.remove(v); slot.remove(v) }
}

/// One depth-first search over the appointment occurrences of some cycles.
final class PlanSearch {
    typealias Cand = PlannerEngine.Cand
    let e: PlannerEngine
    let vars: [PlannerEngine.Var]
    let scope: [Int]
    let fixed: [Int: Int]
    let combo: [Int]
    let feasibility: Bool
    let support: PlanSupport
    /// varOf[cycle][step]: the variable of the step's first occurrence, or -1.
    var varOf: [Int: [Int]] = [:]
    var lastVarOfCycle: [Int: Int] = [:]
    /// By variable: its position in `appointmentSteps`.
    let position: [Int]
    var chosen: [Int]
    var cand: [Cand?]
    var fixedDay: [Int]
    var dayCount: [Int: Int] = [:]
    var newDays = 0
    var anchorDay: [Int: Int] = [:]
    var taskDays: [Int: [Int: Int]] = [:]
    var best: PlannerEngine.Solution?
    var nodes = 0

    init(_ e: PlannerEngine, cycles: [Int], fixed: [Int: Int], combo: [Int], feasibility: Bool) {
        self.e = e; self.scope = cycles; self.fixed = fixed; self.combo = combo; self.feasibility = feasibility
        var vars: [PlannerEngine.Var] = []
        var position: [Int] = []
        for c in cycles {
            var of = Array(repeating: -1, count: e.stepCount)
            for (p, s) in e.appointmentSteps.enumerated() {
                of[s] = vars.count
                for k in 0..<e.repeatCount[s] { vars.append(.init(cycle: c, step: s, instance: k)); position.append(p) }
            }
            varOf[c] = of
            lastVarOfCycle[c] = vars.count - 1
        }
        self.vars = vars
        self.position = position
        chosen = Array(repeating: -1, count: vars.count)
        cand = Array(repeating: nil, count: vars.count)
        fixedDay = Array(repeating: PlannerEngine.none, count: vars.count)
        support = e.support(combo)
    }

    func run() -> PlannerEngine.Solution? {
        // Cycles with no appointment at all: their tasks alone.
        for c in scope where e.appointmentSteps.isEmpty {
            guard let t = solveTasks(c) else { return nil }
            taskDays[c] = t
        }
        // A step with no day to start on at all fails every branch: say so at once.
        if forwardFailure(from: 0) != nil { return nil }
        _ = dfs(0)
        return best
    }

    /// The anchor's possible days in a cycle.
    func anchorRange(_ c: Int) -> (Int, Int)? {
        guard e.anchor != nil else { return nil }
        if let day = fixed[c] { return (day, day) }
        if c == 1 { return (e.startDay, e.horizonEnd) }
        guard let previous = anchorDay[c - 1] else { return nil }
        return (previous + e.cycleLength - e.early, previous + e.cycleLength + e.late)
    }

    /// The days a first occurrence may take given what is placed (before `limit`).
    func range(_ v: Int, limit: Int) -> (Int, Int) {
        let x = vars[v]
        if x.instance > 0 { let day = fixedDay[v]; return (day, day) }
        let s = x.step, inf = PlannerEngine.inf
        var lo = e.startDay, hi = e.lastDay
        if let anchor = e.anchor, let (aLo, aHi) = anchorRange(x.cycle) {
            if e.d[s][anchor] < inf { lo = max(lo, aLo - e.d[s][anchor]) }
            if e.d[anchor][s] < inf { hi = min(hi, aHi + e.d[anchor][s]) }
        }
        if let of = varOf[x.cycle] {
            for t in e.appointmentSteps where t != s {
                let u = of[t]
                guard u >= 0, u < limit, let placed = cand[u] else { continue }
                if e.d[s][t] < inf { lo = max(lo, placed.day - e.d[s][t]) }
                if e.d[t][s] < inf { hi = min(hi, placed.day + e.d[t][s]) }
            }
            // A rule in working days after a placed step, exactly (the bounds above
            // allow for the longest run of days off, e.g. Christmas).
            for ri in e.rulesOf[s] where e.rules[ri].step == s && e.isAppointment[e.rules[ri].after] {
                let u = of[e.rules[ri].after]
                guard u >= 0, u < limit, let placed = cand[u] else { continue }
                if e.rules[ri].minUnit == .workingDays {
                    lo = max(lo, e.table.adding(workingDays: e.rules[ri].minValue, to: placed.day))
                }
                if e.rules[ri].maxUnit == .workingDays {
                    hi = min(hi, e.table.adding(workingDays: e.rules[ri].maxValue + 1, to: placed.day) - 1)
                }
            }
        }
        if x.cycle == 1, s == e.horizonStep { hi = min(hi, e.horizonEnd) }
        return (lo, hi)
    }

    /// The placed variables (before `limit`) whose days `range(v, limit:)` depends on.
    func rangeReasons(_ v: Int, limit: Int, into conflict: inout Conflict) {
        let x = vars[v]
        if x.instance > 0 { conflict.day.insert(v - x.instance); return }
        let s = x.step, inf = PlannerEngine.inf
        if let anchor = e.anchor, x.cycle > 1, fixed[x.cycle] == nil, anchorDay[x.cycle - 1] != nil,
           e.d[s][anchor] < inf || e.d[anchor][s] < inf,
           let of = varOf[x.cycle - 1], of[anchor] >= 0, of[anchor] < limit {
            conflict.day.insert(of[anchor])
        }
        if let of = varOf[x.cycle] {
            for t in e.appointmentSteps where t != s {
                let u = of[t]
                guard u >= 0, u < limit, cand[u] != nil, e.d[s][t] < inf || e.d[t][s] < inf else { continue }
                conflict.day.insert(u)
            }
        }
    }

    /// Every variable before `v` (and `v` itself when `including`), by day or by slot.
    func everything(_ v: Int, including: Bool, bySlot: Bool) -> Conflict {
        var c = Conflict(vars.count)
        for u in 0..<(including ? v + 1 : v) { if bySlot { c.slot.insert(u) } else { c.day.insert(u) } }
        return c
    }

    /// Returns why the subtree below the variables placed so far holds no plan
    /// (better than the best so far): only variables before `v`.
    func dfs(_ v: Int) -> Conflict {
        if v == vars.count {
            best = PlannerEngine.Solution(vars: vars, cands: cand.map { $0! }, taskDays: taskDays, visits: newDays, anchors: [])
            return everything(v, including: false, bySlot: true)
        }
        nodes += 1
        if e.nodesLeft <= 0 { e.stoppedEarly = true; return everything(v, including: false, bySlot: true) }
        e.nodesLeft -= 1
        let x = vars[v], s = x.step
        var conflict = Conflict(vars.count)
        let (lo, hi) = range(v, limit: v)
        rangeReasons(v, limit: v, into: &conflict)
        guard lo <= hi else { return conflict }
        let list = e.cands[s]
        let pinned = e.pins[.init(cycle: x.cycle, step: s, instance: x.instance)]
        if let pinned, pinned < 0 { return conflict }
        var i = pinned ?? e.lowerBound(s, day: lo)
        let end = pinned.map { $0 + 1 } ?? list.count
        var skipDay = PlannerEngine.none
        while i < end {
            let ci = i
            i += 1
            let c = list[ci]
            if c.day > hi { break }
            if c.day < lo || c.day == skipDay { continue }
            if combo[s] >= 0 && c.clinician != combo[s] { continue }
            if x.instance == 0 && !support.canStart(s, on: c.day) { continue }
            if let why = misfit(v, c) { conflict.formUnion(why); continue }
            place(v, c, ci)
            var sub: Conflict?
            if v == lastVarOfCycle[x.cycle] ?? -1 {
                if let t = solveTasks(x.cycle) { taskDays[x.cycle] = t } else { sub = taskConflict(x.cycle, through: v) }
            }
            if sub == nil { sub = forwardFailure(from: v + 1) }
            if sub == nil, !feasibility, let best, newDays + lowerBoundExtra(from: v + 1) >= best.visits {
                sub = everything(v, including: true, bySlot: false)
            }
            let why = sub ?? dfs(v + 1)
            unplace(v, c)
            if feasibility && best != nil { return everything(v, including: false, bySlot: true) }
            // Not about v at all: no other slot of v can help.
            if !why.contains(v) { return why }
            // About v's day only: its other slots that day fail the same way.
            if !why.slot.contains(v) { skipDay = c.day }
            conflict.formUnion(why)
        }
        conflict.remove(v)
        return conflict
    }

    /// Why no later variable can be placed any more, or nil when each still has a
    /// day (first occurrences: a day in range it can start on; instances whose day
    /// is set: a free slot that day that overlaps nothing placed).
    func forwardFailure(from next: Int) -> Conflict? {
        guard next < vars.count else { return nil }
        for u in next..<vars.count {
            let x = vars[u]
            if x.instance > 0 {
                let day = fixedDay[u]
                guard day != PlannerEngine.none else { continue }
                var why = Conflict(vars.count)
                why.day.insert(u - x.instance)
                let list = e.cands[x.step]
                var found = false
                if let pinned = e.pins[.init(cycle: x.cycle, step: x.step, instance: x.instance)] {
                    found = pinned >= 0 && list[pinned].day == day
                } else if support.hasDay[x.step].indices.contains(day - support.base), support.hasDay[x.step][day - support.base] {
                    var i = e.lowerBound(x.step, day: day)
                    scan: while i < list.count, list[i].day == day {
                        let c = list[i]
                        i += 1
                        if combo[x.step] >= 0 && c.clinician != combo[x.step] { continue }
                        for w in 0..<next {
                            guard let p = cand[w] else { continue }
                            if c.start < p.end && p.start < c.end { why.slot.insert(w); continue scan }
                        }
                        found = true
                        break
                    }
                }
                if !found { return why }
            } else {
                let (lo, hi) = range(u, limit: next)
                let ok: Bool
                if lo > hi {
                    ok = false
                } else if let pinned = e.pins[.init(cycle: x.cycle, step: x.step, instance: 0)] {
                    ok = pinned >= 0 && (lo...hi).contains(e.cands[x.step][pinned].day)
                } else {
                    ok = support.count(x.step, lo, hi) > 0
                }
                if !ok {
                    var why = Conflict(vars.count)
                    rangeReasons(u, limit: next, into: &why)
                    return why
                }
            }
        }
        return nil
    }

    /// Why candidate `c` cannot go to `v` (places, overlaps, the exact rules with
    /// what is already placed), or nil when it fits.
    func misfit(_ v: Int, _ c: Cand) -> Conflict? {
        let x = vars[v]
        // The exact rules first: they reject most candidates a range lets through.
        if x.instance == 0, let of = varOf[x.cycle] {
            for ri in e.rulesOf[x.step] {
                let isStep = e.rules[ri].step == x.step
                let other = isStep ? e.rules[ri].after : e.rules[ri].step
                let u = of[other]
                guard u >= 0, u < v, let p = cand[u] else { continue }
                let ok = isStep
                    ? e.holds(ri, afterDay: p.day, afterEnd: p.end, stepDay: c.day, stepStart: c.start)
                    : e.holds(ri, afterDay: c.day, afterEnd: c.end, stepDay: p.day, stepStart: p.start)
                if !ok {
                    // On different days a rule in days or working days is decided by the days alone.
                    var why = Conflict(vars.count)
                    if e.ruleTimed[ri] || p.day == c.day { why.slot.insert(u) } else { why.day.insert(u) }
                    return why
                }
            }
        }
        var used = 0
        for u in 0..<v {
            let p = cand[u]!
            if p.slot == c.slot { used += 1 }
            if c.start < p.end && p.start < c.end {
                var why = Conflict(vars.count); why.slot.insert(u); return why
            }
        }
        if used >= c.free {
            var why = Conflict(vars.count)
            for u in 0..<v where cand[u]!.slot == c.slot { why.slot.insert(u) }
            return why
        }
        return nil
    }

    /// Why a cycle's tasks found no days: its placed appointments (by day when no
    /// rule with a task is in minutes or hours).
    func taskConflict(_ c: Int, through v: Int) -> Conflict {
        var why = Conflict(vars.count)
        guard let of = varOf[c] else { return everything(v, including: true, bySlot: true) }
        for s in e.appointmentSteps {
            let u = of[s]
            guard u >= 0, u <= v, cand[u] != nil else { continue }
            if e.tasksDayOnly { why.day.insert(u) } else { why.slot.insert(u) }
        }
        return why
    }

    func place(_ v: Int, _ c: Cand, _ ci: Int) {
        let x = vars[v]
        cand[v] = c; chosen[v] = ci
        if x.instance == 0 {
            for k in 1..<max(1, e.repeatCount[x.step]) { fixedDay[v + k] = e.instanceDay(x.step, k, first: c.day) }
            if x.step == e.anchor { anchorDay[x.cycle] = c.day }
        }
        if e.inPerson[x.step] {
            let n = dayCount[c.day, default: 0]
            dayCount[c.day] = n + 1
            if n == 0 && !e.existingVisit.contains(c.day) { newDays += 1 }
        }
    }

    func unplace(_ v: Int, _ c: Cand) {
        let x = vars[v]
        cand[v] = nil; chosen[v] = -1
        if x.instance == 0 {
            for k in 1..<max(1, e.repeatCount[x.step]) { fixedDay[v + k] = PlannerEngine.none }
            if x.step == e.anchor { anchorDay[x.cycle] = nil }
        }
        if e.inPerson[x.step] {
            let n = dayCount[c.day]!
            if n == 1 { dayCount[c.day] = nil; if !e.existingVisit.contains(c.day) { newDays -= 1 } }
            else { dayCount[c.day] = n - 1 }
        }
    }

    /// New visit days that the variables from `next` on must still add (a lower bound).
    func lowerBoundExtra(from next: Int) -> Int {
        guard next < vars.count else { return 0 }
        var added: [Int] = []
        func taken(_ day: Int) -> Bool { dayCount[day] != nil || e.existingVisit.contains(day) || added.contains(day) }
        for u in next..<vars.count where vars[u].instance > 0 && e.inPerson[vars[u].step] {
            let day = fixedDay[u]
            if day != PlannerEngine.none && !taken(day) { added.append(day) }
        }
        var extra = added.count
        let cycle = vars[next].cycle
        var windowLo = Int.max, windowHi = Int.min
        var oneMore = false
        for u in next..<vars.count where vars[u].cycle == cycle && vars[u].instance == 0 && e.inPerson[vars[u].step] {
            let (lo, hi) = range(u, limit: next)
            if hi < lo { return extra + 1 }
            windowLo = min(windowLo, lo)
            windowHi = max(windowHi, e.instanceDay(vars[u].step, e.repeatCount[vars[u].step] - 1, first: hi))
            if oneMore || hi - lo > 62 { continue }
            if !(lo...hi).contains(where: taken) { oneMore = true }
        }
        if oneMore { extra += 1 }
        // Steps kept on different days bring that many days, less the days the
        // patient comes in already (or will for what is placed) in their reach.
        let chain = e.chainWeight[position[next] + (vars[next].instance > 0 ? 1 : 0)]
        if chain > extra, windowLo <= windowHi {
            var already = 0
            for day in dayCount.keys where day >= windowLo && day <= windowHi { already += 1 }
            for day in e.existingVisit where day >= windowLo && day <= windowHi && dayCount[day] == nil { already += 1 }
            extra = max(extra, chain - already)
        }
        return extra
    }

    /// The cycle's tasks, each on the latest working day its rules allow
    /// (the earliest when nothing bounds it from above), in listed order.
    func solveTasks(_ c: Int) -> [Int: Int]? {
        guard !e.tasks.isEmpty else { return [:] }
        var days: [Int: Int] = [:]
        let of = varOf[c] ?? Array(repeating: -1, count: e.stepCount)
        let inf = PlannerEngine.inf
        func place(_ i: Int) -> Bool {
            if i == e.tasks.count { return true }
            let t = e.tasks[i]
            var lo = e.startDay, hi = e.lastDay
            var boundedAbove = false
            for j in 0..<e.stepCount where j != t {
                let day: Int
                if e.isAppointment[j] {
                    guard of[j] >= 0, let p = cand[of[j]] else { continue }
                    day = p.day
                    if e.d[j][t] < inf { boundedAbove = true }
                } else {
                    guard let known = days[j] else {
                        if e.d[j][t] < inf && (0..<e.stepCount).contains(where: { e.isAppointment[$0] && e.d[$0][j] < inf }) {
                            boundedAbove = true
                        }
                        continue
                    }
                    day = known
                    if e.d[j][t] < inf { boundedAbove = true }
                }
                if e.d[t][j] < inf { lo = max(lo, day - e.d[t][j]) }
                if e.d[j][t] < inf { hi = min(hi, day + e.d[j][t]) }
            }
            guard lo <= hi else { return false }
            let order: StrideThrough<Int> = boundedAbove ? stride(from: hi, through: lo, by: -1) : stride(from: lo, through: hi, by: 1)
            for day in order where e.table.isWorking(day) {
                if !taskFits(t, day, days: days, of: of) { continue }
                days[t] = day
                if place(i + 1) { return true }
                days[t] = nil
            }
            return false
        }
        return place(0) ? days : nil
    }

    func taskFits(_ t: Int, _ day: Int, days: [Int: Int], of: [Int]) -> Bool {
        let point = (day + 1) * 1440
        for ri in e.rulesOf[t] {
            let isStep = e.rules[ri].step == t
            let other = isStep ? e.rules[ri].after : e.rules[ri].step
            var oDay = 0, oStart = 0, oEnd = 0
            if e.isAppointment[other] {
                guard of[other] >= 0, let p = cand[of[other]] else { continue }
                oDay = p.day; oStart = p.start; oEnd = p.end
            } else {
                guard let known = days[other] else { continue }
                oDay = known; oStart = (known + 1) * 1440; oEnd = oStart
            }
            let ok = isStep
                ? e.holds(ri, afterDay: oDay, afterEnd: oEnd, stepDay: day, stepStart: point)
                : e.holds(ri, afterDay: day, afterEnd: point, stepDay: oDay, stepStart: oStart)
            if !ok { return false }
        }
        return true
    }
}
