import Foundation
import Testing

// Support for the end-to-end tests: they run the real `frontdesk` binary as a
// child process, each test in its own temporary directory, always with an
// explicit `--db` (or `XDG_DATA_HOME` pointed at the temporary directory for
// `--demo`), so no test ever touches a real database.

/// The package's root folder, found from this file's own path.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()   // CommandLineTests
    .deletingLastPathComponent()   // Tests
    .deletingLastPathComponent()   // package root

/// The built executable: `$FRONTDESK_BIN`, else `<package>/.build/debug/frontdesk`
/// found from this file's own path.
let frontdeskBinary: String = {
    if let path = ProcessInfo.processInfo.environment["FRONTDESK_BIN"], !path.isEmpty { return path }
    return packageRoot.appendingPathComponent(".build/debug/frontdesk").path
}()

/// What a finished `frontdesk` process left behind.
struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// Standard output parsed as a JSON object.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try jsonObject(stdout, sourceLocation: sourceLocation)
    }

    /// Standard error parsed as a JSON object (errors under `--json`).
    func errorJSON(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try jsonObject(stderr, sourceLocation: sourceLocation)
    }
}

func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    return try #require(value as? [String: Any], "not a JSON object: \(text)", sourceLocation: sourceLocation)
}

/// A temporary directory for one test, removed when the test is done with it.
final class Sandbox {
    let directory: URL
    /// The database every command of the test uses unless told otherwise.
    let db: String

