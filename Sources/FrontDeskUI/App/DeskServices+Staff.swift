import Foundation
import FrontDeskDomain

/// The staff and teams as the F9 pane's third section lists them.
public struct StaffLists: Hashable, Sendable {
    /// Everyone on the staff list, deactivated people too.
    public var staff: [StaffMember]
    /// Every team with its active members (`StaffService.members`).
    public var teams: [TeamMembers]
    /// The sites set up (a default site must be one of the active ones).
    public var sites: [Site]
    /// The login of the person at the desk (anyone sets their own default site).
    public var me: String
    /// Why this person may not add staff, change roles or deactivate (the permission needed), or nil when they may.
    public var staffRefusal: String?
    /// Why this person may not change teams, or nil when they may.
    public var teamsRefusal: String?
    public init(staff: [StaffMember] = [], teams: [TeamMembers] = [], sites: [Site] = [], me: String = "",
                staffRefusal: String? = nil, teamsRefusal: String? = nil) {
        self.staff = staff; self.teams = teams; self.sites = sites; self.me = me
        self.staffRefusal = staffRefusal; self.teamsRefusal = teamsRefusal
    }

    public func member(_ login: String) -> StaffMember? { staff.first { $0.login == login } }
    /// `main (Main site)`, or the code alone when the site is not known.
    public func siteText(_ code: String?) -> String {
        guard let code else { return "none" }
        return sites.first { $0.code == code }.map { "\(code) (\($0.name))" } ?? code
    }
}

/// A team and its active members.
public struct TeamMembers: Hashable, Sendable {
    public var team: Team
    public var members: [StaffMember]
    public init(team: Team, members: [StaffMember]) { self.team = team; self.members = members }
}

/// One change of the staff list or the teams, as the staff section asks for it.
public enum StaffChange: Hashable, Sendable {
    case add(login: String, name: String, role: StaffRole, teams: [String])
    case role(login: String, StaffRole)
    case teams(login: String, [String])
    case active(login: String, Bool)
    /// nil clears the default site.
    case defaultSite(login: String, site: String?)
    case addTeam(code: String, name: String)

    public var login: String? {
        switch self {
        case .add(let login, _, _, _), .role(let login, _), .teams(let login, _), .active(let login, _), .defaultSite(let login, _):
            return login
        case .addTeam: return nil
        }
    }
}

/// What a staff change did: the person as stored now, or the team added.
public struct StaffChangeDone: Hashable, Sendable {
    public var change: StaffChange
    public var member: StaffMember?
    public var team: Team?
    public init(change: StaffChange, member: StaffMember? = nil, team: Team? = nil) {
        self.change = change; self.member = member; self.team = team
    }
}

extension PatientDesk {
    /// The staff and teams, through `StaffService` (on the same access control and audit trail as the patients).
    var staffService: StaffService {
        StaffService(access: service.access, audit: service.audit, clock: service.clock)
    }

    public func staffLists() throws -> StaffLists {
        let staff = staffService
        let people = try staff.list(by: user)
        let teams = try staff.teams(by: user).map { TeamMembers(team: $0, members: try staff.members(of: $0.code, by: user)) }
        let sites = try diary?.sites(by: user) ?? []
        var lists = StaffLists(staff: people, teams: teams, sites: sites, me: user.login)
        func refusal(_ permission: Permission) throws -> String? {
            do {
                try staff.access.require(permission, user)
                return nil
            } catch let refusal as AccessError where refusal.isPermission {
                return refusal.reason
            }
        }
        lists.staffRefusal = try refusal(.manageStaff)
        lists.teamsRefusal = try refusal(.manageTeams)
        return lists
    }

    public func changeStaff(_ change: StaffChange) throws -> StaffChangeDone {
        let staff = staffService
        do {
            switch change {
            case .add(let login, let name, let role, let teams):
                return StaffChangeDone(change: change, member: try staff.add(login: login, displayName: name, role: role, teams: teams, by: user))
            case .role(let login, let role):
                return StaffChangeDone(change: change, member: try staff.setRole(login, to: role, by: user))
            case .teams(let login, let teams):
                return StaffChangeDone(change: change, member: try staff.setTeams(login, teams, by: user))
            case .active(let login, let active):
                return StaffChangeDone(change: change, member: try staff.setActive(login, active, by: user))
            case .defaultSite(let login, let site):
                let sites = try diary?.sites(by: user) ?? []
                return StaffChangeDone(change: change, member: try staff.setDefaultSite(login, site: site, sites: sites, by: user))
            case .addTeam(let code, let name):
                return StaffChangeDone(change: change, team: try staff.addTeam(code: code, name: name, by: user))
            }
        } catch let refusal as AccessError where !refusal.isPermission {
            // An existing login, the last manager, an unknown person or team: the form marks the field named.
            throw DeskFailure(message: refusal.description, fieldErrors: [FieldError(field: refusal.field, reason: refusal.reason)])
        }
    }

    /// The other record of a merge, found by its hospital or NHS number through search
    /// (a list row, so nothing is opened or audited before the merge is confirmed).
    public func mergeCandidate(_ reference: String) throws -> PatientSummary {
        let typed = reference.trimmingCharacters(in: .whitespaces)
        let found = try service.search(typed, limit: 10, by: user).results
        let digits = typed.filter { $0.isASCII && $0.isNumber }
        let exact = found.filter {
            $0.mrn.caseInsensitiveCompare(typed.replacingOccurrences(of: " ", with: "")) == .orderedSame
                || (digits.count == 10 && digits.count == typed.filter { !$0.isWhitespace }.count && $0.nhsNumber?.digits == digits)
        }
        if let only = exact.first, exact.count == 1 { return only }
        // A number merged before leads to the record it was merged into; a restricted record is listed masked.
        let identifier = SearchQuery.parse(typed).terms.contains { if case .identifier = $0 { return true }; return false }
        if identifier, found.count == 1 { return found[0] }
        throw DeskFailure(message: "duplicate: no record has the hospital or NHS number '\(typed)'",
                          fieldErrors: [FieldError(field: "duplicate", reason: "no record has the hospital or NHS number '\(typed)'")])
    }

    public func merge(keep: String, duplicate: String, reason: String) throws -> Patient {
        try service.merge(keep: keep, duplicate: duplicate, reason: reason, by: user)
    }
}
