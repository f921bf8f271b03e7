import Foundation
import Testing

@Suite("staff default site")
struct StaffSiteCommandTests {
    @Test("a person's usual site is set, shown in whoami and staff list, audited, and cleared")
    func setAndClear() throws {
        let s = try Sandbox()
        #expect(try s.run(["site", "add", "--code", "hub-north", "--name", "North hub"]).status == Exit.ok)
        let me = try #require(try s.run(["staff", "whoami", "--json"]).json()["login"] as? String)
        let set = try s.run(["staff", "set-site", me, "Hub-North", "--json"])
        #expect(set.status == Exit.ok, "\(set)")
        #expect(try set.json()["default_site"] as? String == "hub-north")
        #expect(try s.run(["staff", "whoami"]).stdout.contains("site: hub-north"))
        let log = try #require(try s.run(["audit", "log", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(log.contains { ($0["detail"] as? String)?.contains("default site: none → hub-north") == true })
        let cleared = try s.run(["staff", "set-site", me, "--json"])
        #expect(cleared.status == Exit.ok)
        #expect(try cleared.json()["default_site"] is NSNull)
    }

    @Test("an unknown site is refused naming the field and the sites there are")
    func unknownSite() throws {
        let s = try Sandbox()
        #expect(try s.run(["site", "add", "--code", "main", "--name", "Main"]).status == Exit.ok)
        let me = try #require(try s.run(["staff", "whoami", "--json"]).json()["login"] as? String)
        let r = try s.run(["staff", "set-site", me, "moon"])
        #expect(r.status == Exit.refused)
        #expect(r.stderr.contains("site: there is no site 'moon': choose one of main"))
    }
}
