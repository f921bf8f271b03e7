import Foundation
import Testing

/// `frontdesk audit verify` against tampering done behind FrontDesk's back
/// with the sqlite3 shell (dropping the append-only triggers first).
@Suite("audit verify: the hash chain catches tampering")
struct AuditVerifyCommandTests {
    /// A database with a few patients registered, opened and edited: several audit rows.
    func busySandbox() throws -> Sandbox {
        let s = try Sandbox()
        for (index, family) in ["Adams", "Baker", "Clarke", "Davies"].enumerated() {
            try s.add(["--family", family, "--given", "Ann", "--dob", "1960-01-0\(index + 1)"])
        }
        #expect(try s.run(["patient", "show", "FD0000002"]).status == Exit.ok)
        #expect(try s.run(["patient", "edit", "FD0000003", "--town", "Wirral"]).status == Exit.ok)
        return s
    }

    func sqlite(_ db: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [db, sql]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 failed: \(sql)")
    }

    func verify(_ s: Sandbox) throws -> (Outcome, [String: Any]) {
        let outcome = try s.run(["audit", "verify", "--json"])
        return (outcome, try outcome.json())
    }

    @Test("an untouched trail verifies: every row, and the head file names the last")
    func intactTrailVerifies() throws {
        let s = try busySandbox()
        let (outcome, report) = try verify(s)
        #expect(outcome.status == Exit.ok, "\(outcome)")
        #expect(report["intact"] as? Bool == true)
        #expect(report["head_checked"] as? Bool == true)
        let rows = try #require(report["rows"] as? Int)
        #expect(rows >= 7, "\(outcome)")   // init + 4 registrations + a view + an edit
        #expect(report["last_row"] as? Int == rows)
        let head = try String(contentsOfFile: s.db + "-audit-head", encoding: .utf8)
        #expect(head == "\(rows) \(report["last_hash"] as? String ?? "")\n")
        let text = try s.run(["audit", "verify"])
        #expect(text.stdout.contains("Audit trail intact: \(rows) rows"), "\(text)")
    }

    @Test("the triggers refuse UPDATE and DELETE of audit rows")
    func appendOnly() throws {
        let s = try busySandbox()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [s.db, "UPDATE audit_event SET detail = 'x' WHERE id = 2"]
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("append-only"))
    }

    @Test("tampering is caught and the first bad row named, with exit 6", arguments: [
        ("a row edited", "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET detail = 'opened record' WHERE id = 3;",
         "row 3 was changed"),
        ("who did it changed", "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET user_login = 'someone' WHERE id = 4;",
         "row 4 was changed"),
        ("a row deleted", "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id = 3;",
         "row 4 does not follow row 2"),
        ("two rows swapped", """
            DROP TRIGGER audit_event_no_update;
            UPDATE audit_event SET id = -1 WHERE id = 3; UPDATE audit_event SET id = 3 WHERE id = 4; UPDATE audit_event SET id = 4 WHERE id = -1;
            """, "row 3 "),
        ("the last rows cut off", "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id > 5;",
         "rows were cut off the end"),
        ("a row added by hand", """
            INSERT INTO audit_event (occurred_at, user_login, action, detail) VALUES ('2026-11-24T09:00:00Z', 'x', 'view', 'x');
            """, "has no hash"),
    ])
    func tamperingIsCaught(what: String, sql: String, expected: String) throws {
        let s = try busySandbox()
        try sqlite(s.db, sql)
        let (outcome, report) = try verify(s)
        #expect(outcome.status == 6, "\(what): \(outcome)")
        #expect(report["intact"] as? Bool == false, "\(what)")
        let detail1 = jsonText(report["problem"])
        #expect(detail1.contains(expected), "\(what): \(outcome)")
        let text = try s.run(["audit", "verify"])
        #expect(text.status == 6)
        #expect(text.stdout.contains("FAILED"), "\(what): \(text)")
    }

    @Test("a deleted or replaced head file is caught")
    func headFileTampering() throws {
        let s = try busySandbox()
        let head = s.db + "-audit-head"
        let saved = try String(contentsOfFile: head, encoding: .utf8)
        try FileManager.default.removeItem(atPath: head)
        let (missing, _) = try verify(s)
        #expect(missing.status == 6, "\(missing)")
        #expect(missing.stdout.contains("missing"), "\(missing)")
        // A head naming the right row with another hash: the chain was rebuilt.
        let parts = saved.split(separator: " ")
        try "\(parts[0]) \(String(repeating: "a", count: 64))\n".write(toFile: head, atomically: true, encoding: .utf8)
        let (rebuilt, _) = try verify(s)
        #expect(rebuilt.status == 6, "\(rebuilt)")
        #expect(rebuilt.stdout.contains("the chain was rebuilt"), "\(rebuilt)")
    }

    @Test("only a manager may verify")
    func managersOnly() throws {
        let s = try busySandbox()
        #expect(try s.run(["audit", "verify"]).status == Exit.ok)
    }
}
