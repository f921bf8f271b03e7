import ArgumentParser
import Foundation
import FrontDeskDomain

/// `frontdesk settings …`: the values a manager may change.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "List settings; change one (manager).",
        discussion: """
            Settings live in the database, so every desk uses the same values. Each change is
            checked against the setting's rule and written to the audit trail. The terminal UI
            reads idle_lock_minutes when it starts (F9 Settings changes it for this session too).
            """,
        subcommands: [SettingsList.self, SettingsSet.self])
}

/// One setting, as `settings list --json` and `settings set --json` print it.
struct SettingJSON: JSONObject {
    var key: String
    var value: String
    var `default`: String
    /// True when the value in force differs from the default.
    var changed: Bool
    var changed_by: String?
    var changed_at: String?
    var description: String
    var rule: String

    init(_ s: SettingValue) {
        key = s.key; value = s.value; self.default = s.definition.defaultValue; changed = s.isChanged
        changed_by = s.stored?.changedBy
        changed_at = s.stored.map { ISO8601DateFormatter().string(from: $0.changedAt) }
        description = s.definition.summary; rule = s.definition.rule
    }
}

/// `idle_lock_minutes = 10   (default 5; changed by ada on 24-Nov-2026 09:41)` and the description under it.
func printSettings(_ values: [SettingValue]) {
    let local = DateFormatter()
    local.timeZone = CentreTime.timeZone
    local.dateFormat = "dd-MMM-yyyy HH:mm"
    local.locale = Locale(identifier: "en_GB_POSIX")
    let keyWidth = values.map { $0.key.count }.max() ?? 0
    for s in values {
        let shown = s.definition.shown(s.value)
        var note = s.isChanged ? "default \(s.definition.shown(s.definition.defaultValue))" : "the default"
        if let stored = s.stored { note += "; changed by \(stored.changedBy) on \(local.string(from: stored.changedAt))" }
        print(TextOutput.pad(s.key, keyWidth) + " = " + TextOutput.pad(shown, 11) + "  (" + note + ")")
        print(String(repeating: " ", count: 4) + s.definition.summary + "; " + s.definition.rule)
    }
}

struct SettingsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list",
        abstract: "Every setting: its value, default, last change and meaning (any staff).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let values = try context.settings.list(by: context.user)
            if output.json {
                struct List: JSONObject { var settings: [SettingJSON] }
                print(encodeJSON(List(settings: values.map(SettingJSON.init))))
            } else {
                printSettings(values)
            }
        }
    }
}

struct SettingsSet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "set",
        abstract: "Change a setting (manager); checked against its rule and audited.",
        discussion: "Keys: " + SettingDefinition.all.map { "\($0.key) (\($0.rule))" }.joined(separator: "; ")
            + ". An empty VALUE (\"\") clears closure_days.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The setting's key (frontdesk settings list shows them).") var key: String
    @Argument(help: "Its new value.") var value: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            // The permission first: a clerk learns they may not, whatever they typed.
            try context.settings.checkMayChange(by: context.user)
            let before = try context.settings.value(key, by: context.user)
            let after = try context.settings.set(key, to: value, by: context.user)
            if output.json {
                print(encodeJSON(SettingJSON(after)))
            } else if before.value == after.value {
                print("\(key) is already \(after.definition.shown(after.value)): nothing changed.")
            } else {
                print("\(key): \(before.definition.shown(before.value)) → \(after.definition.shown(after.value))")
            }
        }
    }
}
