import Foundation

/// One row of a search result list: enough to pick the right patient, not the
/// whole record (listing is not opening).
public struct PatientSummary: Sendable, Hashable, Codable {
    public var id: Int64
    public var mrn: String
    public var nhsNumber: NHSNumber?
    public var title: String?
    public var familyName: String
    public var givenNames: String
    public var dateOfBirth: LocalDate
    public var sex: Sex
    public var postcode: String?
    public var match: MatchTier
    /// Set when the patient has died: lists say so, so nobody books or calls them.
    public var dateOfDeath: LocalDate?
    /// A restricted record: listed masked (`masked()`), only the hospital number shown.
    public var restricted: Bool = false

    public init(id: Int64, mrn: String, nhsNumber: NHSNumber?, title: String?, familyName: String,
                givenNames: String, dateOfBirth: LocalDate, sex: Sex, postcode: String?, match: MatchTier,
                dateOfDeath: LocalDate? = nil) {
        self.id = id; self.mrn = mrn; self.nhsNumber = nhsNumber; self.title = title
        self.familyName = familyName; self.givenNames = givenNames; self.dateOfBirth = dateOfBirth
        self.sex = sex; self.postcode = postcode; self.match = match; self.dateOfDeath = dateOfDeath
    }

    public var displayName: String { Patient.displayName(family: familyName, given: givenNames, title: title) }

    /// The row as a list shows a restricted record: its hospital number and
    /// nothing else (the name, date of birth, NHS number and postcode are removed here,
    /// so no screen or output can show them by mistake).
    public func masked() -> PatientSummary {
        var row = PatientSummary(id: id, mrn: mrn, nhsNumber: nil, title: nil, familyName: "", givenNames: "",
                                 dateOfBirth: LocalDate(year: 1900, month: 1, day: 1)!, sex: .unknown, postcode: nil,
                                 match: match, dateOfDeath: nil)
        row.restricted = true
        return row
    }

    /// `12-Mar-1956 (70y)`, or `12-Mar-1956 died` for a patient who has died.
    public func bornText(today: LocalDate) -> String {
        dateOfDeath == nil ? dateOfBirth.displayWithAge(on: today) : dateOfBirth.display + " died"
    }
}

/// A page of search results and how many more there are.
public struct SearchResults: Sendable, Hashable {
    public var results: [PatientSummary]
    /// Matches beyond `results`, exact up to `SearchResults.countCap`.
    public var more: Int
    /// True when there are more than `countCap` further matches.
    public var moreCapped: Bool

    public static let countCap = 1000

    public init(results: [PatientSummary], more: Int, moreCapped: Bool) {
        self.results = results; self.more = more; self.moreCapped = moreCapped
    }

    /// `3 more`, `1000+ more`, or empty.
    public var moreText: String {
        if moreCapped { return "\(SearchResults.countCap)+ more" }
        return more > 0 ? "\(more) more" : ""
    }
}

/// The outcome of checking a new or edited record against the ones already held.
public enum DuplicateFinding: Sendable, Hashable {
    case sameNHSNumber(PatientSummary)
    case sameHospitalNumber(PatientSummary)
    case likely([PatientSummary])
}

/// Storage of patient records. Implementations make each method one transaction.
public protocol PatientRepository: Sendable {
    /// Registers `patient` (assigning the next `FD` hospital number when its MRN is
    /// empty) and appends `audit` for it, in one transaction, after checking for
    /// duplicates inside that transaction: the same NHS or hospital number is
    /// always refused; likely duplicates refuse unless `acceptLikelyDuplicates`.
    func register(_ patient: Patient, acceptLikelyDuplicates: Bool, audit: AuditEntry) throws -> Patient
    /// Registers many records in one transaction (import, demo seed); each must
    /// already be checked. `audit` gives the entry for the i-th saved record (or
    /// none); `progress` hears (done, total). Returns them with ids and hospital numbers.
    func registerBatch(_ patients: [Patient], progress: (@Sendable (Int, Int) -> Void)?,
                       audit: (Int, Patient) -> AuditEntry?) throws -> [Patient]
    /// Changes a record in one transaction: finds it by hospital or NHS number,
    /// hands it to `change`, and saves what that returns with its audit entry,
    /// checking duplicates as `register` does. Two desks editing one record
    /// each see the other's saved change. Nil when no patient has that number.
    func modify(reference: String, _ change: (Patient) throws -> PatientChange?) throws -> (old: Patient, change: PatientChange?)?
    /// The record by hospital number (any case) or NHS number (any spacing).
    func find(reference: String) throws -> Patient?
    /// For each patient (by index) the first record held that is likely the same person.
    func likelyDuplicates(of patients: [Patient]) throws -> [Int: PatientSummary]
    /// Which of these NHS numbers and hospital numbers (upper-cased) are already held.
    func existing(nhsNumbers: [String], hospitalNumbers: [String]) throws -> (nhs: Set<String>, mrn: Set<String>)
    func search(_ query: SearchQuery, limit: Int) throws -> SearchResults
    func count() throws -> Int
    /// The number the next generated `FD` hospital number will use (at least).
    func nextHospitalNumberValue() throws -> Int
    /// Marks a record restricted (or lifts it, with nil) in one transaction with its audit entry.
    func setRestriction(reference: String, _ restriction: Restriction?, audit: (Patient) -> AuditEntry?) throws -> Patient
    /// Merges `duplicate` into `keep` in one transaction: every record that refers
    /// to the duplicate moves to the one kept, and the duplicate's numbers lead there.
    func merge(keep: String, duplicate: String, reason: String, by login: String, at date: Date,
               audit: (Patient, Patient) -> [AuditEntry]) throws -> Patient
}

