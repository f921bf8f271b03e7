import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
import FrontDeskUI

/// The test desk with treatment courses: the harness's seeded patients and
/// clinic (onc_fu and phlebotomy sessions to the end of December), a pharmacy
/// team, and a two-cycle protocol of a blood test, a pharmacy screening task
/// and an oncology review. Keys go through `AppState.update` and the effects
/// through a `PatientDesk` with a real `SequenceService`, as at the desk.
final class SequenceHarness: DeskDriving {
    let h: Harness
    let desk: PatientDesk
    let sequence: SequenceService
    let protocols: ProtocolService

    static let protocolYAML = """
    code: bloods_review
    name: Bloods and review × 2
    cycles: 2
    cycle_length: 7d
    window: {early: 1d, late: 2d}
    anchor: review
    same_clinician: [review]
    steps:
      - {id: bloods, label: Blood test, kind: appointment, service: phlebotomy}
      - {id: screen, label: Pharmacy screening, kind: task, team: pharmacy}
      - {id: review, label: Oncology review, kind: appointment, service: onc_fu}
    rules:
      - {step: review, after: bloods, min: 1d, max: 3d}
      - {step: review, after: screen, min: 1wd}
    """

    init(role: StaffRole = .manager, size: Size = standardSize, extraProtocols: [String] = []) throws {
        h = try Harness(size: size, role: role)
        try h.seedClinic()
        let clock = FixedClock(testNow)
        protocols = ProtocolService(protocols: ProtocolStore(h.database, clock: clock), diary: DiaryStore(h.database, clock: clock),
                                    access: h.access, clock: clock)
        _ = try protocols.importProtocol(yaml: Self.protocolYAML, by: testUser)
        for yaml in extraProtocols { _ = try protocols.importProtocol(yaml: yaml, by: testUser) }
        sequence = SequenceService(protocols: protocols, booking: h.booking, diary: DiaryStore(h.database, clock: clock))
        desk = h.desk(role: role, sequence: sequence)
    }


    /// Opens a seeded patient's record through the lookup, as a clerk would.
    func openRecord(_ family: String) {
        type(h.patient(family).mrn)
        press(.enter)
    }

    /// Opens Evans's record and the sequence pane on it (F4): the plan is shown at once.
    func planForEvans() {
        openRecord("Evans")
        press(.function(4))
    }

    func courses(_ family: String) throws -> [CourseDetail] {
        let id = try #require(h.patient(family).id)
        return try sequence.courses(patientID: id, by: testUser)
    }
}

@Suite("Sequence pane (F4)")
struct SequencePaneTests {
    @Test("F4 on a record plans the protocol at once: a table with every gap ticked, visit days and preferences above it")
    func planTable() throws {
        let s = try SequenceHarness()
        s.planForEvans()
        let pane = try #require(s.state.sequence)
        #expect(s.state.pane == .sequence)
        let plan = try #require(pane.plan?.plan)
        #expect(plan.steps.count == 6)
        let checks = pane.plan?.checks.values.joined().map(\.ok) ?? []
        #expect(!checks.isEmpty && checks.allSatisfy { $0 })
        let text = s.text
        #expect(text.contains("6 steps, 2 cycles · \(plan.visitDays) visit day"))
        #expect(text.contains("Preferences honoured: none"))
        #expect(text.contains("bloods +1d ✓") || text.contains("bloods +2d ✓") || text.contains("bloods +3d ✓"))
        #expect(text.contains("Pharmacy scr… Wed 25-Nov-2026 by    pharmacy   task"))
        assertSnapshot(s.screen, named: "sequence-plan-80x24")
    }

    @Test("F4 with no record open says to open one first")
    func noRecord() throws {
        let s = try SequenceHarness()
        s.press(.function(4))
        #expect(s.state.pane == .lookup)
        #expect(s.state.message?.text.contains("open a patient's record first") == true)
    }

