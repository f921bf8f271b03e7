import Foundation
import GRDB
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// The booking fixture (now Tue 24-Nov-2026 09:41) with case notes on it.
private struct NotesDesk {
    let f: BookingFixture
    let notes: CaseNoteService
    init() throws {
        f = try BookingFixture()
        notes = CaseNoteService(notes: CaseNoteStore(f.database, clock: f.clock),
                                access: AccessControl(staff: StaffStore(f.database, clock: f.clock)), clock: f.clock)
    }

    /// A patient with a hospital number of our choosing (to test the shelf order).
    func patient(_ family: String, mrn: String) throws -> Patient {
        var p = PatientFields()
        p.familyName = family; p.givenNames = "Ann"; p.dateOfBirth = "12/03/1956"; p.mrn = mrn
        return try f.patients.register(p, by: clerk, acceptLikelyDuplicates: true)
    }

    func audit(_ patient: Patient) throws -> [AuditEntry] {
        try PatientStore(f.database, clock: f.clock).entries(patientID: patient.id, limit: 100)
    }
}

private func location(_ text: String) -> CaseNoteLocation { try! CaseNoteLocation.parse(text).get() }

@Suite("case notes: volumes, movements, where, merges and the pull list")
struct CaseNoteServiceTests {
    @Test("volumes are numbered 1, 2, …; a move appends who, when, from, to and the note; where is audited as a view")
    func movementHistory() throws {
        let d = try NotesDesk()
        let p = try d.f.patient("Byrne", "Mary")
        let one = try d.notes.addVolume(patient: p.mrn, at: .library(shelf: "01-00"), by: clerk)
        let two = try d.notes.addVolume(patient: p.mrn, by: clerk)
        #expect(one.number == 1)
        #expect(two.number == 2)
        d.f.clock.set("2026-11-24", "10:15")
        try d.f.addStaff("porter1", .clerk)
        let moved = try d.notes.move(patient: p.mrn, volume: 2, to: location("secretary:Dr Adams's secretary"), note: "for a letter",
                                     by: ActingUser(login: "porter1"))
        #expect(moved.map(\.number) == [2])
        let record = try d.notes.whereAre(patient: p.mrn, by: clerk)
        #expect(record.volumes.map(\.location) == [.library(shelf: "01-00"), .secretary(name: "Dr Adams's secretary")])
        let last = try #require(record.history.last)
        #expect(record.history.count == 3)
        #expect(last.volumeNumber == 2)
        #expect(last.from == .library(shelf: nil))
        #expect(last.to == .secretary(name: "Dr Adams's secretary"))
        #expect(last.by == "porter1")
        #expect(last.note == "for a letter")
        let at = CentreTime.startOfDay(LocalDate(iso: "2026-11-24")!).addingTimeInterval(10 * 3600 + 15 * 60)
        #expect(last.at == at)
        let audit = try d.audit(p)
        #expect(audit.contains { $0.action == .caseNotes && $0.user == "porter1" && $0.detail.contains("moved volume 2 to secretary") })
        #expect(audit.contains { $0.action == .view && $0.detail == "case-note locations" })
    }

    @Test("moving with no volume given moves them all in one transaction; the movement table is append-only")
    func moveAllAndAppendOnly() throws {
        let d = try NotesDesk()
        let p = try d.f.patient("Byrne", "Mary")
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        let moved = try d.notes.move(patient: p.mrn, to: location("clinic:onc_fu@main"), by: clerk)
        #expect(moved.map(\.number) == [1, 2])
        let record = try d.notes.whereAre(patient: p.mrn, by: clerk)
        #expect(record.volumes.allSatisfy { $0.location == .clinic(service: "onc_fu", site: "main") })
        #expect(record.history.count == 4)
        #expect(throws: DatabaseError.self) { try d.f.database.writer.write { try $0.execute(sql: "UPDATE case_note_movement SET user_login = 'x'") } }
        #expect(throws: DatabaseError.self) { try d.f.database.writer.write { try $0.execute(sql: "DELETE FROM case_note_movement") } }
        let count = try d.f.database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM case_note_movement") }
        #expect(count == 4)
    }

