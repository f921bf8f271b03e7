import Foundation
import FrontDeskDomain

/// Which open enquiries the queue shows (F5).
public enum EnquiryFilter: String, Hashable, Sendable, CaseIterable {
    case mine, myTeam = "my_team", escalated, all

    public var label: String {
        switch self {
        case .mine: return "Mine"
        case .myTeam: return "My team"
        case .escalated: return "Escalated"
        case .all: return "All open"
        }
    }
}

/// A change to an enquiry from its detail view.
public enum EnquiryChange: Hashable, Sendable {
    case note(String)
    /// The caller was rung back: what was said.
    case calledBack(String)
    /// A callback promised by a time (nil: the default for its priority).
    case callbackLater(Date?)
    case refer(team: String, note: String?)
    case escalate(note: String?)
    case close(outcome: String)
}

/// What the enquiries pane asks of the domain (one effect, `.enquiry`), each
/// through `EnquiryService` with the acting user.
public enum EnquiryCall: Hashable, Sendable {
    /// The queue of a filter, with the teams for referral and the overdue count.
    case queue(generation: Int, EnquiryFilter)
    /// How many callbacks of mine are overdue (the top line).
    case overdueCount
    /// The inline patient search of the new-enquiry form.
    case findPatient(generation: Int, text: String)
    /// The identity gate during the call, before it is logged.
    case checkCall(CallerDetails, patient: String, claim: IdentityClaim?)
    case log(EnquiryRequest)
    /// An enquiry with its history and what may be said now (audited).
    case show(id: Int64)
    /// A fresh identity check on a logged enquiry (a callback), with what may be said then.
    case verify(id: Int64, IdentityClaim)
    case change(id: Int64, EnquiryChange)
    /// A patient's enquiries and sharing consents, for the record (`reason`: a restricted record's opening reason).
    case forPatient(patientID: Int64, mrn: String, reason: AccessReason?)
    /// Records a patient's consent to share with a relative or carer (the record's C).
    case recordConsent(patientID: Int64, mrn: String, person: String, relationship: String, scopes: Set<SharingScope>,
                       reason: AccessReason?)
    /// Withdraws one (kept, never deleted), saying why (the record's W).
    case withdrawConsent(patientID: Int64, mrn: String, id: Int64, why: String, reason: AccessReason?)
}

/// One enquiry opened in the pane.
public struct EnquiryShown: Hashable, Sendable {
    public var enquiry: Enquiry
    public var history: [EnquiryEvent]
    public var disclosure: Disclosure
    public init(enquiry: Enquiry, history: [EnquiryEvent], disclosure: Disclosure) {
        self.enquiry = enquiry; self.history = history; self.disclosure = disclosure
    }
}

/// The answers to `EnquiryCall`.
public enum EnquiryAnswer: Hashable, Sendable {
    case queue(generation: Int, [Enquiry], teams: [Team], myTeams: [String], overdue: Int)
    case overdue(Int)
    case patients(generation: Int, [PatientSummary])
    case checked(CallCheck)
    case logged(Enquiry)
    case shown(EnquiryShown)
    /// A fresh check: the result, and the enquiry as it now stands.
    case verified(IdentityResult, EnquiryShown)
    case changed(EnquiryShown, EnquiryChange)
    case forPatient(patientID: Int64, [Enquiry], consents: [SharingConsent])
    /// A consent recorded or withdrawn, and the patient's consents now.
    case consentChanged(patientID: Int64, SharingConsent, withdrawn: Bool, consents: [SharingConsent])
}

extension PatientDesk {
    func enquiryService() throws -> EnquiryService {
        guard let enquiries else { throw DeskFailure(message: AppState.enquiriesNotAvailable) }
        return enquiries
    }

    func shown(_ service: EnquiryService, _ id: Int64) throws -> EnquiryShown {
        let (enquiry, history) = try service.show(enquiry: id, by: user)
        return EnquiryShown(enquiry: enquiry, history: history, disclosure: try service.disclosure(enquiry: id, by: user))
    }

    public func enquiryDesk(_ call: EnquiryCall) throws -> EnquiryAnswer {
        let service = try enquiryService()
        switch call {
        case .queue(let generation, let filter):
            let member = try service.access.member(user)
            let teams = try service.access.staff.teams().filter(\.active)
            var query = EnquiryQuery()
            switch filter {
            case .mine: query.takenBy = user.login
            case .myTeam: query.teams = Set(member.teams)
            case .escalated: query.escalatedOnly = true
            case .all: break
            }
            let list = filter == .myTeam && member.teams.isEmpty ? [] : try service.queue(query, by: user)
            return .queue(generation: generation, list, teams: teams, myTeams: member.teams,
                          overdue: try service.overdueCallbacks(of: user))
        case .overdueCount:
            return .overdue(try service.overdueCallbacks(of: user))
        case .findPatient(let generation, let text):
            return .patients(generation: generation, try search(text, limit: 5).results)
        case .checkCall(let caller, let patient, let claim):
            return .checked(try service.checkCall(caller, patient: patient, claim: claim, by: user))
        case .log(let request):
            return .logged(try service.log(request, by: user))
        case .show(let id):
            return .shown(try shown(service, id))
        case .verify(let id, let claim):
            let verification = try service.verify(enquiry: id, claim, by: user)
            return .verified(verification.result, try shown(service, id))
        case .change(let id, let change):
            switch change {
            case .note(let text): _ = try service.note(enquiry: id, text, by: user)
            case .calledBack(let text): _ = try service.calledBack(enquiry: id, text, by: user)
            case .callbackLater(let due): _ = try service.promiseCallback(enquiry: id, by: due, user: user)
            case .refer(let team, let note): _ = try service.refer(enquiry: id, to: team, note: note, by: user)
            case .escalate(let note): _ = try service.escalate(enquiry: id, note: note, by: user)
            case .close(let outcome): _ = try service.close(enquiry: id, outcome: outcome, by: user)
            }
            return .changed(try shown(service, id), change)
        case .forPatient(let patientID, let mrn, let reason):
            let list = try service.queue(EnquiryQuery(openOnly: false, patientID: patientID, limit: 20), reason: reason, by: user)
            return .forPatient(patientID: patientID, list, consents: try service.consents(patient: mrn, reason: reason, by: user).consents)
        case .recordConsent(let patientID, let mrn, let person, let relationship, let scopes, let reason):
            let consent = try service.recordConsent(patient: mrn, person: person, relationship: relationship, scopes: scopes,
                                                    reason: reason, by: user)
            return .consentChanged(patientID: patientID, consent, withdrawn: false,
                                   consents: try service.consents(patient: mrn, reason: reason, by: user).consents)
        case .withdrawConsent(let patientID, let mrn, let id, let why, let reason):
            let consent = try service.withdrawConsent(patient: mrn, consent: id, because: why, reason: reason, by: user)
            return .consentChanged(patientID: patientID, consent, withdrawn: true,
                                   consents: try service.consents(patient: mrn, reason: reason, by: user).consents)
        }
    }
}
