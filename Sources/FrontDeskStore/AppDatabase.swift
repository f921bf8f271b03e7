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
    /// The audit trail's head file (nil for an in-memory database).
    let auditHead: AuditHead?

    public init(_ writer: any DatabaseWriter, path: String? = nil) throws {
        self.writer = writer
        auditHead = path.map { AuditHead(databasePath: $0) }
        let before = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
        try Self.migrator.migrate(writer)
        // A new database, or one whose chain was just started, gets its head
        // file now; afterwards only appends move it.
        if let auditHead, !before.contains("v3-audit-chain"), auditHead.read() == nil {
            let last = try writer.read { db in
                try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")
            }
            auditHead.start(id: last?["id"] ?? 0, hash: last?["hash"] ?? AuditChain.genesis)
        }
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
    /// (mode 0600, in a directory of mode 0700 when FrontDesk creates it), or,
    /// for a shared install (`sharedGroup`), readable and writable by that group
    /// only (file 0660, directory 2770, both owned by the group).
    public static func open(path: String, sharedGroup: gid_t? = nil) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let fm = FileManager.default
        if !fm.fileExists(atPath: directory) {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        }
        if let group = sharedGroup {
            // The folder keeps the group on every file made in it (setgid), so
            // SQLite's -wal and -shm files are shared the same way.
            guard chown(directory, uid_t.max, group) == 0, chmod(directory, 0o2770) == 0 else {
                throw StoreError.cannotCreate(path: directory, reason: String(cString: strerror(errno)))
            }
        }
        if !fm.fileExists(atPath: path) {
            let fd = Foundation.open(path, O_CREAT | O_EXCL | O_WRONLY, sharedGroup == nil ? 0o600 : 0o660)
            if fd < 0 && errno != EEXIST {
                throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            if fd >= 0 { close(fd) }
        }
        if let group = sharedGroup {
            for file in [path, path + "-wal", path + "-shm"] where fm.fileExists(atPath: file) {
                guard chown(file, uid_t.max, group) == 0, chmod(file, 0o660) == 0 else {
                    throw StoreError.cannotCreate(path: file, reason: String(cString: strerror(errno)))
                }
            }
        }
        // Several desks may open a new file at the same moment: only one may
        // create the schema, so opening is serialised by a lock on the folder.
        // (Never on the database file itself: closing any other descriptor of
        // that file would drop SQLite's own POSIX locks on it.)
        let lock = Foundation.open(directory, O_RDONLY | O_DIRECTORY)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { flock(lock, LOCK_UN); close(lock) } }
        let pool = try DatabasePool(path: path, configuration: configuration())
        return try AppDatabase(pool, path: path)
    }

    /// Whether `directory` is set up for a shared install: setgid, and no
    /// access for other users. New files made there should then be
    /// group-readable and writable (umask 007) instead of private (077).
    public static func isSharedDirectory(_ directory: String) -> Bool {
        var info = stat()
        guard stat(directory, &info) == 0 else { return false }
        return info.st_mode & S_ISGID != 0 && info.st_mode & 0o007 == 0
    }

    /// A warning when the database file (or its folder) lets users outside the
    /// arrangement read it: anyone but the owner for a single-user install,
    /// anyone outside the group for a shared one. Nil when it is as it should be.
    public static func exposureWarning(path: String) -> String? {
        var file = stat(), folder = stat()
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard stat(path, &file) == 0, stat(directory, &folder) == 0 else { return nil }
        let shared = isSharedDirectory(directory)
        let mode = String(file.st_mode & 0o777, radix: 8)
        if file.st_mode & 0o007 != 0 {
            return "the database file \(path) can be read by every user of this computer (mode \(mode)): "
                + (shared ? "run chmod 660 on it" : "run chmod 600 on it") + " (Docs/SECURITY.md)"
        }
        if !shared && file.st_mode & 0o070 != 0 {
            return "the database file \(path) can be read by its group (mode \(mode)) but is not a shared install: "
                + "run chmod 600 on it, or set it up with frontdesk init --shared-group GROUP (Docs/SECURITY.md)"
        }
        return nil
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
