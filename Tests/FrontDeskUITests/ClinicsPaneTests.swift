import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskUI

/// The clinics pane (F3): the clinic day list, check-in with one key and its
/// confirmation, attendances, DNA, outcomes and cancellations on the marked
/// rows, the officers' undo, walk-ins and the to-be-booked list. Every change
/// is checked in the database through `BookingService`, not only on screen.
@Suite("clinics pane")
struct ClinicsPaneTests {
    func clinic(role: StaffRole = .manager) throws -> Harness {
        let h = try Harness(role: role)
        try h.seedClinic()
        h.press(.function(3))
        return h
    }

    @Test func f3ShowsTodaysListInTimeOrderWithStatusAndFlagsInWords() throws {
        let h = try clinic()
        #expect(h.state.pane == .clinics)
        let text = h.text
        #expect(text.contains("Clinics · Tue 24-Nov-2026"))
        let rows = h.screen.lines.filter { $0.contains("│ ") && ($0.contains("09:") || $0.contains("10:")) }
        let times = rows.compactMap { row in ["09:00", "09:10", "09:20", "09:40", "10:00", "10:20", "10:40"].first { row.contains(" " + $0 + " ") } }
        #expect(times == ["09:00", "09:10", "09:20", "09:40", "10:00", "10:20", "10:40"], "\(text)")
        let smith = try #require(h.screen.lines.first { $0.contains("SMITH, John") })
        #expect(smith.contains(h.patient("Smith").mrn))
        #expect(smith.contains("booked"))
        #expect(smith.contains("INTERPRETER"))
        let obrien = try #require(h.screen.lines.first { $0.contains("O'BRIEN") })
        #expect(obrien.contains("TRANSPORT"))
        let cancelled = try #require(h.screen.lines.first { $0.contains("SMITH-JONES") })
        #expect(cancelled.contains("cancelled pt"))
        #expect(text.contains("7 appointments: 6 booked, 1 cancelled"))
    }

    @Test func theWideListShowsTheClinicianAndEveryFlagWord() throws {
        let h = try clinic()
        h.resize(120, 40)
        let smith = try #require(h.screen.lines.first { $0.contains("SMITH, John") })
        #expect(smith.contains("dr_okafor"))
        #expect(smith.contains("INTERPRETER ALERT"))
        // The selected row in full under the list: the needs and the alert in words.
        #expect(h.text.contains("Flags: INTERPRETER Polish interpreter · ALERT"))
    }

    @Test func atAHundredColumnsTheNameHasTheRoomAndTheFlagsAreShort() throws {
        let h = try clinic()
        h.resize(100, 30)
        let smith = try #require(h.screen.lines.first { $0.contains("SMITH, John") })
        #expect(smith.contains("SMITH, John (Mr)"), "\(smith)")
        #expect(smith.contains("dr_okafor"))
        #expect(smith.contains("INTERPRETER +1"))
    }

    @Test func theDesksOwnSiteIsOnTheTopLineAndTheListStartsThere() throws {
        let h = try Harness()
        try h.seedClinic()
        h.state.session.site = "North hub"
        h.state.session.siteCode = "hub_north"
        h.press(.function(3))
        #expect(h.screen.lines.first?.contains("North hub") == true, "\(h.text)")
        #expect(h.state.clinicsPane.site.text == "hub_north")
        // The seeded clinic is held at the main site: the hub's list is empty.
        #expect(!h.text.contains("SMITH, John"))
    }

    @Test func aRestrictedRecordShowsOnlyItsHospitalNumber() throws {
        let h = try Harness()
        try h.seedClinic()
        _ = try h.service.restrict(h.patient("Smyth").mrn, reason: "member of staff", by: testUser)
        h.press(.function(3))
        let row = try #require(h.screen.lines.first { $0.contains(h.patient("Smyth").mrn) })
        #expect(row.contains("restricted record"))
        #expect(!h.text.contains("SMYTH"))
    }

