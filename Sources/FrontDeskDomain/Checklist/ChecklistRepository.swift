import Foundation

/// A day signed off for a site: who, when, the audit trail's hash at that
/// moment, and the checklist frozen as it was (later changes to the data or
/// the marks do not alter it).
public struct ChecklistSignOff: Sendable, Hashable, Codable {
    public var date: LocalDate
    public var siteCode: String
    public var signedBy: String
    public var signedAt: Date
    /// The audit row that records the sign-off, and its hash: the chain's
    /// latest hash, sealing everything recorded before it.
    public var auditRowID: Int64
    public var auditHash: String
    /// The checklist for the date and site as it stood when signed off.
    public var report: Checklist

    public init(date: LocalDate, siteCode: String, signedBy: String, signedAt: Date, auditRowID: Int64, auditHash: String,
                report: Checklist) {
        self.date = date; self.siteCode = siteCode; self.signedBy = signedBy; self.signedAt = signedAt
        self.auditRowID = auditRowID; self.auditHash = auditHash; self.report = report
    }
}

/// What seals a stored sign-off, read back: the SHA-256 of its report as
/// stored (computed now), and the audit row it names (its detail records the
/// SHA-256 of the report when it was signed off).
public struct ChecklistSeal: Sendable, Hashable {
    /// Lower-case hex SHA-256 of the stored report text.
    public var reportDigest: String
    /// The detail and hash of the sign-off's audit row (nil: there is no such row).
    public var auditDetail: String?
    public var auditHash: String?
    public init(reportDigest: String, auditDetail: String?, auditHash: String?) {
        self.reportDigest = reportDigest; self.auditDetail = auditDetail; self.auditHash = auditHash
    }
}

/// Who signed off a date for a site, and when (without the report).
public struct ChecklistSignature: Sendable, Hashable {
    public var date: LocalDate
    public var siteCode: String
    public var signedBy: String
    public var signedAt: Date
    public init(date: LocalDate, siteCode: String, signedBy: String, signedAt: Date) {
        self.date = date; self.siteCode = siteCode; self.signedBy = signedBy; self.signedAt = signedAt
    }
}

/// A date and site with clinics that has no sign-off.
public struct ChecklistDaySite: Sendable, Hashable, Codable, Comparable {
    public var date: LocalDate
    public var siteCode: String
    public init(date: LocalDate, siteCode: String) { self.date = date; self.siteCode = siteCode }
    public static func < (a: ChecklistDaySite, b: ChecklistDaySite) -> Bool { (a.date, a.siteCode) < (b.date, b.siteCode) }
}

/// Which facts to read.
public struct ChecklistFactsQuery: Sendable, Hashable {
    /// The day closed: its appointments, callbacks and the later bookings of its outcome-2 attendances.
    public var date: LocalDate
    /// Preparation dates (appointments, tasks, screening).
    public var preparationDates: [LocalDate]
    public var filter: ChecklistFilter
    public init(date: LocalDate, preparationDates: [LocalDate], filter: ChecklistFilter) {
        self.date = date; self.preparationDates = preparationDates; self.filter = filter
    }
}

/// Reads for the checklist inside one snapshot.
public protocol ChecklistReader {
    /// Everything the rules need for a date and its preparation dates (see `ChecklistFacts`).
    func facts(_ query: ChecklistFactsQuery) throws -> ChecklistFacts
    /// An item's marks, oldest first.
    func marks(itemID: String) throws -> [ChecklistMark]
    func signOff(date: LocalDate, siteCode: String) throws -> ChecklistSignOff?
    /// The seal of a stored sign-off (nil when the date and site are not signed off). Read before the report is decoded.
    func seal(date: LocalDate, siteCode: String) throws -> ChecklistSeal?
    /// The sign-offs of a date (every site), without their reports.
    func signatures(date: LocalDate) throws -> [ChecklistSignature]
    /// The dates and sites in a range with an appointment that is not cancelled, and no sign-off.
    func notSignedOff(from: LocalDate, to: LocalDate) throws -> [ChecklistDaySite]
    /// Which of these patients are restricted now: their record, or the record a
    /// merge led them to (a frozen report names the patients as they were then).
    func restricted(patientIDs: [Int64]) throws -> Set<Int64>
    func siteExists(_ code: String) throws -> Bool
    func serviceExists(_ code: String) throws -> Bool
    func clinicianExists(_ code: String) throws -> Bool
    /// The audit trail's last row and its hash (nil when the trail is empty).
    func latestAudit() throws -> (id: Int64, hash: String)?
}

/// Writes, inside the transaction of `ChecklistRepository.write`.
public protocol ChecklistTransaction: ChecklistReader {
    func appendMark(_ mark: ChecklistMark) throws
    /// The SHA-256 (lower-case hex) of a report as `insertSignOff` stores it.
    func reportDigest(_ report: Checklist) throws -> String
    func insertSignOff(_ signOff: ChecklistSignOff) throws
    func appendAudit(_ entry: AuditEntry) throws
}

/// Storage of checklist marks and sign-offs (and the reads of the diary, tasks and enquiries they need).
public protocol ChecklistRepository: Sendable {
    func write<T>(_ body: (any ChecklistTransaction) throws -> T) throws -> T
    func read<T>(_ body: (any ChecklistReader) throws -> T) throws -> T
}

/// A refusal about the checklist, naming the field and the rule. A refused
/// sign-off lists what is outstanding.
public struct ChecklistError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case notFound, refused }
    public let kind: Kind
    public let field: String
    public let reason: String
    /// The items still outstanding (a refused sign-off).
    public var outstanding: [ChecklistItem]

    public init(_ kind: Kind = .refused, field: String, _ reason: String, outstanding: [ChecklistItem] = []) {
        self.kind = kind; self.field = field; self.reason = reason; self.outstanding = outstanding
    }

    public var description: String { "\(field): \(reason)" }
}
