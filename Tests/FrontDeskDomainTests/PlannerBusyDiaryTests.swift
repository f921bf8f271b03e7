import Foundation
import Testing
@testable import FrontDeskDomain

/// The planner on the demo centre's own diary shape (its session templates),
/// with places taken as the demo fills them: most near-term places gone.
enum BusyDemoDiary {
    static let monday = LocalDate(year: 2026, month: 11, day: 23)!

    /// Free slots of `services` from `today` for `days` days; a place is taken
    /// with the demo's fill level for its service and distance (seeded).
    static func slots(services: Set<String>, today: LocalDate = monday, days: Int, seed: UInt64 = 6,
                      extraFill: Double = 0) -> [Slot] {
        let centre = DemoCentre.standard(validFrom: today.adding(days: -7))
        let fill = DemoCentreBookings(centre: centre, patientIDs: Array(1...5_000), today: today, now: Date(),
                                      user: "test", seed: seed)
        let templates = centre.templates.filter { services.contains($0.serviceCode) }
        guard case .success(let plan) = SessionGeneration.plan(templates: templates, from: today, to: today.adding(days: days))
        else { fatalError("demo templates do not generate") }
        var rng = SplitMix64(seed: seed)
        var out: [Slot] = []
        var id: Int64 = 1
        for session in plan.sessions {
            let level = min(1, fill.fillLevel(service: session.serviceCode, daysAhead: session.date.dayNumber - today.dayNumber) + extraFill)
            for slot in session.slots {
                let booked = (0..<slot.capacity).filter { _ in Double.random(in: 0..<1, using: &rng) < level }.count
                out.append(Slot(id: id, sessionID: Int64(session.templateIndex), date: session.date, start: slot.start, end: slot.end,
                                serviceCode: session.serviceCode, siteCode: session.siteCode, clinicianCode: session.clinicianCode,
                                capacity: slot.capacity, booked: booked))
                id += 1
            }
        }
        return out.filter { $0.free > 0 }
    }
}

@Suite("Planner on a busy demo diary")
struct PlannerBusyDiaryTests {
    static let radiotherapy = PlannerTests.proto(ExampleProtocols.radicalRadiotherapy)
    static let rtServices: Set<String> = ["mould_room", "rt_planning_ct", "rt_treatment", "rt_review"]

    @Test("radiotherapy, 30 fractions and a weekly review with one radiographer: a complete plan, every rule kept")
    func radiotherapyBusy() throws {
        let slots = BusyDemoDiary.slots(services: Self.rtServices, days: 280)
        let services = Dictionary(DemoCentre.standard(validFrom: BusyDemoDiary.monday).services.map { ($0.code, $0) },
                                  uniquingKeysWith: { a, _ in a })
        let request = PlanRequest(treatment: Self.radiotherapy, start: BusyDemoDiary.monday, slots: slots, services: services)
        let clock = ContinuousClock()
        var outcome: PlanOutcome?
        let elapsed = clock.measure { outcome = Planner.plan(request) }
        print("planner: radiotherapy on \(slots.count) free demo slots in \(elapsed)")
        let plan = try #require(outcome?.plan, "\(outcome?.failure?.reason ?? "")")
        let complete = plan.complete
        #expect(complete)
        let checker = PlanChecker(request: request)
        let problems = checker.problems(checker.refSteps(plan))
        #expect(problems.isEmpty, "\(problems)")
        let reviewers = Set(plan.steps.filter { $0.step == "review" }.compactMap(\.clinician))
        #expect(reviewers.count == 1)
        #expect(plan.steps.filter { $0.step == "fraction" }.count == 30)
    }
}

