import Foundation
import GRDB
import FrontDeskDomain

/// `BookingRepository` on the SQLite database: sessions, slots, appointments,
/// their trails and tasks. A write runs in one IMMEDIATE transaction, so two
/// desks (or two processes) booking the last place run one after the other and
/// the second sees the first's booking.
public struct BookingStore: BookingRepository {
    public let database: AppDatabase
    let patients: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        patients = PatientStore(database, clock: clock)
    }

    public func write<T>(_ body: (any BookingTransaction) throws -> T) throws -> T {
        try database.writer.write { db in try body(BookingRows(db: db, patients: patients)) }
    }

    public func read<T>(_ body: (any BookingReader) throws -> T) throws -> T {
        try database.writer.read { db in try body(BookingRows(db: db, patients: patients)) }
    }
}

/// The reads and writes of the booking tables on one connection, inside the
/// caller's transaction (also used by the patient edit that records a death).
struct BookingRows: BookingTransaction {
    let db: Database
    let patients: PatientStore
    /// Whether `clinicDay` reads the patients' alerts (the checklist, which shows none, does not).
    var readsAlerts = true

    // MARK: reads

    func patient(reference: String) throws -> Patient? { try patients.find(db, reference: reference) }
    func patient(id: Int64) throws -> Patient? { try PatientRows.fetch(db, where: "id = ?", [id]) }

    func site(code: String) throws -> Site? {
        try Row.fetchOne(db, sql: "SELECT * FROM site WHERE code = ?", arguments: [DiaryCode.normalised(code)])
            .map { Site(code: $0["code"], name: $0["name"], active: $0["active"]) }
    }

    func service(code: String) throws -> Service? {
        try Row.fetchOne(db, sql: "SELECT * FROM service WHERE code = ?", arguments: [DiaryCode.normalised(code)]).map(DiaryStore.service)
    }

    func clinician(code: String) throws -> Clinician? {
        try Row.fetchOne(db, sql: "SELECT * FROM clinician WHERE code = ?", arguments: [DiaryCode.normalised(code)]).map {
            Clinician(code: $0["code"], name: $0["name"], role: ClinicianRole(rawValue: $0["role"]) ?? .resource, active: $0["active"])
        }
    }

    func templates() throws -> [SessionTemplate] {
        try Row.fetchAll(db, sql: "SELECT * FROM session_template ORDER BY id").map { row in
            SessionTemplate(id: row["id"], serviceCode: row["service_code"], siteCode: row["site_code"],
                            clinicianCode: row["clinician_code"], weekdays: Weekday.parseList(row["weekdays"]) ?? [],
                            start: try Self.time(row, "start_time"), end: try Self.time(row, "end_time"),
                            slotMinutes: row["slot_minutes"], capacity: row["capacity"],
                            validFrom: try Self.day(row, "valid_from"),
                            validTo: (row["valid_to"] as String?).flatMap { LocalDate(iso: $0) })
        }
    }

    static let sessionColumns = """
        s.*, (SELECT coalesce(sum(capacity), 0) FROM slot WHERE session_id = s.id) AS places,
        (SELECT count(*) FROM appointment a WHERE a.session_id = s.id AND a.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')) AS taken
        """

    func session(id: Int64) throws -> ClinicSession? {
        try Row.fetchOne(db, sql: "SELECT \(Self.sessionColumns) FROM clinic_session s WHERE s.id = ?", arguments: [id]).map(Self.session)
    }

    func sessions(_ query: SessionQuery) throws -> [ClinicSession] {
        var sql = "SELECT \(Self.sessionColumns) FROM clinic_session s WHERE s.date BETWEEN ? AND ?"
        var arguments: StatementArguments = [query.from.iso, query.to.iso]
        for (column, value) in [("service_code", query.serviceCode), ("site_code", query.siteCode), ("clinician_code", query.clinicianCode)] {
            if let value { sql += " AND s.\(column) = ?"; _ = arguments.append(contentsOf: [DiaryCode.normalised(value)]) }
        }
        sql += " ORDER BY s.date, s.start_time, s.site_code, s.service_code, s.clinician_code, s.id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.session)
    }

