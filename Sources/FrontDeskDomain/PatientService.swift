import Foundation

/// The one door to patient records: validation, duplicate protection and the
/// audit trail, with the acting user on every call. The command line and the
/// terminal UI both go through here, so the permission checks of the
/// staff-and-roles work have a single place to live.
public struct PatientService: Sendable {
    public let patients: any PatientRepository
    public let audit: any AuditRepository
    /// Who may do what: every method asks it first.
    public let access: AccessControl
    public let clock: any Clock

    /// Closure days besides bank holidays (settings), for task due dates.
    public let closureDays: @Sendable () throws -> Set<LocalDate>

    public init(patients: any PatientRepository, audit: any AuditRepository, access: AccessControl, clock: any Clock,
                closureDays: @escaping @Sendable () throws -> Set<LocalDate> = { [] }) {
        self.patients = patients
        self.audit = audit
        self.access = access
        self.clock = clock
        self.closureDays = closureDays
    }

    /// The diary work an edit brings with it: a newly recorded date of death
    /// cancels every future appointment and open task (audited on the record);
    /// a newly recorded interpreter or other communication professional gives
    /// the front desk a task for each future appointment.
    static func diaryFollowUp(old: Patient, new: Patient, user: String, at: Date,
                              closures: Set<LocalDate>) -> (@Sendable (any BookingTransaction) throws -> Void)? {
        let died = old.dateOfDeath == nil && new.dateOfDeath != nil
        let professionals = { (p: Patient) in Set(p.accessibleNeeds.filter { $0.kind.group == .communicationProfessional }) }
        let newNeed = !professionals(new).subtracting(professionals(old)).isEmpty
        guard died || newNeed else { return nil }
        return { tx in
            if died {
                let count = try BookingService.cancelFutureAfterDeath(tx, patient: new, user: user, at: at)
                try tx.appendAudit(AuditEntry(occurredAt: at, user: user, action: .appointment, patientID: new.id, patientMRN: new.mrn,
                                              detail: "date of death recorded: \(count) future appointment\(count == 1 ? "" : "s") and open tasks cancelled"))
            } else if new.dateOfDeath == nil {
                try BookingService.tasksForNewNeeds(tx, patient: new, user: user, at: at, closures: closures)
            }
        }
    }

    public var today: LocalDate { CentreTime.today(clock.now) }

    /// Registers a new patient from typed fields.
    public func register(_ fields: PatientFields, by user: ActingUser, acceptLikelyDuplicates: Bool = false) throws -> Patient {
        try access.require(.registerPatient, user)
        let patient = try fields.validated(over: nil, today: today).get()
        let entry = AuditEntry(occurredAt: clock.now, user: user.login, action: .register, patientID: nil, detail: "registered")
        return try patients.register(patient, acceptLikelyDuplicates: acceptLikelyDuplicates, audit: entry)
    }

    /// Changes the given fields of a patient's record; returns the new record and
    /// the names of the fields that changed (none: nothing is written).
    public func edit(_ reference: String, _ fields: PatientFields, by user: ActingUser,
                     acceptLikelyDuplicates: Bool = false, reason: AccessReason? = nil) throws -> (patient: Patient, changed: [String]) {
        try access.require(.editDemographics, user)
        let today = self.today, now = clock.now
        let closures = try closureDays()
        // Opening a restricted record to change it is break-glass access whatever
        // the change turns out to be (refused, or nothing changed): record it first.
        if let current = try patients.find(reference: reference), current.restriction != nil {
            guard let reason else { throw PatientError.restricted(current.mrn) }
            try audit.append(AuditEntry(occurredAt: now, user: user.login, action: .breakGlass, patientID: current.id,
                                        patientMRN: current.mrn, detail: "opened restricted record to change it: \(reason)"))
        }
        // Read, validate and save in one transaction: another desk's change made
        // meanwhile is the base of this one, never overwritten.
        let result = try patients.modify(reference: reference) { old in
            // A restricted record is changed only with a reason, like opening it.
            if old.restriction != nil && reason == nil { throw PatientError.restricted(old.mrn) }
            var new = try fields.validated(over: old, today: today).get()
            new.restriction = old.restriction
            new.mergedDuplicates = old.mergedDuplicates
            let changed = new.changedFields(from: old)
            guard !changed.isEmpty else { return nil }
            let because = old.restriction != nil ? " (restricted record: \(reason!))" : ""
            // A change to a restricted record is a break-glass access too (listed on the manager's report).
            let entry = AuditEntry(occurredAt: now, user: user.login, action: old.restriction != nil ? .breakGlass : .edit,
                                   patientID: old.id, patientMRN: new.mrn, detail: "changed " + changed.joined(separator: ", ") + because)
            // A likely duplicate confirmed at registration is not asked about again
            // unless the edit changes what makes two records alike.
            let alike: Set<String> = ["family_name", "given_names", "date_of_birth", "previous_family_names"]
            let recheck = changed.contains(where: alike.contains)
            return PatientChange(patient: new, changed: changed,
                                 acceptLikelyDuplicates: acceptLikelyDuplicates || !recheck, audit: entry,
                                 followUp: PatientService.diaryFollowUp(old: old, new: new, user: user.login, at: now,
                                                                        closures: closures))
        }
        guard let result else { throw PatientError.notFound(reference) }
        guard let change = result.change else { return (result.old, []) }
        return (change.patient, change.changed)
    }

