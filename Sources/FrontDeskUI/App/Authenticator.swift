/// Checks a person's own password, to unlock the screen. The terminal UI
/// never sees how: the executable passes the OS's (PAM, `FrontDeskPAM`), tests
/// a fake. A check may be slow (PAM waits seconds after a wrong password), so
/// the runtime calls it off the keyboard path and the answer comes back as an
/// event.
public protocol Authenticator: Sendable {
    /// True when `password` is `login`'s password and the account may log in now.
    func check(login: String, password: String) -> Bool
}
