import Foundation

/// The source of "now" for the domain. The domain never reads the system clock
/// itself: the executable injects a real clock, tests inject a fixed one.
public protocol Clock: Sendable {
    var now: Date { get }
}

/// A clock that always answers the same instant (tests, reproducible seeds).
public struct FixedClock: Clock {
    public var now: Date
    public init(_ now: Date) { self.now = now }
}

/// Europe/London: diary dates and ages are reckoned in the centre's local time.
public enum CentreTime {
    public static let timeZone = TimeZone(identifier: "Europe/London")!
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Today's date at the centre for an instant.
    public static func today(_ instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Midnight at the centre at the start of a date.
    public static func startOfDay(_ date: LocalDate) -> Date {
        calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
    }
}
