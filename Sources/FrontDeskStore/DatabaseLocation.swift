import Foundation
import GRDB

/// Where the database lives, and whether it is the live one or a demo.
public enum DatabaseLocation {
    /// A shared install for several desks on one machine.
    public static let sharedPath = "/var/lib/frontdesk/frontdesk.sqlite"

    /// `--db PATH`, else `$FRONTDESK_DB`, else the shared install when it exists,
    /// else `$XDG_DATA_HOME/frontdesk/frontdesk.sqlite` (default `~/.local/share`).
    /// The demo database sits beside the per-user one as `demo.sqlite`, never
    /// at the live path.
    public static func resolve(explicit: String?, demo: Bool, environment: [String: String],
                               home: String, fileExists: (String) -> Bool) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        if demo { return dataHome + "/frontdesk/demo.sqlite" }
        if let env = environment["FRONTDESK_DB"], !env.isEmpty { return env }
        if fileExists(sharedPath) { return sharedPath }
        return dataHome + "/frontdesk/frontdesk.sqlite"
    }
}

/// Whether a database holds real patients or synthetic ones.
public enum DatabasePurpose: String, Sendable {
    case live, demo
}

extension AppDatabase {
    /// The purpose recorded in the file, recording `proposed` when none is yet.
    public func purpose(recordingIfNew proposed: DatabasePurpose) throws -> DatabasePurpose {
        // Almost always recorded already: read it without taking the write lock,
        // so a search never waits for another desk's import.
        if let value = try writer.read({ db in
            try String.fetchOne(db, sql: "SELECT value FROM database_info WHERE key = 'purpose'")
        }) {
            return DatabasePurpose(rawValue: value) ?? .live
        }
        return try writer.write { db in
            if let value = try String.fetchOne(db, sql: "SELECT value FROM database_info WHERE key = 'purpose'") {
                return DatabasePurpose(rawValue: value) ?? .live
            }
            let hasPatients = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM patient)") ?? false
            // A file that already holds patients without a recorded purpose is treated as live.
            let purpose = hasPatients ? .live : proposed
            try db.execute(sql: "INSERT INTO database_info (key, value) VALUES ('purpose', ?)", arguments: [purpose.rawValue])
            return purpose
        }
    }

    /// Counts for a status summary.
    public func statistics() throws -> (patients: Int, auditEvents: Int) {
        try writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM patient") ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event") ?? 0)
        }
    }
}
