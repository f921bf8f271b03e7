/// Where an appointment stands, with the NHS Data Dictionary "ATTENDED OR DID
/// NOT ATTEND" code of each (DOMAIN.md). `arrived` is the desk's own step
/// between booked and seen: nationally it is still 0 until the attendance is
/// recorded.
public enum AppointmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case booked
    /// Checked in at the desk, waiting to be seen.
    case arrived
    /// Seen: on time, or late but before the professional was ready (5).
    case attended
    /// Arrived late, after the professional was ready, but was seen (6).
    case attendedLate = "attended_late"
    /// Arrived late and could not be seen (7).
    case lateNotSeen = "late_not_seen"
    /// Cancelled by, or on behalf of, the patient (2).
    case cancelledByPatient = "cancelled_by_patient"
    /// Did not attend, no advance warning (3).
    case didNotAttend = "did_not_attend"
    /// Cancelled or postponed by the hospital (4).
    case cancelledByHospital = "cancelled_by_hospital"

    /// The national attendance code.
    public var nhsCode: Int {
        switch self {
        case .booked, .arrived: return 0
        case .attended: return 5
        case .attendedLate: return 6
        case .lateNotSeen: return 7
        case .cancelledByPatient: return 2
        case .didNotAttend: return 3
        case .cancelledByHospital: return 4
        }
    }

    /// Words for lists: `booked`, `arrived`, `attended`, `DNA` …
    public var label: String {
        switch self {
        case .booked: return "booked"
        case .arrived: return "arrived"
        case .attended: return "attended"
        case .attendedLate: return "attended late"
        case .lateNotSeen: return "late, not seen"
        case .cancelledByPatient: return "cancelled (patient)"
        case .didNotAttend: return "DNA"
        case .cancelledByHospital: return "cancelled (hospital)"
        }
    }

    public var isCancelled: Bool { self == .cancelledByPatient || self == .cancelledByHospital }
    /// Seen by the professional (an outcome may be recorded).
    public var isSeen: Bool { self == .attended || self == .attendedLate }
    /// Takes a place in its slot (everything but a cancellation).
    public var holdsPlace: Bool { !isCancelled }
    /// The attendance has been recorded one way or another (the checklist's "attendance recorded").
    public var isAttendanceRecorded: Bool { self != .booked && self != .arrived }

    /// The statuses an appointment may move to from this one without an
    /// officer's undo: forward only.
    public var forward: Set<AppointmentStatus> {
        switch self {
        case .booked: return [.arrived, .attended, .attendedLate, .lateNotSeen, .didNotAttend, .cancelledByPatient, .cancelledByHospital]
        case .arrived: return [.attended, .attendedLate, .lateNotSeen]
        case .attended, .attendedLate, .lateNotSeen, .didNotAttend, .cancelledByPatient, .cancelledByHospital: return []
        }
    }

    /// Where an officer's undo takes a mistaken status back to: a check-in to
    /// booked; an attendance or late-not-seen to arrived; a DNA to booked; a
    /// cancellation (reinstated) to booked.
    public var undoTarget: AppointmentStatus? {
        switch self {
        case .booked: return nil
        case .arrived, .didNotAttend, .cancelledByPatient, .cancelledByHospital: return .booked
        case .attended, .attendedLate, .lateNotSeen: return .arrived
        }
    }

    /// `booked`, `arrived`, `attended`, `attended-late`, `late-not-seen`, `dna`,
    /// `cancelled-patient`, `cancelled-hospital`, or the NHS code (0 = booked, 5, 6, 7, 2, 3, 4).
    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        switch folded {
        case "booked", "0": self = .booked
        case "arrived", "checked_in": self = .arrived
        case "attended", "5": self = .attended
        case "attended_late", "6": self = .attendedLate
        case "late_not_seen", "7": self = .lateNotSeen
        case "cancelled_by_patient", "cancelled_patient", "2": self = .cancelledByPatient
        case "dna", "did_not_attend", "3": self = .didNotAttend
        case "cancelled_by_hospital", "cancelled_hospital", "4": self = .cancelledByHospital
        default: return nil
        }
    }

    public static let rule = "must be booked (0), arrived, attended (5), attended_late (6), late_not_seen (7), "
        + "cancelled_by_patient (2), dna (3) or cancelled_by_hospital (4)"
}

/// NHS "OUTCOME OF ATTENDANCE", recorded after the patient was seen.
public enum AttendanceOutcome: Int, Sendable, Hashable, Codable, CaseIterable {
    /// Discharged from the consultant's care (last attendance).
    case discharged = 1
    /// Another appointment given.
    case anotherAppointmentGiven = 2
    /// Appointment to be made at a later date: the patient goes on the clinic's to-be-booked list.
    case toBeBooked = 3

    public var label: String {
        switch self {
        case .discharged: return "discharged"
        case .anotherAppointmentGiven: return "another appointment given"
        case .toBeBooked: return "to be booked later"
        }
    }

    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        switch folded {
        case "1", "discharged": self = .discharged
        case "2", "another", "another_appointment_given", "given": self = .anotherAppointmentGiven
        case "3", "to_be_booked", "later": self = .toBeBooked
        default: return nil
        }
    }

    public static let rule = "must be 1 (discharged), 2 (another appointment given) or 3 (to be booked later)"
}
