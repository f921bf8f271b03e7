import Foundation
import GRDB
import FrontDeskDomain

/// `PatientRepository` and `AuditRepository` on the SQLite database.
public struct PatientStore: PatientRepository, AuditRepository {
    public let database: AppDatabase
    let clock: any Clock

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        self.clock = clock
    }

    var writer: any DatabaseWriter { database.writer }

    // MARK: writes

    public func register(_ patient: Patient, acceptLikelyDuplicates: Bool, audit: AuditEntry) throws -> Patient {
        try writer.write { db in
            try checkDuplicates(db, patient, acceptLikely: acceptLikelyDuplicates)
            var saved = patient
            if saved.mrn.isEmpty { saved.mrn = try nextHospitalNumber(db) }
            saved.id = try PatientRows.insert(db, saved, at: audit.occurredAt)
            var entry = audit
            entry.patientID = saved.id
            entry.patientMRN = saved.mrn
            try append(db, entry)
            return saved
        }
    }

    public func registerBatch(_ patients: [Patient], progress: (@Sendable (Int, Int) -> Void)?,
                              audit: (Int, Patient) -> AuditEntry?) throws -> [Patient] {
        // A bulk load touches index pages all over the file: give this connection
        // a large page cache (256 MB, allocated only as pages are used).
        // Pages changed by several batches are copied into the file once, at the
        // end, rather than at every commit (the log may grow to ~400 MB meanwhile).
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")
            if patients.count > 1_000 { try db.execute(sql: "PRAGMA wal_autocheckpoint = 100000") }
        }
        defer {
            _ = try? writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            }
        }
        return try writer.write { db in
            var saved: [Patient] = []
            saved.reserveCapacity(patients.count)
            let stamp = PatientRows.timestamp(clock.now)
            let step = max(1, patients.count / 200)
            // Hospital numbers given later in the batch are not in the table yet:
            // generated ones must step over them too.
            let given = Set(patients.lazy.filter { !$0.mrn.isEmpty }.map { $0.mrn.uppercased() })
            for (index, patient) in patients.enumerated() {
                var p = patient
                if p.mrn.isEmpty { p.mrn = try nextHospitalNumber(db, avoiding: given) }
                p.id = try PatientRows.insert(db, p, stamp: stamp)
                if let entry = audit(index, p) { try append(db, entry) }
                saved.append(p)
                if let progress, index % step == 0 { progress(index, patients.count) }
            }
            try advanceHospitalNumberCounter(db, past: saved.map(\.mrn))
            progress?(patients.count, patients.count)
            return saved
        }
    }

    public func modify(reference: String, _ change: (Patient) throws -> PatientChange?) throws -> (old: Patient, change: PatientChange?)? {
        try writer.write { db in
            guard let old = try find(db, reference: reference) else { return nil }
            guard let update = try change(old) else { return (old, nil) }
            try checkDuplicates(db, update.patient, acceptLikely: update.acceptLikelyDuplicates)
            try PatientRows.update(db, update.patient, at: update.audit.occurredAt)
            try append(db, update.audit)
            try update.followUp?(BookingRows(db: db, patients: self))
            return (old, update)
        }
    }

    /// Refuses the same NHS or hospital number; reports likely duplicates
    /// (same date of birth, alike name) unless accepted. Runs inside the write
    /// transaction, so two desks cannot both register the same person.
    func checkDuplicates(_ db: Database, _ patient: Patient, acceptLikely: Bool) throws {
        let selfID = patient.id ?? -1
        if let nhs = patient.nhsNumber,
           let row = try Row.fetchOne(db, sql: "SELECT \(PatientRows.summaryColumns) FROM patient WHERE nhs_number = ? AND id != ?", arguments: [nhs.digits, selfID]) {
            throw PatientError.duplicateNHSNumber(try PatientRows.summary(row, match: .direct))
        }
        if !patient.mrn.isEmpty,
           let row = try Row.fetchOne(db, sql: "SELECT \(PatientRows.summaryColumns) FROM patient WHERE mrn_key = ? AND id != ?", arguments: [patient.mrn.uppercased(), selfID]) {
            throw PatientError.duplicateHospitalNumber(try PatientRows.summary(row, match: .direct))
        }
        if acceptLikely { return }
        let likely = try likelyDuplicates(db, of: patient)
        if !likely.isEmpty { throw PatientError.likelyDuplicates(likely) }
    }

    public func likelyDuplicates(of patients: [Patient]) throws -> [Int: PatientSummary] {
        try writer.read { db in
            var found: [Int: PatientSummary] = [:]
            for (index, patient) in patients.enumerated() {
                if let first = try likelyDuplicates(db, of: patient).first { found[index] = first }
            }
            return found
        }
    }

    /// Records held that look like the same person (DuplicateRule), in listing order.
    func likelyDuplicates(_ db: Database, of patient: Patient) throws -> [PatientSummary] {
        let selfID = patient.id ?? -1
        let ours = DuplicateRule.familyWords(patient)
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(PatientRows.summaryColumns),
                   (SELECT group_concat(family_name, ' ') FROM patient_previous_name WHERE patient_id = patient.id) AS previous
            FROM patient WHERE date_of_birth = ? AND id != ?
              AND id NOT IN (SELECT duplicate_id FROM patient_merge)
            ORDER BY family_key, given_key, id
            """, arguments: [patient.dateOfBirth.iso, selfID])
        let likely = rows.filter { row in
            // Two different NHS numbers are two different people.
            let theirNHS: String? = row["nhs_number"]
            if let ours = patient.nhsNumber?.digits, let theirNHS, ours != theirNHS { return false }
            let previous: String? = row["previous"]
            let theirs = NameFolding.words(row["family_name"]) + NameFolding.words(previous ?? "")
            return DuplicateRule.isLikelyDuplicate(ours, patient.givenNames, theirs, row["given_names"])
        }
        return try likely.map { try PatientRows.summary($0, match: .direct) }
    }

    /// Moves the counter past any `FD` numbers a batch brought in, so the next
    /// registration does not have to step over them one by one.
    func advanceHospitalNumberCounter(_ db: Database, past numbers: [String]) throws {
        var highest = 0
        for mrn in numbers where mrn.count == 9 && mrn.hasPrefix("FD") {
            if let value = Int(mrn.dropFirst(2)), value > highest { highest = value }
        }
        guard highest > 0 else { return }
        try db.execute(sql: """
            INSERT INTO counter (name, value) VALUES ('hospital_number', ?)
            ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)
            """, arguments: [highest + 1])
    }

    public func nextHospitalNumberValue() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'hospital_number'") ?? 1 }
    }

    /// The next `FD` + 7 digits hospital number not already taken.
    func nextHospitalNumber(_ db: Database, avoiding reserved: Set<String> = []) throws -> String {
        var next = try Int.fetchOne(db, sql: "SELECT value FROM counter WHERE name = 'hospital_number'") ?? 1
        while true {
            let candidate = "FD" + String(repeating: "0", count: max(0, 7 - String(next).count)) + String(next)
            next += 1
            let taken = try reserved.contains(candidate)
                || Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM patient WHERE mrn_key = ?)", arguments: [candidate]) ?? false
            if !taken {
                try db.execute(sql: "INSERT INTO counter (name, value) VALUES ('hospital_number', ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value", arguments: [next])
                return candidate
            }
        }
    }

    // MARK: reads

    public func find(reference: String) throws -> Patient? {
        try writer.read { db in try find(db, reference: reference) }
    }

    /// The record a hospital or NHS number names; the number of a merged
    /// duplicate leads to the record kept.
    func find(_ db: Database, reference: String) throws -> Patient? {
        guard let found = try findRow(db, reference: reference), let id = found.id else { return nil }
        if let kept = try Int64.fetchOne(db, sql: "SELECT kept_id FROM patient_merge WHERE duplicate_id = ?", arguments: [id]) {
            return try PatientRows.fetch(db, where: "id = ?", [kept])
        }
        return found
    }

    /// The row itself, without following a merge.
    func findRow(_ db: Database, reference: String) throws -> Patient? {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if let nhs = NHSNumber(trimmed), let p = try PatientRows.fetch(db, where: "nhs_number = ?", [nhs.digits]) {
            return p
        }
        return try PatientRows.fetch(db, where: "mrn_key = ?", [trimmed.uppercased()])
    }

    public func setRestriction(reference: String, _ restriction: Restriction?, audit: (Patient) -> AuditEntry?) throws -> Patient {
        try writer.write { db in
            guard let patient = try find(db, reference: reference), let id = patient.id else { throw PatientError.notFound(reference) }
            guard let entry = audit(patient) else { return patient }
            if let restriction {
                try db.execute(sql: """
                    INSERT INTO patient_restriction (patient_id, reason, restricted_by, restricted_at) VALUES (?, ?, ?, ?)
                    """, arguments: [id, restriction.reason, restriction.restrictedBy, PatientRows.timestamp(restriction.restrictedAt)])
            } else {
                try db.execute(sql: "DELETE FROM patient_restriction WHERE patient_id = ?", arguments: [id])
            }
            try append(db, entry)
            return try PatientRows.fetch(db, where: "id = ?", [id]) ?? patient
        }
    }

    public func merge(keep: String, duplicate: String, reason: String, by login: String, at date: Date,
                      audit: (Patient, Patient) -> [AuditEntry]) throws -> Patient {
        try writer.write { db in
            guard let kept = try find(db, reference: keep), let keptID = kept.id else { throw PatientError.notFound(keep) }
            guard let dup = try findRow(db, reference: duplicate), let dupID = dup.id else { throw PatientError.notFound(duplicate) }
            if let into = try String.fetchOne(db, sql: """
                SELECT p.mrn FROM patient_merge m JOIN patient p ON p.id = m.kept_id WHERE m.duplicate_id = ?
                """, arguments: [dupID]) {
                throw PatientError.mergeRefused("\(dup.mrn) was already merged into \(into)")
            }
            if keptID == dupID {
                throw PatientError.mergeRefused("\(keep) and \(duplicate) are the same record")
            }
            // Duplicates merged into the duplicate earlier now lead to the record kept.
            try db.execute(sql: "UPDATE patient_merge SET kept_id = ? WHERE kept_id = ?", arguments: [keptID, dupID])
            try db.execute(sql: """
                INSERT INTO patient_merge (duplicate_id, kept_id, reason, merged_by, merged_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [dupID, keptID, reason, login, PatientRows.timestamp(date)])
            // A restriction on either record protects the one kept.
            if dup.restriction != nil && kept.restriction == nil, let r = dup.restriction {
                try db.execute(sql: """
                    INSERT INTO patient_restriction (patient_id, reason, restricted_by, restricted_at) VALUES (?, ?, ?, ?)
                    """, arguments: [keptID, r.reason + " (from merged \(dup.mrn))", login, PatientRows.timestamp(date)])
            }
            // Everything else that refers to a patient moves to the record kept
            // here (appointments, courses, enquiries; case notes below).
            try db.execute(sql: "UPDATE appointment SET patient_id = ? WHERE patient_id = ?", arguments: [keptID, dupID])
            try db.execute(sql: "UPDATE task SET patient_id = ? WHERE patient_id = ?", arguments: [keptID, dupID])
            try db.execute(sql: "UPDATE course SET patient_id = ? WHERE patient_id = ?", arguments: [keptID, dupID])
            // Enquiries about the duplicate, and the consents to share it held, now concern the record kept
            // (a consent recorded on either still covers the person it names; withdrawn ones stay withdrawn).
            try db.execute(sql: "UPDATE enquiry SET patient_id = ? WHERE patient_id = ?", arguments: [keptID, dupID])
            try db.execute(sql: "UPDATE sharing_consent SET patient_id = ? WHERE patient_id = ?", arguments: [keptID, dupID])
            // The record kept keeps its own booking preferences (the duplicate's are taken when it has
            // none), and the duplicate's dates away are added to its own: a plan must not book the patient while away.
            try db.execute(sql: """
                UPDATE patient_preference SET unavailable_dates = CASE
                    WHEN unavailable_dates = '' THEN d.dates
                    WHEN d.dates = '' THEN unavailable_dates
                    ELSE unavailable_dates || ',' || d.dates END
                FROM (SELECT unavailable_dates AS dates FROM patient_preference WHERE patient_id = ?) AS d
                WHERE patient_id = ?
                """, arguments: [dupID, keptID])
            try db.execute(sql: "UPDATE OR IGNORE patient_preference SET patient_id = ? WHERE patient_id = ?", arguments: [keptID, dupID])
            try db.execute(sql: "DELETE FROM patient_preference WHERE patient_id = ?", arguments: [dupID])
            for entry in audit(kept, dup) { try append(db, entry) }
            // The duplicate's paper case-note volumes follow, numbered after the kept record's own.
            let volumes = try CaseNoteRows.followMerge(db, keptID: keptID, keptMRN: kept.mrn, duplicateID: dupID, duplicateMRN: dup.mrn,
                                                       by: login, at: date)
            if volumes > 0 {
                try append(db, AuditEntry(occurredAt: date, user: login, action: .caseNotes, patientID: keptID, patientMRN: kept.mrn,
                                          detail: "case notes: \(volumes) volume\(volumes == 1 ? "" : "s") of merged \(dup.mrn) renumbered after this record's own"))
            }
            // The duplicate's checklist marks follow: on the kept record's items from now on.
            let marks = try ChecklistRows.followMerge(db, keptID: keptID, duplicateID: dupID)
            if marks > 0 {
                try append(db, AuditEntry(occurredAt: date, user: login, action: .checklist, patientID: keptID, patientMRN: kept.mrn,
                                          detail: "checklist: \(marks) mark\(marks == 1 ? "" : "s") of merged \(dup.mrn) moved to this record's items"))
            }
            return try PatientRows.fetch(db, where: "id = ?", [keptID]) ?? kept
        }
    }

    public func existing(nhsNumbers: [String], hospitalNumbers: [String]) throws -> (nhs: Set<String>, mrn: Set<String>) {
        try writer.read { db in
            var nhs = Set<String>(), mrn = Set<String>()
            let nhsStatement = try db.cachedStatement(sql: "SELECT 1 FROM patient WHERE nhs_number = ?")
            for n in nhsNumbers where try Bool.fetchOne(nhsStatement, arguments: [n]) != nil { nhs.insert(n) }
            let mrnStatement = try db.cachedStatement(sql: "SELECT 1 FROM patient WHERE mrn_key = ?")
            for m in hospitalNumbers where try Bool.fetchOne(mrnStatement, arguments: [m]) != nil { mrn.insert(m) }
            return (nhs, mrn)
        }
    }

    public func search(_ query: SearchQuery, limit: Int) throws -> SearchResults {
        try writer.read { db in try PatientSearch(db: db, query: query, limit: limit).run() }
    }

    public func count() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM patient") ?? 0 }
    }

    // MARK: audit

    public func append(_ entry: AuditEntry) throws {
        try writer.write { db in try append(db, entry) }
    }

    /// Appends one row to the audit trail, sealed into the hash chain in the
    /// same transaction as the change it records.
    func append(_ db: Database, _ entry: AuditEntry) throws {
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")
        let id = (last?["id"] as Int64? ?? 0) + 1
        let previous: String = last?["hash"] ?? AuditChain.genesis
        let occurredAt = PatientRows.timestamp(entry.occurredAt)
        let hash = AuditChain.hash(previous: previous, id: id, occurredAt: occurredAt, user: entry.user,
                                   action: entry.action.rawValue, patientID: entry.patientID,
                                   patientMRN: entry.patientMRN, detail: entry.detail)
        try db.execute(sql: """
            INSERT INTO audit_event (id, occurred_at, user_login, action, patient_id, patient_mrn, detail, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, occurredAt, entry.user, entry.action.rawValue,
                             entry.patientID, entry.patientMRN, entry.detail, previous, hash])
        database.auditHead?.appended(db, id: id, hash: hash)
    }

    /// Reads the whole chain without holding up other desks, then checks the
    /// rows appended meanwhile and the head file while briefly holding the
    /// write lock (when the head file names the last committed row).
    public func verify() throws -> AuditVerification {
        var result = try writer.read { db in try AuditChain.verifyChain(db, head: database.auditHead) }
        guard result.problem == nil else { return result }
        return try writer.write { db in
            try AuditChain.verifyTail(db, after: result.lastRow, previous: result.lastHash ?? AuditChain.genesis, into: &result)
            if result.problem == nil, let head = database.auditHead {
                result.problem = AuditChain.checkHead(head, lastID: result.lastRow, lastHash: result.lastHash ?? AuditChain.genesis)
            }
            return result
        }
    }

    public func mergedIDs(into patientID: Int64) throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT duplicate_id FROM patient_merge WHERE kept_id = ? ORDER BY duplicate_id", arguments: [patientID])
        }
    }

    public func entries(matching filter: AuditFilter, limit: Int) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let ids = filter.patientIDs {
            conditions.append("patient_id IN (\(Array(repeating: "?", count: max(1, ids.count)).joined(separator: ",")))")
            arguments += ids.isEmpty ? [Int64(-1)] : ids
        }
        if let user = filter.user { conditions.append("user_login = ?"); arguments.append(user) }
        if let since = filter.since { conditions.append("occurred_at >= ?"); arguments.append(PatientRows.timestamp(since)) }
        if let actions = filter.actions {
            conditions.append("action IN (\(Array(repeating: "?", count: max(1, actions.count)).joined(separator: ",")))")
            arguments += actions.isEmpty ? ["-"] : actions.map(\.rawValue)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_event \(whereClause) ORDER BY id DESC LIMIT ?",
                             arguments: StatementArguments(arguments + [limit])).map(Self.entry)
        }
    }

    static func entry(_ row: Row) -> AuditEntry {
        AuditEntry(id: row["id"], occurredAt: PatientRows.date(row["occurred_at"]) ?? Date(timeIntervalSince1970: 0),
                   user: row["user_login"], action: AuditAction(rawValue: row["action"]) ?? .view,
                   patientID: row["patient_id"], patientMRN: row["patient_mrn"], detail: row["detail"])
    }

    public func entries(patientID: Int64?, limit: Int) throws -> [AuditEntry] {
        try writer.read { db in
            let rows: [Row]
            if let patientID {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_event WHERE patient_id = ? ORDER BY id DESC LIMIT ?", arguments: [patientID, limit])
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id DESC LIMIT ?", arguments: [limit])
            }
            return rows.map { row in
                AuditEntry(id: row["id"], occurredAt: PatientRows.date(row["occurred_at"]) ?? Date(timeIntervalSince1970: 0),
                           user: row["user_login"], action: AuditAction(rawValue: row["action"]) ?? .view,
                           patientID: row["patient_id"], patientMRN: row["patient_mrn"], detail: row["detail"])
            }
        }
    }
}
