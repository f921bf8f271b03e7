import Foundation
import GRDB
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// The demo's history of enquiries (`EnquiryService.seedDemo`): realistic
/// and consistent with the rules the live service keeps. Now is Tue 24-Nov-2026 09:41.
@Suite("enquiries: the demo history")
struct EnquiryDemoTests {
    struct Seeded {
        let f: BookingFixture
        let enquiries: EnquiryService
        let report: EnquiryService.DemoReport
        init(seed: UInt64 = 1) throws {
            f = try BookingFixture()
            let access = AccessControl(staff: StaffStore(f.database, clock: f.clock))
            enquiries = EnquiryService(enquiries: EnquiryStore(f.database, clock: f.clock), access: access, clock: f.clock)
            var ids: [Int64] = []
            for (i, family) in ["Byrne", "Okafor", "Shah", "Evans", "Lee", "Morgan", "Hughes", "Patel", "Kelly", "Owen"].enumerated() {
                let p = try f.patient(family, "Ann")
                if i < 4 { try f.book(p, try f.slot("onc_fu", "2026-11-2\(6 + i % 2)", ["09:00", "09:20", "09:40", "10:00"][i]), transport: .hospital,
                                     mobility: .walking) }
                ids.append(try #require(p.id))
            }
            report = try enquiries.seedDemo(seed: seed, patientIDs: ids, by: clerk)
        }
        func strings(_ sql: String) throws -> [String] { try f.database.writer.read { try String.fetchAll($0, sql: sql) } }
        func int(_ sql: String) throws -> Int { try f.database.writer.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
    }

    @Test("four weeks of calls: mostly closed with outcomes, two callbacks overdue for the demo user, a safeguarding concern escalated, consents to share")
    func history() throws {
        let s = try Seeded()
        #expect(s.report.enquiries >= 150, "\(s.report)")
        #expect(try s.int("SELECT count(*) FROM enquiry") == s.report.enquiries)
        #expect(s.report.overdue == 2)
        #expect(try s.enquiries.overdueCallbacks(of: clerk) == 2)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE status = 'closed'") * 10 >= s.report.enquiries * 8)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE safeguarding AND status = 'escalated'") == 1)
        #expect(try s.int("SELECT count(DISTINCT caller_type) FROM enquiry") == Enquiry.CallerType.allCases.count)
        #expect(try s.int("SELECT count(DISTINCT channel) FROM enquiry") >= 3)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE team_code IN ('clinical', 'specialist_nurses')") > 0)
        #expect(s.report.consents == 3)
        #expect(try s.int("SELECT count(*) FROM sharing_consent WHERE withdrawn_at IS NOT NULL") == 1)
        #expect(try s.int("SELECT count(*) FROM audit_event WHERE action = 'bulk' AND detail LIKE 'demo enquiries:%'") == 1)
        let stats = try s.enquiries.stats(from: LocalDate(iso: "2026-10-27")!, to: LocalDate(iso: "2026-11-24")!, by: clerk)
        #expect(stats.total == s.report.enquiries)
        #expect(stats.callbacksLate > 0)
        #expect(stats.callbacksOverdue == 2)
        for outcome in EnquiryStats.Outcome.allCases { #expect((stats.byOutcome[outcome] ?? 0) > 0, "\(outcome)") }
    }

    @Test("every history agrees with its enquiry and the rules: nothing after now, the last line's status is the enquiry's, a clinical question closed only by its team, an outcome on every closed one")
    func consistent() throws {
        let s = try Seeded(seed: 7)
        let now = PatientRows.timestamp(s.f.clock.now)
        #expect(try s.int("SELECT count(*) FROM enquiry_event WHERE at > '\(now)'") == 0)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE received_at > '\(now)'") == 0)
        let mismatched = try s.strings("""
            SELECT e.id FROM enquiry e WHERE e.status != (SELECT v.to_status FROM enquiry_event v WHERE v.enquiry_id = e.id ORDER BY v.id DESC LIMIT 1)
            """)
        #expect(mismatched.isEmpty)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE status = 'closed' AND (outcome IS NULL OR length(outcome) < 5)") == 0)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE category IN ('results_or_clinical', 'medication') AND team_code NOT IN ('clinical', 'specialist_nurses')") == 0)
        #expect(try s.int("""
            SELECT count(*) FROM enquiry e JOIN enquiry_event v ON v.enquiry_id = e.id AND v.kind = 'closed'
            WHERE e.category IN ('results_or_clinical', 'medication') AND v.user_login = 'clerk1'
            """) == 0)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE status = 'awaiting_callback' AND callback_due IS NULL") == 0)
        #expect(try s.int("SELECT count(*) FROM enquiry WHERE (safeguarding OR aggression) AND id NOT IN (SELECT enquiry_id FROM enquiry_event WHERE kind = 'escalated')") == 0)
    }

    @Test("the same seed, day and patients give the same history; another seed another")
    func deterministic() throws {
        let query = "SELECT group_concat(caller_type || category || status || ifnull(patient_id, '') || received_at, ',') FROM (SELECT * FROM enquiry ORDER BY id)"
        let a = try Seeded(seed: 3).strings(query), b = try Seeded(seed: 3).strings(query), c = try Seeded(seed: 4).strings(query)
        #expect(a == b)
        #expect(a != c)
    }
}
