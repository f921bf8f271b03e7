import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The end-to-end tests drive the real `frontdesk` binary: the one `swift build`
// left in `<package>/.build/debug/`, found from this file's own path. For a
// build under another scratch path, point `FRONTDESK_E2E_BINARY` at it.

/// The `frontdesk` executable under test.
let frontdeskBinary: String = {
    if let path = ProcessInfo.processInfo.environment["FRONTDESK_E2E_BINARY"], !path.isEmpty { return path }
    let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Support
        .deletingLastPathComponent()   // EndToEndTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
    return packageRoot.appendingPathComponent(".build/debug/frontdesk").path
}()

/// Fails the test (it does not skip it) when the binary was not built.
func requireBuiltBinary(sourceLocation: SourceLocation = #_sourceLocation) throws {
    try #require(FileManager.default.isExecutableFile(atPath: frontdeskBinary),
                 "no frontdesk binary at \(frontdeskBinary): run `swift build --build-tests` first (or set FRONTDESK_E2E_BINARY)",
                 sourceLocation: sourceLocation)
}

/// What a finished child process left behind.
struct Outcome: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

    /// Standard output parsed as a JSON object.
    func json(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
        return try #require(value as? [String: Any], "not a JSON object: \(self)", sourceLocation: sourceLocation)
    }
}

/// A temporary directory with a short path (a tmux socket path must fit in
/// `sun_path`), removed by `remove()`.
func makeShortTemporaryDirectory(_ prefix: String) throws -> URL {
    let name = "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    let base = FileManager.default.fileExists(atPath: "/tmp") ? URL(fileURLWithPath: "/tmp")
        : FileManager.default.temporaryDirectory
    let directory = base.appendingPathComponent(name, isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

/// Runs a program to the end with standard input from `stdinPath` and its
/// output collected through files in `scratch` (files, not pipes, so a chatty
/// child can never block on a full pipe).
///
/// `posix_spawn` and `waitpid`, not Foundation's `Process`: on Linux a
/// `Process` whose child leaves a daemon behind (the tmux server) waits until
/// the daemon closes the descriptor it inherited, i.e. for ever. The child
/// inherits no descriptor but its standard three.
func runProcess(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                stdinPath: String = "/dev/null", scratch: URL) throws -> Outcome {
    let tag = UUID().uuidString
    let outPath = scratch.appendingPathComponent(".out-\(tag)").path
    let errPath = scratch.appendingPathComponent(".err-\(tag)").path
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    let status = try spawnAndWait(executable, arguments, environment: environment ?? ProcessInfo.processInfo.environment,
                                  stdinPath: stdinPath, stdoutPath: outPath, stderrPath: errPath)
    let stdout = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data(), as: UTF8.self)
    return Outcome(status: status, stdout: stdout, stderr: stderr)
}

struct SpawnError: Error, CustomStringConvertible {
    var description: String
}

/// The descriptors open in this process.
private func openDescriptors() -> [Int32] {
    if let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
        return names.compactMap { Int32($0) }
    }
    return Array(3..<256)
}

/// Starts `executable` and waits for it; returns its exit status, or 128+N
/// when signal N ended it (as a shell reports it).
private func spawnAndWait(_ executable: String, _ arguments: [String], environment: [String: String],
                          stdinPath: String, stdoutPath: String, stderrPath: String) throws -> Int32 {
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    #else
    var actions: posix_spawn_file_actions_t? = nil
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    #if canImport(Glibc)
    // Close every other descriptor in the child (closing one that another
    // thread closed meanwhile is harmless: glibc only reports bad numbers).
    for fd in openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    #else
    var attributes: posix_spawnattr_t? = nil
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // Default signal handling in the child (the test runner may ignore some).
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    #if canImport(Darwin)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_CLOEXEC_DEFAULT))
    #else
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    #endif

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    guard spawned == 0 else { throw SpawnError(description: "cannot start \(executable): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { throw SpawnError(description: "waitpid(\(pid)) failed: errno \(errno)") }
    }
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
}

/// The environment every `frontdesk` child gets: ours without anything that
/// could point it at a real database or change its looks.
func childEnvironment(home: URL, _ extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    for name in ["FRONTDESK_DB", "NO_COLOR", "TMUX", "TMUX_PANE", "LC_ALL", "LC_CTYPE"] { env[name] = nil }
    env["HOME"] = home.path
    env["XDG_DATA_HOME"] = home.path
    env["LANG"] = "C.UTF-8"
    for (key, value) in extra { env[key] = value }
    return env
}

/// Runs `frontdesk ARGS` (nothing added) and waits for it.
func runFrontdesk(_ arguments: [String], home: URL, environment extra: [String: String] = [:],
                  stdinPath: String = "/dev/null") throws -> Outcome {
    try runProcess(frontdeskBinary, arguments, environment: childEnvironment(home: home, extra), stdinPath: stdinPath, scratch: home)
}
