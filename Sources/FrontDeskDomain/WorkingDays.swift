import Foundation

/// Days of the week, Monday first (ISO 8601).
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }

    public var short: String { ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue - 1] }
    public var isWeekend: Bool { self == .saturday || self == .sunday }

    /// `mon`, `Monday`, `MON` …
    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard folded.count >= 3, let day = Weekday.allCases.first(where: { folded.hasPrefix($0.short) }) else { return nil }
        self = day
    }
}

extension LocalDate {
    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        let index = ((dayNumber % 7) + 7 + 3) % 7   // 0 = Monday
        return Weekday(rawValue: index + 1)!
    }

    /// The `n`th given weekday of a month (n = 1 …), or the last one (n = -1).
    static func nth(_ n: Int, _ weekday: Weekday, month: Int, year: Int) -> LocalDate {
        if n > 0 {
            let first = LocalDate(year: year, month: month, day: 1)!
            let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
            return first.adding(days: offset + 7 * (n - 1))
        }
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!
        let offset = (last.weekday.rawValue - weekday.rawValue + 7) % 7
        return last.adding(days: -offset)
    }
}

/// The bank holidays of England and Wales, computed for any year: New Year's
/// Day, Good Friday, Easter Monday, the early May, spring and summer bank
/// holidays, Christmas Day and Boxing Day, with substitute days when a fixed
/// holiday falls at a weekend, and the one-off changes proclaimed since 2011.
public enum BankHolidays {
    /// Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm).
    public static func easter(_ year: Int) -> LocalDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// One-off changes by royal proclamation: (year, dates removed, dates added).
    static let proclaimed: [Int: (removed: [LocalDate], added: [LocalDate])] = [
        2011: ([], [LocalDate(year: 2011, month: 4, day: 29)!]),                       // royal wedding
        2012: ([LocalDate(year: 2012, month: 5, day: 28)!],
               [LocalDate(year: 2012, month: 6, day: 4)!, LocalDate(year: 2012, month: 6, day: 5)!]),  // diamond jubilee
        2020: ([LocalDate(year: 2020, month: 5, day: 4)!], [LocalDate(year: 2020, month: 5, day: 8)!]),  // VE day
        2022: ([LocalDate(year: 2022, month: 5, day: 30)!],
               [LocalDate(year: 2022, month: 6, day: 2)!, LocalDate(year: 2022, month: 6, day: 3)!,      // platinum jubilee
                LocalDate(year: 2022, month: 9, day: 19)!]),                                               // state funeral
        2023: ([], [LocalDate(year: 2023, month: 5, day: 8)!]),                                            // coronation
    ]

    /// Every bank holiday of `year`, in date order.
    public static func of(_ year: Int) -> [LocalDate] {
        var days: [LocalDate] = []
        // New Year's Day, or the Monday after when it falls at a weekend.
        var newYear = LocalDate(year: year, month: 1, day: 1)!
        while newYear.weekday.isWeekend { newYear = newYear.adding(days: 1) }
        days.append(newYear)
        let easterDay = easter(year)
        days.append(easterDay.adding(days: -2))                          // Good Friday
        days.append(easterDay.adding(days: 1))                           // Easter Monday
        days.append(LocalDate.nth(1, .monday, month: 5, year: year))      // early May
        days.append(LocalDate.nth(-1, .monday, month: 5, year: year))     // spring
        days.append(LocalDate.nth(-1, .monday, month: 8, year: year))     // summer
        // Christmas Day and Boxing Day, each moved to the next weekday not already taken.
        var taken = Set<LocalDate>()
        for day in [25, 26] {
            var date = LocalDate(year: year, month: 12, day: day)!
            while date.weekday.isWeekend || taken.contains(date) { date = date.adding(days: 1) }
            taken.insert(date)
            days.append(date)
        }
        if let change = proclaimed[year] {
            days.removeAll { change.removed.contains($0) }
            days += change.added
        }
        return days.sorted()
    }

    public static func isBankHoliday(_ date: LocalDate) -> Bool { of(date.year).contains(date) }
}

/// Working days: Monday to Friday, less the bank holidays of England and Wales
/// and any closure days of the site.
public struct WorkingCalendar: Sendable {
    public let closures: Set<LocalDate>

    public init(closures: Set<LocalDate> = []) { self.closures = closures }

    public func isWorkingDay(_ date: LocalDate) -> Bool {
        !date.weekday.isWeekend && !closures.contains(date) && !BankHolidays.isBankHoliday(date)
    }

    /// The working days d with `from` < d ≤ `to` (0 when `to` is not after `from`).
    public func workingDays(after from: LocalDate, through to: LocalDate) -> Int {
        guard to > from else { return 0 }
        var count = 0
        var date = from.adding(days: 1)
        while date <= to {
            if isWorkingDay(date) { count += 1 }
            date = date.adding(days: 1)
        }
        return count
    }

    /// The `n`th working day after `date` (n ≥ 1), the `-n`th working day
    /// before it (n ≤ -1), or the date itself for n = 0.
    public func adding(workingDays n: Int, to date: LocalDate) -> LocalDate {
        var result = date
        var left = abs(n)
        let step = n < 0 ? -1 : 1
        while left > 0 {
            result = result.adding(days: step)
            if isWorkingDay(result) { left -= 1 }
        }
        return result
    }

    /// The next working day on or after `date`.
    public func nextWorkingDay(onOrAfter date: LocalDate) -> LocalDate {
        var result = date
        while !isWorkingDay(result) { result = result.adding(days: 1) }
        return result
    }
}
