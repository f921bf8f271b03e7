import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
import FrontDeskUI

/// The test desk with the checklist: the harness's seeded day (today's
/// oncology and phlebotomy clinics at the main site, Smith's past
/// appointment) and, tomorrow, Evans in a SACT chair with no screening task —
/// an urgent prescription. Keys through `AppState.update`, effects through a
/// real `PatientDesk` with a `ChecklistService`; the desk's site is main.
final class ChecklistHarness: DeskDriving {
    let h: Harness
    let desk: PatientDesk
    let checklist: ChecklistService
    let enquiries: EnquiryService
    let exportDirectory: URL
    let today = LocalDate(iso: "2026-11-24")!

    init(role: StaffRole = .manager, size: Size = standardSize) throws {
        h = try Harness(size: size, role: role)
        try h.seedClinic()
        _ = try h.diary.addService(Service(code: "sact_chair", name: "SACT chair", defaultMinutes: 60, attendance: .followUp,
                                                 pharmacyScreening: true), by: testUser)
        _ = try h.diary.addClinician(Clinician(code: "nurse_cole", name: "Sister Cole", role: .nurse), by: testUser)
        _ = try h.booking.addTemplate(SessionTemplateFields(service: "sact_chair", site: "main", clinician: "nurse_cole", days: "mon-fri",
                                                            start: "13:00", end: "17:00", slotMinutes: "60", validFrom: "01/11/2026"),
                                      by: testUser)
        let wed = LocalDate(iso: "2026-11-25")!
        _ = try h.booking.generateSessions(from: wed, to: wed, by: testUser)
        let slot = try #require(try h.booking.slots(SlotQuery(serviceCode: "sact_chair", from: wed, limit: 1), by: testUser).first)
        _ = try h.booking.book(BookingRequest(patient: h.patient("Evans").mrn, slotID: slot.id), by: testUser)
        checklist = ChecklistService(checklist: ChecklistStore(h.database, clock: FixedClock(testNow)), access: h.access,
                                     clock: FixedClock(testNow))
        exportDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("checklist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: exportDirectory, withIntermediateDirectories: true)
        enquiries = EnquiryService(enquiries: EnquiryStore(h.database, clock: FixedClock(testNow)), access: h.access,
                                   clock: FixedClock(testNow))
        desk = h.desk(role: role, enquiries: enquiries, checklist: checklist,
                      checklistExport: ChecklistExport(directory: exportDirectory, text: { "checklist of \($0.date.iso): \($0.progress.text)\n" }))
        h.state.session.siteCode = "main"
    }

    deinit { try? FileManager.default.removeItem(at: exportDirectory) }

    var items: [ChecklistItem] { state.checklistPane.items }
    var progress: String { state.checklistPane.checklist?.progress.text ?? "" }

    /// Selects the first item of a kind (in the pane's order) with ↓ from the top, as a clerk would.
    func select(_ kind: ChecklistItem.Kind, state wanted: ChecklistItem.State = .outstanding) -> ChecklistItem {
        guard let index = items.firstIndex(where: { $0.kind == kind && $0.state == wanted }) else {
            fatalError("no \(wanted) \(kind) item on the checklist")
        }
        press(.home)
        for _ in 0..<index { press(.down) }
        return items[index]
    }

    /// Settles every outstanding item through the service: hand items ticked, data items deferred.
    func settleAll() throws {
        for item in try checklist.generate(date: today, filter: ChecklistFilter(siteCode: "main"), by: testUser).outstanding {
            if item.completion == .hand { _ = try checklist.tick(item: item.id, by: testUser) }
            else { _ = try checklist.deferItem(item: item.id, reason: "clinic overran, recorded tomorrow", by: testUser) }
        }
    }
}

@Suite("Checklist pane (F6)")
struct ChecklistPaneTests {
    @Test("F6 shows today's checklist for the desk's site: the urgent prescription first and marked in words, then the day closed and tomorrow prepared, grouped by clinic and patient with progress")
    func showsGroupedWithProgress() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        #expect(c.state.pane == .checklist)
        let pane = c.state.checklistPane
        #expect(pane.site.text == "main")
        #expect(pane.checklist?.date == c.today)
        // Closure: attendance and notes returned for the six appointments; preparation: Evans's notes and prescription.
        #expect(c.progress == "0/14 done")
        let first = c.items.first
        #expect(first?.kind == .prescriptionScreened)
        #expect(first?.urgent == true)
        let text = c.text
        #expect(text.contains("! URGENT: prescriptions not screened"))
        #expect(text.contains("Closing Tue 24-Nov-2026 · 0/12 done"))
        #expect(text.contains("Tue 24-Nov-2026 main onc_fu dr_okafor 09:00 · 0/10 done"))
        #expect(text.contains("0/14 done overall · 14 outstanding"))
        #expect(text.contains("outstanding"))
        #expect(text.contains(first?.id ?? "?"))
        #expect(text.contains("URGENT, delays treatment"))
        assertSnapshot(c.screen, named: "checklist-80x24")
        // The preparation section further down.
        c.press(.end)
        #expect(c.text.contains("Preparing Wed 25-Nov-2026 (urgent ones above) · 0/2 done"))
    }

