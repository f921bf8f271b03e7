import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskUI

/// Rebooking from the booking pane: the summary starts from the moved
/// appointment's details, which can be changed as for a new booking and are
/// what the new appointment carries; an officer may overbook a full slot when
/// moving an appointment too. Read back from the database through `BookingService`.
@Suite("rebooking: changing the details, overbooking")
struct RebookingDetailsTests {
    func clinic(role: StaffRole = .manager) throws -> Harness {
        let h = try Harness(role: role)
        try h.seedClinic()
        h.press(.function(3))
        return h
    }

    func confirm(_ h: Harness) -> BookingConfirmState? {
        if case .confirmBooking(let state)? = h.state.overlay { return state }
        return nil
    }

    /// The clinic list, O'Brien (hospital transport, wheelchair) selected, r, cancelled by the
    /// patient (unwell), the first free slot: the rebooking summary is open.
    func rebookingSummary(role: StaffRole = .manager, family: String = "O'Brien") throws -> Harness {
        let h = try clinic(role: role)
        h.selectClinicRow(family)
        h.press(.char("r"), .enter)                     // who and why: the patient, the first reason
        h.press(.enter)                                 // the first free slot (10:40)
        guard confirm(h)?.rebooking == true else { throw HarnessFailure("no rebooking summary: \(h.text)") }
        return h
    }

    /// The appointment that replaced a seeded one.
    func replacement(_ h: Harness, _ family: String) throws -> Appointment {
        let old = try h.appointment(family)
        let id = try #require(old.replacedByID, "\(family)'s appointment was not rebooked")
        return try h.booking.show(appointmentID: id, by: testUser).appointment
    }

    @Test func theSummaryStartsFromTheMovedAppointmentAndItsFieldsCanBeChanged() throws {
        let h = try rebookingSummary()
        #expect(confirm(h)?.transport == .hospital)
        #expect(confirm(h)?.mobility == .wheelchair)
        #expect(confirm(h)?.focus == .priority)
        #expect(h.text.contains("[hospital transport]"), "\(h.text)")
        #expect(h.text.contains("[wheelchair]"))
        #expect(h.text.contains("▸ Priority"))
        h.press(.down)                                  // urgent
        h.press(.tab, .tab, .tab)                       // transport
        h.type("o")                                     // own way: mobility goes
        #expect(confirm(h)?.mobility == nil)
        h.press(.tab)                                   // the note
        h.type("Daughter drives him now")
        #expect(h.text.contains("Daughter drives him now"))
        h.press(.enter)
        #expect(h.state.pane == .clinics, "\(h.messageLine)")
        #expect(h.messageLine.contains("moved to onc_fu Tue 24-Nov-2026 10:40–11:00"), "\(h.messageLine)")
        let new = try replacement(h, "O'Brien")
        #expect(new.priority == .urgent)
        #expect(new.transport == .own)
        #expect(new.mobility == nil)
        #expect(new.note == "Daughter drives him now")
        #expect(new.replacesID == (try h.appointment("O'Brien")).id)
        // The old appointment keeps what it had.
        let old = try h.appointment("O'Brien")
        #expect(old.transport == .hospital)
        #expect(old.mobility == .wheelchair)
        #expect(old.priority == .routine)
        // No transport task for the new one (own way).
        let transport = try h.booking.tasks(TaskQuery(patientID: new.patientID, kind: .transport, openOnly: true), by: testUser)
        #expect(!transport.contains { $0.appointmentID == new.id })
    }

    @Test func unchangedDetailsGoWithTheAppointment() throws {
        let h = try rebookingSummary()
        h.press(.enter)
        let new = try replacement(h, "O'Brien")
        #expect(new.transport == .hospital)
        #expect(new.mobility == .wheelchair)
        #expect(new.priority == .routine)
    }

