import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// The booking rules, run through BookingService on a real (in-memory) store.
@Suite struct BookingRuleTests {
    @Test func bookingTakesAPlaceAndIsAuditedWithItsTrail() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Ashworth")
        let slot = try f.slot("onc_fu", "2026-11-25", "10:00")
        let appointment = try f.book(ann, slot)
        #expect(appointment.status == .booked && appointment.status.nhsCode == 0)
        #expect(appointment.attendance == .followUp)
        #expect(try f.slot(id: slot.id).booked == 1)
        let details = try f.auditDetails(ann)
        let booked = details.first { $0.hasPrefix("booked onc_fu") } ?? ""
        #expect(booked.contains("Wed 25-Nov-2026 10:00–10:20"))
        let trail = try f.booking.booking.read { try $0.trail(appointmentID: appointment.id) }
        #expect(trail.map(\.action) == [.booked])
        #expect(trail.first?.user == clerk.login)
    }

    @Test func aFullSlotIsRefusedWithTheNextFreeOnes() throws {
        let f = try BookingFixture()
        let slot = try f.slot("onc_fu", "2026-11-25", "10:00")
        try f.book(try f.patient("First"), slot)
        let second = try f.patient("Second")
        let error = try #require(throws: BookingError.self) { try f.book(second, slot) }
        #expect(error.kind == .slotFull)
        #expect(error.field == "slot")
        #expect(error.alternatives.first?.start == ClockTime.parse("10:20"))
        #expect(error.alternatives.allSatisfy { !$0.isFull && $0.serviceCode == "onc_fu" })
        #expect(try f.slot(id: slot.id).booked == 1)
        #expect(try f.booking.appointments(patientID: second.id!, by: clerk).isEmpty)
    }

    @Test func aSlotForTwoTakesTwo() throws {
        let f = try BookingFixture()
        let slot = try f.slot("bloods", "2026-11-25", "09:00")
        try f.book(try f.patient("One"), slot)
        try f.book(try f.patient("Two"), slot)
        #expect(throws: BookingError.self) { try f.book(try f.patient("Three"), slot) }
        #expect(try f.slot(id: slot.id).booked == 2)
    }

    @Test func overlappingAppointmentsOfAnyServiceAreRefused() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Overlap")
        try f.book(ann, try f.slot("onc_fu", "2026-11-25", "09:00"))
        let clash = try #require(throws: BookingError.self) { try f.book(ann, try f.slot("bloods", "2026-11-25", "09:10")) }
        #expect(clash.field == "patient")
        #expect(clash.reason.contains("overlaps"))
        // Back to back is fine: bloods 09:20 starts when the 09:00–09:20 review ends.
        try f.book(ann, try f.slot("bloods", "2026-11-25", "09:20"))
    }

    @Test func pastSlotsCancelledSessionsAndTheDeadAreRefused() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Rules")
        // Now is 09:41 on 24-Nov: the 09:40 slot has started.
        let started = try f.booking.booking.read { try $0.freeSlots(SlotQuery(serviceCode: "onc_fu", from: LocalDate(iso: "2026-11-24")!, limit: 20)) }
            .first { $0.start == ClockTime.parse("09:40") }!
        let past = try #require(throws: BookingError.self) { try f.book(ann, started) }
        #expect(past.reason.contains("in the past"))

        let friday = try f.slot("onc_fu", "2026-11-27", "09:00")
        _ = try f.booking.cancelSession(id: friday.sessionID, reason: "Dr Adams on annual leave", by: clerk)
        let cancelled = try #require(throws: BookingError.self) { try f.book(ann, friday) }
        #expect(cancelled.reason.contains("cancelled"))

        var died = PatientFields(); died.dateOfDeath = "20/11/2026"
        _ = try f.patients.edit(ann.mrn, died, by: clerk)
        let dead = try #require(throws: BookingError.self) { try f.book(ann, try f.slot("onc_fu", "2026-11-30", "09:00")) }
        #expect(dead.field == "patient")
        #expect(dead.reason.contains("died"))
    }

    @Test func onlyAnOfficerOverbooksAndSaysWhy() throws {
        let f = try BookingFixture()
        try f.addStaff("clara", .clerk)
        try f.addStaff("otto", .officer)
        let slot = try f.slot("onc_fu", "2026-11-25", "11:00")
        try f.book(try f.patient("Full"), slot)
        let extra = try f.patient("Extra")
        #expect(throws: AccessError.self) { try f.book(extra, slot, by: ActingUser(login: "clara"), overbook: "consultant asked") }
        #expect(throws: ValidationError.self) { try f.book(extra, slot, by: ActingUser(login: "otto"), overbook: "x") }
        let over = try f.book(extra, slot, by: ActingUser(login: "otto"), overbook: "consultant asked to see today")
        #expect(over.overbookReason == "consultant asked to see today")
        #expect(try f.slot(id: slot.id).booked == 2)
        #expect(try f.auditDetails(extra).contains { $0.contains("overbooked (2 in a slot for 1): consultant asked to see today") })
    }

    @Test func slotSearchFiltersAndNeverOffersThePast() throws {
        let f = try BookingFixture()
        let first = try f.booking.slots(SlotQuery(serviceCode: "onc_fu", from: LocalDate(iso: "2026-11-01")!, limit: 3), by: clerk)
        // From now (Tue 24-Nov 09:41): 10:00 is the first slot that has not started.
        #expect(first.map { "\($0.date.iso) \($0.start)" } == ["2026-11-24 10:00", "2026-11-24 10:20", "2026-11-24 10:40"])
        let pm = try f.booking.slots(SlotQuery(serviceCode: "onc_fu", from: LocalDate(iso: "2026-11-24")!, dayPart: .pm, limit: 2), by: clerk)
        #expect(pm.map(\.clinicianCode) == ["dr_bell", "dr_bell"])
        #expect(pm.first?.date.iso == "2026-11-25")
        let hub = try f.booking.slots(SlotQuery(serviceCode: "onc_fu", from: LocalDate(iso: "2026-11-24")!, siteCode: "hub", limit: 1), by: clerk)
        #expect(hub.first?.start == ClockTime.parse("13:00"))
        let fridays = try f.booking.slots(SlotQuery(serviceCode: "onc_fu", from: LocalDate(iso: "2026-12-24")!, clinicianCode: "dr_adams",
                                                    weekdays: [.friday], limit: 1), by: clerk)
        // 25-Dec is a bank holiday: no session, so the first Friday is New Year's Day's week… 1-Jan is one too.
        #expect(fridays.first?.date.iso == "2027-01-08")
    }

    @Test func generatingAgainKeepsWhatIsThere() throws {
        let f = try BookingFixture()
        let again = try f.booking.generateSessions(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2026-12-31")!, by: clerk)
        #expect(again.created == 0)
        #expect(again.existing > 0)
        #expect(again.skipped.contains { $0.date.iso == "2026-12-25" && $0.reason == .bankHoliday })
    }
}

