import Foundation
import Testing
@testable import FrontDeskDomain
@testable import FrontDeskStore

/// The checklist's case-note items (N, R) read from case-note tracking, on the
/// booking fixture: Tue 24-Nov-2026 closed, Wed 25-Nov prepared.
@Suite("Checklist: case notes located, sent and returned")
struct ChecklistCaseNoteTests {
    let f: BookingFixture
    let checklist: ChecklistService
    let notes: CaseNoteService
    let day = LocalDate(iso: "2026-11-24")!
    let wed = LocalDate(iso: "2026-11-25")!

    init() throws {
        f = try BookingFixture()
        checklist = try f.checklistCentre()
        notes = CaseNoteService(notes: CaseNoteStore(f.database, clock: f.clock), access: AccessControl(staff: StaffStore(f.database, clock: f.clock)),
                                clock: f.clock)
    }

    func place(_ text: String) -> CaseNoteLocation { try! CaseNoteLocation.parse(text).get() }

    func item(_ kind: ChecklistItem.Kind, _ patient: Patient, filter: ChecklistFilter = ChecklistFilter()) throws -> ChecklistItem {
        let list = try checklist.generate(date: day, filter: filter, by: clerk)
        return try #require(list.items.first { $0.kind == kind && $0.patientID == patient.id })
    }

    @Test("notes in the library: outstanding, saying where each volume is; moved to the clinic: done by the data, who and when, the tick refused")
    func sentToTheClinic() throws {
        let eve = try f.patient("Evans", "Eve")
        try f.book(eve, try f.slot("onc_fu", "2026-11-25", "09:00"))
        _ = try notes.addVolume(patient: eve.mrn, at: .library(shelf: "A12"), by: clerk)
        _ = try notes.addVolume(patient: eve.mrn, at: .offsite, by: clerk)
        var n = try item(.notesPrepared, eve)
        #expect(n.completion == .data)
        #expect(n.state == .outstanding)
        #expect(n.detail == "vol 1 in library, shelf A12; vol 2 in off-site store")
        #expect(n.text == "case notes located and sent to the clinic")
        #expect(!n.notesMissing)
        let refusal = #expect(throws: ChecklistError.self) { try checklist.tick(item: n.id, by: clerk) }
        #expect(refusal?.description.contains("cannot be ticked") == true)
        #expect(refusal?.description.contains("frontdesk notes move \(eve.mrn) --to clinic:onc_fu@main") == true)

        // One volume to the wrong clinic, the other on its way: not yet.
        _ = try notes.move(patient: eve.mrn, volume: 1, to: place("clinic:bloods@main"), by: clerk)
        _ = try notes.move(patient: eve.mrn, volume: 2, to: place("transit:main outpatients"), by: clerk)
        n = try item(.notesPrepared, eve)
        #expect(n.state == .outstanding)
        #expect(n.detail == "vol 1 at clinic bloods @ main; vol 2 in transit to main outpatients")

        // Both at the clinic (one still on its way): done, by whoever moved the last one.
        try f.addStaff("porter1", .clerk)
        f.clock.set("2026-11-24", "16:10")
        _ = try notes.move(patient: eve.mrn, volume: 1, to: place("clinic:onc_fu@main"), by: ActingUser(login: "porter1"))
        n = try item(.notesPrepared, eve)
        #expect(n.state == .done)
        #expect(n.settledBy == "porter1")
        #expect(n.settledAt == f.clock.now)
        #expect(n.detail.hasPrefix("sent: "))
        // The pull list says the same (one rule).
        let pulled = try #require(try notes.pullList(date: wed, by: clerk).patient(id: eve.id!))
        #expect(pulled.volumesSent)
        // Done by the data: neither ticked nor deferred.
        #expect(throws: ChecklistError.self) { try checklist.tick(item: n.id, by: clerk) }
        #expect(throws: ChecklistError.self) { try checklist.deferItem(item: n.id, reason: "sent with the porter", by: clerk) }
    }

    @Test("notes at the patient's clinic at the other site that day are sent, whatever the checklist's site")
    func otherSite() throws {
        let ash = try f.patient("Ash")
        try f.book(ash, try f.slot("onc_fu", "2026-11-25", "09:00"))
        try f.book(ash, try f.slot("onc_fu", "2026-11-25", "13:00"))
        _ = try notes.addVolume(patient: ash.mrn, by: clerk)
        _ = try notes.move(patient: ash.mrn, to: place("clinic:onc_fu@hub"), by: clerk)
        let main = try item(.notesPrepared, ash, filter: ChecklistFilter(siteCode: "main"))
        #expect(main.siteCode == "main")
        #expect(main.state == .done)
        #expect(try item(.notesPrepared, ash, filter: ChecklistFilter(siteCode: "hub")).state == .done)
    }

