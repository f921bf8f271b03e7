import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// What the desk may read out to a caller (issue 7): nothing before a matching
/// identity check in this contact, a relative only what the patient's consent covers.
@Suite("enquiries: what may be disclosed")
struct EnquiryDisclosureTests {
    struct Desk {
        let f: BookingFixture
        let enquiries: EnquiryService
        let patient: Patient
        init() throws {
            f = try BookingFixture()
            enquiries = f.enquiryService()
            patient = try f.enquiryPatient()
            try f.book(patient, try f.slot("bloods", "2026-11-25", "09:30"))
        }
        func call(_ caller: Enquiry.CallerType, _ name: String, organisation: String? = nil) throws -> Enquiry {
            try enquiries.log(EnquiryRequest(callerType: caller, callerName: name, callerPhone: "07700 900123", organisation: organisation,
                                             patient: patient.mrn, category: .appointmentQuery, summary: "asks about the next appointment",
                                             route: .callback(by: nil)), by: clerk)
        }
        func check(_ id: Int64, dob: String = "12/03/1956") throws {
            _ = try enquiries.verify(enquiry: id, IdentityClaim(name: "Mary Byrne", dateOfBirth: dob, postcodeOrAddress: "CH63 4JY"), by: clerk)
        }
        func viewsAudited() throws -> Int {
            try f.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_event WHERE detail LIKE '%opened for the caller%'") ?? -1 }
        }
    }

