import Testing
import FrontDeskUI

/// Whole screens as text grids, compared with `Snapshots/*.txt`
/// (re-record with `FRONTDESK_RECORD_SNAPSHOTS=1`). Styles are checked
/// separately (StyleTests), never here.
struct ScreenSnapshotTests {
    @Test func lookupStartScreen() throws {
        assertSnapshot(try Scenario.start.harness().screen, named: "lookup-empty-80x24")
        assertSnapshot(try Scenario.start.harness(size: Size(width: 120, height: 40)).screen, named: "lookup-empty-120x40")
    }

    @Test func lookupResultsForSmithWithASoundsLikeRow() throws {
        assertSnapshot(try Scenario.lookupSmith.harness().screen, named: "lookup-smith-80x24")
        assertSnapshot(try Scenario.lookupSmith.harness(size: Size(width: 120, height: 40)).screen, named: "lookup-smith-120x40")
    }

    @Test func lookupWithAChineseName() throws {
        assertSnapshot(try Scenario.lookupCJK.harness().screen, named: "lookup-cjk-80x24")
    }

    @Test func recordWithAlertsAndNeeds() throws {
        assertSnapshot(try Scenario.record.harness().screen, named: "record-smith-80x24")
    }

    @Test func helpOverLookup() throws {
        assertSnapshot(try Scenario.help.harness().screen, named: "help-lookup-80x24")
    }

    @Test func newPatientFormWithABadNHSNumber() throws {
        assertSnapshot(try Scenario.formWithError.harness().screen, named: "form-bad-nhs-80x24")
    }

    @Test func tooSmall() throws {
        assertSnapshot(try Scenario.lookupSmith.harness(size: Size(width: 60, height: 20)).screen, named: "too-small-60x20")
    }

    @Test func likelyDuplicateDialog() throws {
        assertSnapshot(try Scenario.likelyDuplicate.harness().screen, named: "likely-duplicate-80x24")
    }

    @Test func unsavedChangesDialog() throws {
        assertSnapshot(try Scenario.confirmDiscard.harness().screen, named: "confirm-discard-80x24")
    }

    @Test func clinicDayList() throws {
        assertSnapshot(try Scenario.clinicDay.harness().screen, named: "clinics-day-80x24")
        assertSnapshot(try Scenario.clinicDay.harness(size: Size(width: 120, height: 40)).screen, named: "clinics-day-120x40")
    }

    @Test func checkInConfirmation() throws {
        assertSnapshot(try Scenario.checkInConfirm.harness().screen, named: "checkin-confirm-80x24")
    }

    @Test func recordAppointmentsSection() throws {
        assertSnapshot(try Scenario.recordAppointments.harness().screen, named: "record-appointments-80x24")
        assertSnapshot(try Scenario.recordAppointments.harness(size: Size(width: 120, height: 40)).screen, named: "record-appointments-120x40")
    }

    @Test func bookingSlots() throws {
        assertSnapshot(try Scenario.bookingSlots.harness().screen, named: "booking-slots-80x24")
    }

    @Test func bookingConfirmStep() throws {
        assertSnapshot(try Scenario.bookingConfirm.harness().screen, named: "booking-confirm-80x24")
    }

    @Test func clinicTasks() throws {
        assertSnapshot(try Scenario.clinicTasks.harness().screen, named: "clinics-tasks-80x24")
    }
}
