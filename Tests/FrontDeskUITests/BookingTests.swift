import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskUI

/// Booking from the patient record: b, the service and filters, the next
/// free slots, a summary, Enter books; a slot taken meanwhile at another desk
/// shows the next free ones; r moves an appointment, asking who and why.
@Suite("booking from the record")
struct BookingTests {
    /// Smith's record open on a seeded clinic.
    func smithsRecord(size: Size = standardSize) throws -> Harness {
        let h = try Harness(size: size)
        try h.seedClinic()
        h.type("9434765919")
        h.press(.enter)
        return h
    }

    @Test func theRecordListsFutureThenPastAppointmentsWithTheirTrailAndOpenTasks() throws {
        let h = try smithsRecord(size: Size(width: 120, height: 60))
        h.press(.end)
        let text = h.text
        let coming = try #require(text.range(of: "Coming up"))
        let today = try #require(text.range(of: "24-Nov-2026 09:00"))
        let past = try #require(text.range(of: "Past"))
        let lastWeek = try #require(text.range(of: "17-Nov-2026 09:00"))
        #expect(coming.lowerBound < today.lowerBound && today.lowerBound < past.lowerBound && past.lowerBound < lastWeek.lowerBound)
        #expect(text.contains("attended, outcome 2 (another appointment given)"))
        // The trail: who, when, what and why.
        #expect(text.contains("clerk1 · booked: booked onc_fu"))
        #expect(text.contains("clerk1 · outcome: outcome 2: another appointment given"))
        // The interpreter task the booking made (Smith needs a Polish interpreter).
        #expect(text.contains("Open tasks"))
        #expect(text.contains("front_desk · book Polish interpreter"))
    }

    @Test func tabReachesTheAppointmentsAndArrowsChooseOne() throws {
        let h = try smithsRecord()
        h.openAppointmentsSection()
        #expect(h.state.record?.appointmentFocus == 0)
        #expect(h.text.contains("▸ 24-Nov-2026 09:00"))
        h.press(.down)
        #expect(h.state.record?.appointmentFocus == 1)
        #expect(h.text.contains("▸ 17-Nov-2026 09:00"))
        h.press(.up, .up)
        #expect(h.state.record?.appointmentFocus == nil)
    }

