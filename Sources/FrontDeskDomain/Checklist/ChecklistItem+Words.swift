import Foundation

// How an item's state is said, written once for every output that lists
// items: the command line's text (and the pane's print/export, which is that
// text) and the checklist pane (F6).

extension ChecklistItem.State {
    /// `[ ]`, `[x]`, `[d]`: the state as a list marks it (its words follow).
    public var mark: String {
        switch self {
        case .outstanding: return "[ ]"
        case .done: return "[x]"
        case .deferred: return "[d]"
        }
    }
}

extension ChecklistItem {
    /// A settled item's state in words: `done by clerk1` followed by when (`moment`
    /// says it, with its own separator: ` at 16:05`, ` 24-Nov-2026 16:05`), or
    /// `deferred by clerk1: notes missing, temporary set made up`; `outstanding`
    /// for one not settled.
    public func settledWords(moment: (Date) -> String) -> String {
        switch state {
        case .outstanding: return "outstanding"
        case .done: return "done" + (settledBy.map { " by \($0)" } ?? "") + (settledAt.map(moment) ?? "")
        case .deferred: return "deferred" + (settledBy.map { " by \($0)" } ?? "") + ": " + (deferReason ?? "")
        }
    }
}
