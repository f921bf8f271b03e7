import Foundation

extension BookingService {
    // MARK: importing sessions

    /// Imports the sessions of a CSV file (header first) with their slots.
    /// Every row is validated first (`SessionImport`); then, in one write
    /// transaction, each row's service, site and clinician must exist and be
    /// active, and a row naming a session already held (same date, start,
    /// site, service and clinician) is reported as a duplicate, not doubled.
    /// The rows kept are written together or not at all, with one audit entry
    /// for the import. Managers only (`manage_clinics`).
    public func importSessions(records: [(line: Int, fields: [String])], by user: ActingUser,
                               progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> SessionImportReport {
        try access.require(.manageClinics, user)
        if let header = records.first {
            let problems = SessionImport.headerProblems(header.fields)
            if !problems.isEmpty { throw ValidationError(problems) }
        }
        let batch = SessionImport(records: records)
        let at = clock.now
        return try booking.write { tx in
            var report = SessionImportReport(rejected: batch.rejected, duplicates: batch.duplicates,
                                             ignoredColumns: batch.ignoredColumns)
            var codes = CodeCache()
            for (index, row) in batch.rows.enumerated() {
                progress?(index + 1, batch.rows.count)
                let s = row.session
                let problems = try codes.problems(tx, service: s.serviceCode, site: s.siteCode, clinician: s.clinicianCode,
                                                  activeOnly: true)
                if !problems.isEmpty {
                    report.rejected += problems.map { .init(line: row.line, field: $0.field, reason: $0.reason) }
                    continue
                }
                let held = try tx.sessions(SessionQuery(from: s.date, to: s.date, serviceCode: s.serviceCode,
                                                        siteCode: s.siteCode, clinicianCode: s.clinicianCode))
                if let same = held.first(where: { $0.start == s.start }) {
                    report.duplicates.append(.init(line: row.line, heldID: same.id, what: row.what))
                    continue
                }
                let id = try tx.insertSession(s)
                report.sessions.append(.init(line: row.line, sessionID: id, slots: s.slots.count))
            }
            if !report.sessions.isEmpty {
                let dates = batch.rows.filter { r in report.sessions.contains { $0.line == r.line } }.map(\.session.date)
                try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .diary, patientID: nil,
                                              detail: "imported \(report.imported) session\(report.imported == 1 ? "" : "s") "
                                                  + "(\(report.slots) slots, \(dates.min()!.display) to \(dates.max()!.display)) from a file: "
                                                  + "sessions \(BookingService.idList(report.sessions.map(\.sessionID)))"))
            }
            report.rejected = BookingService.byLine(report.rejected, \.line)
            report.duplicates = BookingService.byLine(report.duplicates, \.line)
            return report
        }
    }

    /// Sorted by line, keeping the order of a line's problems (a stable sort).
    static func byLine<T>(_ items: [T], _ line: (T) -> Int) -> [T] {
        items.enumerated().sorted { (line($0.element), $0.offset) < (line($1.element), $1.offset) }.map(\.element)
    }

    /// `3–7, 9`: ids in runs.
    static func idList(_ ids: [Int64]) -> String {
        var runs: [String] = []
        var index = 0
        let sorted = ids.sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            runs.append(end == index ? "\(sorted[index])" : "\(sorted[index])–\(sorted[end])")
            index = end + 1
        }
        return runs.joined(separator: ", ")
    }

    // MARK: importing appointments

    /// Imports the appointments of a CSV file (header first), moving from
    /// another system. Every row is validated first (`AppointmentImport`);
    /// then, in one write transaction, row by row:
    ///
    /// - the patient is found by `mrn` or `nhs_number` (both, when given, must
    ///   name the same record); the service, site and clinician must exist;
    /// - a row repeating an earlier row, or an appointment already held (same
    ///   patient, date, start, service, site and clinician), is a duplicate;
    /// - a past appointment (and a cancelled one) is history: it keeps its
    ///   recorded status, with no capacity or past checks and no tasks; it
    ///   joins the matching session and slot (same date, site, service,
    ///   clinician, slot start) when there is one, else it is stored without a
    ///   slot, ending after the service's default minutes;
    /// - a future booked appointment must land in an open slot that starts at
    ///   its time in a matching session, with a free place, the patient alive
    ///   and with no overlapping appointment (the booking rules); it gets the
    ///   interpreter task a booking would.
    ///
    /// Each appointment imported gets an `imported` event on its trail and a
    /// `book` audit entry for its patient. The rows kept commit together or
    /// not at all. Needs `book_appointments`.
    public func importAppointments(records: [(line: Int, fields: [String])], by user: ActingUser,
                                   progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> AppointmentImportReport {
        try access.require(.bookAppointments, user)
        if let header = records.first {
            let problems = AppointmentImport.headerProblems(header.fields)
            if !problems.isEmpty { throw ValidationError(problems) }
        }
        let s = try stamp(user)
        let batch = AppointmentImport(records: records, today: s.today, now: s.time)
        return try booking.write { tx in
            var report = AppointmentImportReport(rejected: batch.rejected, ignoredColumns: batch.ignoredColumns)
            var codes = CodeCache()
            /// Rows kept so far, by what makes an appointment the same one.
            var seen: [AppointmentKey: Int] = [:]
            for (index, row) in batch.rows.enumerated() {
                progress?(index + 1, batch.rows.count)
                func reject(_ field: String, _ reason: String) {
                    report.rejected.append(.init(line: row.line, field: field, reason: reason))
                }
                // The patient.
                var problems: [FieldError] = []
                var byMRN: Patient?, byNHS: Patient?
                if let mrn = row.mrn {
                    byMRN = try tx.patient(reference: mrn)
                    if byMRN == nil { problems.append(FieldError(field: "mrn", reason: "no patient has hospital number \(mrn)")) }
                }
                if let nhs = row.nhsNumber {
                    byNHS = try tx.patient(reference: nhs.digits)
                    if byNHS == nil { problems.append(FieldError(field: "nhs_number", reason: "no patient has NHS number \(nhs.formatted)")) }
                }
                if let a = byMRN, let b = byNHS, a.id != b.id {
                    problems.append(FieldError(field: "nhs_number", reason: "is the NHS number of \(b.mrn), not of \(a.mrn) (the row's mrn)"))
                }
                problems += try codes.problems(tx, service: row.serviceCode, site: row.siteCode, clinician: row.clinicianCode,
                                               activeOnly: row.isBooking)
                guard problems.isEmpty, let patient = byMRN ?? byNHS, let patientID = patient.id,
                      let service = try codes.service(tx, row.serviceCode) else {
                    report.rejected += problems.map { .init(line: row.line, field: $0.field, reason: $0.reason) }
                    continue
                }
                // Duplicates: an earlier row, or an appointment held.
                let key = AppointmentKey(patientID: patientID, date: row.date, start: row.start, serviceCode: row.serviceCode,
                                         siteCode: row.siteCode, clinicianCode: row.clinicianCode)
                let what = "appointment \(patient.mrn) \(row.what)"
                if let earlier = seen[key] {
                    report.duplicates.append(.init(line: row.line, earlierLine: earlier, what: what))
                    continue
                }
                let sameDay = try tx.appointments(patientID: patientID, on: row.date)
                if let held = sameDay.first(where: {
                    $0.start == row.start && $0.serviceCode == row.serviceCode && $0.siteCode == row.siteCode
                        && $0.clinicianCode == row.clinicianCode
                        && ($0.status == row.status || ($0.status.holdsPlace && row.status.holdsPlace))
                }) {
                    report.duplicates.append(.init(line: row.line, heldID: held.id, what: what))
                    continue
                }
                if let died = patient.dateOfDeath, row.date > died, !row.status.isCancelled {
                    reject(row.patientField, "\(patient.mrn) died on \(died.display): an appointment on \(row.date.display) "
                           + "can only be recorded as cancelled")
                    continue
                }
                // Where it goes.
                let sessions = try tx.sessions(SessionQuery(from: row.date, to: row.date, serviceCode: row.serviceCode,
                                                            siteCode: row.siteCode, clinicianCode: row.clinicianCode))
                    .filter { $0.start <= row.start && row.start < $0.end }
                let session = sessions.first(where: { !$0.isCancelled }) ?? sessions.first
                let slot = try session.flatMap { try BookingService.slot(tx, in: $0, startingAt: row.start) }
                var end = slot?.end
                if row.isBooking {
                    guard let session else {
                        reject("start", "there is no \(row.serviceCode) session at \(row.siteCode) with \(row.clinicianCode) "
                               + "on \(row.date.display) at \(row.start.display) to book into (import the session first: "
                               + "frontdesk import sessions)")
                        continue
                    }
                    if let cancelled = session.cancellation {
                        reject("date", "session \(session.id) (\(row.date.display) \(session.start.display)–\(session.end.display)) "
                               + "was cancelled by \(cancelled.by): \(cancelled.reason)")
                        continue
                    }
                    guard let found = slot, found.open else {
                        reject("start", "session \(session.id) (\(session.start.display)–\(session.end.display)) has no open slot "
                               + "starting at \(row.start.display)")
                        continue
                    }
                    if found.isFull {
                        reject("start", "slot \(found.id) (\(found.whenText)) is full, \(found.booked) of \(found.capacity) taken")
                        continue
                    }
                    if let clash = try BookingService.clash(tx, patientID: patientID, date: found.date, start: found.start, end: found.end) {
                        reject("start", "\(patient.mrn) already has \(clash.serviceCode) at \(clash.whenText) "
                               + "(appointment \(clash.id)), which overlaps \(found.whenText)")
                        continue
                    }
                }
                if end == nil {
                    end = row.start.adding(minutes: service.defaultMinutes) ?? ClockTime(hour: 23, minute: 59)!
                }
                var appointment = Appointment(
                    id: 0, patientID: patientID, patientMRN: patient.mrn, slotID: slot?.id, sessionID: session?.id,
                    serviceCode: row.serviceCode, clinicianCode: row.clinicianCode, siteCode: row.siteCode, date: row.date,
                    start: row.start, end: end!, priority: row.priority, attendance: service.attendance, status: row.status,
                    cancelledBy: row.status == .cancelledByPatient ? .patient : row.status == .cancelledByHospital ? .hospital : nil,
                    bookedBy: s.user, bookedAt: s.at)
                appointment.id = try tx.insertAppointment(appointment)
                let placed = slot.map { "slot \($0.id)" } ?? (session.map { "session \($0.id), no slot" } ?? "no slot in this diary")
                let detail = "imported appointment \(appointment.id): \(row.serviceCode) \(appointment.whenText) with \(row.clinicianCode) "
                    + "at \(row.siteCode), \(row.status.label) (\(placed); file line \(row.line))"
                try tx.appendEvent(AppointmentEvent(appointmentID: appointment.id, at: s.at, user: s.user, action: .imported,
                                                    fromStatus: nil, toStatus: row.status, detail: detail))
                try tx.appendAudit(AuditEntry(occurredAt: s.at, user: s.user, action: .book, patientID: patientID,
                                              patientMRN: patient.mrn, detail: detail))
                if row.isBooking {
                    report.tasks += try BookingService.needTasks(tx, patient: patient, appointment: appointment, s).count
                }
                seen[key] = row.line
                report.appointments.append(.init(line: row.line, appointmentID: appointment.id, mrn: patient.mrn, status: row.status,
                                                 slotID: slot?.id, sessionID: session?.id))
            }
            report.rejected = BookingService.byLine(report.rejected, \.line)
            report.duplicates = BookingService.byLine(report.duplicates, \.line)
            return report
        }
    }

    struct AppointmentKey: Hashable {
        var patientID: Int64
        var date: LocalDate
        var start: ClockTime
        var serviceCode: String
        var siteCode: String
        var clinicianCode: String
    }

    /// The slot of `session` that starts at `start`, full or not, open or not.
    ///
    /// The reader has no "slots of a session": a free, open slot is found
    /// among the free slots, and a full or closed one through the
    /// appointments that hold it (a slot with no appointment is never full).
    static func slot(_ tx: any BookingReader, in session: ClinicSession, startingAt start: ClockTime) throws -> Slot? {
        let free = try tx.freeSlots(SlotQuery(serviceCode: session.serviceCode, from: session.date, notBefore: start,
                                              siteCode: session.siteCode, clinicianCode: session.clinicianCode,
                                              limit: 50, through: session.date))
        if let found = free.first(where: { $0.sessionID == session.id && $0.start == start }) { return found }
        for appointment in try tx.appointments(sessionID: session.id) where appointment.start == start {
            if let id = appointment.slotID, let slot = try tx.slot(id: id), slot.start == start { return slot }
        }
        return nil
    }
}

