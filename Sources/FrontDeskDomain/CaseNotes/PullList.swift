/// One appointment a volume must go to: the clinic (service at a site, with
/// its clinician) and the time.
public struct PullListClinic: Sendable, Hashable, Comparable {
    public var appointmentID: Int64
    public var siteCode: String
    public var serviceCode: String
    public var clinicianCode: String
    public var start: ClockTime
    public var status: AppointmentStatus
    public init(appointmentID: Int64, siteCode: String, serviceCode: String, clinicianCode: String, start: ClockTime, status: AppointmentStatus) {
        self.appointmentID = appointmentID; self.siteCode = siteCode; self.serviceCode = serviceCode
        self.clinicianCode = clinicianCode; self.start = start; self.status = status
    }
    /// `09:20 onc_fu@main`
    public var text: String { "\(start) \(serviceCode)@\(siteCode)" }
    /// Where a volume sent to this clinic is recorded: `clinic:SERVICE@SITE`.
    public var location: CaseNoteLocation { .clinic(service: serviceCode, site: siteCode) }
    /// The clinic as `CaseNoteRules` reads it.
    public var caseNoteClinic: CaseNoteRules.Clinic { CaseNoteRules.Clinic(serviceCode: serviceCode, siteCode: siteCode) }
    public static func < (a: PullListClinic, b: PullListClinic) -> Bool {
        (a.start, a.siteCode, a.serviceCode, a.appointmentID) < (b.start, b.siteCode, b.serviceCode, b.appointmentID)
    }
}

/// A patient on the day's pull list: their clinics of the day (earliest
/// first) and their paper volumes (none: the electronic record only).
public struct PullListPatient: Sendable, Hashable {
    public var patientID: Int64
    public var mrn: String
    /// Nil for a restricted record: listed by hospital number only.
    public var name: String?
    public var restricted: Bool
    public var clinics: [PullListClinic]
    public var volumes: [CaseNoteVolume]
    public init(patientID: Int64, mrn: String, name: String?, restricted: Bool, clinics: [PullListClinic], volumes: [CaseNoteVolume]) {
        self.patientID = patientID; self.mrn = mrn; self.name = name; self.restricted = restricted; self.clinics = clinics; self.volumes = volumes
    }
    public var terminalDigit: TerminalDigit { TerminalDigit(mrn) }
    public var isElectronicOnly: Bool { volumes.isEmpty }
    public var hasMissingVolume: Bool { volumes.contains { $0.location.isMissing } }
    /// Every volume is at (or on its way to) one of the day's clinics of this
    /// patient (`CaseNoteRules.allSent`, the rule the checklist's "case notes
    /// located and sent to the clinic" completes by); false with no volumes.
    public var volumesSent: Bool { CaseNoteRules.allSent(volumes, to: clinics.map(\.caseNoteClinic)) }
    /// Who the name column shows: `BYRNE, Mary`, or `(restricted)`.
    public var listedName: String { restricted ? "(restricted)" : (name ?? "") }
}

/// One line of the printed pull list: one volume of one patient.
public struct PullListLine: Sendable, Hashable {
    public var patient: PullListPatient
    public var volume: CaseNoteVolume
    public init(patient: PullListPatient, volume: CaseNoteVolume) { self.patient = patient; self.volume = volume }
    public var terminalDigit: TerminalDigit { patient.terminalDigit }
    /// `1/2`: this volume of how many.
    public var volumeText: String { "\(volume.number)/\(patient.volumes.count)" }
}

/// The case-note volumes to fetch for a day's clinics (of one site, or all):
/// every volume of every patient with a booked or arrived appointment that
/// day, one line per volume (a patient with two clinics that day appears once
/// per volume, with both clinics), in terminal-digit order of the hospital
/// number, then volume number. Patients without paper volumes are kept
/// apart (`electronicOnly`): nothing to fetch, but the desk prepares the
/// electronic record for them.
public struct PullList: Sendable, Hashable {
    public var date: LocalDate
    public var siteCode: String?
    /// Every patient of the day in terminal-digit order, with or without volumes.
    public var patients: [PullListPatient]

    public init(date: LocalDate, siteCode: String?, patients: [PullListPatient]) {
        self.date = date; self.siteCode = siteCode; self.patients = patients
    }

    /// Groups the day's appointments by patient and orders them (pure: what `CaseNoteService.pullList` returns).
    public init(date: LocalDate, siteCode: String?, sources: [PullListSource]) {
        var byPatient: [Int64: PullListPatient] = [:]
        for s in sources {
            let clinic = PullListClinic(appointmentID: s.appointmentID, siteCode: s.siteCode, serviceCode: s.serviceCode,
                                        clinicianCode: s.clinicianCode, start: s.start, status: s.status)
            if byPatient[s.patientID] == nil {
                byPatient[s.patientID] = PullListPatient(patientID: s.patientID, mrn: s.mrn, name: s.restricted ? nil : s.name,
                                                         restricted: s.restricted, clinics: [],
                                                         volumes: s.volumes.sorted { $0.number < $1.number })
            }
            byPatient[s.patientID]?.clinics.append(clinic)
        }
        let patients = byPatient.values.map { p -> PullListPatient in
            var p = p; p.clinics.sort(); return p
        }
        let keyed = patients.map { ($0.terminalDigit, $0) }.sorted { a, b in
            a.0 != b.0 ? a.0 < b.0 : a.1.patientID < b.1.patientID
        }
        self.init(date: date, siteCode: siteCode, patients: keyed.map(\.1))
    }

    /// The volumes to fetch, one line each, in terminal-digit order then volume number.
    public var lines: [PullListLine] {
        patients.flatMap { p in p.volumes.map { PullListLine(patient: p, volume: $0) } }
    }
    /// Patients of the day with no paper volumes (electronic record only), in terminal-digit order.
    public var electronicOnly: [PullListPatient] { patients.filter(\.isElectronicOnly) }
    /// Patients of the day with a volume recorded missing.
    public var withMissingVolumes: [PullListPatient] { patients.filter(\.hasMissingVolume) }
    /// The patient's entry, if they have an appointment on the list.
    public func patient(id: Int64) -> PullListPatient? { patients.first { $0.patientID == id } }
}
