// The pull-list half of issue 8's benchmark (item 7): the case-note pull list
// for a day with about 2,000 appointments across all sites, p95 ≤ 100 ms,
// through CaseNoteService on a real CaseNoteStore as the application calls it;
// then the whole `frontdesk notes pull-list` process (printed text and JSON).
//
// On the bench database: the demo centre is added when missing (the real
// command, which also gives the patients their case notes), case notes are
// seeded when the centre predates them, and the next working day is topped
// up to 2,000 booked appointments (copies of that day's own appointments for
// random living patients, marked booked_by 'bench-pull-list', added once).
import Foundation
import GRDB
import FrontDeskDomain
import FrontDeskStore
#if canImport(Glibc)
import Glibc
#endif

struct PullListBenchSettings {
    var dbPath: String
    var frontdesk: String
    var iterations: Int
    var historyMonths: Int
    var appointments = 2_000
    var processRuns = 10
}

func pullListBenchmark(_ s: PullListBenchSettings, run: (String, [String]) -> (Int32, Double, Int, String)) throws {
    print("\n## Pull list (issue 8)")
    var database = try AppDatabase.open(path: s.dbPath)
    let hasCentre = try database.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM site") ?? 0 } > 0
    if !hasCentre {
        print("adding the demo centre: \(s.frontdesk) demo seed --patients 0 --centre --history-months \(s.historyMonths) --db \(s.dbPath)")
        let (status, seconds, rss, _) = run(s.frontdesk, ["demo", "seed", "--patients", "0", "--centre", "--history-months",
                                                          String(s.historyMonths), "--db", s.dbPath])
        guard status == 0 else { fatalError("adding the centre failed with status \(status)") }
        print(String(format: "centre (with case notes): %.1f s, peak %.0f MB", seconds, Double(rss) / 1024))
        database = try AppDatabase.open(path: s.dbPath)
    }
    let clock = SystemClock()
    let access = AccessControl(staff: StaffStore(database, clock: clock))
    let notes = CaseNoteService(notes: CaseNoteStore(database, clock: clock), access: access, clock: clock)
    let user = ActingUser(login: getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "bench")

    try seedBenchCaseNotes(database, notes: notes, user: user)

    // The day: the next working day, topped up to `appointments` booked ones across all sites.
    let today = CentreTime.today(clock.now)
    let day = WorkingCalendar().nextWorkingDay(onOrAfter: today.adding(days: 1))
    let added = try database.writer.write { db -> Int in
        let held = try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE date = ? AND status IN ('booked', 'arrived')",
                                    arguments: [day.iso]) ?? 0
        let templates = try Int64.fetchAll(db, sql: "SELECT id FROM appointment WHERE date = ? AND status IN ('booked', 'arrived')",
                                           arguments: [day.iso])
        guard held < s.appointments, !templates.isEmpty else { return 0 }
        let patients = try Int64.fetchAll(db, sql: "SELECT id FROM patient WHERE date_of_death IS NULL AND id NOT IN (SELECT duplicate_id FROM patient_merge)")
        var random = BenchRandom(state: 8_2026)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO appointment (patient_id, slot_id, session_id, service_code, clinician_code, site_code, date, start_time, end_time,
                                     priority, attendance, referral_source, transport, status, walk_in, booked_by, booked_at)
            SELECT ?, NULL, session_id, service_code, clinician_code, site_code, date, start_time, end_time, priority, attendance,
                   referral_source, 'none', 'booked', 0, 'bench-pull-list', booked_at
            FROM appointment WHERE id = ?
            """)
        for _ in held..<s.appointments { try insert.execute(arguments: [random.pick(patients), random.pick(templates)]) }
        return s.appointments - held
    }
    let counts = try database.writer.read { db in
        try Row.fetchAll(db, sql: """
            SELECT site_code, count(*) AS n, count(DISTINCT patient_id) AS p FROM appointment
            WHERE date = ? AND status IN ('booked', 'arrived') GROUP BY site_code ORDER BY site_code
            """, arguments: [day.iso]).map { (site: $0["site_code"] as String, appointments: $0["n"] as Int, patients: $0["p"] as Int) }
    }
    let booked = counts.map(\.appointments).reduce(0, +)
    guard booked >= s.appointments else {
        fatalError("pull list: \(day.display) holds \(booked) booked appointments after the top-up, not the \(s.appointments) the benchmark times")
    }
    print("day: \(day.display), \(booked) booked appointments (\(added) added by the benchmark) at "
          + counts.map { "\($0.site) \($0.appointments)" }.joined(separator: ", "))

    // The file in the operating system's cache, as on a desk machine that has been in use.
    if let handle = FileHandle(forReadingAtPath: s.dbPath) {
        while let chunk = try handle.read(upToCount: 8 << 20), !chunk.isEmpty {}
        try handle.close()
    }

    func time(_ label: String, _ body: () throws -> PullList) throws {
        var times: [Double] = []
        var last: PullList?
        for _ in 0..<s.iterations {
            let start = bookingNow()
            last = try body()
            times.append(bookingNow() - start)
        }
        times.sort()
        let list = last!
        print("\(label.padding(toLength: 26, withPad: " ", startingAt: 0)) p50 \(msText(bookingPercentile(times, 0.5))) ms  "
              + "p95 \(msText(bookingPercentile(times, 0.95))) ms  max \(msText(times.last!)) ms  "
              + "(\(list.lines.count) volumes, \(list.patients.count) patients, \(list.electronicOnly.count) electronic only; \(s.iterations) runs)")
    }
    try time("pull list, all sites", { try notes.pullList(date: day, by: user) })
    for c in counts { try time("pull list, site \(c.site)", { try notes.pullList(date: day, siteCode: c.site, by: user) }) }

    // The whole process, as a clerk runs it (printed layout, then JSON).
    for (label, extra) in [("frontdesk notes pull-list", [String]()), ("… --json", ["--json"]), ("… --csv", ["--csv"])] {
        var times: [Double] = [], peak = 0
        for _ in 0..<s.processRuns {
            let (status, seconds, rss, _) = run(s.frontdesk, ["notes", "pull-list", "--date", day.iso, "--db", s.dbPath] + extra)
            guard status == 0 else { fatalError("\(label) failed with status \(status)") }
            times.append(seconds); peak = max(peak, rss)
        }
        times.sort()
        print("\(label.padding(toLength: 26, withPad: " ", startingAt: 0)) p50 \(msText(bookingPercentile(times, 0.5))) ms  "
              + "max \(msText(times.last!)) ms  peak \(peak / 1024) MB (\(s.processRuns) runs)")
    }
}

/// Every living patient's paper case notes (`CaseNoteService.seedDemo`, seed 1), once, when the database has none:
/// the pull list and the checklist (which also reads them) see the same notes whichever runs first.
func seedBenchCaseNotes(_ database: AppDatabase, notes: CaseNoteService, user: ActingUser) throws {
    guard try database.writer.read({ try Int.fetchOne($0, sql: "SELECT count(*) FROM case_note_volume") ?? 0 }) == 0 else { return }
    let began = bookingNow()
    let ids = try BookingStore(database, clock: SystemClock()).livingPatientIDs()
    let report = try notes.seedDemo(seed: 1, patientIDs: ids, by: user)
    print(String(format: "case notes seeded (not timed against a target): %d volumes for %d patients in %.1f s",
                 report.volumes, report.patients - report.electronicOnly, bookingNow() - began))
}
