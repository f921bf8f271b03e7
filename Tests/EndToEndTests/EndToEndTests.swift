import Foundation
import Testing

/// The real `frontdesk` binary in a private tmux server, one server per test.
/// The tests run one at a time (each drives a real terminal); the suite is
/// skipped, with this reason, only when tmux is not installed.
@Suite("End to end: frontdesk in tmux", .serialized,
       .enabled(if: Tmux.isInstalled, "tmux is not installed: the end-to-end tests drive frontdesk in tmux (make test installs it)"))
struct EndToEndTests {}

/// A test's own directory, database and terminal session.
struct Desk {
    let directory: URL
    let database: TestDatabase
    let session: TerminalSession

    /// A seeded database, and `frontdesk --db DB ARGUMENTS` started in tmux.
    static func start(_ extraArguments: [String] = [], subcommand: [String] = [], term: String = "xterm-256color",
                      environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation,
                      prepare: (TestDatabase, URL) throws -> Void = { _, _ in }) throws -> Desk {
        let directory = try makeShortTemporaryDirectory("fd-e2e")
        do {
            let database = try TestDatabase.make(in: directory, sourceLocation: sourceLocation)
            // Anything the test sets up with the command line before the desk opens.
            try prepare(database, directory)
            let session = try TerminalSession(arguments: subcommand + ["--db", database.path] + extraArguments, term: term,
                                              environment: environment, directory: directory, sourceLocation: sourceLocation)
            return Desk(directory: directory, database: database, session: session)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Ends the tmux server and removes the directory.
    func close() { session.close() }

    /// Runs another `frontdesk` command on the same database.
    func frontdesk(_ arguments: [String]) throws -> Outcome {
        try runFrontdesk(arguments, home: directory)
    }
}
