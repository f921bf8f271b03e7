import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// Settings through the real service on the store: who may change them, the
/// `setting` table and the audit trail, in one transaction.
struct SettingsServiceTests {
    let fixture: AccessFixture
    let settings: SettingsService

    init() throws {
        fixture = try AccessFixture()
        settings = SettingsService(access: fixture.service.access,
                                   settings: SettingsStore(fixture.database, clock: FixedClock(testNow)),
                                   clock: FixedClock(testNow))
        try fixture.addStaff("cathy", .clerk)
        try fixture.addStaff("otto", .officer)
    }

    func settingEntries() throws -> [AuditEntry] {
        try fixture.store.entries(patientID: nil, limit: 100).filter { $0.action == .setting }
    }

    @Test func aNewDatabaseHasEveryDefault() throws {
        let values = try settings.list(by: ActingUser(login: "cathy"))
        #expect(values.map(\.key) == SettingDefinition.all.map(\.key))
        #expect(values.allSatisfy { $0.value == $0.definition.defaultValue && $0.stored == nil && !$0.isChanged })
        #expect(try settings.current(by: ActingUser(login: "cathy")).idleLockMinutes == 5)
    }

    @Test func aManagerSetsAValueWhichIsStoredAndAudited() throws {
        // Given the manager (the test user set the database up)
        // When they set the idle lock to 10 minutes
        let value = try settings.set("idle_lock_minutes", to: " 10 ", by: clerk)
        // Then it is stored in normal form, with who and when
        #expect(value.value == "10")
        #expect(value.stored == StoredSetting(value: "10", changedBy: clerk.login, changedAt: testNow))
        #expect(try settings.current(by: ActingUser(login: "otto")).idleLockMinutes == 10)
        let row = try fixture.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT value || '|' || changed_by FROM setting WHERE key = 'idle_lock_minutes'")
        }
        #expect(row == "10|\(clerk.login)")
        // And the audit trail says what changed, sealed into the chain
        let entries = try settingEntries()
        #expect(entries.count == 1)
        #expect(entries.first?.detail == "idle_lock_minutes 5 → 10")
        #expect(entries.first?.user == clerk.login)
        #expect(entries.first?.patientID == nil)
        #expect(try fixture.store.verify().isIntact)

        // A second change names the value before it.
        _ = try settings.set("idle_lock_minutes", to: "15", by: clerk)
        #expect(try settingEntries().first?.detail == "idle_lock_minutes 10 → 15")
    }

    @Test func settingTheValueInForceWritesNothing() throws {
        _ = try settings.set("idle_lock_minutes", to: "5", by: clerk)
        #expect(try settingEntries().isEmpty)
        #expect(try settings.list(by: clerk).first?.stored == nil)
    }

    @Test func closureDaysShowNoneWhenEmpty() throws {
        _ = try settings.set("closure_days", to: "2026-12-28,2026-12-25", by: clerk)
        _ = try settings.set("closure_days", to: "", by: clerk)
        #expect(try settingEntries().map(\.detail) == [
            "closure_days 2026-12-25,2026-12-28 → (none)",
            "closure_days (none) → 2026-12-25,2026-12-28",
        ])
        #expect(try settings.current(by: clerk).closureDays.isEmpty)
    }

    @Test(arguments: ["cathy", "otto"])
    func clerksAndOfficersAreRefusedNamingThePermission(_ login: String) throws {
        let user = ActingUser(login: login)
        #expect {
            try settings.set("idle_lock_minutes", to: "10", by: user)
        } throws: { error in
            guard let refusal = error as? AccessError, refusal.isPermission else { return false }
            return refusal.description.contains("manage_settings") && refusal.description.contains("Assistant Service Manager")
        }
        #expect(throws: AccessError.self) { try settings.checkMayChange(by: user) }
        // They still read the settings.
        #expect(try settings.list(by: user).count == SettingDefinition.all.count)
        #expect(try settingEntries().isEmpty)
    }

    @Test func someoneNotOnTheStaffListReadsNothing() throws {
        #expect(throws: AccessError.self) { try settings.list(by: ActingUser(login: "stranger")) }
    }

    @Test func anUnknownKeyIsRefusedNamingTheKnownKeys() throws {
        #expect {
            try settings.set("idle_minutes", to: "10", by: clerk)
        } throws: { error in
            guard let invalid = error as? ValidationError, let first = invalid.errors.first else { return false }
            return first.field == "key" && first.reason.contains("'idle_minutes'")
                && SettingDefinition.all.allSatisfy { first.reason.contains($0.key) }
        }
        #expect(try settingEntries().isEmpty)
    }

    @Test func aValueBreakingTheRuleIsRefusedAndNothingIsWritten() throws {
        #expect {
            try settings.set("opening_hours", to: "17:00-08:30", by: clerk)
        } throws: { error in
            (error as? ValidationError)?.errors.first?.field == "opening_hours"
        }
        #expect(try settings.list(by: clerk).allSatisfy { $0.stored == nil })
        #expect(try settingEntries().isEmpty)
    }

    @Test func aValueStoredBehindFrontDesksBackThatBreaksTheRuleReadsAsTheDefault() throws {
        try fixture.database.writer.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value, changed_by, changed_at) VALUES ('idle_lock_minutes', 'soon', 'x', 'x')")
        }
        let value = try settings.value("idle_lock_minutes", by: clerk)
        #expect(value.value == "5")
        #expect(value.stored?.value == "soon")
        #expect(try settings.current(by: clerk).idleLockMinutes == 5)
    }
}
