import Foundation
import Testing

/// A clinic through the binary (one site, one service, weekday sessions for
/// eight weeks) and Wei Lee, booked with hospital transport; returns his
/// hospital number and NHS number.
private func booked(_ s: Sandbox) throws -> (mrn: String, nhs: String) {
    try s.oncologyClinic(days: 60)
    let nhs = testNHSNumbers(1)[0]
    let added = try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985", "--postcode", "CH63 4JY", "--address1", "3 Mill Lane",
                           "--nhs", nhs])
    let mrn = try #require(added["mrn"] as? String)
    let slots = try #require(try s.run(["slots", "--service", "onc-fu", "--limit", "1", "--json"]).json()["slots"] as? [[String: Any]])
    let slot = try #require(slots.first?["id"] as? Int)
    let book = try s.run(["book", "--patient", mrn, "--slot", "\(slot)", "--transport", "hospital", "--mobility", "walking"])
    try #require(book.status == Exit.ok, "\(book)")
    return (mrn, nhs)
}

@Suite("enquiries from the command line: what may be told, sharing consent, statistics, my team")
struct EnquiryConsentCommandTests {
    @Test("a worried daughter: shut until her details match, told nothing without consent, her father's appointment and transport once a consent names her, nothing after it is withdrawn")
    func daughter() throws {
        let s = try Sandbox()
        let (mrn, nhs) = try booked(s)
        let call = try s.run(["enquiry", "log", "--caller-type", "relative_or_carer", "--caller-name", "Aoife Lee", "--patient", mrn,
                              "--category", "appointment_query", "--summary", "asks about her father's appointment", "--callback", "--json"])
        let id = try #require(try call.json()["id"] as? Int)

        let before = try s.run(["enquiry", "show", String(id), "--json"])
        #expect(before.status == Exit.ok, "\(before)")
        let shut = try #require(try before.json()["disclosure"] as? [String: Any])
        #expect(shut["open"] as? Bool == false)
        #expect(jsonText(shut["shut"]) == "patient found — identity not yet confirmed")
        let noAppointments = shut["appointments"] as? [Any]
        #expect(noAppointments?.isEmpty == true)
        let beforeText = try s.run(["enquiry", "show", String(id)])
        #expect(beforeText.stdout.contains("Nothing may be told to this caller: patient found — identity not yet confirmed."), "\(beforeText)")
        #expect(!beforeText.stdout.contains("Oncology follow-up"))

        let claim = ["--name", "Wei Lee", "--dob", "1985-02-08", "--postcode", "CH63 4JY"]
        let noConsent = try s.run(["enquiry", "verify", String(id)] + claim + ["--json"])
        #expect(noConsent.status == Exit.ok, "\(noConsent)")
        let told = try #require(try noConsent.json()["disclosure"] as? [String: Any])
        #expect(told["open"] as? Bool == false)
        #expect(jsonText(told["shut"]).contains("no consent to share with Aoife Lee"), "\(told)")

        // The consent, recorded by NHS number: appointments and transport.
        let badShare = try s.run(["patient", "consent", "add", nhs, "--person", "Aoife Lee", "--relationship", "daughter",
                                  "--share", "appointments,gossip"])
        #expect(badShare.status == Exit.refused)
        #expect(badShare.stderr.contains("share: 'gossip' is not one of them"), "\(badShare)")
        let oneWord = try s.run(["patient", "consent", "add", nhs, "--person", "Aoife", "--relationship", "daughter", "--share", "appointments"])
        #expect(oneWord.status == Exit.refused)
        #expect(oneWord.stderr.contains("person: must give the given and the family name"), "\(oneWord)")
        // Appointments only first: the rows do not say whether transport is booked (null).
        let appointmentsOnly = try s.run(["patient", "consent", "add", nhs, "--person", "Aoife Lee", "--relationship", "daughter",
                                          "--share", "appointments", "--json"])
        #expect(appointmentsOnly.status == Exit.ok, "\(appointmentsOnly)")
        let firstID = try #require((try appointmentsOnly.json()["consent"] as? [String: Any])?["id"] as? Int)
        let partial = try #require(try s.run(["enquiry", "verify", String(id)] + claim + ["--json"]).json()["disclosure"] as? [String: Any])
        #expect(partial["scopes"] as? [String] == ["appointments"], "\(partial)")
        let rows = try #require(partial["appointments"] as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["transport"] is NSNull, "\(rows)")
        #expect(try s.run(["patient", "consent", "withdraw", mrn, "--id", String(firstID), "--reason", "replaced by a wider consent"]).status == Exit.ok)
        let added = try s.run(["patient", "consent", "add", nhs, "--person", "Aoife Lee", "--relationship", "daughter",
                               "--share", "appointments,transport", "--json"])
        #expect(added.status == Exit.ok, "\(added)")
        #expect(try added.json()["patient"] as? String == mrn)
        let consent = try #require(try added.json()["consent"] as? [String: Any])
        #expect(consent["share"] as? [String] == ["appointments", "transport"])
        #expect(consent["active"] as? Bool == true)
        let consentID = try #require(consent["id"] as? Int)

        let matched = try s.run(["enquiry", "verify", String(id)] + claim + ["--json"])
        let open = try #require(try matched.json()["disclosure"] as? [String: Any])
        #expect(open["open"] as? Bool == true, "\(open)")
        #expect(open["shut"] is NSNull)
        #expect(open["scopes"] as? [String] == ["appointments", "transport"])
        let appointments = try #require(open["appointments"] as? [[String: Any]])
        #expect(appointments.count == 1)
        #expect(jsonText(appointments.first?["service"]) == "Oncology follow-up")
        #expect(jsonText(appointments.first?["site"]) == "Main centre")
        #expect(jsonText(appointments.first?["clinician"]) == "Dr Adams")
        #expect(jsonText(appointments.first?["transport"]) == "hospital")
        let transport = open["transport"] as? [Any]
        #expect(transport?.count == 1)
        let shown = try s.run(["enquiry", "show", String(id)])
        #expect(shown.stdout.contains("May be told to this caller: appointments, transport (consent: daughter)."), "\(shown)")
        #expect(shown.stdout.contains("Oncology follow-up at Main centre with Dr Adams"), "\(shown)")

        let listed = try s.run(["patient", "consent", "list", mrn, "--json"])
        let consents = try #require(try listed.json()["consents"] as? [[String: Any]])
        #expect(consents.count == 2)
        let noReason = try s.run(["patient", "consent", "withdraw", mrn, "--id", String(consentID), "--reason", "no"])
        #expect(noReason.status == Exit.refused)
        #expect(noReason.stderr.contains("reason:"), "\(noReason)")
        let withdrawn = try s.run(["patient", "consent", "withdraw", mrn, "--id", String(consentID), "--reason", "patient asked by phone", "--json"])
        #expect(withdrawn.status == Exit.ok, "\(withdrawn)")
        let gone = try #require(try withdrawn.json()["consent"] as? [String: Any])
        #expect(gone["active"] as? Bool == false)
        #expect(jsonText(gone["withdrawn_reason"]) == "patient asked by phone")
        let listedText = try s.run(["patient", "consent", "list", mrn])
        #expect(listedText.stdout.contains("WITHDRAWN"), "\(listedText)")
        let after = try s.run(["enquiry", "verify", String(id)] + claim + ["--json"])
        let closed = try #require(try after.json()["disclosure"] as? [String: Any])
        #expect(closed["open"] as? Bool == false)
        let none = closed["appointments"] as? [Any]
        #expect(none?.isEmpty == true)
        // Listing consents is a view of the record: audited.
        let audit = try s.audit(patient: mrn).compactMap { $0["detail"] as? String }
        #expect(audit.contains("listed sharing consents"), "\(audit)")
    }

