import Foundation
import GRDB
import FrontDeskDomain

/// `EnquiryRepository` on the SQLite database: enquiries, their append-only
/// histories and patients' sharing consents, each write in one transaction.
public struct EnquiryStore: EnquiryRepository {
    public let database: AppDatabase
    let patients: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        patients = PatientStore(database, clock: clock)
    }

    public func write<T>(_ body: (any EnquiryTransaction) throws -> T) throws -> T {
        try database.writer.write { db in try body(EnquiryRows(db: db, patients: patients)) }
    }
}

struct EnquiryRows: EnquiryTransaction {
    let db: Database
    let patients: PatientStore

    func patient(reference: String) throws -> Patient? { try patients.find(db, reference: reference) }
    func patient(id: Int64) throws -> Patient? { try PatientRows.fetch(db, where: "id = ?", [id]) }

    func enquiry(id: Int64) throws -> Enquiry? {
        try Row.fetchOne(db, sql: """
            SELECT e.*, p.mrn AS mrn FROM enquiry e LEFT JOIN patient p ON p.id = e.patient_id WHERE e.id = ?
            """, arguments: [id]).map(Self.enquiry)
    }

    static func enquiry(_ row: Row) throws -> Enquiry {
        let id: Int64 = row["id"]
        func value<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T where T.RawValue == String {
            guard let text: String = row[column], let value = T(rawValue: text) else { throw StoreError.unreadable(row: id, column: column) }
            return value
        }
        let due: String? = row["callback_due"]
        return Enquiry(
            id: id, receivedAt: PatientRows.date(row["received_at"]) ?? Date(timeIntervalSince1970: 0),
            channel: try value("channel", Enquiry.Channel.self), callerType: try value("caller_type", Enquiry.CallerType.self),
            callerName: row["caller_name"], callerPhone: row["caller_phone"], organisation: row["organisation"],
            patientID: row["patient_id"], patientMRN: row["mrn"], category: try value("category", Enquiry.Category.self),
            priority: try value("priority", Enquiry.Priority.self), summary: row["summary"], safeguarding: row["safeguarding"],
            aggression: row["aggression"], status: try value("status", Enquiry.Status.self),
            identity: try value("identity", Enquiry.Identity.self), callbackDue: due.flatMap(PatientRows.date),
            team: row["team_code"], takenBy: row["taken_by"], outcome: row["outcome"],
            identityCheckedAt: (row["identity_checked_at"] as String?).flatMap(PatientRows.date))
    }

    func events(enquiryID: Int64) throws -> [EnquiryEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM enquiry_event WHERE enquiry_id = ? ORDER BY id", arguments: [enquiryID]).map(Self.event)
    }

    static func event(_ row: Row) -> EnquiryEvent {
        let from: String? = row["from_status"], to: String? = row["to_status"], due: String? = row["due_at"]
        return EnquiryEvent(enquiryID: row["enquiry_id"], at: PatientRows.date(row["at"]) ?? Date(timeIntervalSince1970: 0),
                            user: row["user_login"], kind: EnquiryEvent.Kind(rawValue: row["kind"]) ?? .note,
                            fromStatus: from.flatMap(Enquiry.Status.init(rawValue:)),
                            toStatus: to.flatMap(Enquiry.Status.init(rawValue:)), detail: row["detail"],
                            dueAt: due.flatMap(PatientRows.date))
    }

    func consents(patientID: Int64) throws -> [SharingConsent] {
        try Row.fetchAll(db, sql: "SELECT * FROM sharing_consent WHERE patient_id = ? ORDER BY id", arguments: [patientID]).map { row in
            let scopes: String = row["scopes"]
            return SharingConsent(id: row["id"], person: row["person"], relationship: row["relationship"],
                                  scopes: Set(scopes.split(separator: ",").compactMap { SharingScope(rawValue: String($0)) }),
                                  recordedBy: row["recorded_by"], recordedAt: LocalDate(iso: row["recorded_at"]) ?? LocalDate(iso: "1970-01-01")!,
                                  withdrawnBy: row["withdrawn_by"], withdrawnAt: (row["withdrawn_at"] as String?).flatMap(PatientRows.date),
                                  withdrawnReason: row["withdrawn_reason"])
        }
    }

