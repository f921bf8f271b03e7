import Foundation
import Testing
import GRDB
@testable import FrontDeskDomain
@testable import FrontDeskStore

/// The end-of-day checklist (issue 8) on the booking fixture's centre: Tue
/// 24-Nov-2026 closed, Wed 25-Nov prepared.
@Suite("Checklist: generation, marks and sign-off")
struct ChecklistServiceTests {
    let f: BookingFixture
    let checklist: ChecklistService
    let day = LocalDate(iso: "2026-11-24")!
    let wed = LocalDate(iso: "2026-11-25")!

    init() throws {
        f = try BookingFixture()
        checklist = try f.checklistCentre()
    }

    /// Ann (outcome 2), Bob (outcome 3), Cat (DNA) and Dan (bloods and a follow-up) today; Eve (interpreter,
    /// hospital transport) and Fay (SACT chair, no course) tomorrow.
    struct Day { var ann, bob, cat, dan, eve, fay: Patient; var a: [String: Appointment] }

    func seedDay() throws -> Day {
        let ann = try f.patient("Abbott", "Ann"), bob = try f.patient("Baker", "Bob"), cat = try f.patient("Carter", "Cat")
        let dan = try f.patient("Dale", "Dan"), eve = try f.patient("Evans", "Eve", needs: ["interpreter:Polish"])
        let fay = try f.patient("Fox", "Fay")
        var a: [String: Appointment] = [:]
        a["ann"] = try f.book(ann, try f.slot("onc_fu", "2026-11-24", "10:00"))
        a["bob"] = try f.book(bob, try f.slot("onc_fu", "2026-11-24", "10:20"))
        a["cat"] = try f.book(cat, try f.slot("onc_fu", "2026-11-24", "10:40"))
        a["danBloods"] = try f.book(dan, try f.slot("bloods", "2026-11-24", "09:50"))
        a["dan"] = try f.book(dan, try f.slot("onc_fu", "2026-11-24", "11:00"))
        a["eve"] = try f.book(eve, try f.slot("onc_fu", "2026-11-25", "09:00"), transport: .hospital, mobility: .wheelchair)
        a["fay"] = try f.book(fay, try f.slot("sact_chair", "2026-11-25", "13:00"))
        return Day(ann: ann, bob: bob, cat: cat, dan: dan, eve: eve, fay: fay, a: a)
    }

    func items(_ list: Checklist, _ kind: ChecklistItem.Kind) -> [ChecklistItem] { list.items.filter { $0.kind == kind } }

    @Test("preparation covers every date after the checklist's up to the next working day: Friday → Saturday, Sunday, Monday; before Christmas → to the 29th")
    func preparationDates() throws {
        let calendar = WorkingCalendar()
        let tue = ChecklistRules.preparationDates(after: day, calendar: calendar)
        #expect(tue == [wed])
        let fri = ChecklistRules.preparationDates(after: LocalDate(iso: "2026-11-27")!, calendar: calendar).map(\.iso)
        #expect(fri == ["2026-11-28", "2026-11-29", "2026-11-30"])
        let christmasEve = ChecklistRules.preparationDates(after: LocalDate(iso: "2026-12-24")!, calendar: calendar).map(\.iso)
        #expect(christmasEve == ["2026-12-25", "2026-12-26", "2026-12-27", "2026-12-28", "2026-12-29"])
    }

    @Test("Friday's checklist prepares Saturday's and Monday's clinics; Thursday's does not reach Monday")
    func fridayCoversTheWeekend() throws {
        let sat = try f.patient("Saturday", "Sam"), mon = try f.patient("Monday", "Mo")
        let saturday = try f.book(sat, try f.slot("sact_chair", "2026-11-28", "13:00"))
        let monday = try f.book(mon, try f.slot("onc_fu", "2026-11-30", "09:00"))
        let friday = try checklist.generate(date: LocalDate(iso: "2026-11-27")!, by: clerk)
        let prepared = Set(items(friday, .notesPrepared).compactMap(\.appointmentID))
        #expect(prepared.contains(saturday.id))
        #expect(prepared.contains(monday.id))
        #expect(items(friday, .prescriptionScreened).map(\.appointmentID) == [saturday.id])
        let thursday = try checklist.generate(date: LocalDate(iso: "2026-11-26")!, by: clerk)
        #expect(!thursday.items.contains { $0.appointmentID == monday.id || $0.appointmentID == saturday.id })
    }

