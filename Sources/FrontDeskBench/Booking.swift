// Section 6 of `make bench`: booking on the demo centre (two years of diaries,
// at least 500,000 appointments) in the 1,000,000-patient database — next
// available slots, a booking with every rule checked, the clinic day list,
// each through BookingService as the application calls it; then 8 processes
// (this program in worker mode) booking at once for 30 s.
import Foundation
import GRDB
import FrontDeskDomain
import FrontDeskStore
#if canImport(Glibc)
import Glibc
#endif

/// The sections of the booking benchmark, each runnable alone (`--only-booking next,book`).
enum BookingSection: String, CaseIterable {
    case next, book, clinic, plan, concurrent
}

struct BookingBenchSettings {
    var dbPath: String
    var frontdesk: String
    var iterations: Int
    var workers: Int
    var seconds: Double
    var historyMonths: Int
    var sections: Set<BookingSection>
    /// Plans timed per protocol (0: iterations / 3, at least 30).
    var planRuns = 0
}

/// Seconds since an arbitrary start, for timing.
func bookingNow() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func bookingPercentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
    return sorted[max(0, index)]
}

func msText(_ seconds: Double) -> String { String(format: "%6.2f", seconds * 1000) }

/// The services, and who holds each where, read from the templates.
struct CentreShape {
    struct Clinic: Hashable { var service: String; var site: String; var clinician: String }
    var clinics: [Clinic]
    var services: [String]
    var sites: [String]

    init(_ db: Database) throws {
        clinics = try Row.fetchAll(db, sql: "SELECT DISTINCT service_code, site_code, clinician_code FROM session_template ORDER BY 1, 2, 3")
            .map { Clinic(service: $0[0], site: $0[1], clinician: $0[2]) }
        services = Array(Set(clinics.map(\.service))).sorted()
        sites = Array(Set(clinics.map(\.site))).sorted()
    }
}

