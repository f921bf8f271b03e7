import Foundation
import FrontDeskDomain

/// What the record and the checklist pane ask about paper case notes, each
/// through `CaseNoteService` with the acting user.
public enum CaseNotesCall: Hashable, Sendable {
    /// Where the volumes of the record open are (its opening was audited: not audited again).
    case forPatient(Patient)
    /// Moves one volume (or every volume when nil) to a location as typed (`library:A12`, `clinic:onc_fu@main`, …).
    case move(patientID: Int64, mrn: String, volume: Int?, to: String, note: String?, reason: AccessReason?)
    /// The volumes to fetch for a date's clinics (of a site), in terminal-digit order.
    case pullList(date: LocalDate, site: String?)
}

public enum CaseNotesAnswer: Hashable, Sendable {
    case record(patientID: Int64, CaseNoteRecord)
    /// The volumes moved, as they now stand.
    case moved(patientID: Int64, [CaseNoteVolume])
    case pullList(PullList)
}

extension PatientDesk {
    public func caseNotesDesk(_ call: CaseNotesCall) throws -> CaseNotesAnswer {
        guard let caseNotes else { throw DeskFailure(message: AppState.caseNotesNotAvailable) }
        switch call {
        case .forPatient(let patient):
            return .record(patientID: patient.id ?? 0, try caseNotes.volumes(ofOpened: patient, by: user))
        case .move(let id, let mrn, let volume, let to, let note, let reason):
            let location: CaseNoteLocation
            switch CaseNoteLocation.parse(to, field: "to") {
            case .success(let parsed): location = parsed
            case .failure(let problem): throw problem
            }
            let moved = try caseNotes.move(patient: mrn, volume: volume, to: location, note: note, reason: reason, by: user)
            return .moved(patientID: id, moved)
        case .pullList(let date, let site):
            return .pullList(try caseNotes.pullList(date: date, siteCode: site, by: user))
        }
    }
}
