import Foundation
import FrontDeskDomain

/// What the panes ask of the rest of FrontDesk. Every call goes through the
/// domain's `PatientService` with the acting user, so opening a record is
/// audited and saving is validated there, never in the UI.
public protocol DeskServices: Sendable {
    func search(_ text: String, limit: Int) throws -> SearchResults
    /// Opens a record; a restricted one needs `reason` (break glass, audited).
    func open(_ reference: String, reason: AccessReason?) throws -> Patient
    func register(_ fields: PatientFields, acceptLikelyDuplicates: Bool) throws -> Patient
    func edit(_ reference: String, _ fields: PatientFields, acceptLikelyDuplicates: Bool, reason: AccessReason?) throws -> (patient: Patient, changed: [String])
    /// Every setting, and whether this person may change them (through `SettingsService`).
    func settings() throws -> SettingsList
    /// Changes a setting (validated, permission-checked and audited by `SettingsService`).
    func changeSetting(_ key: String, to value: String) throws -> SettingValue
    /// True when `password` is the desk's own user's OS password (may be slow).
    func checkPassword(_ password: String) -> Bool
    /// The audit trail, newest first (managers: `PatientService` checks
    /// `read_audit_reports`): a patient's (hospital or NHS number, with any
    /// records merged into it), one login's from a time, or restricted-record access.
    func auditReport(patient: String?, user: String?, since: Date?, restrictedOnly: Bool, limit: Int) throws -> [AuditEntry]

    // Clinics and booking (DeskServices+Booking.swift): every call goes
    // through `BookingService` or `DiaryService` with the acting user.

    /// The sites, services and clinicians the clinic filters and the booking dialog offer.
    func clinicSetup() throws -> ClinicSetup
    /// The clinic day list (cancelled appointments included when asked).
    func clinicDay(_ query: ClinicDayQuery) throws -> [ClinicDayRow]
    /// Tasks: the to-be-booked list, a team's open tasks, a patient's open tasks.
    func tasks(_ query: TaskQuery) throws -> [DeskTask]
    /// The teams the person at the desk belongs to (the tasks view offers them).
    func myTeams() throws -> [Team]
    /// Marks a task done (an optional note) or cancels it (a note saying why is required).
    func closeTask(id: Int64, _ status: DeskTask.Status, note: String?) throws -> DeskTask
    /// A session and its appointments still booked, to confirm cancelling it.
    func sessionToCancel(id: Int64, date: LocalDate) throws -> SessionToCancel
    /// Cancels a session (officers): its booked appointments are cancelled by the hospital and listed for rebooking.
    func cancelSession(id: Int64, reason: String) throws -> SessionCancelled
    /// Changes one appointment's status (check-in, attendance, DNA, outcome, cancel, undo, reinstate).
    func change(appointmentID: Int64, _ change: AppointmentChange) throws -> AppointmentChangeOutcome
    /// Adds a walk-in to today's session of a service with a clinician.
    func walkIn(patient: String, service: String, clinician: String, site: String?) throws -> Appointment
    /// A patient's appointments (each with its trail) and open tasks, for the record.
    func appointments(patientID: Int64) throws -> PatientAppointments
    /// The next free slots (`BookingService.slots`).
    func slots(_ query: SlotQuery) throws -> [Slot]
    func book(_ request: BookingRequest) throws -> BookingResult
    /// Moves an appointment to another slot (who and why needed when it is still booked), with
    /// what it carries as changed in the summary, and (officers) beyond a full slot's capacity with a reason.
    func rebook(appointmentID: Int64, slotID: Int64, by: CancelledBy?, reason: CancellationReason?, text: String?,
                changes: BookingDetails?, overbookReason: String?) throws -> BookingResult

    // The clinic set-up section of F9 (AppState+ClinicSetup.swift): every call goes
    // through `DiaryService` or `BookingService`, which check `manage_clinics` and audit.

