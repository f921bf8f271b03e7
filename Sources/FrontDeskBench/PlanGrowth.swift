// Course planning growth (issue 6), in memory on the Planner itself: the demo
// centre's diary (its own session templates, two years) with a seeded random
// share of its places taken, and the example protocols with cycles changed.
// How planning time grows with cycles (6, 12, 24) and with diary fullness
// (50%, 80%, 95%). No database: `FrontDeskBench --only-plan-growth` runs it alone.
import Foundation
import FrontDeskDomain

/// The demo centre's slots of some services from `from` for `days` days, every place free.
func demoDiarySlots(services: Set<String>, from: LocalDate, days: Int) -> [Slot] {
    let centre = DemoCentre.standard(validFrom: from.adding(days: -7))
    let templates = centre.templates.filter { services.contains($0.serviceCode) }
    guard case .success(let plan) = SessionGeneration.plan(templates: templates, from: from, to: from.adding(days: days)) else {
        fatalError("the demo centre's templates do not generate")
    }
    var out: [Slot] = []
    var id: Int64 = 1
    for session in plan.sessions {
        for slot in session.slots {
            out.append(Slot(id: id, sessionID: Int64(session.templateIndex), date: session.date, start: slot.start, end: slot.end,
                            serviceCode: session.serviceCode, siteCode: session.siteCode, clinicianCode: session.clinicianCode,
                            capacity: slot.capacity, booked: 0))
            id += 1
        }
    }
    return out
}

/// The last day `SequenceService.plan` reads slots through for a protocol (its formula).
func planReach(_ p: TreatmentProtocol, from: LocalDate, horizonDays: Int) -> LocalDate {
    let late = (p.window?.late.value ?? 0) + (p.cycleLength?.value ?? 0)
    var repeatSpan = 0
    for r in p.steps.compactMap(\.repeat) {
        let days: Int = r.every.unit == .workingDays ? (r.every.value * 7 + 4) / 5 : r.every.value
        repeatSpan = max(repeatSpan, (r.count - 1) * days + 7)
    }
    return from.adding(days: horizonDays + (p.cycles - 1) * late + 14 + repeatSpan)
}

func planGrowthBenchmark(runs: Int) {
    let protocols = Dictionary(uniqueKeysWithValues: ExampleProtocols.all.map { file -> (String, TreatmentProtocol) in
        guard case .success(let p) = ProtocolParser.parse(file.yaml, services: nil, teams: nil) else { fatalError("\(file.name) does not parse") }
        return (p.code, p)
    })
    let today = CentreTime.today(Date())
    let services = Set(protocols.values.flatMap { $0.steps.compactMap(\.service) })
    let built = bookingNow()
    let all = demoDiarySlots(services: services, from: today, days: 730)
    let serviceInfo = Dictionary(DemoCentre.standard(validFrom: today).services.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    print("\ncourse planning growth (Planner.plan in memory on the demo centre's diary: \(all.count) slots of \(services.sorted().joined(separator: ", ")) "
          + String(format: "over two years, built in %.1f s", bookingNow() - built) + "; each place taken with the given chance (seeded), "
          + "\(runs) random start dates 0–14 days ahead; the slots passed are those SequenceService.plan would read)")
    print("(\"any\": the review by any oncologist, no continuity)")
    print("protocol            cycles  full   free slots   p50 ms  p95 ms  max ms  feasible  complete  visit days (avg)")

    func measure(_ p: TreatmentProtocol, full: Double, label: String) {
        var random = BenchRandom(state: 0x6_0000 + UInt64(full * 100) * 31 + UInt64(p.cycles))
        let slots = all.map { slot -> Slot in
            var s = slot
            s.booked = (0..<slot.capacity).filter { _ in Double(random.below(1_000_000)) < full * 1_000_000 }.count
            return s
        }.filter { $0.free > 0 }
        var times: [Double] = []
        var feasible = 0, complete = 0, visits = 0, offered = 0
        for _ in 0..<runs {
            let start = today.adding(days: random.below(15))
            let through = planReach(p, from: start, horizonDays: PlanRequest.defaultHorizonDays)
            let mine = slots.filter { $0.date >= start && $0.date <= through }
            offered += mine.count
            let request = PlanRequest(treatment: p, start: start, slots: mine, services: serviceInfo)
            let begin = bookingNow()
            let outcome = Planner.plan(request)
            times.append(bookingNow() - begin)
            if let plan = outcome.plan {
                feasible += 1; visits += plan.visitDays
                if plan.complete { complete += 1 }
            }
        }
        times.sort()
        print(label.padding(toLength: 19, withPad: " ", startingAt: 0) + String(format: " %6d  %3.0f%%  %11d", p.cycles, full * 100, offered / max(1, runs))
              + "  " + msText(bookingPercentile(times, 0.5)) + "  " + msText(bookingPercentile(times, 0.95)) + "  " + msText(times.last ?? 0)
              + String(format: "  %4d/%-4d %4d/%-4d  %.1f", feasible, runs, complete, runs, feasible > 0 ? Double(visits) / Double(feasible) : 0))
    }

    let sact = protocols["sact_21x6"]!
    for continuity in [true, false] {
        for cycles in [6, 12, 24] {
            for full in [0.5, 0.8, 0.95] {
                var p = sact
                p.cycles = cycles
                if !continuity { p.sameClinician = [] }
                measure(p, full: full, label: "sact_21x\(cycles)" + (continuity ? "" : " any"))
            }
        }
    }
    for full in [0.5, 0.8, 0.95] { measure(protocols["radical_rt_30"]!, full: full, label: "radical_rt_30") }
    for full in [0.5, 0.8, 0.95] { measure(protocols["new_patient"]!, full: full, label: "new_patient") }
}
