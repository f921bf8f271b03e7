import Foundation
import Testing

/// The database file, the demo database, global options and several desks at once.
@Suite("database, demo and global options")
struct DatabaseCommandTests {
    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int) & 0o777
    }

    @Test("init makes a new database file with mode 0600, in a new directory of mode 0700")
    func newFileIsPrivate() throws {
        let s = try Sandbox()
        let db = s.path("new/dir/x.sqlite")
        // Registering cannot make a database: only init does.
        let refused = try s.run(["patient", "add", "--family", "Smith", "--given", "John", "--dob", "12/03/1956"], db: db)
        #expect(refused.status == Exit.refused, "\(refused)")
        #expect(refused.stderr.contains("frontdesk init"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: db))
        try s.initialise(db)
        let r = try s.run(["patient", "add", "--family", "Smith", "--given", "John", "--dob", "12/03/1956"], db: db)
        #expect(r.status == Exit.ok, "\(r)")
        #expect(try mode(db) == 0o600, "database file mode")
        #expect(try mode(s.path("new/dir")) == 0o700, "directory mode")
        for companion in [db + "-wal", db + "-shm"] where FileManager.default.fileExists(atPath: companion) {
            #expect(try mode(companion) & 0o077 == 0, "\(companion) must not be readable by others")
        }
        // A read-only command never makes a file: a mistyped --db is not an empty register.
        let other = s.path("y.sqlite")
        let summary = try s.run(["summary"], db: other)
        #expect(summary.status == Exit.refused, "\(summary)")
        #expect(summary.stderr.contains("no database"), "\(summary)")
        #expect(!FileManager.default.fileExists(atPath: other))
        let search = try s.run(["patient", "search", "smith"], db: other)
        #expect(search.status == Exit.refused, "\(search)")
        #expect(!FileManager.default.fileExists(atPath: other))
    }

    @Test("global options before the subcommand: frontdesk --db PATH patient …, --db=PATH, --json summary")
    func globalOptionsFirst() throws {
        let s = try Sandbox()
        let add = try s.runRaw(["--db", s.db, "patient", "add", "--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        #expect(add.status == Exit.ok, "\(add)")
        let search = try s.runRaw(["--db=\(s.db)", "patient", "search", "--json", "smith"])
        #expect(search.status == Exit.ok, "\(search)")
        let found = try JSONDecoder().decode(SearchResponse.self, from: Data(search.stdout.utf8))
        #expect(found.mrns == ["FD0000001"])
        // Global options before the summary subcommand.
        let summary = try s.runRaw(["--db", s.db, "summary", "--json"])
        #expect(summary.status == Exit.ok, "\(summary)")
        // With no subcommand and no terminal: the terminal UI refuses in words, exit 1.
        let tui = try s.runRaw(["--db", s.db])
        #expect(tui.status == Exit.refused, "\(tui)")
        #expect(tui.stderr.contains("needs a terminal"), "\(tui)")
        #expect(!tui.stderr.contains("\u{1B}"), "no escape codes: \(tui)")
        #expect(try summary.json()["patients"] as? Int == 1, "\(summary)")
        #expect(try summary.json()["purpose"] as? String == "live", "\(summary)")
    }

    @Test("demo seed into a new file: the requested count, 999 test-range NHS numbers, deterministic for a seed")
    func demoSeedDeterministic() throws {
        let s = try Sandbox()
        let a = s.path("a.sqlite"), b = s.path("b.sqlite"), c = s.path("c.sqlite")
        for db in [a, b] {
            let r = try s.run(["demo", "seed", "--patients", "50", "--seed", "7", "--json"], db: db)
            #expect(r.status == Exit.ok, "\(r)")
            #expect(try r.json()["added"] as? Int == 50, "\(r)")
            #expect(try r.json()["patients"] as? Int == 50, "\(r)")
        }
        let other = try s.run(["demo", "seed", "--patients", "50", "--seed", "8"], db: c)
        #expect(other.status == Exit.ok, "\(other)")

        var differs = false
        for query in ["a", "e", "s", "m"] {
            let first = try s.search(query, limit: 1000, db: a)
            let second = try s.search(query, limit: 1000, db: b)
            #expect(!first.results.isEmpty, "query '\(query)'")
            #expect(first == second, "same seed, same population: query '\(query)'")
            for row in first.results {
                #expect(row.nhs_number.map { $0.hasPrefix("999") && $0.count == 10 } ?? true,
                        "demo NHS numbers come from the 999 test range: \(row)")
            }
            if try s.search(query, limit: 1000, db: c) != first { differs = true }
        }
        #expect(differs, "a different seed should give a different population")
        #expect(try s.patientCount(db: a) == 50)

        // A demo file takes more demo patients.
        let more = try s.run(["demo", "seed", "--patients", "5", "--seed", "9"], db: a)
        #expect(more.status == Exit.ok, "\(more)")
        #expect(try s.patientCount(db: a) == 55)
        let summary = try s.run(["summary", "--json"], db: a)
        #expect(try summary.json()["purpose"] as? String == "demo")
    }

    @Test("demo seed is refused on a live database holding a registered patient, adding nothing")
    func demoSeedRefusedOnLive() throws {
        let s = try Sandbox()
        try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        let r = try s.run(["demo", "seed", "--patients", "5"])
        #expect(r.status != Exit.ok, "\(r)")
        #expect(r.status == Exit.refused, "\(r)")
        #expect(r.stderr.contains("live"), "\(r)")
        #expect(try s.patientCount() == 1)
        let json = try s.run(["demo", "seed", "--patients", "5", "--json"])
        #expect(json.status == Exit.refused, "\(json)")
        #expect(try s.patientCount() == 1)
    }

    @Test("demo seed is refused on a live database even when it is empty")
    func demoSeedRefusedOnEmptyLive() throws {
        let s = try Sandbox()
        // The sandbox's database was made by init, empty, as a live database.
        let summary = try s.run(["summary", "--json"])
        #expect(try summary.json()["purpose"] as? String == "live", "\(summary)")
        let r = try s.run(["demo", "seed", "--patients", "5"])
        #expect(r.status == Exit.refused, "\(r)")
        #expect(try s.patientCount() == 0)
    }

    @Test("--demo uses XDG_DATA_HOME/frontdesk/demo.sqlite, created and seeded on first use; the live file is never touched")
    func demoDatabaseApart() throws {
        let s = try Sandbox()
        // A live database, named by $FRONTDESK_DB the way a real desk would be set up.
        let live = s.path("live/frontdesk.sqlite")
        try s.initialise(live)
        try s.add(["--family", "Smith", "--given", "Livepatient", "--dob", "12/03/1956"], db: live)
        // Give the live files a known modification time to detect any write.
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        let liveFiles = [live, live + "-wal", live + "-shm"].filter { FileManager.default.fileExists(atPath: $0) }
        for file in liveFiles { try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: file) }
        let liveBytes = try Data(contentsOf: URL(fileURLWithPath: live))
        let env = ["FRONTDESK_DB": live]

        let search = try s.runRaw(["--demo", "patient", "search", "smith", "--json"], environment: env)
        #expect(search.status == Exit.ok, "\(search)")
        let found = try JSONDecoder().decode(SearchResponse.self, from: Data(search.stdout.utf8))
        #expect(!found.results.isEmpty, "the demo database is seeded on first use")
        #expect(!found.results.contains { $0.given_names == "Livepatient" }, "the demo search must not read the live file")

        let demo = s.path("frontdesk/demo.sqlite")
        #expect(FileManager.default.fileExists(atPath: demo))
        #expect(try mode(demo) == 0o600)
        #expect(try mode(s.path("frontdesk")) == 0o700)

        let summary = try s.runRaw(["summary", "--demo", "--json"], environment: env)
        #expect(summary.status == Exit.ok, "\(summary)")
        #expect(try summary.json()["purpose"] as? String == "demo")
        #expect(try summary.json()["database"] as? String == demo)
        #expect((try summary.json()["patients"] as? Int ?? 0) >= 1000, "\(summary)")

        // `demo seed` without --db goes to the demo database too.
        let seeded = try s.runRaw(["demo", "seed", "--patients", "3", "--json"], environment: env)
        #expect(seeded.status == Exit.ok, "\(seeded)")
        #expect(try seeded.json()["database"] as? String == demo, "\(seeded)")

        // The live file: same bytes, not even opened for writing.
        #expect(try Data(contentsOf: URL(fileURLWithPath: live)) == liveBytes)
        for file in liveFiles {
            let modified = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date
            #expect(modified == past, "\(file) was modified")
        }
        let liveSummary = try s.runRaw(["summary", "--json"], environment: env)
        #expect(try liveSummary.json()["database"] as? String == live, "\(liveSummary)")
        #expect(try liveSummary.json()["patients"] as? Int == 1, "\(liveSummary)")
        #expect(try liveSummary.json()["purpose"] as? String == "live", "\(liveSummary)")
    }

    @Test("six desks registering at the same moment into an existing database all succeed")
    func concurrentWritersExistingDatabase() throws {
        let s = try Sandbox()
        try s.add(["--family", "First", "--given", "Patient", "--dob", "1950-01-01"])
        try concurrentRegistrations(s, db: s.db, expectedCount: 7)
    }

    @Test("six desks setting up the same new database at once: one becomes its manager, the others are told it is set up; then all register")
    func concurrentWritersNewDatabase() throws {
        let s = try Sandbox()
        // The race is on creating and migrating the file: try a few fresh files.
        for round in 1...16 {
            let db = s.path("new-\(round).sqlite")
            let outcomes = try (0..<6).map { _ in try s.launch(["init", "--json"], db: db) }.map { try $0.wait() }
            #expect(outcomes.filter { $0.status == Exit.ok }.count == 1, "\(outcomes)")
            for outcome in outcomes where outcome.status != Exit.ok {
                #expect(outcome.status == Exit.refused, "\(outcome)")
                #expect(outcome.stderr.contains("already set up"), "\(outcome)")
                #expect(!outcome.stderr.contains("locked"), "\(outcome)")
            }
            try concurrentRegistrations(s, db: db, expectedCount: 6)
        }
    }

    func concurrentRegistrations(_ s: Sandbox, db: String, expectedCount: Int,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let families = ["Adams", "Baker", "Clarke", "Davies", "Edwards", "Fisher"]
        let numbers = testNHSNumbers(families.count)
        let running = try families.enumerated().map { i, family in
            try s.launch(["patient", "add", "--json", "--family", family, "--given", "Desk", "--dob",
                          "1960-0\(i + 1)-15", "--nhs", numbers[i]], db: db)
        }
        let outcomes = try running.map { try $0.wait() }
        for outcome in outcomes {
            let firstErrorLine = outcome.stderr.split(separator: "\n").first.map(String.init) ?? ""
            #expect(outcome.status == Exit.ok, "exit \(outcome.status): \(firstErrorLine)", sourceLocation: sourceLocation)
            #expect(!outcome.stderr.contains("locked"), "\(outcome)", sourceLocation: sourceLocation)
        }
        let mrns = outcomes.compactMap { try? $0.json()["mrn"] as? String }
        #expect(Set(mrns).count == mrns.count, "hospital numbers must be distinct: \(mrns)", sourceLocation: sourceLocation)
        #expect(try s.patientCount(db: db) == expectedCount, sourceLocation: sourceLocation)
        #expect(try s.search("desk", db: db).results.count == families.count, sourceLocation: sourceLocation)
    }
}

