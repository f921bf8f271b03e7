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

    @Test("statistics count a callback late against the time its callback-due line keeps (not the words of the line)")
    func lateAgainstDueAt() {
        let hours = WorkingHours(opening: OpeningHours(parsing: "08:30-17:00")!, calendar: WorkingCalendar())
        func at(_ day: String, _ time: String) -> Date {
            CentreTime.startOfDay(LocalDate(iso: day)!).addingTimeInterval(TimeInterval(ClockTime.parse(time)!.minutes * 60))
        }
        var e = enquiry(.gpPractice, organisation: "Riverside Surgery", phone: "0151 555 0100")
        e.receivedAt = at("2026-11-24", "09:41")
        let events = [
            EnquiryEvent(enquiryID: 1, at: at("2026-11-24", "09:41"), user: "clerk1", kind: .callbackDue, fromStatus: .open,
                         toStatus: .awaitingCallback, detail: "callback due tomorrow morning", dueAt: at("2026-11-25", "09:41")),
            EnquiryEvent(enquiryID: 1, at: at("2026-11-25", "11:11"), user: "clerk1", kind: .calledBack, fromStatus: .awaitingCallback,
                         toStatus: .open, detail: "called back: gave the date"),
        ]
        let day = LocalDate(iso: "2026-11-24")!
        let stats = EnquiryStats.count([EnquiryHistory(enquiry: e, events: events)], from: day, to: day, hours: hours, now: at("2026-11-26", "09:00"))
        #expect(stats.callbacksMade == 1)
        #expect(stats.callbacksLate == 1)
        #expect(stats.lateWorkingMinutes == 90)
    }

    @Test("the default callback time: routine one working day later in working time, urgent two working hours; the history line names it")
    func defaultDue() {
        let hours = WorkingHours(opening: OpeningHours(parsing: "08:30-17:00")!, calendar: WorkingCalendar())
        let tuesday = CentreTime.startOfDay(LocalDate(iso: "2026-11-24")!).addingTimeInterval(TimeInterval((9 * 60 + 41) * 60))
        let routine = EnquiryService.defaultCallbackDue(at: tuesday, priority: .routine, hours: hours, settings: .defaults)
        let urgent = EnquiryService.defaultCallbackDue(at: tuesday, priority: .urgent, hours: hours, settings: .defaults)
        #expect(EnquiryService.callbackDueLine(routine) == "callback due Wed 25-Nov-2026 09:41")
        #expect(EnquiryService.callbackDueLine(urgent) == "callback due Tue 24-Nov-2026 11:41")
    }
}
