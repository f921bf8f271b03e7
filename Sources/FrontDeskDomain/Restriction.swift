import Foundation

/// A restricted record (a member of staff, a safeguarding case): search lists
/// it masked, and it opens only with a reason, which is audited and reported.
public struct Restriction: Sendable, Hashable, Codable {
    public var reason: String
    public var restrictedBy: String
    public var restrictedAt: Date
    public init(reason: String, restrictedBy: String, restrictedAt: Date) {
        self.reason = reason; self.restrictedBy = restrictedBy; self.restrictedAt = restrictedAt
    }
}

/// Why someone opens a restricted record ("break glass"): one of a short list,
/// or "other" with words of its own.
public struct AccessReason: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case patientPresent = "patient_present"
        case appointment = "appointment"
        case enquiry = "enquiry"
        case safeguarding = "safeguarding"
        case other = "other"

        public var label: String {
            switch self {
            case .patientPresent: return "the patient is here at the desk"
            case .appointment: return "booking or changing the patient's appointment"
            case .enquiry: return "answering the patient's own enquiry"
            case .safeguarding: return "safeguarding"
            case .other: return "other (say why)"
            }
        }
    }

    public var kind: Kind
    /// Required for `other`; optional words for the rest.
    public var note: String?

    public init(kind: Kind, note: String? = nil) { self.kind = kind; self.note = note }

    public static let rule = "must be one of " + Kind.allCases.map(\.rawValue).joined(separator: ", ")
        + " (other needs words: other:why, e.g. other:correcting the address)"

    /// `safeguarding`, `appointment:moving to Tuesday`, `other:why`.
    public static func parse(_ text: String) -> Result<AccessReason, FieldError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let (head, tail) = PatientFields.splitOnce(trimmed)
        guard let kind = Kind(rawValue: head.lowercased().replacingOccurrences(of: "-", with: "_")) else {
            return .failure(FieldError(field: "reason", reason: rule))
        }
        if let tail, !PatientFields.isPlainText(tail) || tail.count > 200 {
            return .failure(FieldError(field: "reason", reason: "the words after the reason must be plain text of at most 200 characters"))
        }
        if kind == .other && (tail ?? "").trimmingCharacters(in: .whitespaces).count < 5 {
            return .failure(FieldError(field: "reason", reason: "other needs words saying why (at least 5 characters), as in other:correcting the address"))
        }
        return .success(AccessReason(kind: kind, note: tail))
    }

    public var description: String { kind.label + (note.map { ": " + $0 } ?? "") }
}
