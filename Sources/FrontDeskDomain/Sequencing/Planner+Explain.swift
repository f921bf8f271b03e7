/// Why a plan cannot be made, in a clerk's words: which step, which rule or
/// window, and what would make it possible.
extension PlannerEngine {
    func when(_ day: Int) -> String {
        let date = LocalDate(dayNumber: day)
        return "\(date.weekday.short.capitalized) \(date.display)"
    }

    func stepName(_ s: Int) -> String { "\(steps[s].label) (\(steps[s].id))" }

    /// A protocol that cannot be planned at all.
    func protocolProblem() -> PlanFailure? {
        if steps.isEmpty { return PlanFailure(reason: "The protocol \(proto.code) has no steps.") }
        if cycles > 1 && anchor == nil {
            return PlanFailure(reason: "The protocol \(proto.code) repeats (\(cycles) cycles) but names no anchor step to date the cycles by.")
        }
        if cycles > 1 && proto.cycleLength == nil {
            return PlanFailure(reason: "The protocol \(proto.code) repeats (\(cycles) cycles) but has no cycle length.")
        }
        for s in appointmentSteps where steps[s].service == nil {
            return PlanFailure(reason: "Step \(stepName(s)) is an appointment with no service to book.",
                               step: StepKey(cycle: 1, step: steps[s].id))
        }
        return nil
    }

