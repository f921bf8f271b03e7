import Foundation
import FrontDeskDomain
import FrontDeskStore
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Everything a command needs: the database, the domain service, the acting user.
struct Context {
    let path: String
    let database: AppDatabase
    let store: PatientStore
    let service: PatientService
    let staff: StaffService
    let settings: SettingsService
    let diary: DiaryService
    let booking: BookingService
    let protocols: ProtocolService
    let user: ActingUser
    let purpose: DatabasePurpose

    /// Opens the database chosen by the options and checks that the OS user is
    /// active staff (refused otherwise, before anything else is read).
    ///
    /// Only `frontdesk init` (`initialising`) makes a new live file: a
    /// mistyped `--db` path must not look like an empty register. A demo
    /// database that is new is created with the OS user as its manager and
    /// seeded with synthetic patients unless `seedDemo` is false.
    static func open(_ options: GlobalOptions, initialising: Bool = false, sharedGroup: gid_t? = nil,
                     purposeIfNew: DatabasePurpose? = nil, seedDemo: Bool = true) throws -> Context {
        let env = ProcessInfo.processInfo.environment
        let path = DatabaseLocation.resolve(explicit: options.db, demo: options.demo, environment: env,
                                            home: homeDirectory(), fileExists: { FileManager.default.fileExists(atPath: $0) })
        // Files FrontDesk (and SQLite, for -wal and -shm) makes are private to
        // their owner, or to the group of a shared install.
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        umask(sharedGroup != nil || AppDatabase.isSharedDirectory(directory) ? 0o007 : 0o077)
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew && !initialising && !options.demo && purposeIfNew != .demo {
            throw CommandFailure(message: "database: there is no database at \(path). Check --db or $FRONTDESK_DB; "
                                 + "a manager sets a new one up with 'frontdesk init' (or try the demo: --demo)", code: .refused)
        }
        let database: AppDatabase
        let purpose: DatabasePurpose
        do {
            database = try AppDatabase.open(path: path, sharedGroup: sharedGroup)
            purpose = try database.purpose(recordingIfNew: purposeIfNew ?? (options.demo ? .demo : .live))
        } catch let error as DatabaseError {
            throw CommandFailure(message: "database: cannot open \(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")", code: .refused)
        }
        if let warning = AppDatabase.exposureWarning(path: path) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        if options.demo && purpose != .demo {
            throw CommandFailure(message: "database: \(path) is a live database (for real patients); --demo only ever opens a demo database", code: .refused)
        }
        let clock = SystemClock()
        let store = PatientStore(database, clock: clock)
        let access = AccessControl(staff: StaffStore(database, clock: clock))
        let settingsStore = SettingsStore(database, clock: clock)
        let closures: @Sendable () throws -> Set<LocalDate> = { try settingsStore.closureDays() }
        let service = PatientService(patients: store, audit: store, access: access, clock: clock, closureDays: closures)
        let staff = StaffService(access: access, audit: store, clock: clock)
        let settings = SettingsService(access: access, settings: settingsStore, clock: clock)
        let diary = DiaryService(diary: DiaryStore(database, clock: clock), access: access, clock: clock)
        let booking = BookingService(booking: BookingStore(database, clock: clock), access: access, clock: clock, closureDays: closures,
                                     siteClosureDays: { try settingsStore.siteClosureDays() })
        let protocols = ProtocolService(protocols: ProtocolStore(database, clock: clock), diary: DiaryStore(database, clock: clock),
                                        access: access, clock: clock)
        let user = try actingUser()
        let context = Context(path: path, database: database, store: store, service: service, staff: staff,
                              settings: settings, diary: diary, booking: booking, protocols: protocols, user: user, purpose: purpose)
        if purpose == .demo, try access.staff.allStaff().isEmpty {
            // Your own demo: you are its manager (also of a demo made before staff existed).
            _ = try staff.initialise(as: user, displayName: displayName(of: user))
        }
        if !initialising {
            // Only staff get any further; the refusal says who to ask.
            _ = try access.member(user)
        }
        if isNew && options.demo && purpose == .demo && seedDemo {
            _ = try DemoSeeder(context: context).seed(count: DemoSeeder.firstRunCount, seed: 1)
        }
        return context
    }

    /// The person's name from the OS account (the GECOS field), else the login.
    static func displayName(of user: ActingUser) -> String {
        if let entry = getpwuid(getuid()), let gecos = entry.pointee.pw_gecos {
            let name = String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            if !name.trimmingCharacters(in: .whitespaces).isEmpty { return name }
        }
        return user.login
    }

    /// The OS login of the real user id. Never read from the environment, so
    /// no variable can change who FrontDesk thinks you are.
    static func actingUser() throws -> ActingUser {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else {
            throw CommandFailure(message: "user: cannot find the login name of user id \(getuid())", code: .refused)
        }
        return ActingUser(login: String(cString: name))
    }

    static func homeDirectory() -> String {
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { return String(cString: dir) }
        return NSHomeDirectory()
    }
}