/// A small deterministic generator for the benchmark's choices.
struct BenchRandom {
    var generator: SplitMix64
    init(state: UInt64) { generator = SplitMix64(seed: state) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// The application's booking service on a database file, as a desk opens it.
func openBookingService(_ path: String) throws -> (AppDatabase, BookingService, ActingUser) {
    let database = try AppDatabase.open(path: path)
    let clock = SystemClock()
    let settings = SettingsStore(database, clock: clock)
    let service = BookingService(booking: BookingStore(database, clock: clock), access: AccessControl(staff: StaffStore(database, clock: clock)),
                                 clock: clock, closureDays: { try settings.closureDays() })
    let user = ActingUser(login: getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "bench")
    return (database, service, user)
}

/// Hospital numbers of random patients (some of them deceased: a booking for
/// them is refused, as at a real desk).
func samplePatients(_ db: Database, count: Int) throws -> [String] {
    try String.fetchAll(db, sql: """
        SELECT mrn FROM patient WHERE id IN (SELECT abs(random()) % (SELECT max(id) FROM patient) + 1 FROM patient LIMIT ?)
        """, arguments: [count])
}

/// A short name for why a booking was refused.
func refusalKind(_ error: BookingError) -> String {
    if error.kind == .slotFull { return "slot full (just taken at another desk)" }
    if error.field == "patient" && error.reason.contains("died") { return "patient has died" }
    if error.field == "patient" && error.reason.contains("overlaps") { return "patient has an overlapping appointment" }
    if error.field == "slot" && error.reason.contains("past") { return "slot is in the past" }
    if error.field == "slot" && error.reason.contains("cancelled") { return "session cancelled" }
    return "\(error.field): \(error.reason.prefix(40))"
}

func isLockedError(_ error: Error) -> Bool {
    if let db = error as? DatabaseError {
        return db.resultCode == .SQLITE_BUSY || db.resultCode == .SQLITE_LOCKED || (db.message ?? "").contains("locked")
    }
    return "\(error)".contains("database is locked")
}

// MARK: - the benchmark

func bookingBenchmark(_ s: BookingBenchSettings, run: (String, [String]) -> (Int32, Double, Int, String)) throws {
    print("\nbooking: the demo centre in \(s.dbPath)")
    // The demo centre, added once to the patient database (timed).
    let hasCentre = try AppDatabase.open(path: s.dbPath).writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM site") ?? 0
    } > 0
    if !hasCentre {
        let args = ["demo", "seed", "--patients", "0", "--centre", "--history-months", String(s.historyMonths), "--db", s.dbPath, "--json"]
        print("seeding the demo centre with: frontdesk " + args.joined(separator: " "))
        let (status, seconds, rss, output) = run(s.frontdesk, args)
        guard status == 0 else { fatalError("demo centre seed failed with status \(status): \(output)") }
        print(String(format: "centre seed: %.1f s, peak memory %.0f MB; %@", seconds, Double(rss) / 1024, output.trimmingCharacters(in: .whitespacesAndNewlines)))
    } else {
        print("centre: reusing the demo centre already in the database (delete the database to time seeding it)")
    }
    let (database, service, user) = try openBookingService(s.dbPath)
    let figures = try database.writer.read { db -> (Int, Int, Int, Int, String, String, Int) in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM patient") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM clinic_session") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM slot") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment") ?? 0,
         try String.fetchOne(db, sql: "SELECT min(date) FROM clinic_session") ?? "?",
         try String.fetchOne(db, sql: "SELECT max(date) FROM clinic_session") ?? "?",
         try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE status = 'booked'") ?? 0)
    }
    print("diary: \(figures.0) patients, \(figures.1) sessions \(figures.4) to \(figures.5), \(figures.2) slots, "
          + "\(figures.3) appointments (\(figures.6) still booked)" + (figures.3 >= 500_000 ? "" : "  ** fewer than 500,000 **"))
    let size = ((try? FileManager.default.attributesOfItem(atPath: s.dbPath)[.size]) as? Int) ?? 0
    print(String(format: "database file: %.0f MB", Double(size) / 1e6))
    if let handle = FileHandle(forReadingAtPath: s.dbPath) {
        while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {}
        try handle.close()
    }
    let shape = try database.writer.read { try CentreShape($0) }
    let patients = try database.writer.read { try samplePatients($0, count: max(1_000, s.iterations * 2)) }
    let today = CentreTime.today(Date())
    var random = BenchRandom(state: 20_261_124)

    if s.sections.contains(.next) {
        // Next available: a service from a date, with the filters a desk uses.
        let kinds = ["service only", "at a site", "with a clinician", "morning", "afternoon", "site + afternoon",
                     "clinician + morning", "on a weekday (tue)"]
        print("\nnext available (BookingService.slots, first 10 free slots; \(s.iterations) queries per filter, "
              + "each a random service and start date 0–60 days ahead)")
        print("filter                  p50 ms  p95 ms  p99 ms  max ms  slots found (avg)")
        var worst = 0.0
        var slowest = ""
        for kind in kinds {
            var times: [Double] = []
            var found = 0
            for _ in 0..<s.iterations {
                let clinic = random.pick(shape.clinics)
                var q = SlotQuery(serviceCode: clinic.service, from: today.adding(days: random.below(61)), limit: 10)
                switch kind {
                case "at a site": q.siteCode = clinic.site
                case "with a clinician": q.clinicianCode = clinic.clinician
                case "morning": q.dayPart = .am
                case "afternoon": q.dayPart = .pm
                case "site + afternoon": q.siteCode = clinic.site; q.dayPart = .pm
                case "clinician + morning": q.clinicianCode = clinic.clinician; q.dayPart = .am
                case "on a weekday (tue)": q.weekdays = [.tuesday]
                default: break
                }
                let start = bookingNow()
                found += try service.slots(q, by: user).count
                let took = bookingNow() - start
                times.append(took)
                if took > worst { worst = took; slowest = "\(kind): \(q.serviceCode) from \(q.from.iso) site \(q.siteCode ?? "-") clinician \(q.clinicianCode ?? "-")" }
            }
            times.sort()
            print("\(kind.padding(toLength: 22, withPad: " ", startingAt: 0)) \(msText(bookingPercentile(times, 0.5)))  \(msText(bookingPercentile(times, 0.95)))  \(msText(bookingPercentile(times, 0.99)))  \(msText(times.last!))  \(String(format: "%.1f", Double(found) / Double(s.iterations)))")
        }
        print("slowest: \(slowest) \(msText(worst)) ms")
    }

    if s.sections.contains(.book) {
        // One booking with every rule checked (patient, death, session, past,
        // capacity, overlap, tasks, trail, audit), in its own IMMEDIATE transaction.
        var times: [Double] = []
        var committed = 0
        var refused: [String: Int] = [:]
        for i in 0..<s.iterations {
            let clinic = random.pick(shape.clinics)
            let free = try service.slots(SlotQuery(serviceCode: clinic.service, from: today.adding(days: 1 + random.below(40)), limit: 10), by: user)
            guard let slot = free.isEmpty ? nil : random.pick(free) else { continue }
            let request = BookingRequest(patient: patients[i % patients.count], slotID: slot.id,
                                         priority: i % 5 == 0 ? .twoWeekWait : .routine,
                                         transport: i % 11 == 0 ? .hospital : .none, mobility: i % 11 == 0 ? .wheelchair : nil)
            let start = bookingNow()
            do {
                _ = try service.book(request, by: user)
                committed += 1
            } catch let error as BookingError {
                refused[refusalKind(error), default: 0] += 1
            }
            times.append(bookingNow() - start)
        }
        times.sort()
        print("\nbooking through BookingService.book (all rule checks, one transaction each, \(times.count) bookings of random free slots for random patients)")
        print("p50 \(msText(bookingPercentile(times, 0.5))) ms, p95 \(msText(bookingPercentile(times, 0.95))) ms, p99 \(msText(bookingPercentile(times, 0.99))) ms, max \(msText(times.last ?? 0)) ms; "
              + "committed \(committed), refused \(refused.values.reduce(0, +))" + (refused.isEmpty ? "" : " (" + refused.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ")"))
    }

    if s.sections.contains(.clinic) {
        // The clinic day list at reception: one clinic (site, service, clinician),
        // every clinic of a service at a site, and the whole site's day.
        print("\nclinic day list (BookingService.clinicDay, \(s.iterations) days each, random working days within 3 weeks of today)")
        print("list                         p50 ms  p95 ms  p99 ms  max ms  rows (avg)")
        for kind in ["one clinic", "a service at a site", "the whole site"] {
            var times: [Double] = []
            var rows = 0
            for _ in 0..<s.iterations {
                var date = today.adding(days: random.below(43) - 21)
                while date.weekday.isWeekend { date = date.adding(days: 1) }
                let clinic = random.pick(shape.clinics)
                var q = ClinicDayQuery(date: date, siteCode: clinic.site)
                if kind != "the whole site" { q.serviceCode = clinic.service }
                if kind == "one clinic" { q.clinicianCode = clinic.clinician }
                let start = bookingNow()
                rows += try service.clinicDay(q, by: user).count
                times.append(bookingNow() - start)
            }
            times.sort()
            print("\(kind.padding(toLength: 27, withPad: " ", startingAt: 0)) \(msText(bookingPercentile(times, 0.5)))  \(msText(bookingPercentile(times, 0.95)))  \(msText(bookingPercentile(times, 0.99)))  \(msText(times.last!))  \(String(format: "%.1f", Double(rows) / Double(s.iterations)))")
        }
    }

    if s.sections.contains(.plan) {
        // Planning a whole course (issue 6) through SequenceService, as `frontdesk sequence plan`
        // does: the free slots of the protocol's services over the horizon read from the
        // diary, the patient's appointments, and the planner.
        let clock = SystemClock()
        let diary = DiaryStore(database, clock: clock)
        let protocols = ProtocolService(protocols: ProtocolStore(database, clock: clock), diary: diary, access: service.access, clock: clock)
        for file in ExampleProtocols.all { _ = try protocols.importProtocol(yaml: file.yaml, by: user) }
        let sequence = SequenceService(protocols: protocols, booking: service, diary: diary)
        let runs = s.planRuns > 0 ? s.planRuns : max(30, s.iterations / 3)
        print("\ncourse planning (SequenceService.plan: free slots read, then the planner; \(runs) random patients and start dates 0–14 days ahead)")
        print("protocol           p50 ms  p95 ms  max ms  feasible  complete  visit days (avg)")
        for code in ["sact_21x6", "radical_rt_30", "new_patient"] {
            var times: [Double] = []
            var feasible = 0, complete = 0, visits = 0
            var firstFailure: String?
            var i = 0, tried = 0
            while times.count < runs && tried < runs * 3 {
                tried += 1; i += 7
                let from = today.adding(days: random.below(15))
                let start = bookingNow()
                // A patient who has died is refused before planning: not timed.
                guard let planned = try? sequence.plan(patient: patients[i % patients.count], protocolCode: code,
                                                       start: from, by: user) else { continue }
                let took = bookingNow() - start
                times.append(took)
                if took > 1 { print("  slow: \(code) for \(patients[i % patients.count]) from \(from.iso) took \(msText(took)) ms") }
                if let plan = planned.outcome.plan {
                    feasible += 1; visits += plan.visitDays
                    if plan.complete { complete += 1 }
                } else if firstFailure == nil {
                    firstFailure = planned.outcome.failure?.reason
                }
            }
            times.sort()
            print(code.padding(toLength: 17, withPad: " ", startingAt: 0) + " " + msText(bookingPercentile(times, 0.5)) + "  " + msText(bookingPercentile(times, 0.95))
                  + "  " + msText(times.last ?? 0) + "  " + String(format: "%4d/%-4d %4d/%-4d", feasible, times.count, complete, times.count)
                  + String(format: "  %.1f", feasible > 0 ? Double(visits) / Double(feasible) : 0))
            if let firstFailure { print("  first infeasible: \(firstFailure)") }
        }
        planGrowthBenchmark(runs: 30)
    }

    if s.sections.contains(.concurrent) {
        try concurrentBooking(s, database: database)
    }
}

