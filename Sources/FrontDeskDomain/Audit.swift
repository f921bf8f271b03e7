import Foundation

/// What happened to (or with) a patient record.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    /// A record was opened (shown in full).
    case view
    /// A new record was registered (by hand or by import).
    case register
    /// Fields of a record were changed.
    case edit
    /// A batch job touched many records at once (demo seed).
    case bulk
    /// The staff list changed (added, role, teams, deactivated).
    case staff
    /// A team was created or changed.
    case team
    /// A restricted record was opened, with the reason given (break glass).
    case breakGlass = "break_glass"
    /// A record was restricted, or the restriction lifted.
    case restrict
    case unrestrict
    /// A duplicate record was merged into the one kept.
    case merge
    /// The clinic set-up changed: a site, service or clinician added or changed.
    case diary
    /// A manager changed a setting (detail: "idle_lock_minutes 5 → 10").
    case setting
    /// An appointment was booked, moved (rebooked) or added as a walk-in.
    case book
    /// An appointment's status changed: checked in, attended, DNA, outcome, cancelled, undone, reinstated.
    case appointment
    /// A task was done or cancelled by hand.
    case task
    /// A treatment protocol was imported (a new version).
    case `protocol`
    /// A treatment course was booked or re-planned, or a patient's booking preferences changed.
    case course
    /// An enquiry was logged, checked, routed or closed.
    case enquiry
    /// A checklist item ticked, deferred or cleared, or a day signed off for a site.
    case checklist
    /// A paper case-note volume was opened or moved (recorded missing, found).
    case caseNotes = "case_notes"
}

/// One row of the audit trail. Times are UTC; `detail` names what was done
/// (for an edit, which fields changed) but never carries the values.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64?
    public var occurredAt: Date
    public var user: String
    public var action: AuditAction
    public var patientID: Int64?
    /// Hospital number of the patient when the entry was written (for reading the trail).
    public var patientMRN: String?
    public var detail: String

    public init(id: Int64? = nil, occurredAt: Date, user: String, action: AuditAction,
                patientID: Int64?, patientMRN: String? = nil, detail: String) {
        self.id = id; self.occurredAt = occurredAt; self.user = user; self.action = action
        self.patientID = patientID; self.patientMRN = patientMRN; self.detail = detail
    }
}

/// What `audit verify` found: the chain of row hashes and the head kept outside
/// the database, checked from the first row to the last.
public struct AuditVerification: Sendable, Hashable {
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The row's content no longer matches its own hash: it was changed.
        case changed(row: Int64)
        /// The row does not follow the one before it: rows were removed or reordered.
        case broken(row: Int64, after: Int64?)
        /// A row has no hash (written behind FrontDesk's back).
        case unsealed(row: Int64)
        /// The head file is missing or unreadable.
        case headMissing(path: String)
        /// The head names a row that is not the last: rows were cut off the end, or the head is stale.
        case headMismatch(headRow: Int64, lastRow: Int64?)
        /// The head's hash differs from its row's: the chain was rebuilt.
        case headHashDiffers(row: Int64)

        public var description: String {
            switch self {
            case .changed(let row): return "row \(row) was changed after it was written (its content no longer matches its hash)"
            case .broken(let row, let after):
                return after.map { "row \(row) does not follow row \($0): rows between them were removed, or rows were reordered" }
                    ?? "row \(row) is not the first row of the chain: earlier rows were removed"
            case .unsealed(let row): return "row \(row) has no hash: it was not written by FrontDesk"
            case .headMissing(let path): return "the head file \(path) is missing or unreadable"
            case .headMismatch(let head, let last):
                if let last, last + 1 == head {
                    return "the head file names row \(head) but the last row is \(last): the last row was removed, or a commit did not finish (a crash or power cut just then)"
                }
                if let last, last < head { return "the head file names row \(head) but the last row is \(last): rows were cut off the end" }
                if let last { return "the head file names row \(head) but the trail goes on to row \(last): rows were added without FrontDesk, or the head file was replaced" }
                return "the head file names row \(head) but the trail is empty: every row was removed"
            case .headHashDiffers(let row): return "row \(row)'s hash differs from the one in the head file: the chain was rebuilt"
            }
        }
    }

    /// Rows checked.
    public var rows: Int
    public var lastRow: Int64?
    public var lastHash: String?
    /// The first problem found, if any (later rows are not trusted after it).
    public var problem: Problem?
    /// True when there is a head file to check against (files, not in-memory databases).
    public var headChecked: Bool

    public init(rows: Int, lastRow: Int64?, lastHash: String?, problem: Problem?, headChecked: Bool) {
        self.rows = rows; self.lastRow = lastRow; self.lastHash = lastHash; self.problem = problem; self.headChecked = headChecked
    }

    public var isIntact: Bool { problem == nil }
}
