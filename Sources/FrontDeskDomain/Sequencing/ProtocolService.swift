import Foundation

/// One stored version of a protocol: its file as imported, who and when.
public struct StoredProtocol: Sendable, Hashable {
    public var code: String
    public var version: Int
    public var name: String
    public var yaml: String
    public var importedBy: String
    public var importedAt: Date
    public init(code: String, version: Int, name: String, yaml: String, importedBy: String, importedAt: Date) {
        self.code = code; self.version = version; self.name = name; self.yaml = yaml
        self.importedBy = importedBy; self.importedAt = importedAt
    }
}

/// Storage of protocol versions.
public protocol ProtocolRepository: Sendable {
    /// The latest version of each protocol, by code.
    func latestProtocols() throws -> [StoredProtocol]
    /// One version (the latest when `version` is nil).
    func storedProtocol(code: String, version: Int?) throws -> StoredProtocol?
    /// Stores the file as the next version of its code, with the audit row
    /// made from that version, in one transaction — unless the latest version
    /// holds exactly this file (returned, nothing written).
    func addProtocolVersion(code: String, name: String, yaml: String, by user: String, at: Date,
                            audit: (Int) -> AuditEntry) throws -> (stored: StoredProtocol, unchanged: Bool)
}

/// Treatment protocols: managers import them (`manage_protocols`); everyone
/// lists and reads them. A changed file becomes a new version; courses keep
/// the version they were booked with.
public struct ProtocolService: Sendable {
    public let protocols: any ProtocolRepository
    public let diary: any DiaryRepository
    public let access: AccessControl
    public let clock: any Clock

    public init(protocols: any ProtocolRepository, diary: any DiaryRepository, access: AccessControl, clock: any Clock) {
        self.protocols = protocols; self.diary = diary; self.access = access; self.clock = clock
    }

    /// What an import did.
    public struct Imported: Sendable, Hashable {
        public var protocolValue: TreatmentProtocol
        public var stored: StoredProtocol
        /// The latest version already held this exact file: nothing was written.
        public var unchanged: Bool
    }

    /// Checks a protocol file against the services and teams set up (every
    /// problem at once, each naming its place in the file and the rule) and
    /// stores it as the next version of its code.
    public func importProtocol(yaml: String, by user: ActingUser) throws -> Imported {
        try access.require(.manageProtocols, user)
        let services = Set(try diary.services().filter(\.active).map(\.code))
        let teams = Set(try access.staff.teams().filter(\.active).map(\.code))
        let parsed = try ProtocolParser.parse(yaml, services: services, teams: teams).get()
        let at = clock.now
        let (stored, unchanged) = try protocols.addProtocolVersion(code: parsed.code, name: parsed.name, yaml: yaml, by: user.login, at: at) { version in
            AuditEntry(occurredAt: at, user: user.login, action: .protocol, patientID: nil,
                       detail: "imported protocol \(parsed.code) version \(version) (\(parsed.name)): \(parsed.steps.count) steps, "
                           + "\(parsed.rules.count) rules, \(parsed.cycles) cycle\(parsed.cycles == 1 ? "" : "s")")
        }
        var value = parsed
        value.version = stored.version
        return Imported(protocolValue: value, stored: stored, unchanged: unchanged)
    }

    /// The latest version of every protocol.
    public func list(by user: ActingUser) throws -> [TreatmentProtocol] {
        try access.member(user)
        return try protocols.latestProtocols().map(Self.read)
    }

    /// One protocol (its latest version, or `version`), with who imported it.
    public func show(code: String, version: Int? = nil, by user: ActingUser) throws -> (protocolValue: TreatmentProtocol, stored: StoredProtocol) {
        try access.member(user)
        let normalised = DiaryCode.normalised(code)
        guard let stored = try protocols.storedProtocol(code: normalised, version: version) else {
            let what = version.map { "version \($0) of protocol '\(normalised)'" } ?? "protocol '\(normalised)'"
            throw BookingError.notFound("protocol", "there is no \(what) (frontdesk protocol list shows them)")
        }
        return (try Self.read(stored), stored)
    }

    /// A stored version as it was imported (its services and teams are not
    /// checked again: a booked course keeps its version).
    static func read(_ stored: StoredProtocol) throws -> TreatmentProtocol {
        var value = try ProtocolParser.parse(stored.yaml, services: nil, teams: nil).get()
        value.version = stored.version
        return value
    }
}
