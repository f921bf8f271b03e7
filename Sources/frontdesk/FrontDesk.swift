import ArgumentParser
import Foundation

@main
struct FrontDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontdesk",
        abstract: "FrontDesk: the outpatient front desk of a cancer centre.",
        discussion: """
            With no subcommand, opens the full-screen terminal UI (frontdesk tui). Every command takes
            --db PATH (else $FRONTDESK_DB, else /var/lib/frontdesk/frontdesk.sqlite when
            it exists, else ~/.local/share/frontdesk/frontdesk.sqlite) and --demo (the
            separate demo database, created and seeded on first use), before or after
            the subcommand.
            """,
        subcommands: [TUICommand.self, InitCommand.self, SummaryCommand.self, KeysCommand.self, StaffCommand.self, TeamCommand.self, SettingsCommand.self, PatientCommand.self, SiteCommand.self, ServiceCommand.self, ClinicianCommand.self, TemplateCommand.self, SessionCommand.self, SlotsCommand.self, BookCommand.self, AppointmentCommand.self, ClinicCommand.self, TaskCommand.self, ImportCommand.self, ProtocolCommand.self, SequenceCommand.self, CourseCommand.self, EnquiryCommand.self, NotesCommand.self, ChecklistCommand.self, DemoCommand.self, AuditCommand.self],
        defaultSubcommand: TUICommand.self
    )

    static func main() {
        main(movingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
    }

    /// `frontdesk --demo patient search x` → `frontdesk patient search x --demo`:
    /// the global options may come anywhere before a `--`, as people type them
    /// (before the subcommand, between its words or after it); every
    /// subcommand takes them at its end.
    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var globals: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                rest += arguments[index...]
                break
            }
            if argument == "--demo" || argument.hasPrefix("--db=") {
                globals.append(argument); index += 1
            } else if argument == "--db", index + 1 < arguments.count {
                globals += [argument, arguments[index + 1]]; index += 2
            } else {
                rest.append(argument); index += 1
            }
        }
        if globals.isEmpty { return rest }
        if let separator = rest.firstIndex(of: "--") {
            return Array(rest[..<separator]) + globals + Array(rest[separator...])
        }
        return rest + globals
    }
}