// MARK: - concurrent booking

/// What one worker process reports (its standard output, as JSON).
struct WorkerReport: Codable {
    var attempts = 0
    var committed = 0
    var refused: [String: Int] = [:]
    var locked = 0
    var errors: [String] = []
    var otherErrors = 0
    var p50 = 0.0
    var p95 = 0.0
    var p99 = 0.0
    var max = 0.0
    var seconds = 0.0
}

func concurrentBooking(_ s: BookingBenchSettings, database: AppDatabase) throws {
    let count = try { try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment") ?? 0 } }
    let before = try count()
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
    let startAt = Date().timeIntervalSince1970 + 3   // every worker opens the database first, then all start together
    print("\nconcurrent booking: \(s.workers) processes (\(me) --booking-worker) for \(Int(s.seconds)) s, each booking random free slots "
          + "for random patients through BookingService.book; 3 in 10 attempts go for the first free slot of a service from tomorrow, "
          + "so desks race for the same place")
    var pids: [pid_t] = []
    for worker in 0..<s.workers {
        let out = "bench-data/.booking-worker-\(worker).json"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let args = [me, "--booking-worker", "--db", s.dbPath, "--worker-seconds", String(s.seconds), "--worker-seed", String(worker + 1),
                    "--worker-start", String(startAt)]
        let argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        guard posix_spawn(&pid, me, &actions, nil, argv, environ) == 0 else { fatalError("cannot start worker \(worker)") }
        pids.append(pid)
    }
    var reports: [WorkerReport] = []
    for (worker, pid) in pids.enumerated() {
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        let text = (try? String(contentsOfFile: "bench-data/.booking-worker-\(worker).json", encoding: .utf8)) ?? ""
        guard (status >> 8) & 0xff == 0, let report = try? JSONDecoder().decode(WorkerReport.self, from: Data(text.utf8)) else {
            fatalError("worker \(worker) failed (status \(status)): \(text)")
        }
        reports.append(report)
    }
    let committed = reports.reduce(0) { $0 + $1.committed }
    let attempts = reports.reduce(0) { $0 + $1.attempts }
    var refused: [String: Int] = [:]
    for r in reports { for (k, v) in r.refused { refused[k, default: 0] += v } }
    let refusedTotal = refused.values.reduce(0, +)
    let locked = reports.reduce(0) { $0 + $1.locked }
    let other = reports.reduce(0) { $0 + $1.otherErrors }
    let after = try count()
    print("worker  attempts  committed  refused  locked  other  book p50 ms  p95 ms  p99 ms  max ms")
    for (i, r) in reports.enumerated() {
        print(String(format: "%6d  %8d  %9d  %7d  %6d  %5d  %11.2f  %6.2f  %6.2f  %6.1f", i, r.attempts, r.committed,
                     r.refused.values.reduce(0, +), r.locked, r.otherErrors, r.p50 * 1000, r.p95 * 1000, r.p99 * 1000, r.max * 1000))
    }
    let seconds = reports.map(\.seconds).max() ?? s.seconds
    print(String(format: "throughput: %.1f bookings committed per second (%d in %.1f s); %d attempts, %d committed, %d refused with a reason, %d other errors",
                 Double(committed) / seconds, committed, seconds, attempts, committed, refusedTotal, other))
    print("refusals: " + refused.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: "; "))
    print("'database is locked' (SQLITE_BUSY) errors reaching a worker: \(locked)")
    for r in reports where !r.errors.isEmpty { print("  errors: " + r.errors.joined(separator: " | ")) }
    // The rules, checked in SQL after the race.
    let (overCounter, overActual, drift) = try database.writer.read { db -> (Int, Int, Int) in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM slot WHERE booked > capacity") ?? -1,
         try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (SELECT slot_id, count(*) AS n FROM appointment
                WHERE slot_id IS NOT NULL AND status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital') AND overbook_reason IS NULL
                GROUP BY slot_id) g JOIN slot s ON s.id = g.slot_id WHERE g.n > s.capacity
            """) ?? -1,
         try Int.fetchOne(db, sql: """
            SELECT count(*) FROM slot s WHERE s.booked != (SELECT count(*) FROM appointment a WHERE a.slot_id = s.id
                AND a.status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital'))
            """) ?? -1)
    }
    print("SQL checks: slots whose count exceeds capacity \(overCounter); slots holding more patients than places \(overActual); "
          + "slots whose count differs from their appointments \(drift); new appointment rows \(after - before) (committed \(committed))")
    let ok = overCounter == 0 && overActual == 0 && drift == 0 && locked == 0 && other == 0 && after - before == committed
    print(ok ? "concurrent booking: every attempt committed or refused with a reason; no slot over capacity; no 'database is locked'"
             : "** concurrent booking: a check FAILED (see above) **")
}

/// Worker mode: books for `seconds` from `startAt`, prints a `WorkerReport`.
func bookingWorker(db path: String, seconds: Double, seed: UInt64, startAt: Double) throws {
    let (database, service, user) = try openBookingService(path)
    let shape = try database.writer.read { try CentreShape($0) }
    let patients = try database.writer.read { try samplePatients($0, count: 5_000) }
    var random = BenchRandom(state: seed &* 0x2545_F491_4F6C_DD1D)
    let today = CentreTime.today(Date())
    let wait = startAt - Date().timeIntervalSince1970
    if wait > 0 { usleep(useconds_t(wait * 1e6)) }
    var report = WorkerReport()
    var times: [Double] = []
    let began = bookingNow()
    while bookingNow() - began < seconds {
        let hot = random.below(10) < 3
        let clinic = random.pick(shape.clinics)
        let service_ = hot ? shape.services[random.below(4)] : clinic.service
        let query = SlotQuery(serviceCode: service_, from: today.adding(days: hot ? 1 : random.below(15)), limit: 5)
        let free: [Slot]
        do { free = try service.slots(query, by: user) } catch {
            if isLockedError(error) { report.locked += 1 } else { report.otherErrors += 1 }
            if report.errors.count < 5 { report.errors.append("slots: \(error)") }
            continue
        }
        guard !free.isEmpty else { continue }
        let slot = hot ? free[0] : random.pick(free)
        let request = BookingRequest(patient: random.pick(patients), slotID: slot.id)
        report.attempts += 1
        let start = bookingNow()
        do {
            _ = try service.book(request, by: user)
            report.committed += 1
        } catch let error as BookingError {
            report.refused[refusalKind(error), default: 0] += 1
        } catch {
            if isLockedError(error) { report.locked += 1 } else { report.otherErrors += 1 }
            if report.errors.count < 5 { report.errors.append("\(error)") }
        }
        times.append(bookingNow() - start)
    }
    report.seconds = bookingNow() - began
    times.sort()
    if !times.isEmpty {
        report.p50 = bookingPercentile(times, 0.5); report.p95 = bookingPercentile(times, 0.95)
        report.p99 = bookingPercentile(times, 0.99); report.max = times.last ?? 0
    }
    let encoder = JSONEncoder()
    FileHandle.standardOutput.write(try encoder.encode(report))
}

/// `--trace-booking`: a few bookings with every SQL statement and its time,
/// and the time of the whole call, to see where a booking's time goes.
func traceBookings(db path: String, count: Int) throws {
    var config = Configuration()
    config.busyMode = .timeout(10)
    config.foreignKeysEnabled = true
    config.prepareDatabase { db in
        db.trace(options: .profile) { event in
            if case let .profile(statement, duration) = event {
                print(String(format: "%8.3f ms  ", duration * 1000) + statement.sql.prefix(110).replacingOccurrences(of: "\n", with: " "))
            }
        }
    }
    let (plain, service, user) = try openBookingService(path)
    let shape = try plain.writer.read { try CentreShape($0) }
    let patients = try plain.writer.read { try samplePatients($0, count: count * 2) }
    let traced = try AppDatabase(DatabasePool(path: path, configuration: config), path: path)
    let clock = SystemClock()
    let tracedService = BookingService(booking: BookingStore(traced, clock: clock), access: AccessControl(staff: StaffStore(traced, clock: clock)),
                                       clock: clock)
    var random = BenchRandom(state: 7)
    let today = CentreTime.today(Date())
    for i in 0..<count {
        let clinic = random.pick(shape.clinics)
        let free = try service.slots(SlotQuery(serviceCode: clinic.service, from: today.adding(days: 1 + random.below(40)), limit: 10), by: user)
        guard let slot = free.first else { continue }
        print("--- booking \(i + 1): slot \(slot.id) \(clinic.service) for \(patients[i])")
        let start = bookingNow()
        do { _ = try tracedService.book(BookingRequest(patient: patients[i], slotID: slot.id), by: user) } catch { print("refused: \(error)") }
        print(String(format: "=== whole call %.3f ms", (bookingNow() - start) * 1000))
    }
}
