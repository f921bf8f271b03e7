import ArgumentParser
import Foundation
import FrontDeskDomain

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Read the audit trail.", subcommands: [AuditLog.self])
}

struct AuditLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Who viewed or changed which record, and when (newest first).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this patient (hospital number or NHS number).") var patient: String?
    @Option(help: "At most this many entries (default 100).") var limit: Int = 100

    func validate() throws {
        guard limit >= 1 else { throw ArgumentParser.ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let entries = try context.service.auditTrail(patient: patient, limit: limit, by: context.user)
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