    /// Every site, service, clinician or resource (inactive ones too) and session template,
    /// and whether this person may change them.
    func clinicSetupLists() throws -> ClinicSetupLists
    /// Adds a site, service, clinician or template (validated, permission-checked and audited by the domain).
    func addToClinicSetup(_ entry: ClinicSetupEntry) throws -> ClinicSetupEntry
    /// Generates the sessions of every template from `from` to `to` (`BookingService.generateSessions`).
    func generateSessions(from: LocalDate, to: LocalDate) throws -> BookingService.Generation
    /// Turns a service's pharmacy screening on or off (`DiaryService.setPharmacyScreening`).
    func setPharmacyScreening(service code: String, _ on: Bool) throws -> Service

    // The staff and teams section of F9, and merging from the record (DeskServices+Staff.swift):
    // every call goes through `StaffService` or `PatientService`, which check the permissions and audit.

    /// The staff list, the teams with their members, the sites, and what this person may change.
    func staffLists() throws -> StaffLists
    /// Adds a person or a team, changes a role, teams, active or default site (`StaffService`).
    func changeStaff(_ change: StaffChange) throws -> StaffChangeDone
    /// The other record of a merge, by hospital or NHS number (a search row: nothing is opened).
    func mergeCandidate(_ reference: String) throws -> PatientSummary
    /// Merges `duplicate` into `keep` (officers: `PatientService.merge`); returns the record kept.
    func merge(keep: String, duplicate: String, reason: String) throws -> Patient

    // Treatment courses (DeskServices+Sequence.swift): every call goes through
    // `SequenceService` or `ProtocolService`, which check the permissions and audit.

    /// The latest version of every protocol.
    func treatmentProtocols() throws -> [TreatmentProtocol]
    /// The best plan of a protocol for a patient on the diary as it is now (nothing booked).
    func planCourse(_ request: CoursePlanRequest) throws -> CoursePlanView
    /// The next free slots of a step's service that keep the plan valid, each re-planned with the step pinned
    /// (with `breaking`, those that break a rule too, for an officer's override).
    func courseAlternatives(_ request: CoursePlanRequest, step: StepKey, breaking: Bool) throws -> CourseAlternatives
    /// Books the plan as one course (with an officer's overrides and their reason).
    func bookCourse(_ request: CoursePlanRequest, overrides: [StepKey: Int64], reason: String?) throws -> CourseBookedView
    /// A patient's courses for the record, each checked against its appointments as they stand.
    func courses(patientID: Int64) throws -> [CourseDetail]
    /// The first course of these appointments that a cancellation or move broke, with its re-plan (nil: none broke).
    func courseKnockOn(appointmentIDs: [Int64]) throws -> CourseReplanView?
    /// A course's re-plan, with the clerk's pins.
    func replanCourse(_ id: Int64, pins: [StepKey: Int64]) throws -> CourseReplanView
    /// Slots for one step of a re-plan that keep the course valid.
    func replanAlternatives(_ id: Int64, pins: [StepKey: Int64], step: StepKey) throws -> CourseAlternatives
    /// Books the re-plan shown (`expected`): nothing is booked when the diary changed meanwhile.
    func applyReplan(_ id: Int64, pins: [StepKey: Int64], expected: [CourseReplan.Change]) throws -> ReplanApplied
    /// A course's itinerary (large print when the record's information need says so).
    func itinerary(course: Int64) throws -> Itinerary
    /// Stops a course (its appointments to come and open tasks cancelled), with why.
    func stopCourse(_ id: Int64, reason: String) throws -> CourseStoppedView
    /// When the patient can come, as recorded.
    func bookingPreferences(patient: String) throws -> BookingPreferences
    /// Records when the patient can come, checked field by field (`BookingPreferences(fields:)`).
    func setBookingPreferences(patient: String, _ fields: BookingPreferences.Fields) throws -> BookingPreferences

    // Enquiries (DeskServices+Enquiries.swift): every call goes through `EnquiryService`.

    /// Logs, checks, shows and changes enquiries; the queue and the overdue count.
    func enquiryDesk(_ call: EnquiryCall) throws -> EnquiryAnswer

    /// Where a patient's paper case notes are, moving them, the pull list (`CaseNoteService`).
    func caseNotesDesk(_ call: CaseNotesCall) throws -> CaseNotesAnswer

    // The end-of-day checklist (DeskServices+Checklist.swift): every call goes through `ChecklistService`.

