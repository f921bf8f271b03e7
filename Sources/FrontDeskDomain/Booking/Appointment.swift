import Foundation

/// NHS "PRIORITY TYPE": 1 routine, 2 urgent, 3 two-week wait (urgent suspected cancer).
public enum Priority: String, Sendable, Hashable, Codable, CaseIterable {
    case routine
    case urgent
    case twoWeekWait = "two_week_wait"

    public var nhsCode: Int { self == .routine ? 1 : self == .urgent ? 2 : 3 }
    public var label: String { self == .twoWeekWait ? "2WW" : rawValue }

    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_") {
        case "routine", "1": self = .routine
        case "urgent", "2": self = .urgent
        case "two_week_wait", "2ww", "usc", "3": self = .twoWeekWait
        default: return nil
        }
    }
    public static let rule = "must be routine, urgent or 2ww (two-week wait)"
}

/// How the patient gets here.
public enum TransportNeed: String, Sendable, Hashable, Codable, CaseIterable {
    case none
    /// Makes their own way (car, bus, family).
    case own
    /// Hospital (patient) transport: the desk books it.
    case hospital

    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "none", "": self = .none
        case "own": self = .own
        case "hospital", "pts", "ambulance": self = .hospital
        default: return nil
        }
    }
    public static let rule = "must be none, own or hospital"
}

/// The mobility hospital transport must carry.
public enum Mobility: String, Sendable, Hashable, Codable, CaseIterable {
    case walking, wheelchair, stretcher
    public init?(parsing text: String) { self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) }
    public static let rule = "must be walking, wheelchair or stretcher"
}

/// NHS "SOURCE OF REFERRAL FOR OUT-PATIENTS", the codes most used here.
public enum ReferralSource: String, Sendable, Hashable, Codable, CaseIterable {
    case gp = "03"
    case otherConsultant = "05"
    case selfReferral = "06"
    case specialistNurse = "13"
    case screening = "17"
    case other = "97"

    public var label: String {
        switch self {
        case .gp: return "GP"
        case .otherConsultant: return "other consultant"
        case .selfReferral: return "self-referral"
        case .specialistNurse: return "specialist nurse"
        case .screening: return "national screening programme"
        case .other: return "other"
        }
    }

    public init?(parsing text: String) {
        let folded = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        if let code = ReferralSource(rawValue: folded) { self = code; return }
        if folded.count == 1, let code = ReferralSource(rawValue: "0" + folded) { self = code; return }
        switch folded {
        case "gp": self = .gp
        case "consultant", "other_consultant": self = .otherConsultant
        case "self", "self_referral": self = .selfReferral
        case "nurse", "cns", "specialist_nurse": self = .specialistNurse
        case "screening": self = .screening
        case "other": self = .other
        default: return nil
        }
    }
    public static let rule = "must be gp (03), consultant (05), self (06), nurse (13), screening (17) or other (97)"
}

/// Who cancelled: the patient's and the hospital's cancellations count
/// differently for waiting times.
public enum CancelledBy: String, Sendable, Hashable, Codable, CaseIterable {
    case patient, hospital
    public var status: AppointmentStatus { self == .patient ? .cancelledByPatient : .cancelledByHospital }
    public init?(parsing text: String) { self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) }
    public static let rule = "must be patient or hospital"
}

/// Why an appointment was cancelled: a short coded list (plus free text).
public enum CancellationReason: String, Sendable, Hashable, Codable, CaseIterable {
    // patient
    case unwell
    case unableToAttend = "unable_to_attend"
    case transportProblem = "transport_problem"
    case treatedElsewhere = "treated_elsewhere"
    case noLongerNeeded = "no_longer_needed"
    // hospital
    case clinicianUnavailable = "clinician_unavailable"
    case sessionCancelled = "session_cancelled"
    case clinicalDecision = "clinical_decision"
    case bookedInError = "booked_in_error"
    /// A treatment course re-planned around a change (knock-on rebooking).
    case courseReplanned = "course_replanned"
    case patientDied = "patient_died"
    // either
    case other

    /// Who may give this reason (nil: either).
    public var by: CancelledBy? {
        switch self {
        case .unwell, .unableToAttend, .transportProblem, .treatedElsewhere, .noLongerNeeded: return .patient
        case .clinicianUnavailable, .sessionCancelled, .clinicalDecision, .bookedInError, .courseReplanned: return .hospital
        case .other, .patientDied: return nil
        }
    }