    @Test("every rule gives its items; data items complete themselves as attendances, outcomes, bookings and tasks are recorded")
    func itemsFromEachRule() throws {
        let d = try seedDay()
        var list = try checklist.generate(date: day, by: clerk)
        // Preparation of Wednesday: notes per patient, interpreter and transport from their tasks, Fay's prescription by hand.
        #expect(Set(items(list, .notesPrepared).compactMap(\.patientID)) == [d.eve.id!, d.fay.id!])
        let interpreter = items(list, .interpreterBooked)
        #expect(interpreter.map(\.appointmentID) == [d.a["eve"]!.id])
        #expect(interpreter.first?.state == .outstanding)
        #expect(interpreter.first?.taskID != nil)
        #expect(items(list, .transportBooked).map(\.appointmentID) == [d.a["eve"]!.id])
        let screening = items(list, .prescriptionScreened)
        #expect(screening.map(\.appointmentID) == [d.a["fay"]!.id])
        #expect(screening.first?.completion == .hand)
        // The unscreened prescription for tomorrow's treatment comes first.
        let first = list.items.first
        #expect(first?.kind == .prescriptionScreened)
        // Closure of Tuesday: attendance for every appointment, notes returned per patient per session.
        #expect(items(list, .attendanceRecorded).count == 5)
        #expect(items(list, .attendanceRecorded).allSatisfy { $0.state == .outstanding })
        #expect(items(list, .notesReturned).count == 5)
        #expect(items(list, .outcomeRecorded).isEmpty)
        let ids = list.items.map(\.id)

        // The clinic is over: attendances and outcomes recorded.
        f.clock.set("2026-11-24", "17:00")
        _ = try f.booking.attend(appointmentID: d.a["ann"]!.id, by: clerk)
        _ = try f.booking.attend(appointmentID: d.a["bob"]!.id, by: clerk)
        _ = try f.booking.didNotAttend(appointmentID: d.a["cat"]!.id, by: clerk)
        _ = try f.booking.attend(appointmentID: d.a["dan"]!.id, by: clerk)
        _ = try f.booking.attend(appointmentID: d.a["danBloods"]!.id, by: clerk)
        list = try checklist.generate(date: day, by: clerk)
        #expect(items(list, .attendanceRecorded).allSatisfy { $0.state == .done })
        #expect(items(list, .outcomeRecorded).count == 4)
        #expect(items(list, .outcomeRecorded).allSatisfy { $0.state == .outstanding })
        #expect(items(list, .gpLetterSent).count == 4)
        _ = try f.booking.recordOutcome(appointmentID: d.a["ann"]!.id, .anotherAppointmentGiven, by: clerk)
        _ = try f.booking.recordOutcome(appointmentID: d.a["bob"]!.id, .toBeBooked, by: clerk)
        _ = try f.booking.recordOutcome(appointmentID: d.a["dan"]!.id, .discharged, by: clerk)
        list = try checklist.generate(date: day, by: clerk)
        let outcomes = items(list, .outcomeRecorded).filter { $0.state == .done }.compactMap(\.appointmentID)
        #expect(Set(outcomes) == [d.a["ann"]!.id, d.a["bob"]!.id, d.a["dan"]!.id])
        let follow = items(list, .followUpBooked)
        #expect(follow.map(\.appointmentID) == [d.a["ann"]!.id])
        #expect(follow.first?.state == .outstanding)
        let listed = items(list, .onToBeBookedList)
        #expect(listed.map(\.appointmentID) == [d.a["bob"]!.id])
        #expect(listed.first?.state == .done)
        // Ann's next appointment booked; Eve's interpreter booked (its task done).
        try f.book(d.ann, try f.slot("onc_fu", "2026-12-01", "09:00"))
        let task = try #require(interpreter.first?.taskID)
        _ = try f.booking.closeTask(id: task, .done, note: "Polish interpreter ref 1234", by: clerk)
        list = try checklist.generate(date: day, by: clerk)
        #expect(items(list, .followUpBooked).first?.state == .done)
        let booked = items(list, .interpreterBooked).first
        #expect(booked?.state == .done)
        #expect(booked?.settledBy == clerk.login)
        // The ids of the items that were there at the start are the same now.
        #expect(Set(ids).isSubset(of: Set(list.items.map(\.id))))
        #expect(try checklist.generate(date: day, by: clerk).items.map(\.id) == list.items.map(\.id))
    }

    @Test("a restricted patient who needs an interpreter has the interpreter item with no task too, shown by hospital number, never the language")
    func restrictedInterpreterNeed() throws {
        let d = try seedDay()
        _ = try f.patients.restrict(d.eve.mrn, reason: "member of staff", by: clerk)
        // No interpreter task for the appointment (booked before the desk made them, say).
        try f.database.writer.write { db in
            try db.execute(sql: "DELETE FROM task WHERE patient_id = ? AND kind = 'interpreter'", arguments: [d.eve.id])
        }
        let list = try checklist.generate(date: day, by: clerk)
        let item = try #require(items(list, .interpreterBooked).first { $0.appointmentID == d.a["eve"]!.id })
        #expect(item.state == .outstanding)
        #expect(item.taskID == nil)
        #expect(item.detail.hasPrefix("no interpreter task"))
        #expect(item.patientName == d.eve.mrn)
        let shown = [item.text, item.detail, item.patientName ?? ""].joined(separator: " ")
        #expect(!shown.contains("Polish"))
        #expect(!shown.contains("Evans"))
        // Someone restricted with no such need has none.
        _ = try f.patients.restrict(d.fay.mrn, reason: "member of staff", by: clerk)
        let fay = try checklist.generate(date: day, by: clerk).items.filter { $0.kind == .interpreterBooked && $0.patientID == d.fay.id }
        #expect(fay.isEmpty)
    }

