import Foundation
import FrontDeskDomain

/// The audit trail pane (F11): the reports a manager reads, the same ones as
/// `frontdesk audit log`. Only people whose role has `read_audit_reports` are
/// offered the key; `PatientService` checks the permission again for every
/// report, and a refusal is shown as it comes. Reports run as an effect off
/// the keyboard path; their answer comes back as `.audited`.
public enum AuditReportKind: String, Hashable, Sendable, CaseIterable {
    /// Break-glass openings, and restrictions set and lifted (`audit log --restricted`).
    case restricted
    /// Who opened or changed one patient's record (`audit log --patient`).
    case patient
    /// What one person did from a date (`audit log --user --since`).
    case person

    public var title: String {
        switch self {
        case .restricted: return "Restricted-record access"
        case .patient: return "A patient"
        case .person: return "A person"
        }
    }
}

/// The answer to one report, kept per kind so Tab back shows it again.
public struct AuditReport: Hashable, Sendable {
    public var entries: [AuditEntry]
    /// What the entries answer, in words: "restricted-record access", "patient FD0000006", "clerk1 since 17-Nov-2026".
    public var subject: String
    /// Why the report gave nothing (unknown patient, refused).
    public var failure: String?
    public var position = ListPosition()

    public var selected: AuditEntry? { entries.indices.contains(position.selected) ? entries[position.selected] : nil }
    public init(entries: [AuditEntry], subject: String, failure: String? = nil) {
        self.entries = entries; self.subject = subject; self.failure = failure
    }
}

/// A report asked for whose answer has not come yet.
public struct AuditReportRequest: Hashable, Sendable {
    public var kind: AuditReportKind
    public var subject: String
    public init(kind: AuditReportKind, subject: String) { self.kind = kind; self.subject = subject }
}

public struct AuditPaneState: Hashable, Sendable {
    /// Where Tab goes, in order: each report, and each field of the person report.
    public enum Focus: Int, Hashable, Sendable, CaseIterable {
        case restricted, patient, login, since

        public var kind: AuditReportKind {
            switch self {
            case .restricted: return .restricted
            case .patient: return .patient
            case .login, .since: return .person
            }
        }
        /// The field's name in messages ("since: is not a date").
        public var fieldName: String {
            switch self {
            case .restricted: return "report"
            case .patient: return "patient"
            case .login: return "login"
            case .since: return "since"
            }
        }
    }

    /// The most entries a report asks for (newest first).
    public static let limit = 500

    public var focus: Focus = .restricted
    /// Hospital or NHS number.
    public var patient = TextField()
    public var login = TextField()
    /// From this date (any of the usual forms); a week before today to start with.
    public var since = TextField()
    /// The keys move in the results; typing goes back to the field.
    public var inResults = false
    /// The last answer of each report.
    public var reports: [AuditReportKind: AuditReport] = [:]
    /// The report running now.
    public var running: AuditReportRequest?
    /// The field whose value was refused (drawn with ✗; the message line says why).
    public var errorField: Focus?
    /// Where Esc goes: the lookup or the record, as they were left.
    public var returnsTo: PaneID = .lookup
    /// The since field has been given its default.
    public var prepared = false

    public var kind: AuditReportKind { focus.kind }
    public var report: AuditReport? { reports[kind] }
    /// True while the cursor is in a field (so `?` is text, and Home/End edit it).
    public var isTyping: Bool { focus != .restricted && !inResults }

    /// The text field of a focus (the restricted report has none).
    public subscript(field focus: Focus) -> TextField {
        get {
            switch focus {
            case .patient: return patient
            case .login: return login
            case .since: return since
            case .restricted: return TextField()
            }
        }
        set {
            switch focus {
            case .patient: patient = newValue
            case .login: login = newValue
            case .since: since = newValue
            case .restricted: break
            }
        }
    }

    public init() {}
}

extension AppState {
    // MARK: Drawing

    var auditTitle: String { "Audit trail · " + auditPane.kind.title }

    /// Rows of entries the table shows (PgUp/PgDn move by this): the pane less
    /// the report line, the fields, the status, a blank, the heading and two lines of detail.
    public var auditPageRows: Int { max(1, size.height - 12) }

    static let auditColumns = [
        TableColumn("When", width: 17),
        TableColumn("User", width: 10),
        TableColumn("Action", width: 11),
        TableColumn("Hosp no", width: 10),
        TableColumn("Detail"),
    ]

    func auditRow(_ entry: AuditEntry) -> TableRow {
        TableRow([Self.localTime(entry.occurredAt), entry.user, entry.action.rawValue, entry.patientMRN ?? "—", entry.detail],
                 style: entry.action == .breakGlass ? Style(.warning) : .normal)
    }