    public var label: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    /// The reasons a person may give (a course's re-plan gives its own).
    public static func codes(for by: CancelledBy) -> [CancellationReason] {
        allCases.filter { ($0.by == nil || $0.by == by) && $0 != .courseReplanned }
    }

    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_"))
    }

    public static func rule(for by: CancelledBy) -> String {
        "must be one of " + codes(for: by).map(\.rawValue).joined(separator: ", ") + " for a cancellation by the \(by.rawValue)"
    }
}

/// A booked (or recorded) appointment.
public struct Appointment: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var patientID: Int64
    public var patientMRN: String
    /// Nil for a walk-in, or an imported appointment with no slot in this diary.
    public var slotID: Int64?
    public var sessionID: Int64?
    public var serviceCode: String
    public var clinicianCode: String
    public var siteCode: String
    public var date: LocalDate
    public var start: ClockTime
    public var end: ClockTime
    public var priority: Priority
    public var attendance: AttendanceKind
    public var referralSource: ReferralSource?
    public var transport: TransportNeed
    public var mobility: Mobility?
    public var note: String?
    public var status: AppointmentStatus
    public var outcome: AttendanceOutcome?
    public var walkIn: Bool
    /// Set when an officer booked beyond the slot's capacity.
    public var overbookReason: String?
    public var cancelledBy: CancelledBy?
    public var cancelReason: CancellationReason?
    public var cancelText: String?
    /// The appointment this one replaces (a rebooking), and the one that replaced it.
    public var replacesID: Int64?
    public var replacedByID: Int64?
    public var bookedBy: String
    public var bookedAt: Date

    public init(id: Int64, patientID: Int64, patientMRN: String, slotID: Int64?, sessionID: Int64?, serviceCode: String,
                clinicianCode: String, siteCode: String, date: LocalDate, start: ClockTime, end: ClockTime,
                priority: Priority = .routine, attendance: AttendanceKind = .first, referralSource: ReferralSource? = nil,
                transport: TransportNeed = .none, mobility: Mobility? = nil, note: String? = nil,
                status: AppointmentStatus = .booked, outcome: AttendanceOutcome? = nil, walkIn: Bool = false,
                overbookReason: String? = nil, cancelledBy: CancelledBy? = nil, cancelReason: CancellationReason? = nil,
                cancelText: String? = nil, replacesID: Int64? = nil, replacedByID: Int64? = nil,
                bookedBy: String, bookedAt: Date) {
        self.id = id; self.patientID = patientID; self.patientMRN = patientMRN; self.slotID = slotID
        self.sessionID = sessionID; self.serviceCode = serviceCode; self.clinicianCode = clinicianCode
        self.siteCode = siteCode; self.date = date; self.start = start; self.end = end; self.priority = priority
        self.attendance = attendance; self.referralSource = referralSource; self.transport = transport
        self.mobility = mobility; self.note = note; self.status = status; self.outcome = outcome; self.walkIn = walkIn
        self.overbookReason = overbookReason; self.cancelledBy = cancelledBy; self.cancelReason = cancelReason
        self.cancelText = cancelText; self.replacesID = replacesID; self.replacedByID = replacedByID
        self.bookedBy = bookedBy; self.bookedAt = bookedAt
    }

    /// `Tue 24-Nov-2026 09:40–10:00`.
    public var whenText: String {
        "\(date.weekday.short.capitalized) \(date.display) \(start.display)–\(end.display)"
    }

    /// Whether this appointment and `other` overlap in time (same date, and
    /// each starts before the other ends).
    public func overlaps(date other: LocalDate, start otherStart: ClockTime, end otherEnd: ClockTime) -> Bool {
        date == other && start < otherEnd && otherStart < end
    }
}

/// One line of an appointment's trail: booked, checked in, cancelled, moved,
/// undone … with who, when and why. Appended only.
public struct AppointmentEvent: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case booked, overbooked, walkIn = "walk_in", imported, checkedIn = "checked_in", attended, attendedLate = "attended_late"
        case lateNotSeen = "late_not_seen", didNotAttend = "did_not_attend", outcome, cancelled, rebooked
        case undone, reinstated, sessionCancelled = "session_cancelled", patientDied = "patient_died"
    }
    public var appointmentID: Int64
    public var at: Date
    public var user: String
    public var action: Action
    public var fromStatus: AppointmentStatus?
    public var toStatus: AppointmentStatus?
    /// Why, and what else (`moved to #123`, the reason typed).
    public var detail: String

    public init(appointmentID: Int64, at: Date, user: String, action: Action, fromStatus: AppointmentStatus?,
                toStatus: AppointmentStatus?, detail: String) {
        self.appointmentID = appointmentID; self.at = at; self.user = user; self.action = action
        self.fromStatus = fromStatus; self.toStatus = toStatus; self.detail = detail
    }
}
