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
        #expect(try s.run(["sequence", "plan", "--patient", mrn, "--protocol", "nope"]).status == Exit.notFound)
        #expect(try s.run(["sequence", "plan", "--patient", "NOPE1", "--protocol", "sact_21x6"]).status == Exit.notFound)
    }
}