    /// Generates the checklist, marks items, signs a day off, writes it to a file.
    func checklistDesk(_ call: ChecklistCall) throws -> ChecklistAnswer
}

/// The services for one person at the desk.
public struct PatientDesk: DeskServices {
    public let service: PatientService
    public let user: ActingUser
    /// The settings; nil: the settings pane says they are not available.
    public let settingsService: SettingsService?
    /// How the lock screen checks the password; nil: it cannot be unlocked (only quit).
    public let authenticator: (any Authenticator)?
    /// The diary and appointments; nil: the clinics pane and booking say they are not available.
    public let booking: BookingService?
    /// The clinic set-up (sites, services, clinicians); nil: the filters accept codes as typed.
    public let diary: DiaryService?
    /// Treatment courses (F4); nil: the sequence pane says it is not available and the record shows no courses.
    public let sequence: SequenceService?
    /// Enquiries (F5); nil: the enquiries pane says they are not available and the record shows none.
    public let enquiries: EnquiryService?
    /// The end-of-day checklist (F6); nil: the checklist pane says it is not available.
    public let checklist: ChecklistService?
    /// Where the checklist pane's print/export writes (nil: it names the command that does).
    public let checklistExport: ChecklistExport?
    /// Paper case notes (where the volumes are, moving them, the pull list); nil: the record shows none and F6 offers no pull list.
    public let caseNotes: CaseNoteService?

    public init(service: PatientService, user: ActingUser, settings: SettingsService? = nil,
                authenticator: (any Authenticator)? = nil, booking: BookingService? = nil, diary: DiaryService? = nil,
                sequence: SequenceService? = nil, enquiries: EnquiryService? = nil, checklist: ChecklistService? = nil,
                checklistExport: ChecklistExport? = nil, caseNotes: CaseNoteService? = nil) {
        self.service = service; self.user = user; self.settingsService = settings; self.authenticator = authenticator
        self.booking = booking; self.diary = diary; self.sequence = sequence; self.enquiries = enquiries
        self.checklist = checklist; self.checklistExport = checklistExport; self.caseNotes = caseNotes
    }

    public func search(_ text: String, limit: Int) throws -> SearchResults {
        try service.search(text, limit: limit, by: user)
    }
    public func open(_ reference: String, reason: AccessReason?) throws -> Patient {
        try service.open(reference, by: user, purpose: "opened record in the terminal UI", reason: reason)
    }
    public func register(_ fields: PatientFields, acceptLikelyDuplicates: Bool) throws -> Patient {
        try service.register(fields, by: user, acceptLikelyDuplicates: acceptLikelyDuplicates)
    }
    public func edit(_ reference: String, _ fields: PatientFields, acceptLikelyDuplicates: Bool, reason: AccessReason?) throws -> (patient: Patient, changed: [String]) {
        try service.edit(reference, fields, by: user, acceptLikelyDuplicates: acceptLikelyDuplicates, reason: reason)
    }
    public func settings() throws -> SettingsList {
        guard let settingsService else { throw DeskFailure(message: "settings are not available here") }
        let values = try settingsService.list(by: user)
        do {
            try settingsService.checkMayChange(by: user)
            return SettingsList(values: values, changeRefusal: nil)
        } catch let refusal as AccessError where refusal.isPermission {
            return SettingsList(values: values, changeRefusal: refusal.reason)
        }
    }
    public func changeSetting(_ key: String, to value: String) throws -> SettingValue {
        guard let settingsService else { throw DeskFailure(message: "settings are not available here") }
        return try settingsService.set(key, to: value, by: user)
    }
    public func checkPassword(_ password: String) -> Bool {
        authenticator?.check(login: user.login, password: password) ?? false
    }
    public func auditReport(patient: String?, user login: String?, since: Date?, restrictedOnly: Bool, limit: Int) throws -> [AuditEntry] {
        do {
            return try service.auditReport(patient: patient, user: login, since: since, restrictedOnly: restrictedOnly,
                                           limit: limit, by: user)
        } catch let problem as PatientError where problem.isNotFound {
            // The patient typed is not known: the pane marks its field.
            throw DeskFailure(message: problem.description, fieldErrors: [FieldError(field: problem.field, reason: problem.reason)])
        }
    }
}

