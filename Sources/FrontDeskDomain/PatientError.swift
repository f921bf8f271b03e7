/// Why a patient operation was refused, in words a clerk can act on.
public struct PatientError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case notFound(String)
        case duplicateNHSNumber(PatientSummary)
        case duplicateHospitalNumber(PatientSummary)
        case likelyDuplicates([PatientSummary])
    }
    let kind: Kind

    public static func notFound(_ reference: String) -> PatientError { .init(kind: .notFound(reference)) }
    public static func duplicateNHSNumber(_ existing: PatientSummary) -> PatientError { .init(kind: .duplicateNHSNumber(existing)) }
    public static func duplicateHospitalNumber(_ existing: PatientSummary) -> PatientError { .init(kind: .duplicateHospitalNumber(existing)) }
    public static func likelyDuplicates(_ candidates: [PatientSummary]) -> PatientError { .init(kind: .likelyDuplicates(candidates)) }

    /// The records this refusal points at (the existing duplicate or the likely ones).
    public var candidates: [PatientSummary] {
        switch kind {
        case .notFound: return []
        case .duplicateNHSNumber(let p), .duplicateHospitalNumber(let p): return [p]
        case .likelyDuplicates(let list): return list
        }
    }

    public var isLikelyDuplicate: Bool { if case .likelyDuplicates = kind { return true }; return false }
    public var isNotFound: Bool { if case .notFound = kind { return true }; return false }

    /// The field the refusal is about, for forms.
    public var field: String {
        switch kind {
        case .notFound: return "patient"
        case .duplicateNHSNumber: return "nhs_number"
        case .duplicateHospitalNumber: return "mrn"
        case .likelyDuplicates: return "patient"
        }
    }

    public var description: String { "\(field): \(reason)" }

    /// The rule broken, in words (without the field name).
    public var reason: String {
        switch kind {
        case .notFound(let reference):
            return "no patient has hospital number or NHS number \(reference)"
        case .duplicateNHSNumber(let p):
            return "already belongs to \(p.displayName), hospital number \(p.mrn): one NHS number, one record"
        case .duplicateHospitalNumber(let p):
            return "already belongs to \(p.displayName): hospital numbers are unique"
        case .likelyDuplicates(let list):
            let names = list.prefix(3).map { "\($0.displayName) born \($0.dateOfBirth.display), hospital number \($0.mrn)" }
            return "likely duplicate of " + names.joined(separator: "; ")
                + " (same date of birth and a similar name). Check it is not the same person; if it is not, confirm (--confirm-not-duplicate)"
        }
    }
}
