import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskStore

// `frontdesk checklist …`: the end-of-day checklist (Docs/CHECKLIST.md).

extension Context {
    /// The checklist service on this database (closure days from the settings).
    var checklist: ChecklistService {
        let clock = SystemClock()
        let settings = SettingsStore(database, clock: clock)
        return ChecklistService(checklist: ChecklistStore(database, clock: clock), access: AccessControl(staff: StaffStore(database, clock: clock)),
                                clock: clock, closureDays: { try settings.closureDays() })
    }
}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist", abstract: "The end-of-day checklist: tomorrow's clinics prepared, today's closed, callbacks made.",
        discussion: "With no subcommand, shows the checklist (frontdesk checklist --date D [--site CODE]). See Docs/CHECKLIST.md.",
        subcommands: [ChecklistShow.self, ChecklistMarkCommand.self, ChecklistHistory.self, ChecklistSignOffCommand.self,
                      ChecklistReport.self, ChecklistUnsigned.self],
        defaultSubcommand: ChecklistShow.self)
}

/// One item as JSON (the `checklist --json` row and the frozen report's).
struct ChecklistItemJSON: JSONObject {
    var id: String; var state: String; var section: String; var kind: String; var label: String; var completion: String
    var date: String; var site: String?; var service: String?; var clinician: String?; var session_id: Int64?
    var start: String?; var appointment_id: Int64?; var task_id: Int64?; var enquiry_id: Int64?; var patient_id: Int64?
    var mrn: String?; var patient_name: String?; var text: String; var detail: String; var urgent: Bool; var notes_missing: Bool
    var settled_by: String?; var settled_at: String?; var defer_reason: String?
    init(_ i: ChecklistItem) {
        id = i.id; state = i.state.rawValue; section = i.section.rawValue; kind = i.kind.rawValue; label = i.kind.label
        completion = i.completion.rawValue; date = i.date.iso; site = i.siteCode; service = i.serviceCode; clinician = i.clinicianCode
        session_id = i.sessionID; start = i.start?.display; appointment_id = i.appointmentID; task_id = i.taskID
        enquiry_id = i.enquiryID; patient_id = i.patientID; mrn = i.patientMRN; patient_name = i.patientName; text = i.text
        detail = i.detail; urgent = i.urgent && i.state == .outstanding; notes_missing = i.notesMissing; settled_by = i.settledBy
        settled_at = i.settledAt.map(TimeText.utc); defer_reason = i.deferReason
    }
}

struct ChecklistProgressJSON: JSONObject {
    var total: Int; var done: Int; var deferred: Int; var settled: Int; var outstanding: Int; var text: String
    init(_ p: ChecklistProgress) {
        total = p.total; done = p.done; deferred = p.deferred; settled = p.settled; outstanding = p.outstanding; text = p.text
    }
}

struct ChecklistJSON: JSONObject {
    var date: String; var preparation_dates: [String]; var site: String?; var service: String?; var clinician: String?
    var generated_at: String; var progress: ChecklistProgressJSON; var preparation: ChecklistProgressJSON
    var closure: ChecklistProgressJSON; var callbacks: ChecklistProgressJSON; var items: [ChecklistItemJSON]
    /// `outstanding`: only the outstanding items listed (the progress still counts them all).
    init(_ c: Checklist, outstandingOnly: Bool = false) {
        date = c.date.iso; preparation_dates = c.preparationDates.map(\.iso); site = c.filter.siteCode; service = c.filter.serviceCode
        clinician = c.filter.clinicianCode; generated_at = TimeText.utc(c.generatedAt); progress = ChecklistProgressJSON(c.progress)
        preparation = ChecklistProgressJSON(c.progress(of: .preparation)); closure = ChecklistProgressJSON(c.progress(of: .closure))
        callbacks = ChecklistProgressJSON(c.progress(of: .callbacks))
        items = c.items.filter { !outstandingOnly || $0.state == .outstanding }.map(ChecklistItemJSON.init)
    }
}

enum ChecklistText {
    static func line(_ i: ChecklistItem) -> String {
        var where_ = i.kind == .callbackMade ? "callback \(i.start?.display ?? "")"
            : "\(i.date.weekday.short.capitalized) \(i.date.display) " + [i.siteCode, i.serviceCode, i.clinicianCode, i.start?.display].compactMap { $0 }.joined(separator: " ")
        if i.urgent && i.state == .outstanding { where_ = "URGENT " + where_ }
        if i.notesMissing && i.state == .outstanding { where_ = "MISSING " + where_ }
        let text = "\(i.state.mark) " + TextOutput.pad(i.id, 20) + " " + TextOutput.pad(i.kind.label, 22) + " " + TextOutput.pad(where_, 44)
            + " " + TextOutput.pad([i.patientName, i.patientMRN.map { "(\($0))" }].compactMap { $0 }.joined(separator: " "), 32)
        return text + " " + (i.state == .outstanding ? i.detail : i.settledWords { " " + TimeText.local($0) })
    }

