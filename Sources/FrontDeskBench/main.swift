// `make bench`: builds a large synthetic database with the real `frontdesk`
// binary, then measures every search mode in-process through the same code the
// application uses (PatientService → PatientStore → PatientSearch), next to the
// core SQL of each mode run on the raw SQLite connection, and finally the
// whole `frontdesk patient search` process (wall time and peak memory).
// It prints figures; it checks only its own set-up (a day it tops up to 2,000
// appointments must then hold them, or it stops).
import Foundation
import GRDB
import GRDBSQLite
import FrontDeskDomain
import FrontDeskStore
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var patients = 1_000_000
    var db: String?
    var frontdesk: String?
    var iterations = 200
    var processRuns = 30
    /// Profile one query: run it `iterations` times in-process and stop.
    var only: String?
    /// Rows of the audit trail verified by section 5 (0 skips it).
    var auditRows = 1_000_000
    /// Runs of `frontdesk audit verify` timed.
    var auditRuns = 5
    /// Run section 5 (the audit trail) only, and stop.
    var onlyAudit = false
    /// Section 6 (booking on the demo centre): which parts to run alone (nil: all, after the others).
    var onlyBooking: Set<BookingSection>?
    var skipBooking = false
    var bookingIterations = 300
    var workers = 8
    var concurrentSeconds = 30.0
    /// Months of history of the demo centre added for section 6 (its diary is two years from then).
    var historyMonths = 14
    /// Worker mode of the concurrent booking run (started by the benchmark itself).
    var bookingWorker = false
    var workerSeconds = 30.0
    var workerSeed: UInt64 = 1
    var workerStart = 0.0
    /// Trace this many bookings statement by statement, and stop.
    var traceBooking = 0
    /// Course planning growth (in memory, no database) alone, and stop.
    var onlyPlanGrowth = false
    /// Plans timed per protocol in the course-planning section (0: booking iterations / 3, at least 30).
    var planRuns = 0
    /// Section 7 (enquiries): past enquiries in the database, calls timed per operation; alone, or left out.
    var enquiries = 500_000
    var enquiryIterations = 300
    var onlyEnquiries = false
    var skipEnquiries = false
    /// Trace this many enquiries logged statement by statement, and stop.
    var traceEnquiry = 0
    /// The end-of-day checklist (Checklist.swift) alone, and stop.
    var onlyChecklist = false
    /// Issue 8's pull list alone (PullList.swift), and stop; or left out.
    var onlyPullList = false
    var skipPullList = false

    init(_ args: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fatalError("missing value for \(args[i - 1])") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--patients": patients = Int(value())!
            case "--db": db = value()
            case "--frontdesk": frontdesk = value()
            case "--iterations": iterations = Int(value())!
            case "--process-runs": processRuns = Int(value())!
            case "--only": only = value()
            case "--audit-rows": auditRows = Int(value())!
            case "--audit-runs": auditRuns = Int(value())!
            case "--only-audit": onlyAudit = true
            case "--only-booking":
                let list = value()
                onlyBooking = list == "all" ? Set(BookingSection.allCases)
                    : Set(list.split(separator: ",").map { part in
                        guard let section = BookingSection(rawValue: String(part)) else {
                            fatalError("--only-booking takes all or a list of \(BookingSection.allCases.map(\.rawValue).joined(separator: ","))")
                        }
                        return section
                    })
            case "--no-booking": skipBooking = true
            case "--booking-iterations": bookingIterations = Int(value())!
            case "--workers": workers = Int(value())!
            case "--concurrent-seconds": concurrentSeconds = Double(value())!
            case "--history-months": historyMonths = Int(value())!
            case "--booking-worker": bookingWorker = true
            case "--worker-seconds": workerSeconds = Double(value())!
            case "--worker-seed": workerSeed = UInt64(value())!
            case "--worker-start": workerStart = Double(value())!
            case "--trace-booking": traceBooking = Int(value())!
            case "--only-plan-growth": onlyPlanGrowth = true
            case "--plan-runs": planRuns = Int(value())!
            case "--enquiries": enquiries = Int(value())!
            case "--enquiry-iterations": enquiryIterations = Int(value())!
            case "--only-enquiries": onlyEnquiries = true
            case "--no-enquiries": skipEnquiries = true
            case "--trace-enquiry": traceEnquiry = Int(value())!
            case "--only-checklist": onlyChecklist = true
            case "--only-pull-list": onlyPullList = true
            case "--no-pull-list": skipPullList = true
            case "--trace": break
            case "--help", "-h":
                print("FrontDeskBench [--patients N] [--db PATH] [--frontdesk PATH] [--iterations N] [--process-runs N]")
                print("               [--only QUERY [--trace]] [--audit-rows N (0: skip)] [--audit-runs N] [--only-audit]")
                print("               [--only-booking all|next,book,clinic,concurrent] [--no-booking] [--booking-iterations N]")
                print("               [--workers N] [--concurrent-seconds S] [--history-months N]")
                print("               [--only-plan-growth] [--plan-runs N]")
                print("               [--only-enquiries] [--no-enquiries] [--enquiries N] [--enquiry-iterations N] [--trace-enquiry N]")
                print("               [--only-pull-list] [--no-pull-list] [--only-checklist]")
                exit(0)
            default: fatalError("unknown argument \(args[i])")
            }
            i += 1
        }
    }
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
if options.onlyPlanGrowth {
    planGrowthBenchmark(runs: options.planRuns > 0 ? options.planRuns : 30)
    exit(0)
}
let dbPath = options.db ?? "bench-data/bench-\(options.patients).sqlite"
let frontdesk = options.frontdesk ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("frontdesk").path

