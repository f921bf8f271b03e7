import Foundation
import GRDB
import Testing
import FrontDeskDomain
@testable import FrontDeskStore

/// The audit trail's hash chain and head file on real database files: many
/// mixed operations, several desks (connections) on one file, two of them
/// writing at once, a chain rebuilt by someone who has the hashing code, and
/// the hash itself.
@Suite("Audit chain: every operation sealed, the head kept, tampering caught")
struct AuditChainTests {

    // MARK: Set-up

    /// A folder of its own in the temporary directory, removed by `remove()`.
    struct Folder {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("frontdesk-audit-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        var db: String { path + "/frontdesk.sqlite" }
        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// A clock that moves on a second at every reading, so rows differ in time too.
    final class SteppingClock: Clock, @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ start: Date) { current = start }
        var now: Date {
            lock.lock(); defer { lock.unlock() }
            current += 1
            return current
        }
    }

    /// One desk: its own connection(s) to the file, wired as the executable wires them.
    struct Desk {
        let database: AppDatabase
        let store: PatientStore
        let service: PatientService
        let staff: StaffService

        init(_ path: String, clock: any Clock = FixedClock(testNow)) throws {
            database = try AppDatabase.open(path: path)
            store = PatientStore(database, clock: clock)
            let access = AccessControl(staff: StaffStore(database, clock: clock))
            service = PatientService(patients: store, audit: store, access: access, clock: clock)
            staff = StaffService(access: access, audit: store, clock: clock)
        }

        /// A new file with the test user as its first manager.
        static func first(_ path: String, clock: any Clock = FixedClock(testNow)) throws -> Desk {
            let desk = try Desk(path, clock: clock)
            #expect(try desk.staff.initialise(as: clerk, displayName: "Test Clerk"))
            return desk
        }

        func auditCount() throws -> Int {
            try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event") ?? 0 }
        }

        /// The last row's number and hash, straight from the table.
        func lastRow() throws -> (Int64, String)? {
            try database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").map { ($0["id"], $0["hash"]) }
            }
        }

        /// The head file's text, or nil when there is none.
        func headText() -> String? { try? String(contentsOfFile: database.auditHead!.path, encoding: .utf8) }

