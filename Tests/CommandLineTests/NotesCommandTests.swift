import Foundation
import Testing

/// One site, one clinic, and two patients booked on its first day: Wei Lee
/// (to be given paper notes) and Ann Carr (electronic record only). Returns
/// their hospital numbers, Wei Lee's NHS number and the date.
private func clinicDay(_ s: Sandbox) throws -> (lee: String, nhs: String, carr: String, date: String) {
    let f = try s.oncologyClinic(days: 30)
    let nhs = testNHSNumbers(1)[0]
    let lee = try #require(try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985", "--nhs", nhs])["mrn"] as? String)
    let carr = try #require(try s.add(["--family", "Carr", "--given", "Ann", "--dob", "1/5/1950"])["mrn"] as? String)
    let slots = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "2", "--json"]).json()["slots"] as? [[String: Any]])
    try #require(slots.count == 2)
    for (mrn, slot) in zip([lee, carr], slots) {
        let id = try #require(slot["id"] as? Int)
        let book = try s.run(["book", "--patient", mrn, "--slot", "\(id)"])
        try #require(book.status == Exit.ok, "\(book)")
    }
    let date = try #require(slots[0]["date"] as? String)
    try #require(slots[1]["date"] as? String == date)
    return (lee, nhs, carr, date)
}

@Suite("case notes from the command line: add, move, where, the pull list as JSON, CSV and print")
struct NotesCommandTests {
    @Test("add and move by hospital or NHS number; a bad location is refused naming the field and the choices, and writes nothing; where shows the history")
    func addMoveWhere() throws {
        let s = try Sandbox()
        let day = try clinicDay(s)
        let added = try s.run(["notes", "add", day.lee, "--json"])
        try #require(added.status == Exit.ok, "\(added)")
        let volume = try #require(try added.json()["volume"] as? [String: Any])
        #expect(volume["number"] as? Int == 1)
        let second = try s.run(["notes", "add", day.nhs, "--location", "library", "--shelf", "31-06"])
        #expect(second.status == Exit.ok)
        #expect(second.stdout.contains("Volume 2 of \(day.lee) opened at library, shelf 31-06."))

        let bad = try s.run(["notes", "move", day.lee, "--to", "ward 7", "--json"])
        #expect(bad.status == Exit.refused)
        let fields = try #require(try bad.errorJSON()["error"] as? [String: Any])["fields"] as? [[String: Any]]
        let first = try #require(fields?.first)
        #expect(first["field"] as? String == "to")
        #expect((first["reason"] as? String)?.contains("library, clinic:SERVICE") == true)
        let noClinic = try s.run(["notes", "move", day.lee, "--to", "clinic:nowhere"])
        #expect(noClinic.status == Exit.refused)
        #expect(noClinic.stderr.contains("to: there is no active service 'nowhere'"))
        let shelf = try s.run(["notes", "move", day.lee, "--to", "offsite", "--shelf", "B4"])
        #expect(shelf.status == Exit.refused)
        #expect(shelf.stderr.contains("shelf: only a library location has a shelf"))

        let moved = try s.run(["notes", "move", day.nhs, "--volume", "1", "--to", "clinic:onc-fu@main", "--note", "for Dr Adams", "--json"])
        try #require(moved.status == Exit.ok, "\(moved)")
        let movedVolumes = try #require(try moved.json()["moved"] as? [[String: Any]])
        #expect(movedVolumes.count == 1)

        let shown = try s.run(["notes", "where", day.lee, "--json"])
        try #require(shown.status == Exit.ok, "\(shown)")
        let record = try shown.json()
        let volumes = try #require(record["volumes"] as? [[String: Any]])
        let history = try #require(record["history"] as? [[String: Any]])
        #expect(volumes.compactMap { ($0["location"] as? [String: Any])?["typed"] as? String } == ["clinic:onc-fu@main", "library:31-06"])
        #expect(history.count == 3)   // two openings and one move: the refusals wrote nothing
        let last = try #require(history.last)
        #expect(last["note"] as? String == "for Dr Adams")
        #expect(((last["from"] as? [String: Any])?["kind"] as? String) == "library")
        let text = try s.run(["notes", "where", day.lee])
        #expect(text.stdout.contains("volume 1  clinic onc-fu @ main"))
        #expect(text.stdout.contains("History:"))
    }

    @Test("the pull list: JSON, CSV and an A4 layout in 80 columns with a page header; an unknown site is refused")
    func pullList() throws {
        let s = try Sandbox()
        let day = try clinicDay(s)
        for args in [["notes", "add", day.lee], ["notes", "add", day.lee, "--location", "missing"]] {
            let r = try s.run(args)
            try #require(r.status == Exit.ok, "\(r)")
        }
        let json = try s.run(["notes", "pull-list", "--date", day.date, "--site", "main", "--json"])
        try #require(json.status == Exit.ok, "\(json)")
        let list = try json.json()
        #expect(list["date"] as? String == day.date)
        #expect(list["site"] as? String == "main")
        let lines = try #require(list["lines"] as? [[String: Any]])
        #expect(lines.map { $0["volume"] as? Int } == [1, 2])
        #expect(lines.allSatisfy { $0["hospital_number"] as? String == day.lee })
        #expect(lines.map { $0["missing"] as? Bool } == [false, true])
        let clinics = try #require(lines.first?["clinics"] as? [[String: Any]])
        #expect(clinics.first?["service"] as? String == "onc-fu")
        let electronic = try #require(list["electronic_only"] as? [[String: Any]])
        #expect(electronic.map { $0["hospital_number"] as? String } == [day.carr])

        let csv = try s.run(["notes", "pull-list", "--date", day.date, "--csv"])
        try #require(csv.status == Exit.ok, "\(csv)")
        let rows = csv.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first == "terminal_digit,hospital_number,volume,volumes,name,restricted,location,location_kind,missing,clinics")
        #expect(rows.count == 4)
        #expect(rows[2].contains(",\(day.lee),2,2,\"LEE, Wei\",no,MISSING,missing,yes,"))
        #expect(rows[3].contains(",\(day.carr),,0,\"CARR, Ann\",no,electronic record only,electronic,no,"))

        let text = try s.run(["notes", "pull-list", "--date", day.date, "--page-lines", "20"])
        try #require(text.status == Exit.ok, "\(text)")
        let printed = text.stdout.replacingOccurrences(of: "\u{0C}", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(printed.allSatisfy { $0.count <= 80 })
        #expect(printed.first?.hasPrefix("CASE-NOTE PULL LIST") == true)
        #expect(printed.first?.hasSuffix("page 1 of 1") == true)
        #expect(text.stdout.contains("** MISSING **"))
        #expect(text.stdout.contains("Electronic record only (no paper volumes to fetch): 1 patient"))

        let nowhere = try s.run(["notes", "pull-list", "--date", day.date, "--site", "nowhere"])
        #expect(nowhere.status == Exit.refused)
        #expect(nowhere.stderr.contains("site: there is no active site 'nowhere'"))
    }
}
