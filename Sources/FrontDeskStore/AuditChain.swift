import Crypto
import Foundation
import GRDB
import FrontDeskDomain

/// The audit trail's hash chain: each row stores the SHA-256 of the previous
/// row's hash and its own content, so changing, removing or reordering a row
/// breaks every hash after it. The newest row's number and hash are also kept
/// in a head file beside the database, so that cutting rows off the end, or
/// rebuilding the whole chain, shows too.
enum AuditChain {
    /// The "previous hash" of the first row.
    static let genesis = String(repeating: "0", count: 64)

    /// The hash of one row: every field, length-prefixed so no two rows can
    /// be made to read alike, after the previous row's hash.
    static func hash(previous: String, id: Int64, occurredAt: String, user: String, action: String,
                     patientID: Int64?, patientMRN: String?, detail: String) -> String {
        // The message as bytes: "frontdesk-audit-v1\n", the previous hash, then
        // "\n<utf-8 length>:<field>" for each field (a missing hospital number is NUL).
        var message: [UInt8] = []
        message.reserveCapacity(160 + detail.utf8.count)
        message.append(contentsOf: "frontdesk-audit-v1\n".utf8)
        message.append(contentsOf: previous.utf8)
        for field in [String(id), occurredAt, user, action, patientID.map(String.init) ?? "", patientMRN ?? "\u{0}", detail] {
            message.append(10)
            message.append(contentsOf: String(field.utf8.count).utf8)
            message.append(58)
            message.append(contentsOf: field.utf8)
        }
        return hex(SHA256.hash(data: message))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex of a digest (a table, not String(format:), which cost 80% of verifying).
    static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            var index = 0
            for byte in digest {
                buffer[index] = hexDigits[Int(byte >> 4)]
                buffer[index + 1] = hexDigits[Int(byte & 0x0F)]
                index += 2
            }
            return index
        }
    }

    /// The hash of a row selected with the columns of `rowColumns`, in that order.
    static func hash(_ row: Row, previous: String) -> String {
        hash(previous: previous, id: row[0], occurredAt: row[1], user: row[2], action: row[3],
             patientID: row[4], patientMRN: row[5], detail: row[6])
    }

    /// The columns `hash(_:previous:)` reads, then the stored hashes (7 and 8).
    static let rowColumns = "id, occurred_at, user_login, action, patient_id, patient_mrn, detail, previous_hash, hash"

    /// Seals every row that has no hash yet (rows written before the chain
    /// existed), in order. Used by the migration that starts the chain.
    static func sealExisting(_ db: Database) throws {
        var previous = genesis
        let rows = try Row.fetchAll(db, sql: "SELECT \(rowColumns) FROM audit_event ORDER BY id")
        for row in rows {
            let hash = hash(row, previous: previous)
            try db.execute(sql: "UPDATE audit_event SET previous_hash = ?, hash = ? WHERE id = ?",
                           arguments: [previous, hash, row["id"] as Int64])
            previous = hash
        }
    }

    /// Checks the chain in one read (without the head).
    static func verifyChain(_ db: Database, head: AuditHead?) throws -> AuditVerification {
        var previous = genesis
        var lastID: Int64?
        var count = 0
        var problem: AuditVerification.Problem?
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(rowColumns) FROM audit_event ORDER BY id")
        while let row = try cursor.next() {
            count += 1
            let id: Int64 = row[0]
            let storedPrevious: String? = row[7]
            let stored: String? = row[8]
            guard let stored, let storedPrevious else { problem = .unsealed(row: id); break }
            if storedPrevious != previous { problem = .broken(row: id, after: lastID); break }
            if hash(row, previous: storedPrevious) != stored { problem = .changed(row: id); break }
            previous = stored
            lastID = id
        }
        return AuditVerification(rows: count, lastRow: lastID, lastHash: lastID == nil ? nil : previous,
                                 problem: problem, headChecked: head != nil)
    }

    /// Compares the head file with the last row. Called while holding the
    /// write lock, when the file names the last committed row.
    static func checkHead(_ head: AuditHead, lastID: Int64?, lastHash: String) -> AuditVerification.Problem? {
        guard let (headID, headHash) = head.read() else { return .headMissing(path: head.path) }
        if headID != (lastID ?? 0) { return .headMismatch(headRow: headID, lastRow: lastID) }
        if lastID != nil && headHash != lastHash { return .headHashDiffers(row: headID) }
        return nil
    }

    /// Checks rows after `lastID` (appended while the chain was being read), continuing from `previous`.
    static func verifyTail(_ db: Database, after lastID: Int64?, previous: String, into result: inout AuditVerification) throws {
        var previous = previous
        var last = lastID
        let rows = try Row.fetchAll(db, sql: "SELECT \(rowColumns) FROM audit_event WHERE id > ? ORDER BY id",
                                    arguments: [lastID ?? 0])
        for row in rows {
            result.rows += 1
            let id: Int64 = row[0]
            guard let stored: String = row[8], let storedPrevious: String = row[7] else {
                result.problem = .unsealed(row: id); return
            }
            if storedPrevious != previous { result.problem = .broken(row: id, after: last); return }
            if hash(row, previous: storedPrevious) != stored { result.problem = .changed(row: id); return }
            previous = stored
            last = id
        }
        result.lastRow = last
        result.lastHash = last == nil ? nil : previous
    }
}