@Suite struct AppointmentStatusTests {
    @Test func aDayAtTheDeskCheckInAttendOutcome() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Day")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-24", "11:00"))
        let checked = try f.booking.checkIn(appointmentID: a.id, by: clerk)
        #expect(checked.appointment.status == .arrived)
        #expect(checked.confirm?.addressLine1 == "1 High Street")
        #expect(checked.confirm?.gpPractice?.code == "N81013")
        let seen = try f.booking.attend(appointmentID: a.id, by: clerk)
        #expect(seen.status == .attended && seen.status.nhsCode == 5)
        // Forward only: an attended appointment cannot become a DNA.
        let back = try #require(throws: BookingError.self) { try f.booking.didNotAttend(appointmentID: a.id, by: clerk) }
        #expect(back.reason.contains("cannot become DNA"))
        let (withOutcome, task) = try f.booking.recordOutcome(appointmentID: a.id, .toBeBooked, by: clerk)
        #expect(withOutcome.outcome == .toBeBooked)
        #expect(task?.kind == .toBeBooked && task?.teamCode == "front_desk" && task?.serviceCode == "onc_fu")
        #expect(throws: BookingError.self) { try f.booking.recordOutcome(appointmentID: a.id, .discharged, by: clerk) }
        // Booking the follow-up takes the patient off the to-be-booked list.
        let next = try f.book(ann, try f.slot("onc_fu", "2026-12-08", "09:00"))
        let closed = try #require(try f.tasks(ann, openOnly: false).first { $0.kind == .toBeBooked })
        #expect(closed.status == .done)
        #expect(closed.closeNote?.contains("appointment \(next.id)") == true)
        let trail = try f.booking.booking.read { try $0.trail(appointmentID: a.id) }.map(\.action)
        #expect(trail == [.booked, .checkedIn, .attended, .outcome])
    }

    @Test func checkInIsOnTheDayAndAnOutcomeFollowsAnAttendance() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Early")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-25", "09:00"))
        let early = try #require(throws: BookingError.self) { try f.booking.checkIn(appointmentID: a.id, by: clerk) }
        #expect(early.reason.contains("checked in on the day"))
        #expect(throws: BookingError.self) { try f.booking.attend(appointmentID: a.id, by: clerk) }
        #expect(throws: BookingError.self) { try f.booking.recordOutcome(appointmentID: a.id, .discharged, by: clerk) }
    }

    @Test func aDNALandsWithTheClinicalTeamAndAnOfficerCanUndoIt() throws {
        let f = try BookingFixture()
        try f.addStaff("clara", .clerk)
        try f.addStaff("otto", .officer)
        let ann = try f.patient("Absent")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-24", "10:20"))
        // Not before its time.
        #expect(throws: BookingError.self) { try f.booking.didNotAttend(appointmentID: a.id, by: clerk) }
        f.clock.set("2026-11-24", "12:30")
        let (dna, task) = try f.booking.didNotAttend(appointmentID: a.id, by: ActingUser(login: "clara"))
        #expect(dna.status == .didNotAttend && dna.status.nhsCode == 3)
        #expect(task.teamCode == "clinical" && task.kind == .dnaReview)
        #expect(task.description.contains("clinician to decide next step"))
        #expect(task.dueDate.iso == "2026-11-25")
        // A clerk may not undo; an officer must say why.
        #expect(throws: AccessError.self) { try f.booking.undo(appointmentID: a.id, reason: "patient was in the toilet", by: ActingUser(login: "clara")) }
        #expect(throws: ValidationError.self) { try f.booking.undo(appointmentID: a.id, reason: "", by: ActingUser(login: "otto")) }
        let undone = try f.booking.undo(appointmentID: a.id, reason: "patient was in the waiting room", by: ActingUser(login: "otto"))
        #expect(undone.status == .booked)
        #expect(try f.tasks(ann).isEmpty)
        #expect(try f.auditDetails(ann).contains { $0.contains("undid DNA → booked: patient was in the waiting room") })
    }

    @Test func undoingAnAttendanceWithdrawsItsOutcome() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Mistake")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-24", "11:20"))
        _ = try f.booking.attend(appointmentID: a.id, late: true, by: clerk)
        _ = try f.booking.recordOutcome(appointmentID: a.id, .toBeBooked, by: clerk)
        let undone = try f.booking.undo(appointmentID: a.id, reason: "recorded on the wrong patient", by: clerk)
        #expect(undone.status == .arrived)
        #expect(undone.outcome == nil)
        #expect(try f.tasks(ann).isEmpty)
    }

    @Test func lateNotSeenIsSevenAndWalkInsArriveWithoutASlot() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Late")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-24", "10:40"))
        #expect(try f.booking.lateNotSeen(appointmentID: a.id, by: clerk).status.nhsCode == 7)
        let walk = try f.booking.walkIn(patient: (try f.patient("Walker")).mrn, service: "bloods", clinician: "nurse_cole", by: clerk)
        #expect(walk.status == .arrived && walk.walkIn && walk.slotID == nil)
        #expect(walk.start == ClockTime.parse("09:41"))
        let none = try #require(throws: BookingError.self) {
            try f.booking.walkIn(patient: ann.mrn, service: "onc_fu", clinician: "dr_bell", by: clerk)
        }
        #expect(none.reason.contains("holds no onc_fu session today"))
    }
}