/// The settings as the settings pane shows them.
public struct SettingsList: Hashable, Sendable {
    public var values: [SettingValue]
    /// Why this person may not change settings (the permission needed), or nil when they may.
    public var changeRefusal: String?
    public init(values: [SettingValue], changeRefusal: String?) { self.values = values; self.changeRefusal = changeRefusal }
}

/// A failure as the screen shows it: field errors for a form, likely
/// duplicates for the confirmation dialog, or one line of text.
public struct DeskFailure: Error, Hashable, Sendable {
    public var message: String
    public var fieldErrors: [FieldError]
    public var likelyDuplicates: [PatientSummary]
    /// The hospital number of a restricted record asked for without a reason.
    public var restrictedRecord: String?
    /// The slot asked for was full (perhaps just taken at another desk).
    public var slotFull: Bool
    /// The next free slots, when the slot asked for was full.
    public var alternatives: [Slot]

    public init(message: String, fieldErrors: [FieldError] = [], likelyDuplicates: [PatientSummary] = [],
                restrictedRecord: String? = nil, slotFull: Bool = false, alternatives: [Slot] = []) {
        self.message = message; self.fieldErrors = fieldErrors; self.likelyDuplicates = likelyDuplicates
        self.restrictedRecord = restrictedRecord; self.slotFull = slotFull; self.alternatives = alternatives
    }

    /// Translates an error from the domain or store into words. Database
    /// errors say what failed without echoing SQL or patient data.
    public init(_ error: any Error) {
        switch error {
        case let failure as DeskFailure:
            self = failure
        case let problem as PatientError:
            if problem.isLikelyDuplicate {
                self.init(message: "possible duplicate: \(problem.candidates.count) existing record(s) look like the same person",
                          likelyDuplicates: problem.candidates)
            } else if let mrn = problem.restrictedMRN {
                self.init(message: problem.description, restrictedRecord: mrn)
            } else if problem.isNotFound {
                self.init(message: problem.description)
            } else {
                self.init(message: problem.description, fieldErrors: [FieldError(field: problem.field, reason: problem.reason)])
            }
        case let invalid as ValidationError:
            self.init(message: invalid.errors.first?.description ?? "the record is not valid", fieldErrors: invalid.errors)
        case let field as FieldError:
            self.init(message: field.description, fieldErrors: [field])
        case let refusal as AccessError:
            self.init(message: refusal.description)
        case let refusal as BookingError:
            self.init(message: refusal.description, fieldErrors: [FieldError(field: refusal.field, reason: refusal.reason)],
                      slotFull: refusal.kind == .slotFull, alternatives: refusal.alternatives)
        case let refusal as DiaryError:
            self.init(message: refusal.description, fieldErrors: [FieldError(field: refusal.field, reason: refusal.reason)])
        case let refusal as ChecklistError:
            self.init(message: refusal.description, fieldErrors: [FieldError(field: refusal.field, reason: refusal.reason)])
        default:
            self.init(message: "database: the operation failed (\(String(describing: type(of: error))))")
        }
    }
}

