import Testing
@testable import FrontDeskDomain

/// The three required fields, filled unless told otherwise.
private func minimal(family: String? = "Smith", given: String? = "John", dob: String? = "12/03/1956") -> PatientFields {
    var fields = PatientFields()
    fields.familyName = family
    fields.givenNames = given
    fields.dateOfBirth = dob
    return fields
}

@Suite("Patient fields validation")
struct PatientFieldsTests {
    // MARK: helpers

    private func errors(_ result: Result<Patient, ValidationError>) -> [FieldError] {
        if case .failure(let error) = result { return error.errors }
        return []
    }

    private func patient(_ result: Result<Patient, ValidationError>, sourceLocation: SourceLocation = #_sourceLocation) -> Patient? {
        switch result {
        case .success(let patient): return patient
        case .failure(let error):
            Issue.record("expected a patient, got \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// A complete registered record to edit.
    private func baseRecord() throws -> Patient {
        var fields = minimal()
        fields.mrn = "FD000123"
        fields.nhsNumber = "943 476 5919"
        fields.title = "Mr"
        fields.preferredName = "Jack"
        fields.previousFamilyNames = ["Jones"]
        fields.sex = "M"
        fields.addressLine1 = "1 Clatterbridge Road"
        fields.addressLine2 = "Bebington"
        fields.town = "Wirral"
        fields.postcode = "ch63 4jy"
        fields.phones = ["0151 556 5000", "mobile:07700 900123"]
        fields.email = "john.smith@example.org"
        fields.gpPracticeCode = "N81013"
        fields.gpPracticeName = "Spital Surgery"
        fields.nextOfKinName = "Mary Smith"
        fields.nextOfKinRelationship = "wife"
        fields.nextOfKinPhone = "07700 900124"
        fields.keyWorker = "Sister Jones"
        fields.alerts = ["allergy:penicillin"]
        fields.accessibleNeeds = ["large_print"]
        var patient = try #require(try? fields.validated(over: nil, today: today).get())
        patient.id = 42
        return patient
    }

    // MARK: new records

    @Test("A minimal new record")
    func minimalRecord() throws {
        let p = try #require(patient(minimal().validated(over: nil, today: today)))
        #expect(p.familyName == "Smith")
        #expect(p.givenNames == "John")
        #expect(p.dateOfBirth == ymd(1956, 3, 12))
        #expect(p.mrn == "")              // the store assigns the next FD number
        #expect(p.id == nil)
        #expect(p.nhsNumber == nil)
        #expect(p.nhsNumberStatus == .traceRequired)
        #expect(p.sex == .unknown)
        #expect(p.postcode == nil && p.phones.isEmpty && p.alerts.isEmpty && p.accessibleNeeds.isEmpty)
    }

    @Test("Names and text are trimmed and kept exactly as written", arguments: ["Siân", "O'Brien", "Smith-Jones", "Ó Súilleabháin", "李小龙", "St. John", "D\u{2019}Souza"])
    func namesKept(name: String) throws {
        let p = try #require(patient(minimal(family: "  \(name) ", given: name).validated(over: nil, today: today)))
        #expect(p.familyName == name)
        #expect(p.givenNames == name)
    }

    @Test("The required fields missing are each named", arguments: [
        (minimal(family: nil), ["family_name"]),
        (minimal(given: nil), ["given_names"]),
        (minimal(dob: nil), ["date_of_birth"]),
        (minimal(family: "", given: "   "), ["family_name", "given_names"]),
        (PatientFields(), ["family_name", "given_names", "date_of_birth"]),
    ] as [(PatientFields, [String])])
    func required(fields: PatientFields, missing: [String]) {
        let found = errors(fields.validated(over: nil, today: today))
        #expect(found.map(\.field) == missing)
        #expect(found.allSatisfy { $0.reason == "is required" })
    }

    @Test("Several problems are reported at once")
    func severalErrors() {
        var fields = minimal(family: "Sm1th", dob: "31/02/1956")
        fields.nhsNumber = "9434765918"
        fields.postcode = "SWA 1AA"
        fields.email = "not an email"
        fields.sex = "X"
        fields.phones = ["12345"]
        let found = errors(fields.validated(over: nil, today: today))
        #expect(Set(found.map(\.field)) == ["family_name", "date_of_birth", "nhs_number", "postcode", "email", "sex", "phone"])
        #expect(found.count == 7)
        let error = ValidationError(found)
        #expect(error.description.contains("nhs_number: "))
        #expect(error.description.split(separator: "\n").count == 7)
    }

    @Test("Date of birth rules", arguments: [
        ("25/11/2026", "must not be in the future"),
        ("01/01/2030", "must not be in the future"),
        ("31/12/1899", "must not be before 1900"),
        ("01-Jan-1850", "must not be before 1900"),
        ("31/04/1956", "is not a date: type it as \(LocalDate.acceptedFormats)"),
        ("yesterday", "is not a date: type it as \(LocalDate.acceptedFormats)"),
    ])
    func dateOfBirthRefused(text: String, reason: String) {
        #expect(errors(minimal(dob: text).validated(over: nil, today: today)) == [FieldError(field: "date_of_birth", reason: reason)])
    }

    @Test("Date of birth limits accepted", arguments: [("24/11/2026", ymd(2026, 11, 24)), ("01/01/1900", ymd(1900, 1, 1)), ("1956-03-12", ymd(1956, 3, 12))])
    func dateOfBirthAccepted(text: String, date: LocalDate) {
        #expect(patient(minimal(dob: text).validated(over: nil, today: today))?.dateOfBirth == date)
    }

    @Test("Date of death: not before birth, not in the future")
    func dateOfDeath() {
        var fields = minimal()
        fields.dateOfDeath = "11/03/1956"
        #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "date_of_death", reason: "must not be before the date of birth")])
        fields.dateOfDeath = "25/11/2026"
        #expect(errors(fields.validated(over: nil, today: today)).map(\.field) == ["date_of_death"])
        fields.dateOfDeath = "01/11/2026"
        #expect(patient(fields.validated(over: nil, today: today))?.dateOfDeath == ymd(2026, 11, 1))
    }

    @Test("Bad NHS numbers are named and explained", arguments: [
        ("9434765918", NHSNumber.Problem.wrongCheckDigit), ("1234567890", .checkDigitTen), ("1111111111", .repeatedDigits),
        ("0000000000", .repeatedDigits), ("943476591", .wrongLength(9)), ("94347659A9", .notDigits),
    ])
    func badNHSNumber(text: String, problem: NHSNumber.Problem) {
        var fields = minimal()
        fields.nhsNumber = text
        #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "nhs_number", reason: problem.reason)])
    }

    @Test("A valid NHS number is stored as digits and marked present, not traced")
    func goodNHSNumber() throws {
        var fields = minimal()
        fields.nhsNumber = " 943-476-5919 "
        let p = try #require(patient(fields.validated(over: nil, today: today)))
        #expect(p.nhsNumber?.digits == "9434765919")
        #expect(p.nhsNumberStatus == .presentNotTraced)
    }

    @Test("Postcodes are normalised; bad ones are named with the rule")
    func postcode() {
        var fields = minimal()
        fields.postcode = "ch634jy"
        #expect(patient(fields.validated(over: nil, today: today))?.postcode?.value == "CH63 4JY")
        fields.postcode = "SWA 1AA"
        #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "postcode", reason: Postcode.rule)])
    }

    @Test("Sex codes", arguments: [
        ("F", Sex.female), ("f", .female), ("female", .female), ("M", .male), ("Male", .male), ("U", .unknown),
        ("unknown", .unknown), ("not known", .unknown), ("O", .other), ("other", .other), (" F ", .female),
    ])
    func sex(text: String, sex: Sex) {
        var fields = minimal()
        fields.sex = text
        #expect(patient(fields.validated(over: nil, today: today))?.sex == sex)
    }

    @Test("Unknown sex codes are refused", arguments: ["X", "woman", "1", "FM"])
    func badSex(text: String) {
        var fields = minimal()
        fields.sex = text
        #expect(errors(fields.validated(over: nil, today: today)).map(\.field) == ["sex"])
    }

    @Test("Sex letters")
    func sexLetters() {
        #expect(Sex.allCases.map(\.letter) == ["F", "M", "O", "U"])
    }

    @Test("An interpreter need requires its language", arguments: [["interpreter"], ["interpreter:"], ["Interpreter : "]])
    func interpreterWithoutLanguage(needs: [String]) {
        var fields = minimal()
        fields.accessibleNeeds = needs
        let found = errors(fields.validated(over: nil, today: today))
        #expect(found.map(\.field) == ["accessible_needs"])
        #expect(found.first?.reason.contains("language") == true)
    }

    @Test("Accessible needs parse kind and language")
    func accessibleNeeds() throws {
        var fields = minimal()
        fields.accessibleNeeds = ["interpreter:Polish", "Large-Print", "bsl_interpreter", " "]
        let p = try #require(patient(fields.validated(over: nil, today: today)))
        #expect(p.accessibleNeeds == [
            AccessibleNeed(kind: .spokenLanguageInterpreter, language: "Polish"),
            AccessibleNeed(kind: .largePrint), AccessibleNeed(kind: .bslInterpreter),
        ])
        #expect(p.accessibleNeeds[0].label == "Polish interpreter")
        #expect(p.accessibleNeeds[0].kind.group == .communicationProfessional)
        #expect(p.accessibleNeeds[1].kind.group == .informationFormat)
    }

    @Test("Only an interpreter takes a language; unknown needs are refused", arguments: [["large_print:big"], ["telepathy"]])
    func badNeeds(needs: [String]) {
        var fields = minimal()
        fields.accessibleNeeds = needs
        #expect(errors(fields.validated(over: nil, today: today)).map(\.field) == ["accessible_needs"])
    }

    @Test("Alerts parse kind and note")
    func alerts() throws {
        var fields = minimal()
        fields.alerts = ["safeguarding-concern:see notes", "allergy", "aggression_history"]
        let p = try #require(patient(fields.validated(over: nil, today: today)))
        #expect(p.alerts == [PatientAlert(kind: .safeguardingConcern, note: "see notes"), PatientAlert(kind: .allergy),
                             PatientAlert(kind: .aggressionHistory)])
        fields.alerts = ["grumpy"]
        #expect(errors(fields.validated(over: nil, today: today)).map(\.field) == ["alerts"])
    }

    @Test("Names must be letters with spaces, hyphens, apostrophes and full stops", arguments: ["Sm1th", "Smith!", "---", "J@ne", "'", "Smith\u{7}"])
    func badNames(name: String) {
        #expect(errors(minimal(family: name).validated(over: nil, today: today)) == [FieldError(field: "family_name", reason: PatientFields.nameRule)])
        #expect(errors(minimal(given: name).validated(over: nil, today: today)) == [FieldError(field: "given_names", reason: PatientFields.nameRule)])
    }

    @Test("Length limits")
    func lengths() {
        #expect(errors(minimal(family: String(repeating: "a", count: 101)).validated(over: nil, today: today))
            == [FieldError(field: "family_name", reason: "must be at most 100 characters")])
        #expect(patient(minimal(family: String(repeating: "a", count: 100)).validated(over: nil, today: today)) != nil)
        var fields = minimal()
        fields.title = String(repeating: "a", count: 36)
        #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "title", reason: "must be at most 35 characters")])
        fields.title = nil
        fields.town = String(repeating: "a", count: 61)
        #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "town", reason: "must be at most 60 characters")])
        fields.town = "Wirral\u{1}"
        #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "town", reason: "must not contain control or invisible formatting characters (tabs, line breaks, direction overrides)")])
    }

    @Test("Hospital numbers", arguments: [("FD000123", true), ("RX-12/3", true), ("123", true), ("AB", false), ("ABCDEF", false),
                                          ("FD 123", false), (String(repeating: "1", count: 21), false), ("FD_123", false)])
    func hospitalNumbers(text: String, valid: Bool) {
        #expect(PatientFields.isHospitalNumber(text) == valid)
        var fields = minimal()
        fields.mrn = text
        if valid {
            #expect(patient(fields.validated(over: nil, today: today))?.mrn == text)
        } else {
            #expect(errors(fields.validated(over: nil, today: today)) == [FieldError(field: "mrn", reason: PatientFields.hospitalNumberRule)])
        }
    }

    @Test("Phones: key, kind, as typed")
    func phones() throws {
        var fields = minimal()
        fields.phones = ["0151 556 5000", "07700 900123", "work: +44 20 7946 0000", "Other:+353 1 234 5678", " "]
        let p = try #require(patient(fields.validated(over: nil, today: today)))
        #expect(p.phones == [
            PatientPhone(number: "0151 556 5000", key: "01515565000", kind: .home),
            PatientPhone(number: "07700 900123", key: "07700900123", kind: .mobile),
            PatientPhone(number: "+44 20 7946 0000", key: "02079460000", kind: .work),
            PatientPhone(number: "+353 1 234 5678", key: "+35312345678", kind: .other),
        ])
    }

    @Test("Bad phones are named", arguments: ["12345", "pager:0151 556 5000", "mobile:", "mobile:abc"])
    func badPhones(entry: String) {
        var fields = minimal()
        fields.phones = [entry]
        #expect(errors(fields.validated(over: nil, today: today)).map(\.field) == ["phone"])
    }

    // Was a bug: the mobile guess looks at the text as typed, so "+44 7700 900123"
    // (the usual written international form, with a space after +44) is filed as home.
    @Test("UK mobiles are recognised however they are typed", arguments: ["+447700900123", "+44 7700 900123", "0044 7700 900123", "+44 (0)7700 900123"])
    func mobileGuess(number: String) throws {
        var fields = minimal()
        fields.phones = [number]
        let p = try #require(patient(fields.validated(over: nil, today: today)))
        #expect(p.phones.first?.key == "07700900123")
        #expect(p.phones.first?.kind == .mobile)
    }

    @Test("Email, GP practice and next of kin rules")
    func otherFields() throws {
        var fields = minimal()
        fields.email = "a@b"
        #expect(errors(fields.validated(over: nil, today: today)).map(\.field) == ["email"])
        fields.email = "a.b@nhs.net"
        fields.gpPracticeCode = "n81013"
        fields.nextOfKinName = "Mary Smith"
        fields.nextOfKinPhone = "0151 556 5000"
        let p = try #require(patient(fields.validated(over: nil, today: today)))
        #expect(p.email == "a.b@nhs.net")
        #expect(p.gpPractice == GPPractice(code: "N81013", name: nil))
        #expect(p.nextOfKin == NextOfKin(name: "Mary Smith", relationship: nil, phone: "0151 556 5000"))

        var bad = minimal()
        bad.gpPracticeCode = "81013"
        bad.nextOfKinPhone = "12345"
        bad.nextOfKinRelationship = "wife"
        #expect(Set(errors(bad.validated(over: nil, today: today)).map(\.field)) == ["gp_practice_code", "next_of_kin_phone", "next_of_kin_name"])
        var nameOnly = minimal()
        nameOnly.gpPracticeName = "Spital Surgery"
        #expect(errors(nameOnly.validated(over: nil, today: today)) == [FieldError(field: "gp_practice_code", reason: "is required when a GP practice name is given")])
    }

    // MARK: edits

    @Test("An empty edit changes nothing")
    func emptyEdit() throws {
        let base = try baseRecord()
        #expect(PatientFields().isEmpty)
        let edited = try #require(patient(PatientFields().validated(over: base, today: today)))
        #expect(edited == base)
        #expect(edited.changedFields(from: base) == [])
    }

    @Test("An edit changes only the fields given")
    func editChangesOnlyGiven() throws {
        let base = try baseRecord()
        var edit = PatientFields()
        edit.town = "Birkenhead"
        edit.postcode = "ch41 5ew"
        let edited = try #require(patient(edit.validated(over: base, today: today)))
        var expected = base
        expected.town = "Birkenhead"
        expected.postcode = Postcode("CH41 5EW")
        #expect(edited == expected)
        #expect(edited.id == 42)
        #expect(edited.changedFields(from: base) == ["town", "postcode"])
    }

    @Test("An empty string clears an optional field")
    func emptyClears() throws {
        let base = try baseRecord()
        var edit = PatientFields()
        edit.title = ""
        edit.preferredName = " "
        edit.town = ""
        edit.postcode = ""
        edit.email = ""
        edit.phones = []
        edit.keyWorker = ""
        edit.accessibleNeeds = []
        edit.sex = ""
        let edited = try #require(patient(edit.validated(over: base, today: today)))
        #expect(edited.title == nil)
        #expect(edited.preferredName == nil)
        #expect(edited.town == nil)
        #expect(edited.postcode == nil)
        #expect(edited.email == nil)
        #expect(edited.phones == [])
        #expect(edited.keyWorker == nil)
        #expect(edited.accessibleNeeds == [])
        #expect(edited.sex == .unknown)
        #expect(edited.addressLine1 == base.addressLine1)
        #expect(edited.changedFields(from: base) == ["title", "preferred_name", "sex", "town", "postcode", "phones", "email", "key_worker", "accessible_needs"])
    }

    @Test("Clearing the NHS number needs a trace; GP and next of kin can be cleared")
    func clearingGroups() throws {
        let base = try baseRecord()
        var edit = PatientFields()
        edit.nhsNumber = ""
        edit.gpPracticeCode = ""
        edit.gpPracticeName = ""
        edit.nextOfKinName = ""
        edit.nextOfKinRelationship = ""
        edit.nextOfKinPhone = ""
        let edited = try #require(patient(edit.validated(over: base, today: today)))
        #expect(edited.nhsNumber == nil)
        #expect(edited.nhsNumberStatus == .traceRequired)
        #expect(edited.gpPractice == nil)
        #expect(edited.nextOfKin == nil)
        #expect(edited.changedFields(from: base) == ["nhs_number", "nhs_number_status", "gp_practice", "next_of_kin"])
    }

    @Test("Required fields cannot be cleared by an edit, nor the hospital number")
    func requiredNotCleared() throws {
        let base = try baseRecord()
        var edit = PatientFields()
        edit.familyName = ""
        edit.givenNames = " "
        edit.dateOfBirth = ""
        edit.mrn = ""
        #expect(errors(edit.validated(over: base, today: today)) == [
            FieldError(field: "family_name", reason: "is required"),
            FieldError(field: "given_names", reason: "is required"),
            FieldError(field: "date_of_birth", reason: "is required"),
            FieldError(field: "mrn", reason: "cannot be removed"),
        ])
    }

    @Test("Changing the NHS number resets its status; giving the same number keeps it")
    func nhsStatusOnEdit() throws {
        var base = try baseRecord()
        base.nhsNumberStatus = .presentVerified
        var same = PatientFields()
        same.nhsNumber = "9434765919"
        let kept = try #require(patient(same.validated(over: base, today: today)))
        #expect(kept.nhsNumberStatus == .presentVerified)
        #expect(kept.changedFields(from: base) == [])
        var other = PatientFields()
        other.nhsNumber = "401 023 2137"
        let changed = try #require(patient(other.validated(over: base, today: today)))
        #expect(changed.nhsNumber?.digits == "4010232137")
        #expect(changed.nhsNumberStatus == .presentNotTraced)
        #expect(changed.changedFields(from: base) == ["nhs_number", "nhs_number_status"])
    }

    @Test("An invalid edit keeps nothing half-done: every problem is reported")
    func invalidEdit() throws {
        let base = try baseRecord()
        var edit = PatientFields()
        edit.town = "Birkenhead"
        edit.postcode = "not a postcode"
        edit.dateOfBirth = "01/01/2027"
        let found = errors(edit.validated(over: base, today: today))
        #expect(found.map(\.field) == ["date_of_birth", "postcode"])
    }

    @Test("changedFields lists every changed field by its snake_case name")
    func changedFields() throws {
        let base = try baseRecord()
        var changed = base
        changed.mrn = "FD999"
        changed.familyName = "Smyth"
        changed.givenNames = "Jon"
        changed.previousFamilyNames = []
        changed.dateOfBirth = ymd(1956, 3, 13)
        changed.addressLine1 = "2 Clatterbridge Road"
        changed.addressLine2 = nil
        changed.gpPractice = GPPractice(code: "N81014", name: nil)
        changed.nextOfKin = nil
        changed.dateOfDeath = ymd(2026, 1, 1)
        changed.alerts = []
        #expect(changed.changedFields(from: base) == [
            "mrn", "family_name", "given_names", "previous_family_names", "date_of_birth", "address_line_1",
            "address_line_2", "gp_practice", "next_of_kin", "date_of_death", "alerts",
        ])
        #expect(base.changedFields(from: changed).count == 11)
        #expect(base.changedFields(from: base) == [])
    }

    @Test("The base record as built by the helper is what was typed")
    func baseRecordContents() throws {
        let base = try baseRecord()
        #expect(base.mrn == "FD000123")
        #expect(base.title == "Mr" && base.preferredName == "Jack" && base.previousFamilyNames == ["Jones"])
        #expect(base.sex == .male)
        #expect(base.postcode?.value == "CH63 4JY")
        #expect(base.phones.map(\.kind) == [.home, .mobile])
        #expect(base.gpPractice == GPPractice(code: "N81013", name: "Spital Surgery"))
        #expect(base.nextOfKin == NextOfKin(name: "Mary Smith", relationship: "wife", phone: "07700 900124"))
        #expect(base.alerts == [PatientAlert(kind: .allergy, note: "penicillin")])
        #expect(base.nhsNumberStatus == .presentNotTraced)
    }
}

