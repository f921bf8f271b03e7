import Foundation
import Testing

/// A small clinic set up through the binary: one site, a service with one
/// place per slot, weekday sessions for the next eight weeks, and patients.
private func clinic(_ s: Sandbox, patients: Int = 1) throws -> [String] {
    for args in [["site", "add", "--code", "main", "--name", "Main centre"],
                 ["service", "add", "--code", "onc-fu", "--name", "Oncology follow-up", "--minutes", "20", "--follow-up"],
                 ["clinician", "add", "--code", "dr-adams", "--name", "Dr Adams", "--role", "consultant"],
                 ["template", "add", "--service", "onc-fu", "--site", "main", "--clinician", "dr-adams", "--days", "mon-fri",
                  "--start", "09:00", "--end", "12:00", "--slot", "20", "--capacity", "1", "--from", "today"],
                 ["session", "generate", "--from", "tomorrow", "--to", isoDate(daysFromNow: 60)]] {
        let r = try s.run(args)
        try #require(r.status == Exit.ok, "\(args): \(r)")
    }
    return try (0..<patients).map { index in
        let added = try s.add(["--family", "Racer\(["a", "b", "c", "d", "e", "f", "g", "h"][index % 8])", "--given", "Ann",
                               "--dob", "1/1/1960", "--confirm-not-duplicate"])
        return try #require(added["mrn"] as? String)
    }
}

private func isoDate(daysFromNow days: Int) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
    return f.string(from: Date().addingTimeInterval(TimeInterval(days * 86_400)))
}