@Suite("--demo never opens real patients")
struct DemoAgainstLiveTests {
    @Test("--demo with a --db that holds real patients is refused and nothing is added")
    func demoWithLiveDatabase() throws {
        let s = try Sandbox()
        try s.add(["--family", "Real", "--given", "Person", "--dob", "12/03/1956"])
        let r = try s.run(["--demo", "patient", "add", "--family", "Fake", "--given", "Person", "--dob", "01/01/1960"])
        #expect(r.status == Exit.refused, "\(r)")
        #expect(r.stderr.contains("real patients"), "\(r)")
        #expect(try s.patientCount() == 1)
    }
}

@Suite("a refused first write makes no database")
struct RefusedFirstWriteTests {
    @Test("a refused add or a file missing a required column leaves no file at a new path")
    func noFileForRefusals() throws {
        let s = try Sandbox(initialised: false)
        let add = try s.run(["patient", "add", "--family", "Smith2", "--given", "John", "--dob", "1950-01-01"])
        #expect(add.status == Exit.refused, "\(add)")
        #expect(!FileManager.default.fileExists(atPath: s.db))
        let file = try s.write("nodob.csv", "family_name,given_names\nSmith,John\n")
        let imported = try s.run(["import", "patients", file])
        #expect(imported.status == Exit.refused, "\(imported)")
        #expect(imported.stderr.contains("date_of_birth"), "\(imported)")
        #expect(!FileManager.default.fileExists(atPath: s.db))
    }
}

