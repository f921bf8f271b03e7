import Foundation

/// Storage of staff and teams.
public protocol StaffRepository: Sendable {
    func staffMember(login: String) throws -> StaffMember?
    func allStaff() throws -> [StaffMember]
    /// Adds a person; refuses a login already on the list.
    func addStaff(_ member: StaffMember, audit: AuditEntry) throws
    /// Changes a person in one transaction; `change` also gets the number of
    /// active managers (read in that transaction); nil from it writes nothing.
    func modifyStaff(login: String, _ change: (StaffMember, _ activeManagers: Int) throws -> (StaffMember, AuditEntry)?) throws -> StaffMember
    func teams() throws -> [Team]
    func addTeam(_ team: Team, audit: AuditEntry) throws
    /// Adds the first manager of a new database in one transaction; false when
    /// the staff list already has anyone (nothing is written then).
    func addFirstManager(_ member: StaffMember, audit: AuditEntry) throws -> Bool
}

/// Why something was refused: not staff, no longer active, or a missing permission.
public struct AccessError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case notStaff(login: String, managers: [String])
        case inactive(login: String, managers: [String])
        case missingPermission(Permission, role: StaffRole)
        case staffExists(String)
        case staffNotFound(String)
        case teamExists(String)
        case teamNotFound(String)
        case lastManager
    }
    public let kind: Kind
    public init(_ kind: Kind) { self.kind = kind }

    public var field: String {
        switch kind {
        case .notStaff, .inactive, .missingPermission: return "access"
        case .staffExists, .staffNotFound, .lastManager: return "login"
        case .teamExists, .teamNotFound: return "team"
        }
    }

    public var reason: String {
        func ask(_ managers: [String]) -> String {
            managers.isEmpty ? "ask the FrontDesk manager of this database"
                : "ask a FrontDesk manager (\(managers.joined(separator: ", ")))"
        }
        switch kind {
        case .notStaff(let login, let managers):
            return "the login '\(login)' is not on FrontDesk's staff list: \(ask(managers)) to add you"
        case .inactive(let login, let managers):
            return "the login '\(login)' is no longer active on FrontDesk: \(ask(managers)) if you need it again"
        case .missingPermission(let permission, let role):
            return "a \(role.title) may not \(permission.summary) (needs permission \(permission.rawValue), given to \(permission.lowestRole.title) and above)"
        case .staffExists(let login): return "'\(login)' is already on the staff list"
        case .staffNotFound(let login): return "'\(login)' is not on the staff list"
        case .teamExists(let code): return "a team '\(code)' already exists"
        case .teamNotFound(let code): return "there is no team '\(code)' (frontdesk team list shows them)"
        case .lastManager: return "this is the last active manager: make someone else a manager first"
        }
    }

    public var description: String { "\(field): \(reason)" }
    public var isPermission: Bool { if case .missingPermission = kind { return true }; return false }
}

/// The one place that decides who may do what. Every service method asks it
/// first, with the acting user (the OS login of the real user id).
public struct AccessControl: Sendable {
    public let staff: any StaffRepository

    public init(staff: any StaffRepository) { self.staff = staff }

    /// The active staff member behind an OS user, or the refusal that says who to ask.
    @discardableResult
    public func member(_ user: ActingUser) throws -> StaffMember {
        guard let member = try staff.staffMember(login: user.login) else {
            throw AccessError(.notStaff(login: user.login, managers: try managers()))
        }
        guard member.active else { throw AccessError(.inactive(login: user.login, managers: try managers())) }
        return member
    }

    /// The member, if their role has the permission; otherwise a refusal naming it.
    @discardableResult
    public func require(_ permission: Permission, _ user: ActingUser) throws -> StaffMember {
        let member = try member(user)
        guard member.role.may(permission) else { throw AccessError(.missingPermission(permission, role: member.role)) }
        return member
    }

    /// Active managers, as "login — Name", to say who to ask.
    func managers() throws -> [String] {
        try staff.allStaff().filter { $0.active && $0.role == .manager }.prefix(3).map { "\($0.login) — \($0.displayName)" }
    }
}
