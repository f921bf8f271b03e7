import Foundation

/// Reads of the diary, appointments and tasks, inside one consistent snapshot.
public protocol BookingReader {
    /// The record a hospital or NHS number names (a merged duplicate's number leads to the record kept).
    func patient(reference: String) throws -> Patient?
    func patient(id: Int64) throws -> Patient?
    func site(code: String) throws -> Site?
    func service(code: String) throws -> Service?
    func clinician(code: String) throws -> Clinician?
    func templates() throws -> [SessionTemplate]
    func session(id: Int64) throws -> ClinicSession?
    func sessions(_ query: SessionQuery) throws -> [ClinicSession]
    func slot(id: Int64) throws -> Slot?
    /// Slots with a free place in open sessions, earliest first, `query.limit` at most.
    func freeSlots(_ query: SlotQuery) throws -> [Slot]
    func appointment(id: Int64) throws -> Appointment?
    /// A patient's appointments, earliest first (`on`: that date only).
    func appointments(patientID: Int64, on date: LocalDate?) throws -> [Appointment]
    func appointments(sessionID: Int64) throws -> [Appointment]
    /// A patient's appointments from a date on that are still booked.
    func futureBookings(patientID: Int64, from date: LocalDate) throws -> [Appointment]
    func trail(appointmentID: Int64) throws -> [AppointmentEvent]
    func clinicDay(_ query: ClinicDayQuery) throws -> [ClinicDayRow]
    func tasks(_ query: TaskQuery) throws -> [DeskTask]
    func task(id: Int64) throws -> DeskTask?
    /// A stored protocol version (the latest when `version` is nil).
    func storedProtocol(code: String, version: Int?) throws -> StoredProtocol?
    /// Whether this person opened this (restricted) record with a reason since `since` (break-glass access).
    func brokeGlass(patientID: Int64, user: String, since: Date) throws -> Bool
    /// When the patient can come (none recorded: `.none`).
    func preferences(patientID: Int64) throws -> BookingPreferences
    func course(id: Int64) throws -> Course?
    /// A patient's courses, latest start first.
    func courses(patientID: Int64) throws -> [Course]
    /// A course's steps, cycle by cycle in the protocol's order.
    func courseSteps(courseID: Int64) throws -> [CourseStep]
    /// The course step an appointment holds: booked for it, or a rebooking of one that was.
    func courseStep(appointmentID: Int64) throws -> CourseStep?
}

/// Writes, inside the transaction of `BookingRepository.write`: everything
/// done in one body commits together or not at all.
public protocol BookingTransaction: BookingReader {
    /// Stores a new appointment (its `id` is ignored) and takes its place in
    /// its slot when it holds one; returns the id.
    func insertAppointment(_ appointment: Appointment) throws -> Int64
    /// Saves an appointment's changed fields; its slot's count follows a
    /// change between cancelled and not cancelled.
    func updateAppointment(_ appointment: Appointment) throws
    func appendEvent(_ event: AppointmentEvent) throws
    func appendAudit(_ entry: AuditEntry) throws
    func insertTemplate(_ template: SessionTemplate, by user: String, at: Date) throws -> Int64
    /// Stores planned sessions and their slots; a template's session already
    /// stored for a date is left as it is. Returns how many were new.
    func insertSessions(_ sessions: [PlannedSession]) throws -> Int
    /// Stores one session (an import) with its slots; returns its id.
    func insertSession(_ session: PlannedSession) throws -> Int64
    /// Marks the session cancelled and closes its slots to booking.
    func cancelSession(id: Int64, _ cancellation: SessionCancellation) throws
    func insertTask(_ task: DeskTask) throws -> Int64
    func updateTask(_ task: DeskTask) throws
    /// Stores a new course (its `id` is ignored); returns the id.
    func insertCourse(_ course: Course) throws -> Int64
    func insertCourseStep(_ step: CourseStep) throws
    /// Points a course step at a new appointment or task (a re-plan).
    func updateCourseStep(_ step: CourseStep) throws
    /// Stops a patient's active courses (the patient died).
    func stopCourses(patientID: Int64, reason: String) throws
    /// Appends a note to every open enquiry about the patient (a recorded death); returns how many.
    func noteOpenEnquiries(patientID: Int64, user: String, at: Date, note: String) throws -> Int
    /// Stops one course, with why.
    func stopCourse(id: Int64, reason: String) throws
    /// Records when the patient can come (`.none` clears it).
    func setPreferences(_ preferences: BookingPreferences, patientID: Int64, by user: String, at: Date) throws
}

/// Storage of the diary, appointments and tasks.
public protocol BookingRepository: Sendable {
    /// Runs `body` in one write transaction (IMMEDIATE: two desks booking at
    /// the same moment run one after the other, each seeing the other's result).
    func write<T>(_ body: (any BookingTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any BookingReader) throws -> T) throws -> T
}

/// A refusal of a booking or of a change to an appointment, session or task,
/// naming the field and the rule. `alternatives` are the next free slots when
/// the one asked for was full (or was just taken by another desk).
public struct BookingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case notFound
        case refused
        case slotFull
    }
    public let kind: Kind
    public let field: String
    public let reason: String
    public var alternatives: [Slot]
    /// For a course that cannot be planned: the planner's answer (the step, the first date it would fit).
    public var planFailure: PlanFailure?

    public init(_ kind: Kind = .refused, field: String, _ reason: String, alternatives: [Slot] = []) {
        self.kind = kind; self.field = field; self.reason = reason; self.alternatives = alternatives
    }

    public var description: String { "\(field): \(reason)" }

    static func notFound(_ field: String, _ what: String) -> BookingError { BookingError(.notFound, field: field, what) }
}
