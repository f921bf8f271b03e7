extension Weekday {
    static let fullNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    public static let listRule = "must be one or more days of the week, such as mon,wed,fri or mon-fri"

    /// Parses the days of a session template: `mon,wed,fri`, `Mon, Wed`,
    /// `mon-fri` (a range, Monday first, not wrapping past Sunday), `tuesday`.
    /// Each day is at least its first three letters. Nil when any part is not
    /// a day or the list is empty.
    public static func parseList(_ text: String) -> Set<Weekday>? {
        func day(_ part: Substring) -> Weekday? {
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard word.count >= 3, let index = fullNames.firstIndex(where: { $0.hasPrefix(word) }) else { return nil }
            return Weekday(rawValue: index + 1)
        }
        var days = Set<Weekday>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false)
            switch ends.count {
            case 1:
                guard let one = day(ends[0]) else { return nil }
                days.insert(one)
            case 2:
                guard let first = day(ends[0]), let last = day(ends[1]), first <= last else { return nil }
                for raw in first.rawValue...last.rawValue { days.insert(Weekday(rawValue: raw)!) }
            default:
                return nil
            }
        }
        return days.isEmpty ? nil : days
    }

    /// `mon,wed,fri`: the days in week order, as `parseList` reads them.
    public static func listDisplay(_ days: Set<Weekday>) -> String {
        days.sorted().map(\.short).joined(separator: ",")
    }
}