@Suite("booking from the command line")
struct BookingCommandTests {
    @Test("slots, book, show, cancel, rebook and the trail, all with --json")
    func bookAndRebook() throws {
        let s = try Sandbox()
        let mrn = try clinic(s)[0]
        let slots = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "3", "--json"]).json()["slots"] as? [[String: Any]])
        #expect(slots.count == 3)
        let first = try #require(slots.first?["id"] as? Int)
        let booked = try s.run(["book", "--patient", mrn, "--slot", "\(first)", "--priority", "2ww", "--json"])
        #expect(booked.status == Exit.ok, "\(booked)")
        let appointment = try #require(try booked.json()["appointment"] as? [String: Any])
        #expect(appointment["status"] as? String == "booked")
        #expect(appointment["priority"] as? String == "two_week_wait")
        let id = try #require(appointment["id"] as? Int)

        let second = try #require(slots.last?["id"] as? Int)
        let noWho = try s.run(["appointment", "rebook", "\(id)", "--slot", "\(second)"])
        #expect(noWho.status == Exit.refused)
        #expect(noWho.stderr.contains("by: is required"))
        let moved = try s.run(["appointment", "rebook", "\(id)", "--slot", "\(second)", "--by", "patient", "--reason", "unwell",
                               "--text", "has a cold", "--priority", "urgent", "--json"])
        #expect(moved.status == Exit.ok, "\(moved)")
        let newAppointment = try #require(try moved.json()["appointment"] as? [String: Any])
        #expect(newAppointment["priority"] as? String == "urgent", "the change given; the rest as before")
        #expect(newAppointment["attendance"] as? String == "follow_up")
        let newID = newAppointment["id"] as? Int
        let shown = try s.run(["appointment", "show", "\(newID ?? 0)"])
        #expect(shown.status == Exit.ok)
        #expect(shown.stdout.contains("Replaces appointment \(id)"))
        #expect(shown.stdout.contains("cancelled by the patient: unwell — has a cold; moved to slot \(second)"))
        // The old slot is free again; the audit trail names the booking and the move.
        let free = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "1", "--json"]).json()["slots"] as? [[String: Any]])
        #expect(free.first?["id"] as? Int == first)
        // --patient takes a hospital number (the overlap filter itself is tested on the store).
        let theirs = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "5", "--patient", mrn, "--json"]).json()["slots"] as? [[String: Any]])
        #expect(theirs.count == 5)
        #expect(try s.run(["slots", "--service", "onc-fu", "--patient", "NOPE9"]).status == Exit.notFound)
        let history = try s.run(["appointment", "list", "--patient", mrn, "--json"])
        let counts = try #require(try history.json()["counts"] as? [String: Any])
        #expect(counts["cancelled_by_patient"] as? Int == 1)
        #expect(counts["cancelled_by_hospital"] as? Int == 0)
        let actions = try s.audit(patient: mrn).compactMap { $0["action"] as? String }
        #expect(actions.filter { $0 == "book" }.count == 2)
        #expect(actions.contains("appointment"))
    }

    @Test("a full slot is refused with exit 1, the next free slots, and JSON alternatives")
    func fullSlot() throws {
        let s = try Sandbox()
        let mrns = try clinic(s, patients: 2)
        let slot = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "1", "--json"]).json()["slots"] as? [[String: Any]])
        let id = try #require(slot.first?["id"] as? Int)
        #expect(try s.run(["book", "--patient", mrns[0], "--slot", "\(id)"]).status == Exit.ok)
        let refused = try s.run(["book", "--patient", mrns[1], "--slot", "\(id)", "--json"])
        #expect(refused.status == Exit.refused)
        let error = try #require(try refused.errorJSON()["error"] as? [String: Any])
        let alternatives = try #require(error["alternatives"] as? [[String: Any]])
        #expect(alternatives.count == 5)
        #expect(!alternatives.contains { $0["id"] as? Int == id })
        let text = try s.run(["book", "--patient", mrns[1], "--slot", "\(id)"])
        #expect(text.stderr.contains("is full"))
        #expect(text.stderr.contains("Next free slots:"))
    }

    @Test("unknown patient, unknown slot and bad options are refused naming the field", arguments: [
        (["book", "--patient", "NOPE1", "--slot", "1"], Exit.notFound, "patient"),
        (["book", "--patient", "{mrn}", "--slot", "999999"], Exit.notFound, "slot"),
        (["book", "--patient", "{mrn}", "--slot", "1", "--transport", "hospital"], Exit.refused, "mobility"),
        (["book", "--patient", "{mrn}", "--slot", "1", "--overbook"], Exit.refused, "reason"),
        (["slots", "--service", "onc-fu", "--days", "funday"], Exit.refused, "days"),
        (["appointment", "show", "424242"], Exit.notFound, "appointment"),
    ])
    func refusals(args: [String], code: Int32, field: String) throws {
        let s = try Sandbox()
        let mrn = try clinic(s)[0]
        let r = try s.run(args.map { $0 == "{mrn}" ? mrn : $0 })
        #expect(r.status == code, "\(r)")
        #expect(r.stderr.contains("\(field):"), "\(r)")
    }

    @Test("eight desks race for the last place: exactly one books it, the others are told it was just taken")
    func raceForTheLastPlace() throws {
        let s = try Sandbox()
        let mrns = try clinic(s, patients: 8)
        let slots = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "1", "--json"]).json()["slots"] as? [[String: Any]])
        let id = try #require(slots.first?["id"] as? Int)
        let runs = try mrns.map { try s.launch(["book", "--patient", $0, "--slot", "\(id)"]) }
        let outcomes = try runs.map { try $0.wait() }
        let winners = outcomes.filter { $0.status == Exit.ok }
        #expect(winners.count == 1, "\(outcomes)")
        for loser in outcomes where loser.status != Exit.ok {
            #expect(loser.status == Exit.refused, "\(loser)")
            #expect(loser.stderr.contains("is full"), "\(loser)")
            #expect(!loser.stderr.contains("locked"), "\(loser)")
        }
        let day = try s.run(["session", "list", "--from", isoDate(daysFromNow: 1), "--to", isoDate(daysFromNow: 7), "--json"])
        let sessions = try #require(try day.json()["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["booked"] as? Int ?? 0 }.reduce(0, +) == 1)
    }

    @Test("the clinic day, check-in with the details to confirm, DNA to the clinical team, tasks")
    func clinicDayAndTasks() throws {
        let s = try Sandbox()
        let mrn = try clinic(s)[0]
        let slots = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "1", "--json"]).json()["slots"] as? [[String: Any]])
        let date = try #require(slots.first?["date"] as? String)
        let booked = try s.run(["book", "--patient", mrn, "--slot", "\(slots.first?["id"] as? Int ?? 0)", "--transport", "hospital",
                                "--mobility", "wheelchair", "--json"])
        let tasks = try #require(try booked.json()["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["kind"] as? String } == ["transport"])
        let day = try s.run(["clinic", "day", "--date", date])
        #expect(day.status == Exit.ok, "\(day)")
        #expect(day.stdout.contains("RACERA, Ann"))
        #expect(day.stdout.contains("TRANSPORT (wheelchair)"))
        // Not the day yet: check-in and DNA are refused, naming why.
        let id = try #require(try booked.json()["appointment"] as? [String: Any])["id"] as? Int ?? 0
        let early = try s.run(["appointment", "checkin", "\(id)"])
        #expect(early.status == Exit.refused)
        #expect(early.stderr.contains("checked in on the day"))
        let list = try s.run(["task", "list", "--team", "front_desk", "--open", "--json"])
        let open = try #require(try list.json()["tasks"] as? [[String: Any]])
        #expect(open.count == 1)
        let taskID = try #require(open.first?["id"] as? Int)
        #expect(try s.run(["task", "cancel", "\(taskID)"]).status != Exit.ok, "a cancellation needs a note")
        let done = try s.run(["task", "done", "\(taskID)", "--note", "PTS ref 12345", "--json"])
        #expect(done.status == Exit.ok, "\(done)")
        #expect(try done.json()["status"] as? String == "done")
    }
}
