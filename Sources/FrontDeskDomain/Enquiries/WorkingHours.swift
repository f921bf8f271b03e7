/// Time counted in the centre's working hours: the opening hours (settings) of
/// working days (Monday to Friday less bank holidays and closure days,
/// DOMAIN.md). A callback's due time is worked out here (issue 7): routine
/// within N working days of the call, urgent within N working hours, both
/// counted in working time from the moment it is asked — so a routine callback
/// asked on Tuesday at 09:41 is due on Wednesday at 09:41 (overdue the next
/// morning), and an urgent call at 16:30 on a Friday with the centre closing at
/// 17:00 is due at 10:30 on Monday, not at 18:30 on Friday.
public struct WorkingHours: Sendable {
    /// A local date and time at the centre.
    public struct Moment: Sendable, Hashable, Comparable, CustomStringConvertible {
        public var date: LocalDate
        /// Minutes after midnight (1440 only as "the end of the day").
        public var minutes: Int
        public init(date: LocalDate, minutes: Int) { self.date = date; self.minutes = minutes }
        public init(date: LocalDate, time: ClockTime) { self.init(date: date, minutes: time.minutes) }

        public static func < (a: Moment, b: Moment) -> Bool { (a.date, a.minutes) < (b.date, b.minutes) }
        /// `Mon 24-Nov-2026 16:30`.
        public var description: String {
            "\(date.weekday.short.capitalized) \(date.display) \(OpeningHours.clock(minutes))"
        }
        public var time: ClockTime? { ClockTime(minutes: minutes) }
    }

    public let opening: OpeningHours
    public let calendar: WorkingCalendar

    public init(opening: OpeningHours, calendar: WorkingCalendar) { self.opening = opening; self.calendar = calendar }

    /// Whether the centre is open then.
    public func isOpen(_ moment: Moment) -> Bool {
        calendar.isWorkingDay(moment.date) && moment.minutes >= opening.opens && moment.minutes < opening.closes
    }

    /// The moment counting starts from: `moment` when open, else the next opening.
    public func nextOpening(atOrAfter moment: Moment) -> Moment {
        if calendar.isWorkingDay(moment.date) && moment.minutes < opening.closes {
            return Moment(date: moment.date, minutes: max(moment.minutes, opening.opens))
        }
        return Moment(date: calendar.nextWorkingDay(onOrAfter: moment.date.adding(days: 1)), minutes: opening.opens)
    }

    /// `minutes` of working time after `moment` (time outside opening hours does not count).
    public func adding(workingMinutes minutes: Int, to moment: Moment) -> Moment {
        var at = nextOpening(atOrAfter: moment)
        var left = max(0, minutes)
        while left > 0 {
            let today = opening.closes - at.minutes
            if left <= today { return Moment(date: at.date, minutes: at.minutes + left) }
            left -= today
            at = nextOpening(atOrAfter: Moment(date: at.date, minutes: opening.closes))
        }
        return at
    }

    /// The length of a working day in minutes (the opening hours).
    public var workingDayMinutes: Int { max(1, opening.closes - opening.opens) }

    /// Routine: `days` working days of working time after `moment` (each the
    /// length of the opening hours), like `urgentDue` counts hours: asked while
    /// open, due at the same time of day `days` working days later; asked in
    /// the evening, at a weekend or on a closed day, counted from the next
    /// opening (so due at the close of the `days`th working day after it).
    public func routineDue(from moment: Moment, workingDays days: Int) -> Moment {
        adding(workingMinutes: max(1, days) * workingDayMinutes, to: moment)
    }

    /// Urgent: within `hours` working hours of `moment`.
    public func urgentDue(from moment: Moment, workingHours hours: Int) -> Moment {
        adding(workingMinutes: max(1, hours) * 60, to: moment)
    }

    /// Working minutes from `a` to `b` (0 when `b` is not after `a`): how late a callback was.
    public func workingMinutes(from a: Moment, to b: Moment) -> Int {
        guard a < b else { return 0 }
        var at = nextOpening(atOrAfter: a)
        var total = 0
        while at < b {
            let end = at.date == b.date ? min(b.minutes, opening.closes) : opening.closes
            total += max(0, end - at.minutes)
            at = nextOpening(atOrAfter: Moment(date: at.date, minutes: opening.closes))
        }
        return total
    }
}