@Suite("Free-text fields have limits")
struct FreeTextLimitTests {
    static func fields(_ number: Int) -> PatientFields {
        var f = PatientFields()
        f.familyName = "Smith"; f.givenNames = "John"; f.dateOfBirth = "12/03/1956"
        switch number {
        case 0: f.nextOfKinName = "Ann Jones"; f.nextOfKinRelationship = String(repeating: "x", count: 51)
        case 1: f.nextOfKinName = "Ann Jones"; f.nextOfKinRelationship = "wife\tand carer"
        case 2: f.nextOfKinName = String(repeating: "a", count: 101)
        case 3: f.gpPracticeCode = "N81013"; f.gpPracticeName = "Church\tRoad"
        case 4: f.alerts = ["other:" + String(repeating: "n", count: 201)]
        case 5: f.accessibleNeeds = ["interpreter:Pol\tish"]
        default: f.accessibleNeeds = ["interpreter:" + String(repeating: "a", count: 41)]
        }
        return f
    }

    @Test("Over-long or control-character values are refused, naming the field", arguments: [
        (0, "next_of_kin_relationship"), (1, "next_of_kin_relationship"), (2, "next_of_kin_name"),
        (3, "gp_practice_name"), (4, "alerts"), (5, "accessible_needs"), (6, "accessible_needs"),
    ])
    func limits(number: Int, field: String) {
        guard case .failure(let error) = Self.fields(number).validated(over: nil, today: LocalDate(year: 2026, month: 11, day: 24)!) else {
            Issue.record("expected \(field) to be refused"); return
        }
        #expect(error.errors.map(\.field) == [field])
    }
}

