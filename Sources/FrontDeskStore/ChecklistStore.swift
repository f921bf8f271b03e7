import Crypto
import Foundation
import GRDB
import FrontDeskDomain

/// `ChecklistRepository` on the SQLite database: the facts the checklist is
/// generated from (the clinic day lists of its dates, their tasks, course
/// screening tasks, callbacks promised), the append-only marks and the sign-offs.
public struct ChecklistStore: ChecklistRepository {
    public let database: AppDatabase
    let patients: PatientStore

    public init(_ database: AppDatabase, clock: any Clock) {
        self.database = database
        patients = PatientStore(database, clock: clock)
    }

    public func write<T>(_ body: (any ChecklistTransaction) throws -> T) throws -> T {
        try database.writer.write { db in try body(ChecklistRows(db: db, patients: patients)) }
    }

    public func read<T>(_ body: (any ChecklistReader) throws -> T) throws -> T {
        try database.writer.read { db in try body(ChecklistRows(db: db, patients: patients)) }
    }
}

struct ChecklistRows: ChecklistTransaction {
    let db: Database
    let patients: PatientStore

    /// The clinic day lists without the patients' alerts: no item shows them, and reading them for 2,000
    /// appointments was a tenth of the checklist's facts.
    var booking: BookingRows { BookingRows(db: db, patients: patients, readsAlerts: false) }

    // MARK: facts