/// `SequenceService.plan` first plans with cycle 1's anchor in the first weeks and
/// only the slots those plans can reach; the same answer as the whole horizon.
@Suite("Planner: a short first window gives the whole horizon's plan")
struct PlannerFirstWindowTests {
    @Test("SACT × 6 on a busy demo diary: the plan from the short read equals the plan from the full read")
    func shortWindowSamePlan() throws {
        let sact = PlannerTests.proto(ExampleProtocols.sactCycles)
        let all = BusyDemoDiary.slots(services: ["phlebotomy", "onc_fu", "sact_chair"], days: 340, seed: 21)
        let after = try #require(Planner.reachAfterAnchor(sact, start: BusyDemoDiary.monday, calendar: WorkingCalendar()))
        #expect(after == 0)   // every SACT step is on or before its chemotherapy
        var short = 0, late = 0
        for (n, offset) in stride(from: 0, to: 60, by: 6).enumerated() {
            let start = BusyDemoDiary.monday.adding(days: offset)
            // Every other start: no chair free for five weeks, so the short read finds nothing.
            let slots = n % 2 == 0 ? all : all.filter { $0.serviceCode != "sact_chair" || $0.date > start.adding(days: 35) }
            let near = start.adding(days: SequenceService.firstWindow + 5 * 24 + after)
            let full = Planner.plan(PlanRequest(treatment: sact, start: start, slots: slots.filter { $0.date >= start }))
            let first = Planner.plan(PlanRequest(treatment: sact, start: start, horizonDays: SequenceService.firstWindow,
                                                 slots: slots.filter { $0.date >= start && $0.date <= near }))
            let whole = try #require(full.plan)
            if let quick = first.plan {
                short += 1
                #expect(quick.steps == whole.steps, "start \(start.display)")
                #expect(quick.visitDates == whole.visitDates)
                #expect(quick.cycles.dropFirst() == whole.cycles.dropFirst())
            } else {
                // Nothing in the first weeks: the whole horizon's anchor is later than them.
                late += 1
                let anchor = try #require(whole.cycles.first?.anchorDate)
                #expect(anchor > start.adding(days: SequenceService.firstWindow))
            }
        }
        #expect(short >= 4)
        #expect(late >= 4)
    }
}

/// `SequenceService.plan` first reads only the first free slot at each time of a
/// service (of each clinician, for a step kept with one clinician): the same plan.
@Suite("Planner: the first free slot at each time gives the same plan")
struct PlannerFirstAtEachTimeTests {
    static func firstAtEachTime(_ slots: [Slot], byClinician: Set<String>) -> [Slot] {
        var lowest: [String: Slot] = [:]
        for slot in slots {
            let key = "\(slot.serviceCode) \(slot.date.iso) \(slot.start.display) \(slot.end.display)"
                + (byClinician.contains(slot.serviceCode) ? " \(slot.clinicianCode)" : "")
            if let known = lowest[key], known.id < slot.id { continue }
            lowest[key] = slot
        }
        return Array(lowest.values).shuffled(using: &generator)
    }
    nonisolated(unsafe) static var generator = SplitMix64(seed: 77)

    @Test("radiotherapy, SACT × 6 and a new patient on busy demo diaries: the same plan from the first slot at each time as from all")
    func samePlan() throws {
        let services = Dictionary(DemoCentre.standard(validFrom: BusyDemoDiary.monday).services.map { ($0.code, $0) },
                                  uniquingKeysWith: { a, _ in a })
        let cases: [(ExampleProtocols.File, Set<String>, Set<String>)] = [
            (ExampleProtocols.radicalRadiotherapy, ["mould_room", "rt_planning_ct", "rt_treatment", "rt_review"], ["rt_review"]),
            (ExampleProtocols.sactCycles, ["phlebotomy", "onc_fu", "sact_chair"], ["onc_fu"]),
            (ExampleProtocols.newPatient, ["onc_new", "cns", "phlebotomy", "onc_fu"], []),
        ]
        var fewer = 0
        for (file, codes, byClinician) in cases {
            let p = PlannerTests.proto(file)
            for (n, offset) in [0, 9].enumerated() {
                let start = BusyDemoDiary.monday.adding(days: offset)
                let all = BusyDemoDiary.slots(services: codes, days: 280, seed: UInt64(40 + n)).filter { $0.date >= start }
                // A patient with an appointment in the first week (some slots clash with it).
                let busy = [PlanRequest.Busy(date: start.adding(days: 3), start: ClockTime(hour: 9, minute: 0)!, end: ClockTime(hour: 11, minute: 0)!)]
                let first = Self.firstAtEachTime(all, byClinician: byClinician)
                if first.count < all.count / 2 { fewer += 1 }
                let full = Planner.plan(PlanRequest(treatment: p, start: start, slots: all, services: services, busy: busy))
                let quick = Planner.plan(PlanRequest(treatment: p, start: start, slots: first, services: services, busy: busy))
                let whole = try #require(full.plan, "\(p.code) from \(start.display): \(full.failure?.reason ?? "")")
                let cheap = try #require(quick.plan)
                #expect(cheap.steps == whole.steps, "\(p.code) from \(start.display)")
                #expect(cheap.visitDates == whole.visitDates)
                #expect(cheap.complete && whole.complete)
            }
        }
        // The demo diary has many slots at each time (linacs, chairs, phlebotomists).
        #expect(fewer >= 4)
    }
}