@Suite("Review findings")
struct ReviewFindingTests {
    static let today = LocalDate(year: 2026, month: 11, day: 24)!
    static func base() -> PatientFields {
        var f = PatientFields()
        f.familyName = "Smith"; f.givenNames = "John"; f.dateOfBirth = "12/03/1956"
        return f
    }
    static func fields(_ result: Result<Patient, ValidationError>) -> [String] {
        if case .failure(let e) = result { return e.errors.map(\.field) }
        return []
    }

    @Test func aHospitalNumberThatIsAValidNHSNumberIsRefused() {
        var f = Self.base(); f.mrn = "4010232137"
        #expect(Self.fields(f.validated(over: nil, today: Self.today)) == ["mrn"])
        f.mrn = "4010232138"   // fails Modulus 11: an ordinary number
        #expect(Self.fields(f.validated(over: nil, today: Self.today)).isEmpty)
    }

    @Test func invisibleFormattingIsRefusedInFreeTextAndEmail() {
        var f = Self.base(); f.addressLine1 = "12 Church\u{202E} Road"
        #expect(Self.fields(f.validated(over: nil, today: Self.today)) == ["address_line_1"])
        f = Self.base(); f.email = "a\u{1B}[2Jb@example.org"
        #expect(Self.fields(f.validated(over: nil, today: Self.today)) == ["email"])
    }

    @Test func namesAsWordProcessorsTypeThemAreAccepted() {
        for name in ["O\u{2018}Brien", "Smith\u{2011}Jones", "Mehr\u{200C}dad"] {
            var f = Self.base(); f.familyName = name
            #expect(Self.fields(f.validated(over: nil, today: Self.today)).isEmpty, "\(name)")
        }
    }

    @Test func aGPCodeNeedsAnASCIILetterAndAMonthNeedsDigits() {
        var f = Self.base(); f.gpPracticeCode = "É81013"
        #expect(Self.fields(f.validated(over: nil, today: Self.today)) == ["gp_practice_code"])
        #expect(LocalDate.parse("12/+3/1956") == nil)
        #expect(LocalDate(iso: "1956-03-12") == LocalDate(year: 1956, month: 3, day: 12))
        #expect(LocalDate(iso: "12/03/1956") == nil)
    }
}
