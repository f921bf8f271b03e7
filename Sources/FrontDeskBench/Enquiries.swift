// Section 7 of `make bench`: enquiries (issue 7, item 8). With 1,000,000
// patients and 500,000 past enquiries (about two years of calls, nearly all
// closed, a few thousand open), logging one enquiry, the open queue (all,
// mine, a team, my teams, escalated) and the overdue-callback count of the top line,
// each p95 ≤ 10 ms, through EnquiryService on a real EnquiryStore as the
// application calls them. The past enquiries and their histories are added
// once by bulk SQL inserts (not timed against any target) and reused.
import Foundation
import GRDB
import FrontDeskDomain
import FrontDeskStore
#if canImport(Glibc)
import Glibc
#endif

struct EnquiryBenchSettings {
    var dbPath: String
    /// Past enquiries the database should hold (added once when it holds fewer).
    var enquiries: Int
    var iterations: Int
}

/// The desk's staff of the benchmark: 40 logins in the centre's teams (most on the front desk).
let enquiryBenchStaff: [(login: String, name: String, role: StaffRole, team: String)] = {
    let given = ["amy", "ben", "cara", "dev", "ella", "finn", "gita", "huw", "isla", "jon", "kate", "liam", "mia", "nia",
                 "owen", "priya", "rhys", "sara", "tom", "zoe"]
    let family = ["jones", "patel", "evans", "smith", "khan", "davies", "owen", "roberts", "hughes", "lewis"]
    let teams = ["front_desk", "front_desk", "front_desk", "front_desk", "front_desk", "pals", "transport", "secretaries",
                 "specialist_nurses", "clinical"]
    return (0..<40).map { i in
        let g = given[i % given.count], f = family[(i * 7) % family.count]
        let role: StaffRole = i % 10 == 9 ? .officer : (i == 20 ? .manager : .clerk)
        return ("\(g).\(f)\(i / given.count == 0 ? "" : String(i / given.count + 1))", "\(g.capitalized) \(f.capitalized)", role, teams[i % teams.count])
    }
}()

/// `2026-11-30T07:58:40.359Z`, as the store writes times (PatientRows.timestamp), without a formatter.
func enquiryStamp(_ date: Date) -> String {
    let milliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    let days = milliseconds >= 0 ? milliseconds / 86_400_000 : (milliseconds - 86_399_999) / 86_400_000
    let rest = milliseconds - days * 86_400_000, seconds = rest / 1000
    func pad(_ n: Int, _ width: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, width - s.count)) + s }
    return LocalDate(dayNumber: days).iso + "T" + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":"
        + pad(seconds % 60, 2) + "." + pad(rest % 1000, 3) + "Z"
}

/// Picks from weighted choices.
func weighted<T>(_ random: inout BenchRandom, _ choices: [(T, Int)]) -> T {
    var n = random.below(choices.reduce(0) { $0 + $1.1 })
    for (value, weight) in choices { if n < weight { return value }; n -= weight }
    return choices.last!.0
}

