import Foundation
import Testing

/// `frontdesk settings list|set`: the real binary on a sandbox database whose
/// manager is the OS user running the tests.
@Suite("settings list and set")
struct SettingsCommandTests {
    static let keys = ["idle_lock_minutes", "callback_routine_working_days", "callback_urgent_working_hours",
                       "opening_hours", "closure_days", "site_closure_days"]

    func settingsJSON(_ s: Sandbox, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        let outcome = try s.run(["settings", "list", "--json"])
        try #require(outcome.status == Exit.ok, "\(outcome)", sourceLocation: sourceLocation)
        return try #require(try outcome.json()["settings"] as? [[String: Any]], sourceLocation: sourceLocation)
    }

    func settingAudit(_ s: Sandbox) throws -> [[String: Any]] {
        let outcome = try s.run(["audit", "log", "--json"])
        try #require(outcome.status == Exit.ok, "\(outcome)")
        let entries = try #require(try outcome.json()["entries"] as? [[String: Any]])
        return entries.filter { ($0["action"] as? String) == "setting" }
    }

    @Test func listShowsEveryKeyWithItsDefaultAndMeaning() throws {
        let s = try Sandbox()
        let text = try s.run(["settings", "list"])
        #expect(text.status == Exit.ok, "\(text)")
        for key in Self.keys { #expect(text.stdout.contains(key), "\(text)") }
        #expect(text.stdout.contains("idle_lock_minutes             = 5"), "\(text)")
        #expect(text.stdout.contains("(the default)"), "\(text)")
        #expect(text.stdout.contains("must be a whole number from 1 to 120"), "\(text)")

        let json = try settingsJSON(s)
        #expect(json.map { $0["key"] as? String } == Self.keys)
        let idle = try #require(json.first)
        #expect(idle["value"] as? String == "5")
        #expect(idle["default"] as? String == "5")
        #expect(idle["changed"] as? Bool == false)
        #expect(idle["changed_by"] is NSNull)
        #expect(idle["changed_at"] is NSNull)
        #expect((idle["description"] as? String)?.contains("locks the screen") == true)
        #expect(json.last?["value"] as? String == "")
    }

    @Test func aManagerSetsAValueAndItIsListedAndAudited() throws {
        let s = try Sandbox()
        let set = try s.run(["settings", "set", "idle_lock_minutes", "10"])
        #expect(set.status == Exit.ok, "\(set)")
        #expect(set.stdout == "idle_lock_minutes: 5 → 10\n", "\(set)")

        let idle = try #require(try settingsJSON(s).first)
        #expect(idle["value"] as? String == "10")
        #expect(idle["default"] as? String == "5")
        #expect(idle["changed"] as? Bool == true)
        #expect(idle["changed_by"] as? String == OSAccounts.me)
        #expect((idle["changed_at"] as? String)?.hasSuffix("Z") == true)
        let text = try s.run(["settings", "list"])
        #expect(text.stdout.contains("default 5; changed by \(OSAccounts.me) on "), "\(text)")

        let audit = try settingAudit(s)
        #expect(audit.count == 1)
        #expect(audit.first?["detail"] as? String == "idle_lock_minutes 5 → 10")
        #expect(audit.first?["user"] as? String == OSAccounts.me)

        // The same value again changes nothing and is not audited.
        let again = try s.run(["settings", "set", "idle_lock_minutes", "10"])
        #expect(again.status == Exit.ok)
        #expect(again.stdout.contains("already 10: nothing changed"), "\(again)")
        #expect(try settingAudit(s).count == 1)
        #expect(try s.run(["audit", "verify"]).status == Exit.ok)
    }

    @Test func setWithJSONPrintsTheSetting() throws {
        let s = try Sandbox()
        let set = try s.run(["settings", "set", "closure_days", "2026-12-28, 2026-12-25", "--json"])
        #expect(set.status == Exit.ok, "\(set)")
        let json = try set.json()
        #expect(json["key"] as? String == "closure_days")
        #expect(json["value"] as? String == "2026-12-25,2026-12-28")
        #expect(json["changed"] as? Bool == true)
        #expect(json["rule"] as? String != nil)

        let cleared = try s.run(["settings", "set", "closure_days", ""])
        #expect(cleared.status == Exit.ok, "\(cleared)")
        #expect(cleared.stdout == "closure_days: 2026-12-25,2026-12-28 → (none)\n", "\(cleared)")
    }

    @Test func aValueBreakingTheRuleIsRefusedWithTheRule() throws {
        let s = try Sandbox()
        let bad = try s.run(["settings", "set", "opening_hours", "17:00-08:30"])
        #expect(bad.status == Exit.refused, "\(bad)")
        #expect(bad.stderr.contains("opening_hours: must be two 24-hour times HH:MM-HH:MM, the start before the end"), "\(bad)")
        let json = try s.run(["settings", "set", "idle_lock_minutes", "0", "--json"])
        #expect(json.status == Exit.refused)
        let error = try #require(try json.errorJSON()["error"] as? [String: Any])
        let fields = try #require(error["fields"] as? [[String: Any]])
        #expect(fields.first?["field"] as? String == "idle_lock_minutes")
        #expect((fields.first?["reason"] as? String)?.contains("from 1 to 120") == true)
        #expect(try settingAudit(s).isEmpty)
    }

    @Test func anUnknownKeyIsRefusedNamingTheKnownKeys() throws {
        let s = try Sandbox()
        let unknown = try s.run(["settings", "set", "idle_minutes", "10"])
        #expect(unknown.status == Exit.refused, "\(unknown)")
        #expect(unknown.stderr.contains("there is no setting 'idle_minutes'"), "\(unknown)")
        for key in Self.keys { #expect(unknown.stderr.contains(key), "\(unknown)") }
    }

    @Test func aClerkListsButMayNotSet() throws {
        let s = try Sandbox()
        // Someone else becomes manager; the OS user running the tests becomes a clerk.
        #expect(try s.run(["staff", "add", "--login", "fdtestboss", "--name", "Bo Boss", "--role", "manager"]).status == Exit.ok)
        let demoted = try s.run(["staff", "set-role", OSAccounts.me, "clerk"])
        #expect(demoted.status == Exit.ok, "\(demoted)")

        let refused = try s.run(["settings", "set", "idle_lock_minutes", "10"])
        #expect(refused.status == Exit.forbidden, "\(refused)")
        #expect(refused.stderr.contains("a Patient Services Clerk may not change settings (needs permission manage_settings"), "\(refused)")
        // Whatever was typed: the permission is what is refused.
        #expect(try s.run(["settings", "set", "nonsense", "x"]).status == Exit.forbidden)
        #expect(try s.run(["settings", "list"]).status == Exit.ok)
        #expect(try settingsJSON(s).first?["value"] as? String == "5")
    }
}