/// What `update` asks the runtime to do; the answer comes back as an `Event`.
public enum Effect: Equatable, Sendable {
    /// Search off the keyboard path; the answer carries `generation`, so a
    /// superseded query's answer is dropped.
    case search(generation: Int, text: String, limit: Int)
    case open(reference: String, reason: AccessReason? = nil)
    case register(PatientFields, acceptLikelyDuplicates: Bool)
    case edit(reference: String, PatientFields, acceptLikelyDuplicates: Bool, reason: AccessReason? = nil)
    case quit
    /// Repaint the whole screen.
    case redraw
    /// Check the lock screen's password off the keyboard path; answered by `.passwordChecked`.
    case checkPassword(String)
    /// Read the settings; answered by `.settingsLoaded`.
    case loadSettings
    /// Change a setting; answered by `.settingChanged`.
    case changeSetting(key: String, value: String)
    /// Read the audit trail (off the keyboard path); answered by `.audited`.
    case auditReport(patient: String?, user: String?, since: Date?, restrictedOnly: Bool, limit: Int)
    /// Read the sites, services and clinicians; answered by `.clinicSetupLoaded`.
    case loadClinicSetup
    /// Read a clinic day list; answered by `.clinicDayLoaded` with the same generation.
    case clinicDay(generation: Int, ClinicDayQuery)
    /// Read the open to-be-booked list (of a service, or all); answered by `.toBeBookedLoaded`.
    case toBeBooked(generation: Int, serviceCode: String?)
    /// Change the status of each appointment in turn; answered by `.appointmentsChanged`.
    case changeAppointments(AppointmentChange, ids: [Int64])
    /// Add a walk-in; answered by `.walkedIn`.
    case walkIn(patient: String, service: String, clinician: String, site: String?)
    /// Read a patient's appointments and open tasks; answered by `.patientAppointmentsLoaded`.
    case patientAppointments(patientID: Int64)
    /// Find the next free slots; answered by `.slotsFound` with the same generation.
    case slots(generation: Int, SlotQuery)
    /// Book; answered by `.booked`.
    case book(BookingRequest)
    /// Rebook (with the summary's details, and an officer's overbooking reason); answered by `.booked`.
    case rebook(appointmentID: Int64, slotID: Int64, by: CancelledBy?, reason: CancellationReason?, text: String?,
                changes: BookingDetails?, overbookReason: String?)
    /// Read a team's open tasks (nil: every team's); answered by `.deskTasksLoaded` with the same generation.
    case deskTasks(generation: Int, team: String?)
    /// Read the teams the person belongs to; answered by `.teamsLoaded`.
    case loadTeams
    /// Mark a task done or cancel it; answered by `.taskClosed`.
    case closeTask(id: Int64, status: DeskTask.Status, note: String?)
    /// Read a session to confirm cancelling it; answered by `.sessionLoaded`.
    case loadSession(id: Int64, date: LocalDate)
    /// Cancel a session; answered by `.sessionCancelled`.
    case cancelSession(id: Int64, reason: String)
    /// Read the clinic set-up lists (F9, second section); answered by `.setupListsLoaded`.
    case loadSetupLists
    /// Add a site, service, clinician or template; answered by `.setupChanged`.
    case addToClinicSetup(ClinicSetupEntry)
    /// Generate the sessions of a date range from the templates; answered by `.setupChanged`.
    case generateSessions(from: LocalDate, to: LocalDate)
    /// Turn a service's pharmacy screening on or off; answered by `.setupChanged`.
    case setPharmacyScreening(service: String, on: Bool)
    /// Read the staff and teams (F9, third section); answered by `.staffLoaded`.
    case loadStaff
    /// Change the staff list or the teams; answered by `.staffChanged`.
    case changeStaff(StaffChange)
    /// Find the other record of a merge by its number; answered by `.mergeCandidateFound`.
    case findMergeCandidate(reference: String)
    /// Merge a duplicate into the record kept; answered by `.merged`.
    case merge(keep: String, duplicate: String, reason: String)
    /// Read the protocols; answered by `.protocolsLoaded`.
    case loadProtocols
    /// Plan a course; answered by `.coursePlanned` with the same generation.
    case planCourse(generation: Int, CoursePlanRequest)
    /// Find the slots a step could move to; answered by `.courseAlternativesFound` with the same generation.
    case courseAlternatives(generation: Int, CoursePlanRequest, step: StepKey, breaking: Bool)
    /// Book a planned course; answered by `.courseBooked`.
    case bookCourse(CoursePlanRequest, overrides: [StepKey: Int64], reason: String?)
    /// Read a patient's courses; answered by `.patientCoursesLoaded`.
    case patientCourses(patientID: Int64)
    /// After a cancellation or a move: the course it broke, if any; answered by `.courseReplanned`.
    case courseKnockOn(appointmentIDs: [Int64])
    /// Re-plan a course with the clerk's pins; answered by `.courseReplanned`.
    case replanCourse(course: Int64, pins: [StepKey: Int64])
    /// Slots for a step of a re-plan; answered by `.courseAlternativesFound` with the same generation.
    case replanAlternatives(generation: Int, course: Int64, pins: [StepKey: Int64], step: StepKey)
    /// Book a re-plan as shown; answered by `.replanApplied`.
    case applyReplan(course: Int64, pins: [StepKey: Int64], expected: [CourseReplan.Change])
    /// Read a course's itinerary; answered by `.itineraryLoaded`.
    case courseItinerary(course: Int64)
    /// Read a patient's booking preferences; answered by `.preferencesLoaded`.
    case loadPreferences(patient: String)
    /// Save a patient's booking preferences; answered by `.preferencesSaved`.
    case savePreferences(patient: String, BookingPreferences.Fields)
    /// Stop a course, with why; answered by `.courseStopped`.
    case stopCourse(course: Int64, reason: String)
    /// Anything of the enquiries pane; answered by `.enquiryAnswered` with the call.
    case enquiry(EnquiryCall)
    /// Anything of paper case notes; answered by `.caseNotesAnswered` with the call.
    case caseNotes(CaseNotesCall)
    /// Anything of the checklist pane; answered by `.checklistAnswered` with the call.
    case checklist(ChecklistCall)

