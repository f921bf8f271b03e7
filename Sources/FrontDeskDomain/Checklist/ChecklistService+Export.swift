import Foundation

extension ChecklistService {
    /// Records that the checklist of a date was written out (print or export):
    /// a list of patients left the database, so it is audited like a report.
    public func recordExport(_ list: Checklist, to path: String, by user: ActingUser) throws {
        try access.require(.searchPatients, user)
        let at = clock.now
        try checklist.write { tx in
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .checklist, patientID: nil, patientMRN: nil,
                                          detail: "exported the checklist of \(list.date.iso) (\(list.items.count) items) to \(path)"))
        }
    }
}
