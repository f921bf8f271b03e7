import Foundation
import GRDB
import FrontDeskDomain

/// `CaseNoteRepository` on the SQLite database: case-note volumes and their
/// append-only movements, each write in one transaction.
public struct CaseNoteStore: CaseNoteRepository {
    public let database: AppDatabase
    let patients: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        patients = PatientStore(database, clock: clock)
    }

    public func write<T>(_ body: (any CaseNoteTransaction) throws -> T) throws -> T {
        try database.writer.write { db in try body(CaseNoteRows(db: db, patients: patients)) }
    }

    public func read<T>(_ body: (any CaseNoteTransaction) throws -> T) throws -> T {
        try database.writer.read { db in try body(CaseNoteRows(db: db, patients: patients)) }
    }
}

struct CaseNoteRows: CaseNoteTransaction {
    let db: Database
    let patients: PatientStore

    func patient(reference: String) throws -> Patient? { try patients.find(db, reference: reference) }
    func patient(id: Int64) throws -> Patient? { try PatientRows.fetch(db, where: "id = ?", [id]) }

    func volumes(patientID: Int64) throws -> [CaseNoteVolume] {
        try Row.fetchAll(db, sql: """
            SELECT v.*, p.mrn FROM case_note_volume v JOIN patient p ON p.id = v.patient_id
            WHERE v.patient_id = ? ORDER BY v.number
            """, arguments: [patientID]).map(Self.volume)
    }

    static func volume(_ row: Row) throws -> CaseNoteVolume {
        let id: Int64 = row["id"]
        guard let location = CaseNoteLocation(kind: row["location_kind"], place: row["location_place"]) else {
            throw StoreError.unreadable(row: id, column: "location_kind")
        }
        return CaseNoteVolume(id: id, patientID: row["patient_id"], patientMRN: row["mrn"], number: row["number"], location: location,
                              movedAt: PatientRows.date(row["moved_at"]) ?? Date(timeIntervalSince1970: 0), movedBy: row["moved_by"])
    }

    func movements(patientID: Int64) throws -> [CaseNoteMovement] {
        try Row.fetchAll(db, sql: """
            SELECT m.* FROM case_note_movement m JOIN case_note_volume v ON v.id = m.volume_id
            WHERE v.patient_id = ? ORDER BY m.at, m.id
            """, arguments: [patientID]).map { row in
            let fromKind: String? = row["from_kind"]
            return CaseNoteMovement(volumeID: row["volume_id"], volumeNumber: row["volume_number"],
                                    from: fromKind.flatMap { CaseNoteLocation(kind: $0, place: row["from_place"]) },
                                    to: CaseNoteLocation(kind: row["to_kind"], place: row["to_place"]) ?? .missing,
                                    by: row["user_login"], at: PatientRows.date(row["at"]) ?? Date(timeIntervalSince1970: 0),
                                    note: row["note"])
        }
    }

