import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
import FrontDeskUI

/// Paper case notes in the terminal UI: the record's Case notes section, M to
/// move a volume, the banner's MISSING NOTES flag, and the pull list one key
/// away in the checklist (F6, p).
final class CaseNotesHarness: DeskDriving {
    let h: Harness
    let desk: PatientDesk
    let notes: CaseNoteService

    init(role: StaffRole = .manager) throws {
        h = try Harness(role: role)
        try h.seedClinic()
        let clock = FixedClock(testNow)
        notes = CaseNoteService(notes: CaseNoteStore(h.database, clock: clock), access: h.access, clock: clock)
        let checklist = ChecklistService(checklist: ChecklistStore(h.database, clock: clock), access: h.access, clock: clock)
        desk = h.desk(role: role, checklist: checklist, caseNotes: notes)
        h.state.caseNotesAvailable = true
        h.state.session.siteCode = "main"
        // Evans comes again tomorrow; Smith's notes are in the library, Evans's two volumes too.
        let wed = LocalDate(iso: "2026-11-25")!
        let slot = try #require(try h.booking.slots(SlotQuery(serviceCode: "onc_fu", from: wed, limit: 1), by: testUser).first)
        _ = try h.booking.book(BookingRequest(patient: h.patient("Evans").mrn, slotID: slot.id), by: testUser)
        _ = try notes.addVolume(patient: h.patient("Smith").mrn, at: .library(shelf: "A12"), by: testUser)
        _ = try notes.addVolume(patient: h.patient("Evans").mrn, at: .library(shelf: "B3"), by: testUser)
        _ = try notes.addVolume(patient: h.patient("Evans").mrn, at: .offsite, by: testUser)
    }

    func open(_ family: String) {
        type(h.patient(family).mrn)
        press(.enter)
    }

    func recordText() -> [String] { state.recordLines(state.record!.patient).map { $0.map(\.text).joined() } }
}

@Suite("Case notes in the terminal UI")
struct CaseNotesPaneTests {
    @Test("the record lists where each volume is; M moves it (a bad place is refused naming the field); recorded missing, the banner says MISSING NOTES")
    func recordSectionMoveAndMissing() throws {
        let c = try CaseNotesHarness()
        c.open("Smith")
        #expect(c.recordText().contains { $0.contains("vol 1: library, shelf A12") })
        c.press(.char("M"))
        guard case .caseNotes(.move)? = c.state.overlay else { Issue.record("no move dialog: \(c.text)"); return }
        c.type("cupboard"); c.press(.enter)
        #expect(c.state.message?.kind == .error)
        #expect(c.state.message?.text.hasPrefix("to:") == true, "\(c.state.message?.text ?? "")")
        guard case .caseNotes(.move)? = c.state.overlay else { Issue.record("the dialog closed on a refusal"); return }
        c.press(.ctrl("u")); c.type("clinic:onc_fu@main"); c.press(.enter)
        #expect(c.state.overlay == nil, "\(c.text)")
        #expect(c.state.message?.text == "vol 1 moved to clinic onc_fu @ main (audited)", "\(c.state.message?.text ?? "")")
        #expect(c.recordText().contains { $0.contains("vol 1: clinic onc_fu @ main") })
        c.press(.char("M")); c.type("missing"); c.press(.tab); c.type("not back from clinic"); c.press(.enter)
        #expect(c.text.contains("MISSING NOTES vol 1"))
        assertSnapshot(c.screen, named: "record-missing-notes-80x24")
        let history = try c.notes.whereAre(patient: c.h.patient("Smith").mrn, by: testUser).history
        #expect(history.count == 3)
    }

    @Test("a patient with two volumes: M moves one of them (← →) or both")
    func oneVolumeOrAll() throws {
        let c = try CaseNotesHarness()
        c.open("Evans")
        c.press(.char("M"))
        c.press(.up)             // to the volume
        c.press(.right)          // vol 1
        c.press(.tab); c.type("secretary:Dr Okafor's office"); c.press(.enter)
        let volumes = try c.notes.whereAre(patient: c.h.patient("Evans").mrn, by: testUser).volumes
        #expect(volumes.map(\.location.text) == ["secretary Dr Okafor's office", "off-site store"])
    }

    @Test("F6, L: tomorrow's pull list in shelf (terminal-digit) order with where each volume is now")
    func pullListFromTheChecklist() throws {
        let c = try CaseNotesHarness()
        c.press(.function(6))
        #expect(c.state.pane == .checklist)
        #expect(c.state.bindings.contains { $0.action == .pullList })
        c.press(.char("L"))
        guard case .caseNotes(.pullList(let view))? = c.state.overlay else { Issue.record("no pull list: \(c.text)"); return }
        #expect(view.date == LocalDate(iso: "2026-11-25"))
        let evans = c.h.patient("Evans").mrn
        #expect(view.list?.lines.map(\.patient.mrn) == [evans, evans])
        #expect(c.text.contains("library, shelf B3"))
        #expect(c.text.contains("off-site store"))
        assertSnapshot(c.screen, named: "checklist-pull-list-80x24")
        #expect(c.state.message?.text == "2 volumes in shelf order: 2 to fetch, 0 sent")
        // A wide terminal has room for the patient's name, and the where-now column is not cut.
        #expect(!c.text.contains("EVANS"))
        c.h.resize(120, 40)
        let name = try #require(view.list?.lines.first?.patient.listedName)
        #expect(c.text.contains(name), "\(c.text)")
        c.press(.escape)
        #expect(c.state.overlay == nil)
    }

    @Test("without case notes on the desk, F6 offers no pull list and the record no section")
    func notAvailable() throws {
        let h = try Harness()
        h.press(.function(6))
        #expect(!h.state.bindings.contains { $0.action == .pullList })
    }
}

@Suite("Checklist pane: the date follows today")
struct ChecklistDateFollowsTodayTests {
    @Test("left open overnight, the checklist's date moves to the new day; a date typed by hand stays")
    func followsToday() throws {
        let c = try ChecklistHarness()
        c.press(.function(6))
        #expect(c.state.checklistPane.date.text == "24-Nov-2026")
        let morning = CentreTime.startOfDay(LocalDate(iso: "2026-11-25")!).addingTimeInterval(8 * 3600)
        c.send(.tick(morning))
        #expect(c.state.checklistPane.date.text == "25-Nov-2026")
        #expect(c.state.checklistPane.checklist?.date == LocalDate(iso: "2026-11-25"))
        // A day typed by hand is the clerk's choice: it stays.
        c.press(.tab)
        c.press(.ctrl("u")); c.type("20/11/2026"); c.press(.enter)
        let nextDay = morning.addingTimeInterval(86_400)
        c.send(.tick(nextDay))
        #expect(c.state.checklistPane.date.text != "26-Nov-2026")
    }
}
