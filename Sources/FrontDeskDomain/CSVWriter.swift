/// Writing comma-separated values that `CSVReader` (and a spreadsheet) reads
/// back: every CSV output of FrontDesk writes its cells through here.
public enum CSVWriter {
    /// A cell for a file a person opens in a spreadsheet: quoted when needed,
    /// and a value a spreadsheet would run as a formula (starting `=`, `+`, `@`,
    /// or `-` followed by more than dashes) given a leading apostrophe.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+@".contains(first) || (first == "-" && v.count > 1 && !v.allSatisfy({ $0 == "-" })) { v = "'" + v }
        return quoted(v)
    }

    /// The value in double quotes (a quote doubled) when it holds a comma, a
    /// quote or a line break; otherwise as it is. Nothing else is changed: for
    /// data that is read back by a program (an import file).
    public static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record: the cells through `field`, separated by commas, with no line break.
    public static func row(_ values: [String]) -> String { values.map(field).joined(separator: ",") }
}
