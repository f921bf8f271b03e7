import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
import FrontDeskUI

/// A clock the test moves (the next morning, half an hour later).
final class TestClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ instant: Date) { self.instant = instant }
    var now: Date { lock.lock(); defer { lock.unlock() }; return instant }
    func set(_ date: Date) { lock.lock(); instant = date; lock.unlock() }
}

/// The test desk with enquiries: the harness's seeded patients and today's
/// clinic (Smith at 09:00), an `EnquiryService` on a clock the test moves,
/// keys through `AppState.update` and effects through a real `PatientDesk`.
final class EnquiryHarness: DeskDriving {
    let h: Harness
    let desk: PatientDesk
    let enquiries: EnquiryService
    let clock = TestClock(testNow)

    init(role: StaffRole = .manager, size: Size = standardSize) throws {
        h = try Harness(size: size, role: role)
        try h.seedClinic()
        enquiries = EnquiryService(enquiries: EnquiryStore(h.database, clock: clock), access: h.access, clock: clock)
        desk = h.desk(role: role, enquiries: enquiries)
    }

    /// Types into the focused field and moves on (Tab).
    func field(_ text: String) { type(text); press(.tab) }

    /// Moves the desk and the service to a local time.
    func at(_ day: String, _ time: String) {
        let date = CentreTime.startOfDay(LocalDate(iso: day)!).addingTimeInterval(TimeInterval(ClockTime.parse(time)!.minutes * 60))
        clock.set(date)
        send(.tick(date))
    }

    func count(_ sql: String) throws -> Int { try h.database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 } }

    /// F5, F7: a GP practice about Smith, an appointment query, a callback by the default.
    func logGPCallback() {
        press(.function(5))
        press(.function(7))
        type("g")
        field("Dr Shah")
        field("Riverside Surgery")
        field("0151 555 0100")
        type(h.patient("Smith").mrn)
        press(.enter)
        type("a")
        field("asks for the date of the next clinic letter")
        type("r"); type("n"); type("t"); type("c")
    }
}

@Suite("Enquiries pane (F5)")
struct EnquiryPaneTests {
    @Test("a GP practice's call logged in the form: the gate opens on organisation and number, the callback is due one working day later and shows OVERDUE (in words) and on the top line the next morning")
    func gpCallbackOverdueNextMorning() throws {
        let e = try EnquiryHarness()
        e.logGPCallback()
        #expect(e.state.enquiriesPane.form?.check?.disclosure.isOpen == true)
        #expect(e.text.contains("✓ may say: appointments"))
        #expect(e.text.contains("Tue 24-Nov 09:00 Oncology"))
        assertSnapshot(e.screen, named: "enquiry-form-gp-80x24")
        e.press(.enter)   // Callback by: blank, the default → logs
        #expect(e.state.enquiriesPane.mode == .queue)
        #expect(e.state.message?.text == "enquiry 1 logged: callback due Wed 25-Nov 09:41", "\(e.state.message?.text ?? "")")
        #expect(try e.count("SELECT count(*) FROM enquiry WHERE status = 'awaiting_callback' AND caller_type = 'gp_practice'") == 1)
        #expect(e.text.contains("due Wed 25-Nov 09:41"))
        #expect(e.text.components(separatedBy: "OVERDUE").count == 2, "only the legend says OVERDUE")
        // The next morning the callback has not been made.
        e.at("2026-11-25", "10:00")
        e.press(.function(5))
        #expect(e.state.enquiryOverdue == 1)
        let top = e.screen.text.split(separator: "\n").first.map(String.init) ?? ""
        #expect(top.contains("1 OVERDUE · clerk1"), "\(top)")   // "1 OVERDUE CALLBACK" where the line has room
        #expect(e.text.contains("OVERDUE 19m"))
        #expect(e.text.contains("1 open · 1 OVERDUE"))
        assertSnapshot(e.screen, named: "enquiry-queue-overdue-80x24")
    }

