import FrontDeskDomain

/// The fixed "today" of every domain test (a Tuesday).
let today = LocalDate(year: 2026, month: 11, day: 24)!

/// A date that must exist; crashes the test run loudly if a table has a typo.
func ymd(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
    guard let date = LocalDate(year: year, month: month, day: day) else {
        fatalError("bad test date \(year)-\(month)-\(day)")
    }
    return date
}
