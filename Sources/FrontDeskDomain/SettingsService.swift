import Foundation

/// Storage of settings: only the values someone changed are kept.
public protocol SettingsRepository: Sendable {
    /// The stored values by key (absent keys have their defaults).
    func storedSettings() throws -> [String: StoredSetting]
    /// Changes one setting in one transaction: `change` gets the value stored
    /// now (read in that transaction) and returns the new one with its audit
    /// entry, or nil to write nothing. Returns what is stored afterwards.
    @discardableResult
    func changeSetting(key: String, _ change: (StoredSetting?) throws -> (StoredSetting, AuditEntry)?) throws -> StoredSetting?
}

/// Settings: every member of staff may read them; a manager changes them, each
/// change validated and audited with the acting user.
public struct SettingsService: Sendable {
    public let access: AccessControl
    public let settings: any SettingsRepository
    public let clock: any Clock

    public init(access: AccessControl, settings: any SettingsRepository, clock: any Clock) {
        self.access = access; self.settings = settings; self.clock = clock
    }

    /// Every setting with its value in force and its last change (any staff).
    public func list(by user: ActingUser) throws -> [SettingValue] {
        _ = try access.member(user)
        return try values()
    }

    /// The values in force, typed (any staff).
    public func current(by user: ActingUser) throws -> Settings {
        Settings(values: try list(by: user))
    }

    /// Refuses, naming the permission, when the acting user may not change settings.
    public func checkMayChange(by user: ActingUser) throws {
        try access.require(.manageSettings, user)
    }

    /// Sets `key` to `text` (manager). The value is checked against the
    /// setting's rule and stored in its normal form; an unchanged value writes
    /// nothing. Returns the setting as it now stands.
    @discardableResult
    public func set(_ key: String, to text: String, by user: ActingUser) throws -> SettingValue {
        try access.require(.manageSettings, user)
        guard let definition = SettingDefinition.named(key) else { throw Self.unknown(key) }
        let value = try definition.validated(text)
        let now = clock.now
        let stored = try settings.changeSetting(key: key) { current in
            let old = SettingValue(definition: definition, stored: current).value
            // Setting the value already in force changes nothing and writes nothing.
            if old == value { return nil }
            let detail = "\(key) \(definition.shown(old)) → \(definition.shown(value))"
            return (StoredSetting(value: value, changedBy: user.login, changedAt: now),
                    AuditEntry(occurredAt: now, user: user.login, action: .setting, patientID: nil, detail: detail))
        }
        return SettingValue(definition: definition, stored: stored)
    }

    /// The value in force of one setting (any staff).
    public func value(_ key: String, by user: ActingUser) throws -> SettingValue {
        _ = try access.member(user)
        guard let definition = SettingDefinition.named(key) else { throw Self.unknown(key) }
        return SettingValue(definition: definition, stored: try settings.storedSettings()[key])
    }

    private func values() throws -> [SettingValue] {
        let stored = try settings.storedSettings()
        return SettingDefinition.all.map { SettingValue(definition: $0, stored: stored[$0.key]) }
    }

    static func unknown(_ key: String) -> ValidationError {
        ValidationError(field: "key", reason: "there is no setting '\(key)' (known: "
                        + SettingDefinition.all.map(\.key).joined(separator: ", ") + ")")
    }
}
