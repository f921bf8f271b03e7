import ArgumentParser
import Foundation
import FrontDeskDomain

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from files.",
        subcommands: [ImportPatients.self, ImportSessions.self, ImportAppointments.self])
}

struct ImportPatients: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Import patients from a CSV file.",
        discussion: """
            The first line names the columns: \(PatientImport.columns.joined(separator: ", ")).
            family_name, given_names and date_of_birth are required; other columns may be
            left out; unknown columns are reported and ignored. UTF-8, with or without a
            byte-order mark; dates as YYYY-MM-DD or DD/MM/YYYY. Valid new rows are imported
            in one transaction; each rejected row is reported with its line number (the
            header is line 1), field and reason; rows whose NHS number or hospital number
            is already held (or appears earlier in the file) are reported as duplicates;
            rows that look like a patient already held or an earlier row (same date of
            birth, similar name, no different NHS numbers) are reported as likely
            duplicates and left out unless --accept-likely-duplicates.
            Exit status 0 only when every row was imported (4 when some were left out).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The CSV file.") var file: String
    @Flag(name: .customLong("accept-likely-duplicates"),
          help: "Import rows that look like a patient already held (same date of birth, similar name) after checking they are different people.")
    var acceptLikelyDuplicates = false

    func run() throws {
        try reporting(json: output.json) {
            let records = try readImportFile(file)
            // A file without the required columns is refused before any database is made for it.
            let headerProblems = PatientImport.headerProblems(records[0].fields)
            if !headerProblems.isEmpty { throw FrontDeskDomain.ValidationError(headerProblems) }
            let context = try Context.open(global)
            let bar = ProgressBar("Importing")
            let report = try context.service.importPatients(records: records, by: context.user,
                                                            acceptLikelyDuplicates: acceptLikelyDuplicates) { done, total in
                bar.update(done, total)
            }
            if output.json {
                struct Rejected: JSONObject { var line: Int; var field: String; var reason: String }
                struct Likely: JSONObject { var line: Int; var mrn: String?; var earlier_line: Int? }
                struct Report: JSONObject {
                    var imported: Int
                    var rejected: [Rejected]
                    var duplicates: [[String: AnyCodableValue]]
                    var likely_duplicates: [Likely]
                    var ignored_columns: [String]
                }
                print(encodeJSON(Report(
                    imported: report.imported,
                    rejected: report.rejected.map { Rejected(line: $0.line, field: $0.field, reason: $0.reason) },
                    duplicates: report.duplicates.map {
                        ["line": .int($0.line), $0.field: .string($0.value), "earlier_line": $0.earlierLine.map { .int($0) } ?? .null]
                    },
                    likely_duplicates: report.likelyDuplicates.map { Likely(line: $0.line, mrn: $0.mrn, earlier_line: $0.earlierLine) },
                    ignored_columns: report.ignoredColumns)))
            } else {
                print("Imported \(report.imported) patient\(report.imported == 1 ? "" : "s") from \(file).")
                if !report.ignoredColumns.isEmpty {
                    print("Ignored columns: \(report.ignoredColumns.joined(separator: ", "))")
                }
                for r in report.rejected { print("line \(r.line): \(r.field): \(r.reason)") }
                for d in report.duplicates {
                    let what = d.field == "nhs_number" ? "NHS number" : "hospital number"
                    let whereHeld = d.earlierLine.map { "repeats line \($0)" } ?? "already held"
                    print("line \(d.line): duplicate \(what) \(d.value): \(whereHeld), not imported")
                }
                for l in report.likelyDuplicates {
                    let other = l.mrn.map { "hospital number \($0)" } ?? "line \(l.earlierLine ?? 0)"
                    print("line \(l.line): likely the same person as \(other) (same date of birth, similar name), not imported; check, then use --accept-likely-duplicates")
                }
                let rejectedLines = Set(report.rejected.map(\.line)).count
                if !report.isComplete {
                    print("Not imported: \(rejectedLines) rejected, \(report.duplicates.count) duplicate\(report.duplicates.count == 1 ? "" : "s"), \(report.likelyDuplicates.count) likely duplicate\(report.likelyDuplicates.count == 1 ? "" : "s").")
                }
            }
            if !report.isComplete { throw ExitCode(ExitStatus.incomplete.rawValue) }
        }
    }
}

/// The records of an import file (header first), or the file-level refusal:
/// unreadable, not UTF-8, a quote never closed, no rows under the header.
func readImportFile(_ file: String) throws -> [(line: Int, fields: [String])] {
    guard let data = FileManager.default.contents(atPath: file) else {
        throw CommandFailure(message: "file: cannot read \(file)", code: .refused)
    }
    let records: [(line: Int, fields: [String])]
    do {
        records = try CSVReader(bytes: [UInt8](data)).lineFields
    } catch {
        throw CommandFailure(message: "file: \(error.description)", code: .refused)
    }
    guard records.count > 1 else {
        throw CommandFailure(message: "file: \(file) has no rows under its header line", code: .refused)
    }
    return records
}

/// A JSON scalar, for objects whose keys vary.
enum AnyCodableValue: Encodable {
    case int(Int)
    case string(String)
    case null
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let v): try c.encode(v)
        case .string(let v): try c.encode(v)
        case .null: try c.encodeNil()
        }
    }
}

// MARK: - sessions and appointments from another system

/// One rejected problem of a diary import (`{"line","field","reason"}`).
struct ImportRejectedJSON: JSONObject {
    var line: Int; var field: String; var reason: String
    init(_ r: ImportReport.Rejected) { line = r.line; field = r.field; reason = r.reason }
}

/// The human lines shared by the two diary imports: each problem, each
/// duplicate, and the count of what was left out.
private func printDiaryReport(rejected: [ImportReport.Rejected], duplicates: [BookingImportDuplicate],
                              ignoredColumns: [String], heldKind: String) {
    if !ignoredColumns.isEmpty { print("Ignored columns: \(ignoredColumns.joined(separator: ", "))") }
    for r in rejected { print("line \(r.line): \(r.field): \(r.reason)") }
    for d in duplicates {
        let whereHeld = d.earlierLine.map { "repeats line \($0)" } ?? "already held (\(heldKind) \(d.heldID.map(String.init) ?? "?"))"
        print("line \(d.line): duplicate \(d.what): \(whereHeld), not imported")
    }
    if !rejected.isEmpty || !duplicates.isEmpty {
        let rejectedLines = Set(rejected.map(\.line)).count
        print("Not imported: \(rejectedLines) rejected, \(duplicates.count) duplicate\(duplicates.count == 1 ? "" : "s").")
    }
}

struct ImportSessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Import clinic sessions (with their slots) from a CSV file.",
        discussion: """
            For moving from another system. The first line names the columns: \(SessionImport.columns.joined(separator: ", ")). \
            One row is one session: a service at a site with a clinician on a date, from start to end, \
            cut into slots of slot_minutes, each for capacity patients (1 when left out). Every field is \
            checked as for a session template: slot_minutes must divide the session into whole slots, \
            capacity is 1 to 20, and the service, site and clinician must exist and be active. Dates as \
            YYYY-MM-DD or DD/MM/YYYY, times as 09:00. A row repeating a session already held (same date, \
            start, site, service and clinician), or an earlier row, is reported as a duplicate and not \
            imported again. Valid rows are imported in one transaction; each rejected row is reported \
            with its line number (the header is line 1), field and reason. Managers only.
            Exit status 0 only when every row was imported (4 when some were left out).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        try reporting(json: output.json) {
            let records = try readImportFile(file)
            let headerProblems = SessionImport.headerProblems(records[0].fields)
            if !headerProblems.isEmpty { throw FrontDeskDomain.ValidationError(headerProblems) }
            let context = try Context.open(global)
            let bar = ProgressBar("Importing")
            let report = try context.booking.importSessions(records: records, by: context.user) { done, total in
                bar.update(done, total)
            }
            if output.json {
                struct Imported: JSONObject { var line: Int; var id: Int64; var slots: Int }
                struct Duplicate: JSONObject { var line: Int; var earlier_line: Int?; var session_id: Int64?; var session: String }
                struct Report: JSONObject {
                    var imported: Int
                    var slots: Int
                    var sessions: [Imported]
                    var rejected: [ImportRejectedJSON]
                    var duplicates: [Duplicate]
                    var ignored_columns: [String]
                }
                print(encodeJSON(Report(
                    imported: report.imported, slots: report.slots,
                    sessions: report.sessions.map { Imported(line: $0.line, id: $0.sessionID, slots: $0.slots) },
                    rejected: report.rejected.map(ImportRejectedJSON.init),
                    duplicates: report.duplicates.map {
                        Duplicate(line: $0.line, earlier_line: $0.earlierLine, session_id: $0.heldID,
                                  session: String($0.what.dropFirst("session ".count)))
                    },
                    ignored_columns: report.ignoredColumns)))
            } else {
                print("Imported \(report.imported) session\(report.imported == 1 ? "" : "s") "
                      + "(\(report.slots) slot\(report.slots == 1 ? "" : "s")) from \(file).")
                printDiaryReport(rejected: report.rejected, duplicates: report.duplicates,
                                 ignoredColumns: report.ignoredColumns, heldKind: "session")
            }
            if !report.isComplete { throw ExitCode(ExitStatus.incomplete.rawValue) }
        }
    }
}