    @Test("outcome 2 is followed up only by an appointment in the same service booked after the outcome, not one the patient already had")
    func followUpBookedAfterTheOutcome() throws {
        f.clock.set("2026-11-23", "09:00")
        let ann = try f.patient("Abbott", "Ann")
        let today = try f.book(ann, try f.slot("onc_fu", "2026-11-24", "10:00"))
        try f.book(ann, try f.slot("onc_fu", "2026-12-02", "09:00"))   // already booked: not the follow-up
        f.clock.set("2026-11-24", "17:00")
        _ = try f.booking.attend(appointmentID: today.id, by: clerk)
        _ = try f.booking.recordOutcome(appointmentID: today.id, .anotherAppointmentGiven, by: clerk)
        let id = "F-20261124-a\(today.id)"
        let before = try checklist.generate(date: day, by: clerk).item(id: id)?.state
        #expect(before == .outstanding)
        f.clock.set("2026-11-24", "17:05")
        try f.book(ann, try f.slot("bloods", "2026-12-01", "09:00"))   // another service: not the follow-up
        let otherService = try checklist.generate(date: day, by: clerk).item(id: id)?.state
        #expect(otherService == .outstanding)
        try f.book(ann, try f.slot("onc_fu", "2026-12-08", "09:00"))
        let booked = try checklist.generate(date: day, by: clerk).item(id: id)?.state
        #expect(booked == .done)
    }

    @Test("a data item cannot be ticked, only deferred with a reason; a hand item is ticked with who and when; a mark can be cleared")
    func marks() throws {
        let d = try seedDay()
        let list = try checklist.generate(date: day, by: clerk)
        let attendance = try #require(items(list, .attendanceRecorded).first)
        let refusal = #expect(throws: ChecklistError.self) { try checklist.tick(item: attendance.id, by: clerk) }
        let message = refusal?.description ?? ""
        #expect(message.contains("cannot be ticked"))
        #expect(message.contains("record the attendance"))
        #expect(throws: ValidationError.self) { try checklist.deferItem(item: attendance.id, reason: " ", by: clerk) }
        #expect(throws: ValidationError.self) { try checklist.tick(item: "X-2026-a1", by: clerk) }
        #expect(throws: ChecklistError.self) { try checklist.tick(item: "N-20261125-a999999", by: clerk) }
        let deferred = try checklist.deferItem(item: attendance.id.lowercased(), reason: "clinic overran, recorded tomorrow", by: clerk)
        #expect(deferred.state == .deferred)
        #expect(deferred.deferReason == "clinic overran, recorded tomorrow")
        let notes = try #require(items(list, .notesPrepared).first { $0.patientID == d.eve.id })
        let ticked = try checklist.tick(item: notes.id, by: clerk)
        #expect(ticked.state == .done)
        #expect(ticked.settledBy == clerk.login)
        #expect(ticked.settledAt == f.clock.now)
        #expect(throws: ChecklistError.self) { try checklist.tick(item: notes.id, by: clerk) }
        let again = try checklist.generate(date: day, by: clerk)
        #expect(again.item(id: notes.id)?.state == .done)
        #expect(again.item(id: attendance.id)?.state == .deferred)
        let progress = again.progress
        #expect(progress.settled == 2)
        #expect(progress.text == "2/\(again.items.count) done (1 deferred)")
        let cleared = try checklist.clearMark(item: notes.id, reason: "ticked the wrong patient", by: clerk)
        #expect(cleared.state == .outstanding)
        let history = try checklist.history(item: notes.id, by: clerk).map(\.action)
        #expect(history == [.done, .cleared])
        let audit = try f.auditDetails(d.eve)
        #expect(audit.contains { $0.contains("checklist item \(notes.id)") && $0.contains("done") })
        // Marks are kept: the table refuses changes.
        #expect(throws: DatabaseError.self) { try f.database.writer.write { try $0.execute(sql: "DELETE FROM checklist_mark") } }
    }

