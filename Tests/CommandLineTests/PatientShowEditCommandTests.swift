import Foundation
import Testing

/// `frontdesk patient show`, `patient edit` and `audit log`, run as real processes.
@Suite("patient show and edit")
struct PatientShowEditCommandTests {
    /// A sandbox holding Smith (FD0000001, NHS 943 476 5919) and Doe (FD0000002, no NHS number).
    func twoPatients() throws -> Sandbox {
        let s = try Sandbox()
        try s.add(["--title", "Mr", "--family", "Smith", "--given", "John", "--dob", "12/03/1956", "--sex", "M",
                   "--nhs", "9434765919", "--postcode", "ch634jy", "--phone", "0151 556 5000",
                   "--gp-code", "N81013", "--gp-name", "Allport Surgery", "--kin-name", "Mary Smith",
                   "--kin-relationship", "wife", "--alert", "aggression_history:shouted at reception"])
        try s.add(["--family", "Doe", "--given", "Jane", "--dob", "1970-01-01"])
        return s
    }

    @Test("show by hospital number (any case) and by NHS number (spaced or not) opens the same record")
    func showByEitherNumber() throws {
        let s = try twoPatients()
        var records: [[String: Any]] = []
        for key in ["FD0000001", "fd0000001", "943 476 5919", "9434765919", "943-476-5919"] {
            let r = try s.run(["patient", "show", "--json", key])
            #expect(r.status == Exit.ok, "show \(key): \(r)")
            guard r.status == Exit.ok else { continue }
            records.append(try r.json())
        }
        for record in records {
            #expect(record["mrn"] as? String == "FD0000001")
            #expect(record["nhs_number"] as? String == "9434765919")
            #expect(record["family_name"] as? String == "Smith")
            #expect(record["postcode"] as? String == "CH63 4JY")
            #expect((record["gp_practice"] as? [String: Any])?["code"] as? String == "N81013")
            #expect((record["next_of_kin"] as? [String: Any])?["name"] as? String == "Mary Smith")
            #expect((record["alerts"] as? [[String: Any]])?.first?["kind"] as? String == "aggression_history")
        }

        let human = try s.run(["patient", "show", "943 476 5919"])
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.contains("SMITH, John"), "\(human)")
        #expect(human.stdout.contains("943 476 5919"), "\(human)")
        #expect(human.stdout.contains("FD0000001"), "\(human)")
        #expect(human.stdout.contains("ALERT"), "an alert is shown: \(human)")

