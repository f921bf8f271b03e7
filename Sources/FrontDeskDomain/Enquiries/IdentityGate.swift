import Foundation

/// The identity gate of an enquiry (issue 7): before anything about a patient is
/// said to a caller who is the patient, a relative or a carer, what the caller
/// says — name, date of birth, and postcode or first line of the address — is
/// compared with the record. Only a match on all three opens the gate; each
/// field's result is kept so the enquiry's history says what did not match.
public struct IdentityClaim: Sendable, Hashable {
    /// The patient's name as the caller gives it: `Ann Smith`, `Smith, Ann`, `Mrs Ann Smith`.
    public var name: String
    /// As typed (any of the date formats the desk accepts).
    public var dateOfBirth: String
    /// A postcode, or the first line of the address.
    public var postcodeOrAddress: String
    public init(name: String, dateOfBirth: String, postcodeOrAddress: String) {
        self.name = name; self.dateOfBirth = dateOfBirth; self.postcodeOrAddress = postcodeOrAddress
    }
}

extension IdentityClaim {
    /// The refusal field names, as the command line's options are named
    /// (`enquiry verify --name … --dob … --postcode …`).
    public static let fields = (name: "name", dateOfBirth: "dob", postcodeOrAddress: "postcode")

    /// All three answers are needed and the date of birth must be a date: a
    /// claim that cannot be a match is refused before the record is read,
    /// every problem at once, naming `name`, `dob` and `postcode`.
    public func check() throws {
        var problems: [FieldError] = []
        let fields = Self.fields
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldError(field: fields.name, reason: "is required: the patient's name as the caller gives it"))
        }
        let dob = dateOfBirth.trimmingCharacters(in: .whitespaces)
        if dob.isEmpty {
            problems.append(FieldError(field: fields.dateOfBirth, reason: "is required: the patient's date of birth as the caller gives it"))
        } else if LocalDate.parse(dob) == nil {
            problems.append(FieldError(field: fields.dateOfBirth, reason: "is not a date: type it as \(LocalDate.acceptedFormats)"))
        }
        if postcodeOrAddress.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(FieldError(field: fields.postcodeOrAddress,
                                       reason: "is required: the postcode, or the first line of the address, as the caller gives it"))
        }
        if !problems.isEmpty { throw ValidationError(problems) }
    }
}

public struct IdentityResult: Sendable, Hashable, CustomStringConvertible {
    public var name: Bool
    public var dateOfBirth: Bool
    public var postcodeOrAddress: Bool
    public var matched: Bool { name && dateOfBirth && postcodeOrAddress }
    public init(name: Bool, dateOfBirth: Bool, postcodeOrAddress: Bool) {
        self.name = name; self.dateOfBirth = dateOfBirth; self.postcodeOrAddress = postcodeOrAddress
    }

    /// `name ✓, date of birth ✗, postcode or address ✓` — what the history keeps (never the values).
    public var description: String {
        [("name", name), ("date of birth", dateOfBirth), ("postcode or address", postcodeOrAddress)]
            .map { "\($0.0) \($0.1 ? "✓" : "✗")" }.joined(separator: ", ")
    }
}

public enum IdentityGate {
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame", "lady", "lord"]

    /// The words of a name, folded (accents, case, punctuation), titles dropped.
    static func words(_ text: String) -> [String] {
        text.split { !$0.isLetter }.map { NameFolding.fold(String($0)) }.filter { !$0.isEmpty && !titles.contains($0) }
    }

    /// Compares what the caller says with the record.
    ///
    /// - name: every word of the family name is said, and the first given name
    ///   (or the preferred name) too;
    /// - date of birth: the same date;
    /// - postcode (spaces and case ignored) or the first line of the address
    ///   (its words, in order, folded: `12 High St` does not match `12 High Street`
    ///   unless said in full — the clerk reads back what is on the record only after a match).
    public static func check(_ claim: IdentityClaim, against patient: Patient) -> IdentityResult {
        let said = Set(words(claim.name))
        let family = words(patient.familyName)
        let given = words(patient.givenNames).first
        let preferred = patient.preferredName.flatMap { words($0).first }
        let nameMatches = !family.isEmpty && family.allSatisfy(said.contains)
            && ([given, preferred].compactMap { $0 }.contains(where: said.contains))
        let dobMatches = LocalDate.parse(claim.dateOfBirth.trimmingCharacters(in: .whitespaces)) == patient.dateOfBirth
        var placeMatches = false
        let place = claim.postcodeOrAddress.trimmingCharacters(in: .whitespaces)
        if let postcode = Postcode(place), let held = patient.postcode {
            placeMatches = postcode == held
        }
        if !placeMatches, let line = patient.addressLine1 {
            let heldWords = words(line) + line.split { !$0.isNumber }.map(String.init)
            let saidWords = words(place) + place.split { !$0.isNumber }.map(String.init)
            placeMatches = !saidWords.isEmpty && Set(saidWords) == Set(heldWords)
        }
        return IdentityResult(name: nameMatches, dateOfBirth: dobMatches, postcodeOrAddress: placeMatches)
    }
}

/// What a patient has agreed may be shared with someone who calls about them.
public enum SharingScope: String, Sendable, Hashable, Codable, CaseIterable {
    case appointments
    case transport
    case generalCondition = "general_condition"

    public var label: String { self == .generalCondition ? "general condition" : rawValue }
}

/// A patient's recorded consent to share with a named person (relative or carer).
public struct SharingConsent: Sendable, Hashable, Codable {
    /// The stored consent's number (0 before it is stored).
    public var id: Int64
    public var person: String
    public var relationship: String
    public var scopes: Set<SharingScope>
    public var recordedBy: String
    public var recordedAt: LocalDate
    /// Withdrawn by the patient (kept, never deleted): who recorded it, when and why.
    public var withdrawnBy: String?
    public var withdrawnAt: Date?
    public var withdrawnReason: String?
    public init(id: Int64 = 0, person: String, relationship: String, scopes: Set<SharingScope>, recordedBy: String,
                recordedAt: LocalDate, withdrawnBy: String? = nil, withdrawnAt: Date? = nil, withdrawnReason: String? = nil) {
        self.id = id; self.person = person; self.relationship = relationship; self.scopes = scopes
        self.recordedBy = recordedBy; self.recordedAt = recordedAt; self.withdrawnBy = withdrawnBy; self.withdrawnAt = withdrawnAt
        self.withdrawnReason = withdrawnReason
    }

    /// Whether it still holds (not withdrawn).
    public var isActive: Bool { withdrawnAt == nil }

    /// The consent that names this caller (every word of the recorded name said), if any.
    public static func covering(caller: String, in consents: [SharingConsent]) -> SharingConsent? {
        let said = Set(IdentityGate.words(caller))
        return consents.first { consent in
            guard consent.withdrawnAt == nil else { return false }
            let named = IdentityGate.words(consent.person)
            return !named.isEmpty && named.allSatisfy(said.contains)
        }
    }
}
