import Foundation
import GRDB
import FrontDeskDomain

/// `ProtocolRepository` on the SQLite database: one row per protocol version.
public struct ProtocolStore: ProtocolRepository {
    public let database: AppDatabase
    let audit: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        audit = PatientStore(database, clock: clock)
    }

    static func stored(_ row: Row) -> StoredProtocol {
        StoredProtocol(code: row["code"], version: row["version"], name: row["name"], yaml: row["yaml"],
                       importedBy: row["imported_by"], importedAt: PatientRows.date(row["imported_at"]) ?? Date(timeIntervalSince1970: 0))
    }

    public func latestProtocols() throws -> [StoredProtocol] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.* FROM treatment_protocol p
                WHERE p.version = (SELECT max(version) FROM treatment_protocol WHERE code = p.code) ORDER BY p.code
                """).map(Self.stored)
        }
    }

    public func storedProtocol(code: String, version: Int?) throws -> StoredProtocol? {
        try database.writer.read { db in try Self.stored(db, code: code, version: version) }
    }

    static func stored(_ db: Database, code: String, version: Int?) throws -> StoredProtocol? {
        if let version {
            return try Row.fetchOne(db, sql: "SELECT * FROM treatment_protocol WHERE code = ? AND version = ?", arguments: [code, version]).map(stored)
        }
        return try Row.fetchOne(db, sql: "SELECT * FROM treatment_protocol WHERE code = ? ORDER BY version DESC LIMIT 1", arguments: [code]).map(stored)
    }

    public func addProtocolVersion(code: String, name: String, yaml: String, by user: String, at: Date,
                                   audit entry: (Int) -> AuditEntry) throws -> (stored: StoredProtocol, unchanged: Bool) {
        try database.writer.write { db in
            let latest = try Self.stored(db, code: code, version: nil)
            if let latest, latest.yaml == yaml { return (latest, true) }
            let version = (latest?.version ?? 0) + 1
            try db.execute(sql: """
                INSERT INTO treatment_protocol (code, version, name, yaml, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [code, version, name, yaml, user, PatientRows.timestamp(at)])
            try audit.append(db, entry(version))
            return (StoredProtocol(code: code, version: version, name: name, yaml: yaml, importedBy: user, importedAt: at), false)
        }
    }
}