/// Adds `count` past enquiries, received on the working days of the two years
/// before today (08:00–17:30, in time order), with their 2–4 history lines, by
/// bulk SQL in transactions of 25,000. Nearly all are closed; whether one is
/// still open falls with its age (most of the last week's, a few older ones
/// forgotten), so the queue holds a few thousand: awaiting callback (most of
/// them overdue), referred to a team, escalated, or called back but not closed.
func seedEnquiries(_ database: AppDatabase, count: Int, maxPatient: Int, now: Date) throws {
    let calendar = WorkingCalendar()
    let hours = WorkingHours(opening: Settings.defaults.openingHours, calendar: calendar)
    let today = CentreTime.today(now)
    let days = (1...730).reversed().map { today.adding(days: -$0) }.filter(calendar.isWorkingDay)
    var random = BenchRandom(state: 20_261_130)
    let logins = enquiryBenchStaff.map(\.login)
    let firstNames = ["Margaret", "John", "Susan", "David", "Patricia", "Michael", "Linda", "Peter", "Helen", "Gareth", "Aisha", "Tom"]
    let lastNames = ["Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Patel", "Khan", "Lewis", "Morgan", "Price"]
    let surgeries = ["Riverside Surgery", "Park Road Medical Centre", "Bay Health Centre", "Valley Group Practice", "Castle Surgery"]
    let summaries: [Enquiry.Category: [String]] = [
        .appointmentQuery: ["asks the time of next week's appointment", "wants to know which clinic to attend on Tuesday",
                            "checking whether the appointment letter is right"],
        .changeAppointment: ["needs to move Thursday's appointment: hospital transport not available", "asks to cancel, feeling too unwell",
                             "wants an afternoon appointment instead of a morning one"],
        .transport: ["transport did not arrive this morning", "asks whether a wheelchair can come with the ambulance",
                     "needs transport booked for the next treatment"],
        .directions: ["how to find the radiotherapy department", "where to park for the outpatient clinic", "which bus stops at the centre"],
        .resultsOrClinical: ["asks for the scan results", "worried about a new pain since the last treatment", "asks what the blood test showed"],
        .medication: ["has run out of anti-sickness tablets", "asks whether to keep taking the steroids", "prescription not ready at the pharmacy"],
        .accessibleInformation: ["needs letters in large print", "asks for a BSL interpreter at the next visit", "wants information in Welsh"],
        .complaint: ["unhappy about waiting two hours in clinic", "letter sent to the wrong address", "complains the phone was not answered"],
        .other: ["asks about the support group", "lost property from the waiting room", "asks about volunteering"],
    ]
    let outcomes = ["told the time and place of the appointment", "appointment moved, new letter sent", "transport rebooked for the next visit",
                    "directions given, map emailed", "answered by the team and caller told", "apologised, passed to PALS who replied",
                    "called back and explained", "information sent in the format asked for"]
    let stamp = enquiryStamp
    var made = 0, events = 0
    let began = bookingNow()
    while made < count {
        let chunk = min(25_000, count - made)
        try database.writer.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO enquiry (received_at, channel, caller_type, caller_name, caller_phone, organisation, patient_id, category,
                    priority, summary, safeguarding, aggression, status, identity, callback_due, team_code, taken_by, outcome,
                    identity_checked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let event = try db.cachedStatement(sql: """
                INSERT INTO enquiry_event (enquiry_id, at, user_login, kind, from_status, to_status, detail, due_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for i in made..<(made + chunk) {
                // When: the i-th of `count` spread evenly over the working days, 08:00–17:30.
                let x = Double(i) / Double(count) * Double(days.count)
                let day = days[min(days.count - 1, Int(x))]
                let received = CentreTime.startOfDay(day).addingTimeInterval(8 * 3600 + (x - x.rounded(.down)) * 34_200
                                                                            + Double(random.below(1000)) / 1000)
                let ageDays = now.timeIntervalSince(received) / 86_400
                let caller: Enquiry.CallerType = weighted(&random, [(.patient, 45), (.relativeOrCarer, 30), (.gpPractice, 12),
                                                                    (.healthProfessional, 8), (.other, 5)])
                let category: Enquiry.Category = weighted(&random, [(.appointmentQuery, 35), (.changeAppointment, 20), (.transport, 12),
                                                                    (.directions, 8), (.resultsOrClinical, 8), (.medication, 4),
                                                                    (.accessibleInformation, 3), (.complaint, 3), (.other, 7)])
                let hasPatient = random.below(100) < (category == .directions || caller == .other ? 30 : 90)
                let patient: Int? = hasPatient ? 1 + random.below(maxPatient) : nil
                let urgent = random.below(10) == 0
                let safeguarding = random.below(1000) < 3, aggression = random.below(1000) < 5
                let login = logins[random.below(logins.count)]
                // The first routing, as EnquiryRules allows it.
                enum Route { case resolved, callback, refer(String), escalate }
                let route: Route
                if safeguarding || aggression { route = .escalate }
                else if category.isClinical { route = .refer(random.below(10) < 7 ? "clinical" : "specialist_nurses") }
                else {
                    let other = category == .transport ? "transport" : category == .complaint ? "pals" : random.below(2) == 0 ? "secretaries" : "pals"
                    route = weighted(&random, [(Route.resolved, 55), (.callback, 30), (.refer(other), 12), (.escalate, 3)])
                }
                let routed: Enquiry.Status
                switch route {
                case .resolved: routed = .closed
                case .callback: routed = .awaitingCallback
                case .refer: routed = .referred
                case .escalate: routed = .escalated
                }
                let resolved = routed == .closed
                // Still open: most of the last week's, a few older ones.
                let open = !resolved && Double(random.below(1_000_000)) / 1e6 < 0.95 * exp(-ageDays / 7) + 0.008
                // Due as the service's default would have it (routine one working day later, urgent two working hours).
                let due: Date? = {
                    guard case .callback = route else { return nil }
                    return EnquiryService.defaultCallbackDue(at: received, priority: urgent ? .urgent : .routine, hours: hours,
                                                             settings: .defaults)
                }()
                let calledBack = open && due != nil && random.below(100) < 15
                let status: Enquiry.Status
                switch route {
                case .resolved: status = .closed
                case .callback: status = !open ? .closed : calledBack ? .open : .awaitingCallback
                case .refer: status = open ? .referred : .closed
                case .escalate: status = open ? .escalated : .closed
                }
                var team: String?
                if case .refer(let code) = route { team = code }
                let checks = hasPatient && caller.needsIdentityCheck
                let identity = !hasPatient || !checks ? "not_needed" : weighted(&random, [("confirmed", 80), ("not_checked", 15), ("mismatch", 5)])
                let name = caller.isProfessional ? "Dr " + lastNames[random.below(lastNames.count)]
                    : firstNames[random.below(firstNames.count)] + " " + lastNames[random.below(lastNames.count)]
                let outcome = status == .closed ? outcomes[random.below(outcomes.count)] : nil
                let summaryList = summaries[category]!
                let channel: String = random.below(10) < 8 ? "telephone" : weighted(&random, [("face_to_face", 5), ("email", 4), ("letter", 1)])
                let phone: String? = caller == .other && random.below(2) == 0 ? nil : "0" + String(1_000_000_000 + random.below(899_999_999))
                let organisation: String? = caller.isProfessional ? surgeries[random.below(surgeries.count)] : nil
                let summary: String = summaryList[random.below(summaryList.count)]
                let dueText: String? = status == .awaitingCallback ? due.map(stamp) : nil
                let checkedAt: String? = identity == "confirmed" || identity == "mismatch" ? stamp(received.addingTimeInterval(60)) : nil
                let values: [(any DatabaseValueConvertible)?] = [
                    stamp(received), channel, caller.rawValue, name, phone, organisation, patient, category.rawValue,
                    urgent ? "urgent" : "routine", summary, safeguarding, aggression, status.rawValue, identity, dueText, team, login,
                    outcome, checkedAt,
                ]
                insert.setUncheckedArguments(StatementArguments(values))
                try insert.execute()
                let id = db.lastInsertedRowID
                func history(_ at: Date, _ kind: String, _ from: String?, _ to: String, _ detail: String, due: Date? = nil) throws {
                    let values: [(any DatabaseValueConvertible)?] = [id, stamp(min(at, now)), login, kind, from, to, detail, due.map(stamp)]
                    event.setUncheckedArguments(StatementArguments(values))
                    try event.execute()
                    events += 1
                }
                try history(received, "logged", nil, "open", "logged: \(caller.rawValue) · \(category.rawValue) · \(urgent ? "urgent" : "routine")")
                switch route {
                case .resolved: try history(received, "closed", "open", "closed", "resolved at first contact: " + (outcome ?? ""))
                case .callback: try history(received, "callback_due", "open", "awaiting_callback", EnquiryService.callbackDueLine(due!), due: due)
                case .refer(let code): try history(received, "referred", "open", "referred", "referred to \(code)")
                case .escalate: try history(received, "escalated", "open", "escalated", "escalated to the Assistant Service Manager")
                }
                if calledBack || (status == .closed && due != nil) {
                    try history(due!.addingTimeInterval(-1800), "called_back", "awaiting_callback", "open", "called back: explained")
                }
                if status == .closed && !resolved {
                    try history(received.addingTimeInterval(2 * 86_400), "closed", due != nil ? "open" : routed.rawValue, "closed",
                                "closed: " + (outcome ?? ""))
                }
            }
        }
        made += chunk
        if made % 100_000 == 0 || made == count { print("  \(made) enquiries added") }
    }
    try database.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    let seconds = bookingNow() - began
    print(String(format: "seeded: %d enquiries and %d history lines in %.1f s (bulk SQL inserts, 25,000 enquiries a transaction)",
                 count, events, seconds))
}

/// How long the disk takes to make a small write durable, next to the database: a new
/// file written, flushed and renamed over the old one, as the audit head file is replaced
/// before each audited commit (logging an enquiry waits for it: in WAL mode with GRDB's
/// `synchronous = NORMAL` SQLite itself flushes only at checkpoints), and 4 KiB written
/// over and flushed, the disk's plain flush; sorted seconds of each.
func diskFlushTimes(directory: String, count: Int) -> ([Double], [Double]) {
    let data = directory + "/.fsync-probe", head = directory + "/.fsync-probe-head"
    var overwrite: [Double] = [], replace: [Double] = []
    let block = [UInt8](repeating: 0x5a, count: 4096)
    let fd = open(data, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
    guard fd >= 0 else { return ([], []) }
    for i in 0..<count {
        var start = bookingNow()
        _ = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, off_t((i % 64) * 4096)) }
        _ = fsync(fd)
        overwrite.append(bookingNow() - start)
        start = bookingNow()
        let temporary = head + ".new"
        unlink(temporary)
        let h = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        _ = block.withUnsafeBytes { write(h, $0.baseAddress, 80) }
        _ = fsync(h)
        close(h)
        _ = rename(temporary, head)
        replace.append(bookingNow() - start)
    }
    close(fd)
    unlink(data); unlink(head)
    return (overwrite.sorted(), replace.sorted())
}

/// Collects the SQL of the statements a traced connection runs.
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: [String] = []
    func add(_ sql: String) { lock.lock(); statements.append(sql); lock.unlock() }
    func take() -> [String] { lock.lock(); defer { statements = []; lock.unlock() }; return statements }
}

/// A bench database seeded before `v12-enquiries` changed (unreleased, so changed in place): its
/// queue indexes are put in the queue's order of today and `enquiry_event.due_at` is added and filled
/// from the seeded `callback due` lines, as the migration now creates them. Nothing when already so.
func upgradeEnquirySchema(_ database: AppDatabase) throws {
    try database.writer.write { db in
        let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(enquiry_event)").map { $0["name"] as String }
        if !columns.contains("due_at") {
            try db.execute(sql: "ALTER TABLE enquiry_event ADD COLUMN due_at TEXT")
            // The history is append-only: its guard is lifted for this one fill of the new column and put back.
            try db.execute(sql: """
                DROP TRIGGER enquiry_event_no_update;
                UPDATE enquiry_event SET due_at = substr(detail, 14) WHERE kind = 'callback_due' AND detail LIKE 'callback due ____-__-__T%Z';
                CREATE TRIGGER enquiry_event_no_update BEFORE UPDATE ON enquiry_event
                    BEGIN SELECT RAISE(ABORT, 'enquiry_event is append-only'); END;
                """)
            print("schema: enquiry_event.due_at added and filled (\(db.changesCount) callback lines)")
        }
        let old = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'enquiry_open_by_due'") ?? ""
        if old.contains("coalesce") {
            try db.execute(sql: """
                DROP INDEX enquiry_open_by_due; DROP INDEX enquiry_open_by_taker; DROP INDEX enquiry_open_by_team;
                DROP INDEX enquiry_escalated_by_due;
                CREATE INDEX enquiry_open_by_due ON enquiry(callback_due IS NULL, callback_due, received_at)
                    WHERE status != 'closed';
                CREATE INDEX enquiry_open_by_taker ON enquiry(taken_by, callback_due IS NULL, callback_due, received_at)
                    WHERE status != 'closed';
                CREATE INDEX enquiry_open_by_team ON enquiry(team_code, callback_due IS NULL, callback_due, received_at)
                    WHERE status != 'closed';
                CREATE INDEX enquiry_escalated_by_due ON enquiry(callback_due IS NULL, callback_due, received_at)
                    WHERE status = 'escalated';
                """)
            print("schema: the open-queue indexes rebuilt in the queue's order (callbacks by due time, then the others by arrival)")
        }
    }
}

func enquiryBenchmark(_ s: EnquiryBenchSettings) throws {
    print("\nenquiries: \(s.dbPath)")
    let database = try AppDatabase.open(path: s.dbPath)
    try upgradeEnquirySchema(database)
    let clock = SystemClock()
    let access = AccessControl(staff: StaffStore(database, clock: clock))
    let patientStore = PatientStore(database, clock: clock)
    let staff = StaffService(access: access, audit: patientStore, clock: clock)
    let settingsService = SettingsService(access: access, settings: SettingsStore(database, clock: clock), clock: clock)
    let manager = ActingUser(login: getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "bench")
    _ = try staff.initialise(as: manager, displayName: manager.login)

    // The desk's staff, added once through StaffService (audited, as a manager would).
    var added = 0
    for member in enquiryBenchStaff where try access.staff.staffMember(login: member.login) == nil {
        _ = try staff.add(login: member.login, displayName: member.name, role: member.role, teams: [member.team], by: manager)
        added += 1
    }
    if added > 0 { print("staff: added \(added) logins in the centre's teams") }

    let (patients, have) = try database.writer.read { db in
        (try Int.fetchOne(db, sql: "SELECT max(id) FROM patient") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM enquiry") ?? 0)
    }
    if have < s.enquiries {
        print("seeding \(s.enquiries - have) past enquiries (the database holds \(have))")
        try seedEnquiries(database, count: s.enquiries - have, maxPatient: max(1, patients), now: clock.now)
    } else {
        print("enquiries: reusing the \(have) already in the database (delete the database to time seeding them)")
    }
    let now = enquiryStamp(clock.now)
    let shape = try database.writer.read { db -> [String: Int] in
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) FROM enquiry GROUP BY status") { counts[row[0]] = row[1] }
        counts["overdue"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM enquiry WHERE status = 'awaiting_callback' AND callback_due < ?",
                                             arguments: [now])
        counts["events"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM enquiry_event")
        counts["patients"] = try Int.fetchOne(db, sql: "SELECT count(*) FROM patient")
        return counts
    }
    let total = shape.filter { !["overdue", "events", "patients"].contains($0.key) }.values.reduce(0, +)
    let open = total - (shape["closed"] ?? 0)
    print("data: \(shape["patients"] ?? 0) patients; \(total) enquiries (\(shape["closed"] ?? 0) closed, \(open) open: "
          + "\(shape["awaiting_callback"] ?? 0) awaiting callback of which \(shape["overdue"] ?? 0) overdue, \(shape["referred"] ?? 0) referred, "
          + "\(shape["escalated"] ?? 0) escalated, \(shape["open"] ?? 0) called back and not yet closed); \(shape["events"] ?? 0) history lines")
    let size = ((try? FileManager.default.attributesOfItem(atPath: s.dbPath)[.size]) as? Int) ?? 0
    print(String(format: "database file: %.0f MB", Double(size) / 1e6))
    if let handle = FileHandle(forReadingAtPath: s.dbPath) {
        while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {}
        try handle.close()
    }

    // The service as the application builds it (`frontdesk enquiry …`): settings read when a default callback time is needed.
    let service = EnquiryService(enquiries: EnquiryStore(database, clock: clock), access: access, clock: clock,
                                 settings: { try settingsService.current(by: manager) })
    let users = enquiryBenchStaff.map { ActingUser(login: $0.login) }
    let teams = ["clinical", "specialist_nurses", "pals", "transport", "secretaries"]
    let references = try database.writer.read { try samplePatients($0, count: max(1_000, s.iterations * 2)) }
    var random = BenchRandom(state: 7_000_007)

    // Calls as the desk logs them, most resolved there and then (built before timing).
    let requests: [EnquiryRequest] = (0..<s.iterations).map { i in
        let patient = references[i % references.count]
        switch weighted(&random, [(0, 40), (1, 15), (2, 12), (3, 8), (4, 10), (5, 8), (6, 4), (7, 3)]) {
        case 0: return EnquiryRequest(callerType: .patient, callerName: "Margaret Jones", callerPhone: "01792 123456", patient: patient,
                                      category: .appointmentQuery, summary: "asks the time of next week's appointment",
                                      route: .resolved(outcome: "told the time and place of the appointment"))
        case 1: return EnquiryRequest(callerType: .gpPractice, callerName: "Dr Evans", callerPhone: "01792 654321",
                                      organisation: "Riverside Surgery", patient: patient, category: .changeAppointment,
                                      summary: "asks to bring the appointment forward", route: .callback(by: nil))
        case 2: return EnquiryRequest(callerType: .relativeOrCarer, callerName: "Susan Jones", callerPhone: "07700 900123", patient: patient,
                                      category: .transport, priority: .urgent, summary: "transport did not arrive this morning",
                                      route: .callback(by: nil))
        case 3: return EnquiryRequest(callerType: .patient, callerName: "John Davies", patient: patient, category: .resultsOrClinical,
                                      summary: "asks for the scan results", route: .refer(team: "clinical"))
        case 4: return EnquiryRequest(callerType: .other, callerName: "A visitor", category: .directions,
                                      summary: "where to park for the outpatient clinic", channel: .faceToFace,
                                      route: .resolved(outcome: "directions given, map handed over"))
        case 5: return EnquiryRequest(callerType: .relativeOrCarer, callerName: "Peter Hughes", patient: patient, category: .transport,
                                      summary: "needs transport booked for the next treatment", route: .refer(team: "transport"))
        case 6: return EnquiryRequest(callerType: .patient, callerName: "Helen Price", patient: patient, category: .complaint,
                                      summary: "unhappy about waiting two hours in clinic", route: .escalate)
        default: return EnquiryRequest(callerType: .relativeOrCarer, callerName: "Gareth Morgan", patient: patient, category: .other,
                                       summary: "shouted at the clerk about parking", aggression: true, route: .escalate)
        }
    }

    struct Figure { var name: String; var times: [Double]; var rows: Double }
    var figures: [Figure] = []
    func measure(_ name: String, _ body: (Int) throws -> Int) throws {
        _ = try body(0)   // warm the statement cache
        var times: [Double] = [], rows = 0
        for i in 0..<s.iterations {
            let start = bookingNow()
            rows += try body(i)
            times.append(bookingNow() - start)
        }
        figures.append(Figure(name: name, times: times.sorted(), rows: Double(rows) / Double(s.iterations)))
    }
    var logged = 0
    try measure("log (EnquiryService.log)") { i in
        _ = try service.log(requests[i], by: users[i % users.count]); logged += 1; return 1
    }
    try measure("queue: open (default)") { i in try service.queue(EnquiryQuery(), by: users[i % users.count]).count }
    try measure("queue: mine") { i in try service.queue(EnquiryQuery(takenBy: users[i % users.count].login), by: users[i % users.count]).count }
    try measure("queue: a team") { i in try service.queue(EnquiryQuery(team: teams[i % teams.count]), by: users[i % users.count]).count }
    try measure("queue: my teams (2)") { i in
        try service.queue(EnquiryQuery(teams: [teams[i % teams.count], teams[(i + 1) % teams.count]]), by: users[i % users.count]).count
    }
    try measure("queue: escalated") { i in try service.queue(EnquiryQuery(escalatedOnly: true), by: users[i % users.count]).count }
    try measure("overdue callbacks (count)") { i in try service.overdueCallbacks(of: users[i % users.count]) }

    print("\nenquiries through EnquiryService (\(s.iterations) calls each, 40 staff logins in turn; \(logged + 1) enquiries logged, "
          + "each with its history lines and audit row in one transaction; queues of up to 200 rows)")
    print("operation                    p50 ms  p95 ms  p99 ms  max ms  rows (avg)")
    var worst = 0.0
    for f in figures {
        worst = max(worst, bookingPercentile(f.times, 0.95))
        print(f.name.padding(toLength: 27, withPad: " ", startingAt: 0) + " " + msText(bookingPercentile(f.times, 0.5)) + "  "
              + msText(bookingPercentile(f.times, 0.95)) + "  " + msText(bookingPercentile(f.times, 0.99)) + "  " + msText(f.times.last!)
              + "  " + String(format: "%.1f", f.rows))
    }
    print(String(format: "worst enquiry p95: %.2f ms (target 10 ms)", worst * 1000))
    let (overwrite, replace) = diskFlushTimes(directory: URL(fileURLWithPath: s.dbPath).deletingLastPathComponent().path, count: 100)
    print("the disk just after (100 each): a small file written, flushed and renamed, as the audit head before each audited commit "
          + "(logging one waits for it) p50 \(msText(bookingPercentile(replace, 0.5))) p95 \(msText(bookingPercentile(replace, 0.95))) ms; "
          + "4 KiB written and flushed p50 \(msText(bookingPercentile(overwrite, 0.5))) p95 \(msText(bookingPercentile(overwrite, 0.95))) ms")

    // How SQLite runs each query: the statements the store sends, captured on a traced connection.
    let log = StatementLog()
    var config = Configuration()
    config.prepareDatabase { db in
        db.trace(options: .statement) { event in
            if case let .statement(statement) = event, statement.sql.contains("FROM enquiry e") { log.add(statement.expandedSQL) }
        }
    }
    let traced = try AppDatabase(DatabasePool(path: s.dbPath, configuration: config))
    let tracedService = EnquiryService(enquiries: EnquiryStore(traced, clock: clock), access: access, clock: clock)
    let user = users[0]
    let queries: [(String, () throws -> Void)] = [
        ("queue: open (default)", { _ = try tracedService.queue(EnquiryQuery(), by: user) }),
        ("queue: mine", { _ = try tracedService.queue(EnquiryQuery(takenBy: user.login), by: user) }),
        ("queue: a team", { _ = try tracedService.queue(EnquiryQuery(team: "clinical"), by: user) }),
        ("queue: my teams (2)", { _ = try tracedService.queue(EnquiryQuery(teams: ["clinical", "pals"]), by: user) }),
        ("queue: escalated", { _ = try tracedService.queue(EnquiryQuery(escalatedOnly: true), by: user) }),
        ("overdue callbacks", { _ = try tracedService.overdueCallbacks(of: user) }),
    ]
    print("\nquery plans (EXPLAIN QUERY PLAN of the SQL EnquiryStore runs)")
    for (name, run) in queries {
        _ = log.take()
        try run()
        guard let sql = log.take().last else { continue }
        let plan = try traced.writer.read { db in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
        print("\(name): " + plan.joined(separator: "; "))
    }
}

/// `--trace-enquiry N`: N enquiries logged (a GP practice's callback, a patient's question resolved) with every
/// SQL statement and its time, and the time of the whole call, to see where logging one goes.
func traceEnquiries(db path: String, count: Int) throws {
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
    let traced = try AppDatabase(DatabasePool(path: path, configuration: config), path: path)
    let clock = SystemClock()
    let access = AccessControl(staff: StaffStore(traced, clock: clock))
    let settingsService = SettingsService(access: access, settings: SettingsStore(traced, clock: clock), clock: clock)
    let user = ActingUser(login: enquiryBenchStaff[0].login)
    let service = EnquiryService(enquiries: EnquiryStore(traced, clock: clock), access: access, clock: clock,
                                 settings: { try settingsService.current(by: user) })
    let patients = try traced.writer.read { try samplePatients($0, count: count) }
    for i in 0..<count {
        let request = i % 2 == 0
            ? EnquiryRequest(callerType: .gpPractice, callerName: "Dr Evans", callerPhone: "01792 654321", organisation: "Riverside Surgery",
                             patient: patients[i], category: .changeAppointment, summary: "asks to bring the appointment forward",
                             route: .callback(by: nil))
            : EnquiryRequest(callerType: .patient, callerName: "Margaret Jones", patient: patients[i], category: .appointmentQuery,
                             summary: "asks the time of next week's appointment", route: .resolved(outcome: "told the time and place"))
        print("--- enquiry \(i + 1) for \(patients[i])")
        let start = bookingNow()
        _ = try service.log(request, by: user)
        print(String(format: "=== whole call %.3f ms", (bookingNow() - start) * 1000))
    }
}
