import Foundation

/// The fields of a patient record as a person types them, before validation.
///
/// Used for registration (every required field present) and for edits (only the
/// fields given change; an empty string clears an optional field). Field names
/// in errors are the snake_case names used by the CSV import and the JSON output.
public struct PatientFields: Sendable, Equatable {
    public var mrn: String?
    public var nhsNumber: String?
    public var title: String?
    public var familyName: String?
    public var givenNames: String?
    public var preferredName: String?
    /// Replaces the whole list when set.
    public var previousFamilyNames: [String]?
    public var dateOfBirth: String?
    public var sex: String?
    public var addressLine1: String?
    public var addressLine2: String?
    public var town: String?
    public var postcode: String?
    /// `07700 900123` or `mobile:07700 900123`; replaces the whole list when set.
    public var phones: [String]?
    public var email: String?
    public var gpPracticeCode: String?
    public var gpPracticeName: String?
    public var nextOfKinName: String?
    public var nextOfKinRelationship: String?
    public var nextOfKinPhone: String?
    public var keyWorker: String?
    public var dateOfDeath: String?
    /// `safeguarding_concern` or `safeguarding_concern:note`; replaces the list when set.
    public var alerts: [String]?
    /// `large_print`, `interpreter:Polish`; replaces the list when set.
    public var accessibleNeeds: [String]?

    public init() {}

    public var isEmpty: Bool { self == PatientFields() }

    static let nameRule = "may contain only letters, spaces, hyphens, apostrophes and full stops"