@Suite struct CancellationTests {
    @Test func cancellingFreesThePlaceAndCountsWhoCancelled() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Cancel")
        let slot = try f.slot("onc_fu", "2026-11-26", "09:00")
        let a = try f.book(ann, slot, transport: .hospital, mobility: .wheelchair)
        #expect(try f.tasks(ann).map(\.kind) == [.transport])
        let wrongSide = try #require(throws: BookingError.self) {
            try f.booking.cancel(appointmentID: a.id, by: .patient, reason: .clinicianUnavailable, text: nil, user: clerk)
        }
        #expect(wrongSide.field == "reason")
        let noText = try #require(throws: BookingError.self) {
            try f.booking.cancel(appointmentID: a.id, by: .patient, reason: .other, text: " ", user: clerk)
        }
        #expect(noText.field == "text")
        let cancelled = try f.booking.cancel(appointmentID: a.id, by: .hospital, reason: .clinicianUnavailable, text: "sick", user: clerk)
        #expect(cancelled.status == .cancelledByHospital && cancelled.status.nhsCode == 4)
        #expect(try f.slot(id: slot.id).booked == 0)
        #expect(try f.tasks(ann).isEmpty)
        #expect(throws: BookingError.self) {
            try f.booking.cancel(appointmentID: a.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        }
    }

    @Test func reinstatingACancellationMadeInError() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Reinstate")
        let slot = try f.slot("onc_fu", "2026-11-26", "09:20")
        let a = try f.book(ann, slot)
        _ = try f.booking.cancel(appointmentID: a.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        let back = try f.booking.reinstate(appointmentID: a.id, reason: "cancelled the wrong appointment", by: clerk)
        #expect(back.appointment.status == .booked)
        #expect(back.appointment.cancelReason == nil)
        #expect(try f.slot(id: slot.id).booked == 1)
        // Cancelled again, and the place taken meanwhile: reinstating is refused.
        _ = try f.booking.cancel(appointmentID: a.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        try f.book(try f.patient("Taker"), slot)
        let full = try #require(throws: BookingError.self) { try f.booking.reinstate(appointmentID: a.id, reason: "cancelled in error", by: clerk) }
        #expect(full.kind == .slotFull)
    }

    @Test func rebookingLinksTheTrail() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Moved")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-26", "10:00"))
        let target = try f.slot("onc_fu", "2026-12-03", "10:00")
        #expect(throws: BookingError.self) { try f.booking.rebook(appointmentID: a.id, slotID: target.id, by: nil, reason: nil, text: nil, user: clerk) }
        let moved = try f.booking.rebook(appointmentID: a.id, slotID: target.id, by: .patient, reason: .unableToAttend,
                                         text: "away that week", user: clerk)
        #expect(moved.appointment.replacesID == a.id)
        #expect(moved.replaced?.replacedByID == moved.appointment.id)
        #expect(moved.replaced?.status == .cancelledByPatient)
        let detail = try f.booking.show(appointmentID: moved.appointment.id, by: clerk)
        #expect(detail.trail.map(\.action) == [.booked, .rebooked, .booked])
        #expect(detail.trail[1].detail.contains("away that week"))
        // Once moved, the old one cannot be moved again or reinstated.
        let twice = try #require(throws: BookingError.self) {
            try f.booking.rebook(appointmentID: a.id, slotID: target.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        }
        #expect(twice.reason.contains("already rebooked"))
        #expect(throws: BookingError.self) { try f.booking.reinstate(appointmentID: a.id, reason: "cancelled in error", by: clerk) }
    }

    @Test func rebookingACancelledAppointmentKeepsWhoCancelled() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Later")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-26", "10:20"))
        _ = try f.booking.cancel(appointmentID: a.id, by: .hospital, reason: .clinicianUnavailable, text: nil, user: clerk)
        let moved = try f.booking.rebook(appointmentID: a.id, slotID: try f.slot("onc_fu", "2026-12-01", "09:00").id,
                                         by: nil, reason: nil, text: nil, user: clerk)
        #expect(try f.appointment(a.id).cancelledBy == .hospital)
        #expect(try f.appointment(a.id).replacedByID == moved.appointment.id)
    }

    @Test func cancellingASessionCancelsItsBookingsForRebooking() throws {
        let f = try BookingFixture()
        try f.addStaff("clara", .clerk)
        let one = try f.patient("One"), two = try f.patient("Two")
        let slot = try f.slot("onc_fu", "2026-12-02", "09:00")
        try f.book(one, slot)
        try f.book(two, try f.slot("onc_fu", "2026-12-02", "09:40"))
        #expect(throws: AccessError.self) {
            try f.booking.cancelSession(id: slot.sessionID, reason: "Dr Adams on leave", by: ActingUser(login: "clara"))
        }
        let (session, cancelled) = try f.booking.cancelSession(id: slot.sessionID, reason: "Dr Adams on leave", by: clerk)
        #expect(session.isCancelled)
        #expect(cancelled.count == 2)
        #expect(cancelled.allSatisfy { $0.status == .cancelledByHospital && $0.cancelReason == .sessionCancelled })
        #expect(try f.tasks(one).map(\.kind) == [.rebook])
        _ = try f.booking.rebook(appointmentID: cancelled[0].id, slotID: try f.slot("onc_fu", "2026-12-04", "09:00").id,
                                 by: nil, reason: nil, text: nil, user: clerk)
        #expect(try f.tasks(one).isEmpty, "rebooking closes the rebook task")
        #expect(try f.slot(id: slot.id).open == false)
        #expect(throws: BookingError.self) { try f.booking.cancelSession(id: slot.sessionID, reason: "again and again", by: clerk) }
    }
}

