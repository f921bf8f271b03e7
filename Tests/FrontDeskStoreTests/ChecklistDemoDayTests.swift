import Foundation
import Testing
import GRDB
@testable import FrontDeskDomain
@testable import FrontDeskStore

/// The demo's day so far (`DemoDeskDay`, the last step of `frontdesk demo
/// seed`) and issue 8's "Done when" told on it: at five o'clock a clerk opens
/// the checklist, finds one prescription for tomorrow's chemotherapy not
/// screened and two attendances without an outcome, fixes them, defers the
/// missing set of notes with a reason, an officer signs the day off, and
/// tomorrow's pull list comes out in shelf order. Tue 24-Nov-2026 17:00, a
/// demo centre of 800 patients.
@Suite("Checklist: the demo's day so far and the close of the day", .serialized)
struct ChecklistDemoDayTests {
    let database: AppDatabase
    let clock: MovableClock
    let booking: BookingService
    let notes: CaseNoteService
    let checklist: ChecklistService
    let staff: StaffService
    let today = LocalDate(iso: "2026-11-24")!
    let tomorrow = LocalDate(iso: "2026-11-25")!
    let officer = ActingUser(login: "officer.olu")

    init() throws {
        database = try AppDatabase.empty()
        clock = MovableClock(testNow)
        clock.set("2026-11-24", "17:00")
        let patientStore = PatientStore(database, clock: clock)
        let access = AccessControl(staff: StaffStore(database, clock: clock))
        staff = StaffService(access: access, audit: patientStore, clock: clock)
        _ = try staff.initialise(as: clerk, displayName: "Test Manager")
        _ = try staff.add(login: officer.login, displayName: "Olu Officer", role: .officer, teams: [], by: clerk)
        let patients = PatientService(patients: patientStore, audit: patientStore, access: access, clock: clock)
        _ = try patients.seedDemo(count: 800, seed: 1, by: clerk)
        let bookingStore = BookingStore(database, clock: clock)
        booking = BookingService(booking: bookingStore, access: access, clock: clock)
        notes = CaseNoteService(notes: CaseNoteStore(database, clock: clock), access: access, clock: clock)
        checklist = ChecklistService(checklist: ChecklistStore(database, clock: clock), access: access, clock: clock)
        let seeder = DemoCentreSeeder(store: bookingStore, access: access, clock: clock)
        _ = try seeder.seed(.init(historyMonths: 1, months: 3, seed: 1), by: clerk)
        _ = try notes.seedDemo(seed: 1, patientIDs: try bookingStore.livingPatientIDs(), by: clerk)
    }

    func seedDay() throws -> DemoDeskDay.Report {
        var day = try booking.seedDemoDay(seed: 1, by: clerk)
        try notes.seedDemoDay(seed: 1, preparationDates: [tomorrow], into: &day, by: clerk)
        try checklist.seedDemoDay(into: &day, by: clerk)
        return day
    }