    @Test("the patient: no appointment before a matching check, none after a mismatch, every coming one after a match (audited)")
    func patientGate() throws {
        let d = try Desk()
        let call = try d.call(.patient, "Mary Byrne")
        let before = try d.enquiries.disclosure(enquiry: call.id, by: clerk)
        #expect(before.shut == Disclosure.notConfirmed)
        #expect(before.appointments.isEmpty && before.transport.isEmpty)
        try d.check(call.id, dob: "12/03/1957")
        let wrong = try d.enquiries.disclosure(enquiry: call.id, by: clerk)
        #expect(wrong.shut == "identity did not match — nothing may be said")
        #expect(wrong.appointments.isEmpty)
        #expect(try d.viewsAudited() == 0)
        try d.check(call.id)
        let open = try d.enquiries.disclosure(enquiry: call.id, by: clerk)
        #expect(open.isOpen)
        #expect(open.appointments.map { "\($0.date.iso) \($0.start.display) \($0.service)" }
                == ["2026-11-25 09:30 Phlebotomy", "2026-11-26 10:20 Oncology follow-up"])
        #expect(open.transport.map(\.service) == ["Oncology follow-up"])
        // Transport is in the patient's own scope: each row says what is booked.
        #expect(open.appointments.map(\.transport) == [TransportNeed.none, .hospital])
        #expect(try d.viewsAudited() == 1)
    }

    @Test("a confirmation holds for one contact: half an hour later, or after the callback is recorded, it is checked afresh")
    func afresh() throws {
        let d = try Desk()
        let call = try d.call(.patient, "Mary Byrne")
        try d.check(call.id)
        #expect(try d.enquiries.disclosure(enquiry: call.id, by: clerk).isOpen)
        d.f.clock.set("2026-11-24", "10:20")
        #expect(try d.enquiries.disclosure(enquiry: call.id, by: clerk).shut == Disclosure.notConfirmed)
        try d.check(call.id)
        #expect(try d.enquiries.disclosure(enquiry: call.id, by: clerk).isOpen)
        _ = try d.enquiries.calledBack(enquiry: call.id, "told her the time of Thursday's clinic", by: clerk)
        #expect(try d.enquiries.disclosure(enquiry: call.id, by: clerk).shut == Disclosure.notConfirmed)
    }

    @Test("a daughter: matching details without consent open nothing; with consent to appointments only, no transport")
    func relative() throws {
        let d = try Desk()
        let call = try d.call(.relativeOrCarer, "Aoife Byrne")
        try d.check(call.id)
        let none = try d.enquiries.disclosure(enquiry: call.id, by: clerk)
        #expect(none.shut == "identity confirmed, but the patient's record has no consent to share with Aoife Byrne")
        #expect(none.appointments.isEmpty)
        _ = try d.enquiries.recordConsent(patient: d.patient.mrn, person: "Aoife Byrne", relationship: "daughter",
                                          scopes: [.appointments], by: clerk)
        let some = try d.enquiries.disclosure(enquiry: call.id, by: clerk)
        #expect(some.scopes == [.appointments])
        #expect(some.consent?.relationship == "daughter")
        #expect(some.appointments.count == 2)
        #expect(some.transport.isEmpty)
        // Nor in the appointment rows: the follow-up's hospital transport is not said, not even as "none".
        let told = some.appointments.map { "\($0.service): \($0.transport.map(\.rawValue) ?? "not to be said")" }
        #expect(told == ["Phlebotomy: not to be said", "Oncology follow-up: not to be said"])
    }

    @Test("a GP practice with organisation and number is told; an 'other' caller never")
    func professionals() throws {
        let d = try Desk()
        let gp = try d.call(.gpPractice, "Dr Shah", organisation: "Riverside Surgery")
        #expect(try d.enquiries.disclosure(enquiry: gp.id, by: clerk).appointments.count == 2)
        let other = try d.call(.other, "A neighbour")
        let shut = try d.enquiries.disclosure(enquiry: other.id, by: clerk)
        #expect(!shut.isOpen)
        #expect(shut.appointments.isEmpty)
    }

    @Test("a recorded death leaves open enquiries open (a relative may still need the callback) with a note to read the record first; closed ones untouched")
    func deathNotesOpenEnquiries() throws {
        let d = try Desk()
        let open = try d.call(.relativeOrCarer, "Aoife Byrne")
        let closed = try d.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Shah", callerPhone: "0151 555 0100",
                                                        organisation: "Riverside Surgery", patient: d.patient.mrn, category: .directions,
                                                        summary: "asks for the parking", route: .resolved(outcome: "told them car park B")),
                                         by: clerk)
        var died = PatientFields(); died.dateOfDeath = "24/11/2026"
        _ = try d.f.patients.edit(d.patient.mrn, died, by: clerk)
        let shown = try d.enquiries.show(enquiry: open.id, by: clerk)
        #expect(shown.enquiry.status == .awaitingCallback)
        #expect(shown.history.last?.kind == .note)
        #expect(shown.history.last?.detail == "the patient's date of death (24-Nov-2026) was recorded: read the record before any callback")
        #expect(try d.enquiries.show(enquiry: closed.id, by: clerk).history.allSatisfy { $0.kind != .note })
    }

    @Test("an escalated enquiry is the Assistant Service Manager's: a clerk may add a note but not close, refer or time it; an officer closes it")
    func escalatedOwnedByManagers() throws {
        let d = try Desk()
        try d.f.addStaff("desk1", .clerk)
        try d.f.addStaff("officer1", .officer)
        let desk = ActingUser(login: "desk1"), officer = ActingUser(login: "officer1")
        let call = try d.enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", callerPhone: "07700 900123",
                                                      patient: d.patient.mrn, category: .complaint, summary: "shouted at the desk",
                                                      aggression: true, route: .escalate), by: desk)
        _ = try d.enquiries.note(enquiry: call.id, "calmer on the second call", by: desk)
        #expect(throws: AccessError.self) { try d.enquiries.close(enquiry: call.id, outcome: "apologised and explained", by: desk) }
        #expect(throws: AccessError.self) { try d.enquiries.refer(enquiry: call.id, to: "pals", by: desk) }
        let closed = try d.enquiries.close(enquiry: call.id, outcome: "ASM rang back and apologised", by: officer)
        #expect(closed.status == .closed)
    }
}