    @Test func bBooksTheNextFreeSlotAfterASummary() throws {
        let h = try smithsRecord()
        h.press(.char("b"))
        #expect(h.state.pane == .booking)
        #expect(h.state.isTyping)
        h.type("follow")                    // resolves to onc_fu by name
        #expect(h.text.contains("Oncology follow-up"))
        // The next free slots from now (09:41): 10:40 today is the first (10:00 and 10:20 are
        // taken; Smith-Jones cancelled 10:40).
        let first = try #require(h.state.booking?.slots.first)
        #expect(first.start.display == "10:40")
        h.press(.enter)                     // to the slots
        #expect(h.state.booking?.focus == .slots)
        h.press(.enter)                     // the summary
        guard case .confirmBooking? = h.state.overlay else { Issue.record("no summary: \(h.text)"); return }
        #expect(h.text.contains("Book this appointment?"))
        #expect(h.text.contains("Tue 24-Nov-2026 10:40–11:00"))
        #expect(h.text.contains("Dr Okafor (dr_okafor)"))
        h.press(.down)                      // urgent
        h.press(.enter)
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(h.messageLine.contains("booked onc_fu Tue 24-Nov-2026 10:40–11:00"))
        let booked = try h.booking.appointments(patientID: try #require(h.patient("Smith").id), by: testUser)
            .map(\.appointment).filter { $0.start.display == "10:40" }
        #expect(booked.count == 1)
        #expect(booked.first?.priority == .urgent)
        // The record's appointments section shows it.
        h.press(.end)
        #expect(h.text.contains("24-Nov-2026 10:40"))
    }

    @Test func aSlotJustTakenAtAnotherDeskShowsTheNextFreeOnes() throws {
        let h = try smithsRecord()
        h.press(.char("b"))
        h.type("onc_fu")
        h.press(.enter)
        let chosen = try #require(h.state.booking?.selected)
        #expect(chosen.start.display == "10:40")
        // Another desk books the same slot first.
        _ = try h.booking.book(BookingRequest(patient: h.patient("O'Brien").mrn, slotID: chosen.id), by: testUser)
        h.press(.enter, .enter)
        #expect(h.state.pane == .booking)
        #expect(h.state.overlay == nil)
        #expect(h.state.message?.text.contains("is full") == true, "\(h.messageLine)")
        #expect(h.text.contains("Slot just taken at another desk · Enter books a free one"))
        let next = try #require(h.state.booking?.slots.first)
        #expect(next.start.display == "11:00")
        #expect(!(h.state.booking?.slots.contains { $0.id == chosen.id } ?? true))
        // Enter books the next free one.
        h.press(.enter, .enter)
        #expect(h.state.pane == .record)
        #expect(h.messageLine.contains("11:00–11:20"))
    }

    @Test func escLeavesTheBookingWithNothingBooked() throws {
        let h = try smithsRecord()
        h.press(.char("b"))
        h.type("onc_fu")
        h.press(.escape)
        #expect(h.state.pane == .record)
        #expect(h.messageLine.contains("nothing booked"))
        #expect(!h.issued.contains { if case .book = $0 { return true }; return false })
    }

    @Test func anUnknownServiceIsMarkedWithTheRule() throws {
        let h = try smithsRecord()
        h.press(.char("b"))
        h.type("dentist")
        h.press(.enter)
        #expect(h.state.booking?.errorField == .service)
        #expect(h.messageLine.contains("service: no service matches 'dentist'"))
    }

    @Test func filtersNarrowTheSlots() throws {
        let h = try smithsRecord()
        h.press(.char("b"))
        h.type("onc_fu")
        h.press(.tab, .tab, .tab)           // site, clinician, am/pm
        #expect(h.state.booking?.focus == .dayPart)
        h.type("pm")
        #expect(h.state.booking?.slots.isEmpty == true)
        #expect(h.text.contains("No free onc_fu slot"))
        h.press(.ctrl("u"))
        h.type("am")
        h.press(.tab)
        h.press(.ctrl("u"))
        h.type("01/12/2026")
        h.press(.enter)
        #expect(h.state.booking?.slots.first?.date == LocalDate(year: 2026, month: 12, day: 1))
    }

    @Test func rMovesABookedAppointmentAskingWhoAndWhy() throws {
        let h = try smithsRecord()
        h.openAppointmentsSection()
        h.press(.char("r"))
        guard case .cancelAppointments(let dialog)? = h.state.overlay else { Issue.record("no who/why: \(h.text)"); return }
        #expect(dialog.purpose == .rebook)
        #expect(h.text.contains("why is it being moved?"))
        h.press(.down)                      // unable to attend
        h.press(.enter)
        #expect(h.state.pane == .booking)
        #expect(h.state.booking?.service.text == "onc_fu")
        #expect(h.text.contains("Moving appointment"))
        h.press(.enter)
        #expect(h.text.contains("Move the appointment to this slot?"))
        h.press(.enter)
        #expect(h.state.pane == .record, "\(h.messageLine)")
        #expect(h.messageLine.contains("moved to onc_fu Tue 24-Nov-2026 10:40–11:00"))
        let old = try h.appointment("Smith")
        #expect(old.status == .cancelledByPatient)
        #expect(old.cancelReason == .unableToAttend)
        #expect(old.replacedByID != nil)
        // The trail of the new appointment shows the move.
        h.resize(120, 60)
        h.press(.end)
        #expect(h.text.contains("rebooked: cancelled by the patient: unable to attend"))
    }

    @Test func cInTheRecordCancelsTheChosenAppointment() throws {
        let h = try smithsRecord()
        h.openAppointmentsSection()
        h.press(.char("c"), .enter)
        #expect(try h.appointment("Smith").status == .cancelledByPatient)
        #expect(h.text.contains("cancelled pt"), "\(h.text)")
    }

    @Test func rWithNoAppointmentChosenSaysHow() throws {
        let h = try smithsRecord()
        h.press(.char("r"))
        #expect(h.state.overlay == nil)
        #expect(h.messageLine.contains("Tab to the appointments section"))
    }
}
