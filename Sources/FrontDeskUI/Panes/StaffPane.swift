import Foundation
import FrontDeskDomain

/// The staff and teams, the third section of the settings pane (F9; Tab goes
/// through settings → clinic set-up → staff and teams): the staff list and the
/// teams with their members (← → choose which). A manager adds a person (or a
/// team) with +, changes the selected person's role (Enter), teams (t) or
/// default site (h), and deactivates or reactivates them (v, confirmed).
/// Anyone sets their own default site; everyone else reads the lists and is
/// told why. Everything is read and changed through `StaffService`, as
/// effects answered by events.
public struct StaffPaneState: Hashable, Sendable, ListsSection {
    /// The lists of the section, in the order ← → go through them.
    public enum List: Int, Hashable, Sendable, CaseIterable {
        case staff, teams

        public var title: String {
            switch self {
            case .staff: return "Staff"
            case .teams: return "Teams"
            }
        }
    }

    public var list: List = .staff
    public var lists: StaffLists?
    /// Where the selection is in each list.
    public var positions: [List: ListPosition] = [:]
    public var loading = false
    public var failure: String?
    /// The add or change form, while one is open.
    public var form: StaffForm?

    public init() {}

    public func count(_ list: List) -> Int {
        guard let lists else { return 0 }
        switch list {
        case .staff: return lists.staff.count
        case .teams: return lists.teams.count
        }
    }
    public var position: ListPosition {
        get { positions[list] ?? ListPosition() }
        set { positions[list] = newValue }
    }
    /// The person selected in the staff list.
    public var selectedMember: StaffMember? {
        guard let lists, list == .staff else { return nil }
        let index = positions[.staff]?.selected ?? 0
        return lists.staff.indices.contains(index) ? lists.staff[index] : nil
    }
}

