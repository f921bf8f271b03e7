import Foundation
import Testing

/// `frontdesk patient search`, run as a real process.
@Suite("patient search")
struct PatientSearchCommandTests {
    static let rowKeys: Set<String> = ["id", "mrn", "nhs_number", "title", "family_name", "given_names",
                                       "date_of_birth", "sex", "postcode", "match", "date_of_death", "restricted"]

    @Test("--json shape: results with exactly the documented keys, more, more_capped")
    func jsonShape() throws {
        let s = try Sandbox()
        let added = try s.add(["--title", "Mrs", "--family", "Smith", "--given", "Mary Anne", "--dob", "12/03/1956",
                               "--sex", "F", "--nhs", "943 476 5919", "--postcode", "CH63 4JY"])
        let r = try s.run(["patient", "search", "--json", "smith"])
        #expect(r.status == Exit.ok, "\(r)")
        let top = try r.json()
        #expect(Set(top.keys) == ["results", "more", "more_capped"], "\(r)")
        #expect(top["more"] as? Int == 0)
        #expect(top["more_capped"] as? Bool == false)
        let rows = try #require(top["results"] as? [[String: Any]])
        try #require(rows.count == 1, "\(r)")
        let row = rows[0]
        #expect(Set(row.keys) == Self.rowKeys, "\(r)")
        #expect(row["id"] as? Int == added["id"] as? Int)
        #expect(row["mrn"] as? String == "FD0000001")
        #expect(row["nhs_number"] as? String == "9434765919")
        #expect(row["title"] as? String == "Mrs")
        #expect(row["family_name"] as? String == "Smith")
        #expect(row["given_names"] as? String == "Mary Anne")
        #expect(row["date_of_birth"] as? String == "1956-03-12")
        #expect(row["sex"] as? String == "female")
        #expect(row["postcode"] as? String == "CH63 4JY")
        #expect(row["match"] as? String == "direct")
        #expect(row["date_of_death"] is NSNull, "\(r)")
    }

    @Test("a patient who has died is listed as such: 'died' instead of the age, date_of_death in JSON")
    func deceasedInList() throws {
        let s = try Sandbox()
        try s.add(["--family", "Parry", "--given", "Owen", "--dob", "02/05/1940", "--date-of-death", "01/10/2026"])
        let text = try s.run(["patient", "search", "parry"])
        #expect(text.status == Exit.ok, "\(text)")
        #expect(text.stdout.contains("02-May-1940 died"), "\(text)")
        #expect(!text.stdout.contains("(86y)"), "\(text)")
        let json = try s.run(["patient", "search", "--json", "parry"])
        let rows = try #require(try json.json()["results"] as? [[String: Any]])
        #expect(rows.first?["date_of_death"] as? String == "2026-10-01", "\(json)")
    }

    @Test("--json shape: a row without NHS number, title or postcode still has those keys (null)")
    func jsonShapeWithAbsentValues() throws {
        let s = try Sandbox()
        try s.add(["--family", "Doe", "--given", "Jane", "--dob", "1970-01-01"])
        let r = try s.run(["patient", "search", "--json", "doe"])
        #expect(r.status == Exit.ok, "\(r)")
        let rows = try #require(try r.json()["results"] as? [[String: Any]])
        try #require(rows.count == 1, "\(r)")
        // Issue 2 §8 lists every key of a result row; a consumer must not have to
        // guess whether a missing key means "none" or "not supported".
        #expect(Set(rows[0].keys) == Self.rowKeys, "missing keys: \(Self.rowKeys.subtracting(rows[0].keys).sorted()) in \(r.stdout)")
        for key in ["nhs_number", "title", "postcode"] {
            #expect(rows[0][key] is NSNull, "\(key) should be null: \(r.stdout)")
        }
    }

