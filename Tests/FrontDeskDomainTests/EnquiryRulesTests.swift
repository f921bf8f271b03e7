import Foundation
import Testing
import FrontDeskDomain

/// Routing, closing and disclosure rules of enquiries (issue 7).
@Suite("enquiry rules")
struct EnquiryRulesTests {
    func enquiry(_ caller: Enquiry.CallerType, _ category: Enquiry.Category = .appointmentQuery, identity: Enquiry.Identity = .notChecked,
                 team: String? = nil, organisation: String? = nil, phone: String? = nil) -> Enquiry {
        Enquiry(id: 1, receivedAt: Date(timeIntervalSince1970: 0), channel: .telephone, callerType: caller, callerName: "Caller",
                callerPhone: phone, organisation: organisation, patientID: 7, patientMRN: "FD0000007", category: category,
                priority: .routine, summary: "asks about Tuesday", safeguarding: false, aggression: false, status: .open,
                identity: identity, callbackDue: nil, team: team, takenBy: "clerk1", outcome: nil)
    }

    @Test("a results or clinical question can only be referred to the clinical team or the key worker, never resolved at the desk")
    func clinicalQuestions() throws {
        #expect(throws: ValidationError.self) {
            try EnquiryRules.check(.resolved(outcome: "told the result"), category: .resultsOrClinical, safeguarding: false, aggression: false)
        }
        #expect(throws: ValidationError.self) {
            try EnquiryRules.check(.refer(team: "front_desk"), category: .resultsOrClinical, safeguarding: false, aggression: false)
        }
        #expect(throws: ValidationError.self) {
            try EnquiryRules.check(.callback(by: nil), category: .medication, safeguarding: false, aggression: false)
        }
        try EnquiryRules.check(.refer(team: "clinical"), category: .resultsOrClinical, safeguarding: false, aggression: false)
        try EnquiryRules.check(.refer(team: "specialist_nurses"), category: .medication, safeguarding: false, aggression: false)
        // Closed only by the answer of the team it went to.
        let referred = enquiry(.patient, .resultsOrClinical, team: "clinical")
        #expect(throws: ValidationError.self) { try EnquiryRules.checkClose(referred, outcome: "told it is fine", byTeamOf: ["front_desk"]) }
        try EnquiryRules.checkClose(referred, outcome: "Dr Okafor rang the patient back", byTeamOf: ["clinical"])
    }

    @Test("safeguarding and aggression are always escalated; an outcome line is required to resolve")
    func escalationAndOutcome() throws {
        let error = try #require(throws: ValidationError.self) {
            try EnquiryRules.check(.resolved(outcome: "calmed down"), category: .complaint, safeguarding: false, aggression: true)
        }
        #expect(error.errors.first?.field == "route")
        try EnquiryRules.check(.escalate, category: .other, safeguarding: true, aggression: false)
        #expect(throws: ValidationError.self) {
            try EnquiryRules.check(.resolved(outcome: "ok"), category: .directions, safeguarding: false, aggression: false)
        }
        try EnquiryRules.check(.resolved(outcome: "gave directions to the car park"), category: .directions, safeguarding: false, aggression: false)
        #expect(EnquiryRules.status(after: .callback(by: nil)) == .awaitingCallback)
        #expect(EnquiryRules.status(after: .resolved(outcome: "done and dusted")) == .closed)
    }

    @Test("nothing is disclosed before the identity matches; a relative only within the patient's consent; professionals on organisation and number")
    func disclosure() {
        let consent = SharingConsent(person: "Aoife Byrne", relationship: "daughter", scopes: [.appointments], recordedBy: "clerk1",
                                     recordedAt: LocalDate(iso: "2026-10-01")!)
        #expect(!EnquiryRules.mayDisclose(enquiry(.patient), consent: nil, scope: .appointments))
        #expect(EnquiryRules.mayDisclose(enquiry(.patient, identity: .confirmed), consent: nil, scope: .appointments))
        #expect(!EnquiryRules.mayDisclose(enquiry(.patient, identity: .mismatch), consent: nil, scope: .appointments))
        #expect(!EnquiryRules.mayDisclose(enquiry(.relativeOrCarer, identity: .confirmed), consent: nil, scope: .appointments))
        #expect(EnquiryRules.mayDisclose(enquiry(.relativeOrCarer, identity: .confirmed), consent: consent, scope: .appointments))
        #expect(!EnquiryRules.mayDisclose(enquiry(.relativeOrCarer, identity: .confirmed), consent: consent, scope: .generalCondition))
        #expect(!EnquiryRules.mayDisclose(enquiry(.gpPractice), consent: nil, scope: .appointments))
        #expect(EnquiryRules.mayDisclose(enquiry(.gpPractice, organisation: "Riverside Surgery", phone: "0151 555 0100"), consent: nil,
                                         scope: .appointments))
        #expect(EnquiryRules.identity(callerType: .relativeOrCarer, hasPatient: true) == .notChecked)
        #expect(EnquiryRules.identity(callerType: .gpPractice, hasPatient: true) == .notNeeded)
        #expect(EnquiryRules.identity(callerType: .patient, hasPatient: false) == .notNeeded)
    }
}
