/// Why a patient operation was refused, in words a clerk can act on.
public struct PatientError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case notFound(String)
        case duplicateNHSNumber(PatientSummary)
        case duplicateHospitalNumber(PatientSummary)
        case likelyDuplicates([PatientSummary])
        case restricted(String)
        case mergeRefused(String)
    }
    let kind: Kind

    public static func notFound(_ reference: String) -> PatientError { .init(kind: .notFound(reference)) }
    public static func duplicateNHSNumber(_ existing: PatientSummary) -> PatientError { .init(kind: .duplicateNHSNumber(existing)) }
    public static func duplicateHospitalNumber(_ existing: PatientSummary) -> PatientError { .init(kind: .duplicateHospitalNumber(existing)) }
    public static func likelyDuplicates(_ candidates: [PatientSummary]) -> PatientError { .init(kind: .likelyDuplicates(candidates)) }
    /// A restricted record asked for without a reason.
    public static func restricted(_ mrn: String) -> PatientError { .init(kind: .restricted(mrn)) }
    public static func mergeRefused(_ why: String) -> PatientError { .init(kind: .mergeRefused(why)) }

    public var isRestricted: Bool { restrictedMRN != nil }
    /// The hospital number of the restricted record asked for without a reason.
    public var restrictedMRN: String? { if case .restricted(let mrn) = kind { return mrn }; return nil }
    public var isMergeRefused: Bool { if case .mergeRefused = kind { return true }; return false }

    /// The records this refusal points at (the existing duplicate or the likely ones).
    public var candidates: [PatientSummary] {
        switch kind {
        // Whose number it is is never said: the record may be restricted, and
        // the clerk finds it by searching for the number anyway.
        case .notFound, .duplicateNHSNumber, .duplicateHospitalNumber, .restricted, .mergeRefused: return []
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
        case .restricted: return "reason"
        case .mergeRefused: return "merge"
        }
    }

    public var description: String { "\(field): \(reason)" }

    /// The rule broken, in words (without the field name).
    public var reason: String {
        switch kind {
        case .notFound(let reference):
            return "no patient has hospital number or NHS number \(reference)"
        case .duplicateNHSNumber:
            return "is already registered: one NHS number, one record (search for the number to find it)"
        case .duplicateHospitalNumber:
            return "is already in use: hospital numbers are unique"
        case .restricted(let mrn):
            return "\(mrn) is a restricted record: give a reason to open it (\(AccessReason.rule)); the opening is audited and reported to the manager"
        case .mergeRefused(let why):
            return why
        case .likelyDuplicates(let list):
            let names = list.prefix(3).map {
                $0.restricted ? "a restricted record, hospital number \($0.mrn)"
                    : "\($0.displayName) born \($0.dateOfBirth.display), hospital number \($0.mrn)"
            }
            return "likely duplicate of " + names.joined(separator: "; ")
                + " (same date of birth and a similar name). Check it is not the same person; if it is not, confirm (--confirm-not-duplicate)"
        }
    }
}
