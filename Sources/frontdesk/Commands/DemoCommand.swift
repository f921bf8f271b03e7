import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "The demo database of synthetic patients.", subcommands: [DemoSeed.self])
}

struct DemoSeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Add synthetic patients to the demo database (never to a live one).",
        discussion: """
            Seeds the demo database (or the --db file, if it is new or already a demo).
            The population is deterministic for a seed: UK names of many heritages,
            plausible ages, NHS numbers from the 999 test range that is never issued.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many patients to add.") var patients: Int
    @Option(help: "Seed of the synthetic population (same seed, same patients).") var seed: UInt64 = 1

    func validate() throws {
        guard (1...5_000_000).contains(patients) else { throw ArgumentParser.ValidationError("--patients must be between 1 and 5000000") }
    }

    func run() throws {
        try reporting(json: output.json) {
            var options = global
            if options.db == nil { options.demo = true }
            let context = try Context.open(options, purposeIfNew: .demo, seedDemo: false)
            guard context.purpose == .demo else {
                throw CommandFailure(message: "database: \(context.path) is a live database: demo patients are only ever added to a demo database (use --demo)", code: .refused)
            }
            let bar = ProgressBar("Seeding")
            let started = Date()
            try context.service.seedDemo(count: patients, seed: seed, by: context.user) { done, total in bar.update(done, total) }
            let seconds = Date().timeIntervalSince(started)
            let total = try context.store.count()
            if output.json {
                struct Seeded: JSONObject { var added: Int; var patients: Int; var seconds: Double; var database: String }
                print(encodeJSON(Seeded(added: patients, patients: total, seconds: (seconds * 10).rounded() / 10, database: context.path)))
            } else {
                print("Added \(patients) synthetic patients in \(String(format: "%.1f", seconds)) s; the demo database \(context.path) holds \(total).")
            }
        }
    }
}

/// First-run seeding of a new demo database.
struct DemoSeeder {
    static let firstRunCount = 5_000
    let context: Context

    func seed(count: Int, seed: UInt64) throws -> Int {
        let bar = ProgressBar("Creating the demo database")
        return try context.service.seedDemo(count: count, seed: seed, by: context.user) { done, total in bar.update(done, total) }
    }
}
