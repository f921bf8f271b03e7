import Foundation
import Testing
import FrontDeskDomain
import FrontDeskStore
import FrontDeskUI

/// Tue 24-Nov-2026 09:41 in London (GMT in winter): the instant every test lives at.
let testNow = Date(timeIntervalSince1970: 1_795_513_260)
let testUser = ActingUser(login: "clerk1")
/// The desk's user in a harness made for a role other than manager.
let deskUser = ActingUser(login: "desk2")
/// The test user is the database's manager: every permission, so F11 (the audit trail) is offered.
let testSession = SessionInfo(user: "clerk1", databaseLabel: "DEMO", permissions: StaffRole.manager.permissions)
let standardSize = Size(width: 80, height: 24)

/// The terminal UI wired to a real `PatientService` on a fresh in-memory
/// database, seeded with known patients. Keys go to `AppState.update`, and the
/// effects it returns are run at once through `DeskServices.perform`, their
/// answers fed back, until nothing is left to do — so a test reads like a
/// clerk at the keyboard. Searches can be held back (`holdSearches`) and
/// answered later in any order, to test that a superseded answer is dropped.
final class Harness {
    var state: AppState
    let database: AppDatabase
    let store: PatientStore
    let service: PatientService
    let settings: SettingsService
    let services: PatientDesk
    let access: AccessControl
    /// The diary and appointments, at `testNow`.
    let booking: BookingService
    let diary: DiaryService
    /// The staff and teams (the test user is the database's first manager).
    let staff: StaffService
    /// Appointments made by `seedClinic()`, by the family name of the patient (and "past" for Smith's past one).
    private(set) var appointments: [String: Int64] = [:]

    /// When true, search effects are kept in `heldSearches` until `deliver`.
    var holdSearches = false
    private(set) var heldSearches: [Effect] = []
    /// Every effect `update` returned, in order.
    private(set) var issued: [Effect] = []
    /// True once `update` asked to quit.
    private(set) var quitRequested = false
    /// The seeded patients, by family name as stored.
    private(set) var seeded: [String: Patient] = [:]

    /// `role`: the desk's user is `testUser` (the database's manager), or for
    /// another role a second member of staff, `deskUser`, with that role.
    init(size: Size = standardSize, seed: Bool = true, role: StaffRole = .manager) throws {
        database = try AppDatabase.empty()
        store = PatientStore(database, clock: FixedClock(testNow))
        let access = AccessControl(staff: StaffStore(database, clock: FixedClock(testNow)))
        service = PatientService(patients: store, audit: store, access: access, clock: FixedClock(testNow))
        let staff = StaffService(access: access, audit: store, clock: FixedClock(testNow))
        self.staff = staff
        _ = try staff.initialise(as: testUser, displayName: "Test Clerk")
        var user = testUser
        if role != .manager {
            user = deskUser
            _ = try staff.add(login: user.login, displayName: "Desk User", role: role, teams: [], by: testUser)
        }
        settings = SettingsService(access: access, settings: SettingsStore(database, clock: FixedClock(testNow)), clock: FixedClock(testNow))
        self.access = access
        booking = BookingService(booking: BookingStore(database, clock: FixedClock(testNow)), access: access, clock: FixedClock(testNow))
        diary = DiaryService(diary: DiaryStore(database, clock: FixedClock(testNow)), access: access, clock: FixedClock(testNow))
        services = PatientDesk(service: service, user: user, settings: settings, authenticator: FakeAuthenticator(),
                               booking: booking, diary: diary)
        state = AppState(size: size, session: SessionInfo(user: user.login, databaseLabel: testSession.databaseLabel,
                                                          permissions: role.permissions), now: testNow)
        if seed { try seedKnownPatients() }
    }

    // MARK: Seed