/// Adding a person or a team, or changing one thing of a person: fields as
/// typed, marked with the domain's own errors.
public struct StaffForm: FieldForm, Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case person
        case role(login: String)
        case teams(login: String)
        case site(login: String)
        case team

        public var title: String {
            switch self {
            case .person: return "New member of staff"
            case .role(let login): return "Change the role of \(login)"
            case .teams(let login): return "Change the teams of \(login)"
            case .site(let login): return "Default site of \(login)"
            case .team: return "New team"
            }
        }
    }

    public let kind: Kind
    public var fields: [FormField]
    public var focus = 0
    /// Sent to the service; the answer has not come yet.
    public var saving = false

    static let roleHint = "clerk, officer or manager (or the job title: " + StaffRole.allCases.map(\.title).joined(separator: ", ") + ")"
    static let roleRule = "must be clerk, officer or manager (or the job title)"
    static let teamsHint = "team codes separated by commas, e.g. front_desk, pharmacy (the Teams list; → shows it); empty for none"

    public init(_ kind: Kind, member: StaffMember? = nil) {
        self.kind = kind
        switch kind {
        case .person:
            fields = [
                FormField("login", "Login", hint: "the person's own OS login: " + StaffMember.loginRule, required: true),
                FormField("name", "Name", hint: "as people say it, e.g. Sam Patel", required: true),
                FormField("role", "Role", hint: Self.roleHint, required: true, value: StaffRole.clerk.rawValue),
                FormField("teams", "Teams", hint: Self.teamsHint, value: "front_desk"),
            ]
        case .role:
            fields = [FormField("role", "Role", hint: Self.roleHint, required: true, value: member?.role.rawValue ?? "")]
        case .teams:
            fields = [FormField("teams", "Teams", hint: Self.teamsHint, value: member?.teams.joined(separator: ", ") ?? "")]
        case .site:
            fields = [FormField("site", "Default site", hint: "the code of a site (F9, Tab: the clinic set-up's Sites); empty clears it",
                                value: member?.defaultSite ?? "")]
        case .team:
            fields = [
                FormField("code", "Code", hint: "short and never reused: " + Team.codeRule, required: true),
                FormField("name", "Name", hint: "e.g. Radiotherapy bookings", required: true),
            ]
        }
    }


    /// The field a refusal names: `team` is the teams field (or a new team's code), and
    /// `login` is the one field of a change form (the last manager, a person not found).
    public func index(ofError name: String) -> Int? {
        if let index = fields.firstIndex(where: { $0.name == name }) { return index }
        switch name {
        case "team": return fields.firstIndex { $0.name == "teams" || $0.name == "code" }
        case "login": return kind == .person || kind == .team ? nil : 0
        default: return nil
        }
    }

    /// `front_desk, pharmacy` or `front_desk pharmacy`: the codes, in order.
    static func teamCodes(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }

    /// What to send, or the problems found with the fields as typed (the service checks the rest).
    public func request() -> Result<StaffChange, ValidationError> {
        var problems: [FieldError] = []
        func role() -> StaffRole? {
            let text = value("role").trimmingCharacters(in: .whitespaces)
            if let role = StaffRole(parsing: text) { return role }
            problems.append(FieldError(field: "role", reason: text.isEmpty ? "is required" : Self.roleRule))
            return nil
        }
        let change: StaffChange?
        switch kind {
        case .person:
            let login = value("login").trimmingCharacters(in: .whitespaces)
            if !StaffMember.isLogin(login) {
                problems.append(FieldError(field: "login", reason: login.isEmpty ? "is required" : StaffMember.loginRule))
            }
            if value("name").trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldError(field: "name", reason: "is required")) }
            let chosen = role()
            change = chosen.map { .add(login: login, name: value("name"), role: $0, teams: Self.teamCodes(value("teams"))) }
        case .role(let login):
            change = role().map { .role(login: login, $0) }
        case .teams(let login):
            change = .teams(login: login, Self.teamCodes(value("teams")))
        case .site(let login):
            let site = value("site").trimmingCharacters(in: .whitespaces)
            change = .defaultSite(login: login, site: site.isEmpty ? nil : site)
        case .team:
            let code = value("code").trimmingCharacters(in: .whitespaces)
            if !Team.isCode(code) { problems.append(FieldError(field: "code", reason: code.isEmpty ? "is required" : Team.codeRule)) }
            if value("name").trimmingCharacters(in: .whitespaces).isEmpty { problems.append(FieldError(field: "name", reason: "is required")) }
            change = .addTeam(code: code, name: value("name"))
        }
        guard problems.isEmpty, let change else { return .failure(ValidationError(problems)) }
        return .success(change)
    }
}

/// Deactivating or reactivating a member of staff: confirm first.
public struct StaffActiveState: Hashable, Sendable {
    public var member: StaffMember
    /// True to reactivate, false to deactivate.
    public var activate: Bool
    public init(member: StaffMember) { self.member = member; activate = !member.active }
}

