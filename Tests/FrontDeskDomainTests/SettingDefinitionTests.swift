import Testing
import FrontDeskDomain

/// Each setting's rule as a table of typed text → the stored form, or refused.
@Suite("Setting definitions")
struct SettingDefinitionTests {
    @Test func theSettingsTheIssueNamesWithTheirDefaults() throws {
        #expect(SettingDefinition.all.map(\.key) == [
            "idle_lock_minutes", "callback_routine_working_days", "callback_urgent_working_hours",
            "opening_hours", "closure_days", "site_closure_days",
        ])
        #expect(SettingDefinition.all.map(\.defaultValue) == ["5", "1", "2", "08:30-17:00", "", ""])
        #expect(Set(SettingDefinition.all.map(\.key)).count == SettingDefinition.all.count)
        for definition in SettingDefinition.all {
            #expect(!definition.summary.isEmpty)
            #expect(try definition.validated(definition.defaultValue) == definition.defaultValue)
        }
    }

    static let accepted: [(SettingDefinition, String, String)] = [
        (.idleLockMinutes, "1", "1"),
        (.idleLockMinutes, "120", "120"),
        (.idleLockMinutes, " 10 ", "10"),
        (.idleLockMinutes, "007", "7"),
        (.callbackRoutineWorkingDays, "10", "10"),
        (.callbackRoutineWorkingDays, "1", "1"),
        (.callbackUrgentWorkingHours, "24", "24"),
        (.callbackUrgentWorkingHours, "1", "1"),
        (.openingHours, "08:30-17:00", "08:30-17:00"),
        (.openingHours, "8:00-18:30", "08:00-18:30"),
        (.openingHours, "07:45 - 16:15", "07:45-16:15"),
        (.openingHours, "00:00-23:59", "00:00-23:59"),
        (.closureDays, "", ""),
        (.closureDays, "  ", ""),
        (.closureDays, "2026-12-25", "2026-12-25"),
        (.closureDays, "2026-12-28, 2026-12-25", "2026-12-25,2026-12-28"),
        (.closureDays, "2026-12-25,2026-12-25", "2026-12-25"),
        (.closureDays, "2028-02-29,", "2028-02-29"),
        (.siteClosureDays, "", ""),
        (.siteClosureDays, "hub-north:2026-12-24", "hub-north:2026-12-24"),
        (.siteClosureDays, " Main:2026-12-31 , hub-north:2026-12-24, main:2026-12-30", "hub-north:2026-12-24,main:2026-12-30,main:2026-12-31"),
        (.siteClosureDays, "main:2026-12-31,main:2026-12-31,", "main:2026-12-31"),
    ]

    @Test(arguments: accepted)
    func accepts(_ definition: SettingDefinition, _ typed: String, _ stored: String) throws {
        #expect(try definition.validated(typed) == stored)
    }

    static let refused: [(SettingDefinition, String)] = [
        (.idleLockMinutes, "0"),
        (.idleLockMinutes, "121"),
        (.idleLockMinutes, "-5"),
        (.idleLockMinutes, "5.5"),
        (.idleLockMinutes, "five"),
        (.idleLockMinutes, ""),
        (.idleLockMinutes, "99999999999999999999"),
        (.callbackRoutineWorkingDays, "0"),
        (.callbackRoutineWorkingDays, "11"),
        (.callbackUrgentWorkingHours, "0"),
        (.callbackUrgentWorkingHours, "25"),
        (.openingHours, "17:00-08:30"),
        (.openingHours, "08:30-08:30"),
        (.openingHours, "08:30"),
        (.openingHours, "8.30-17.00"),
        (.openingHours, "24:00-25:00"),
        (.openingHours, "08:60-17:00"),
        (.openingHours, "08:30-17:00-18:00"),
        (.openingHours, ""),
        (.closureDays, "2026-02-30"),
        (.siteClosureDays, "2026-12-24"),
        (.siteClosureDays, "main:2026-02-30"),
        (.siteClosureDays, "main 2026-12-24"),
        (.siteClosureDays, "x:2026-12-24"),
        (.siteClosureDays, "main:24/12/2026"),
        (.siteClosureDays, "main:2026-12-24:x"),
        (.closureDays, "2027-02-29"),
        (.closureDays, "25/12/2026"),
        (.closureDays, "2026-12-25,,2026-12-28"),
        (.closureDays, "2026-12-25;2026-12-28"),
        (.closureDays, "2026-1-5"),
    ]

    @Test(arguments: refused)
    func refuses(_ definition: SettingDefinition, _ typed: String) {
        #expect {
            try definition.validated(typed)
        } throws: { error in
            // The refusal names the setting and states its rule.
            guard let invalid = error as? ValidationError, let first = invalid.errors.first else { return false }
            return first.field == definition.key && first.reason.hasPrefix(definition.rule)
        }
    }

    @Test func rulesReadAsWords() {
        #expect(SettingDefinition.idleLockMinutes.rule == "must be a whole number from 1 to 120")
        #expect(SettingDefinition.callbackRoutineWorkingDays.rule == "must be a whole number from 1 to 10")
        #expect(SettingDefinition.callbackUrgentWorkingHours.rule == "must be a whole number from 1 to 24")
        #expect(SettingDefinition.openingHours.rule.contains("HH:MM-HH:MM, the start before the end"))
        #expect(SettingDefinition.closureDays.rule.contains("YYYY-MM-DD"))
    }

    @Test func typedValuesFallBackToTheDefaultWhenTheStoredOneBreaksTheRule() {
        let stored = { (value: String) in StoredSetting(value: value, changedBy: "ada", changedAt: .init(timeIntervalSince1970: 0)) }
        var settings = Settings.defaults
        #expect(settings.idleLockMinutes == 5)
        #expect(settings.callbackRoutineWorkingDays == 1)
        #expect(settings.callbackUrgentWorkingHours == 2)
        #expect(settings.openingHours.text == "08:30-17:00")
        #expect(settings.openingHours.opens == 8 * 60 + 30 && settings.openingHours.closes == 17 * 60)
        #expect(settings.closureDays.isEmpty)

        settings = Settings(values: [
            SettingValue(definition: .idleLockMinutes, stored: stored("10")),
            SettingValue(definition: .openingHours, stored: stored("09:00-16:00")),
            SettingValue(definition: .closureDays, stored: stored("2026-12-28,2026-12-25")),
            SettingValue(definition: .callbackRoutineWorkingDays, stored: stored("500")),   // written behind FrontDesk's back
        ])
        #expect(settings.idleLockMinutes == 10)
        #expect(settings.openingHours.text == "09:00-16:00")
        #expect(settings.closureDays == [ymd(2026, 12, 25), ymd(2026, 12, 28)])
        #expect(settings.callbackRoutineWorkingDays == 1)
        #expect(settings.callbackUrgentWorkingHours == 2)   // absent: the default
    }

    @Test func changedMeansDifferentFromTheDefault() {
        let at = { (value: String) in StoredSetting(value: value, changedBy: "ada", changedAt: .init(timeIntervalSince1970: 0)) }
        #expect(!SettingValue(definition: .idleLockMinutes, stored: nil).isChanged)
        #expect(SettingValue(definition: .idleLockMinutes, stored: at("10")).isChanged)
        #expect(!SettingValue(definition: .idleLockMinutes, stored: at("5")).isChanged)
        #expect(SettingDefinition.closureDays.shown("") == "(none)")
    }
}