    func int(_ sql: String) throws -> Int { try database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 } }

    @Test("the day so far: ended clinics recorded with outcomes and follow-ups booked, nothing written after now, tomorrow prepared; left for the clerk: one prescription, two outcomes, one missing set of notes")
    func daySoFar() throws {
        let day = try seedDay()
        #expect(day.attended > 20 && day.followUpsBooked > 5, "\(day)")
        #expect(day.withoutOutcome.count == 2)
        let list = try checklist.generate(date: today, filter: ChecklistFilter(siteCode: DemoDeskDay.mainSite), by: clerk)
        let outstanding = list.items.filter { $0.state == .outstanding }
        // What the story needs, and nothing else but the clinics still running after five.
        let prescriptions = outstanding.filter { $0.kind == .prescriptionScreened }
        #expect(prescriptions.map(\.appointmentID) == [day.unscreened] && prescriptions.first?.urgent == true, "\(prescriptions)")
        #expect(Set(outstanding.filter { $0.kind == .outcomeRecorded }.compactMap(\.appointmentID)) == Set(day.withoutOutcome))
        let notesItems = outstanding.filter { $0.kind == .notesPrepared }
        #expect(notesItems.count == 1 && notesItems.first?.notesMissing == true && notesItems.first?.patientID == day.missingNotesPatient,
                "\(notesItems)")
        let running = try database.writer.read { db in
            try Set(Int64.fetchAll(db, sql: "SELECT id FROM appointment WHERE date = ? AND site_code = ? AND status IN ('booked', 'arrived')",
                                   arguments: [today.iso, DemoDeskDay.mainSite]))
        }
        for item in outstanding where ![.prescriptionScreened, .outcomeRecorded, .notesPrepared].contains(item.kind) {
            #expect([.attendanceRecorded, .notesReturned].contains(item.kind), "\(item.id) \(item.text) \(item.detail)")
            if item.kind == .attendanceRecorded { #expect(item.appointmentID.map(running.contains) == true, "\(item.id)") }
        }
        // Every appointment still booked today ends after now; every ended one is recorded.
        #expect(try int("SELECT count(*) FROM appointment WHERE date = '2026-11-24' AND status IN ('booked', 'arrived') AND end_time <= '17:00'") == 0)
        // Nothing is dated after now.
        let now = PatientRows.timestamp(clock.now)
        #expect(try int("SELECT count(*) FROM appointment_event WHERE at > '\(now)'") == 0)
        #expect(try int("SELECT count(*) FROM audit_event WHERE occurred_at > '\(now)'") == 0)
        #expect(try int("SELECT count(*) FROM checklist_mark WHERE at > '\(now)'") == 0)
        #expect(try int("SELECT count(*) FROM case_note_movement WHERE at > '\(now)'") == 0)
        // Every outcome 2 has its later appointment, booked no earlier than the outcome.
        let follow = list.items.filter { $0.kind == .followUpBooked }
        #expect(!follow.isEmpty && follow.allSatisfy { $0.state == .done }, "\(follow.filter { $0.state != .done })")
        // The audit trail still verifies.
        #expect(try PatientStore(database, clock: clock).verify().problem == nil)
    }

    @Test("Done when: the clerk fixes the prescription and the two outcomes, defers the missing notes and the evening's treatment lists, the officer signs off; a clerk cannot; tomorrow's pull list is in terminal-digit order")
    func closeOfDay() throws {
        let day = try seedDay()
        let centre = ChecklistFilter(siteCode: DemoDeskDay.mainSite)
        var list = try checklist.generate(date: today, filter: centre, by: clerk)
        // The unscreened prescription is the first thing the clerk sees.
        let first = try #require(list.items.first { $0.state == .outstanding })
        #expect(first.kind == .prescriptionScreened && first.urgent)
        _ = try checklist.tick(item: first.id, by: clerk)
        // The two outcomes: another appointment given (booked), and to be booked.
        let ids = day.withoutOutcome
        _ = try booking.recordOutcome(appointmentID: ids[0], .toBeBooked, by: clerk)
        _ = try booking.recordOutcome(appointmentID: ids[1], .discharged, by: clerk)
        // The missing notes, deferred with a reason.
        list = try checklist.generate(date: today, filter: centre, by: clerk)
        let missing = try #require(list.items.first { $0.kind == .notesPrepared && $0.state == .outstanding })
        _ = try checklist.deferItem(item: missing.id, reason: "vol 1 missing: library searching, temporary folder made", by: clerk)
        // The sign-off is refused while the evening's clinics are still running ...
        #expect(throws: ChecklistError.self) { try checklist.signOff(date: today, site: DemoDeskDay.mainSite, by: officer) }
        // ... and to a clerk whatever the list.
        #expect(throws: AccessError.self) { try checklist.signOff(date: today, site: DemoDeskDay.mainSite, by: ActingUser(login: "nobody")) }
        list = try checklist.generate(date: today, filter: centre, by: clerk)
        for item in list.items where item.state == .outstanding {
            _ = try checklist.deferItem(item: item.id, reason: "evening list after the desk closes: staff record attendance", by: officer)
        }
        let signed = try checklist.signOff(date: today, site: DemoDeskDay.mainSite, by: officer)
        #expect(signed.signedBy == officer.login)
        #expect(try checklist.signedOff(date: today, site: DemoDeskDay.mainSite, by: clerk).report.progress.outstanding == 0)
        // Tomorrow's pull list: shelf order, the missing volume on it as missing.
        let pull = try notes.pullList(date: tomorrow, siteCode: DemoDeskDay.mainSite, by: clerk)
        let keys = pull.patients.filter { !$0.isElectronicOnly }.map(\.terminalDigit)
        #expect(keys.count > 10 && keys == keys.sorted(), "\(keys.prefix(5))")
        #expect(pull.patients.contains { $0.patientID == day.missingNotesPatient && $0.hasMissingVolume })
    }
}
