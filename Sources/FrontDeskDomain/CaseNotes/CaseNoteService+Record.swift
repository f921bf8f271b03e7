import Foundation

extension CaseNoteService {
    /// The volumes of a record already opened (its Case notes section): not
    /// audited again — the opening was, and for a restricted record it needed a reason.
    public func volumes(ofOpened patient: Patient, by user: ActingUser) throws -> CaseNoteRecord {
        try access.require(.viewRecord, user)
        guard let id = patient.id else { return CaseNoteRecord(patient: patient, volumes: [], history: []) }
        return try notes.read { tx in
            CaseNoteRecord(patient: patient, volumes: try tx.volumes(patientID: id), history: [])
        }
    }
}
