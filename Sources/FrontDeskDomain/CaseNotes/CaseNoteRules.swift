/// Where paper case notes must be, in one place for the pull list and the
/// end-of-day checklist (issue 8).
///
/// - **Sent** (the checklist's "case notes located and sent to the clinic", the
///   pull list's `volumesSent`): every volume is at one of the patient's
///   clinics of the day — a clinic location whose service is one of theirs
///   (and site, when the location names one) — or in transit (on its way,
///   wherever the porter was sent). False with no volumes: nothing was sent.
/// - **Back** (the checklist's "case notes returned"): every volume is in the
///   medical records library or the off-site store.
public enum CaseNoteRules {
    /// A clinic a volume may be sent to: a service at a site.
    public struct Clinic: Sendable, Hashable {
        public var serviceCode: String
        public var siteCode: String
        public init(serviceCode: String, siteCode: String) { self.serviceCode = serviceCode; self.siteCode = siteCode }
    }

    /// A volume at `location` is at one of these clinics, or on its way (in transit).
    public static func isSent(_ location: CaseNoteLocation, to clinics: [Clinic]) -> Bool {
        switch location {
        case .clinic(let service, let site):
            return clinics.contains { $0.serviceCode == service && (site == nil || site == $0.siteCode) }
        case .inTransit: return true
        default: return false
        }
    }

    /// Every volume is at (or on its way to) one of these clinics; false with no volumes.
    public static func allSent(_ volumes: [CaseNoteVolume], to clinics: [Clinic]) -> Bool {
        !volumes.isEmpty && volumes.allSatisfy { isSent($0.location, to: clinics) }
    }

    /// A volume at `location` is back where notes are kept: the library (any shelf) or the off-site store.
    public static func isBack(_ location: CaseNoteLocation) -> Bool {
        switch location {
        case .library, .offsite: return true
        default: return false
        }
    }

    /// Whether being sent (or back, or sent on) can depend on which clinics the
    /// patient has: some volume is at a clinic or in transit, and none is
    /// anywhere but a clinic, in transit, the library or the off-site store
    /// (a volume at a secretary's office or missing settles it without them).
    /// A reader may skip reading the clinics of patients for whom it is false.
    public static func dependsOnClinics(_ volumes: [CaseNoteVolume]) -> Bool {
        var atClinic = false
        for v in volumes {
            switch v.location {
            case .clinic, .inTransit: atClinic = true
            case .library, .offsite: continue
            case .secretary, .missing: return false
            }
        }
        return atClinic
    }

    /// Where the volumes are, in words, the missing ones first:
    /// `MISSING: vol 2; vol 1 in library, shelf A12`, `vols 1, 2 in off-site store`.
    public static func whereText(_ volumes: [CaseNoteVolume]) -> String {
        if volumes.count == 1 { return whereText(volumes[0].location, "vol \(volumes[0].number)") }
        var order: [CaseNoteLocation] = []
        var numbers: [CaseNoteLocation: [Int]] = [:]
        for v in volumes.sorted(by: { $0.number < $1.number }) {
            if numbers[v.location] == nil { order.append(v.location) }
            numbers[v.location, default: []].append(v.number)
        }
        func vols(_ n: [Int]) -> String { (n.count == 1 ? "vol " : "vols ") + n.map(String.init).joined(separator: ", ") }
        var parts: [String] = []
        if let missing = numbers[.missing] { parts.append("MISSING: " + vols(missing)) }
        for location in order where !location.isMissing { parts.append(whereText(location, vols(numbers[location]!))) }
        return parts.joined(separator: "; ")
    }

    /// `vol 1 in library, shelf A12`, `vol 1 at clinic onc_fu @ main`, `MISSING: vol 1`.
    static func whereText(_ location: CaseNoteLocation, _ vols: String) -> String {
        switch location {
        case .missing: return "MISSING: " + vols
        case .clinic: return vols + " at " + location.text
        case .inTransit: return vols + " " + location.text
        default: return vols + " in " + location.text
        }
    }
}
