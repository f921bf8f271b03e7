import Foundation
import FrontDeskDomain

/// A pane's diary filter line (date, site, service, clinician) as the keys
/// reach it: where its state is, what it lists, and how it reads the list again.
/// The clinics pane (F3) and the checklist (F6) have the same line and the
/// same keys on it (`AppState.performInDiaryFilter`, `typeInDiaryFilter`).
struct DiaryFilterKeys<Pane: DiaryFilterPane> {
    /// The pane's state.
    var pane: WritableKeyPath<AppState, Pane>
    /// What the pane lists, in the hints: `clinic list`, `checklist`.
    var listName: String
    /// What Enter shows, in the hints: `the list`, `the checklist`.
    var shows: String
    /// Reads what the filters name; `quietly`: a filter being typed that names nothing yet is not an error.
    var reload: (inout AppState, _ quietly: Bool) -> [Effect]
}

extension AppState {
    /// The keys while a filter field has them.
    static let diaryFilterTypingBindings = [
        KeyBinding([.enter], .applyFilters, label: "Show", help: "apply the filters and go to the list", inBar: true),
        KeyBinding([.escape], .back, label: "List", help: "back to the list", inBar: true),
        KeyBinding([.tab], .nextField, label: "Next", help: "the next filter (date, site, service, clinician), then the list"),
        KeyBinding([.backTab], .previousField, label: "Previous", help: "the previous filter"),
        KeyBinding([.down], .nextChoice, label: "Next choice", help: "the next site, service or clinician (in the date: a day later)"),
        KeyBinding([.up], .previousChoice, label: "Previous choice", help: "the previous one (in the date: a day earlier)"),
    ]

    /// The keys of the list that go to the filters.
    static let diaryFilterEntryBindings = [
        KeyBinding([.tab], .nextField, label: "Filters", help: "to the filters: date, site, service, clinician"),
        KeyBinding([.backTab], .previousField, label: "Filters", help: "to the last filter (clinician)"),
        KeyBinding([.ctrl("f"), .char("/")], .focusSearch, label: "Date", help: "to the date field: type a date (blank is today)"),
    ]

    /// The filter line's actions: Tab and Shift-Tab between the fields and the
    /// list (a field that names nothing is not left), / to the date, Enter
    /// shows what the fields name, Esc back to the list, ↑ ↓ step a field's
    /// choices. Nil for the pane's own actions (Esc in the list among them).
    mutating func performInDiaryFilter<Pane>(_ action: Action, _ keys: DiaryFilterKeys<Pane>) -> [Effect]? {
        let focus = self[keyPath: keys.pane].focus
        switch action {
        case .nextField, .previousField:
            let all = DiaryFilterFocus.allCases
            let index = all.firstIndex(of: focus) ?? 0
            let next = all[(index + (action == .nextField ? 1 : all.count - 1)) % all.count]
            if focus != .list, case .failure(let found) = self[keyPath: keys.pane].filterValues(today: today, setup: clinicsPane.setup),
               found.focus == focus {
                // Leaving a field: what it says must name something.
                self[keyPath: keys.pane].errorField = found.focus
                message = .error(found.problem.description)
                return []
            }
            if next == .list { return performInDiaryFilter(.applyFilters, keys) }
            self[keyPath: keys.pane].focus = next
            message = nil
        case .focusSearch:
            self[keyPath: keys.pane].focus = .date
            message = .hint("type a date (blank is today); Tab for site, service and clinician; Enter shows \(keys.shows)")
        case .applyFilters:
            let effects = keys.reload(&self, false)
            if let wrong = self[keyPath: keys.pane].errorField { self[keyPath: keys.pane].focus = wrong; return effects }
            self[keyPath: keys.pane].focus = .list
            message = nil
            return effects
        case .back where focus != .list:
            self[keyPath: keys.pane].focus = .list
            message = nil
        case .nextChoice, .previousChoice:
            return stepDiaryFilter(by: action == .nextChoice ? 1 : -1, keys)
        default:
            return nil
        }
        return []
    }

    /// ↑ ↓ in a filter: the next site, service or clinician, or a day later or earlier.
    mutating func stepDiaryFilter<Pane>(by delta: Int, _ keys: DiaryFilterKeys<Pane>) -> [Effect] {
        let focus = self[keyPath: keys.pane].focus
        if focus == .date {
            let day = LocalDate.parse(self[keyPath: keys.pane].date.text) ?? today
            self[keyPath: keys.pane].date.set(day.adding(days: delta).display)
        } else if let choice = focus.choice {
            let setup = clinicsPane.setup
            self[keyPath: keys.pane][field: focus] = TextField(choice.step(self[keyPath: keys.pane][field: focus].text, by: delta,
                                                                           setup: setup, allowAll: true))
            let code = self[keyPath: keys.pane][field: focus].text
            message = .hint(code.isEmpty ? "all \(choice.rawValue)s" : "\(code): \(choice.name(code, setup: setup))")
        }
        return keys.reload(&self, true)
    }

    /// Keys that are no binding: typed into the focused filter (the list reloads as you type).
    mutating func typeInDiaryFilter<Pane>(_ key: Key, _ keys: DiaryFilterKeys<Pane>) -> [Effect] {
        let focus = self[keyPath: keys.pane].focus
        guard focus != .list else {
            if case .char = key { message = .hint("F1 lists the keys of the \(keys.listName); Tab or / goes to the filters") }
            return []
        }
        var field = self[keyPath: keys.pane][field: focus]
        let before = field.text
        guard field.handle(key) else { return [] }
        self[keyPath: keys.pane][field: focus] = field
        guard field.text != before else { return [] }
        if self[keyPath: keys.pane].errorField == focus { self[keyPath: keys.pane].errorField = nil; message = nil }
        return keys.reload(&self, true)
    }
}
