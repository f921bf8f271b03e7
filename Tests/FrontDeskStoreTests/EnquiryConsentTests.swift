import Foundation
import GRDB
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// Sharing consents on the record (record, list, withdraw), restricted
/// records (a reason, or the same person's break-glass opening in the last
/// half hour), "my team" in the queue, and enquiries and consents following
/// a merge of patients (issue 7). Now is Tue 24-Nov-2026 09:41.
@Suite("enquiries: sharing consent, restricted records, my team, merges")
struct EnquiryConsentTests {
    struct Desk {
        let f: BookingFixture
        let enquiries: EnquiryService
        let patient: Patient
        init() throws {
            f = try BookingFixture()
            enquiries = f.enquiryService()
            patient = try f.enquiryPatient()
        }
        func count(_ sql: String) throws -> Int { try f.database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
        func audit(_ action: String) throws -> [String] {
            try f.database.writer.read {
                try String.fetchAll($0, sql: "SELECT detail FROM audit_event WHERE action = ? ORDER BY id", arguments: [action])
            }
        }
        func daughterCalls() throws -> Enquiry {
            let call = try enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", callerPhone: "07700 900123",
                                                        patient: patient.mrn, category: .appointmentQuery,
                                                        summary: "asks about her mother's appointment", route: .callback(by: nil)), by: clerk)
            _ = try enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1956",
                                                                     postcodeOrAddress: "CH63 4JY"), by: clerk)
            return call
        }
    }

    @Test("recorded, listed (audited as a view) and withdrawn: kept with who, when and why, and from then it covers nobody")
    func withdraw() throws {
        let d = try Desk()
        let consent = try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Aoife Byrne", relationship: "daughter",
                                                    scopes: [.appointments, .transport], by: clerk)
        let call = try d.daughterCalls()
        #expect(try d.enquiries.disclosure(enquiry: call.id, by: clerk).scopes == [.appointments, .transport])
        let listed = try d.enquiries.consents(patient: d.patient.mrn, by: clerk)
        #expect(listed.patient.mrn == d.patient.mrn)
        #expect(listed.consents.map(\.id) == [consent.id])
        #expect(try d.audit("view").contains("listed sharing consents"))

        d.f.clock.set("2026-11-24", "11:00")
        #expect(throws: ValidationError.self) {
            try d.enquiries.withdrawConsent(patient: d.patient.mrn, consent: consent.id, because: "no", by: clerk)
        }
        let unknown = try #require(throws: ValidationError.self) {
            try d.enquiries.withdrawConsent(patient: d.patient.mrn, consent: consent.id + 99, because: "patient asked by phone", by: clerk)
        }
        #expect(unknown.errors.map(\.field) == ["id"])
        let withdrawn = try d.enquiries.withdrawConsent(patient: d.patient.mrn, consent: consent.id, because: "patient asked by phone",
                                                        by: clerk)
        #expect(withdrawn.withdrawnBy == clerk.login)
        #expect(withdrawn.withdrawnAt == d.f.clock.now)
        #expect(withdrawn.withdrawnReason == "patient asked by phone")
        let again = try #require(throws: ValidationError.self) {
            try d.enquiries.withdrawConsent(patient: d.patient.mrn, consent: consent.id, because: "patient asked by phone", by: clerk)
        }
        let why = again.errors.first?.reason ?? ""
        #expect(why.contains("already withdrawn"))
        let kept = try d.enquiries.consents(patient: d.patient.mrn, by: clerk).consents
        #expect(kept.count == 1)
        let reason = kept.first?.withdrawnReason
        #expect(reason == "patient asked by phone")
        let lastEdit = try d.audit("edit").last ?? ""
        #expect(lastEdit == "sharing consent \(consent.id) withdrawn (daughter): patient asked by phone")
        // The daughter's next check finds no consent: nothing may be said.
        let next = try d.daughterCalls()
        let shut = try d.enquiries.disclosure(enquiry: next.id, by: clerk)
        #expect(!shut.isOpen)
        #expect(shut.appointments.isEmpty)
        // Kept, never deleted.
        #expect(throws: DatabaseError.self) { try d.f.database.writer.write { try $0.execute(sql: "DELETE FROM sharing_consent") } }
    }

    @Test("a restricted record: consents need a reason (break-glass, audited) or the same person's opening in the last half hour; nothing written when refused")
    func restricted() throws {
        let d = try Desk()
        let consent = try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Aoife Byrne", relationship: "daughter",
                                                    scopes: [.appointments], by: clerk)
        _ = try d.f.patients.restrict(d.patient.mrn, reason: "member of staff", by: clerk)
        d.f.clock.set("2026-11-24", "10:00")
        #expect(throws: PatientError.self) { try d.enquiries.consents(patient: d.patient.mrn, by: clerk) }
        #expect(throws: PatientError.self) {
            try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Sean Byrne", relationship: "son", scopes: [.transport], by: clerk)
        }
        #expect(throws: PatientError.self) {
            try d.enquiries.withdrawConsent(patient: d.patient.mrn, consent: consent.id, because: "patient asked by phone", by: clerk)
        }
        #expect(try d.count("SELECT count(*) FROM sharing_consent") == 1)
        #expect(try d.count("SELECT count(*) FROM sharing_consent WHERE withdrawn_at IS NOT NULL") == 0)
        #expect(try d.audit("break_glass").isEmpty)

        let listed = try d.enquiries.consents(patient: d.patient.mrn, reason: AccessReason(kind: .enquiry), by: clerk)
        #expect(listed.consents.count == 1)
        let opened = try d.audit("break_glass").last ?? ""
        #expect(opened == "listed sharing consents of restricted record: answering the patient's own enquiry")
        // Within half an hour of that opening, no new reason is asked.
        d.f.clock.set("2026-11-24", "10:25")
        _ = try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Sean Byrne", relationship: "son", scopes: [.transport], by: clerk)
        let carried = try d.audit("break_glass").last ?? ""
        #expect(carried.contains("within 30 minutes"))
        d.f.clock.set("2026-11-24", "11:00")
        #expect(throws: PatientError.self) { try d.enquiries.consents(patient: d.patient.mrn, by: clerk) }
    }

    @Test("a restricted record's disclosure: shut without a reason (nothing read), open with one (break-glass); a bad reason is refused")
    func restrictedDisclosure() throws {
        let d = try Desk()
        _ = try d.f.patients.restrict(d.patient.mrn, reason: "member of staff", by: clerk)
        let gp = try d.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Shah", callerPhone: "0151 555 0100",
                                                    organisation: "Riverside Surgery", patient: d.patient.mrn, category: .appointmentQuery,
                                                    summary: "asks about the next appointment", route: .callback(by: nil)), by: clerk)
        let shut = try d.enquiries.disclosure(enquiry: gp.id, by: clerk)
        #expect(shut.shut == Disclosure.restricted)
        #expect(shut.appointments.isEmpty)
        #expect(try d.audit("break_glass").isEmpty)
        #expect(throws: ValidationError.self) { try d.enquiries.disclosure(enquiry: gp.id, reason: "because", by: clerk) }
        let open = try d.enquiries.disclosure(enquiry: gp.id, reason: "enquiry:GP asking for the date", by: clerk)
        #expect(open.isOpen)
        #expect(open.appointments.count == 1)
        let brokeGlass = try d.audit("break_glass").last ?? ""
        #expect(brokeGlass.hasPrefix("enquiry \(gp.id): opened for the caller (gp practice)"))
        // The same person, a few minutes later: no new reason needed.
        d.f.clock.set("2026-11-24", "09:50")
        #expect(try d.enquiries.disclosure(enquiry: gp.id, by: clerk).isOpen)
    }

    @Test("my team: enquiries referred to any of the acting user's teams")
    func myTeam() throws {
        let d = try Desk()
        _ = try d.f.staff.add(login: "nurse1", displayName: "Nurse One", role: .clerk, teams: ["specialist_nurses", "pharmacy"], by: clerk)
        func refer(_ team: String, _ category: Enquiry.Category = .other) throws -> Enquiry {
            try d.enquiries.log(EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", category: category,
                                               summary: "a question for \(team)", route: .refer(team: team)), by: clerk)
        }
        let nurses = try refer("specialist_nurses", .resultsOrClinical)
        let pharmacy = try refer("pharmacy")
        _ = try refer("transport")
        let nurse = ActingUser(login: "nurse1")
        let teams = try d.enquiries.myTeams(nurse)
        #expect(teams == ["specialist_nurses", "pharmacy"])
        #expect(try d.enquiries.queue(EnquiryQuery(teams: teams), by: nurse).map(\.id) == [nurses.id, pharmacy.id])
        #expect(try d.enquiries.queue(EnquiryQuery(team: "pharmacy", teams: teams), by: nurse).map(\.id) == [pharmacy.id])
        #expect(try d.enquiries.queue(EnquiryQuery(), by: nurse).count == 3)
        #expect(try d.enquiries.myTeams(clerk) == ["front_desk"])
    }

    @Test("a merge moves the duplicate's enquiries and sharing consents to the record kept, in the same transaction")
    func merge() throws {
        let d = try Desk()
        let duplicate = try d.f.patient("Byrne", "Mary")
        let call = try d.enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", patient: duplicate.mrn,
                                                      category: .transport, summary: "asks about transport", route: .callback(by: nil)), by: clerk)
        let consent = try d.enquiries.recordConsent(patient: duplicate.mrn, person: "Aoife Byrne", relationship: "daughter",
                                                    scopes: [.transport], by: clerk)
        _ = try d.f.patients.merge(keep: d.patient.mrn, duplicate: duplicate.mrn, reason: "same person registered twice", by: clerk)
        let keptID = try #require(d.patient.id)
        let moved = try d.enquiries.show(enquiry: call.id, by: clerk).enquiry
        #expect(moved.patientID == keptID)
        #expect(moved.patientMRN == d.patient.mrn)
        #expect(try d.enquiries.queue(EnquiryQuery(patientID: keptID), by: clerk).map(\.id) == [call.id])
        let consents = try d.enquiries.consents(patient: d.patient.mrn, by: clerk).consents
        #expect(consents.map(\.id) == [consent.id])
        #expect(try d.count("SELECT count(*) FROM enquiry WHERE patient_id = \(duplicate.id ?? -1)") == 0)
        #expect(try d.count("SELECT count(*) FROM sharing_consent WHERE patient_id = \(duplicate.id ?? -1)") == 0)
        // The daughter's consent, recorded on the duplicate, now opens the kept record's transport to her.
        _ = try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1956",
                                                                   postcodeOrAddress: "CH63 4JY"), by: clerk)
        let told = try d.enquiries.disclosure(enquiry: call.id, by: clerk)
        #expect(told.scopes == [.transport])
        #expect(told.transport.count == 1)
    }

    @Test("a restricted record's enquiries: show, the patient's list and the identity checks need a reason (or the same person's opening in the last half hour); refused without, nothing compared or written")
    func restrictedEnquiries() throws {
        let d = try Desk()
        let call = try d.enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", callerPhone: "07700 900123",
                                                      patient: d.patient.mrn, category: .appointmentQuery,
                                                      summary: "asks about her mother's appointment", route: .callback(by: nil)), by: clerk)
        _ = try d.f.patients.restrict(d.patient.mrn, reason: "member of staff", by: clerk)
        let patientID = try #require(d.patient.id)
        let claim = IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1956", postcodeOrAddress: "CH63 4JY")
        let events = try d.count("SELECT count(*) FROM enquiry_event")
        d.f.clock.set("2026-11-24", "10:30")
        #expect(throws: PatientError.self) { try d.enquiries.show(enquiry: call.id, by: clerk) }
        #expect(throws: PatientError.self) { try d.enquiries.queue(EnquiryQuery(openOnly: false, patientID: patientID), by: clerk) }
        #expect(throws: PatientError.self) { try d.enquiries.verify(enquiry: call.id, claim, by: clerk) }
        #expect(throws: PatientError.self) {
            try d.enquiries.checkCall(CallerDetails(callerType: .relativeOrCarer, callerName: "Aoife Byrne"), patient: d.patient.mrn,
                                      claim: claim, by: clerk)
        }
        var request = EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", patient: d.patient.mrn, category: .transport,
                                     summary: "asks about transport", route: .resolved(outcome: "nothing said: no consent"))
        request.identityClaims = [claim]
        #expect(throws: PatientError.self) { try d.enquiries.log(request, by: clerk) }
        #expect(try d.count("SELECT count(*) FROM enquiry_event") == events)
        #expect(try d.count("SELECT count(*) FROM enquiry") == 1)
        #expect(try d.audit("break_glass").isEmpty)
        #expect(try d.count("SELECT count(*) FROM audit_event WHERE action = 'enquiry' AND detail LIKE '%identity check%'") == 0)
        // The list of the whole queue names no patient: not refused.
        #expect(try d.enquiries.queue(EnquiryQuery(), by: clerk).map(\.id) == [call.id])

        let shown = try d.enquiries.show(enquiry: call.id, reason: AccessReason(kind: .enquiry), by: clerk)
        #expect(shown.enquiry.id == call.id)
        let glass = try d.audit("break_glass").last ?? ""
        #expect(glass == "opened enquiry \(call.id) of restricted record: answering the patient's own enquiry")
        // Within half an hour of that opening: the list and the check go on without a new reason, each audited as break-glass.
        d.f.clock.set("2026-11-24", "10:50")
        #expect(try d.enquiries.queue(EnquiryQuery(openOnly: false, patientID: patientID), by: clerk).map(\.id) == [call.id])
        let checked = try d.enquiries.verify(enquiry: call.id, claim, by: clerk)
        #expect(checked.result.matched)
        #expect(try d.audit("break_glass").count == 3)
        #expect(try d.log(request).id > call.id)
        d.f.clock.set("2026-11-24", "11:30")
        #expect(throws: PatientError.self) { try d.enquiries.verify(enquiry: call.id, claim, by: clerk) }
        #expect(try d.enquiries.verify(enquiry: call.id, claim, reason: AccessReason(kind: .enquiry), by: clerk).result.matched)
    }

    @Test("a consent names the person by given and family name: one word is refused naming person, nothing written")
    func consentPerson() throws {
        let d = try Desk()
        let refused = try #require(throws: ValidationError.self) {
            try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Aoife", relationship: "daughter", scopes: [.appointments], by: clerk)
        }
        #expect(refused.errors.map(\.field) == ["person"])
        let reason = refused.errors.first?.reason ?? ""
        #expect(reason.contains("given and the family name"))
        #expect(try d.count("SELECT count(*) FROM sharing_consent") == 0)
        #expect(try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Aoife Byrne", relationship: "daughter",
                                              scopes: [.appointments], by: clerk).person == "Aoife Byrne")
    }
}

private extension EnquiryConsentTests.Desk {
    func log(_ request: EnquiryRequest) throws -> Enquiry { try enquiries.log(request, by: clerk) }
}
