import Foundation

/// Opening (or changing) part of a patient's record from a service other than
/// `PatientService` — a course, an enquiry, a consent: one rule for all.
public enum RecordOpening {
    /// How long a break-glass opening of a restricted record lets the same person
    /// go on working on it without a new reason.
    public static let breakGlassMinutes = 30

    /// Audits the opening: a view, or for a restricted record break-glass access
    /// with the reason given — refused without one, unless this person opened the
    /// record with a reason in the last `breakGlassMinutes` (the terminal UI asks
    /// on opening the record). `brokeGlass(patientID, login, since)` and `append`
    /// are the transaction's.
    static func audit(_ person: Patient, reason: AccessReason?, user: ActingUser, at: Date, _ what: String,
                      brokeGlass: (Int64, String, Date) throws -> Bool, append: (AuditEntry) throws -> Void) throws {
        guard person.restriction != nil else {
            try append(AuditEntry(occurredAt: at, user: user.login, action: .view, patientID: person.id, patientMRN: person.mrn,
                                  detail: what))
            return
        }
        if let reason {
            try append(AuditEntry(occurredAt: at, user: user.login, action: .breakGlass, patientID: person.id,
                                  patientMRN: person.mrn, detail: "\(what) of restricted record: \(reason)"))
            return
        }
        guard let id = person.id, try brokeGlass(id, user.login, at.addingTimeInterval(-Double(breakGlassMinutes * 60))) else {
            throw PatientError.restricted(person.mrn)
        }
        try append(AuditEntry(occurredAt: at, user: user.login, action: .breakGlass, patientID: id, patientMRN: person.mrn,
                              detail: "\(what) of restricted record (within \(breakGlassMinutes) minutes of opening it with a reason)"))
    }
}
