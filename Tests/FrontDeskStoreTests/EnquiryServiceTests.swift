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

    @Test("a GP practice's call with a callback: due one working day later (Tue 09:41 → Wed 09:41, overdue the next morning); urgent within two working hours; history and audit written")
    func gpCallback() throws {
        let d = try Desk()
        let patient = try d.patient()
        let gp = try d.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                    organisation: "Riverside Surgery", patient: patient.mrn, category: .appointmentQuery,
                                                    summary: "asks when the next review is", route: .callback(by: nil)), by: clerk)
        #expect(gp.status == .awaitingCallback)
        #expect(gp.identity == .notNeeded)
        #expect(gp.callbackDue == Self.local("2026-11-25", "09:41"))
        // The promised time is kept on its history line as a time, not only in words (what the statistics read).
        let dueAt = try d.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT due_at FROM enquiry_event WHERE enquiry_id = ? AND kind = 'callback_due'", arguments: [gp.id])
        }
        #expect(dueAt == PatientRows.timestamp(Self.local("2026-11-25", "09:41")))
        let morning = EnquiryService(enquiries: EnquiryStore(d.database, clock: FixedClock(Self.local("2026-11-25", "10:00"))),
                                     access: d.enquiries.access, clock: FixedClock(Self.local("2026-11-25", "10:00")))
        #expect(try morning.overdueCallbacks(of: clerk) == 1)
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
        // Tue 09:41, routine: due Wed 09:41. Called back Wed 11:11: 1h 30m of working time late.
        let call = try service.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                  organisation: "Riverside Surgery", category: .appointmentQuery,
                                                  summary: "asks about a date", route: .callback(by: nil)), by: clerk)
        clock.set("2026-11-25", "11:11")
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
        #expect(history[2].contains("late: 1h 30m of working time after Wed 25-Nov-2026 09:41"), "\(history)")

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
        #expect(promised.callbackDue == Self.local("2026-11-26", "11:11"))
    }

    @Test("the queue: callbacks first by due time (overdue ones first), then the other open ones by when they came in; overdue callbacks counted for the person who took them")
    func queue() throws {
        let d = try Desk()
        let clock = MovableClock(testNow)
        let service = EnquiryService(enquiries: EnquiryStore(d.database, clock: clock), access: d.enquiries.access, clock: clock)
        func log(_ summary: String, _ route: EnquiryRoute, priority: Enquiry.Priority = .routine) throws -> Enquiry {
            try service.log(EnquiryRequest(callerType: .other, callerName: "Caller", category: .directions, priority: priority,
                                           summary: summary, route: route), by: clerk)
        }
        let escalated = try log("escalated call", .escalate)                            // came in Tue 09:41
        let routine = try log("routine callback", .callback(by: nil))                   // due Wed 09:41
        let urgent = try log("urgent callback", .callback(by: nil), priority: .urgent)  // due Tue 11:41
        _ = try log("answered call", .resolved(outcome: "gave directions to the hub"))
        clock.set("2026-11-24", "10:30")
        let referred = try log("for the transport team", .refer(team: "transport"))   // came in Tue 10:30
        let queue = try service.queue(EnquiryQuery(), by: clerk)
        // Callbacks by due time, then the escalated and referred ones by when they came in; closed ones are not in it.
        #expect(queue.map(\.id) == [urgent.id, routine.id, escalated.id, referred.id])
        #expect(try service.queue(EnquiryQuery(escalatedOnly: true), by: clerk).map(\.id) == [escalated.id])
        #expect(try service.overdueCallbacks(of: clerk) == 0)
        // Wednesday 10:00: both callbacks overdue, still first, the earliest due first.
        clock.set("2026-11-25", "10:00")
        #expect(try service.overdueCallbacks(of: clerk) == 2)
        #expect(try service.queue(EnquiryQuery(overdueAt: clock.now), by: clerk).map(\.id) == [urgent.id, routine.id])
        #expect(try service.queue(EnquiryQuery(), by: clerk).map(\.id) == [urgent.id, routine.id, escalated.id, referred.id])
        // A callback promised for the escalated one makes it a callback, due later than both.
        _ = try service.promiseCallback(enquiry: escalated.id, user: clerk)
        #expect(try service.queue(EnquiryQuery(), by: clerk).map(\.id) == [urgent.id, routine.id, escalated.id, referred.id])
    }

    @Test("a patient's whole list (the record's) is newest first; the queue's order otherwise")
    func patientList() throws {
        let d = try Desk()
        let patient = try d.patient()
        let id = try #require(patient.id)
        let clock = MovableClock(testNow)
        let service = EnquiryService(enquiries: EnquiryStore(d.database, clock: clock), access: d.enquiries.access, clock: clock)
        func log(_ route: EnquiryRoute) throws -> Enquiry {
            try service.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                           organisation: "Riverside Surgery", patient: patient.mrn, category: .appointmentQuery,
                                           summary: "asks about the review", route: route), by: clerk)
        }
        let first = try log(.callback(by: nil))
        clock.set("2026-11-24", "11:00")
        let second = try log(.resolved(outcome: "told them the date"))
        clock.set("2026-11-24", "12:00")
        let third = try log(.refer(team: "secretaries"))
        #expect(try service.queue(EnquiryQuery(openOnly: false, patientID: id, limit: 20), by: clerk).map(\.id) == [third.id, second.id, first.id])
        #expect(try service.queue(EnquiryQuery(patientID: id), by: clerk).map(\.id) == [first.id, third.id])
        #expect(try service.queue(EnquiryQuery(openOnly: false, patientID: id, order: .due), by: clerk).map(\.id)
                == [first.id, third.id, second.id])
    }

    @Test("each filter of the queue and the overdue count read an index in the queue's order: no sort of the open enquiries")
    func queuePlans() throws {
        let d = try Desk()
        let store = PatientStore(d.database, clock: FixedClock(testNow))
        let queries: [(String, EnquiryQuery, String)] = [
            ("all open", EnquiryQuery(), "enquiry_open_by_due"),
            ("mine", EnquiryQuery(takenBy: "clerk1"), "enquiry_open_by_taker"),
            ("a team", EnquiryQuery(team: "pals"), "enquiry_open_by_team"),
            ("escalated", EnquiryQuery(escalatedOnly: true), "enquiry_escalated_by_due"),
            ("overdue, mine", EnquiryQuery(overdueAt: testNow, takenBy: "clerk1"), "enquiry_open_by_taker"),
            ("overdue", EnquiryQuery(overdueAt: testNow), "enquiry_open_by_due"),
            ("a patient's, newest first", EnquiryQuery(openOnly: false, patientID: 1), "enquiry_by_patient"),
        ]
        for (name, query, index) in queries {
            final class Captured: @unchecked Sendable { var sql: [String] = [] }
            let captured = Captured()
            let plan = try d.database.writer.write { db -> [String] in
                db.trace { event in if case .statement(let statement) = event { captured.sql.append(statement.expandedSQL) } }
                _ = try EnquiryRows(db: db, patients: store).enquiries(query)
                db.trace(options: [], nil)
                let select = captured.sql.last { $0.contains("FROM enquiry e") } ?? ""
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + select).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("USING INDEX \(index)") }, "\(name): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(name): \(plan)")
        }
    }

    @Test("each callback is verified afresh: a call routed to a callback, or a callback promised later, leaves the identity not checked (the checks stay in the history)")
    func callbackAfresh() throws {
        let d = try Desk()
        let patient = try d.patient()
        let claim = IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1946", postcodeOrAddress: "CH63 4JY")
        var request = EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", patient: patient.mrn, category: .appointmentQuery,
                                     summary: "asks when the next appointment is", route: .callback(by: nil))
        request.identityClaims = [claim]
        let call = try d.enquiries.log(request, by: clerk)
        #expect(call.identity == .notChecked)
        let checks = try d.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM enquiry_event WHERE enquiry_id = ? AND kind = 'identity_checked'", arguments: [call.id])
        }
        #expect(checks == ["identity check: matched (name ✓, date of birth ✓, postcode or address ✓)"])
        // Answered there and then: the check of this call holds for it.
        request.route = .resolved(outcome: "told her the date of the review")
        #expect(try d.enquiries.log(request, by: clerk).identity == .confirmed)
        // Checked again in a later contact, then another callback promised: checked afresh when it is made.
        request.route = .refer(team: "secretaries")
        let referred = try d.enquiries.log(request, by: clerk)
        #expect(referred.identity == .confirmed)
        let promised = try d.enquiries.promiseCallback(enquiry: referred.id, user: clerk)
        #expect(promised.identity == .notChecked)
        #expect(try d.enquiries.show(enquiry: referred.id, by: clerk).enquiry.identity == .notChecked)
        // A GP practice needs no check: nothing to reset.
        let gp = try d.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                    organisation: "Riverside Surgery", patient: patient.mrn, category: .appointmentQuery,
                                                    summary: "asks about a date", route: .callback(by: nil)), by: clerk)
        #expect(gp.identity == .notNeeded)
    }

    @Test("a callback recorded on a referred or escalated enquiry keeps its status (the team or the manager rang back); awaiting a callback it opens again")
    func calledBackKeepsOwner() throws {
        let d = try Desk()
        func log(_ route: EnquiryRoute) throws -> Enquiry {
            try d.enquiries.log(EnquiryRequest(callerType: .other, callerName: "Caller", category: .directions, summary: "where is the hub",
                                               route: route), by: clerk)
        }
        let referred = try d.enquiries.calledBack(enquiry: try log(.refer(team: "pals")).id, "PALS rang the caller", by: clerk)
        #expect(referred.status == .referred)
        #expect(referred.team == "pals")
        let escalated = try d.enquiries.calledBack(enquiry: try log(.escalate).id, "the manager rang the caller", by: clerk)
        #expect(escalated.status == .escalated)
        let awaited = try d.enquiries.calledBack(enquiry: try log(.callback(by: nil)).id, "rang the caller back", by: clerk)
        #expect(awaited.status == .open)
        #expect(awaited.callbackDue == nil)
        let lines = try d.database.writer.read { db in
            try String.fetchAll(db, sql: "SELECT coalesce(from_status, '') || '>' || to_status FROM enquiry_event WHERE kind = 'called_back' ORDER BY id")
        }
        #expect(lines == ["referred>referred", "escalated>escalated", "awaiting_callback>open"])
    }

    @Test("identity claims need all three answers and a real date of birth: refused naming name, dob and postcode, nothing written; a closed enquiry takes no check")
    func claimsChecked() throws {
        let d = try Desk()
        let patient = try d.patient()
        let call = try d.enquiries.log(EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", patient: patient.mrn,
                                                      category: .appointmentQuery, summary: "asks about the review", route: .callback(by: nil)),
                                       by: clerk)
        let events = try d.count("SELECT count(*) FROM enquiry_event"), audits = try d.count("SELECT count(*) FROM audit_event")
        let empty = try #require(throws: ValidationError.self) {
            try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: " ", dateOfBirth: "", postcodeOrAddress: ""), by: clerk)
        }
        #expect(empty.errors.map(\.field) == ["name", "dob", "postcode"])
        let notADate = try #require(throws: ValidationError.self) {
            try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "31/02/1946", postcodeOrAddress: "CH63 4JY"),
                                   by: clerk)
        }
        #expect(notADate.errors.map(\.field) == ["dob"])
        let reason = notADate.errors.first?.reason ?? ""
        #expect(reason.hasPrefix("is not a date"))
        #expect(throws: ValidationError.self) {
            try d.enquiries.checkCall(CallerDetails(callerType: .patient, callerName: "Mary Byrne"), patient: patient.mrn,
                                      claim: IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1946", postcodeOrAddress: ""), by: clerk)
        }
        var request = EnquiryRequest(callerType: .patient, callerName: "Mary Byrne", patient: patient.mrn, category: .appointmentQuery,
                                     summary: "asks about the review", route: .resolved(outcome: "told her the date"))
        request.identityClaims = [IdentityClaim(name: "Mary Byrne", dateOfBirth: "yesterday-ish", postcodeOrAddress: "CH63 4JY")]
        let logged = try #require(throws: ValidationError.self) { try d.enquiries.log(request, by: clerk) }
        #expect(logged.errors.map(\.field) == ["dob"])
        #expect(try d.count("SELECT count(*) FROM enquiry") == 1)
        #expect(try d.count("SELECT count(*) FROM enquiry_event") == events)
        #expect(try d.count("SELECT count(*) FROM audit_event") == audits)
        #expect(try d.enquiries.show(enquiry: call.id, by: clerk).enquiry.identity == .notChecked)

        _ = try d.enquiries.close(enquiry: call.id, outcome: "rang back and told her the date", by: clerk)
        let closed = try #require(throws: ValidationError.self) {
            try d.enquiries.verify(enquiry: call.id, IdentityClaim(name: "Mary Byrne", dateOfBirth: "12/03/1946", postcodeOrAddress: "CH63 4JY"),
                                   by: clerk)
        }
        #expect(closed.errors.map(\.field) == ["enquiry"])
        #expect(try d.count("SELECT count(*) FROM enquiry_event WHERE kind = 'identity_checked'") == 0)
    }
}
