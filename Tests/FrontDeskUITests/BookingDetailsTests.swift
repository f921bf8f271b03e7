import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskUI

/// The booking summary's fields (priority, first or follow-up, source of
/// referral, transport with mobility, note), an officer's overbooking of a
/// full slot, and rebooking from the clinic list. What was booked is read
/// back from the database through `BookingService`, not only from the screen.
@Suite("booking details, overbooking and rebooking from the clinic list")
struct BookingDetailsTests {
    /// Smith's record on the seeded clinic, b, onc_fu: the summary of the first free slot (10:40 today) is open.
    func summary(role: StaffRole = .manager) throws -> Harness {
        let h = try Harness(role: role)
        try h.seedClinic()
        h.type("9434765919")
        h.press(.enter, .char("b"))
        h.type("onc_fu")
        h.press(.enter, .enter)
        guard case .confirmBooking? = h.state.overlay else { throw HarnessFailure("no summary: \(h.text)") }
        return h
    }

    /// The open summary, if any.
    func confirm(_ h: Harness) -> BookingConfirmState? {
        if case .confirmBooking(let state)? = h.state.overlay { return state }
        return nil
    }

    /// Smith's appointments at `time` today, as stored.
    func smithsAppointments(_ h: Harness, at time: String) throws -> [Appointment] {
        try h.booking.appointments(patientID: try #require(h.patient("Smith").id), by: testUser)
            .map(\.appointment).filter { $0.date == h.state.today && $0.start.display == time }
    }

    // MARK: The summary's fields

    @Test func hospitalTransportWithAWheelchairIsBookedWithATransportTask() throws {
        let h = try summary()
        #expect(h.text.contains("Transport"))
        h.press(.down)                                  // priority: urgent
        h.press(.tab, .tab, .down)                      // referral: GP (03)
        h.press(.tab, .down, .down)                     // transport: hospital
        #expect(confirm(h)?.transport == .hospital)
        #expect(h.text.contains("[hospital transport]"))
        h.press(.tab)
        #expect(confirm(h)?.focus == .mobility)
        h.press(.down, .down)                           // mobility: wheelchair
        h.press(.tab)
        h.type("Needs a side room")
        #expect(h.text.contains("[wheelchair]"))
        #expect(h.text.contains("Needs a side room"))
        h.press(.enter)
        #expect(h.state.pane == .record, "\(h.messageLine)")
        let booked = try #require(try smithsAppointments(h, at: "10:40").first)
        #expect(booked.transport == .hospital)
        #expect(booked.mobility == .wheelchair)
        #expect(booked.priority == .urgent)
        #expect(booked.referralSource == .gp)
        #expect(booked.attendance == .followUp)          // the service's
        #expect(booked.note == "Needs a side room")
        let tasks = try h.booking.tasks(TaskQuery(patientID: h.patient("Smith").id, kind: .transport, openOnly: true), by: testUser)
        #expect(tasks.contains { $0.appointmentID == booked.id }, "\(tasks)")
    }

    @Test func mobilityIsRequiredWithHospitalTransportAndTheSummaryStaysToChooseIt() throws {
        let h = try summary()
        h.press(.tab, .tab, .tab)                       // transport
        h.type("h")                                     // a letter picks hospital transport
        #expect(confirm(h)?.transport == .hospital)
        #expect(h.messageLine.contains("hospital transport: Tab, then choose the mobility (required)"))
        h.press(.enter)
        // Refused by the booking rule, naming the field; nothing booked; the summary stays with the field marked.
        #expect(h.messageLine.contains("mobility: is required with hospital transport"), "\(h.messageLine)")
        #expect(confirm(h)?.errorField == .mobility)
        #expect(confirm(h)?.focus == .mobility)
        #expect(h.text.contains("✗ Mobility"))
        #expect(try smithsAppointments(h, at: "10:40").isEmpty)
        h.type("s")                                     // stretcher
        h.press(.enter)
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(try smithsAppointments(h, at: "10:40").first?.mobility == .stretcher)
    }

    @Test func mobilityGoesOnlyWithHospitalTransport() throws {
        let h = try summary()
        h.press(.tab, .tab, .tab, .up)                  // transport: hospital (↑ from none wraps)
        #expect(confirm(h)?.transport == .hospital)
        h.press(.tab, .char("w"))                       // walking
        #expect(confirm(h)?.mobility == .walking)
        h.press(.backTab, .up)                          // back to transport: own way
        #expect(confirm(h)?.transport == .own)
        #expect(confirm(h)?.mobility == nil)
        #expect(h.text.contains("— only with hospital transport"))
        h.press(.tab)                                   // mobility is skipped: the note
        #expect(confirm(h)?.focus == .note)
        h.press(.enter)
        let booked = try #require(try smithsAppointments(h, at: "10:40").first)
        #expect(booked.transport == .own)
        #expect(booked.mobility == nil)
    }

    @Test func attendanceStartsAsTheServicesAndCanBeChanged() throws {
        let h = try summary()
        #expect(confirm(h)?.attendance == .followUp)
        #expect(h.text.contains("[follow-up]"))
        h.press(.tab, .char("f"))                       // first
        #expect(confirm(h)?.attendance == .first)
        #expect(h.text.contains("(service: follow-up)"))
        h.press(.enter)
        #expect(try smithsAppointments(h, at: "10:40").first?.attendance == .first)
    }

    @Test func aNoteOverFiveHundredCharactersIsRefusedNamingTheField() throws {
        let h = try summary()
        h.press(.backTab)                               // from the priority back round to the note
        #expect(confirm(h)?.focus == .note)
        h.type(String(repeating: "x", count: 501))
        #expect(h.text.contains("501/500"))
        h.press(.enter)
        #expect(h.messageLine.contains("note: must be at most 500 characters"), "\(h.messageLine)")
        #expect(confirm(h)?.errorField == .note)
        #expect(try smithsAppointments(h, at: "10:40").isEmpty)
        h.press(.backspace, .enter)
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(try smithsAppointments(h, at: "10:40").first?.note?.count == 500)
    }

    @Test func theChoicesAreKeptWhenAnotherSlotIsChosen() throws {
        let h = try summary()
        h.press(.down, .tab, .tab, .tab, .char("o"))    // urgent, own way
        h.press(.escape)
        #expect(h.state.overlay == nil)
        h.press(.down, .enter)                          // the 11:00 slot
        #expect(confirm(h)?.slot.start.display == "11:00")
        #expect(confirm(h)?.priority == .urgent)
        #expect(confirm(h)?.transport == .own)
        #expect(confirm(h)?.focus == .transport)
    }

    // MARK: Overbooking

    /// The summary of 10:40, then another desk books it first: Enter finds it full.
    func slotFoundFull(role: StaffRole) throws -> (Harness, Slot) {
        let h = try summary(role: role)
        h.press(.down)                                  // urgent: carried to the overbooking
        let chosen = try #require(confirm(h)?.slot)
        _ = try h.booking.book(BookingRequest(patient: h.patient("O'Brien").mrn, slotID: chosen.id), by: testUser)
        h.press(.enter)
        #expect(h.state.overlay == nil)
        #expect(h.state.message?.text.contains("is full") == true, "\(h.messageLine)")
        return (h, chosen)
    }

    @Test(arguments: [StaffRole.officer, .manager])
    func anOfficerOrManagerIsOfferedOverbookingWithAReason(role: StaffRole) throws {
        let (h, chosen) = try slotFoundFull(role: role)
        #expect(h.state.bindings.contains { $0.action == .overbook })
        #expect(h.screen.lines.last?.contains("o Overbook") == true, "\(h.screen.lines.last ?? "")")
        #expect(h.text.contains("Enter books a free one · o overbooks it"))
        h.press(.char("o"))
        guard case .overbook? = h.state.overlay else { Issue.record("no overbook dialog: \(h.text)"); return }
        #expect(h.text.contains("This slot is full. Overbook it?"))
        h.type("busy")
        h.press(.enter)
        #expect(h.messageLine.contains("reason: must say why in 5 to 200 characters"))
        if case .overbook? = h.state.overlay {} else { Issue.record("the dialog closed on a short reason") }
        h.press(.ctrl("u"))
        h.type("consultant asked to see today")
        h.press(.enter)
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(h.messageLine.contains("overbooked onc_fu Tue 24-Nov-2026 10:40–11:00"), "\(h.messageLine)")
        let booked = try #require(try smithsAppointments(h, at: "10:40").first)
        #expect(booked.slotID == chosen.id)
        #expect(booked.overbookReason == "consultant asked to see today")
        #expect(booked.priority == .urgent)
        let slot = try #require(try h.booking.show(appointmentID: booked.id, by: testUser).trail.first)
        #expect(slot.detail.contains("overbooked"))
    }

    @Test func aClerkIsOfferedOnlyTheNextFreeSlots() throws {
        let (h, _) = try slotFoundFull(role: .clerk)
        #expect(!h.state.bindings.contains { $0.action == .overbook })
        #expect(h.screen.lines.last?.contains("Overbook") == false)
        #expect(h.text.contains("Enter books a free one"))
        #expect(!h.text.contains("overbooks"))
        h.press(.char("o"))
        #expect(h.state.overlay == nil)
        #expect(try smithsAppointments(h, at: "10:40").isEmpty)
        // The next free one books as before.
        h.press(.enter, .enter)
        #expect(h.state.pane == .record)
        #expect(try smithsAppointments(h, at: "11:00").first?.priority == .urgent)
    }

    @Test func overbookingIsNotOfferedBeforeASlotWasFoundFull() throws {
        let h = try summary()
        h.press(.escape)
        #expect(!h.state.bindings.contains { $0.action == .overbook })
        h.press(.char("o"))
        #expect(h.state.overlay == nil)
    }

    // MARK: Rebooking from the clinic list

    func clinic() throws -> Harness {
        let h = try Harness()
        try h.seedClinic()
        h.press(.function(3))
        return h
    }

    @Test func rOnABookedRowAsksWhoAndWhyThenRebooksKeepingTheTrail() throws {
        let h = try clinic()
        #expect(h.state.bindings.contains { $0.keys.contains(.char("r")) && $0.action == .rebook })
        h.selectClinicRow("Evans")
        h.press(.char("r"))
        guard case .cancelAppointments(let dialog)? = h.state.overlay else { Issue.record("no who/why: \(h.text)"); return }
        #expect(dialog.purpose == .rebook)
        h.press(.tab)                                   // cancelled by the hospital
        h.press(.enter)                                 // its first reason
        #expect(h.state.pane == .booking)
        #expect(h.state.booking?.service.text == "onc_fu")
        #expect(h.text.contains("Moving appointment"))
        h.press(.enter)                                 // the first free slot: 10:40
        #expect(h.text.contains("Move the appointment to this slot?"))
        h.press(.enter)
        #expect(h.state.pane == .clinics, "\(h.messageLine)")
        #expect(h.messageLine.contains("moved to onc_fu Tue 24-Nov-2026 10:40–11:00"))
        let old = try h.appointment("Evans")
        #expect(old.status == .cancelledByHospital)
        let newID = try #require(old.replacedByID)
        let new = try h.booking.show(appointmentID: newID, by: testUser)
        #expect(new.appointment.replacesID == old.id)
        #expect(new.appointment.start.display == "10:40")
        let oldTrail = try h.booking.show(appointmentID: old.id, by: testUser).trail
        #expect(oldTrail.contains { $0.action == .rebooked }, "\(oldTrail)")
        // The list shows both: the old one cancelled by the hospital, the new one booked.
        let rows = h.state.clinicsPane.rows.filter { $0.appointment.patientMRN == h.patient("Evans").mrn }
        #expect(Set(rows.map(\.appointment.status)) == [.cancelledByHospital, .booked])
    }

    @Test func rOnACancelledRowGoesStraightToTheSlotsAndEscComesBack() throws {
        let h = try clinic()
        h.selectClinicRow("Smith-Jones")
        h.press(.char("r"))
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .booking)
        #expect(h.text.contains("Moving appointment \(try h.appointment("Smith-Jones").id)"))
        h.press(.escape)
        #expect(h.state.pane == .clinics)
        #expect(h.messageLine.contains("not moved"))
    }

