import Foundation
import Testing

/// `frontdesk patient add`, run as a real process.
@Suite("patient add")
struct PatientAddCommandTests {
    @Test("human output: the new FD hospital number, the NHS number shown 3-3-4, the normalised postcode")
    func addHuman() throws {
        let s = try Sandbox()
        let r = try s.run(["patient", "add", "--family", "Smith", "--given", "John", "--dob", "12/03/1956",
                           "--nhs", "943 476 5919", "--postcode", "ch634jy", "--sex", "M"])
        #expect(r.status == Exit.ok, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
        #expect(r.stdout.contains("Registered SMITH, John, hospital number FD0000001."), "\(r)")
        #expect(r.stdout.contains("943 476 5919"), "\(r)")
        #expect(r.stdout.contains("CH63 4JY"), "\(r)")
        #expect(r.stdout.contains("12-Mar-1956"), "\(r)")
        #expect(r.stdout.contains("male"), "\(r)")

        let second = try s.run(["patient", "add", "--family", "Doe", "--given", "Jane", "--dob", "1970-01-01"])
        #expect(second.status == Exit.ok, "\(second)")
        #expect(second.stdout.contains("FD0000002"), "\(second)")
        #expect(second.stdout.contains("trace required"), "a record without an NHS number carries 'trace required': \(second)")
    }

    @Test("--json: the whole record, NHS number stored as 10 digits, 'trace required' without one")
    func addJSON() throws {
        let s = try Sandbox()
        let first = try s.add(["--family", "Smith", "--given", "John", "--dob", "12031956", "--title", "Mr",
                               "--nhs", "943-476-5919", "--postcode", "ch63 4jy", "--phone", "0151 556 5000"])
        #expect(first["mrn"] as? String == "FD0000001")
        #expect(first["nhs_number"] as? String == "9434765919")
        #expect(first["family_name"] as? String == "Smith")
        #expect(first["given_names"] as? String == "John")
        #expect(first["title"] as? String == "Mr")
        #expect(first["date_of_birth"] as? String == "1956-03-12")
        #expect(first["postcode"] as? String == "CH63 4JY")
        #expect(first["sex"] as? String == "unknown")
        #expect(first["nhs_number_status_label"] as? String != "trace required")
        #expect((first["id"] as? Int) != nil)

        let second = try s.add(["--family", "Doe", "--given", "Jane", "--dob", "1970-01-01"])
        #expect(second["mrn"] as? String == "FD0000002")
        #expect(second["nhs_number"] == nil || second["nhs_number"] is NSNull)
        #expect(second["nhs_number_status_label"] as? String == "trace required")

        // A hospital number given is kept as typed.
        let third = try s.add(["--family", "Roe", "--given", "Ann", "--dob", "1971-01-01", "--mrn", "RX12345"])
        #expect(third["mrn"] as? String == "RX12345")
        #expect(try s.patientCount() == 3)
    }

    /// One invalid field per case: exit 1, the field named on stderr, nothing written.
    static let invalidCases: [(String, [String])] = [
        ("nhs_number", ["--family", "Zedd", "--given", "Zara", "--dob", "1962-01-01", "--nhs", "1234567890"]),
        ("nhs_number", ["--family", "Zedd", "--given", "Zara", "--dob", "1962-01-01", "--nhs", "943 476 591"]),
        ("nhs_number", ["--family", "Zedd", "--given", "Zara", "--dob", "1962-01-01", "--nhs", "9434765918"]),
        ("date_of_birth", ["--family", "Zedd", "--given", "Zara", "--dob", "31/02/1962"]),
        ("date_of_birth", ["--family", "Zedd", "--given", "Zara", "--dob", "01/01/2199"]),
        ("date_of_birth", ["--family", "Zedd", "--given", "Zara", "--dob", "31/12/1899"]),
        ("date_of_birth", ["--family", "Zedd", "--given", "Zara"]),
        ("postcode", ["--family", "Zedd", "--given", "Zara", "--dob", "1962-01-01", "--postcode", "ZZZ"]),
        ("family_name", ["--family", "Sm1th", "--given", "Zara", "--dob", "1962-01-01"]),
        ("family_name", ["--given", "Zara", "--dob", "1962-01-01"]),
        ("given_names", ["--family", "Zedd", "--dob", "1962-01-01"]),
        ("sex", ["--family", "Zedd", "--given", "Zara", "--dob", "1962-01-01", "--sex", "x"]),
        ("email", ["--family", "Zedd", "--given", "Zara", "--dob", "1962-01-01", "--email", "not-an-email"]),
    ]