extension AppState {
    /// The staff section's keys: a list, or a form.
    public static func staffBindings(form: Bool) -> [KeyBinding] {
        if form {
            return [
                KeyBinding([.ctrl("s")], .save, label: "Save", help: "check every field and save (audited)", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "close the form, nothing saved", inBar: true),
                KeyBinding([.tab, .down, .enter], .nextField, label: "Next", help: "the next field"),
                KeyBinding([.backTab, .up], .previousField, label: "Previous", help: "the previous field"),
            ]
        }
        return [
            KeyBinding([.char("+")], .addEntry, label: "Add",
                       help: "add a person to the staff list (login, name, role, teams), or in the teams list a team (managers; "
                           + "others are told the permission needed)", inBar: true),
            KeyBinding([.enter], .openSelected, label: "Role",
                       help: "change the selected person's role: clerk, officer or manager (managers; the last manager cannot be demoted)",
                       inBar: true),
            KeyBinding([.char("t")], .changeTeams, label: "Teams", help: "change the selected person's teams (managers)"),
            KeyBinding([.char("h")], .defaultSite, label: "Site",
                       help: "set the selected person's default (home) site, or clear it: anyone their own, managers anyone's"),
            KeyBinding([.char("v")], .toggleActive, label: "Deactivate",
                       help: "deactivate the selected person, or reactivate them (asks first; managers; the last manager cannot be "
                           + "deactivated; their history stays)"),
            KeyBinding([.right], .nextList, label: "Next list", help: "the other list: the staff, the teams and their members"),
            KeyBinding([.left], .previousList, label: "Previous list", help: "the other list"),
            KeyBinding([.tab], .switchSection, label: "Settings", help: "on to the settings section", inBar: true),
            KeyBinding([.backTab], .previousSection, label: "Clinic set-up", help: "back to the clinic set-up section"),
            KeyBinding([.escape], .back, label: "Back", help: "back to where you were"),
            KeyBinding([.down], .moveDown, label: "Down", help: "select the next row"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous row"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
            KeyBinding([.home], .first, label: "First", help: "select the first row"),
            KeyBinding([.end], .last, label: "Last", help: "select the last row"),
        ]
    }

    /// The deactivate/reactivate confirmation's keys.
    static func staffActiveBindings(_ state: StaffActiveState) -> [KeyBinding] {
        [
            KeyBinding([.char("Y"), .char("y")], .confirm, label: state.activate ? "Reactivate" : "Deactivate",
                       help: state.activate ? "reactivate: they can use FrontDesk again (audited)"
                           : "deactivate: they can no longer use FrontDesk; their history stays (audited)", inBar: true),
            KeyBinding([.escape, .char("N"), .char("n")], .back, label: "Keep", help: "change nothing", inBar: true),
        ]
    }

    /// True when this person may add staff, change roles and deactivate (the services check again).
    var mayManageStaff: Bool {
        session.permissions.contains(.manageStaff) && settingsPane.staff.lists?.staffRefusal == nil
    }
    /// True when this person may change teams (the services check again).
    var mayManageTeams: Bool {
        session.permissions.contains(.manageTeams) && settingsPane.staff.lists?.teamsRefusal == nil
    }

    /// Tab from the clinic set-up (or Shift-Tab from the settings): the staff and teams, read afresh.
    mutating func openStaff() -> [Effect] {
        settingsPane.section = .staff
        settingsPane.editing = nil
        settingsPane.setup.form = nil
        settingsPane.staff.form = nil
        settingsPane.staff.loading = true
        message = .hint("← → staff or teams; + add, Enter role, t teams, h site, v deactivate")
        return [.loadStaff]
    }

    private mutating func refuseStaff(_ permission: Permission) -> [Effect] {
        message = .error("read only: needs permission \(permission.rawValue) (\(permission.lowestRole.title))")
        return []
    }

    /// The staff section's own actions; nil for the global ones (help, patients, quit…).
    mutating func performInStaff(_ action: Action) -> [Effect]? {
        if var form = settingsPane.staff.form {
            switch action {
            case .save:
                if form.saving { message = .info("saving…"); return [] }
                switch form.request() {
                case .failure(let invalid):
                    let problems = form.mark(invalid.errors)
                    if let first = problems.first {
                        if let index = form.index(ofError: first.field) { form.focus = index }
                        let others = problems.count > 1 ? " (and \(problems.count - 1) more problem\(problems.count > 2 ? "s" : ""), marked ✗)" : ""
                        message = .error("\(first.field): \(first.reason)\(others)")
                    }
                    settingsPane.staff.form = form
                    return []
                case .success(let change):
                    _ = form.mark([])
                    form.saving = true
                    settingsPane.staff.form = form
                    message = .info("saving…")
                    return [.changeStaff(change)]
                }
            case .back:
                settingsPane.staff.form = nil
                message = .info("nothing changed")
                return []
            case .nextField, .previousField:
                form.focus = min(max(0, form.focus + (action == .nextField ? 1 : -1)), form.fields.count - 1)
                settingsPane.staff.form = form
                message = form.focused.error.map { .error("\(form.focused.name): \($0)") }
                return []
            default:
                return nil
            }
        }
        let list = settingsPane.staff.list
        let count = settingsPane.staff.count(list)
        let chosen = settingsPane.staff.selectedMember
        func person() -> StaffMember? {
            if chosen == nil {
                message = .hint(list == .teams ? "← to the staff list and choose a person first" : "no one is selected")
            }
            return chosen
        }
        switch action {
        case .moveDown: settingsPane.staff.position.move(by: 1, count: count)
        case .moveUp: settingsPane.staff.position.move(by: -1, count: count)
        case .pageDown: settingsPane.staff.position.move(by: 10, count: count)
        case .pageUp: settingsPane.staff.position.move(by: -10, count: count)
        case .first: settingsPane.staff.position.moveTo(0, count: count)
        case .last: settingsPane.staff.position.moveTo(count - 1, count: count)
        case .nextList, .previousList:
            settingsPane.staff.list = list == .staff ? .teams : .staff
            message = nil
        case .addEntry:
            if list == .teams {
                if !mayManageTeams { return refuseStaff(.manageTeams) }
                settingsPane.staff.form = StaffForm(.team)
            } else {
                if !mayManageStaff { return refuseStaff(.manageStaff) }
                settingsPane.staff.form = StaffForm(.person)
            }
            message = settingsPane.staff.form.map { .hint($0.focused.label + ": " + $0.focused.hint) }
        case .openSelected, .changeTeams, .toggleActive:
            guard let member = person() else { return [] }
            if action == .changeTeams ? !mayManageTeams : !mayManageStaff {
                return refuseStaff(action == .changeTeams ? .manageTeams : .manageStaff)
            }
            if action == .toggleActive {
                overlay = .staffActive(StaffActiveState(member: member))
                message = nil
                return []
            }
            let form = StaffForm(action == .openSelected ? .role(login: member.login) : .teams(login: member.login), member: member)
            settingsPane.staff.form = form
            message = .hint(form.focused.label + ": " + form.focused.hint)
        case .defaultSite:
            guard let member = person() else { return [] }
            if member.login != settingsPane.staff.lists?.me && !mayManageStaff {
                message = .error("read only: only your own default site: needs permission manage_staff "
                                 + "(\(Permission.manageStaff.lowestRole.title)) for anyone else's")
                return []
            }
            let form = StaffForm(.site(login: member.login), member: member)
            settingsPane.staff.form = form
            let sites = settingsPane.staff.lists?.sites.filter(\.active).map(\.code) ?? []
            message = .hint("Default site: " + (sites.isEmpty ? "no sites are set up yet" : "one of " + sites.joined(separator: ", "))
                            + "; empty clears it")
        case .switchSection:
            settingsPane.staff.form = nil
            settingsPane.section = .settings
            message = nil
            return [.loadSettings]
        case .previousSection:
            settingsPane.staff.form = nil
            return openClinicSetup()
        case .back:
            pane = resolvedReturn(settingsPane.returnsTo)
            message = nil
        default:
            return nil
        }
        return []
    }

    /// Keys that are no binding: typed into the form's focused field.
    mutating func typeInStaff(_ key: Key) -> [Effect] {
        if !settingsPane.staff.typeInForm(key), case .char = key {
            message = .hint("+ add, Enter role, t teams, h site, v deactivate; ← → the other list; Tab the settings")
        }
        return []
    }

    mutating func staffLoaded(_ result: Result<StaffLists, DeskFailure>) -> [Effect] {
        if let failure = settingsPane.staff.loaded(result), pane == .settings, settingsPane.section == .staff {
            message = .error(failure)
        }
        return []
    }

    /// What a change did, in words, from the person as listed before and as stored now.
    func staffChangeText(_ done: StaffChangeDone, before: StaffMember?) -> String {
        let audited = " (recorded in the audit trail)"
        let lists = settingsPane.staff.lists
        guard let member = done.member else {
            if let team = done.team { return "added team \(team.code) (\(team.name))" + audited }
            return "done"
        }
        switch done.change {
        case .add:
            return "added \(member.login) (\(member.displayName)) as \(member.role.title)"
                + (member.teams.isEmpty ? "" : " in " + member.teams.joined(separator: ", ")) + audited
        case .role:
            guard let before, before.role != member.role else { return "\(member.login) is already \(member.role.title): nothing changed" }
            return "\(member.login): role \(before.role.title) → \(member.role.title)" + audited
        case .teams:
            let now = member.teams.isEmpty ? "none" : member.teams.joined(separator: ", ")
            guard let before, before.teams.sorted() != member.teams.sorted() else { return "\(member.login) is already in \(now): nothing changed" }
            return "\(member.login): teams \(before.teams.isEmpty ? "none" : before.teams.joined(separator: ", ")) → \(now)" + audited
        case .active:
            guard let before, before.active != member.active else {
                return "\(member.login) is already \(member.active ? "active" : "deactivated"): nothing changed"
            }
            return (member.active ? "reactivated " : "deactivated ") + "\(member.login) (\(member.displayName))" + audited
        case .defaultSite:
            let now = lists?.siteText(member.defaultSite) ?? (member.defaultSite ?? "none")
            guard let before, before.defaultSite != member.defaultSite else {
                return "\(member.login)'s default site is already \(now): nothing changed"
            }
            return "\(member.login): default site \(lists?.siteText(before.defaultSite) ?? "none") → \(now)" + audited
        case .addTeam:
            return "done"
        }
    }

    mutating func staffChanged(_ result: Result<StaffChangeDone, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let done):
            settingsPane.staff.form = nil
            let before = done.change.login.flatMap { settingsPane.staff.lists?.member($0) }
            message = .success(staffChangeText(done, before: before))
            if let member = done.member, member.login == session.user {
                // The person at the desk: the top line's site and the keys offered follow.
                if case .defaultSite = done.change {
                    session.siteCode = member.defaultSite
                    session.site = member.defaultSite.map { code in settingsPane.staff.lists?.sites.first { $0.code == code }?.name ?? code }
                }
                if case .role = done.change { session.permissions = member.role.permissions }
            }
            if case .add = done.change {
                // The new person is selected once the list is read again (it is in login order).
                settingsPane.staff.list = .staff
            } else if case .addTeam = done.change {
                settingsPane.staff.list = .teams
            }
            return [.loadStaff]
        case .failure(let failure):
            if var form = settingsPane.staff.form {
                form.saving = false
                let problems = form.mark(failure.fieldErrors)
                if let first = problems.first, let index = form.index(ofError: first.field) { form.focus = index }
                settingsPane.staff.form = form
            }
            message = .error(failure.message)
            return []
        }
    }

    /// Y or Esc in the deactivate/reactivate confirmation.
    mutating func handleStaffActive(_ binding: KeyBinding, _ state: StaffActiveState) -> [Effect] {
        overlay = nil
        guard binding.action == .confirm else {
            message = .info("\(state.member.login) not changed")
            return []
        }
        message = .info(state.activate ? "reactivating…" : "deactivating…")
        return [.changeStaff(.active(login: state.member.login, state.activate))]
    }

    // MARK: Drawing

    var staffTitle: String {
        if let form = settingsPane.staff.form { return "Staff and teams · " + form.kind.title }
        return "Staff and teams · " + settingsPane.staff.list.title + " · Tab: settings"
    }

    func staffTable(_ list: StaffPaneState.List, _ lists: StaffLists, width: Int) -> ([TableColumn], [TableRow]) {
        let marker = TableColumn("", width: 1)
        switch list {
        case .staff:
            let wide = width >= 100
            let columns = [marker, TableColumn("Login", width: wide ? 12 : 8), TableColumn("Name"), TableColumn("Role", width: 25),
                           TableColumn("Teams", width: wide ? 26 : 11), TableColumn("Site", width: wide ? 12 : 9),
                           TableColumn("Active", width: 6)]
            return (columns, lists.staff.map { m in
                TableRow(["", m.login, m.displayName, m.role.title, m.teams.isEmpty ? "—" : m.teams.joined(separator: ","),
                          m.defaultSite ?? "—", m.active ? "yes" : "no"],
                         style: m.active ? .normal : Style(.muted))
            })
        case .teams:
            return ([marker, TableColumn("Code", width: 18), TableColumn("Name", width: 24), TableColumn("Members")],
                    lists.teams.map { t in
                        TableRow(["", t.team.code, t.team.name + (t.team.active ? "" : " (inactive)"),
                                  t.members.isEmpty ? "none" : t.members.map(\.login).joined(separator: ", ")],
                                 style: t.team.active ? .normal : Style(.muted))
                    })
        }
    }

    func renderStaff(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        let state = settingsPane.staff
        if let form = state.form {
            renderStaffForm(form, &buffer, inside)
            return
        }
        // Which list: both named, the one shown in brackets.
        var x = inside.x
        for list in StaffPaneState.List.allCases {
            let label = "\(list.title) \(state.count(list))"
            let text = list == state.list ? "[" + label + "]" : " " + label + " "
            x += buffer.put(text, x: x, y: inside.y, limit: max(0, inside.maxX - x),
                            style: list == state.list ? Style(.selection) : Style(.muted))
            x += buffer.put(" ", x: x, y: inside.y, limit: max(0, inside.maxX - x))
        }
        let intro: Span
        let refusal = state.list == .teams ? state.lists?.teamsRefusal : state.lists?.staffRefusal
        if let failure = state.failure {
            intro = Span("Error: " + failure, Style(.error))
        } else if state.loading && state.lists == nil {
            intro = Span("Reading the staff and teams…", Style(.muted))
        } else if let refusal {
            intro = Span("Read only: " + refusal + (state.list == .staff ? ". h sets your own default site." : ""), Style(.warning))
        } else if state.list == .teams {
            intro = Span("+ adds a team · ← the staff list: t changes a person's teams (audited)", Style(.muted))
        } else {
            intro = Span("+ adds · Enter role · t teams · h default site · v deactivate (audited)", Style(.muted))
        }
        let introLines = Box.wrap(intro.text, width: inside.width).prefix(3)
        for (row, line) in introLines.enumerated() { buffer.line(line, in: inside, row: 1 + row, style: intro.style) }
        let tableTop = 2 + introLines.count
        guard let lists = state.lists else { return }
        let (columns, rows) = staffTable(state.list, lists, width: inside.width)
        // The selected entry in full under the table.
        var details: [(String, Style)] = []
        if state.list == .staff, let m = state.selectedMember {
            details.append(("\(m.login) — \(m.displayName) · \(m.role.title) · teams: "
                            + (m.teams.isEmpty ? "none" : m.teams.joined(separator: ", "))
                            + " · default site: \(lists.siteText(m.defaultSite)) · " + (m.active ? "active" : "deactivated"), .normal))
        } else if state.list == .teams, lists.teams.indices.contains(state.position.selected) {
            let t = lists.teams[state.position.selected]
            details.append(("\(t.team.code) — \(t.team.name): " + (t.members.isEmpty ? "no members (the desk acts for it)"
                : t.members.map { "\($0.login) (\($0.displayName))" }.joined(separator: ", ")), .normal))
        }
        var lines: [(String, Style)] = []
        for (text, style) in details { for line in Box.wrap(text, width: inside.width).prefix(3) { lines.append((line, style)) } }
        if rows.isEmpty {
            buffer.line("Nothing yet" + (mayManageStaff ? ": + adds the first." : "."), in: inside, row: tableTop + 1, style: Style(.muted))
        } else {
            let tableHeight = min(max(0, inside.height - tableTop - lines.count - 1), rows.count + 1)
            var position = state.position
            var marked = rows
            if marked.indices.contains(position.selected) { marked[position.selected].cells[0] = "▸" }
            Table.render(into: &buffer, Rect(x: inside.x, y: inside.y + tableTop, width: inside.width, height: tableHeight),
                         columns: columns, rows: marked, position: &position, selectionVisible: true)
        }
        let top = max(tableTop + 2, inside.height - lines.count)
        for (offset, line) in lines.enumerated() where top + offset < inside.height {
            buffer.line(line.0, in: inside, row: top + offset, style: line.1)
        }
    }

    func renderStaffForm(_ form: StaffForm, _ buffer: inout ScreenBuffer, _ inside: Rect) {
        buffer.line(form.kind.title, in: inside, row: 0, style: Style(.title))
        let labelWidth = 22
        let fieldWidth = min(40, max(0, inside.width - labelWidth - 2))
        for (index, field) in form.fields.enumerated() {
            let row = 2 + index
            guard row < inside.height else { break }
            let mark = field.error != nil ? "✗ " : (index == form.focus ? "▸ " : "  ")
            let label = mark + field.label + (field.required ? " *" : "")
            buffer.put(CellWidth.pad(CellWidth.truncate(label, to: labelWidth), to: labelWidth), x: inside.x, y: inside.y + row,
                       limit: inside.width, style: Style(field.error != nil ? .error : (index == form.focus ? .title : .normal)))
            let rect = Rect(x: inside.x + labelWidth, y: inside.y + row, width: fieldWidth, height: 1)
            field.input.render(into: &buffer, rect, focused: index == form.focus && overlay == nil)
            if let error = field.error {
                let x = inside.x + labelWidth + fieldWidth + 1
                buffer.put(CellWidth.truncate(error, to: max(0, inside.maxX - x)), x: x, y: inside.y + row,
                           limit: max(0, inside.maxX - x), style: Style(.error))
            }
        }
        // The focused field's hint, or its whole error, under the fields.
        var row = 3 + form.fields.count
        let focused = form.focused
        let words = focused.error.map { "✗ \(focused.name): \($0)" } ?? (focused.label + ": " + focused.hint)
        for line in Box.wrap(words, width: inside.width).prefix(3) where row < inside.height {
            buffer.line(line, in: inside, row: row, style: Style(focused.error != nil ? .error : .muted))
            row += 1
        }
        row += 1
        for line in Box.wrap("Ctrl-S saves (checked by the same rules as frontdesk staff and team; audited) · Esc cancels", width: inside.width)
        where row < inside.height {
            buffer.line(line, in: inside, row: row, style: Style(.muted))
            row += 1
        }
    }

    func renderStaffActive(_ state: StaffActiveState, _ buffer: inout ScreenBuffer, _ area: Rect) {
        let m = state.member
        let verb = state.activate ? "Reactivate" : "Deactivate"
        let what = state.activate ? "They can use FrontDesk again with their role and teams."
            : "They can no longer use FrontDesk. Their history stays in the audit trail."
        dialog(&buffer, area, title: verb + " staff", lines: [
            [Span("\(verb) \(m.login) (\(m.displayName), \(m.role.title))?", Style(.warning, bold: true))],
            [Span(what)],
            [],
            [Span(" Y ", Style(.keyName)), Span(" \(verb.lowercased())    "), Span(" N ", Style(.keyName)),
             Span(" or "), Span(" Esc ", Style(.keyName)), Span(" keep as it is")],
        ])
    }
}
