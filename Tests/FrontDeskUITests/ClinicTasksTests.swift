import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
@testable import FrontDeskUI

/// The clinics pane's tasks view (k): the open tasks of the front desk, or of
/// another of the person's teams, or of all; x marks one done, c cancels it
/// (a note saying why is required), Enter opens the patient's record. And an
/// officer's cancellation of a clinic session (s) from the day list. Every
/// change is read back from the database through `BookingService`.
@Suite("clinics pane: tasks and cancelling a session")
struct ClinicTasksTests {
    func clinic(role: StaffRole = .manager) throws -> Harness {
        let h = try Harness(role: role)
        try h.seedClinic()
        h.press(.function(3))
        return h
    }

    /// F3, then k.
    func tasks(role: StaffRole = .manager) throws -> Harness {
        let h = try clinic(role: role)
        h.press(.char("k"))
        return h
    }

    func openTasks(_ h: Harness, team: String? = "front_desk") throws -> [DeskTask] {
        try h.booking.tasks(TaskQuery(teamCode: team, openOnly: true), by: testUser)
    }

    func task(_ h: Harness, _ id: Int64) throws -> DeskTask {
        try #require(try h.booking.tasks(TaskQuery(), by: testUser).first { $0.id == id })
    }

    /// Selects the row of a task with ↓ from the top, as a clerk would.
    func select(_ h: Harness, _ id: Int64) throws {
        let index = try #require(h.state.clinicsPane.deskTasks.firstIndex { $0.id == id }, "task \(id) is not listed")
        h.press(.home)
        for _ in 0..<index { h.press(.down) }
    }

    /// The screen line of a task's row (by the hospital number and kind).
    func row(_ h: Harness, _ mrn: String, _ kind: String) -> String? {
        h.screen.lines.first { $0.contains(mrn) && $0.contains(kind) && $0.hasPrefix("│ ") }
    }

    // MARK: The list

    @Test func kListsTheFrontDesksOpenTasksDueFirstWithOverdueInWords() throws {
        let h = try tasks()
        #expect(h.state.clinicsPane.view == .tasks)
        #expect(h.text.contains("Clinics · tasks of front_desk"))
        #expect(h.text.contains("Team front_desk (Front desk)"))
        let stored = try openTasks(h)
        #expect(!stored.isEmpty)
        // The same tasks as the database holds, in its order (due first).
        #expect(h.state.clinicsPane.deskTasks.map(\.id) == stored.map(\.id))
        #expect(stored.map(\.dueText) == stored.sorted { ($0.dueDate, $0.dueTime) < ($1.dueDate, $1.dueTime) }.map(\.dueText))
        // Smith's interpreter task for 09:00 today was due when it was booked (08:00): overdue, in words.
        let smith = try #require(row(h, h.patient("Smith").mrn, "interpreter"), "\(h.text)")
        #expect(smith.contains("OVERDUE"))
        #expect(smith.contains("front_desk"))
        let obrien = try #require(row(h, h.patient("O'Brien").mrn, "transport"), "\(h.text)")
        #expect(obrien.contains("OVERDUE"))
        #expect(h.text.contains("OVERDUE · x done, c cancels"))
        // The clinical team's task (a DNA) is not the front desk's.
        #expect(stored.allSatisfy { $0.teamCode == "front_desk" })
    }