@Suite struct BookingAndTheRecordTests {
    @Test func recordingADeathCancelsTheFutureInOneGo() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Late-Patient", needs: ["interpreter:Polish"])
        // Booked for Wednesday; the death (on Tuesday) is recorded on Thursday: Wednesday's
        // appointment, never recorded, is cancelled too.
        let wednesday = try f.book(ann, try f.slot("onc_fu", "2026-11-25", "11:40"))
        let future = try f.book(ann, try f.slot("onc_fu", "2026-12-01", "09:00"))
        let later = try f.book(ann, try f.slot("bloods", "2026-12-08", "09:00"))
        #expect(try f.tasks(ann).count == 3)
        f.clock.set("2026-11-26", "10:00")
        var died = PatientFields(); died.dateOfDeath = "24/11/2026"
        _ = try f.patients.edit(ann.mrn, died, by: clerk)
        for id in [wednesday.id, future.id, later.id] {
            let a = try f.appointment(id)
            #expect(a.status == .cancelledByPatient)
            #expect(a.cancelReason == .patientDied)
        }
        #expect(try f.tasks(ann).isEmpty)
        #expect(try f.auditDetails(ann).contains { $0.contains("date of death recorded: 3 future appointments") })
        #expect(try f.patients.search(ann.mrn, by: clerk).results.first?.dateOfDeath != nil)
    }

    @Test func aNeedRecordedAfterBookingCreatesTheTasks() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Needs")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-12-01", "09:20"))
        #expect(try f.tasks(ann).isEmpty)
        var need = PatientFields(); need.accessibleNeeds = ["bsl_interpreter"]
        _ = try f.patients.edit(ann.mrn, need, by: clerk)
        let tasks = try f.tasks(ann)
        #expect(tasks.count == 1)
        #expect(tasks.first?.appointmentID == a.id)
        #expect(tasks.first?.kind == .interpreter)
        // Due two working days before Tue 1-Dec (Mon 30-Nov, Fri 27-Nov): Friday at noon.
        #expect(tasks.first?.dueText == "27-Nov-2026 12:00")
    }

    @Test func appointmentsAndTasksFollowAMerge() throws {
        let f = try BookingFixture()
        let kept = try f.patient("Kept"), dup = try f.patient("Dupe")
        let a = try f.book(dup, try f.slot("onc_fu", "2026-12-01", "10:00"), transport: .hospital, mobility: .walking)
        _ = try f.patients.merge(keep: kept.mrn, duplicate: dup.mrn, reason: "same person registered twice", by: clerk)
        #expect(try f.appointment(a.id).patientID == kept.id)
        #expect(try f.tasks(kept).count == 1)
        #expect(try f.booking.appointments(patientID: kept.id!, by: clerk).map(\.appointment.id) == [a.id])
    }

    @Test func theClinicDayListsInTimeOrderWithFlags() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Zeta", needs: ["interpreter:Polish"])
        let bob = try f.patient("Alpha")
        try f.book(ann, try f.slot("onc_fu", "2026-11-24", "11:00"))
        try f.book(bob, try f.slot("onc_fu", "2026-11-24", "10:00"), transport: .hospital, mobility: .stretcher)
        let cancelled = try f.book(try f.patient("Gone"), try f.slot("onc_fu", "2026-11-24", "10:20"))
        _ = try f.booking.cancel(appointmentID: cancelled.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        let rows = try f.booking.clinicDay(ClinicDayQuery(date: LocalDate(iso: "2026-11-24")!, siteCode: "main"), by: clerk)
        #expect(rows.map(\.patient.familyName) == ["Alpha", "Zeta"])
        #expect(rows[0].needsTransport && !rows[0].needsInterpreter)
        #expect(rows[1].needs == ["Polish interpreter"])
        let all = try f.booking.clinicDay(ClinicDayQuery(date: LocalDate(iso: "2026-11-24")!, includeCancelled: true), by: clerk)
        #expect(all.count == 3)
    }
}