    @Test("a restricted record's consents need --reason; a merge takes the duplicate's consents and enquiries to the record kept")
    func restrictedAndMerged() throws {
        let s = try Sandbox()
        let kept = try #require(try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985"])["mrn"] as? String)
        let dup = try #require(try s.add(["--family", "Lee", "--given", "Wei", "--dob", "8/2/1985", "--confirm-not-duplicate"])["mrn"] as? String)
        #expect(try s.run(["patient", "consent", "add", dup, "--person", "Aoife Lee", "--relationship", "daughter", "--share", "transport"]).status == Exit.ok)
        let call = try s.run(["enquiry", "log", "--caller-type", "relative_or_carer", "--caller-name", "Aoife Lee", "--patient", dup,
                              "--category", "transport", "--summary", "asks about transport", "--callback", "--json"])
        let id = try #require(try call.json()["id"] as? Int)
        let merged = try s.run(["patient", "merge", "--keep", kept, "--duplicate", dup, "--reason", "same person registered twice"])
        #expect(merged.status == Exit.ok, "\(merged)")
        let shown = try s.run(["enquiry", "show", String(id), "--json"]).json()
        let enquiry = try #require(shown["enquiry"] as? [String: Any])
        #expect(jsonText(enquiry["patient"]) == kept)
        let listed = try #require(try s.run(["patient", "consent", "list", kept, "--json"]).json()["consents"] as? [[String: Any]])
        #expect(listed.count == 1)
        let mine = try #require(try s.run(["enquiry", "list", "--patient", kept, "--json"]).json()["enquiries"] as? [[String: Any]])
        #expect(mine.count == 1)

        #expect(try s.run(["patient", "restrict", kept, "--reason", "member of staff"]).status == Exit.ok)
        let refused = try s.run(["patient", "consent", "list", kept])
        #expect(refused.status == Exit.refused, "\(refused)")
        let opened = try s.run(["patient", "consent", "list", kept, "--reason", "enquiry", "--json"])
        #expect(opened.status == Exit.ok, "\(opened)")
        let glass = try s.audit(patient: kept).filter { ($0["action"] as? String) == "break_glass" }
        #expect(!glass.isEmpty)
    }