@Suite("global options anywhere")
struct GlobalOptionsAnywhereTests {
    @Test("--db between the words of a subcommand works; after -- it is a search word")
    func betweenWords() throws {
        let s = try Sandbox()
        try s.add(["--family", "Example", "--given", "Nora", "--dob", "1970-01-01"])
        let r = try s.runRaw(["patient", "--db", s.db, "search", "--json", "exam"])
        #expect(r.status == Exit.ok, "\(r)")
        #expect(r.stdout.contains("\"family_name\":\"Example\""), "\(r)")
        let literal = try s.runRaw(["patient", "search", "--db", s.db, "--json", "--", "--db"])
        #expect(literal.status == Exit.ok, "\(literal)")
        #expect(literal.stdout.contains("\"results\":[]"), "\(literal)")
    }
}

@Suite("review findings, end to end")
struct ReviewEndToEndTests {
    @Test("an edit that changes nothing prints no record and audits nothing")
    func noOpEdit() throws {
        let s = try Sandbox()
        let added = try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        let mrn = try #require(added["mrn"] as? String)
        let r = try s.run(["patient", "edit", mrn, "--sex", "unknown", "--json"])
        #expect(r.status == Exit.ok, "\(r)")
        #expect(r.stdout.contains("\"patient\":null"), "\(r)")
        #expect(try s.audit(patient: mrn).count == 1)
    }

