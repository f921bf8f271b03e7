import Foundation
import Testing
import FrontDeskPAM
#if canImport(Glibc)
import Glibc
#endif

/// The real PAM check against a real OS account. Making the account needs
/// root (`useradd`, `chpasswd`); as any other user the tests are skipped, saying so.
@Suite(.serialized)
struct PAMAuthenticatorTests {
    static let login = "fdtestpam"
    static let password = "Correct-Horse-7 battery"

    /// Runs a program as root, feeding `input`; returns its exit status.
    @discardableResult
    static func run(_ path: String, _ arguments: [String], input: String? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : pipe
        try process.run()
        if let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try? pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func program(_ name: String) -> String {
        ["/usr/sbin/", "/sbin/", "/usr/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) } ?? name
    }

    /// Makes (or re-uses) the test account with the known password.
    static func makeAccount() throws {
        if getpwnam(login) == nil {
            let status = try run(program("useradd"), ["--no-create-home", "--shell", "/usr/sbin/nologin", login])
            try #require(status == 0, "useradd \(login) failed with status \(status)")
        }
        let status = try run(program("chpasswd"), [], input: "\(login):\(password)\n")
        try #require(status == 0, "chpasswd failed with status \(status)")
    }

    static func removeAccount() {
        _ = try? run(program("userdel"), [login])
    }

    @Test func acceptsTheRightPasswordAndRefusesAWrongOne() throws {
        guard getuid() == 0 else {
            print("PAMAuthenticatorTests: skipped: making the test account \(Self.login) needs root (run the tests as root to check PAM)")
            return
        }
        try Self.makeAccount()
        defer { Self.removeAccount() }
        let pam = PAMAuthenticator()
        #expect(pam.check(login: Self.login, password: Self.password))
        #expect(!pam.check(login: Self.login, password: "wrong password"))
        #expect(!pam.check(login: Self.login, password: Self.password + " "))
        #expect(!pam.check(login: Self.login, password: ""))
        #expect(!pam.check(login: "fdtestnobody", password: Self.password))
        // And it still works after refusals (no state kept between checks).
        #expect(pam.check(login: Self.login, password: Self.password))
    }
}
