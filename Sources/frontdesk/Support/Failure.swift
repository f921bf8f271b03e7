import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskStore
import GRDB

/// Exit codes of FrontDesk commands (Docs/USER-GUIDE.md).
enum ExitStatus: Int32 {
    /// Input was invalid, or the action was refused.
    case refused = 1
    /// No patient has that hospital or NHS number.
    case notFound = 2
    /// The record would duplicate one already held.
    case duplicate = 3
    /// The import left some rows out.
    case incomplete = 4
    /// Not allowed: the OS user is not active staff, or the role lacks the permission.
    case forbidden = 5
    /// `audit verify` found the trail changed, cut or incomplete.
    case tampered = 6
}

/// A failure to report to the user in words, with its exit status.
struct CommandFailure: Error {
    var message: String
    var code: ExitStatus
    var fields: [FieldError] = []
    var candidates: [PatientSummary] = []
    /// The next free slots, when the slot asked for was full.
    var alternatives: [Slot] = []
}

/// Runs a command body, turning domain errors into messages on standard error
/// (JSON when asked) and a non-zero exit status.
func reporting(json: Bool, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as FrontDeskDomain.ValidationError {
        try fail(json: json, CommandFailure(message: error.description, code: .refused, fields: error.errors))
    } catch let error as PatientError {
        let code: ExitStatus = error.isNotFound ? .notFound
            : (error.isRestricted || error.isMergeRefused) ? .refused : .duplicate
        try fail(json: json, CommandFailure(message: error.description, code: code,
                                            fields: [FieldError(field: error.field, reason: error.reason)],
                                            candidates: error.candidates))
    } catch let error as AccessError {
        let code: ExitStatus
        switch error.kind {
        case .notStaff, .inactive, .missingPermission: code = .forbidden
        case .staffNotFound, .teamNotFound: code = .notFound
        case .staffExists, .teamExists, .lastManager: code = .refused
        }
        try fail(json: json, CommandFailure(message: error.description, code: code,
                                            fields: [FieldError(field: error.field, reason: error.reason)]))
    } catch let failure as CommandFailure {
        try fail(json: json, failure)
    } catch let error as DatabaseError {
        // Never the SQL or its arguments: they may hold patient data.
        try fail(json: json, CommandFailure(message: "database: \(error.message ?? "SQLite error \(error.resultCode.rawValue)")", code: .refused))
    } catch let error as DiaryError {
        try fail(json: json, CommandFailure(message: error.description, code: .refused,
                                            fields: [FieldError(field: error.field, reason: error.reason)]))
    } catch let error as BookingError {
        var message = error.description
        if error.kind == .slotFull { message += "\n" + BookingText.alternatives(error.alternatives) }
        try fail(json: json, CommandFailure(message: message, code: error.kind == .notFound ? .notFound : .refused,
                                            fields: [FieldError(field: error.field, reason: error.reason)],
                                            alternatives: error.alternatives))
    } catch let error as ChecklistError {
        try fail(json: json, CommandFailure(message: error.description, code: error.kind == .notFound ? .notFound : .refused,
                                            fields: [FieldError(field: error.field, reason: error.reason)]))
    } catch let error as StoreError {
        try fail(json: json, CommandFailure(message: error.description, code: .refused))
    }
}

private func fail(json: Bool, _ failure: CommandFailure) throws -> Never {
    if json {
        let payload = ErrorJSON(error: .init(message: failure.message, fields: failure.fields,
                                             candidates: failure.candidates.map(SummaryJSON.init),
                                             alternatives: failure.alternatives.map(SlotJSON.init)))
        FileHandle.standardError.write(encodeJSON(payload) + "\n")
    } else {
        for line in failure.message.split(separator: "\n") {
            FileHandle.standardError.write("frontdesk: \(line)\n")
        }
    }
    throw ExitCode(failure.code.rawValue)
}

extension FileHandle {
    func write(_ text: String) { write(Data(text.utf8)) }
}
