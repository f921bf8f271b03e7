import Foundation
import GRDB
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// Logging enquiries and the identity gate on the store (issue 7). Now is Tue 24-Nov-2026 09:41.
@Suite("enquiries: logging and the identity gate")
struct EnquiryServiceTests {
    struct Desk {
        let database: AppDatabase
        let patients: PatientService
        let enquiries: EnquiryService
        init() throws {
            database = try AppDatabase.empty()
            let clock = FixedClock(testNow)
            let store = PatientStore(database, clock: clock)
            let access = AccessControl(staff: StaffStore(database, clock: clock))
            patients = PatientService(patients: store, audit: store, access: access, clock: clock)
            _ = try StaffService(access: access, audit: store, clock: clock).initialise(as: clerk, displayName: "Test Clerk")
            enquiries = EnquiryService(enquiries: EnquiryStore(database, clock: clock), access: access, clock: clock)
        }

        func patient() throws -> Patient {
            var f = PatientFields()
            f.familyName = "Byrne"; f.givenNames = "Mary"; f.dateOfBirth = "12/03/1946"; f.addressLine1 = "3 Mill Lane"
            f.postcode = "CH63 4JY"
            return try patients.register(f, by: clerk, acceptLikelyDuplicates: true)
        }

        func count(_ sql: String) throws -> Int { try database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
    }

    static func local(_ day: String, _ time: String) -> Date {
        CentreTime.startOfDay(LocalDate(iso: day)!).addingTimeInterval(TimeInterval(ClockTime.parse(time)!.minutes * 60))
    }

