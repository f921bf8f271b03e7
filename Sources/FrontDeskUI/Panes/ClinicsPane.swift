import Foundation
import FrontDeskDomain

/// The clinics pane (F3): the clinic day list of a date, narrowed by site,
/// service and clinician, where patients are checked in and attendances
/// recorded (on the marked rows, or the selected one); the clinic's
/// to-be-booked list; and the open tasks of a team (the front desk's first),
/// marked done or cancelled there. Everything is read and changed through
/// `BookingService`, as effects answered by events.
public struct ClinicsPaneState: Hashable, Sendable, DiaryFilterPane {
    /// Where the keys go: the list, or one of the filter fields.
    public typealias Focus = DiaryFilterFocus

    /// The clinic day list, the open to-be-booked list, or a team's open tasks.
    public enum View: Hashable, Sendable { case day, toBeBooked, tasks }

    /// The team whose tasks the tasks view shows first.
    public static let frontDesk = "front_desk"


    public var focus: Focus = .list
    public var view: View = .day
    /// Blank: today.
    public var date = TextField()
    public var site = TextField()
    public var service = TextField()
    public var clinician = TextField()
    /// The field whose value was refused (drawn with ✗; the message line says why).
    public var errorField: Focus?
    /// The sites, services and clinicians to choose from (nil until read).
    public var setup: ClinicSetup?

    public var rows: [ClinicDayRow] = []
    /// The query the rows answer.
    public var shown: ClinicDayQuery?
    public var generation = 0
    public var shownGeneration = 0
    public var failure: String?
    public var position = ListPosition()
    /// Appointment ids of the marked rows (Space).
    public var marked: Set<Int64> = []

    public var tasks: [DeskTask] = []
    public var taskPosition = ListPosition()
    public var taskGeneration = 0
    public var taskShownGeneration = 0
    public var taskFailure: String?

    /// The tasks view: the open tasks of `team` (nil: every team's), due first.
    public var deskTasks: [DeskTask] = []
    public var deskTaskPosition = ListPosition()
    public var deskTaskGeneration = 0
    public var deskTaskShownGeneration = 0
    public var deskTaskFailure: String?
    public var team: String? = ClinicsPaneState.frontDesk
    /// The teams the person belongs to (nil until read).
    public var myTeams: [Team]?

    /// A change sent and not answered yet.
    public var working: AppointmentChange?
    /// Where Esc goes.
    public var returnsTo: PaneID = .lookup
    /// The date field has been given today.
    public var prepared = false

    public init() {}

    public var isTyping: Bool { focus != .list }
    public var isLoading: Bool {
        switch view {
        case .day: return generation != shownGeneration
        case .toBeBooked: return taskGeneration != taskShownGeneration
        case .tasks: return deskTaskGeneration != deskTaskShownGeneration
        }
    }
    /// The teams ← → step through: the front desk, the person's other teams, then every team (nil).
    public var teamChoices: [String?] {
        [Self.frontDesk] + (myTeams ?? []).map(\.code).filter { $0 != Self.frontDesk } + [nil]
    }
    /// `front_desk (Front desk)`, or `every team`.
    public func teamText(_ code: String?) -> String {
        guard let code else { return "every team" }
        let name = (myTeams ?? []).first { $0.code == code }?.name ?? Team.standard.first { $0.code == code }?.name
        return name.map { "\(code) (\($0))" } ?? code
    }
    public var selectedDeskTask: DeskTask? {
        deskTasks.indices.contains(deskTaskPosition.selected) ? deskTasks[deskTaskPosition.selected] : nil
    }
    public var selected: ClinicDayRow? { rows.indices.contains(position.selected) ? rows[position.selected] : nil }
    /// The appointment to select when the day list next arrives (another pane sent the desk to it).
    public var pendingAppointment: Int64?
    public var selectedTask: DeskTask? { tasks.indices.contains(taskPosition.selected) ? tasks[taskPosition.selected] : nil }
}

extension ClinicDayRow {
    /// The flags in words (never colour alone): INTERPRETER, TRANSPORT, ALERT, DIED.
    public var flagWords: [String] {
        var words: [String] = []
        if needsInterpreter { words.append("INTERPRETER") }
        if needsTransport { words.append("TRANSPORT") }
        if !alerts.isEmpty { words.append("ALERT") }
        if patient.dateOfDeath != nil { words.append("DIED") }
        return words
    }

