import Foundation
import GRDB
import FrontDeskDomain

/// `DiaryRepository` on the SQLite database: sites, services, clinicians.
public struct DiaryStore: DiaryRepository {
    public let database: AppDatabase
    let audit: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        audit = PatientStore(database, clock: clock)
    }

    var writer: any DatabaseWriter { database.writer }

    public func sites() throws -> [Site] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM site ORDER BY code").map { Site(code: $0["code"], name: $0["name"], active: $0["active"]) }
        }
    }

    public func services() throws -> [Service] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM service ORDER BY code").map {
                Service(code: $0["code"], name: $0["name"], defaultMinutes: $0["default_minutes"],
                        attendance: AttendanceKind(rawValue: $0["attendance"]) ?? .first,
                        mode: ContactMode(rawValue: $0["mode"]) ?? .faceToFace, active: $0["active"])
            }
        }
    }

    public func clinicians() throws -> [Clinician] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM clinician ORDER BY code").map {
                Clinician(code: $0["code"], name: $0["name"], role: ClinicianRole(rawValue: $0["role"]) ?? .resource, active: $0["active"])
            }
        }
    }

    public func addSite(_ site: Site, audit entry: AuditEntry) throws {
        try insert("site", site.code, entry) { db in
            try db.execute(sql: "INSERT INTO site (code, name, active) VALUES (?, ?, ?)", arguments: [site.code, site.name, site.active])
        }
    }

    public func addService(_ service: Service, audit entry: AuditEntry) throws {
        try insert("service", service.code, entry) { db in
            try db.execute(sql: """
                INSERT INTO service (code, name, default_minutes, attendance, mode, active) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [service.code, service.name, service.defaultMinutes, service.attendance.rawValue,
                                 service.mode.rawValue, service.active])
        }
    }

    public func addClinician(_ clinician: Clinician, audit entry: AuditEntry) throws {
        try insert("clinician", clinician.code, entry) { db in
            try db.execute(sql: "INSERT INTO clinician (code, name, role, active) VALUES (?, ?, ?, ?)",
                           arguments: [clinician.code, clinician.name, clinician.role.rawValue, clinician.active])
        }
    }

    /// One insert and its audit row in one transaction; a code already used is refused in words.
    private func insert(_ table: String, _ code: String, _ entry: AuditEntry, _ body: (Database) throws -> Void) throws {
        try writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE code = ?", arguments: [code]) ?? 0 > 0 {
                throw DiaryError.codeTaken(table, code)
            }
            try body(db)
            try audit.append(db, entry)
        }
    }
}
