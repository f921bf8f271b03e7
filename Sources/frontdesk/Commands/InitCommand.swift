import ArgumentParser
import Foundation
import FrontDeskDomain
#if canImport(Glibc)
import Glibc
#endif

/// `frontdesk init`: sets up a database and makes you its first manager.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Set up a new database; the OS user who runs it becomes its first manager.",
        discussion: """
            Creates the database (at --db, $FRONTDESK_DB or the default path) if it does
            not exist, and adds you (the OS login of your real user id) to its staff list
            as Assistant Service Manager. A database that already has staff is left as it
            is. Add the other staff afterwards with 'frontdesk staff add'.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Your name as staff see it (default: the name of your OS account).") var name: String?
    @Option(name: .customLong("shared-group"),
            help: "For several staff on one server: the OS group whose members run FrontDesk (files 0660, folder 2770, owned by it).")
    var sharedGroup: String?

    func run() throws {
        try reporting(json: output.json) {
            var group: gid_t?
            if let sharedGroup {
                guard let entry = getgrnam(sharedGroup) else {
                    throw CommandFailure(message: "shared_group: there is no OS group '\(sharedGroup)' (make it with groupadd first)", code: .refused)
                }
                group = entry.pointee.gr_gid
            }
            let context = try Context.open(global, initialising: true, sharedGroup: group, seedDemo: false)
            let made = try context.staff.initialise(as: context.user, displayName: name ?? Context.displayName(of: context.user))
            if !made {
                // Already set up: say so, and who runs it, but only to its staff.
                let me = try context.staff.whoAmI(context.user)
                throw CommandFailure(message: "database: \(context.path) is already set up (you are on its staff list as \(me.role.title)); "
                                     + "managers add staff with 'frontdesk staff add'", code: .refused)
            }
            let me = try context.staff.whoAmI(context.user)
            if output.json {
                struct Done: JSONObject { var database: String; var purpose: String; var shared_group: String?; var manager: StaffJSON }
                print(encodeJSON(Done(database: context.path, purpose: context.purpose.rawValue, shared_group: sharedGroup,
                                      manager: StaffJSON(me))))
            } else {
                print("Set up \(context.purpose == .demo ? "demo" : "live") database \(context.path)")
                print("You (\(me.login), \(me.displayName)) are its first manager: \(me.role.title).")
                if let sharedGroup { print("Shared with the OS group \(sharedGroup): its members open it (add them as staff too).") }
                print("Next: frontdesk staff add --login LOGIN --name \"Full Name\" --role clerk|officer|manager [--team front_desk]")
            }
        }
    }
}

/// One staff member in JSON.
struct StaffJSON: JSONObject {
    var login: String
    var name: String
    var role: String
    var role_title: String
    var teams: [String]
    var active: Bool
    var default_site: String?
    init(_ m: StaffMember) {
        login = m.login; name = m.displayName; role = m.role.rawValue; role_title = m.role.title; teams = m.teams; active = m.active
        default_site = m.defaultSite
    }
}
