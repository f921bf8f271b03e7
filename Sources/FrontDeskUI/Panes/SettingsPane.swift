import Foundation
import FrontDeskDomain

/// The settings pane (F9): every setting with its value, default and meaning.
/// A manager changes one with Enter; everyone else reads them, and is told
/// which permission changing needs. Every change goes through `SettingsService`
/// (validated and audited there), as an effect and its answer.
public struct SettingsPaneState: Hashable, Sendable {
    public var values: [SettingValue] = []
    public var position = ListPosition()
    /// Why this person may not change settings, or nil when they may.
    public var changeRefusal: String?
    /// The settings are being read.
    public var loading = false
    public var failure: String?
    /// The value being changed, if any.
    public var editing: SettingEdit?
    /// Where Esc goes.
    public var returnsTo: PaneID = .lookup
    /// The pane's three sections (Tab goes on, Shift-Tab back): the settings, the clinic set-up, the staff and teams.
    public enum Section: Int, Hashable, Sendable, CaseIterable { case settings, clinicSetup, staff }
    public var section: Section = .settings
    /// The clinic set-up section (Panes/ClinicSetupPane.swift).
    public var setup = ClinicSetupState()
    /// The staff and teams section (Panes/StaffPane.swift).
    public var staff = StaffPaneState()

    /// True while the keyboard is typing into a field of the section shown.
    public var isTyping: Bool {
        switch section {
        case .settings: return editing != nil
        case .clinicSetup: return setup.form != nil
        case .staff: return staff.form != nil
        }
    }

    public var selected: SettingValue? { values.indices.contains(position.selected) ? values[position.selected] : nil }
    public init() {}
}

/// One setting being changed: the new value typed, and what was wrong with the last try.
public struct SettingEdit: Hashable, Sendable {
    public var key: String
    public var input: TextField
    public var error: String?
    /// Sent to the service; the answer has not come yet.
    public var saving = false
    public init(key: String, value: String) { self.key = key; input = TextField(value) }
}

