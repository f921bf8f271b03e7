import Foundation

/// A calendar date with no time or zone: dates of birth and death, diary days.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `1956-03-12`: the storage and JSON form.
    public var iso: String { Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2) }
    /// `12-Mar-1956`: the display form (NHS CUI).
    public var display: String { Self.padded(day, 2) + "-" + LocalDate.monthNames[month - 1] + "-" + Self.padded(year, 4) }

    static func padded(_ value: Int, _ width: Int) -> String {
        if width == 2, (0..<100).contains(value) { return twoDigits[value] }
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    public var description: String { iso }

    /// `00` to `99`: months, days, hours and minutes, as lists print thousands of them.
    static let twoDigits: [String] = (0..<100).map { ($0 < 10 ? "0" : "") + String($0) }

    /// Whole years from this date to `today` (the age on that day).
    public func age(on today: LocalDate) -> Int {
        var years = today.year - year
        if (today.month, today.day) < (month, day) { years -= 1 }
        return years
    }

    /// `12-Mar-1956 (70y)`
    public func displayWithAge(on today: LocalDate) -> String { "\(display) (\(age(on: today))y)" }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    public static let acceptedFormats = "12/03/1956, 12-03-1956, 12-Mar-1956, 12 Mar 1956, 1956-03-12 or 12031956"

    /// The storage form `YYYY-MM-DD` only.
    public init?(iso text: String) {
        // Read as bytes, with no array: lists read thousands of stored dates.
        var year = 0, month = 0, day = 0, part = 0, length = 0, count = 0
        for byte in text.utf8 {
            count += 1
            guard count <= 10 else { return nil }
            if byte == 45 {                                   // "-"
                guard length == (part == 0 ? 4 : 2), part < 2 else { return nil }
                part += 1; length = 0
            } else {
                guard (48...57).contains(byte) else { return nil }
                let digit = Int(byte - 48)
                switch part {
                case 0: year = year * 10 + digit
                case 1: month = month * 10 + digit
                default: day = day * 10 + digit
                }
                length += 1
            }
        }
        guard count == 10, part == 2, length == 2, let date = LocalDate(year: year, month: month, day: day) else { return nil }
        self = date
    }

    /// Parses the ways people type a date (UI.md): `12/03/1956`, `12-03-1956`,
    /// `12.03.1956`, `12-Mar-1956`, `12 Mar 1956`, `1956-03-12`, `12031956`.
    /// Day before month always (UK order); four-digit years only.
    public static func parse(_ raw: String) -> LocalDate? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let d = Array(text)
            return LocalDate(year: Int(String(d[4...7]))!, month: Int(String(d[2...3]))!, day: Int(String(d[0...1]))!)
        }
        let parts = text.split(whereSeparator: { "/-.".contains($0) || $0.isWhitespace }).map(String.init)
        guard parts.count == 3, parts[0].allSatisfy(\.isASCII), parts[2].allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[0].allSatisfy({ $0.isNumber }) else { return nil }
        if parts[0].count == 4, let y = Int(parts[0]), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
           parts[2].allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(parts[1]), let d = Int(parts[2]),
           parts[1].count <= 2, parts[2].count <= 2 {
            return LocalDate(year: y, month: m, day: d)
        }
        guard parts[0].count <= 2, let d = Int(parts[0]), parts[2].count == 4, let y = Int(parts[2]) else { return nil }
        if parts[1].count <= 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(parts[1]) {
            return LocalDate(year: y, month: m, day: d)
        }
        if let m = monthNumber(parts[1]) { return LocalDate(year: y, month: m, day: d) }
        return nil
    }

    /// `Mar`, `mar`, `March` → 3.
    static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        return full.firstIndex(where: { $0.hasPrefix(lower) }).map { $0 + 1 }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid date \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
