import Foundation
import Testing
import GRDB
@testable import FrontDeskStore

/// Migrations v15 and v16 on a database as v14 left it.
@Suite("Checklist migrations: services' pharmacy screening (v15), marks following merges (v16)")
struct ChecklistMigrationTests {
    /// A database migrated up to v14-checklist (foreign keys off: the rows below stand alone).
    func atV14() throws -> DatabaseQueue {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: config)
        try AppDatabase.migrator.migrate(queue, upTo: "v14-checklist")
        return queue
    }

    @Test("v15: the services whose code starts sact screen their prescriptions, the others do not")
    func servicesFlagged() throws {
        let queue = try atV14()
        try queue.write { db in
            for code in ["sact_chair", "sact_short", "onc_fu", "pharm_review"] {
                try db.execute(sql: """
                    INSERT INTO service (code, name, default_minutes, attendance, mode) VALUES (?, ?, 30, 'follow_up', 'face_to_face')
                    """, arguments: [code, code])
            }
        }
        try AppDatabase.migrator.migrate(queue)
        let flagged = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT code FROM service WHERE pharmacy_screening ORDER BY code")
        }
        #expect(flagged == ["sact_chair", "sact_short"])
    }

    @Test("v16: the marks of a duplicate merged before now follow it to the record kept; other marks stay as they were")
    func earlierMergesFollowed() throws {
        let queue = try atV14()
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO patient_merge (duplicate_id, kept_id, reason, merged_by, merged_at)
                VALUES (40, 39, 'same person', 'officer1', '2026-11-20T10:00:00Z')
                """)
            for (item, patient) in [("N-20261125-s12p40", 40), ("A-20261125-a7", 40), ("N-20261125-s12p140", 140), ("N-20261125-s12p39", 39)] {
                try db.execute(sql: """
                    INSERT INTO checklist_mark (item_id, item_date, action, reason, user_login, at, patient_id)
                    VALUES (?, '2026-11-25', 'deferred', 'a reason given', 'clerk1', '2026-11-24T10:00:00Z', ?)
                    """, arguments: [item, patient])
            }
        }
        try AppDatabase.migrator.migrate(queue)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT item_id, patient_id, merged_from FROM checklist_mark ORDER BY id")
                .map { "\($0[0] as String) \($0[1] as Int64) \($0[2] as String? ?? "-")" }
        }
        #expect(rows == ["N-20261125-s12p39 39 N-20261125-s12p40", "A-20261125-a7 39 -", "N-20261125-s12p140 140 -",
                         "N-20261125-s12p39 39 -"])
        // Still append-only otherwise.
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE checklist_mark SET action = 'done' WHERE patient_id = 140") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE checklist_mark SET patient_id = 39 WHERE patient_id = 140") }
        }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM checklist_mark") } }
    }
}