/// The head file: `<database>-audit-head`, one line `ROW HASH`. It is
/// replaced just before each commit that appended audit rows, while that
/// transaction still holds the database's write lock, so outside a write the
/// file always names the last committed row; a rollback puts the old head back.
final class AuditHead: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var observer: HeadObserver?

    init(databasePath: String) { path = databasePath + "-audit-head" }

    func read() -> (Int64, String)? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 2, let id = Int64(parts[0]), parts[1].count == 64 else { return nil }
        return (id, String(parts[1]))
    }

    /// Notes a row appended in the current transaction: the head is written when it commits.
    func appended(_ db: Database, id: Int64, hash: String) {
        lock.lock()
        defer { lock.unlock() }
        if let observer {
            observer.pending = (id, hash)
            return
        }
        let made = HeadObserver(head: self, pending: (id, hash))
        observer = made
        db.add(transactionObserver: made, extent: .nextTransaction)
    }

    fileprivate func finished(_ done: HeadObserver) {
        lock.lock()
        if observer === done { observer = nil }
        lock.unlock()
    }

    /// Replaces the file atomically and durably (write a new file, flush it
    /// to disk, rename it over the old one), as SQLite flushes its log at commit.
    func write(id: Int64, hash: String) throws {
        let temporary = path + ".new"
        // In a shared folder another user could plant a link at the temporary
        // name: remove whatever is there and create the file afresh, never following a link.
        unlink(temporary)
        let fd = open(temporary, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: temporary, reason: String(cString: strerror(errno))) }
        let line = Array("\(id) \(hash)\n".utf8)
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd)
        close(fd)
        guard written == line.count, synced == 0, rename(temporary, path) == 0 else {
            throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes the file for a chain that has none yet (a new database, or one whose chain just started).
    func start(id: Int64, hash: String) { try? write(id: id, hash: hash) }
}

/// Writes the head for one transaction, before it commits.
private final class HeadObserver: TransactionObserver, @unchecked Sendable {
    let head: AuditHead
    var pending: (id: Int64, hash: String)
    var previous: (Int64, String)?
    var wrote = false

    init(head: AuditHead, pending: (id: Int64, hash: String)) {
        self.head = head
        self.pending = pending
    }

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}

    func databaseWillCommit() throws {
        // No more rows can join this transaction: the next one starts afresh,
        // even if the commit then fails without telling observers.
        head.finished(self)
        previous = head.read()
        // If the head cannot be written, nothing is saved: the trail must stay checkable.
        try head.write(id: pending.id, hash: pending.hash)
        wrote = true
    }

    func databaseDidCommit(_ db: Database) { head.finished(self) }

    func databaseDidRollback(_ db: Database) {
        if wrote, let previous { try? head.write(id: previous.0, hash: previous.1) }
        head.finished(self)
    }
}