    /// The text layout, line by line (the terminal UI's print/export writes the same).
    static func text(_ c: Checklist, outstandingOnly: Bool = false) -> String {
        let scope = [c.filter.siteCode.map { "site \($0)" }, c.filter.serviceCode.map { "service \($0)" },
                     c.filter.clinicianCode.map { "clinician \($0)" }].compactMap { $0 }
        var lines = ["Checklist for \(c.date.weekday.short.capitalized) \(c.date.display)" + (scope.isEmpty ? "" : " (" + scope.joined(separator: ", ") + ")")
                     + ": \(c.progress.text)"]
        lines.append("  preparation of " + c.preparationDates.map(\.display).joined(separator: ", ") + ": \(c.progress(of: .preparation).text)"
                     + "; closure: \(c.progress(of: .closure).text); callbacks: \(c.progress(of: .callbacks).text)")
        if c.items.isEmpty { lines.append("Nothing on the checklist.") }
        else if outstandingOnly && c.progress.isComplete { lines.append("Nothing outstanding.") }
        var heading = ""
        for item in c.items where !outstandingOnly || item.state == .outstanding {
            let h = item.state == .outstanding ? "OUTSTANDING" : "SETTLED"
            if h != heading { heading = h; lines.append(h) }
            lines.append(line(item))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func print(_ c: Checklist, outstandingOnly: Bool = false) { Swift.print(text(c, outstandingOnly: outstandingOnly), terminator: "") }

    static func csv(_ c: Checklist, outstandingOnly: Bool = false) -> String {
        var out = "id,state,section,kind,completion,urgent,date,site,service,clinician,start,appointment_id,task_id,enquiry_id,mrn,patient_name,detail,settled_by,settled_at,defer_reason\n"
        for i in c.items where !outstandingOnly || i.state == .outstanding {
            let row: [String?] = [i.id, i.state.rawValue, i.section.rawValue, i.kind.rawValue, i.completion.rawValue,
                                  i.urgent && i.state == .outstanding ? "yes" : "no", i.date.iso, i.siteCode, i.serviceCode, i.clinicianCode,
                                  i.start?.display, i.appointmentID.map(String.init), i.taskID.map(String.init), i.enquiryID.map(String.init),
                                  i.patientMRN, i.patientName, i.detail, i.settledBy, i.settledAt.map(TimeText.utc), i.deferReason]
            out += CSVWriter.row(row.map { $0 ?? "" }) + "\n"
        }
        return out
    }
}

struct ChecklistShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "The checklist for a date: outstanding items first, then by clinic and patient, with progress.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print CSV (one row per item) instead of text.") var csv = false
    @Option(help: "The date closed (default today); its preparation runs to the next working day.") var date: DateArgument?
    @Option(help: "Only this site.") var site: String?
    @Option(help: "Only this service (callbacks are left out).") var service: String?
    @Option(help: "Only this clinician or resource (callbacks are left out).") var clinician: String?
    @Flag(help: "List only the outstanding items (the progress still counts every item), as A in F6.") var outstanding = false
    func validate() throws {
        if csv && output.json { throw ValidationError("--csv and --json: choose one") }
    }
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = context.checklist
            let day = try date?.date("date", today: service.today) ?? service.today
            let list = try service.generate(date: day, filter: ChecklistFilter(siteCode: site, serviceCode: self.service, clinicianCode: clinician),
                                            by: context.user)
            if output.json { Swift.print(encodeJSON(ChecklistJSON(list, outstandingOnly: outstanding))) }
            else if csv { FileHandle.standardOutput.write(ChecklistText.csv(list, outstandingOnly: outstanding)) }
            else { ChecklistText.print(list, outstandingOnly: outstanding) }
        }
    }
}

