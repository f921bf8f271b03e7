import Foundation
import FrontDeskDomain
import FrontDeskStore

/// 24-Nov-2026 09:41 in London (UTC in winter).
let testNow = Date(timeIntervalSince1970: 1_795_513_260)
let clerk = ActingUser(login: "clerk1")

struct Fixture {
    let database: AppDatabase
    let store: PatientStore
    let service: PatientService

    init() throws {
        database = try AppDatabase.empty()
        store = PatientStore(database, clock: FixedClock(testNow))
        let access = AccessControl(staff: StaffStore(database, clock: FixedClock(testNow)))
        service = PatientService(patients: store, audit: store, access: access, clock: FixedClock(testNow))
        // The test user set the database up, so is its manager (may do everything).
        _ = try StaffService(access: access, audit: store, clock: FixedClock(testNow)).initialise(as: clerk, displayName: "Test Clerk")
    }

    var staff: StaffService {
        StaffService(access: service.access, audit: store, clock: FixedClock(testNow))
    }

    /// Adds a member of staff (as the test user, the database's manager).
    func addStaff(_ login: String, _ role: StaffRole, teams: [String] = []) throws {
        _ = try staff.add(login: login, displayName: login.capitalized, role: role, teams: teams, by: clerk)
    }

    /// Registers a patient from a few fields; fails the test on refusal.
    @discardableResult
    func add(_ family: String, _ given: String, _ dob: String = "12/03/1956", nhs: String? = nil, mrn: String? = nil,
             postcode: String? = nil, phone: String? = nil, preferred: String? = nil, previous: [String]? = nil,
             title: String? = nil, confirm: Bool = true) throws -> Patient {
        var f = PatientFields()
        f.familyName = family; f.givenNames = given; f.dateOfBirth = dob; f.nhsNumber = nhs; f.mrn = mrn
        f.postcode = postcode; f.phones = phone.map { [$0] }; f.preferredName = preferred
        f.previousFamilyNames = previous; f.title = title
        return try service.register(f, by: clerk, acceptLikelyDuplicates: confirm)
    }

    func search(_ text: String, limit: Int = 50) throws -> SearchResults {
        try service.search(text, limit: limit, by: clerk)
    }

    /// Family names of the results, in order.
    func families(_ text: String, limit: Int = 50) throws -> [String] {
        try search(text, limit: limit).results.map(\.familyName)
    }
}