    /// `SMITH, John (Mr)`, or for a restricted record only that it is one.
    public var patientText: String { patient.restricted ? "restricted record" : patient.displayName }
}

extension AppState {
    // MARK: Drawing

    var clinicsTitle: String {
        switch clinicsPane.view {
        case .day: return "Clinics · " + (clinicsPane.shown.map { Self.dayText($0.date) } ?? "clinic day list")
        case .toBeBooked: return "Clinics · to be booked"
        case .tasks: return "Clinics · tasks of " + (clinicsPane.team ?? "every team")
        }
    }

    /// `Tue 24-Nov-2026`.
    static func dayText(_ date: LocalDate) -> String { date.weekday.short.capitalized + " " + date.display }

    /// Rows of the list the table shows (PgUp/PgDn move by this): the pane less
    /// the filters, the status line, the heading and two lines of detail.
    public var clinicsPageRows: Int { max(1, size.height - 5 - 2 - 3) }

    /// The flags column's width: wider only once the patient's name has room (110 columns).
    static func flagsWidth(_ width: Int) -> Int { width >= 110 ? 22 : 14 }

    /// The table's columns at this width: the clinician from 96 columns, wider flags from 110.
    static func clinicColumns(width: Int) -> [TableColumn] {
        if width >= 96 {
            return [TableColumn("", width: 1), TableColumn("Time", width: 5), TableColumn("Patient"),
                    TableColumn("Hosp no", width: 9), TableColumn("Service", width: 12), TableColumn("Clinician", width: 12),
                    TableColumn("Status", width: 16), TableColumn("Flags", width: flagsWidth(width))]
        }
        return [TableColumn("", width: 1), TableColumn("Time", width: 5), TableColumn("Patient"),
                TableColumn("Hosp no", width: 9), TableColumn("Service", width: 8), TableColumn("Status", width: 14),
                TableColumn("Flags", width: 14)]
    }

    /// The status in words for the list (short enough for its column), with
    /// the outcome when one is recorded (`attended · 3`).
    static func statusText(_ appointment: Appointment) -> String {
        let words: String
        switch appointment.status {
        case .lateNotSeen: words = "late not seen"
        case .cancelledByPatient: words = "cancelled pt"
        case .cancelledByHospital: words = "cancelled hosp"
        default: words = appointment.status.label
        }
        return words + (appointment.outcome.map { " · \($0.rawValue)" } ?? "")
    }

    /// The flag words that fit in `width` cells, and "+N" for the rest (the detail line lists them all).
    static func flagsCell(_ words: [String], width: Int) -> String {
        var shown = words.joined(separator: " ")
        guard CellWidth.of(shown) > width else { return shown }
        for count in stride(from: words.count - 1, through: 1, by: -1) {
            shown = words.prefix(count).joined(separator: " ") + " +\(words.count - count)"
            if CellWidth.of(shown) <= width { return shown }
        }
        return shown
    }

    func clinicRow(_ row: ClinicDayRow, wide: Bool, flagsWidth: Int) -> TableRow {
        let a = row.appointment
        var cells = [clinicsPane.marked.contains(a.id) ? "*" : " ", a.start.display, row.patientText, a.patientMRN, a.serviceCode]
        if wide { cells.append(a.clinicianCode) }
        cells += [Self.statusText(a), Self.flagsCell(row.flagWords, width: flagsWidth)]
        let marked = clinicsPane.marked.contains(a.id)
        let role: Role = a.status.isCancelled ? .muted : (row.patient.restricted ? .warning : .normal)
        return TableRow(cells, style: Style(role, bold: marked))
    }

