import Foundation
import FrontDeskUI

/// Passwords for the lock screen's tests: each login's one password, and a
/// record of what was asked (so a test can say nothing was checked).
final class FakeAuthenticator: Authenticator, @unchecked Sendable {
    static let passwords = ["clerk1": "right horse", "desk2": "desk password"]

    private let lock = NSLock()
    private var asked: [String] = []

    func check(login: String, password: String) -> Bool {
        lock.lock(); asked.append(login); lock.unlock()
        return Self.passwords[login] == password
    }

    var checks: [String] { lock.lock(); defer { lock.unlock() }; return asked }
}
