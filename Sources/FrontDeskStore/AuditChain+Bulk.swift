import Foundation
import GRDB
import FrontDeskDomain

extension PatientStore {
    /// Appends `count` entries to the audit trail through the same sealing code
    /// as every other write (`append(db, entry)`: next row number, previous
    /// hash, SHA-256, head file at commit), `perTransaction` rows in each
    /// transaction. For the benchmark (`FrontDeskBench`), which needs a trail of
    /// a million rows without a million commits; FrontDesk itself always
    /// appends in the transaction of the change it records.
    public func appendAuditEntries(count: Int, perTransaction: Int = 50_000, progress: ((Int) -> Void)? = nil,
                                   _ entry: (Int) -> AuditEntry) throws {
        var done = 0
        while done < count {
            let end = min(count, done + max(1, perTransaction))
            try writer.write { db in
                for index in done..<end { try append(db, entry(index)) }
            }
            done = end
            progress?(done)
        }
    }
}
