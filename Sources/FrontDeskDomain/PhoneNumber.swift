/// A telephone number as people type it, with the key used to find it.
///
/// UK numbers are keyed in national form (`01515565000`) whether typed as
/// `0151 556 5000`, `+44 151 556 5000`, `+44 (0)151 556-5000` or `0044 151…`;
/// other international numbers keep their `+` and digits.
public enum PhoneNumber {
    public static let rule = "must be a UK telephone number of 10 or 11 digits starting with 0 (or +44), or an international number starting with +"

    /// The search key, or nil when the text is not a telephone number.
    public static func key(_ text: String) -> String? {
        var digits = ""
        var plus = false
        for (index, c) in text.enumerated() {
            if c.isASCII && c.isNumber { digits.append(c) }
            else if c == "+" && index == 0 { plus = true }
            else if c.isWhitespace || c == "-" || c == "(" || c == ")" || c == "." { continue }
            else { return nil }
        }
        if !plus && digits.hasPrefix("00") { plus = true; digits.removeFirst(2) }
        if plus {
            if digits.hasPrefix("44") {
                var national = String(digits.dropFirst(2))
                if national.hasPrefix("0") { national.removeFirst() } // +44 (0)151…
                digits = "0" + national
            } else {
                // No country code starts with 0.
                return (8...15).contains(digits.count) && !digits.hasPrefix("0") ? "+" + digits : nil
            }
        }
        guard digits.hasPrefix("0"), !digits.hasPrefix("00"), (10...11).contains(digits.count) else { return nil }
        return digits
    }

    /// National display form with the usual groupings: `0151 556 5000`, `07700 900123`, `020 7946 0000`.
    public static func display(_ key: String) -> String {
        guard !key.hasPrefix("+"), key.count == 11 else { return key }
        let c = Array(key)
        if key.hasPrefix("02") { return String(c[0..<3]) + " " + String(c[3..<7]) + " " + String(c[7...]) }
        if key.hasPrefix("01") && (c[2] == "1" || c[3] == "1") {
            return String(c[0..<4]) + " " + String(c[4..<7]) + " " + String(c[7...])
        }
        return String(c[0..<5]) + " " + String(c[5...])
    }
}
