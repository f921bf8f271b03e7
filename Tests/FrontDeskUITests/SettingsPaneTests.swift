import Foundation
import Testing
import FrontDeskDomain
import FrontDeskUI

/// The settings pane (F9): a manager changes values through `SettingsService`;
/// everyone else reads them and is told the permission needed.
@Suite("Settings pane")
struct SettingsPaneTests {
    @Test func f9ListsEverySettingWithValueDefaultAndMeaning() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.function(9))
        #expect(h.state.pane == .settings)
        let text = h.text
        for definition in SettingDefinition.all { #expect(text.contains(definition.key), "\(definition.key)") }
        #expect(text.contains("08:30-17:00"))
        #expect(text.contains("idle_lock_minutes: minutes without a key press before the terminal UI locks"))
        #expect(text.contains("Rule: must be a whole number from 1 to 120"))
        #expect(text.contains("Never changed"))
        #expect(h.screen.lines[0].contains("Settings"))
        #expect(h.screen.lines[23].contains("Enter Change"))
        // Esc: back to the lookup as it was.
        h.press(.escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.text.contains("SMITH, John"))
    }

    @Test func aManagerChangesAValueWhichIsSavedAuditedAndUsedAtOnce() throws {
        let h = try Harness()
        h.press(.function(9))
        h.press(.enter)
        #expect(h.state.settingsPane.editing?.key == "idle_lock_minutes")
        #expect(h.state.settingsPane.editing?.input.text == "5")
        #expect(h.state.isTyping)
        h.press(.ctrl("u"))
        h.type("10")
        h.press(.enter)
        #expect(h.state.settingsPane.editing == nil)
        #expect(h.messageLine.contains("idle_lock_minutes: 5 → 10 (recorded in the audit trail)"))
        #expect(h.state.idleLockSeconds == 600)
        #expect(h.text.contains("10 *"))
        #expect(h.text.contains("Last changed by clerk1 on 24-Nov-2026 09:41"))
        #expect(try h.settings.current(by: testUser).idleLockMinutes == 10)
        let audit = try h.store.entries(patientID: nil, limit: 10).filter { $0.action == .setting }
        #expect(audit.map(\.detail) == ["idle_lock_minutes 5 → 10"])
    }

    @Test func aValueBreakingTheRuleIsShownWithTheRuleAndNothingIsSaved() throws {
        let h = try Harness()
        h.press(.function(9), .down, .down, .down)
        #expect(h.state.settingsPane.selected?.key == "opening_hours")
        h.press(.enter, .ctrl("u"))
        h.type("17:00-08:30")
        h.press(.enter)
        #expect(h.state.settingsPane.editing?.error?.contains("HH:MM-HH:MM, the start before the end") == true)
        #expect(h.messageLine.contains("Error: opening_hours: must be two 24-hour times"))
        #expect(h.text.contains("✗ must be two 24-hour times"))
        #expect(try h.settings.current(by: testUser).openingHours.text == "08:30-17:00")
        assertSnapshot(h.screen, named: "settings-bad-value-80x24")
        // Typing again clears the mark; Esc leaves the value as it was.
        h.press(.backspace)
        #expect(h.state.settingsPane.editing?.error == nil)
        h.press(.escape)
        #expect(h.state.settingsPane.editing == nil)
        #expect(h.state.pane == .settings)
        #expect(h.messageLine.contains("opening_hours not changed"))
    }

    @Test(arguments: [StaffRole.clerk, .officer])
    func othersReadTheSettingsAndAreToldThePermissionNeeded(_ role: StaffRole) throws {
        let h = try Harness(role: role)
        h.press(.function(9))
        let words = h.text.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Read only: a \(role.title) may not change settings (needs permission manage_settings, given to Assistant Service Manager and above)"))
        h.press(.enter)
        #expect(h.state.settingsPane.editing == nil)
        #expect(h.messageLine.contains("Error: read only: needs permission manage_settings (Assistant Service Manager)"),
                "\(h.messageLine)")
    }

    @Test func fromARecordEscGoesBackToTheRecord() throws {
        let h = try Harness()
        h.type("9434765919")
        h.press(.enter)
        h.press(.function(9))
        #expect(h.state.pane == .settings)
        #expect(!h.text.contains("SMITH"))
        h.press(.escape)
        #expect(h.state.pane == .record)
    }

    @Test func aFormWithChangesIsNotLeftForTheSettings() throws {
        let h = try Harness()
        h.press(.function(7))
        h.type("Jones")
        h.press(.function(9))
        #expect(h.state.pane == .form)
        #expect(h.messageLine.contains("save the form (Ctrl-S) or leave it (Esc) before opening the settings"))
    }

    @Test func theSettingsPaneSnapshot() throws {
        let h = try Harness()
        h.press(.function(9))
        assertSnapshot(h.screen, named: "settings-80x24")
    }
}