    /// Opens a record to show it in full: audited as a view.
    /// A restricted record opens only with a reason: "break glass", audited
    /// as such and listed on the manager's report of restricted-record access.
    public func open(_ reference: String, by user: ActingUser, purpose: String = "opened record",
                     reason: AccessReason? = nil) throws -> Patient {
        try access.require(.viewRecord, user)
        guard let patient = try patients.find(reference: reference) else { throw PatientError.notFound(reference) }
        if patient.restriction != nil {
            guard let reason else { throw PatientError.restricted(patient.mrn) }
            try audit.append(AuditEntry(occurredAt: clock.now, user: user.login, action: .breakGlass, patientID: patient.id,
                                        patientMRN: patient.mrn, detail: "opened restricted record: \(reason)"))
        } else {
            try audit.append(AuditEntry(occurredAt: clock.now, user: user.login, action: .view, patientID: patient.id,
                                        patientMRN: patient.mrn, detail: purpose))
        }
        return patient
    }

    /// A reason in words for restricting, lifting or merging: 5 to 200 characters of plain text.
    static func statedReason(_ text: String, example: String) throws -> String {
        let why = text.trimmingCharacters(in: .whitespaces)
        guard why.count >= 5, why.count <= 200, PatientFields.isPlainText(why) else {
            throw ValidationError(field: "reason", reason: "must say why in 5 to 200 characters of plain text (e.g. \(example))")
        }
        return why
    }

    /// Whether a record is restricted, without opening it (so a screen can ask for a reason first).
    public func isRestricted(_ reference: String, by user: ActingUser) throws -> Bool {
        try access.require(.viewRecord, user)
        guard let patient = try patients.find(reference: reference) else { throw PatientError.notFound(reference) }
        return patient.restriction != nil
    }

    /// Marks a record restricted (officers and managers), with the reason why.
    public func restrict(_ reference: String, reason: String, by user: ActingUser) throws -> Patient {
        try access.require(.restrictRecords, user)
        let why = try Self.statedReason(reason, example: "member of staff")
        let now = clock.now
        return try patients.setRestriction(reference: reference, Restriction(reason: why, restrictedBy: user.login, restrictedAt: now)) { p in
            guard p.restriction == nil else { return nil }
            return AuditEntry(occurredAt: now, user: user.login, action: .restrict, patientID: p.id, patientMRN: p.mrn,
                              detail: "restricted: \(why)")
        }
    }

    /// Lifts a restriction (officers and managers).
    public func unrestrict(_ reference: String, reason: String, by user: ActingUser) throws -> Patient {
        try access.require(.restrictRecords, user)
        let why = try Self.statedReason(reason, example: "left the trust's employment")
        let now = clock.now
        return try patients.setRestriction(reference: reference, nil) { p in
            guard p.restriction != nil else { return nil }
            return AuditEntry(occurredAt: now, user: user.login, action: .unrestrict, patientID: p.id, patientMRN: p.mrn,
                              detail: "restriction lifted: \(why)")
        }
    }

    /// Merges a duplicate record into the one kept (officers and managers):
    /// one transaction; the duplicate's numbers then lead to the kept record.
    public func merge(keep: String, duplicate: String, reason: String, by user: ActingUser) throws -> Patient {
        try access.require(.mergePatients, user)
        let why = try Self.statedReason(reason, example: "same person: NHS number confirmed by PDS")
        let now = clock.now
        return try patients.merge(keep: keep, duplicate: duplicate, reason: why, by: user.login, at: now) { kept, dup in
            func identity(_ p: Patient) -> String {
                "\(p.mrn)" + (p.nhsNumber.map { " (NHS \($0.formatted))" } ?? "")
            }
            var entries = [AuditEntry(occurredAt: now, user: user.login, action: .merge, patientID: kept.id, patientMRN: kept.mrn,
                                      detail: "merged duplicate \(identity(dup)) into \(identity(kept)): \(why)")]
            // Merging touches a restricted record: that is restricted-record access too.
            if kept.restriction != nil || dup.restriction != nil {
                entries.append(AuditEntry(occurredAt: now, user: user.login, action: .breakGlass, patientID: kept.id,
                                          patientMRN: kept.mrn, detail: "merged a restricted record: \(why)"))
            }
            return entries
        }
    }

    /// Searches as the clerk types. A list of results is not an opening of any
    /// record, so nothing is audited here.
    public func search(_ text: String, limit: Int = 50, by user: ActingUser) throws -> SearchResults {
        try access.require(.searchPatients, user)
        let query = SearchQuery.parse(text)
        if query.isEmpty { return SearchResults(results: [], more: 0, moreCapped: false) }
        return try patients.search(query, limit: max(1, limit))
    }

    /// Checks that the audit trail is whole and unchanged (managers).
    public func verifyAudit(by user: ActingUser) throws -> AuditVerification {
        try access.require(.readAuditReports, user)
        return try audit.verify()
    }

    /// The audit trail, newest first, optionally for one patient (found by hospital or NHS number).
    public func auditTrail(patient reference: String?, limit: Int, by user: ActingUser) throws -> [AuditEntry] {
        try auditReport(patient: reference, limit: limit, by: user)
    }

    /// The audit reports (managers): who looked at a patient (with the records
    /// merged into it), what one person looked at since a date, or every
    /// access to restricted records.
    public func auditReport(patient reference: String? = nil, user login: String? = nil, since: Date? = nil,
                            restrictedOnly: Bool = false, limit: Int, by user: ActingUser) throws -> [AuditEntry] {
        try access.require(.readAuditReports, user)
        var filter = AuditFilter(user: login, since: since)
        if let reference {
            guard let patient = try patients.find(reference: reference), let id = patient.id else { throw PatientError.notFound(reference) }
            filter.patientIDs = [id] + (try audit.mergedIDs(into: id))
        }
        if restrictedOnly { filter.actions = [.breakGlass, .restrict, .unrestrict] }
        return try audit.entries(matching: filter, limit: limit)
    }
}