func machineDescription() -> String {
    let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("model name") }?
        .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
    let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
    return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(memory) GiB RAM"
}

/// Runs a process under GNU time (Debian's `time` package), which reports the
/// child's own peak memory (a child spawned straight from this large process
/// would be charged this process's pages too); returns (exit status, wall
/// seconds, peak RSS in KiB, standard output).
func runProcess(_ command: String, _ commandArgs: [String]) -> (Int32, Double, Int, String) {
    let outPath = "bench-data/.process-output"
    let memoryPath = "bench-data/.process-memory"
    let path = "/usr/bin/time"
    let args = ["-f", "%M", "-o", memoryPath, command] + commandArgs
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { fatalError("cannot start \(path)") }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let memory = (try? String(contentsOfFile: memoryPath, encoding: .utf8))?
        .split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
    return ((status >> 8) & 0xff, seconds, memory, output)
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return sorted[max(0, index)]
}

func ms(_ seconds: Double) -> String { String(format: "%7.2f", seconds * 1000) }

if options.bookingWorker {
    try bookingWorker(db: dbPath, seconds: options.workerSeconds, seed: options.workerSeed, startAt: options.workerStart)
    exit(0)
}

if options.traceBooking > 0 {
    try traceBookings(db: dbPath, count: options.traceBooking)
    exit(0)
}

if options.traceEnquiry > 0 {
    try traceEnquiries(db: dbPath, count: options.traceEnquiry)
    exit(0)
}

if options.onlyAudit {
    print("machine: \(machineDescription())")
    try auditBenchmark()
    exit(0)
}

if options.onlyChecklist {
    print("machine: \(machineDescription())")
    try checklistBenchmark(db: dbPath, iterations: options.iterations)
    exit(0)
}

func bookingSettings(_ sections: Set<BookingSection>) -> BookingBenchSettings {
    BookingBenchSettings(dbPath: dbPath, frontdesk: frontdesk, iterations: options.bookingIterations, workers: options.workers,
                         seconds: options.concurrentSeconds, historyMonths: options.historyMonths, sections: sections,
                         planRuns: options.planRuns)
}

print("FrontDesk search benchmark")
print("machine: \(machineDescription())")
print("database: \(dbPath)")

// 1. Build the database with the real command (timed), unless it is already there.
try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: dbPath).deletingLastPathComponent().path,
                                        withIntermediateDirectories: true)
var existing = 0
if FileManager.default.fileExists(atPath: dbPath) {
    existing = try AppDatabase.open(path: dbPath).statistics().patients
}
if existing != options.patients {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
    print("seeding \(options.patients) patients with: \(frontdesk) demo seed --patients \(options.patients) --db \(dbPath)")
    let (status, seconds, rss, _) = runProcess(frontdesk, ["demo", "seed", "--patients", String(options.patients), "--db", dbPath])
    guard status == 0 else { fatalError("seeding failed with status \(status)") }
    print(String(format: "seed: %d patients in %.1f s (%.0f patients/s), peak memory %.0f MB", options.patients, seconds,
                 Double(options.patients) / seconds, Double(rss) / 1024))
} else {
    print("seed: reusing the existing \(existing)-patient database (delete it to time seeding)")
}
let size = ((try? FileManager.default.attributesOfItem(atPath: dbPath)[.size]) as? Int) ?? 0
print(String(format: "database file: %.0f MB", Double(size) / 1e6))