    @Test("x ticks a hand item (who and when, progress moves); a data item is refused in the domain's words")
    func tickHandAndRefuseData() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let notes = c.select(.notesReturned)
        c.press(.char("x"))
        let ticked = c.items.first { $0.id == notes.id }
        #expect(ticked?.state == .done)
        #expect(ticked?.settledBy == "clerk1")
        #expect(c.progress == "1/14 done")
        #expect(c.state.message?.text == "\(notes.id) notes returned · done")
        #expect(c.text.contains("done by clerk1 at 09:41"))
        // An attendance completes itself from the data: never ticked.
        let attendance = c.select(.attendanceRecorded)
        c.press(.char("x"))
        #expect(c.state.message?.kind == .error)
        let refusal = c.state.message?.text ?? ""
        #expect(refusal.contains("\(attendance.id) (attendance recorded) completes itself when the data shows it"), "\(refusal)")
        #expect(refusal.contains("only deferred with a reason"))
        #expect(c.progress == "1/14 done")
    }

    @Test("D defers with a reason asked in a one-line prompt: none or too short is refused there, a reason settles it")
    func deferNeedsAReason() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let attendance = c.select(.attendanceRecorded)
        c.press(.char("D"))
        #expect(c.state.checklistPane.prompt?.kind == .deferItem)
        #expect(c.state.isTyping)
        c.press(.enter)
        let error = c.state.checklistPane.prompt?.error ?? ""
        #expect(error.hasPrefix("reason:"), "\(error)")
        #expect(c.items.first { $0.id == attendance.id }?.state == .outstanding)
        c.type("clinic overran")
        assertSnapshot(c.screen, named: "checklist-defer-prompt-80x24")
        c.type(", recorded tomorrow")
        c.press(.enter)
        #expect(c.state.checklistPane.prompt == nil)
        let deferred = c.items.first { $0.id == attendance.id }
        #expect(deferred?.state == .deferred)
        #expect(deferred?.deferReason == "clinic overran, recorded tomorrow")
        #expect(c.progress == "1/14 done (1 deferred)")
        #expect(c.text.contains("deferred by clerk1: clinic"))
        // Esc leaves a question with nothing recorded.
        _ = c.select(.notesReturned)
        c.press(.char("D"))
        c.type("notes")
        c.press(.escape)
        #expect(c.state.checklistPane.prompt == nil)
        #expect(c.progress == "1/14 done (1 deferred)")
    }

    @Test("Enter opens the item's patient record; on an attendance, its clinic's day list at the appointment, and Esc comes back")
    func enterOpensTheRecord() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let item = c.select(.notesReturned)
        c.press(.enter)
        #expect(c.state.pane == .record)
        #expect(c.state.record?.patient.mrn == item.patientMRN)
        // F6 goes back to the checklist as it was.
        c.press(.function(6))
        #expect(c.state.pane == .checklist)
        #expect(c.state.checklistPane.selected?.id == item.id)
        // The attendance is recorded where the clinic is: F3's day list, that clinic, that appointment.
        let attendance = c.select(.attendanceRecorded)
        c.press(.enter)
        #expect(c.state.pane == .clinics)
        let selected = c.state.clinicsPane.selected?.appointment
        #expect(selected?.id == attendance.appointmentID)
        #expect(c.state.clinicsPane.date.text == attendance.date.display)
        #expect(c.state.clinicsPane.service.text == attendance.serviceCode)
        // Recorded there (attended), Esc comes back to a checklist read again: the item has completed itself.
        c.press(.char("a"))
        c.press(.escape)
        #expect(c.state.pane == .checklist)
        #expect(c.state.checklistPane.selected?.id == attendance.id)
        #expect(c.items.first { $0.id == attendance.id }?.state == .done)
    }

    @Test("after a tick the selection stays where it was, on the next item to do, rather than following the ticked one down")
    func selectionStaysAfterATick() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        // The urgent prescription heads the list; ticked, it goes to the end among the done.
        let urgent = c.select(.prescriptionScreened)
        #expect(urgent.urgent && c.state.checklistPane.position.selected == 0)
        c.press(.char("x"))
        #expect(c.items.last?.id == urgent.id && c.items.last?.state == .done)
        // The selection stays at the top, on the next thing to do.
        #expect(c.state.checklistPane.position.selected == 0)
        #expect(c.state.checklistPane.selected?.id == c.items.first?.id && c.items.first?.state == .outstanding)
    }

    @Test("u takes back a mistaken tick, saying why: the item is outstanding again")
    func takeBackAMark() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let notes = c.select(.notesReturned)
        c.press(.char("x"))
        #expect(c.progress == "1/14 done")
        c.press(.char("u"))
        #expect(c.state.checklistPane.prompt?.kind == .clear)
        c.type("ticked the wrong patient")
        c.press(.enter)
        #expect(c.items.first { $0.id == notes.id }?.state == .outstanding)
        #expect(c.progress == "0/14 done")
        #expect(try c.checklist.history(item: notes.id, by: testUser).map(\.action) == [.done, .cleared])
    }

    @Test("a callback due today is on the checklist; Enter on it opens the enquiry in F5")
    func callbackOpensTheEnquiry() throws {
        let c = try ChecklistHarness()
        let due = testNow.addingTimeInterval(6 * 3600)
        let enquiry = try c.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Shah", callerPhone: "0151 555 0100",
                                                         organisation: "Riverside Surgery", patient: c.h.patient("Smith").mrn,
                                                         category: .appointmentQuery, summary: "asks for the next clinic letter",
                                                         route: .callback(by: due)), by: testUser)
        c.press(.function(6))
        #expect(c.progress == "0/15 done")
        let callback = c.select(.callbackMade)
        #expect(c.text.contains("callbacks (any site)"))
        #expect(callback.enquiryID == enquiry.id)
        c.press(.enter)
        #expect(c.state.pane == .enquiries)
        #expect(c.state.enquiriesPane.detail?.id == enquiry.id)
        #expect(c.state.enquiriesPane.detail?.shown != nil)
    }

    @Test("a clerk is not offered the sign-off, and O does nothing")
    func clerkHasNoSignOff() throws {
        let c = try ChecklistHarness(role: .clerk)
        c.press(.function(6))
        #expect(!c.state.bindings.contains { $0.action == .signOff })
        #expect(!c.text.contains("Sign off"))
        try c.settleAll()
        c.press(.char("O"))
        #expect(c.state.checklistPane.prompt == nil)
        #expect(throws: ChecklistError.self) { try c.checklist.signedOff(date: c.today, site: "main", by: testUser) }
    }

    @Test("an officer's sign-off is refused with the outstanding items listed; once each is done or deferred, confirmed and recorded")
    func officerSignsOff() throws {
        let c = try ChecklistHarness(role: .officer)
        c.press(.function(6))
        #expect(c.state.bindings.contains { $0.action == .signOff })
        c.press(.char("O"))
        #expect(c.state.checklistPane.prompt?.kind == .signOff)
        c.press(.enter)
        let refusal = c.state.checklistPane.refusal
        #expect(refusal?.outstanding.count == 14)
        #expect(c.state.message?.text.hasPrefix("not signed off: 14 outstanding") == true)
        #expect(c.text.contains("Not signed off: 14 outstanding"))
        assertSnapshot(c.screen, named: "checklist-signoff-refused-80x24")
        c.press(.escape)
        #expect(c.state.checklistPane.refusal == nil)
        try c.settleAll()
        c.press(.char("O"))
        #expect(c.state.checklistPane.prompt?.kind == .signOff)
        c.press(.enter)
        let signed = try c.checklist.signedOff(date: c.today, site: "main", by: testUser)
        #expect(signed.signedBy == "desk2")
        #expect(c.state.message?.text.hasPrefix("signed off Tue 24-Nov-2026 at main by desk2: 14/14 done") == true)
        #expect(c.text.contains("SIGNED OFF by desk2 at 09:41"))
    }

    @Test("a day signed off whose stored report was altered since: the pane says so in red, never that the day is not signed off, and O does not offer to sign it again")
    func alteredReportIsShownNotHidden() throws {
        let c = try ChecklistHarness(role: .officer)
        try c.settleAll()
        _ = try c.checklist.signOff(date: c.today, site: "main", by: testUser)
        // The frozen report altered behind the application's back (the trigger that keeps it dropped).
        try c.h.database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER checklist_signoff_no_update")
            try db.execute(sql: "UPDATE checklist_signoff SET report = replace(report, 'clinic overran', 'all done properly') WHERE date = ?",
                           arguments: [c.today.iso])
        }
        c.press(.function(6))
        let failing = c.state.checklistPane.signOff.isReportFailing
        #expect(failing)
        let text = c.text
        #expect(text.contains("Signed-off report fails its check — tell the information governance lead"), "\(text)")
        #expect(!text.contains("ready to sign off"))
        #expect(!text.contains("outstanding ·"))
        #expect(!text.contains("SIGNED OFF by"))
        // In red, and the domain's words on the message line.
        let role = c.screen[2, 3].style.role
        #expect(role == .error)
        let message = c.state.message
        #expect(message?.kind == .error)
        #expect(message?.text.contains("has been altered since") == true, "\(String(describing: message))")
        // Signed off all the same: O says so rather than asking to sign it off.
        c.press(.char("O"))
        #expect(c.state.checklistPane.prompt == nil)
        #expect(c.state.message?.text.contains("has been altered since") == true)
        // The day before was never signed off, and is said so.
        c.press(.left)
        let before = c.state.checklistPane.signOff
        #expect(before == .notSignedOff)
    }

    @Test("Ctrl-P writes the checklist to a file only the user can read, audited, and says where")
    func printExport() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        c.press(.ctrl("p"))
        let file = c.exportDirectory.appendingPathComponent("frontdesk-checklist-2026-11-24-main.txt")
        #expect(try String(contentsOf: file, encoding: .utf8) == "checklist of 2026-11-24: 0/14 done\n")
        #expect(c.state.message?.text == "checklist written to \(file.path) (14 items)")
        // The user's alone, and audited: patient names left the database.
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let audited = try c.h.database.writer.read {
            try String.fetchAll($0, sql: "SELECT detail FROM audit_event WHERE action = 'checklist' AND detail LIKE 'exported%'")
        }
        #expect(audited == ["exported the checklist of 2026-11-24 (14 items) to \(file.path)"])
    }

    @Test("the filters are typed as the clinics pane's: a service narrows the list; a site that names none is refused on leaving it")
    func filters() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        c.press(.tab, .tab, .tab)   // date → site → service
        #expect(c.state.checklistPane.focus == .service)
        c.type("phlebotomy")
        c.press(.enter)
        #expect(c.state.checklistPane.focus == .list)
        #expect(c.progress == "0/2 done")
        #expect(c.items.allSatisfy { $0.serviceCode == "phlebotomy" })
        c.press(.backTab, .backTab)   // clinician, service
        c.press(.ctrl("u"))
        c.press(.backTab)
        c.press(.ctrl("u"))
        c.type("nowhere")
        c.press(.tab)
        #expect(c.state.checklistPane.errorField == .site)
        #expect(c.state.message?.kind == .error)
    }
}

