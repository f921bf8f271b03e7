import Foundation
import Testing

@Suite("clinic set-up: sites, services, clinicians")
struct ClinicSetupCommandTests {
    @Test("a manager adds sites, services and clinicians; lists show them in code order; each addition is audited")
    func addAndList() throws {
        let s = try Sandbox()
        #expect(try s.run(["site", "add", "--code", "main", "--name", "Main site"]).status == Exit.ok)
        let hub = try s.run(["site", "add", "--code", "Hub_North", "--name", " Northern hub ", "--json"])
        #expect(hub.status == Exit.ok, "\(hub)")
        #expect(try hub.json()["code"] as? String == "hub_north", "codes are stored in lower case")
        #expect(try hub.json()["name"] as? String == "Northern hub")
        let service = try s.run(["service", "add", "--code", "phleb", "--name", "Phlebotomy", "--minutes", "5",
                                 "--follow-up", "--mode", "telephone", "--json"])
        #expect(service.status == Exit.ok, "\(service)")
        #expect(try service.json()["attendance"] as? String == "follow_up")
        #expect(try service.json()["mode"] as? String == "telephone")
        let clinician = try s.run(["clinician", "add", "--code", "linac-2", "--name", "Linear accelerator 2", "--role", "resource", "--json"])
        #expect(clinician.status == Exit.ok, "\(clinician)")
        let sites = try #require(try s.run(["site", "list", "--json"]).json()["sites"] as? [[String: Any]])
        #expect(sites.map { $0["code"] as? String } == ["hub_north", "main"])
        let services = try #require(try s.run(["service", "list", "--json"]).json()["services"] as? [[String: Any]])
        #expect(services.first?["minutes"] as? Int == 5)
        let clinicians = try #require(try s.run(["clinician", "list", "--json"]).json()["clinicians"] as? [[String: Any]])
        #expect(clinicians.first?["role"] as? String == "resource")
        let log = try #require(try s.run(["audit", "log", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(log.filter { $0["action"] as? String == "diary" }.count == 4, "\(log)")
    }

    @Test("bad input names the field and the rule, exit 1, nothing added", arguments: [
        (["site", "add", "--code", "x", "--name", "X"], "code"),
        (["site", "add", "--code", "main2", "--name", ""], "name"),
        (["service", "add", "--code", "onc", "--name", "Oncology", "--minutes", "3"], "minutes"),
        (["service", "add", "--code", "9onc", "--name", "Oncology", "--minutes", "30"], "code"),
        (["clinician", "add", "--code", "dr-x", "--name", "Dr\u{202E}X", "--role", "consultant"], "name"),
    ])
    func refusals(args: [String], field: String) throws {
        let s = try Sandbox()
        let r = try s.run(args)
        #expect(r.status == Exit.refused, "\(r)")
        #expect(r.stderr.contains("\(field):"), "\(r)")
        let list = try s.run([args[0], "list", "--json"])
        let key = args[0] == "site" ? "sites" : args[0] == "service" ? "services" : "clinicians"
        #expect((try list.json()[key] as? [Any])?.isEmpty == true, "\(list)")
    }

    @Test("pharmacy screening: set when a service is added, changed with service set, shown by service list (text and JSON); audited")
    func pharmacyScreening() throws {
        let s = try Sandbox()
        let chair = try s.run(["service", "add", "--code", "chemo-day", "--name", "Chemotherapy day unit", "--minutes", "120",
                               "--follow-up", "--pharmacy-screening", "--json"])
        #expect(chair.status == Exit.ok, "\(chair)")
        #expect(try chair.json()["pharmacy_screening"] as? Bool == true)
        #expect(try s.run(["service", "add", "--code", "sact-review", "--name", "SACT nurse review", "--minutes", "20"]).status == Exit.ok)
        func flags() throws -> [String: Bool] {
            let list = try #require(try s.run(["service", "list", "--json"]).json()["services"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: list.map { ($0["code"] as? String ?? "?", $0["pharmacy_screening"] as? Bool ?? false) })
        }
        #expect(try flags() == ["chemo-day": true, "sact-review": false])
        let on = try s.run(["service", "set", "SACT-REVIEW", "--pharmacy-screening"])
        #expect(on.status == Exit.ok, "\(on)")
        #expect(on.stdout.contains("Service sact-review: pharmacy screening on."), "\(on)")
        let off = try s.run(["service", "set", "chemo-day", "--no-pharmacy-screening", "--json"])
        #expect(try off.json()["pharmacy_screening"] as? Bool == false, "\(off)")
        #expect(try flags() == ["chemo-day": false, "sact-review": true])
        let text = try s.run(["service", "list"]).stdout
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("sact-review") && $0.hasSuffix("pharmacy screening") }, "\(text)")
        let unknown = try s.run(["service", "set", "nope", "--pharmacy-screening"])
        #expect(unknown.status == Exit.notFound, "\(unknown)")
        #expect(unknown.stderr.contains("service: there is no service 'nope'"), "\(unknown)")
        #expect(try s.run(["service", "set", "chemo-day"]).status != Exit.ok)   // on or off must be said
        let log = try #require(try s.run(["audit", "log", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(log.contains { ($0["detail"] as? String)?.hasPrefix("service chemo-day: pharmacy screening off") == true }, "\(log)")
    }

    @Test("a code already used is refused, whatever its case")
    func codesAreNeverReused() throws {
        let s = try Sandbox()
        #expect(try s.run(["site", "add", "--code", "main", "--name", "Main site"]).status == Exit.ok)
        let again = try s.run(["site", "add", "--code", "MAIN", "--name", "Another"])
        #expect(again.status == Exit.refused, "\(again)")
        #expect(again.stderr.contains("already exists"), "\(again)")
    }
}
