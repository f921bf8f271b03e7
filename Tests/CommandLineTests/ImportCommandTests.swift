import Foundation
import Testing

/// `frontdesk import patients FILE.csv`, run as a real process.
@Suite("import patients")
struct ImportCommandTests {
    /// A file with a byte-order mark, a quoted field holding a comma, a record
    /// spanning two physical lines, an unknown column, and bad and duplicate rows.
    /// Line numbers are physical lines of the file; the header is line 1.
    static let mixedCSV =
        "\u{FEFF}nhs_number,mrn,family_name,given_names,date_of_birth,address_line_1,postcode,favourite_colour\n"
        + "4010232137,,Jones,Mary,01/02/1960,\"Flat 2, 10 High Street\",CH63 4JY,blue\n"      // 2 imported
        + ",,Evans,Siân,1961-05-05,,,\"likes tea\nand cake\"\n"                                // 3-4 imported
        + "1234567890,,Badnhs,Bob,1962-01-01,,,\n"                                            // 5 rejected nhs_number
        + ",,Baddate,Bob,31/02/1962,,,\n"                                                     // 6 rejected date_of_birth
        + ",,,Nofamily,1963-01-01,,,\n"                                                       // 7 rejected family_name
        + "401 023 2137,,Again,Mary,1964-01-01,,,\n"                                          // 8 duplicate in the file
        + "9434765919,,Held,Already,1950-01-01,,,\n"                                          // 9 duplicate in the database
        + ",RX12345,Patel,Anil,1970-07-07,,l18jq,\n"                                          // 10 imported
        + ",FD0000001,Held,Bymrn,1950-01-01,,,\n"                                             // 11 duplicate mrn in the database
        + ",rx12345,Patel,Anita,1971-07-07,,,\n"                                              // 12 duplicate mrn in the file

    func sandboxWithSmith() throws -> Sandbox {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956", "--nhs", "9434765919"])
        return s
    }

