/// A time of day on the diary's wall clock, 00:00 to 23:59, with no date or zone.
///
/// Diary times are local time in Europe/London (DOMAIN.md "Time"): a 09:00
/// clinic is at 09:00 whether the clocks say GMT or BST, including on the two
/// days a year the clocks change. Converting to an instant is the job of
/// whoever needs one (`CentreTime`), never of the diary.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Minutes since midnight, 0 ... 1439.
    public let minutes: Int

    public static let minutesInDay = 24 * 60

    public init?(minutes: Int) {
        guard (0..<ClockTime.minutesInDay).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.minutes = hour * 60 + minute
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// Before noon: the "am" of a morning/afternoon filter.
    public var isMorning: Bool { minutes < 12 * 60 }

    /// `09:00`: the display, storage and JSON form.
    public var display: String { Self.displays[minutes] }
    /// Every minute's `display`, made once (lists show thousands of times).
    static let displays: [String] = (0..<minutesInDay).map { LocalDate.padded($0 / 60, 2) + ":" + LocalDate.padded($0 % 60, 2) }
    public var description: String { display }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }

    /// This time plus `minutes` (which may be negative), or nil when that
    /// leaves the day (a diary time never wraps past midnight).
    public func adding(minutes delta: Int) -> ClockTime? { ClockTime(minutes: minutes + delta) }

    /// Minutes from this time to `later` (negative when `later` is earlier).
    public func minutes(until later: ClockTime) -> Int { later.minutes - minutes }

    public static let rule = "must be a time of day from 00:00 to 23:59, typed as 09:00, 9:00, 9.00 or 0900"

    /// The storage form `HH:MM` only, read as bytes (lists read thousands).
    public init?(stored text: String) {
        var hour = 0, minute = 0, position = 0
        for byte in text.utf8 {
            if position == 2 { guard byte == 58 else { return nil } } else {
                guard (48...57).contains(byte), position < 5 else { return nil }
                if position < 2 { hour = hour * 10 + Int(byte - 48) } else { minute = minute * 10 + Int(byte - 48) }
            }
            position += 1
        }
        guard position == 5 else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// Parses `09:00`, `9:00`, `9.00` and `0900` (24-hour clock; surrounding
    /// spaces ignored). Refuses `24:00`, `9:5`, `900`, `9am` and seconds.
    public static func parse(_ raw: String) -> ClockTime? {
        if let stored = ClockTime(stored: raw) { return stored }
        let text = raw.trimmingCharacters(in: .whitespaces)
        func digits(_ part: Substring) -> Int? {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        if let separator = text.firstIndex(where: { $0 == ":" || $0 == "." }) {
            let hourPart = text[..<separator], minutePart = text[text.index(after: separator)...]
            guard (1...2).contains(hourPart.count), minutePart.count == 2,
                  let hour = digits(hourPart), let minute = digits(minutePart) else { return nil }
            return ClockTime(hour: hour, minute: minute)
        }
        guard text.count == 4, let hour = digits(text.prefix(2)), let minute = digits(text.suffix(2)) else { return nil }
        return ClockTime(hour: hour, minute: minute)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ClockTime.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid time \(text)"))
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(display)
    }
}
