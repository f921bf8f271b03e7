import Foundation
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// The services of `Fixture`, on an in-memory database or (inMemory = false) a temporary file.
final class AccessFixture: @unchecked Sendable {
    static let inMemory = true

    let database: AppDatabase
    let store: PatientStore
    let service: PatientService
    let staff: StaffService
    private let directory: URL?

    init() throws {
        if Self.inMemory {
            directory = nil
            database = try AppDatabase.empty()
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fd-access-\(UUID().uuidString)")
            directory = dir
            database = try AppDatabase.open(path: dir.appendingPathComponent("frontdesk.sqlite").path)
        }
        store = PatientStore(database, clock: FixedClock(testNow))
        let access = AccessControl(staff: StaffStore(database, clock: FixedClock(testNow)))
        service = PatientService(patients: store, audit: store, access: access, clock: FixedClock(testNow))
        staff = StaffService(access: access, audit: store, clock: FixedClock(testNow))
        // As in Fixture: the test user set the database up, so is its first manager.
        #expect(try staff.initialise(as: clerk, displayName: "Test Clerk"))
    }

    deinit {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Adds a member of staff (as the test user, the database's manager).
    func addStaff(_ login: String, _ role: StaffRole, teams: [String] = []) throws {
        _ = try staff.add(login: login, displayName: login.capitalized, role: role, teams: teams, by: clerk)
    }

    @discardableResult
    func add(_ family: String, _ given: String, _ dob: String) throws -> Patient {
        var f = PatientFields()
        f.familyName = family; f.givenNames = given; f.dateOfBirth = dob
        return try service.register(f, by: clerk, acceptLikelyDuplicates: true)
    }
}

/// Who may do what, through the real services on the store, with the acting
/// user injected (`ActingUser(login:)`), as the executable does.
@Suite("Access control through the services")
struct AccessControlTests {
    // MARK: Operations

    /// Every service operation that is checked, run by `user` on a fixture made by `setUp`.
    enum Op: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case search, open, register, edit, importCSV, seedDemo, auditTrail
        case staffAdd, staffSetRole, staffSetActive, staffSetTeams, addTeam
        case teams, list, members

        var testDescription: String { rawValue }

        /// The permission a refusal must name; nil: any active staff member.
        var permission: Permission? {
            switch self {
            case .search: return .searchPatients
            case .open: return .viewRecord
            case .register, .seedDemo: return .registerPatient
            case .edit: return .editDemographics
            case .importCSV: return .importPatients
            case .auditTrail: return .readAuditReports
            case .staffAdd, .staffSetRole, .staffSetActive: return .manageStaff
            case .staffSetTeams, .addTeam: return .manageTeams
            case .teams, .list, .members: return nil
            }
        }

        /// Reads write nothing at all, not even an audit entry.
        var isRead: Bool { [.search, .auditTrail, .teams, .list, .members].contains(self) }

        func run(_ fx: AccessFixture, as user: ActingUser) throws {
            switch self {
            case .search:
                _ = try fx.service.search("Smith", by: user)
            case .open:
                _ = try fx.service.open(AccessControlTests.patientMRN, by: user)
            case .register:
                var f = PatientFields()
                f.familyName = "Newcomer"; f.givenNames = "Nina"; f.dateOfBirth = "01/02/1980"
                _ = try fx.service.register(f, by: user, acceptLikelyDuplicates: true)
            case .edit:
                var f = PatientFields()
                f.town = "Birkenhead"
                let (_, changed) = try fx.service.edit(AccessControlTests.patientMRN, f, by: user)
                #expect(changed == ["town"])
            case .importCSV:
                let report = try fx.service.importPatients(records: [
                    (line: 1, fields: ["family_name", "given_names", "date_of_birth", "postcode"]),
                    (line: 2, fields: ["Importer", "Ivy", "1970-05-05", "CH63 4JY"]),
                    (line: 3, fields: ["Loader", "Len", "12/06/1981", ""]),
                ], by: user)
                #expect(report.imported == 2)
            case .seedDemo:
                // The service does not ask for a demo database (the command does), so
                // this runs on the in-memory one.
                #expect(try fx.service.seedDemo(count: 3, seed: 7, by: user) == 3)
            case .auditTrail:
                _ = try fx.service.auditTrail(patient: nil, limit: 10, by: user)
            case .staffAdd:
                _ = try fx.staff.add(login: "newbie", displayName: "New Person", role: .clerk, teams: ["front_desk"], by: user)
            case .staffSetRole:
                _ = try fx.staff.setRole(AccessControlTests.target, to: .officer, by: user)
            case .staffSetActive:
                _ = try fx.staff.setActive(AccessControlTests.target, false, by: user)
            case .staffSetTeams:
                _ = try fx.staff.setTeams(AccessControlTests.target, ["pharmacy"], by: user)
            case .addTeam:
                _ = try fx.staff.addTeam(code: "day_unit", name: "Oncology day unit", by: user)
            case .teams:
                #expect(try fx.staff.teams(by: user).count == Team.standard.count)
            case .list:
                #expect(try fx.staff.list(by: user).contains { $0.login == "clerk1" })
            case .members:
                #expect(try fx.staff.members(of: "front_desk", by: user).contains { $0.login == "clerk1" })
            }
        }
    }

    static let patientMRN = "FD0000001"
    /// A clerk whose role, activity and teams the staff operations change.
    static let target = "target"

    /// A fixture with one patient, the target clerk and `actor` in `role`.
    static func setUp(actor: String? = nil, _ role: StaffRole = .clerk) throws -> AccessFixture {
        let fx = try AccessFixture()
        let patient = try fx.add("Smith", "John", "12/03/1956")
        #expect(patient.mrn == patientMRN)
        try fx.addStaff(target, .clerk)
        if let actor { try fx.addStaff(actor, role) }
        return fx
    }

    /// Everything an operation could write.
    struct Snapshot: Equatable {
        var patients: Int
        var audit: [AuditEntry]
        var staff: [StaffMember]
        var teams: [Team]
        var patient: Patient?
    }

    static func snapshot(_ fx: AccessFixture) throws -> Snapshot {
        let staff = StaffStore(fx.database, clock: FixedClock(testNow))
        return Snapshot(patients: try fx.store.count(), audit: try fx.store.entries(patientID: nil, limit: 100_000),
                        staff: try staff.allStaff(), teams: try staff.teams(),
                        patient: try fx.store.find(reference: patientMRN))
    }

    static func accessError(_ body: () throws -> Void) -> AccessError.Kind? {
        do { try body() } catch let error as AccessError { return error.kind } catch { return nil }
        return nil
    }

    // MARK: The table

    struct Case: Sendable, CustomTestStringConvertible {
        var role: StaffRole
        var op: Op
        var allowed: Bool
        var testDescription: String { "\(role.rawValue) \(op.rawValue) \(allowed ? "allowed" : "refused")" }
    }

    /// Written out by hand: who may run each operation.
    static let table: [Case] = [
        Case(role: .clerk, op: .search, allowed: true),
        Case(role: .officer, op: .search, allowed: true),
        Case(role: .manager, op: .search, allowed: true),

        Case(role: .clerk, op: .open, allowed: true),
        Case(role: .officer, op: .open, allowed: true),
        Case(role: .manager, op: .open, allowed: true),

        Case(role: .clerk, op: .register, allowed: true),
        Case(role: .officer, op: .register, allowed: true),
        Case(role: .manager, op: .register, allowed: true),

        Case(role: .clerk, op: .edit, allowed: true),
        Case(role: .officer, op: .edit, allowed: true),
        Case(role: .manager, op: .edit, allowed: true),

        Case(role: .clerk, op: .importCSV, allowed: false),
        Case(role: .officer, op: .importCSV, allowed: true),
        Case(role: .manager, op: .importCSV, allowed: true),

        Case(role: .clerk, op: .seedDemo, allowed: true),
        Case(role: .officer, op: .seedDemo, allowed: true),
        Case(role: .manager, op: .seedDemo, allowed: true),

        Case(role: .clerk, op: .auditTrail, allowed: false),
        Case(role: .officer, op: .auditTrail, allowed: false),
        Case(role: .manager, op: .auditTrail, allowed: true),

        Case(role: .clerk, op: .staffAdd, allowed: false),
        Case(role: .officer, op: .staffAdd, allowed: false),
        Case(role: .manager, op: .staffAdd, allowed: true),

        Case(role: .clerk, op: .staffSetRole, allowed: false),
        Case(role: .officer, op: .staffSetRole, allowed: false),
        Case(role: .manager, op: .staffSetRole, allowed: true),

        Case(role: .clerk, op: .staffSetActive, allowed: false),
        Case(role: .officer, op: .staffSetActive, allowed: false),
        Case(role: .manager, op: .staffSetActive, allowed: true),

        Case(role: .clerk, op: .staffSetTeams, allowed: false),
        Case(role: .officer, op: .staffSetTeams, allowed: false),
        Case(role: .manager, op: .staffSetTeams, allowed: true),

        Case(role: .clerk, op: .addTeam, allowed: false),
        Case(role: .officer, op: .addTeam, allowed: false),
        Case(role: .manager, op: .addTeam, allowed: true),

        Case(role: .clerk, op: .teams, allowed: true),
        Case(role: .officer, op: .teams, allowed: true),
        Case(role: .manager, op: .teams, allowed: true),

        Case(role: .clerk, op: .list, allowed: true),
        Case(role: .officer, op: .list, allowed: true),
        Case(role: .manager, op: .list, allowed: true),

        Case(role: .clerk, op: .members, allowed: true),
        Case(role: .officer, op: .members, allowed: true),
        Case(role: .manager, op: .members, allowed: true),
    ]

    @Test func theTableHasEveryRoleAndOperationOnce() {
        var seen = Set<String>()
        for c in Self.table { #expect(seen.insert("\(c.role) \(c.op)").inserted, "twice: \(c.testDescription)") }
        #expect(seen.count == StaffRole.allCases.count * Op.allCases.count)
    }

    @Test("Each role runs what it may and is refused the rest, writing nothing", arguments: table)
    func roleMayOrIsRefused(_ c: Case) throws {
        let actor = ActingUser(login: "actor")
        let fx = try Self.setUp(actor: actor.login, c.role)
        let before = try Self.snapshot(fx)
        if c.allowed {
            try c.op.run(fx, as: actor)
            let after = try Self.snapshot(fx)
            if c.op.isRead {
                #expect(after == before, "a read wrote something")
            } else {
                #expect(after.audit.count > before.audit.count, "no audit entry")
                #expect(after.audit.first?.user == actor.login, "audited as \(after.audit.first?.user ?? "nobody")")
            }
        } else {
            let permission = try #require(c.op.permission, "an any-staff operation cannot be refused by role")
            let kind = Self.accessError { try c.op.run(fx, as: actor) }
            #expect(kind == .missingPermission(permission, role: c.role))
            #expect(try Self.snapshot(fx) == before, "a refused operation wrote something")
        }
    }

    // MARK: Not staff, inactive

    @Test("An unknown login is refused every operation, told who to ask", arguments: Op.allCases)
    func unknownLoginIsRefused(_ op: Op) throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        let kind = Self.accessError { try op.run(fx, as: ActingUser(login: "stranger")) }
        guard case .notStaff(let login, let managers)? = kind else {
            Issue.record("expected notStaff, got \(String(describing: kind))"); return
        }
        #expect(login == "stranger")
        #expect(managers.contains { $0.hasPrefix("clerk1") }, "\(managers)")
        #expect(AccessError(kind!).reason.contains("clerk1"))
        #expect(AccessError(kind!).reason.contains("'stranger'"))
        #expect(try Self.snapshot(fx) == before)
    }

    @Test("A deactivated member is refused every operation", arguments: Op.allCases)
    func deactivatedMemberIsRefused(_ op: Op) throws {
        let fx = try Self.setUp(actor: "leaver", .manager)
        _ = try fx.staff.setActive("leaver", false, by: clerk)
        let before = try Self.snapshot(fx)
        let kind = Self.accessError { try op.run(fx, as: ActingUser(login: "leaver")) }
        guard case .inactive(let login, let managers)? = kind else {
            Issue.record("expected inactive, got \(String(describing: kind))"); return
        }
        #expect(login == "leaver")
        #expect(managers.contains { $0.hasPrefix("clerk1") }, "\(managers)")
        #expect(try Self.snapshot(fx) == before)
    }

    @Test func aReactivatedMemberMayWorkAgain() throws {
        let fx = try Self.setUp(actor: "returner", .clerk)
        let returner = ActingUser(login: "returner")
        _ = try fx.staff.setActive("returner", false, by: clerk)
        #expect(Self.accessError { _ = try fx.staff.whoAmI(returner) } == .inactive(login: "returner", managers: ["clerk1 — Test Clerk"]))
        #expect(Self.accessError { _ = try fx.service.search("Smith", by: returner) } != nil)
        let back = try fx.staff.setActive("returner", true, by: clerk)
        #expect(back.active)
        #expect(try fx.staff.whoAmI(returner).role == .clerk)
        #expect(try fx.service.search("Smith", by: returner).results.count == 1)
        _ = try fx.service.open(Self.patientMRN, by: returner)
    }

    @Test func theManagersNamedAreTheActiveOnes() throws {
        let fx = try Self.setUp(actor: "boss2", .manager)
        try fx.addStaff("boss3", .manager)
        _ = try fx.staff.setActive("boss3", false, by: clerk)
        let kind = Self.accessError { _ = try fx.staff.whoAmI(ActingUser(login: "stranger")) }
        guard case .notStaff(_, let managers)? = kind else { Issue.record("\(String(describing: kind))"); return }
        #expect(managers.contains { $0.hasPrefix("clerk1") })
        #expect(managers.contains { $0.hasPrefix("boss2") })
        #expect(!managers.contains { $0.hasPrefix("boss3") })
        #expect(!managers.contains { $0.hasPrefix("target") })
    }

    // MARK: Last manager

    @Test func theOnlyManagerCannotDemoteOrDeactivateThemselves() throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        for role in [StaffRole.clerk, .officer] {
            #expect(Self.accessError { _ = try fx.staff.setRole("clerk1", to: role, by: clerk) } == .lastManager)
        }
        #expect(Self.accessError { _ = try fx.staff.setActive("clerk1", false, by: clerk) } == .lastManager)
        #expect(try Self.snapshot(fx) == before)
    }