    func facts(_ query: ChecklistFactsQuery) throws -> ChecklistFacts {
        var facts = ChecklistFacts()
        let f = query.filter
        let dates = Array(Set([query.date] + query.preparationDates)).sorted()
        var preparing: [Int64] = []
        var restricted: Set<Int64> = []
        for date in dates {
            for row in try booking.clinicDay(ClinicDayQuery(date: date, siteCode: f.siteCode, serviceCode: f.serviceCode,
                                                            clinicianCode: f.clinicianCode)) {
                let name = row.patient.restricted ? row.patient.mrn : row.patient.displayName
                if row.patient.restricted { restricted.insert(row.appointment.patientID) }
                facts.visits.append(ChecklistFacts.Visit(appointment: row.appointment, patientName: name,
                                                         needsInterpreter: row.needsInterpreter))
                if query.preparationDates.contains(date) { preparing.append(row.appointment.id) }
            }
        }
        // The day list gives a restricted record no needs (it shows nothing of the record but the hospital
        // number). The checklist still has to get the interpreter booked: it reads whether such a patient
        // needs a communication professional — that yes or no only, never which need or language.
        let interpreted = try needInterpreter(restricted.sorted())
        for i in facts.visits.indices where interpreted.contains(facts.visits[i].appointment.patientID) {
            facts.visits[i].needsInterpreter = true
        }
        let ids = facts.visits.map(\.appointment.id)
        // The tasks that complete items, by appointment (the task_by_appointment index).
        for chunk in Self.chunks(ids) {
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT t.*, p.mrn FROM task t JOIN patient p ON p.id = t.patient_id
                WHERE t.appointment_id IN (\(InList.marks(chunk.count)))
                  AND t.kind IN ('interpreter', 'transport', 'to_be_booked')
                """), arguments: InList.arguments(chunk)) {
                let task = try BookingRows.task(row)
                if let a = task.appointmentID { facts.tasks[a, default: []].append(task) }
            }
        }
        // The pharmacy task of the course cycle each appointment to prepare holds. When a cycle has more
        // than one, a task not cancelled is preferred, then the latest (highest id): the rows come in that
        // order per appointment, and the first of each is kept.
        for chunk in Self.chunks(preparing) {
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT cs.appointment_id AS held, t.*, p.mrn FROM course_step cs
                JOIN course_step ts ON ts.course_id = cs.course_id AND ts.cycle = cs.cycle AND ts.kind = 'task'
                JOIN task t ON t.id = ts.task_id AND t.team_code = 'pharmacy'
                JOIN patient p ON p.id = t.patient_id
                WHERE cs.appointment_id IN (\(InList.marks(chunk.count)))
                ORDER BY cs.appointment_id, t.status = 'cancelled', t.id DESC
                """), arguments: InList.arguments(chunk)) {
                let held: Int64 = row["held"]
                if facts.screening[held] == nil { facts.screening[held] = try BookingRows.task(row) }
            }
        }
        // A rebooked course appointment holds the step of the one it replaced.
        let prepared = Set(preparing)
        for visit in facts.visits where prepared.contains(visit.appointment.id) && visit.appointment.replacesID != nil
            && facts.screening[visit.appointment.id] == nil {
            guard let step = try booking.courseStep(appointmentID: visit.appointment.id) else { continue }
            if let row = try Row.fetchOne(db, sql: """
                SELECT t.*, p.mrn FROM course_step ts JOIN task t ON t.id = ts.task_id AND t.team_code = 'pharmacy'
                JOIN patient p ON p.id = t.patient_id
                WHERE ts.course_id = ? AND ts.cycle = ? AND ts.kind = 'task'
                ORDER BY t.status = 'cancelled', t.id DESC LIMIT 1
                """, arguments: [step.courseID, step.cycle]) {
                facts.screening[visit.appointment.id] = try BookingRows.task(row)
            }
        }
        // Outcome 2 on the day closed: is the appointment it promised booked? One in the same service, after
        // the day, booked at or after the outcome was recorded (its latest `outcome` line; with none, on or
        // after the day of the clinic) — an appointment the patient already had does not count. One query for the
        // day's outcome-2 appointments (through appointment_by_day, then appointment_by_patient), not one for each.
        let later = try Set(Int64.fetchAll(db.cachedStatement(sql: """
            SELECT o.id FROM appointment o
            WHERE o.date = ?1 AND o.outcome = 2 AND o.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')
              AND EXISTS (SELECT 1 FROM appointment a
                          WHERE a.patient_id = o.patient_id AND a.service_code = o.service_code AND a.date > ?1
                            AND a.status IN ('booked', 'arrived')
                            AND a.booked_at >= COALESCE((SELECT MAX(e.at) FROM appointment_event e
                                                         WHERE e.appointment_id = o.id AND e.action = 'outcome'), ?1))
            """), arguments: [query.date.iso]))
        for visit in facts.visits where visit.appointment.date == query.date && visit.appointment.outcome == .anotherAppointmentGiven {
            let a = visit.appointment
            if later.contains(a.id) {
                facts.laterBookings.insert(visit.appointment.id)
            }
        }
        facts.screenedServices = Set(try String.fetchAll(db, sql: "SELECT code FROM service WHERE pharmacy_screening"))
        facts.notes = try caseNotes(visits: facts.visits, dates: dates,
                                     unfiltered: f.siteCode == nil && f.serviceCode == nil && f.clinicianCode == nil)
        if f.serviceCode == nil && f.clinicianCode == nil { facts.callbacks = try callbacks(on: query.date) }
        if let first = dates.first, let last = dates.last { facts.marks = try latestMarks(from: first, to: last) }
        return facts
    }

    /// The paper volumes of the visits' patients (case_note_volume_by_patient)
    /// and, for those whose items can depend on it (`CaseNoteRules.dependsOnClinics`:
    /// a volume at a clinic or in transit), their clinics (appointments not
    /// cancelled) on the dates read, whatever the checklist's filter (taken from
    /// the visits when there is no filter, read through appointment_by_patient
    /// when there is), 500 patients at a time. Patients with no volumes are left out.
    func caseNotes(visits: [ChecklistFacts.Visit], dates: [LocalDate], unfiltered: Bool) throws -> [Int64: ChecklistFacts.Notes] {
        var notes: [Int64: ChecklistFacts.Notes] = [:]
        guard let first = dates.first, let last = dates.last else { return notes }
        var mrns: [Int64: String] = [:]
        for visit in visits { mrns[visit.appointment.patientID] = visit.appointment.patientMRN }
        for chunk in Self.chunks(mrns.keys.sorted()) {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT id, patient_id, number, location_kind, location_place, moved_at, moved_by FROM case_note_volume
                WHERE patient_id IN (\(InList.marks(chunk.count))) ORDER BY patient_id, number
                """), arguments: InList.arguments(chunk))
            while let row = try rows.next() {
                let id: Int64 = row[0], patient: Int64 = row[1]
                guard let location = CaseNoteLocation(kind: row[3], place: row[4]) else {
                    throw StoreError.unreadable(row: id, column: "location_kind")
                }
                let volume = CaseNoteVolume(id: id, patientID: patient, patientMRN: mrns[patient] ?? "", number: row[2],
                                            location: location, movedAt: PatientRows.date(row[5]) ?? Date(timeIntervalSince1970: 0),
                                            movedBy: row[6])
                notes[patient, default: ChecklistFacts.Notes()].volumes.append(volume)
            }
        }
        let placed = Set(notes.compactMap { CaseNoteRules.dependsOnClinics($0.value.volumes) ? $0.key : nil })
        if unfiltered {
            // The visits are every appointment of the dates that is not cancelled: the clinics are there.
            for visit in visits where placed.contains(visit.appointment.patientID) {
                let a = visit.appointment
                notes[a.patientID]?.clinics[a.date, default: []].append(CaseNoteRules.Clinic(serviceCode: a.serviceCode, siteCode: a.siteCode))
            }
            return notes
        }
        for chunk in Self.chunks(placed.sorted()) {
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT patient_id, date, service_code, site_code FROM appointment
                WHERE patient_id IN (\(InList.marks(chunk.count))) AND date BETWEEN ? AND ?
                  AND status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')
                """), arguments: InList.arguments(chunk) + [first.iso, last.iso])
            while let row = try rows.next() {
                guard let date = LocalDate(iso: row[1]) else { continue }
                notes[row[0]]?.clinics[date, default: []].append(CaseNoteRules.Clinic(serviceCode: row[2], siteCode: row[3]))
            }
        }
        return notes
    }

    /// Which of these patients need an interpreter or another communication professional
    /// (patient_accessible_need, group communication_professional), 500 at a time.
    func needInterpreter(_ patients: [Int64]) throws -> Set<Int64> {
        var found: Set<Int64> = []
        for chunk in Self.chunks(patients) {
            let statement = try db.cachedStatement(sql: """
                SELECT DISTINCT patient_id FROM patient_accessible_need
                WHERE patient_id IN (\(InList.marks(chunk.count))) AND need_group = 'communication_professional'
                """)
            found.formUnion(try Int64.fetchAll(statement, arguments: InList.arguments(chunk)))
        }
        return found
    }

    static func chunks(_ ids: [Int64]) -> [[Int64]] {
        InList.chunks(ids)   // at most 512 ids, padded with repeats to one of a few lengths
    }

    /// The callbacks promised for a date (the latest promise of each enquiry that falls on it), and
    /// what answered that promise: the first line after it that is a callback made, the enquiry closed, or
    /// a new promise (which, the promise being the date's latest, falls on another day: re-arranged).
    func callbacks(on date: LocalDate) throws -> [ChecklistFacts.Callback] {
        let from = PatientRows.timestamp(CentreTime.startOfDay(date))
        let to = PatientRows.timestamp(CentreTime.startOfDay(date.adding(days: 1)))
        var byEnquiry: [Int64: ChecklistFacts.Callback] = [:]
        var order: [Int64] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT e.id, e.patient_id, p.mrn, p.family_name, p.given_names, p.title,
                   EXISTS (SELECT 1 FROM patient_restriction r WHERE r.patient_id = p.id) AS restricted,
                   e.caller_name, s.default_site, ev.due_at, e.team_code,
                   c.kind AS answer, c.user_login AS answered_by, c.at AS answered_at, c.due_at AS moved_to
            FROM enquiry_event ev INDEXED BY enquiry_event_callback_due
            JOIN enquiry e ON e.id = ev.enquiry_id
            LEFT JOIN patient p ON p.id = e.patient_id
            LEFT JOIN staff s ON s.login = e.taken_by
            LEFT JOIN enquiry_event c ON c.id = (SELECT n.id FROM enquiry_event n WHERE n.enquiry_id = e.id AND n.id > ev.id
                                                   AND n.kind IN ('called_back', 'closed', 'callback_due', 'referred', 'escalated')
                                                   ORDER BY n.id LIMIT 1)
            WHERE ev.kind = 'callback_due' AND ev.due_at >= ? AND ev.due_at < ?
            ORDER BY ev.id
            """, arguments: [from, to]) {
            let id: Int64 = row["id"]
            guard let due = PatientRows.date(row["due_at"]) else { continue }
            if byEnquiry[id] == nil { order.append(id) }
            var callback = ChecklistFacts.Callback(enquiryID: id, patientID: row["patient_id"], patientMRN: row["mrn"],
                                                   callerName: row["caller_name"], dueAt: due, siteCode: row["default_site"])
            // The patient's name as every checklist line gives it (a restricted record: its hospital number only).
            if let family: String = row["family_name"], !(row["restricted"] as Bool? ?? false) {
                callback.patientName = Patient.displayName(family: family, given: row["given_names"] ?? "", title: row["title"])
            } else {
                callback.patientName = row["mrn"]
            }
            let answer: String? = row["answer"]
            let by: String? = row["answered_by"]
            let at = (row["answered_at"] as String?).flatMap(PatientRows.date)
            if answer == EnquiryEvent.Kind.callbackDue.rawValue {
                callback.movedTo = (row["moved_to"] as String?).flatMap(PatientRows.date)
                callback.movedBy = by; callback.movedAt = at
            } else if answer == EnquiryEvent.Kind.referred.rawValue || answer == EnquiryEvent.Kind.escalated.rawValue {
                // Handed over (the referral or escalation clears the promise): the callback is the new owner's now.
                let team: String? = row["team_code"]
                callback.handedOver = answer == EnquiryEvent.Kind.escalated.rawValue
                    ? "escalated to the Assistant Service Manager" : "referred to \(team ?? "another team")"
                callback.madeBy = by; callback.madeAt = at
            } else if answer != nil {
                callback.madeBy = by; callback.madeAt = at
            }
            byEnquiry[id] = callback
        }
        return order.compactMap { byEnquiry[$0] }
    }

    /// Read from a cursor by column number (the rows of a 2,000-appointment day's marks
    /// looked up by name cost more than the query).
    func latestMarks(from: LocalDate, to: LocalDate) throws -> [String: ChecklistMark] {
        var marks: [String: ChecklistMark] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, item_id, item_date, action, reason, user_login, at, patient_id FROM checklist_mark
            WHERE item_date BETWEEN ? AND ? ORDER BY item_id, id
            """, arguments: [from.iso, to.iso])
        while let row = try rows.next() {
            let id: String = row[1]
            guard let date = LocalDate(iso: row[2]), let action = ChecklistMark.Action(rawValue: row[3]) else {
                throw StoreError.unreadable(row: row[0], column: "checklist_mark")
            }
            marks[id] = ChecklistMark(itemID: id, itemDate: date, action: action, reason: row[4], by: row[5],
                                      at: PatientRows.date(row[6]) ?? Date(timeIntervalSince1970: 0), patientID: row[7])
        }
        return marks
    }

    static func mark(_ row: Row) throws -> ChecklistMark {
        guard let date = LocalDate(iso: row["item_date"]), let action = ChecklistMark.Action(rawValue: row["action"]) else {
            throw StoreError.unreadable(row: row["id"], column: "checklist_mark")
        }
        return ChecklistMark(itemID: row["item_id"], itemDate: date, action: action, reason: row["reason"], by: row["user_login"],
                             at: PatientRows.date(row["at"]) ?? Date(timeIntervalSince1970: 0), patientID: row["patient_id"],
                             mergedFrom: row["merged_from"])
    }

    func marks(itemID: String) throws -> [ChecklistMark] {
        try Row.fetchAll(db, sql: "SELECT * FROM checklist_mark WHERE item_id = ? ORDER BY id", arguments: [itemID]).map(Self.mark)
    }

    // MARK: sign-off

    func signOff(date: LocalDate, siteCode: String) throws -> ChecklistSignOff? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM checklist_signoff WHERE date = ? AND site_code = ?",
                                         arguments: [date.iso, siteCode]) else { return nil }
        let text: String = row["report"]
        let report: Checklist
        do { report = try JSONDecoder().decode(Checklist.self, from: Data(text.utf8)) } catch {
            throw StoreError.unreadable(row: 0, column: "checklist_signoff.report")
        }
        return ChecklistSignOff(date: date, siteCode: row["site_code"], signedBy: row["signed_by"],
                                signedAt: PatientRows.date(row["signed_at"]) ?? Date(timeIntervalSince1970: 0),
                                auditRowID: row["audit_row"], auditHash: row["audit_hash"], report: report)
    }

    func signatures(date: LocalDate) throws -> [ChecklistSignature] {
        try Row.fetchAll(db, sql: "SELECT site_code, signed_by, signed_at FROM checklist_signoff WHERE date = ? ORDER BY site_code",
                         arguments: [date.iso]).map { row in
            ChecklistSignature(date: date, siteCode: row["site_code"], signedBy: row["signed_by"],
                               signedAt: PatientRows.date(row["signed_at"]) ?? Date(timeIntervalSince1970: 0))
        }
    }

    func notSignedOff(from: LocalDate, to: LocalDate) throws -> [ChecklistDaySite] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT a.date, a.site_code FROM appointment a
            WHERE a.date BETWEEN ? AND ? AND a.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')
              AND NOT EXISTS (SELECT 1 FROM checklist_signoff s WHERE s.date = a.date AND s.site_code = a.site_code)
            ORDER BY a.date, a.site_code
            """, arguments: [from.iso, to.iso]).compactMap { row in
            LocalDate(iso: row["date"]).map { ChecklistDaySite(date: $0, siteCode: row["site_code"]) }
        }
    }

    func restricted(patientIDs: [Int64]) throws -> Set<Int64> {
        var found: Set<Int64> = []
        for chunk in Self.chunks(patientIDs) {
            found.formUnion(try Int64.fetchAll(db, sql: """
                SELECT p.id FROM patient p
                WHERE p.id IN (\(databaseQuestionMarks(count: chunk.count)))
                  AND (EXISTS (SELECT 1 FROM patient_restriction r WHERE r.patient_id = p.id)
                       OR EXISTS (SELECT 1 FROM patient_merge m JOIN patient_restriction r ON r.patient_id = m.kept_id
                                  WHERE m.duplicate_id = p.id))
                """, arguments: StatementArguments(chunk)))
        }
        return found
    }

    func siteExists(_ code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM site WHERE code = ?", arguments: [DiaryCode.normalised(code)]) != nil
    }

    func serviceExists(_ code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM service WHERE code = ?", arguments: [DiaryCode.normalised(code)]) != nil
    }

    func clinicianExists(_ code: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM clinician WHERE code = ?", arguments: [DiaryCode.normalised(code)]) != nil
    }

    func latestAudit() throws -> (id: Int64, hash: String)? {
        try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").map { ($0["id"], $0["hash"]) }
    }

    // MARK: writes

    /// A patient merge (`PatientStore.merge`, inside its transaction): the duplicate's checklist marks
    /// move to the record kept. Each keeps its row, who, when, what and why; an item about one patient in
    /// one session (`N-…-s<session>p<duplicate>`) becomes the kept record's (`…p<kept>`), its id as marked
    /// kept in merged_from. When the kept record has marks on that item too (both booked in the session),
    /// the two histories become one, in the order they were made: the latest counts. The table's trigger
    /// allows this move and nothing else (v16). Returns how many marks moved.
    static func followMerge(_ db: Database, keptID: Int64, duplicateID: Int64) throws -> Int {
        let old = "p\(duplicateID)", new = "p\(keptID)"
        try db.execute(sql: """
            UPDATE checklist_mark SET
                patient_id = ?,
                item_id = CASE WHEN substr(item_id, -length(?)) = ? THEN substr(item_id, 1, length(item_id) - length(?)) || ?
                               ELSE item_id END,
                merged_from = CASE WHEN substr(item_id, -length(?)) = ? THEN COALESCE(merged_from, item_id) ELSE merged_from END
            WHERE patient_id = ?
            """, arguments: [keptID, old, old, old, new, old, old, duplicateID])
        return db.changesCount
    }

    func appendMark(_ m: ChecklistMark) throws {
        try db.execute(sql: """
            INSERT INTO checklist_mark (item_id, item_date, action, reason, user_login, at, patient_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [m.itemID, m.itemDate.iso, m.action.rawValue, m.reason, m.by, PatientRows.timestamp(m.at), m.patientID])
    }

    /// The report as stored: JSON with sorted keys (the same value gives the same text).
    static func reportText(_ report: Checklist) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    static func digest(_ text: String) -> String { AuditChain.hex(SHA256.hash(data: Data(text.utf8))) }

    func reportDigest(_ report: Checklist) throws -> String { Self.digest(try Self.reportText(report)) }

    func seal(date: LocalDate, siteCode: String) throws -> ChecklistSeal? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT s.report, a.detail, a.hash FROM checklist_signoff s LEFT JOIN audit_event a ON a.id = s.audit_row
            WHERE s.date = ? AND s.site_code = ?
            """, arguments: [date.iso, siteCode]) else { return nil }
        return ChecklistSeal(reportDigest: Self.digest(row[0]), auditDetail: row[1], auditHash: row[2])
    }

    func insertSignOff(_ s: ChecklistSignOff) throws {
        let report = try Self.reportText(s.report)
        try db.execute(sql: """
            INSERT INTO checklist_signoff (date, site_code, signed_by, signed_at, audit_row, audit_hash, items, deferred, report)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [s.date.iso, s.siteCode, s.signedBy, PatientRows.timestamp(s.signedAt), s.auditRowID, s.auditHash,
                             s.report.items.count, s.report.progress.deferred, report])
    }

    func appendAudit(_ entry: AuditEntry) throws { try patients.append(db, entry) }
}
