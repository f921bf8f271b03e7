import FrontDeskDomain

/// One field of a form: its input, label, hint and the error found when it was left.
public struct FormField: Hashable, Sendable {
    /// The field's name in validation errors, the CSV import and JSON (`date_of_birth`).
    public let name: String
    public let label: String
    public let hint: String
    public let required: Bool
    public var input: TextField
    /// What it held when the form opened: the form is "changed" when any differs.
    public internal(set) var original: String
    public var error: String?

    public init(_ name: String, _ label: String, hint: String, required: Bool = false, value: String = "") {
        self.name = name; self.label = label; self.hint = hint; self.required = required
        input = TextField(value); original = value
    }
    public var value: String { input.text }
    public var isChanged: Bool { input.text != original }
}

/// The register and edit forms of a patient record: fields as typed, checked
/// by the domain's own validation (`PatientFields.validated`) so the form and
/// the command line give the same errors.
public struct PatientForm: Hashable, Sendable {
    public enum Purpose: Hashable, Sendable {
        case register
        case edit(Patient)
    }

    public let purpose: Purpose
    public var fields: [FormField]
    public var focus: Int = 0
    public var top: Int = 0

    /// Separates several values in one field (phones, alerts, previous names).
    public static let listSeparator: Character = ";"

    public init(purpose: Purpose) {
        self.purpose = purpose
        let p: Patient?
        if case .edit(let patient) = purpose { p = patient } else { p = nil }
        func join(_ items: [String]) -> String { items.joined(separator: "; ") }
        var list: [FormField] = [
            FormField("family_name", "Family name", hint: "as the patient spells it, e.g. O'Brien, Smith-Jones, Ó Súilleabháin",
                      required: true, value: p?.familyName ?? ""),
            FormField("given_names", "Given names", hint: "all given names, e.g. Mary Anne", required: true, value: p?.givenNames ?? ""),
            FormField("title", "Title", hint: "Mr, Mrs, Miss, Ms, Mx, Dr …", value: p?.title ?? ""),
            FormField("preferred_name", "Preferred name", hint: "the name the patient likes to be called", value: p?.preferredName ?? ""),
            FormField("date_of_birth", "Date of birth", hint: "type it as " + LocalDate.acceptedFormats,
                      required: true, value: p?.dateOfBirth.display ?? ""),
            FormField("sex", "Sex", hint: "female, male, other or unknown (F, M, O or U)", value: p.map { $0.sex.rawValue } ?? ""),
            FormField("nhs_number", "NHS number", hint: "ten digits, spaces allowed, e.g. 943 476 5919; leave empty if not known",
                      value: p?.nhsNumber?.formatted ?? ""),
            FormField("mrn", "Hospital number",
                      hint: p == nil ? "leave empty to give the next FD number" : "the hospital (case-note) number; cannot be removed",
                      value: p?.mrn ?? ""),
            FormField("previous_family_names", "Previous family names", hint: "separate several with ;",
                      value: join(p?.previousFamilyNames ?? [])),
            FormField("address_line_1", "Address line 1", hint: "house number and street", value: p?.addressLine1 ?? ""),
            FormField("address_line_2", "Address line 2", hint: "district or village", value: p?.addressLine2 ?? ""),
            FormField("town", "Town", hint: "post town", value: p?.town ?? ""),
            FormField("postcode", "Postcode", hint: "any case, with or without the space, e.g. ch63 4jy", value: p?.postcode?.value ?? ""),
            FormField("phones", "Phones", hint: "e.g. 07700 900123; home:0161 496 0000 (home, mobile, work or other; separate with ;)",
                      value: join((p?.phones ?? []).map { "\($0.kind.rawValue):\($0.number)" })),
            FormField("email", "Email", hint: "e.g. name@example.org", value: p?.email ?? ""),
            FormField("gp_practice_code", "GP practice code", hint: "ODS code: a letter and five digits, e.g. N81013",
                      value: p?.gpPractice?.code ?? ""),
            FormField("gp_practice_name", "GP practice name", hint: "the surgery's name", value: p?.gpPractice?.name ?? ""),
            FormField("next_of_kin_name", "Next of kin", hint: "name of the next of kin", value: p?.nextOfKin?.name ?? ""),
            FormField("next_of_kin_relationship", "Relationship", hint: "e.g. wife, son, carer", value: p?.nextOfKin?.relationship ?? ""),
            FormField("next_of_kin_phone", "Next of kin phone", hint: "a UK phone number", value: p?.nextOfKin?.phone ?? ""),
            FormField("key_worker", "Key worker", hint: "the patient's clinical nurse specialist", value: p?.keyWorker ?? ""),
            FormField("alerts", "Alerts", hint: "kinds: " + AlertKind.allCases.map(\.rawValue).joined(separator: ", ") + " (kind:note; separate with ;)",
                      value: join((p?.alerts ?? []).map { $0.kind.rawValue + ($0.note.map { ":" + $0 } ?? "") })),
            FormField("accessible_needs", "Accessible needs",
                      hint: "kinds: " + AccessibleNeedKind.allCases.map(\.rawValue).joined(separator: ", ") + " (interpreter:Polish; separate with ;)",
                      value: join((p?.accessibleNeeds ?? []).map { $0.kind.rawValue + ($0.language.map { ":" + $0 } ?? "") })),
        ]
        if p != nil {
            list.append(FormField("date_of_death", "Date of death", hint: "only when the death is confirmed; type it as " + LocalDate.acceptedFormats,
                                  value: p?.dateOfDeath?.display ?? ""))
        }
        fields = list
    }

