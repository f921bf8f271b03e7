import Foundation
import FrontDeskDomain

/// The clinic set-up, the second section of the settings pane (F9; Tab switches):
/// the sites, services, clinicians and resources, and session templates, each a
/// list (← → choose which); a manager adds to the list shown with + (a form
/// checked by the domain on save) and generates sessions from the templates
/// with g. Everyone else reads the lists and is told the permission needed.
/// Everything is read and changed through `DiaryService` and `BookingService`,
/// as effects answered by events.
public struct ClinicSetupState: Hashable, Sendable, ListsSection {
    /// The lists of the section, in the order ← → go through them.
    public enum List: Int, Hashable, Sendable, CaseIterable {
        case sites, services, clinicians, templates

        public var title: String {
            switch self {
            case .sites: return "Sites"
            case .services: return "Services"
            case .clinicians: return "Clinicians and resources"
            case .templates: return "Session templates"
            }
        }
        /// What + adds to this list.
        public var entry: SetupForm.Kind {
            switch self {
            case .sites: return .site
            case .services: return .service
            case .clinicians: return .clinician
            case .templates: return .template
            }
        }
    }

    public var list: List = .sites
    public var lists: ClinicSetupLists?
    /// Where the selection is in each list.
    public var positions: [List: ListPosition] = [:]
    public var loading = false
    public var failure: String?
    /// The add form or the generate dialog, while one is open.
    public var form: SetupForm?
    /// The last generation's report (shown under the templates).
    public var lastGeneration: String?

    public init() {}

    public func count(_ list: List) -> Int {
        guard let lists else { return 0 }
        switch list {
        case .sites: return lists.sites.count
        case .services: return lists.services.count
        case .clinicians: return lists.clinicians.count
        case .templates: return lists.templates.count
        }
    }
    public var position: ListPosition {
        get { positions[list] ?? ListPosition() }
        set { positions[list] = newValue }
    }
}

