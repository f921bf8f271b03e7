import Foundation
import GRDB
import FrontDeskDomain

/// Courses, their steps and patients' booking preferences.
extension BookingRows {
    func brokeGlass(patientID: Int64, user: String, since: Date) throws -> Bool {
        try PatientRows.brokeGlass(db, patientID: patientID, user: user, since: since)
    }

    func storedProtocol(code: String, version: Int?) throws -> StoredProtocol? {
        try ProtocolStore.stored(db, code: code, version: version)
    }

    func preferences(patientID: Int64) throws -> BookingPreferences {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM patient_preference WHERE patient_id = ?", arguments: [patientID]) else {
            return .none
        }
        let days: String = row["unavailable_weekdays"], away: String = row["unavailable_dates"]
        let notBefore: String? = row["not_before"], notAfter: String? = row["not_after"]
        do {
            return try BookingPreferences(fields: .init(unavailableDays: days, notBefore: notBefore ?? "", notAfter: notAfter ?? "",
                                                        away: away))
        } catch {
            throw StoreError.unreadable(row: patientID, column: "patient_preference")
        }
    }

    func setPreferences(_ p: BookingPreferences, patientID: Int64, by user: String, at: Date) throws {
        if p.isEmpty {
            try db.execute(sql: "DELETE FROM patient_preference WHERE patient_id = ?", arguments: [patientID])
            return
        }
        let f = p.fields
        try db.execute(sql: """
            INSERT INTO patient_preference (patient_id, unavailable_weekdays, not_before, not_after, unavailable_dates, updated_by, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(patient_id) DO UPDATE SET unavailable_weekdays = excluded.unavailable_weekdays,
                not_before = excluded.not_before, not_after = excluded.not_after,
                unavailable_dates = excluded.unavailable_dates, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """, arguments: [patientID, f.unavailableDays, f.notBefore.isEmpty ? nil : f.notBefore,
                             f.notAfter.isEmpty ? nil : f.notAfter, f.away, user, PatientRows.timestamp(at)])
    }

    static let courseColumns = """
        c.id, c.patient_id, p.mrn, c.protocol_code, c.protocol_version, tp.name, c.start_date, c.status, c.stop_reason,
        c.booked_by, c.booked_at
        """
    static let courseFrom = """
        FROM course c JOIN patient p ON p.id = c.patient_id
        JOIN treatment_protocol tp ON tp.code = c.protocol_code AND tp.version = c.protocol_version
        """

    static func course(_ row: Row) throws -> Course {
        let id: Int64 = row[0]
        guard let start = LocalDate(iso: row[6]) else { throw StoreError.unreadable(row: id, column: "start_date") }
        return Course(id: id, patientID: row[1], patientMRN: row[2], protocolCode: row[3], protocolVersion: row[4],
                      protocolName: row[5], startDate: start, status: Course.Status(rawValue: row[7]) ?? .active,
                      stopReason: row[8], bookedBy: row[9], bookedAt: PatientRows.date(row[10]) ?? Date(timeIntervalSince1970: 0))
    }

    func course(id: Int64) throws -> Course? {
        try Row.fetchOne(db, sql: "SELECT \(Self.courseColumns) \(Self.courseFrom) WHERE c.id = ?", arguments: [id]).map(Self.course)
    }

    func courses(patientID: Int64) throws -> [Course] {
        try Row.fetchAll(db, sql: "SELECT \(Self.courseColumns) \(Self.courseFrom) WHERE c.patient_id = ? ORDER BY c.start_date DESC, c.id DESC",
                         arguments: [patientID]).map(Self.course)
    }

    static func courseStep(_ row: Row) throws -> CourseStep {
        guard let date = LocalDate(iso: row["planned_date"]) else {
            throw StoreError.unreadable(row: row["course_id"], column: "planned_date")
        }
        return CourseStep(courseID: row["course_id"], cycle: row["cycle"], step: row["step"], instance: row["instance"],
                          kind: ProtocolStep.Kind(rawValue: row["kind"]) ?? .appointment, appointmentID: row["appointment_id"],
                          taskID: row["task_id"], plannedDate: date, overrideReason: row["override_reason"])
    }

    func courseSteps(courseID: Int64) throws -> [CourseStep] {
        // Stored in the order they were planned (the protocol's): rowid order is
        // not kept by a WITHOUT ROWID table, so the planned order is rebuilt by the caller.
        try Row.fetchAll(db, sql: "SELECT * FROM course_step WHERE course_id = ? ORDER BY cycle, planned_date, step, instance",
                         arguments: [courseID]).map(Self.courseStep)
    }

    func courseStep(appointmentID: Int64) throws -> CourseStep? {
        // Walk back through the rebookings to the appointment the course booked.
        var id: Int64? = appointmentID
        var seen = 0
        while let current = id, seen < 100 {
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM course_step WHERE appointment_id = ?", arguments: [current]) {
                return try Self.courseStep(row)
            }
            id = try Int64.fetchOne(db, sql: "SELECT replaces_id FROM appointment WHERE id = ?", arguments: [current])
            seen += 1
        }
        return nil
    }

    func insertCourse(_ c: Course) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO course (patient_id, protocol_code, protocol_version, start_date, status, stop_reason, booked_by, booked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [c.patientID, c.protocolCode, c.protocolVersion, c.startDate.iso, c.status.rawValue, c.stopReason,
                             c.bookedBy, PatientRows.timestamp(c.bookedAt)])
        return db.lastInsertedRowID
    }

    func insertCourseStep(_ s: CourseStep) throws {
        try db.execute(sql: """
            INSERT INTO course_step (course_id, cycle, step, instance, kind, appointment_id, task_id, planned_date, override_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [s.courseID, s.cycle, s.step, s.instance, s.kind.rawValue, s.appointmentID, s.taskID,
                             s.plannedDate.iso, s.overrideReason])
    }

    func updateCourseStep(_ s: CourseStep) throws {
        try db.execute(sql: """
            UPDATE course_step SET appointment_id = ?, task_id = ?, planned_date = ?, override_reason = ?
            WHERE course_id = ? AND cycle = ? AND step = ? AND instance = ?
            """, arguments: [s.appointmentID, s.taskID, s.plannedDate.iso, s.overrideReason, s.courseID, s.cycle, s.step, s.instance])
    }

    func stopCourse(id: Int64, reason: String) throws {
        try db.execute(sql: "UPDATE course SET status = 'stopped', stop_reason = ? WHERE id = ? AND status = 'active'",
                       arguments: [reason, id])
    }

    func noteOpenEnquiries(patientID: Int64, user: String, at: Date, note: String) throws -> Int {
        try db.execute(sql: """
            INSERT INTO enquiry_event (enquiry_id, at, user_login, kind, from_status, to_status, detail)
            SELECT id, ?, ?, 'note', status, status, ? FROM enquiry WHERE patient_id = ? AND status != 'closed' ORDER BY id
            """, arguments: [PatientRows.timestamp(at), user, note, patientID])
        return db.changesCount
    }

    func stopCourses(patientID: Int64, reason: String) throws {
        try db.execute(sql: "UPDATE course SET status = 'stopped', stop_reason = ? WHERE patient_id = ? AND status = 'active'",
                       arguments: [reason, patientID])
    }
}
