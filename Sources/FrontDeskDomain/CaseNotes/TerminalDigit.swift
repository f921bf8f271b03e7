/// The shelving key of a hospital number in a medical records library filed in
/// terminal-digit order: of the number's last six digits, the last two
/// (primary: the section of shelving), then the middle two (secondary: the
/// shelf), then the first two (tertiary: the place on the shelf).
///
/// `123456` → `56-34-12`; `FD0000631` → `31-06-00`.
///
/// - Only the digits of the number count: letters and any other characters
///   are left out wherever they stand (`FD0000631` and `0000631` file
///   together; the centre's `FD` prefix is the same on every number, and a
///   letter inside a number, as some older numbering schemes had, is passed
///   over so the folder still files by its digits).
/// - Fewer than six digits are padded with zeros on the left (`631` → `31-06-00`).
/// - Digits before the last six do not change the key; two numbers with the
///   same key are ordered by all their digits (as a number), then by the
///   number as written.
/// - A number with no digit at all has no key (`key` is nil, shown `--`) and
///   comes after every number that has one.
public struct TerminalDigit: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The hospital number as written.
    public let hospitalNumber: String
    /// `56-34-12`, or nil for a number without digits.
    public let key: String?
    /// Every digit of the number, leading zeros dropped ("" when none): the tie-break.
    let allDigits: String

    public init(_ hospitalNumber: String) {
        self.hospitalNumber = hospitalNumber
        let digits = hospitalNumber.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init)
        guard !digits.isEmpty else { key = nil; allDigits = ""; return }
        let last6 = Array(String(repeating: "0", count: max(0, 6 - digits.count))) + digits.suffix(6)
        key = "\(last6[4])\(last6[5])-\(last6[2])\(last6[3])-\(last6[0])\(last6[1])"
        allDigits = String(String(digits).drop { $0 == "0" })
    }

    /// The primary digits (the last two): the section of shelving.
    public var primary: String? { key.map { String($0.prefix(2)) } }

    public var description: String { key ?? "--" }

    public static func < (a: TerminalDigit, b: TerminalDigit) -> Bool {
        switch (a.key, b.key) {
        case (nil, nil): return a.hospitalNumber < b.hospitalNumber
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?):
            if x != y { return x < y }
            if a.allDigits.count != b.allDigits.count { return a.allDigits.count < b.allDigits.count }
            if a.allDigits != b.allDigits { return a.allDigits < b.allDigits }
            return a.hospitalNumber < b.hospitalNumber
        }
    }

    /// Hospital numbers in terminal-digit order.
    public static func sorted(_ numbers: [String]) -> [String] {
        numbers.map(TerminalDigit.init).sorted().map(\.hospitalNumber)
    }
}
