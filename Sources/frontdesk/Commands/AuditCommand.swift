import ArgumentParser
import Foundation
import FrontDeskDomain

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read and verify the audit trail (managers).", subcommands: [AuditLog.self, AuditVerify.self])
}

struct AuditLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Who viewed or changed which record, and when (newest first).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this patient (hospital number or NHS number), with any records merged into it: who looked, and when.") var patient: String?
    @Option(help: "Only what this login did.") var user: String?
    @Option(help: "Only from this date (12/03/2026, 2026-03-12 …).") var since: String?
    @Flag(help: "Only access to restricted records (break-glass openings, restrictions set and lifted).") var restricted = false
    @Option(help: "At most this many entries (default 100).") var limit: Int = 100

    func validate() throws {
        guard limit >= 1 else { throw ArgumentParser.ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            var from: Date?
            if let since {
                guard let day = LocalDate.parse(since) else {
                    throw CommandFailure(message: "since: is not a date: type it as \(LocalDate.acceptedFormats)", code: .refused)
                }
                from = CentreTime.startOfDay(day)
            }
            let entries = try context.service.auditReport(patient: patient, user: user, since: from, restrictedOnly: restricted,
                                                          limit: limit, by: context.user)
            let utc = ISO8601DateFormatter()
            if output.json {
                struct Entry: JSONObject {
                    var id: Int64?; var occurred_at: String; var user: String; var action: String
                    var patient_mrn: String?; var detail: String
                }
                struct Log: JSONObject { var entries: [Entry] }
                print(encodeJSON(Log(entries: entries.map {
                    Entry(id: $0.id, occurred_at: utc.string(from: $0.occurredAt), user: $0.user, action: $0.action.rawValue,
                          patient_mrn: $0.patientMRN, detail: $0.detail)
                })))
                return
            }
            if entries.isEmpty { print("No audit entries."); return }
            let local = DateFormatter()
            local.timeZone = CentreTime.timeZone
            local.dateFormat = "dd-MMM-yyyy HH:mm:ss"
            local.locale = Locale(identifier: "en_GB_POSIX")
            for e in entries {
                print([local.string(from: e.occurredAt), TextOutput.pad(e.user, 12), TextOutput.pad(e.action.rawValue, 9),
                       TextOutput.pad(e.patientMRN ?? "-", 11), e.detail].joined(separator: " "))
            }
        }
    }
}


struct AuditVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the audit trail is whole and unchanged (exit 6 when it is not).",
        discussion: """
            Every audit row holds the SHA-256 of its content and of the row before it, and
            the newest row's hash is kept in a head file beside the database
            (<database>-audit-head). This checks every row from the first to the last and
            the head, and names the first row that was changed, removed or reordered, or
            rows cut off the end.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let result = try context.service.verifyAudit(by: context.user)
            if output.json {
                struct Report: JSONObject {
                    var intact: Bool; var rows: Int; var last_row: Int64?; var last_hash: String?
                    var head_checked: Bool; var problem: String?
                }
                print(encodeJSON(Report(intact: result.isIntact, rows: result.rows, last_row: result.lastRow,
                                        last_hash: result.lastHash, head_checked: result.headChecked,
                                        problem: result.problem?.description)))
            } else if let problem = result.problem {
                print("Audit trail FAILED verification: \(problem).")
                print("Rows read: \(result.rows). Keep the database and its head file as they are, and tell the information governance lead.")
            } else {
                let last = result.lastRow.map { "row \($0), hash \(result.lastHash?.prefix(16) ?? "")…" } ?? "no rows yet"
                print("Audit trail intact: \(result.rows) rows, every hash in its chain, and the head file names the last one (\(last)).")
            }
            if !result.isIntact { throw ExitCode(ExitStatus.tampered.rawValue) }
        }
    }
}