    /// Names people really have, drawn exactly: apostrophes, hyphens, accents,
    /// a name in Chinese characters, and a Smith with everything that must not be missed.
    private func seedKnownPatients() throws {
        try add("O'Brien", "Patrick", "01/02/1950", title: "Mr", postcode: "L1 8JQ")
        try add("Smith-Jones", "Mary", "15/06/1972", title: "Mrs", postcode: "CH41 5LH")
        try add("Evans", "Siân", "30/09/1988", title: "Ms", postcode: "LL57 2PW")
        try add("Ó Súilleabháin", "Seán", "17/03/1961", title: "Mr")
        try add("李", "小龙", "27/11/1940", postcode: "M1 1AE")
        var smith = PatientFields()
        smith.title = "Mr"
        smith.familyName = "Smith"
        smith.givenNames = "John"
        smith.dateOfBirth = "12/03/1956"
        smith.sex = "M"
        smith.nhsNumber = "943 476 5919"
        smith.addressLine1 = "1 Chester Road"
        smith.town = "Bebington"
        smith.postcode = "ch63 4jy"
        smith.phones = ["07700 900123"]
        smith.gpPracticeCode = "N81013"
        smith.gpPracticeName = "Bebington Surgery"
        smith.nextOfKinName = "Mary Smith"
        smith.nextOfKinRelationship = "wife"
        smith.nextOfKinPhone = "0151 496 0000"
        smith.alerts = ["safeguarding_concern:contact social worker first"]
        smith.accessibleNeeds = ["interpreter:Polish", "large_print"]
        try save(smith)
        try add("Smyth", "Jane", "03/03/1980", postcode: "CH63 9AB")
    }

    /// Registers a patient directly through the service (not through the UI).
    @discardableResult
    func add(_ family: String, _ given: String, _ dateOfBirth: String, title: String? = nil,
             postcode: String? = nil, nhs: String? = nil) throws -> Patient {
        var fields = PatientFields()
        fields.familyName = family; fields.givenNames = given; fields.dateOfBirth = dateOfBirth
        fields.title = title; fields.postcode = postcode; fields.nhsNumber = nhs
        return try save(fields)
    }

    @discardableResult
    private func save(_ fields: PatientFields) throws -> Patient {
        let patient = try service.register(fields, by: testUser, acceptLikelyDuplicates: true)
        seeded[patient.familyName] = patient
        return patient
    }

    /// A seeded patient by family name (fails loudly when the seed changed).
    func patient(_ family: String) -> Patient {
        guard let patient = seeded[family] else { fatalError("no seeded patient \(family)") }
        return patient
    }

    // MARK: A clinic

    /// The booking service as it was at another time (to book what is now in the past).
    func booking(at instant: Date) -> BookingService {
        BookingService(booking: BookingStore(database, clock: FixedClock(instant)), access: access, clock: FixedClock(instant))
    }

