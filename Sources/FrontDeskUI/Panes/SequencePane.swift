import Foundation
import FrontDeskDomain

/// Planning and booking a whole treatment course for one patient (F4, or q in
/// the record): the protocol and start date, then the planner's proposal at
/// once as a table — cycle, step, day and date, time, clinician, site and the
/// gap to the step it depends on with ✓ or the broken rule. A step's
/// alternatives (a) are the free slots of its service that keep the plan valid,
/// each re-planned with the step pinned there; p pins a step where it is;
/// Enter (or b) asks to book the whole course. The keys are in AppState+Sequence.swift.
public struct SequencePaneState: Hashable, Sendable {
    public enum Focus: Hashable, Sendable {
        /// The protocol (↑↓ choose from the list).
        case protocolChoice
        /// The start date being typed.
        case start
        /// The plan's table (↑↓ choose a step).
        case plan
        /// A step's alternatives (↑↓ choose a slot).
        case alternatives
    }

    public var patientID: Int64?
    /// The patient's hospital number, and how the screens name them.
    public var reference: String
    public var patientLabel: String
    /// Where Esc and a booked course go back to.
    public var returnsTo: PaneID
    /// The protocols to choose from (nil until read).
    public var protocols: [TreatmentProtocol]?
    public var protocolIndex = 0
    /// Blank: today.
    public var start = TextField()
    public var focus: Focus = .protocolChoice
    /// The start field's problem, in words.
    public var startError: String?
    /// Steps the clerk fixed to a slot.
    public var pins: [StepKey: Int64] = [:]
    /// An officer's overrides: a step booked in a slot that breaks a rule, and why.
    public var overrides: [StepKey: Slot] = [:]
    public var overrideReason: String?
    public var plan: CoursePlanView?
    /// Why the plan could not be asked for (the service's refusal).
    public var failure: String?
    public var generation = 0
    public var shownGeneration = 0
    public var position = ListPosition()
    public var alternatives: CourseAlternatives?
    public var alternativesPosition = ListPosition()
    public var alternativesGeneration = 0
    /// The step whose alternatives are being found.
    public var alternativesLoading: StepKey?

    public init(patientID: Int64?, reference: String, patientLabel: String, returnsTo: PaneID) {
        self.patientID = patientID; self.reference = reference; self.patientLabel = patientLabel; self.returnsTo = returnsTo
    }

    public var isTyping: Bool { focus == .start }
    public var isPlanning: Bool { generation != shownGeneration }
    public var chosenProtocol: TreatmentProtocol? {
        guard let protocols, protocols.indices.contains(protocolIndex) else { return nil }
        return protocols[protocolIndex]
    }
    /// The plan shown, when it answers the protocol chosen.
    public var steps: [PlannedStep] { plan?.plan?.steps ?? [] }
    public var selectedStep: PlannedStep? { steps.indices.contains(position.selected) ? steps[position.selected] : nil }
    public var selectedAlternative: CourseAlternative? {
        guard let options = alternatives?.options, options.indices.contains(alternativesPosition.selected) else { return nil }
        return options[alternativesPosition.selected]
    }
}

/// The summary before a course is booked.
public struct CourseConfirmState: Hashable, Sendable {
    public var request: CoursePlanRequest
    public var protocolLabel: String
    public var patientLabel: String
    public var steps: Int
    public var appointments: Int
    public var tasks: Int
    public var visitDays: Int
    public var first: LocalDate?
    public var last: LocalDate?
    /// `bloods#2 Thu 07-Jan-2027 08:10` for each pinned step.
    public var pinned: [String]
    /// An officer's overrides, slot by slot, and the reason.
    public var overrides: [StepKey: Int64]
    public var overrideLines: [String]
    public var reason: String?
    public var saving = false
    public init(request: CoursePlanRequest, protocolLabel: String, patientLabel: String, steps: Int, appointments: Int, tasks: Int,
                visitDays: Int, first: LocalDate?, last: LocalDate?, pinned: [String], overrides: [StepKey: Int64],
                overrideLines: [String], reason: String?) {
        self.request = request; self.protocolLabel = protocolLabel; self.patientLabel = patientLabel; self.steps = steps
        self.appointments = appointments; self.tasks = tasks; self.visitDays = visitDays; self.first = first; self.last = last
        self.pinned = pinned; self.overrides = overrides; self.overrideLines = overrideLines; self.reason = reason
    }
}

/// An officer books a step in a slot that breaks a rule: the reason.
public struct CourseOverrideState: Hashable, Sendable {
    public var key: StepKey
    public var label: String
    public var slot: Slot
    /// The rule it breaks, in words.
    public var problem: String?
    public var reason = TextField()
    public init(key: StepKey, label: String, slot: Slot, problem: String?, reason: String? = nil) {
        self.key = key; self.label = label; self.slot = slot; self.problem = problem; self.reason = TextField(reason ?? "")
    }
    public var words: String { reason.text.trimmingCharacters(in: .whitespaces) }
}

