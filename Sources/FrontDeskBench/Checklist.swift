// `--only-checklist`: the end-of-day checklist (issue 8: a day with 2,000
// appointments across all sites, p95 ≤ 100 ms), timed through
// ChecklistService.generate as the command and the pane call it, for two days
// of the demo centre in the 1,000,000-patient database:
//
// - the busiest day from Monday to Thursday, with the next working day's preparation;
// - the busiest Friday whose preparation is Saturday, Sunday and Monday (three
//   dates, the longest ordinary one; Monday's clinics as the diary holds them).
//
// Each day is topped up (once) to 2,000 appointments that are not cancelled,
// across all sites, and the benchmark stops unless it then holds at least that
// many. The patients have their paper case notes (the pull list's seeding, once),
// with the evening's whereabouts set once by SQL — the notes of 40 % of the
// prepared dates' patients sent to their clinic, a third of the day's patients'
// still at theirs — and a third of the hand items are marked (ticked or deferred).
import Foundation
import GRDB
import FrontDeskDomain
import FrontDeskStore
#if canImport(Glibc)
import Glibc
#endif

/// One timed checklist: its date and the dates it prepares; the benchmark's rows for it carry `marker`
/// (`booked_by` of the appointments added, `moved_by` of the volumes moved, `user_login` of the marks).
struct ChecklistBenchDay {
    var label: String
    var marker: String
    var date: LocalDate
    var preparation: [LocalDate]
}

private let live = "status NOT IN ('cancelled_by_patient', 'cancelled_by_hospital')"

