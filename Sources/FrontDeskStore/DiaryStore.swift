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
            try Row.fetchAll(db, sql: "SELECT * FROM service ORDER BY code").map(Self.service)
        }
    }

    /// A row of the service table.
    static func service(_ row: Row) -> Service {
        Service(code: row["code"], name: row["name"], defaultMinutes: row["default_minutes"],
                attendance: AttendanceKind(rawValue: row["attendance"]) ?? .first,
                mode: ContactMode(rawValue: row["mode"]) ?? .faceToFace, active: row["active"],
                pharmacyScreening: row["pharmacy_screening"])
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
                INSERT INTO service (code, name, default_minutes, attendance, mode, active, pharmacy_screening)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [service.code, service.name, service.defaultMinutes, service.attendance.rawValue,
                                 service.mode.rawValue, service.active, service.pharmacyScreening])
        }
    }

    public func setPharmacyScreening(service code: String, _ on: Bool, audit entry: AuditEntry) throws -> Service? {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM service WHERE code = ?", arguments: [code]) else { return nil }
            let service = Self.service(row)
            guard service.pharmacyScreening != on else { return service }
            try db.execute(sql: "UPDATE service SET pharmacy_screening = ? WHERE code = ?", arguments: [on, code])
            try audit.append(db, entry)
            return Self.service(try Row.fetchOne(db, sql: "SELECT * FROM service WHERE code = ?", arguments: [code])!)
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
