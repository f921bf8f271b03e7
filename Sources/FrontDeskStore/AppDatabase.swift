import Foundation
import GRDB
import FrontDeskDomain

/// The FrontDesk database: one SQLite file shared safely by every desk on the
/// machine (WAL, a busy timeout, IMMEDIATE write transactions), migrated to the
/// current schema when opened.
public final class AppDatabase: Sendable {
    /// The connection(s): a `DatabasePool` for files, a `DatabaseQueue` in memory.
    public let writer: any DatabaseWriter

    /// Opens (creating if needed) and migrates the database at `writer`.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Seconds a write waits for another desk's transaction before giving up.
    public static let busyTimeout: TimeInterval = 10

    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.journalMode = .wal
        config.label = "FrontDesk"
        return config
    }

    /// Opens the file at `path`. A new file is created private to its owner
    /// (mode 0600, in a directory of mode 0700 when FrontDesk creates it).
    public static func open(path: String) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory) {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        }
        if !fm.fileExists(atPath: path) {
            let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if fd < 0 && errno != EEXIST {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            if fd >= 0 { close(fd) }
        }
        // Several desks may open a new file at the same moment: only one may
        // create the schema, so opening is serialised by a lock on the folder.
        // (Never on the database file itself: closing any other descriptor of
        // that file would drop SQLite's own POSIX locks on it.)
        let lock = Foundation.open(directory, O_RDONLY | O_DIRECTORY)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        let pool = try DatabasePool(path: path, configuration: configuration())
        return try AppDatabase(pool)
    }

    /// An empty in-memory database, for tests.
    public static func empty() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    /// A stored value that no FrontDesk version writes (changed by hand?).
    case unreadable(row: Int64, column: String)
    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason): return "database: cannot create \(path): \(reason)"
        case .unreadable(let row, let column): return "database: patient row \(row) has an unreadable \(column); ask for it to be corrected in the database"
        }
    }
}

/// The real clock, for the executable.
public struct SystemClock: Clock {
    public init() {}
    public var now: Date { Date() }
}
