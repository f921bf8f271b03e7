import Foundation

/// Everything the demo centre stores, handed to the store in one piece: the
/// clinic set-up, how to plan the sessions once the templates have ids, how
/// to fill each session, and the one audit row of the whole load.
public struct DiaryBulkLoad {
    public var sites: [Site]
    public var services: [Service]
    public var clinicians: [Clinician]
    public var templates: [SessionTemplate]
    /// The sessions of the templates (given with their store ids), in diary order.
    public var plan: ([SessionTemplate]) throws -> [PlannedSession]
    /// Called once per planned session, in order.
    public var fill: (PlannedSession) throws -> DemoSessionFill
    /// The summary audit row, written in the load's transaction.
    public var audit: (DiaryBulkCounts) -> AuditEntry
    /// Run last, in the load's transaction, with the diary in place (the tasks
    /// the bookings would have made); returns how many tasks it made.
    public var after: (any BookingTransaction) throws -> Int = { _ in 0 }
    /// Who made the templates, and when.
    public var user: String
    public var at: Date

    public init(user: String, at: Date, sites: [Site], services: [Service], clinicians: [Clinician], templates: [SessionTemplate],
                plan: @escaping ([SessionTemplate]) throws -> [PlannedSession],
                fill: @escaping (PlannedSession) throws -> DemoSessionFill,
                audit: @escaping (DiaryBulkCounts) -> AuditEntry) {
        self.user = user; self.at = at
        self.sites = sites; self.services = services; self.clinicians = clinicians; self.templates = templates
        self.plan = plan; self.fill = fill; self.audit = audit
    }
}

/// What a bulk load stored.
public struct DiaryBulkCounts: Sendable, Hashable, Codable {
    public var sites = 0
    public var services = 0
    public var clinicians = 0
    public var templates = 0
    public var sessions = 0
    public var cancelledSessions = 0
    public var slots = 0
    public var places = 0
    public var appointments = 0
    /// Appointments holding a place (not cancelled), and of those the ones still booked.
    public var holdingPlace = 0
    public var booked = 0
    /// Tasks made for them (interpreter, transport, DNA review, to be booked).
    public var tasks = 0
    public init() {}
}

/// Bulk storage of a whole clinic diary (the demo centre and the benchmark):
/// one transaction, prepared statements, slot counts computed as it goes.
public protocol DiaryBulkRepository: Sendable {
    /// Ids of the patients who are alive and not merged into another record, in id order.
    func livingPatientIDs() throws -> [Int64]
    /// Whether any site, service or clinician is already set up.
    func hasClinicSetup() throws -> Bool
    /// Stores the load in one transaction; refuses (`BookingError`) when the
    /// database already has a clinic set-up. `progress(done, total)` counts sessions.
    func loadDiary(_ load: DiaryBulkLoad, progress: ((Int, Int) -> Void)?) throws -> DiaryBulkCounts
}

/// Creates the demo centre (`DemoCentre.standard`) in a demo database: its
/// set-up, two years of sessions generated from its templates (bank holidays
/// and closure days skipped) and bookings (`DemoCentreBookings`), with one
/// audit row for the whole seed. Deterministic for a seed, today and the
/// patients in the database.
public struct DemoCentreSeeder: Sendable {
    public let store: any DiaryBulkRepository
    public let access: AccessControl
    public let clock: any Clock
    public let closureDays: @Sendable () throws -> Set<LocalDate>
    public let siteClosureDays: @Sendable () throws -> [String: Set<LocalDate>]

    public init(store: any DiaryBulkRepository, access: AccessControl, clock: any Clock,
                closureDays: @escaping @Sendable () throws -> Set<LocalDate> = { [] },
                siteClosureDays: @escaping @Sendable () throws -> [String: Set<LocalDate>] = { [:] }) {
        self.store = store; self.access = access; self.clock = clock; self.closureDays = closureDays
        self.siteClosureDays = siteClosureDays
    }

    /// How much history and diary to make.
    public struct Options: Sendable, Hashable {
        /// Months of history before today (the diary starts then).
        public var historyMonths: Int
        /// Length of the diary in months (two years).
        public var months: Int
        public var seed: UInt64
        public init(historyMonths: Int = 3, months: Int = 24, seed: UInt64 = 1) {
            self.historyMonths = historyMonths; self.months = months; self.seed = seed
        }
    }

    /// What was made.
    public struct Report: Sendable, Hashable {
        public var counts: DiaryBulkCounts
        public var from: LocalDate
        public var to: LocalDate
        /// Template days not held because they were bank holidays (or closure days).
        public var skippedBankHolidays: Int
        public var skippedClosures: Int
        /// Treatment courses booked on the centre afterwards (the demo command's planner step).
        public var courses = 0
        /// The history of enquiries seeded afterwards (the demo command's last step), and sharing consents.
        public var enquiries = 0
        public var sharingConsents = 0
        /// Paper case-note volumes seeded afterwards (issue 8), and the ones recorded missing.
        public var caseNoteVolumes = 0
        public var missingVolumes = 0
        /// Today so far, seeded last (issue 8's checklist story).
        public var day: DemoDeskDay.Report?
    }

    /// The first and last date of the diary for `options`, from `today`.
    public static func range(today: LocalDate, _ options: Options) -> (from: LocalDate, to: LocalDate) {
        let from = today.addingMonths(-options.historyMonths)
        return (from, from.addingMonths(options.months).adding(days: -1))
    }