if let sections = options.onlyBooking {
    try bookingBenchmark(bookingSettings(sections), run: runProcess)
    exit(0)
}

let pullListSettings = PullListBenchSettings(dbPath: dbPath, frontdesk: frontdesk, iterations: options.bookingIterations,
                                             historyMonths: options.historyMonths)
if options.onlyPullList {
    try pullListBenchmark(pullListSettings, run: runProcess)
    exit(0)
}

let enquirySettings = EnquiryBenchSettings(dbPath: dbPath, enquiries: options.enquiries, iterations: options.enquiryIterations)
if options.onlyEnquiries {
    try enquiryBenchmark(enquirySettings)
    exit(0)
}

// Steady state of a desk machine: the file is in the operating system's cache
// (a reused database may have been pushed out of it since it was built).
if let handle = FileHandle(forReadingAtPath: dbPath) {
    while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {}
    try handle.close()
}

// 2. Queries for each mode, sampled from the database itself.
let database = try AppDatabase.open(path: dbPath)
let clock = SystemClock()
let store = PatientStore(database, clock: clock)
let access = AccessControl(staff: StaffStore(database, clock: clock))
let service = PatientService(patients: store, audit: store, access: access, clock: clock)
// The OS user who runs the bench made the database with `demo seed`, so is its
// manager (a database from before staff existed gets them as first manager).
let user = ActingUser(login: getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "bench")
_ = try StaffService(access: access, audit: store, clock: clock).initialise(as: user, displayName: user.login)

