import Testing
import FrontDeskDomain

@Suite("appointment status: NHS attendance codes and forward-only moves")
struct AppointmentStatusCodeTests {
    @Test("each status carries its NHS Data Dictionary code (DOMAIN.md)", arguments: [
        (AppointmentStatus.booked, 0), (.arrived, 0), (.attended, 5), (.attendedLate, 6), (.lateNotSeen, 7),
        (.cancelledByPatient, 2), (.didNotAttend, 3), (.cancelledByHospital, 4),
    ])
    func codes(status: AppointmentStatus, code: Int) {
        #expect(status.nhsCode == code)
        // A code typed at an import or on the command line reads back (0 is booked).
        if status != .arrived { #expect(AppointmentStatus(parsing: String(code)) == status) }
    }

    @Test("status moves forward only; nothing moves out of a recorded attendance or a cancellation")
    func forwardOnly() {
        #expect(AppointmentStatus.booked.forward.contains(.arrived))
        #expect(AppointmentStatus.booked.forward.contains(.didNotAttend))
        #expect(AppointmentStatus.arrived.forward == [.attended, .attendedLate, .lateNotSeen])
        #expect(!AppointmentStatus.arrived.forward.contains(.didNotAttend), "a patient who arrived did not DNA")
        for done in [AppointmentStatus.attended, .attendedLate, .lateNotSeen, .didNotAttend, .cancelledByPatient, .cancelledByHospital] {
            #expect(done.forward.isEmpty, "\(done)")
        }
    }

    @Test("an officer's undo steps back one stage")
    func undo() {
        #expect(AppointmentStatus.arrived.undoTarget == .booked)
        #expect(AppointmentStatus.attended.undoTarget == .arrived)
        #expect(AppointmentStatus.lateNotSeen.undoTarget == .arrived)
        #expect(AppointmentStatus.didNotAttend.undoTarget == .booked)
        #expect(AppointmentStatus.cancelledByHospital.undoTarget == .booked)
        #expect(AppointmentStatus.booked.undoTarget == nil)
    }

    @Test("only cancellations give up their place")
    func places() {
        #expect(AppointmentStatus.allCases.filter { !$0.holdsPlace } == [.cancelledByPatient, .cancelledByHospital])
        #expect(AppointmentStatus.allCases.filter(\.isSeen) == [.attended, .attendedLate])
    }

    @Test("words people type", arguments: [
        ("DNA", AppointmentStatus.didNotAttend), ("did-not-attend", .didNotAttend), ("Attended late", .attendedLate),
        ("cancelled-hospital", .cancelledByHospital), ("checked in", .arrived),
    ])
    func parsing(text: String, status: AppointmentStatus) {
        #expect(AppointmentStatus(parsing: text) == status)
    }

    @Test func unknownWordsAreRefused() {
        #expect(AppointmentStatus(parsing: "1") == nil)
        #expect(AppointmentStatus(parsing: "seen") == nil)
        #expect(AttendanceOutcome(parsing: "4") == nil)
        #expect(Priority(parsing: "2WW") == .twoWeekWait)
        #expect(Priority(parsing: "asap") == nil)
        #expect(ReferralSource(parsing: "3") == .gp)
        #expect(ReferralSource(parsing: "13") == .specialistNurse)
        #expect(ReferralSource(parsing: "04") == nil)
    }

    @Test("a cancellation reason belongs to the patient, the hospital, or either")
    func reasons() {
        #expect(CancellationReason.codes(for: .patient).contains(.unwell))
        #expect(!CancellationReason.codes(for: .patient).contains(.clinicianUnavailable))
        #expect(CancellationReason.codes(for: .hospital).contains(.sessionCancelled))
        #expect(CancellationReason.codes(for: .hospital).contains(.other))
        #expect(CancellationReason.codes(for: .patient).contains(.patientDied))
    }

    @Test("two appointments overlap when each starts before the other ends")
    func overlap() {
        let day = LocalDate(iso: "2026-12-01")!
        let a = Appointment(id: 1, patientID: 1, patientMRN: "X", slotID: nil, sessionID: nil, serviceCode: "s", clinicianCode: "c",
                            siteCode: "m", date: day, start: ClockTime.parse("09:00")!, end: ClockTime.parse("09:20")!,
                            bookedBy: "u", bookedAt: .distantPast)
        #expect(a.overlaps(date: day, start: ClockTime.parse("09:10")!, end: ClockTime.parse("09:30")!))
        #expect(a.overlaps(date: day, start: ClockTime.parse("08:50")!, end: ClockTime.parse("09:01")!))
        #expect(!a.overlaps(date: day, start: ClockTime.parse("09:20")!, end: ClockTime.parse("09:40")!), "back to back")
        #expect(!a.overlaps(date: day.adding(days: 1), start: ClockTime.parse("09:00")!, end: ClockTime.parse("09:20")!))
    }
}