    @Test("by NHS number, hospital number, date of birth, postcode, outward code and phone, in the ways a clerk types them")
    func identifiers() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956", "--nhs", "9434765919",
                   "--postcode", "CH63 4JY", "--phone", "0151 556 5000"])
        try s.add(["--family", "Jones", "--given", "Ann", "--dob", "12/03/1956", "--postcode", "L1 8JQ",
                   "--mrn", "RX12345", "--phone", "mobile:07700 900123"])
        // Brown takes the next FD number: a hospital number given by hand does not use one up.
        try s.add(["--family", "Brown", "--given", "Carl", "--dob", "1960-07-01", "--postcode", "CH63 9AB"])

        let cases: [(String, [String])] = [
            ("943 476 5919", ["FD0000001"]),
            ("943-476-5919", ["FD0000001"]),
            ("9434765919", ["FD0000001"]),
            ("fd0000001", ["FD0000001"]),
            ("FD0000001", ["FD0000001"]),
            ("rx12345", ["RX12345"]),
            ("12/03/1956", ["RX12345", "FD0000001"]),       // Jones before Smith
            ("12-03-1956", ["RX12345", "FD0000001"]),
            ("12-Mar-1956", ["RX12345", "FD0000001"]),
            ("12 mar 1956", ["RX12345", "FD0000001"]),
            ("1956-03-12", ["RX12345", "FD0000001"]),
            ("12031956", ["RX12345", "FD0000001"]),
            ("ch634jy", ["FD0000001"]),
            ("CH63 4JY", ["FD0000001"]),
            ("l18jq", ["RX12345"]),
            ("CH63", ["FD0000002", "FD0000001"]),              // Brown before Smith
            ("0151 556 5000", ["FD0000001"]),
            ("+44 151 556 5000", ["FD0000001"]),
            ("01515565000", ["FD0000001"]),
            ("07700900123", ["RX12345"]),
            ("smith 12/03/1956", ["FD0000001"]),
            ("12/03/1956 jones", ["RX12345"]),
            ("smith ch63 4jy", ["FD0000001"]),
            ("smith l1 8jq", []),
            ("943 476 5919 jones", []),
            ("fd0000009", []),
            ("01/01/1901", []),
        ]
        for (query, expected) in cases {
            let found = try s.search(query)
            let direct = found.results.filter { $0.match == "direct" }.map(\.mrn)
            #expect(direct == expected, "query '\(query)': \(found.results)")
        }
    }

    @Test("names: prefixes in any order, apostrophes, hyphens, accents, Ø, Chinese", arguments: [
        ("Ó Súilleabháin", "Siobhán", ["o suilleabhain", "súilleabháin", "suil", "SUILLEABHAIN siob", "osuilleabhain"]),
        ("O'Brien", "Patrick", ["obrien", "o'brien", "brien", "O'BRIEN pat", "pat o"]),
        ("Smith-Jones", "Mary", ["smith jones", "smithjones", "jones", "smith-jones", "mary jon"]),
        ("Østergaard", "Lars", ["ostergaard", "østergaard", "OSTER", "lars øst"]),
        ("李", "小龙", ["李", "小龙", "李 小龙", "小"]),
        ("Evans", "Siân", ["sian", "siân", "SIAN evans", "evans si"]),
    ])
    func unicodeNames(family: String, given: String, queries: [String]) throws {
        let s = try Sandbox()
        let added = try s.add(["--family", family, "--given", given, "--dob", "1961-01-01"])
        #expect(added["family_name"] as? String == family)
        #expect(added["given_names"] as? String == given)
        // A bystander that none of the queries should find.
        try s.add(["--family", "Walker", "--given", "Tom", "--dob", "1970-01-01"])
        for query in queries {
            let found = try s.search(query)
            #expect(found.results.map(\.family_name) == [family], "query '\(query)': \(found.results)")
            #expect(found.results.first?.given_names == given, "query '\(query)'")
            #expect(found.results.first?.match == "direct", "query '\(query)'")
        }
        // The human form prints the name as stored.
        let human = try s.run(["patient", "search", queries[0]])
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.uppercased().contains(family.uppercased()), "\(human)")
    }

    @Test("sounds-like matches come after the direct ones and are marked")
    func soundsLike() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        try s.add(["--family", "Smyth", "--given", "Jonathan", "--dob", "12/03/1956", "--confirm-not-duplicate"])
        try s.add(["--family", "Thompson", "--given", "Alice", "--dob", "1950-05-05"])
        try s.add(["--family", "Stephens", "--given", "Bob", "--dob", "1951-05-05"])
        try s.add(["--family", "Walker", "--given", "Tom", "--dob", "1970-01-01"])

        let smith = try s.search("smith")
        #expect(smith.results.map(\.family_name) == ["Smith", "Smyth"], "\(smith.results)")
        #expect(smith.results.map(\.match) == ["direct", "sounds_like"], "\(smith.results)")

        let smyth = try s.search("smyth")
        #expect(smyth.results.map(\.family_name) == ["Smyth", "Smith"], "\(smyth.results)")
        #expect(smyth.results.map(\.match) == ["direct", "sounds_like"], "\(smyth.results)")

        let thomson = try s.search("thomson")
        #expect(thomson.results.map(\.family_name) == ["Thompson"], "\(thomson.results)")
        #expect(thomson.results.map(\.match) == ["sounds_like"], "\(thomson.results)")

        let stevens = try s.search("stevens")
        #expect(stevens.results.map(\.family_name) == ["Stephens"], "\(stevens.results)")
        #expect(stevens.results.first?.match == "sounds_like")

        let human = try s.run(["patient", "search", "smith"])
        #expect(human.stdout.contains("~ sounds like"), "\(human)")
    }

    @Test("--limit caps the rows and `more` counts the rest, in name order")
    func limitAndMore() throws {
        let s = try Sandbox()
        let givens = ["Amy", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus"]
        var csv = "family_name,given_names,date_of_birth\n"
        for (i, given) in givens.reversed().enumerated() { csv += "Walker,\(given),1950-01-\(String(format: "%02d", i + 1))\n" }
        csv += "Jones,Zed,1960-01-01\n"
        let file = try s.write("walkers.csv", csv)
        let imported = try s.run(["import", "patients", file])
        try #require(imported.status == Exit.ok, "\(imported)")

        let limited = try s.search("walker", limit: 3)
        #expect(limited.results.map(\.given_names) == ["Amy", "Ben", "Cat"], "\(limited.results)")
        #expect(limited.more == 4)
        #expect(limited.more_capped == false)

        let all = try s.search("walker")
        #expect(all.results.count == 7)
        #expect(all.results.map(\.given_names) == givens)
        #expect(all.more == 0)

        let w = try s.search("w", limit: 1)
        #expect(w.results.map(\.given_names) == ["Amy"], "\(w.results)")
        #expect(w.more == 6)

        let human = try s.run(["patient", "search", "walker", "--limit", "2"])
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.contains("5 more"), "the human form should say how many more: \(human)")
    }

    @Test("showing a list of results is not opening a record: no audit entry")
    func searchIsNotAudited() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        let before = try s.audit().count
        _ = try s.search("smith")
        _ = try s.search("fd0000001")
        #expect(try s.audit().count == before)
    }

    @Test("no match: an empty list, exit 0")
    func noMatch() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        let found = try s.search("zzzz")
        #expect(found.results.isEmpty)
        #expect(found.more == 0)
        let human = try s.run(["patient", "search", "zzzz"])
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.contains("No patients match"), "\(human)")
    }
}