/// Adding a site, service, clinician or template, or the dates to generate
/// sessions for: fields as typed, marked with the domain's own errors.
public struct SetupForm: FieldForm, Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case site, service, clinician, template, generate

        public var title: String {
            switch self {
            case .site: return "New site"
            case .service: return "New service"
            case .clinician: return "New clinician or resource"
            case .template: return "New session template"
            case .generate: return "Generate sessions from the templates"
            }
        }
    }

    public let kind: Kind
    public var fields: [FormField]
    public var focus = 0
    /// Sent to the service; the answer has not come yet.
    public var saving = false

    public init(_ kind: Kind, today: LocalDate) {
        self.kind = kind
        switch kind {
        case .site:
            fields = [
                FormField("code", "Code", hint: "short and never reused: " + DiaryCode.rule, required: true),
                FormField("name", "Name", hint: "as people say it, e.g. Main site, North hub", required: true),
            ]
        case .service:
            fields = [
                FormField("code", "Code", hint: "short and never reused: " + DiaryCode.rule, required: true),
                FormField("name", "Name", hint: "e.g. Oncology follow-up", required: true),
                FormField("minutes", "Minutes", hint: "the usual appointment length: " + Service.minutesRule, required: true),
                FormField("attendance", "First/follow-up", hint: "first or follow_up (f or fu)", required: true, value: "first"),
                FormField("mode", "How", hint: "face_to_face, telephone or video", required: true, value: "face_to_face"),
                FormField("pharmacy_screening", "Pharmacy screening",
                          hint: "yes for a treatment whose prescription pharmacy screens before each appointment (a SACT chair: "
                              + "the checklist asks for it); no otherwise", required: true, value: "no"),
            ]
        case .clinician:
            fields = [
                FormField("code", "Code", hint: "short and never reused: " + DiaryCode.rule, required: true),
                FormField("name", "Name", hint: "e.g. Dr Okafor, SACT chair 1, Linac 2", required: true),
                FormField("role", "Role", hint: ClinicianRole.allCases.map(\.rawValue).joined(separator: ", "), required: true),
            ]
        case .template:
            fields = [
                FormField("service", "Service", hint: "the service's code (the Services list)", required: true),
                FormField("site", "Site", hint: "the site's code (the Sites list)", required: true),
                FormField("clinician", "Clinician", hint: "the clinician's or resource's code", required: true),
                FormField("days", "Days", hint: "e.g. mon,wed,fri or mon-fri", required: true),
                FormField("start", "Start", hint: "24-hour time, e.g. 09:00", required: true),
                FormField("end", "End", hint: "24-hour time, e.g. 12:30", required: true),
                FormField("slot_minutes", "Slot minutes", hint: "each slot's length: " + SessionTemplate.slotMinutesRule, required: true),
                FormField("capacity", "Patients per slot", hint: SessionTemplate.capacityRule, required: true, value: "1"),
                FormField("valid_from", "Valid from", hint: "first date: " + LocalDate.acceptedFormats, required: true, value: today.display),
                FormField("valid_to", "Valid to", hint: "last date, or empty for no end"),
            ]
        case .generate:
            fields = [
                FormField("from", "From", hint: "the first date: " + LocalDate.acceptedFormats, required: true, value: today.display),
                FormField("to", "To", hint: "the last date (at most \(SessionGeneration.maximumYears) years after from)", required: true),
            ]
        }
    }

    public func index(ofError name: String) -> Int? {
        // Generation names its range fields from and to; a template's errors may come as templates[i].field.
        let bare = name.split(separator: ".").last.map(String.init) ?? name
        return fields.firstIndex { $0.name == bare }
    }

    /// What to send, or every problem the domain finds with the fields as typed.
    public func request() -> Result<Effect, ValidationError> {
        var problems: [FieldError] = []
        func check<T>(_ result: Result<T, ValidationError>) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let error): problems += error.errors; return nil
            }
        }
        func done(_ effect: Effect?) -> Result<Effect, ValidationError> {
            guard problems.isEmpty, let effect else { return .failure(ValidationError(problems)) }
            return .success(effect)
        }
        switch kind {
        case .site:
            let site = check(Site(code: value("code"), name: value("name")).validated())
            return done(site.map { .addToClinicSetup(.site($0)) })
        case .service:
            let typedMinutes = value("minutes").trimmingCharacters(in: .whitespaces)
            let minutes = typedMinutes.allSatisfy({ $0.isASCII && $0.isNumber }) ? Int(typedMinutes) : nil
            let attendance = Self.attendance(value("attendance"))
            let mode = ContactMode(parsing: value("mode"))
            let screening = Self.yesNo(value("pharmacy_screening"))
            // Unparsed values are reported here; the rest by the domain's own check.
            let service = check(Service(code: value("code"), name: value("name"), defaultMinutes: minutes ?? Service.minutesRange.lowerBound,
                                        attendance: attendance ?? .first, mode: mode ?? .faceToFace,
                                        pharmacyScreening: screening ?? false).validated())
            if screening == nil { problems.append(FieldError(field: "pharmacy_screening", reason: "must be yes or no")) }
            if minutes == nil {
                problems.append(FieldError(field: "minutes", reason: typedMinutes.isEmpty ? "is required" : Service.minutesRule))
            }
            if attendance == nil { problems.append(FieldError(field: "attendance", reason: "must be first or follow_up")) }
            if mode == nil { problems.append(FieldError(field: "mode", reason: ContactMode.rule)) }
            return done(service.map { .addToClinicSetup(.service($0)) })
        case .clinician:
            let role = ClinicianRole(parsing: value("role"))
            let who = check(Clinician(code: value("code"), name: value("name"), role: role ?? .consultant).validated())
            if role == nil {
                problems.append(FieldError(field: "role", reason: value("role").trimmingCharacters(in: .whitespaces).isEmpty
                                               ? "is required" : ClinicianRole.rule))
            }
            return done(who.map { .addToClinicSetup(.clinician($0)) })
        case .template:
            let to = value("valid_to").trimmingCharacters(in: .whitespaces)
            let fields = SessionTemplateFields(service: value("service"), site: value("site"), clinician: value("clinician"),
                                               days: value("days"), start: value("start"), end: value("end"),
                                               slotMinutes: value("slot_minutes"), capacity: value("capacity"),
                                               validFrom: value("valid_from"), validTo: to.isEmpty ? nil : to)
            _ = check(fields.validated())
            return done(.addToClinicSetup(.template(fields)))
        case .generate:
            func date(_ name: String) -> LocalDate? {
                let text = value(name).trimmingCharacters(in: .whitespaces)
                if text.isEmpty { problems.append(FieldError(field: name, reason: "is required")); return nil }
                guard let day = LocalDate.parse(text) else {
                    problems.append(FieldError(field: name, reason: "is not a date: type it as \(LocalDate.acceptedFormats)"))
                    return nil
                }
                return day
            }
            let from = date("from"), to = date("to")
            if let from, let to { problems += SessionGeneration.checkRange(from: from, to: to) }
            guard let from, let to else { return done(nil) }
            return done(.generateSessions(from: from, to: to))
        }
    }

    /// `yes`, `y`, `no`, `n`, in any case.
    static func yesNo(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y": return true
        case "no", "n": return false
        default: return nil
        }
    }

    /// `first`, `follow_up`, `follow-up`, `follow up`, `f`, `fu`, in any case.
    static func attendance(_ text: String) -> AttendanceKind? {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch folded {
        case "first", "f", "new": return .first
        case "follow_up", "followup", "fu": return .followUp
        default: return nil
        }
    }
}