    @Test func aTaskNotYetDueIsNotMarkedOverdue() throws {
        let h = try clinic()
        // Evans gets hospital transport for a slot next week: the transport task is due two working days before.
        let nextWeek = try #require(try h.booking.slots(SlotQuery(serviceCode: "onc_fu", from: LocalDate(year: 2026, month: 12, day: 1)!, limit: 1),
                                                        by: testUser).first)
        let booked = try h.booking.book(BookingRequest(patient: h.patient("Evans").mrn, slotID: nextWeek.id, transport: .hospital,
                                                       mobility: .walking), by: testUser)
        let transport = try #require(booked.tasks.first { $0.kind == .transport })
        h.press(.char("k"))
        let line = try #require(h.screen.lines.first { $0.contains(transport.dueText) && $0.contains(h.patient("Evans").mrn) }, "\(h.text)")
        #expect(!line.contains("OVERDUE"))
    }

    @Test func arrowsShowAnotherOfThePersonsTeamsThenAll() throws {
        let h = try clinic()
        let staff = StaffService(access: h.access, audit: h.store, clock: FixedClock(testNow))
        _ = try staff.setTeams(testUser.login, ["front_desk", "clinical"], by: testUser)
        h.selectClinicRow("Smith")
        h.press(.char("d"))                                   // a DNA: a task for the clinical team
        h.press(.char("k"))
        #expect(h.state.clinicsPane.teamChoices == ["front_desk", "clinical", nil])
        #expect(!h.state.clinicsPane.deskTasks.contains { $0.kind == .dnaReview })
        h.press(.right)
        #expect(h.state.clinicsPane.team == "clinical")
        #expect(h.text.contains("Clinics · tasks of clinical"))
        #expect(h.state.clinicsPane.deskTasks.map(\.id) == (try openTasks(h, team: "clinical")).map(\.id))
        let dna = try #require(row(h, h.patient("Smith").mrn, "DNA review"), "\(h.text)")
        #expect(dna.contains("clinical"))
        h.press(.right)
        #expect(h.state.clinicsPane.team == nil)
        #expect(h.text.contains("Team every team"))
        #expect(h.state.clinicsPane.deskTasks.map(\.id) == (try openTasks(h, team: nil)).map(\.id))
        h.press(.right)
        #expect(h.state.clinicsPane.team == "front_desk")
        h.press(.left)
        #expect(h.state.clinicsPane.team == nil)
    }

    @Test func withoutOtherTeamsTheChoiceIsTheFrontDeskOrAll() throws {
        let h = try tasks(role: .clerk)
        #expect(h.state.clinicsPane.teamChoices == ["front_desk", nil])
        h.press(.right)
        #expect(h.state.clinicsPane.team == nil)
    }

    // MARK: Done and cancelled

    @Test func xMarksTheSelectedTaskDoneWithANote() throws {
        let h = try tasks()
        let chosen = try #require(try openTasks(h).first { $0.kind == .transport })
        try select(h, chosen.id)
        h.press(.char("x"))
        guard case .closeTask(let dialog)? = h.state.overlay else { Issue.record("no dialog: \(h.text)"); return }
        #expect(dialog.status == .done)
        #expect(h.text.contains("Mark this task done?"))
        #expect(h.text.contains("Note (optional):"))
        h.type("booked with the ambulance service")
        h.press(.enter)
        #expect(h.state.overlay == nil, "\(h.messageLine)")
        let done = try task(h, chosen.id)
        #expect(done.status == .done)
        #expect(done.closeNote == "booked with the ambulance service")
        #expect(done.closedBy == testUser.login)
        #expect(h.messageLine.contains("task \(chosen.id) done"))
        // It has left the list of open tasks.
        #expect(!h.state.clinicsPane.deskTasks.contains { $0.id == chosen.id })
        #expect(row(h, h.patient("O'Brien").mrn, "transport") == nil)
    }

    @Test func doneNeedsNoNote() throws {
        let h = try tasks()
        let first = try #require(h.state.clinicsPane.selectedDeskTask)
        h.press(.char("x"), .enter)
        #expect(try task(h, first.id).status == .done)
        #expect(try task(h, first.id).closeNote == nil)
    }

    @Test func cancellingATaskNeedsANoteSayingWhy() throws {
        let h = try tasks()
        let chosen = try #require(h.state.clinicsPane.selectedDeskTask)
        h.press(.char("c"))
        guard case .closeTask(let dialog)? = h.state.overlay else { Issue.record("no dialog: \(h.text)"); return }
        #expect(dialog.status == .cancelled)
        #expect(h.text.contains("Cancel this task?"))
        h.press(.enter)
        #expect(h.messageLine.contains("note: is required to cancel a task"), "\(h.messageLine)")
        #expect(try task(h, chosen.id).status == .open)
        h.type("patient has their own interpreter")
        h.press(.enter)
        let cancelled = try task(h, chosen.id)
        #expect(cancelled.status == .cancelled)
        #expect(cancelled.closeNote == "patient has their own interpreter")
        #expect(h.messageLine.contains("task \(chosen.id) cancelled"))
    }

    @Test func escLeavesTheTaskOpen() throws {
        let h = try tasks()
        let chosen = try #require(h.state.clinicsPane.selectedDeskTask)
        h.press(.char("c"))
        h.type("changed my mind")
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(try task(h, chosen.id).status == .open)
        #expect(h.messageLine.contains("left open"))
    }

    @Test func aTaskClosedAtAnotherDeskIsRefusedAndTheListIsReadAgain() throws {
        let h = try tasks()
        let chosen = try #require(h.state.clinicsPane.selectedDeskTask)
        _ = try h.booking.closeTask(id: chosen.id, .done, note: nil, by: testUser)
        h.press(.char("x"), .enter)
        #expect(h.messageLine.contains("already done"), "\(h.messageLine)")
        h.press(.escape)
        #expect(!h.state.clinicsPane.deskTasks.contains { $0.id == chosen.id })
    }

    @Test func enterOpensThePatientsRecordAndKGoesBackToTheDayList() throws {
        let h = try tasks()
        let chosen = try #require(h.state.clinicsPane.selectedDeskTask)
        h.press(.enter)
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.mrn == chosen.patientMRN)
        h.press(.function(3))
        #expect(h.state.clinicsPane.view == .tasks)
        h.press(.char("k"))
        #expect(h.state.clinicsPane.view == .day)
        #expect(h.text.contains("Clinics · Tue 24-Nov-2026"))
        h.press(.char("k"), .escape)
        #expect(h.state.clinicsPane.view == .day)
    }

    @Test func theBarAndHelpShowTheTaskKeys() throws {
        let h = try tasks()
        let bar = try #require(h.screen.lines.last)
        #expect(bar.contains("x Done  c Cancel"), "\(bar)")
        #expect(bar.contains("F10 Quit"))
        h.press(.function(1))
        #expect(h.text.contains("mark the selected task done"))
        #expect(h.text.contains("the next team's tasks"))
    }

    // MARK: Cancelling a session

    /// The onc_fu session of today, as stored.
    func oncologySession(_ h: Harness) throws -> ClinicSession {
        try #require(try h.booking.sessions(SessionQuery(from: h.state.today, to: h.state.today, serviceCode: "onc_fu"), by: testUser).first)
    }

    @Test(arguments: [StaffRole.officer, .manager])
    func anOfficerCancelsTheSelectedRowsSessionWithAReason(role: StaffRole) throws {
        let h = try clinic(role: role)
        #expect(h.state.bindings.contains { $0.action == .cancelSession })
        h.selectClinicRow("Evans")
        h.press(.char("s"))
        guard case .cancelSession(let dialog)? = h.state.overlay else { Issue.record("no dialog: \(h.messageLine)\n\(h.text)"); return }
        #expect(dialog.session.id == (try oncologySession(h)).id)
        // The session named in full: service, clinician, site, date and times; and what it cancels.
        let text = h.text
        #expect(text.contains("Cancel this clinic session?"))
        #expect(text.contains("Oncology follow-up (onc_fu)"))
        #expect(text.contains("Dr Okafor (dr_okafor) at Main site (main)"))
        #expect(text.contains("Tue 24-Nov-2026 09:00–12:00"))
        #expect(text.contains("5 booked appointments will be cancelled by the hospital"), "\(text)")
        // Too short a reason: refused, nothing cancelled.
        h.type("ill")
        h.press(.enter)
        #expect(h.messageLine.contains("reason: must say why in 5 to 200 characters"))
        #expect(try oncologySession(h).cancellation == nil)
        #expect(try h.appointment("Evans").status == .booked)
        h.press(.ctrl("u"))
        h.type("Dr Okafor on annual leave")
        h.press(.enter)
        #expect(h.state.overlay == nil, "\(h.messageLine)")
        #expect(h.messageLine.contains("5 appointments cancelled for rebooking"), "\(h.messageLine)")
        let session = try oncologySession(h)
        #expect(session.cancellation?.reason == "Dr Okafor on annual leave")
        for family in ["Smith", "O'Brien", "Evans", "Smyth", "李"] {
            let a = try h.appointment(family)
            #expect(a.status == .cancelledByHospital, "\(family)")
            #expect(a.cancelReason == .sessionCancelled, "\(family)")
        }
        // Smith-Jones was already cancelled by the patient; the phlebotomy clinic is another session.
        #expect(try h.appointment("Smith-Jones").status == .cancelledByPatient)
        #expect(try h.appointment("Ó Súilleabháin").status == .booked)
        // The list is read again: the rows show the hospital's cancellation.
        let evans = try #require(h.screen.lines.first { $0.contains("EVANS") })
        #expect(evans.contains("cancelled hosp"), "\(evans)")
        #expect(h.text.contains("6 cancelled"), "\(h.text)")
        // Their rebook tasks are the front desk's, in the tasks view.
        h.press(.char("k"))
        let rebook = try openTasks(h).filter { $0.kind == .rebook }
        #expect(rebook.count == 5)
        #expect(Set(rebook.compactMap(\.appointmentID)) == Set(try ["Smith", "O'Brien", "Evans", "Smyth", "李"].map { try h.appointment($0).id }))
        #expect(row(h, h.patient("Evans").mrn, "rebook") != nil, "\(h.text)")
    }

    @Test func escKeepsTheSession() throws {
        let h = try clinic(role: .officer)
        h.selectClinicRow("Evans")
        h.press(.char("s"))
        h.type("Dr Okafor on annual leave")
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.messageLine.contains("not cancelled"))
        #expect(try oncologySession(h).cancellation == nil)
        #expect(try h.appointment("Evans").status == .booked)
    }

    @Test func aCancelledSessionIsNotCancelledTwice() throws {
        let h = try clinic(role: .officer)
        _ = try h.booking.cancelSession(id: try oncologySession(h).id, reason: "Dr Okafor on annual leave", by: testUser)
        h.selectClinicRow("Evans")
        h.press(.char("s"))
        #expect(h.state.overlay == nil)
        #expect(h.messageLine.contains("already cancelled by clerk1: Dr Okafor on annual leave"), "\(h.messageLine)")
    }

    @Test func aClerkIsNotOfferedToCancelASession() throws {
        let h = try clinic(role: .clerk)
        #expect(!h.state.bindings.contains { $0.action == .cancelSession })
        h.selectClinicRow("Evans")
        h.press(.char("s"))
        #expect(h.state.overlay == nil)
        #expect(try oncologySession(h).cancellation == nil)
        #expect(try h.appointment("Evans").status == .booked)
    }
}