        /// Checks that the head file names exactly the last committed row.
        func expectHeadIsLastRow(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let (id, hash) = try #require(try lastRow(), comment, sourceLocation: sourceLocation)
            #expect(headText() == "\(id) \(hash)\n", comment, sourceLocation: sourceLocation)
        }
    }

    /// A valid NHS number (Modulus 11), different for every `n`.
    static func nhsNumber(_ n: Int) -> String {
        for k in 0..<10 {
            let base = String(600_000_000 + n * 10 + k)
            var sum = 0
            for (index, digit) in base.enumerated() { sum += digit.wholeNumberValue! * (10 - index) }
            var check = 11 - sum % 11
            if check == 11 { check = 0 }
            if check != 10 { return base + String(check) }
        }
        fatalError("no valid NHS number near \(n)")
    }

    /// `n` in letters (names may not hold digits): 0 → "a", 27 → "bb".
    static func letters(_ n: Int) -> String {
        var n = n, text = ""
        repeat { text = String(UnicodeScalar(UInt8(97 + n % 26))) + text; n /= 26 } while n > 0
        return text
    }

    static func fields(_ n: Int, family: String = "Patient") -> PatientFields {
        var f = PatientFields()
        f.familyName = family
        f.givenNames = "Given\(String(UnicodeScalar(UInt8(65 + n % 26))))"
        f.dateOfBirth = String(format: "%02d/%02d/%04d", 1 + n % 28, 1 + n % 12, 1930 + n % 90)
        f.nhsNumber = nhsNumber(n)
        return f
    }

    /// A small deterministic random number generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// Runs `operations` mixed operations on `desk` (registrations, openings,
    /// edits, staff and team changes, and refusals that write nothing),
    /// checking the head after every one; returns the audit rows written.
    @discardableResult
    static func mixedOperations(_ desk: Desk, count operations: Int, seed: UInt64, firstNumber: Int = 0) throws -> Int {
        var random = Random(state: seed)
        var written = 0
        var registered: [Patient] = []
        var staffAdded: [String] = []
        var number = firstNumber
        for step in 0..<operations {
            let before = try desk.auditCount()
            let headBefore = desk.headText()
            var expected = 1   // rows this operation should append
            let roll = random.next(100)
            switch registered.count < 5 ? 0 : roll {
            case 0..<35:
                number += 1
                registered.append(try desk.service.register(fields(number, family: "Family" + letters(number % 97)), by: clerk,
                                                            acceptLikelyDuplicates: true))
            case 35..<60:
                _ = try desk.service.open(registered[random.next(registered.count)].mrn, by: clerk)
            case 60..<80:
                var f = PatientFields()
                f.town = "Town \(random.next(5))"
                let edited = try desk.service.edit(registered[random.next(registered.count)].mrn, f, by: clerk)
                expected = edited.changed.isEmpty ? 0 : 1   // the same town again: nothing changed, nothing written
            case 80..<86:
                // Refused as a duplicate NHS number: the transaction rolls back, nothing is appended.
                var f = fields(number + 1, family: "Someone")
                f.nhsNumber = registered[random.next(registered.count)].nhsNumber?.digits
                #expect(throws: PatientError.self) { try desk.service.register(f, by: clerk, acceptLikelyDuplicates: true) }
                expected = 0
            case 86..<92:
                let login = "desk\(firstNumber)_\(staffAdded.count + 1)"
                _ = try desk.staff.add(login: login, displayName: "Desk \(staffAdded.count + 1)", role: .clerk,
                                       teams: ["front_desk"], by: clerk)
                staffAdded.append(login)
            case 92..<96 where !staffAdded.isEmpty:
                let login = staffAdded[random.next(staffAdded.count)]
                let role: StaffRole = random.next(2) == 0 ? .clerk : .officer
                let old = try #require(try desk.staff.list(by: clerk).first { $0.login == login })
                _ = try desk.staff.setRole(login, to: role, by: clerk)
                expected = old.role == role ? 0 : 1
            case 96..<98 where !staffAdded.isEmpty:
                let login = staffAdded[random.next(staffAdded.count)]
                let old = try #require(try desk.staff.list(by: clerk).first { $0.login == login })
                _ = try desk.staff.setActive(login, !old.active, by: clerk)
            case 98..<100:
                _ = try desk.staff.addTeam(code: "team_\(firstNumber)_\(step)", name: "Team \(step)", by: clerk)
            default:
                // Refused: the last manager cannot be deactivated (nothing written).
                #expect(throws: AccessError.self) { try desk.staff.setActive(clerk.login, false, by: clerk) }
                expected = 0
            }
            let after = try desk.auditCount()
            #expect(after == before + expected, "step \(step)")
            if expected == 0 {
                #expect(desk.headText() == headBefore, "step \(step): the head moved without a row")
            } else {
                try desk.expectHeadIsLastRow("step \(step)")
            }
            written += after - before
        }
        return written
    }

    // MARK: Thousands of operations

    @Test("thousands of mixed operations on a file: the chain verifies, one row each, the head names the last")
    func thousandsOfMixedOperations() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let desk = try Desk.first(folder.db, clock: SteppingClock(testNow))
        try desk.expectHeadIsLastRow("after set-up")
        let written = try Self.mixedOperations(desk, count: 2_500, seed: 7)
        #expect(written > 1_500)

        let result = try desk.store.verify()
        #expect(result.isIntact, "\(result)")
        #expect(result.headChecked)
        #expect(result.rows == written + 1)   // + the first manager's row
        #expect(result.rows == (try desk.auditCount()))
        let last = try #require(try desk.lastRow())
        #expect(result.lastRow == last.0 && result.lastHash == last.1)
        #expect(result.lastRow == Int64(result.rows))   // numbered 1, 2, 3 … with no gaps
        #expect(desk.headText() == "\(last.0) \(last.1)\n")

        // Every kind of entry is in the chain.
        let actions = try desk.database.writer.read { db in try String.fetchSet(db, sql: "SELECT DISTINCT action FROM audit_event") }
        #expect(actions == ["register", "view", "edit", "staff", "team"])

        // A fresh open (another process, later) agrees.
        let again = try Desk(folder.db).store.verify()
        #expect(again == result)
    }

    @Test("a transaction that appended rows and then failed leaves neither rows nor a moved head")
    func rolledBackAppendLeavesTheHead() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let desk = try Desk.first(folder.db)
        try Self.mixedOperations(desk, count: 50, seed: 3)
        let head = try #require(desk.headText())
        let rows = try desk.auditCount()
        struct Refused: Error {}
        let entry = AuditEntry(occurredAt: testNow, user: clerk.login, action: .view, patientID: nil, detail: "opened record")
        #expect(throws: Refused.self) {
            try desk.database.writer.write { db in
                try desk.store.append(db, entry)
                try desk.store.append(db, entry)
                throw Refused()
            }
        }
        #expect(try desk.auditCount() == rows)
        #expect(desk.headText() == head)
        // The next append after the rollback is sealed and moves the head as usual.
        try desk.store.append(entry)
        try desk.expectHeadIsLastRow()
        #expect(try desk.store.verify().isIntact)
    }

    /// Refuses every commit it sees (after the head observer has written the head).
    final class RefuseCommit: TransactionObserver, @unchecked Sendable {
        struct Refused: Error {}
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseWillCommit() throws { throw Refused() }
        func databaseDidCommit(_ db: Database) {}
        func databaseDidRollback(_ db: Database) {}
    }

    @Test("a commit refused after the head was written puts the old head back")
    func refusedCommitRestoresTheHead() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let desk = try Desk.first(folder.db)
        try Self.mixedOperations(desk, count: 30, seed: 5)
        let head = try #require(desk.headText())
        let rows = try desk.auditCount()
        let entry = AuditEntry(occurredAt: testNow, user: clerk.login, action: .view, patientID: nil, detail: "opened record")
        #expect(throws: (any Error).self) {
            try desk.database.writer.write { db in
                try desk.store.append(db, entry)
                // Observers are asked in the order they were added: the head is written first.
                db.add(transactionObserver: RefuseCommit(), extent: .nextTransaction)
            }
        }
        #expect(try desk.auditCount() == rows)
        #expect(desk.headText() == head)
        try Self.mixedOperations(desk, count: 10, seed: 6, firstNumber: 1_000)
        #expect(try desk.store.verify().isIntact)
    }

    // MARK: Several desks

    @Test("several desks on one file, appending in turn, keep one chain and the head right")
    func desksInTurn() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let clock = SteppingClock(testNow)
        let desks = [try Desk.first(folder.db, clock: clock), try Desk(folder.db, clock: clock), try Desk(folder.db, clock: clock)]
        var written = 0
        for round in 0..<30 {
            for (index, desk) in desks.enumerated() {
                written += try Self.mixedOperations(desk, count: 10, seed: UInt64(round * 10 + index),
                                                    firstNumber: (round * 10 + index) * 100)
                // Every desk sees the head naming the last row, whoever wrote it.
                for other in desks { try other.expectHeadIsLastRow("round \(round), after desk \(index)") }
            }
        }
        for desk in desks {
            let result = try desk.store.verify()
            #expect(result.isIntact, "\(result)")
            #expect(result.headChecked)
            #expect(result.rows == written + 1)
        }
    }

    /// Collects what the threads report.
    final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }

    @Test("two desks registering at once, while a manager verifies: the chain stays whole")
    func twoDesksAtOnce() throws {
        let folder = try Folder()
        defer { folder.remove() }
        _ = try Desk.first(folder.db)
        let perDesk = 200
        let errors = Box(), verifications = Box()
        let writers = DispatchGroup(), checking = DispatchGroup()
        let start = DispatchSemaphore(value: 0), stop = DispatchSemaphore(value: 0)
        for deskNumber in 0..<2 {
            let desk = try Desk(folder.db, clock: SteppingClock(testNow))
            writers.enter()
            Thread {
                defer { writers.leave() }
                start.wait()
                for n in 0..<perDesk {
                    do {
                        _ = try desk.service.register(Self.fields(deskNumber * 10_000 + n, family: "Desk" + Self.letters(deskNumber)),
                                                      by: clerk, acceptLikelyDuplicates: true)
                    } catch { errors.add("desk \(deskNumber), registration \(n): \(error)") }
                    // A clerk's pause: lets the other desk's waiting transaction in now and then
                    // (SQLite's busy handler sleeps, so one desk could otherwise run alone).
                    usleep(200)
                }
            }.start()
        }
        // A third desk verifies while the two write: each check sees a whole chain and a matching head.
        let checker = try Desk(folder.db)
        checking.enter()
        Thread {
            defer { checking.leave() }
            while stop.wait(timeout: .now()) == .timedOut {
                do {
                    let result = try checker.store.verify()
                    verifications.add(result.isIntact ? "intact" : "\(result)")
                } catch { errors.add("verify: \(error)") }
            }
        }.start()
        start.signal(); start.signal()
        writers.wait()
        stop.signal()
        checking.wait()

        let failures = errors.all
        #expect(failures.count == 0, "\(failures.prefix(5))")
        #expect(!verifications.all.isEmpty)
        #expect(verifications.all.allSatisfy { $0 == "intact" }, "\(verifications.all.filter { $0 != "intact" }.prefix(3))")
        let desk = try Desk(folder.db)
        #expect(try desk.store.count() == 2 * perDesk)
        let result = try desk.store.verify()
        #expect(result.isIntact, "\(result)")
        #expect(result.rows == 2 * perDesk + 1)
        try desk.expectHeadIsLastRow()
        // Both desks' rows are in the one chain, each once.
        let registered = try desk.database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT patient_id) FROM audit_event WHERE action = 'register'")
        }
        #expect(registered == 2 * perDesk)
        let order = try desk.database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT p.family_name FROM audit_event a JOIN patient p ON p.id = a.patient_id
                WHERE a.action = 'register' ORDER BY a.id
                """)
        }
        // The desks really did write at once: their rows alternate in the chain (19–100 times in trial runs).
        let switches = zip(order, order.dropFirst()).filter { $0 != $1 }.count
        #expect(switches >= 2, "one desk wrote all its rows while the other waited")
    }

    // MARK: Tampering deep in a long chain

    /// Copies the database (checkpointed) and its head file to a new folder.
    static func copy(_ source: Desk, _ from: Folder) throws -> Folder {
        try source.database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let to = try Folder()
        try FileManager.default.copyItem(atPath: from.db, toPath: to.db)
        try FileManager.default.copyItem(atPath: from.db + "-audit-head", toPath: to.db + "-audit-head")
        return to
    }

    @Test("tampering in the middle of a long chain names the first bad row")
    func tamperingDeepInTheChain() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let desk = try Desk.first(folder.db, clock: SteppingClock(testNow))
        try Self.mixedOperations(desk, count: 1_200, seed: 11)
        let last = try #require(try desk.lastRow()).0
        let k: Int64 = 700
        try #require(last > k + 10)
        let cases: [(String, String, AuditVerification.Problem)] = [
            ("a row edited", "DROP TRIGGER audit_event_no_update; UPDATE audit_event SET detail = 'nothing' WHERE id = \(k)",
             .changed(row: k)),
            ("a row deleted", "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id = \(k)",
             .broken(row: k + 1, after: k - 1)),
            ("two rows swapped", """
                DROP TRIGGER audit_event_no_update;
                UPDATE audit_event SET id = -1 WHERE id = \(k); UPDATE audit_event SET id = \(k) WHERE id = \(k + 1);
                UPDATE audit_event SET id = \(k + 1) WHERE id = -1
                """, .broken(row: k, after: k - 1)),
            ("the last rows cut off", "DROP TRIGGER audit_event_no_delete; DELETE FROM audit_event WHERE id > \(last - 3)",
             .headMismatch(headRow: last, lastRow: last - 3)),
            ("a row added by hand", """
                INSERT INTO audit_event (occurred_at, user_login, action, detail) VALUES ('2026-11-24T09:00:00Z', 'x', 'view', 'x')
                """, .unsealed(row: last + 1)),
        ]
        for (what, sql, problem) in cases {
            let copy = try Self.copy(desk, folder)
            defer { copy.remove() }
            let tampered = try Desk(copy.db)
            try tampered.database.writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
            let result = try tampered.store.verify()
            #expect(result.problem == problem, "\(what): \(result)")
        }
    }

    @Test("a chain rebuilt with the hashing code is caught only by the head")
    func rebuiltChainIsCaughtByTheHead() throws {
        let folder = try Folder()
        defer { folder.remove() }
        let desk = try Desk.first(folder.db, clock: SteppingClock(testNow))
        try Self.mixedOperations(desk, count: 300, seed: 13)
        let last = try #require(try desk.lastRow())
        // Someone with the source changes a detail, then recomputes every hash from there on.
        try desk.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER audit_event_no_update")
            try db.execute(sql: "UPDATE audit_event SET detail = 'nothing to see' WHERE id = 150")
            var previous = AuditChain.genesis
            for row in try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id") {
                let hash = AuditChain.hash(row, previous: previous)
                try db.execute(sql: "UPDATE audit_event SET previous_hash = ?, hash = ? WHERE id = ?",
                               arguments: [previous, hash, row["id"] as Int64])
                previous = hash
            }
        }
        // The chain alone is consistent again…
        let chain = try desk.database.writer.read { db in try AuditChain.verifyChain(db, head: nil) }
        #expect(chain.isIntact)
        #expect(chain.lastRow == last.0 && chain.lastHash != last.1)
        // …but the head file still holds the old last hash.
        let result = try desk.store.verify()
        #expect(result.problem == .headHashDiffers(row: last.0), "\(result)")
        #expect(try Desk(folder.db).store.verify().problem == .headHashDiffers(row: last.0))
    }

    // MARK: The hash

    struct HashInput: Sendable, CustomStringConvertible {
        var previous = String(repeating: "ab", count: 32)
        var id: Int64 = 42
        var occurredAt = "2026-11-24T09:41:00Z"
        var user = "clerk1"
        var action = "edit"
        var patientID: Int64? = 7
        var patientMRN: String? = "FD0000007"
        var detail = "changed town"
        var label = "unchanged"
        var description: String { label }

        var hash: String {
            AuditChain.hash(previous: previous, id: id, occurredAt: occurredAt, user: user, action: action,
                            patientID: patientID, patientMRN: patientMRN, detail: detail)
        }

        static func changing(_ label: String, _ change: (inout HashInput) -> Void) -> HashInput {
            var input = HashInput()
            change(&input)
            input.label = label
            return input
        }
    }

    @Test("the hash depends on every field", arguments: [
        HashInput.changing("previous hash") { $0.previous = String(repeating: "ab", count: 31) + "ac" },
        HashInput.changing("row number") { $0.id = 43 },
        HashInput.changing("time, by a second") { $0.occurredAt = "2026-11-24T09:41:01Z" },
        HashInput.changing("user") { $0.user = "clerk2" },
        HashInput.changing("action") { $0.action = "view" },
        HashInput.changing("patient id") { $0.patientID = 8 },
        HashInput.changing("no patient id") { $0.patientID = nil },
        HashInput.changing("hospital number") { $0.patientMRN = "FD0000008" },
        HashInput.changing("no hospital number") { $0.patientMRN = nil },
        HashInput.changing("an empty hospital number") { $0.patientMRN = "" },
        HashInput.changing("detail") { $0.detail = "changed towm" },
        HashInput.changing("detail, trailing space") { $0.detail = "changed town " },
        HashInput.changing("text moved from user to action") { $0.user = "clerk1e"; $0.action = "dit" },
        HashInput.changing("text moved from action to detail") { $0.action = "edi"; $0.detail = "tchanged town" },
        HashInput.changing("a field holding a line break and length") { $0.user = "clerk1\n4:edit"; $0.action = "" },
    ])
    func hashDependsOnEveryField(_ input: HashInput) {
        let original = HashInput().hash
        #expect(original.count == 64)
        #expect(original.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(input.hash != original, "\(input)")
        #expect(input.hash == input.hash)   // and it is a function of its input
    }

    @Test("a row's stored hash is the hash of its fields as read back")
    func storedHashMatchesTheFields() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John")
        let rows = try fx.database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id") }
        var previous = AuditChain.genesis
        for row in rows {
            #expect(row["previous_hash"] as String == previous)
            #expect(AuditChain.hash(row, previous: previous) == row["hash"] as String)
            previous = row["hash"]
        }
        #expect(rows.count == 2)
    }

    // MARK: In memory

    @Test("an in-memory database has no head file: verify says the head was not checked")
    func inMemoryHasNoHead() throws {
        let fx = try Fixture()
        try fx.add("Smith", "John")
        _ = try fx.service.open("FD0000001", by: clerk)
        #expect(fx.database.auditHead == nil)
        let result = try fx.store.verify()
        #expect(result.isIntact)
        #expect(result.headChecked == false)
        #expect(result.rows == 3)
        #expect(result.lastRow == 3)
        #expect(try fx.service.verifyAudit(by: clerk) == result)
    }
}