extension AppState {
    /// The settings pane's keys: the list, or the one field being changed.
    public static func settingsBindings(editing: Bool) -> [KeyBinding] {
        if editing {
            return [
                KeyBinding([.enter, .ctrl("s")], .save, label: "Save", help: "check the value against the setting's rule and save it (audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "leave the value as it was", inBar: true),
            ]
        }
        return [
            KeyBinding([.enter], .openSelected, label: "Change", help: "change the selected setting (managers; others are told the permission needed)", inBar: true),
            KeyBinding([.escape], .back, label: "Back", help: "back to where you were", inBar: true),
            KeyBinding([.tab], .switchSection, label: "Clinic set-up",
                       help: "the clinic set-up: sites, services, clinicians and resources, session templates, generating sessions",
                       inBar: true),
            KeyBinding([.backTab], .previousSection, label: "Staff and teams", help: "the staff and teams section"),
            KeyBinding([.down], .moveDown, label: "Down", help: "select the next setting"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous setting"),
            KeyBinding([.home], .first, label: "First", help: "select the first setting"),
            KeyBinding([.end], .last, label: "Last", help: "select the last setting"),
        ]
    }

    /// F9: the settings pane, read afresh.
    mutating func openSettings() -> [Effect] {
        switch pane {
        case .settings:
            break
        case .form:
            if form?.isChanged == true {
                message = .hint("save the form (Ctrl-S) or leave it (Esc) before opening the settings")
                return []
            }
            settingsPane.returnsTo = resolvedReturn(formReturnsTo)
            form = nil
        case .record, .lookup, .clinics, .booking, .sequence, .enquiries, .checklist:
            settingsPane.returnsTo = pane
        case .audit:
            settingsPane.returnsTo = auditPane.returnsTo
        }
        pane = .settings
        settingsPane.editing = nil
        settingsPane.setup.form = nil
        settingsPane.staff.form = nil
        settingsPane.loading = true
        settingsPane.failure = nil
        message = nil
        // The section last shown, read afresh.
        switch settingsPane.section {
        case .settings: return [.loadSettings]
        case .clinicSetup: return [.loadSettings, .loadSetupLists]
        case .staff: return [.loadSettings, .loadStaff]
        }
    }

    /// The settings pane's own actions; nil for the global ones (help, patients, quit…).
    mutating func performInSettings(_ action: Action) -> [Effect]? {
        if settingsPane.section == .clinicSetup { return performInClinicSetup(action) }
        if settingsPane.section == .staff { return performInStaff(action) }
        let count = settingsPane.values.count
        if var edit = settingsPane.editing {
            switch action {
            case .save:
                if edit.saving { message = .info("saving…"); return [] }
                edit.saving = true
                settingsPane.editing = edit
                return [.changeSetting(key: edit.key, value: edit.input.text)]
            case .back:
                settingsPane.editing = nil
                message = .info("\(edit.key) not changed")
                return []
            default:
                return nil
            }
        }
        switch action {
        case .moveDown: settingsPane.position.move(by: 1, count: count)
        case .moveUp: settingsPane.position.move(by: -1, count: count)
        case .pageDown: settingsPane.position.move(by: count, count: count)
        case .pageUp, .first: settingsPane.position.moveTo(0, count: count)
        case .last: settingsPane.position.moveTo(count - 1, count: count)
        case .openSelected:
            guard let chosen = settingsPane.selected else {
                message = .hint(settingsPane.loading ? "the settings are still being read" : "no setting is selected")
                return []
            }
            if settingsPane.changeRefusal != nil {
                // The whole refusal is at the top of the pane; the message line names the permission.
                let needed = Permission.manageSettings
                message = .error("read only: needs permission \(needed.rawValue) (\(needed.lowestRole.title))")
                return []
            }
            settingsPane.editing = SettingEdit(key: chosen.key, value: chosen.value)
            message = .hint(chosen.key + " " + chosen.definition.rule + " (Ctrl-U clears the field)")
        case .switchSection:
            return openClinicSetup()
        case .previousSection:
            return openStaff()
        case .back:
            pane = resolvedReturn(settingsPane.returnsTo)
            message = nil
        default:
            return nil
        }
        return []
    }

    /// Keys that are no binding: typed into the value being changed.
    mutating func typeInSetting(_ key: Key) -> [Effect] {
        if settingsPane.section == .clinicSetup { return typeInClinicSetup(key) }
        if settingsPane.section == .staff { return typeInStaff(key) }
        guard var edit = settingsPane.editing else {
            if case .char = key { message = .hint("Enter changes the selected setting; Esc goes back") }
            return []
        }
        if edit.input.handle(key) { edit.error = nil }
        settingsPane.editing = edit
        return []
    }

    mutating func settingsLoaded(_ result: Result<SettingsList, DeskFailure>) -> [Effect] {
        settingsPane.loading = false
        switch result {
        case .success(let list):
            settingsPane.values = list.values
            settingsPane.changeRefusal = list.changeRefusal
            settingsPane.failure = nil
            settingsPane.position.moveTo(settingsPane.position.selected, count: list.values.count)
        case .failure(let failure):
            settingsPane.values = []
            settingsPane.failure = failure.message
            if pane == .settings { message = .error(failure.message) }
        }
        return []
    }

    mutating func settingChanged(_ result: Result<SettingValue, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let value):
            let old = settingsPane.values.first { $0.key == value.key }
            if let index = settingsPane.values.firstIndex(where: { $0.key == value.key }) { settingsPane.values[index] = value }
            if settingsPane.editing?.key == value.key { settingsPane.editing = nil }
            if value.key == SettingDefinition.idleLockMinutes.key, let minutes = Int(value.value) {
                // This session locks after the new period at once; other desks when they next start.
                idleLockSeconds = minutes * 60
            }
            let definition = value.definition
            if let old, old.value != value.value {
                message = .success("\(value.key): \(definition.shown(old.value)) → \(definition.shown(value.value)) (recorded in the audit trail)")
            } else {
                message = .info("\(value.key) is already \(definition.shown(value.value)): nothing changed")
            }
        case .failure(let failure):
            if var edit = settingsPane.editing {
                edit.saving = false
                edit.error = failure.fieldErrors.first?.reason ?? failure.message
                settingsPane.editing = edit
            }
            message = .error(failure.message)
        }
        return []
    }

    // MARK: Drawing