/// Which audit entries to read.
public struct AuditFilter: Sendable, Hashable {
    /// Entries about these patients (a kept record and its merged duplicates).
    public var patientIDs: [Int64]?
    public var user: String?
    public var since: Date?
    public var actions: [AuditAction]?
    public init(patientIDs: [Int64]? = nil, user: String? = nil, since: Date? = nil, actions: [AuditAction]? = nil) {
        self.patientIDs = patientIDs; self.user = user; self.since = since; self.actions = actions
    }
}

/// A change to save: the new record, its audit entry, and whether a likely
/// duplicate was confirmed.
public struct PatientChange: Sendable {
    public var patient: Patient
    public var changed: [String]
    public var acceptLikelyDuplicates: Bool
    public var audit: AuditEntry
    /// What the change means for the diary, run in the same transaction after
    /// the record is saved: a date of death cancels the future, a new
    /// interpreter need creates tasks for booked appointments.
    public var followUp: (@Sendable (any BookingTransaction) throws -> Void)?
    public init(patient: Patient, changed: [String], acceptLikelyDuplicates: Bool, audit: AuditEntry,
                followUp: (@Sendable (any BookingTransaction) throws -> Void)? = nil) {
        self.patient = patient; self.changed = changed
        self.acceptLikelyDuplicates = acceptLikelyDuplicates; self.audit = audit; self.followUp = followUp
    }
}

/// Storage of the audit trail: append-only.
public protocol AuditRepository: Sendable {
    func append(_ entry: AuditEntry) throws
    /// Newest first.
    func entries(patientID: Int64?, limit: Int) throws -> [AuditEntry]
    /// Newest first, matching every part of the filter.
    func entries(matching filter: AuditFilter, limit: Int) throws -> [AuditEntry]
    /// The ids of the duplicates merged into this record.
    func mergedIDs(into patientID: Int64) throws -> [Int64]
    /// Checks the hash chain from the first row to the last, and the head kept outside.
    func verify() throws -> AuditVerification
}

/// Who counts as "likely the same person": the same date of birth, the same
/// initial of the first given name, and a family name (current or previous)
/// that shares a word, or a word that sounds the same, with the other's.
/// Single Latin letters and name particles (O', D', Mac, van, de, ap …) do not
/// count: O'Brien and O'Neill are not alike.
public enum DuplicateRule {
    static let particles: Set<String> = [
        "van", "von", "der", "den", "del", "della", "de", "di", "da", "du", "la", "le", "les", "mac", "mc",
        "nic", "ni", "ap", "ab", "al", "el", "bin", "binti", "abu", "ben", "ter", "st",
    ]

    static func keys(_ familyWords: [String]) -> Set<String> {
        var keys = Set<String>()
        for word in familyWords where !(word.count == 1 && word.allSatisfy(\.isASCII)) && !particles.contains(word) {
            keys.insert(word)
            if let sound = SoundsLike.key(word) { keys.insert(sound) }
        }
        return keys
    }

    /// `aFamily`/`bFamily`: folded words of the current and previous family names.
    public static func isLikelyDuplicate(_ aFamily: [String], _ aGiven: String, _ bFamily: [String], _ bGiven: String) -> Bool {
        let aInitial = NameFolding.words(aGiven).first?.first
        let bInitial = NameFolding.words(bGiven).first?.first
        guard let aInitial, aInitial == bInitial else { return false }
        return !keys(aFamily).isDisjoint(with: keys(bFamily))
    }

    /// The folded words of a patient's current and previous family names.
    public static func familyWords(_ patient: Patient) -> [String] {
        NameFolding.words(patient.familyName) + patient.previousFamilyNames.flatMap { NameFolding.words($0) }
    }
}