/// Stopping a course from the record: which (↑↓ among the active ones) and why.
public struct StopCourseState: Hashable, Sendable {
    public struct Choice: Hashable, Sendable {
        public var id: Int64
        public var name: String
        public var start: LocalDate
        /// Appointments of it still booked.
        public var booked: Int
    }
    public var choices: [Choice]
    public var position = 0
    public var reason = TextField()
    public var saving = false
    public init(choices: [Choice]) { self.choices = choices }
    public var words: String { reason.text.trimmingCharacters(in: .whitespaces) }
    public var chosen: Choice { choices[min(max(0, position), choices.count - 1)] }
}

/// A course's itinerary on screen, as it prints.
public struct ItineraryState: Hashable, Sendable {
    public var courseID: Int64
    public var lines: [String]
    public var largePrintReason: String?
    public var scroll = 0
    public init(_ itinerary: Itinerary) {
        courseID = itinerary.courseID
        lines = itinerary.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        largePrintReason = itinerary.largePrint ? (itinerary.largePrintReason ?? "asked for") : nil
    }
}

/// The knock-on dialog: what broke, the re-plan proposed, and adjusting a step of it.
public struct CourseReplanState: Hashable, Sendable {
    public var view: CourseReplanView
    /// The change chosen (a adjusts it).
    public var position = ListPosition()
    public var alternatives: CourseAlternatives?
    public var alternativesPosition = ListPosition()
    public var generation = 0
    /// The step whose alternatives are being found.
    public var loading: StepKey?
    public var saving = false
    public init(view: CourseReplanView) { self.view = view }
    public var selectedChange: CourseReplan.Change? {
        view.changes.indices.contains(position.selected) ? view.changes[position.selected] : nil
    }
    public var selectedAlternative: CourseAlternative? {
        guard let options = alternatives?.options, options.indices.contains(alternativesPosition.selected) else { return nil }
        return options[alternativesPosition.selected]
    }
}

/// The record's booking preferences form (P): the four fields of `BookingPreferences.Fields`.
public struct PreferencesFormState: Hashable, Sendable {
    public static let names = ["unavailable days", "not before", "not after", "away"]
    public static let hints = [
        "weekdays the patient cannot come, e.g. mon,fri or sat-sun (blank: any day)",
        "no appointment starting before this time, e.g. 09:30 (blank: any time)",
        "no appointment ending after this time, e.g. 16:00 (blank: any time)",
        "dates away, ranges or single dates separated by commas, e.g. 20-12-2026..03-01-2027, 14-02-2027",
    ]
    public var patient: String
    public var patientLabel: String
    public var values: [TextField]
    public var focus = 0
    public var errorField: Int?
    /// The field's problem in words (also on the message line), shown in the form until that field is typed in.
    public var errorText: String?
    public var saving = false
    public init(patient: String, patientLabel: String, _ preferences: BookingPreferences) {
        self.patient = patient; self.patientLabel = patientLabel
        let f = preferences.fields
        values = [f.unavailableDays, f.notBefore, f.notAfter, f.away].map { TextField($0) }
    }
    public var fields: BookingPreferences.Fields {
        BookingPreferences.Fields(unavailableDays: values[0].text, notBefore: values[1].text, notAfter: values[2].text, away: values[3].text)
    }
}

extension AppState {
    // MARK: Drawing the pane

    var sequenceTitle: String {
        guard let sequence else { return "Sequence" }
        return "Sequence · " + sequence.reference
    }

    /// Rows of the plan the table shows: the pane less four lines above, its heading and the detail line.
    public var sequencePageRows: Int { max(1, size.height - 5 - 6) }

    /// The plan's columns at their narrowest (80 columns): the step, clinician and site are cut with "…".
    static let planColumns = [
        TableColumn("", width: 1), TableColumn("Cyc", width: 3, alignRight: true), TableColumn("Step", width: 13),
        TableColumn("Day and date", width: 15), TableColumn("Time", width: 5), TableColumn("Clinician", width: 10),
        TableColumn("Site", width: 6), TableColumn("Gap"),
    ]

    /// The plan's columns for `width` cells and these rows: the room beyond 80
    /// columns goes first to the clinician and site, then to the step (each up
    /// to its longest text, so nothing is cut that need not be), the rest to the gap.
    static func planColumns(width: Int, rows: [TableRow]) -> [TableColumn] {
        var columns = planColumns
        let fixed = columns.compactMap(\.width).reduce(0, +) + columns.count - 1
        let gapRoom = 18
        var spare = max(0, width - fixed - gapRoom)
        for index in [5, 6, 2] {
            guard let base = columns[index].width else { continue }
            let longest = rows.map { CellWidth.of($0.cells.count > index ? $0.cells[index] : "") }.max() ?? 0
            let grow = min(spare, max(0, longest - base))
            columns[index].width = base + grow
            spare -= grow
        }
        return columns
    }

