import Foundation
import GRDB
import FrontDeskDomain

/// Bulk loading of a whole diary (the demo centre, the benchmark's two years):
/// one IMMEDIATE transaction, prepared statements bound through the C API
/// (`Statement.run`), each slot stored with its `booked` count already
/// computed (the appointments that hold a place), so no row is written twice.
extension BookingStore: DiaryBulkRepository {
    public func livingPatientIDs() throws -> [Int64] {
        try database.writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT id FROM patient WHERE date_of_death IS NULL
                AND id NOT IN (SELECT duplicate_id FROM patient_merge) ORDER BY id
                """)
        }
    }

    public func hasClinicSetup() throws -> Bool {
        try database.writer.read { db in try Self.hasClinicSetup(db) }
    }

    static func hasClinicSetup(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM site) OR EXISTS (SELECT 1 FROM service) OR EXISTS (SELECT 1 FROM clinician)
            """) ?? false
    }

    public func loadDiary(_ load: DiaryBulkLoad, progress: ((Int, Int) -> Void)?) throws -> DiaryBulkCounts {
        // As for the patient bulk load: a large page cache for this connection,
        // and the log copied into the file once at the end, not at every 1,000 pages.
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 100000")
        }
        defer {
            _ = try? database.writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000")
            }
        }
        return try database.writer.write { db in
            if try Self.hasClinicSetup(db) {
                throw BookingError(field: "centre", "the database already has sites, services or clinicians: "
                                 + "a diary is bulk-loaded only into an empty clinic set-up")
            }
            var counts = DiaryBulkCounts()
            for site in load.sites {
                try db.execute(sql: "INSERT INTO site (code, name, active) VALUES (?, ?, ?)", arguments: [site.code, site.name, site.active])
            }
            for s in load.services {
                try db.execute(sql: """
                    INSERT INTO service (code, name, default_minutes, attendance, mode, active, pharmacy_screening) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [s.code, s.name, s.defaultMinutes, s.attendance.rawValue, s.mode.rawValue, s.active, s.pharmacyScreening])
            }
            for c in load.clinicians {
                try db.execute(sql: "INSERT INTO clinician (code, name, role, active) VALUES (?, ?, ?, ?)",
                               arguments: [c.code, c.name, c.role.rawValue, c.active])
            }
            counts.sites = load.sites.count; counts.services = load.services.count; counts.clinicians = load.clinicians.count
            let rows = BookingRows(db: db, patients: patients)
            let at = load.at
            var templates: [SessionTemplate] = []
            for var template in load.templates {
                template.id = try rows.insertTemplate(template, by: load.user, at: at)
                templates.append(template)
            }
            counts.templates = templates.count

            let sessions = try load.plan(templates)
            let insertSession = try db.makeStatement(sql: """
                INSERT INTO clinic_session (template_id, date, start_time, end_time, site_code, service_code, clinician_code,
                    cancel_reason, cancelled_by, cancelled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertSlot = try db.makeStatement(sql: """
                INSERT INTO slot (session_id, date, start_time, end_time, service_code, site_code, clinician_code, capacity, booked, open)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertAppointment = try db.makeStatement(sql: """
                INSERT INTO appointment (patient_id, slot_id, session_id, service_code, clinician_code, site_code, date, start_time,
                    end_time, priority, attendance, referral_source, transport, mobility, note, status, outcome, walk_in,
                    overbook_reason, cancelled_by, cancel_reason, cancel_text, replaces_id, replaced_by_id, booked_by, booked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertEvent = try db.makeStatement(sql: """
                INSERT INTO appointment_event (appointment_id, at, user_login, action, from_status, to_status, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let step = max(1, sessions.count / 200)
            for (index, session) in sessions.enumerated() {
                let fill = try load.fill(session)
                let date = session.date.iso, start = session.start.display, end = session.end.display
                let c = fill.cancellation
                try insertSession.run(db, [session.templateID.map { .int(Int($0)) } ?? .null, .text(date), .text(start), .text(end),
                                           .text(session.siteCode), .text(session.serviceCode), .text(session.clinicianCode),
                                           .text(c?.reason), .text(c?.by), .text(c.map { Self.timestamp($0.at) })])
                let sessionID = db.lastInsertedRowID
                counts.sessions += 1
                if c != nil { counts.cancelledSessions += 1 }
                for (slotIndex, slot) in session.slots.enumerated() {
                    let bookings = slotIndex < fill.slots.count ? fill.slots[slotIndex] : []
                    let holding = bookings.lazy.filter { $0.appointment.status.holdsPlace }.count
                    guard holding <= slot.capacity else {
                        throw BookingError(field: "slot", "\(holding) appointments for a slot of \(slot.capacity) on \(date) "
                                         + "\(slot.start.display) (\(session.serviceCode)): a slot never holds more than its capacity")
                    }
                    let slotStart = slot.start.display, slotEnd = slot.end.display
                    try insertSlot.run(db, [.int(Int(sessionID)), .text(date), .text(slotStart), .text(slotEnd), .text(session.serviceCode),
                                            .text(session.siteCode), .text(session.clinicianCode), .int(slot.capacity), .int(holding),
                                            .int(c == nil ? 1 : 0)])
                    let slotID = db.lastInsertedRowID
                    counts.slots += 1
                    counts.places += slot.capacity
                    for booking in bookings {
                        let a = booking.appointment
                        let bookedAt = Self.timestamp(a.bookedAt)
                        try insertAppointment.run(db, [
                            .int(Int(a.patientID)), .int(Int(slotID)), .int(Int(sessionID)), .text(a.serviceCode), .text(a.clinicianCode),
                            .text(a.siteCode), .text(date), .text(slotStart), .text(slotEnd), .text(a.priority.rawValue),
                            .text(a.attendance.rawValue), .text(a.referralSource?.rawValue), .text(a.transport.rawValue),
                            .text(a.mobility?.rawValue), .text(a.note), .text(a.status.rawValue), a.outcome.map { .int($0.rawValue) } ?? .null,
                            .int(a.walkIn ? 1 : 0), .text(a.overbookReason), .text(a.cancelledBy?.rawValue), .text(a.cancelReason?.rawValue),
                            .text(a.cancelText), .null, .null, .text(a.bookedBy), .text(bookedAt)])
                        let appointmentID = db.lastInsertedRowID
                        let e = booking.event
                        try insertEvent.run(db, [.int(Int(appointmentID)), .text(Self.timestamp(e.at)), .text(e.user), .text(e.action.rawValue),
                                                 .text(e.fromStatus?.rawValue), .text(e.toStatus?.rawValue), .text(e.detail)])
                        counts.appointments += 1
                        if a.status.holdsPlace { counts.holdingPlace += 1 }
                        if a.status == .booked { counts.booked += 1 }
                    }
                }
                if let progress, index % step == 0 { progress(index, sessions.count) }
            }
            counts.tasks = try load.after(rows)
            try patients.append(db, load.audit(counts))
            progress?(sessions.count, sessions.count)
            return counts
        }
    }

    /// The text `PatientRows.timestamp` writes (`2026-11-24T09:15:00.000Z`,
    /// UTC), built by hand: a formatter costs microseconds a call, and a bulk
    /// load writes two for every appointment.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
        let rest = milliseconds - days * 86_400_000
        let seconds = rest / 1000
        return LocalDate(dayNumber: days).iso + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
            + pad(seconds % 60, 2) + "." + pad(rest % 1000, 3) + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
