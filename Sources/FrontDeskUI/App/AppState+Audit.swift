import Foundation
import FrontDeskDomain

/// The audit trail pane's keys and what they do (the state and drawing are in
/// Panes/AuditPane.swift). Pure, like the rest of `update`: the date the since
/// field starts at comes from `now`.
extension AppState {
    /// The global key of the audit trail, and the permission a person needs to be offered it.
    static let auditBinding = (
        permission: Permission.readAuditReports,
        binding: KeyBinding([.function(11), .ctrl("t")], .audit, label: "Audit",
                            help: "audit trail: who opened what, and when (managers)",
                            inBar: true)
    )

    /// The audit pane's keys: Home and End move in the results only while no field has the cursor.
    public static func auditBindings(typing: Bool) -> [KeyBinding] {
        var list = [
            KeyBinding([.enter], .runReport, label: "Run",
                       help: "run the report chosen (newest first, at most \(AuditPaneState.limit) entries)", inBar: true),
            KeyBinding([.escape], .back, label: "Back", help: "back to where you were (the lookup or the record, as you left it)", inBar: true),
            KeyBinding([.tab], .nextField, label: "Next",
                       help: "the next report or field: restricted-record access, a patient, a person (login, then since)"),
            KeyBinding([.backTab], .previousField, label: "Previous", help: "the previous report or field"),
            KeyBinding([.down], .moveDown, label: "Down",
                       help: typing ? "into the results: select the next (older) entry (Home and End then move too; typing goes back to the field)"
                           : "select the next (older) entry"),
            KeyBinding([.up], .moveUp, label: "Up", help: "select the previous (newer) entry"),
            KeyBinding([.pageDown], .pageDown, label: "Page down", help: "move the selection a page down"),
            KeyBinding([.pageUp], .pageUp, label: "Page up", help: "move the selection a page up"),
        ]
        if !typing {
            list.append(KeyBinding([.home], .first, label: "First", help: "select the first (newest) entry"))
            list.append(KeyBinding([.end], .last, label: "Last", help: "select the last (oldest) entry"))
        }
        return list
    }

    /// F11: the audit trail, over the lookup or the record (which keep their state).
    mutating func openAudit() -> [Effect] {
        switch pane {
        case .audit:
            return []
        case .form:
            if form?.isChanged == true {
                message = .hint("save the form (Ctrl-S) or leave it (Esc) before opening the audit trail")
                return []
            }
            auditPane.returnsTo = resolvedReturn(formReturnsTo)
            form = nil
        case .settings:
            auditPane.returnsTo = settingsPane.returnsTo
        case .record, .lookup, .clinics, .booking, .sequence, .enquiries, .checklist:
            auditPane.returnsTo = pane
        }
        if !auditPane.prepared {
            auditPane.since.set(today.adding(days: -7).display)
            auditPane.prepared = true
        }
        if auditPane.returnsTo == .record, let record {
            // From a record: who has looked at this patient.
            if auditPane.patient.text != record.patient.mrn {
                auditPane.patient.set(record.patient.mrn)
                auditPane.reports[.patient] = nil
                if auditPane.errorField == .patient { auditPane.errorField = nil }
            }
            auditPane.focus = .patient
            auditPane.inResults = false
        }
        pane = .audit
        message = .hint("Tab chooses the report, Enter runs it, Esc goes back")
        return []
    }

    /// The audit pane's own actions; nil for the global ones (help, patients, quit…).
    mutating func performInAudit(_ action: Action) -> [Effect]? {
        switch action {
        case .runReport:
            return runAuditReport()
        case .back:
            pane = resolvedReturn(auditPane.returnsTo)
            message = nil
        case .nextField, .previousField:
            let all = AuditPaneState.Focus.allCases
            let index = all.firstIndex(of: auditPane.focus) ?? 0
            auditPane.focus = all[(index + (action == .nextField ? 1 : all.count - 1)) % all.count]
            auditPane.inResults = false
            message = nil
        case .moveDown: moveInAudit { $0.move(by: 1, count: $1) }
        case .moveUp: moveInAudit { $0.move(by: -1, count: $1) }
        case .pageDown: moveInAudit { [rows = auditPageRows] in $0.move(by: rows, count: $1) }
        case .pageUp: moveInAudit { [rows = auditPageRows] in $0.move(by: -rows, count: $1) }
        case .first: moveInAudit { $0.moveTo(0, count: $1) }
        case .last: moveInAudit { $0.moveTo($1 - 1, count: $1) }
        default:
            return nil
        }
        return []
    }