    /// Pins that cannot be kept, and steps with no slot at all.
    func staticProblem() -> PlanFailure? {
        let index = Dictionary(steps.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (key, slotID) in request.pinned.sorted(by: { $0.key < $1.key }) {
            guard let s = index[key.step] else {
                return PlanFailure(reason: "The pinned step '\(key.step)' is not a step of \(proto.name).", step: key)
            }
            guard isAppointment[s] else {
                return PlanFailure(reason: "\(stepName(s)) is a task: only an appointment can be pinned to a slot.", step: key)
            }
            guard (1...cycles).contains(key.cycle), (1...repeatCount[s]).contains(key.instance) else {
                return PlanFailure(reason: "There is no \(key) in \(proto.name) (\(cycles) cycle(s), \(repeatCount[s]) of \(steps[s].id) each).",
                                   step: key)
            }
            guard let found = pins[PinKey(cycle: key.cycle, step: s, instance: key.instance - 1)], found < 0 else { continue }
            return PlanFailure(reason: "\(stepName(s)) in cycle \(key.cycle) is pinned to slot \(slotID), which "
                               + pinnedSlotWhyNot(slotID, step: s) + ". Unpin it or choose another slot.", step: key)
        }
        for s in appointmentSteps where cands[s].isEmpty {
            let service = steps[s].service ?? "?"
            let all = request.slots.filter { $0.serviceCode == service && $0.open && $0.free > 0 && $0.date >= request.start }
            var reason = "There is no free \(serviceName(service)) slot from \(request.start.display) for \(stepName(s))"
            if all.isEmpty {
                reason += ": the diary needs more \(service) sessions."
            } else {
                reason += " that the patient can attend: the \(all.count) free slot(s) clash with the patient's preferences or other appointments."
            }
            return PlanFailure(reason: reason, step: StepKey(cycle: 1, step: steps[s].id))
        }
        return nil
    }

    func serviceName(_ code: String) -> String { request.services[code].map { "\($0.name) (\(code))" } ?? code }

    func pinnedSlotWhyNot(_ id: Int64, step s: Int) -> String {
        guard let slot = request.slots.first(where: { $0.id == id }) else { return "is not among the free slots offered" }
        if slot.serviceCode != steps[s].service { return "is a \(slot.serviceCode) slot, not \(steps[s].service ?? "?")" }
        if !slot.open { return "is in a cancelled session" }
        if slot.free <= 0 { return "is full" }
        if slot.date < request.start { return "is before the requested start \(request.start.display)" }
        if !request.preferences.allows(date: slot.date, start: slot.start, end: slot.end) {
            return "is at a time the patient has said they cannot come (\(slot.whenText))"
        }
        return "clashes with another of the patient's appointments (\(slot.whenText))"
    }

    /// An engine for the same request with one change.
    func variant(_ change: (inout PlanRequest) -> Void) -> PlannerEngine {
        var r = request
        change(&r)
        return PlannerEngine(r)
    }

    func feasible(_ engine: PlannerEngine) -> Bool {
        guard engine.contradiction == nil else { return false }
        return engine.clinicianCombos().contains { engine.solve(combo: $0) != nil }
    }

    /// Called when no plan exists.
    func explain() -> PlanFailure {
        let noContinuity = Array(repeating: -1, count: stepCount)
        if !sameSteps.isEmpty, solve(combo: noContinuity) != nil {
            let names = sameSteps.map { stepName($0) }.joined(separator: ", ")
            return PlanFailure(reason: "No clinician can hold \(names) in every cycle with the free slots there are; "
                               + "the course would fit with a change of clinician (override continuity), or with more sessions of that clinician.")
        }
        if let anchor {
            // Walk the cycles, each at its first date that fits on its own.
            var previous: Int?
            for c in 1...cycles {
                let order = anchorOrder(cycle: c, previous: previous)
                let fits = { (day: Int) -> Bool in
                    self.hasCandidate(anchor, on: day)
                        && PlanSearch(self, cycles: self.cyclesIndependent ? [c] : Array(1...c),
                                      fixed: self.fixedUpTo(c, previous: previous, day: day),
                                      combo: noContinuity, feasibility: true).run() != nil
                }
                if let day = order.first(where: fits) { previous = day; carried[c] = day; continue }
                let due = dueDay(cycle: c, previousAnchor: previous)
                let windowText = c == 1
                    ? "from the requested date \(when(startDay)) to the end of the \(request.horizonDays)-day horizon (\(when(horizonEnd)))"
                    : "in its window \(when(due - early)) to \(when(due + late)) around the due date \(when(due))"
                var reason = "Cycle \(c): no date for \(stepName(anchor)) \(windowText) lets every step of the cycle fit."
                let key = StepKey(cycle: c, step: steps[anchor].id)
                if let why = ruleThatBlocks(cycle: c, previous: previous, day: c == 1 ? startDay : due) {
                    reason += " " + why
                }
                let later = ((order.last ?? due) + 1)...(max((order.last ?? due) + 1, (order.last ?? due) + 120))
                if let first = later.first(where: fits) {
                    reason += " The first date it would fit is \(when(first))"
                    reason += c == 1 ? " (beyond the horizon)." : " (\(first - due) days after the due date: a window override)."
                    return PlanFailure(reason: reason, step: key, firstFit: LocalDate(dayNumber: first))
                }
                return PlanFailure(reason: reason + " Nothing fits in the four months after it either: the diary needs more sessions.", step: key)
            }
        }
        if let why = ruleThatBlocks(cycle: 1, previous: nil, day: nil) {
            return PlanFailure(reason: "No plan for \(proto.name) fits the diary from \(when(startDay)). " + why)
        }
        if let h = horizonStep {
            let wider = variant { $0.horizonDays = max($0.horizonDays, 1) * 2 + 120 }
            if feasible(wider), case .feasible(let plan) = wider.run(),
               let first = plan.steps.first(where: { $0.step == steps[h].id && $0.cycle == 1 }) {
                return PlanFailure(reason: "No plan for \(proto.name) fits within the \(request.horizonDays)-day horizon (to \(when(horizonEnd))). "
                                   + "The first date \(stepName(h)) would fit is \(when(first.date.dayNumber)).",
                                   step: StepKey(cycle: 1, step: steps[h].id), firstFit: first.date)
            }
        }
        return PlanFailure(reason: "No plan for \(proto.name) fits the diary from \(when(startDay)): the free slots, the rules and the "
                           + "patient's preferences and appointments cannot all be met. More sessions of "
                           + appointmentSteps.compactMap { steps[$0].service }.joined(separator: ", ") + " would be needed.")
    }

    /// The anchors to fix when checking cycle `c` on `day` (only that cycle when cycles are independent).
    func fixedUpTo(_ c: Int, previous: Int?, day: Int) -> [Int: Int] {
        var fixed: [Int: Int] = [c: day]
        if !cyclesIndependent { for k in 1..<c { if let d = carried[k] { fixed[k] = d } } }
        return fixed
    }

    /// "It would fit if the rule … were overridden", when dropping one rule makes the cycle fit.
    func ruleThatBlocks(cycle c: Int, previous: Int?, day: Int?) -> String? {
        for (i, rule) in proto.rules.enumerated() {
            let relaxed = variant { $0.treatment.rules.remove(at: i) }
            let ok: Bool
            if let day, let anchor = relaxed.anchor {
                ok = relaxed.contradiction == nil && relaxed.hasCandidate(anchor, on: day)
                    && PlanSearch(relaxed, cycles: [c], fixed: [c: day], combo: Array(repeating: -1, count: stepCount),
                                  feasibility: true).run() != nil
            } else {
                ok = feasible(relaxed)
            }
            if ok {
                return "It would fit" + (day.map { " on \(when($0))" } ?? "") + " if the rule '\(rule)' were overridden for this cycle."
            }
        }
        for s in appointmentSteps {
            if let day, let anchor, d[s][anchor] < Self.inf, d[anchor][s] < Self.inf {
                let lo = day - d[s][anchor], hi = day + d[anchor][s]
                if !(lo...max(lo, hi)).contains(where: { hasCandidate(s, on: $0) }) {
                    return "There is no free \(serviceName(steps[s].service ?? "?")) slot the patient can attend between "
                        + "\(when(lo)) and \(when(hi)) for \(stepName(s))."
                }
            }
        }
        return nil
    }
}