    @Test("a GP practice's call with a callback: due by the close of the next working day; urgent within two working hours; history and audit written")
    func gpCallback() throws {
        let d = try Desk()
        let patient = try d.patient()
        let gp = try d.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                    organisation: "Riverside Surgery", patient: patient.mrn, category: .appointmentQuery,
                                                    summary: "asks when the next review is", route: .callback(by: nil)), by: clerk)
        #expect(gp.status == .awaitingCallback)
        #expect(gp.identity == .notNeeded)
        #expect(gp.callbackDue == Self.local("2026-11-25", "17:00"))
        let urgent = try d.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                        organisation: "Riverside Surgery", category: .transport, priority: .urgent,
                                                        summary: "transport did not arrive", route: .callback(by: nil)), by: clerk)
        #expect(urgent.callbackDue == Self.local("2026-11-24", "11:41"))
        #expect(try d.count("SELECT count(*) FROM enquiry_event WHERE enquiry_id = \(gp.id)") == 2)
        #expect(try d.count("SELECT count(*) FROM audit_event WHERE action = 'enquiry'") == 2)
        // A professional without organisation and number is refused, naming both fields.
        let refused = try #require(throws: ValidationError.self) {
            try d.enquiries.log(EnquiryRequest(callerType: .healthProfessional, callerName: "A Nurse", category: .other,
                                               summary: "asks about a patient", route: .callback(by: nil)), by: clerk)
        }
        #expect(Set(refused.errors.map(\.field)) == ["organisation", "phone"])
    }

    @Test("a results question cannot be resolved at the desk; safeguarding is always escalated; nothing half-written")
    func rules() throws {
        let d = try Desk()
        #expect(throws: ValidationError.self) {
            try d.enquiries.log(EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", category: .resultsOrClinical,
                                               summary: "wants her scan result", route: .resolved(outcome: "told her it was clear")), by: clerk)
        }
        #expect(throws: ValidationError.self) {
            try d.enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", category: .complaint,
                                               summary: "worried about her mother at home", safeguarding: true,
                                               route: .callback(by: nil)), by: clerk)
        }
        let referred = try d.enquiries.log(EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", category: .resultsOrClinical,
                                                          summary: "wants her scan result", route: .refer(team: "clinical")), by: clerk)
        #expect(referred.status == .referred)
        #expect(referred.team == "clinical")
        #expect(try d.count("SELECT count(*) FROM enquiry") == 1)
    }

    @Test("a worried daughter: a mismatch keeps the gate shut; a match with no consent says nothing may be shared; with consent, only what it lists")
    func daughter() throws {
        let d = try Desk()
        let patient = try d.patient()
        let call = try d.enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Aoife Byrne", callerPhone: "07700 900123",
                                                      patient: patient.mrn, category: .appointmentQuery,
                                                      summary: "asks when her mother's next appointment is", route: .callback(by: nil)), by: clerk)
        #expect(call.identity == .notChecked)
        #expect(!EnquiryRules.mayDisclose(call, consent: nil, scope: .appointments))
        let wrong = try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1947",
                                                                            postcodeOrAddress: "CH63 4JY"), by: clerk)
        #expect(wrong.enquiry.identity == .mismatch)
        #expect(!EnquiryRules.mayDisclose(wrong.enquiry, consent: wrong.consent, scope: .appointments))
        let right = try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1946",
                                                                            postcodeOrAddress: "3 Mill Lane"), by: clerk)
        #expect(right.enquiry.identity == .confirmed)
        #expect(right.consent == nil)
        #expect(!EnquiryRules.mayDisclose(right.enquiry, consent: right.consent, scope: .appointments))
        #expect(throws: ValidationError.self) {
            try d.enquiries.recordConsent(patient: patient.mrn, person: "Aoife Byrne", relationship: "daughter", scopes: [], by: clerk)
        }
        _ = try d.enquiries.recordConsent(patient: patient.mrn, person: "Aoife Byrne", relationship: "daughter",
                                          scopes: [.appointments, .transport], by: clerk)
        let consented = try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1946",
                                                                                postcodeOrAddress: "CH63 4JY"), by: clerk)
        #expect(consented.consent?.relationship == "daughter")
        #expect(EnquiryRules.mayDisclose(consented.enquiry, consent: consented.consent, scope: .appointments))
        #expect(!EnquiryRules.mayDisclose(consented.enquiry, consent: consented.consent, scope: .generalCondition))
        // Every check is in the history (results, never the values), which cannot be changed.
        let history = try d.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM enquiry_event WHERE enquiry_id = ? AND kind = 'identity_checked' ORDER BY id",
                                arguments: [call.id])
        }
        #expect(history.count == 3)
        #expect(history[0].contains("did not match (name ✓, date of birth ✗, postcode or address ✓)"))
        #expect(history[1].contains("no consent to share with them"))
        #expect(!history.joined().contains("1946"))
        #expect(throws: DatabaseError.self) {
            try d.database.writer.write { try $0.execute(sql: "UPDATE enquiry_event SET detail = 'x'") }
        }
    }

    @Test("the lifecycle: a callback made late is counted in working time; a clinical question is closed only by its team's answer; the history keeps every step")
    func lifecycle() throws {
        let d = try Desk()
        let clock = MovableClock(testNow)
        let access = AccessControl(staff: StaffStore(d.database, clock: clock))
        let service = EnquiryService(enquiries: EnquiryStore(d.database, clock: clock), access: access, clock: clock)
        let staff = StaffService(access: access, audit: PatientStore(d.database, clock: clock), clock: clock)
        _ = try staff.add(login: "nurse1", displayName: "Nurse One", role: .clerk, teams: ["specialist_nurses"], by: clerk)
        let nurse = ActingUser(login: "nurse1")
        // Tue 09:41, routine: due Wed 17:00. Called back Thu 10:00: 1h 30m of working time late.
        let call = try service.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                  organisation: "Riverside Surgery", category: .appointmentQuery,
                                                  summary: "asks about a date", route: .callback(by: nil)), by: clerk)
        clock.set("2026-11-26", "10:00")
        let back = try service.calledBack(enquiry: call.id, "gave Dr Hale the date", by: clerk)
        #expect(back.status == .open)
        #expect(back.callbackDue == nil)
        _ = try service.note(enquiry: call.id, "GP will tell the patient", by: clerk)
        #expect(throws: ValidationError.self) { try service.close(enquiry: call.id, outcome: "ok", by: clerk) }
        let closed = try service.close(enquiry: call.id, outcome: "date given to the GP practice", by: clerk)
        #expect(closed.status == .closed)
        #expect(throws: ValidationError.self) { try service.note(enquiry: call.id, "too late now", by: clerk) }
        let history = try d.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT kind || ': ' || detail FROM enquiry_event WHERE enquiry_id = ? ORDER BY id",
                                arguments: [call.id])
        }
        #expect(history.count == 5)
        #expect(history[2].contains("late: 1h 30m of working time after Wed 25-Nov-2026 17:00"), "\(history)")

        // A results question: referred to the key workers; the desk cannot close it, a key worker can.
        let results = try service.log(EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", category: .resultsOrClinical,
                                                     summary: "wants her scan result", route: .refer(team: "specialist_nurses")), by: clerk)
        #expect(throws: ValidationError.self) { try service.close(enquiry: results.id, outcome: "told her to wait", by: clerk) }
        #expect(throws: ValidationError.self) { try service.refer(enquiry: results.id, to: "front_desk", by: clerk) }
        let answered = try service.close(enquiry: results.id, outcome: "key worker rang Mary with the result", by: nurse)
        #expect(answered.status == .closed)
        // Escalation and a new callback promise.
        let other = try service.log(EnquiryRequest(callerType: .other, callerName: "Taxi firm", category: .directions,
                                                   summary: "where is the hub", route: .escalate), by: clerk)
        #expect(other.status == .escalated)
        let promised = try service.promiseCallback(enquiry: other.id, user: clerk)
        #expect(promised.status == .awaitingCallback)
        #expect(promised.callbackDue == Self.local("2026-11-27", "17:00"))
    }

    @Test("the queue: open enquiries by when they fall due; overdue callbacks counted for the person who took them")
    func queue() throws {
        let d = try Desk()
        func log(_ summary: String, _ route: EnquiryRoute, priority: Enquiry.Priority = .routine) throws -> Enquiry {
            try d.enquiries.log(EnquiryRequest(callerType: .other, callerName: "Caller", category: .directions, priority: priority,
                                               summary: summary, route: route), by: clerk)
        }
        let routine = try log("routine callback", .callback(by: nil))
        let urgent = try log("urgent callback", .callback(by: nil), priority: .urgent)
        let escalated = try log("escalated call", .escalate)
        _ = try log("answered call", .resolved(outcome: "gave directions to the hub"))
        let queue = try d.enquiries.queue(EnquiryQuery(), by: clerk)
        // Escalated (came in now, 09:41) first, then the urgent callback (11:41), then the routine one (tomorrow 17:00); closed ones are not in it.
        #expect(queue.map(\.id) == [escalated.id, urgent.id, routine.id])
        #expect(try d.enquiries.queue(EnquiryQuery(escalatedOnly: true), by: clerk).map(\.id) == [escalated.id])
        #expect(try d.enquiries.overdueCallbacks(of: clerk) == 0)
        let later = EnquiryService(enquiries: EnquiryStore(d.database, clock: FixedClock(testNow.addingTimeInterval(3 * 3600))),
                                   access: d.enquiries.access, clock: FixedClock(testNow.addingTimeInterval(3 * 3600)))
        #expect(try later.overdueCallbacks(of: clerk) == 1)
        #expect(try later.queue(EnquiryQuery(overdueAt: later.clock.now), by: clerk).map(\.id) == [urgent.id])
    }
}

