import ArgumentParser
import Foundation

@main
struct FrontDesk: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontdesk",
        abstract: "FrontDesk: the outpatient front desk of a cancer centre.",
        discussion: """
            With no subcommand, shows the database's summary. Every command takes
            --db PATH (else $FRONTDESK_DB, else /var/lib/frontdesk/frontdesk.sqlite when
            it exists, else ~/.local/share/frontdesk/frontdesk.sqlite) and --demo (the
            separate demo database, created and seeded on first use), before or after
            the subcommand.
            """,
        subcommands: [SummaryCommand.self, PatientCommand.self, ImportCommand.self, DemoCommand.self, AuditCommand.self],
        defaultSubcommand: SummaryCommand.self
    )

    static func main() {
        main(movingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
    }

    /// `frontdesk --demo patient search x` → `frontdesk patient search x --demo`:
    /// the global options may come before the subcommand, as people type them.
    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--demo" || argument.hasPrefix("--db=") {
                leading.append(argument); index += 1
            } else if argument == "--db", index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]; index += 2
            } else {
                break
            }
        }
        let rest = Array(arguments[index...])
        if leading.isEmpty { return rest }
        if let separator = rest.firstIndex(of: "--") {
            return Array(rest[..<separator]) + leading + Array(rest[separator...])
        }
        return rest + leading
    }
}