    /// The line under the fields: what the report does, that it is running, or what it found.
    var auditStatus: Span {
        let state = auditPane
        if let running = state.running, running.kind == state.kind {
            return Span("Running the report: \(running.subject)…", Style(.muted))
        }
        guard let report = state.report else {
            switch state.kind {
            case .restricted: return Span("Enter lists them, newest first.", Style(.muted))
            case .patient: return Span("Enter lists who opened or changed the record, and when (newest first).", Style(.muted))
            case .person: return Span("Enter lists what this person opened or changed from the date (blank: all dates).", Style(.muted))
            }
        }
        if let failure = report.failure { return Span("Error: " + failure, Style(.error)) }
        let count = report.entries.count
        if count == 0 { return Span("No entries · \(report.subject)", Style(.warning)) }
        var text = (count == 1 ? "1 entry" : "\(count) entries") + " · \(report.subject) · newest first"
        if count >= AuditPaneState.limit { text += " · only the newest \(AuditPaneState.limit)" }
        return Span(text, Style(.muted))
    }

    /// Text wrapped to at most two lines, the second cut with "…" when there is more.
    static func twoLines(_ text: String, width: Int) -> [String] {
        let lines = Box.wrap(text, width: width)
        guard lines.count > 2 else { return lines }
        return [lines[0], CellWidth.truncate(lines.dropFirst().joined(separator: " "), to: width)]
    }

    func renderAudit(_ buffer: inout ScreenBuffer, _ inside: Rect) {
        guard !inside.isEmpty else { return }
        let state = auditPane
        // The three reports, the chosen one marked with ▸ as well as colour.
        var reports: [Span] = []
        for kind in AuditReportKind.allCases {
            let chosen = kind == state.kind
            if !reports.isEmpty { reports.append(Span("  ")) }
            reports.append(Span((chosen ? "▸ " : "  ") + kind.title + " ", Style(chosen ? .selection : .muted)))
        }
        reports.append(Span("   Tab: next", Style(.muted)))
        buffer.put(reports, in: inside, row: 0)

        // The chosen report's fields.
        var x = inside.x
        let y = inside.y + 1
        func label(_ text: String, _ focus: AuditPaneState.Focus) {
            let shown = (state.errorField == focus ? "✗ " : "") + text + " "
            let style = Style(state.errorField == focus ? .error : (state.focus == focus && !state.inResults ? .title : .normal))
            x += buffer.put(shown, x: x, y: y, limit: max(0, inside.maxX - x), style: style)
        }
        func field(_ focus: AuditPaneState.Focus, width: Int) {
            let cells = min(width, max(0, inside.maxX - x))
            state[field: focus].render(into: &buffer, Rect(x: x, y: y, width: cells, height: 1),
                                       focused: state.focus == focus && !state.inResults && overlay == nil)
            x += cells
        }
        func hint(_ text: String) {
            x += buffer.put(text, x: x, y: y, limit: max(0, inside.maxX - x), style: Style(.muted))
        }
        switch state.kind {
        case .restricted:
            hint("Break-glass openings with their reasons; restrictions set and lifted.")
        case .patient:
            label("Patient", .patient)
            field(.patient, width: 20)
            hint("  hospital or NHS number")
        case .person:
            label("Login", .login)
            field(.login, width: 16)
            x += 2
            label("Since", .since)
            field(.since, width: 14)
            hint("  e.g. 17/11/2026")
        }
        // The status: a long refusal takes the blank line under it too.
        let status = auditStatus
        for (offset, line) in Self.twoLines(status.text, width: inside.width).enumerated() {
            buffer.line(line, in: inside, row: 2 + offset, style: status.style)
        }

        // The entries, and under them the selected one's detail in full (two lines at most).
        let tableTop = 4
        let tableHeight = max(0, inside.height - tableTop - 2)
        let report = state.report
        var position = report?.position ?? ListPosition()
        Table.render(into: &buffer, Rect(x: inside.x, y: inside.y + tableTop, width: inside.width, height: tableHeight),
                     columns: Self.auditColumns, rows: (report?.entries ?? []).map(auditRow),
                     position: &position, selectionVisible: true)
        if let chosen = report?.selected {
            for (offset, line) in Self.twoLines("Detail: " + chosen.detail, width: inside.width).enumerated()
            where tableTop + tableHeight + offset < inside.height {
                buffer.line(line, in: inside, row: tableTop + tableHeight + offset, style: Style(.muted))
            }
        }
    }
}