    @Test("an invalid value is refused (exit 1), names its field, and writes nothing", arguments: invalidCases)
    func invalidInput(field: String, args: [String]) throws {
        let s = try Sandbox()
        let r = try s.run(["patient", "add"] + args)
        #expect(r.status == Exit.refused, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.contains(field), "stderr should name \(field): \(r)")
        #expect(try s.search("zara").results.isEmpty)
        #expect(try s.patientCount() == 0)
        #expect(try s.audit().isEmpty)

        let json = try s.run(["patient", "add", "--json"] + args)
        #expect(json.status == Exit.refused, "\(json)")
        let error = try #require(try json.errorJSON()["error"] as? [String: Any])
        let fields = (error["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields.contains(field), "\(json)")
        #expect(try s.patientCount() == 0)
    }

    @Test("several invalid fields are all reported at once")
    func severalInvalid() throws {
        let s = try Sandbox()
        let args = ["patient", "add", "--family", "Zedd", "--given", "Zara", "--dob", "31/02/2020",
                    "--nhs", "1234567890", "--postcode", "ZZZ"]
        let r = try s.run(args)
        #expect(r.status == Exit.refused, "\(r)")
        for field in ["date_of_birth", "nhs_number", "postcode"] {
            #expect(r.stderr.contains(field), "stderr should name \(field): \(r)")
        }
        let json = try s.run(args + ["--json"])
        #expect(json.status == Exit.refused, "\(json)")
        let error = try #require(try json.errorJSON()["error"] as? [String: Any])
        let fields = Set((error["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
        #expect(fields == ["date_of_birth", "nhs_number", "postcode"], "\(json)")
        #expect(try s.patientCount() == 0)
    }

    @Test("the same NHS number twice is refused as a duplicate (exit 3), whatever its spacing")
    func sameNHSNumber() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956", "--nhs", "9434765919"])
        let r = try s.run(["patient", "add", "--family", "Other", "--given", "Person", "--dob", "01/01/1980",
                           "--nhs", "943 476 5919"])
        #expect(r.status == Exit.duplicate, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.contains("nhs_number"), "\(r)")
        // Whose number it is is never said (the record may be restricted).
        #expect(r.stderr.contains("already registered"), "\(r)")
        #expect(!r.stderr.contains("FD0000001") && !r.stderr.contains("SMITH"), "the message must not say whose number it is: \(r)")
        #expect(try s.patientCount() == 1)
        // Not even a confirmation lets the same NHS number in.
        let forced = try s.run(["patient", "add", "--family", "Other", "--given", "Person", "--dob", "01/01/1980",
                                "--nhs", "9434765919", "--confirm-not-duplicate"])
        #expect(forced.status == Exit.duplicate, "\(forced)")
        #expect(try s.patientCount() == 1)
    }

    @Test("the same hospital number twice is refused (exit 3), in any case")
    func sameMRN() throws {
        let s = try Sandbox()
        try s.add(["--family", "Roe", "--given", "Ann", "--dob", "1971-01-01", "--mrn", "RX12345"])
        let r = try s.run(["patient", "add", "--family", "Other", "--given", "Person", "--dob", "01/01/1980",
                           "--mrn", "rx12345"])
        #expect(r.status == Exit.duplicate, "\(r)")
        #expect(try s.patientCount() == 1)
    }

    @Test("a likely duplicate (same birth date, similar name) is refused until confirmed")
    func likelyDuplicate() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        let r = try s.run(["patient", "add", "--family", "Smyth", "--given", "Jonathan", "--dob", "1956-03-12"])
        #expect(r.status == Exit.duplicate, "\(r)")
        #expect(r.stdout.isEmpty, "\(r)")
        #expect(r.stderr.contains("FD0000001"), "\(r)")
        #expect(r.stderr.contains("--confirm-not-duplicate"), "the message should say how to confirm: \(r)")
        #expect(try s.patientCount() == 1)

        let json = try s.run(["patient", "add", "--json", "--family", "Smyth", "--given", "Jonathan", "--dob", "1956-03-12"])
        #expect(json.status == Exit.duplicate, "\(json)")
        let error = try #require(try json.errorJSON()["error"] as? [String: Any])
        let candidates = try #require(error["candidates"] as? [[String: Any]])
        #expect(candidates.compactMap { $0["mrn"] as? String } == ["FD0000001"])

        let confirmed = try s.run(["patient", "add", "--json", "--family", "Smyth", "--given", "Jonathan",
                                   "--dob", "1956-03-12", "--confirm-not-duplicate"])
        #expect(confirmed.status == Exit.ok, "\(confirmed)")
        #expect(try confirmed.json()["mrn"] as? String == "FD0000002")
        #expect(try s.patientCount() == 2)

        // A different birth date is not a likely duplicate.
        let other = try s.run(["patient", "add", "--family", "Smith", "--given", "John", "--dob", "13/03/1956"])
        #expect(other.status == Exit.ok, "\(other)")
    }

    @Test("usage errors exit 64")
    func usage() throws {
        let s = try Sandbox()
        let unknown = try s.run(["patient", "add", "--bogus"])
        #expect(unknown.status == Exit.usage, "\(unknown)")
        let noQuery = try s.run(["patient", "search"])
        #expect(noQuery.status == Exit.usage, "\(noQuery)")
        let badLimit = try s.run(["patient", "search", "smith", "--limit", "0"])
        #expect(badLimit.status == Exit.usage, "\(badLimit)")
    }
}