@Suite struct StoredTimestampTests {
    @Test("stored times read back exactly, by the fast path and the formatter alike")
    func roundTrip() throws {
        for seconds in [0.0, 1_795_513_260.123, 951_782_400.5, 4_102_444_799.999, 1_709_164_800] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = PatientRows.timestamp(date)
            let read = try #require(PatientRows.date(text), "\(text)")
            #expect(abs(read.timeIntervalSince1970 - date.timeIntervalSince1970) < 0.001, "\(text)")
        }
        #expect(PatientRows.date("not a time") == nil)
        // The fast path itself, not only the formatter behind it.
        #expect(PatientRows.fastDate("2026-11-24T09:41:00.000Z")?.timeIntervalSince1970 == 1_795_513_260)
        #expect(PatientRows.fastDate("2026-11-24T09:41:00Z") == nil)
    }
}

@Suite struct SlotsForAPatientTests {
    @Test("for a patient, the finder leaves out slots that overlap their appointments, except the one being moved")
    func busyTimesLeftOut() throws {
        let f = try BookingFixture()
        let ann = try f.patient("Busy")
        let review = try f.book(ann, try f.slot("onc_fu", "2026-11-25", "09:00"))
        let from = LocalDate(iso: "2026-11-25")!
        let anyone = try f.booking.slots(SlotQuery(serviceCode: "bloods", from: from, limit: 3), by: clerk)
        #expect(anyone.map(\.start.display) == ["09:00", "09:10", "09:20"])
        let hers = try f.booking.slots(SlotQuery(serviceCode: "bloods", from: from, limit: 3, patientID: ann.id), by: clerk)
        #expect(hers.map(\.start.display) == ["09:20", "09:30", "09:40"], "09:00 and 09:10 overlap her 09:00–09:20 review")
        let moving = try f.booking.slots(SlotQuery(serviceCode: "bloods", from: from, limit: 1, patientID: ann.id,
                                                   movingAppointment: review.id), by: clerk)
        #expect(moving.first?.start.display == "09:00")
    }
}