    static let alternativeColumns = [
        TableColumn("When", width: 21), TableColumn("Clinician", width: 11), TableColumn("Site", width: 7),
        TableColumn("Treatment", width: 17), TableColumn("Visits", width: 7), TableColumn("Rules"),
    ]

    /// `bloods +1d ✓, review +1d ✓`, or the first broken rule in words; when
    /// every gap does not fit in `width` cells, the first and how many more (`bloods +1d ✓ +2`).
    static func gapText(_ checks: [RuleCheck], width: Int = 0) -> String {
        if let broken = checks.first(where: { !$0.ok }) { return "✗ " + (broken.problem ?? "breaks a rule") }
        guard let first = checks.first else { return "—" }
        let all = checks.map { "\($0.rule.after) +\($0.gap ?? "?") ✓" }.joined(separator: ", ")
        if CellWidth.of(all) <= width { return all }
        return "\(first.rule.after) +\(first.gap ?? "?") ✓" + (checks.count > 1 ? " +\(checks.count - 1)" : "")
    }

    /// The gaps of a step in words, for the line under the table.
    static func checksText(_ checks: [RuleCheck], treatment: TreatmentProtocol) -> String {
        guard !checks.isEmpty else { return "no rule ties it to an earlier step" }
        return checks.map { check in
            let after = treatment.step(check.rule.after)?.label ?? check.rule.after
            return check.ok ? "\(after) +\(check.gap ?? "?") ✓ (\(check.rule.description))" : "✗ " + (check.problem ?? "breaks a rule")
        }.joined(separator: " · ")
    }

    func planRow(_ step: PlannedStep, _ state: SequencePaneState, _ view: CoursePlanView, gapWidth: Int = 0) -> TableRow {
        var step = step
        var marker = state.pins[step.key] != nil ? "P" : " "
        var gap = Self.gapText(view.checks[step.key] ?? [], width: gapWidth)
        if let slot = state.overrides[step.key] {
            marker = "O"
            step.date = slot.date; step.start = slot.start; step.clinician = slot.clinicianCode; step.site = slot.siteCode
            gap = "override: " + (state.overrideReason ?? "")
        }
        let time = step.start?.display ?? "by"
        let who = step.kind == .task ? (step.team ?? "") : (step.clinician ?? "")
        let style: Style = marker == "O" ? Style(.warning) : (gap.hasPrefix("✗") ? Style(.error) : (step.kind == .task ? Style(.muted) : .normal))
        return TableRow([marker, "\(step.cycle)", step.instance > 1 ? "\(step.label) \(step.instance)" : step.label,
                         Self.dayText(step.date), time, who, step.kind == .task ? "task" : (step.site ?? ""), gap], style: style)
    }

    func alternativeRow(_ option: CourseAlternative, _ alternatives: CourseAlternatives) -> TableRow {
        let slot = option.slot
        var anchor = option.anchorDate.map { $0.display } ?? "—"
        if let new = option.anchorDate, let base = alternatives.baseAnchor {
            let delta = new.dayNumber - base.dayNumber
            anchor += delta == 0 ? " (=)" : " (\(delta > 0 ? "+" : "")\(delta)d)"
        }
        var visits = option.visitDays.map(String.init) ?? "—"
        if let new = option.visitDays, let base = alternatives.baseVisitDays {
            let delta = new - base
            visits += delta == 0 ? " (=)" : " (\(delta > 0 ? "+" : "")\(delta))"
        }
        let rules = option.valid ? (option.moved.map { "✓ \($0) appointment\($0 == 1 ? "" : "s") moved" } ?? "✓ kept") : "✗ breaks"
        return TableRow([Self.dayText(slot.date) + " " + slot.start.display, slot.clinicianCode, slot.siteCode, anchor, visits, rules],
                        style: option.valid ? .normal : Style(.warning))
    }

    /// `11 visit days`; when some of the course's days are days the patient
    /// comes in anyway (the planner counts only the extra trips):
    /// `0 extra visit days (2 days already coming in)`.
    /// `short`: only the number the planner counts (`3 visit days`).
    static func visitDaysText(_ plan: Plan, short: Bool = false) -> String {
        let inPerson = Set(plan.steps.filter { $0.kind == .appointment && $0.inPerson }.map(\.date)).count
        let extra = plan.visitDays
        let days = { (n: Int) in "\(n) day\(n == 1 ? "" : "s")" }
        guard inPerson > extra, !short else { return "\(extra) visit day\(extra == 1 ? "" : "s")" }
        return "\(extra) extra visit day\(extra == 1 ? "" : "s") (\(days(inPerson - extra)) already coming in)"
    }