func checklistBenchmark(db path: String, iterations: Int, target: Int = 2_000) throws {
    print("\nchecklist: \(path)")
    let database = try AppDatabase.open(path: path)
    let clock = SystemClock()
    let settings = SettingsStore(database, clock: clock)
    let access = AccessControl(staff: StaffStore(database, clock: clock))
    let service = ChecklistService(checklist: ChecklistStore(database, clock: clock), access: access,
                                   clock: clock, closureDays: { try settings.closureDays() })
    let user = ActingUser(login: getpwuid(getuid()).flatMap { $0.pointee.pw_name.map { String(cString: $0) } } ?? "bench")
    try seedBenchCaseNotes(database, notes: CaseNoteService(notes: CaseNoteStore(database, clock: clock), access: access, clock: clock),
                           user: user)

    // The days, chosen once (found again by their marker).
    func marked(_ marker: String) throws -> LocalDate? {
        try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT date FROM appointment WHERE booked_by = ? LIMIT 1", arguments: [marker])
        }.flatMap { LocalDate(iso: $0) }
    }
    func busiest(_ weekdays: String) throws -> [LocalDate] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT date FROM appointment WHERE \(live) AND strftime('%w', date) IN (\(weekdays))
                GROUP BY date ORDER BY count(*) DESC, date
                """)
        }.compactMap { LocalDate(iso: $0) }
    }
    guard let weekday = try marked("bench-checklist") ?? busiest("'1', '2', '3', '4'").first else {
        fatalError("checklist: the database holds no appointments from Monday to Thursday (is the demo centre there?)")
    }
    var friday = try marked("bench-checklist-friday")
    if friday == nil {
        for candidate in try busiest("'5'") {
            if try service.preparationDates(after: candidate).map(\.weekday) == [.saturday, .sunday, .monday] { friday = candidate; break }
        }
    }
    guard let friday else { fatalError("checklist: no Friday followed by a working Monday in the database") }
    let days = [
        ChecklistBenchDay(label: "\(weekday.weekday.short.capitalized) \(weekday.display)", marker: "bench-checklist",
                          date: weekday, preparation: try service.preparationDates(after: weekday)),
        ChecklistBenchDay(label: "Fri \(friday.display) (Sat–Mon)", marker: "bench-checklist-friday",
                          date: friday, preparation: try service.preparationDates(after: friday)),
    ]
    guard days[1].preparation.count == 3 else { fatalError("checklist: \(friday.display) prepares \(days[1].preparation.count) dates, not 3") }

    var patients: [Int64] = []
    for day in days {
        if patients.isEmpty, try held(database, day.date) < target { patients = try BookingStore(database, clock: clock).livingPatientIDs() }
        let added = try topUp(database, day: day, target: target, patients: patients)
        let counts = try database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(DISTINCT site_code) FROM appointment WHERE date = ? AND \(live)", arguments: [day.date.iso]) ?? 0,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE date BETWEEN ? AND ? AND \(live)",
                              arguments: [day.preparation.first!.iso, day.preparation.last!.iso]) ?? 0)
        }
        let total = try held(database, day.date)
        guard total >= target else {
            fatalError("checklist: \(day.date.display) holds \(total) appointments that are not cancelled after the top-up, not the \(target) the benchmark times")
        }
        print("day \(day.label): \(total) appointments (\(added) added by the benchmark) across \(counts.0) sites; preparation of "
              + day.preparation.map(\.display).joined(separator: ", ") + ": \(counts.1) appointments")
        let moved = try placeNotes(database, day: day)
        if moved > 0 { print("  case notes placed for the evening: \(moved) volumes moved to clinics") }
        try markHandItems(database, service: service, day: day, user: user)
        let list = try service.generate(date: day.date, by: user)
        print("  items: \(list.items.count) (\(list.progress.text)); preparation \(list.progress(of: .preparation).text), "
              + "closure \(list.progress(of: .closure).text), callbacks \(list.progress(of: .callbacks).text); "
              + "case-note items \(list.items.filter { $0.kind.perSession }.count)")
    }

    print("in-process ChecklistService.generate, \(iterations) runs each      p50 ms  p95 ms  max ms")
    for day in days {
        let site = try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT site_code FROM appointment WHERE date = ? AND \(live) GROUP BY site_code ORDER BY count(*) DESC LIMIT 1",
                                arguments: [day.date.iso])
        }
        for (name, filter) in [("all sites", ChecklistFilter()), ("busiest site (\(site ?? "-"))", ChecklistFilter(siteCode: site))] {
            _ = try service.generate(date: day.date, filter: filter, by: user)
            var times: [Double] = []
            for _ in 0..<iterations {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try service.generate(date: day.date, filter: filter, by: user)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            times.sort()
            print("  " + "\(day.label), \(name)".padding(toLength: 50, withPad: " ", startingAt: 0)
                  + " \(msText(bookingPercentile(times, 0.5)))  \(msText(bookingPercentile(times, 0.95)))  \(msText(times.last!))")
        }
    }
    print("(target: p95 ≤ 100 ms for the day's checklist)")
    for day in days { try checklistBreakdown(database, day: day, runs: min(iterations, 20)) }
}

/// Appointments of the day that are not cancelled, across all sites.
private func held(_ database: AppDatabase, _ date: LocalDate) throws -> Int {
    try database.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE date = ? AND \(live)", arguments: [date.iso]) ?? 0
    }
}

/// Tops the day up to `target` appointments that are not cancelled: copies of the day's own, taken in turn
/// (as many rounds as it needs), for random living patients, in the same sessions and times with the same
/// status and outcome, `booked_by` the day's marker. Returns how many were added.
private func topUp(_ database: AppDatabase, day: ChecklistBenchDay, target: Int, patients: [Int64]) throws -> Int {
    try database.writer.write { db -> Int in
        let had = try Int.fetchOne(db, sql: "SELECT count(*) FROM appointment WHERE date = ? AND \(live)", arguments: [day.date.iso]) ?? 0
        let templates = try Int64.fetchAll(db, sql: "SELECT id FROM appointment WHERE date = ? AND \(live) ORDER BY id",
                                           arguments: [day.date.iso])
        guard had < target, !templates.isEmpty, !patients.isEmpty else { return 0 }
        var random = BenchRandom(state: UInt64(day.date.dayNumber))
        let insert = try db.cachedStatement(sql: """
            INSERT INTO appointment (patient_id, slot_id, session_id, service_code, clinician_code, site_code, date, start_time,
                end_time, priority, attendance, referral_source, transport, mobility, note, status, outcome, walk_in,
                booked_by, booked_at)
            SELECT ?, NULL, session_id, service_code, clinician_code, site_code, date, start_time, end_time, priority, attendance,
                referral_source, transport, mobility, NULL, status, outcome, 1, ?, booked_at
            FROM appointment WHERE id = ?
            """)
        for n in 0..<(target - had) {
            try insert.execute(arguments: [random.pick(patients), day.marker, templates[n % templates.count]])
        }
        return target - had
    }
}

/// The case notes as they stand on the evening (once per day): every volume of 40 % of the prepared dates'
/// patients (by patient id) sent to the clinic of their first appointment then, and a third of the day's
/// patients' volumes still at theirs. Returns the volumes moved (0 when already done).
private func placeNotes(_ database: AppDatabase, day: ChecklistBenchDay) throws -> Int {
    try database.writer.write { db -> Int in
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM case_note_volume WHERE moved_by = ?", arguments: [day.marker]) ?? 0 > 0 { return 0 }
        var moved = 0
        for (from, to, share) in [(day.date, day.date, "patient_id % 3 = 0"),
                                  (day.preparation.first!, day.preparation.last!, "patient_id % 5 < 2")] {
            try db.execute(sql: """
                UPDATE case_note_volume SET location_kind = 'clinic',
                    location_place = (SELECT a.service_code || '@' || a.site_code FROM appointment a
                                      WHERE a.patient_id = case_note_volume.patient_id AND a.date BETWEEN ?1 AND ?2 AND a.\(live)
                                      ORDER BY a.date, a.start_time LIMIT 1),
                    moved_at = '2026-01-01T16:00:00.000Z', moved_by = ?3
                WHERE location_kind IN ('library', 'offsite')
                  AND patient_id IN (SELECT patient_id FROM appointment WHERE date BETWEEN ?1 AND ?2 AND \(live) AND \(share))
                """, arguments: [from.iso, to.iso, day.marker])
            moved += db.changesCount
        }
        return moved
    }
}

/// A third of the day's hand items marked (ticked or deferred), once.
private func markHandItems(_ database: AppDatabase, service: ChecklistService, day: ChecklistBenchDay, user: ActingUser) throws {
    let marked = try database.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM checklist_mark WHERE user_login = ?", arguments: [day.marker]) ?? 0
    }
    guard marked == 0 else { return }
    let hand = try service.generate(date: day.date, by: user).items.filter { $0.completion == .hand }
    try database.writer.write { db in
        for (index, item) in hand.enumerated() where index % 3 == 0 {
            try db.execute(sql: """
                INSERT INTO checklist_mark (item_id, item_date, action, reason, user_login, at, patient_id)
                VALUES (?, ?, ?, ?, ?, '2026-01-01T17:00:00.000Z', ?)
                """, arguments: [item.id, item.date.iso, index % 2 == 0 ? "done" : "deferred",
                                 index % 2 == 0 ? nil : "notes missing, temporary set made up", day.marker, item.patientID])
        }
    }
}

/// Where the time goes (printed after the figures): the clinic day list of the day alone, then the store's
/// facts (every date, with tasks, case notes, callbacks and marks) and the rules (the items built, marked and sorted).
func checklistBreakdown(_ database: AppDatabase, day: ChecklistBenchDay, runs: Int) throws {
    let store = ChecklistStore(database, clock: SystemClock())
    let booking = BookingStore(database, clock: SystemClock())
    let query = ChecklistFactsQuery(date: day.date, preparationDates: day.preparation, filter: ChecklistFilter())
    var factsTimes: [Double] = [], rulesTimes: [Double] = [], dayTimes: [Double] = []
    for _ in 0..<runs {
        var start = DispatchTime.now().uptimeNanoseconds
        _ = try booking.read { try $0.clinicDay(ClinicDayQuery(date: day.date)) }
        dayTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        start = DispatchTime.now().uptimeNanoseconds
        let facts = try store.read { try $0.facts(query) }
        factsTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        start = DispatchTime.now().uptimeNanoseconds
        _ = ChecklistRules.items(date: day.date, preparationDates: day.preparation, facts: facts)
        rulesTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    print("  breakdown p50, \(day.label): clinic day list of the day \(msText(bookingPercentile(dayTimes.sorted(), 0.5))) ms, "
          + "facts \(msText(bookingPercentile(factsTimes.sorted(), 0.5))) ms, rules \(msText(bookingPercentile(rulesTimes.sorted(), 0.5))) ms")
}