@Suite struct RebookDetailsTests {
    @Test("a rebooking keeps what the appointment carried unless changed, and an officer may move it into a full slot")
    func changesAndOverbooking() throws {
        let f = try BookingFixture()
        try f.addStaff("clara", .clerk)
        let ann = try f.patient("Mover"), other = try f.patient("Holder")
        let a = try f.book(ann, try f.slot("onc_fu", "2026-11-26", "11:00"), transport: .hospital, mobility: .walking)
        let full = try f.slot("onc_fu", "2026-12-03", "11:00")
        try f.book(other, full)
        // A clerk cannot overbook, even when moving; a full slot is refused with the alternatives.
        #expect(throws: AccessError.self) {
            try f.booking.rebook(appointmentID: a.id, slotID: full.id, by: .patient, reason: .unwell, text: nil,
                                 overbookReason: "consultant asked", user: ActingUser(login: "clara"))
        }
        let refused = try #require(throws: BookingError.self) {
            try f.booking.rebook(appointmentID: a.id, slotID: full.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        }
        #expect(refused.kind == .slotFull)
        #expect(try f.appointment(a.id).status == .booked, "nothing half-written: the old appointment is still booked")
        var changes = BookingDetails(try f.appointment(a.id))
        changes.priority = .urgent; changes.transport = .own; changes.mobility = nil
        let moved = try f.booking.rebook(appointmentID: a.id, slotID: full.id, by: .patient, reason: .unwell, text: nil,
                                         changes: changes, overbookReason: "consultant wants her seen that day", user: clerk)
        #expect(moved.appointment.priority == .urgent)
        #expect(moved.appointment.transport == .own)
        #expect(moved.appointment.overbookReason == "consultant wants her seen that day")
        #expect(try f.slot(id: full.id).booked == 2)
        #expect(moved.tasks.isEmpty, "own transport: no transport task")
    }
}

