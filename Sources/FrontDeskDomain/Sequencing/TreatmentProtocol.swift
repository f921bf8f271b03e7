/// A treatment pathway template: the steps of a course (appointments and
/// team tasks), the rules between them, and how the course repeats. Protocols
/// are data (YAML files, `ProtocolParser`), imported and versioned; a booked
/// course keeps the version it was booked with.
public struct TreatmentProtocol: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    /// 1 for the first import of a code, then one more for each change.
    public var version: Int
    public var steps: [ProtocolStep]
    public var rules: [SequenceRule]
    /// Steps held by the same clinician in every cycle (continuity of the consultant).
    public var sameClinician: [String]
    /// How many cycles (1 for a course that does not repeat).
    public var cycles: Int
    /// Days from one cycle's anchor to the next cycle's due date.
    public var cycleLength: Gap?
    /// How far a later cycle's anchor may be from its due date.
    public var window: CycleWindow?
    /// The step whose date defines a cycle (the treatment).
    public var anchor: String?

    public init(code: String, name: String, version: Int = 1, steps: [ProtocolStep], rules: [SequenceRule] = [],
                sameClinician: [String] = [], cycles: Int = 1, cycleLength: Gap? = nil, window: CycleWindow? = nil,
                anchor: String? = nil) {
        self.code = code; self.name = name; self.version = version; self.steps = steps; self.rules = rules
        self.sameClinician = sameClinician; self.cycles = cycles; self.cycleLength = cycleLength; self.window = window
        self.anchor = anchor
    }

    public func step(_ id: String) -> ProtocolStep? { steps.first { $0.id == id } }

    /// The appointment steps a patient attends in one cycle, repeats counted.
    public var appointmentsPerCycle: Int {
        steps.filter { $0.kind == .appointment }.reduce(0) { $0 + ($1.repeat?.count ?? 1) }
    }
}

public struct ProtocolStep: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Books a slot of `service`.
        case appointment
        /// A deadline for `team` (e.g. pharmacy screening): a due date, no slot.
        case task
    }
    public var id: String
    public var label: String
    public var kind: Kind
    /// The diary service an appointment step books (optional for a task).
    public var service: String?
    /// The team a task step goes to.
    public var team: String?
    /// A step held on consecutive days (radiotherapy fractions): rules on the
    /// step apply to its first instance.
    public var `repeat`: StepRepeat?

    public init(id: String, label: String, kind: Kind, service: String? = nil, team: String? = nil, repeat: StepRepeat? = nil) {
        self.id = id; self.label = label; self.kind = kind; self.service = service; self.team = team; self.repeat = `repeat`
    }
}

public struct StepRepeat: Sendable, Hashable, Codable {
    public var count: Int
    /// `1wd` (each working day) or a number of days.
    public var every: Gap
    public init(count: Int, every: Gap) { self.count = count; self.every = every }
}

/// `{step: review, after: bloods, min: 2h, max: 2d}`: `step` starts no
/// earlier than `after` ends, and within `min` … `max` of it.
public struct SequenceRule: Sendable, Hashable, Codable, CustomStringConvertible {
    public var step: String
    public var after: String
    public var min: Gap?
    public var max: Gap?
    public init(step: String, after: String, min: Gap? = nil, max: Gap? = nil) {
        self.step = step; self.after = after; self.min = min; self.max = max
    }

    /// `review after bloods: at least 2h, at most 2d`.
    public var description: String {
        var parts: [String] = []
        if let min { parts.append("at least \(min)") }
        if let max { parts.append("at most \(max)") }
        return "\(step) after \(after)" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }
}

/// How early and how late a later cycle's anchor may fall around its due date.
public struct CycleWindow: Sendable, Hashable, Codable {
    public var early: Gap
    public var late: Gap
    public init(early: Gap, late: Gap) { self.early = early; self.late = late }
}
