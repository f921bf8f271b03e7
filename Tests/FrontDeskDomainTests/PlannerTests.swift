import Foundation
import Testing
import FrontDeskDomain

/// The planner on the example protocols with small hand-built diaries.
@Suite("Planner: example protocols")
struct PlannerTests {
    static func proto(_ file: ExampleProtocols.File) -> TreatmentProtocol {
        guard case .success(let p) = ProtocolParser.parse(file.yaml, services: nil, teams: nil) else { fatalError("example does not parse") }
        return p
    }
    static let services = Dictionary(Service.examples.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })

    /// Slots of `service` on every working day from `from` for `days` days, at the given times.
    static func diary(_ service: String, from: LocalDate, days: Int, times: [(Int, Int)], minutes: Int,
                      clinician: (LocalDate) -> String = { _ in "C1" }, firstID: Int64,
                      skip: (LocalDate) -> Bool = { _ in false }) -> [Slot] {
        var out: [Slot] = []
        var id = firstID
        let calendar = WorkingCalendar()
        for n in 0..<days {
            let date = from.adding(days: n)
            guard calendar.isWorkingDay(date), !skip(date) else { continue }
            for (h, m) in times {
                let start = ClockTime(hour: h, minute: m)!
                out.append(Slot(id: id, sessionID: id, date: date, start: start, end: start.adding(minutes: minutes)!,
                                serviceCode: service, siteCode: "MAIN", clinicianCode: clinician(date), capacity: 1, booked: 0))
                id += 1
            }
        }
        return out
    }

    static let monday = LocalDate(year: 2026, month: 11, day: 23)!

    static func sactDiary(skipChemo: (LocalDate) -> Bool = { _ in false }) -> [Slot] {
        diary("phlebotomy", from: monday, days: 200, times: [(8, 30), (9, 0)], minutes: 10, firstID: 1)
            + diary("onc_fu", from: monday, days: 200, times: [(11, 0), (14, 0)], minutes: 20,
                    clinician: { $0.weekday == .tuesday ? "DR_B" : "DR_A" }, firstID: 10_000)
            + diary("sact_chair", from: monday, days: 200, times: [(10, 0), (13, 0)], minutes: 120, firstID: 20_000, skip: skipChemo)
    }

    static func request(_ p: TreatmentProtocol, slots: [Slot], start: LocalDate = monday, prefs: BookingPreferences = .none,
                        pinned: [StepKey: Int64] = [:], busy: [PlanRequest.Busy] = []) -> PlanRequest {
        PlanRequest(treatment: p, start: start, slots: slots, services: services, busy: busy, preferences: prefs, pinned: pinned)
    }

    func plan(_ r: PlanRequest) throws -> Plan {
        let outcome = Planner.plan(r)
        let plan = try #require(outcome.plan, "infeasible: \(outcome.failure?.reason ?? "")")
        let problems = PlanChecker(request: r).problems(PlanChecker(request: r).refSteps(plan))
        #expect(problems.isEmpty, "\(problems)")
        return plan
    }

    @Test("SACT 21-day × 6: every gap right, anchors on their due dates, two visit days a cycle")
    func sactGaps() throws {
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles), slots: Self.sactDiary())
        let p = try plan(r)
        #expect(p.steps.count == 24)
        // Cycle 1: bloods and review on the start date, chemo the next day.
        #expect(p.step("bloods")?.date == Self.monday)
        #expect(p.step("review")?.date == Self.monday)
        #expect(p.step("chemo")?.date == Self.monday.adding(days: 1))
        for c in 1...6 {
            let bloods = try #require(p.step("bloods", cycle: c)), review = try #require(p.step("review", cycle: c))
            let chemo = try #require(p.step("chemo", cycle: c))
            let gap = chemo.date.dayNumber - bloods.date.dayNumber
            #expect((1...3).contains(gap))
            #expect(review.start!.minutes - bloods.end!.minutes >= 120 || review.date > bloods.date)
            #expect(p.cycles[c - 1].anchorDate == chemo.date)
            if c > 1 {
                let due = p.step("chemo", cycle: c - 1)!.date.adding(days: 21)
                #expect(p.cycles[c - 1].dueDate == due)
                // Due dates fall on a Tuesday here, a working day with chairs free: exactly on time.
                #expect(chemo.date == due)
            }
        }
        #expect(p.visitDays == 12)
    }

    @Test("pharmacy screening on the latest working day its rule allows")
    func pharmacyLatest() throws {
        // No chair on Tuesdays: cycle 1 chemo is Wed 25 Nov, screening Tue 24 Nov.
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles),
                             slots: Self.sactDiary(skipChemo: { $0.weekday == .tuesday }))
        let p = try plan(r)
        let chemo = try #require(p.step("chemo"))
        #expect(chemo.date == LocalDate(year: 2026, month: 11, day: 25))
        #expect(p.step("screen")?.date == LocalDate(year: 2026, month: 11, day: 24))
        #expect(p.step("screen")?.slotID == nil)
        // A Monday chemo has its screening the Friday before.
        for c in 1...6 {
            let chemo = p.step("chemo", cycle: c)!, screen = p.step("screen", cycle: c)!
            #expect(WorkingCalendar().workingDays(after: screen.date, through: chemo.date) == 1)
        }
    }

    @Test("continuity: the same consultant for the review in every cycle")
    func continuity() throws {
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles), slots: Self.sactDiary())
        let p = try plan(r)
        let clinicians = Set(p.steps.filter { $0.step == "review" }.compactMap(\.clinician))
        #expect(clinicians.count == 1)
    }

    @Test("a preference is honoured: no Mondays moves cycle 1")
    func preference() throws {
        let prefs = BookingPreferences(unavailableWeekdays: [.monday], notBefore: ClockTime(hour: 9, minute: 0))
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles), slots: Self.sactDiary(), prefs: prefs)
        let p = try plan(r)
        #expect(p.steps.allSatisfy { $0.kind == .task || $0.date.weekday != .monday })
        #expect(p.steps.allSatisfy { $0.start.map { $0 >= ClockTime(hour: 9, minute: 0)! } ?? true })
        #expect(p.step("chemo")?.date == LocalDate(year: 2026, month: 11, day: 25))
    }

    @Test("a pinned step is kept, and the rest planned around it")
    func pinned() throws {
        let slots = Self.sactDiary()
        let later = try #require(slots.first { $0.serviceCode == "phlebotomy" && $0.date == LocalDate(year: 2026, month: 11, day: 26) })
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles), slots: slots, pinned: [StepKey(cycle: 1, step: "bloods"): later.id])
        let p = try plan(r)
        #expect(p.step("bloods")?.slotID == later.id)
        #expect(p.step("chemo")?.date == LocalDate(year: 2026, month: 11, day: 27))
    }

    @Test("the cycle window is respected, and a missing chair explained with the first date it would fit")
    func windowInfeasible() throws {
        // Cycle 1 chemo Tue 24 Nov; cycle 2 due Tue 15 Dec, window 13–18 Dec. No chairs 11–20 Dec.
        let gapFrom = LocalDate(year: 2026, month: 12, day: 11)!, gapTo = LocalDate(year: 2026, month: 12, day: 20)!
        let slots = Self.sactDiary(skipChemo: { $0 >= gapFrom && $0 <= gapTo })
        let chair = try #require(slots.first { $0.serviceCode == "sact_chair" && $0.date == LocalDate(year: 2026, month: 11, day: 24) })
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles), slots: slots, pinned: [StepKey(cycle: 1, step: "chemo"): chair.id])
        let outcome = Planner.plan(r)
        let failure = try #require(outcome.failure)
        #expect(failure.reason.contains("Cycle 2"), "\(failure.reason)")
        #expect(failure.firstFit == LocalDate(year: 2026, month: 12, day: 21), "\(failure.reason)")
        #expect(failure.step == StepKey(cycle: 2, step: "chemo"))

        // A window wide enough for the gap: the anchor moves as little as it can.
        var wide = Self.proto(ExampleProtocols.sactCycles)
        wide.window = CycleWindow(early: Gap(2, .days), late: Gap(6, .days))
        let p = try plan(Self.request(wide, slots: slots, pinned: [StepKey(cycle: 1, step: "chemo"): chair.id]))
        #expect(p.step("chemo", cycle: 2)?.date == LocalDate(year: 2026, month: 12, day: 21))
    }

    @Test("infeasible: no slot at all is explained by step and service")
    func noSlots() throws {
        let slots = Self.sactDiary().filter { $0.serviceCode != "onc_fu" }
        let failure = try #require(Planner.plan(Self.request(Self.proto(ExampleProtocols.sactCycles), slots: slots)).failure)
        #expect(failure.reason.contains("review"))
        #expect(failure.reason.contains("onc_fu"))
    }

    @Test("an existing appointment day is not an extra trip, and is not double-booked")
    func existingAppointment() throws {
        let busy = [PlanRequest.Busy(date: Self.monday, start: ClockTime(hour: 8, minute: 30)!, end: ClockTime(hour: 8, minute: 40)!)]
        let p = try plan(Self.request(Self.proto(ExampleProtocols.sactCycles), slots: Self.sactDiary(), busy: busy))
        #expect(p.step("bloods")?.start == ClockTime(hour: 9, minute: 0))
        #expect(p.visitDays == 11)
    }

    @Test("radiotherapy: 30 fractions on consecutive working days, weekly review with one consultant")
    func radiotherapy() throws {
        let m = Self.monday
        let slots = Self.diary("mould_room", from: m, days: 60, times: [(9, 0)], minutes: 45, firstID: 1)
            + Self.diary("rt_planning_ct", from: m, days: 60, times: [(10, 0)], minutes: 30, firstID: 1000)
            + Self.diary("rt_treatment", from: m, days: 120, times: [(9, 0), (12, 0)], minutes: 15, firstID: 2000)
            + Self.diary("rt_review", from: m, days: 120, times: [(12, 30), (15, 0)], minutes: 20,
                         clinician: { _ in "DR_R" }, firstID: 5000)
        var services = Self.services
        services["rt_review"] = Service(code: "rt_review", name: "RT review", defaultMinutes: 20, attendance: .followUp)
        var r = Self.request(Self.proto(ExampleProtocols.radicalRadiotherapy), slots: slots)
        r.services = services
        let p = try plan(r)
        let fractions = p.steps.filter { $0.step == "fraction" }.map(\.date)
        #expect(fractions.count == 30)
        let calendar = WorkingCalendar()
        for (a, b) in zip(fractions, fractions.dropFirst()) { #expect(calendar.adding(workingDays: 1, to: a) == b) }
        #expect(Set(p.steps.filter { $0.step == "review" }.compactMap(\.clinician)).count == 1)
        // Reviews on fraction days: 30 fraction days, mould and CT.
        #expect(p.visitDays == 32)
        let ct = p.step("ct")!.date
        #expect((7...14).contains(calendar.workingDays(after: ct, through: fractions[0])))
    }

    @Test("new patient: the key worker straight after the consultant, results after the MDT")
    func newPatient() throws {
        let m = Self.monday
        let slots = Self.diary("onc_new", from: m, days: 40, times: [(9, 0)], minutes: 40, firstID: 1)
            + Self.diary("cns", from: m, days: 40, times: [(9, 40), (11, 0)], minutes: 30, firstID: 1000)
            + Self.diary("phlebotomy", from: m, days: 40, times: [(10, 30)], minutes: 10, firstID: 2000)
            + Self.diary("onc_fu", from: m, days: 40, times: [(14, 0)], minutes: 20, firstID: 3000)
        let p = try plan(Self.request(Self.proto(ExampleProtocols.newPatient), slots: slots))
        #expect(p.step("keyworker")?.start == ClockTime(hour: 9, minute: 40))
        #expect(p.step("bloods")?.date == m)
        // MDT (a task) on the latest working day that still leaves the results clinic a working day later.
        let mdt = p.step("mdt")!.date, results = p.step("results")!.date
        #expect(WorkingCalendar().workingDays(after: mdt, through: results) == 1)
        #expect(p.visitDays == 2)
    }

    @Test("SACT × 6 with continuity on a diary of a few thousand free slots: a complete plan (times are in the bench)")
    func speed() throws {
        let m = Self.monday
        let slots = Self.diary("phlebotomy", from: m, days: 240, times: (0..<8).map { (8 + $0 / 2, ($0 % 2) * 30) }, minutes: 10, firstID: 1)
            + Self.diary("onc_fu", from: m, days: 240, times: [(9, 0), (10, 0), (11, 0), (14, 0)], minutes: 20,
                         clinician: { ["DR_A", "DR_B", "DR_C"][$0.dayNumber % 3] }, firstID: 100_000)
            + Self.diary("sact_chair", from: m, days: 240, times: [(9, 0), (10, 0), (13, 0), (14, 0)], minutes: 120, firstID: 200_000)
        #expect(slots.count > 2500)
        let r = Self.request(Self.proto(ExampleProtocols.sactCycles), slots: slots)
        let clock = ContinuousClock()
        var outcome: PlanOutcome?
        let elapsed = clock.measure { outcome = Planner.plan(r) }
        print("planner: SACT × 6 on \(slots.count) slots in \(elapsed)")
        let p = try #require(outcome?.plan)
        #expect(p.steps.count == 24)
        let complete = p.complete
        #expect(complete)
    }
}
