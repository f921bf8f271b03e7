import FrontDeskDomain

/// The key reference of every pane, from the same binding data that
/// dispatches keys and builds the bar: `frontdesk keys` prints it and
/// Docs/KEYS.md is this text (a test keeps them equal).
public enum KeyReference {
    public struct Entry: Hashable, Sendable, Codable {
        public var context: String
        public var keys: [String]
        public var action: String
        public var help: String
        public var inBar: Bool
        enum CodingKeys: String, CodingKey { case context, keys, action, help, inBar = "in_bar" }
    }

    /// Every context with its bindings: each pane (and each focus of the lookup pane), then the global keys.
    public static var contexts: [(String, [KeyBinding])] {
        [
            ("Everywhere", AppState.globalBindings(typing: false, permissions: Set(Permission.allCases))
                + [KeyBinding([.escape], .back, label: "Back", help: "back, cancel or close a dialog")]),
            ("Patient lookup: typing in the search field", AppState.paneBindings(.lookup, lookupFocus: .search)),
            ("Patient lookup: results list", AppState.paneBindings(.lookup, lookupFocus: .results)),
            ("Patient record", AppState.paneBindings(.record)),
            ("Register and edit forms", AppState.paneBindings(.form)),
            ("Settings (F9)", AppState.settingsBindings(editing: false)),
            ("Settings: changing a value", AppState.settingsBindings(editing: true)),
            ("Audit trail (F11, managers): choosing a report, or in its results", AppState.auditBindings(typing: false)),
            ("Audit trail: typing in a field (hospital or NHS number, login, since)", AppState.auditBindings(typing: true)),
            ("Lock screen", AppState.lockBindings),
            ("Editing a text field (search field, form fields, a setting's value, the audit trail's fields, the lock screen's password)", AppState.editingKeys),
            ("Possible-duplicate dialog", AppState.overlayBindings(.likelyDuplicates([]))),
            ("Unsaved-changes dialog", AppState.overlayBindings(.confirmDiscard(then: .back))),
            ("Restricted-record dialog (other keys type the words)", AppState.overlayBindings(.breakGlass(BreakGlassState(mrn: "")))),
            ("Help overlay", AppState.overlayBindings(.help(scroll: 0))),
        ]
    }

    public static var entries: [Entry] {
        contexts.flatMap { context, bindings in
            bindings.map { Entry(context: context, keys: $0.keys.map(\.description), action: $0.action.rawValue,
                                 help: $0.help, inBar: $0.inBar) }
        }
    }

    /// Docs/KEYS.md.
    public static var markdown: String {
        var text = """
        # FrontDesk keys

        Every key of every pane, generated from the key-binding data that also
        dispatches the keys and draws the function-key bar (`frontdesk keys`
        prints this page; a test keeps it equal to the code). Keys marked "bar"
        are shown on the bottom line of the screen. Terminals that send no
        function keys can use Alt and a digit (Esc then the digit): Alt-1 = F1 …
        Alt-0 = F10. `?` opens help only when the cursor is not in a text field.

        """
        for (context, bindings) in contexts {
            text += "\n## \(context)\n\n| keys | what it does | bar |\n|---|---|---|\n"
            for binding in bindings {
                let keys = binding.keys.map { "`\($0.description == "|" ? "\\|" : $0.description)`" }.joined(separator: ", ")
                text += "| \(keys) | \(binding.help) | \(binding.inBar ? binding.label : "") |\n"
            }
        }
        return text
    }
}
