import Foundation

/// One line of an enquiry's history: appended, never changed.
public struct EnquiryEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case logged
        /// An identity check and its result (which fields matched, never the values).
        case identityChecked = "identity_checked"
        case note
        case callbackDue = "callback_due"
        case calledBack = "called_back"
        case referred
        case escalated
        case closed
    }
    public var enquiryID: Int64
    public var at: Date
    public var user: String
    public var kind: Kind
    public var fromStatus: Enquiry.Status?
    public var toStatus: Enquiry.Status?
    public var detail: String
    /// The time a `callback_due` line promises (nil on other lines): what the
    /// statistics count late callbacks against, without reading the words.
    public var dueAt: Date?
    public init(enquiryID: Int64, at: Date, user: String, kind: Kind, fromStatus: Enquiry.Status?, toStatus: Enquiry.Status?,
                detail: String, dueAt: Date? = nil) {
        self.enquiryID = enquiryID; self.at = at; self.user = user; self.kind = kind
        self.fromStatus = fromStatus; self.toStatus = toStatus; self.detail = detail; self.dueAt = dueAt
    }
}

/// Reads and writes of enquiries inside one transaction.
public protocol EnquiryTransaction {
    func patient(reference: String) throws -> Patient?
    func patient(id: Int64) throws -> Patient?
    func enquiry(id: Int64) throws -> Enquiry?
    func events(enquiryID: Int64) throws -> [EnquiryEvent]
    func consents(patientID: Int64) throws -> [SharingConsent]
    /// Stores a new enquiry (its `id` is ignored); returns the id.
    func insertEnquiry(_ enquiry: Enquiry) throws -> Int64
    func updateEnquiry(_ enquiry: Enquiry) throws
    func appendEvent(_ event: EnquiryEvent) throws
    func appendAudit(_ entry: AuditEntry) throws
    /// Enquiries matching a query, in the queue's order (see `EnquiryQuery`).
    func enquiries(_ query: EnquiryQuery) throws -> [Enquiry]
    /// Records a patient's consent to share with a person.
    func insertConsent(_ consent: SharingConsent, patientID: Int64) throws -> Int64
    /// The patient's booked appointments from a date, earliest first, with names to read out.
    func comingAppointments(patientID: Int64, from date: LocalDate) throws -> [DisclosedAppointment]
    /// Marks a consent withdrawn (kept, never deleted).
    func withdrawConsent(id: Int64, by user: String, at: Date, reason: String) throws
    /// Whether this person opened this (restricted) record with a reason since `since` (break-glass access).
    func brokeGlass(patientID: Int64, user: String, since: Date) throws -> Bool
    /// Enquiries received in `[from, to)` with the lines of their histories that
    /// say how they were routed (callback promised, called back, referred,
    /// escalated, closed), in order: what the statistics count.
    func histories(receivedFrom from: Date, to: Date) throws -> [EnquiryHistory]
}

/// An enquiry with (some of) its history, oldest line first.
public struct EnquiryHistory: Sendable, Hashable {
    public var enquiry: Enquiry
    public var events: [EnquiryEvent]
    public init(enquiry: Enquiry, events: [EnquiryEvent]) { self.enquiry = enquiry; self.events = events }
}

/// Which enquiries to list, and in which order (`Order`).
public struct EnquiryQuery: Sendable, Hashable {
    /// How the rows come.
    public enum Order: Sendable, Hashable {
        /// The queue: callbacks first, by their due time (so overdue ones come
        /// first), then the other open ones (open, referred, escalated) by when
        /// they came in; then the enquiry number. With closed ones too
        /// (`openOnly: false`), the open ones first in that order, then the closed.
        case due
        /// Newest first (when they came in, then the number, both descending):
        /// a patient's enquiries on the record.
        case newestFirst
    }

    public var openOnly: Bool
    /// Callbacks due before this moment (and still awaited).
    public var overdueAt: Date?
    public var takenBy: String?
    public var team: String?
    /// Referred to any of these teams ("my team": the acting user's teams); empty: no filter.
    /// Applies together with `team` when both are given.
    public var teams: Set<String>
    public var escalatedOnly: Bool
    public var patientID: Int64?
    public var limit: Int
    public var order: Order
    /// `order` nil: newest first for a patient's whole list (`openOnly: false`
    /// with a `patientID`: the record's list), else the queue's order (`.due`).
    public init(openOnly: Bool = true, overdueAt: Date? = nil, takenBy: String? = nil, team: String? = nil,
                teams: Set<String> = [], escalatedOnly: Bool = false, patientID: Int64? = nil, limit: Int = 200,
                order: Order? = nil) {
        self.openOnly = openOnly; self.overdueAt = overdueAt; self.takenBy = takenBy; self.team = team; self.teams = teams
        self.escalatedOnly = escalatedOnly; self.patientID = patientID; self.limit = limit
        self.order = order ?? (!openOnly && patientID != nil ? .newestFirst : .due)
    }
}

/// Storage of enquiries, their histories and patients' sharing consents.
public protocol EnquiryRepository: Sendable {
    func write<T>(_ body: (any EnquiryTransaction) throws -> T) throws -> T
}
