import Foundation
import Testing

@Suite("restricted records: masked in lists, opened only with a reason, reported")
struct RestrictedRecordCommandTests {
    func setUp() throws -> Sandbox {
        let s = try Sandbox()
        try s.add(["--family", "Staffmember", "--given", "Rhiannon", "--dob", "02/03/1980", "--nhs", "943 476 5919",
                   "--postcode", "CH63 4JY"])
        try s.add(["--family", "Staffordshire", "--given", "Tom", "--dob", "04/05/1960"])
        let r = try s.run(["patient", "restrict", "FD0000001", "--reason", "member of staff", "--json"])
        #expect(r.status == Exit.ok, "\(r)")
        return s
    }

    @Test("search lists a restricted record as 'restricted record' and its hospital number only, by name or by number")
    func maskedInSearch() throws {
        let s = try setUp()
        for query in ["staff", "rhiannon", "943 476 5919", "02/03/1980", "ch63 4jy"] {
            let text = try s.run(["patient", "search", query])
            #expect(text.status == Exit.ok, "\(text)")
            #expect(text.stdout.contains("restricted record"), "\(query): \(text)")
            #expect(text.stdout.contains("FD0000001"), "\(query): \(text)")
            for secret in ["STAFFMEMBER", "Rhiannon", "943 476 5919", "02-Mar-1980", "CH63"] {
                #expect(!text.stdout.contains(secret), "\(query) shows \(secret): \(text)")
            }
            let json = try s.run(["patient", "search", "--json", query])
            let rows = try #require(try json.json()["results"] as? [[String: Any]])
            let row = try #require(rows.first { $0["mrn"] as? String == "FD0000001" }, "\(json)")
            #expect(row["restricted"] as? Bool == true)
            for key in ["nhs_number", "date_of_birth", "postcode", "title", "sex"] { #expect(row[key] is NSNull, "\(key): \(json)") }
            #expect(row["family_name"] as? String == "" && row["given_names"] as? String == "", "\(json)")
        }
        // Other patients are listed as usual.
        #expect(try s.run(["patient", "search", "staffordshire"]).stdout.contains("STAFFORDSHIRE, Tom"))
    }

    @Test("opening needs a reason from the list (or other with words); the opening is audited as break_glass with the reason")
    func openingNeedsAReason() throws {
        let s = try setUp()
        let refused = try s.run(["patient", "show", "FD0000001"])
        #expect(refused.status == Exit.refused, "\(refused)")
        #expect(refused.stderr.contains("restricted record"), "\(refused)")
        #expect(!refused.stderr.contains("Rhiannon") && refused.stdout.isEmpty, "\(refused)")
        for bad in ["because", "other", "other:x"] {
            let r = try s.run(["patient", "show", "FD0000001", "--reason", bad])
            #expect(r.status == Exit.refused, "\(bad): \(r)")
            #expect(r.stderr.contains("reason"), "\(bad): \(r)")
        }
        let opened = try s.run(["patient", "show", "943 476 5919", "--reason", "other:checking the address before posting a letter", "--json"])
        #expect(opened.status == Exit.ok, "\(opened)")
        #expect(try opened.json()["given_names"] as? String == "Rhiannon")
        #expect((try opened.json()["restriction"] as? [String: Any])?["reason"] as? String == "member of staff")
        let trail = try s.audit(patient: "FD0000001")
        #expect(trail.first?["action"] as? String == "break_glass", "\(trail)")
        let detail1 = jsonText(trail.first?["detail"])
        #expect(detail1.contains("checking the address"), "\(trail)")
        // An unrestricted record needs no reason.
        #expect(try s.run(["patient", "show", "FD0000002"]).status == Exit.ok)
    }

    @Test("changing a restricted record also needs a reason, and is listed on the restricted-access report")
    func editingNeedsAReason() throws {
        let s = try setUp()
        let refused = try s.run(["patient", "edit", "FD0000001", "--town", "Wirral"])
        #expect(refused.status == Exit.refused, "\(refused)")
        let edited = try s.run(["patient", "edit", "FD0000001", "--town", "Wirral", "--reason", "patient_present"])
        #expect(edited.status == Exit.ok, "\(edited)")
        let report = try s.run(["audit", "log", "--restricted", "--json"])
        let entries = try #require(try report.json()["entries"] as? [[String: Any]])
        #expect(entries.map { $0["action"] as? String } == ["break_glass", "break_glass", "restrict"], "\(report)")
        let detail2 = jsonText(entries.first?["detail"])
        #expect(detail2.contains("changed town"), "\(report)")
        let detail3 = jsonText(entries[1]["detail"])
        #expect(detail3.contains("opened restricted record to change it"), "\(report)")
        // An attempt that changes nothing, or is refused, is still recorded: it showed something of the record.
        let attempt = try s.run(["patient", "edit", "FD0000001", "--email", "not-an-email", "--reason", "enquiry"])
        #expect(attempt.status == Exit.refused, "\(attempt)")
        let after = try #require(try s.run(["audit", "log", "--restricted", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(after.count == entries.count + 1)
        #expect(after.first?["action"] as? String == "break_glass")
    }

    @Test("registering a patient whose NHS number is held by a restricted record says only that it is registered")
    func duplicateNumberSaysNotWhose() throws {
        let s = try setUp()
        let r = try s.run(["patient", "add", "--family", "Other", "--given", "Ann", "--dob", "01/01/1990", "--nhs", "9434765919", "--json"])
        #expect(r.status == Exit.duplicate, "\(r)")
        #expect(r.stderr.contains("already registered"), "\(r)")
        for secret in ["Staffmember", "Rhiannon", "FD0000001"] { #expect(!r.stderr.contains(secret), "\(r)") }
        // A likely duplicate of a restricted record is named only as a restricted record.
        let likely = try s.run(["patient", "add", "--family", "Staffmember", "--given", "Rhian", "--dob", "02/03/1980"])
        #expect(likely.status == Exit.duplicate, "\(likely)")
        #expect(likely.stderr.contains("a restricted record, hospital number FD0000001"), "\(likely)")
        #expect(!likely.stderr.contains("Rhiannon"), "\(likely)")
    }

    @Test("lifting a restriction; a clerk may neither restrict nor lift (restrict_records)")
    func unrestrict() throws {
        let s = try setUp()
        let lifted = try s.run(["patient", "unrestrict", "FD0000001", "--reason", "left the trust's employment"])
        #expect(lifted.status == Exit.ok, "\(lifted)")
        #expect(try s.run(["patient", "search", "rhiannon"]).stdout.contains("STAFFMEMBER, Rhiannon"))
        #expect(try s.run(["patient", "restrict", "FD0000002", "--reason", "no"]).status == Exit.refused)
        // The manager demotes themselves only if another manager exists: the permission check is tested with OS accounts.
    }
}

@Suite("merging duplicates: one record, both numbers lead to it")
struct MergeCommandTests {
    @Test("merge keeps one record; either old number finds it; the merge is audited with both identities")
    func mergeKeepsOneRecord() throws {
        let s = try Sandbox()
        try s.add(["--family", "Jones", "--given", "Megan", "--dob", "01/06/1948", "--nhs", "943 476 5919"])
        try s.add(["--family", "Jonnes", "--given", "Megan", "--dob", "01/06/1948", "--mrn", "RX12345", "--confirm-not-duplicate"])
        #expect(try s.run(["patient", "show", "RX12345"]).status == Exit.ok)
        let merged = try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "RX12345",
                                "--reason", "same person: date of birth and address match", "--json"])
        #expect(merged.status == Exit.ok, "\(merged)")
        #expect(try merged.json()["merged"] as? [String] == ["RX12345"])
        // Merging is not opening: hospital numbers only.
        #expect(Set(try merged.json().keys) == ["kept_mrn", "merged", "restricted"], "\(merged)")
        #expect(!merged.stdout.contains("Megan") && !merged.stdout.contains("JONES"), "\(merged)")
        // Both numbers lead to the kept record.
        for reference in ["FD0000001", "RX12345", "rx12345", "9434765919"] {
            let shown = try s.run(["patient", "show", reference, "--json"])
            #expect(try shown.json()["mrn"] as? String == "FD0000001", "\(reference): \(shown)")
        }
        // A search by the duplicate's number or name lists the kept record once.
        for query in ["rx12345", "jonnes", "megan"] {
            let found = try s.search(query)
            #expect(found.mrns == ["FD0000001"], "\(query): \(found.mrns)")
        }
        let text = try s.run(["patient", "show", "FD0000001"])
        #expect(text.stdout.contains("Merged from: RX12345"), "\(text)")
        // The audit shows the merge with both identities, and the kept record's trail includes the duplicate's rows.
        let trail = try s.audit(patient: "FD0000001")
        let merge = try #require(trail.first { $0["action"] as? String == "merge" }, "\(trail)")
        let detail = merge["detail"] as? String ?? ""
        #expect(detail.contains("RX12345") && detail.contains("FD0000001") && detail.contains("943 476 5919"), "\(detail)")
        #expect(trail.contains { $0["patient_mrn"] as? String == "RX12345" }, "the duplicate's own rows are in the kept record's trail")
    }