    @Test("a worried daughter: 'patient found — identity not yet confirmed' and no appointment until her answers match; a match without the patient's consent still says nothing; with consent, the appointments")
    func daughterGate() throws {
        let e = try EnquiryHarness()
        let smith = e.h.patient("Smith")
        e.press(.function(5)); e.press(.function(7))
        e.type("r")
        e.field("Mary Smith")
        e.field("07700 900999")
        e.type(smith.mrn)
        e.press(.enter)
        #expect(e.state.enquiriesPane.form?.focus == .idName)
        #expect(e.text.contains("✗ patient found —"))
        #expect(e.text.contains("identity not yet confirmed"))
        #expect(!e.text.contains("09:00"), "no appointment before the check")
        // A wrong date of birth: the gate stays shut.
        e.field("John Smith"); e.field("12/03/1957"); e.type("CH63 4JY"); e.press(.enter)
        #expect(e.state.enquiriesPane.form?.check?.result?.matched == false)
        #expect(e.text.contains("✗ identity did NOT match"))
        #expect(!e.text.contains("09:00"))
        assertSnapshot(e.screen, named: "enquiry-form-mismatch-80x24")
        // Her answers match, but the record has no consent naming her.
        e.press(.backTab); e.press(.backTab)
        e.press(.ctrl("u")); e.type("12/03/1956"); e.press(.tab); e.press(.enter)
        #expect(e.state.enquiriesPane.form?.check?.result?.matched == true)
        #expect(e.state.enquiriesPane.form?.check?.disclosure.shut?.contains("no consent to share with Mary Smith") == true)
        #expect(e.text.contains("no appointment details"))
        #expect(!e.text.contains("09:00"))
        // The patient's consent recorded (as at the record), checked again: appointments only.
        _ = try e.enquiries.recordConsent(patient: smith.mrn, person: "Mary Smith", relationship: "wife", scopes: [.appointments],
                                          by: testUser)
        e.press(.backTab); e.press(.enter)
        #expect(e.state.enquiriesPane.form?.check?.disclosure.scopes == [.appointments])
        #expect(e.text.contains("Tue 24-Nov 09:00 Oncology"))
        // Logged as resolved: every check is in the history, none of the values.
        e.type("a"); e.field("asks the time of today's appointment"); e.type("r"); e.type("n"); e.type("f"); e.type("r")   // she came to the desk
        e.type("told her 09:00 in the main outpatients")
        e.press(.ctrl("s"))
        let details = try e.h.database.writer.read {
            try String.fetchAll($0, sql: "SELECT detail FROM enquiry_event WHERE kind = 'identity_checked' ORDER BY id")
        }
        #expect(details.count == 3)
        #expect(try e.count("SELECT count(*) FROM enquiry WHERE channel = 'face_to_face' AND caller_type = 'relative_or_carer'") == 1)
        #expect(details[0].hasPrefix("identity check: did not match (name ✓, date of birth ✗"))
        #expect(details[2].contains("consent to share with them (wife): appointments"))
        #expect(!details.joined().contains("1957") && !details.joined().contains("CH63"))
    }

    @Test("a results question: the outcome goes to the clinical team at once; 'resolved' is refused naming the rule and nothing is logged; referred, a clerk cannot close it")
    func resultsQuestion() throws {
        let e = try EnquiryHarness(role: .clerk)
        e.press(.function(5)); e.press(.function(7))
        e.type("p"); e.field("John Smith"); e.field("07700 900123"); e.press(.tab)
        e.type("r")   // results or clinical
        #expect(e.state.enquiriesPane.form?.outcome == .refer)
        #expect(e.state.message?.text.contains("never answered at the desk") == true)
        e.field("asks for his scan results"); e.type("r"); e.type("n"); e.type("t")
        e.type("r")   // resolved now: not allowed
        e.type("told him they are normal")
        e.press(.ctrl("s"))
        #expect(e.state.enquiriesPane.mode == .form)
        #expect(e.state.message?.text.contains("never answered at the desk") == true, "\(e.state.message?.text ?? "")")
        #expect(e.state.enquiriesPane.form?.errors[.outcome] != nil)
        #expect(try e.count("SELECT count(*) FROM enquiry") == 0)
        // Referred to the clinical team instead.
        #expect(e.state.enquiriesPane.form?.focus == .outcome)
        e.type("f"); e.press(.ctrl("u")); e.type("clinical"); e.press(.ctrl("s"))
        #expect(e.state.message?.text == "enquiry 1 logged: referred to clinical", "\(e.state.message?.text ?? "")")
        // It is no clerk's to close.
        e.press(.right); e.press(.right); e.press(.right)   // All open
        e.press(.enter)
        #expect(e.state.enquiriesPane.mode == .detail)
        e.press(.char("x")); e.type("told him the results are fine"); e.press(.enter)
        #expect(e.state.message?.kind == .error)
        #expect(e.state.message?.text.contains("closed only by the answer of the team") == true, "\(e.state.message?.text ?? "")")
        #expect(try e.count("SELECT count(*) FROM enquiry WHERE status = 'closed'") == 0)
    }