    /// A new sandbox; its database is set up with `frontdesk init` (the OS user
    /// running the tests is its first manager) unless `initialised` is false.
    init(initialised: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("frontdesk-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        db = directory.appendingPathComponent("x.sqlite").path
        if initialised { try initialise(db) }
    }

    /// `frontdesk init --db PATH`: a new live database with the OS user as its manager.
    func initialise(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let outcome = try runRaw(["init", "--db", path])
        try #require(outcome.status == 0, "init failed: \(outcome)", sourceLocation: sourceLocation)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The child's environment: ours, with the data directory moved into the
    /// sandbox and no `$FRONTDESK_DB` from outside.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["FRONTDESK_DB"] = nil
        env["XDG_DATA_HOME"] = directory.path
        env["HOME"] = directory.path
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Runs `frontdesk ARGS --db <sandbox>/x.sqlite` and waits for it.
    func run(_ args: [String], stdin: String? = nil, db: String? = nil) throws -> Outcome {
        try launch(args, stdin: stdin, db: db).wait()
    }

    /// Runs `frontdesk ARGS` exactly as given (no `--db` added).
    func runRaw(_ args: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Outcome {
        try launchRaw(args, stdin: stdin, environment: environment).wait()
    }

    /// Starts `frontdesk ARGS --db <db>` (the option goes before a `--`, if any).
    func launch(_ args: [String], stdin: String? = nil, db: String? = nil) throws -> Running {
        let option = ["--db", db ?? self.db]
        var arguments = args + option
        if let separator = args.firstIndex(of: "--") {
            arguments = Array(args[..<separator]) + option + Array(args[separator...])
        }
        return try launchRaw(arguments, stdin: stdin)
    }

    /// Starts the process. Its output goes to files, so neither pipe can fill and block it.
    func launchRaw(_ args: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Running {
        try #require(FileManager.default.isExecutableFile(atPath: frontdeskBinary),
                     "no frontdesk binary at \(frontdeskBinary): run `swift build` first, or set FRONTDESK_BIN")
        let id = UUID().uuidString
        let outURL = directory.appendingPathComponent("stdout-\(id)")
        let errURL = directory.appendingPathComponent("stderr-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: frontdeskBinary)
        process.arguments = args
        process.environment = self.environment(environment)
        process.currentDirectoryURL = directory
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            input.fileHandleForWriting.write(Data(stdin.utf8))
        }
        try? input.fileHandleForWriting.close()
        return Running(process: process, out: out, err: err, outURL: outURL, errURL: errURL)
    }

    /// Writes a file into the sandbox and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    // MARK: - Shortcuts

    /// Registers a patient and returns the record printed by `patient add --json`.
    @discardableResult
    func add(_ args: [String], db: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let outcome = try run(["patient", "add", "--json"] + args, db: db)
        try #require(outcome.status == 0, "patient add \(args) failed: \(outcome)", sourceLocation: sourceLocation)
        return try outcome.json(sourceLocation: sourceLocation)
    }

    /// `patient search QUERY --json` → the decoded response.
    func search(_ query: String, limit: Int? = nil, db: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> SearchResponse {
        // A refused first registration leaves no file at all: nothing to find.
        if !FileManager.default.fileExists(atPath: db ?? self.db) {
            return SearchResponse(results: [], more: 0, more_capped: false)
        }
        var args = ["patient", "search", "--json"]
        if let limit { args += ["--limit", String(limit)] }
        args += ["--", query]
        let outcome = try run(args, db: db)
        try #require(outcome.status == 0, "search \(query) failed: \(outcome)", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(SearchResponse.self, from: Data(outcome.stdout.utf8))
    }

    /// The number of patients the database holds (`summary --json`).
    func patientCount(db: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        if !FileManager.default.fileExists(atPath: db ?? self.db) { return 0 }
        let outcome = try run(["summary", "--json"], db: db)
        try #require(outcome.status == 0, "summary failed: \(outcome)", sourceLocation: sourceLocation)
        return try #require(try outcome.json()["patients"] as? Int, sourceLocation: sourceLocation)
    }

    /// `audit log --json` entries, newest first.
    /// The audit trail's patient events (the staff set-up of `init` left out).
    func audit(patient: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String: Any]] {
        if !FileManager.default.fileExists(atPath: self.db) { return [] }
        var args = ["audit", "log", "--json"]
        if let patient { args += ["--patient", patient] }
        let outcome = try run(args)
        try #require(outcome.status == 0, "audit log failed: \(outcome)", sourceLocation: sourceLocation)
        let entries = try #require(try outcome.json()["entries"] as? [[String: Any]], sourceLocation: sourceLocation)
        return entries.filter { ($0["action"] as? String) != "staff" }
    }
}

/// A started process.
struct Running {
    let process: Process
    let out: FileHandle
    let err: FileHandle
    let outURL: URL
    let errURL: URL

    func wait() throws -> Outcome {
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        return Outcome(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}

// MARK: - The search response, decoded strictly

struct SearchResponse: Decodable, Equatable {
    struct Row: Decodable, Equatable {
        var id: Int64
        var mrn: String
        var nhs_number: String?
        var title: String?
        var family_name: String
        var given_names: String
        /// Null for a restricted record (listed masked).
        var date_of_birth: String?
        var sex: String?
        var postcode: String?
        var match: String
        var restricted: Bool
    }
    var results: [Row]
    var more: Int
    var more_capped: Bool

    var mrns: [String] { results.map(\.mrn) }
    var families: [String] { results.map(\.family_name) }
}

// MARK: - Test data

/// A valid NHS number: the nine digits given plus their Modulus 11 check digit,
/// or nil when the check works out as 10 (never issued).
func nhsNumber(_ nine: String) -> String? {
    let digits = nine.compactMap { $0.wholeNumberValue }
    precondition(digits.count == 9)
    let sum = zip(digits, stride(from: 10, through: 2, by: -1)).reduce(0) { $0 + $1.0 * $1.1 }
    let check = 11 - sum % 11
    if check == 10 { return nil }
    return nine + String(check == 11 ? 0 : check)
}

/// `count` distinct valid NHS numbers from the 999 test range.
func testNHSNumbers(_ count: Int, from start: Int = 100_001) -> [String] {
    var numbers: [String] = []
    var n = start
    while numbers.count < count {
        if let number = nhsNumber("999" + String(format: "%06d", n)) { numbers.append(number) }
        n += 1
    }
    return numbers
}

/// Exit statuses of Sources/frontdesk/Support/Failure.swift, and ArgumentParser's usage error.
enum Exit {
    static let ok: Int32 = 0
    static let refused: Int32 = 1
    static let notFound: Int32 = 2
    static let duplicate: Int32 = 3
    static let incomplete: Int32 = 4
    static let forbidden: Int32 = 5
    static let usage: Int32 = 64
}

/// A JSON value as text ("" when it is not a string): for checks on its contents
/// (written as a call, so the expectation macro sees a plain String).
func jsonText(_ value: Any?) -> String { value as? String ?? "" }

extension Sandbox {
    /// A small clinic set up through the commands: site main, oncology follow-up (onc-fu, 20 minutes) with
    /// Dr Adams (dr-adams) 09:00–12:00 on weekdays, one place a slot, sessions from tomorrow for `days` days.
    /// Returns the ISO date formatter (Europe/London) the tests write dates with.
    @discardableResult
    func oncologyClinic(days: Int) throws -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_GB_POSIX"); f.timeZone = TimeZone(identifier: "Europe/London"); f.dateFormat = "yyyy-MM-dd"
        for args in [["site", "add", "--code", "main", "--name", "Main centre"],
                     ["service", "add", "--code", "onc-fu", "--name", "Oncology follow-up", "--minutes", "20", "--follow-up"],
                     ["clinician", "add", "--code", "dr-adams", "--name", "Dr Adams", "--role", "consultant"],
                     ["template", "add", "--service", "onc-fu", "--site", "main", "--clinician", "dr-adams", "--days", "mon-fri",
                      "--start", "09:00", "--end", "12:00", "--slot", "20", "--capacity", "1", "--from", "today"],
                     ["session", "generate", "--from", "tomorrow", "--to", f.string(from: Date().addingTimeInterval(Double(days) * 86_400))]] {
            let r = try run(args)
            try #require(r.status == Exit.ok, "\(args): \(r)")
        }
        return f
    }
}
