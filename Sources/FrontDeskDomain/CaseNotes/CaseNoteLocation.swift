/// Where a paper case-note volume is now.
///
/// Typed on the command line as `library`, `clinic:SERVICE` or
/// `clinic:SERVICE@SITE`, `secretary:NAME`, `offsite`, `transit:WHERE` or
/// `missing` (`parse`); stored as a kind and a place (`kind`, `place`).
public enum CaseNoteLocation: Sendable, Hashable {
    /// The medical records library, on a shelf when one is given (`31-06`, `B4`).
    case library(shelf: String?)
    /// A clinic: the service's code, and the site's when given (the same service may run at several sites).
    case clinic(service: String, site: String?)
    /// A secretary's office, by the secretary's (or the consultant's) name.
    case secretary(name: String)
    /// The off-site store.
    case offsite
    /// On its way somewhere (a porter's trolley, the internal post): to where.
    case inTransit(to: String)
    /// Not where it should be and not found.
    case missing

    /// The kinds, as typed and stored.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case library, clinic, secretary, offsite, transit, missing
    }

    public var kind: Kind {
        switch self {
        case .library: return .library
        case .clinic: return .clinic
        case .secretary: return .secretary
        case .offsite: return .offsite
        case .inTransit: return .transit
        case .missing: return .missing
        }
    }

    /// The place within the kind as stored: the shelf, `SERVICE` or `SERVICE@SITE`, the name, where to; nil for the others.
    public var place: String? {
        switch self {
        case .library(let shelf): return shelf
        case .clinic(let service, let site): return site.map { "\(service)@\($0)" } ?? service
        case .secretary(let name): return name
        case .inTransit(let to): return to
        case .offsite, .missing: return nil
        }
    }

    /// The location from its stored kind and place (nil when they do not make one).
    public init?(kind: String, place: String?) {
        switch Kind(rawValue: kind) {
        case .library: self = .library(shelf: place)
        case .clinic:
            guard let place, !place.isEmpty else { return nil }
            let parts = place.split(separator: "@", maxSplits: 1).map(String.init)
            self = .clinic(service: parts[0], site: parts.count > 1 ? parts[1] : nil)
        case .secretary: guard let place else { return nil }; self = .secretary(name: place)
        case .offsite: self = .offsite
        case .transit: guard let place else { return nil }; self = .inTransit(to: place)
        case .missing: self = .missing
        case nil: return nil
        }
    }

    /// How to type one, for help and refusals.
    public static let choices = "library, clinic:SERVICE (or clinic:SERVICE@SITE), secretary:NAME, offsite, transit:WHERE, missing"

    /// What a location may be called, in words: `library`, `clinic onc_fu @ main` …
    public var text: String {
        switch self {
        case .library(let shelf): return shelf.map { "library, shelf \($0)" } ?? "library"
        case .clinic(let service, let site): return "clinic \(service)" + (site.map { " @ \($0)" } ?? "")
        case .secretary(let name): return "secretary \(name)"
        case .offsite: return "off-site store"
        case .inTransit(let to): return "in transit to \(to)"
        case .missing: return "MISSING"
        }
    }

    /// As typed on the command line (`clinic:onc_fu@main`); `parse` reads it back.
    public var typed: String { place.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue }

    public var isMissing: Bool { self == .missing }

    public static let shelfRule = "must be 1 to 20 letters, digits, spaces, hyphens, dots or slashes (e.g. 31-06 or B4)"
    public static let nameRule = "must be 2 to 60 characters of plain text"

    /// Reads a location as a clerk types it (`field` names it in refusals: `to`,
    /// `location`), with the shelf for the library (`--shelf`; refused with any
    /// other kind). Codes are folded to lower case; every refusal names the
    /// field and lists the choices.
    public static func parse(_ raw: String, shelf: String? = nil, field: String = "location") -> Result<CaseNoteLocation, ValidationError> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let (word, rest): (String, String?) = {
            guard let colon = text.firstIndex(of: ":") else { return (text.lowercased(), nil) }
            return (text[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                    text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }()
        func refuse(_ f: String, _ reason: String) -> Result<CaseNoteLocation, ValidationError> {
            .failure(ValidationError(field: f, reason: reason))
        }
        let aliases: [String: Kind] = ["library": .library, "records": .library, "clinic": .clinic, "secretary": .secretary,
                                       "offsite": .offsite, "off-site": .offsite, "transit": .transit, "in-transit": .transit,
                                       "missing": .missing]
        guard !text.isEmpty else { return refuse(field, "is required: one of \(choices)") }
        guard let kind = aliases[word] else { return refuse(field, "'\(text)' is not a location: use one of \(choices)") }
        let trimmedShelf = shelf?.trimmingCharacters(in: .whitespaces)
        if let trimmedShelf, !trimmedShelf.isEmpty, kind != .library {
            return refuse("shelf", "only a library location has a shelf (the location is \(kind.rawValue))")
        }
        func needsPlace(_ what: String) -> Result<String, ValidationError> {
            guard let rest, !rest.isEmpty else {
                return .failure(ValidationError(field: field, reason: "\(kind.rawValue) needs \(what) after a colon (\(kind.rawValue):…): one of \(choices)"))
            }
            guard (2...60).contains(rest.count), PatientFields.isPlainText(rest) else {
                return .failure(ValidationError(field: field, reason: "the \(what) of \(kind.rawValue):… \(nameRule)"))
            }
            return .success(rest)
        }
        switch kind {
        case .library:
            if let rest, !rest.isEmpty, trimmedShelf?.isEmpty ?? true { return checkedShelf(rest) }
            if let rest, !rest.isEmpty { return refuse(field, "give the shelf once: library:SHELF or library with --shelf SHELF") }
            if let trimmedShelf, !trimmedShelf.isEmpty { return checkedShelf(trimmedShelf) }
            return .success(.library(shelf: nil))
        case .clinic:
            guard let rest, !rest.isEmpty else {
                return refuse(field, "clinic needs the service's code: clinic:SERVICE or clinic:SERVICE@SITE (e.g. clinic:onc_fu@main); one of \(choices)")
            }
            let parts = rest.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map { DiaryCode.normalised(String($0)) }
            guard DiaryCode.isCode(parts[0]) else { return refuse(field, "the service of clinic:… \(DiaryCode.rule)") }
            if parts.count > 1, !DiaryCode.isCode(parts[1]) { return refuse(field, "the site of clinic:SERVICE@SITE \(DiaryCode.rule)") }
            return .success(.clinic(service: parts[0], site: parts.count > 1 ? parts[1] : nil))
        case .secretary: return needsPlace("the secretary's name").map { .secretary(name: $0) }
        case .transit: return needsPlace("where it is going").map { .inTransit(to: $0) }
        case .offsite, .missing:
            if let rest, !rest.isEmpty { return refuse(field, "\(kind.rawValue) takes nothing after it: one of \(choices)") }
            return .success(kind == .offsite ? .offsite : .missing)
        }
    }

    static func checkedShelf(_ shelf: String) -> Result<CaseNoteLocation, ValidationError> {
        let ok = (1...20).contains(shelf.count) && shelf.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || " -./".unicodeScalars.contains($0)
        }
        return ok ? .success(.library(shelf: shelf.uppercased())) : .failure(ValidationError(field: "shelf", reason: shelfRule))
    }
}