    @Test("the queue: open enquiries by when they fall due, the overdue first; Enter opens one with its history; a callback is checked afresh, noted and closed")
    func queueOrderAndLifecycle() throws {
        let e = try EnquiryHarness()
        let smith = e.h.patient("Smith").mrn
        func log(_ name: String, _ route: EnquiryRoute, priority: Enquiry.Priority = .routine, caller: Enquiry.CallerType = .patient) throws -> Enquiry {
            try e.enquiries.log(EnquiryRequest(callerType: caller, callerName: name, callerPhone: "07700 900123", patient: smith,
                                               category: .appointmentQuery, priority: priority, summary: "asks about the next appointment",
                                               route: route), by: testUser)
        }
        let later = try log("Later Caller", .callback(by: nil))
        let urgent = try log("Urgent Caller", .callback(by: nil), priority: .urgent)
        let escalated = try log("Escalated Caller", .escalate)
        e.at("2026-11-24", "12:00")   // the urgent one (due 11:41) is now overdue
        e.press(.function(5))
        let ids = e.state.enquiriesPane.queue?.map(\.id) ?? []
        #expect(ids == [urgent.id, later.id, escalated.id], "callbacks first by due (the urgent one overdue), then the escalated one")
        #expect(e.text.contains("OVERDUE 19m"))
        e.press(.enter)
        #expect(e.state.enquiriesPane.detail?.id == urgent.id)
        #expect(e.text.contains("Patient     \(smith) · identity not yet confirmed"))
        #expect(e.text.contains("✗ patient found —"))
        #expect(e.text.contains("identity not yet confirmed\n") || e.text.contains("identity not yet confirmed "))
        // The callback: her identity checked afresh, then what was said, then closed.
        e.press(.char("v"))
        e.press(.ctrl("u")); e.field("John Smith"); e.press(.ctrl("u")); e.field("12/03/1956"); e.press(.ctrl("u")); e.type("1 Chester Road")
        e.press(.enter)
        #expect(e.state.message?.text.hasPrefix("identity matched") == true, "\(e.state.message?.text ?? "")")
        #expect(e.text.contains("✓ may say"))
        #expect(e.text.contains("Tue 24-Nov 09:00"))
        e.press(.char("k")); e.type("rang back, told him Thursday 10:20"); e.press(.enter)
        #expect(e.state.message?.kind == .success)
        let called = e.state.enquiriesPane.detail?.shown?.history.last?.detail ?? ""
        #expect(called.hasPrefix("called back: rang back, told him Thursday 10:20 (late: 0h 19m of working time"), "\(called)")
        // The next contact is checked afresh.
        #expect(e.text.contains("identity not yet confirmed"))
        assertSnapshot(e.screen, named: "enquiry-detail-80x24")
        e.press(.char("x")); e.type("ok"); e.press(.enter)
        #expect(e.state.message?.text.contains("outcome") == true)
        e.press(.ctrl("u")); e.type("told him the date; nothing more needed"); e.press(.enter)
        #expect(e.state.message?.text == "enquiry \(urgent.id) closed")
        let kinds = try e.h.database.writer.read {
            try String.fetchAll($0, sql: "SELECT kind FROM enquiry_event WHERE enquiry_id = ? ORDER BY id", arguments: [urgent.id])
        }
        #expect(kinds == ["logged", "callback_due", "identity_checked", "called_back", "closed"])
        e.press(.escape)
        #expect(e.state.enquiriesPane.queue?.map(\.id) == [later.id, escalated.id])
    }

