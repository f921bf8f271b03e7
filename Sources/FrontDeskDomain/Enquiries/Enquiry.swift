import Foundation

/// A call (or visit, email, letter) the desk logs while it happens (issue 7).
public struct Enquiry: Sendable, Hashable, Identifiable {
    public enum Channel: String, Sendable, Hashable, Codable, CaseIterable { case telephone, faceToFace = "face_to_face", email, letter }

    public enum CallerType: String, Sendable, Hashable, Codable, CaseIterable {
        case patient
        case relativeOrCarer = "relative_or_carer"
        case gpPractice = "gp_practice"
        case healthProfessional = "health_professional"
        case other

        /// Callers who must pass the identity gate before anything about the patient is said.
        public var needsIdentityCheck: Bool { self == .patient || self == .relativeOrCarer }
        /// Callers who pass the gate on their organisation and a call-back number.
        public var isProfessional: Bool { self == .gpPractice || self == .healthProfessional }
    }

    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case appointmentQuery = "appointment_query"
        case changeAppointment = "change_appointment"
        case transport
        case directions
        case resultsOrClinical = "results_or_clinical"
        case medication
        case accessibleInformation = "accessible_information"
        case complaint
        case other

        /// Never answered at the desk: referred to the clinical team or the key worker.
        public var isClinical: Bool { self == .resultsOrClinical || self == .medication }
    }

    public enum Priority: String, Sendable, Hashable, Codable, CaseIterable { case routine, urgent }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case open
        case awaitingCallback = "awaiting_callback"
        case referred
        case escalated
        case closed
    }

    /// Whether what the caller said about the patient matched the record.
    public enum Identity: String, Sendable, Hashable, Codable {
        /// No patient, or a professional caller (organisation and call-back number instead).
        case notNeeded = "not_needed"
        case notChecked = "not_checked"
        case confirmed
        case mismatch
    }

    public var id: Int64
    public var receivedAt: Date
    public var channel: Channel
    public var callerType: CallerType
    public var callerName: String
    public var callerPhone: String?
    public var organisation: String?
    public var patientID: Int64?
    public var patientMRN: String?
    public var category: Category
    public var priority: Priority
    public var summary: String
    /// A safeguarding concern or verbal aggression: escalated, highlighted.
    public var safeguarding: Bool
    public var aggression: Bool
    public var status: Status
    public var identity: Identity
    /// When a callback is due (awaiting callback).
    public var callbackDue: Date?
    /// The team that owns it once referred.
    public var team: String?
    public var takenBy: String
    public var outcome: String?
    /// When the caller's identity was last checked (a confirmation holds for the contact it was made in).
    public var identityCheckedAt: Date?

    /// How long a confirmed identity holds: one contact. A callback later than
    /// this is verified afresh.
    public static let identityHolds: TimeInterval = 30 * 60

    /// The identity as it stands at `now`: a confirmation older than one
    /// contact (`identityHolds`) is no longer a confirmation.
    public func identity(at now: Date) -> Identity {
        if identity == .confirmed, let checked = identityCheckedAt, now.timeIntervalSince(checked) > Self.identityHolds {
            return .notChecked
        }
        return identity
    }

    public init(id: Int64 = 0, receivedAt: Date, channel: Channel = .telephone, callerType: CallerType, callerName: String,
                callerPhone: String? = nil, organisation: String? = nil, patientID: Int64? = nil, patientMRN: String? = nil,
                category: Category, priority: Priority = .routine, summary: String, safeguarding: Bool = false,
                aggression: Bool = false, status: Status = .open, identity: Identity = .notNeeded, callbackDue: Date? = nil,
                team: String? = nil, takenBy: String, outcome: String? = nil, identityCheckedAt: Date? = nil) {
        self.id = id; self.receivedAt = receivedAt; self.channel = channel; self.callerType = callerType
        self.callerName = callerName; self.callerPhone = callerPhone; self.organisation = organisation
        self.patientID = patientID; self.patientMRN = patientMRN; self.category = category; self.priority = priority
        self.summary = summary; self.safeguarding = safeguarding; self.aggression = aggression; self.status = status
        self.identity = identity; self.callbackDue = callbackDue; self.team = team; self.takenBy = takenBy; self.outcome = outcome
        self.identityCheckedAt = identityCheckedAt
    }
}