    var settingsTitle: String {
        if settingsPane.section == .clinicSetup { return clinicSetupTitle }
        if settingsPane.section == .staff { return staffTitle }
        return settingsPane.editing.map { "Settings · changing " + $0.key } ?? "Settings · Tab: clinic set-up"
    }

    static let settingsColumns = [
        TableColumn("", width: 1),
        TableColumn("Setting", width: 30),
        TableColumn("Value"),
        TableColumn("Default", width: 12),
    ]

    func renderSettings(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        if settingsPane.section == .clinicSetup { return renderClinicSetup(&buffer, inside) }
        if settingsPane.section == .staff { return renderStaff(&buffer, inside) }
        let state = settingsPane
        let intro: Span
        if let failure = state.failure {
            intro = Span("Error: " + failure, Style(.error))
        } else if state.loading && state.values.isEmpty {
            intro = Span("Reading the settings…", Style(.muted))
        } else if let refusal = state.changeRefusal {
            intro = Span("Read only: " + refusal, Style(.warning))
        } else {
            intro = Span("Every desk uses these values; Enter changes the selected one (audited).", Style(.muted))
        }
        let introLines = Box.wrap(intro.text, width: inside.width).prefix(2)
        for (row, line) in introLines.enumerated() { buffer.line(line, in: inside, row: row, style: intro.style) }
        let tableTop = introLines.count + 1
        let rows = state.values.enumerated().map { index, value in
            TableRow([index == state.position.selected ? "▸" : " ", value.key,
                      value.definition.shown(value.value) + (value.isChanged ? " *" : ""),
                      value.definition.shown(value.definition.defaultValue)])
        }
        let tableHeight = min(max(0, inside.height - tableTop), rows.count + 1)
        var position = state.position
        Table.render(into: &buffer, Rect(x: inside.x, y: inside.y + tableTop, width: inside.width, height: tableHeight),
                     columns: Self.settingsColumns, rows: rows, position: &position, selectionVisible: state.editing == nil)
        guard let chosen = state.selected else { return }
        // The selected setting in full, under the table.
        var row = tableTop + tableHeight + 1
        var details: [(String, Style)] = []
        for line in Box.wrap(chosen.key + ": " + chosen.definition.summary, width: inside.width) { details.append((line, Style(.title))) }
        for line in Box.wrap("Value " + chosen.definition.shown(chosen.value) + " · default "
                             + chosen.definition.shown(chosen.definition.defaultValue) + (chosen.isChanged ? " (* changed)" : ""),
                             width: inside.width) { details.append((line, .normal)) }
        for line in Box.wrap("Rule: " + chosen.definition.rule, width: inside.width) { details.append((line, Style(.muted))) }
        if let stored = chosen.stored {
            details.append(("Last changed by \(stored.changedBy) on \(Self.localTime(stored.changedAt))", Style(.muted)))
        } else {
            details.append(("Never changed", Style(.muted)))
        }
        for (line, style) in details where row < inside.height {
            buffer.line(line, in: inside, row: row, style: style)
            row += 1
        }
        guard let edit = state.editing, edit.key == chosen.key else { return }
        row += 1
        guard row < inside.height else { return }
        let label = "New value "
        buffer.put(label, x: inside.x, y: inside.y + row, limit: inside.width, style: Style(edit.error == nil ? .title : .error))
        let labelWidth = CellWidth.of(label)
        let field = Rect(x: inside.x + labelWidth, y: inside.y + row, width: min(50, max(0, inside.width - labelWidth)), height: 1)
        edit.input.render(into: &buffer, field, focused: overlay == nil)
        if let error = edit.error {
            for (offset, line) in Box.wrap("✗ " + error, width: max(1, inside.width - labelWidth)).prefix(3).enumerated()
            where row + 1 + offset < inside.height {
                buffer.put(line, x: inside.x + labelWidth, y: inside.y + row + 1 + offset, limit: inside.width - labelWidth, style: Style(.error))
            }
        }
    }

    /// `24-Nov-2026 09:41` in the centre's time zone.
    static func localTime(_ date: Date) -> String {
        let parts = CentreTime.calendar.dateComponents([.hour, .minute], from: date)
        return CentreTime.today(date).display + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }
}
