import Foundation
import Testing

@Suite("treatment protocols from the command line")
struct ProtocolCommandTests {
    /// The services the example protocols use.
    func services(_ s: Sandbox) throws {
        for (code, minutes) in [("phlebotomy", "10"), ("onc_fu", "20"), ("sact_chair", "120")] {
            let r = try s.run(["service", "add", "--code", code, "--name", code, "--minutes", minutes])
            try #require(r.status == Exit.ok, "\(r)")
        }
    }

    var sactFile: String {
        packageRoot.appendingPathComponent("Docs/protocols/sact-21x6.yaml").path
    }

    @Test("import makes version 1; the same file again changes nothing; a changed file is version 2; show and list")
    func versions() throws {
        let s = try Sandbox()
        try services(s)
        let first = try s.run(["protocol", "import", sactFile, "--json"])
        #expect(first.status == Exit.ok, "\(first)")
        #expect(try first.json()["version"] as? Int == 1)
        #expect(try first.json()["unchanged"] as? Bool == false)
        let again = try s.run(["protocol", "import", sactFile])
        #expect(again.status == Exit.ok)
        #expect(again.stdout.contains("Unchanged: sact_21x6 version 1"))

        let changed = try String(contentsOfFile: sactFile, encoding: .utf8).replacingOccurrences(of: "cycles: 6", with: "cycles: 4")
        let path = try s.write("sact4.yaml", changed)
        let second = try s.run(["protocol", "import", path, "--json"])
        #expect(try second.json()["version"] as? Int == 2, "\(second)")
        let shown = try s.run(["protocol", "show", "sact_21x6", "--json"]).json()
        #expect(shown["version"] as? Int == 2)
        #expect(shown["cycles"] as? Int == 4)
        let old = try s.run(["protocol", "show", "sact_21x6", "--version", "1", "--json"]).json()
        #expect(old["cycles"] as? Int == 6, "a booked course keeps the version it was booked with")
        let rules = try #require(old["rules"] as? [[String: Any]])
        #expect(rules.first?["min"] as? String == "2h")
        #expect(rules.first?["max"] as? String == "2d")
        let list = try #require(try s.run(["protocol", "list", "--json"]).json()["protocols"] as? [[String: Any]])
        #expect(list.count == 1)
        #expect(list.first?["version"] as? Int == 2)
        let yaml = try s.run(["protocol", "show", "sact_21x6", "--version", "1", "--yaml"])
        #expect(yaml.stdout == (try String(contentsOfFile: sactFile, encoding: .utf8)))
        let audit = try #require(try s.run(["audit", "log", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(audit.filter { $0["action"] as? String == "protocol" }.count == 2)
    }

    @Test("a bad file is refused naming every place and rule, exit 1, nothing stored")
    func refused() throws {
        let s = try Sandbox()
        try services(s)
        let bad = try String(contentsOfFile: sactFile, encoding: .utf8)
            .replacingOccurrences(of: "service: onc_fu", with: "service: dermatology")
            .replacingOccurrences(of: "min: 2h, max: 2d", with: "min: 3d, max: 2d")
        let path = try s.write("bad.yaml", bad)
        let r = try s.run(["protocol", "import", path, "--json"])
        #expect(r.status == Exit.refused)
        let fields = try #require(try r.errorJSON()["error"] as? [String: Any])["fields"] as? [[String: Any]] ?? []
        #expect(Set(fields.compactMap { $0["field"] as? String }) == ["steps[1].service", "rules[0].min"], "\(r)")
        #expect(try s.run(["protocol", "list"]).stdout.contains("No protocols yet"))
        #expect(try s.run(["protocol", "show", "sact_21x6"]).status == Exit.notFound)
        #expect(try s.run(["protocol", "import", s.path("missing.yaml")]).status == Exit.refused)
    }
}
