import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// tmux, if it is installed: the tmux suites are skipped (not failed) without it.
enum Tmux {
    static let path: String? = {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = searchPath.split(separator: ":").map { "\($0)/tmux" } + ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isInstalled: Bool { path != nil }
}

/// `frontdesk` running in a pane of a private tmux server (its own socket,
/// no user configuration), driven with `send-keys` and read with `capture-pane`.
///
/// The pane runs a small script: it records the terminal settings, runs
/// `frontdesk` (whose pid it records), then records the exit status and the
/// terminal settings again, prints `frontdesk exited with status N` and reads
/// a line — so a test can check the status and that the shell got a sane
/// terminal back. Then it sleeps until the server is killed (output written
/// just before a pane's process ends can be lost, so the pane is kept alive;
/// `remain-on-exit on` keeps it too should it end early).
final class TerminalSession {
    let directory: URL
    let socket: String
    let tmux: String
    private var closed = false

    static let defaultTimeout: TimeInterval = 10

    /// Starts `frontdesk ARGUMENTS` in a `width`×`height` pane with `TERM=term`
    /// and a clean environment (`LANG=C.UTF-8` plus `environment`).
    init(arguments: [String], term: String = "xterm-256color", environment: [String: String] = [:],
         width: Int = 100, height: Int = 30, directory: URL? = nil,
         sourceLocation: SourceLocation = #_sourceLocation) throws {
        try requireBuiltBinary(sourceLocation: sourceLocation)
        tmux = try #require(Tmux.path, "tmux is not installed", sourceLocation: sourceLocation)
        self.directory = try directory ?? makeShortTemporaryDirectory("fd-e2e")
        socket = self.directory.appendingPathComponent("sock").path

        var env: [String: String] = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": self.directory.path,
            "XDG_DATA_HOME": self.directory.path,
            "LANG": "C.UTF-8",
            "TERM": term,
        ]
        for name in ["USER", "LOGNAME"] { env[name] = ProcessInfo.processInfo.environment[name] }
        for (key, value) in environment { env[key] = value }
        let assignments = env.sorted { $0.key < $1.key }.map { shellQuote("\($0.key)=\($0.value)") }.joined(separator: " ")

        // app.sh: records its pid, then becomes frontdesk (same pid).
        try write("app.sh", """
            echo $$ > \(shellQuote(path("pid")))
            exec env -i \(assignments) \(([frontdeskBinary] + arguments).map(shellQuote).joined(separator: " "))
            """)
        try write("run.sh", """
            stty -g > \(shellQuote(path("tty-before"))) 2>/dev/null
            /bin/sh \(shellQuote(path("app.sh")))
            status=$?
            stty -g > \(shellQuote(path("tty-after"))) 2>/dev/null
            stty -a > \(shellQuote(path("tty-settings"))) 2>/dev/null
            echo "$status" > \(shellQuote(path("exit.part"))) && mv \(shellQuote(path("exit.part"))) \(shellQuote(path("exit")))
            echo "frontdesk exited with status $status"
            echo "shell: type a line"
            read line
            echo "shell got: $line"
            exec sleep 300
            """)
        // remain-on-exit is set by the configuration file, so it is in force
        // before the pane's command can end; no status line, so the pane is
        // the whole window.
        try write("tmux.conf", """
            set-option -g remain-on-exit on
            set-option -g status off
            set-option -g default-shell /bin/sh
            set-option -g history-limit 100
            """)
        try tmuxCommand(["-f", path("tmux.conf"), "new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", "t",
                         "/bin/sh " + shellQuote(path("run.sh"))], sourceLocation: sourceLocation)
    }

    deinit { close() }

    /// Kills the private tmux server (and with it anything still running in
    /// the pane) and removes the directory.
    func close() {
        guard !closed else { return }
        closed = true
        // A frontdesk still running (a failed test) is ended first, and the
        // script around it is given time to finish writing into the directory.
        if !hasExited, let pid = recordedPID, kill(pid, 0) == 0 {
            _ = kill(pid, SIGKILL)
            let deadline = Date().addingTimeInterval(3)
            while !hasExited && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }
        _ = try? runProcess(tmux, ["-S", socket, "kill-server"], environment: Self.tmuxEnvironment, scratch: directory)
        try? FileManager.default.removeItem(at: directory)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func write(_ name: String, _ text: String) throws {
        try (text + "\n").write(toFile: path(name), atomically: true, encoding: .utf8)
    }

    private static var tmuxEnvironment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        return env
    }