    /// Validates the fields on their own (new record) or over `base` (edit).
    /// Returns every problem at once. A new record without an MRN gets an empty
    /// `mrn`, for the store to assign the next `FD` number.
    public func validated(over base: Patient?, today: LocalDate) -> Result<Patient, ValidationError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ reason: String) { errors.append(FieldError(field: field, reason: reason)) }

        /// nil: not given; .some(nil): cleared; .some(text): trimmed text.
        func text(_ value: String?) -> String?? {
            guard let value else { return .none }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return .some(trimmed.isEmpty ? nil : trimmed)
        }
        func optionalText(_ field: String, _ value: String?, _ current: String?, max: Int) -> String? {
            guard case .some(let given) = text(value) else { return current }
            guard let given else { return nil }
            if given.count > max { fail(field, "must be at most \(max) characters"); return current }
            if !PatientFields.isPlainText(given) {
                fail(field, PatientFields.plainTextRule); return current
            }
            return given
        }
        func name(_ field: String, _ value: String?, _ current: String?, required: Bool, max: Int = 100) -> String? {
            switch text(value) {
            case .none:
                if current == nil && required { fail(field, "is required") }
                return current
            case .some(nil):
                if required { fail(field, "is required") }
                return nil
            case .some(let given?):
                if given.count > max { fail(field, "must be at most \(max) characters"); return current }
                guard PatientFields.isName(given) else { fail(field, PatientFields.nameRule); return current }
                return given
            }
        }
        func date(_ field: String, _ value: String?, _ current: LocalDate?, required: Bool) -> LocalDate? {
            switch text(value) {
            case .none:
                if current == nil && required { fail(field, "is required") }
                return current
            case .some(nil):
                if required { fail(field, "is required") }
                return nil
            case .some(let given?):
                guard let parsed = LocalDate.parse(given) else {
                    fail(field, "is not a date: type it as \(LocalDate.acceptedFormats)"); return current
                }
                if parsed > today { fail(field, "must not be in the future"); return current }
                if parsed.year < 1900 { fail(field, "must not be before 1900"); return current }
                return parsed
            }
        }

        /// Checks a free-text value already chosen: length and no control characters.
        func plain(_ field: String, _ value: String?, max: Int) {
            guard let value else { return }
            if value.count > max { fail(field, "must be at most \(max) characters") }
            else if !PatientFields.isPlainText(value) { fail(field, PatientFields.plainTextRule) }
        }

        let familyName = name("family_name", familyName, base?.familyName, required: true)
        let givenNames = name("given_names", givenNames, base?.givenNames, required: true)
        let title = name("title", title, base?.title, required: false, max: 35)
        let preferredName = name("preferred_name", preferredName, base?.preferredName, required: false)
        var previous = base?.previousFamilyNames ?? []
        if let given = previousFamilyNames {
            previous = given.compactMap { name("previous_family_names", $0, nil, required: false) }
        }
        let dateOfBirth = date("date_of_birth", dateOfBirth, base?.dateOfBirth, required: true)
        let dateOfDeath = date("date_of_death", dateOfDeath, base?.dateOfDeath, required: false)
        if let dateOfBirth, let dateOfDeath, dateOfDeath < dateOfBirth {
            fail("date_of_death", "must not be before the date of birth")
        }

        var sexValue = base?.sex ?? .unknown
        if case .some(let given) = text(sex) {
            if let given {
                if let parsed = Sex(parsing: given) { sexValue = parsed } else {
                    fail("sex", "must be female, male, other or unknown (F, M, O or U)")
                }
            } else { sexValue = .unknown }
        }

        var nhs = base?.nhsNumber
        var status = base?.nhsNumberStatus
        if case .some(let given) = text(nhsNumber) {
            if let given {
                switch NHSNumber.parse(given) {
                case .success(let number):
                    if number != nhs { status = .presentNotTraced }
                    nhs = number
                case .failure(let problem): fail("nhs_number", problem.reason)
                }
            } else { nhs = nil; status = .traceRequired }
        }

        var mrnValue = base?.mrn ?? ""
        if case .some(let given) = text(mrn) {
            if let given {
                if NHSNumber(given) != nil {
                    fail("mrn", "must not be a valid NHS number (ten digits passing the Modulus 11 check): give that as nhs_number")
                } else if PatientFields.isHospitalNumber(given) { mrnValue = given } else {
                    fail("mrn", PatientFields.hospitalNumberRule)
                }
            } else if base != nil { fail("mrn", "cannot be removed") }
        }

        var postcodeValue = base?.postcode
        if case .some(let given) = text(postcode) {
            if let given {
                if let parsed = Postcode(given) { postcodeValue = parsed } else { fail("postcode", Postcode.rule) }
            } else { postcodeValue = nil }
        }

        var phoneValues = base?.phones ?? []
        if let phones {
            phoneValues = []
            for entry in phones {
                let trimmed = entry.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                var kind = PhoneKind.home
                var number = trimmed
                if let colon = trimmed.firstIndex(of: ":") {
                    let label = String(trimmed[..<colon]).lowercased()
                    guard let parsed = PhoneKind(rawValue: label) else {
                        fail("phone", "kind must be home, mobile, work or other (as in mobile:07700 900123)"); continue
                    }
                    kind = parsed
                    number = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                }
                guard let key = PhoneNumber.key(number) else { fail("phone", PhoneNumber.rule); continue }
                if !trimmed.contains(":") && key.hasPrefix("07") { kind = .mobile }
                phoneValues.append(PatientPhone(number: number, key: key, kind: kind))
            }
        }

        var emailValue = base?.email
        if case .some(let given) = text(email) {
            if let given {
                if PatientFields.isEmail(given) { emailValue = given } else {
                    fail("email", "must be an email address such as name@example.org")
                }
            } else { emailValue = nil }
        }

        var gp = base?.gpPractice
        let gpCode = text(gpPracticeCode), gpName = text(gpPracticeName)
        if gpCode != .none || gpName != .none {
            let code: String? = { if case .some(let c) = gpCode { return c?.uppercased() }; return gp?.code }()
            let nameValue: String? = { if case .some(let n) = gpName { return n }; return gp?.name }()
            if let code {
                if code.count == 6, code.first!.isASCII, code.first!.isLetter, code.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) {
                    gp = GPPractice(code: code, name: nameValue)
                } else {
                    fail("gp_practice_code", "must be an ODS practice code: a letter and five digits, such as N81013")
                }
            } else if nameValue != nil {
                fail("gp_practice_code", "is required when a GP practice name is given")
            } else { gp = nil }
        }
        plain("gp_practice_name", gp?.name, max: 100)

        var kin = base?.nextOfKin
        let kinName = text(nextOfKinName), kinRel = text(nextOfKinRelationship), kinPhone = text(nextOfKinPhone)
        if kinName != .none || kinRel != .none || kinPhone != .none {
            let nameValue: String? = { if case .some(let v) = kinName { return v }; return kin?.name }()
            let relValue: String? = { if case .some(let v) = kinRel { return v }; return kin?.relationship }()
            let phoneValue: String? = { if case .some(let v) = kinPhone { return v }; return kin?.phone }()
            if let phoneValue, PhoneNumber.key(phoneValue) == nil { fail("next_of_kin_phone", PhoneNumber.rule) }
            plain("next_of_kin_relationship", relValue, max: 50)
            if let nameValue {
                if !PatientFields.isName(nameValue) { fail("next_of_kin_name", PatientFields.nameRule) }
                else { plain("next_of_kin_name", nameValue, max: 100) }
                kin = NextOfKin(name: nameValue, relationship: relValue, phone: phoneValue)
            } else if relValue != nil || phoneValue != nil {
                fail("next_of_kin_name", "is required when a next of kin relationship or phone is given")
            } else { kin = nil }
        }

        let address1 = optionalText("address_line_1", addressLine1, base?.addressLine1, max: 100)
        let address2 = optionalText("address_line_2", addressLine2, base?.addressLine2, max: 100)
        let townValue = optionalText("town", town, base?.town, max: 60)
        let keyWorkerValue = optionalText("key_worker", keyWorker, base?.keyWorker, max: 100)

        var alertValues = base?.alerts ?? []
        if let alerts {
            alertValues = []
            for entry in alerts where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
                let (head, tail) = PatientFields.splitOnce(entry)
                guard let kind = AlertKind(rawValue: head.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                    fail("alerts", "must be one of \(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")) (optionally kind:note)")
                    continue
                }
                plain("alerts", tail, max: 200)
                alertValues.append(PatientAlert(kind: kind, note: tail))
            }
        }

        var needValues = base?.accessibleNeeds ?? []
        if let accessibleNeeds {
            needValues = []
            for entry in accessibleNeeds where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
                let (head, tail) = PatientFields.splitOnce(entry)
                guard let kind = AccessibleNeedKind(rawValue: head.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                    fail("accessible_needs", "must be one of \(AccessibleNeedKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if kind == .spokenLanguageInterpreter && tail == nil {
                    fail("accessible_needs", "an interpreter needs the language, as in interpreter:Polish"); continue
                }
                if kind != .spokenLanguageInterpreter && tail != nil {
                    fail("accessible_needs", "only an interpreter takes a language (\(kind.rawValue) does not)"); continue
                }
                if let language = tail, language.count > 40 || !PatientFields.isName(language) {
                    fail("accessible_needs", "the interpreter's language must be a name of up to 40 letters, as in interpreter:Polish"); continue
                }
                needValues.append(AccessibleNeed(kind: kind, language: tail))
            }
        }

        guard errors.isEmpty, let familyName, let givenNames, let dateOfBirth else {
            return .failure(ValidationError(errors))
        }
        return .success(Patient(
            id: base?.id, mrn: mrnValue, nhsNumber: nhs,
            nhsNumberStatus: nhs == nil ? .traceRequired : (status ?? .presentNotTraced),
            title: title, familyName: familyName, givenNames: givenNames, preferredName: preferredName,
            previousFamilyNames: previous, dateOfBirth: dateOfBirth, sex: sexValue,
            addressLine1: address1, addressLine2: address2, town: townValue, postcode: postcodeValue,
            phones: phoneValues, email: emailValue, gpPractice: gp, nextOfKin: kin, keyWorker: keyWorkerValue,
            dateOfDeath: dateOfDeath, alerts: alertValues, accessibleNeeds: needValues))
    }

    static func splitOnce(_ entry: String) -> (String, String?) {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return (trimmed, nil) }
        let tail = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces), tail.isEmpty ? nil : tail)
    }

    /// Letters of any script with spaces, hyphens, apostrophes and full stops, and at least one letter.
    public static func isName(_ text: String) -> Bool {
        var letters = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic { letters += 1; continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            // Apostrophes and hyphens as word processors type them, and the joiners of Persian and Indic names.
            if " -'.\u{2018}\u{2019}\u{2010}\u{2011}\u{02BC}\u{200C}\u{200D}".unicodeScalars.contains(scalar) { continue }
            return false
        }
        return letters > 0
    }

    public static let hospitalNumberRule = "must be 3 to 20 letters, digits, '-' or '/', with at least one digit"

    public static func isHospitalNumber(_ text: String) -> Bool {
        (3...20).contains(text.count)
            && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "/" }
            && text.contains(where: { $0.isASCII && $0.isNumber })
    }

    static let plainTextRule = "must not contain control or invisible formatting characters (tabs, line breaks, direction overrides)"

    /// Text without control characters, invisible format characters (bidi
    /// overrides, zero-width) or line and paragraph separators.
    static func isPlainText(_ text: String) -> Bool {
        !text.unicodeScalars.contains { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
              !parts[1].hasSuffix("."), text.count <= 254 else { return false }
        return !text.contains(where: { $0.isWhitespace }) && isPlainText(text)
    }
}

