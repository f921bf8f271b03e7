import Foundation

/// A booked treatment course: a protocol (at the version it was booked with)
/// planned for a patient, its appointments and tasks linked step by step.
public struct Course: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Steps still to come.
        case active
        /// Stopped: the patient died, or the course was cancelled.
        case stopped
    }

    public var id: Int64
    public var patientID: Int64
    public var patientMRN: String
    public var protocolCode: String
    public var protocolVersion: Int
    public var protocolName: String
    /// The date the course was asked to start (cycle 1's due date).
    public var startDate: LocalDate
    public var status: Status
    public var stopReason: String?
    public var bookedBy: String
    public var bookedAt: Date

    public init(id: Int64 = 0, patientID: Int64, patientMRN: String, protocolCode: String, protocolVersion: Int,
                protocolName: String, startDate: LocalDate, status: Status = .active, stopReason: String? = nil,
                bookedBy: String, bookedAt: Date) {
        self.id = id; self.patientID = patientID; self.patientMRN = patientMRN; self.protocolCode = protocolCode
        self.protocolVersion = protocolVersion; self.protocolName = protocolName; self.startDate = startDate
        self.status = status; self.stopReason = stopReason; self.bookedBy = bookedBy; self.bookedAt = bookedAt
    }
}

/// One step occurrence of a course as booked: the appointment first booked
/// for it (a rebooking is followed through the appointment's trail), or the
/// task made for it.
public struct CourseStep: Sendable, Hashable {
    public var courseID: Int64
    public var cycle: Int
    public var step: String
    public var instance: Int
    public var kind: ProtocolStep.Kind
    public var appointmentID: Int64?
    public var taskID: Int64?
    /// The date planned when it was booked (a task's due date).
    public var plannedDate: LocalDate
    /// An officer booked this step against a rule of the protocol: why.
    public var overrideReason: String?

    public init(courseID: Int64, cycle: Int, step: String, instance: Int, kind: ProtocolStep.Kind, appointmentID: Int64? = nil,
                taskID: Int64? = nil, plannedDate: LocalDate, overrideReason: String? = nil) {
        self.courseID = courseID; self.cycle = cycle; self.step = step; self.instance = instance; self.kind = kind
        self.appointmentID = appointmentID; self.taskID = taskID; self.plannedDate = plannedDate
        self.overrideReason = overrideReason
    }

    public var key: StepKey { StepKey(cycle: cycle, step: step, instance: instance) }
}

/// A course as it stands now, step by step, with the rules checked against
/// the appointments' current dates.
public struct CourseDetail: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var step: CourseStep
        public var label: String
        /// The appointment holding the step now (after any rebooking), or nil
        /// for a task.
        public var appointment: Appointment?
        public var task: DeskTask?
        /// The checks of the rules that end at this step (gaps to what it depends on).
        public var checks: [RuleCheck]
        /// False when the step no longer has a live appointment (cancelled,
        /// did not attend, late not seen) or its task was cancelled.
        public var isHeld: Bool
        public var date: LocalDate? { appointment?.date ?? task?.dueDate ?? step.plannedDate }
    }

    public var course: Course
    public var treatment: TreatmentProtocol
    public var patient: PatientSummary
    public var rows: [Row]
    /// The cycles with a step still to come (or lost): a lost step or broken rule
    /// in a cycle that is over is history, not something to fix.
    public var openCycles: Set<Int> = []
    /// The course's services held by telephone or video (not a trip to the centre).
    public var remoteServices: Set<String> = []

    /// The rows of open cycles whose step is lost or breaks a rule (what a re-plan must fix).
    public var problems: [Row] {
        rows.filter { openCycles.contains($0.step.cycle) && (!$0.isHeld || $0.checks.contains { !$0.ok }) }
    }

    /// Whether a step is done with: attended (or otherwise recorded), in the past, or a task done.
    public static func isFixed(_ row: Row, today: LocalDate, now: ClockTime) -> Bool {
        if let a = row.appointment {
            return row.isHeld && (a.status != .booked || a.date < today || (a.date == today && a.start < now))
        }
        return row.task?.status == .done
    }

    /// In-person visit days still to come for this course.
    public func visitDates(from today: LocalDate) -> [LocalDate] {
        Array(Set(rows.compactMap { row -> LocalDate? in
            guard row.isHeld, let a = row.appointment, a.date >= today, !remoteServices.contains(a.serviceCode) else { return nil }
            return row.step.kind == .appointment ? a.date : nil
        })).sorted()
    }
}

/// A rule of the protocol checked between two placed steps of one cycle.
public struct RuleCheck: Sendable, Hashable, CustomStringConvertible {
    public var rule: SequenceRule
    /// The gap as it is, in the rule's terms (`1d 2h`, `3wd`), nil when the
    /// step it depends on is not placed.
    public var gap: String?
    public var ok: Bool
    /// In words, when broken: "review must be at most 2d after bloods; it is 3d".
    public var problem: String?

    public var description: String { ok ? "\(rule.after) +\(gap ?? "?") ✓" : (problem ?? "broken") }
}