    @Test("A start past the last session: the planner's explanation stands in place of the table")
    func infeasible() throws {
        let s = try SequenceHarness()
        s.planForEvans()
        s.press(.tab)
        s.press(.ctrl("u"))
        s.type("01/03/2027")
        let outcome = try #require(s.state.sequence?.plan?.outcome)
        let failure = try #require(outcome.failure)
        #expect(failure.reason.contains("phlebotomy") || failure.reason.contains("Blood test"))
        #expect(s.text.contains("No plan can be made from 01-Mar-2027"))
        assertSnapshot(s.screen, named: "sequence-infeasible-80x24")
        // A start that is not a date names the field and the rule.
        s.press(.ctrl("u"))
        s.type("31/02/2027")
        s.press(.enter)
        #expect(s.state.message?.text.hasPrefix("start: is not a date") == true)
    }

    @Test("a lists only slots that keep the plan valid, with the treatment date and visit days; Enter pins one and plans again")
    func alternatives() throws {
        let s = try SequenceHarness(role: .clerk)
        s.planForEvans()
        s.press(.enter)  // to the plan's table; the first row is cycle 1's blood test
        let bloods = try #require(s.state.sequence?.selectedStep)
        #expect(bloods.step == "bloods" && bloods.cycle == 1)
        s.press(.char("a"))
        let found = try #require(s.state.sequence?.alternatives)
        #expect(!found.options.isEmpty)
        let allValid = found.options.allSatisfy { $0.valid }
        let offersCurrent = found.options.contains { $0.slot.id == bloods.slotID }
        #expect(allValid)
        #expect(!offersCurrent)
        assertSnapshot(s.screen, named: "sequence-alternatives-80x24")
        s.press(.down)
        let chosen = try #require(s.state.sequence?.selectedAlternative)
        s.press(.enter)
        let pane = try #require(s.state.sequence)
        #expect(pane.focus == .plan)
        #expect(pane.pins[bloods.key] == chosen.slot.id)
        let replanned = try #require(pane.plan?.plan?.step(bloods.key))
        #expect(replanned.slotID == chosen.slot.id)
        #expect(s.text.contains("1 pinned (P)"))
        // p unpins it.
        s.press(.char("p"))
        #expect(s.state.sequence?.pins.isEmpty == true)
    }

    @Test("Enter asks to confirm; Y books the whole course and the record lists it under Courses")
    func bookAndRecord() throws {
        let s = try SequenceHarness(role: .clerk)
        s.planForEvans()
        s.press(.enter)
        s.press(.enter)
        guard case .confirmCourse? = s.state.overlay else { Issue.record("no confirmation"); return }
        #expect(s.text.contains("Book Bloods and review × 2 (bloods_review v1) for EVANS, Siân (Ms)?"))
        assertSnapshot(s.screen, named: "sequence-confirm-80x24")
        let before = try s.courses("Evans")
        #expect(before.isEmpty)
        s.press(.char("Y"))
        let courses = try s.courses("Evans")
        #expect(courses.count == 1)
        let course = try #require(courses.first)
        #expect(course.rows.count == 6 && course.problems.isEmpty)
        guard case .courseBooked(let booked)? = s.state.overlay else { Issue.record("no result"); return }
        #expect(booked.courseID == course.course.id)
        #expect(s.text.contains("Course \(course.course.id) booked for EVANS, Siân (Ms)"))
        // i shows the itinerary to print.
        s.press(.char("i"))
        guard case .itinerary(let itinerary)? = s.state.overlay else { Issue.record("no itinerary"); return }
        #expect(itinerary.lines.first == "Your appointments — Bloods and review × 2")
        s.press(.escape)
        #expect(s.state.pane == .record)
        #expect(s.state.record?.courses?.count == 1)
        s.press(.end)
        #expect(s.text.contains("Course \(course.course.id) · Bloods and review × 2 (bloods_review v1)"))
        assertSnapshot(s.screen, named: "sequence-record-courses-80x24")
    }

