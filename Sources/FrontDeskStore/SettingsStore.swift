import Foundation
import GRDB
import FrontDeskDomain

/// `SettingsRepository` on the `setting` table (migration `v5-settings`): one
/// row per setting someone changed; the audit row is written in the same
/// transaction as the change.
public struct SettingsStore: SettingsRepository {
    public let database: AppDatabase
    let audit: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        audit = PatientStore(database, clock: clock)
    }

    var writer: any DatabaseWriter { database.writer }

    public func storedSettings() throws -> [String: StoredSetting] {
        try writer.read { db in
            var result: [String: StoredSetting] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT key, value, changed_by, changed_at FROM setting") {
                result[row["key"]] = Self.stored(row)
            }
            return result
        }
    }

    @discardableResult
    public func changeSetting(key: String, _ change: (StoredSetting?) throws -> (StoredSetting, AuditEntry)?) throws -> StoredSetting? {
        try writer.write { db in
            let current = try Row.fetchOne(db, sql: "SELECT key, value, changed_by, changed_at FROM setting WHERE key = ?",
                                           arguments: [key]).map(Self.stored)
            guard let (new, entry) = try change(current) else { return current }
            try db.execute(sql: """
                INSERT INTO setting (key, value, changed_by, changed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value, changed_by = excluded.changed_by,
                                               changed_at = excluded.changed_at
                """, arguments: [key, new.value, new.changedBy, PatientRows.timestamp(new.changedAt)])
            try audit.append(db, entry)
            return new
        }
    }

    static func stored(_ row: Row) -> StoredSetting {
        let at: String = row["changed_at"]
        return StoredSetting(value: row["value"], changedBy: row["changed_by"],
                             changedAt: PatientRows.date(at) ?? Date(timeIntervalSince1970: 0))
    }
}

extension SettingsStore {
    /// The closure days in force (settings), for session generation and task due dates.
    public func closureDays() throws -> Set<LocalDate> { Set(try current().closureDays) }

    /// Each site's own closure days (settings).
    public func siteClosureDays() throws -> [String: Set<LocalDate>] { try current().siteClosureDays }

    func current() throws -> Settings {
        let stored = try storedSettings()
        return Settings(values: SettingDefinition.all.map { SettingValue(definition: $0, stored: stored[$0.key]) })
    }
}
