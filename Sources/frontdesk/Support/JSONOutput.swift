import Foundation
import FrontDeskDomain

/// Output objects list every documented key, with `null` for a missing value
/// (Swift's synthesized encoding would leave the key out).
protocol JSONObject: Encodable {}

private struct JSONKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension JSONObject {
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for child in Mirror(reflecting: self).children {
            guard let label = child.label, let value = child.value as? any Encodable else { continue }
            try value.encode(to: container.superEncoder(forKey: JSONKey(label)))
        }
    }
}

func encodeJSON<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}

struct ErrorJSON: JSONObject {
    struct Body: JSONObject {
        var message: String
        var fields: [FieldError]
        var candidates: [SummaryJSON]
        /// The next free slots when a booking found its slot full.
        var alternatives: [SlotJSON]
    }
    var error: Body
}

/// One search result (the `patient search --json` row).
struct SummaryJSON: JSONObject {
    var id: Int64
    var mrn: String
    var nhs_number: String?
    var title: String?
    var family_name: String
    var given_names: String
    var date_of_birth: String?
    var sex: String?
    var postcode: String?
    var match: String
    var date_of_death: String?
    var restricted: Bool

    init(_ s: PatientSummary) {
        id = s.id; mrn = s.mrn; nhs_number = s.nhsNumber?.digits; title = s.title
        family_name = s.familyName; given_names = s.givenNames; date_of_birth = s.dateOfBirth.iso
        sex = s.sex.rawValue; postcode = s.postcode
        match = s.match == .soundsLike ? "sounds_like" : "direct"
        date_of_death = s.dateOfDeath?.iso
        restricted = s.restricted
        if s.restricted { date_of_birth = nil; sex = nil }
    }
}

struct SearchJSON: JSONObject {
    var results: [SummaryJSON]
    var more: Int
    var more_capped: Bool
}

/// The whole record (`patient show --json`, `add`, `edit`).
struct PatientJSON: JSONObject {
    struct Phone: JSONObject { var number: String; var kind: String }
    struct GP: JSONObject { var code: String; var name: String? }
    struct Kin: JSONObject { var name: String; var relationship: String?; var phone: String? }
    struct Alert: JSONObject { var kind: String; var note: String? }
    struct Need: JSONObject { var need: String; var group: String; var language: String?; var label: String }

    var id: Int64?
    var mrn: String
    var nhs_number: String?
    var nhs_number_status: String
    var nhs_number_status_label: String
    var title: String?
    var family_name: String
    var given_names: String
    var preferred_name: String?
    var previous_family_names: [String]
    var date_of_birth: String
    var age: Int
    var sex: String
    var address_line_1: String?
    var address_line_2: String?
    var town: String?
    var postcode: String?
    var phones: [Phone]
    var email: String?
    var gp_practice: GP?
    var next_of_kin: Kin?
    var key_worker: String?
    var date_of_death: String?
    var alerts: [Alert]
    var accessible_needs: [Need]
    struct RestrictionJSON: JSONObject { var reason: String; var restricted_by: String; var restricted_at: String }
    var restriction: RestrictionJSON?
    /// Hospital numbers of duplicates merged into this record.
    var merged_duplicates: [String]

    init(_ p: Patient, today: LocalDate) {
        id = p.id; mrn = p.mrn; nhs_number = p.nhsNumber?.digits
        nhs_number_status = p.nhsNumberStatus.rawValue; nhs_number_status_label = p.nhsNumberStatus.label
        title = p.title; family_name = p.familyName; given_names = p.givenNames; preferred_name = p.preferredName
        previous_family_names = p.previousFamilyNames; date_of_birth = p.dateOfBirth.iso
        age = p.dateOfBirth.age(on: p.dateOfDeath ?? today); sex = p.sex.rawValue
        address_line_1 = p.addressLine1; address_line_2 = p.addressLine2; town = p.town; postcode = p.postcode?.value
        phones = p.phones.map { Phone(number: $0.number, kind: $0.kind.rawValue) }; email = p.email
        gp_practice = p.gpPractice.map { GP(code: $0.code, name: $0.name) }
        next_of_kin = p.nextOfKin.map { Kin(name: $0.name, relationship: $0.relationship, phone: $0.phone) }
        key_worker = p.keyWorker; date_of_death = p.dateOfDeath?.iso
        alerts = p.alerts.map { Alert(kind: $0.kind.rawValue, note: $0.note) }
        accessible_needs = p.accessibleNeeds.map { Need(need: $0.kind.rawValue, group: $0.kind.group.rawValue, language: $0.language, label: $0.label) }
        restriction = p.restriction.map {
            RestrictionJSON(reason: $0.reason, restricted_by: $0.restrictedBy, restricted_at: ISO8601DateFormatter().string(from: $0.restrictedAt))
        }
        merged_duplicates = p.mergedDuplicates
    }
}