    @discardableResult
    func tmuxCommand(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let outcome = try runProcess(tmux, ["-S", socket] + arguments, environment: Self.tmuxEnvironment, scratch: directory)
        try #require(outcome.status == 0, "tmux \(arguments.joined(separator: " ")) failed: \(outcome)", sourceLocation: sourceLocation)
        return outcome.stdout
    }

    // MARK: Keys

    /// Sends keys by tmux name: "Enter", "Down", "F10", "C-q", "M-0", "BTab", "Escape" …
    func send(_ keys: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmuxCommand(["send-keys", "-t", "t"] + keys, sourceLocation: sourceLocation)
    }

    /// Types text literally (UTF-8 as it stands: "Siân", "李").
    func type(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmuxCommand(["send-keys", "-t", "t", "-l", text], sourceLocation: sourceLocation)
    }

    func resize(width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try tmuxCommand(["resize-window", "-t", "t", "-x", "\(width)", "-y", "\(height)"], sourceLocation: sourceLocation)
    }

    // MARK: Screen

    /// The screen as text, one line a row (a wide character appears once).
    func capture() throws -> String {
        try tmuxCommand(["capture-pane", "-p", "-t", "t"])
    }

    /// The screen with its styles as SGR escape sequences (`capture-pane -e`).
    func captureWithStyles() throws -> String {
        try tmuxCommand(["capture-pane", "-p", "-e", "-t", "t"])
    }

