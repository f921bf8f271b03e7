import ArgumentParser
import FrontDeskDomain

/// `frontdesk summary`: which database, what it holds, and a sample search.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: "Show which database is in use and what it holds.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let stats = try context.database.statistics()
            if output.json {
                struct Summary: JSONObject { var database: String; var purpose: String; var patients: Int; var audit_events: Int; var user: String }
                print(encodeJSON(Summary(database: context.path, purpose: context.purpose.rawValue, patients: stats.patients,
                                         audit_events: stats.auditEvents, user: context.user.login)))
                return
            }
            print("FrontDesk · \(context.purpose == .demo ? "DEMO database (synthetic patients)" : "live database")")
            print("database   \(context.path)")
            print("user       \(context.user.login)")
            print("patients   \(stats.patients)")
            print("audit      \(stats.auditEvents) events")
            if context.purpose == .demo && stats.patients > 0 {
                let sample = "smith j"
                print("\nSample search: frontdesk \(global.db.map { "--db \($0)" } ?? "--demo") patient search '\(sample)'")
                print(TextOutput.results(try context.service.search(sample, limit: 10, by: context.user), today: context.service.today))
            }
            print("\nTry: frontdesk\(global.db.map { " --db \($0)" } ?? (global.demo ? " --demo" : "")) patient search QUERY · patient show PATIENT · patient add … · import patients FILE.csv · --help")
        }
    }
}