/// Services, sites and clinicians looked up once per import.
struct CodeCache {
    var services: [String: Service?] = [:]
    var sites: [String: Site?] = [:]
    var clinicians: [String: Clinician?] = [:]

    mutating func service(_ tx: any BookingReader, _ code: String) throws -> Service? {
        if let known = services[code] { return known }
        let found = try tx.service(code: code)
        services[code] = .some(found)
        return found
    }

    mutating func site(_ tx: any BookingReader, _ code: String) throws -> Site? {
        if let known = sites[code] { return known }
        let found = try tx.site(code: code)
        sites[code] = .some(found)
        return found
    }

    mutating func clinician(_ tx: any BookingReader, _ code: String) throws -> Clinician? {
        if let known = clinicians[code] { return known }
        let found = try tx.clinician(code: code)
        clinicians[code] = .some(found)
        return found
    }

    /// Every code that is not set up (or, with `activeOnly`, no longer active), with its field and the rule.
    mutating func problems(_ tx: any BookingReader, service: String, site: String, clinician: String,
                           activeOnly: Bool) throws -> [FieldError] {
        var problems: [FieldError] = []
        if let found = try self.site(tx, site) {
            if activeOnly && !found.active { problems.append(FieldError(field: "site", reason: "'\(site)' is no longer active")) }
        } else {
            problems.append(FieldError(field: "site", reason: "there is no site '\(site)' (frontdesk site list shows them)"))
        }
        if let found = try self.service(tx, service) {
            if activeOnly && !found.active { problems.append(FieldError(field: "service", reason: "'\(service)' is no longer active")) }
        } else {
            problems.append(FieldError(field: "service", reason: "there is no service '\(service)' (frontdesk service list shows them)"))
        }
        if let found = try self.clinician(tx, clinician) {
            if activeOnly && !found.active { problems.append(FieldError(field: "clinician", reason: "'\(clinician)' is no longer active")) }
        } else {
            problems.append(FieldError(field: "clinician",
                                       reason: "there is no clinician or resource '\(clinician)' (frontdesk clinician list shows them)"))
        }
        return problems
    }
}
