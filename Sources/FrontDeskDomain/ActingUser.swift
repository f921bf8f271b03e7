/// The person at the keyboard: the OS login of the real user id.
///
/// The executable builds it from `getpwuid(getuid())`; nothing reads it from the
/// environment. Every write and every opening of a record carries one, so the
/// permission check of the staff-and-roles work has a single place to live.
public struct ActingUser: Sendable, Hashable, Codable {
    public let login: String
    public init(login: String) { self.login = login }
}
