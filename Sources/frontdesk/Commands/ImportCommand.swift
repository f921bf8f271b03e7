import ArgumentParser
import Foundation
import FrontDeskDomain

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from files.", subcommands: [ImportPatients.self])
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
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CommandFailure(message: "file: cannot read \(file)", code: .refused)
            }
            let records: [(line: Int, fields: [String])]
            do {
                records = try CSVReader(bytes: [UInt8](data)).lineFields
            } catch let error as CSVReader.ParseError {
                throw CommandFailure(message: "file: \(error.description)", code: .refused)
            }
            guard records.count > 1 else {
                throw CommandFailure(message: "file: \(file) has no rows under its header line", code: .refused)
            }
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