    static func arguments(_ e: Enquiry) -> StatementArguments {
        [PatientRows.timestamp(e.receivedAt), e.channel.rawValue, e.callerType.rawValue, e.callerName, e.callerPhone, e.organisation,
         e.patientID, e.category.rawValue, e.priority.rawValue, e.summary, e.safeguarding, e.aggression, e.status.rawValue,
         e.identity.rawValue, e.callbackDue.map(PatientRows.timestamp), e.team, e.takenBy, e.outcome,
         e.identityCheckedAt.map(PatientRows.timestamp)]
    }

    func insertEnquiry(_ e: Enquiry) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO enquiry (received_at, channel, caller_type, caller_name, caller_phone, organisation, patient_id, category,
                priority, summary, safeguarding, aggression, status, identity, callback_due, team_code, taken_by, outcome,
                identity_checked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: Self.arguments(e))
        return db.lastInsertedRowID
    }

    func updateEnquiry(_ e: Enquiry) throws {
        var arguments = Self.arguments(e)
        _ = arguments.append(contentsOf: [e.id])
        try db.execute(sql: """
            UPDATE enquiry SET received_at = ?, channel = ?, caller_type = ?, caller_name = ?, caller_phone = ?, organisation = ?,
                patient_id = ?, category = ?, priority = ?, summary = ?, safeguarding = ?, aggression = ?, status = ?, identity = ?,
                callback_due = ?, team_code = ?, taken_by = ?, outcome = ?, identity_checked_at = ?
            WHERE id = ?
            """, arguments: arguments)
    }

    func appendEvent(_ e: EnquiryEvent) throws {
        try db.execute(sql: """
            INSERT INTO enquiry_event (enquiry_id, at, user_login, kind, from_status, to_status, detail, due_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.enquiryID, PatientRows.timestamp(e.at), e.user, e.kind.rawValue, e.fromStatus?.rawValue,
                             e.toStatus?.rawValue, e.detail, e.dueAt.map(PatientRows.timestamp)])
    }

    func appendAudit(_ entry: AuditEntry) throws { try patients.append(db, entry) }

    func enquiries(_ q: EnquiryQuery) throws -> [Enquiry] {
        var sql = "SELECT e.*, p.mrn AS mrn FROM enquiry e LEFT JOIN patient p ON p.id = e.patient_id WHERE 1 = 1"
        var arguments: StatementArguments = []
        if q.openOnly || q.overdueAt != nil { sql += " AND e.status != 'closed'" }
        if let at = q.overdueAt {
            // `(callback_due IS NULL) = 0` says what `callback_due < ?` implies, in the open-queue indexes' own
            // first column: the overdue ones are then one range of them, already in due order.
            sql += " AND e.status = 'awaiting_callback' AND (e.callback_due IS NULL) = 0 AND e.callback_due < ?"
            _ = arguments.append(contentsOf: [PatientRows.timestamp(at)])
        }
        if let user = q.takenBy { sql += " AND e.taken_by = ?"; _ = arguments.append(contentsOf: [user]) }
        if let team = q.team { sql += " AND e.team_code = ?"; _ = arguments.append(contentsOf: [team]) }
        if !q.teams.isEmpty {
            sql += " AND e.team_code IN (" + Array(repeating: "?", count: q.teams.count).joined(separator: ", ") + ")"
            _ = arguments.append(contentsOf: StatementArguments(q.teams.sorted()))
        }
        if q.escalatedOnly { sql += " AND e.status = 'escalated'" }
        if let patient = q.patientID { sql += " AND e.patient_id = ?"; _ = arguments.append(contentsOf: [patient]) }
        // The queue's order (EnquiryQuery.Order.due): callbacks by due time, then the others by when they came
        // in, then the number. Open ones only: the open-queue indexes' own order (v12), read in it and stopped at
        // the limit instead of sorting every open enquiry. Overdue ones all have a due time: the same order.
        switch q.order {
        case .newestFirst:
            sql += " ORDER BY e.received_at DESC, e.id DESC"
        case .due where q.overdueAt != nil:
            sql += " ORDER BY e.callback_due, e.received_at, e.id"
        case .due:
            sql += (q.openOnly ? " ORDER BY " : " ORDER BY e.status = 'closed', ")
                + "e.callback_due IS NULL, e.callback_due, e.received_at, e.id"
        }
        sql += " LIMIT ?"
        _ = arguments.append(contentsOf: [max(1, q.limit)])
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.enquiry)
    }

    func comingAppointments(patientID: Int64, from date: LocalDate) throws -> [DisclosedAppointment] {
        try Row.fetchAll(db, sql: """
            SELECT a.date, a.start_time, s.name AS service, coalesce(t.name, a.site_code) AS site,
                   coalesce(c.name, a.clinician_code) AS clinician, s.mode, a.transport
            FROM appointment a JOIN service s ON s.code = a.service_code
            LEFT JOIN site t ON t.code = a.site_code LEFT JOIN clinician c ON c.code = a.clinician_code
            WHERE a.patient_id = ? AND a.date >= ? AND a.status IN ('booked', 'arrived')
            ORDER BY a.date, a.start_time, a.id LIMIT 50
            """, arguments: [patientID, date.iso]).map { row in
            DisclosedAppointment(date: LocalDate(iso: row["date"]) ?? date, start: try BookingRows.time(row, "start_time"),
                                 service: row["service"], site: row["site"], clinician: row["clinician"],
                                 mode: ContactMode(rawValue: row["mode"] ?? "") ?? .faceToFace,
                                 transport: TransportNeed(rawValue: row["transport"] ?? "") ?? .none)
        }
    }

    func insertConsent(_ c: SharingConsent, patientID: Int64) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO sharing_consent (patient_id, person, relationship, scopes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [patientID, c.person, c.relationship, c.scopes.map(\.rawValue).sorted().joined(separator: ","),
                             c.recordedBy, c.recordedAt.iso])
        return db.lastInsertedRowID
    }

    func withdrawConsent(id: Int64, by user: String, at: Date, reason: String) throws {
        try db.execute(sql: """
            UPDATE sharing_consent SET withdrawn_by = ?, withdrawn_at = ?, withdrawn_reason = ? WHERE id = ? AND withdrawn_at IS NULL
            """, arguments: [user, PatientRows.timestamp(at), reason, id])
    }

    func brokeGlass(patientID: Int64, user: String, since: Date) throws -> Bool {
        try PatientRows.brokeGlass(db, patientID: patientID, user: user, since: since)
    }

    /// One query: the enquiries received in the range joined with their routing lines.
    func histories(receivedFrom from: Date, to: Date) throws -> [EnquiryHistory] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT e.*, p.mrn AS mrn, v.enquiry_id, v.at, v.user_login, v.kind, v.from_status, v.to_status, v.detail, v.due_at
            FROM enquiry e LEFT JOIN patient p ON p.id = e.patient_id
            LEFT JOIN enquiry_event v ON v.enquiry_id = e.id
                AND v.kind IN ('callback_due', 'called_back', 'referred', 'escalated', 'closed')
            WHERE e.received_at >= ? AND e.received_at < ?
            ORDER BY e.id, v.id
            """, arguments: [PatientRows.timestamp(from), PatientRows.timestamp(to)])
        var histories: [EnquiryHistory] = []
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            if histories.last?.enquiry.id != id { histories.append(EnquiryHistory(enquiry: try Self.enquiry(row), events: [])) }
            if (row["enquiry_id"] as Int64?) != nil { histories[histories.count - 1].events.append(Self.event(row)) }
        }
        return histories
    }
}