    /// Seeds the centre; nil when the database already has a clinic set-up
    /// (the centre is added once).
    public func seed(_ options: Options = Options(), by user: ActingUser,
                     progress: ((Int, Int) -> Void)? = nil) throws -> Report? {
        try access.require(.manageClinics, user)
        guard (0...24).contains(options.historyMonths), (1...36).contains(options.months),
              options.historyMonths < options.months else {
            throw BookingError(field: "history_months", "must be from 0 to 24 months, and less than the diary's length")
        }
        if try store.hasClinicSetup() { return nil }
        let now = clock.now
        let today = CentreTime.today(now)
        let (from, to) = Self.range(today: today, options)
        let centre = DemoCentre.standard(validFrom: from)
        let closures = try closureDays(), bySite = try siteClosureDays()
        let patients = try store.livingPatientIDs()
        var bookings = DemoCentreBookings(centre: centre, patientIDs: patients, today: today, now: now, user: user.login,
                                          seed: options.seed)
        var skipped: [SkippedSession] = []
        var load = DiaryBulkLoad(
            user: user.login, at: now, sites: centre.sites, services: centre.services, clinicians: centre.clinicians, templates: centre.templates,
            plan: { templates in
                let plan = try SessionGeneration.plan(templates: templates, from: from, to: to,
                                                      closures: Dictionary(uniqueKeysWithValues: centre.sites.map {
                                                          ($0.code, closures.union(bySite[$0.code] ?? []))
                                                      })).get()
                skipped = plan.skipped
                return plan.sessions
            },
            fill: { session in bookings.fill(session) },
            audit: { counts in
                AuditEntry(occurredAt: now, user: user.login, action: .bulk, patientID: nil,
                           detail: "demo centre: \(counts.sites) sites, \(counts.services) services, \(counts.clinicians) clinicians "
                               + "and resources, \(counts.templates) templates, \(counts.sessions) sessions \(from.display) to "
                               + "\(to.display), \(counts.appointments) appointments for \(patients.count) patients, seed \(options.seed)")
            })
        let calendar = WorkingCalendar(closures: closures)
        load.after = { tx in try Self.tasks(tx, today: today, now: now, user: user.login, calendar: calendar) }
        let counts = try store.loadDiary(load, progress: progress)
        return Report(counts: counts, from: from, to: to,
                      skippedBankHolidays: skipped.filter { $0.reason == .bankHoliday }.count,
                      skippedClosures: skipped.filter { $0.reason == .siteClosure }.count)
    }
}

extension DemoCentreSeeder {
    /// The tasks the desk would have now had the bookings been made one by one:
    /// interpreter and transport tasks for the next three weeks' bookings, a
    /// review for each DNA of the last fortnight, and the to-be-booked list
    /// from outcome 3 in the last four weeks (unless already booked again).
    static func tasks(_ tx: any BookingTransaction, today: LocalDate, now: Date, user: String,
                      calendar: WorkingCalendar) throws -> Int {
        let time = CentreTime.localNow(now).time
        let stamp = BookingService.Stamp(user: user, at: now, today: today, time: time, calendar: calendar)
        var made = 0
        for offset in 0...21 {
            for row in try tx.clinicDay(ClinicDayQuery(date: today.adding(days: offset)))
            where row.appointment.status == .booked && (row.needsInterpreter || row.needsTransport) {
                guard let patient = try tx.patient(id: row.appointment.patientID) else { continue }
                made += try BookingService.needTasks(tx, patient: patient, appointment: row.appointment, stamp).count
            }
        }
        for offset in 1...28 {
            let day = today.adding(days: -offset)
            for row in try tx.clinicDay(ClinicDayQuery(date: day)) {
                let a = row.appointment
                if a.status == .didNotAttend && offset <= 14 {
                    _ = try tx.insertTask(DeskTask(teamCode: "clinical", patientID: a.patientID, patientMRN: a.patientMRN, appointmentID: a.id,
                                                   serviceCode: a.serviceCode, kind: .dnaReview,
                                                   description: "clinician to decide next step: did not attend \(a.serviceCode) "
                                                       + "\(a.whenText) with \(a.clinicianCode) (appointment \(a.id))",
                                                   dueDate: calendar.nextWorkingDay(onOrAfter: day.adding(days: 1)),
                                                   dueTime: ClockTime(hour: 12, minute: 0)!, createdBy: user, createdAt: now))
                    made += 1
                } else if a.outcome == .toBeBooked,
                          try !tx.futureBookings(patientID: a.patientID, from: today).contains(where: { $0.serviceCode == a.serviceCode }) {
                    _ = try tx.insertTask(DeskTask(teamCode: "front_desk", patientID: a.patientID, patientMRN: a.patientMRN, appointmentID: a.id,
                                                   serviceCode: a.serviceCode, kind: .toBeBooked,
                                                   description: "to be booked: \(a.serviceCode) with \(a.clinicianCode) "
                                                       + "(seen \(a.date.display), appointment \(a.id))",
                                                   dueDate: calendar.adding(workingDays: 5, to: day), dueTime: ClockTime(hour: 16, minute: 0)!,
                                                   createdBy: user, createdAt: now))
                    made += 1
                }
            }
        }
        return made
    }
}

extension LocalDate {
    /// The same day `months` months later (earlier when negative), the last
    /// day of the month when that month is shorter (31-Jan + 1 → 28/29-Feb).
    public func addingMonths(_ months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(day, LocalDate.daysIn(month: m, year: y)))!
    }
}
