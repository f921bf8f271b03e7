import Foundation

/// One physical volume of a patient's paper case notes (volume 1, 2, …) and
/// where it is now. Every patient also has an electronic record, whether or
/// not they have paper volumes.
public struct CaseNoteVolume: Sendable, Hashable {
    public var id: Int64?
    public var patientID: Int64
    public var patientMRN: String
    /// 1, 2, … in the order the volumes were opened.
    public var number: Int
    public var location: CaseNoteLocation
    /// The last movement: when, and who recorded it.
    public var movedAt: Date
    public var movedBy: String

    public init(id: Int64? = nil, patientID: Int64, patientMRN: String, number: Int, location: CaseNoteLocation,
                movedAt: Date, movedBy: String) {
        self.id = id; self.patientID = patientID; self.patientMRN = patientMRN; self.number = number
        self.location = location; self.movedAt = movedAt; self.movedBy = movedBy
    }

    public var terminalDigit: TerminalDigit { TerminalDigit(patientMRN) }
}

/// One line of a volume's history: appended, never changed or removed (the
/// store refuses UPDATE and DELETE on the table).
public struct CaseNoteMovement: Sendable, Hashable {
    public var volumeID: Int64
    /// The volume's number when the line was written (a merge may renumber it later: see `note`).
    public var volumeNumber: Int
    /// Nil on the line that opened the volume.
    public var from: CaseNoteLocation?
    public var to: CaseNoteLocation
    public var by: String
    public var at: Date
    public var note: String?

    public init(volumeID: Int64, volumeNumber: Int, from: CaseNoteLocation?, to: CaseNoteLocation, by: String, at: Date, note: String? = nil) {
        self.volumeID = volumeID; self.volumeNumber = volumeNumber; self.from = from; self.to = to; self.by = by; self.at = at; self.note = note
    }
}

/// A patient's case notes: the volumes where they are now, and every movement, oldest first.
public struct CaseNoteRecord: Sendable, Hashable {
    public var patient: Patient
    public var volumes: [CaseNoteVolume]
    public var history: [CaseNoteMovement]
    public init(patient: Patient, volumes: [CaseNoteVolume], history: [CaseNoteMovement]) {
        self.patient = patient; self.volumes = volumes; self.history = history
    }
    /// No paper volumes: the electronic record only.
    public var isElectronicOnly: Bool { volumes.isEmpty }
    public var missing: [CaseNoteVolume] { volumes.filter { $0.location.isMissing } }
}

/// Reads and writes of case notes inside one transaction.
public protocol CaseNoteTransaction {
    /// The record a hospital or NHS number names (a merged duplicate's number leads to the record kept).
    func patient(reference: String) throws -> Patient?
    func patient(id: Int64) throws -> Patient?
    /// The patient's volumes, by number.
    func volumes(patientID: Int64) throws -> [CaseNoteVolume]
    /// The movements of the patient's volumes, oldest first.
    func movements(patientID: Int64) throws -> [CaseNoteMovement]
    /// Stores a new volume (its `id` is ignored); returns the id.
    func insertVolume(_ volume: CaseNoteVolume) throws -> Int64
    /// Sets a volume's current location (the movement line is appended separately).
    func setLocation(volumeID: Int64, _ location: CaseNoteLocation, at: Date, by: String) throws
    func appendMovement(_ movement: CaseNoteMovement) throws
    /// Whether a service (a clinic) with this code is set up and active; whether a site is.
    func serviceIsActive(code: String) throws -> Bool
    func siteIsActive(code: String) throws -> Bool
    func appendAudit(_ entry: AuditEntry) throws
    /// Whether this person opened this (restricted) record with a reason since `since` (break-glass access).
    func brokeGlass(patientID: Int64, user: String, since: Date) throws -> Bool
    /// The booked or arrived appointments of a day (of one site when given), with
    /// their patients and the patients' volumes: what a pull list is made from.
    func pullListSource(date: LocalDate, siteCode: String?) throws -> [PullListSource]
    /// Of these patients, the ones with a volume recorded missing.
    func patientsWithMissingNotes(_ patientIDs: [Int64]) throws -> Set<Int64>
}

/// Storage of case-note volumes and their movements.
public protocol CaseNoteRepository: Sendable {
    func write<T>(_ body: (any CaseNoteTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any CaseNoteTransaction) throws -> T) throws -> T
}

/// An appointment of the day with its patient and the patient's volumes, as the store reads it for a pull list.
public struct PullListSource: Sendable, Hashable {
    public var appointmentID: Int64
    public var patientID: Int64
    public var mrn: String
    /// `BYRNE, Mary`; nil for a restricted record (listed by hospital number only).
    public var name: String?
    public var restricted: Bool
    public var siteCode: String
    public var serviceCode: String
    public var clinicianCode: String
    public var start: ClockTime
    public var status: AppointmentStatus
    public var volumes: [CaseNoteVolume]
    public init(appointmentID: Int64, patientID: Int64, mrn: String, name: String?, restricted: Bool, siteCode: String,
                serviceCode: String, clinicianCode: String, start: ClockTime, status: AppointmentStatus, volumes: [CaseNoteVolume]) {
        self.appointmentID = appointmentID; self.patientID = patientID; self.mrn = mrn; self.name = name; self.restricted = restricted
        self.siteCode = siteCode; self.serviceCode = serviceCode; self.clinicianCode = clinicianCode; self.start = start
        self.status = status; self.volumes = volumes
    }
}