    @Test("bad and duplicate rows: exit 4, each reported with its line, the good rows imported")
    func mixedFileJSON() throws {
        let s = try sandboxWithSmith()
        let file = try s.write("mixed.csv", Self.mixedCSV)
        let r = try s.run(["import", "patients", "--json", file])
        #expect(r.status == Exit.incomplete, "\(r)")
        let json = try r.json()
        #expect(Set(json.keys) == ["imported", "rejected", "duplicates", "likely_duplicates", "ignored_columns"], "\(r)")
        #expect((json["likely_duplicates"] as? [Any])?.isEmpty == true, "\(r)")
        #expect(json["imported"] as? Int == 3, "\(r)")
        #expect(json["ignored_columns"] as? [String] == ["favourite_colour"], "\(r)")

        let rejected = try #require(json["rejected"] as? [[String: Any]])
        for row in rejected {
            #expect(Set(row.keys) == ["line", "field", "reason"], "\(row)")
            #expect((row["reason"] as? String)?.isEmpty == false, "\(row)")
        }
        let rejectedPairs = rejected.map { "\($0["line"] as? Int ?? -1) \($0["field"] as? String ?? "?")" }
        #expect(rejectedPairs == ["5 nhs_number", "6 date_of_birth", "7 family_name"], "\(r)")

        let duplicates = try #require(json["duplicates"] as? [[String: Any]])
        let duplicateRows = duplicates.map { d -> String in
            let line = d["line"] as? Int ?? -1
            if let nhs = d["nhs_number"] as? String { return "\(line) nhs_number \(nhs)" }
            if let mrn = d["mrn"] as? String { return "\(line) mrn \(mrn.uppercased())" }
            return "\(line) ? \(d)"
        }
        #expect(duplicateRows == ["8 nhs_number 4010232137", "9 nhs_number 9434765919",
                                  "11 mrn FD0000001", "12 mrn RX12345"], "\(r)")
        for d in duplicates { #expect(d.keys.count == 3 && d.keys.contains("earlier_line"), "\(d)") }

        // What was imported, with its values intact; nothing else.
        #expect(try s.patientCount() == 4)
        let jones = try s.run(["patient", "show", "--json", "401 023 2137"])
        #expect(jones.status == Exit.ok, "\(jones)")
        #expect(try jones.json()["address_line_1"] as? String == "Flat 2, 10 High Street")
        #expect(try jones.json()["date_of_birth"] as? String == "1960-02-01", "DD/MM/YYYY is day first")
        #expect(try jones.json()["postcode"] as? String == "CH63 4JY")
        #expect(try s.search("sian evans").results.map(\.date_of_birth) == ["1961-05-05"])
        let patel = try s.search("rx12345")
        #expect(patel.results.map(\.given_names) == ["Anil"])
        #expect(patel.results.first?.mrn == "RX12345", "an imported hospital number keeps its own format")
        #expect(patel.results.first?.postcode == "L1 8JQ")
        for name in ["badnhs", "baddate", "nofamily", "again", "bymrn", "anita"] {
            #expect(try s.search(name).results.isEmpty, "\(name) should not have been imported")
        }
        // The patient already held is untouched.
        #expect(try s.search("9434765919").results.map(\.family_name) == ["Smith"])

        // Importing is a change: each imported patient has an audit entry.
        let registered = try s.audit().filter { $0["patient_mrn"] as? String == "RX12345" }
        #expect(!registered.isEmpty)
    }

    @Test("human output names each line, field and reason; exit 4")
    func mixedFileHuman() throws {
        let s = try sandboxWithSmith()
        let file = try s.write("mixed.csv", Self.mixedCSV)
        let r = try s.run(["import", "patients", file])
        #expect(r.status == Exit.incomplete, "\(r)")
        for expected in ["Imported 3 patients", "favourite_colour", "line 5: nhs_number", "line 6: date_of_birth",
                         "line 7: family_name", "line 8: duplicate NHS number", "line 9: duplicate NHS number",
                         "line 11: duplicate hospital number", "line 12: duplicate hospital number"] {
            #expect(r.stdout.contains(expected), "missing '\(expected)': \(r)")
        }
    }

    @Test("a fully valid file (no BOM, CRLF, only the required columns, both date formats) imports with exit 0")
    func validFile() throws {
        let s = try Sandbox()
        let csv = "family_name,given_names,date_of_birth\r\n"
            + "Ó Súilleabháin,Siobhán,1956-03-12\r\n"
            + "O'Brien,Patrick,01/02/1960\r\n"
            + "\"Smith-Jones\",\"Mary Anne\",1970-12-31\r\n"
        let file = try s.write("valid.csv", csv)
        let r = try s.run(["import", "patients", "--json", file])
        #expect(r.status == Exit.ok, "\(r)")
        let json = try r.json()
        #expect(json["imported"] as? Int == 3, "\(r)")
        #expect((json["rejected"] as? [Any])?.isEmpty == true, "\(r)")
        #expect((json["duplicates"] as? [Any])?.isEmpty == true, "\(r)")
        #expect((json["ignored_columns"] as? [Any])?.isEmpty == true, "\(r)")
        #expect(try s.patientCount() == 3)
        #expect(try s.search("osuil").results.map(\.given_names) == ["Siobhán"])
        #expect(try s.search("obrien 01/02/1960").results.map(\.given_names) == ["Patrick"])
        #expect(try s.search("smith jones").results.map(\.given_names) == ["Mary Anne"])
        // Imported patients get FD hospital numbers, like registered ones.
        #expect(Set(try s.search("1970-12-31").mrns).allSatisfy { $0.hasPrefix("FD") })

        try s.initialise(s.path("other.sqlite"))
        let human = try s.run(["import", "patients", file], db: s.path("other.sqlite"))
        #expect(human.status == Exit.ok, "\(human)")
        #expect(human.stdout.contains("Imported 3 patients"), "\(human)")
    }

    @Test("an import date in another format is refused, naming date_of_birth")
    func importDateFormats() throws {
        let s = try Sandbox()
        let csv = "family_name,given_names,date_of_birth\nSmith,John,12-Mar-1956\nJones,Ann,1956-03-12\n"
        let r = try s.run(["import", "patients", "--json", try s.write("dates.csv", csv)])
        #expect(r.status == Exit.incomplete, "\(r)")
        let rejected = try #require(try r.json()["rejected"] as? [[String: Any]])
        #expect(rejected.map { $0["line"] as? Int } == [2], "\(r)")
        #expect(rejected.map { $0["field"] as? String } == ["date_of_birth"], "\(r)")
        #expect(try s.patientCount() == 1)
    }

    @Test("an unreadable file, a header without rows, or a missing required column is refused (exit 1), importing nothing")
    func unusableFiles() throws {
        let s = try Sandbox()
        let missing = try s.run(["import", "patients", s.path("nope.csv")])
        #expect(missing.status == Exit.refused, "\(missing)")
        #expect(!missing.stderr.isEmpty)

        let headerOnly = try s.run(["import", "patients", try s.write("h.csv", "family_name,given_names,date_of_birth\n")])
        #expect(headerOnly.status == Exit.refused, "\(headerOnly)")

        let noDOB = try s.run(["import", "patients", try s.write("m.csv", "family_name,given_names\nSmith,John\n")])
        #expect(noDOB.status == Exit.refused, "\(noDOB)")
        #expect(noDOB.stderr.contains("date_of_birth"), "\(noDOB)")
        #expect(try s.patientCount() == 0)
    }
}