    /// The line under the filters: what the list holds, that it is being read, or what went wrong.
    var clinicsStatus: Span {
        let state = clinicsPane
        if state.view == .tasks {
            if let failure = state.deskTaskFailure { return Span("Error: " + failure, Style(.error)) }
            if state.isLoading && state.deskTasks.isEmpty { return Span("Reading the tasks…", Style(.muted)) }
            if state.deskTasks.isEmpty { return Span("No open tasks · ← → another team · k goes back to the day list", Style(.muted)) }
            let time = CentreTime.localNow(now).time
            let overdue = state.deskTasks.filter { $0.isOverdue(today: today, now: time) }.count
            return Span("\(state.deskTasks.count) open\(overdue > 0 ? ", \(overdue) OVERDUE" : "") · x done, c cancels, Enter opens the record",
                        Style(.muted))
        }
        if state.view == .toBeBooked {
            if let failure = state.taskFailure { return Span("Error: " + failure, Style(.error)) }
            if state.isLoading && state.tasks.isEmpty { return Span("Reading the to-be-booked list…", Style(.muted)) }
            let service = (try? DiaryChoice.service.resolve(state.service.text, setup: state.setup).get()) ?? nil
            let which = service.map { "for \($0)" } ?? "for every service"
            if state.tasks.isEmpty { return Span("Nobody is waiting to be booked \(which) · t goes back to the day list", Style(.muted)) }
            return Span("To be booked \(which): \(state.tasks.count) · Enter opens the record, b books, t goes back to the day list",
                        Style(.muted))
        }
        if let failure = state.failure { return Span("Error: " + failure, Style(.error)) }
        if let working = state.working { return Span("Working: \(working.done)…", Style(.muted)) }
        guard let shown = state.shown else { return Span("Reading the clinic list…", Style(.muted)) }
        if state.rows.isEmpty {
            return Span(state.isLoading ? "Reading the clinic list…"
                        : "No appointments on \(Self.dayText(shown.date)) for these filters · ← → another day", Style(.muted))
        }
        let statuses = state.rows.map(\.appointment.status)
        var parts: [String] = []
        func count(_ n: Int, _ word: String) { if n > 0 { parts.append("\(n) \(word)") } }
        count(statuses.filter { $0 == .booked }.count, "booked")
        count(statuses.filter { $0 == .arrived }.count, "arrived")
        count(statuses.filter(\.isSeen).count, "seen")
        count(statuses.filter { $0 == .didNotAttend }.count, "DNA")
        count(statuses.filter { $0 == .lateNotSeen }.count, "late not seen")
        count(statuses.filter(\.isCancelled).count, "cancelled")
        let total = state.rows.count == 1 ? "1 appointment" : "\(state.rows.count) appointments"
        var text = "\(total): " + parts.joined(separator: ", ")
        if !state.marked.isEmpty { text += " · \(state.marked.count) marked" }
        if state.isLoading { text += " · reading…" }
        return Span(text, Style(.muted))
    }

    /// The selected row in full, under the table (two lines).
    func clinicDetail(_ row: ClinicDayRow) -> [String] {
        let a = row.appointment
        let setup = clinicsPane.setup
        var first = "\(row.patientText) · \(a.start.display)–\(a.end.display) \(a.serviceCode)"
            + " with \(DiaryChoice.clinician.name(a.clinicianCode, setup: setup)) at \(DiaryChoice.site.name(a.siteCode, setup: setup))"
            + " · \(a.status.label)"
        if let outcome = a.outcome { first += ", outcome \(outcome.rawValue) (\(outcome.label))" }
        first += " · \(a.priority.label)" + (a.walkIn ? " · walk-in" : "") + " · appointment \(a.id)"
        var flags: [String] = []
        if row.needsInterpreter { flags.append("INTERPRETER " + row.needs.joined(separator: ", ")) }
        if row.needsTransport { flags.append("TRANSPORT hospital (\(a.mobility?.rawValue ?? "walking"))") }
        for alert in row.alerts { flags.append("ALERT " + alert.label) }
        if let died = row.patient.dateOfDeath { flags.append("DIED \(died.display)") }
        let second = flags.isEmpty ? "No flags" : "Flags: " + flags.joined(separator: " · ")
        return [first, second]
    }

    /// The tasks view's columns: the description takes what is left (in full under the list).
    static let taskColumns = [
        TableColumn("Due", width: 17), TableColumn("", width: 7), TableColumn("Team", width: 10), TableColumn("Hosp no", width: 9),
        TableColumn("Kind", width: 12), TableColumn("What"),
    ]

