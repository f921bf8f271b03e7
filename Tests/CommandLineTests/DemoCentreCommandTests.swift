import Foundation
import Testing

/// `frontdesk demo seed --centre`: the demo centre stored in a real database
/// file, checked with SQL (the sqlite3 shell, installed by `make deps`).
@Suite("Demo centre (command line)", .serialized)
struct DemoCentreCommandTests {
    /// Runs one SQL query with the sqlite3 shell; one row a line, columns separated by `|`.
    static func sql(_ db: String, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(shell, "the sqlite3 shell is needed (make deps installs it)", sourceLocation: sourceLocation)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-readonly", db, query]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed on \(query)", sourceLocation: sourceLocation)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func int(_ db: String, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let rows = try sql(db, query, sourceLocation: sourceLocation)
        return try #require(rows.first.flatMap { Int($0) }, "not a number: \(rows)", sourceLocation: sourceLocation)
    }

    /// An ISO date `days` later.
    func day(_ iso: String, plus days: Int) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: f.date(from: iso)!.addingTimeInterval(Double(days) * 86_400))
    }

    @Test("demo seed --centre: sites, services, clinicians, two years of sessions without bank holidays, no slot over capacity, bookings mostly near-term")
    func centreSeeded() throws {
        let s = try Sandbox(initialised: false)
        let db = s.path("demo.sqlite")
        let r = try s.run(["demo", "seed", "--patients", "5000", "--seed", "3", "--centre", "--json"], db: db)
        try #require(r.status == Exit.ok, "\(r)")
        let centre = try #require(try r.json()["centre"] as? [String: Any], "\(r)")
        #expect(centre["sites"] as? Int == 3)
        #expect((centre["services"] as? Int ?? 0) >= 30, "\(centre)")
        #expect((centre["clinicians"] as? Int ?? 0) >= 60, "\(centre)")
        #expect((centre["skipped_bank_holidays"] as? Int ?? 0) > 0, "\(centre)")
        #expect(try Self.int(db, "SELECT count(*) FROM site") == 3)
        #expect(try Self.int(db, "SELECT count(*) FROM service") >= 30)
        #expect(try Self.int(db, "SELECT count(*) FROM clinician") >= 60)
        // Treatment courses booked by the planner on top of the bookings.
        let courses = try #require(centre["courses"] as? Int)
        #expect(courses >= 1, "\(centre)")
        #expect(try Self.int(db, "SELECT count(*) FROM course") == courses)
        #expect(try Self.int(db, "SELECT count(*) FROM course_step") == courses * 24)
        // Today so far (DemoDeskDay): the ended clinics recorded, each outcome 2's follow-up booked (after everything else).
        let today = try #require(centre["today"] as? [String: Any], "\(centre)")
        let followUps = try #require(today["follow_ups_booked"] as? Int), attended = try #require(today["attended"] as? Int)
        let dnas = try #require(today["did_not_attend"] as? Int), noOutcome = try #require(today["without_outcome"] as? [Any]).count
        // (Before the first clinic of the day has ended — a run before nine — there is nothing to leave.)
        #expect((noOutcome == 2 || attended + dnas < 20) && today["unscreened"] is Int && today["missing_notes_patient"] is Int, "\(today)")
        let held = (centre["appointments"] as? Int ?? 0) + courses * 18
        #expect(try Self.int(db, "SELECT count(*) FROM appointment") == held + followUps)
        #expect(try Self.int(db, "SELECT count(*) FROM appointment WHERE id > \(held)") == followUps)

        // Two years of sessions, none at a weekend or on a bank holiday.
        let range = try Self.sql(db, "SELECT min(date), max(date) FROM clinic_session")
        let ends = try #require(range.first?.split(separator: "|").map(String.init))
        let from = try #require(centre["from"] as? String), to = try #require(centre["to"] as? String)
        // The first and last weekdays that are not bank holidays.
        #expect(ends.count == 2 && ends[0] >= from && ends[0] <= day(from, plus: 4) && ends[1] <= to && ends[1] >= day(to, plus: -4),
                "\(range) \(centre)")
        #expect(day(from, plus: 731) >= to && day(from, plus: 729) <= to, "two years: \(from) to \(to)")
        #expect(try Self.int(db, "SELECT count(*) FROM clinic_session WHERE strftime('%w', date) IN ('0', '6')") == 0)
        #expect(try Self.int(db, """
            SELECT count(*) FROM clinic_session WHERE substr(date, 6) IN ('12-25', '01-01') OR date IN
            ('2026-12-28', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28',
             '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-26')
            """) == 0)

        // The slot counts are the appointments that hold a place, never over capacity.
        #expect(try Self.int(db, "SELECT count(*) FROM slot WHERE booked > capacity") == 0)
        #expect(try Self.int(db, """
            SELECT count(*) FROM slot s WHERE s.booked != (SELECT count(*) FROM appointment a WHERE a.slot_id = s.id
                AND a.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital'))
            """) == 0)
        // No patient is in two overlapping appointments that hold a place.
        #expect(try Self.int(db, """
            SELECT count(*) FROM appointment a JOIN appointment b ON b.patient_id = a.patient_id AND b.date = a.date AND b.id > a.id
            WHERE a.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')
              AND b.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')
              AND a.start_time < b.end_time AND b.start_time < a.end_time
            """) == 0)
        // One trail line per appointment, and today's attendances and outcomes; one audit row for the whole centre.
        #expect(try Self.int(db, "SELECT count(*) FROM appointment_event") == held + followUps + attended + dnas + attended - noOutcome)
        #expect(try Self.int(db, "SELECT count(*) FROM audit_event WHERE action = 'bulk' AND detail LIKE 'demo centre:%'") == 1)

        // Most of the next two weeks is booked; six months on, little is.
        let near = try Self.int(db, """
            SELECT CAST(100.0 * sum(booked) / sum(capacity) AS INTEGER) FROM slot
            WHERE open = 1 AND date BETWEEN date('now', 'localtime') AND date('now', 'localtime', '+13 days')
            """)
        let far = try Self.int(db, """
            SELECT CAST(100.0 * sum(booked) / sum(capacity) AS INTEGER) FROM slot
            WHERE open = 1 AND date BETWEEN date('now', 'localtime', '+180 days') AND date('now', 'localtime', '+240 days')
            """)
        #expect(near >= 83 && near <= 96, "next two weeks \(near)% booked")
        #expect(far < 30, "six to eight months ahead \(far)% booked")
        // The past is history: attended (with outcomes), DNAs and cancellations; nothing still "booked".
        let past = Dictionary(uniqueKeysWithValues: try Self.sql(db, """
            SELECT status, count(*) FROM appointment WHERE date < date('now', 'localtime', '-1 day') GROUP BY status
            """).map { line -> (String, Int) in let p = line.split(separator: "|"); return (String(p[0]), Int(p[1]) ?? 0) })
        #expect(past["booked"] == nil, "\(past)")
        for status in ["attended", "did_not_attend", "cancelled_by_patient", "cancelled_by_hospital"] {
            #expect(past[status, default: 0] > 0, "\(status): \(past)")
        }
        // Every attendance has its outcome, but the two of today the checklist story leaves for the clerk.
        #expect(try Self.int(db, "SELECT count(*) FROM appointment WHERE status IN ('attended', 'attended_late') AND outcome IS NULL") == noOutcome)
        // Bookings are never for a patient who has died.
        #expect(try Self.int(db, """
            SELECT count(*) FROM appointment a JOIN patient p ON p.id = a.patient_id WHERE p.date_of_death IS NOT NULL
            """) == 0)

        // The desk's tasks as the bookings would have made them, through the booking rules:
        // interpreter and transport for the coming three weeks, DNA reviews, the to-be-booked list.
        // (The courses booked afterwards add their own: pharmacy screening, and interpreters or transport for their appointments.)
        #expect(try Self.int(db, """
            SELECT count(*) FROM task WHERE course_id IS NULL AND (appointment_id IS NULL OR appointment_id <= \(held))
                AND (appointment_id IS NULL OR appointment_id NOT IN (SELECT appointment_id FROM course_step WHERE appointment_id IS NOT NULL))
            """) == (centre["tasks"] as? Int ?? 0) + dnas + (today["to_be_booked"] as? Int ?? 0))
        #expect(try Self.int(db, "SELECT count(*) FROM task WHERE kind = 'course_step' AND team_code = 'pharmacy'") == courses * 6)
        for kind in ["transport", "dna_review", "to_be_booked"] {
            #expect(try Self.int(db, "SELECT count(*) FROM task WHERE kind = '\(kind)' AND status = 'open'") > 0, "\(kind)")
        }
        #expect(try Self.int(db, """
            SELECT count(*) FROM appointment a WHERE a.status = 'booked' AND a.transport = 'hospital'
              AND a.date BETWEEN date('now', 'localtime') AND date('now', 'localtime', '+21 days')
              AND NOT EXISTS (SELECT 1 FROM task t WHERE t.appointment_id = a.id AND t.kind = 'transport')
            """) == 0, "every near-term hospital transport has its task")
        #expect(try Self.int(db, """
            SELECT count(*) FROM task t JOIN appointment a ON a.id = t.appointment_id
            WHERE t.kind = 'dna_review' AND a.status != 'did_not_attend'
            """) == 0)

        // Four weeks of enquiries taken by the demo user, most closed, two callbacks overdue, a
        // safeguarding concern escalated; sharing consents (one withdrawn); one audit row for them all.
        let enquiries = try #require(centre["enquiries"] as? Int)
        #expect(enquiries >= 200, "\(centre)")
        #expect(try Self.int(db, "SELECT count(*) FROM enquiry") == enquiries)
        #expect(try Self.int(db, "SELECT count(*) FROM enquiry WHERE status = 'closed'") * 10 >= enquiries * 8)
        #expect(try Self.int(db, """
            SELECT count(*) FROM enquiry WHERE status = 'awaiting_callback' AND callback_due < strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            """) == 2)
        #expect(try Self.int(db, "SELECT count(*) FROM enquiry WHERE safeguarding AND status = 'escalated'") == 1)
        #expect(centre["sharing_consents"] as? Int == 3)
        #expect(try Self.int(db, "SELECT count(*) FROM sharing_consent WHERE withdrawn_at IS NOT NULL") == 1)
        #expect(try Self.int(db, "SELECT count(*) FROM audit_event WHERE action = 'bulk' AND detail LIKE 'demo enquiries:%'") == 1)
        let overdue = try s.run(["enquiry", "list", "--overdue", "--mine", "--json"], db: db)
        let mine = try #require(try overdue.json()["enquiries"] as? [[String: Any]], "\(overdue)")
        #expect(mine.count == 2)

        // The example protocols of Docs/protocols come with the centre.
        #expect(try Self.sql(db, "SELECT code FROM treatment_protocol ORDER BY code") == ["new_patient", "radical_rt_30", "sact_21x6"])

        // The centre is made once: seeding again adds patients only.
        let again = try s.run(["demo", "seed", "--patients", "10", "--centre", "--json"], db: db)
        #expect(again.status == Exit.ok, "\(again)")
        #expect(try again.json()["centre"] is NSNull, "\(again)")
        #expect(try Self.int(db, "SELECT count(*) FROM site") == 3)
    }

    @Test("the same seed on the same day gives the same centre and bookings")
    func deterministic() throws {
        let s = try Sandbox(initialised: false)
        let a = s.path("a.sqlite"), b = s.path("b.sqlite")
        for db in [a, b] {
            let r = try s.run(["demo", "seed", "--patients", "300", "--seed", "5", "--centre", "--json"], db: db)
            try #require(r.status == Exit.ok, "\(r)")
        }
        let query = """
            SELECT group_concat(patient_id || slot_id || status || ifnull(outcome, '') || priority || transport, ',')
            FROM (SELECT * FROM appointment ORDER BY id)
            """
        #expect(try Self.sql(a, query) == Self.sql(b, query))
        #expect(try Self.int(a, "SELECT count(*) FROM appointment") > 0)
        let enquiries = "SELECT group_concat(caller_type || category || status || ifnull(patient_id, ''), ',') FROM (SELECT * FROM enquiry ORDER BY id)"
        #expect(try Self.sql(a, enquiries) == Self.sql(b, enquiries))
        #expect(try Self.int(a, "SELECT count(*) FROM enquiry") > 0)
    }

    @Test("--patients 0 needs --centre; the centre is never added to a live database")
    func refusals() throws {
        let s = try Sandbox()
        let zero = try s.run(["demo", "seed", "--patients", "0"], db: s.path("z.sqlite"))
        #expect(zero.status != Exit.ok, "\(zero)")
        let live = try s.run(["demo", "seed", "--patients", "0", "--centre"])
        #expect(live.status == Exit.refused, "\(live)")
        #expect(try Self.int(s.db, "SELECT count(*) FROM site") == 0)
    }
}
