import Foundation

/// The short codes that name sites, services and clinicians on the command
/// line and in imports (`main`, `onc_new`, `linac-2`), and the checks the three
/// share for names.
public enum DiaryCode {
    public static let rule =
        "must be 2 to 40 lower-case letters, digits, underscores or hyphens, starting with a letter (e.g. onc_new or linac-2)"

    /// Whether `text` is a code as stored: already trimmed and lower case.
    public static func isCode(_ text: String) -> Bool {
        guard (2...40).contains(text.unicodeScalars.count), let first = text.unicodeScalars.first,
              ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// A code as typed, trimmed and with capitals folded (`ONC_New ` → `onc_new`).
    public static func normalised(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    public static let nameMaximum = 100

    /// Appends the problem with a code, if any, and returns it normalised.
    static func checkCode(_ field: String, _ raw: String, into errors: inout [FieldError]) -> String {
        let code = normalised(raw)
        if code.isEmpty { errors.append(FieldError(field: field, reason: "is required")) }
        else if !isCode(code) { errors.append(FieldError(field: field, reason: rule)) }
        return code
    }

    /// Appends the problem with a display name, if any, and returns it trimmed.
    static func checkName(_ field: String, _ raw: String, into errors: inout [FieldError]) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty { errors.append(FieldError(field: field, reason: "is required")) }
        else if name.count > nameMaximum { errors.append(FieldError(field: field, reason: "must be at most \(nameMaximum) characters")) }
        else if !PatientFields.isPlainText(name) { errors.append(FieldError(field: field, reason: PatientFields.plainTextRule)) }
        return name
    }
}
