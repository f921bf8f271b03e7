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
            separate demo database, created and seeded on first use).
            """,
        subcommands: [SummaryCommand.self, PatientCommand.self, ImportCommand.self, DemoCommand.self, AuditCommand.self],
        defaultSubcommand: SummaryCommand.self
    )
}