extension AppState {
    /// The clinic set-up's keys: a list, or a form (adding, or the dates to generate sessions for).
    public static func clinicSetupBindings(form: Bool) -> [KeyBinding] {
        if form {
            return [
                KeyBinding([.ctrl("s")], .save, label: "Save",
                           help: "check every field and save (audited); in the generate dialog: generate the sessions", inBar: true),
                KeyBinding([.escape], .back, label: "Cancel", help: "close the form, nothing saved", inBar: true),
                KeyBinding([.tab, .down, .enter], .nextField, label: "Next", help: "the next field"),
                KeyBinding([.backTab, .up], .previousField, label: "Previous", help: "the previous field"),
            ]
        }
        return [
            KeyBinding([.char("+")], .addEntry, label: "Add",
                       help: "add to the list shown: a site, service, clinician or resource, or session template (managers; others are told the permission needed)",
                       inBar: true),
            KeyBinding([.char("g")], .generateSessions, label: "Generate",
                       help: "generate sessions from the templates for a date range: says how many were created, already there, "
                           + "and which days were skipped (bank holiday, site closed)", inBar: true),
            KeyBinding([.char("p")], .pharmacyScreening, label: "Pharmacy",
                       help: "in the services list: pharmacy screening on or off for the selected service — on, every appointment "
                           + "of it gets a 'prescription screened' item on the checklist (managers; audited)"),
            KeyBinding([.right], .nextList, label: "Next list", help: "the next list: sites, services, clinicians and resources, templates"),
            KeyBinding([.left], .previousList, label: "Previous list", help: "the previous list"),
            KeyBinding([.tab], .switchSection, label: "Staff", help: "the staff and teams section", inBar: true),
            KeyBinding([.backTab], .previousSection, label: "Settings", help: "back to the settings section"),
            KeyBinding([.escape], .back, label: "Back", help: "back to where you were"),
            KeyBinding([.down], .moveDown, label: "Down", help: "select the next row"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous row"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
            KeyBinding([.home], .first, label: "First", help: "select the first row"),
            KeyBinding([.end], .last, label: "Last", help: "select the last row"),
        ]
    }

    /// True when this person may change the clinic set-up (the services check again).
    var mayManageClinics: Bool {
        session.permissions.contains(.manageClinics) && settingsPane.setup.lists?.changeRefusal == nil
    }

    /// Tab from the settings: the clinic set-up, read afresh.
    mutating func openClinicSetup() -> [Effect] {
        settingsPane.section = .clinicSetup
        settingsPane.editing = nil
        settingsPane.setup.form = nil
        settingsPane.setup.loading = true
        message = .hint("← → another list; + adds to it; g generates sessions; Tab the staff and teams")
        return [.loadSetupLists]
    }

    /// The clinic set-up's own actions; nil for the global ones (help, patients, quit…).
    mutating func performInClinicSetup(_ action: Action) -> [Effect]? {
        if var form = settingsPane.setup.form {
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
                    settingsPane.setup.form = form
                    return []
                case .success(let effect):
                    _ = form.mark([])
                    form.saving = true
                    settingsPane.setup.form = form
                    message = .info(form.kind == .generate ? "generating sessions…" : "saving…")
                    return [effect]
                }
            case .back:
                settingsPane.setup.form = nil
                message = .info(form.kind == .generate ? "no sessions generated" : "nothing added")
                return []
            case .nextField, .previousField:
                form.focus = min(max(0, form.focus + (action == .nextField ? 1 : -1)), form.fields.count - 1)
                settingsPane.setup.form = form
                message = form.focused.error.map { .error("\(form.focused.name): \($0)") }
                return []
            default:
                return nil
            }
        }
        let list = settingsPane.setup.list
        let count = settingsPane.setup.count(list)
        switch action {
        case .moveDown: settingsPane.setup.position.move(by: 1, count: count)
        case .moveUp: settingsPane.setup.position.move(by: -1, count: count)
        case .pageDown: settingsPane.setup.position.move(by: 10, count: count)
        case .pageUp: settingsPane.setup.position.move(by: -10, count: count)
        case .first: settingsPane.setup.position.moveTo(0, count: count)
        case .last: settingsPane.setup.position.moveTo(count - 1, count: count)
        case .nextList, .previousList:
            let all = ClinicSetupState.List.allCases
            let step = action == .nextList ? 1 : all.count - 1
            settingsPane.setup.list = all[(list.rawValue + step) % all.count]
            message = nil
        case .addEntry, .generateSessions:
            if !mayManageClinics {
                let needed = Permission.manageClinics
                message = .error("read only: needs permission \(needed.rawValue) (\(needed.lowestRole.title))")
                return []
            }
            let kind = action == .addEntry ? list.entry : .generate
            let form = SetupForm(kind, today: today)
            settingsPane.setup.form = form
            message = .hint(form.focused.label + ": " + form.focused.hint)
        case .pharmacyScreening:
            guard list == .services, let services = settingsPane.setup.lists?.services,
                  services.indices.contains(settingsPane.setup.position.selected) else {
                message = .hint("p is for the services list: select a service (← → to the Services list)")
                return []
            }
            if !mayManageClinics {
                let needed = Permission.manageClinics
                message = .error("read only: needs permission \(needed.rawValue) (\(needed.lowestRole.title))")
                return []
            }
            let service = services[settingsPane.setup.position.selected]
            message = .info("saving…")
            return [.setPharmacyScreening(service: service.code, on: !service.pharmacyScreening)]
        case .switchSection:
            settingsPane.setup.form = nil
            return openStaff()
        case .previousSection:
            settingsPane.section = .settings
            settingsPane.setup.form = nil
            message = nil
        case .back:
            pane = resolvedReturn(settingsPane.returnsTo)
            message = nil
        default:
            return nil
        }
        return []
    }

    /// Keys that are no binding: typed into the form's focused field.
    mutating func typeInClinicSetup(_ key: Key) -> [Effect] {
        if !settingsPane.setup.typeInForm(key), case .char = key {
            message = .hint("+ adds to the list shown, g generates sessions; ← → another list; Tab the staff")
        }
        return []
    }

    mutating func setupListsLoaded(_ result: Result<ClinicSetupLists, DeskFailure>) -> [Effect] {
        if let failure = settingsPane.setup.loaded(result), pane == .settings, settingsPane.section == .clinicSetup {
            message = .error(failure)
        }
        return []
    }

    mutating func setupChanged(_ result: Result<ClinicSetupChange, DeskFailure>) -> [Effect] {
        switch result {
        case .success(let change):
            settingsPane.setup.form = nil
            // The clinic filters and the booking dialog read the set-up again when next opened.
            clinicsPane.setup = nil
            switch change {
            case .added(let entry):
                message = .success("added " + entry.summary + " (recorded in the audit trail)")
                // The new entry is selected once the lists are read again.
                settingsPane.setup.position.moveTo(Int.max / 2, count: settingsPane.setup.count(settingsPane.setup.list) + 1)
            case .screening(let service):
                message = .success("service \(service.code): pharmacy screening " + (service.pharmacyScreening
                    ? "on — the checklist asks for each appointment's prescription screened" : "off") + " (recorded in the audit trail)")
            case .generated(let from, let to, let generation):
                let report = Self.generationReport(from: from, to: to, generation)
                settingsPane.setup.lastGeneration = report
                settingsPane.setup.list = .templates
                message = .success(report)
            }
            return [.loadSetupLists]
        case .failure(let failure):
            if var form = settingsPane.setup.form {
                form.saving = false
                let problems = form.mark(failure.fieldErrors)
                if let first = problems.first, let index = form.index(ofError: first.field) { form.focus = index }
                settingsPane.setup.form = form
            }
            message = .error(failure.message)
            return []
        }
    }

    /// `01-Dec-2026 to 31-Dec-2026: 21 sessions created, 0 already there; skipped 25-Dec-2026 (bank holiday), …`
    static func generationReport(from: LocalDate, to: LocalDate, _ generation: BookingService.Generation) -> String {
        var text = "\(from.display) to \(to.display): \(generation.created) session\(generation.created == 1 ? "" : "s") created, "
            + "\(generation.existing) already there"
        // One entry a day and reason, with the sites it closed.
        var days: [(date: LocalDate, reason: SkipReason, sites: [String])] = []
        for skip in generation.skipped {
            if let index = days.firstIndex(where: { $0.date == skip.date && $0.reason == skip.reason }) {
                if !days[index].sites.contains(skip.siteCode) { days[index].sites.append(skip.siteCode) }
            } else {
                days.append((skip.date, skip.reason, [skip.siteCode]))
            }
        }
        if days.isEmpty { return text + "; no day skipped" }
        text += "; skipped " + days.map { day in
            "\(day.date.display) (\(day.reason.summary)\(day.reason == .siteClosure ? ": " + day.sites.joined(separator: ", ") : ""))"
        }.joined(separator: ", ")
        return text
    }

    // MARK: Drawing

    var clinicSetupTitle: String {
        if let form = settingsPane.setup.form { return "Clinic set-up · " + form.kind.title }
        return "Clinic set-up · " + settingsPane.setup.list.title + " · Tab: staff"
    }

    /// `mon-fri`, `mon,wed,fri`: runs of three days or more as a range.
    static func daysText(_ days: Set<Weekday>) -> String {
        let sorted = days.sorted()
        var parts: [String] = []
        var index = 0
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count, sorted[end + 1].rawValue == sorted[end].rawValue + 1 { end += 1 }
            if end - index >= 2 {
                parts.append(sorted[index].short + "-" + sorted[end].short)
            } else {
                parts += sorted[index...end].map(\.short)
            }
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    func setupTable(_ list: ClinicSetupState.List, _ lists: ClinicSetupLists) -> ([TableColumn], [TableRow]) {
        func state(_ active: Bool) -> String { active ? "" : " (inactive)" }
        let marker = TableColumn("", width: 1)
        switch list {
        case .sites:
            return ([marker, TableColumn("Code", width: 16), TableColumn("Name")],
                    lists.sites.map { TableRow(["", $0.code, $0.name + state($0.active)], style: $0.active ? .normal : Style(.muted)) })
        case .services:
            return ([marker, TableColumn("Code", width: 14), TableColumn("Name"), TableColumn("Min", width: 3, alignRight: true),
                     TableColumn("First/FU", width: 9), TableColumn("How", width: 12), TableColumn("Pharmacy", width: 8)],
                    lists.services.map {
                        TableRow(["", $0.code, $0.name + state($0.active), String($0.defaultMinutes),
                                  $0.attendance == .first ? "first" : "follow-up", $0.mode.summary, $0.pharmacyScreening ? "screens" : ""],
                                 style: $0.active ? .normal : Style(.muted))
                    })
        case .clinicians:
            return ([marker, TableColumn("Code", width: 16), TableColumn("Name"), TableColumn("Role", width: 26)],
                    lists.clinicians.map {
                        TableRow(["", $0.code, $0.name + state($0.active), $0.role.title], style: $0.active ? .normal : Style(.muted))
                    })
        case .templates:
            return ([marker, TableColumn("Service", width: 11), TableColumn("Site", width: 8), TableColumn("Clinician"),
                     TableColumn("Days", width: 11), TableColumn("Times", width: 11), TableColumn("Slot×n", width: 6),
                     TableColumn("From", width: 11)],
                    lists.templates.map { t in
                        TableRow(["", t.serviceCode, t.siteCode, t.clinicianCode, Self.daysText(t.weekdays), "\(t.start)–\(t.end)",
                                  "\(t.slotMinutes)×\(t.capacity)", t.validFrom.display])
                    })
        }
    }

    func renderClinicSetup(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        let state = settingsPane.setup
        if let form = state.form {
            renderSetupForm(form, &buffer, inside)
            return
        }
        // Which list: all four named, the one shown in brackets.
        var x = inside.x
        for list in ClinicSetupState.List.allCases {
            let label = "\(list.title) \(state.count(list))"
            let text = list == state.list ? "[" + label + "]" : " " + label + " "
            x += buffer.put(text, x: x, y: inside.y, limit: max(0, inside.maxX - x),
                            style: list == state.list ? Style(.selection) : Style(.muted))
            x += buffer.put(" ", x: x, y: inside.y, limit: max(0, inside.maxX - x))
        }
        let intro: Span
        if let failure = state.failure {
            intro = Span("Error: " + failure, Style(.error))
        } else if state.loading && state.lists == nil {
            intro = Span("Reading the clinic set-up…", Style(.muted))
        } else if let refusal = state.lists?.changeRefusal {
            intro = Span("Read only: " + refusal, Style(.warning))
        } else {
            intro = Span("+ adds to this list · g generates sessions · ← → other lists (audited)", Style(.muted))
        }
        let introLines = Box.wrap(intro.text, width: inside.width).prefix(3)
        for (row, line) in introLines.enumerated() { buffer.line(line, in: inside, row: 1 + row, style: intro.style) }
        let tableTop = 2 + introLines.count
        guard let lists = state.lists else { return }
        let (columns, rows) = setupTable(state.list, lists)
        // Room under the table for the selected template's details and the last generation.
        let reserved = state.list == .templates ? 4 : 0
        if rows.isEmpty {
            buffer.line("Nothing yet" + (mayManageClinics ? ": + adds the first." : "."), in: inside, row: tableTop + 1, style: Style(.muted))
        } else {
            let tableHeight = min(max(0, inside.height - tableTop - reserved), rows.count + 1)
            var position = state.position
            var marked = rows
            if marked.indices.contains(position.selected) { marked[position.selected].cells[0] = "▸" }
            Table.render(into: &buffer, Rect(x: inside.x, y: inside.y + tableTop, width: inside.width, height: tableHeight),
                         columns: columns, rows: marked, position: &position, selectionVisible: true)
        }
        guard state.list == .templates else { return }
        var details: [(String, Style)] = []
        if lists.templates.indices.contains(state.position.selected) {
            let t = lists.templates[state.position.selected]
            details.append(("#\(t.id.map(String.init) ?? "?"): \(t.serviceCode) at \(t.siteCode) with \(t.clinicianCode), "
                            + "\(Weekday.listDisplay(t.weekdays)) \(t.start)–\(t.end), \(t.slotCount) slots of \(t.slotMinutes) min × \(t.capacity), "
                            + "valid \(t.validFrom.display) to \(t.validTo?.display ?? "no end")", .normal))
        }
        if let report = state.lastGeneration { details.append(("Generated " + report, Style(.success))) }
        var lines: [(String, Style)] = []
        for (text, style) in details { for line in Box.wrap(text, width: inside.width) { lines.append((line, style)) } }
        let top = max(tableTop + 2, inside.height - lines.count)
        for (offset, line) in lines.enumerated() where top + offset < inside.height {
            buffer.line(line.0, in: inside, row: top + offset, style: line.1)
        }
    }

    func renderSetupForm(_ form: SetupForm, _ buffer: inout ScreenBuffer, _ inside: Rect) {
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
        let closing = form.kind == .generate
            ? "Ctrl-S generates every template's sessions (bank holidays and closed days are skipped; sessions already there are kept) · Esc cancels"
            : "Ctrl-S saves (checked by the same rules as the command line; audited) · Esc cancels"
        row += 1
        for line in Box.wrap(closing, width: inside.width) where row < inside.height {
            buffer.line(line, in: inside, row: row, style: Style(.muted))
            row += 1
        }
    }
}
