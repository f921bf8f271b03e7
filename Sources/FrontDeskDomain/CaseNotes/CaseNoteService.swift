import Foundation

/// Tracking paper case notes (issue 8): adding volumes, moving them, where they
/// are, and the day's pull list. Every write is one transaction with its
/// movement lines and audit row.
///
/// Permissions: seeing where a patient's notes are (`where`) is opening part of
/// their record, so it needs `viewRecord` and is audited as a view (break glass
/// for a restricted record); the pull list is a list of the day's patients like
/// the clinic day list, so it needs `searchPatients`, masks restricted records
/// and is not audited per patient. Adding and moving volumes is the desk's
/// clinic-day logistics, not a change of the patient's details: it needs
/// `checkIn` (the permission for recording what happens on the clinic day),
/// which every clerk has, as every clerk fetches and returns notes.
public struct CaseNoteService: Sendable {
    public let notes: any CaseNoteRepository
    public let access: AccessControl
    public let clock: any Clock

    public init(notes: any CaseNoteRepository, access: AccessControl, clock: any Clock) {
        self.notes = notes; self.access = access; self.clock = clock
    }

    /// The longest note a movement may carry.
    public static let noteMaximum = 200

    /// Opens a new volume for a patient (numbered after their last), at
    /// `location` (the library when not given), with its first movement line.
    /// A restricted record needs `reason` (or this person's break-glass opening
    /// in the last half hour): `PatientError.restricted` otherwise.
    public func addVolume(patient reference: String, at location: CaseNoteLocation = .library(shelf: nil), note: String? = nil,
                          reason: AccessReason? = nil, by user: ActingUser) throws -> CaseNoteVolume {
        try access.require(.checkIn, user)
        let note = try Self.checked(note)
        let at = clock.now
        return try notes.write { tx in
            let person = try Self.patient(tx, reference)
            try Self.checkExists(tx, location, field: "location")
            if person.restriction != nil { try Self.opening(tx, person, reason: reason, user: user, at: at, "added a case-note volume") }
            let number = (try tx.volumes(patientID: person.id!).map(\.number).max() ?? 0) + 1
            var volume = CaseNoteVolume(patientID: person.id!, patientMRN: person.mrn, number: number, location: location,
                                        movedAt: at, movedBy: user.login)
            volume.id = try tx.insertVolume(volume)
            try tx.appendMovement(CaseNoteMovement(volumeID: volume.id!, volumeNumber: number, from: nil, to: location, by: user.login,
                                                   at: at, note: note ?? "volume \(number) opened"))
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .caseNotes, patientID: person.id, patientMRN: person.mrn,
                                          detail: "case notes: opened volume \(number) at \(location.kind.rawValue)"))
            return volume
        }
    }

    /// Moves one volume (`volume` number), or every volume of the patient when
    /// `volume` is nil, to `location`, in one transaction: one movement line
    /// (from, to, who, when, note) per volume moved and one audit row.
    /// A volume already there is refused when named; when moving all, the ones
    /// already there are left alone (refused only if all are). Returns the
    /// volumes moved.
    public func move(patient reference: String, volume: Int? = nil, to location: CaseNoteLocation, note: String? = nil,
                     reason: AccessReason? = nil, by user: ActingUser) throws -> [CaseNoteVolume] {
        try access.require(.checkIn, user)
        let note = try Self.checked(note)
        if let volume, volume < 1 { throw ValidationError(field: "volume", reason: "must be a volume number, 1 or more") }
        let at = clock.now
        return try notes.write { tx in
            let person = try Self.patient(tx, reference)
            try Self.checkExists(tx, location, field: "to")
            let all = try tx.volumes(patientID: person.id!)
            guard !all.isEmpty else {
                throw ValidationError(field: "volume", reason: "\(person.mrn) has no paper case notes (electronic record only): add a volume first (frontdesk notes add)")
            }
            var chosen = all
            if let volume {
                guard let found = all.first(where: { $0.number == volume }) else {
                    throw ValidationError(field: "volume", reason: "\(person.mrn) has volumes \(all.map { String($0.number) }.joined(separator: ", ")), not \(volume)")
                }
                if found.location == location {
                    throw ValidationError(field: "to", reason: "volume \(volume) is already at \(location.text)")
                }
                chosen = [found]
            } else {
                chosen = all.filter { $0.location != location }
                if chosen.isEmpty { throw ValidationError(field: "to", reason: "every volume of \(person.mrn) is already at \(location.text)") }
            }
            if person.restriction != nil { try Self.opening(tx, person, reason: reason, user: user, at: at, "moved case notes") }
            var moved: [CaseNoteVolume] = []
            for var v in chosen {
                try tx.setLocation(volumeID: v.id!, location, at: at, by: user.login)
                try tx.appendMovement(CaseNoteMovement(volumeID: v.id!, volumeNumber: v.number, from: v.location, to: location,
                                                       by: user.login, at: at, note: note))
                v.location = location; v.movedAt = at; v.movedBy = user.login
                moved.append(v)
            }
            let which = moved.count == 1 ? "volume \(moved[0].number)" : "volumes " + moved.map { String($0.number) }.joined(separator: ", ")
            try tx.appendAudit(AuditEntry(occurredAt: at, user: user.login, action: .caseNotes, patientID: person.id, patientMRN: person.mrn,
                                          detail: "case notes: moved \(which) to \(location.kind.rawValue)"
                                              + (location.isMissing ? " (recorded missing)" : "")))
            return moved
        }
    }

    /// Where a patient's volumes are, with every movement (audited as a view of
    /// the record; a restricted record needs `reason` or this person's
    /// break-glass opening in the last half hour).
    public func whereAre(patient reference: String, reason: AccessReason? = nil, by user: ActingUser) throws -> CaseNoteRecord {
        try access.require(.viewRecord, user)
        let at = clock.now
        return try notes.write { tx in
            let person = try Self.patient(tx, reference)
            try Self.opening(tx, person, reason: reason, user: user, at: at, "case-note locations")
            return CaseNoteRecord(patient: person, volumes: try tx.volumes(patientID: person.id!), history: try tx.movements(patientID: person.id!))
        }
    }

    /// The pull list of a day, of one site or all (see `PullList`): read in
    /// one transaction. Restricted records are listed by hospital number only.
    /// Refuses a site that is not set up (field `site`).
    public func pullList(date: LocalDate, siteCode: String? = nil, by user: ActingUser) throws -> PullList {
        try access.require(.searchPatients, user)
        let site = siteCode.map(DiaryCode.normalised)
        return try notes.read { tx in
            if let site, try !tx.siteIsActive(code: site) {
                throw ValidationError(field: "site", reason: "there is no active site '\(site)' (frontdesk site list shows them)")
            }
            return PullList(date: date, siteCode: site, sources: try tx.pullListSource(date: date, siteCode: site))
        }
    }

    /// Whether any of the patient's volumes is recorded missing: the flag on the
    /// patient banner. Not audited (the banner belongs to a record already
    /// opened, and audited, by whoever shows it); needs `viewRecord`.
    public func hasMissingNotes(patientID: Int64, by user: ActingUser) throws -> Bool {
        try access.require(.viewRecord, user)
        return try notes.read { try !$0.patientsWithMissingNotes([patientID]).isEmpty }
    }

    /// Of these patients, the ones with a volume recorded missing (a list's flags, one query).
    public func patientsWithMissingNotes(_ patientIDs: [Int64], by user: ActingUser) throws -> Set<Int64> {
        try access.require(.searchPatients, user)
        return try notes.read { try $0.patientsWithMissingNotes(patientIDs) }
    }

    // MARK: helpers

    static func patient(_ tx: any CaseNoteTransaction, _ reference: String) throws -> Patient {
        guard let person = try tx.patient(reference: reference), person.id != nil else { throw PatientError.notFound(reference) }
        return person
    }

    /// A clinic location must name a service (and site) that is set up and active.
    static func checkExists(_ tx: any CaseNoteTransaction, _ location: CaseNoteLocation, field: String) throws {
        guard case .clinic(let service, let site) = location else { return }
        if try !tx.serviceIsActive(code: service) {
            throw ValidationError(field: field, reason: "there is no active service '\(service)' for clinic:\(service) (frontdesk service list shows them)")
        }
        if let site, try !tx.siteIsActive(code: site) {
            throw ValidationError(field: field, reason: "there is no active site '\(site)' for clinic:\(service)@\(site) (frontdesk site list shows them)")
        }
    }

    static func checked(_ note: String?) throws -> String? {
        guard let t = note?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        guard t.count <= noteMaximum, PatientFields.isPlainText(t) else {
            throw ValidationError(field: "note", reason: "must be at most \(noteMaximum) characters of plain text")
        }
        return t
    }

    /// Audits opening part of a patient's record (`RecordOpening`).
    static func opening(_ tx: any CaseNoteTransaction, _ person: Patient, reason: AccessReason?, user: ActingUser, at: Date,
                        _ what: String) throws {
        try RecordOpening.audit(person, reason: reason, user: user, at: at, what, brokeGlass: tx.brokeGlass, append: tx.appendAudit)
    }
}
