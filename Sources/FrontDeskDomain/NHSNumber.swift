/// A valid NHS number: ten digits passing the Modulus 11 check (NHS Data
/// Dictionary), and not one of the all-same-digit "unknown" fillers (local rule).
public struct NHSNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ten digits, no separators.
    public let digits: String

    public enum Problem: Error, Equatable, Sendable {
        case empty
        case wrongLength(Int)
        case notDigits
        case checkDigitTen
        case wrongCheckDigit
        case repeatedDigits

        public var reason: String {
            switch self {
            case .empty: return "is empty"
            case .wrongLength(let n): return "must be 10 digits (got \(n))"
            case .notDigits: return "may contain only digits, spaces and dashes"
            case .checkDigitTen: return "fails the Modulus 11 check (the check works out as 10, so this number is never issued)"
            case .wrongCheckDigit: return "fails the Modulus 11 check (the last digit is not the check digit)"
            case .repeatedDigits: return "has all ten digits the same: such numbers are placeholders for 'unknown', not real NHS numbers"
            }
        }
    }

    /// Parses what a clerk typed: ten digits with optional spaces or dashes.
    public static func parse(_ text: String) -> Result<NHSNumber, Problem> {
        var digits: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": digits.append(UInt8(scalar.value - 48))
            case "-": continue
            case _ where scalar.properties.isWhitespace: continue
            default: return .failure(.notDigits)
            }
        }
        if digits.isEmpty { return .failure(.empty) }
        guard digits.count == 10 else { return .failure(.wrongLength(digits.count)) }
        var sum = 0
        for index in 0..<9 { sum += Int(digits[index]) * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        if check == 10 { return .failure(.checkDigitTen) }
        guard check == Int(digits[9]) else { return .failure(.wrongCheckDigit) }
        if Set(digits).count == 1 { return .failure(.repeatedDigits) }
        return .success(NHSNumber(digits: String(digits.map { Character(String($0)) })))
    }

    public init?(_ text: String) {
        guard case .success(let number) = NHSNumber.parse(text) else { return nil }
        self = number
    }

    private init(digits: String) { self.digits = digits }

    /// A number as the database holds it, taken as it is: a record written under
    /// other rules (or by hand) is shown and kept, never silently dropped.
    public init(stored digits: String) { self.digits = digits }

    /// `943 476 5919`
    public var formatted: String {
        let chars = Array(digits)
        guard chars.count == 10 else { return digits }
        return String(chars[0..<3]) + " " + String(chars[3..<6]) + " " + String(chars[6..<10])
    }

    public var description: String { formatted }

    /// The check digit for nine leading digits, or nil when it would be 10.
    public static func checkDigit(for nine: [Int]) -> Int? {
        precondition(nine.count == 9)
        var sum = 0
        for index in 0..<9 { sum += nine[index] * (10 - index) }
        var check = 11 - sum % 11
        if check == 11 { check = 0 }
        return check == 10 ? nil : check
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let number = NHSNumber(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid NHS number"))
        }
        self = number
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

/// FHIR UK Core NHSNumberVerificationStatus.
public enum NHSNumberStatus: String, Sendable, Codable, CaseIterable {
    case presentVerified = "01"
    case presentNotTraced = "02"
    case traceRequired = "03"
    case traceAttemptedNoMatch = "04"
    case traceNeedsResolution = "05"
    case traceInProgress = "06"
    case numberNotPresentNoTrace = "07"
    case tracePostponed = "08"

    public var label: String {
        switch self {
        case .presentVerified: return "number present and verified"
        case .presentNotTraced: return "number present but not traced"
        case .traceRequired: return "trace required"
        case .traceAttemptedNoMatch: return "trace attempted - no match or multiple match found"
        case .traceNeedsResolution: return "trace needs to be resolved"
        case .traceInProgress: return "trace in progress"
        case .numberNotPresentNoTrace: return "number not present and trace not required"
        case .tracePostponed: return "trace postponed (baby under six weeks old)"
        }
    }
}
