import Foundation

/// Administrative sex as recorded on the PAS.
public enum Sex: String, Sendable, Codable, CaseIterable {
    case female, male, other, unknown

    /// Accepts `female`, `F`, `male`, `M`, `other`, `O`, `unknown`, `U` in any case.
    public init?(parsing text: String) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "f", "female": self = .female
        case "m", "male": self = .male
        case "o", "other": self = .other
        case "u", "unknown", "not known": self = .unknown
        default: return nil
        }
    }
    public var letter: String { String(rawValue.prefix(1)).uppercased() }
}

public struct GPPractice: Sendable, Hashable, Codable {
    /// ODS organisation code, e.g. `N81013`.
    public var code: String
    public var name: String?
    public init(code: String, name: String?) { self.code = code; self.name = name }
}

public struct NextOfKin: Sendable, Hashable, Codable {
    public var name: String
    public var relationship: String?
    public var phone: String?
    public init(name: String, relationship: String?, phone: String?) {
        self.name = name; self.relationship = relationship; self.phone = phone
    }
}

/// A warning that must be seen whenever the patient is.
public enum AlertKind: String, Sendable, Codable, CaseIterable {
    case aggressionHistory = "aggression_history"
    case safeguardingConcern = "safeguarding_concern"
    case infectionRisk = "infection_risk"
    case allergy
    case other

    public var label: String {
        switch self {
        case .aggressionHistory: return "aggression history"
        case .safeguardingConcern: return "safeguarding concern"
        case .infectionRisk: return "infection risk"
        case .allergy: return "allergy"
        case .other: return "alert"
        }
    }
}

public struct PatientAlert: Sendable, Hashable, Codable {
    public var kind: AlertKind
    public var note: String?
    public init(kind: AlertKind, note: String? = nil) { self.kind = kind; self.note = note }
}

/// The four groups of the Accessible Information Standard (DAPB1605).
public enum AccessibleNeedGroup: String, Sendable, Codable, CaseIterable {
    case communicationSupport = "communication_support"
    case communicationProfessional = "communication_professional"
    case contactMethod = "contact_method"
    case informationFormat = "information_format"
}

/// One recorded information or communication need.
public enum AccessibleNeedKind: String, Sendable, Codable, CaseIterable {
    // communication support
    case hearingLoop = "hearing_loop"
    case lipReading = "lip_reading"
    case speechToText = "speech_to_text"
    case extraTime = "extra_time"
    // communication professional required
    case bslInterpreter = "bsl_interpreter"
    case deafblindManualInterpreter = "deafblind_manual_interpreter"
    case spokenLanguageInterpreter = "interpreter"
    // specific contact method
    case textMessageOnly = "text_message_only"
    case email
    case viaCarer = "via_carer"
    case telephone
    // specific information format
    case largePrint = "large_print"
    case easyRead = "easy_read"
    case braille
    case audio

    public var group: AccessibleNeedGroup {
        switch self {
        case .hearingLoop, .lipReading, .speechToText, .extraTime: return .communicationSupport
        case .bslInterpreter, .deafblindManualInterpreter, .spokenLanguageInterpreter: return .communicationProfessional
        case .textMessageOnly, .email, .viaCarer, .telephone: return .contactMethod
        case .largePrint, .easyRead, .braille, .audio: return .informationFormat
        }
    }

    public var label: String {
        switch self {
        case .hearingLoop: return "hearing loop"
        case .lipReading: return "lip-reading"
        case .speechToText: return "speech-to-text reporter"
        case .extraTime: return "extra time needed"
        case .bslInterpreter: return "British Sign Language interpreter"
        case .deafblindManualInterpreter: return "deafblind manual interpreter"
        case .spokenLanguageInterpreter: return "interpreter"
        case .textMessageOnly: return "contact by text message only"
        case .email: return "contact by email"
        case .viaCarer: return "contact via carer"
        case .telephone: return "contact by telephone"
        case .largePrint: return "large print"
        case .easyRead: return "easy read"
        case .braille: return "braille"
        case .audio: return "audio"
        }
    }
}

public struct AccessibleNeed: Sendable, Hashable, Codable {
    public var kind: AccessibleNeedKind
    /// The spoken language, for a spoken-language interpreter (required then).
    public var language: String?
    public init(kind: AccessibleNeedKind, language: String? = nil) { self.kind = kind; self.language = language }

    public var label: String {
        if let language { return "\(language) \(kind.label)" }
        return kind.label
    }
}

public enum PhoneKind: String, Sendable, Codable, CaseIterable { case home, mobile, work, other }

public struct PatientPhone: Sendable, Hashable, Codable {
    /// As typed (trimmed).
    public var number: String
    /// National form used for search (`01515565000`).
    public var key: String
    public var kind: PhoneKind
    public init(number: String, key: String, kind: PhoneKind) { self.number = number; self.key = key; self.kind = kind }
}

