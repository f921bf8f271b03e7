import Foundation

/// A piece of work for a team about a patient, with a due time: book an
/// interpreter, book transport, decide what next after a DNA, book an
/// appointment later (the clinic's to-be-booked list). Sequencing, enquiries
/// and the checklist add their own kinds.
public struct DeskTask: Sendable, Hashable, Codable, Identifiable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Book an interpreter or other communication professional.
        case interpreter
        /// Book hospital transport.
        case transport
        /// Outcome 3: the patient is on the clinic's to-be-booked list.
        case toBeBooked = "to_be_booked"
        /// After a DNA: the clinician decides the next step (cancer patients are not simply discharged).
        case dnaReview = "dna_review"
        /// A hospital cancellation (a session cancelled) to rebook.
        case rebook
        /// A task step of a treatment course (pharmacy screening …), due by its planned date.
        case courseStep = "course_step"
        case other
    }
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable { case open, done, cancelled }

    public var id: Int64
    public var teamCode: String
    public var patientID: Int64
    public var patientMRN: String
    public var appointmentID: Int64?
    public var courseID: Int64?
    /// The service a to-be-booked entry is for (the clinic's list).
    public var serviceCode: String?
    public var kind: Kind
    public var description: String
    public var dueDate: LocalDate
    public var dueTime: ClockTime
    public var status: Status
    public var createdBy: String
    public var createdAt: Date
    public var closedBy: String?
    public var closedAt: Date?
    public var closeNote: String?

    public init(id: Int64 = 0, teamCode: String, patientID: Int64, patientMRN: String, appointmentID: Int64? = nil,
                courseID: Int64? = nil, serviceCode: String? = nil, kind: Kind, description: String, dueDate: LocalDate,
                dueTime: ClockTime, status: Status = .open, createdBy: String, createdAt: Date, closedBy: String? = nil,
                closedAt: Date? = nil, closeNote: String? = nil) {
        self.id = id; self.teamCode = teamCode; self.patientID = patientID; self.patientMRN = patientMRN
        self.appointmentID = appointmentID; self.courseID = courseID; self.serviceCode = serviceCode; self.kind = kind
        self.description = description; self.dueDate = dueDate; self.dueTime = dueTime; self.status = status
        self.createdBy = createdBy; self.createdAt = createdAt; self.closedBy = closedBy; self.closedAt = closedAt
        self.closeNote = closeNote
    }

    /// `24-Nov-2026 16:00`.
    public var dueText: String { "\(dueDate.display) \(dueTime.display)" }

    public func isOverdue(today: LocalDate, now: ClockTime) -> Bool {
        status == .open && (dueDate < today || (dueDate == today && dueTime < now))
    }
}

/// Which tasks to list.
public struct TaskQuery: Sendable, Hashable {
    public var teamCode: String?
    public var patientID: Int64?
    public var kind: DeskTask.Kind?
    public var serviceCode: String?
    public var openOnly: Bool
    /// Due on or before this date.
    public var dueBefore: LocalDate?
    public var limit: Int
    public init(teamCode: String? = nil, patientID: Int64? = nil, kind: DeskTask.Kind? = nil, serviceCode: String? = nil,
                openOnly: Bool = false, dueBefore: LocalDate? = nil, limit: Int = 500) {
        self.teamCode = teamCode; self.patientID = patientID; self.kind = kind; self.serviceCode = serviceCode
        self.openOnly = openOnly; self.dueBefore = dueBefore; self.limit = limit
    }
}
