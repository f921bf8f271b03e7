/// One bookable time in a planned session.
public struct PlannedSlot: Sendable, Hashable, Codable {
    public var start: ClockTime
    public var end: ClockTime
    /// Patients the slot takes.
    public var capacity: Int

    public init(start: ClockTime, end: ClockTime, capacity: Int) {
        self.start = start; self.end = end; self.capacity = capacity
    }
}

/// One occurrence of a clinic on a date, generated from a template, ready to be
/// stored. Times are local (Europe/London) wall-clock times: on the days the
/// clocks change (last Sunday of March and of October) a 09:00 session is still
/// at 09:00 local time; nothing here converts to UTC.
public struct PlannedSession: Sendable, Hashable, Codable {
    /// The position of the template in the list given to `SessionGeneration.plan`.
    public var templateIndex: Int
    /// The template's store id, when it has one.
    public var templateID: Int64?
    public var date: LocalDate
    public var start: ClockTime
    public var end: ClockTime
    public var siteCode: String
    public var serviceCode: String
    public var clinicianCode: String
    public var slots: [PlannedSlot]

    public init(templateIndex: Int, templateID: Int64?, date: LocalDate, start: ClockTime, end: ClockTime,
                siteCode: String, serviceCode: String, clinicianCode: String, slots: [PlannedSlot]) {
        self.templateIndex = templateIndex; self.templateID = templateID; self.date = date
        self.start = start; self.end = end; self.siteCode = siteCode; self.serviceCode = serviceCode
        self.clinicianCode = clinicianCode; self.slots = slots
    }

    /// Places in the whole session.
    public var capacity: Int { slots.reduce(0) { $0 + $1.capacity } }
}

/// Why a template's day got no session.
public enum SkipReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// A bank holiday of England and Wales (`BankHolidays`).
    case bankHoliday = "bank_holiday"
    /// A closure day of the template's site (settings).
    case siteClosure = "site_closure"

    public var summary: String { self == .bankHoliday ? "bank holiday" : "site closed" }
}

/// A date a template would have run on but did not, and why (for the command
/// line and the diary screen to show).
public struct SkippedSession: Sendable, Hashable, Codable {
    public var date: LocalDate
    public var templateIndex: Int
    public var templateID: Int64?
    public var siteCode: String
    public var reason: SkipReason

    public init(date: LocalDate, templateIndex: Int, templateID: Int64?, siteCode: String, reason: SkipReason) {
        self.date = date; self.templateIndex = templateIndex; self.templateID = templateID
        self.siteCode = siteCode; self.reason = reason
    }
}

/// What `SessionGeneration.plan` produces.
public struct SessionPlan: Sendable, Hashable {
    /// In order of date, start, site, service, clinician (then template).
    public var sessions: [PlannedSession]
    /// In order of date, then template.
    public var skipped: [SkippedSession]
}

/// Generates the sessions of a date range from session templates.
///
/// A template gives a session on each date of the range whose weekday is one of
/// its days and that lies within its validity, unless the date is a bank
/// holiday of England and Wales or a closure day of the template's site; those
/// dates are reported in `skipped` with the reason (a bank holiday that is also
/// a closure day is reported as a bank holiday). Weekends are not skipped: a
/// template with Saturday in its days runs on Saturdays.
public enum SessionGeneration {
    public static let maximumYears = 3

    /// The last date a range starting at `from` may reach: the day before the
    /// same date `maximumYears` later (29 Feb counts from 28 Feb).
    public static func latestEnd(from: LocalDate) -> LocalDate {
        let year = from.year + maximumYears
        let day = min(from.day, LocalDate.daysIn(month: from.month, year: year))
        return LocalDate(year: year, month: from.month, day: day)!.adding(days: -1)
    }

    /// Checks the range: `from` ≤ `to`, at most three years (fields `from`, `to`).
    public static func checkRange(from: LocalDate, to: LocalDate) -> [FieldError] {
        if to < from { return [FieldError(field: "to", reason: "must not be before from (\(from.display))")] }
        let latest = latestEnd(from: from)
        if to > latest {
            return [FieldError(field: "to", reason: "must be within \(maximumYears) years of from: no later than \(latest.display)")]
        }
        return []
    }

    /// The sessions of `templates` for every date from `from` to `to`
    /// inclusive. `closures` holds each site's closure days, keyed by site code.
    /// Refuses a bad range, and any template that does not validate (fields
    /// `templates[i].field`), with every problem at once.
    public static func plan(templates: [SessionTemplate], from: LocalDate, to: LocalDate,
                            closures: [String: Set<LocalDate>] = [:]) -> Result<SessionPlan, ValidationError> {
        var errors = checkRange(from: from, to: to)
        // Validated copies: codes normalised, so closures are found by site code.
        var checked: [SessionTemplate] = []
        for (index, template) in templates.enumerated() {
            switch template.validated() {
            case .success(let valid): checked.append(valid)
            case .failure(let problem):
                errors += problem.errors.map { FieldError(field: "templates[\(index)].\($0.field)", reason: $0.reason) }
            }
        }
        guard errors.isEmpty else { return .failure(ValidationError(errors)) }

        var closedDays: [String: Set<LocalDate>] = [:]
        for (site, days) in closures { closedDays[DiaryCode.normalised(site), default: []].formUnion(days) }
        var holidays = Set<LocalDate>()
        for year in from.year...to.year { holidays.formUnion(BankHolidays.of(year)) }
        // Slots are the same on every date of a template: work them out once.
        let slots = checked.map(\.slots)
        var sessions: [PlannedSession] = []
        var skipped: [SkippedSession] = []
        var date = from
        while date <= to {
            let weekday = date.weekday
            let isHoliday = holidays.contains(date)
            var day: [PlannedSession] = []
            for (index, template) in checked.enumerated()
            where template.weekdays.contains(weekday) && template.isValid(on: date) {
                let reason: SkipReason? = isHoliday ? .bankHoliday
                    : closedDays[template.siteCode]?.contains(date) == true ? .siteClosure : nil
                if let reason {
                    skipped.append(SkippedSession(date: date, templateIndex: index, templateID: template.id,
                                                  siteCode: template.siteCode, reason: reason))
                    continue
                }
                day.append(PlannedSession(templateIndex: index, templateID: template.id, date: date,
                                          start: template.start, end: template.end, siteCode: template.siteCode,
                                          serviceCode: template.serviceCode, clinicianCode: template.clinicianCode,
                                          slots: slots[index]))
            }
            day.sort {
                ($0.start, $0.siteCode, $0.serviceCode, $0.clinicianCode, $0.templateIndex)
                    < ($1.start, $1.siteCode, $1.serviceCode, $1.clinicianCode, $1.templateIndex)
            }
            sessions += day
            date = date.adding(days: 1)
        }
        return .success(SessionPlan(sessions: sessions, skipped: skipped))
    }
}