    @Test("the record lists the patient's enquiries; F5 on a record starts a call about that patient; Esc twice discards it")
    func recordEnquiries() throws {
        let e = try EnquiryHarness()
        let smith = e.h.patient("Smith").mrn
        _ = try e.enquiries.log(EnquiryRequest(callerType: .gpPractice, callerName: "Dr Shah", callerPhone: "0151 555 0100",
                                               organisation: "Riverside Surgery", patient: smith, category: .transport,
                                               summary: "asks whether transport is booked", route: .callback(by: nil)), by: testUser)
        e.type(smith); e.press(.enter)
        #expect(e.state.pane == .record)
        #expect(e.state.record?.enquiries?.count == 1)
        let lines = e.state.recordLines(e.state.record!.patient).map { $0.map(\.text).joined() }
        #expect(lines.contains("Enquiries"))
        #expect(lines.contains { $0.contains("#1 GP practice: Dr Shah · transport") })
        #expect(lines.contains { $0.contains("awaiting callback, due Wed 25-Nov 09:41") })
        e.press(.function(5))
        #expect(e.state.pane == .enquiries)
        #expect(e.state.enquiriesPane.form?.patient?.mrn == smith)
        e.type("p")
        e.press(.escape)
        #expect(e.state.message?.text.contains("Esc again discards") == true)
        e.press(.escape)
        #expect(e.state.pane == .record)
        #expect(try e.count("SELECT count(*) FROM enquiry") == 1)
    }
}

@Suite("Sharing consent on the record (C, W)")
struct ConsentDialogTests {
    @Test("C records a consent (refused naming the field when a name is missing); the record lists it; W withdraws it with a reason and it stays listed as withdrawn")
    func recordAndWithdraw() throws {
        let e = try EnquiryHarness()
        let smith = e.h.patient("Smith")
        e.type(smith.mrn); e.press(.enter)
        #expect(e.state.record?.consents == [])
        let before = e.state.recordLines(e.state.record!.patient).map { $0.map(\.text).joined() }
        #expect(before.contains { $0.contains("none recorded: nothing about the patient is shared with relatives") })
        e.press(.char("C"))
        guard case .sharingConsent? = e.state.overlay else { Issue.record("no consent dialog: \(e.text)"); return }
        e.press(.enter); e.press(.enter); e.press(.enter)   // nothing typed: refused
        #expect(e.state.message?.kind == .error)
        #expect(e.state.message?.text.contains("person") == true, "\(e.state.message?.text ?? "")")
        guard case .sharingConsent(let refused)? = e.state.overlay else { Issue.record("the dialog closed on a refusal"); return }
        #expect(refused.focus == 0)
        e.type("Mary Smith"); e.press(.tab); e.type("wife"); e.press(.tab); e.type("t")
        assertSnapshot(e.screen, named: "consent-dialog-80x24")
        e.press(.enter)
        #expect(e.state.overlay == nil, "\(e.text)")
        #expect(e.state.message?.text == "consent recorded: Mary Smith (wife) may be told appointments, transport")
        let consents = try e.enquiries.consents(patient: smith.mrn, by: testUser).consents
        #expect(consents.map(\.person) == ["Mary Smith"])
        #expect(consents.first?.scopes == [.appointments, .transport])
        let after = e.state.recordLines(e.state.record!.patient).map { $0.map(\.text).joined() }
        #expect(after.contains { $0.contains("Mary Smith (wife): appointments, transport") })
        #expect(after.contains { $0.contains("recorded 24-Nov-2026 by clerk1") })
        e.press(.char("W"))
        e.type("patient asked us to stop"); e.press(.enter)
        #expect(e.state.message?.text == "consent to share with Mary Smith withdrawn (kept on the record, audited)", "\(e.state.message?.text ?? "")")
        let withdrawn = e.state.recordLines(e.state.record!.patient).map { $0.map(\.text).joined() }
        #expect(withdrawn.contains { $0.contains("withdrawn: Mary Smith (wife): appointments, transport") })
        #expect(withdrawn.contains { $0.contains("withdrawn 24-Nov-2026 by clerk1: patient asked us to stop") })
        e.press(.char("W"))
        #expect(e.state.overlay == nil)
        #expect(e.state.message?.text.contains("no consent to share to withdraw") == true)
    }
}