    func sequenceStatus(_ state: SequencePaneState, width: Int = .max) -> Span {
        if let failure = state.failure { return Span("Error: " + failure, Style(.error)) }
        guard let protocols = state.protocols else { return Span("Reading the protocols…", Style(.muted)) }
        if protocols.isEmpty {
            return Span("No protocols are set up: a manager imports them (frontdesk protocol import FILE.yaml)", Style(.warning))
        }
        if let error = state.startError { return Span("✗ start: " + error, Style(.error)) }
        guard let view = state.plan, view.request.protocolCode == state.chosenProtocol?.code else {
            return Span("Planning…", Style(.muted))
        }
        let working = state.isPlanning ? " · planning…" : ""
        guard let plan = view.plan else {
            return Span("No plan can be made from \(view.request.start.display):" + working, Style(.warning, bold: true))
        }
        let cycles = view.treatment.cycles
        func line(short: Bool) -> String {
            var text = "\(plan.steps.count) steps, \(cycles) cycle\(cycles == 1 ? "" : "s") · " + Self.visitDaysText(plan, short: short)
            // An officer's override of the anchor step moves the treatment date with it.
            let overriddenAnchor = view.treatment.anchor.flatMap { state.overrides[StepKey(cycle: 1, step: $0)]?.date }
            if let anchor = overriddenAnchor ?? view.anchor(cycle: 1) { text += " · treatment \(anchor.display)" }
            if !state.pins.isEmpty { text += " · \(state.pins.count) pinned (P)" }
            if !state.overrides.isEmpty { text += " · \(state.overrides.count) overridden (O)" }
            if !plan.complete { text += " · search stopped early: pin a step for the best" }
            return text + working
        }
        // The visit days said in full when the line has the room, so the pins and overrides are not cut off.
        let full = line(short: false)
        return Span(CellWidth.of(full) <= width ? full : line(short: true), Style(.title))
    }

    func renderSequence(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard let state = sequence, !inside.isEmpty else { return }
        var who = "Course for " + state.patientLabel
        if state.patientLabel != state.reference { who += " · " + state.reference }
        buffer.line(CellWidth.truncate(who, to: inside.width), in: inside, row: 0, style: Style(.title, bold: true))
        // Protocol: a choice from the list.
        var x = inside.x
        let y1 = inside.y + 1
        let protocolFocused = state.focus == .protocolChoice && overlay == nil
        x += buffer.put("Protocol ", x: x, y: y1, limit: max(0, inside.maxX - x), style: Style(protocolFocused ? .title : .normal))
        if let chosen = state.chosenProtocol, let protocols = state.protocols {
            let code = "‹ " + CellWidth.pad(chosen.code, to: max(12, CellWidth.of(chosen.code))) + " ›"
            x += buffer.put(code, x: x, y: y1, limit: max(0, inside.maxX - x), style: Style(protocolFocused ? .fieldFocused : .field))
            let name = "  \(chosen.name) (v\(chosen.version), \(state.protocolIndex + 1) of \(protocols.count))"
            buffer.put(name, x: x, y: y1, limit: max(0, inside.maxX - x), style: Style(.muted))
        } else {
            buffer.put("—", x: x, y: y1, limit: max(0, inside.maxX - x), style: Style(.muted))
        }
        // Start: a date field; the preferences honoured beside it.
        x = inside.x
        let y2 = inside.y + 2
        let startError = state.startError != nil
        x += buffer.put((startError ? "✗ " : "") + "Start ", x: x, y: y2, limit: max(0, inside.maxX - x),
                        style: Style(startError ? .error : (state.focus == .start ? .title : .normal)))
        var start = state.start
        if start.isEmpty && state.focus != .start { start = TextField("today") }
        let cells = min(13, max(0, inside.maxX - x))
        start.render(into: &buffer, Rect(x: x, y: y2, width: cells, height: 1), focused: state.focus == .start && overlay == nil)
        x += cells
        let preferences = state.plan?.preferences.summary ?? "—"
        buffer.put("  Preferences honoured: " + preferences, x: x, y: y2, limit: max(0, inside.maxX - x), style: Style(.muted))
        let status = sequenceStatus(state, width: inside.width)
        buffer.line(CellWidth.truncate(status.text, to: inside.width), in: inside, row: 3, style: status.style)
        let body = Rect(x: inside.x, y: inside.y + 4, width: inside.width, height: max(0, inside.height - 5))
        let detailRow = inside.height - 1
        if state.focus == .alternatives || state.alternativesLoading != nil, let view = state.plan {
            renderAlternatives(&buffer, body, state, view)
            let detail: String
            if state.alternativesLoading != nil {
                detail = "Finding the slots that keep the plan valid…"
            } else if let option = state.selectedAlternative {
                detail = option.valid ? "Enter pins \(state.alternatives?.label ?? "the step") to \(option.slot.whenText) and plans again"
                    : "✗ " + (option.problem ?? "breaks a rule") + (canOverrideRule ? " · o overrides (officers, with a reason)" : "")
            } else {
                detail = "No other slot keeps the plan valid · Esc back to the plan"
            }
            buffer.line(CellWidth.truncate(detail, to: inside.width), in: inside, row: detailRow,
                        style: Style(detail.hasPrefix("✗") ? .warning : .muted))
            return
        }
        guard let view = state.plan else { return }
        if let chosen = state.chosenProtocol, view.request.protocolCode != chosen.code {
            // The plan shown is of the protocol chosen before: not to be mistaken for this one's.
            buffer.line(CellWidth.truncate("  Planning \(chosen.name) (\(chosen.code))…", to: body.width), in: body, row: 0,
                        style: Style(.muted))
            return
        }
        guard view.plan != nil else {
            // Infeasible: the planner's explanation in place of the table.
            let reason = view.outcome.failure?.reason ?? "no plan"
            var lines = Box.wrap(reason, width: max(10, inside.width - 2)).map { "  " + $0 }
            lines += ["", "  Try a later start date (Tab to it) or another protocol (↑↓ on the protocol)."]
            for (index, line) in lines.prefix(body.height).enumerated() {
                buffer.line(line, in: body, row: index, style: index < lines.count - 2 ? .normal : Style(.muted))
            }
            return
        }
        var position = state.position
        var rows = state.steps.map { planRow($0, state, view) }
        let columns = Self.planColumns(width: body.width, rows: rows)
        if let gapWidth = Table.widths(columns, in: body.width).last, gapWidth > 0 {
            rows = state.steps.map { planRow($0, state, view, gapWidth: gapWidth) }
        }
        Table.render(into: &buffer, body, columns: columns, rows: rows,
                     position: &position, selectionVisible: state.focus == .plan && overlay == nil)
        if let step = state.selectedStep {
            var detail = "\(step.label), cycle \(step.cycle): " + Self.checksText(view.checks[step.key] ?? [], treatment: view.treatment)
            if let slot = step.slotID { detail += " · slot \(slot)" }
            buffer.line(CellWidth.truncate(detail, to: inside.width), in: inside, row: detailRow, style: Style(.muted))
        }
    }