@Suite struct SiteClosureTests {
    @Test("a day one site is closed has no sessions there, while the other sites run")
    func siteClosureSkipsOnlyThatSite() throws {
        let database = try AppDatabase.empty()
        let clock = FixedClock(testNow)
        let store = PatientStore(database, clock: clock)
        let access = AccessControl(staff: StaffStore(database, clock: clock))
        _ = try StaffService(access: access, audit: store, clock: clock).initialise(as: clerk, displayName: "Manager")
        let settings = SettingsStore(database, clock: clock)
        let service = SettingsService(access: access, settings: settings, clock: clock)
        _ = try service.set("site_closure_days", to: "hub:2026-12-02", by: clerk)
        _ = try service.set("closure_days", to: "2026-12-03", by: clerk)
        let booking = BookingService(booking: BookingStore(database, clock: clock), access: access, clock: clock,
                                     closureDays: { try settings.closureDays() }, siteClosureDays: { try settings.siteClosureDays() })
        let diary = DiaryService(diary: DiaryStore(database, clock: clock), access: access, clock: clock)
        _ = try diary.addSite(Site(code: "main", name: "Main"), by: clerk)
        _ = try diary.addSite(Site(code: "hub", name: "Hub"), by: clerk)
        _ = try diary.addService(Service(code: "bloods", name: "Phlebotomy", defaultMinutes: 10), by: clerk)
        _ = try diary.addClinician(Clinician(code: "nurse", name: "Nurse", role: .nurse), by: clerk)
        for site in ["main", "hub"] {
            _ = try booking.addTemplate(SessionTemplateFields(service: "bloods", site: site, clinician: "nurse", days: "mon-fri",
                                                              start: "09:00", end: "10:00", slotMinutes: "10", validFrom: "2026-12-01"), by: clerk)
        }
        let done = try booking.generateSessions(from: LocalDate(iso: "2026-12-01")!, to: LocalDate(iso: "2026-12-04")!, by: clerk)
        let skipped = done.skipped.map { "\($0.date.iso) \($0.siteCode) \($0.reason.rawValue)" }.sorted()
        #expect(skipped == ["2026-12-02 hub site_closure", "2026-12-03 hub site_closure", "2026-12-03 main site_closure"])
        #expect(done.created == 5)
    }
}
