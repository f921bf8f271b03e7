import Foundation
import Testing

@Suite("frontdesk keys: the key reference")
struct KeysCommandTests {
    @Test("Docs/KEYS.md is exactly what the binding data prints (re-generate with frontdesk keys > Docs/KEYS.md)")
    func keysDocumentMatchesBindings() throws {
        let s = try Sandbox()
        let outcome = try s.runRaw(["keys"])
        #expect(outcome.status == Exit.ok, "\(outcome)")
        let document = try String(contentsOf: packageRoot.appendingPathComponent("Docs/KEYS.md"), encoding: .utf8)
        #expect(outcome.stdout == document, "Docs/KEYS.md is out of date: run `.build/debug/frontdesk keys > Docs/KEYS.md`")
        for needed in ["`F1`, `?`", "`F10`, `Ctrl-Q`, `Ctrl-C`", "`F7`, `Insert`", "`Ctrl-S`", "`F8`", "## Patient record"] {
            #expect(outcome.stdout.contains(needed), "missing \(needed)")
        }
    }

    @Test("keys --json lists every binding with its context, keys, action and whether the bar shows it")
    func keysJSON() throws {
        let s = try Sandbox()
        let outcome = try s.runRaw(["keys", "--json"])
        #expect(outcome.status == Exit.ok, "\(outcome)")
        let keys = try #require(try outcome.json()["keys"] as? [[String: Any]])
        let quit = try #require(keys.first { ($0["action"] as? String) == "quit" })
        #expect(quit["keys"] as? [String] == ["F10", "Ctrl-Q", "Ctrl-C"])
        #expect(quit["in_bar"] as? Bool == true)
        #expect(keys.contains { ($0["context"] as? String) == "Patient record" && ($0["action"] as? String) == "editPatient" })
    }
}

@Suite("frontdesk staff roles: the permission matrix")
struct RolesCommandTests {
    @Test("Docs/SECURITY.md holds exactly the matrix the code enforces")
    func securityDocumentHoldsTheMatrix() throws {
        let s = try Sandbox(initialised: false)
        let outcome = try s.runRaw(["staff", "roles"])
        #expect(outcome.status == Exit.ok, "\(outcome)")
        let document = try String(contentsOf: packageRoot.appendingPathComponent("Docs/SECURITY.md"), encoding: .utf8)
        #expect(document.contains(outcome.stdout), "Docs/SECURITY.md's matrix differs from `frontdesk staff roles`")
        let json = try s.runRaw(["staff", "roles", "--json"])
        let roles = try #require(try json.json()["roles"] as? [[String: Any]])
        #expect(roles.map { $0["role"] as? String } == ["clerk", "officer", "manager"])
        let clerk = try #require(roles.first?["permissions"] as? [String])
        #expect(clerk.contains("register_patient") && !clerk.contains("merge_patients"))
    }
}