    func renderAlternatives(_ buffer: inout ScreenBuffer, _ body: Rect, _ state: SequencePaneState, _ view: CoursePlanView) {
        guard let alternatives = state.alternatives, state.alternativesLoading == nil else {
            let step = state.selectedStep
            buffer.line("Alternatives for \(step?.label ?? "the step")…", in: body, row: 0, style: Style(.muted))
            return
        }
        let now = alternatives.current
        var heading = "Other slots for \(alternatives.label), cycle \(alternatives.key.cycle) (now \(now.date.display) \(now.start?.display ?? "")"
        if let visits = alternatives.baseVisitDays { heading += "; \(visits) visit days" }
        heading += ")"
        buffer.line(CellWidth.truncate(heading, to: body.width), in: body, row: 0, style: Style(.title))
        var position = state.alternativesPosition
        let table = Rect(x: body.x, y: body.y + 1, width: body.width, height: max(0, body.height - 1))
        if alternatives.options.isEmpty {
            buffer.line(CellWidth.truncate("  No free slot from \(alternatives.from.display) to \(alternatives.through.display) keeps every rule.",
                                           to: body.width), in: body, row: 2, style: Style(.warning))
            return
        }
        Table.render(into: &buffer, table, columns: Self.alternativeColumns,
                     rows: alternatives.options.map { alternativeRow($0, alternatives) }, position: &position,
                     selectionVisible: overlay == nil)
    }

    /// Whether this person may override a rule (officers and managers).
    var canOverrideRule: Bool { session.permissions.contains(.overrideSequenceRule) }

    // MARK: The record's courses

    /// The record's Courses section: each course, cycle by cycle, and what is wrong with it in words.
    func courseSection(_ state: RecordState, width: Int) -> [[Span]] {
        guard let courses = state.courses, !courses.isEmpty else { return [] }
        var lines: [[Span]] = [[], [Span("Courses", Style(.header))]]
        for detail in courses {
            let c = detail.course
            var head = "  Course \(c.id) · \(c.protocolName) (\(c.protocolCode) v\(c.protocolVersion)) · from \(c.startDate.display)"
            if c.status == .stopped { head += " · stopped" + (c.stopReason.map { ": \($0)" } ?? "") }
            for part in Self.hangingWrap(head, width: max(10, width)) { lines.append([Span(part, Style(.title))]) }
            let cycles = Dictionary(grouping: detail.rows, by: \.step.cycle).sorted { $0.key < $1.key }
            for (cycle, rows) in cycles {
                let steps = rows.map { row -> String in
                    let name = row.step.instance > 1 ? "\(row.step.step) \(row.step.instance)" : row.step.step
                    var text = name + " " + (row.date.map { $0.display } ?? "—")
                    if let a = row.appointment {
                        text += " " + a.start.display
                        if a.status != .booked || !row.isHeld { text += " (\(a.status.label))" }
                    } else if let task = row.task, task.status != .open {
                        text += " (\(task.status.rawValue))"
                    }
                    if row.checks.contains(where: { !$0.ok }) { text += " ✗" }
                    return text
                }
                let entry = "Cycle \(cycle): " + steps.joined(separator: ", ")
                for (offset, part) in Box.wrap(entry, width: max(10, width - 4)).enumerated() {
                    lines.append([Span((offset == 0 ? "    " : "      ") + part)])
                }
            }
            let problems = Self.courseProblems(detail)
            for problem in problems {
                for (offset, part) in Box.wrap("⚠ " + problem, width: max(10, width - 4)).enumerated() {
                    lines.append([Span((offset == 0 ? "    " : "      ") + part, Style(.warning, bold: offset == 0))])
                }
            }
            if !problems.isEmpty && c.status == .active {
                lines.append([Span("    R shows what it breaks and the re-plan proposed", Style(.muted))])
            }
        }
        return lines
    }

