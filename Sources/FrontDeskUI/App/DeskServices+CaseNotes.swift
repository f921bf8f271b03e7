import Foundation
import FrontDeskDomain

/// What the record and the checklist pane ask about paper case notes, each
/// through `CaseNoteService` with the acting user.
public enum CaseNotesCall: Hashable, Sendable {
    /// Where a patient's volumes are, with their history (audited as a view; `reason`: a restricted record's).
    case forPatient(patientID: Int64, mrn: String, reason: AccessReason?)
    /// Moves one volume (or every volume when nil) to a location as typed (`library:A12`, `clinic:onc_fu@main`, …).
    case move(patientID: Int64, mrn: String, volume: Int?, to: String, note: String?, reason: AccessReason?)
    /// The volumes to fetch for a date's clinics (of a site), in terminal-digit order.
    case pullList(date: LocalDate, site: String?)
}

public enum CaseNotesAnswer: Hashable, Sendable {
    case record(patientID: Int64, CaseNoteRecord)
    case moved(patientID: Int64, [CaseNoteVolume], CaseNoteRecord)
    case pullList(PullList)
}

extension PatientDesk {
    public func caseNotesDesk(_ call: CaseNotesCall) throws -> CaseNotesAnswer {
        guard let caseNotes else { throw DeskFailure(message: AppState.caseNotesNotAvailable) }
        switch call {
        case .forPatient(let id, let mrn, let reason):
            return .record(patientID: id, try caseNotes.whereAre(patient: mrn, reason: reason, by: user))
        case .move(let id, let mrn, let volume, let to, let note, let reason):
            let location: CaseNoteLocation
            switch CaseNoteLocation.parse(to, field: "to") {
            case .success(let parsed): location = parsed
            case .failure(let problem): throw problem
            }
            let moved = try caseNotes.move(patient: mrn, volume: volume, to: location, note: note, reason: reason, by: user)
            return .moved(patientID: id, moved, try caseNotes.whereAre(patient: mrn, reason: reason, by: user))
        case .pullList(let date, let site):
            return .pullList(try caseNotes.pullList(date: date, siteCode: site, by: user))
        }
    }
}