        let doe = try s.run(["patient", "show", "FD0000002"])
        #expect(doe.status == Exit.ok, "\(doe)")
        #expect(doe.stdout.contains("trace required"), "\(doe)")
    }

    @Test("show of an unknown patient exits 2 with a message on stderr; the row id is not accepted")
    func showUnknown() throws {
        let s = try twoPatients()
        for key in ["FD0000009", "401 023 2137", "1"] {
            let r = try s.run(["patient", "show", key])
            #expect(r.status == Exit.notFound, "show \(key): \(r)")
            #expect(r.stdout.isEmpty, "\(r)")
            #expect(!r.stderr.isEmpty, "\(r)")
        }
        let json = try s.run(["patient", "show", "--json", "FD0000009"])
        #expect(json.status == Exit.notFound, "\(json)")
        #expect((try json.errorJSON()["error"] as? [String: Any])?["message"] is String, "\(json)")
    }

    @Test("show writes a `view` audit entry, found by hospital or NHS number")
    func showIsAudited() throws {
        let s = try twoPatients()
        let before = try s.audit(patient: "FD0000001")
        #expect(before.map { $0["action"] as? String } == ["register"], "\(before)")
        #expect(!before.contains { $0["action"] as? String == "view" })

        let shown = try s.run(["patient", "show", "943 476 5919"])
        try #require(shown.status == Exit.ok, "\(shown)")

        let entries = try s.audit(patient: "FD0000001")
        #expect(entries.map { $0["action"] as? String } == ["view", "register"], "\(entries)")
        let view = try #require(entries.first)
        #expect(view["patient_mrn"] as? String == "FD0000001")
        #expect((view["user"] as? String)?.isEmpty == false)
        let when = try #require(view["occurred_at"] as? String)
        #expect(when.hasSuffix("Z"), "audit times are UTC: \(when)")
        #expect(ISO8601DateFormatter().date(from: when) != nil, "\(when)")

        // The same trail, asked for by NHS number; Doe's trail has no view.
        let byNHS = try s.audit(patient: "943 476 5919")
        #expect(byNHS.map { $0["action"] as? String } == ["view", "register"])
        let doe = try s.audit(patient: "FD0000002")
        #expect(doe.map { $0["action"] as? String } == ["register"], "\(doe)")

        // An unknown patient's trail is an error, not an empty list.
        let unknown = try s.run(["audit", "log", "--patient", "FD0000009"])
        #expect(unknown.status == Exit.notFound, "\(unknown)")

        let human = try s.run(["audit", "log"])
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.contains("view"), "\(human)")
    }

    @Test("edit changes a field, reports `changed`, and is audited")
    func editChangesField() throws {
        let s = try twoPatients()
        let r = try s.run(["patient", "edit", "--json", "FD0000002", "--postcode", "l1 8jq", "--title", "Ms"])
        #expect(r.status == Exit.ok, "\(r)")
        let json = try r.json()
        #expect(Set(json["changed"] as? [String] ?? []) == ["postcode", "title"], "\(r)")
        let patient = try #require(json["patient"] as? [String: Any])
        #expect(patient["postcode"] as? String == "L1 8JQ")
        #expect(patient["title"] as? String == "Ms")
        #expect(patient["family_name"] as? String == "Doe")

        let shown = try s.run(["patient", "show", "--json", "FD0000002"])
        #expect(try shown.json()["postcode"] as? String == "L1 8JQ")
        #expect(try s.search("l18jq").mrns == ["FD0000002"])

        // By NHS number, human output.
        let human = try s.run(["patient", "edit", "943 476 5919", "--given", "Johnny"])
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.contains("given_names"), "\(human)")
        #expect(try s.search("johnny smith").mrns == ["FD0000001"])

        // The same value again changes nothing.
        let same = try s.run(["patient", "edit", "--json", "FD0000002", "--postcode", "L1 8JQ"])
        #expect(same.status == Exit.ok, "\(same)")
        #expect((try same.json()["changed"] as? [String]) == [], "\(same)")

        let trail = try s.audit(patient: "FD0000002")
        let edits = trail.filter { $0["action"] as? String == "edit" }
        #expect(edits.count == 1, "\(trail)")
        #expect((edits.first?["detail"] as? String)?.contains("postcode") == true, "\(trail)")
    }

    @Test("edit with a bad value is refused (exit 1) and leaves the record unchanged")
    func editBadValue() throws {
        let s = try twoPatients()
        let before = try s.run(["patient", "show", "--json", "FD0000001"]).stdout
        let trailBefore = try s.audit(patient: "FD0000001").filter { $0["action"] as? String != "view" }.count

        let cases: [([String], String)] = [
            (["--postcode", "ZZZ"], "postcode"),
            (["--dob", "2199-01-01"], "date_of_birth"),
            (["--nhs", "1234567890"], "nhs_number"),
            (["--family", ""], "family_name"),
            (["--postcode", "L1 8JQ", "--dob", "31/02/1950"], "date_of_birth"),   // one good, one bad: neither saved
        ]
        for (args, field) in cases {
            let r = try s.run(["patient", "edit", "FD0000001"] + args)
            #expect(r.status == Exit.refused, "edit \(args): \(r)")
            #expect(r.stderr.contains(field), "edit \(args) should name \(field): \(r)")
        }
        let after = try s.run(["patient", "show", "--json", "FD0000001"]).stdout
        #expect(after == before)
        let trailAfter = try s.audit(patient: "FD0000001").filter { $0["action"] as? String != "view" }.count
        #expect(trailAfter == trailBefore, "a refused edit is not recorded as a change")
    }

    @Test("edit: unknown patient exits 2, no fields exits 1, another's NHS number exits 3")
    func editRefusals() throws {
        let s = try twoPatients()
        let unknown = try s.run(["patient", "edit", "FD0000009", "--postcode", "L1 8JQ"])
        #expect(unknown.status == Exit.notFound, "\(unknown)")
        let nothing = try s.run(["patient", "edit", "FD0000001"])
        #expect(nothing.status == Exit.refused, "\(nothing)")
        let taken = try s.run(["patient", "edit", "FD0000002", "--nhs", "943 476 5919"])
        #expect(taken.status == Exit.duplicate, "\(taken)")
        #expect(taken.stderr.contains("nhs_number"), "\(taken)")
        let doe = try s.run(["patient", "show", "--json", "FD0000002"])
        #expect(try doe.json()["nhs_number"] == nil || (try doe.json()["nhs_number"]) is NSNull)
    }
}