extension Patient {
    /// The names of the fields (snake_case) that differ between two versions of a
    /// record: what an edit's audit row lists. Values are never written to the audit.
    public func changedFields(from old: Patient) -> [String] {
        var changed: [String] = []
        func check<T: Equatable>(_ name: String, _ a: T, _ b: T) { if a != b { changed.append(name) } }
        check("mrn", mrn, old.mrn)
        check("nhs_number", nhsNumber, old.nhsNumber)
        check("nhs_number_status", nhsNumberStatus, old.nhsNumberStatus)
        check("title", title, old.title)
        check("family_name", familyName, old.familyName)
        check("given_names", givenNames, old.givenNames)
        check("preferred_name", preferredName, old.preferredName)
        check("previous_family_names", previousFamilyNames, old.previousFamilyNames)
        check("date_of_birth", dateOfBirth, old.dateOfBirth)
        check("sex", sex, old.sex)
        check("address_line_1", addressLine1, old.addressLine1)
        check("address_line_2", addressLine2, old.addressLine2)
        check("town", town, old.town)
        check("postcode", postcode, old.postcode)
        check("phones", phones, old.phones)
        check("email", email, old.email)
        check("gp_practice", gpPractice, old.gpPractice)
        check("next_of_kin", nextOfKin, old.nextOfKin)
        check("key_worker", keyWorker, old.keyWorker)
        check("date_of_death", dateOfDeath, old.dateOfDeath)
        check("alerts", alerts, old.alerts)
        check("accessible_needs", accessibleNeeds, old.accessibleNeeds)
        return changed
    }
}