    @Test func rebookingKeepsTransportAndShowsItInTheSummary() throws {
        let h = try clinic()
        h.selectClinicRow("O'Brien")
        h.press(.char("r"), .enter)                     // patient, unwell
        h.press(.enter)
        #expect(h.text.contains("hospital transport"), "\(h.text)")
        #expect(h.text.contains("wheelchair"))
        // Everything fits at 80x24, the keys included.
        #expect(h.text.contains("Replaces"))
        #expect(h.text.contains("Enter  move it"), "\(h.text)")
        h.press(.enter)
        let old = try h.appointment("O'Brien")
        let new = try h.booking.show(appointmentID: try #require(old.replacedByID), by: testUser).appointment
        #expect(new.transport == .hospital)
        #expect(new.mobility == .wheelchair)
    }

    @Test func rOnAnAttendedRowSaysWhyNot() throws {
        let h = try clinic()
        h.selectClinicRow("Smith")
        h.press(.char("i"), .escape)                    // checked in (details confirmed later)
        #expect(try h.appointment("Smith").status == .arrived)
        h.press(.char("r"))
        #expect(h.state.overlay == nil)
        #expect(h.state.pane == .clinics)
        #expect(h.messageLine.contains("appointment: arrived: only booked or cancelled ones can be rebooked"), "\(h.messageLine)")
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
