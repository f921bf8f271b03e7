import ArgumentParser
import Foundation
import FrontDeskDomain

/// `frontdesk staff …`: who may use FrontDesk, in which role.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "List and manage staff (managers change them).",
        subcommands: [StaffList.self, StaffAdd.self, StaffSetRole.self, StaffSetTeams.self, StaffSetSite.self, StaffDeactivate.self,
                      StaffReactivate.self, StaffWhoAmI.self, StaffRoles.self])
}

struct StaffRoles: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "roles",
        abstract: "The three roles and what each may do (the permission matrix of Docs/SECURITY.md).")
    @OptionGroup var output: OutputOptions
    func run() throws {
        if output.json {
            struct Role: JSONObject { var role: String; var title: String; var permissions: [String] }
            struct Roles: JSONObject { var roles: [Role] }
            print(encodeJSON(Roles(roles: StaffRole.allCases.map { role in
                Role(role: role.rawValue, title: role.title,
                     permissions: Permission.allCases.filter { role.may($0) }.map(\.rawValue))
            })))
        } else {
            print(Permission.matrixMarkdown, terminator: "")
        }
    }
}

extension StaffRole: TypedArgument {}

func printStaff(_ members: [StaffMember], json: Bool) {
    if json {
        struct List: JSONObject { var staff: [StaffJSON] }
        print(encodeJSON(List(staff: members.map(StaffJSON.init))))
        return
    }
    if members.isEmpty { print("No staff."); return }
    for m in members {
        let teams = m.teams.isEmpty ? "" : "  teams: " + m.teams.joined(separator: ", ")
        let site = m.defaultSite.map { "  site: \($0)" } ?? ""
        print(TextOutput.pad(m.login, 12) + " " + TextOutput.pad(m.displayName, 26) + " " + TextOutput.pad(m.role.title, 26)
              + (m.active ? "" : " INACTIVE") + teams + site)
    }
}

/// Runs a change to one person's staff record and prints the result.
func changeStaff(_ global: GlobalOptions, _ output: OutputOptions,
                 _ change: (Context) throws -> StaffMember) throws {
    try reporting(json: output.json) {
        let context = try Context.open(global)
        let member = try change(context)
        if output.json { print(encodeJSON(StaffJSON(member))) } else { printStaff([member], json: false) }
    }
}

struct StaffList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Everyone on the staff list.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            printStaff(try context.staff.list(by: context.user), json: output.json)
        }
    }
}

struct StaffWhoAmI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "whoami", abstract: "Your own staff record: login, role and teams.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let me = try context.staff.whoAmI(context.user)
            if output.json { print(encodeJSON(StaffJSON(me))) } else { printStaff([me], json: false) }
        }
    }
}

struct StaffAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person to the staff list (manager).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Their OS login name (the account they log in with).") var login: String
    @Option(help: "Their name as staff see it.") var name: String
    @Option(help: "clerk, officer or manager.") var role: StaffRole
    @Option(help: "A team they belong to (repeat for several; frontdesk team list).") var team: [String] = []
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let member = try context.staff.add(login: login, displayName: name, role: role, teams: team, by: context.user)
            if output.json { print(encodeJSON(StaffJSON(member))) } else { print("Added:"); printStaff([member], json: false) }
        }
    }
}

struct StaffSetRole: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-role", abstract: "Change a person's role (manager).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Their login.") var login: String
    @Argument(help: "clerk, officer or manager.") var role: StaffRole
    func run() throws {
        try changeStaff(global, output) { context in try context.staff.setRole(login, to: role, by: context.user) }
    }
}

struct StaffSetSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-site", abstract: "Set the site a person usually works at (your own, or anyone's as a manager).",
        discussion: "The site shows on the terminal UI's top line and is the clinics pane's first choice. Leave SITE out to clear it.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Their login.") var login: String
    @Argument(help: "A site code (frontdesk site list).") var site: String?
    func run() throws {
        try changeStaff(global, output) { context in
            try context.staff.setDefaultSite(login, site: site, sites: try context.diary.sites(by: context.user), by: context.user)
        }
    }
}

struct StaffSetTeams: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set-teams", abstract: "Replace a person's teams (manager).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Their login.") var login: String
    @Option(help: "A team (repeat for several; none: no teams).") var team: [String] = []
    func run() throws {
        try changeStaff(global, output) { context in try context.staff.setTeams(login, team, by: context.user) }
    }
}

struct StaffDeactivate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deactivate",
        abstract: "Stop a person using FrontDesk (manager); their history stays.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Their login.") var login: String
    func run() throws {
        try changeStaff(global, output) { context in try context.staff.setActive(login, false, by: context.user) }
    }
}

struct StaffReactivate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reactivate", abstract: "Let a deactivated person use FrontDesk again (manager).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Their login.") var login: String
    func run() throws {
        try changeStaff(global, output) { context in try context.staff.setActive(login, true, by: context.user) }
    }
}

/// `frontdesk team …`: the teams that own work.
struct TeamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "team", abstract: "List teams and their members; add teams (manager).",
        subcommands: [TeamList.self, TeamAdd.self, TeamMembers.self])
}

struct TeamJSON: JSONObject {
    var code: String; var name: String; var active: Bool
    init(_ t: Team) { code = t.code; name = t.name; active = t.active }
}

struct TeamList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every team.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let teams = try context.staff.teams(by: context.user)
            if output.json {
                struct List: JSONObject { var teams: [TeamJSON] }
                print(encodeJSON(List(teams: teams.map(TeamJSON.init))))
            } else {
                for team in teams { print(TextOutput.pad(team.code, 20) + " " + team.name) }
            }
        }
    }
}

struct TeamAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a team (manager).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Short name: lower-case letters, digits and _ (e.g. radiotherapy_booking).") var code: String
    @Option(help: "The team's name as staff see it.") var name: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let team = try context.staff.addTeam(code: code, name: name, by: context.user)
            if output.json { print(encodeJSON(TeamJSON(team))) } else { print("Added team \(team.code): \(team.name)") }
        }
    }
}

struct TeamMembers: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "members", abstract: "The staff in a team.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The team's code (frontdesk team list).") var team: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            printStaff(try context.staff.members(of: team, by: context.user), json: output.json)
        }
    }
}