    /// Today's oncology follow-up clinic at the main site with Dr Okafor
    /// (09:00 to 12:00, 20-minute slots of one place) and a phlebotomy clinic
    /// (09:00 to 10:00, 10-minute slots), from 1-Nov-2026 to the end of
    /// December; booked at 08:00 today: 09:00 Smith (interpreter, alert),
    /// 09:20 O'Brien (hospital transport), 09:40 Evans, 10:00 Smyth, 10:20 李,
    /// 10:40 Smith-Jones (cancelled by the patient), 09:10 phlebotomy
    /// Ó Súilleabháin; and Smith's past follow-up on 17-Nov (attended, outcome 2).
    func seedClinic() throws {
        _ = try diary.addSite(Site(code: "main", name: "Main site"), by: testUser)
        _ = try diary.addSite(Site(code: "hub_north", name: "North hub"), by: testUser)
        _ = try diary.addService(Service(code: "onc_fu", name: "Oncology follow-up", defaultMinutes: 20, attendance: .followUp), by: testUser)
        _ = try diary.addService(Service(code: "phlebotomy", name: "Phlebotomy", defaultMinutes: 10, attendance: .followUp), by: testUser)
        _ = try diary.addClinician(Clinician(code: "dr_okafor", name: "Dr Okafor", role: .consultant), by: testUser)
        _ = try diary.addClinician(Clinician(code: "nurse_lee", name: "Sister Lee", role: .phlebotomist), by: testUser)
        _ = try booking.addTemplate(SessionTemplateFields(service: "onc_fu", site: "main", clinician: "dr_okafor", days: "mon-fri",
                                                          start: "09:00", end: "12:00", slotMinutes: "20", validFrom: "01/11/2026"),
                                    by: testUser)
        _ = try booking.addTemplate(SessionTemplateFields(service: "phlebotomy", site: "main", clinician: "nurse_lee", days: "mon-fri",
                                                          start: "09:00", end: "10:00", slotMinutes: "10", validFrom: "01/11/2026"),
                                    by: testUser)
        _ = try booking.generateSessions(from: LocalDate(year: 2026, month: 11, day: 1)!, to: LocalDate(year: 2026, month: 12, day: 31)!,
                                         by: testUser)
        // Smith's past appointment: booked on 10-Nov for 17-Nov, seen, outcome 2.
        let earlier = booking(at: testNow.addingTimeInterval(-14 * 86_400))
        let lastWeek = LocalDate(year: 2026, month: 11, day: 17)!
        let pastSlot = try #require(try earlier.slots(SlotQuery(serviceCode: "onc_fu", from: lastWeek, limit: 1), by: testUser).first)
        let past = try earlier.book(BookingRequest(patient: patient("Smith").mrn, slotID: pastSlot.id), by: testUser).appointment
        _ = try booking.attend(appointmentID: past.id, by: testUser)
        _ = try booking.recordOutcome(appointmentID: past.id, .anotherAppointmentGiven, by: testUser)
        appointments["past"] = past.id
        // Today's, booked at 08:00.
        let morning = booking(at: testNow.addingTimeInterval(-101 * 60))
        func book(_ family: String, _ service: String, _ time: String, transport: TransportNeed = .none, mobility: Mobility? = nil) throws {
            let slots = try morning.slots(SlotQuery(serviceCode: service, from: CentreTime.today(testNow), limit: 30), by: testUser)
            let slot = try #require(slots.first { $0.start.display == time }, "no \(service) slot at \(time)")
            let done = try morning.book(BookingRequest(patient: patient(family).mrn, slotID: slot.id, transport: transport, mobility: mobility),
                                        by: testUser)
            appointments[family] = done.appointment.id
        }
        try book("Smith", "onc_fu", "09:00")
        try book("O'Brien", "onc_fu", "09:20", transport: .hospital, mobility: .wheelchair)
        try book("Evans", "onc_fu", "09:40")
        try book("Smyth", "onc_fu", "10:00")
        try book("李", "onc_fu", "10:20")
        try book("Smith-Jones", "onc_fu", "10:40")
        try book("Ó Súilleabháin", "phlebotomy", "09:10")
        _ = try morning.cancel(appointmentID: appointments["Smith-Jones"]!, by: .patient, reason: .unwell, text: "has a cold",
                               user: testUser)
    }

    /// The appointment booked by `seedClinic()` for a family name, as stored now.
    func appointment(_ family: String) throws -> Appointment {
        guard let id = appointments[family] else { fatalError("no seeded appointment for \(family)") }
        return try booking.show(appointmentID: id, by: testUser).appointment
    }

    /// Selects the clinic list's row of a patient (by family name) with ↓ from the top, as a clerk would.
    func selectClinicRow(_ family: String) {
        guard let id = appointments[family], let index = state.clinicsPane.rows.firstIndex(where: { $0.appointment.id == id }) else {
            fatalError("\(family) is not on the clinic list")
        }
        press(.home)
        for _ in 0..<index { press(.down) }
    }

    // MARK: Driving the UI