    @Test("a volume recorded missing: the item says MISSING, is marked and comes first in its clinic; deferred with a reason")
    func missing() throws {
        let eve = try f.patient("Evans", "Eve"), gus = try f.patient("Gale", "Gus")
        try f.book(eve, try f.slot("onc_fu", "2026-11-25", "09:00"))
        try f.book(gus, try f.slot("onc_fu", "2026-11-25", "09:20"))
        _ = try notes.addVolume(patient: eve.mrn, by: clerk)
        _ = try notes.addVolume(patient: gus.mrn, at: .library(shelf: "B4"), by: clerk)
        _ = try notes.addVolume(patient: gus.mrn, by: clerk)
        _ = try notes.move(patient: gus.mrn, volume: 2, to: .missing, by: clerk)
        let list = try checklist.generate(date: day, by: clerk)
        let n = try #require(list.items.first { $0.kind == .notesPrepared && $0.patientID == gus.id })
        #expect(n.notesMissing)
        #expect(n.state == .outstanding)
        #expect(n.text.contains("vol 2 MISSING"))
        #expect(n.detail == "MISSING: vol 2; vol 1 in library, shelf B4")
        #expect(!(list.items.first { $0.kind == .notesPrepared && $0.patientID == eve.id }?.notesMissing ?? true))
        // First within its clinic: Gale before Evans, in the list and in the pane's groups.
        let clinic = list.items.filter { $0.section == .preparation && $0.serviceCode == "onc_fu" && $0.state == .outstanding }
        #expect(clinic.first?.id == n.id)
        let group = try #require(list.groups.first { $0.key.serviceCode == "onc_fu" && $0.key.date == wed })
        #expect(group.patients.map(\.patientID) == [gus.id, eve.id])
        // Not urgent: that is the unscreened prescription's.
        #expect(!n.urgent)
        let deferred = try checklist.deferItem(item: n.id, reason: "vol 2 missing, temporary set made up", by: clerk)
        #expect(deferred.state == .deferred)
        #expect(try item(.notesPrepared, gus).state == .deferred)
        // Found and sent: the data wins over the deferral.
        _ = try notes.move(patient: gus.mrn, to: place("clinic:onc_fu"), by: clerk)
        let found = try item(.notesPrepared, gus)
        #expect(found.state == .done)
        #expect(!found.notesMissing)
    }

    @Test("no paper volumes: the electronic record prepared and the papers scanned are ticked by hand")
    func electronicOnly() throws {
        let fay = try f.patient("Fox", "Fay"), ann = try f.patient("Abbott", "Ann")
        try f.book(fay, try f.slot("onc_fu", "2026-11-25", "09:00"))
        try f.book(ann, try f.slot("onc_fu", "2026-11-24", "10:00"))
        let n = try item(.notesPrepared, fay)
        #expect(n.completion == .hand)
        #expect(n.text == "electronic record prepared (referral letter, latest results, clinic letter present)")
        #expect(!n.notesMissing)
        #expect(try checklist.tick(item: n.id, by: clerk).state == .done)
        let r = try item(.notesReturned, ann)
        #expect(r.completion == .hand)
        #expect(r.text.contains("scanned"))
        #expect(try checklist.tick(item: r.id, by: clerk).state == .done)
    }

    @Test("notes returned: outstanding while at the clinic, done once back in the library; sent on to the next clinic counts as returned")
    func returned() throws {
        let ann = try f.patient("Abbott", "Ann"), bob = try f.patient("Baker", "Bob")
        try f.book(ann, try f.slot("onc_fu", "2026-11-24", "10:00"))
        try f.book(bob, try f.slot("onc_fu", "2026-11-24", "10:20"))
        try f.book(bob, try f.slot("sact_chair", "2026-11-25", "13:00"))
        for p in [ann, bob] {
            _ = try notes.addVolume(patient: p.mrn, by: clerk)
            _ = try notes.move(patient: p.mrn, to: place("clinic:onc_fu@main"), by: clerk)
        }
        var r = try item(.notesReturned, ann)
        #expect(r.completion == .data)
        #expect(r.state == .outstanding)
        #expect(r.detail == "vol 1 at clinic onc_fu @ main")
        let refusal = #expect(throws: ChecklistError.self) { try checklist.tick(item: r.id, by: clerk) }
        #expect(refusal?.description.contains("--to library") == true)
        f.clock.set("2026-11-24", "16:30")
        _ = try notes.move(patient: ann.mrn, to: place("library:31-06"), by: clerk)
        r = try item(.notesReturned, ann)
        #expect(r.state == .done)
        #expect(r.detail == "returned: vol 1 in library, shelf 31-06")
        #expect(r.settledAt == f.clock.now)
        // Bob's notes go straight on to tomorrow's treatment: returned today, sent for tomorrow.
        #expect(try item(.notesReturned, bob).state == .outstanding)
        _ = try notes.move(patient: bob.mrn, to: place("clinic:sact_chair@main"), by: clerk)
        let sentOn = try item(.notesReturned, bob)
        #expect(sentOn.state == .done)
        #expect(sentOn.detail.hasPrefix("returned or sent on to the next clinic"))
        #expect(try item(.notesPrepared, bob).state == .done)
        // Marking reads the item the same way (done: nothing to defer).
        let refused = #expect(throws: ChecklistError.self) { try checklist.deferItem(item: sentOn.id, reason: "kept for tomorrow", by: clerk) }
        #expect(refused?.description.contains("is done") == true)
        // Lost after the clinic: outstanding, MISSING, deferred with a reason.
        _ = try notes.move(patient: ann.mrn, to: .missing, by: clerk)
        r = try item(.notesReturned, ann)
        #expect(r.state == .outstanding)
        #expect(r.notesMissing)
        #expect(r.text.contains("MISSING"))
        #expect(try checklist.deferItem(item: r.id, reason: "not back from clinic, library searching", by: clerk).state == .deferred)
    }
}
