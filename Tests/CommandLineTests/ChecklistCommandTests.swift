import Foundation
import Testing

@Suite("the end-of-day checklist from the command line")
struct ChecklistCommandTests {
    /// One site, a weekday follow-up clinic from tomorrow, one patient booked into its first slot.
    func bookedDay(_ s: Sandbox) throws -> (date: String, appointment: Int, mrn: String) {
        for args in [["site", "add", "--code", "main", "--name", "Main centre"],
                     ["service", "add", "--code", "onc-fu", "--name", "Oncology follow-up", "--minutes", "20", "--follow-up"],
                     ["clinician", "add", "--code", "dr-adams", "--name", "Dr Adams", "--role", "consultant"],
                     ["template", "add", "--service", "onc-fu", "--site", "main", "--clinician", "dr-adams", "--days", "mon-fri",
                      "--start", "09:00", "--end", "12:00", "--slot", "20", "--capacity", "1", "--from", "today"],
                     ["session", "generate", "--from", "tomorrow", "--to", Self.isoDate(daysFromNow: 20)]] {
            let r = try s.run(args)
            try #require(r.status == Exit.ok, "\(args): \(r)")
        }
        let added = try s.add(["--family", "Checkley", "--given", "Ann", "--dob", "1/1/1960", "--confirm-not-duplicate"])
        let mrn = try #require(added["mrn"] as? String)
        let slots = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "1", "--json"]).json()["slots"] as? [[String: Any]])
        let slot = try #require(slots.first)
        let booked = try s.run(["book", "--patient", mrn, "--slot", "\(slot["id"] as? Int ?? 0)", "--json"])
        try #require(booked.status == Exit.ok, "\(booked)")
        let appointment = try #require((try booked.json()["appointment"] as? [String: Any])?["id"] as? Int)
        return (try #require(slot["date"] as? String), appointment, mrn)
    }

    static func isoDate(daysFromNow days: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date().addingTimeInterval(TimeInterval(days * 86_400)))
    }

    func items(_ r: Outcome) throws -> [[String: Any]] { try #require(try r.json()["items"] as? [[String: Any]]) }

    @Test("show (text, JSON, CSV), tick a hand item, refuse ticking a data item, defer needs a reason")
    func showAndMark() throws {
        let s = try Sandbox()
        let (date, appointment, mrn) = try bookedDay(s)
        let compact = date.replacingOccurrences(of: "-", with: "")
        // The clinic's own day: its attendance is a data item.
        let closing = try s.run(["checklist", "--date", date, "--site", "main", "--json"])
        #expect(closing.status == Exit.ok, "\(closing)")
        let attendanceID = "A-\(compact)-a\(appointment)"
        let attendance = try items(closing).first { $0["id"] as? String == attendanceID }
        #expect(attendance?["state"] as? String == "outstanding")
        #expect(attendance?["completion"] as? String == "data")
        #expect(attendance?["mrn"] as? String == mrn)
        let tick = try s.run(["checklist", "mark", attendanceID, "--done"])
        #expect(tick.status == Exit.refused)
        #expect(tick.stderr.contains("cannot be ticked"))
        let noReason = try s.run(["checklist", "mark", attendanceID, "--defer", " ", "--json"])
        #expect(noReason.status == Exit.refused)
        #expect(noReason.stderr.contains("reason"))
        let unknown = try s.run(["checklist", "mark", "Z-1-a1", "--done"])
        #expect(unknown.status == Exit.refused)
        #expect(unknown.stderr.contains("item:"))
        // The notes for that clinic are prepared on the day before it: a hand item, ticked.
        let text = try s.run(["checklist", "--date", date])
        #expect(text.status == Exit.ok)
        #expect(text.stdout.contains(attendanceID))
        #expect(text.stdout.contains(" done"))
        let notesID = try #require(try items(closing).first { $0["kind"] as? String == "notes_returned" }?["id"] as? String)
        let ticked = try s.run(["checklist", "mark", notesID.lowercased(), "--done", "--json"])
        #expect(ticked.status == Exit.ok, "\(ticked)")
        #expect(try ticked.json()["state"] as? String == "done")
        #expect(try ticked.json()["settled_by"] as? String != nil)
        let csv = try s.run(["checklist", "--date", date, "--csv"])
        #expect(csv.status == Exit.ok)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("id,state,section,kind") == true)
        #expect(lines.contains { $0.hasPrefix(notesID + ",done,closure,notes_returned,hand") })
        // --outstanding lists only what is left (as A in F6); the progress still counts every item.
        let left = try s.run(["checklist", "--date", date, "--outstanding", "--json"])
        #expect(left.status == Exit.ok, "\(left)")
        let leftItems = try items(left)
        #expect(!leftItems.isEmpty && leftItems.allSatisfy { $0["state"] as? String == "outstanding" })
        #expect(!leftItems.contains { $0["id"] as? String == notesID })
        let total = (try left.json()["progress"] as? [String: Any])?["total"] as? Int
        #expect(total == (try items(try s.run(["checklist", "--date", date, "--json"]))).count)
        let leftText = try s.run(["checklist", "--date", date, "--outstanding"])
        #expect(leftText.stdout.contains(attendanceID) && !leftText.stdout.contains(notesID) && !leftText.stdout.contains("SETTLED"))
        let leftCSV = try s.run(["checklist", "--date", date, "--outstanding", "--csv"])
        #expect(!leftCSV.stdout.contains(",done,") && leftCSV.stdout.contains(attendanceID))
        let history = try s.run(["checklist", "history", notesID, "--json"])
        #expect((try history.json()["marks"] as? [[String: Any]])?.count == 1)
        // The mark is audited against the patient.
        #expect(try s.audit(patient: mrn).contains { ($0["detail"] as? String ?? "").contains("checklist item \(notesID)") })
    }

    @Test("sign-off refused while items are outstanding, then accepted with the audit hash; the frozen report and the unsigned list")
    func signOff() throws {
        let s = try Sandbox()
        let (date, _, _) = try bookedDay(s)
        // A day still to come cannot be signed off.
        let future = try s.run(["checklist", "signoff", "--date", date, "--site", "main"])
        #expect(future.status == Exit.refused)
        // Today prepares the clinics up to the next working day.
        let today = try items(try s.run(["checklist", "--date", "today", "--site", "main", "--json"]))
        if today.contains(where: { $0["state"] as? String == "outstanding" }) {
            let refused = try s.run(["checklist", "signoff", "--date", "today", "--site", "main", "--json"])
            #expect(refused.status == Exit.refused)
            #expect(refused.stderr.contains("outstanding"))
        }
        for item in today where item["state"] as? String == "outstanding" {
            let id = try #require(item["id"] as? String)
            let args = item["completion"] as? String == "hand" ? ["--done"] : ["--defer", "clinic closed early today"]
            let r = try s.run(["checklist", "mark", id] + args)
            #expect(r.status == Exit.ok, "\(r)")
        }
        let signed = try s.run(["checklist", "signoff", "--date", "today", "--site", "main", "--json"])
        #expect(signed.status == Exit.ok, "\(signed)")
        let hash = try #require(try signed.json()["audit_hash"] as? String)
        #expect(hash.count == 64)
        let again = try s.run(["checklist", "signoff", "--date", "today", "--site", "main"])
        #expect(again.status == Exit.refused)
        #expect(again.stderr.contains("already signed off"))
        let report = try s.run(["checklist", "report", "--date", "today", "--site", "main", "--json"])
        #expect(report.status == Exit.ok)
        #expect(try report.json()["audit_hash"] as? String == hash)
        let frozen = try #require((try report.json()["report"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(frozen.count == today.count)
        // The stored report altered behind the application's back (sqlite3, the trigger dropped): refused, not shown.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [s.db, "DROP TRIGGER checklist_signoff_no_update; UPDATE checklist_signoff SET report = replace(report, '\"state\":\"done\"', '\"state\":\"deferred\"') || ' ';"]
        try sqlite.run(); sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        let altered = try s.run(["checklist", "report", "--date", "today", "--site", "main"])
        #expect(altered.status == Exit.refused, "\(altered)")
        #expect(altered.stderr.contains("report: the frozen report of"), "\(altered)")
        #expect(altered.stderr.contains("has been altered since"))
        #expect(!altered.stdout.contains("Signed off by"))
        let missing = try s.run(["checklist", "report", "--date", date, "--site", "main"])
        #expect(missing.status == Exit.notFound)
        let unsigned = try s.run(["checklist", "unsigned", "--from", "today", "--to", date, "--json"])
        #expect(unsigned.status == Exit.ok, "\(unsigned)")
        let days = try #require(try unsigned.json()["not_signed_off"] as? [[String: Any]])
        #expect(days.contains { $0["date"] as? String == date && $0["site"] as? String == "main" })
    }

    @Test("an unknown --site, --service or --clinician is refused naming the field (exit 2), not answered with an empty checklist")
    func unknownCodes() throws {
        let s = try Sandbox()
        let (date, _, _) = try bookedDay(s)
        for (option, field) in [("--site", "site"), ("--service", "service"), ("--clinician", "clinician")] {
            let r = try s.run(["checklist", "--date", date, option, "typo"])
            #expect(r.status == Exit.notFound, "\(option): \(r)")
            #expect(r.stderr.contains("\(field): there is no \(field) 'typo'"), "\(r)")
            #expect(!r.stdout.contains("Nothing on the checklist"))
        }
        let known = try s.run(["checklist", "--date", date, "--service", "onc-fu", "--clinician", "dr-adams", "--json"])
        #expect(known.status == Exit.ok, "\(known)")
        #expect(try !items(known).isEmpty)
    }

    @Test("case notes on the checklist: where the volumes are, MISSING and notes_missing, the tick refused, done once moved to the clinic")
    func caseNotes() throws {
        let s = try Sandbox()
        let (date, _, mrn) = try bookedDay(s)
        // The day before the clinic prepares it.
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
        let eve = f.string(from: try #require(f.date(from: date)).addingTimeInterval(-43_200))
        let added = try s.run(["notes", "add", mrn, "--shelf", "A12"])
        try #require(added.status == Exit.ok, "\(added)")
        func notesItem() throws -> [String: Any] {
            let list = try s.run(["checklist", "--date", eve, "--site", "main", "--json"])
            try #require(list.status == Exit.ok, "\(list)")
            return try #require(try items(list).first { $0["kind"] as? String == "notes_prepared" && $0["mrn"] as? String == mrn })
        }
        var item = try notesItem()
        let id = try #require(item["id"] as? String)
        #expect(item["completion"] as? String == "data")
        #expect(item["state"] as? String == "outstanding")
        #expect(item["detail"] as? String == "vol 1 in library, shelf A12")
        #expect(item["notes_missing"] as? Bool == false)
        let text = try s.run(["checklist", "--date", eve, "--site", "main"])
        #expect(text.stdout.split(separator: "\n").contains { $0.contains(id) && $0.hasSuffix("vol 1 in library, shelf A12") },
                "\(text.stdout)")
        let tick = try s.run(["checklist", "mark", id, "--done"])
        #expect(tick.status == Exit.refused)
        #expect(tick.stderr.contains("frontdesk notes move \(mrn) --to clinic:onc-fu@main"), "\(tick)")
        // Recorded missing: said so, and marked.
        #expect(try s.run(["notes", "move", mrn, "--to", "missing"]).status == Exit.ok)
        item = try notesItem()
        #expect(item["notes_missing"] as? Bool == true)
        #expect((item["text"] as? String ?? "").contains("vol 1 MISSING"))
        let missing = try s.run(["checklist", "--date", eve, "--site", "main"])
        #expect(missing.stdout.split(separator: "\n").contains { $0.contains(id) && $0.contains("MISSING") && $0.contains("MISSING: vol 1") },
                "\(missing.stdout)")
        // Found and sent to the clinic: done by the data.
        #expect(try s.run(["notes", "move", mrn, "--to", "clinic:onc-fu@main"]).status == Exit.ok)
        item = try notesItem()
        #expect(item["state"] as? String == "done")
        #expect(item["notes_missing"] as? Bool == false)
    }
}
