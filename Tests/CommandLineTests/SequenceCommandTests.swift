import Foundation
import Testing

@Suite("sequence plan from the command line")
struct SequenceCommandTests {
    /// The SACT example's services, held every weekday for four months, and one patient.
    func centre(_ s: Sandbox, chairs: Bool = true) throws -> String {
        var commands: [[String]] = [["site", "add", "--code", "main", "--name", "Main"]]
        for (code, minutes, who, start, end, slot) in [("phlebotomy", "10", "nurse-a", "08:00", "10:00", "10"),
                                                       ("onc_fu", "20", "dr-a", "13:00", "15:00", "20"),
                                                       ("sact_chair", "120", "chair-1", "09:00", "17:00", "120")] {
            commands.append(["service", "add", "--code", code, "--name", code, "--minutes", minutes])
            commands.append(["clinician", "add", "--code", who, "--name", who, "--role", code == "onc_fu" ? "consultant" : "resource"])
            if code != "sact_chair" || chairs {
                commands.append(["template", "add", "--service", code, "--site", "main", "--clinician", who, "--days", "mon-fri",
                                 "--start", start, "--end", end, "--slot", slot, "--from", "today"])
            }
        }
        commands.append(["session", "generate", "--from", "today", "--to", Self.iso(daysFromNow: 200)])
        commands.append(["protocol", "import", packageRoot.appendingPathComponent("Docs/protocols/sact-21x6.yaml").path])
        for c in commands {
            let r = try s.run(c)
            try #require(r.status == Exit.ok, "\(c): \(r)")
        }
        let added = try s.add(["--family", "Planner", "--given", "Pat", "--dob", "1/1/1960"])
        return try #require(added["mrn"] as? String)
    }

