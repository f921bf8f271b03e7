import Foundation

/// Storage of the clinic set-up: sites, services, clinicians and resources.
public protocol DiaryRepository: Sendable {
    func sites() throws -> [Site]
    func services() throws -> [Service]
    func clinicians() throws -> [Clinician]
    /// Each adds one entry with its audit row in one transaction; a code
    /// already used is refused (`DiaryError.codeTaken`).
    func addSite(_ site: Site, audit: AuditEntry) throws
    func addService(_ service: Service, audit: AuditEntry) throws
    func addClinician(_ clinician: Clinician, audit: AuditEntry) throws
    /// Turns a service's pharmacy screening on or off with its audit row in one
    /// transaction (nothing written when it is already so); nil: no such service.
    func setPharmacyScreening(service code: String, _ on: Bool, audit: AuditEntry) throws -> Service?
}

/// A refusal of the clinic set-up.
public struct DiaryError: Error, Sendable, Hashable, CustomStringConvertible {
    public let field: String
    public let reason: String
    public static func codeTaken(_ kind: String, _ code: String) -> DiaryError {
        DiaryError(field: "code", reason: "a \(kind) with code '\(code)' already exists (codes are never reused)")
    }
    public var description: String { "\(field): \(reason)" }
}

/// The clinic set-up: who and where clinics are held. Managers change it
/// (`manage_clinics`); any member of staff may read it. Every change is audited.
public struct DiaryService: Sendable {
    public let diary: any DiaryRepository
    public let access: AccessControl
    public let clock: any Clock

    public init(diary: any DiaryRepository, access: AccessControl, clock: any Clock) {
        self.diary = diary; self.access = access; self.clock = clock
    }

    public func sites(by user: ActingUser) throws -> [Site] { try access.member(user); return try diary.sites() }
    public func services(by user: ActingUser) throws -> [Service] { try access.member(user); return try diary.services() }
    public func clinicians(by user: ActingUser) throws -> [Clinician] { try access.member(user); return try diary.clinicians() }

    public func addSite(_ site: Site, by user: ActingUser) throws -> Site {
        try access.require(.manageClinics, user)
        let valid = try site.validated().get()
        try diary.addSite(valid, audit: entry(user, "added site \(valid.code) (\(valid.name))"))
        return valid
    }

    public func addService(_ service: Service, by user: ActingUser) throws -> Service {
        try access.require(.manageClinics, user)
        let valid = try service.validated().get()
        try diary.addService(valid, audit: entry(user, "added service \(valid.code) (\(valid.name), \(valid.defaultMinutes) min, "
                                                     + "\(valid.attendance.rawValue), \(valid.mode.rawValue)"
                                                     + (valid.pharmacyScreening ? ", pharmacy screening" : "") + ")"))
        return valid
    }

    /// Whether a service's prescriptions are screened by pharmacy before each
    /// appointment (a SACT chair): the checklist's P item follows it from the
    /// next time it is generated. Managers (`manage_clinics`); audited when it changes.
    public func setPharmacyScreening(service code: String, _ on: Bool, by user: ActingUser) throws -> Service {
        try access.require(.manageClinics, user)
        let code = DiaryCode.normalised(code)
        let detail = "service \(code): pharmacy screening " + (on ? "on (the checklist asks for each appointment's prescription screened)" : "off")
        guard let service = try diary.setPharmacyScreening(service: code, on, audit: entry(user, detail)) else {
            throw BookingError(.notFound, field: "service", "there is no service '\(code)' (frontdesk service list shows them)")
        }
        return service
    }

    public func addClinician(_ clinician: Clinician, by user: ActingUser) throws -> Clinician {
        try access.require(.manageClinics, user)
        let valid = try clinician.validated().get()
        try diary.addClinician(valid, audit: entry(user, "added clinician \(valid.code) (\(valid.name), \(valid.role.rawValue))"))
        return valid
    }

    private func entry(_ user: ActingUser, _ detail: String) -> AuditEntry {
        AuditEntry(occurredAt: clock.now, user: user.login, action: .diary, patientID: nil, detail: detail)
    }
}
