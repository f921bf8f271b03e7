import Foundation
import FrontDeskDomain
import FrontDeskStore

/// A clock the test moves on (the desk's day goes by).
final class MovableClock: Clock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date
    init(_ start: Date) { instant = start }
    var now: Date { lock.lock(); defer { lock.unlock() }; return instant }
    func set(_ date: Date) { lock.lock(); instant = date; lock.unlock() }
    /// Moves to a local date and time at the centre.
    func set(_ day: String, _ time: String) {
        let date = LocalDate(iso: day)!, clock = ClockTime.parse(time)!
        set(CentreTime.startOfDay(date).addingTimeInterval(TimeInterval(clock.minutes * 60)))
    }
}

/// A small centre: one site, oncology follow-up (20-minute slots, one patient
/// each, 09:00–12:00 on weekdays with Dr Adams) and phlebotomy (10-minute
/// slots, two patients each, 09:00–11:00 with a nurse), sessions generated
/// from Mon 23-Nov-2026 to 29-Jan-2027. Now is Tue 24-Nov-2026 09:41.
struct BookingFixture {
    let database: AppDatabase
    let clock: MovableClock
    let patients: PatientService
    let booking: BookingService
    let staff: StaffService
    let manager = clerk

    init(path: String? = nil) throws {
        database = try path.map { try AppDatabase.open(path: $0) } ?? AppDatabase.empty()
        clock = MovableClock(testNow)
        let store = PatientStore(database, clock: clock)
        let access = AccessControl(staff: StaffStore(database, clock: clock))
        patients = PatientService(patients: store, audit: store, access: access, clock: clock)
        booking = BookingService(booking: BookingStore(database, clock: clock), access: access, clock: clock)
        staff = StaffService(access: access, audit: store, clock: clock)
        _ = try? staff.initialise(as: clerk, displayName: "Test Manager")
        let diary = DiaryService(diary: DiaryStore(database, clock: clock), access: access, clock: clock)
        if try diary.sites(by: clerk).isEmpty {
            _ = try diary.addSite(Site(code: "main", name: "Main centre"), by: clerk)
            _ = try diary.addSite(Site(code: "hub", name: "North hub"), by: clerk)
            _ = try diary.addService(Service(code: "onc_fu", name: "Oncology follow-up", defaultMinutes: 20, attendance: .followUp), by: clerk)
            _ = try diary.addService(Service(code: "bloods", name: "Phlebotomy", defaultMinutes: 10, attendance: .followUp), by: clerk)
            _ = try diary.addClinician(Clinician(code: "dr_adams", name: "Dr Adams", role: .consultant), by: clerk)
            _ = try diary.addClinician(Clinician(code: "dr_bell", name: "Dr Bell", role: .consultant), by: clerk)
            _ = try diary.addClinician(Clinician(code: "nurse_cole", name: "Nurse Cole", role: .nurse), by: clerk)
            _ = try booking.addTemplate(SessionTemplateFields(service: "onc_fu", site: "main", clinician: "dr_adams", days: "mon-fri",
                                                              start: "09:00", end: "12:00", slotMinutes: "20", capacity: "1",
                                                              validFrom: "2026-11-23"), by: clerk)
            _ = try booking.addTemplate(SessionTemplateFields(service: "onc_fu", site: "hub", clinician: "dr_bell", days: "wed",
                                                              start: "13:00", end: "15:00", slotMinutes: "20", capacity: "1",
                                                              validFrom: "2026-11-23"), by: clerk)
            _ = try booking.addTemplate(SessionTemplateFields(service: "bloods", site: "main", clinician: "nurse_cole", days: "mon-fri",
                                                              start: "09:00", end: "11:00", slotMinutes: "10", capacity: "2",
                                                              validFrom: "2026-11-23"), by: clerk)
            _ = try booking.generateSessions(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2027-01-29")!, by: clerk)
        }
    }

    func addStaff(_ login: String, _ role: StaffRole) throws {
        _ = try staff.add(login: login, displayName: login.capitalized, role: role, teams: [], by: clerk)
    }

    @discardableResult
    func patient(_ family: String, _ given: String = "Ann", needs: [String]? = nil) throws -> Patient {
        var f = PatientFields()
        f.familyName = family; f.givenNames = given; f.dateOfBirth = "12/03/1956"; f.accessibleNeeds = needs
        f.addressLine1 = "1 High Street"; f.postcode = "CH63 4JY"; f.phones = ["mobile:07700900123"]; f.gpPracticeCode = "N81013"
        return try patients.register(f, by: clerk, acceptLikelyDuplicates: true)
    }

    /// The slot of a service starting at a local date and time.
    func slot(_ service: String, _ day: String, _ time: String, clinician: String? = nil) throws -> Slot {
        let slots = try booking.booking.read { tx in
            try tx.freeSlots(SlotQuery(serviceCode: service, from: LocalDate(iso: day)!, clinicianCode: clinician, limit: 200,
                                       through: LocalDate(iso: day)!))
        }
        guard let slot = slots.first(where: { $0.start == ClockTime.parse(time)! }) else {
            throw BookingError(field: "test", "no free \(service) slot at \(day) \(time)")
        }
        return slot
    }

    func slot(id: Int64) throws -> Slot { try booking.booking.read { try $0.slot(id: id)! } }
    func appointment(_ id: Int64) throws -> Appointment { try booking.booking.read { try $0.appointment(id: id)! } }

    @discardableResult
    func book(_ patient: Patient, _ slot: Slot, by user: ActingUser = clerk, overbook: String? = nil,
              transport: TransportNeed = .none, mobility: Mobility? = nil) throws -> Appointment {
        try booking.book(BookingRequest(patient: patient.mrn, slotID: slot.id, transport: transport, mobility: mobility,
                                        overbookReason: overbook), by: user).appointment
    }

    func tasks(_ patient: Patient, openOnly: Bool = true) throws -> [DeskTask] {
        try booking.tasks(TaskQuery(patientID: patient.id, openOnly: openOnly), by: clerk)
    }

    func auditDetails(_ patient: Patient) throws -> [String] {
        try PatientStore(database, clock: clock).entries(patientID: patient.id, limit: 100).map(\.detail)
    }
}

extension BookingFixture {
    /// Enquiries on the fixture's database and clock (issue 7).
    /// The checklist tests' centre: the fixture plus a SACT chair (pharmacy screening) with Sister Cole,
    /// 13:00–17:00 Monday to Saturday, two places an hour, sessions to 29-Jan-2027; the checklist service.
    func checklistCentre() throws -> ChecklistService {
        let access = AccessControl(staff: StaffStore(database, clock: clock))
        let diary = DiaryService(diary: DiaryStore(database, clock: clock), access: access, clock: clock)
        _ = try diary.addService(Service(code: "sact_chair", name: "SACT chair", defaultMinutes: 60, attendance: .followUp,
                                         pharmacyScreening: true), by: clerk)
        _ = try booking.addTemplate(SessionTemplateFields(service: "sact_chair", site: "main", clinician: "nurse_cole", days: "mon-sat",
                                                          start: "13:00", end: "17:00", slotMinutes: "60", capacity: "2",
                                                          validFrom: "2026-11-23"), by: clerk)
        _ = try booking.generateSessions(from: LocalDate(iso: "2026-11-23")!, to: LocalDate(iso: "2027-01-29")!, by: clerk)
        return ChecklistService(checklist: ChecklistStore(database, clock: clock), access: access, clock: clock)
    }

    func enquiryService() -> EnquiryService {
        EnquiryService(enquiries: EnquiryStore(database, clock: clock), access: AccessControl(staff: StaffStore(database, clock: clock)),
                       clock: clock)
    }

    /// The patient the enquiry tests ring about: Mary Byrne, with a follow-up on Thu 26-Nov 10:20 and hospital transport.
    func enquiryPatient() throws -> Patient {
        let patient = try self.patient("Byrne", "Mary")
        try book(patient, try slot("onc_fu", "2026-11-26", "10:20"), transport: .hospital, mobility: .walking)
        return patient
    }
}