    static func iso(daysFromNow days: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date().addingTimeInterval(TimeInterval(days * 86_400)))
    }

    static func date(_ text: String) -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
        return f.date(from: String(text.prefix(10)))!
    }

    static func days(_ a: String, _ b: String) -> Int {
        Int((date(b).timeIntervalSince(date(a)) / 86_400).rounded())
    }

    @Test("six cycles planned with every gap of the protocol, as JSON")
    func sactPlan() throws {
        let s = try Sandbox()
        let mrn = try centre(s)
        let r = try s.run(["sequence", "plan", "--patient", mrn, "--protocol", "sact_21x6", "--from", Self.iso(daysFromNow: 7), "--json"])
        #expect(r.status == Exit.ok, "\(r)")
        let json = try r.json()
        #expect(json["feasible"] as? Bool == true)
        #expect(json["version"] as? Int == 1)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 24)
        var chemoDates: [String] = []
        for cycle in 1...6 {
            func step(_ id: String) -> [String: Any]? { steps.first { $0["cycle"] as? Int == cycle && $0["step"] as? String == id } }
            let bloods = try #require(step("bloods")), review = try #require(step("review"))
            let chemo = try #require(step("chemo")), screen = try #require(step("screen"))
            let b = try #require(bloods["date"] as? String), c = try #require(chemo["date"] as? String)
            #expect((1...3).contains(Self.days(b, c)), "cycle \(cycle): chemo \(c) after bloods \(b)")
            let rv = try #require(review["date"] as? String)
            #expect((1...3).contains(Self.days(rv, c)), "cycle \(cycle): chemo \(c) after review \(rv)")
            #expect((0...2).contains(Self.days(b, rv)), "cycle \(cycle): review \(rv) after bloods \(b)")
            #expect(screen["slot_id"] is NSNull && screen["kind"] as? String == "task")
            let sc = try #require(screen["date"] as? String)
            #expect(Self.days(sc, c) >= 1, "cycle \(cycle): screening \(sc) at least a working day before chemo \(c)")
            #expect(review["clinician"] as? String == "dr-a")
            chemoDates.append(c)
        }
        #expect(Self.days(Self.iso(daysFromNow: 7), chemoDates[0]) >= 0)
        for i in 1..<6 { #expect((19...24).contains(Self.days(chemoDates[i - 1], chemoDates[i])), "\(chemoDates)") }
        let visits = try #require(json["visit_days"] as? Int)
        #expect(visits >= 6 && visits <= 18)
    }

    @Test("no plan: said in words, feasible false, exit 1")
    func infeasible() throws {
        let s = try Sandbox()
        let mrn = try centre(s, chairs: false)
        let r = try s.run(["sequence", "plan", "--patient", mrn, "--protocol", "sact_21x6", "--json"])
        #expect(r.status == Exit.refused, "\(r)")
        let json = try r.json()
        #expect(json["feasible"] as? Bool == false)
        let reason = json["reason"] as? String ?? ""
        #expect(reason.contains("chemo") || reason.contains("sact_chair"), "\(reason)")
        // Booking answers as planning does: the step and the reason.
        let book = try s.run(["sequence", "book", "--patient", mrn, "--protocol", "sact_21x6", "--json"])
        #expect(book.status == Exit.refused, "\(book)")
        let refused = try book.json()
        #expect(refused["feasible"] as? Bool == false)
        #expect(refused["reason"] as? String == reason)
        #expect(refused["step"] as? String == json["step"] as? String)
        #expect(try s.run(["sequence", "plan", "--patient", mrn, "--protocol", "nope"]).status == Exit.notFound)
        #expect(try s.run(["sequence", "plan", "--patient", "NOPE1", "--protocol", "sact_21x6"]).status == Exit.notFound)
    }

    @Test("sequence book books the plan it would print as one course; course show, itinerary and list read it back")
    func bookAndShow() throws {
        let s = try Sandbox()
        let mrn = try centre(s)
        let from = Self.iso(daysFromNow: 7)
        let planned = try s.run(["sequence", "plan", "--patient", mrn, "--protocol", "sact_21x6", "--from", from, "--json"]).json()
        let r = try s.run(["sequence", "book", "--patient", mrn, "--protocol", "sact_21x6", "--from", from, "--json"])
        #expect(r.status == Exit.ok, "\(r)")
        let json = try r.json()
        let courseID = try #require(json["course_id"] as? Int)
        let plan = try #require(json["plan"] as? [String: Any])
        let steps = try #require(plan["steps"] as? [[String: Any]])
        // The same plan as the preview, now with an appointment or a task for every step.
        let previewSlots = (planned["steps"] as? [[String: Any]] ?? []).map { $0["slot_id"] as? Int ?? 0 }
        #expect(steps.map { $0["slot_id"] as? Int ?? 0 } == previewSlots)
        #expect(steps.allSatisfy { ($0["appointment_id"] as? Int) != nil || ($0["task_id"] as? Int) != nil })
        #expect(steps.allSatisfy { (($0["gaps"] as? [[String: Any]]) ?? []).allSatisfy { $0["ok"] as? Bool == true } })

        let show = try s.run(["course", "show", String(courseID), "--json"]).json()
        #expect(show["protocol"] as? String == "sact_21x6")
        #expect((show["steps"] as? [[String: Any]])?.count == 24)
        #expect((show["problems"] as? [Any])?.isEmpty == true)
        let list = try s.run(["course", "list", "--patient", mrn, "--json"]).json()
        #expect((list["courses"] as? [[String: Any]])?.first?["id"] as? Int == courseID)
        let itinerary = try s.run(["course", "itinerary", String(courseID)])
        #expect(itinerary.status == Exit.ok)
        #expect(itinerary.stdout.contains("Your appointments — SACT 21-day cycle × 6"))
        #expect(itinerary.stdout.contains("Chemotherapy, Main"))
        let large = try s.run(["course", "itinerary", String(courseID), "--large-print"])
        #expect(large.stdout.hasPrefix("YOUR APPOINTMENTS"))
        // The slots are taken now: the same plan cannot be booked twice for another patient's clash, and the diary shows them.
        let text = try s.run(["course", "show", String(courseID)])
        #expect(text.stdout.contains("cycle 6"))
        #expect(try s.run(["course", "show", "9999"]).status == Exit.notFound)
        // The oncologist ends the treatment: everything still to come is cancelled at once.
        let stop = try s.run(["course", "stop", String(courseID), "--reason", "treatment stopped by Dr A", "--json"])
        #expect(stop.status == Exit.ok, "\(stop)")
        let stopped = try stop.json()
        #expect(stopped["status"] as? String == "stopped")
        #expect((stopped["cancelled"] as? [Any])?.count == 18)
        #expect(stopped["tasks_cancelled"] as? Int == 6)
        #expect(try s.run(["course", "stop", String(courseID), "--reason", "treatment stopped by Dr A"]).status == Exit.refused)
    }

    @Test("a cancelled course appointment: the cancel says so, course replan shows what it breaks, --book fixes it")
    func knockOn() throws {
        let s = try Sandbox()
        let mrn = try centre(s)
        let json = try s.run(["sequence", "book", "--patient", mrn, "--protocol", "sact_21x6", "--from", Self.iso(daysFromNow: 7), "--json"]).json()
        let courseID = try #require(json["course_id"] as? Int)
        let steps = try #require((json["plan"] as? [String: Any])?["steps"] as? [[String: Any]])
        let bloods2 = try #require(steps.first { $0["cycle"] as? Int == 2 && $0["step"] as? String == "bloods" })
        let appointment = try #require(bloods2["appointment_id"] as? Int)
        // course_replanned is what a re-plan records: nobody gives it by hand.
        let byHand = try s.run(["appointment", "cancel", String(appointment), "--by", "hospital", "--reason", "course_replanned"])
        #expect(byHand.status == Exit.refused && byHand.stderr.contains("recorded by a course's re-plan"), "\(byHand)")
        let cancel = try s.run(["appointment", "cancel", String(appointment), "--by", "patient", "--reason", "unwell"])
        #expect(cancel.stdout.contains("It is a step of course \(courseID): frontdesk course replan \(courseID)"), "\(cancel)")
        let preview = try s.run(["course", "replan", String(courseID), "--json"]).json()
        #expect(preview["needed"] as? Bool == true)
        let problems = preview["problems"] as? [String] ?? []
        #expect(problems.first?.contains("Blood test (bloods#2)") == true, "\(problems)")
        let changes = try #require(preview["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["step"] as? String == "bloods" && $0["cycle"] as? Int == 2 && $0["action"] as? String == "rebooked" })
        #expect(changes.allSatisfy { ($0["cycle"] as? Int ?? 0) >= 2 })
        let booked = try s.run(["course", "replan", String(courseID), "--book", "--json"])
        #expect(booked.status == Exit.ok, "\(booked)")
        #expect((try booked.json()["booked"] as? [Int])?.count == changes.filter { $0["action"] as? String != "due" }.count)
        let after = try s.run(["course", "show", String(courseID), "--json"]).json()
        #expect((after["problems"] as? [Any])?.isEmpty == true, "\(after["problems"] ?? "")")
        let again = try s.run(["course", "replan", String(courseID)])
        #expect(again.stdout.contains("Nothing to re-plan"))
        #expect(try s.run(["course", "replan", String(courseID), "--book"]).status == Exit.refused)
    }

    @Test("patient preferences: set, shown, refused with the field named, honoured by the plan")
    func preferences() throws {
        let s = try Sandbox()
        let mrn = try centre(s)
        let bad = try s.run(["patient", "preferences", mrn, "--not-before", "25:00"])
        #expect(bad.status == Exit.refused)
        #expect(bad.stderr.contains("not before"), "\(bad)")
        let set = try s.run(["patient", "preferences", mrn, "--unavailable-days", "mon,tue", "--not-before", "09:00", "--json"])
        #expect(set.status == Exit.ok, "\(set)")
        #expect(try set.json()["unavailable_days"] as? [String] == ["mon", "tue"])
        let plan = try s.run(["sequence", "plan", "--patient", mrn, "--protocol", "sact_21x6", "--from", Self.iso(daysFromNow: 7), "--json"]).json()
        let steps = try #require(plan["steps"] as? [[String: Any]])
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
        for step in steps where step["kind"] as? String == "appointment" {
            let date = try #require(step["date"] as? String)
            let weekday = Calendar(identifier: .gregorian).component(.weekday, from: Self.date(date))
            #expect(weekday != 2 && weekday != 3, "\(step["step"] ?? "") on \(date)")
            #expect((step["start"] as? String ?? "").suffix(5) >= "09:00")
        }
        // One part changed, the others kept.
        let away = try s.run(["patient", "preferences", mrn, "--away", "2027-02-01..2027-02-05", "--json"]).json()
        #expect(away["unavailable_days"] as? [String] == ["mon", "tue"])
        #expect(away["not_before"] as? String == "09:00")
        #expect((away["away"] as? [[String]])?.first == ["2027-02-01", "2027-02-05"])
        let cleared = try s.run(["patient", "preferences", mrn, "--clear"])
        #expect(cleared.stdout.contains(": none"))
    }

    @Test("an override needs a reason, and a reason needs an override")
    func overrideRefusals() throws {
        let s = try Sandbox()
        let mrn = try centre(s)
        let r = try s.run(["sequence", "book", "--patient", mrn, "--protocol", "sact_21x6", "--override", "chemo#1=1"])
        #expect(r.status == Exit.refused)
        #expect(r.stderr.contains("reason"), "\(r)")
        let noOverride = try s.run(["sequence", "book", "--patient", mrn, "--protocol", "sact_21x6", "--reason", "because"])
        #expect(noOverride.status == Exit.refused)
    }

    @Test("a cancelled session takes a course's treatment: the cancel names the course, the re-plan moves it to another day")
    func sessionCancelled() throws {
        let s = try Sandbox()
        let mrn = try centre(s)
        let json = try s.run(["sequence", "book", "--patient", mrn, "--protocol", "sact_21x6", "--from", Self.iso(daysFromNow: 7), "--json"]).json()
        let courseID = try #require(json["course_id"] as? Int)
        let steps = try #require((json["plan"] as? [String: Any])?["steps"] as? [[String: Any]])
        let chemo3 = try #require(steps.first { $0["cycle"] as? Int == 3 && $0["step"] as? String == "chemo" })
        let appointment = try #require(chemo3["appointment_id"] as? Int)
        let shown = try s.run(["appointment", "show", String(appointment), "--json"]).json()
        let session = try #require((shown["appointment"] as? [String: Any])?["session_id"] as? Int ?? shown["session_id"] as? Int)
        let cancel = try s.run(["session", "cancel", String(session), "--reason", "chair maintenance"])
        #expect(cancel.status == Exit.ok, "\(cancel)")
        #expect(cancel.stdout.contains("a step of course \(courseID): frontdesk course replan \(courseID)"), "\(cancel)")
        let replan = try s.run(["course", "replan", String(courseID), "--json"]).json()
        let problems = replan["problems"] as? [String] ?? []
        #expect(problems.first?.contains("Chemotherapy (chemo#3)") == true, "\(problems)")
        #expect(problems.first?.contains("cancelled by the hospital (session cancelled)") == true, "\(problems)")
        let changes = try #require(replan["changes"] as? [[String: Any]])
        let moved = try #require(changes.first { $0["step"] as? String == "chemo" && $0["cycle"] as? Int == 3 })
        #expect((moved["to"] as? String)?.prefix(10) != (chemo3["date"] as? String)?.prefix(10), "\(moved)")
        #expect(try s.run(["course", "replan", String(courseID), "--book"]).status == Exit.ok)
        let after = try s.run(["course", "show", String(courseID), "--json"]).json()
        #expect((after["problems"] as? [Any])?.isEmpty == true, "\(after["problems"] ?? "")")
    }

    @Test("four desks booking courses at the same moment: each course whole, no place taken twice")
    func concurrentBooking() throws {
        let s = try Sandbox()
        _ = try centre(s)
        var patients: [String] = []
        for i in 0..<4 {
            let added = try s.add(["--family", "Racer", "--given", "Number\(["One", "Two", "Three", "Four"][i])", "--dob", "1/1/196\(i)"])
            patients.append(try #require(added["mrn"] as? String))
        }
        let from = Self.iso(daysFromNow: 7)
        let running = try patients.map {
            try s.launch(["sequence", "book", "--patient", $0, "--protocol", "sact_21x6", "--from", from, "--json"])
        }
        let outcomes = try running.map { try $0.wait() }
        for outcome in outcomes { #expect(outcome.status == Exit.ok, "\(outcome)") }
        #expect(try DemoCentreCommandTests.int(s.db, "SELECT count(*) FROM course") == 4)
        #expect(try DemoCentreCommandTests.int(s.db, "SELECT count(*) FROM appointment") == 4 * 18)
        #expect(try DemoCentreCommandTests.int(s.db, "SELECT count(*) FROM slot WHERE booked > capacity") == 0)
        // Every course still meets every rule: nobody's plan was made on a place another desk took.
        for id in 1...4 {
            let shown = try s.run(["course", "show", String(id), "--json"]).json()
            #expect((shown["problems"] as? [Any])?.isEmpty == true, "course \(id): \(shown["problems"] ?? "")")
        }
    }
}