    @Test("two desks editing different fields of one record at once both keep their change")
    func concurrentEdits() throws {
        let s = try Sandbox()
        let added = try s.add(["--family", "Smith", "--given", "John", "--dob", "12/03/1956"])
        let mrn = try #require(added["mrn"] as? String)
        for round in 1...5 {
            let phone = try s.launch(["patient", "edit", mrn, "--phone", "0151 556 500\(round)"], db: s.db)
            let town = try s.launch(["patient", "edit", mrn, "--town", "Town\(round)"], db: s.db)
            #expect(try phone.wait().status == Exit.ok)
            #expect(try town.wait().status == Exit.ok)
            let shown = try s.run(["patient", "show", mrn, "--json"])
            #expect(shown.stdout.contains("Town\(round)"), "round \(round): \(shown)")
            #expect(shown.stdout.contains("0151 556 500\(round)"), "round \(round): \(shown)")
        }
    }

    @Test("a second demo seed with another seed adds its patients")
    func secondSeed() throws {
        let s = try Sandbox()
        let db = s.path("demo-two.sqlite")
        #expect(try s.run(["demo", "seed", "--patients", "300", "--seed", "1"], db: db).status == Exit.ok)
        let second = try s.run(["demo", "seed", "--patients", "300", "--seed", "7"], db: db)
        #expect(second.status == Exit.ok, "\(second)")
        #expect(try s.patientCount(db: db) == 600)
    }
}

@Suite("a database file others can read is reported")
struct ExposedFileTests {
    @Test("a file readable by every user gets a warning saying how to fix it; a private one gets none")
    func warnsAboutAnExposedFile() throws {
        let s = try Sandbox()
        let quiet = try s.run(["summary"])
        #expect(quiet.status == Exit.ok, "\(quiet)")
        #expect(!quiet.stderr.contains("warning"), "\(quiet)")
        _ = chmod(s.db, 0o644)
        let warned = try s.run(["summary"])
        #expect(warned.status == Exit.ok, "\(warned)")
        #expect(warned.stderr.contains("can be read by every user"), "\(warned)")
        #expect(warned.stderr.contains("chmod 600"), "\(warned)")
        _ = chmod(s.db, 0o640)
        let group = try s.run(["summary"])
        #expect(group.stderr.contains("not a shared install"), "\(group)")
        #expect(group.stderr.contains("--shared-group"), "\(group)")
    }
}

@Suite("a demo database made before staff existed")
struct OldDemoDatabaseTests {
    @Test("opening a demo database with no staff makes you its manager; a live one without staff refuses you")
    func demoWithoutStaff() throws {
        let s = try Sandbox(initialised: false)
        let demo = s.path("demo.sqlite")
        #expect(try s.run(["demo", "seed", "--patients", "3"], db: demo).status == Exit.ok)
        for db in [demo] {
            let wipe = Process()
            wipe.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            wipe.arguments = [db, "DELETE FROM staff_team; DELETE FROM staff;"]
            try wipe.run(); wipe.waitUntilExit()
        }
        let me = try s.run(["staff", "whoami", "--json"], db: demo)
        #expect(me.status == Exit.ok, "\(me)")
        #expect(try me.json()["role"] as? String == "manager")
        // A live database without staff is set up only by init.
        try s.initialise(s.db)
        let wipe = Process()
        wipe.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        wipe.arguments = [s.db, "DELETE FROM staff_team; DELETE FROM staff;"]
        try wipe.run(); wipe.waitUntilExit()
        let refused = try s.run(["patient", "search", "smith"])
        #expect(refused.status == Exit.forbidden, "\(refused)")
        #expect(try s.run(["init"]).status == Exit.ok, "init sets up a live database that has no staff")
    }
}
