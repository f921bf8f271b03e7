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
    let user: ActingUser
    let purpose: DatabasePurpose

    /// Opens the database chosen by the options. Only commands that add
    /// records (`creates`) make a new live file: a mistyped `--db` path must not
    /// look like an empty register. A demo database that is new is created and
    /// seeded with synthetic patients unless `seedDemo` is false.
    static func open(_ options: GlobalOptions, creates: Bool = false, purposeIfNew: DatabasePurpose? = nil,
                     seedDemo: Bool = true) throws -> Context {
        umask(0o077)
        let env = ProcessInfo.processInfo.environment
        let path = DatabaseLocation.resolve(explicit: options.db, demo: options.demo, environment: env,
                                            home: homeDirectory(), fileExists: { FileManager.default.fileExists(atPath: $0) })
        let isNew = !FileManager.default.fileExists(atPath: path)
        if isNew && !creates && !options.demo && purposeIfNew != .demo {
            throw CommandFailure(message: "database: there is no database at \(path). Check --db or $FRONTDESK_DB; a new one is made by 'patient add' or 'import patients' (or try the demo: --demo)", code: .refused)
        }
        let database: AppDatabase
        let purpose: DatabasePurpose
        do {
            database = try AppDatabase.open(path: path)
            purpose = try database.purpose(recordingIfNew: purposeIfNew ?? (options.demo ? .demo : .live))
        } catch let error as DatabaseError {
            throw CommandFailure(message: "database: cannot open \(path): \(error.message ?? "SQLite error \(error.resultCode.rawValue)")", code: .refused)
        }
        if options.demo && purpose != .demo {
            throw CommandFailure(message: "database: \(path) is a live database (for real patients); --demo only ever opens a demo database", code: .refused)
        }
        let clock = SystemClock()
        let store = PatientStore(database, clock: clock)
        let service = PatientService(patients: store, audit: store, clock: clock)
        let context = Context(path: path, database: database, store: store, service: service,
                              user: try actingUser(), purpose: purpose)
        if isNew && options.demo && purpose == .demo && seedDemo {
            _ = try DemoSeeder(context: context).seed(count: DemoSeeder.firstRunCount, seed: 1)
        }
        return context
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