struct ChecklistMarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark", abstract: "Tick an item done (hand items), defer it with a reason, or clear a mistaken mark.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The item id, as the checklist shows it (e.g. N-20261125-s12p345).") var item: String
    @Flag(help: "Done (notes prepared or returned, GP letter sent, a prescription pharmacy confirmed).") var done = false
    @Option(name: .customLong("defer"), help: "Defer it, saying why (5 to 200 characters).") var deferReason: String?
    @Option(name: .customLong("clear"), help: "Take back a tick or deferral made in error, saying why.") var clearReason: String?
    func validate() throws {
        let chosen = [done, deferReason != nil, clearReason != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("give one of --done, --defer REASON or --clear REASON") }
    }
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = context.checklist
            let item: ChecklistItem
            if done { item = try service.tick(item: self.item, by: context.user) }
            else if let deferReason { item = try service.deferItem(item: self.item, reason: deferReason, by: context.user) }
            else { item = try service.clearMark(item: self.item, reason: clearReason ?? "", by: context.user) }
            if output.json { Swift.print(encodeJSON(ChecklistItemJSON(item))) } else { Swift.print(ChecklistText.line(item)) }
        }
    }
}

struct ChecklistHistory: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "An item's hand marks, oldest first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The item id.") var item: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let marks = try context.checklist.history(item: item, by: context.user)
            if output.json {
                struct Mark: JSONObject {
                    var item_id: String; var action: String; var reason: String?; var by: String; var at: String; var merged_from: String?
                }
                struct Out: JSONObject { var marks: [Mark] }
                Swift.print(encodeJSON(Out(marks: marks.map { Mark(item_id: $0.itemID, action: $0.action.rawValue, reason: $0.reason,
                                                                   by: $0.by, at: TimeText.utc($0.at), merged_from: $0.mergedFrom) })))
            } else if marks.isEmpty {
                Swift.print("No marks on \(item.uppercased()).")
            } else {
                for m in marks {
                    Swift.print("\(TimeText.local(m.at))  \(m.by)  \(m.action.rawValue)" + (m.reason.map { ": \($0)" } ?? "")
                                + (m.mergedFrom.map { " (marked on \($0), the merged duplicate's item)" } ?? ""))
                }
            }
        }
    }
}

struct SignOffJSON: JSONObject {
    var date: String; var site: String; var signed_by: String; var signed_at: String; var audit_row: Int64; var audit_hash: String
    var report: ChecklistJSON
    init(_ s: ChecklistSignOff) {
        date = s.date.iso; site = s.siteCode; signed_by = s.signedBy; signed_at = TimeText.utc(s.signedAt); audit_row = s.auditRowID
        audit_hash = s.auditHash; report = ChecklistJSON(s.report)
    }
}

struct ChecklistSignOffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signoff", abstract: "An officer signs off a date for a site when every item is done or deferred.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The date (default today).") var date: DateArgument?
    @Option(help: "The site.") var site: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = context.checklist
            let day = try date?.date("date", today: service.today) ?? service.today
            let signed = try service.signOff(date: day, site: site, by: context.user)
            if output.json { Swift.print(encodeJSON(SignOffJSON(signed))) } else {
                Swift.print("Signed off \(signed.date.display) at \(signed.siteCode) by \(signed.signedBy) at \(TimeText.local(signed.signedAt)): "
                            + "\(signed.report.progress.text); audit row \(signed.auditRowID), hash \(signed.auditHash)")
            }
        }
    }
}

struct ChecklistReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The frozen report of a signed-off date and site, as it was when signed off.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The date.") var date: DateArgument
    @Option(help: "The site.") var site: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = context.checklist
            let signed = try service.signedOff(date: try date.date("date", today: service.today), site: site, by: context.user)
            if output.json { Swift.print(encodeJSON(SignOffJSON(signed))); return }
            Swift.print("Signed off by \(signed.signedBy) at \(TimeText.local(signed.signedAt)); audit row \(signed.auditRowID), hash \(signed.auditHash)")
            ChecklistText.print(signed.report)
        }
    }
}

struct ChecklistUnsigned: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsigned", abstract: "For a manager: the dates and sites that held clinics and were not signed off.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "From this date (default 30 days ago).") var from: DateArgument?
    @Option(help: "To this date (default today).") var to: DateArgument?
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let service = context.checklist
            let today = service.today
            let end = try to?.date("to", today: today) ?? today
            let start = try from?.date("from", today: today) ?? end.adding(days: -30)
            let days = try service.notSignedOff(from: start, to: end, by: context.user)
            if output.json {
                struct Day: JSONObject { var date: String; var site: String }
                struct Out: JSONObject { var from: String; var to: String; var not_signed_off: [Day] }
                Swift.print(encodeJSON(Out(from: start.iso, to: end.iso, not_signed_off: days.map { Day(date: $0.date.iso, site: $0.siteCode) })))
            } else if days.isEmpty {
                Swift.print("Every day with clinics from \(start.display) to \(end.display) was signed off.")
            } else {
                Swift.print("Not signed off (\(days.count)):")
                for d in days { Swift.print("  \(d.date.weekday.short.capitalized) \(d.date.display)  \(d.siteCode)") }
            }
        }
    }
}