@Suite("Checklist pane (F6): marking items with Space")
struct ChecklistMarkingTests {
    /// Marks the items (Space on each, from the top), as a clerk would.
    func mark(_ c: ChecklistHarness, _ wanted: [ChecklistItem]) {
        for item in wanted {
            guard let index = c.items.firstIndex(where: { $0.id == item.id }) else { Issue.record("\(item.id) is not listed"); return }
            c.press(.home)
            for _ in 0..<index { c.press(.down) }
            c.press(.char(" "))
        }
    }

    @Test("Space marks items (a * and the count); x ticks every marked one through the domain; one the data completes is reported, not skipped, and stays marked for D")
    func tickMarked() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let notes = Array(c.items.filter { $0.kind == .notesReturned }.prefix(2))
        let attendance = try #require(c.items.first { $0.kind == .attendanceRecorded })
        try #require(notes.count == 2)
        mark(c, notes + [attendance])
        let marked = c.state.checklistPane.marked
        #expect(marked == Set((notes + [attendance]).map(\.id)))
        #expect(c.text.contains("0/14 done overall · 14 outstanding · 3 marked"))
        #expect(c.text.contains(" * [ ]  \(notes[0].id)"))
        #expect(c.state.message?.text.hasPrefix("3 marked: x ticks") == true)
        // Space again unmarks.
        mark(c, [attendance])
        #expect(c.state.checklistPane.marked.count == 2)
        mark(c, [attendance])
        c.press(.char("x"))
        // The hand items ticked, each through the domain (its history, who and when).
        for item in notes {
            #expect(c.items.first { $0.id == item.id }?.state == .done)
            #expect(try c.checklist.history(item: item.id, by: testUser).map(\.action) == [.done])
        }
        #expect(c.progress == "2/14 done")
        // The attendance: refused, said, and still marked.
        let message = c.state.message
        #expect(message?.kind == .warning)
        #expect(message?.text == "2 ticked; 1 can't be ticked (attendance recorded — record it, or defer)")
        #expect(c.text.contains("Not ticked: 1 of 3, still marked (Esc closes)"))
        #expect(c.state.checklistPane.marked == [attendance.id])
        let refused = c.state.checklistPane.refusal?.lines ?? []
        #expect(refused.count == 1)
        #expect(refused.first?.contains("\(attendance.id) (attendance recorded) completes itself when the data shows it") == true)
        assertSnapshot(c.screen, named: "checklist-marked-refused-80x24")
        // D defers what is still marked, with one reason.
        c.press(.char("D"))
        #expect(c.state.checklistPane.refusal == nil)
        #expect(c.state.checklistPane.prompt?.itemIDs == [attendance.id])
        c.type("clinic overran, recorded tomorrow")
        c.press(.enter)
        #expect(c.items.first { $0.id == attendance.id }?.state == .deferred)
        #expect(c.state.checklistPane.marked.isEmpty)
        #expect(c.state.message?.text == "1 deferred")
        #expect(c.progress == "3/14 done (1 deferred)")
    }

    @Test("D and u on marked items ask one reason: a reason refused is asked again with nothing marked; u takes back every marked tick")
    func deferAndTakeBackMarked() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let attendances = Array(c.items.filter { $0.kind == .attendanceRecorded }.prefix(3))
        try #require(attendances.count == 3)
        mark(c, attendances)
        c.press(.char("D"))
        #expect(c.state.checklistPane.prompt?.title == "Defer the 3 items marked: why (5 to 200 characters)")
        c.type("no")
        c.press(.enter)
        let error = c.state.checklistPane.prompt?.error ?? ""
        #expect(error.hasPrefix("reason:"), "\(error)")
        #expect(c.progress == "0/14 done")
        #expect(c.state.checklistPane.marked.count == 3)
        c.type(" notes, recorded tomorrow")
        c.press(.enter)
        #expect(c.state.checklistPane.prompt == nil)
        #expect(attendances.allSatisfy { a in c.items.first { $0.id == a.id }?.state == .deferred })
        #expect(c.state.message?.text == "3 deferred")
        #expect(c.state.checklistPane.marked.isEmpty)
        // u on the marked ones: every mark taken back, each recorded in the item's history.
        mark(c, attendances)
        c.press(.char("u"))
        c.type("deferred the wrong clinic")
        c.press(.enter)
        #expect(c.state.message?.text == "3 marks taken back")
        #expect(c.progress == "0/14 done")
        #expect(try c.checklist.history(item: attendances[0].id, by: testUser).map(\.action) == [.deferred, .cleared])
        // u on items with no mark: each refused, in the domain's words.
        mark(c, Array(attendances.prefix(2)))
        c.press(.char("u"))
        c.type("nothing to take back")
        c.press(.enter)
        #expect(c.state.message?.kind == .error)
        #expect(c.state.message?.text == "0 marks taken back; 2 refused")
        #expect(c.text.contains("Marks not taken back: 2 of 2, still marked (Esc closes)"))
        #expect(c.state.checklistPane.refusal?.lines.first?.contains("has no tick or deferral to take back") == true)
    }

    @Test("the marks are cleared by Esc, by another day and by another filter; the selection alone is acted on with none marked")
    func marksCleared() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let first = Array(c.items.prefix(2))
        mark(c, first)
        #expect(c.state.checklistPane.marked.count == 2)
        c.press(.escape)
        #expect(c.state.checklistPane.marked.isEmpty)
        #expect(c.state.message?.text == "2 marks cleared")
        #expect(c.state.pane == .checklist)
        // Another day.
        mark(c, first)
        c.press(.right)
        #expect(c.state.checklistPane.marked.isEmpty)
        c.press(.left)
        // Another filter (typed: the list read again for it).
        mark(c, first)
        c.press(.tab, .tab, .tab)
        c.type("phlebotomy")
        c.press(.enter)
        #expect(c.progress == "0/2 done")
        #expect(c.state.checklistPane.marked.isEmpty)
        #expect(!c.text.contains("marked"))
    }
}

