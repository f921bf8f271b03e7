import Foundation
import FrontDeskDomain

/// The clinic set-up as the clinic filters and the booking dialog offer it.
public struct ClinicSetup: Hashable, Sendable {
    public var sites: [Site]
    public var services: [Service]
    public var clinicians: [Clinician]
    public init(sites: [Site] = [], services: [Service] = [], clinicians: [Clinician] = []) {
        self.sites = sites; self.services = services; self.clinicians = clinicians
    }

    public func site(_ code: String?) -> Site? { code.flatMap { c in sites.first { $0.code == c } } }
    public func service(_ code: String?) -> Service? { code.flatMap { c in services.first { $0.code == c } } }
    public func clinician(_ code: String?) -> Clinician? { code.flatMap { c in clinicians.first { $0.code == c } } }
}

/// One change of an appointment's status, as the clinics pane and the record ask for it.
public enum AppointmentChange: Hashable, Sendable {
    case checkIn
    case attended
    case attendedLate
    case lateNotSeen
    case didNotAttend
    case outcome(AttendanceOutcome)
    case cancel(by: CancelledBy, reason: CancellationReason, text: String?)
    /// An officer takes back a mistaken check-in, attendance or DNA.
    case undo(reason: String)
    /// An officer reinstates a cancellation made in error.
    case reinstate(reason: String)

    /// What was done, for the message line: "checked in", "DNA recorded".
    public var done: String {
        switch self {
        case .checkIn: return "checked in"
        case .attended: return "attended recorded"
        case .attendedLate: return "attended late recorded"
        case .lateNotSeen: return "late, not seen recorded"
        case .didNotAttend: return "DNA recorded"
        case .outcome(let outcome): return "outcome \(outcome.rawValue) (\(outcome.label)) recorded"
        case .cancel(let by, let reason, _): return "cancelled by the \(by.rawValue) (\(reason.label))"
        case .undo: return "undone"
        case .reinstate: return "reinstated"
        }
    }
}

/// How one appointment's change went.
public struct AppointmentChangeOutcome: Hashable, Sendable {
    public var appointmentID: Int64
    /// Why it was refused; nil when it was done.
    public var failure: String?
    /// A check-in's answer: the patient's details to confirm.
    public var checkedIn: AppointmentDetail?
    /// A task the change created (a DNA's review, an outcome 3's to-be-booked entry).
    public var task: DeskTask?

    public init(appointmentID: Int64, failure: String? = nil, checkedIn: AppointmentDetail? = nil, task: DeskTask? = nil) {
        self.appointmentID = appointmentID; self.failure = failure; self.checkedIn = checkedIn; self.task = task
    }

    public var succeeded: Bool { failure == nil }

    /// Runs one change and keeps its refusal in words.
    static func attempt(_ id: Int64, _ body: () throws -> AppointmentChangeOutcome) -> AppointmentChangeOutcome {
        do { return try body() } catch { return AppointmentChangeOutcome(appointmentID: id, failure: DeskFailure(error).message) }
    }
}

/// The answer to one change asked of several appointments (the marked rows).
public struct AppointmentChangeReport: Hashable, Sendable {
    public var change: AppointmentChange
    public var outcomes: [AppointmentChangeOutcome]
    public init(change: AppointmentChange, outcomes: [AppointmentChangeOutcome]) { self.change = change; self.outcomes = outcomes }
    public var succeeded: [AppointmentChangeOutcome] { outcomes.filter(\.succeeded) }
    public var failed: [AppointmentChangeOutcome] { outcomes.filter { !$0.succeeded } }
}

/// A session an officer is about to cancel, with its appointments still booked (they would be cancelled).
public struct SessionToCancel: Hashable, Sendable {
    public var session: ClinicSession
    public var booked: [ClinicDayRow]
    public init(session: ClinicSession, booked: [ClinicDayRow]) { self.session = session; self.booked = booked }
}

/// What cancelling a session did: the session, and the appointments cancelled for rebooking.
public struct SessionCancelled: Hashable, Sendable {
    public var session: ClinicSession
    public var cancelled: [Appointment]
    public init(session: ClinicSession, cancelled: [Appointment]) { self.session = session; self.cancelled = cancelled }
}