    /// Effects the runtime runs on its worker thread (they read or write the database).
    public var isSlow: Bool {
        switch self {
        case .checkPassword, .auditReport, .loadClinicSetup, .clinicDay, .toBeBooked, .changeAppointments, .walkIn,
             .patientAppointments, .slots, .book, .rebook, .deskTasks, .loadTeams, .closeTask, .loadSession, .cancelSession,
             .loadSetupLists, .addToClinicSetup, .generateSessions, .setPharmacyScreening, .loadStaff, .changeStaff, .findMergeCandidate, .merge,
             .loadProtocols, .planCourse, .courseAlternatives, .bookCourse, .patientCourses, .courseKnockOn, .replanCourse,
             .replanAlternatives, .applyReplan, .courseItinerary, .loadPreferences, .savePreferences, .stopCourse, .enquiry, .caseNotes,
             .checklist:
            return true
        default:
            return false
        }
    }
}

/// A patient saved by a form.
public struct SavedPatient: Hashable, Sendable {
    public var patient: Patient
    /// nil for a registration; the changed field names for an edit.
    public var changed: [String]?
    public init(patient: Patient, changed: [String]?) { self.patient = patient; self.changed = changed }
}

/// Everything that changes the application's state.
public enum Event: Sendable {
    case key(Key)
    case resize(Size)
    case tick(Date)
    case searched(generation: Int, Result<SearchResults, DeskFailure>)
    case opened(Result<Patient, DeskFailure>)
    case saved(Result<SavedPatient, DeskFailure>)
    /// No key was pressed for the idle period: lock the screen (sent by the runtime, with the time).
    case lock(Date)
    /// The answer to `.checkPassword`.
    case passwordChecked(Bool)
    case settingsLoaded(Result<SettingsList, DeskFailure>)
    case settingChanged(Result<SettingValue, DeskFailure>)
    /// The answer to `.auditReport`.
    case audited(Result<[AuditEntry], DeskFailure>)
    case clinicSetupLoaded(Result<ClinicSetup, DeskFailure>)
    case clinicDayLoaded(generation: Int, Result<[ClinicDayRow], DeskFailure>)
    case toBeBookedLoaded(generation: Int, Result<[DeskTask], DeskFailure>)
    /// The answer to `.changeAppointments`: how each appointment went.
    case appointmentsChanged(AppointmentChangeReport)
    case walkedIn(Result<Appointment, DeskFailure>)
    case patientAppointmentsLoaded(patientID: Int64, Result<PatientAppointments, DeskFailure>)
    case slotsFound(generation: Int, Result<[Slot], DeskFailure>)
    /// The answer to `.book` and `.rebook`.
    case booked(Result<BookingResult, DeskFailure>)
    case deskTasksLoaded(generation: Int, Result<[DeskTask], DeskFailure>)
    case teamsLoaded(Result<[Team], DeskFailure>)
    case taskClosed(Result<DeskTask, DeskFailure>)
    case sessionLoaded(Result<SessionToCancel, DeskFailure>)
    case sessionCancelled(Result<SessionCancelled, DeskFailure>)
    case setupListsLoaded(Result<ClinicSetupLists, DeskFailure>)
    /// The answer to `.addToClinicSetup` and `.generateSessions`.
    case setupChanged(Result<ClinicSetupChange, DeskFailure>)
    case staffLoaded(Result<StaffLists, DeskFailure>)
    case staffChanged(Result<StaffChangeDone, DeskFailure>)
    case mergeCandidateFound(Result<PatientSummary, DeskFailure>)
    /// The answer to `.merge`: the record kept.
    case merged(Result<Patient, DeskFailure>)
    case protocolsLoaded(Result<[TreatmentProtocol], DeskFailure>)
    case coursePlanned(generation: Int, Result<CoursePlanView, DeskFailure>)
    case courseAlternativesFound(generation: Int, Result<CourseAlternatives, DeskFailure>)
    case courseBooked(Result<CourseBookedView, DeskFailure>)
    case patientCoursesLoaded(patientID: Int64, Result<[CourseDetail], DeskFailure>)
    /// The answer to `.courseKnockOn` (nil: nothing broke) and `.replanCourse`.
    case courseReplanned(Result<CourseReplanView?, DeskFailure>)
    case replanApplied(Result<ReplanApplied, DeskFailure>)
    case itineraryLoaded(Result<Itinerary, DeskFailure>)
    case preferencesLoaded(Result<BookingPreferences, DeskFailure>)
    case preferencesSaved(Result<BookingPreferences, DeskFailure>)
    case courseStopped(Result<CourseStoppedView, DeskFailure>)
    /// The answer to `.enquiry`.
    case enquiryAnswered(EnquiryCall, Result<EnquiryAnswer, DeskFailure>)
    /// The answer to `.caseNotes`.
    case caseNotesAnswered(CaseNotesCall, Result<CaseNotesAnswer, DeskFailure>)
    /// The answer to `.checklist`.
    case checklistAnswered(ChecklistCall, Result<ChecklistAnswer, DeskFailure>)
}

