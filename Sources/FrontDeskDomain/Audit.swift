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