    /// Moves the selection in the shown report; the keys then stay in the results.
    private mutating func moveInAudit(_ change: (inout ListPosition, Int) -> Void) {
        let kind = auditPane.kind
        guard var report = auditPane.reports[kind], !report.entries.isEmpty else {
            message = .hint("no entries to move in: Enter runs the report")
            return
        }
        change(&report.position, report.entries.count)
        report.position.reveal(visible: auditPageRows, count: report.entries.count)
        auditPane.reports[kind] = report
        auditPane.inResults = true
    }

    /// Keys that are no binding: typed into the focused field (from the results, back into it).
    mutating func typeInAudit(_ key: Key) -> [Effect] {
        let focus = auditPane.focus
        guard focus != .restricted else {
            if case .char = key { message = .hint("this report needs nothing typed: Enter runs it, Tab chooses another") }
            return []
        }
        var field = auditPane[field: focus]
        guard field.handle(key) else { return [] }
        auditPane[field: focus] = field
        auditPane.inResults = false
        if auditPane.errorField == focus {
            auditPane.errorField = nil
            message = nil
        }
        return []
    }

    /// Enter: checks the fields and asks for the report.
    mutating func runAuditReport() -> [Effect] {
        if let running = auditPane.running {
            message = .info("still running the report: \(running.subject)…")
            return []
        }
        let kind = auditPane.kind
        var patient: String?, login: String?, since: Date?
        let subject: String
        switch kind {
        case .restricted:
            subject = "restricted-record access"
        case .patient:
            let text = auditPane.patient.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return refuseAudit(.patient, "type a hospital number or NHS number") }
            patient = text
            subject = "patient " + text
        case .person:
            let who = auditPane.login.text.trimmingCharacters(in: .whitespaces)
            guard !who.isEmpty else { return refuseAudit(.login, "type the person's login (e.g. clerk1)") }
            guard StaffMember.isLogin(who) else { return refuseAudit(.login, StaffMember.loginRule) }
            login = who
            let typed = auditPane.since.text.trimmingCharacters(in: .whitespaces)
            if typed.isEmpty {
                subject = who + ", all dates"
            } else {
                guard let day = LocalDate.parse(typed) else {
                    return refuseAudit(.since, "is not a date: type it as \(LocalDate.acceptedFormats)")
                }
                guard day <= today else { return refuseAudit(.since, "\(day.display) is after today (\(today.display))") }
                since = CentreTime.startOfDay(day)
                subject = "\(who) since \(day.display)"
            }
        }
        auditPane.errorField = nil
        auditPane.running = AuditReportRequest(kind: kind, subject: subject)
        message = nil
        return [.auditReport(patient: patient, user: login, since: since, restrictedOnly: kind == .restricted,
                             limit: AuditPaneState.limit)]
    }

    /// A field's value is refused: the cursor goes to it, marked, and the message line says why.
    private mutating func refuseAudit(_ focus: AuditPaneState.Focus, _ reason: String) -> [Effect] {
        auditPane.focus = focus
        auditPane.inResults = false
        auditPane.errorField = focus
        message = .error("\(focus.fieldName): \(reason)")
        return []
    }

    /// The answer to `.auditReport`.
    mutating func audited(_ result: Result<[AuditEntry], DeskFailure>) -> [Effect] {
        guard let request = auditPane.running else { return [] }
        auditPane.running = nil
        switch result {
        case .success(let entries):
            auditPane.reports[request.kind] = AuditReport(entries: entries, subject: request.subject)
            // The keys go to the results (Home and End move); typing goes back to the field.
            if request.kind == auditPane.kind, !entries.isEmpty { auditPane.inResults = true }
        case .failure(let failure):
            auditPane.reports[request.kind] = AuditReport(entries: [], subject: request.subject, failure: failure.message)
            if request.kind == .patient, failure.fieldErrors.contains(where: { $0.field == "patient" }) {
                auditPane.errorField = .patient
                if auditPane.kind == .patient { auditPane.focus = .patient; auditPane.inResults = false }
            }
            if pane == .audit { message = .error(failure.message) }
        }
        return []
    }
}