    /// A course's problems in words: "Blood test cycle 2 cancelled — re-plan needed".
    static func courseProblems(_ detail: CourseDetail) -> [String] {
        detail.problems.map { row in
            let name = "\(row.label) cycle \(row.step.cycle)" + (row.step.instance > 1 ? " (\(row.step.instance))" : "")
            if !row.isHeld {
                if let a = row.appointment { return "\(name) \(a.status.isCancelled ? "cancelled" : a.status.label) — re-plan needed" }
                return "\(name): its task was cancelled — re-plan needed"
            }
            let broken = row.checks.first { !$0.ok }?.problem ?? "breaks a rule"
            return "\(name): \(broken) — re-plan needed"
        }
    }

    // MARK: Drawing the dialogs

    /// A line wrapped to `width` cells keeping its indentation: continuation
    /// lines start under the text (under the words after a "• " bullet); a line
    /// that fits is kept exactly as it is, spaces and all.
    static func hangingWrap(_ line: String, width: Int) -> [String] {
        guard CellWidth.of(line) > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let body = String(line.dropFirst(indent.count))
        let hang = indent + (body.hasPrefix("• ") ? "  " : "")
        var lines: [String] = []
        var line = indent
        for word in body.split(separator: " ") {
            let room = max(10, width)
            let candidate = line == indent || line == hang ? line + word : line + " " + word
            if CellWidth.of(candidate) <= room { line = candidate; continue }
            if line != indent && line != hang { lines.append(line) }
            line = CellWidth.truncate(hang + word, to: room)
        }
        lines.append(line)
        return lines
    }