    /// A task's kind in words.
    static func kindText(_ kind: DeskTask.Kind) -> String {
        switch kind {
        case .interpreter: return "interpreter"
        case .transport: return "transport"
        case .toBeBooked: return "to be booked"
        case .dnaReview: return "DNA review"
        case .rebook: return "rebook"
        case .courseStep: return "course step"
        case .other: return "other"
        }
    }

    func renderClinics(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        let state = clinicsPane
        // The filters on one line.
        var x = inside.x
        let y = inside.y
        if state.view == .tasks {
            // The tasks view is not narrowed by the clinic filters: its line says whose tasks they are.
            let choices = state.teamChoices.map { $0 ?? "all" }.joined(separator: ", ")
            x += buffer.put("Team ", x: x, y: y, limit: max(0, inside.maxX - x), style: Style(.title))
            x += buffer.put(state.teamText(state.team), x: x, y: y, limit: max(0, inside.maxX - x))
            buffer.put(CellWidth.truncate("   ← → " + choices, to: max(0, inside.maxX - x)), x: x, y: y, limit: max(0, inside.maxX - x),
                       style: Style(.muted))
        } else {
            state.renderFilters(&buffer, inside, x: &x, y: y, cursor: overlay == nil)
        }
        let status = clinicsStatus
        buffer.line(CellWidth.truncate(status.text, to: inside.width), in: inside, row: 1, style: status.style)

        let tableTop = 2
        let tableHeight = max(0, inside.height - tableTop - 2)
        let table = Rect(x: inside.x, y: inside.y + tableTop, width: inside.width, height: tableHeight)
        var detail: [String] = []
        switch state.view {
        case .day:
            let wide = inside.width >= 96
            var position = state.position
            Table.render(into: &buffer, table, columns: Self.clinicColumns(width: inside.width),
                         rows: state.rows.map { clinicRow($0, wide: wide, flagsWidth: Self.flagsWidth(inside.width)) }, position: &position,
                         selectionVisible: state.focus == .list)
            if let row = state.selected { detail = clinicDetail(row) }
        case .toBeBooked:
            var position = state.taskPosition
            let columns = [TableColumn("Due", width: 17), TableColumn("Hosp no", width: 9), TableColumn("Service", width: 12),
                           TableColumn("What")]
            let rows = state.tasks.map { task in
                TableRow([task.dueText, task.patientMRN, task.serviceCode ?? "", task.description],
                         style: task.isOverdue(today: today, now: CentreTime.localNow(now).time) ? Style(.overdue) : .normal)
            }
            Table.render(into: &buffer, table, columns: columns, rows: rows, position: &position, selectionVisible: state.focus == .list)
            if let task = state.selectedTask {
                let overdue = task.isOverdue(today: today, now: CentreTime.localNow(now).time) ? "OVERDUE · " : ""
                detail = Self.twoLines(overdue + "due \(task.dueText) · \(task.teamCode) · " + task.description, width: inside.width)
            }
        case .tasks:
            var position = state.deskTaskPosition
            let time = CentreTime.localNow(now).time
            let rows = state.deskTasks.map { task in
                let overdue = task.isOverdue(today: today, now: time)
                return TableRow([task.dueText, overdue ? "OVERDUE" : "", task.teamCode, task.patientMRN, Self.kindText(task.kind),
                                 task.description],
                                style: overdue ? Style(.overdue) : .normal)
            }
            Table.render(into: &buffer, table, columns: Self.taskColumns, rows: rows, position: &position,
                         selectionVisible: state.focus == .list)
            if let task = state.selectedDeskTask {
                let overdue = task.isOverdue(today: today, now: time) ? "OVERDUE · " : ""
                detail = Self.twoLines(overdue + "due \(task.dueText) · \(task.teamCode) · \(task.patientMRN) · task \(task.id) · "
                                       + task.description, width: inside.width)
            }
        }
        for (offset, line) in detail.prefix(2).enumerated() where tableTop + tableHeight + offset < inside.height {
            buffer.line(CellWidth.truncate(line, to: inside.width), in: inside, row: tableTop + tableHeight + offset, style: Style(.muted))
        }
    }
}