/// A patient's appointments (each with its trail) and open tasks, for the record's appointments section.
public struct PatientAppointments: Hashable, Sendable {
    public var appointments: [AppointmentDetail]
    public var openTasks: [DeskTask]
    public init(appointments: [AppointmentDetail], openTasks: [DeskTask]) { self.appointments = appointments; self.openTasks = openTasks }
}

extension PatientDesk {
    func bookingService() throws -> BookingService {
        guard let booking else { throw DeskFailure(message: "clinics and booking are not available here") }
        return booking
    }

    public func clinicSetup() throws -> ClinicSetup {
        guard let diary else { return ClinicSetup() }
        return ClinicSetup(sites: try diary.sites(by: user).filter(\.active),
                           services: try diary.services(by: user).filter(\.active),
                           clinicians: try diary.clinicians(by: user).filter(\.active))
    }

    public func clinicDay(_ query: ClinicDayQuery) throws -> [ClinicDayRow] {
        try bookingService().clinicDay(query, by: user)
    }

    public func tasks(_ query: TaskQuery) throws -> [DeskTask] {
        try bookingService().tasks(query, by: user)
    }

    public func myTeams() throws -> [Team] {
        let access = try bookingService().access
        let member = try access.member(user)
        let known = try access.staff.teams()
        // In the order the person's record lists them; a code with no team set up is shown as its code.
        return member.teams.map { code in known.first { $0.code == code } ?? Team(code: code, name: code) }
    }

    public func closeTask(id: Int64, _ status: DeskTask.Status, note: String?) throws -> DeskTask {
        try bookingService().closeTask(id: id, status, note: note, by: user)
    }

    public func sessionToCancel(id: Int64, date: LocalDate) throws -> SessionToCancel {
        let booking = try bookingService()
        guard let session = try booking.sessions(SessionQuery(from: date, to: date), by: user).first(where: { $0.id == id }) else {
            throw DeskFailure(message: "session: there is no session \(id) on \(date.display)")
        }
        let rows = try booking.clinicDay(ClinicDayQuery(date: date, siteCode: session.siteCode, serviceCode: session.serviceCode,
                                                        clinicianCode: session.clinicianCode), by: user)
        return SessionToCancel(session: session, booked: rows.filter { $0.appointment.sessionID == id && $0.appointment.status == .booked })
    }

    public func cancelSession(id: Int64, reason: String) throws -> SessionCancelled {
        let done = try bookingService().cancelSession(id: id, reason: reason, by: user)
        return SessionCancelled(session: done.session, cancelled: done.cancelled)
    }

    public func change(appointmentID id: Int64, _ change: AppointmentChange) throws -> AppointmentChangeOutcome {
        let booking = try bookingService()
        switch change {
        case .checkIn:
            return AppointmentChangeOutcome(appointmentID: id, checkedIn: try booking.checkIn(appointmentID: id, by: user))
        case .attended, .attendedLate:
            _ = try booking.attend(appointmentID: id, late: change == .attendedLate, by: user)
        case .lateNotSeen:
            _ = try booking.lateNotSeen(appointmentID: id, by: user)
        case .didNotAttend:
            return AppointmentChangeOutcome(appointmentID: id, task: try booking.didNotAttend(appointmentID: id, by: user).task)
        case .outcome(let outcome):
            return AppointmentChangeOutcome(appointmentID: id, task: try booking.recordOutcome(appointmentID: id, outcome, by: user).task)
        case .cancel(let by, let reason, let text):
            _ = try booking.cancel(appointmentID: id, by: by, reason: reason, text: text, user: user)
        case .undo(let reason):
            _ = try booking.undo(appointmentID: id, reason: reason, by: user)
        case .reinstate(let reason):
            _ = try booking.reinstate(appointmentID: id, reason: reason, by: user)
        }
        return AppointmentChangeOutcome(appointmentID: id)
    }

    public func walkIn(patient: String, service: String, clinician: String, site: String?) throws -> Appointment {
        try bookingService().walkIn(patient: patient, service: service, clinician: clinician, site: site, by: user)
    }

    public func appointments(patientID: Int64) throws -> PatientAppointments {
        let booking = try bookingService()
        return PatientAppointments(appointments: try booking.appointments(patientID: patientID, by: user),
                                   openTasks: try booking.tasks(TaskQuery(patientID: patientID, openOnly: true), by: user))
    }

    public func slots(_ query: SlotQuery) throws -> [Slot] {
        try bookingService().slots(query, by: user)
    }