    @Test("sign-off: refused for a clerk and while items are outstanding; an officer signs off when all is settled; the report is frozen with the audit hash")
    func signOff() throws {
        let d = try seedDay()
        try f.addStaff("clerk2", .clerk)
        try f.addStaff("officer1", .officer)
        let officer = ActingUser(login: "officer1")
        f.clock.set("2026-11-24", "17:30")
        #expect(throws: AccessError.self) { try checklist.signOff(date: day, site: "main", by: ActingUser(login: "clerk2")) }
        let refused = #expect(throws: ChecklistError.self) { try checklist.signOff(date: day, site: "main", by: officer) }
        let outstanding = refused?.outstanding.count ?? 0
        #expect(outstanding > 0)
        #expect(refused?.description.contains("outstanding") == true)
        // Settle everything: hand items ticked, data items deferred with a reason.
        for item in try checklist.generate(date: day, filter: ChecklistFilter(siteCode: "main"), by: clerk).outstanding {
            if item.completion == .hand { _ = try checklist.tick(item: item.id, by: clerk) }
            else { _ = try checklist.deferItem(item: item.id, reason: "recorded on paper, entered tomorrow", by: clerk) }
        }
        let signed = try checklist.signOff(date: day, site: "main", by: officer)
        #expect(signed.signedBy == "officer1")
        #expect(signed.report.progress.isComplete)
        let head = try f.database.writer.read { db in try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1") }
        let headHash: String? = head?["hash"]
        #expect(signed.auditHash == headHash)
        #expect(throws: ChecklistError.self) { try checklist.signOff(date: day, site: "main", by: officer) }
        // Later changes do not alter the frozen report.
        let before = try checklist.signedOff(date: day, site: "main", by: clerk).report
        _ = try f.booking.attend(appointmentID: d.a["ann"]!.id, by: clerk)
        let attendance = try #require(before.items.first { $0.kind == .attendanceRecorded && $0.appointmentID == d.a["ann"]!.id })
        let after = try checklist.signedOff(date: day, site: "main", by: clerk)
        #expect(after.report == before)
        #expect(after.report.item(id: attendance.id)?.state == .deferred)
        let now = try checklist.generate(date: day, filter: ChecklistFilter(siteCode: "main"), by: clerk)
        #expect(now.item(id: attendance.id)?.state == .done)
    }

    @Test("the sign-off's audit row records the SHA-256 of the frozen report; a report altered in the database is refused, not shown")
    func reportSealed() throws {
        _ = try seedDay()
        try f.addStaff("officer1", .officer)
        f.clock.set("2026-11-24", "17:30")
        for item in try checklist.generate(date: day, filter: ChecklistFilter(siteCode: "main"), by: clerk).outstanding {
            if item.completion == .hand { _ = try checklist.tick(item: item.id, by: clerk) }
            else { _ = try checklist.deferItem(item: item.id, reason: "recorded on paper, entered tomorrow", by: clerk) }
        }
        let signed = try checklist.signOff(date: day, site: "main", by: ActingUser(login: "officer1"))
        let stored = try f.database.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT s.report, a.detail FROM checklist_signoff s JOIN audit_event a ON a.id = s.audit_row WHERE s.date = ?
                """, arguments: [day.iso])
        }
        let text: String = try #require(stored?[0])
        let detail: String = try #require(stored?[1])
        let digest = ChecklistRows.digest(text)
        #expect(digest.count == 64)
        #expect(detail.hasSuffix("; report sha256 \(digest)"))
        let read = try checklist.signedOff(date: day, site: "main", by: clerk)
        #expect(read.report == signed.report)
        // Altered behind the application's back (the table's trigger dropped to do it).
        let deferral = "recorded on paper, entered tomorrow"
        #expect(text.contains(deferral))
        try f.database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER checklist_signoff_no_update")
            try db.execute(sql: "UPDATE checklist_signoff SET report = replace(report, ?, 'all done properly') WHERE date = ?",
                           arguments: [deferral, day.iso])
        }
        let refusal = #expect(throws: ChecklistError.self) { try checklist.signedOff(date: day, site: "main", by: clerk) }
        let field = refusal?.field
        #expect(field == "report")
        let message = refusal?.description ?? ""
        #expect(message.contains("has been altered since"))
        #expect(message.contains("audit row \(signed.auditRowID)"))
    }

    @Test("a patient restricted after the sign-off is shown by hospital number in the frozen report; the stored report still verifies")
    func reportMasksRestrictedSince() throws {
        let d = try seedDay()
        try f.addStaff("officer1", .officer)
        f.clock.set("2026-11-24", "17:30")
        for item in try checklist.generate(date: day, filter: ChecklistFilter(siteCode: "main"), by: clerk).outstanding {
            if item.completion == .hand { _ = try checklist.tick(item: item.id, by: clerk) }
            else { _ = try checklist.deferItem(item: item.id, reason: "recorded on paper, entered tomorrow", by: clerk) }
        }
        let signed = try checklist.signOff(date: day, site: "main", by: ActingUser(login: "officer1"))
        let named = signed.report.items.filter { $0.patientID == d.ann.id }
        try #require(!named.isEmpty)
        #expect(named.allSatisfy { $0.patientName == "ABBOTT, Ann" })
        let storedBefore = try f.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT report FROM checklist_signoff WHERE date = ?", arguments: [day.iso])
        }
        // Ann is restricted the next morning; Bob is merged into a record restricted since.
        f.clock.set("2026-11-25", "09:00")
        _ = try f.patients.restrict(d.ann.mrn, reason: "member of staff", by: clerk)
        let kept = try f.patient("Baker", "Robert")
        _ = try f.patients.merge(keep: kept.mrn, duplicate: d.bob.mrn, reason: "same person registered twice", by: clerk)
        _ = try f.patients.restrict(kept.mrn, reason: "safeguarding case", by: clerk)
        let read = try checklist.signedOff(date: day, site: "main", by: clerk)
        let ann = read.report.items.filter { $0.patientID == d.ann.id }
        #expect(ann.count == named.count)
        #expect(ann.allSatisfy { $0.patientName == d.ann.mrn })
        let bob = read.report.items.filter { $0.patientID == d.bob.id }
        try #require(!bob.isEmpty)
        #expect(bob.allSatisfy { $0.patientName == d.bob.mrn })
        // Everyone else as frozen; the stored report untouched.
        let cat = read.report.items.filter { $0.patientID == d.cat.id }.map(\.patientName)
        #expect(!cat.isEmpty && cat.allSatisfy { $0 == "CARTER, Cat" })
        let storedAfter = try f.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT report FROM checklist_signoff WHERE date = ?", arguments: [day.iso])
        }
        #expect(storedAfter == storedBefore)
        #expect(storedAfter?.contains("ABBOTT, Ann") == true)
        #expect(read.report.items.count == signed.report.items.count)
    }

    @Test("marks on the items of a date and site signed off are refused, naming who signed it off and when; nothing is written")
    func marksAfterSignOff() throws {
        let d = try seedDay()
        try f.addStaff("officer1", .officer)
        f.clock.set("2026-11-24", "17:30")
        for item in try checklist.generate(date: day, filter: ChecklistFilter(siteCode: "main"), by: clerk).outstanding {
            if item.completion == .hand { _ = try checklist.tick(item: item.id, by: clerk) }
            else { _ = try checklist.deferItem(item: item.id, reason: "recorded on paper, entered tomorrow", by: clerk) }
        }
        let list = try checklist.generate(date: day, filter: ChecklistFilter(siteCode: "main"), by: clerk)
        _ = try checklist.signOff(date: day, site: "main", by: ActingUser(login: "officer1"))
        let deferred = try #require(list.items.first { $0.kind == .attendanceRecorded && $0.appointmentID == d.a["bob"]!.id })
        let ticked = try #require(list.items.first { $0.kind == .notesReturned && $0.state == .done && $0.completion == .hand })
        f.clock.set("2026-11-24", "18:00")
        let audited = try f.auditDetails(d.bob).count
        let marks = try checklist.history(item: deferred.id, by: clerk).count
        let refusals = [
            #expect(throws: ChecklistError.self) { try checklist.clearMark(item: deferred.id, reason: "deferred by mistake", by: clerk) },
            #expect(throws: ChecklistError.self) { try checklist.clearMark(item: ticked.id, reason: "ticked the wrong patient", by: clerk) },
            #expect(throws: ChecklistError.self) { try checklist.deferItem(item: deferred.id, reason: "another reason given", by: clerk) },
        ]
        for refusal in refusals {
            let message = refusal?.description ?? ""
            #expect(message.hasPrefix("item: "))
            #expect(message.contains("signed off by officer1 at 24-Nov-2026 17:30"))
            #expect(message.contains("the frozen report stands"))
        }
        let marksAfter = try checklist.history(item: deferred.id, by: clerk).count
        #expect(marksAfter == marks)
        let auditedAfter = try f.auditDetails(d.bob).count
        #expect(auditedAfter == audited)
        // Wednesday's preparation is Wednesday's: still marked after Tuesday was signed off.
        let prepared = try #require(list.items.first { $0.kind == .notesPrepared && $0.patientID == d.eve.id })
        let cleared = try checklist.clearMark(item: prepared.id, reason: "not prepared after all", by: clerk)
        #expect(cleared.state == .outstanding)
    }

    @Test("a merge moves the duplicate's marks to the kept record's items, in its transaction; both histories kept on a shared session item")
    func marksFollowMerge() throws {
        let kept = try f.patient("Dupont", "Dee"), dup = try f.patient("Dupont", "Dee"), other = try f.patient("Dupont", "Di")
        let dupVisit = try f.book(dup, try f.slot("onc_fu", "2026-11-25", "09:00"))
        let otherVisit = try f.book(other, try f.slot("onc_fu", "2026-11-25", "10:00"))
        let session = try #require(dupVisit.sessionID)
        let dupNotes = "N-20261125-s\(session)p\(dup.id!)", keptNotes = "N-20261125-s\(session)p\(kept.id!)"
        // The duplicate's notes ticked (electronic record only: a hand item); its attendance item deferred.
        _ = try checklist.tick(item: dupNotes, by: clerk)
        let before = try checklist.generate(date: day, by: clerk)
        #expect(before.item(id: dupNotes)?.state == .done)
        f.clock.set("2026-11-24", "10:00")
        _ = try checklist.deferItem(item: "A-20261125-a\(dupVisit.id)", reason: "clinic list to be checked", by: clerk)
        _ = try f.patients.merge(keep: kept.mrn, duplicate: dup.mrn, reason: "same person registered twice", by: clerk)
        let after = try checklist.generate(date: day, by: clerk)
        #expect(after.item(id: dupNotes) == nil)
        let moved = try #require(after.item(id: keptNotes))
        #expect(moved.state == .done)
        #expect(moved.settledBy == clerk.login)
        let history = try checklist.history(item: keptNotes, by: clerk)
        #expect(history.map(\.action) == [.done])
        #expect(history.first?.mergedFrom == dupNotes)
        #expect(history.first?.patientID == kept.id)
        let left = try f.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM checklist_mark WHERE patient_id = ?", arguments: [dup.id]) ?? -1
        }
        #expect(left == 0)
        #expect(try f.auditDetails(kept).contains { $0.contains("checklist: 2 marks of merged \(dup.mrn) moved") })

        // Both records in one session: the other Dupont (booked in the same clinic) turns out to be the same person too.
        _ = otherVisit
        f.clock.set("2026-11-24", "11:00")
        let otherNotes = "N-20261125-s\(session)p\(other.id!)"
        _ = try checklist.deferItem(item: otherNotes, reason: "notes still being scanned", by: clerk)
        _ = try f.patients.merge(keep: kept.mrn, duplicate: other.mrn, reason: "same person registered three times", by: clerk)
        let merged = try #require(try checklist.generate(date: day, by: clerk).item(id: keptNotes))
        #expect(merged.state == .deferred)      // the latest of both histories
        #expect(merged.deferReason == "notes still being scanned")
        let both = try checklist.history(item: keptNotes, by: clerk)
        #expect(both.map(\.action) == [.done, .deferred])
        #expect(both.map(\.mergedFrom) == [dupNotes, otherNotes])

        // Nothing else may change a mark.
        #expect(throws: DatabaseError.self) {
            try f.database.writer.write { try $0.execute(sql: "UPDATE checklist_mark SET reason = 'changed later'") }
        }
        #expect(throws: DatabaseError.self) {
            try f.database.writer.write { db in
                try db.execute(sql: "UPDATE checklist_mark SET patient_id = ? WHERE patient_id = ?", arguments: [other.id, kept.id])
            }
        }
    }

    @Test("an unknown site, service or clinician is refused naming the field, not answered with an empty checklist")
    func unknownCodes() throws {
        _ = try seedDay()
        for (filter, field) in [(ChecklistFilter(siteCode: "nowhere"), "site"), (ChecklistFilter(serviceCode: "onc_fuu"), "service"),
                                (ChecklistFilter(clinicianCode: "dr_nobody"), "clinician")] {
            let refusal = #expect(throws: ChecklistError.self) { try checklist.generate(date: day, filter: filter, by: clerk) }
            let kind = refusal?.kind
            #expect(kind == .notFound)
            let named = refusal?.field
            #expect(named == field)
            let message = refusal?.description ?? ""
            #expect(message.contains("there is no \(field) '"))
        }
        let known = try checklist.generate(date: day, filter: ChecklistFilter(serviceCode: "ONC_FU", clinicianCode: "dr_adams"), by: clerk)
        #expect(!known.items.isEmpty)
    }

    @Test("a manager lists the dates and sites with clinics and no sign-off; a clerk may not")
    func notSignedOff() throws {
        _ = try seedDay()
        try f.addStaff("officer1", .officer)
        f.clock.set("2026-11-24", "17:30")
        let all = try checklist.notSignedOff(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2026-11-25")!, by: clerk)
        #expect(all == [ChecklistDaySite(date: day, siteCode: "main"), ChecklistDaySite(date: wed, siteCode: "main")])
        #expect(throws: AccessError.self) {
            try checklist.notSignedOff(from: day, to: wed, by: ActingUser(login: "officer1"))
        }
        #expect(throws: ValidationError.self) { try checklist.notSignedOff(from: wed, to: day, by: clerk) }
    }

    @Test("a callback promised for the day is an item that completes when the callback is made")
    func callbacks() throws {
        let enquiries = f.enquiryService()
        let call = try enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                    organisation: "Hale Surgery", category: .appointmentQuery,
                                                    summary: "asks when the next review is", route: .callback(by: nil)), by: clerk)
        let list = try checklist.generate(date: wed, filter: ChecklistFilter(siteCode: "main"), by: clerk)
        let item = try #require(items(list, .callbackMade).first)
        #expect(item.id == "C-20261125-e\(call.id)")
        #expect(item.state == .outstanding)
        #expect(try checklist.generate(date: day, by: clerk).items.allSatisfy { $0.kind != .callbackMade })
        #expect(throws: ChecklistError.self) { try checklist.tick(item: item.id, by: clerk) }
        f.clock.set("2026-11-25", "09:30")
        _ = try enquiries.calledBack(enquiry: call.id, "told the date of the review", by: clerk)
        let done = try checklist.generate(date: wed, by: clerk).item(id: item.id)
        #expect(done?.state == .done)
        #expect(done?.settledBy == clerk.login)
    }

    @Test("a callback promised again for a later day is settled on the first day's checklist (re-arranged) and outstanding on the later day's")
    func callbackRearranged() throws {
        let enquiries = f.enquiryService()
        let call = try enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                    organisation: "Hale Surgery", category: .appointmentQuery,
                                                    summary: "asks when the next review is", route: .callback(by: nil)), by: clerk)
        let first = "C-20261125-e\(call.id)"
        let before = try checklist.generate(date: wed, by: clerk).item(id: first)?.state
        #expect(before == .outstanding)
        // On Wednesday morning the GP asks to be rung next Wednesday instead.
        f.clock.set("2026-11-25", "09:15")
        let next = CentreTime.startOfDay(LocalDate(iso: "2026-12-02")!).addingTimeInterval(10 * 3600)
        _ = try enquiries.promiseCallback(enquiry: call.id, by: next, user: clerk)
        let moved = try #require(try checklist.generate(date: wed, by: clerk).item(id: first))
        #expect(moved.state == .done)
        #expect(moved.detail.hasPrefix("callback re-arranged for Wed 02-Dec-2026 10:00"))
        #expect(moved.detail.contains("C-20261202-e\(call.id)"))
        #expect(moved.settledBy == clerk.login)
        #expect(moved.settledAt == f.clock.now)
        let wedProgress = try checklist.generate(date: wed, by: clerk).progress(of: .callbacks)
        #expect(wedProgress.outstanding == 0)
        // The later day's checklist has it, outstanding until the call is made.
        let later = LocalDate(iso: "2026-12-02")!
        let second = try #require(try checklist.generate(date: later, by: clerk).item(id: "C-20261202-e\(call.id)"))
        #expect(second.state == .outstanding)
        f.clock.set("2026-12-02", "10:05")
        _ = try enquiries.calledBack(enquiry: call.id, "told the date of the review", by: clerk)
        let made = try checklist.generate(date: later, by: clerk).item(id: second.id)?.state
        #expect(made == .done)
        // Wednesday's stays re-arranged (not "called back"): the call answered the later promise.
        let still = try checklist.generate(date: wed, by: clerk).item(id: first)?.detail ?? ""
        #expect(still.hasPrefix("callback re-arranged"))
    }

    @Test("a callback about a patient is listed under the patient's name; a restricted record's under its hospital number only")
    func callbackPatientName() throws {
        let enquiries = f.enquiryService()
        let ann = try f.patient("Abbott", "Ann"), bob = try f.patient("Baker", "Bob")
        func call(_ patient: Patient) throws -> Int64 {
            try enquiries.log(EnquiryRequest(callerType: .relativeOrCarer, callerName: "Jo Abbott", callerPhone: "0151 555 0100",
                                             patient: patient.mrn, category: .appointmentQuery,
                                             summary: "asks when the next review is", route: .callback(by: nil)), by: clerk).id
        }
        let first = try call(ann), second = try call(bob)
        _ = try f.patients.restrict(bob.mrn, reason: "member of staff", by: clerk)
        let list = try checklist.generate(date: wed, by: clerk)
        #expect(list.item(id: "C-20261125-e\(first)")?.patientName == ann.displayName)
        #expect(list.item(id: "C-20261125-e\(second)")?.patientName == bob.mrn)
    }

    @Test("a callback referred to a team or escalated before it was made is settled on the day: the callback is the new owner's")
    func callbackHandedOver() throws {
        let enquiries = f.enquiryService()
        func call(_ caller: String) throws -> Int64 {
            try enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: caller, callerPhone: "0151 555 0100",
                                             organisation: "Hale Surgery", category: .appointmentQuery,
                                             summary: "asks when the next review is", route: .callback(by: nil)), by: clerk).id
        }
        let referred = try call("Dr Hale"), escalated = try call("Dr Ince")
        f.clock.set("2026-11-25", "09:20")
        _ = try enquiries.refer(enquiry: referred, to: "clinical", note: "a question for the oncologist", by: clerk)
        _ = try enquiries.escalate(enquiry: escalated, note: "unhappy with the wait", by: clerk)
        let list = try checklist.generate(date: wed, by: clerk)
        let handed = try #require(list.item(id: "C-20261125-e\(referred)"))
        #expect(handed.state == .done && handed.settledBy == clerk.login)
        #expect(handed.detail == "referred to clinical: the callback is theirs now")
        let up = try #require(list.item(id: "C-20261125-e\(escalated)"))
        #expect(up.state == .done)
        #expect(up.detail == "escalated to the Assistant Service Manager: the callback is theirs now")
        #expect(list.progress(of: .callbacks).outstanding == 0)
    }

    @Test("a callback made, then another promised for a later day: the first day's item is done by the call")
    func callbackMadeThenPromisedAgain() throws {
        let enquiries = f.enquiryService()
        let call = try enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Hale", callerPhone: "0151 555 0100",
                                                    organisation: "Hale Surgery", category: .appointmentQuery,
                                                    summary: "asks when the next review is", route: .callback(by: nil)), by: clerk)
        f.clock.set("2026-11-25", "09:30")
        _ = try enquiries.calledBack(enquiry: call.id, "left a message, will ring again", by: clerk)
        let next = CentreTime.startOfDay(LocalDate(iso: "2026-11-27")!).addingTimeInterval(11 * 3600)
        _ = try enquiries.promiseCallback(enquiry: call.id, by: next, user: clerk)
        let item = try #require(try checklist.generate(date: wed, by: clerk).item(id: "C-20261125-e\(call.id)"))
        #expect(item.state == .done)
        #expect(item.detail == "called back")
        let friday = try checklist.generate(date: LocalDate(iso: "2026-11-27")!, by: clerk).item(id: "C-20261127-e\(call.id)")?.state
        #expect(friday == .outstanding)
    }

    @Test("the prescription item follows the service's pharmacy screening flag, not its code; a manager turns it on and off, audited")
    func screeningByServiceFlag() throws {
        let access = AccessControl(staff: StaffStore(f.database, clock: f.clock))
        let diary = DiaryService(diary: DiaryStore(f.database, clock: f.clock), access: access, clock: f.clock)
        _ = try diary.addService(Service(code: "chemo_day", name: "Chemotherapy day unit", defaultMinutes: 60, attendance: .followUp,
                                         pharmacyScreening: true), by: clerk)
        _ = try diary.addService(Service(code: "sact_review", name: "SACT nurse review", defaultMinutes: 60, attendance: .followUp),
                                 by: clerk)
        for service in ["chemo_day", "sact_review"] {
            _ = try f.booking.addTemplate(SessionTemplateFields(service: service, site: "main", clinician: "nurse_cole", days: "wed",
                                                                start: "08:00", end: "10:00", slotMinutes: "60", capacity: "1",
                                                                validFrom: "2026-11-23"), by: clerk)
        }
        _ = try f.booking.generateSessions(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2026-12-31")!, by: clerk)
        let chemo = try f.book(try f.patient("Chair", "Cy"), try f.slot("chemo_day", "2026-11-25", "08:00"))
        let review = try f.book(try f.patient("Review", "Rae"), try f.slot("sact_review", "2026-11-25", "08:00"))
        func screened() throws -> Set<Int64> {
            Set(try checklist.generate(date: day, by: clerk).items.filter { $0.kind == .prescriptionScreened }.compactMap(\.appointmentID))
        }
        #expect(try screened() == [chemo.id])
        let on = try diary.setPharmacyScreening(service: "SACT_REVIEW", true, by: clerk)
        #expect(on.pharmacyScreening)
        _ = try diary.setPharmacyScreening(service: "chemo_day", false, by: clerk)
        #expect(try screened() == [review.id])
        let services = try diary.services(by: clerk).filter(\.pharmacyScreening).map(\.code)
        #expect(services == ["sact_chair", "sact_review"])
        let audited = try PatientStore(f.database, clock: f.clock).entries(patientID: nil, limit: 5).map(\.detail)
        #expect(audited.contains("service chemo_day: pharmacy screening off"))
        // Managers only; an unknown service is refused naming the field.
        try f.addStaff("clerk2", .clerk)
        #expect(throws: AccessError.self) { try diary.setPharmacyScreening(service: "chemo_day", true, by: ActingUser(login: "clerk2")) }
        let unknown = #expect(throws: BookingError.self) { try diary.setPharmacyScreening(service: "nope", true, by: clerk) }
        let field = unknown?.field
        #expect(field == "service")
    }

    @Test("a treatment appointment held by a course is screened by its pharmacy task (rules)")
    func screeningTask() throws {
        let a = Appointment(id: 7, patientID: 1, patientMRN: "FD1", slotID: nil, sessionID: 3, serviceCode: "chemo_day",
                            clinicianCode: "chair", siteCode: "main", date: wed, start: ClockTime.parse("13:00")!,
                            end: ClockTime.parse("14:00")!, bookedBy: "x", bookedAt: testNow)
        var task = DeskTask(id: 41, teamCode: "pharmacy", patientID: 1, patientMRN: "FD1", courseID: 2, kind: .courseStep,
                            description: "screen", dueDate: day, dueTime: ClockTime.parse("12:00")!, createdBy: "x", createdAt: testNow)
        var facts = ChecklistFacts(visits: [.init(appointment: a, patientName: "FOX, Fay", needsInterpreter: false)], screening: [7: task])
        var item = ChecklistRules.items(date: day, preparationDates: [wed], facts: facts).first { $0.kind == .prescriptionScreened }
        #expect(item?.completion == .data)
        #expect(item?.state == .outstanding)
        #expect(item?.urgent == true)
        task.status = .done; task.closedBy = "pharm1"
        facts.screening[7] = task
        item = ChecklistRules.items(date: day, preparationDates: [wed], facts: facts).first { $0.kind == .prescriptionScreened }
        #expect(item?.state == .done)
        #expect(item?.settledBy == "pharm1")
    }

    @Test("a cycle with two pharmacy tasks: the screening item reads the one not cancelled, then the latest")
    func screeningTaskOfTwo() throws {
        let d = try CourseServiceTests.Desk()
        _ = try d.book(try d.f.patient("Course"))
        let checklist = ChecklistService(checklist: ChecklistStore(d.f.database, clock: d.f.clock),
                                         access: AccessControl(staff: StaffStore(d.f.database, clock: d.f.clock)), clock: d.f.clock)
        let monday = LocalDate(iso: "2026-11-30")!
        func screening() throws -> [ChecklistItem] {
            try checklist.generate(date: monday, by: clerk).items.filter { $0.kind == .prescriptionScreened }
        }
        let first = try screening()
        try #require(!first.isEmpty)
        let task = try #require(first.first?.taskID)
        /// A copy of the screening task for the same cycle (a higher id, its own course step instance), with `set` applied.
        func copyTask(_ set: String, instance: Int) throws -> Int64 {
            try d.f.database.writer.write { db -> Int64 in
                try db.execute(sql: "CREATE TEMP TABLE copied AS SELECT * FROM task WHERE id = ?", arguments: [task])
                try db.execute(sql: "UPDATE copied SET id = (SELECT max(id) + 1 FROM task), \(set)")
                try db.execute(sql: "INSERT INTO task SELECT * FROM copied")
                let id = try Int64.fetchOne(db, sql: "SELECT id FROM copied") ?? -1
                try db.execute(sql: """
                    INSERT INTO course_step SELECT course_id, cycle, step, instance + ?, kind, appointment_id, ?, planned_date, override_reason
                    FROM course_step WHERE task_id = ?
                    """, arguments: [instance, id, task])
                try db.execute(sql: "DROP TABLE copied")
                return id
            }
        }
        // A second screening task for the same cycle, cancelled, with a higher id.
        let cancelled = try copyTask("status = 'cancelled'", instance: 1)
        #expect(cancelled > task)
        _ = try d.f.booking.closeTask(id: task, .done, note: "screened", by: clerk)
        let items = try screening()
        #expect(items.count == first.count)
        #expect(items.allSatisfy { $0.taskID == task })
        #expect(items.allSatisfy { $0.state == .done })
        // A newer open task (a re-screening) is the one read.
        let reissued = try copyTask("status = 'open', closed_by = NULL, closed_at = NULL", instance: 2)
        let again = try screening()
        #expect(again.allSatisfy { $0.taskID == reissued })
        #expect(again.allSatisfy { $0.state == .outstanding })
    }

    @Test("item ids read back as written, in any case", arguments: ["A-20261124-a12", "n-20261125-s3p45", "C-20261125-e9", "N-20261125-a7"])
    func idRoundTrip(_ text: String) throws {
        let parsed = try #require(ChecklistItemID(parsing: text))
        #expect(parsed.description == text.uppercased(with: nil).prefix(1) + text.dropFirst())
    }
}