/// What the desk does with an enquiry when it is logged or later.
public enum EnquiryRoute: Sendable, Hashable {
    /// Answered there and then.
    case resolved(outcome: String)
    /// Someone rings back by this time (nil: the default for the priority).
    case callback(by: Date?)
    /// Handed to a team, which owns it from then.
    case refer(team: String)
    /// To the Assistant Service Manager.
    case escalate
}

/// The rules of routing and closing, field by field (no store, no clock).
public enum EnquiryRules {
    /// The teams a clinical question may go to: only their recorded answer closes it.
    public static let clinicalTeams: Set<String> = ["clinical", "specialist_nurses"]

    /// Checks a route for an enquiry's category and flags; the refusal names the
    /// field and the rule.
    public static func check(_ route: EnquiryRoute, category: Enquiry.Category, safeguarding: Bool, aggression: Bool) throws {
        if safeguarding || aggression, route != .escalate {
            throw ValidationError(field: "route", reason: "a \(safeguarding ? "safeguarding concern" : "verbal-aggression flag") "
                                  + "is always escalated to the Assistant Service Manager (--escalate)")
        }
        switch route {
        case .resolved(let outcome):
            if category.isClinical {
                throw ValidationError(field: "route", reason: "a results or clinical question is never answered at the desk: "
                                      + "refer it to the clinical team or the key worker (--refer clinical or --refer specialist_nurses)")
            }
            try checkOutcome(outcome)
        case .refer(let team):
            if category.isClinical && !clinicalTeams.contains(team) {
                throw ValidationError(field: "team", reason: "a results or clinical question goes to the clinical team or the key "
                                      + "worker (clinical, specialist_nurses), not \(team)")
            }
        case .callback, .escalate:
            if category.isClinical, route != .escalate {
                throw ValidationError(field: "route", reason: "a results or clinical question is referred to the clinical team or "
                                      + "the key worker, who call back themselves (--refer clinical)")
            }
        }
    }

    /// Closing needs an outcome line; a clinical question closes only with its team's answer.
    public static func checkClose(_ enquiry: Enquiry, outcome: String, byTeamOf teams: Set<String>) throws {
        try checkOutcome(outcome)
        if enquiry.status == .closed { throw ValidationError(field: "enquiry", reason: "is already closed") }
        if enquiry.category.isClinical {
            guard let team = enquiry.team, clinicalTeams.contains(team), teams.contains(team) else {
                throw ValidationError(field: "enquiry", reason: "a results or clinical question is closed only by the answer of "
                                      + "the team it was referred to (clinical or specialist_nurses)")
            }
        }
    }

    static func checkOutcome(_ outcome: String) throws {
        let words = outcome.trimmingCharacters(in: .whitespaces)
        guard (5...500).contains(words.count) else {
            throw ValidationError(field: "outcome", reason: "must say what was done in 5 to 500 characters (e.g. told the time of Tuesday's appointment)")
        }
    }

    /// The status an enquiry has after a route.
    public static func status(after route: EnquiryRoute) -> Enquiry.Status {
        switch route {
        case .resolved: return .closed
        case .callback: return .awaitingCallback
        case .refer: return .referred
        case .escalate: return .escalated
        }
    }

    /// The identity state an enquiry starts with.
    public static func identity(callerType: Enquiry.CallerType, hasPatient: Bool) -> Enquiry.Identity {
        guard hasPatient else { return .notNeeded }
        return callerType.needsIdentityCheck ? .notChecked : .notNeeded
    }

    /// Whether the desk may say anything about the patient's appointments to this caller.
    /// `now` is when it would be said: a confirmation from an earlier contact does not count.
    public static func mayDisclose(_ enquiry: Enquiry, consent: SharingConsent?, scope: SharingScope, at now: Date? = nil) -> Bool {
        let identity = now.map(enquiry.identity(at:)) ?? enquiry.identity
        switch enquiry.callerType {
        case .gpPractice, .healthProfessional:
            return (enquiry.organisation?.isEmpty == false) && (enquiry.callerPhone?.isEmpty == false)
        case .patient:
            return identity == .confirmed
        case .relativeOrCarer:
            return identity == .confirmed && consent?.withdrawnAt == nil && (consent?.scopes.contains(scope) ?? false)
        case .other:
            return false
        }
    }
}