    static func session(_ row: Row) throws -> ClinicSession {
        let reason: String? = row["cancel_reason"]
        return ClinicSession(id: row["id"], templateID: row["template_id"], date: try day(row, "date"),
                             start: try time(row, "start_time"), end: try time(row, "end_time"), siteCode: row["site_code"],
                             serviceCode: row["service_code"], clinicianCode: row["clinician_code"],
                             cancellation: reason.map { SessionCancellation(reason: $0, by: row["cancelled_by"],
                                                                             at: PatientRows.date(row["cancelled_at"]) ?? Date(timeIntervalSince1970: 0)) },
                             capacity: row["places"] ?? 0, booked: row["taken"] ?? 0)
    }

    func slot(id: Int64) throws -> Slot? {
        try Row.fetchOne(db, sql: "SELECT * FROM slot WHERE id = ?", arguments: [id]).map(Self.slot)
    }

    static func slot(_ row: Row) throws -> Slot {
        Slot(id: row["id"], sessionID: row["session_id"], date: try day(row, "date"), start: try time(row, "start_time"),
             end: try time(row, "end_time"), serviceCode: row["service_code"], siteCode: row["site_code"],
             clinicianCode: row["clinician_code"], capacity: row["capacity"], booked: row["booked"], open: row["open"])
    }