    @Test("enquiry stats --from --to: counts with --json and in words; dates as the rest of the command line takes them; my team")
    func statsAndMyTeam() throws {
        let s = try Sandbox()
        func log(_ args: [String]) throws -> Int {
            let r = try s.run(["enquiry", "log", "--caller-type", "other", "--caller-name", "A Caller", "--category", "directions",
                               "--summary", "where to park", "--json"] + args)
            try #require(r.status == Exit.ok, "\(r)")
            return try #require(try r.json()["id"] as? Int)
        }
        _ = try log(["--resolved", "told them about the multi-storey"])
        let desk = try log(["--refer", "front_desk"])
        _ = try log(["--refer", "transport"])
        _ = try log(["--callback"])
        let stats = try s.run(["enquiry", "stats", "--from", "today", "--to", "today", "--json"])
        #expect(stats.status == Exit.ok, "\(stats)")
        let json = try stats.json()
        #expect(json["total"] as? Int == 4)
        let outcomes = try #require(json["by_outcome"] as? [String: Int])
        #expect(outcomes == ["resolved_at_first_contact": 1, "callback": 0, "referred": 0, "escalated": 0, "still_open": 3])
        let categories = try #require(json["by_category"] as? [String: Int])
        #expect(categories["directions"] == 4)
        #expect(categories["transport"] == 0)
        let callers = try #require(json["by_caller_type"] as? [String: Int])
        #expect(callers["other"] == 4)
        let callbacks = try #require(json["callbacks"] as? [String: Int])
        #expect(callbacks == ["made": 0, "late": 0, "late_working_minutes": 0, "longest_late_working_minutes": 0, "overdue": 0])
        let words = try s.run(["enquiry", "stats", "--from", "yesterday", "--to", "today"])
        #expect(words.stdout.contains("By outcome:"), "\(words)")
        #expect(words.stdout.contains("Callbacks: 0 made, 0 late, 0 overdue now."), "\(words)")
        let backwards = try s.run(["enquiry", "stats", "--from", "today", "--to", "yesterday"])
        #expect(backwards.status == Exit.refused)
        #expect(backwards.stderr.contains("to: must be on or after"), "\(backwards)")
        let notADate = try s.run(["enquiry", "stats", "--from", "someday", "--to", "today"])
        #expect(notADate.status == Exit.refused)
        #expect(notADate.stderr.contains("from: is not a date"), "\(notADate)")

        // The manager who set the database up is on the front desk team.
        let team = try #require(try s.run(["enquiry", "list", "--my-team", "--json"]).json()["enquiries"] as? [[String: Any]])
        #expect(team.compactMap { $0["id"] as? Int } == [desk])
        #expect(try s.run(["staff", "set-teams", try whoami(s)]).status == Exit.ok)
        let noTeam = try s.run(["enquiry", "list", "--my-team"])
        #expect(noTeam.status == Exit.refused)
        #expect(noTeam.stderr.contains("my team: you belong to no team"), "\(noTeam)")
    }

    private func whoami(_ s: Sandbox) throws -> String {
        let me = try s.run(["staff", "whoami", "--json"])
        return try #require(try me.json()["login"] as? String, "\(me)")
    }
}