    @Test func iChecksInWithOneKeyAndShowsTheDetailsToConfirm() throws {
        let h = try clinic()
        h.selectClinicRow("Smith")
        h.press(.char("i"))
        #expect(try h.appointment("Smith").status == .arrived)
        guard case .checkIn(let queue)? = h.state.overlay else { Issue.record("no confirmation: \(h.text)"); return }
        #expect(queue.count == 1)
        let text = h.text
        #expect(text.contains("Please confirm these details with the patient"))
        #expect(text.contains("1 Chester Road, Bebington  CH63 4JY"))
        #expect(text.contains("07700 900123"))
        #expect(text.contains("N81013  Bebington Surgery"))
        h.press(.enter)
        #expect(h.state.overlay == nil)
        #expect(h.messageLine.contains("details confirmed with SMITH, John"))
        // The list shows the new status.
        let row = try #require(h.screen.lines.first { $0.contains("SMITH, John") })
        #expect(row.contains("arrived"))
    }

    @Test func f8InTheCheckInDialogOpensTheEditFormAndEscComesBackToTheList() throws {
        let h = try clinic()
        h.selectClinicRow("Smith")
        h.press(.char("i"), .function(8))
        #expect(h.state.pane == .form)
        #expect(h.state.form?.fields.first { $0.name == "address_line_1" }?.value == "1 Chester Road")
        h.press(.escape)
        #expect(h.state.pane == .clinics)
    }

    @Test func aCorrectionAtCheckInIsSavedAndAudited() throws {
        let h = try clinic()
        h.selectClinicRow("Smith")
        h.press(.char("i"), .function(8))
        h.fill("address_line_1", "2 Chester Road")
        h.press(.ctrl("s"))
        #expect(h.state.pane == .clinics, "\(h.text)")
        #expect(h.messageLine.contains("saved: changed"))
        let smith = try h.service.open(h.patient("Smith").mrn, by: testUser, purpose: "test", reason: nil)
        #expect(smith.addressLine1 == "2 Chester Road")
    }

    @Test func dRecordsADNAAndTheClinicalTeamGetsATask() throws {
        let h = try clinic()
        h.selectClinicRow("O'Brien")
        h.press(.char("d"))
        #expect(try h.appointment("O'Brien").status == .didNotAttend)
        #expect(h.messageLine.contains("DNA recorded"))
        #expect(h.state.message?.text.contains("task for clinical: clinician to decide next step") == true)
        let tasks = try h.booking.tasks(TaskQuery(teamCode: "clinical", kind: .dnaReview, openOnly: true), by: testUser)
        #expect(tasks.map(\.patientMRN) == [h.patient("O'Brien").mrn])
    }

    @Test func aDNABeforeTheTimeIsRefusedWithTheReason() throws {
        let h = try clinic()
        h.selectClinicRow("Smyth")
        h.press(.char("d"))
        #expect(try h.appointment("Smyth").status == .booked)
        #expect(h.messageLine.contains("Error: not DNA recorded"))
        #expect(h.state.message?.text.contains("once its time has come") == true)
    }

    @Test func spaceMarksRowsAndTheActionAppliesToEveryMarkedRow() throws {
        let h = try clinic()
        h.selectClinicRow("Smith")
        h.press(.char(" "))            // 09:00 Smith, then down to 09:10 phlebotomy
        h.press(.down)                 // 09:20 O'Brien
        h.press(.char(" "))            // marked, down to 09:40 Evans
        h.press(.char(" "))            // marked, down to 10:00 Smyth
        h.press(.char(" "))            // marked (not yet due)
        #expect(h.state.clinicsPane.marked.count == 4)
        #expect(h.text.contains("4 marked"))
        h.press(.char("d"))
        #expect(try h.appointment("Smith").status == .didNotAttend)
        #expect(try h.appointment("O'Brien").status == .didNotAttend)
        #expect(try h.appointment("Evans").status == .didNotAttend)
        #expect(try h.appointment("Smyth").status == .booked)
        // How many succeeded, and why one did not; the one refused stays marked.
        #expect(h.messageLine.contains("DNA recorded for 3 of 4"), "\(h.messageLine)")
        #expect(h.state.message?.kind == .warning)
        #expect(h.state.message?.text.contains("SMYTH, Jane") == true)
        #expect(h.state.message?.text.contains("once its time has come") == true)
        #expect(h.state.clinicsPane.marked == [try h.appointment("Smyth").id])
        // Esc clears the marks, then goes back.
        h.press(.escape)
        #expect(h.state.clinicsPane.marked.isEmpty)
        #expect(h.state.pane == .clinics)
        h.press(.escape)
        #expect(h.state.pane == .lookup)
    }