    @Test func aRefusedFieldKeepsTheSummaryOpenWithTheFieldMarked() throws {
        let h = try rebookingSummary(family: "Evans")
        h.press(.tab, .tab, .tab)                       // transport
        h.type("h")                                     // hospital transport, no mobility yet
        h.press(.enter)
        #expect(h.messageLine.contains("mobility: is required with hospital transport"), "\(h.messageLine)")
        #expect(confirm(h)?.errorField == .mobility)
        #expect(h.text.contains("✗ Mobility"))
        // Nothing moved: the old appointment is still booked, in one transaction.
        #expect(try h.appointment("Evans").status == .booked)
        #expect(try h.appointment("Evans").replacedByID == nil)
        h.type("w")                                     // walking
        h.press(.enter)
        #expect(h.state.pane == .clinics, "\(h.messageLine)")
        let new = try replacement(h, "Evans")
        #expect(new.transport == .hospital)
        #expect(new.mobility == .walking)
    }

    @Test func escKeepsTheChangedChoicesForTheNextSlot() throws {
        let h = try rebookingSummary()
        h.press(.down)                                  // urgent
        h.press(.escape)
        #expect(h.state.overlay == nil)
        #expect(h.messageLine.contains("not moved"))
        h.press(.down, .enter)                          // the 11:00 slot
        #expect(confirm(h)?.slot.start.display == "11:00")
        #expect(confirm(h)?.priority == .urgent)
        #expect(confirm(h)?.transport == .hospital)
    }

    // MARK: Overbooking when rebooking

    /// Evans' rebooking summary of 10:40, then another desk books 10:40 first (Ó Súilleabháin): Enter finds it full.
    func fullWhenMoving(role: StaffRole) throws -> (Harness, Slot) {
        let h = try rebookingSummary(role: role, family: "Evans")
        h.press(.down)                                  // urgent
        let chosen = try #require(confirm(h)?.slot)
        _ = try h.booking.book(BookingRequest(patient: h.patient("Ó Súilleabháin").mrn, slotID: chosen.id), by: testUser)
        h.press(.enter)
        #expect(h.state.overlay == nil)
        #expect(h.state.message?.text.contains("is full") == true, "\(h.messageLine)")
        // Nothing moved.
        #expect(try h.appointment("Evans").status == .booked)
        return (h, chosen)
    }

    @Test(arguments: [StaffRole.officer, .manager])
    func anOfficerOverbooksAFullSlotWhenMovingAnAppointment(role: StaffRole) throws {
        let (h, chosen) = try fullWhenMoving(role: role)
        #expect(h.state.bindings.contains { $0.action == .overbook })
        #expect(h.screen.lines.last?.contains("o Overbook") == true, "\(h.screen.lines.last ?? "")")
        h.press(.char("o"))
        guard case .overbook? = h.state.overlay else { Issue.record("no overbook dialog: \(h.text)"); return }
        #expect(h.text.contains("moving appointment \(try h.appointment("Evans").id)"))
        h.type("oops")
        h.press(.enter)
        #expect(h.messageLine.contains("reason: must say why in 5 to 200 characters"))
        #expect(try h.appointment("Evans").status == .booked)
        h.press(.ctrl("u"))
        h.type("consultant asked to see today")
        h.press(.enter)
        #expect(h.state.pane == .clinics, "\(h.messageLine)")
        #expect(h.messageLine.contains("moved (overbooked) to onc_fu"), "\(h.messageLine)")
        let old = try h.appointment("Evans")
        #expect(old.status == .cancelledByPatient)
        let new = try replacement(h, "Evans")
        #expect(new.slotID == chosen.id)
        #expect(new.overbookReason == "consultant asked to see today")
        #expect(new.priority == .urgent)
        #expect(new.replacesID == old.id)
    }

    @Test func aClerkMovingAnAppointmentIsOfferedOnlyTheNextFreeSlots() throws {
        let (h, _) = try fullWhenMoving(role: .clerk)
        #expect(!h.state.bindings.contains { $0.action == .overbook })
        h.press(.char("o"))
        #expect(h.state.overlay == nil)
        #expect(try h.appointment("Evans").status == .booked)
        h.press(.enter)                                 // the next free slot's summary: the choices kept
        #expect(confirm(h)?.priority == .urgent)
        h.press(.enter)
        let new = try replacement(h, "Evans")
        #expect(new.priority == .urgent)
        #expect(new.overbookReason == nil)
    }
}
