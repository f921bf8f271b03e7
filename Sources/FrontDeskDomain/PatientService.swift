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

    public init(patients: any PatientRepository, audit: any AuditRepository, access: AccessControl, clock: any Clock) {
        self.patients = patients
        self.audit = audit
        self.access = access
        self.clock = clock
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
                     acceptLikelyDuplicates: Bool = false) throws -> (patient: Patient, changed: [String]) {
        try access.require(.editDemographics, user)
        let today = self.today, now = clock.now
        // Read, validate and save in one transaction: another desk's change made
        // meanwhile is the base of this one, never overwritten.
        let result = try patients.modify(reference: reference) { old in
            let new = try fields.validated(over: old, today: today).get()
            let changed = new.changedFields(from: old)
            guard !changed.isEmpty else { return nil }
            let entry = AuditEntry(occurredAt: now, user: user.login, action: .edit, patientID: old.id,
                                   patientMRN: new.mrn, detail: "changed " + changed.joined(separator: ", "))
            // A likely duplicate confirmed at registration is not asked about again
            // unless the edit changes what makes two records alike.
            let alike: Set<String> = ["family_name", "given_names", "date_of_birth", "previous_family_names"]
            let recheck = changed.contains(where: alike.contains)
            return PatientChange(patient: new, changed: changed,
                                 acceptLikelyDuplicates: acceptLikelyDuplicates || !recheck, audit: entry)
        }
        guard let result else { throw PatientError.notFound(reference) }
        guard let change = result.change else { return (result.old, []) }
        return (change.patient, change.changed)
    }

    /// Opens a record to show it in full: audited as a view.
    public func open(_ reference: String, by user: ActingUser, purpose: String = "opened record") throws -> Patient {
        try access.require(.viewRecord, user)
        guard let patient = try patients.find(reference: reference) else { throw PatientError.notFound(reference) }
        try audit.append(AuditEntry(occurredAt: clock.now, user: user.login, action: .view, patientID: patient.id,
                                    patientMRN: patient.mrn, detail: purpose))
        return patient
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
        try access.require(.readAuditReports, user)
        var patientID: Int64?
        if let reference {
            guard let patient = try patients.find(reference: reference) else { throw PatientError.notFound(reference) }
            patientID = patient.id
        }
        return try audit.entries(patientID: patientID, limit: limit)
    }
}