extension DeskServices {
    /// Runs an effect and returns its answer (the runtime runs search,
    /// checkPassword and auditReport on worker threads, quit and redraw itself).
    public func perform(_ effect: Effect) -> Event? {
        switch effect {
        case .search(let generation, let text, let limit):
            return .searched(generation: generation, Result { try search(text, limit: limit) }.mapError(DeskFailure.init))
        case .open(let reference, let reason):
            return .opened(Result { try open(reference, reason: reason) }.mapError(DeskFailure.init))
        case .register(let fields, let accept):
            return .saved(Result { SavedPatient(patient: try register(fields, acceptLikelyDuplicates: accept), changed: nil) }
                .mapError(DeskFailure.init))
        case .edit(let reference, let fields, let accept, let reason):
            return .saved(Result {
                let result = try edit(reference, fields, acceptLikelyDuplicates: accept, reason: reason)
                return SavedPatient(patient: result.patient, changed: result.changed)
            }.mapError(DeskFailure.init))
        case .checkPassword(let password):
            return .passwordChecked(checkPassword(password))
        case .loadSettings:
            return .settingsLoaded(Result { try settings() }.mapError(DeskFailure.init))
        case .changeSetting(let key, let value):
            return .settingChanged(Result { try changeSetting(key, to: value) }.mapError(DeskFailure.init))
        case .auditReport(let patient, let user, let since, let restrictedOnly, let limit):
            return .audited(Result {
                try auditReport(patient: patient, user: user, since: since, restrictedOnly: restrictedOnly, limit: limit)
            }.mapError(DeskFailure.init))
        case .loadClinicSetup:
            return .clinicSetupLoaded(Result { try clinicSetup() }.mapError(DeskFailure.init))
        case .clinicDay(let generation, let query):
            return .clinicDayLoaded(generation: generation, Result { try clinicDay(query) }.mapError(DeskFailure.init))
        case .toBeBooked(let generation, let service):
            return .toBeBookedLoaded(generation: generation, Result {
                try tasks(TaskQuery(kind: .toBeBooked, serviceCode: service, openOnly: true))
            }.mapError(DeskFailure.init))
        case .changeAppointments(let what, let ids):
            let outcomes = ids.map { id in
                AppointmentChangeOutcome.attempt(id) { try change(appointmentID: id, what) }
            }
            return .appointmentsChanged(AppointmentChangeReport(change: what, outcomes: outcomes))
        case .walkIn(let patient, let service, let clinician, let site):
            return .walkedIn(Result { try walkIn(patient: patient, service: service, clinician: clinician, site: site) }
                .mapError(DeskFailure.init))
        case .patientAppointments(let id):
            return .patientAppointmentsLoaded(patientID: id, Result { try appointments(patientID: id) }.mapError(DeskFailure.init))
        case .slots(let generation, let query):
            return .slotsFound(generation: generation, Result { try slots(query) }.mapError(DeskFailure.init))
        case .book(let request):
            return .booked(Result { try book(request) }.mapError(DeskFailure.init))
        case .rebook(let id, let slot, let who, let reason, let text, let changes, let overbook):
            return .booked(Result {
                try rebook(appointmentID: id, slotID: slot, by: who, reason: reason, text: text, changes: changes, overbookReason: overbook)
            }.mapError(DeskFailure.init))
        case .deskTasks(let generation, let team):
            return .deskTasksLoaded(generation: generation, Result {
                try tasks(TaskQuery(teamCode: team, openOnly: true))
            }.mapError(DeskFailure.init))
        case .loadTeams:
            return .teamsLoaded(Result { try myTeams() }.mapError(DeskFailure.init))
        case .closeTask(let id, let status, let note):
            return .taskClosed(Result { try closeTask(id: id, status, note: note) }.mapError(DeskFailure.init))
        case .loadSession(let id, let date):
            return .sessionLoaded(Result { try sessionToCancel(id: id, date: date) }.mapError(DeskFailure.init))
        case .cancelSession(let id, let reason):
            return .sessionCancelled(Result { try cancelSession(id: id, reason: reason) }.mapError(DeskFailure.init))
        case .loadSetupLists:
            return .setupListsLoaded(Result { try clinicSetupLists() }.mapError(DeskFailure.init))
        case .addToClinicSetup(let entry):
            return .setupChanged(Result { ClinicSetupChange.added(try addToClinicSetup(entry)) }.mapError(DeskFailure.init))
        case .generateSessions(let from, let to):
            return .setupChanged(Result {
                ClinicSetupChange.generated(from: from, to: to, try generateSessions(from: from, to: to))
            }.mapError(DeskFailure.init))
        case .setPharmacyScreening(let code, let on):
            return .setupChanged(Result { ClinicSetupChange.screening(try setPharmacyScreening(service: code, on)) }
                .mapError(DeskFailure.init))
        case .loadStaff:
            return .staffLoaded(Result { try staffLists() }.mapError(DeskFailure.init))
        case .changeStaff(let change):
            return .staffChanged(Result { try changeStaff(change) }.mapError(DeskFailure.init))
        case .findMergeCandidate(let reference):
            return .mergeCandidateFound(Result { try mergeCandidate(reference) }.mapError(DeskFailure.init))
        case .merge(let keep, let duplicate, let reason):
            return .merged(Result { try merge(keep: keep, duplicate: duplicate, reason: reason) }.mapError(DeskFailure.init))
        case .loadProtocols, .planCourse, .courseAlternatives, .bookCourse, .patientCourses, .courseKnockOn, .replanCourse,
             .replanAlternatives, .applyReplan, .courseItinerary, .loadPreferences, .savePreferences, .stopCourse:
            return performSequence(effect)
        case .enquiry(let call):
            return .enquiryAnswered(call, Result { try enquiryDesk(call) }.mapError(DeskFailure.init))
        case .caseNotes(let call):
            return .caseNotesAnswered(call, Result { try caseNotesDesk(call) }.mapError(DeskFailure.init))
        case .checklist(let call):
            return .checklistAnswered(call, Result { try checklistDesk(call) }.mapError(DeskFailure.init))
        case .quit, .redraw:
            return nil
        }
    }
}