    @Test("merging into or from a restricted record is listed on the restricted-access report")
    func mergingARestrictedRecordIsReported() throws {
        let s = try Sandbox()
        try s.add(["--family", "Jones", "--given", "Megan", "--dob", "01/06/1948"])
        try s.add(["--family", "Jones", "--given", "Megan", "--dob", "01/06/1948", "--confirm-not-duplicate"])
        #expect(try s.run(["patient", "restrict", "FD0000002", "--reason", "member of staff"]).status == Exit.ok)
        let merged = try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "FD0000002", "--reason", "same person"])
        #expect(merged.status == Exit.ok, "\(merged)")
        #expect(!merged.stdout.contains("Megan"), "\(merged)")
        let report = try #require(try s.run(["audit", "log", "--restricted", "--json"]).json()["entries"] as? [[String: Any]])
        #expect(report.first?["action"] as? String == "break_glass")
        let detail4 = jsonText(report.first?["detail"])
        #expect(detail4.contains("merged a restricted record"), "\(report)")
        // The kept record is now restricted too.
        #expect(try s.run(["patient", "show", "FD0000001"]).status == Exit.refused)
    }

    @Test("merging a record into itself, twice, or a number nobody has is refused")
    func refusals() throws {
        let s = try Sandbox()
        try s.add(["--family", "Jones", "--given", "Megan", "--dob", "01/06/1948"])
        try s.add(["--family", "Jones", "--given", "Megan", "--dob", "01/06/1948", "--confirm-not-duplicate"])
        let same = try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "fd0000001", "--reason", "same person"])
        #expect(same.status != Exit.ok, "\(same)")
        #expect(same.stderr.contains("same record"), "\(same)")
        #expect(try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "FD0000002", "--reason", "same person"]).status == Exit.ok)
        let again = try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "FD0000002", "--reason", "same person"])
        #expect(again.status != Exit.ok, "\(again)")
        #expect(again.stderr.contains("already merged"), "\(again)")
        let missing = try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "FD0000099", "--reason", "same person"])
        #expect(missing.status == Exit.notFound, "\(missing)")
        let noReason = try s.run(["patient", "merge", "--keep", "FD0000001", "--duplicate", "FD0000002", "--reason", "x"])
        #expect(noReason.status == Exit.refused, "\(noReason)")
    }
}