    public var title: String {
        switch purpose {
        case .register: return "New patient"
        case .edit(let patient): return "Edit " + patient.displayName
        }
    }

    public var isChanged: Bool { fields.contains(where: \.isChanged) }

    /// Takes the values now in the form as its starting point (after prefilling).
    public mutating func acceptCurrentValues() {
        for index in fields.indices { fields[index].original = fields[index].value }
    }
    public var focused: FormField { fields[focus] }

    /// The form's values as the domain takes them: every typed field for a new
    /// record; only the changed fields for an edit (so an untouched old value is
    /// never re-judged).
    public var patientFields: PatientFields {
        var result = PatientFields()
        let isEdit: Bool = { if case .edit = purpose { return true }; return false }()
        for field in fields {
            if isEdit && !field.isChanged { continue }
            if !isEdit && field.value.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            Self.assign(field.name, field.value, to: &result)
        }
        return result
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: listSeparator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func assign(_ name: String, _ value: String, to fields: inout PatientFields) {
        switch name {
        case "mrn": fields.mrn = value
        case "nhs_number": fields.nhsNumber = value
        case "title": fields.title = value
        case "family_name": fields.familyName = value
        case "given_names": fields.givenNames = value
        case "preferred_name": fields.preferredName = value
        case "previous_family_names": fields.previousFamilyNames = list(value)
        case "date_of_birth": fields.dateOfBirth = value
        case "sex": fields.sex = value
        case "address_line_1": fields.addressLine1 = value
        case "address_line_2": fields.addressLine2 = value
        case "town": fields.town = value
        case "postcode": fields.postcode = value
        case "phones": fields.phones = list(value)
        case "email": fields.email = value
        case "gp_practice_code": fields.gpPracticeCode = value
        case "gp_practice_name": fields.gpPracticeName = value
        case "next_of_kin_name": fields.nextOfKinName = value
        case "next_of_kin_relationship": fields.nextOfKinRelationship = value
        case "next_of_kin_phone": fields.nextOfKinPhone = value
        case "key_worker": fields.keyWorker = value
        case "date_of_death": fields.dateOfDeath = value
        case "alerts": fields.alerts = list(value)
        case "accessible_needs": fields.accessibleNeeds = list(value)
        default: break
        }
    }

    /// The form field an error names (the domain calls one phone entry `phone`).
    public func index(ofError name: String) -> Int? {
        let mapped = name == "phone" ? "phones" : name
        return fields.firstIndex { $0.name == mapped }
    }

    var base: Patient? { if case .edit(let patient) = purpose { return patient }; return nil }

    /// All problems, as the domain finds them.
    public func validate(today: LocalDate) -> [FieldError] {
        switch patientFields.validated(over: base, today: today) {
        case .success: return []
        case .failure(let error): return error.errors
        }
    }

    /// Checks the field at `index` as it is left: what was typed there is
    /// judged, but a required field left empty is only reported on save.
    public mutating func check(_ index: Int, today: LocalDate) {
        guard fields.indices.contains(index) else { return }
        let problems = validate(today: today).filter { self.index(ofError: $0.field) == index }
        let typed = !fields[index].value.trimmingCharacters(in: .whitespaces).isEmpty
        let shown = problems.first { typed || $0.reason != "is required" }
        fields[index].error = shown?.reason
        if shown == nil, typed { tidy(index) }
    }

    /// After a valid entry, shows it the way it is stored: dates as
    /// 12-Mar-1956, NHS numbers 3-3-4, postcodes in capitals with the space.
    mutating func tidy(_ index: Int) {
        let value = fields[index].value.trimmingCharacters(in: .whitespaces)
        var tidied: String?
        switch fields[index].name {
        case "date_of_birth", "date_of_death": tidied = LocalDate.parse(value)?.display
        case "nhs_number": tidied = NHSNumber(value)?.formatted
        case "postcode": tidied = Postcode(value)?.value
        default: break
        }
        if let tidied, tidied != fields[index].value { fields[index].input.set(tidied) }
    }

    /// Checks every field on save; marks each field with its first problem and
    /// returns all problems in field order.
    public mutating func checkAll(today: LocalDate) -> [FieldError] {
        let problems = validate(today: today)
        for index in fields.indices {
            fields[index].error = problems.first { self.index(ofError: $0.field) == index }?.reason
        }
        return problems.sorted { (index(ofError: $0.field) ?? 999) < (index(ofError: $1.field) ?? 999) }
    }

    /// Marks errors that came back from saving (duplicate NHS number …).
    public mutating func mark(_ errors: [FieldError]) {
        for error in errors { if let index = index(ofError: error.field) { fields[index].error = error.reason } }
    }
}