    func renderCourseOverlay(_ overlay: Overlay, _ buffer: inout ScreenBuffer, _ area: Rect) {
        func keys(_ pairs: [(String, String)]) -> [Span] {
            pairs.flatMap { [Span(" \($0.0) ", Style(.keyName)), Span(" \($0.1)    ")] }
        }
        let wrapWidth = max(20, area.width - 8)
        func wrapped(_ text: String, _ style: Style = .normal, indent: String = "") -> [[Span]] {
            Self.hangingWrap(indent + text, width: wrapWidth).map { [Span($0, style)] }
        }
        switch overlay {
        case .confirmCourse(let state):
            var lines: [[Span]] = [
                [Span("Book \(state.protocolLabel) for \(state.patientLabel)?", Style(.title, bold: true))], [],
                [Span("\(state.steps) steps: \(state.appointments) appointments and \(state.tasks) task\(state.tasks == 1 ? "" : "s"), "
                      + "\(state.visitDays) visit day\(state.visitDays == 1 ? "" : "s")")],
            ]
            if let first = state.first, let last = state.last {
                lines.append([Span("From \(Self.dayText(first)) to \(Self.dayText(last))")])
            }
            for pin in state.pinned.prefix(4) { lines += wrapped("Pinned: " + pin) }
            if state.pinned.count > 4 { lines.append([Span("… and \(state.pinned.count - 4) more pinned", Style(.muted))]) }
            for line in state.overrideLines { lines += wrapped("Override: " + line, Style(.warning)) }
            if let reason = state.reason, !state.overrides.isEmpty { lines += wrapped("Reason (audited): " + reason, Style(.warning)) }
            lines.append([])
            lines += wrapped("Every appointment and task is booked in one go, or nothing is. The plan is made again as it books.", Style(.muted))
            lines.append([])
            lines.append(state.saving ? [Span("Booking the course…", Style(.muted))]
                         : keys([("Y", "book the whole course"), ("Esc", "back to the plan")]))
            dialog(&buffer, area, title: "Book the course", lines: lines)
        case .stopCourse(let state):
            var lines: [[Span]] = [[Span("Stop a treatment course (the oncologist has ended it)", Style(.warning, bold: true))], []]
            for (index, choice) in state.choices.enumerated() {
                let chosen = index == state.position
                lines.append([Span(CellWidth.truncate((chosen ? "▸ " : "  ") + "course \(choice.id) · \(choice.name) · from "
                                                      + "\(choice.start.display) · \(choice.booked) appointment\(choice.booked == 1 ? "" : "s") to come",
                                                      to: wrapWidthFor(area)), Style(chosen ? .selection : .normal))])
            }
            lines.append([])
            lines += wrapped("Its appointments still to come are cancelled by the hospital (clinical decision) and its open tasks "
                             + "cancelled, in one go; attended steps stay.", Style(.muted))
            lines += [[], [Span("Why (required, audited): ", Style(.title))], [],
                      state.saving ? [Span("Stopping the course…", Style(.muted))] : keys([("Enter", "stop it"), ("↑↓", "course"), ("Esc", "don't")])]
            let content = dialog(&buffer, area, title: "Stop course", lines: lines)
            let row = content.y + lines.count - 3
            let x = content.x + CellWidth.of("Why (required, audited): ")
            state.reason.render(into: &buffer, Rect(x: x, y: row, width: max(0, content.maxX - x), height: 1), focused: true)
        case .courseOverride(let state):
            var lines: [[Span]] = [
                [Span("Book \(state.label) (\(state.key)) in \(state.slot.whenText)", Style(.title, bold: true))],
                [Span("with \(state.slot.clinicianCode) at \(state.slot.siteCode), slot \(state.slot.id)")], [],
            ]
            lines += wrapped("It breaks: " + (state.problem ?? "a rule of the protocol"), Style(.warning))
            lines += [[], [Span("Why (required, audited): ", Style(.title))], [],
                      keys([("Enter", "override"), ("Esc", "don't")])]
            let content = dialog(&buffer, area, title: "Override a rule (officers)", lines: lines)
            let row = content.y + lines.count - 3
            let x = content.x + CellWidth.of("Why (required, audited): ")
            state.reason.render(into: &buffer, Rect(x: x, y: row, width: max(0, content.maxX - x), height: 1), focused: true)
        case .courseBooked(let view):
            var lines: [[Span]] = [
                [Span("Course \(view.courseID) booked for \(view.patientLabel)", Style(.success, bold: true))],
                [Span("\(view.protocolName) (\(view.protocolCode) v\(view.version))")], [],
                [Span("\(view.appointments) appointments and \(view.tasks) task\(view.tasks == 1 ? "" : "s"), "
                      + "\(view.visitDays) visit day\(view.visitDays == 1 ? "" : "s")")],
            ]
            if let first = view.first, let last = view.last { lines.append([Span("From \(Self.dayText(first)) to \(Self.dayText(last))")]) }
            for line in view.overridden { lines += wrapped("Overridden: " + line, Style(.warning)) }
            lines += [[], keys([("i", "itinerary for the patient"), ("Enter", "back to the record")])]
            dialog(&buffer, area, title: "Course booked", lines: lines)
        case .itinerary(let state):
            let height = max(1, area.height - 6)
            var lines: [[Span]] = []
            if let why = state.largePrintReason { lines.append([Span("Large print (\(why))", Style(.warning))]) }
            var body: [String] = []
            for line in state.lines { body += line.isEmpty ? [""] : Self.hangingWrap(line, width: wrapWidth) }
            let top = min(state.scroll, max(0, body.count - height))
            lines += body.dropFirst(top).prefix(height - (lines.isEmpty ? 0 : 1)).map { [Span($0)] }
            lines.append([])
            lines.append(keys([("↑↓", "scroll"), ("Esc", "close")]) + (body.count > height ? [Span("\(top + 1)–\(min(body.count, top + height)) of \(body.count) lines", Style(.muted))] : []))
            dialog(&buffer, area, title: "Itinerary · course \(state.courseID)", lines: lines)
        case .courseReplan(let state):
            renderReplan(state, &buffer, area, keys: keys, wrapped: wrapped)
        case .bookingPreferences(let state):
            var lines: [[Span]] = [[Span("When \(state.patientLabel) can come", Style(.title, bold: true))], []]
            for (index, name) in PreferencesFormState.names.enumerated() {
                let error = state.errorField == index
                lines.append([Span((error ? "✗ " : "  ") + CellWidth.pad(name.prefix(1).uppercased() + name.dropFirst(), to: 18),
                                   Style(error ? .error : (state.focus == index ? .title : .normal)))])
            }
            lines.append([])
            if let error = state.errorText, state.errorField != nil {
                lines += wrapped("✗ " + error, Style(.error))
            } else {
                lines += wrapped(PreferencesFormState.hints[state.focus], Style(.muted))
            }
            lines.append([])
            lines.append(state.saving ? [Span("Saving…", Style(.muted))]
                         : keys([("Enter", "save"), ("Tab", "next field"), ("Esc", "cancel")]))
            let content = dialog(&buffer, area, title: "Booking preferences", lines: lines)
            for index in state.values.indices {
                let x = content.x + 20
                state.values[index].render(into: &buffer, Rect(x: x, y: content.y + 2 + index, width: max(0, content.maxX - x), height: 1),
                                           focused: state.focus == index)
            }
        default:
            break
        }
    }

