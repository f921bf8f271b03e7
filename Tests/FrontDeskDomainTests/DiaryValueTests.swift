import Testing
@testable import FrontDeskDomain

/// The fields named in a failed validation, in order ([] when it succeeded).
func diaryFailedFields<T>(_ result: Result<T, ValidationError>) -> [String] {
    if case .failure(let error) = result { return error.errors.map(\.field) }
    return []
}

func diaryFailure<T>(_ result: Result<T, ValidationError>) -> ValidationError? {
    if case .failure(let error) = result { return error }
    return nil
}

@Suite("Diary: codes, sites, services and clinicians")
struct DiaryValueTests {
    @Test("codes accepted", arguments: ["main", "onc_new", "linac-2", "hub-north", "dr_patel", "ab", "a1",
                                         String(repeating: "a", count: 40)])
    func codesAccepted(code: String) {
        #expect(DiaryCode.isCode(code))
    }

    @Test("codes refused", arguments: ["", "a", "1main", "_main", "-main", "Main", "on c", "onc.new", "onc/new", "café",
                                        String(repeating: "a", count: 41), "main\t", "ｍａｉｎ"])
    func codesRefused(code: String) {
        #expect(!DiaryCode.isCode(code))
    }

    @Test func siteAcceptedAndNormalised() throws {
        let site = try Site(code: "  Hub-North ", name: " Northern hub ").validated().get()
        #expect(site == Site(code: "hub-north", name: "Northern hub", active: true))
        let inactive = try Site(code: "old", name: "Old wing", active: false).validated().get()
        #expect(!inactive.active)
    }

    @Test("site refusals name the field", arguments: [
        ("", "Main", ["code"]),
        ("m", "Main", ["code"]),
        ("main site", "Main", ["code"]),
        ("main", "", ["name"]),
        ("main", "   ", ["name"]),
        ("main", "Main\u{202E}evil", ["name"]),
        ("main", "Line\nbreak", ["name"]),
        ("main", String(repeating: "x", count: 101), ["name"]),
        ("1", "", ["code", "name"]),
    ])
    func siteRefused(code: String, name: String, fields: [String]) {
        #expect(diaryFailedFields(Site(code: code, name: name).validated()) == fields)
    }

    @Test func siteRuleTexts() {
        let error = diaryFailure(Site(code: "1", name: "").validated())!
        #expect(error.errors[0].reason == DiaryCode.rule)
        #expect(error.errors[1].reason == "is required")
        #expect(error.description.contains("code: must be 2 to 40 lower-case letters"))
    }

