import Foundation
import GRDB
import FrontDeskDomain

/// `StaffRepository` on the SQLite database: staff, teams and memberships.
public struct StaffStore: StaffRepository {
    public let database: AppDatabase
    let audit: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        audit = PatientStore(database, clock: clock)
    }

    var writer: any DatabaseWriter { database.writer }

    public func staffMember(login: String) throws -> StaffMember? {
        try writer.read { db in try Self.member(db, login) }
    }

    public func allStaff() throws -> [StaffMember] {
        try writer.read { db in
            let teams = try Self.memberships(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY login").map { Self.member($0, teams: teams[$0["login"]] ?? []) }
        }
    }

    public func addStaff(_ member: StaffMember, audit entry: AuditEntry) throws {
        try writer.write { db in
            if try Self.member(db, member.login) != nil { throw AccessError(.staffExists(member.login)) }
            try Self.insert(db, member, at: entry.occurredAt)
            try audit.append(db, entry)
        }
    }

    public func addFirstManager(_ member: StaffMember, audit entry: AuditEntry) throws -> Bool {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM staff") == 0 else { return false }
            try Self.insert(db, member, at: entry.occurredAt)
            try audit.append(db, entry)
            return true
        }
    }

    public func modifyStaff(login: String, _ change: (StaffMember, Int) throws -> (StaffMember, AuditEntry)?) throws -> StaffMember {
        try writer.write { db in
            guard let old = try Self.member(db, login) else { throw AccessError(.staffNotFound(login)) }
            let managers = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE active AND role = 'manager'") ?? 0
            guard let (new, entry) = try change(old, managers) else { return old }
            try db.execute(sql: "UPDATE staff SET display_name = ?, role = ?, active = ?, default_site = ? WHERE login = ?",
                           arguments: [new.displayName, new.role.rawValue, new.active, new.defaultSite, login])
            try db.execute(sql: "DELETE FROM staff_team WHERE login = ?", arguments: [login])
            for team in new.teams {
                try db.execute(sql: "INSERT INTO staff_team (login, team_code) VALUES (?, ?)", arguments: [login, team])
            }
            try audit.append(db, entry)
            return new
        }
    }

    public func teams() throws -> [Team] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM team ORDER BY name").map {
                Team(code: $0["code"], name: $0["name"], active: $0["active"])
            }
        }
    }

    public func addTeam(_ team: Team, audit entry: AuditEntry) throws {
        try writer.write { db in
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM team WHERE code = ?", arguments: [team.code]) ?? 0 > 0 {
                throw AccessError(.teamExists(team.code))
            }
            try db.execute(sql: "INSERT INTO team (code, name, active) VALUES (?, ?, ?)", arguments: [team.code, team.name, team.active])
            try audit.append(db, entry)
        }
    }

    // MARK: Rows

    static func insert(_ db: Database, _ member: StaffMember, at date: Date) throws {
        try db.execute(sql: "INSERT INTO staff (login, display_name, role, active, created_at) VALUES (?, ?, ?, ?, ?)",
                       arguments: [member.login, member.displayName, member.role.rawValue, member.active, PatientRows.timestamp(date)])
        for team in member.teams {
            try db.execute(sql: "INSERT INTO staff_team (login, team_code) VALUES (?, ?)", arguments: [member.login, team])
        }
    }

    static func member(_ db: Database, _ login: String) throws -> StaffMember? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE login = ?", arguments: [login]) else { return nil }
        let teams = try String.fetchAll(db, sql: "SELECT team_code FROM staff_team WHERE login = ? ORDER BY team_code", arguments: [login])
        return member(row, teams: teams)
    }

    static func memberships(_ db: Database) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT login, team_code FROM staff_team ORDER BY team_code") {
            result[row["login"], default: []].append(row["team_code"])
        }
        return result
    }

    static func member(_ row: Row, teams: [String]) -> StaffMember {
        StaffMember(login: row["login"], displayName: row["display_name"],
                    role: StaffRole(rawValue: row["role"]) ?? .clerk, teams: teams, active: row["active"],
                    defaultSite: row["default_site"])
    }
}
