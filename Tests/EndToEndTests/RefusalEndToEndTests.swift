import Foundation
import Testing

/// Without a terminal the UI refuses in words, before opening anything.
@Suite("End to end: no terminal")
struct NoTerminalTests {
    @Test("stdin from /dev/null: exit 1, 'needs a terminal', no escape bytes, no database created",
          arguments: [[String](), ["tui"]])
    func refusesWithoutTerminal(subcommand: [String]) throws {
        try requireBuiltBinary()
        let directory = try makeShortTemporaryDirectory("fd-e2e")
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("never.sqlite").path

        let outcome = try runFrontdesk(subcommand + ["--db", db], home: directory,
                                       environment: ["TERM": "xterm-256color"], stdinPath: "/dev/null")

        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stderr.contains("needs a terminal"), "\(outcome)")
        #expect(!outcome.stdout.contains("\u{1B}") && !outcome.stderr.contains("\u{1B}"), "escape bytes written: \(outcome)")
        #expect(!FileManager.default.fileExists(atPath: db), "the database was created before refusing")
    }
}
