/// Reading and writing a patient's booking preferences as text: the command
/// line's options, the record's form and the database's columns.
extension BookingPreferences {
    /// What the desk types, field by field (empty: no preference).
    public struct Fields: Sendable, Hashable {
        /// `mon,fri` or `sat-sun`.
        public var unavailableDays: String
        /// `09:30`.
        public var notBefore: String
        public var notAfter: String
        /// `2026-12-20..2027-01-03, 2027-02-14` (ranges or single dates, comma-separated).
        public var away: String
        public init(unavailableDays: String = "", notBefore: String = "", notAfter: String = "", away: String = "") {
            self.unavailableDays = unavailableDays; self.notBefore = notBefore; self.notAfter = notAfter; self.away = away
        }
    }

    public static let awayRule = "must be dates or ranges separated by commas, such as 2026-12-20..2027-01-03, 14-Feb-2027"

    /// Checks every field; the first problem names its field and the rule.
    public init(fields f: Fields) throws {
        self.init()
        let days = f.unavailableDays.trimmingCharacters(in: .whitespaces)
        if !days.isEmpty {
            guard let parsed = Weekday.parseList(days) else { throw BookingError(field: "unavailable days", Weekday.listRule) }
            if parsed.count == 7 { throw BookingError(field: "unavailable days", "cannot be every day of the week") }
            unavailableWeekdays = parsed
        }
        for (text, name) in [(f.notBefore, "not before"), (f.notAfter, "not after")] {
            let t = text.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty else { continue }
            guard let time = ClockTime.parse(t) else { throw BookingError(field: name, "must be a time of day such as 09:30") }
            if name == "not before" { notBefore = time } else { notAfter = time }
        }
        if let notBefore, let notAfter, notAfter <= notBefore {
            throw BookingError(field: "not after", "must be later than not before (\(notBefore.display))")
        }
        unavailableDates = try Self.parseAway(f.away)
    }

    static func parseAway(_ text: String) throws -> [DateRange] {
        var ranges: [DateRange] = []
        for item in text.split(separator: ",") {
            let part = item.trimmingCharacters(in: .whitespaces)
            guard !part.isEmpty else { continue }
            let ends = part.components(separatedBy: "..")
            guard ends.count <= 2, let from = LocalDate.parse(ends[0].trimmingCharacters(in: .whitespaces)),
                  let through = LocalDate.parse((ends.count == 2 ? ends[1] : ends[0]).trimmingCharacters(in: .whitespaces)) else {
                throw BookingError(field: "away", awayRule)
            }
            guard from <= through else { throw BookingError(field: "away", "\(part): the range ends before it starts") }
            guard through.dayNumber - from.dayNumber < 366 else {
                throw BookingError(field: "away", "\(part): a range may be at most a year")
            }
            ranges.append(DateRange(from: from, through: through))
        }
        return ranges.sorted { $0.from < $1.from }
    }

    /// The fields that give these preferences back.
    public var fields: Fields {
        Fields(unavailableDays: unavailableWeekdays.isEmpty ? "" : Weekday.listDisplay(unavailableWeekdays),
               notBefore: notBefore?.display ?? "", notAfter: notAfter?.display ?? "", away: awayText)
    }

    /// `2026-12-20..2027-01-03,2027-02-14` (storage).
    public var awayText: String {
        unavailableDates.map { $0.from == $0.through ? $0.from.iso : "\($0.from.iso)..\($0.through.iso)" }.joined(separator: ",")
    }

    /// In words: `not on Mon, Fri; not before 09:30; away 20-Dec-2026 – 03-Jan-2027`, or `none`.
    public var summary: String {
        var parts: [String] = []
        if !unavailableWeekdays.isEmpty {
            parts.append("not on " + unavailableWeekdays.sorted().map { $0.short.capitalized }.joined(separator: ", "))
        }
        if let notBefore { parts.append("not before \(notBefore.display)") }
        if let notAfter { parts.append("finished by \(notAfter.display)") }
        if !unavailableDates.isEmpty {
            parts.append("away " + unavailableDates.map {
                $0.from == $0.through ? $0.from.display : "\($0.from.display) – \($0.through.display)"
            }.joined(separator: ", "))
        }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }
}