    @Test func attendedThenOutcome3PutsThePatientOnTheToBeBookedList() throws {
        let h = try clinic()
        h.selectClinicRow("Evans")
        h.press(.char("a"))
        #expect(try h.appointment("Evans").status == .attended)
        h.press(.char("3"))
        #expect(try h.appointment("Evans").outcome == .toBeBooked)
        h.press(.char("t"))
        #expect(h.state.clinicsPane.view == .toBeBooked)
        #expect(h.text.contains("Clinics · to be booked"))
        #expect(h.text.contains(h.patient("Evans").mrn))
        #expect(h.text.contains("to be booked: onc_fu"))
        // Enter opens the record; b books with the service filled in.
        h.press(.char("b"))
        #expect(h.state.pane == .booking)
        #expect(h.state.booking?.service.text == "onc_fu")
        h.press(.escape)
        #expect(h.state.pane == .clinics)
        h.press(.enter)
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.mrn == h.patient("Evans").mrn)
    }

    @Test func lateAndLateNotSeenHaveTheirOwnKeys() throws {
        let h = try clinic()
        h.selectClinicRow("Evans")
        h.press(.char("l"))
        #expect(try h.appointment("Evans").status == .attendedLate)
        h.selectClinicRow("Smyth")
        h.press(.char("i"), .escape, .char("n"))
        #expect(try h.appointment("Smyth").status == .lateNotSeen)
    }

    @Test func cAsksWhoAndWhyThenCancels() throws {
        let h = try clinic()
        h.selectClinicRow("Smyth")
        h.press(.char("c"))
        guard case .cancelAppointments(let dialog)? = h.state.overlay else { Issue.record("no dialog: \(h.text)"); return }
        #expect(dialog.by == .patient)
        #expect(h.text.contains("Cancel this appointment?"))
        h.press(.tab)                       // the hospital
        h.press(.down)                      // clinician unavailable → session cancelled
        h.type("clinic overrun")
        h.press(.enter)
        let smyth = try h.appointment("Smyth")
        #expect(smyth.status == .cancelledByHospital)
        #expect(smyth.cancelReason == .sessionCancelled)
        #expect(smyth.cancelText == "clinic overrun")
        #expect(h.messageLine.contains("cancelled by the hospital"))
    }

    @Test func escInTheCancelDialogKeepsTheAppointment() throws {
        let h = try clinic()
        h.selectClinicRow("Smyth")
        h.press(.char("c"), .escape)
        #expect(try h.appointment("Smyth").status == .booked)
        #expect(h.messageLine.contains("nothing cancelled"))
    }

    @Test func otherNeedsWords() throws {
        let h = try clinic()
        h.selectClinicRow("Smyth")
        h.press(.char("c"))
        for _ in 0..<10 { if case .cancelAppointments(let d)? = h.state.overlay, d.reason == .other { break }; h.press(.down) }
        h.press(.enter)
        #expect(h.messageLine.contains("text: is required"))
        #expect(try h.appointment("Smyth").status == .booked)
    }

    @Test func anOfficerUndoesADNAWithAReason() throws {
        let h = try clinic()
        h.selectClinicRow("Smith")
        h.press(.char("d"), .char("u"))
        guard case .appointmentReason? = h.state.overlay else { Issue.record("no reason asked: \(h.text)"); return }
        h.press(.enter)
        #expect(h.messageLine.contains("reason: is required"))
        h.type("wrong patient")
        h.press(.enter)
        #expect(try h.appointment("Smith").status == .booked)
        #expect(h.messageLine.contains("undone"))
    }

    @Test func uReinstatesACancellation() throws {
        let h = try clinic()
        h.selectClinicRow("Smith-Jones")
        h.press(.char("u"))
        h.type("cancelled the wrong one")
        h.press(.enter)
        #expect(try h.appointment("Smith-Jones").status == .booked)
        #expect(h.messageLine.contains("reinstated"))
    }

    @Test func aClerkIsNotOfferedUndo() throws {
        let h = try clinic(role: .clerk)
        #expect(!h.state.bindings.contains { $0.action == .undoAppointment })
        h.selectClinicRow("Smith")
        h.press(.char("d"), .char("u"))
        #expect(h.state.overlay == nil)
        #expect(try h.appointment("Smith").status == .didNotAttend)
    }

    @Test func lettersTypedInAFilterAreTextNotActions() throws {
        let h = try clinic()
        h.press(.tab, .tab, .tab)           // date, site, service
        #expect(h.state.clinicsPane.focus == .service)
        #expect(h.state.isTyping)
        h.type("phleb")
        #expect(try h.appointment("Smith").status == .booked)
        #expect(h.state.clinicsPane.service.text == "phleb")
        // The list follows as you type: only the phlebotomy clinic.
        #expect(h.state.clinicsPane.rows.map(\.appointment.serviceCode) == ["phlebotomy"])
        h.press(.enter)
        #expect(h.state.clinicsPane.focus == .list)
    }

    @Test func aFilterThatNamesNothingIsMarkedWithTheRule() throws {
        let h = try clinic()
        h.press(.tab, .tab)
        h.type("nowhere")
        h.press(.enter)
        #expect(h.state.clinicsPane.errorField == .site)
        #expect(h.messageLine.contains("site: no site matches 'nowhere'"))
        #expect(h.text.contains("✗ Site"))
    }

    @Test func arrowsStepTheDayAndADateCanBeTyped() throws {
        let h = try clinic()
        h.press(.right)
        #expect(h.text.contains("Clinics · Wed 25-Nov-2026"))
        #expect(h.text.contains("No appointments on Wed 25-Nov-2026"))
        h.press(.left, .left)
        #expect(h.text.contains("Clinics · Mon 23-Nov-2026"))
        h.press(.char("/"))
        #expect(h.state.clinicsPane.focus == .date)
        h.press(.ctrl("u"))
        h.type("24/11/2026")
        h.press(.enter)
        #expect(h.text.contains("Clinics · Tue 24-Nov-2026"))
        #expect(h.state.clinicsPane.rows.count == 7)
    }

    @Test func wAddsAWalkIn() throws {
        let h = try clinic()
        h.press(.char("w"))
        guard case .walkIn? = h.state.overlay else { Issue.record("no walk-in dialog: \(h.text)"); return }
        h.type(h.patient("李").mrn)
        h.press(.tab)
        h.type("phlebotomy")
        h.press(.tab)
        h.type("lee")
        h.press(.enter)
        #expect(h.state.overlay == nil, "\(h.messageLine)")
        #expect(h.messageLine.contains("walk-in added"))
        let rows = h.state.clinicsPane.rows.filter { $0.appointment.walkIn }
        #expect(rows.map(\.appointment.patientMRN) == [h.patient("李").mrn])
        #expect(rows.first?.appointment.status == .arrived)
    }

    @Test func aWalkInWithoutAPatientNamesTheField() throws {
        let h = try clinic()
        h.press(.char("w"), .enter)
        #expect(h.messageLine.contains("patient: is required"))
        guard case .walkIn(let dialog)? = h.state.overlay else { Issue.record("dialog closed"); return }
        #expect(dialog.error == "patient")
    }

    @Test func theListIsReadAgainEveryMinute() throws {
        let h = try clinic()
        _ = try h.booking.checkIn(appointmentID: try h.appointment("Evans").id, by: testUser)
        #expect(!(h.screen.lines.first { $0.contains("EVANS") } ?? "").contains("arrived"))
        h.send(.tick(testNow.addingTimeInterval(60)))
        #expect((h.screen.lines.first { $0.contains("EVANS") } ?? "").contains("arrived"))
    }

    @Test func theBarAndHelpShowTheClinicKeys() throws {
        let h = try clinic()
        #expect(h.screen.lines[23].hasPrefix("F1 Help  F2 Patients  F3 Clinics  i Check in  d DNA"))
        #expect(h.screen.lines[23].contains("F10 Quit"))
        h.press(.function(1))
        let help = h.text
        #expect(help.contains("Help · Clinics"))
        #expect(help.contains("check in"))
    }
}