    @Test func anInactiveManagerDoesNotCountAsASecond() throws {
        let fx = try Self.setUp(actor: "boss2", .manager)
        _ = try fx.staff.setActive("boss2", false, by: clerk)
        #expect(Self.accessError { _ = try fx.staff.setRole("clerk1", to: .clerk, by: clerk) } == .lastManager)
        #expect(Self.accessError { _ = try fx.staff.setActive("clerk1", false, by: clerk) } == .lastManager)
    }

    @Test func withASecondManagerTheFirstMayStepDown() throws {
        let fx = try Self.setUp(actor: "boss2", .manager)
        let demoted = try fx.staff.setRole("clerk1", to: .clerk, by: clerk)
        #expect(demoted.role == .clerk)
        // Now a clerk: may no longer manage staff.
        #expect(Self.accessError { _ = try fx.staff.setRole("clerk1", to: .manager, by: clerk) }
                == .missingPermission(.manageStaff, role: .clerk))
        // And boss2 is now the last manager.
        let boss2 = ActingUser(login: "boss2")
        #expect(Self.accessError { _ = try fx.staff.setRole("boss2", to: .officer, by: boss2) } == .lastManager)
    }

    @Test func withASecondManagerTheFirstMayDeactivateThemselves() throws {
        let fx = try Self.setUp(actor: "boss2", .manager)
        let gone = try fx.staff.setActive("clerk1", false, by: clerk)
        #expect(!gone.active)
        #expect(Self.accessError { _ = try fx.service.search("Smith", by: clerk) } != nil)
        let boss2 = ActingUser(login: "boss2")
        #expect(Self.accessError { _ = try fx.staff.setActive("boss2", false, by: boss2) } == .lastManager)
    }

    // MARK: Validation

    @Test func addingStaffReportsEveryBadFieldAtOnce() throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        do {
            _ = try fx.staff.add(login: "bad login", displayName: "   ", role: .clerk, teams: ["no_such_team"], by: clerk)
            Issue.record("accepted")
        } catch let error as ValidationError {
            #expect(error.errors.map(\.field) == ["login", "name", "team"])
            #expect(error.errors.first { $0.field == "team" }?.reason.contains("no_such_team") == true)
        }
        #expect(try Self.snapshot(fx) == before)
    }

    @Test("Each bad staff field alone is named", arguments: [
        ("-x", "Good Name", [String](), "login"),
        ("", "Good Name", [], "login"),
        ("has space", "Good Name", [], "login"),
        (String(repeating: "a", count: 33), "Good Name", [], "login"),
        ("good", "", [], "name"),
        ("good", "  ", [], "name"),
        ("good", String(repeating: "n", count: 101), [], "name"),
        ("good", "Good Name", ["front_desk", "nope"], "team"),
    ] as [(String, String, [String], String)])
    func badStaffField(login: String, name: String, teams: [String], field: String) throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        #expect {
            _ = try fx.staff.add(login: login, displayName: name, role: .clerk, teams: teams, by: clerk)
        } throws: { ($0 as? ValidationError)?.errors.map(\.field) == [field] }
        #expect(try Self.snapshot(fx) == before)
    }

    @Test func aLoginAlreadyOnTheListIsRefused() throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        #expect(Self.accessError { _ = try fx.staff.add(login: "clerk1", displayName: "Again", role: .clerk, teams: [], by: clerk) }
                == .staffExists("clerk1"))
        #expect(Self.accessError { _ = try fx.staff.add(login: "target", displayName: "Again", role: .manager, teams: [], by: clerk) }
                == .staffExists("target"))
        #expect(try Self.snapshot(fx) == before)
    }

    @Test func changingSomeoneNotOnTheListIsRefused() throws {
        let fx = try Self.setUp()
        #expect(Self.accessError { _ = try fx.staff.setRole("ghost", to: .officer, by: clerk) } == .staffNotFound("ghost"))
        #expect(Self.accessError { _ = try fx.staff.setActive("ghost", false, by: clerk) } == .staffNotFound("ghost"))
        #expect(Self.accessError { _ = try fx.staff.setTeams("ghost", ["pals"], by: clerk) } == .staffNotFound("ghost"))
    }

    @Test func settingAnUnknownTeamIsRefused() throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        #expect {
            _ = try fx.staff.setTeams(Self.target, ["pals", "nope"], by: clerk)
        } throws: { ($0 as? ValidationError)?.errors.map(\.field) == ["team"] }
        #expect(try Self.snapshot(fx) == before)
    }

    @Test func addingATeamTwiceIsRefused() throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        #expect(Self.accessError { _ = try fx.staff.addTeam(code: "pharmacy", name: "Another pharmacy", by: clerk) }
                == .teamExists("pharmacy"))
        #expect(try Self.snapshot(fx) == before)
        _ = try fx.staff.addTeam(code: "day_unit", name: "Day unit", by: clerk)
        #expect(Self.accessError { _ = try fx.staff.addTeam(code: "day_unit", name: "Day unit", by: clerk) }
                == .teamExists("day_unit"))
    }

    @Test("A bad team code or name is named", arguments: [
        ("Bad Code", "Good name", ["code"]),
        ("x", "Good name", ["code"]),
        ("1team", "Good name", ["code"]),
        ("good_code", "", ["name"]),
        ("Bad-Code", " ", ["code", "name"]),
    ] as [(String, String, [String])])
    func badTeam(code: String, name: String, fields: [String]) throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        #expect {
            _ = try fx.staff.addTeam(code: code, name: name, by: clerk)
        } throws: { ($0 as? ValidationError)?.errors.map(\.field) == fields }
        #expect(try Self.snapshot(fx) == before)
    }

    // MARK: Audit of staff changes

    @Test func everyStaffChangeWritesOneAuditEntryByTheActingUser() throws {
        let fx = try Self.setUp(actor: "boss2", .manager)
        let boss2 = ActingUser(login: "boss2")
        func newEntries(_ body: () throws -> Void) throws -> [AuditEntry] {
            let before = try fx.store.entries(patientID: nil, limit: 100_000).count
            try body()
            let after = try fx.store.entries(patientID: nil, limit: 100_000)
            return Array(after.prefix(after.count - before))
        }
        let steps: [(String, AuditAction, () throws -> Void)] = [
            ("add", .staff, { _ = try fx.staff.add(login: "nurse1", displayName: "Nora Nurse", role: .clerk,
                                                   teams: ["specialist_nurses"], by: boss2) }),
            ("setRole", .staff, { _ = try fx.staff.setRole("nurse1", to: .officer, by: boss2) }),
            ("setTeams", .staff, { _ = try fx.staff.setTeams("nurse1", ["specialist_nurses", "pals"], by: boss2) }),
            ("deactivate", .staff, { _ = try fx.staff.setActive("nurse1", false, by: boss2) }),
            ("reactivate", .staff, { _ = try fx.staff.setActive("nurse1", true, by: boss2) }),
            ("addTeam", .team, { _ = try fx.staff.addTeam(code: "day_unit", name: "Day unit", by: boss2) }),
        ]
        for (name, action, step) in steps {
            let entries = try newEntries(step)
            #expect(entries.count == 1, "\(name): \(entries.count) entries")
            #expect(entries.first?.action == action, "\(name)")
            #expect(entries.first?.user == "boss2", "\(name)")
            #expect(entries.first?.patientID == nil, "\(name)")
            #expect(entries.first?.occurredAt == testNow, "\(name)")
        }
        let trail = try fx.service.auditTrail(patient: nil, limit: 6, by: boss2)
        #expect(trail.map(\.action) == [.team, .staff, .staff, .staff, .staff, .staff])
        #expect(trail.last?.detail.contains("nurse1") == true)
    }

    @Test func aChangeThatChangesNothingWritesNothing() throws {
        let fx = try Self.setUp()
        _ = try fx.staff.setTeams(Self.target, ["front_desk", "pals"], by: clerk)
        let before = try Self.snapshot(fx)
        #expect(try fx.staff.setRole(Self.target, to: .clerk, by: clerk).role == .clerk)
        #expect(try fx.staff.setActive(Self.target, true, by: clerk).active)
        #expect(try fx.staff.setTeams(Self.target, ["front_desk", "pals"], by: clerk).teams == ["front_desk", "pals"])
        #expect(try fx.staff.setTeams(Self.target, ["front_desk", "pals", "pals"], by: clerk).teams == ["front_desk", "pals"])
        // The only manager "changing" to manager is no change, not a last-manager refusal.
        #expect(try fx.staff.setRole("clerk1", to: .manager, by: clerk).role == .manager)
        #expect(try Self.snapshot(fx) == before)
    }

    // Regression test (was a bug found while writing these tests).
    @Test func theSameTeamsInAnotherOrderAreNoChange() throws {
        let fx = try Self.setUp()
        _ = try fx.staff.setTeams(Self.target, ["front_desk", "pals"], by: clerk)
        let before = try Self.snapshot(fx)
        _ = try fx.staff.setTeams(Self.target, ["pals", "front_desk"], by: clerk)
        #expect(try Self.snapshot(fx) == before)
    }

    // MARK: Teams

    @Test func theStandardTeamsExistAfterMigration() throws {
        let fx = try Fixture()
        let standard = try fx.staff.teams(by: clerk)
        #expect(Set(standard.map(\.code)) == ["front_desk", "specialist_nurses", "secretaries", "pharmacy", "transport", "pals", "clinical"])
        #expect(standard.allSatisfy { $0.active })
        #expect(Set(standard) == Set(Team.standard))
    }

    @Test func membersOfATeam() throws {
        let fx = try Self.setUp()
        try fx.addStaff("nurse1", .clerk, teams: ["specialist_nurses"])
        try fx.addStaff("nurse2", .officer, teams: ["specialist_nurses", "pals"])
        #expect(try fx.staff.members(of: "specialist_nurses", by: clerk).map(\.login) == ["nurse1", "nurse2"])
        #expect(try fx.staff.members(of: "pals", by: clerk).map(\.login) == ["nurse2"])
        #expect(try fx.staff.members(of: "front_desk", by: clerk).map(\.login) == ["clerk1"])
        #expect(try fx.staff.members(of: "transport", by: clerk).isEmpty)
        // Any staff member may look.
        #expect(try fx.staff.members(of: "pals", by: ActingUser(login: "nurse1")).map(\.login) == ["nurse2"])
    }

    // Regression test (was a bug found while writing these tests).
    @Test func membersOfATeamAreTheActiveOnes() throws {
        let fx = try Self.setUp()
        try fx.addStaff("nurse1", .clerk, teams: ["specialist_nurses"])
        try fx.addStaff("nurse2", .clerk, teams: ["specialist_nurses"])
        _ = try fx.staff.setActive("nurse2", false, by: clerk)
        #expect(try fx.staff.members(of: "specialist_nurses", by: clerk).map(\.login) == ["nurse1"])
    }

    @Test func anUnknownTeamIsNotFound() throws {
        let fx = try Self.setUp()
        #expect(Self.accessError { _ = try fx.staff.members(of: "nope", by: clerk) } == .teamNotFound("nope"))
        #expect(Self.accessError { _ = try fx.staff.members(of: "Front_Desk", by: clerk) } == .teamNotFound("Front_Desk"))
    }

    @Test func aNewTeamCanHaveMembers() throws {
        let fx = try Self.setUp()
        let team = try fx.staff.addTeam(code: "day_unit", name: "  Oncology day unit ", by: clerk)
        #expect(team.name == "Oncology day unit")
        try fx.addStaff("dayclerk", .clerk, teams: ["day_unit"])
        #expect(try fx.staff.members(of: "day_unit", by: clerk).map(\.login) == ["dayclerk"])
    }

    // Regression test (was a bug found while writing these tests).
    @Test func staffChangesWorkOnTheInMemoryDatabase() throws {
        let fx = try Fixture()
        try fx.addStaff("target", .clerk)
        #expect(try fx.staff.setRole("target", to: .officer, by: clerk).role == .officer)
        #expect(try fx.staff.setTeams("target", ["pals"], by: clerk).teams == ["pals"])
        #expect(try fx.staff.setActive("target", false, by: clerk).active == false)
    }

    // MARK: First manager

    @Test func theDatabaseSetterUpIsTheFirstManager() throws {
        let fx = try Fixture()
        let me = try fx.staff.whoAmI(clerk)
        #expect(me.role == .manager)
        #expect(me.active)
        #expect(me.teams == ["front_desk"])
        #expect(me.displayName == "Test Clerk")
        let trail = try fx.store.entries(patientID: nil, limit: 10)
        #expect(trail.map(\.action) == [.staff])
        #expect(trail.first?.user == "clerk1")
    }

    @Test func initialisingADatabaseThatHasStaffDoesNothing() throws {
        let fx = try Self.setUp()
        let before = try Self.snapshot(fx)
        #expect(try fx.staff.initialise(as: ActingUser(login: "usurper"), displayName: "Usurper") == false)
        #expect(try fx.staff.initialise(as: clerk, displayName: "Test Clerk") == false)
        #expect(try Self.snapshot(fx) == before)
        #expect(Self.accessError { _ = try fx.staff.whoAmI(ActingUser(login: "usurper")) } != nil)
    }

    @Test func initialisingWhenEveryoneIsInactiveStillDoesNothing() throws {
        let fx = try Self.setUp(actor: "boss2", .manager)
        _ = try fx.staff.setActive(Self.target, false, by: clerk)
        let before = try Self.snapshot(fx)
        #expect(try fx.staff.initialise(as: ActingUser(login: "usurper"), displayName: "Usurper") == false)
        #expect(try Self.snapshot(fx) == before)
    }
}
