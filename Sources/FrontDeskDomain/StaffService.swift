import Foundation

/// Staff and teams: who may use FrontDesk and in which role. Managers change
/// them; every change is audited with the acting user.
public struct StaffService: Sendable {
    public let access: AccessControl
    public let audit: any AuditRepository
    public let clock: any Clock

    public init(access: AccessControl, audit: any AuditRepository, clock: any Clock) {
        self.access = access; self.audit = audit; self.clock = clock
    }

    var staff: any StaffRepository { access.staff }

    /// Makes the OS user who sets up a new database its first manager.
    /// Returns false (and changes nothing) when the database already has staff.
    public func initialise(as user: ActingUser, displayName: String) throws -> Bool {
        let name: String
        do { name = try Self.validName(displayName) } catch let error as FieldError { throw ValidationError([error]) }
        let member = StaffMember(login: user.login, displayName: name, role: .manager, teams: ["front_desk"])
        return try staff.addFirstManager(member, audit: entry(user, "first manager \(user.login) (set up the database)"))
    }

    /// Who the acting user is on the staff list (refused when not active staff).
    public func whoAmI(_ user: ActingUser) throws -> StaffMember { try access.member(user) }

    public func list(by user: ActingUser) throws -> [StaffMember] {
        try access.member(user)
        return try staff.allStaff()
    }

    public func add(login: String, displayName: String, role: StaffRole, teams: [String], by user: ActingUser) throws -> StaffMember {
        try access.require(.manageStaff, user)
        var errors: [FieldError] = []
        if !StaffMember.isLogin(login) { errors.append(FieldError(field: "login", reason: StaffMember.loginRule)) }
        var name = displayName
        do { name = try Self.validName(displayName) } catch let error as FieldError { errors.append(error) }
        errors += try unknownTeams(teams)
        if !errors.isEmpty { throw ValidationError(errors) }
        let member = StaffMember(login: login, displayName: name, role: role, teams: Self.unique(teams))
        try staff.addStaff(member, audit: entry(user, "added \(login) as \(role.rawValue)"
                                                + (teams.isEmpty ? "" : " in " + Self.unique(teams).joined(separator: ", "))))
        return member
    }

    public func setRole(_ login: String, to role: StaffRole, by user: ActingUser) throws -> StaffMember {
        try access.require(.manageStaff, user)
        return try change(login, by: user) { member, managers in
            guard member.role != role else { return nil }
            if member.role == .manager && member.active && managers <= 1 { throw AccessError(.lastManager) }
            var changed = member
            changed.role = role
            return (changed, "\(login) role \(member.role.rawValue) → \(role.rawValue)")
        }
    }

    public func setActive(_ login: String, _ active: Bool, by user: ActingUser) throws -> StaffMember {
        try access.require(.manageStaff, user)
        return try change(login, by: user) { member, managers in
            guard member.active != active else { return nil }
            if !active && member.role == .manager && managers <= 1 { throw AccessError(.lastManager) }
            var changed = member
            changed.active = active
            return (changed, active ? "reactivated \(login)" : "deactivated \(login)")
        }
    }

    /// Sets (or, with nil, clears) the site a person usually works at. Anyone
    /// may set their own; a manager (`manage_staff`) anyone's. `sites` are the
    /// sites set up (the code must be one of the active ones).
    public func setDefaultSite(_ login: String, site: String?, sites: [Site], by user: ActingUser) throws -> StaffMember {
        let me = try access.member(user)
        if me.login != login { try access.require(.manageStaff, user) }
        var code: String?
        if let site {
            let wanted = DiaryCode.normalised(site)
            guard let found = sites.first(where: { $0.code == wanted }) else {
                let known = sites.filter(\.active).map(\.code)
                throw ValidationError(field: "site", reason: "there is no site '\(wanted)'"
                                      + (known.isEmpty ? " (no sites are set up yet)" : ": choose one of " + known.joined(separator: ", ")))
            }
            guard found.active else { throw ValidationError(field: "site", reason: "'\(wanted)' is no longer active") }
            code = found.code
        }
        return try change(login, by: user) { member, _ in
            guard member.defaultSite != code else { return nil }
            var changed = member
            changed.defaultSite = code
            return (changed, "\(login) default site: \(member.defaultSite ?? "none") → \(code ?? "none")")
        }
    }

    public func setTeams(_ login: String, _ teams: [String], by user: ActingUser) throws -> StaffMember {
        try access.require(.manageTeams, user)
        let unknown = try unknownTeams(teams)
        if !unknown.isEmpty { throw ValidationError(unknown) }
        return try change(login, by: user) { member, _ in
            let wanted = Self.unique(teams).sorted()
            guard member.teams.sorted() != wanted else { return nil }
            var changed = member
            changed.teams = wanted
            return (changed, "\(login) teams: " + (wanted.isEmpty ? "none" : wanted.joined(separator: ", ")))
        }
    }

    public func teams(by user: ActingUser) throws -> [Team] {
        try access.member(user)
        return try staff.teams()
    }

    /// The active staff in a team.
    public func members(of code: String, by user: ActingUser) throws -> [StaffMember] {
        try access.member(user)
        guard try staff.teams().contains(where: { $0.code == code }) else { throw AccessError(.teamNotFound(code)) }
        return try staff.allStaff().filter { $0.active && $0.teams.contains(code) }
    }

    public func addTeam(code: String, name: String, by user: ActingUser) throws -> Team {
        try access.require(.manageTeams, user)
        var errors: [FieldError] = []
        if !Team.isCode(code) { errors.append(FieldError(field: "code", reason: Team.codeRule)) }
        var teamName = name
        do { teamName = try Self.validName(name, field: "name") } catch let error as FieldError { errors.append(error) }
        if !errors.isEmpty { throw ValidationError(errors) }
        if try staff.teams().contains(where: { $0.code == code }) { throw AccessError(.teamExists(code)) }
        let team = Team(code: code, name: teamName)
        try staff.addTeam(team, audit: AuditEntry(occurredAt: clock.now, user: user.login, action: .team,
                                                  patientID: nil, detail: "added team \(code)"))
        return team
    }

    // MARK: Helpers

    private func change(_ login: String, by user: ActingUser,
                        _ body: (StaffMember, Int) throws -> (StaffMember, String)?) throws -> StaffMember {
        let now = clock.now
        return try staff.modifyStaff(login: login) { member, managers in
            guard let (changed, detail) = try body(member, managers) else { return nil }
            return (changed, AuditEntry(occurredAt: now, user: user.login, action: .staff, patientID: nil, detail: detail))
        }
    }

    private func entry(_ user: ActingUser, _ detail: String) -> AuditEntry {
        AuditEntry(occurredAt: clock.now, user: user.login, action: .staff, patientID: nil, detail: detail)
    }

    private func unknownTeams(_ teams: [String]) throws -> [FieldError] {
        let known = Set(try staff.teams().map(\.code))
        return teams.filter { !known.contains($0) }.map {
            FieldError(field: "team", reason: "there is no team '\($0)' (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    static func validName(_ text: String, field: String = "name") throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw FieldError(field: field, reason: "is required") }
        guard trimmed.count <= 100 else { throw FieldError(field: field, reason: "must be at most 100 characters") }
        guard PatientFields.isPlainText(trimmed) else { throw FieldError(field: field, reason: PatientFields.plainTextRule) }
        return trimmed
    }
}