    /// Feeds one event and runs every effect it leads to; returns the effects `update` returned.
    @discardableResult
    func send(_ event: Event) -> [Effect] {
        var queue = [event]
        var all: [Effect] = []
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in state.update(next) {
                all.append(effect)
                issued.append(effect)
                switch effect {
                case .quit:
                    quitRequested = true
                case .search where holdSearches:
                    heldSearches.append(effect)
                default:
                    if let answer = services.perform(effect) { queue.append(answer) }
                }
            }
        }
        return all
    }

    /// Feeds one event and runs every effect it leads to through another desk (one with
    /// sequencing or enquiries), as the runtime would; returns the effects `update` returned.
    @discardableResult
    func send(_ event: Event, through desk: PatientDesk) -> [Effect] {
        var queue = [event]
        var all: [Effect] = []
        while !queue.isEmpty {
            for effect in state.update(queue.removeFirst()) {
                all.append(effect)
                if let answer = desk.perform(effect) { queue.append(answer) }
            }
        }
        return all
    }

    /// Presses keys one after another; returns every effect they led to.
    @discardableResult
    func press(_ keys: Key...) -> [Effect] { keys.flatMap { send(.key($0)) } }

    /// Types text, one `.char` per grapheme.
    @discardableResult
    func type(_ text: String) -> [Effect] { text.flatMap { send(.key(.char($0))) } }

    /// Fills a form: for each value, clears the focused field and types it (nil
    /// leaves the field as it is), then Tab to the next.
    func fill(_ values: [String?]) {
        for value in values {
            if let value {
                press(.end, .ctrl("u"))
                type(value)
            }
            press(.tab)
        }
    }

    func resize(_ width: Int, _ height: Int) { send(.resize(Size(width: width, height: height))) }

    /// Answers the held search of `generation` now (it is removed from the held ones).
    func deliver(generation: Int) {
        guard let index = heldSearches.firstIndex(where: {
            if case .search(let held, _, _) = $0 { return held == generation }
            return false
        }) else { fatalError("no held search of generation \(generation); held: \(heldGenerations)") }
        let effect = heldSearches.remove(at: index)
        if let answer = services.perform(effect) { send(answer) }
    }

    var heldGenerations: [Int] {
        heldSearches.compactMap { if case .search(let generation, _, _) = $0 { return generation }; return nil }
    }

    /// The searches `update` asked for, in order.
    var searches: [(generation: Int, text: String)] {
        issued.compactMap { if case .search(let generation, let text, _) = $0 { return (generation, text) }; return nil }
    }

    // MARK: Looking

    var screen: ScreenBuffer { state.render() }
    var text: String { screen.text }
    var messageLine: String { screen.lines[state.size.height - 2] }

    /// Moves the form's focus to the field called `name` with Tab or Shift-Tab, as a clerk would.
    func goToField(_ name: String) {
        guard let form = state.form, let target = form.fields.firstIndex(where: { $0.name == name }) else {
            fatalError("no form field \(name)")
        }
        let steps = target - form.focus
        for _ in 0..<abs(steps) { press(steps > 0 ? .tab : .backTab) }
    }

    /// Goes to a form field, clears it and types `value`.
    func fill(_ name: String, _ value: String) {
        goToField(name)
        press(.end, .ctrl("u"))
        type(value)
    }

    func patientCount() throws -> Int { try store.count() }

    /// The audit trail of one patient, newest first.
    func auditTrail(_ reference: String) throws -> [AuditEntry] {
        try service.auditTrail(patient: reference, limit: 50, by: testUser)
    }
}

/// A harness with its own desk (sequencing, enquiries): keys through
/// `AppState.update`, effects through that desk.
protocol DeskDriving: AnyObject {
    var h: Harness { get }
    var desk: PatientDesk { get }
}

extension DeskDriving {
    var state: AppState {
        get { h.state }
        set { h.state = newValue }
    }
    @discardableResult
    func send(_ event: Event) -> [Effect] { h.send(event, through: desk) }
    @discardableResult
    func press(_ keys: Key...) -> [Effect] { keys.flatMap { send(.key($0)) } }
    func type(_ text: String) { for c in text { send(.key(.char(c))) } }
    var screen: ScreenBuffer { h.state.render() }
    var text: String { screen.text }
}

extension Harness {
    /// The desk of this harness's user with sequencing, enquiries or the checklist added.
    func desk(role: StaffRole, sequence: SequenceService? = nil, enquiries: EnquiryService? = nil,
              checklist: ChecklistService? = nil, checklistExport: ChecklistExport? = nil,
              caseNotes: CaseNoteService? = nil) -> PatientDesk {
        PatientDesk(service: service, user: role == .manager ? testUser : deskUser, settings: settings,
                    authenticator: FakeAuthenticator(), booking: booking, diary: diary, sequence: sequence, enquiries: enquiries,
                    checklist: checklist, checklistExport: checklistExport, caseNotes: caseNotes)
    }
}