    /// Walks the partial index of free slots (by clinician when one is named,
    /// else by service) in date and time order, filtering as it goes, and
    /// stops at the limit: the first free slots cost a few index steps.
    func freeSlots(_ query: SlotQuery) throws -> [Slot] {
        guard query.limit > 0 else { return [] }
        var sql = "SELECT * FROM slot"
        var arguments: StatementArguments
        if let clinician = query.clinicianCode {
            sql += " INDEXED BY slot_free_by_clinician WHERE clinician_code = ? AND service_code = ?"
            arguments = [DiaryCode.normalised(clinician), DiaryCode.normalised(query.serviceCode)]
        } else {
            sql += " INDEXED BY slot_free_by_service WHERE service_code = ?"
            arguments = [DiaryCode.normalised(query.serviceCode)]
        }
        sql += " AND open = 1 AND booked < capacity AND date >= ?"
        _ = arguments.append(contentsOf: [query.from.iso])
        if let through = query.through { sql += " AND date <= ?"; _ = arguments.append(contentsOf: [through.iso]) }
        if let site = query.siteCode { sql += " AND site_code = ?"; _ = arguments.append(contentsOf: [DiaryCode.normalised(site)]) }
        if let part = query.dayPart { sql += part == .am ? " AND start_time < '12:00'" : " AND start_time >= '12:00'" }
        if let notBefore = query.notBefore {
            sql += " AND (date > ? OR start_time >= ?)"
            _ = arguments.append(contentsOf: [query.from.iso, notBefore.display])
        }
        sql += " ORDER BY date, start_time"
        var found: [Slot] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let slot = try Self.slot(row)
            if query.accepts(slot) {
                found.append(slot)
                if found.count == query.limit { break }
            }
        }
        return found
    }

    func appointment(id: Int64) throws -> Appointment? {
        try Row.fetchOne(db, sql: "SELECT \(Self.appointmentColumns) FROM appointment a JOIN patient p ON p.id = a.patient_id WHERE a.id = ?",
                         arguments: [id]).map(Self.appointment)
    }

    func appointments(patientID: Int64, on date: LocalDate?) throws -> [Appointment] {
        var sql = "SELECT \(Self.appointmentColumns) FROM appointment a JOIN patient p ON p.id = a.patient_id WHERE a.patient_id = ?"
        var arguments: StatementArguments = [patientID]
        if let date { sql += " AND a.date = ?"; _ = arguments.append(contentsOf: [date.iso]) }
        sql += " ORDER BY a.date, a.start_time, a.id"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.appointment)
    }

    func appointments(sessionID: Int64) throws -> [Appointment] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.appointmentColumns) FROM appointment a JOIN patient p ON p.id = a.patient_id
            WHERE a.session_id = ? ORDER BY a.start_time, a.id
            """, arguments: [sessionID]).map(Self.appointment)
    }

    func futureBookings(patientID: Int64, from date: LocalDate) throws -> [Appointment] {
        try Row.fetchAll(db, sql: """
            SELECT \(Self.appointmentColumns) FROM appointment a JOIN patient p ON p.id = a.patient_id
            WHERE a.patient_id = ? AND a.date >= ? AND a.status = 'booked' ORDER BY a.date, a.start_time, a.id
            """, arguments: [patientID, date.iso]).map(Self.appointment)
    }

    /// The appointment's columns in a fixed order (read by position: a clinic
    /// day reads hundreds of rows), then the patient's hospital number.
    static let appointmentColumns = """
        a.id, a.patient_id, a.slot_id, a.session_id, a.service_code, a.clinician_code, a.site_code, a.date, a.start_time,
        a.end_time, a.priority, a.attendance, a.referral_source, a.transport, a.mobility, a.note, a.status, a.outcome,
        a.walk_in, a.overbook_reason, a.cancelled_by, a.cancel_reason, a.cancel_text, a.replaces_id, a.replaced_by_id,
        a.booked_by, a.booked_at, p.mrn AS mrn
        """

    static func appointment(_ row: Row) throws -> Appointment {
        let id: Int64 = row[0]
        func day(_ index: Int) throws -> LocalDate {
            guard let text = row[index] as String?, let date = LocalDate(iso: text) else { throw StoreError.unreadable(row: id, column: "date") }
            return date
        }
        func time(_ index: Int, _ column: String) throws -> ClockTime {
            guard let text = row[index] as String?, let time = ClockTime(stored: text) ?? ClockTime.parse(text) else {
                throw StoreError.unreadable(row: id, column: column)
            }
            return time
        }
        let outcome: Int? = row[17]
        let referral: String? = row[12]
        let mobility: String? = row[14]
        let cancelledBy: String? = row[20]
        let cancelReason: String? = row[21]
        return Appointment(
            id: id, patientID: row[1], patientMRN: row[27], slotID: row[2], sessionID: row[3],
            serviceCode: row[4], clinicianCode: row[5], siteCode: row[6],
            date: try day(7), start: try time(8, "start_time"), end: try time(9, "end_time"),
            priority: Priority(rawValue: row[10]) ?? .routine,
            attendance: AttendanceKind(rawValue: row[11]) ?? .first,
            referralSource: referral.flatMap(ReferralSource.init(rawValue:)),
            transport: TransportNeed(rawValue: row[13]) ?? .none, mobility: mobility.flatMap(Mobility.init(rawValue:)),
            note: row[15], status: AppointmentStatus(rawValue: row[16]) ?? .booked,
            outcome: outcome.flatMap(AttendanceOutcome.init(rawValue:)), walkIn: row[18], overbookReason: row[19],
            cancelledBy: cancelledBy.flatMap(CancelledBy.init(rawValue:)),
            cancelReason: cancelReason.flatMap(CancellationReason.init(rawValue:)), cancelText: row[22],
            replacesID: row[23], replacedByID: row[24], bookedBy: row[25],
            bookedAt: PatientRows.date(row[26]) ?? Date(timeIntervalSince1970: 0))
    }

    func trail(appointmentID: Int64) throws -> [AppointmentEvent] {
        try Row.fetchAll(db, sql: "SELECT * FROM appointment_event WHERE appointment_id = ? ORDER BY id",
                         arguments: [appointmentID]).map { row in
            let from: String? = row["from_status"], to: String? = row["to_status"]
            return AppointmentEvent(appointmentID: row["appointment_id"], at: PatientRows.date(row["at"]) ?? Date(timeIntervalSince1970: 0),
                                    user: row["user_login"], action: AppointmentEvent.Action(rawValue: row["action"]) ?? .booked,
                                    fromStatus: from.flatMap(AppointmentStatus.init(rawValue:)),
                                    toStatus: to.flatMap(AppointmentStatus.init(rawValue:)), detail: row["detail"])
        }
    }

    func clinicDay(_ query: ClinicDayQuery) throws -> [ClinicDayRow] {
        var sql = """
            SELECT \(Self.appointmentColumns), p.nhs_number, p.title, p.family_name, p.given_names, p.date_of_birth, p.sex,
                   p.postcode, p.date_of_death, EXISTS (SELECT 1 FROM patient_restriction r WHERE r.patient_id = p.id) AS restricted
            FROM appointment a JOIN patient p ON p.id = a.patient_id
            WHERE a.date = ?
            """
        var arguments: StatementArguments = [query.date.iso]
        for (column, value) in [("site_code", query.siteCode), ("service_code", query.serviceCode), ("clinician_code", query.clinicianCode)] {
            if let value { sql += " AND a.\(column) = ?"; _ = arguments.append(contentsOf: [DiaryCode.normalised(value)]) }
        }
        if !query.includeCancelled { sql += " AND a.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')" }
        sql += " ORDER BY a.start_time, a.clinician_code, a.id"
        // Read straight from the cursor (no copy of each row), then the needs and
        // alerts of every patient on the list in one query each, not two per row.
        var listed: [(Appointment, PatientSummary, Bool)] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let appointment = try Self.appointment(row)
            let nhsDigits: String? = row[28]
            let died: String? = row[35]
            let patient = PatientSummary(
                id: appointment.patientID, mrn: appointment.patientMRN, nhsNumber: nhsDigits.map { NHSNumber(stored: $0) },
                title: row[29], familyName: row[30], givenNames: row[31],
                dateOfBirth: try LocalDate(iso: row[32] as String? ?? "").orThrow(StoreError.unreadable(row: appointment.patientID, column: "date_of_birth")),
                sex: Sex(rawValue: row[33]) ?? .unknown, postcode: row[34], match: .direct,
                dateOfDeath: died.flatMap { LocalDate(iso: $0) })
            listed.append((appointment, patient, row[36] as Bool? ?? false))
        }
        var needs: [Int64: [String]] = [:], alerts: [Int64: [AlertKind]] = [:]
        let ids = Array(Set(listed.map { $0.0.patientID }))
        // Cached statements for padded chunks (InList), rows read by column number.
        for chunk in InList.chunks(ids) {
            let marks = InList.marks(chunk.count)
            let needRows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT patient_id, need, language FROM patient_accessible_need
                WHERE patient_id IN (\(marks)) AND need_group = 'communication_professional' ORDER BY patient_id, position
                """), arguments: InList.arguments(chunk))
            while let need = try needRows.next() {
                let kind = AccessibleNeedKind(rawValue: need[1]) ?? .spokenLanguageInterpreter
                needs[need[0], default: []].append(AccessibleNeed(kind: kind, language: need[2]).label)
            }
            guard readsAlerts else { continue }
            let alertRows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT patient_id, kind FROM patient_alert WHERE patient_id IN (\(marks)) ORDER BY patient_id, position
                """), arguments: InList.arguments(chunk))
            while let alert = try alertRows.next() {
                if let kind = AlertKind(rawValue: alert[1]) { alerts[alert[0], default: []].append(kind) }
            }
        }
        return listed.map { appointment, patient, restricted in
            restricted ? ClinicDayRow(appointment: appointment, patient: patient.masked(), needs: [], alerts: [])
                : ClinicDayRow(appointment: appointment, patient: patient, needs: needs[appointment.patientID] ?? [],
                               alerts: alerts[appointment.patientID] ?? [])
        }
    }

    func tasks(_ query: TaskQuery) throws -> [DeskTask] {
        var sql = "SELECT t.*, p.mrn FROM task t JOIN patient p ON p.id = t.patient_id WHERE 1"
        var arguments: StatementArguments = []
        if let team = query.teamCode { sql += " AND t.team_code = ?"; _ = arguments.append(contentsOf: [team]) }
        if let patient = query.patientID { sql += " AND t.patient_id = ?"; _ = arguments.append(contentsOf: [patient]) }
        if let kind = query.kind { sql += " AND t.kind = ?"; _ = arguments.append(contentsOf: [kind.rawValue]) }
        if let service = query.serviceCode { sql += " AND t.service_code = ?"; _ = arguments.append(contentsOf: [DiaryCode.normalised(service)]) }
        if query.openOnly { sql += " AND t.status = 'open'" }
        if let before = query.dueBefore { sql += " AND t.due_date <= ?"; _ = arguments.append(contentsOf: [before.iso]) }
        sql += " ORDER BY t.status = 'open' DESC, t.due_date, t.due_time, t.id LIMIT ?"
        _ = arguments.append(contentsOf: [query.limit])
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.task)
    }

    func task(id: Int64) throws -> DeskTask? {
        try Row.fetchOne(db, sql: "SELECT t.*, p.mrn FROM task t JOIN patient p ON p.id = t.patient_id WHERE t.id = ?",
                         arguments: [id]).map(Self.task)
    }

    static func task(_ row: Row) throws -> DeskTask {
        DeskTask(id: row["id"], teamCode: row["team_code"], patientID: row["patient_id"], patientMRN: row["mrn"],
                 appointmentID: row["appointment_id"], courseID: row["course_id"], serviceCode: row["service_code"],
                 kind: DeskTask.Kind(rawValue: row["kind"]) ?? .other, description: row["description"],
                 dueDate: try day(row, "due_date"), dueTime: try time(row, "due_time"),
                 status: DeskTask.Status(rawValue: row["status"]) ?? .open, createdBy: row["created_by"],
                 createdAt: PatientRows.date(row["created_at"]) ?? Date(timeIntervalSince1970: 0), closedBy: row["closed_by"],
                 closedAt: (row["closed_at"] as String?).flatMap(PatientRows.date), closeNote: row["close_note"])
    }

    static func day(_ row: Row, _ column: String) throws -> LocalDate {
        let text: String? = row[column]
        guard let text, let date = LocalDate(iso: text) else { throw StoreError.unreadable(row: row["id"] ?? 0, column: column) }
        return date
    }

    static func time(_ row: Row, _ column: String) throws -> ClockTime {
        let text: String? = row[column]
        guard let text, let time = ClockTime.parse(text) else { throw StoreError.unreadable(row: row["id"] ?? 0, column: column) }
        return time
    }

    // MARK: writes

    func insertAppointment(_ a: Appointment) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO appointment (patient_id, slot_id, session_id, service_code, clinician_code, site_code, date, start_time,
                end_time, priority, attendance, referral_source, transport, mobility, note, status, outcome, walk_in,
                overbook_reason, cancelled_by, cancel_reason, cancel_text, replaces_id, replaced_by_id, booked_by, booked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: Self.arguments(a))
        let id = db.lastInsertedRowID
        if a.status.holdsPlace, let slot = a.slotID {
            try db.execute(sql: "UPDATE slot SET booked = booked + 1 WHERE id = ?", arguments: [slot])
        }
        return id
    }

    static func arguments(_ a: Appointment) -> StatementArguments {
        [a.patientID, a.slotID, a.sessionID, a.serviceCode, a.clinicianCode, a.siteCode, a.date.iso, a.start.display,
         a.end.display, a.priority.rawValue, a.attendance.rawValue, a.referralSource?.rawValue, a.transport.rawValue,
         a.mobility?.rawValue, a.note, a.status.rawValue, a.outcome?.rawValue, a.walkIn, a.overbookReason,
         a.cancelledBy?.rawValue, a.cancelReason?.rawValue, a.cancelText, a.replacesID, a.replacedByID, a.bookedBy,
         PatientRows.timestamp(a.bookedAt)]
    }

    func updateAppointment(_ a: Appointment) throws {
        guard let old = try appointment(id: a.id) else { throw StoreError.unreadable(row: a.id, column: "appointment") }
        var arguments = Self.arguments(a)
        _ = arguments.append(contentsOf: [a.id])
        try db.execute(sql: """
            UPDATE appointment SET patient_id = ?, slot_id = ?, session_id = ?, service_code = ?, clinician_code = ?, site_code = ?,
                date = ?, start_time = ?, end_time = ?, priority = ?, attendance = ?, referral_source = ?, transport = ?,
                mobility = ?, note = ?, status = ?, outcome = ?, walk_in = ?, overbook_reason = ?, cancelled_by = ?,
                cancel_reason = ?, cancel_text = ?, replaces_id = ?, replaced_by_id = ?, booked_by = ?, booked_at = ?
            WHERE id = ?
            """, arguments: arguments)
        if let slot = a.slotID, old.status.holdsPlace != a.status.holdsPlace {
            try db.execute(sql: "UPDATE slot SET booked = max(0, booked + ?) WHERE id = ?", arguments: [a.status.holdsPlace ? 1 : -1, slot])
        }
    }

    func appendEvent(_ e: AppointmentEvent) throws {
        try db.execute(sql: """
            INSERT INTO appointment_event (appointment_id, at, user_login, action, from_status, to_status, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [e.appointmentID, PatientRows.timestamp(e.at), e.user, e.action.rawValue, e.fromStatus?.rawValue,
                             e.toStatus?.rawValue, e.detail])
    }

    func appendAudit(_ entry: AuditEntry) throws { try patients.append(db, entry) }

    func insertTemplate(_ t: SessionTemplate, by user: String, at: Date) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO session_template (service_code, site_code, clinician_code, weekdays, start_time, end_time, slot_minutes,
                capacity, valid_from, valid_to, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [t.serviceCode, t.siteCode, t.clinicianCode, Weekday.listDisplay(t.weekdays), t.start.display,
                             t.end.display, t.slotMinutes, t.capacity, t.validFrom.iso, t.validTo?.iso, user, PatientRows.timestamp(at)])
        return db.lastInsertedRowID
    }

    func insertSessions(_ sessions: [PlannedSession]) throws -> Int {
        let exists = try db.cachedStatement(sql: "SELECT 1 FROM clinic_session WHERE template_id = ? AND date = ?")
        var created = 0
        for session in sessions {
            if let template = session.templateID, try Bool.fetchOne(exists, arguments: [template, session.date.iso]) != nil { continue }
            _ = try insertSession(session)
            created += 1
        }
        return created
    }

    func insertSession(_ s: PlannedSession) throws -> Int64 {
        let session = try db.cachedStatement(sql: """
            INSERT INTO clinic_session (template_id, date, start_time, end_time, site_code, service_code, clinician_code)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try session.execute(arguments: [s.templateID, s.date.iso, s.start.display, s.end.display, s.siteCode, s.serviceCode, s.clinicianCode])
        let id = db.lastInsertedRowID
        let slot = try db.cachedStatement(sql: """
            INSERT INTO slot (session_id, date, start_time, end_time, service_code, site_code, clinician_code, capacity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for planned in s.slots {
            try slot.execute(arguments: [id, s.date.iso, planned.start.display, planned.end.display, s.serviceCode, s.siteCode,
                                         s.clinicianCode, planned.capacity])
        }
        return id
    }

    func cancelSession(id: Int64, _ c: SessionCancellation) throws {
        try db.execute(sql: "UPDATE clinic_session SET cancel_reason = ?, cancelled_by = ?, cancelled_at = ? WHERE id = ?",
                       arguments: [c.reason, c.by, PatientRows.timestamp(c.at), id])
        try db.execute(sql: "UPDATE slot SET open = 0 WHERE session_id = ?", arguments: [id])
    }

    func insertTask(_ t: DeskTask) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO task (team_code, patient_id, appointment_id, course_id, service_code, kind, description, due_date, due_time,
                status, created_by, created_at, closed_by, closed_at, close_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [t.teamCode, t.patientID, t.appointmentID, t.courseID, t.serviceCode, t.kind.rawValue, t.description,
                             t.dueDate.iso, t.dueTime.display, t.status.rawValue, t.createdBy, PatientRows.timestamp(t.createdAt),
                             t.closedBy, t.closedAt.map(PatientRows.timestamp), t.closeNote])
        return db.lastInsertedRowID
    }

    func updateTask(_ t: DeskTask) throws {
        try db.execute(sql: """
            UPDATE task SET team_code = ?, due_date = ?, due_time = ?, status = ?, closed_by = ?, closed_at = ?, close_note = ?,
                description = ? WHERE id = ?
            """, arguments: [t.teamCode, t.dueDate.iso, t.dueTime.display, t.status.rawValue, t.closedBy,
                             t.closedAt.map(PatientRows.timestamp), t.closeNote, t.description, t.id])
    }
}

extension Optional {
    /// The value, or the error when there is none.
    func orThrow(_ error: @autoclosure () -> some Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