    /// Polls the screen every 50 ms until `predicate` holds on a settled
    /// screen (the same in two captures 50 ms apart, so never a frame that
    /// tmux has only half received); fails the test with the last screen when
    /// that does not happen within `timeout`.
    @discardableResult
    func waitUntil(_ what: String, timeout: TimeInterval = defaultTimeout,
                   sourceLocation: SourceLocation = #_sourceLocation,
                   _ predicate: (Screen) -> Bool) throws -> Screen {
        let deadline = Date().addingTimeInterval(timeout)
        var previous: String? = nil
        while true {
            let text = try capture()
            let screen = Screen(text)
            if predicate(screen) {
                if text == previous { return screen }
                previous = text
            } else {
                previous = nil
            }
            if Date() >= deadline {
                try #require(Bool(false), "waited \(timeout) s for \(what); the screen was:\n\(screen.framed)",
                             sourceLocation: sourceLocation)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = defaultTimeout,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> Screen {
        try waitUntil("\"\(text)\"", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until the screen no longer shows `text`.
    @discardableResult
    func waitForAbsence(of text: String, timeout: TimeInterval = defaultTimeout,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> Screen {
        try waitUntil("\"\(text)\" to go", timeout: timeout, sourceLocation: sourceLocation) { !$0.contains(text) }
    }

    /// Waits until the lookup pane is up and idle enough to take keys: its
    /// function-key bar is drawn.
    @discardableResult
    func waitForLookup(sourceLocation: SourceLocation = #_sourceLocation) throws -> Screen {
        try waitUntil("the lookup pane and its function-key bar", sourceLocation: sourceLocation) {
            $0.contains("F10 Quit") && $0.contains("Search") && $0.contains("Patient lookup")
        }
    }

    // MARK: The process

    var hasExited: Bool { FileManager.default.fileExists(atPath: path("exit")) }

    /// Waits for frontdesk to end and returns its exit status as the shell saw it.
    func waitForExit(timeout: TimeInterval = defaultTimeout, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while !hasExited {
            if Date() >= deadline {
                let screen = (try? capture()).map { Screen($0).framed } ?? "(no screen)"
                try #require(Bool(false), "frontdesk did not exit within \(timeout) s; the screen was:\n\(screen)",
                             sourceLocation: sourceLocation)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let text = try String(contentsOfFile: path("exit"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return try #require(Int32(text), "exit file holds \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    /// frontdesk's process id, once the pane's script has recorded it.
    var recordedPID: pid_t? {
        guard let text = try? String(contentsOfFile: path("pid"), encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// frontdesk's process id.
    func appPID(timeout: TimeInterval = defaultTimeout, sourceLocation: SourceLocation = #_sourceLocation) throws -> pid_t {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let pid = recordedPID { return pid }
            if Date() >= deadline {
                try #require(Bool(false), "frontdesk's pid was not recorded", sourceLocation: sourceLocation)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Sends a signal to frontdesk (not to tmux or the shell around it).
    func signal(_ number: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let pid = try appPID(sourceLocation: sourceLocation)
        try #require(kill(pid, number) == 0, "kill(\(pid), \(number)) failed: errno \(errno)", sourceLocation: sourceLocation)
    }

    /// After frontdesk ended: the shell has its terminal back exactly as it
    /// was (`stty -g` before and after agree; line editing and echo are on),
    /// and the wrapper script could print to the screen again.
    func expectTerminalRestored(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try String(contentsOfFile: path("tty-before"), encoding: .utf8)
        let after = try String(contentsOfFile: path("tty-after"), encoding: .utf8)
        let settings = try String(contentsOfFile: path("tty-settings"), encoding: .utf8)
        let flags = Set(settings.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        #expect(flags.contains("icanon") && !flags.contains("-icanon"), "line editing is off after frontdesk:\n\(settings)",
                sourceLocation: sourceLocation)
        #expect(flags.contains("echo") && !flags.contains("-echo"), "echo is off after frontdesk:\n\(settings)",
                sourceLocation: sourceLocation)
        #expect(before == after, "the terminal settings differ after frontdesk (stty -g before / after):\n\(before)\(after)\n\(settings)",
                sourceLocation: sourceLocation)
        // The shell can use the terminal: what is typed is echoed, and a
        // whole line (canonical mode) reaches `read`.
        try waitFor("shell: type a line", sourceLocation: sourceLocation)
        try type("all is well", sourceLocation: sourceLocation)
        try send("Enter", sourceLocation: sourceLocation)
        let screen = try waitFor("shell got: all is well", sourceLocation: sourceLocation)
        #expect(screen.lines.contains { $0.hasPrefix("all is well") }, "the typed line was not echoed:\n\(screen.framed)",
                sourceLocation: sourceLocation)
    }
}

/// One captured screen.
struct Screen: CustomStringConvertible {
    let text: String
    let lines: [String]

    init(_ text: String) {
        self.text = text
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    func contains(_ part: String) -> Bool { text.contains(part) }

    /// The first row showing `part`.
    func row(containing part: String) -> Int? { lines.firstIndex { $0.contains(part) } }

    /// The message line (the row above the function-key bar) of a full screen.
    var messageLine: String { lines.count >= 2 ? lines[lines.count - 2] : "" }
    /// The function-key bar (the bottom row).
    var bar: String { lines.last ?? "" }
    var topLine: String { lines.first ?? "" }

    /// The screen in a box, for failure messages.
    var framed: String {
        (["+" + String(repeating: "-", count: 40)] + lines.map { "|" + $0 } + ["+" + String(repeating: "-", count: 40)])
            .joined(separator: "\n")
    }

    /// Short, so an expectation on `screen.contains(…)` does not print the
    /// screen twice: messages add `framed` themselves.
    var description: String { "<screen of \(lines.count) rows>" }
}

/// Single-quotes a word for /bin/sh.
func shellQuote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Terminal cells of a captured line: East Asian wide characters take two,
/// combining marks none (enough for the names these tests type).
func cellWidth<S: StringProtocol>(_ text: S) -> Int {
    text.unicodeScalars.reduce(0) { total, scalar in
        let v = scalar.value
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) { return total }
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
        return total + (wide ? 2 : 1)
    }
}

/// The cell column where `part` starts in `line`, if it is there.
func cellColumn(of part: String, in line: String) -> Int? {
    guard let range = line.range(of: part) else { return nil }
    return cellWidth(line[line.startIndex..<range.lowerBound])
}

/// The colour parameters (foreground and background, 8/16/256/true colour)
/// in the SGR sequences of a `capture-pane -e` screen; resets to the default
/// colour (39, 49) and plain attributes (bold, reverse …) are not colours.
func colourCodes(in styled: String) -> [String] {
    var found: [String] = []
    var rest = Substring(styled)
    while let start = rest.range(of: "\u{1B}[") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(where: { !($0.isNumber || $0 == ";" || $0 == ":") }) else { break }
        let final = rest[end]
        let parameters = rest[..<end]
        rest = rest[rest.index(after: end)...]
        guard final == "m" else { continue }
        let numbers = parameters.split(separator: ";").map { Int($0.split(separator: ":").first ?? "") ?? -1 }
        var index = 0
        while index < numbers.count {
            let n = numbers[index]
            switch n {
            case 30...37, 40...47, 90...97, 100...107:
                found.append(String(n))
            case 38, 48:
                found.append(parameters.description)
                index = numbers.count
            default: break
            }
            index += 1
        }
    }
    return found
}