/// A patient's demographic record.
public struct Patient: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    /// Hospital number (MRN), unique at the centre.
    public var mrn: String
    public var nhsNumber: NHSNumber?
    public var nhsNumberStatus: NHSNumberStatus
    public var title: String?
    public var familyName: String
    public var givenNames: String
    public var preferredName: String?
    public var previousFamilyNames: [String]
    public var dateOfBirth: LocalDate
    public var sex: Sex
    public var addressLine1: String?
    public var addressLine2: String?
    public var town: String?
    public var postcode: Postcode?
    public var phones: [PatientPhone]
    public var email: String?
    public var gpPractice: GPPractice?
    public var nextOfKin: NextOfKin?
    public var keyWorker: String?
    public var dateOfDeath: LocalDate?
    public var alerts: [PatientAlert]
    public var accessibleNeeds: [AccessibleNeed]
    /// Set when the record is restricted (opened only with a reason).
    public var restriction: Restriction? = nil
    /// Hospital numbers of duplicates merged into this record (their numbers lead here).
    public var mergedDuplicates: [String] = []

    public init(
        id: Int64? = nil, mrn: String, nhsNumber: NHSNumber?, nhsNumberStatus: NHSNumberStatus? = nil,
        title: String? = nil, familyName: String, givenNames: String, preferredName: String? = nil,
        previousFamilyNames: [String] = [], dateOfBirth: LocalDate, sex: Sex = .unknown,
        addressLine1: String? = nil, addressLine2: String? = nil, town: String? = nil, postcode: Postcode? = nil,
        phones: [PatientPhone] = [], email: String? = nil, gpPractice: GPPractice? = nil,
        nextOfKin: NextOfKin? = nil, keyWorker: String? = nil, dateOfDeath: LocalDate? = nil,
        alerts: [PatientAlert] = [], accessibleNeeds: [AccessibleNeed] = []
    ) {
        self.id = id; self.mrn = mrn; self.nhsNumber = nhsNumber
        self.nhsNumberStatus = nhsNumberStatus ?? (nhsNumber == nil ? .traceRequired : .presentNotTraced)
        self.title = title; self.familyName = familyName; self.givenNames = givenNames
        self.preferredName = preferredName; self.previousFamilyNames = previousFamilyNames
        self.dateOfBirth = dateOfBirth; self.sex = sex; self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2; self.town = town; self.postcode = postcode; self.phones = phones
        self.email = email; self.gpPractice = gpPractice; self.nextOfKin = nextOfKin; self.keyWorker = keyWorker
        self.dateOfDeath = dateOfDeath; self.alerts = alerts; self.accessibleNeeds = accessibleNeeds
    }

    /// `SMITH-JONES, Mary (Mrs)`: the NHS CUI display form.
    public var displayName: String { Self.displayName(family: familyName, given: givenNames, title: title) }

    /// `FAMILY, Given (Title)`, family name in capitals (NHS Common User Interface).
    public static func displayName(family: String, given: String, title: String?) -> String {
        var name = family.uppercased() + ", " + given
        if let title, !title.isEmpty { name += " (\(title))" }
        return name
    }

    /// The search words of the patient's names (see `SearchWords`).
    public var searchWords: SearchWords {
        SearchWords(familyName: familyName, givenNames: givenNames, preferredName: preferredName,
                    previousFamilyNames: previousFamilyNames)
    }
}

/// The folded words a patient can be found by, kept in two groups: the current
/// family name (which ranks first and has "sounds like" matching) and the other
/// names (given, preferred, previous family names).
public struct SearchWords: Sendable, Hashable {
    public var family: [String]
    public var other: [String]

    public init(family: [String], other: [String]) { self.family = family; self.other = other }

    public init(familyName: String, givenNames: String, preferredName: String?, previousFamilyNames: [String]) {
        family = NameFolding.words(familyName)
        // Chinese, Japanese and Korean names are written without a space between
        // family and given name (李小龙): that form is a family-name word too.
        if SearchWords.isCJK(familyName) || SearchWords.isCJK(givenNames) {
            let whole = NameFolding.fold(familyName) + NameFolding.fold(givenNames)
            if !family.contains(whole) { family.append(whole) }
        }
        var other: [String] = []
        var parts = Set<String>()
        var joined = Set<String>()
        for name in [givenNames] + (preferredName.map { [$0] } ?? []) + previousFamilyNames {
            let words = NameFolding.words(name)
            other += words
            if words.count > 1 { joined.insert(words.last!); parts.formUnion(words.dropLast()) } else { parts.formUnion(words) }
        }
        var seen = Set<String>()
        self.other = other.filter { seen.insert($0).inserted }
        self.otherJoined = joined.subtracting(parts)
    }

    /// The other-name words that exist only as the joined form of a name of
    /// several parts (`maryanne` of Mary Anne): indexed apart, since every first
    /// name has many of them (`robertadam`, `robertjohn` …).
    public var otherJoined: Set<String> = []

    static func isCJK(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
            default: return false
            }
        }
    }

    /// Stands for "no sounds-like key" in a stored list of keys.
    public static let noSound = "-"

    /// Stored form: every word preceded and followed by one space (` smith jones `),
    /// so that SQL finds "a word starting with w" as `instr(words, ' w')` and a
    /// whole word as `instr(words, ' w ')`, with no concatenation per row.
    public static func encode(_ words: [String]) -> String { words.isEmpty ? " " : " " + words.joined(separator: " ") + " " }

    public static func decode(_ text: String) -> [String] {
        var words: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == 32 {
                if start != index { words.append(String(text[start..<index])) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex { words.append(String(text[start...])) }
        return words
    }
}
