import Testing
@testable import FrontDeskDomain

private func d(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

@Suite("bank holidays of England and Wales, and working days")
struct WorkingDaysTests {
    @Test("the years listed in DOMAIN.md", arguments: [
        (2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"]),
        (2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"]),
        (2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"]),
    ])
    func listedYears(year: Int, expected: [String]) {
        #expect(BankHolidays.of(year) == expected.map(d))
    }

    @Test("substitute days and one-off proclamations", arguments: [
        // New Year on a Saturday → Monday 3rd; Christmas on a Sunday → Boxing Day Monday and Tuesday 27th.
        (2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
                "2022-09-19", "2022-12-26", "2022-12-27"]),
        (2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"]),
        (2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
                "2023-12-25", "2023-12-26"]),
        (2028, ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"]),
    ])
    func otherYears(year: Int, expected: [String]) {
        #expect(BankHolidays.of(year) == expected.map(d))
    }

    @Test("Easter Sunday, including the earliest and latest possible", arguments: [
        (1943, "1943-04-25"), (2019, "2019-04-21"), (2024, "2024-03-31"), (2025, "2025-04-20"),
        (2038, "2038-04-25"), (2285, "2285-03-22"), (2100, "2100-03-28"),
    ])
    func easter(year: Int, sunday: String) {
        #expect(BankHolidays.easter(year) == d(sunday))
        #expect(BankHolidays.easter(year).weekday == .sunday)
    }

    @Test func everyYearHasItsHolidaysOnWeekdays() {
        for year in 1990...2100 {
            let days = BankHolidays.of(year)
            #expect(days.count >= 8, "\(year)")
            #expect(days.allSatisfy { !$0.weekday.isWeekend }, "\(year): \(days)")
            #expect(Set(days).count == days.count, "\(year) has a day twice")
        }
    }

    @Test func weekdays() {
        #expect(d("1970-01-01").weekday == .thursday)
        #expect(d("2026-11-30").weekday == .monday)
        #expect(d("2026-11-24").weekday == .tuesday)
        #expect(d("1956-03-12").weekday == .monday)
        #expect(Weekday(parsing: "Wednesday") == .wednesday)
        #expect(Weekday(parsing: "fri") == .friday)
        #expect(Weekday(parsing: "fr") == nil)
    }

    @Test("working days d with from < d ≤ to (the rule of DOMAIN.md and the sequencing issue)", arguments: [
        ("2026-12-24", "2026-12-29", 1),   // 25 and 28 are bank holidays, 26–27 the weekend
        ("2026-11-27", "2026-11-30", 1),   // Friday to Monday
        ("2026-11-30", "2026-11-30", 0),
        ("2026-11-30", "2026-11-27", 0),
        ("2026-04-02", "2026-04-07", 1),   // Good Friday, Easter Monday
        ("2026-11-23", "2026-12-04", 9),
    ])
    func countingWorkingDays(from: String, to: String, count: Int) {
        #expect(WorkingCalendar().workingDays(after: d(from), through: d(to)) == count)
    }

    @Test func addingWorkingDaysAndClosures() {
        let calendar = WorkingCalendar()
        #expect(calendar.adding(workingDays: 1, to: d("2026-12-24")) == d("2026-12-29"))
        #expect(calendar.adding(workingDays: 0, to: d("2026-12-26")) == d("2026-12-26"))
        // Backwards over Christmas 2026 (25 and 28 Dec are bank holidays).
        #expect(calendar.adding(workingDays: -1, to: d("2026-12-29")) == d("2026-12-24"))
        #expect(calendar.adding(workingDays: -2, to: d("2026-12-29")) == d("2026-12-23"))
        #expect(calendar.nextWorkingDay(onOrAfter: d("2026-12-25")) == d("2026-12-29"))
        let closed = WorkingCalendar(closures: [d("2026-12-29"), d("2026-12-30")])
        #expect(closed.adding(workingDays: 1, to: d("2026-12-24")) == d("2026-12-31"))
        #expect(!closed.isWorkingDay(d("2026-12-30")))
        #expect(closed.workingDays(after: d("2026-12-24"), through: d("2026-12-31")) == 1)
    }
}