@Suite("Checklist pane (F6): missing case notes")
struct ChecklistMissingNotesTests {
    @Test("an outstanding notes item whose volume is missing says NOTES MISSING on its line, as an alert, not only in the detail")
    func missingNotesOnTheLine() throws {
        let c = try ChecklistHarness()
        let notes = CaseNoteService(notes: CaseNoteStore(c.h.database, clock: FixedClock(testNow)), access: c.h.access, clock: FixedClock(testNow))
        let evans = try c.h.patient("Evans")
        _ = try notes.addVolume(patient: evans.mrn, by: testUser)
        _ = try notes.move(patient: evans.mrn, to: .missing, note: "not on the shelf", by: testUser)
        c.press(.function(6))
        let item = try #require(c.items.first { $0.kind == .notesPrepared && $0.patientMRN == evans.mrn })
        #expect(item.notesMissing && item.state == .outstanding)
        let line = try #require(c.screen.lines.first { $0.contains(item.id) })
        #expect(line.contains("outstanding · NOTES MISSING"), "\(line)")
        #expect(line.contains("!" + item.id), "\(line)")
        let span = try #require(c.screen.style(of: "NOTES MISSING"))
        #expect(span.role == .alert || span.role == .selection)
    }
}

@Suite("Checklist pane (F6): days not signed off")
struct ChecklistUnsignedTests {
    @Test("U (managers) lists the days of the last four weeks that held clinics and were not signed off, with their sites; a clerk or officer has no U")
    func unsignedDays() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        #expect(c.state.bindings.contains { $0.action == .unsignedDays })
        c.press(.char("U"))
        // Smith's clinic on Tue 17-Nov at the main site was never signed off.
        let box = try #require(c.state.checklistPane.refusal)
        #expect(box.title.hasPrefix("Not signed off, Tue 27-Oct-2026 to Mon 23-Nov-2026: 1 day"), "\(box.title)")
        #expect(box.lines == ["Tue 17-Nov-2026: main"])
        #expect(c.text.contains("Tue 17-Nov-2026: main"))
        c.press(.escape)
        #expect(c.state.checklistPane.refusal == nil)
        for role in [StaffRole.clerk, .officer] {
            let other = try ChecklistHarness(role: role)
            other.press(.function(6))
            #expect(!other.state.bindings.contains { $0.action == .unsignedDays }, "\(role)")
            other.press(.char("U"))
            #expect(other.state.checklistPane.refusal == nil)
        }
    }
}

@Suite("Checklist pane (F6): outstanding only")
struct ChecklistOutstandingOnlyTests {
    @Test("A lists only the outstanding items (their clinics and patients), the progress still counting all; A again lists everything")
    func outstandingOnly() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        let notes = c.select(.notesReturned)
        c.press(.char("x"))
        let all = c.items.count
        #expect(c.items.contains { $0.id == notes.id && $0.state == .done })
        let progress = c.progress
        c.press(.char("A"))
        #expect(c.state.checklistPane.outstandingOnly)
        #expect(c.items.allSatisfy { $0.state == .outstanding })
        #expect(c.items.count == all - 1)
        #expect(!c.text.contains(notes.id))
        #expect(c.progress == progress)
        #expect(c.text.contains("outstanding only (A: all)"))
        c.press(.char("A"))
        #expect(c.items.count == all)
        #expect(c.text.contains(notes.id))
    }
}