    @Test("Cancelling a course's blood test shows what it breaks and the re-plan; Y books it and the course is whole again")
    func knockOn() throws {
        let s = try SequenceHarness(role: .clerk)
        s.planForEvans()
        s.press(.enter)
        s.press(.enter)
        s.press(.char("Y"))
        s.press(.enter)  // back to the record
        let course = try #require(try s.courses("Evans").first)
        let bloods = try #require(course.rows.first { $0.step.step == "bloods" && $0.step.cycle == 2 }?.appointment)
        // Tab to the appointments section, then down to the blood test of cycle 2.
        // The record lists appointments from today earliest first (all of this course's are to come).
        let listed = (s.state.record?.appointments?.appointments ?? []).map(\.appointment)
            .filter { $0.date >= bloods.date.adding(days: -400) && $0.date >= CentreTime.today(testNow) }
            .sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
        let index = try #require(listed.firstIndex { $0.id == bloods.id })
        while s.state.record?.appointmentFocus == nil { s.press(.tab) }
        for _ in 0..<index { s.press(.down) }
        // The record tags the appointment with its course step, and the cancel dialog says what follows.
        #expect(s.text.contains("course \(course.course.id) · Blood test, cycle 2 (bloods#2)"))
        s.press(.char("c"))
        #expect(s.text.contains("A step of course \(course.course.id): FrontDesk then shows what this breaks"))
        s.press(.enter)
        guard case .courseReplan(let dialog)? = s.state.overlay else { Issue.record("no knock-on dialog"); return }
        #expect(dialog.view.courseID == course.course.id)
        #expect(dialog.view.problems.contains { $0.hasPrefix("Blood test (bloods#2) on \(bloods.date.display) was cancelled by the patient") })
        #expect(dialog.view.changes.contains { $0.key == StepKey(cycle: 2, step: "bloods") })
        #expect(s.text.contains("What this breaks:"))
        assertSnapshot(s.screen, named: "sequence-knock-on-80x24")
        // Esc leaves it for later: the record's Courses section keeps the warning, R re-opens it.
        s.press(.escape)
        #expect(s.state.overlay == nil)
        s.press(.end)
        #expect(s.text.contains("Blood test cycle 2 cancelled — re-plan needed"))
        s.press(.char("R"))
        guard case .courseReplan? = s.state.overlay else { Issue.record("R did not re-open the re-plan"); return }
        s.press(.char("Y"))
        #expect(s.state.overlay == nil)
        let after = try s.sequence.show(course: course.course.id, by: testUser)
        #expect(after.problems.isEmpty)
        #expect(s.state.message?.text.hasPrefix("course \(course.course.id) re-planned") == true)
    }

    @Test("P edits the booking preferences: an error names the field; the plan honours what is saved")
    func preferences() throws {
        let s = try SequenceHarness(role: .clerk)
        s.openRecord("Evans")
        s.press(.char("P"))
        guard case .bookingPreferences? = s.state.overlay else { Issue.record("no preferences form"); return }
        s.press(.tab)
        s.type("9.30pm")
        s.press(.enter)
        #expect(s.state.message?.text == "not before: must be a time of day such as 09:30")
        guard case .bookingPreferences(let form)? = s.state.overlay else { Issue.record("the form closed"); return }
        #expect(form.errorField == 1)
        s.press(.ctrl("u"))
        s.type("09:30")
        s.press(.enter)
        #expect(s.state.overlay == nil)
        let saved = try s.sequence.preferences(patient: s.h.patient("Evans").mrn, by: testUser).preferences
        #expect(saved.notBefore == ClockTime(hour: 9, minute: 30))
        s.press(.function(4))
        #expect(s.text.contains("Preferences honoured: not before 09:30"))
        let plan = try #require(s.state.sequence?.plan?.plan)
        #expect(plan.steps.compactMap(\.start).allSatisfy { $0 >= ClockTime(hour: 9, minute: 30)! })
    }

    @Test("The keys of the sequence pane are in help and the key reference")
    func keysInHelp() throws {
        let s = try SequenceHarness()
        s.planForEvans()
        s.press(.enter)
        s.press(.function(1))
        #expect(s.text.contains("the selected step's other free slots"))
        let contexts = KeyReference.contexts.map(\.0)
        #expect(contexts.contains { $0.hasPrefix("Sequence (F4") })
        #expect(KeyReference.entries.contains { $0.keys == ["F4"] && $0.action == "sequence" })
    }
}