struct ImportAppointments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments", abstract: "Import appointments, past and future, from a CSV file.",
        discussion: """
            For moving from another system. The first line names the columns: \(AppointmentImport.columns.joined(separator: ", ")). \
            The patient is named by mrn or nhs_number (or both, naming the same record) and must be held \
            already (import patients first). status is booked, attended, attended_late, late_not_seen, \
            dna, cancelled_by_patient, cancelled_by_hospital or arrived, or the NHS attendance code \
            (0, 2, 3, 4, 5, 6, 7); booked when left out. priority is routine, urgent or 2ww (routine \
            when left out). Past appointments are history: they keep their status, join the matching \
            session and slot when the diary has one, else are stored without a slot. A future \
            appointment may only be booked or cancelled; a booked one must start at an open slot of a \
            matching session (import or generate the sessions first) with a free place, and must not \
            overlap the patient's other appointments. A row repeating an appointment already held, or \
            an earlier row, is a duplicate. Valid rows are imported in one transaction, each with an \
            'imported' line on its trail and an audit entry; each rejected row is reported with its \
            line number (the header is line 1), field and reason.
            Exit status 0 only when every row was imported (4 when some were left out).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        try reporting(json: output.json) {
            let records = try readImportFile(file)
            let headerProblems = AppointmentImport.headerProblems(records[0].fields)
            if !headerProblems.isEmpty { throw FrontDeskDomain.ValidationError(headerProblems) }
            let context = try Context.open(global)
            let bar = ProgressBar("Importing")
            let report = try context.booking.importAppointments(records: records, by: context.user) { done, total in
                bar.update(done, total)
            }
            if output.json {
                struct Imported: JSONObject {
                    var line: Int; var id: Int64; var mrn: String; var status: String; var attendance_code: Int
                    var slot_id: Int64?; var session_id: Int64?
                }
                struct Duplicate: JSONObject { var line: Int; var earlier_line: Int?; var appointment_id: Int64?; var appointment: String }
                struct Report: JSONObject {
                    var imported: Int
                    var in_slots: Int
                    var without_slot: Int
                    var tasks: Int
                    var appointments: [Imported]
                    var rejected: [ImportRejectedJSON]
                    var duplicates: [Duplicate]
                    var ignored_columns: [String]
                }
                print(encodeJSON(Report(
                    imported: report.imported, in_slots: report.inSlots, without_slot: report.withoutSlot, tasks: report.tasks,
                    appointments: report.appointments.map {
                        Imported(line: $0.line, id: $0.appointmentID, mrn: $0.mrn, status: $0.status.rawValue,
                                 attendance_code: $0.status.nhsCode, slot_id: $0.slotID, session_id: $0.sessionID)
                    },
                    rejected: report.rejected.map(ImportRejectedJSON.init),
                    duplicates: report.duplicates.map {
                        Duplicate(line: $0.line, earlier_line: $0.earlierLine, appointment_id: $0.heldID,
                                  appointment: String($0.what.dropFirst("appointment ".count)))
                    },
                    ignored_columns: report.ignoredColumns)))
            } else {
                var counts: [String] = []
                if report.inSlots > 0 { counts.append("\(report.inSlots) in diary slots") }
                if report.withoutSlot > 0 { counts.append("\(report.withoutSlot) without a slot") }
                print("Imported \(report.imported) appointment\(report.imported == 1 ? "" : "s") from \(file)"
                      + (counts.isEmpty ? "." : " (\(counts.joined(separator: ", ")))."))
                if report.tasks > 0 {
                    print("Tasks created: \(report.tasks) (interpreters to book for future appointments).")
                }
                printDiaryReport(rejected: report.rejected, duplicates: report.duplicates,
                                 ignoredColumns: report.ignoredColumns, heldKind: "appointment")
            }
            if !report.isComplete { throw ExitCode(ExitStatus.incomplete.rawValue) }
        }
    }
}
