import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Real OS accounts: who FrontDesk thinks you are is the login of the real
/// user id, never an environment variable. These tests make two accounts
/// (`useradd`) and run the binary as them (`runuser`), so they need root;
/// otherwise they are skipped with a message.
@Suite("OS accounts: staff, roles and a shared install", .serialized,
       .enabled(if: OSAccounts.available, "needs root, useradd and runuser to run FrontDesk as other OS users"))
struct OSAccountTests {
    @Test("a shared install: an OS user who is not staff is refused and told who to ask; a clerk may register but not import or manage staff")
    func sharedInstallRolesAndRefusals() throws {
        let s = try Sandbox(initialised: false)
        try OSAccounts.ensure()
        let binary = try OSAccounts.copyBinary(into: s)
        let folder = s.path("shared")
        let db = folder + "/frontdesk.sqlite"

        // The manager (root, here) sets up a database shared with the group.
        let made = try s.runRaw(["init", "--db", db, "--shared-group", OSAccounts.group, "--name", "Ada Manager"])
        #expect(made.status == Exit.ok, "\(made)")
        #expect(try OSAccounts.mode(folder) == 0o2770, "shared folder mode")
        #expect(try OSAccounts.mode(db) == 0o660, "shared file mode")
        #expect(try OSAccounts.groupName(db) == OSAccounts.group)

        // An OS user in the group but not on the staff list: refused, told who to ask, shown nothing else.
        let stranger = try OSAccounts.run(binary, as: OSAccounts.stranger, ["patient", "search", "smith", "--db", db])
        #expect(stranger.status == Exit.forbidden, "\(stranger)")
        #expect(stranger.stderr.contains("'\(OSAccounts.stranger)' is not on FrontDesk's staff list"), "\(stranger)")
        #expect(stranger.stderr.contains("Ada Manager"), "says who to ask: \(stranger)")
        #expect(stranger.stdout.isEmpty, "\(stranger)")

        // The manager adds the clerk.
        let added = try s.runRaw(["staff", "add", "--db", db, "--login", OSAccounts.clerk, "--name", "Cal Clerk",
                                  "--role", "clerk", "--team", "front_desk", "--json"])
        #expect(added.status == Exit.ok, "\(added)")

        // The clerk registers a patient: the audit trail names the clerk's own login.
        let registered = try OSAccounts.run(binary, as: OSAccounts.clerk,
                                            ["patient", "add", "--db", db, "--family", "Quill", "--given", "Ada", "--dob", "01/02/1960", "--json"])
        #expect(registered.status == Exit.ok, "\(registered)")
        let whoami = try OSAccounts.run(binary, as: OSAccounts.clerk, ["staff", "whoami", "--db", db, "--json"])
        #expect(try whoami.json()["role"] as? String == "clerk", "\(whoami)")

        // What only an officer or a manager may do is refused, naming the permission.
        let csv = s.path("one.csv")
        try "family_name,given_names,date_of_birth\nRook,Bea,1970-01-01\n".write(toFile: csv, atomically: true, encoding: .utf8)
        _ = chmod(csv, 0o644)
        let imported = try OSAccounts.run(binary, as: OSAccounts.clerk, ["import", "patients", csv, "--db", db])
        #expect(imported.status == Exit.forbidden, "\(imported)")
        #expect(imported.stderr.contains("import_patients"), "\(imported)")
        let staffAdd = try OSAccounts.run(binary, as: OSAccounts.clerk,
                                          ["staff", "add", "--db", db, "--login", "x", "--name", "X", "--role", "manager"])
        #expect(staffAdd.status == Exit.forbidden, "\(staffAdd)")
        #expect(staffAdd.stderr.contains("manage_staff"), "\(staffAdd)")
        let audit = try OSAccounts.run(binary, as: OSAccounts.clerk, ["audit", "log", "--db", db])
        #expect(audit.status == Exit.forbidden, "\(audit)")
        #expect(audit.stderr.contains("read_audit_reports"), "\(audit)")

        // The manager sees that the clerk registered the patient.
        let log = try s.runRaw(["audit", "log", "--db", db, "--json"])
        let entries = try #require(try log.json()["entries"] as? [[String: Any]])
        #expect(entries.contains { $0["action"] as? String == "register" && $0["user"] as? String == OSAccounts.clerk }, "\(log)")

        // A deactivated clerk is refused.
        #expect(try s.runRaw(["staff", "deactivate", OSAccounts.clerk, "--db", db]).status == Exit.ok)
        let gone = try OSAccounts.run(binary, as: OSAccounts.clerk, ["patient", "search", "quill", "--db", db])
        #expect(gone.status == Exit.forbidden, "\(gone)")
        #expect(gone.stderr.contains("no longer active"), "\(gone)")

        // Files SQLite made for the other users stay inside the group.
        for file in [db + "-wal", db + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try OSAccounts.mode(file) & 0o007 == 0, "\(file) must not be readable by others")
        }
    }

    @Test("an environment variable cannot change who FrontDesk thinks you are")
    func environmentDoesNotChangeTheUser() throws {
        let s = try Sandbox()
        try OSAccounts.ensure()
        for variable in ["USER", "LOGNAME", "SUDO_USER", "FRONTDESK_USER"] {
            let r = try s.runRaw(["staff", "whoami", "--db", s.db, "--json"], environment: [variable: OSAccounts.stranger])
            #expect(r.status == Exit.ok, "\(r)")
            #expect(try r.json()["login"] as? String == OSAccounts.me, "\(variable): \(r)")
        }
    }
}

/// The test accounts and how to run FrontDesk as them.
enum OSAccounts {
    static let group = "fdtest"
    static let clerk = "fdtestclerk"
    static let stranger = "fdteststranger"

    static var me: String { getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "?" }

    static var available: Bool {
        getuid() == 0 && ["/usr/sbin/useradd", "/usr/sbin/groupadd", "/usr/sbin/runuser"].allSatisfy {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Makes the group and the two accounts if they are missing (no home, no login shell).
    static func ensure() throws {
        if getgrnam(group) == nil { try system("/usr/sbin/groupadd", [group]) }
        for user in [clerk, stranger] where getpwnam(user) == nil {
            try system("/usr/sbin/useradd", ["-M", "-N", "-g", group, "-s", "/usr/sbin/nologin", user])
        }
    }

    /// The binary, copied where every account can run it.
    static func copyBinary(into sandbox: Sandbox) throws -> String {
        _ = chmod(sandbox.directory.path, 0o755)
        let copy = sandbox.path("frontdesk")
        try FileManager.default.copyItem(atPath: frontdeskBinary, toPath: copy)
        _ = chmod(copy, 0o755)
        return copy
    }

    static func run(_ binary: String, as user: String, _ args: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        process.arguments = ["-u", user, "--", binary] + args
        var env = ProcessInfo.processInfo.environment
        env["FRONTDESK_DB"] = nil
        env["HOME"] = "/tmp"
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func system(_ tool: String, _ args: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = args
        try process.run()
        process.waitUntilExit()
        // Another test process may have made it a moment ago: only fail if it is still missing.
    }

    static func mode(_ path: String) throws -> Int {
        var info = stat()
        try #require(stat(path, &info) == 0, "stat \(path)")
        return Int(info.st_mode & 0o7777)
    }

    static func groupName(_ path: String) throws -> String {
        var info = stat()
        try #require(stat(path, &info) == 0, "stat \(path)")
        return getgrgid(info.st_gid).map { String(cString: $0.pointee.gr_name) } ?? "?"
    }
}