@Suite("Enquiries pane: answers out of turn, double keys, the gate from a record")
struct EnquiryPaneEdgeTests {
    @Test("a slow gate answer for another patient (the form was discarded and a new call started) is dropped, never shown")
    func staleGateAnswerDropped() throws {
        let e = try EnquiryHarness()
        let smith = e.h.patient("Smith").mrn, evans = e.h.patient("Evans").mrn
        e.press(.function(5)); e.press(.function(7))
        e.type("r"); e.field("Aoife Evans"); e.field("07700 900123")
        e.type(evans); e.press(.enter)
        #expect(e.state.enquiriesPane.form?.patient?.mrn == evans)
        // The answer to an earlier GP call about Smith arrives now.
        let smithOpen = try e.enquiries.checkCall(CallerDetails(callerType: .gpPractice, callerName: "Dr Shah", organisation: "Riverside",
                                                               callerPhone: "0151 555 0100"), patient: smith, claim: nil, by: testUser)
        #expect(smithOpen.disclosure.isOpen)
        e.send(.enquiryAnswered(.checkCall(CallerDetails(callerType: .gpPractice, callerName: "Dr Shah", organisation: "Riverside",
                                                         callerPhone: "0151 555 0100"), patient: smith, claim: nil),
                                .success(.checked(smithOpen))))
        #expect(e.state.enquiriesPane.form?.check == nil)
        #expect(!e.text.contains("may say"))
        #expect(!e.text.contains("09:00"))
    }

    @Test("Ctrl-S twice while the first is being logged logs one enquiry; Enter twice on a note records one note")
    func noDoubleWrites() throws {
        let e = try EnquiryHarness()
        e.logGPCallback()
        let first = e.h.state.update(.key(.ctrl("s")))
        let second = e.h.state.update(.key(.ctrl("s")))
        #expect(first.count == 1)
        #expect(second.isEmpty)
        for effect in first { if let answer = e.desk.perform(effect) { e.send(answer) } }
        #expect(try e.count("SELECT count(*) FROM enquiry") == 1)
        e.press(.enter)   // open it
        e.press(.char("t")); e.type("GP asked again at 10:00")
        let note = e.h.state.update(.key(.enter))
        #expect(e.h.state.update(.key(.enter)).isEmpty)
        for effect in note { if let answer = e.desk.perform(effect) { e.send(answer) } }
        #expect(try e.count("SELECT count(*) FROM enquiry_event WHERE kind = 'note'") == 1)
    }

    @Test("F5 on a record, a GP practice: the gate is asked as soon as organisation and number are in, and asked again after the number changes")
    func professionalFromRecord() throws {
        let e = try EnquiryHarness()
        let smith = e.h.patient("Smith").mrn
        e.type(smith); e.press(.enter)
        e.press(.function(5))
        e.type("g"); e.field("Dr Shah"); e.field("Riverside Surgery")
        #expect(e.state.enquiriesPane.form?.check?.disclosure.isOpen == false, "no number yet")
        e.field("0151 555 0100")
        #expect(e.state.enquiriesPane.form?.check?.disclosure.isOpen == true)
        #expect(e.text.contains("Tue 24-Nov 09:00 Oncology"))
        e.press(.backTab); e.press(.ctrl("u"))
        #expect(e.state.enquiriesPane.form?.check == nil, "the number changed: the answer no longer holds")
        e.field("0151 555 0199")
        #expect(e.state.enquiriesPane.form?.check?.disclosure.isOpen == true)
    }
}
