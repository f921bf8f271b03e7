import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
import FrontDeskUI

/// The sequence pane's screens beyond the plan itself: an officer's override
/// and the plan marked O, the booked course and its itinerary (standard and
/// large print), the booking preferences form with a field's error, the
/// knock-on dialog after a cancellation in the clinic list (F3) and after a
/// rebooking, and the plan's table on a wide screen. Each is a text snapshot
/// of the rendered buffer, with the behaviour behind it asserted as well.
@Suite("Sequence screens (F4 dialogs, knock-on, wide table)")
struct SequenceScreenTests {
    /// Books the bloods_review course for Evans from the plan as it is, and returns to the record.
    func bookForEvans(_ s: SequenceHarness) throws -> CourseDetail {
        s.planForEvans()
        s.press(.enter)       // to the plan's table
        s.press(.enter)       // the summary
        s.press(.char("Y"))   // book it
        guard case .courseBooked? = s.state.overlay else { throw HarnessFailure("the course was not booked: \(s.text)") }
        s.press(.enter)       // back to the record
        let courses = try s.courses("Evans")
        return try #require(courses.first)
    }

    // MARK: Stopping a course

    @Test("S on the record stops a course: it asks why, then cancels what is still to come and the Courses section says stopped")
    func stopCourseFromTheRecord() throws {
        let s = try SequenceHarness(role: .clerk)
        let course = try bookForEvans(s)
        s.press(.char("S"))
        guard case .stopCourse(let dialog)? = s.state.overlay else { Issue.record("no stop dialog: \(s.text)"); return }
        #expect(dialog.choices.map(\.id) == [course.course.id])
        #expect(s.text.contains("course \(course.course.id) · Bloods and review × 2"))
        assertSnapshot(s.screen, named: "sequence-stop-80x24")
        s.type("no")
        s.press(.enter)
        #expect(s.state.message?.kind == .error)
        guard case .stopCourse? = s.state.overlay else { Issue.record("a short reason closed the dialog"); return }
        s.type(" more treatment: oncologist's decision")
        s.press(.enter)
        #expect(s.state.overlay == nil, "\(s.text)")
        #expect(s.state.message?.text.hasPrefix("course \(course.course.id) stopped: 4 appointments and 2 tasks cancelled") == true,
                "\(s.state.message?.text ?? "")")
        let after = try #require(try s.courses("Evans").first)
        #expect(after.course.status == .stopped)
        #expect(after.course.stopReason == "no more treatment: oncologist's decision")
        #expect(after.rows.allSatisfy { !$0.isHeld })
        // Nothing left to stop.
        s.press(.char("S"))
        #expect(s.state.overlay == nil)
        #expect(s.state.message?.text.contains("no course in progress") == true)
    }

    // MARK: Officer's override

    @Test("o in the alternatives: the override dialog asks why; the step is marked O, booked against the rule and audited with the reason")
    func overrideMarkedO() throws {
        let s = try SequenceHarness(role: .manager)
        s.planForEvans()
        s.press(.enter)
        s.press(.down, .down)  // cycle 1's oncology review
        let review = try #require(s.state.sequence?.selectedStep)
        #expect(review.step == "review" && review.cycle == 1)
        s.press(.char("a"))
        let found = try #require(s.state.sequence?.alternatives)
        let bloods = try #require(s.state.sequence?.plan?.plan?.step("bloods", cycle: 1))
        // A manager also sees the slots that break a rule: here one the same day as the blood test (the gap is at least 1d).
        let bloodsEnd = try #require(bloods.end)
        let breaking = try #require(found.options.firstIndex { !$0.valid && $0.slot.date == bloods.date && $0.slot.start >= bloodsEnd },
                                    "no rule-breaking slot offered: \(s.text)")
        while (s.state.sequence?.alternativesPosition.selected ?? 0) < breaking { s.press(.down) }
        let option = found.options[breaking]
        // Enter on a slot that breaks a rule is refused, saying o overrides it.
        s.press(.enter)
        #expect(s.state.message?.text.contains("(o overrides it, with a reason)") == true)
        #expect(s.state.sequence?.pins.isEmpty == true)

        s.press(.char("o"))
        guard case .courseOverride(let dialog)? = s.state.overlay else { Issue.record("no override dialog: \(s.text)"); return }
        #expect(dialog.slot.id == option.slot.id)
        #expect(dialog.key == review.key)
        // It names the rule the override breaks, not the planner's search.
        #expect(dialog.problem?.hasPrefix("Oncology review must be at least 1d after Blood test; it is 0d") == true, "\(dialog.problem ?? "")")
        // Too short a reason is refused and the dialog stays.
        s.type("ok")
        s.press(.enter)
        #expect(s.state.message?.text.hasPrefix("reason: must say why in 5 to 200 characters") == true)
        guard case .courseOverride? = s.state.overlay else { Issue.record("the dialog closed on a short reason"); return }
        s.press(.ctrl("u"))
        s.type("consultant agreed the shorter gap")
        #expect(s.state.message?.kind != .error)
        #expect(s.text.contains("It breaks: "))
        #expect(s.text.contains("Why (required, audited): consultant agreed the shorter gap"))
        assertSnapshot(s.screen, named: "sequence-override-80x24")

        s.press(.enter)
        #expect(s.state.overlay == nil)
        let pane = try #require(s.state.sequence)
        #expect(pane.focus == .plan)
        #expect(pane.overrides[review.key]?.id == option.slot.id)
        #expect(pane.overrideReason == "consultant agreed the shorter gap")
        let row = try #require(s.screen.lines.first { $0.contains("│ O   1 Oncology rev…") }, "no row marked O: \(s.text)")
        #expect(row.contains(option.slot.date.display))
        #expect(row.contains("override: consu"))
        #expect(s.text.contains("1 overridden (O)"))
        // The review is the cycle's anchor: the treatment date is the overridden slot's.
        #expect(s.text.contains("treatment \(option.slot.date.display) · 1 overridden (O)"))
        assertSnapshot(s.screen, named: "sequence-plan-override-80x24")

        // The summary names the override and the reason; Y books it against the rule.
        s.press(.enter)
        #expect(s.text.contains("Override: Oncology review, cycle 1 in \(option.slot.whenText)"))
        #expect(s.text.contains("Reason (audited): consultant agreed the shorter gap"))
        s.press(.char("Y"))
        guard case .courseBooked(let booked)? = s.state.overlay else { Issue.record("not booked: \(s.state.message?.text ?? "")"); return }
        #expect(booked.overridden.count == 1)
        #expect(booked.overridden.first?.hasPrefix("review#1: ") == true)
        #expect(s.text.contains("Course \(booked.courseID) booked for EVANS, Siân (Ms)"))
        #expect(s.text.contains("Overridden: review#1: "))
        assertSnapshot(s.screen, named: "sequence-booked-override-80x24")
        let courses = try s.courses("Evans")
        let course = try #require(courses.first)
        let step = try #require(course.rows.first { $0.step.step == "review" && $0.step.cycle == 1 })
        #expect(step.step.overrideReason == "consultant agreed the shorter gap")
        #expect(step.appointment?.slotID == option.slot.id)
    }

    @Test("A clerk is not offered the slots that break a rule, nor o")
    func clerkHasNoOverride() throws {
        let s = try SequenceHarness(role: .clerk)
        s.planForEvans()
        s.press(.enter)
        s.press(.down, .down)
        s.press(.char("a"))
        let found = try #require(s.state.sequence?.alternatives)
        #expect(found.options.allSatisfy { $0.valid })
        #expect(!s.screen.lines.last!.contains("Override"))
        s.press(.char("o"))
        #expect(s.state.overlay == nil)
    }

    // MARK: Booked course and itinerary

    @Test("Y books the course: the result names it; i shows the itinerary as it prints, its indentation kept")
    func bookedAndItinerary() throws {
        let s = try SequenceHarness(role: .clerk)
        s.planForEvans()
        s.press(.enter, .enter)
        s.press(.char("Y"))
        guard case .courseBooked(let booked)? = s.state.overlay else { Issue.record("not booked"); return }
        #expect(booked.appointments == 4 && booked.tasks == 2)
        #expect(s.text.contains("4 appointments and 2 tasks, \(booked.visitDays) visit days"))
        #expect(s.state.message?.text == "course \(booked.courseID) booked: 4 appointments and 2 tasks · i the itinerary for the patient")
        assertSnapshot(s.screen, named: "sequence-booked-80x24")

        s.press(.char("i"))
        guard case .itinerary(let itinerary)? = s.state.overlay else { Issue.record("no itinerary"); return }
        #expect(itinerary.largePrintReason == nil)
        // The lines are drawn as the itinerary prints them: times indented, two spaces before the step.
        let timed = try #require(itinerary.lines.first { $0.hasPrefix("  ") && $0.contains("Blood test") })
        #expect(timed.contains("  Blood test"))
        #expect(s.screen.lines.contains { $0.contains("│ " + timed + " ") }, "\(s.text)")
        #expect(!s.text.contains("Large print"))
        assertSnapshot(s.screen, named: "sequence-itinerary-80x24")
        s.press(.escape)
        #expect(s.state.pane == .record)
        #expect(s.state.message?.text == "course \(booked.courseID) booked: it is on the record (Courses)")
    }

    @Test("The itinerary is large print when the record lists the large-print need: one short fact a line")
    func largePrintItinerary() throws {
        let s = try SequenceHarness(role: .clerk)
        s.openRecord("Smith")
        s.press(.function(4))
        s.press(.enter, .enter)
        s.press(.char("Y"))
        guard case .courseBooked? = s.state.overlay else { Issue.record("not booked: \(s.state.message?.text ?? "")"); return }
        s.press(.char("i"))
        guard case .itinerary(let itinerary)? = s.state.overlay else { Issue.record("no itinerary"); return }
        #expect(itinerary.largePrintReason == "the record's information need")
        #expect(itinerary.lines.allSatisfy { CellWidth.of($0) <= 40 })
        #expect(s.text.contains("Large print (the record's information need)"))
        #expect(s.state.message?.text.contains("large print, the record's information need") == true)
        assertSnapshot(s.screen, named: "sequence-itinerary-large-80x24")
        // ↓ scrolls it, and says which lines are shown.
        s.press(.pageDown)
        guard case .itinerary(let scrolled)? = s.state.overlay else { Issue.record("the itinerary closed"); return }
        #expect(scrolled.scroll == 10)
        #expect(s.text.contains("of \(itinerary.lines.count) lines") || s.text.contains(" lines"))
    }

    // MARK: Booking preferences

    @Test("The preferences form shows a field's error in the form itself until the field is typed in")
    func preferencesFieldError() throws {
        let s = try SequenceHarness(role: .clerk)
        s.openRecord("Evans")
        s.press(.char("P"))
        s.type("mon,thu")
        s.press(.tab, .tab)  // not after
        s.type("16:00")
        s.press(.tab)        // away
        s.type("31/02/2027")
        s.press(.enter)
        guard case .bookingPreferences(let form)? = s.state.overlay else { Issue.record("the form closed: \(s.text)"); return }
        #expect(form.errorField == 3)
        #expect(form.focus == 3)
        let message = try #require(s.state.message?.text)
        #expect(message.hasPrefix("away: "))
        #expect(s.text.contains("✗ Away"))
        #expect(s.text.contains("✗ " + String(message.prefix(40))))
        assertSnapshot(s.screen, named: "sequence-preferences-error-80x24")
        // Typing in the field clears its error in the form.
        s.press(.backspace)
        #expect(!s.text.contains("✗ Away"))
        #expect(s.text.contains(PreferencesFormState.hints[3].prefix(30)))
        // Nothing was saved.
        let saved = try s.sequence.preferences(patient: s.h.patient("Evans").mrn, by: testUser).preferences
        #expect(saved == .none)
    }

    // MARK: Knock-on

    @Test("Cancelling a course's blood test in the clinic list (F3) opens the knock-on dialog over the list; Y books the re-plan")
    func knockOnFromClinics() throws {
        let s = try SequenceHarness(role: .clerk)
        let course = try bookForEvans(s)
        let bloods = try #require(course.rows.first { $0.step.step == "bloods" && $0.step.cycle == 1 }?.appointment)
        s.press(.function(3))
        #expect(s.state.pane == .clinics)
        let today = CentreTime.today(testNow)
        for _ in 0..<(bloods.date.dayNumber - today.dayNumber) { s.press(.right) }
        let index = try #require(s.state.clinicsPane.rows.firstIndex { $0.appointment.id == bloods.id }, "not on the list: \(s.text)")
        s.press(.home)
        for _ in 0..<index { s.press(.down) }
        s.press(.char("c"))
        s.press(.enter)  // cancelled by the patient, unwell
        guard case .courseReplan(let dialog)? = s.state.overlay else { Issue.record("no knock-on dialog: \(s.text)"); return }
        #expect(s.state.pane == .clinics)
        #expect(dialog.view.courseID == course.course.id)
        #expect(dialog.view.problems.first?.hasPrefix("Blood test (bloods#1) on \(bloods.date.display) was cancelled by the patient (unwell)") == true)
        let change = try #require(dialog.view.changes.first { $0.key == StepKey(cycle: 1, step: "bloods") })
        // The day the patient gave up is not offered again.
        #expect(change.to.date != bloods.date)
        #expect(s.text.contains("What this breaks:"))
        #expect(s.text.contains("Blood test, cycle 1 (bloods#1): " + change.action))
        assertSnapshot(s.screen, named: "sequence-knock-on-clinics-80x24")

        s.press(.char("Y"))
        #expect(s.state.overlay == nil)
        #expect(s.state.pane == .clinics)
        let message = try #require(s.state.message?.text)
        #expect(message.hasPrefix("course \(course.course.id) re-planned: "), "\(message)")
        // The message says where the re-planned appointments now are.
        for moved in dialog.view.changes where moved.kind == .appointment {
            #expect(message.contains(moved.to.date.display), "\(message)")
        }
        let after = try s.sequence.show(course: course.course.id, by: testUser)
        #expect(after.problems.isEmpty)
    }

    @Test("A hospital cancellation (clinician unavailable) from F3: the re-plan offers neither that slot nor that clinician that day")
    func knockOnAfterClinicianUnavailable() throws {
        let s = try SequenceHarness(role: .clerk)
        let course = try bookForEvans(s)
        let bloods = try #require(course.rows.first { $0.step.step == "bloods" && $0.step.cycle == 1 }?.appointment)
        s.press(.function(3))
        for _ in 0..<(bloods.date.dayNumber - CentreTime.today(testNow).dayNumber) { s.press(.right) }
        let index = try #require(s.state.clinicsPane.rows.firstIndex { $0.appointment.id == bloods.id })
        s.press(.home)
        for _ in 0..<index { s.press(.down) }
        s.press(.char("c"), .tab)  // cancelled by the hospital
        s.press(.enter)            // the first reason: clinician unavailable
        guard case .courseReplan(let dialog)? = s.state.overlay else { Issue.record("no knock-on dialog: \(s.text)"); return }
        let change = try #require(dialog.view.changes.first { $0.key == StepKey(cycle: 1, step: "bloods") })
        #expect(change.to.slotID != bloods.slotID)
        #expect(!(change.to.date == bloods.date && change.to.clinician == bloods.clinicianCode), "\(change.to)")
        #expect(s.text.contains("Y  book these changes"))
    }

    @Test("Rebooking a course's blood test from the record shows what the move breaks and the re-plan")
    func knockOnAfterRebook() throws {
        let s = try SequenceHarness(role: .clerk)
        let course = try bookForEvans(s)
        let bloods = try #require(course.rows.first { $0.step.step == "bloods" && $0.step.cycle == 2 }?.appointment)
        let listed = (s.state.record?.appointments?.appointments ?? []).map(\.appointment)
            .filter { $0.date >= CentreTime.today(testNow) }
            .sorted { ($0.date, $0.start, $0.id) < ($1.date, $1.start, $1.id) }
        let index = try #require(listed.firstIndex { $0.id == bloods.id })
        while s.state.record?.appointmentFocus == nil { s.press(.tab) }
        for _ in 0..<index { s.press(.down) }
        s.press(.char("r"), .enter)  // who and why: the patient, the first reason
        #expect(s.state.pane == .booking, "\(s.text)")
        s.press(.enter)              // the first free slot
        guard case .confirmBooking? = s.state.overlay else { Issue.record("no rebooking summary: \(s.text)"); return }
        s.press(.enter)              // book the move
        guard case .courseReplan(let dialog)? = s.state.overlay else { Issue.record("no knock-on dialog: \(s.text)"); return }
        #expect(dialog.view.courseID == course.course.id)
        #expect(!dialog.view.problems.isEmpty)
        #expect(dialog.view.problems.contains { $0.contains("Blood test") })
        #expect(dialog.view.failure == nil)
        #expect(!dialog.view.changes.isEmpty)
        #expect(s.text.contains("Knock-on: re-plan course \(course.course.id)"))
        assertSnapshot(s.screen, named: "sequence-knock-on-rebook-80x24")
        s.press(.char("Y"))
        #expect(s.state.overlay == nil)
        let after = try s.sequence.show(course: course.course.id, by: testUser)
        #expect(after.problems.isEmpty)
    }

    // MARK: Wide screen and planning

    @Test("At 120 columns the plan's columns use the width: whole step labels and every gap ticked")
    func wideTable() throws {
        let s = try SequenceHarness(role: .clerk, size: Size(width: 120, height: 40))
        s.planForEvans()
        let text = s.text
        #expect(!text.contains("…"), "\(text)")
        #expect(text.contains("Pharmacy screening Wed 25-Nov-2026 by    pharmacy"))
        #expect(text.contains("Oncology review    Thu 26-Nov-2026 09:00 dr_okafor"))
        #expect(text.contains("bloods +1d ✓, screen +1wd ✓") || text.contains("bloods +2d ✓, screen +1wd ✓")
                || text.contains("bloods +3d ✓, screen +1wd ✓"))
        assertSnapshot(s.screen, named: "sequence-plan-120x40")
        // At 80 columns the same plan is cut with "…" and the gaps counted.
        let narrow = try SequenceHarness(role: .clerk)
        narrow.planForEvans()
        #expect(narrow.text.contains("Pharmacy scr…"))
        #expect(narrow.text.contains("✓ +1"))
    }

    static let secondProtocol = """
    code: review_only
    name: A single review
    steps:
      - {id: review, label: Oncology review, kind: appointment, service: onc_fu}
    """

    @Test("While another protocol is being planned, the plan of the one before is not shown as if it were its")
    func stalePlanHidden() throws {
        let s = try SequenceHarness(role: .clerk, extraProtocols: [Self.secondProtocol])
        s.planForEvans()
        #expect(s.state.sequence?.chosenProtocol?.code == "bloods_review")
        #expect(s.text.contains("Blood test"))
        // ↓ chooses the next protocol; its plan is asked for but not yet answered.
        let effects = s.h.state.update(.key(.down))
        #expect(effects.contains { if case .planCourse = $0 { return true }; return false })
        #expect(s.state.sequence?.chosenProtocol?.code == "review_only")
        let waiting = s.text
        #expect(waiting.contains("Planning A single review (review_only)…"), "\(waiting)")
        #expect(!waiting.contains("Blood test"))
        #expect(!waiting.contains("6 steps"))
        // The answer: the plan, and the message no longer says planning.
        for effect in effects { if let answer = s.desk.perform(effect) { s.send(answer) } }
        #expect(s.text.contains("1 steps, 1 cycle") || s.text.contains("1 step"))
        #expect(s.state.message?.text.hasSuffix("planning…") == false)
        #expect(s.state.message?.text.hasPrefix("review_only planned") == true)
    }
}
