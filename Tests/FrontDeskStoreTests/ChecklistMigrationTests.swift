import Foundation
import Testing
import GRDB
@testable import FrontDeskStore

/// Migration v15 on a database as v14 left it.
@Suite("Checklist migrations: services' pharmacy screening (v15)")
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
}
