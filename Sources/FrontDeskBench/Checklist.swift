// `--only-checklist`: the end-of-day checklist (issue 8) for the busiest day of
// the demo centre in the 1,000,000-patient database, topped up to 2,000
// appointments across all sites, with a third of its hand items marked; timed
// through ChecklistService.generate as the command and the pane call it.
import Foundation
import GRDB
import FrontDeskDomain
import FrontDeskStore
#if canImport(Glibc)
import Glibc
#endif

func checklistBenchmark(db path: String, iterations: Int, target: Int = 2_000) throws {
    print("\nchecklist: \(path)")
    let database = try AppDatabase.open(path: path)
    let clock = SystemClock()
    let settings = SettingsStore(database, clock: clock)
    let service = ChecklistService(checklist: ChecklistStore(database, clock: clock), access: AccessControl(staff: StaffStore(database, clock: clock)),
                                   clock: clock, closureDays: { try settings.closureDays() })
    let user = ActingUser(login: getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "bench")
    let live = "status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')"
    // The busiest day, topped up (once) to `target` appointments that are not cancelled: copies of its own
    // appointments for other patients, in the same sessions and times.
    let (dayText, had) = try database.writer.read { db -> (String, Int) in
        let row = try Row.fetchOne(db, sql: "SELECT date, count(*) FROM appointment WHERE \(live) GROUP BY date ORDER BY 2 DESC, 1 LIMIT 1")
        return (row?[0] ?? "2026-01-05", row?[1] ?? 0)
    }
    if had < target {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO appointment (patient_id, slot_id, session_id, service_code, clinician_code, site_code, date, start_time,
                    end_time, priority, attendance, referral_source, transport, mobility, note, status, outcome, walk_in,
                    booked_by, booked_at)
                SELECT abs(random()) % (SELECT max(id) FROM patient) + 1, NULL, session_id, service_code, clinician_code, site_code,
                    date, start_time, end_time, priority, attendance, referral_source, transport, mobility, NULL, status, outcome, 1,
                    'bench-checklist', booked_at
                FROM appointment WHERE date = ? AND \(live) ORDER BY id LIMIT ?
                """, arguments: [dayText, target - had])
        }
    }
    let day = LocalDate(iso: dayText)!
    let preparation = try service.preparationDates(after: day)
    let counts = try database.writer.read { db in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE date = ? AND \(live)", arguments: [dayText]) ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE date BETWEEN ? AND ? AND \(live)",
                          arguments: [preparation.first!.iso, preparation.last!.iso]) ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(DISTINCT site_code) FROM appointment WHERE date = ?", arguments: [dayText]) ?? 0)
    }
    print("day \(day.display): \(counts.0) appointments across \(counts.2) sites; preparation of "
          + preparation.map(\.display).joined(separator: ", ") + ": \(counts.1) appointments")
    // A third of the hand items marked (ticked or deferred), once.
    var list = try service.generate(date: day, by: user)
    let marked = try database.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM checklist_mark WHERE user_login = 'bench-checklist'") ?? 0
    }
    if marked == 0 {
        let hand = list.items.filter { $0.completion == .hand }
        try database.writer.write { db in
            for (index, item) in hand.enumerated() where index % 3 == 0 {
                try db.execute(sql: """
                    INSERT INTO checklist_mark (item_id, item_date, action, reason, user_login, at, patient_id)
                    VALUES (?, ?, ?, ?, 'bench-checklist', '2026-01-01T17:00:00.000Z', ?)
                    """, arguments: [item.id, item.date.iso, index % 2 == 0 ? "done" : "deferred",
                                     index % 2 == 0 ? nil : "notes missing, temporary set made up", item.patientID])
            }
        }
        list = try service.generate(date: day, by: user)
    }
    print("items: \(list.items.count) (\(list.progress.text)); preparation \(list.progress(of: .preparation).text), "
          + "closure \(list.progress(of: .closure).text), callbacks \(list.progress(of: .callbacks).text)")
    let site = try database.writer.read { db in
        try String.fetchOne(db, sql: "SELECT site_code FROM appointment WHERE date = ? GROUP BY site_code ORDER BY count(*) DESC LIMIT 1",
                            arguments: [dayText])
    }
    print("in-process ChecklistService.generate, \(iterations) runs each      p50 ms  p95 ms  max ms")
    for (name, filter) in [("all sites", ChecklistFilter()), ("busiest site (\(site ?? "-"))", ChecklistFilter(siteCode: site))] {
        _ = try service.generate(date: day, filter: filter, by: user)
        var times: [Double] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try service.generate(date: day, filter: filter, by: user)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        print("  " + name.padding(toLength: 50, withPad: " ", startingAt: 0)
              + " \(msText(bookingPercentile(times, 0.5)))  \(msText(bookingPercentile(times, 0.95)))  \(msText(times.last!))")
    }
    print("(target: p95 ≤ 100 ms for the day's checklist)")
    try checklistBreakdown(db: path, runs: min(iterations, 20))
}

/// Where the time goes: the store's facts, then the rules (`--only-checklist` prints it after the figures).
func checklistBreakdown(db path: String, runs: Int) throws {
    let database = try AppDatabase.open(path: path)
    let store = ChecklistStore(database, clock: SystemClock())
    let day = try database.writer.read { db in
        LocalDate(iso: try String.fetchOne(db, sql: "SELECT date FROM appointment WHERE booked_by = 'bench-checklist' LIMIT 1") ?? "2026-01-05")!
    }
    let prep = ChecklistRules.preparationDates(after: day, calendar: WorkingCalendar())
    let query = ChecklistFactsQuery(date: day, preparationDates: prep, filter: ChecklistFilter())
    var factsTimes: [Double] = [], rulesTimes: [Double] = [], dayTimes: [Double] = []
    for _ in 0..<runs {
        var start = DispatchTime.now().uptimeNanoseconds
        _ = try BookingStore(database, clock: SystemClock()).read { try $0.clinicDay(ClinicDayQuery(date: day)) }
        dayTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        start = DispatchTime.now().uptimeNanoseconds
        let facts = try store.read { try $0.facts(query) }
        factsTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        start = DispatchTime.now().uptimeNanoseconds
        _ = ChecklistRules.items(date: day, preparationDates: prep, facts: facts)
        rulesTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print("  breakdown p50: clinic day list of the day \(msText(bookingPercentile(dayTimes.sorted(), 0.5))) ms, "
          + "facts \(msText(bookingPercentile(factsTimes.sorted(), 0.5))) ms, rules \(msText(bookingPercentile(rulesTimes.sorted(), 0.5))) ms")
}