/// Times `body` `count` times; returns sorted seconds.
func time(_ count: Int, _ body: (Int) throws -> Void) rethrows -> [Double] {
    var times: [Double] = []
    times.reserveCapacity(count)
    for i in 0..<count {
        let start = DispatchTime.now().uptimeNanoseconds
        try body(i)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()
}

if let only = options.only, CommandLine.arguments.contains("--trace") {
    // Every statement of one search with its duration, to see where time goes.
    var config = Configuration()
    config.prepareDatabase { db in
        db.trace(options: .profile) { event in
            if case let .profile(statement, duration) = event {
                print(String(format: "%8.3f ms  ", duration * 1000) + statement.expandedSQL.prefix(400))
            }
        }
    }
    let traced = try AppDatabase(DatabasePool(path: dbPath, configuration: config))
    let tracedStore = PatientStore(traced, clock: clock)
    _ = try tracedStore.search(SearchQuery.parse(only), limit: 50)
    exit(0)
}
if let only = options.only {
    let times = try time(options.iterations) { _ in _ = try service.search(only, by: user) }
    print("\(only): p50 \(ms(percentile(times, 0.5))) ms, p95 \(ms(percentile(times, 0.95))) ms")
    exit(0)
}

struct Sample { var nhs: String?; var mrn: String; var dob: String; var postcode: String?; var district: String?; var family: String; var given: String; var phone: String? }
let samples: [Sample] = try database.writer.read { db in
    try Row.fetchAll(db, sql: """
        SELECT nhs_number, mrn, date_of_birth, postcode, postcode_district, family_name, given_names,
               (SELECT number FROM patient_phone WHERE patient_id = patient.id LIMIT 1) AS phone
        FROM patient WHERE id IN (SELECT abs(random()) % (SELECT max(id) FROM patient) + 1 FROM patient LIMIT ?)
        """, arguments: [options.iterations * 2]).map {
        Sample(nhs: $0[0], mrn: $0[1], dob: $0[2], postcode: $0[3], district: $0[4], family: $0[5], given: $0[6], phone: $0[7])
    }
}
func pick<T>(_ f: (Sample) -> T?) -> [T] { Array(samples.compactMap(f).prefix(options.iterations)) }
func spaced(_ d: String) -> String { NHSNumber(d)?.formatted ?? d }
func ukDate(_ iso: String) -> String { let p = iso.split(separator: "-"); return "\(p[2])/\(p[1])/\(p[0])" }
func folded(_ s: String) -> String { NameFolding.fold(s) }
/// A name as a clerk types it: the family name whole (`obrien` for O'Brien), the first given name.
func familyTyped(_ s: String) -> String { NameFolding.key(s) }
func firstWord(_ s: String) -> String { NameFolding.words(s).first ?? folded(s) }
let soundsAlike = ["smyth", "thomson", "stephens", "reed", "jonson", "philips", "mathews", "clarke", "grey", "brown"]

/// (mode, queries, raw SQL and its arguments for one query)
typealias RawQuery = (sql: String, args: [any DatabaseValueConvertible])
let modes: [(String, [String], (String) -> RawQuery)] = [
    ("NHS number (spaced)", pick { $0.nhs.map(spaced) }, { q in ("SELECT * FROM patient WHERE nhs_number = ?", [q.replacingOccurrences(of: " ", with: "")]) }),
    ("hospital number", pick { $0.mrn.lowercased() }, { q in ("SELECT * FROM patient WHERE mrn_key = ?", [q.uppercased()]) }),
    ("date of birth dd/mm/yyyy", pick { ukDate($0.dob) }, { q in ("SELECT * FROM patient WHERE date_of_birth = ? ORDER BY family_key, given_key, id LIMIT 50", [LocalDate.parse(q)!.iso]) }),
    ("phone number", pick { $0.phone }, { q in ("SELECT p.* FROM patient_phone ph JOIN patient p ON p.id = ph.patient_id WHERE ph.number_key = ?", [PhoneNumber.key(q)!]) }),
    ("postcode (no space)", pick { $0.postcode?.replacingOccurrences(of: " ", with: "").lowercased() }, { q in ("SELECT * FROM patient WHERE postcode = ? ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [Postcode(q)!.value]) }),
    ("outward code", pick { $0.district }, { q in ("SELECT * FROM patient WHERE postcode_district = ? ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [q]) }),
    ("family name", pick { familyTyped($0.family) }, { q in ("SELECT * FROM patient WHERE family_key >= ? AND family_key < ? ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [q, q + "\u{10FFFF}"]) }),
    ("family + given prefix", pick { "\(familyTyped($0.family)) \(String(firstWord($0.given).prefix(2)))" }, { q in
        let w = q.split(separator: " ").map(String.init)
        return ("SELECT * FROM patient WHERE family_key >= ? AND family_key < ? AND instr(other_words, ?) > 0 ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [w[0], w[0] + "\u{10FFFF}", " " + w[1]]) }),
    ("given + family, any order", pick { "\(firstWord($0.given)) \(familyTyped($0.family))" }, { q in
        let w = q.split(separator: " ").map(String.init)
        return ("SELECT * FROM patient WHERE family_key >= ? AND family_key < ? AND instr(other_words, ?) > 0 ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [w[1], w[1] + "\u{10FFFF}", " " + w[0]]) }),
    ("name + date of birth", pick { "\(familyTyped($0.family)) \(ukDate($0.dob))" }, { q in
        let w = q.split(separator: " ").map(String.init)
        return ("SELECT * FROM patient WHERE date_of_birth = ? AND instr(family_words, ?) > 0 ORDER BY family_key, given_key, id LIMIT 50", [LocalDate.parse(w[1])!.iso, " " + w[0]]) }),
    ("name + outward code", pick { p in p.district.map { "\(familyTyped(p.family)) \($0)" } }, { q in
        let w = q.split(separator: " ").map(String.init)
        return ("SELECT * FROM patient WHERE postcode_district = ? AND instr(family_words, ?) > 0 ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [w[1], " " + w[0]]) }),
    ("name + birth year", pick { "\(familyTyped($0.family)) \($0.dob.prefix(4))" }, { q in
        let w = q.split(separator: " ").map(String.init)
        return ("SELECT * FROM patient WHERE family_key >= ? AND family_key < ? AND date_of_birth >= ? AND date_of_birth < ? ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [w[0], w[0] + "\u{10FFFF}", w[1], String(Int(w[1])! + 1)]) }),
    ("sounds like", Array((0..<options.iterations).map { soundsAlike[$0 % soundsAlike.count] }), { q in
        ("SELECT p.* FROM patient_name_sound s JOIN patient p ON p.id = s.patient_id WHERE s.sound = ? ORDER BY s.family_key, s.given_key, s.date_of_birth, s.patient_id LIMIT 50", [SoundsLike.key(q)!]) }),
]
let typing = ["s", "sm", "smi", "smit", "smith", "smith j"]

/// The raw statement through the C API, stepping every row.
func rawRun(_ db: Database, _ query: RawQuery) throws {
    let statement = try db.makeStatement(sql: query.sql)
    try statement.setArguments(StatementArguments(query.args.map { Optional($0) }))
    let handle = statement.sqliteStatement
    while sqlite3_step(handle) == SQLITE_ROW {}
    sqlite3_reset(handle)
}

var slowestQueries: [String] = []
print("")
print("in-process latency, ms (\(options.iterations) queries per mode, each query different where the mode allows)")
print("mode                          p50     p95     p99  | raw SQL p50   p95     p99  | results")
var worstP95 = 0.0
for (name, queries, raw) in modes where !queries.isEmpty {
    var found = 0
    _ = try service.search(queries[0], by: user) // warm the cache
    var slowest = (0.0, "")
    let ours = try time(queries.count) { i in
        let start = DispatchTime.now().uptimeNanoseconds
        found += try service.search(queries[i % queries.count], by: user).results.count
        let took = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if took > slowest.0 { slowest = (took, queries[i % queries.count]) }
    }
    slowestQueries.append("\(name): '\(slowest.1)' \(ms(slowest.0).trimmingCharacters(in: .whitespaces)) ms")
    let rawTimes = try database.writer.read { db in try time(queries.count) { i in try rawRun(db, raw(queries[i % queries.count])) } }
    worstP95 = max(worstP95, percentile(ours, 0.95))
    print("\(name.padding(toLength: 26, withPad: " ", startingAt: 0)) \(ms(percentile(ours, 0.5))) \(ms(percentile(ours, 0.95))) \(ms(percentile(ours, 0.99)))  | \(ms(percentile(rawTimes, 0.5))) \(ms(percentile(rawTimes, 0.95))) \(ms(percentile(rawTimes, 0.99)))  | \(String(format: "%.1f", Double(found) / Double(queries.count))) avg")
}
print("slowest query of each mode: " + slowestQueries.joined(separator: "; "))
print("")
print("as-you-type prefixes, ms (\(options.iterations) runs each)")
print("query        p50     p95     p99  | raw SQL p50   p95     p99  | shown  more")
for q in typing {
    _ = try service.search(q, by: user)
    let ours = try time(options.iterations) { _ in _ = try service.search(q, by: user) }
    let words = q.split(separator: " ").map(String.init)
    let rawQuery: RawQuery = words.count == 1
        ? ("SELECT * FROM patient WHERE family_key >= ? AND family_key < ? ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [q, q + "\u{10FFFF}"])
        : ("SELECT * FROM patient WHERE family_key >= ? AND family_key < ? AND instr(other_words, ?) > 0 ORDER BY family_key, given_key, date_of_birth, id LIMIT 50", [words[0], words[0] + "\u{10FFFF}", " " + words[1]])
    let rawTimes = try database.writer.read { db in try time(options.iterations) { _ in try rawRun(db, rawQuery) } }
    let result = try service.search(q, by: user)
    worstP95 = max(worstP95, percentile(ours, 0.95))
    print("\(q.padding(toLength: 10, withPad: " ", startingAt: 0)) \(ms(percentile(ours, 0.5))) \(ms(percentile(ours, 0.95))) \(ms(percentile(ours, 0.99)))  | \(ms(percentile(rawTimes, 0.5))) \(ms(percentile(rawTimes, 0.95))) \(ms(percentile(rawTimes, 0.99)))  | \(String(format: "%5d", result.results.count))  \(result.moreText)")
}
print(String(format: "\nworst in-process p95: %.2f ms (target 5 ms)", worstP95 * 1000))

// 3. Importing a CSV file of 100,000 patients (1% bad rows) into a new database.
do {
    let rows = 100_000
    let csvPath = "bench-data/import-\(rows).csv"
    let importDB = "bench-data/import-\(rows).sqlite"
    for suffix in ["", "-wal", "-shm", "-audit-head"] { try? FileManager.default.removeItem(atPath: importDB + suffix) }
    // A live database is set up by init (the OS user running the bench is its manager).
    let (initStatus, _, _, _) = runProcess(frontdesk, ["init", "--db", importDB])
    guard initStatus == 0 else { fatalError("frontdesk init failed with status \(initStatus)") }
    let people = DemoPopulation(seed: 99, today: CentreTime.today(Date()))
    // Data read back by the import: quoted only (no spreadsheet guard).
    func field(_ value: String?) -> String { CSVWriter.quoted(value ?? "") }
    var csv = "nhs_number,mrn,title,family_name,given_names,date_of_birth,sex,address_line_1,address_line_2,town,postcode,phone,email,gp_practice_code,gp_practice_name\n"
    for n in 1...rows {
        let p = people.patient(number: n)
        let dob = n % 100 == 0 ? "31/02/1950" : p.dateOfBirth.iso   // 1% rejected
        let line: [String?] = [p.nhsNumber?.digits, "IMP\(n)", p.title, p.familyName, p.givenNames, dob, p.sex.rawValue,
                               p.addressLine1, p.addressLine2, p.town, p.postcode?.value, p.phones.first?.number, p.email,
                               p.gpPractice?.code, p.gpPractice?.name]
        csv += line.map(field).joined(separator: ",") + "\n"
    }
    try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
    let (status, seconds, rss, _) = runProcess(frontdesk, ["import", "patients", csvPath, "--db", importDB, "--json"])
    print(String(format: "\nimport: %d-row CSV in %.1f s (%.0f rows/s), exit status %d (4 = some rows rejected, as planted), peak memory %.0f MB",
                 rows, seconds, Double(rows) / seconds, status, Double(rss) / 1024))
}

// 4. The whole process, as a script or the shell would run it.
print("\nwhole process: frontdesk patient search QUERY --db \(dbPath) --json (\(options.processRuns) runs per query)")
print("query            p50 ms  p95 ms  max ms  peak memory MB")
for q in ["smith j", "s", pick { $0.nhs.map(spaced) }.first ?? "943 476 5919", "CH63"] {
    var times: [Double] = []
    var peak = 0
    for _ in 0..<options.processRuns {
        let (status, seconds, rss, _) = runProcess(frontdesk, ["patient", "search", q, "--db", dbPath, "--json"])
        guard status == 0 else { fatalError("search failed with status \(status)") }
        times.append(seconds)
        peak = max(peak, rss)
    }
    times.sort()
    print("\(q.padding(toLength: 14, withPad: " ", startingAt: 0)) \(ms(percentile(times, 0.5)))  \(ms(percentile(times, 0.95)))  \(ms(times.last!))  \(String(format: "%6.1f", Double(peak) / 1024))")
}

// 5. The audit trail: `frontdesk audit verify` on a 1,000,000-row trail, as a
// whole process (target: under 10 s). The trail is built once in
// bench-data/audit-N.sqlite (`frontdesk init`, then rows appended through the
// store's own sealing code, 50,000 to a transaction) and reused while it holds
// exactly N rows; delete it to time building it again.
if options.auditRows > 0 { try auditBenchmark() }

// 6. Booking on the demo centre (Booking.swift): next available, booking,
// clinic day list, and 8 processes booking at once.
if !options.skipBooking { try bookingBenchmark(bookingSettings(Set(BookingSection.allCases)), run: runProcess) }

// 7. Enquiries (Enquiries.swift): logging one, the open queue with its filters
// and the overdue count, with 500,000 past enquiries added once.
if !options.skipEnquiries { try enquiryBenchmark(enquirySettings) }

// 8. The case-note pull list (PullList.swift): a day of 2,000 appointments, through CaseNoteService.
if !options.skipPullList { try pullListBenchmark(pullListSettings, run: runProcess) }

// 9. The end-of-day checklist (Checklist.swift): the busiest day topped up to 2,000 appointments.
try checklistBenchmark(db: dbPath, iterations: options.iterations)

func auditBenchmark() throws {
    let rows = options.auditRows
    let path = "bench-data/audit-\(rows).sqlite"
    let fm = FileManager.default
    try fm.createDirectory(atPath: "bench-data", withIntermediateDirectories: true)
    func auditRowCount() throws -> Int {
        try AppDatabase.open(path: path).writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_event") ?? 0 }
    }
    var have = 0
    if fm.fileExists(atPath: path) && fm.fileExists(atPath: path + "-audit-head") { have = try auditRowCount() }
    print("\naudit trail: \(rows) rows in \(path)")
    if have != rows {
        for suffix in ["", "-wal", "-shm", "-audit-head", "-audit-head.new"] { try? fm.removeItem(atPath: path + suffix) }
        let (status, _, _, _) = runProcess(frontdesk, ["init", "--db", path, "--name", "Bench Manager"])
        guard status == 0 else { fatalError("frontdesk init failed with status \(status)") }
        let database = try AppDatabase.open(path: path)
        let store = PatientStore(database, clock: SystemClock())
        let first = try auditRowCount()   // the first manager's row
        // A desk's day, over and over: mostly records opened, some edits and registrations, a few staff changes.
        let logins = ["clerk1", "clerk2", "j.smith", "a.patel-jones", "officer1", "rhiannon.evans"]
        let start = Date(timeIntervalSince1970: 1_767_225_600)   // 1-Jan-2026
        let built = DispatchTime.now().uptimeNanoseconds
        try store.appendAuditEntries(count: rows - first, progress: { done in
            if done % 200_000 == 0 { print("  \(done) rows appended") }
        }) { i in
            let mrn = "FD" + String(format: "%07d", 1 + (i &* 7_919) % 1_000_000)
            let at = start.addingTimeInterval(Double(i) * 30)
            let user = logins[i % logins.count]
            switch i % 20 {
            case 0..<11: return AuditEntry(occurredAt: at, user: user, action: .view, patientID: nil, patientMRN: mrn, detail: "opened record")
            case 11..<16: return AuditEntry(occurredAt: at, user: user, action: .edit, patientID: nil, patientMRN: mrn,
                                            detail: "changed address_line_1, town, postcode, phones")
            case 16..<19: return AuditEntry(occurredAt: at, user: user, action: .register, patientID: nil, patientMRN: mrn, detail: "registered")
            default: return AuditEntry(occurredAt: at, user: "manager", action: .staff, patientID: nil,
                                       detail: "\(user) role clerk → officer")
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - built) / 1e9
        print(String(format: "built: %d rows appended in %.1f s (%.0f rows/s) through PatientStore.append", rows - first,
                     seconds, Double(rows - first) / seconds))
        try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    } else {
        print("reusing the existing \(have)-row trail (delete it to time building it)")
    }
    let size = ((try? fm.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
    print(String(format: "database file: %.0f MB", Double(size) / 1e6))
    // As for the patient database: the file in the operating system's cache.
    if let handle = FileHandle(forReadingAtPath: path) {
        while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {}
        try handle.close()
    }

    // Where the time goes: the same verification in-process, next to a bare
    // scan of the same columns through the C API.
    let database = try AppDatabase.open(path: path)
    var began = DispatchTime.now().uptimeNanoseconds
    let result = try PatientStore(database, clock: SystemClock()).verify()
    let inProcess = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    guard result.isIntact, result.rows == rows else { fatalError("the bench trail does not verify: \(result)") }
    began = DispatchTime.now().uptimeNanoseconds
    var bytes = 0
    try database.writer.read { db in
        let statement = try db.makeStatement(sql: """
            SELECT id, occurred_at, user_login, action, patient_id, patient_mrn, detail, previous_hash, hash
            FROM audit_event ORDER BY id
            """)
        let handle = statement.sqliteStatement
        while sqlite3_step(handle) == SQLITE_ROW {
            for column in 0..<Int32(9) { bytes += Int(sqlite3_column_bytes(handle, column)) }
        }
        sqlite3_reset(handle)
    }
    let scan = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    print(String(format: "in-process PatientStore.verify(): %.2f s; bare SQL scan of the same rows: %.2f s (%.0f MB of column data)",
                 inProcess, scan, Double(bytes) / 1e6))

    print("whole process: frontdesk audit verify --db \(path) --json (\(options.auditRuns) runs)")
    var times: [Double] = []
    var peak = 0
    for run in 1...max(1, options.auditRuns) {
        let (status, seconds, rss, output) = runProcess(frontdesk, ["audit", "verify", "--db", path, "--json"])
        let report = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any]
        guard status == 0, report?["intact"] as? Bool == true, report?["rows"] as? Int == rows else {
            fatalError("audit verify failed with status \(status): \(output)")
        }
        print(String(format: "  run %d: %.2f s, peak memory %.1f MB", run, seconds, Double(rss) / 1024))
        times.append(seconds)
        peak = max(peak, rss)
    }
    times.sort()
    print(String(format: "audit verify, %d rows: median %.2f s, max %.2f s, peak memory %.1f MB (target under 10 s)",
                 rows, percentile(times, 0.5), times.last!, Double(peak) / 1024))
}
