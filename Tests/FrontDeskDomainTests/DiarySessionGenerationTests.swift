import Testing
@testable import FrontDeskDomain

private func plan(_ templates: [SessionTemplate], _ from: LocalDate, _ to: LocalDate,
                  closures: [String: Set<LocalDate>] = [:],
                  sourceLocation: SourceLocation = #_sourceLocation) -> SessionPlan {
    switch SessionGeneration.plan(templates: templates, from: from, to: to, closures: closures) {
    case .success(let plan): return plan
    case .failure(let error):
        Issue.record("expected a plan, got \(error)", sourceLocation: sourceLocation)
        return SessionPlan(sessions: [], skipped: [])
    }
}

private func skips(_ plan: SessionPlan) -> [(LocalDate, SkipReason)] { plan.skipped.map { ($0.date, $0.reason) } }

@Suite("Diary: session generation")
struct DiarySessionGenerationTests {
    @Test("Christmas and New Year 2026-27: Mon/Wed/Fri, with the Boxing Day substitute on Monday 28 December")
    func christmas() {
        let result = plan([diaryMorningClinic(id: 7)], ymd(2026, 12, 21), ymd(2027, 1, 8))
        #expect(result.sessions.map(\.date) == [ymd(2026, 12, 21), ymd(2026, 12, 23), ymd(2026, 12, 30),
                                                ymd(2027, 1, 4), ymd(2027, 1, 6), ymd(2027, 1, 8)])
        #expect(result.skipped == [
            SkippedSession(date: ymd(2026, 12, 25), templateIndex: 0, templateID: 7, siteCode: "main", reason: .bankHoliday),
            SkippedSession(date: ymd(2026, 12, 28), templateIndex: 0, templateID: 7, siteCode: "main", reason: .bankHoliday),
            SkippedSession(date: ymd(2027, 1, 1), templateIndex: 0, templateID: 7, siteCode: "main", reason: .bankHoliday),
        ])
        #expect(result.sessions.allSatisfy { $0.templateID == 7 && $0.templateIndex == 0 })
        #expect(SkipReason.bankHoliday.summary == "bank holiday")
    }

    @Test("Easter 2027: Good Friday 26 March and Easter Monday 29 March")
    func easter() {
        let result = plan([diaryMorningClinic()], ymd(2027, 3, 22), ymd(2027, 4, 2))
        #expect(result.sessions.map(\.date) == [ymd(2027, 3, 22), ymd(2027, 3, 24), ymd(2027, 3, 31), ymd(2027, 4, 2)])
        #expect(skips(result).map(\.0) == [ymd(2027, 3, 26), ymd(2027, 3, 29)])
        #expect(skips(result).allSatisfy { $0.1 == .bankHoliday })
    }

    @Test("a site closure skips only that site's sessions")
    func siteClosure() {
        let main = diaryMorningClinic(site: "main", clinician: "dr_patel")
        let hub = diaryMorningClinic(site: "hub-north", clinician: "dr_okafor")
        let closed = ymd(2027, 1, 6)
        let result = plan([main, hub], ymd(2027, 1, 4), ymd(2027, 1, 8), closures: ["main": [closed], "elsewhere": [ymd(2027, 1, 4)]])
        #expect(result.sessions.filter { $0.siteCode == "main" }.map(\.date) == [ymd(2027, 1, 4), ymd(2027, 1, 8)])
        #expect(result.sessions.filter { $0.siteCode == "hub-north" }.map(\.date) == [ymd(2027, 1, 4), ymd(2027, 1, 6), ymd(2027, 1, 8)])
        #expect(result.skipped == [SkippedSession(date: closed, templateIndex: 0, templateID: nil, siteCode: "main", reason: .siteClosure)])
    }

    @Test("a closure on a bank holiday is reported as the bank holiday; closure keys are codes in any case")
    func closureAndHoliday() {
        let result = plan([diaryMorningClinic(site: "main")], ymd(2027, 3, 24), ymd(2027, 3, 29),
                          closures: ["MAIN ": [ymd(2027, 3, 26), ymd(2027, 3, 24)]])
        #expect(skips(result).map(\.0) == [ymd(2027, 3, 24), ymd(2027, 3, 26), ymd(2027, 3, 29)])
        #expect(skips(result).map(\.1) == [.siteClosure, .bankHoliday, .bankHoliday])
        #expect(result.sessions.isEmpty)
    }

    @Test("validity windows are honoured, inclusive at both ends", arguments: [
        (ymd(2027, 1, 6), Optional(ymd(2027, 1, 13)), [ymd(2027, 1, 6), ymd(2027, 1, 8), ymd(2027, 1, 11), ymd(2027, 1, 13)]),
        (ymd(2027, 1, 7), Optional(ymd(2027, 1, 12)), [ymd(2027, 1, 8), ymd(2027, 1, 11)]),
        (ymd(2027, 1, 13), nil, [ymd(2027, 1, 13), ymd(2027, 1, 15)]),
        (ymd(2026, 1, 1), Optional(ymd(2027, 1, 4)), [ymd(2027, 1, 4)]),
        (ymd(2027, 2, 1), nil, []),
        (ymd(2026, 1, 1), Optional(ymd(2027, 1, 3)), []),
    ])
    func validity(from: LocalDate, to: LocalDate?, dates: [LocalDate]) {
        let result = plan([diaryMorningClinic(from: from, to: to)], ymd(2027, 1, 4), ymd(2027, 1, 15))
        #expect(result.sessions.map(\.date) == dates)
        #expect(result.skipped.isEmpty)     // days outside validity are not "skipped": the template never asked for them
    }

    @Test("09:00 to 12:30 in 15-minute slots of 2 patients: 14 slots of capacity 2")
    func slots() throws {
        let result = plan([diaryMorningClinic(capacity: 2)], ymd(2027, 1, 4), ymd(2027, 1, 4))
        let session = try #require(result.sessions.first)
        #expect(result.sessions.count == 1)
        #expect(session.start == ClockTime.parse("09:00") && session.end == ClockTime.parse("12:30"))
        #expect(session.slots.count == 14)
        #expect(session.slots.allSatisfy { $0.capacity == 2 })
        #expect(session.capacity == 28)
        #expect(session.slots.map(\.start.display).prefix(3) == ["09:00", "09:15", "09:30"])
        #expect(session.slots.last?.end == session.end)
        #expect((session.siteCode, session.serviceCode, session.clinicianCode) == ("main", "onc_fu", "dr_patel"))
    }

    @Test("days the clocks change keep local wall-clock times; weekend templates run at weekends")
    func clockChangeDays() {
        // Sunday 28 March 2027 (clocks go forward) and Sunday 31 October 2027 (clocks go back).
        let sundays = diaryMorningClinic(service: "rt_treatment", clinician: "linac-1", days: [.sunday], start: "09:00", end: "10:00")
        let result = plan([sundays], ymd(2027, 3, 28), ymd(2027, 10, 31))
        #expect(result.sessions.count == 32)
        for date in [ymd(2027, 3, 28), ymd(2027, 10, 31)] {
            let session = result.sessions.first { $0.date == date }
            #expect(session?.start.display == "09:00")
            #expect(session?.slots.map(\.start.display) == ["09:00", "09:15", "09:30", "09:45"])
        }
    }

    @Test("order: date, start, site, service, clinician, whatever order the templates come in")
    func order() {
        let every: Set<Weekday> = Set(Weekday.allCases)
        let templates = [
            diaryMorningClinic(service: "onc_fu", site: "main", clinician: "dr_b", days: every, start: "09:00", end: "10:00"),
            diaryMorningClinic(service: "bloods", site: "main", clinician: "phleb_a", days: every, start: "08:00", end: "09:00"),
            diaryMorningClinic(service: "onc_fu", site: "main", clinician: "dr_a", days: every, start: "09:00", end: "10:00"),
            diaryMorningClinic(service: "onc_fu", site: "hub", clinician: "dr_c", days: every, start: "09:00", end: "10:00"),
            diaryMorningClinic(service: "cns", site: "main", clinician: "cns_a", days: every, start: "09:00", end: "10:00"),
            diaryMorningClinic(service: "onc_new", site: "main", clinician: "dr_a", days: [.tuesday], start: "14:00", end: "16:00", slot: 40),
        ]
        let result = plan(templates, ymd(2027, 1, 4), ymd(2027, 1, 5))
        let monday = result.sessions.filter { $0.date == ymd(2027, 1, 4) }
        #expect(monday.map(\.templateIndex) == [1, 3, 4, 2, 0])
        #expect(result.sessions.filter { $0.date == ymd(2027, 1, 5) }.map(\.templateIndex) == [1, 3, 4, 2, 0, 5])
        #expect(result.sessions.map(\.date) == result.sessions.map(\.date).sorted())
        // Deterministic: the same input gives the same plan.
        #expect(plan(templates, ymd(2027, 1, 4), ymd(2027, 1, 5)) == result)
    }

    @Test("range refusals", arguments: [
        (ymd(2027, 1, 8), ymd(2027, 1, 7), "must not be before from (08-Jan-2027)"),
        (ymd(2026, 1, 1), ymd(2029, 1, 1), "must be within 3 years of from: no later than 31-Dec-2028"),
        (ymd(2026, 12, 21), ymd(2035, 1, 1), "must be within 3 years of from: no later than 20-Dec-2029"),
        (ymd(2028, 2, 29), ymd(2031, 2, 28), "must be within 3 years of from: no later than 27-Feb-2031"),
    ])
    func rangeRefused(from: LocalDate, to: LocalDate, reason: String) {
        let result = SessionGeneration.plan(templates: [diaryMorningClinic()], from: from, to: to)
        #expect(diaryFailure(result)?.errors == [FieldError(field: "to", reason: reason)])
    }

    @Test("range edges accepted", arguments: [
        (ymd(2027, 1, 4), ymd(2027, 1, 4)),
        (ymd(2026, 1, 1), ymd(2028, 12, 31)),
        (ymd(2028, 2, 29), ymd(2031, 2, 27)),
    ])
    func rangeAccepted(from: LocalDate, to: LocalDate) {
        #expect(diaryFailedFields(SessionGeneration.plan(templates: [diaryMorningClinic()], from: from, to: to)) == [])
    }

    @Test func invalidTemplatesRefusedWithTheirPosition() {
        let result = SessionGeneration.plan(templates: [diaryMorningClinic(), diaryMorningClinic(slot: 20), diaryMorningClinic(capacity: 0)],
                                            from: ymd(2027, 1, 8), to: ymd(2027, 1, 1))
        #expect(diaryFailedFields(result) == ["to", "templates[1].slot_minutes", "templates[2].capacity"])
    }

    @Test func noTemplatesNoSessions() {
        #expect(plan([], ymd(2027, 1, 1), ymd(2027, 12, 31)) == SessionPlan(sessions: [], skipped: []))
    }

    @Test("two years of 20 templates (run, not timed: `make bench` times things)")
    func twoYearsOfTwentyTemplates() {
        let services = ["onc_new", "onc_fu", "phlebotomy", "sact_chair", "rt_treatment"]
        let sites = ["main", "hub-north", "hub-south"]
        let dayPatterns: [Set<Weekday>] = [[.monday, .wednesday, .friday], [.tuesday, .thursday],
                                           [.monday, .tuesday, .wednesday, .thursday, .friday], [.saturday]]
        let templates = (0..<20).map { i in
            diaryMorningClinic(service: services[i % services.count], site: sites[i % sites.count], clinician: "clin_\(i)",
                          days: dayPatterns[i % dayPatterns.count], start: i % 2 == 0 ? "09:00" : "13:30",
                          end: i % 2 == 0 ? "12:30" : "17:00", slot: [5, 10, 15, 30, 35][i % 5], capacity: 1 + i % 3,
                          from: ymd(2026, 1, 1))
        }
        let closures: [String: Set<LocalDate>] = ["hub-north": [ymd(2027, 7, 14), ymd(2027, 7, 15)]]
        let result = plan(templates, ymd(2026, 12, 1), ymd(2028, 11, 30), closures: closures)
        #expect(result.sessions.count > 5_000)
        #expect(result.sessions.reduce(0) { $0 + $1.slots.count } > 100_000)
        // Every generated date is one its template asked for, and none is a bank holiday or that site's closure day.
        for session in result.sessions {
            #expect(templates[session.templateIndex].runs(on: session.date))
            #expect(!BankHolidays.isBankHoliday(session.date))
            #expect(closures[session.siteCode]?.contains(session.date) != true)
        }
        #expect(result.skipped.contains { $0.reason == .siteClosure && $0.siteCode == "hub-north" })
        #expect(result.skipped.filter { $0.reason == .bankHoliday }.map(\.date).allSatisfy(BankHolidays.isBankHoliday))
        let keys = result.sessions.map { [$0.date.iso, $0.start.display, $0.siteCode, $0.serviceCode, $0.clinicianCode] }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) })
    }
}