    @Test("refusals name the field and write nothing: unknown clinic, volume not held, already there, no volumes, bad note")
    func refusals() throws {
        let d = try NotesDesk()
        let p = try d.f.patient("Byrne", "Mary")
        let none = try d.f.patient("Carr", "Joe")
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        func field(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as ValidationError { return e.errors.first?.field } catch { return "\(error)" }
        }
        #expect(field { _ = try d.notes.move(patient: p.mrn, to: location("clinic:no_such"), by: clerk) } == "to")
        #expect(field { _ = try d.notes.move(patient: p.mrn, to: location("clinic:onc_fu@nowhere"), by: clerk) } == "to")
        #expect(field { _ = try d.notes.move(patient: p.mrn, volume: 3, to: .missing, by: clerk) } == "volume")
        #expect(field { _ = try d.notes.move(patient: p.mrn, volume: 1, to: .library(shelf: nil), by: clerk) } == "to")
        #expect(field { _ = try d.notes.move(patient: none.mrn, to: .missing, by: clerk) } == "volume")
        #expect(field { _ = try d.notes.move(patient: p.mrn, to: .missing, note: String(repeating: "x", count: 201), by: clerk) } == "note")
        #expect(field { _ = try d.notes.addVolume(patient: p.mrn, at: location("clinic:nope"), by: clerk) } == "location")
        #expect(throws: PatientError.self) { _ = try d.notes.move(patient: "FD9999999", to: .missing, by: clerk) }
        let record = try d.notes.whereAre(patient: p.mrn, by: clerk)
        #expect(record.volumes.map(\.location) == [.library(shelf: nil)])
        #expect(record.history.count == 1)
        #expect(try d.audit(p).filter { $0.action == .caseNotes }.count == 1)
    }

    @Test("missing notes: the banner's query, and the list's")
    func missing() throws {
        let d = try NotesDesk()
        let p = try d.f.patient("Byrne", "Mary"), q = try d.f.patient("Carr", "Joe")
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        _ = try d.notes.addVolume(patient: q.mrn, by: clerk)
        #expect(try d.notes.hasMissingNotes(patientID: p.id!, by: clerk) == false)
        _ = try d.notes.move(patient: p.mrn, volume: 2, to: .missing, by: clerk)
        #expect(try d.notes.hasMissingNotes(patientID: p.id!, by: clerk))
        #expect(try d.notes.patientsWithMissingNotes([p.id!, q.id!], by: clerk) == [p.id!])
        _ = try d.notes.move(patient: p.mrn, volume: 2, to: .library(shelf: nil), note: "found in the day unit", by: clerk)
        #expect(try d.notes.hasMissingNotes(patientID: p.id!, by: clerk) == false)
    }

    @Test("a restricted record: where and moves need a reason (break-glass, audited) or the same person's opening in the last half hour")
    func restricted() throws {
        let d = try NotesDesk()
        let p = try d.f.patient("Byrne", "Mary")
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        _ = try d.f.patients.restrict(p.mrn, reason: "member of staff", by: clerk)
        #expect(throws: PatientError.self) { _ = try d.notes.whereAre(patient: p.mrn, by: clerk) }
        #expect(throws: PatientError.self) { _ = try d.notes.move(patient: p.mrn, to: .missing, by: clerk) }
        let record = try d.notes.whereAre(patient: p.mrn, reason: AccessReason(kind: .appointment), by: clerk)
        #expect(record.volumes.count == 1)
        // Within half an hour of opening it with a reason, the same person may move them.
        _ = try d.notes.move(patient: p.mrn, to: .offsite, by: clerk)
        let audit = try d.audit(p)
        #expect(audit.contains { $0.action == .breakGlass && $0.detail.contains("case-note locations of restricted record") })
        #expect(audit.contains { $0.action == .breakGlass && $0.detail.contains("moved case notes") })
    }

    @Test("case notes follow a merge: the duplicate's volumes are renumbered after the kept record's, with a line saying so")
    func merge() throws {
        let d = try NotesDesk()
        let kept = try d.f.patient("Byrne", "Mary"), dup = try d.f.patient("Byrne", "Mary Ann")
        _ = try d.notes.addVolume(patient: kept.mrn, by: clerk)
        _ = try d.notes.addVolume(patient: kept.mrn, by: clerk)
        _ = try d.notes.addVolume(patient: dup.mrn, at: .secretary(name: "Dr Bell's secretary"), by: clerk)
        _ = try d.notes.addVolume(patient: dup.mrn, at: .missing, by: clerk)
        _ = try d.f.patients.merge(keep: kept.mrn, duplicate: dup.mrn, reason: "same person: NHS number confirmed", by: clerk)
        // The duplicate's number leads to the record kept.
        let record = try d.notes.whereAre(patient: dup.mrn, by: clerk)
        #expect(record.patient.id == kept.id)
        #expect(record.volumes.map(\.number) == [1, 2, 3, 4])
        #expect(record.volumes.map(\.location) == [.library(shelf: nil), .library(shelf: nil), .secretary(name: "Dr Bell's secretary"), .missing])
        let lines = record.history.compactMap(\.note).filter { $0.hasPrefix("merge:") }
        #expect(lines == ["merge: volume 1 of \(dup.mrn) is now volume 3 of \(kept.mrn)", "merge: volume 2 of \(dup.mrn) is now volume 4 of \(kept.mrn)"])
        #expect(try d.notes.hasMissingNotes(patientID: kept.id!, by: clerk))
        #expect(try d.audit(kept).contains { $0.action == .caseNotes && $0.detail.contains("2 volumes of merged \(dup.mrn)") })
    }

