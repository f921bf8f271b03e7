/// Working days over a span of day numbers, computed once per plan (the
/// calendar works out bank holidays per call, too slow inside a search).
struct PlannerDayTable {
    let base: Int
    let working: [Bool]
    /// cum[i]: working days in base ... base + i.
    let cum: [Int]
    let calendar: WorkingCalendar
    /// The longest run of days in a row that are not working days.
    let longestGap: Int

    init(calendar: WorkingCalendar, from: Int, through: Int) {
        self.calendar = calendar
        base = from
        var holidays: [Int: Set<Int>] = [:]
        let closures = Set(calendar.closures.map(\.dayNumber))
        var working: [Bool] = []
        working.reserveCapacity(through - from + 1)
        var cum: [Int] = []
        cum.reserveCapacity(through - from + 1)
        var count = 0, gap = 0, longest = 0
        for day in from...max(from, through) {
            let weekday = ((day % 7) + 7 + 3) % 7    // 0 = Monday
            var isWorking = weekday < 5 && !closures.contains(day)
            if isWorking {
                let year = LocalDate(dayNumber: day).year
                if holidays[year] == nil { holidays[year] = Set(BankHolidays.of(year).map(\.dayNumber)) }
                isWorking = !holidays[year]!.contains(day)
            }
            working.append(isWorking)
            if isWorking { count += 1; gap = 0 } else { gap += 1; longest = max(longest, gap) }
            cum.append(count)
        }
        self.working = working
        self.cum = cum
        longestGap = max(longest, 2)
    }

    @inline(__always) func contains(_ day: Int) -> Bool { day >= base && day - base < working.count }

    func isWorking(_ day: Int) -> Bool {
        contains(day) ? working[day - base] : calendar.isWorkingDay(LocalDate(dayNumber: day))
    }

    /// The working days d with `a` < d ≤ `b`.
    func workingDays(after a: Int, through b: Int) -> Int {
        guard b > a else { return 0 }
        if contains(a), contains(b) { return cum[b - base] - cum[a - base] }
        return calendar.workingDays(after: LocalDate(dayNumber: a), through: LocalDate(dayNumber: b))
    }

    /// The `n`th working day after `day` (n ≥ 0; the day itself for 0).
    func adding(workingDays n: Int, to day: Int) -> Int {
        var result = day, left = n
        while left > 0 {
            result += 1
            if isWorking(result) { left -= 1 }
        }
        return result
    }

    /// An upper bound on the calendar days spanned by at most `n` working days
    /// (`d` after `a` with workingDays(a, d) ≤ n implies d − a ≤ this).
    func spanBound(workingDays n: Int) -> Int { (n + 1) * (longestGap + 1) - 1 }
}