    @Test("service minutes", arguments: [(5, true), (480, true), (40, true), (4, false), (0, false), (-10, false), (481, false)])
    func serviceMinutes(minutes: Int, ok: Bool) {
        let result = Service(code: "onc_new", name: "Oncology new patient", defaultMinutes: minutes).validated()
        #expect(diaryFailedFields(result) == (ok ? [] : ["minutes"]))
        if !ok { #expect(diaryFailure(result)!.errors[0].reason == Service.minutesRule) }
    }

    @Test func serviceAllProblemsAtOnce() {
        #expect(diaryFailedFields(Service(code: "ONC NEW", name: "", defaultMinutes: 1000).validated()) == ["code", "name", "minutes"])
    }

    @Test func serviceNormalisedKeepsKinds() throws {
        let service = try Service(code: "ONC_FU_TEL", name: "Oncology telephone follow-up ", defaultMinutes: 15,
                                  attendance: .followUp, mode: .telephone).validated().get()
        #expect(service.code == "onc_fu_tel")
        #expect(service.name == "Oncology telephone follow-up")
        #expect(service.attendance == .followUp)
        #expect(service.mode == .telephone)
    }

    @Test("first attendance codes of the Data Dictionary", arguments: [
        (AttendanceKind.first, ContactMode.faceToFace, 1), (.followUp, .faceToFace, 2),
        (.first, .telephone, 3), (.first, .video, 3), (.followUp, .telephone, 4), (.followUp, .video, 4),
    ])
    func firstAttendanceCode(attendance: AttendanceKind, mode: ContactMode, code: Int) {
        let service = Service(code: "x1", name: "X", defaultMinutes: 10, attendance: attendance, mode: mode)
        #expect(service.firstAttendanceCode == code)
    }

    @Test func exampleServicesOfTheIssueAreValid() throws {
        let names = Service.examples.map(\.name)
        for name in ["Oncology new patient", "Oncology follow-up", "Phlebotomy", "SACT chair", "Radiotherapy planning CT",
                     "Mould room", "Radiotherapy treatment", "Specialist nurse"] {
            #expect(names.contains(name), "\(name)")
        }
        for service in Service.examples {
            #expect(try service.validated().get() == service)
        }
        #expect(Set(Service.examples.map(\.code)).count == Service.examples.count)
        #expect(Service.examples.first { $0.code == "onc_new" }?.attendance == .first)
        #expect(Service.examples.contains { $0.mode == .video })
    }

    @Test("contact modes parsed", arguments: [
        ("face_to_face", ContactMode.faceToFace), ("Face to face", .faceToFace), ("f2f", .faceToFace),
        ("telephone", .telephone), ("PHONE", .telephone), ("video", .video),
    ])
    func contactModes(text: String, mode: ContactMode) {
        #expect(ContactMode(parsing: text) == mode)
    }

    @Test func contactModeRefused() {
        #expect(ContactMode(parsing: "letter") == nil)
        #expect(ContactMode(parsing: "") == nil)
    }

    @Test("clinician roles parsed", arguments: [
        ("consultant", ClinicianRole.consultant), ("Registrar", .registrar), ("specialist_nurse", .specialistNurse),
        ("Specialist nurse", .specialistNurse), ("specialist-nurse", .specialistNurse), ("CNS", .specialistNurse),
        ("nurse", .nurse), ("radiographer", .radiographer), ("phlebotomist", .phlebotomist),
        ("pharmacist", .pharmacist), ("resource", .resource),
    ])
    func rolesParsed(text: String, role: ClinicianRole) {
        #expect(ClinicianRole(parsing: text) == role)
    }

    @Test("clinician roles refused", arguments: ["", "doctor", "chair", "nurses", "consultant oncologist"])
    func rolesRefused(text: String) {
        #expect(ClinicianRole(parsing: text) == nil)
    }

    @Test func everyRoleIsNamedInTheRule() {
        for role in ClinicianRole.allCases { #expect(ClinicianRole.rule.contains(role.rawValue)) }
        #expect(ClinicianRole.resource.isResource)
        #expect(!ClinicianRole.consultant.isResource)
    }

    @Test("clinicians and resources", arguments: [
        ("dr_patel", "Dr A Patel", ClinicianRole.consultant, [String]()),
        ("chair-01", "Chemotherapy chair 1", .resource, []),
        ("LINAC-2", "Linear accelerator 2", .resource, []),
        ("cns_jones", "Sister M Jones", .specialistNurse, []),
        ("", "Dr A Patel", .consultant, ["code"]),
        ("dr patel", "", .consultant, ["code", "name"]),
        ("linac-3", "Linac\t3", .resource, ["name"]),
    ])
    func clinicians(code: String, name: String, role: ClinicianRole, fields: [String]) {
        let result = Clinician(code: code, name: name, role: role).validated()
        #expect(diaryFailedFields(result) == fields)
        if case .success(let clinician) = result {
            #expect(clinician.code == code.lowercased())
            #expect(clinician.role == role)
            #expect(clinician.active)
        }
    }

    @Test("weekday lists", arguments: [
        ("mon,wed,fri", [Weekday.monday, .wednesday, .friday]),
        ("Mon, Wed ,FRI", [.monday, .wednesday, .friday]),
        ("mon-fri", [.monday, .tuesday, .wednesday, .thursday, .friday]),
        ("sat-sun", [.saturday, .sunday]),
        ("tuesday", [.tuesday]),
        ("thurs", [.thursday]),
        ("mon,mon", [.monday]),
        ("mon-wed,fri", [.monday, .tuesday, .wednesday, .friday]),
    ])
    func weekdayLists(text: String, days: [Weekday]) {
        #expect(Weekday.parseList(text) == Set(days))
        #expect(Weekday.listDisplay(Set(days)) == days.map(\.short).joined(separator: ","))
    }

    @Test("weekday lists refused", arguments: ["", " ", "mo", "mon,", "monkey", "fri-mon", "mon-", "mon-wed-fri", "funday", "mon;wed"])
    func weekdayListsRefused(text: String) {
        #expect(Weekday.parseList(text) == nil)
    }
}