    public func book(_ request: BookingRequest) throws -> BookingResult {
        try bookingService().book(request, by: user)
    }

    public func rebook(appointmentID: Int64, slotID: Int64, by who: CancelledBy?, reason: CancellationReason?,
                       text: String?, changes: BookingDetails?, overbookReason: String?) throws -> BookingResult {
        try bookingService().rebook(appointmentID: appointmentID, slotID: slotID, by: who, reason: reason, text: text,
                                    changes: changes, overbookReason: overbookReason, user: user)
    }
}

/// The clinic set-up as the F9 pane's second section lists it: everything, inactive entries too.
public struct ClinicSetupLists: Hashable, Sendable {
    public var sites: [Site]
    public var services: [Service]
    public var clinicians: [Clinician]
    public var templates: [SessionTemplate]
    /// Why this person may not change the set-up (the permission needed), or nil when they may.
    public var changeRefusal: String?
    public init(sites: [Site] = [], services: [Service] = [], clinicians: [Clinician] = [], templates: [SessionTemplate] = [],
                changeRefusal: String? = nil) {
        self.sites = sites; self.services = services; self.clinicians = clinicians; self.templates = templates
        self.changeRefusal = changeRefusal
    }
}

/// One addition to the clinic set-up: a template as typed (the domain parses and checks it).
public enum ClinicSetupEntry: Equatable, Sendable {
    case site(Site)
    case service(Service)
    case clinician(Clinician)
    case template(SessionTemplateFields)
    /// The template as stored (the answer to adding one).
    case storedTemplate(SessionTemplate)

    /// `site main (Main site)`, for the message line.
    public var summary: String {
        switch self {
        case .site(let site): return "site \(site.code) (\(site.name))"
        case .service(let service):
            return "service \(service.code) (\(service.name), \(service.defaultMinutes) min\(service.pharmacyScreening ? ", pharmacy screening" : ""))"
        case .clinician(let who): return "\(who.role.isResource ? "resource" : "clinician") \(who.code) (\(who.name), \(who.role.rawValue))"
        case .template(let fields): return "template \(fields.service) at \(fields.site) with \(fields.clinician)"
        case .storedTemplate(let t):
            return "template #\(t.id.map(String.init) ?? "?") (\(t.serviceCode) at \(t.siteCode) with \(t.clinicianCode), "
                + "\(Weekday.listDisplay(t.weekdays)) \(t.start)–\(t.end))"
        }
    }
}

/// What a change of the clinic set-up did.
public enum ClinicSetupChange: Hashable, Sendable {
    case added(ClinicSetupEntry)
    case generated(from: LocalDate, to: LocalDate, BookingService.Generation)
    /// A service's pharmacy screening turned on or off: the service as it is now.
    case screening(Service)
}

extension ClinicSetupEntry: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(summary) }
}

extension PatientDesk {
    func diaryService() throws -> DiaryService {
        guard let diary else { throw DeskFailure(message: "the clinic set-up is not available here") }
        return diary
    }

    public func clinicSetupLists() throws -> ClinicSetupLists {
        let diary = try diaryService()
        var lists = ClinicSetupLists(sites: try diary.sites(by: user), services: try diary.services(by: user),
                                     clinicians: try diary.clinicians(by: user), templates: try bookingService().templates(by: user))
        do {
            _ = try diary.access.require(.manageClinics, user)
        } catch let refusal as AccessError where refusal.isPermission {
            lists.changeRefusal = refusal.reason
        }
        return lists
    }

    public func addToClinicSetup(_ entry: ClinicSetupEntry) throws -> ClinicSetupEntry {
        let diary = try diaryService()
        switch entry {
        case .site(let site): return .site(try diary.addSite(site, by: user))
        case .service(let service): return .service(try diary.addService(service, by: user))
        case .clinician(let who): return .clinician(try diary.addClinician(who, by: user))
        case .template(let fields): return .storedTemplate(try bookingService().addTemplate(fields, by: user))
        case .storedTemplate: throw DeskFailure(message: "a stored template cannot be added again")
        }
    }

    public func setPharmacyScreening(service code: String, _ on: Bool) throws -> Service {
        try diaryService().setPharmacyScreening(service: code, on, by: user)
    }

    public func generateSessions(from: LocalDate, to: LocalDate) throws -> BookingService.Generation {
        try bookingService().generateSessions(from: from, to: to, by: user)
    }
}
