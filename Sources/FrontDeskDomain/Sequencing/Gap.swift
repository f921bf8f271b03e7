/// A length of time in a protocol rule: `2h`, `30m`, `3d`, `1wd`.
///
/// - `m`, `h`: from the end of one step to the start of the next (clock time);
/// - `d`: calendar days between their dates;
/// - `wd`: working days between their dates — the working days d with
///   date(after) < d ≤ date(step) (DOMAIN.md).
public struct Gap: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Unit: String, Sendable, Hashable, Codable, CaseIterable {
        case minutes = "m", hours = "h", days = "d", workingDays = "wd"

        /// Units that can be compared with one another.
        var family: Int { self == .minutes || self == .hours ? 0 : self == .days ? 1 : 2 }
    }

    public var value: Int
    public var unit: Unit

    public init(_ value: Int, _ unit: Unit) { self.value = value; self.unit = unit }

    public static let rule = "must be a whole number and a unit: m (minutes), h (hours), d (calendar days) or wd (working days), e.g. 2h, 3d, 1wd"

    /// `2h`, `30m`, `3d`, `1wd` (spaces and case ignored); nil otherwise.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4, let value = Int(digits), let unit = Unit(rawValue: String(t.dropFirst(digits.count))) else {
            return nil
        }
        self.init(value, unit)
    }

    public var description: String { "\(value)\(unit.rawValue)" }

    /// Minutes, for comparing `m` and `h`; days for `d`, working days for `wd`.
    var magnitude: Int { unit == .hours ? value * 60 : value }

    /// Whether the two can be compared (the same family of units), and `self` is longer.
    func exceeds(_ other: Gap) -> Bool { unit.family == other.unit.family && magnitude > other.magnitude }
}