    @Test("the pull list of a seeded day: that day's booked and arrived patients only, cancelled left out, one line per volume in terminal-digit order, site filter")
    func pullList() throws {
        let d = try NotesDesk()
        let wed = "2026-11-25"
        let a = try d.patient("Ash", mrn: "FD0000631"), b = try d.patient("Birch", mrn: "FD0123456")
        let c = try d.patient("Cedar", mrn: "FD0000531"), e = try d.patient("Elm", mrn: "FD0777777")
        let gone = try d.patient("Fir", mrn: "FD0000100"), other = try d.patient("Gorse", mrn: "FD0000200")
        let restricted = try d.patient("Holly", mrn: "FD0000700")
        for p in [a, b, c, gone, other, restricted] { _ = try d.notes.addVolume(patient: p.mrn, by: clerk) }
        _ = try d.notes.addVolume(patient: b.mrn, at: .secretary(name: "Dr Adams's secretary"), by: clerk)
        // a: two clinics that day (main in the morning, the hub in the afternoon); b: one, two volumes.
        try d.f.book(a, try d.f.slot("onc_fu", wed, "09:00"))
        try d.f.book(a, try d.f.slot("onc_fu", wed, "13:00"))
        try d.f.book(b, try d.f.slot("bloods", wed, "09:10"))
        try d.f.book(c, try d.f.slot("onc_fu", wed, "13:20"))
        try d.f.book(e, try d.f.slot("onc_fu", wed, "10:00"))            // no paper volumes
        try d.f.book(restricted, try d.f.slot("onc_fu", wed, "10:20"))
        let cancelled = try d.f.book(gone, try d.f.slot("onc_fu", wed, "11:00"))
        _ = try d.f.booking.cancel(appointmentID: cancelled.id, by: .patient, reason: .unwell, text: nil, user: clerk)
        try d.f.book(other, try d.f.slot("onc_fu", "2026-11-26", "09:00"))  // another day
        _ = try d.f.patients.restrict(restricted.mrn, reason: "member of staff", by: clerk)

        let list = try d.notes.pullList(date: LocalDate(iso: wed)!, by: clerk)
        // 31-05-00 c, 31-06-00 a, 56-34-12 b ×2, 00-07-00 restricted first of all; e has no volume.
        #expect(list.lines.map { "\($0.patient.mrn)/\($0.volume.number)" }
                == ["FD0000700/1", "FD0000531/1", "FD0000631/1", "FD0123456/1", "FD0123456/2"])
        #expect(list.lines.map(\.terminalDigit.description) == ["00-07-00", "31-05-00", "31-06-00", "56-34-12", "56-34-12"])
        let ash = try #require(list.patient(id: a.id!))
        #expect(ash.clinics.map(\.text) == ["09:00 onc_fu@main", "13:00 onc_fu@hub"])
        #expect(list.lines.filter { $0.patient.patientID == a.id }.count == 1)
        #expect(list.electronicOnly.map(\.mrn) == ["FD0777777"])
        #expect(list.patient(id: gone.id!) == nil)
        #expect(list.patient(id: other.id!) == nil)
        let holly = try #require(list.patient(id: restricted.id!))
        #expect(holly.name == nil)
        #expect(holly.listedName == "(restricted)")
        let birch = try #require(list.patient(id: b.id!))
        #expect(birch.volumes.map(\.location) == [.library(shelf: nil), .secretary(name: "Dr Adams's secretary")])

        let hub = try d.notes.pullList(date: LocalDate(iso: wed)!, siteCode: "HUB", by: clerk)
        #expect(hub.lines.map(\.patient.mrn) == ["FD0000531", "FD0000631"])
        let ashAtHub = try #require(hub.patient(id: a.id!))
        #expect(ashAtHub.clinics.map(\.text) == ["13:00 onc_fu@hub"])
        #expect(throws: ValidationError.self) { _ = try d.notes.pullList(date: LocalDate(iso: wed)!, siteCode: "nowhere", by: clerk) }

        // Notes sent to the clinic: what the checklist reads.
        #expect(ash.volumesSent == false)
        _ = try d.notes.move(patient: a.mrn, to: location("clinic:onc_fu@main"), by: clerk)
        let after = try #require(try d.notes.pullList(date: LocalDate(iso: wed)!, by: clerk).patient(id: a.id!))
        #expect(after.volumesSent)
    }

    @Test("today's pull list keeps a patient who has arrived")
    func arrived() throws {
        let d = try NotesDesk()
        let p = try d.patient("Ash", mrn: "FD0000631")
        _ = try d.notes.addVolume(patient: p.mrn, by: clerk)
        let booked = try d.f.book(p, try d.f.slot("onc_fu", "2026-11-24", "10:00"))
        _ = try d.f.booking.checkIn(appointmentID: booked.id, by: clerk)
        let list = try d.notes.pullList(date: LocalDate(iso: "2026-11-24")!, by: clerk)
        let line = try #require(list.lines.first)
        #expect(line.patient.clinics.map(\.status) == [.arrived])
    }
}
