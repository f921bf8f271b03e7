import Foundation
import FrontDeskDomain

/// What the panes ask of the rest of FrontDesk. Every call goes through the
/// domain's `PatientService` with the acting user, so opening a record is
/// audited and saving is validated there, never in the UI.
public protocol DeskServices: Sendable {
    func search(_ text: String, limit: Int) throws -> SearchResults
    func open(_ reference: String) throws -> Patient
    func register(_ fields: PatientFields, acceptLikelyDuplicates: Bool) throws -> Patient
    func edit(_ reference: String, _ fields: PatientFields, acceptLikelyDuplicates: Bool) throws -> (patient: Patient, changed: [String])
}

/// The services for one person at the desk.
public struct PatientDesk: DeskServices {
    public let service: PatientService
    public let user: ActingUser

    public init(service: PatientService, user: ActingUser) { self.service = service; self.user = user }

    public func search(_ text: String, limit: Int) throws -> SearchResults {
        try service.search(text, limit: limit, by: user)
    }
    public func open(_ reference: String) throws -> Patient {
        try service.open(reference, by: user, purpose: "opened record in the terminal UI")
    }
    public func register(_ fields: PatientFields, acceptLikelyDuplicates: Bool) throws -> Patient {
        try service.register(fields, by: user, acceptLikelyDuplicates: acceptLikelyDuplicates)
    }
    public func edit(_ reference: String, _ fields: PatientFields, acceptLikelyDuplicates: Bool) throws -> (patient: Patient, changed: [String]) {
        try service.edit(reference, fields, by: user, acceptLikelyDuplicates: acceptLikelyDuplicates)
    }
}

/// A failure as the screen shows it: field errors for a form, likely
/// duplicates for the confirmation dialog, or one line of text.
public struct DeskFailure: Error, Hashable, Sendable {
    public var message: String
    public var fieldErrors: [FieldError]
    public var likelyDuplicates: [PatientSummary]

    public init(message: String, fieldErrors: [FieldError] = [], likelyDuplicates: [PatientSummary] = []) {
        self.message = message; self.fieldErrors = fieldErrors; self.likelyDuplicates = likelyDuplicates
    }

    /// Translates an error from the domain or store into words. Database
    /// errors say what failed without echoing SQL or patient data.
    public init(_ error: any Error) {
        switch error {
        case let failure as DeskFailure:
            self = failure
        case let problem as PatientError:
            if problem.isLikelyDuplicate {
                self.init(message: "possible duplicate: \(problem.candidates.count) existing record(s) look like the same person",
                          likelyDuplicates: problem.candidates)
            } else if problem.isNotFound {
                self.init(message: problem.description)
            } else {
                self.init(message: problem.description, fieldErrors: [FieldError(field: problem.field, reason: problem.reason)])
            }
        case let invalid as ValidationError:
            self.init(message: invalid.errors.first?.description ?? "the record is not valid", fieldErrors: invalid.errors)
        case let field as FieldError:
            self.init(message: field.description, fieldErrors: [field])
        default:
            self.init(message: "database: the operation failed (\(String(describing: type(of: error))))")
        }
    }
}

/// What `update` asks the runtime to do; the answer comes back as an `Event`.
public enum Effect: Equatable, Sendable {
    /// Search off the keyboard path; the answer carries `generation`, so a
    /// superseded query's answer is dropped.
    case search(generation: Int, text: String, limit: Int)
    case open(reference: String)
    case register(PatientFields, acceptLikelyDuplicates: Bool)
    case edit(reference: String, PatientFields, acceptLikelyDuplicates: Bool)
    case quit
    /// Repaint the whole screen.
    case redraw
}

/// A patient saved by a form.
public struct SavedPatient: Hashable, Sendable {
    public var patient: Patient
    /// nil for a registration; the changed field names for an edit.
    public var changed: [String]?
    public init(patient: Patient, changed: [String]?) { self.patient = patient; self.changed = changed }
}

/// Everything that changes the application's state.
public enum Event: Sendable {
    case key(Key)
    case resize(Size)
    case tick(Date)
    case searched(generation: Int, Result<SearchResults, DeskFailure>)
    case opened(Result<Patient, DeskFailure>)
    case saved(Result<SavedPatient, DeskFailure>)
}

extension DeskServices {
    /// Runs an effect that answers at once (everything but search and quit).
    public func perform(_ effect: Effect) -> Event? {
        switch effect {
        case .search(let generation, let text, let limit):
            return .searched(generation: generation, Result { try search(text, limit: limit) }.mapError(DeskFailure.init))
        case .open(let reference):
            return .opened(Result { try open(reference) }.mapError(DeskFailure.init))
        case .register(let fields, let accept):
            return .saved(Result { SavedPatient(patient: try register(fields, acceptLikelyDuplicates: accept), changed: nil) }
                .mapError(DeskFailure.init))
        case .edit(let reference, let fields, let accept):
            return .saved(Result {
                let result = try edit(reference, fields, acceptLikelyDuplicates: accept)
                return SavedPatient(patient: result.patient, changed: result.changed)
            }.mapError(DeskFailure.init))
        case .quit, .redraw:
            return nil
        }
    }
}
