/// A UK postcode in one of the BS7666 formats (GOV.UK bulk data validation §3):
/// `A9 9AA`, `A99 9AA`, `A9A 9AA`, `AA9 9AA`, `AA99 9AA`, `AA9A 9AA`, and `GIR 0AA`.
/// Stored upper case with one space before the inward code.
public struct Postcode: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `CH63 4JY`
    public let value: String

    /// `CH63`: the outward code (postcode district).
    public var outward: String { value.split(separator: " ").first.map(String.init) ?? value }
    public var description: String { value }

    public static let rule = "must be a UK postcode such as CH63 4JY (formats A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA, GIR 0AA)"

    /// A postcode as the database holds it, taken as it is (a BFPO or overseas
    /// address kept from before, say): never silently dropped on reading.
    public init(stored value: String) { self.value = value }

    /// Accepts any case, with or without the space (and extra spaces).
    public init?(_ text: String) {
        let compact = String(text.uppercased().filter { !$0.isWhitespace })
        guard compact.count >= 5, compact.count <= 7 else { return nil }
        let outward = String(compact.dropLast(3))
        let inward = String(compact.suffix(3))
        if compact == "GIR0AA" { value = "GIR 0AA"; return }
        guard Postcode.isOutwardCode(outward), Postcode.isInwardCode(inward) else { return nil }
        value = outward + " " + inward
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let postcode = Postcode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid postcode"))
        }
        self = postcode
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    // Letter positions restricted as in the BS7666 / GOV.UK pattern.
    private static let first = Set("ABCDEFGHIJKLMNOPRSTUWYZ")      // not Q V X
    private static let second = Set("ABCDEFGHKLMNOPQRSTUVWXY")     // not I J Z
    private static let thirdA9A = Set("ABCDEFGHJKPSTUW")
    private static let fourthAA9A = Set("ABEHMNPRVWXY")
    private static let inwardLetters = Set("ABDEFGHJLNPQRSTUWXYZ")  // not C I K M O V

    /// True for an outward code (district) alone, e.g. `CH63`, `W1A`, `M1`; any case.
    public static func isOutwardCode(_ text: String) -> Bool {
        let c = Array(text.uppercased())
        func digit(_ i: Int) -> Bool { c[i].isASCII && c[i].isNumber }
        switch c.count {
        case 2: // A9
            return first.contains(c[0]) && digit(1)
        case 3: // A99, A9A, AA9
            guard first.contains(c[0]) else { return false }
            if digit(1) && digit(2) { return true }
            if digit(1) && thirdA9A.contains(c[2]) { return true }
            return second.contains(c[1]) && digit(2)
        case 4: // AA99, AA9A
            guard first.contains(c[0]), second.contains(c[1]), digit(2) else { return false }
            return digit(3) || fourthAA9A.contains(c[3])
        default:
            return false
        }
    }

    private static func isInwardCode(_ text: String) -> Bool {
        let c = Array(text)
        return c.count == 3 && c[0].isASCII && c[0].isNumber
            && inwardLetters.contains(c[1]) && inwardLetters.contains(c[2])
    }

    /// The normalised outward code when `text` is one, else nil.
    public static func outwardCode(_ text: String) -> String? {
        isOutwardCode(text) ? text.uppercased() : nil
    }
}