    func insertVolume(_ v: CaseNoteVolume) throws -> Int64 {
        let stamp = PatientRows.timestamp(v.movedAt)
        try db.cachedStatement(sql: """
            INSERT INTO case_note_volume (patient_id, number, location_kind, location_place, moved_at, moved_by, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [v.patientID, v.number, v.location.kind.rawValue, v.location.place, stamp, v.movedBy, stamp, v.movedBy])
        return db.lastInsertedRowID
    }

    func setLocation(volumeID: Int64, _ location: CaseNoteLocation, at: Date, by: String) throws {
        try db.execute(sql: """
            UPDATE case_note_volume SET location_kind = ?, location_place = ?, moved_at = ?, moved_by = ? WHERE id = ?
            """, arguments: [location.kind.rawValue, location.place, PatientRows.timestamp(at), by, volumeID])
    }

    func appendMovement(_ m: CaseNoteMovement) throws {
        try Self.appendMovement(db, m)
    }

    static func appendMovement(_ db: Database, _ m: CaseNoteMovement) throws {
        try db.cachedStatement(sql: """
            INSERT INTO case_note_movement (volume_id, volume_number, from_kind, from_place, to_kind, to_place, user_login, at, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [m.volumeID, m.volumeNumber, m.from?.kind.rawValue, m.from?.place, m.to.kind.rawValue, m.to.place,
                             m.by, PatientRows.timestamp(m.at), m.note])
    }

    func serviceIsActive(code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT active FROM service WHERE code = ?", arguments: [DiaryCode.normalised(code)]) ?? false
    }

    func siteIsActive(code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT active FROM site WHERE code = ?", arguments: [DiaryCode.normalised(code)]) ?? false
    }

    func appendAudit(_ entry: AuditEntry) throws { try patients.append(db, entry) }

    func brokeGlass(patientID: Int64, user: String, since: Date) throws -> Bool {
        try PatientRows.brokeGlass(db, patientID: patientID, user: user, since: since)
    }

    /// Two queries: the day's booked and arrived appointments (appointment_by_day)
    /// with their patients, then the volumes of those patients
    /// (case_note_volume_by_patient), 500 patients at a time.
    func pullListSource(date: LocalDate, siteCode: String?) throws -> [PullListSource] {
        var sql = """
            SELECT a.id, a.patient_id, p.mrn, p.family_name, p.given_names, a.site_code, a.service_code, a.clinician_code,
                   a.start_time, a.status, EXISTS (SELECT 1 FROM patient_restriction r WHERE r.patient_id = p.id) AS restricted
            FROM appointment a JOIN patient p ON p.id = a.patient_id
            WHERE a.date = ?
            """
        var arguments: StatementArguments = [date.iso]
        if let siteCode { sql += " AND a.site_code = ?"; _ = arguments.append(contentsOf: [DiaryCode.normalised(siteCode)]) }
        sql += " AND a.status IN ('booked', 'arrived')"
        var sources: [PullListSource] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let restricted: Bool = row[10]
            let family: String = row[3], given: String = row[4]
            let id: Int64 = row[0]
            guard let start = ClockTime(stored: row[8]), let status = AppointmentStatus(rawValue: row[9]) else {
                throw StoreError.unreadable(row: id, column: "start_time")
            }
            sources.append(PullListSource(appointmentID: id, patientID: row[1], mrn: row[2],
                                          name: restricted ? nil : "\(family.uppercased()), \(given)", restricted: restricted,
                                          siteCode: row[5], serviceCode: row[6], clinicianCode: row[7], start: start, status: status,
                                          volumes: []))
        }
        let ids = Array(Set(sources.map(\.patientID))).sorted()
        var volumes: [Int64: [CaseNoteVolume]] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT v.*, p.mrn FROM case_note_volume v JOIN patient p ON p.id = v.patient_id
                WHERE v.patient_id IN (\(databaseQuestionMarks(count: chunk.count))) ORDER BY v.patient_id, v.number
                """, arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                let volume = try Self.volume(row)
                volumes[volume.patientID, default: []].append(volume)
            }
        }
        for index in sources.indices { sources[index].volumes = volumes[sources[index].patientID] ?? [] }
        return sources
    }

    func patientsWithMissingNotes(_ patientIDs: [Int64]) throws -> Set<Int64> {
        var found = Set<Int64>()
        let ids = Array(Set(patientIDs))
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
            found.formUnion(try Int64.fetchAll(db, sql: """
                SELECT DISTINCT patient_id FROM case_note_volume
                WHERE location_kind = 'missing' AND patient_id IN (\(databaseQuestionMarks(count: chunk.count)))
                """, arguments: StatementArguments(chunk)))
        }
        return found
    }
}

extension CaseNoteRows {
    /// On a merge (`PatientStore.merge`, in its transaction): the duplicate's
    /// volumes become the kept record's, numbered after its own (the kept
    /// record's 1–2 and the duplicate's 1 → 1, 2, 3), each with a movement line
    /// saying so (location unchanged). Returns how many were moved.
    static func followMerge(_ db: Database, keptID: Int64, keptMRN: String, duplicateID: Int64, duplicateMRN: String,
                            by login: String, at date: Date) throws -> Int {
        let last = try Int.fetchOne(db, sql: "SELECT max(number) FROM case_note_volume WHERE patient_id = ?", arguments: [keptID]) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, number, location_kind, location_place FROM case_note_volume WHERE patient_id = ? ORDER BY number
            """, arguments: [duplicateID])
        for (offset, row) in rows.enumerated() {
            let id: Int64 = row["id"], old: Int = row["number"], new = last + offset + 1
            try db.execute(sql: "UPDATE case_note_volume SET patient_id = ?, number = ? WHERE id = ?", arguments: [keptID, new, id])
            let here = CaseNoteLocation(kind: row["location_kind"], place: row["location_place"]) ?? .missing
            try appendMovement(db, CaseNoteMovement(volumeID: id, volumeNumber: new, from: here, to: here, by: login, at: date,
                                                    note: "merge: volume \(old) of \(duplicateMRN) is now volume \(new) of \(keptMRN)"))
        }
        return rows.count
    }
}