    func renderReplan(_ state: CourseReplanState, _ buffer: inout ScreenBuffer, _ area: Rect,
                      keys: ([(String, String)]) -> [Span], wrapped: (String, Style, String) -> [[Span]]) {
        let view = state.view
        let budget = max(6, area.height - 2)
        var lines: [[Span]] = [[Span("Course \(view.courseID) · \(view.protocolName) · \(view.patientLabel)", Style(.title, bold: true))]]
        lines.append([Span("What this breaks:", Style(.warning, bold: true))])
        var problems: [[Span]] = []
        for problem in view.problems { problems += wrapped("  • " + problem, Style(.warning), "") }
        let problemRoom = max(1, min(problems.count, budget / 3))
        lines += problems.prefix(problemRoom)
        if problems.count > problemRoom { lines.append([Span("  … \(view.problems.count) problems in all", Style(.muted))]) }
        lines.append([])
        let footer: [Span]
        if let alternatives = state.alternatives {
            lines.append([Span("Another slot for \(alternatives.label) (\(alternatives.key)): each keeps every rule", Style(.title))])
            let room = max(1, budget - lines.count - 2)
            var position = state.alternativesPosition
            position.reveal(visible: room, count: alternatives.options.count)
            if alternatives.options.isEmpty {
                lines.append([Span("  No free slot from \(alternatives.from.display) to \(alternatives.through.display) keeps the course valid",
                                   Style(.warning))])
            }
            let rows = alternatives.options.map { alternativeRow($0, alternatives).cells }
            let who = min(16, rows.map { CellWidth.of($0[1]) }.max() ?? 0)
            let site = min(14, rows.map { CellWidth.of($0[2]) }.max() ?? 0)
            for (index, row) in rows.enumerated().dropFirst(position.top).prefix(room) {
                let chosen = index == state.alternativesPosition.selected
                let when = (chosen ? "▸ " : "  ") + CellWidth.pad(row[0], to: 21) + " " + CellWidth.pad(CellWidth.truncate(row[1], to: who), to: who)
                let effect = "  treatment " + row[3] + " · " + row[5]
                let withSite = when + " " + CellWidth.pad(CellWidth.truncate(row[2], to: site), to: site) + effect
                // The site goes first when the line is too narrow for it.
                let text = CellWidth.of(withSite) <= wrapWidthFor(area) ? withSite : when + effect
                lines.append([Span(CellWidth.truncate(text, to: wrapWidthFor(area)), Style(chosen ? .selection : .normal))])
            }
            footer = keys([("Enter", "pin it and re-plan"), ("Esc", "back")])
        } else if state.loading != nil {
            lines.append([Span("Finding slots that keep the course valid…", Style(.muted))])
            footer = []
        } else if let failure = view.failure {
            lines += wrapped("No re-plan was found: " + failure, Style(.error), "")
            footer = keys([("Esc", "leave it for later (R on the record)")])
        } else {
            let title = "Proposed re-plan" + (view.approach.map { " (\($0))" } ?? "") + ":"
            lines += wrapped(title, Style(.title), "")
            // Two lines a change: the step and what happens to it, then from → to (three with a warning).
            let perChange = 2
            let room = max(1, (budget - lines.count - 2) / perChange)
            var position = state.position
            position.reveal(visible: room, count: view.changes.count)
            if view.changes.isEmpty { lines.append([Span("  nothing to move", Style(.muted))]) }
            for (index, change) in view.changes.enumerated().dropFirst(position.top).prefix(room) {
                let chosen = index == state.position.selected
                let from = change.from.map { "\(Self.dayText($0.date)) \($0.start.display)" }
                    ?? change.fromTask.map { "due \($0.dueDate.display)" } ?? "—"
                let to = change.to.start.map { "\(Self.dayText(change.to.date)) \($0.display)" } ?? "due \(change.to.date.display)"
                let place = change.kind == .task ? "" : " with \(change.to.clinician ?? "?") at \(change.to.site ?? "?")"
                let style = Style(chosen ? .selection : .normal)
                lines.append([Span(CellWidth.truncate((chosen ? "▸ " : "  ") + "\(change.label), cycle \(change.key.cycle) (\(change.key)): "
                                                      + change.action, to: wrapWidthFor(area)), style)])
                lines.append([Span(CellWidth.truncate("    " + from + " → " + to + place, to: wrapWidthFor(area)), style)])
            }
            footer = state.saving ? [Span("Booking the re-plan…", Style(.muted))]
                : keys([("Y", "book these changes"), ("a", "another slot"), ("Esc", "later")])
        }
        lines.append([])
        lines.append(footer)
        dialog(&buffer, area, title: "Knock-on: re-plan course \(view.courseID)", lines: lines)
    }

    func wrapWidthFor(_ area: Rect) -> Int { max(20, area.width - 6) }
}
