import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "The demo database of synthetic patients and its demo centre.", subcommands: [DemoSeed.self])
}

struct DemoSeed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Add synthetic patients (and the demo centre) to the demo database (never to a live one).",
        discussion: """
            Seeds the demo database (or the --db file, if it is new or already a demo).
            The population is deterministic for a seed: UK names of many heritages,
            plausible ages, NHS numbers from the 999 test range that is never issued.

            --centre also creates the demo cancer centre, once, when the database has no
            clinic set-up yet: a main site and two hubs, 39 services, 96 clinicians and
            resources (consultants, registrars, nurse specialists, chemotherapy chairs,
            linear accelerators, planning CT), their weekly templates, two years of
            sessions (bank holidays skipped) from --history-months before today, and
            bookings: history with attendances, DNAs and cancellations, the next two
            weeks nearly full, thinning out further ahead. --patients 0 adds only the centre.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "How many patients to add (0: none, with --centre).") var patients: Int
    @Option(help: "Seed of the synthetic population and centre (same seed, same data).") var seed: UInt64 = 1
    @Flag(help: "Also create the demo centre if the database has no clinic set-up yet.") var centre = false
    @Option(help: "Months of appointment history before today, with --centre (the diary runs two years from then).")
    var historyMonths: Int = DemoSeeder.historyMonths

    func validate() throws {
        guard (centre ? 0 : 1)...5_000_000 ~= patients else {
            throw ArgumentParser.ValidationError("--patients must be between 1 and 5000000 (0 only with --centre)")
        }
        guard (0...23).contains(historyMonths) else { throw ArgumentParser.ValidationError("--history-months must be between 0 and 23") }
    }

    func run() throws {
        try reporting(json: output.json) {
            var options = global
            if options.db == nil { options.demo = true }
            let context = try Context.open(options, purposeIfNew: .demo, seedDemo: false)
            guard context.purpose == .demo else {
                throw CommandFailure(message: "database: \(context.path) is a live database: demo patients are only ever added to a demo database (use --demo)", code: .refused)
            }
            let started = Date()
            if patients > 0 {
                let bar = ProgressBar("Seeding")
                try context.service.seedDemo(count: patients, seed: seed, by: context.user) { done, total in bar.update(done, total) }
            }
            let seconds = Date().timeIntervalSince(started)
            var report: DemoCentreSeeder.Report?
            var centreSeconds = 0.0
            if centre {
                let began = Date()
                report = try DemoSeeder(context: context).seedCentre(seed: seed, historyMonths: historyMonths)
                centreSeconds = Date().timeIntervalSince(began)
            }
            let total = try context.store.count()
            if output.json {
                print(encodeJSON(Seeded(added: patients, patients: total, seconds: (seconds * 10).rounded() / 10, database: context.path,
                                        centre: report.map { CentreJSON($0, seconds: centreSeconds) })))
            } else {
                print("Added \(patients) synthetic patients in \(String(format: "%.1f", seconds)) s; the demo database \(context.path) holds \(total).")
                if centre {
                    if let report {
                        print(DemoSeeder.summary(report) + " in \(String(format: "%.1f", centreSeconds)) s.")
                    } else {
                        print("The demo centre was not added: the database already has a clinic set-up.")
                    }
                }
            }
        }
    }

    struct Seeded: JSONObject {
        var added: Int
        var patients: Int
        var seconds: Double
        var database: String
        /// Null when no centre was asked for, or the database already had a clinic set-up.
        var centre: CentreJSON?
    }

    struct CentreJSON: JSONObject {
        var sites: Int
        var services: Int
        var clinicians: Int
        var templates: Int
        var sessions: Int
        var cancelled_sessions: Int
        var slots: Int
        var places: Int
        var appointments: Int
        var holding_place: Int
        var booked: Int
        var tasks: Int
        var from: String
        var to: String
        var skipped_bank_holidays: Int
        var courses: Int
        /// Enquiries of the last four weeks, and sharing consents (issue 7).
        var enquiries: Int
        var sharing_consents: Int
        /// Paper case-note volumes, and the ones recorded missing (issue 8).
        var case_note_volumes: Int
        var missing_volumes: Int
        /// Today so far (issue 8): what the desk and the library had done by now, and what was left for the checklist.
        var today: TodayJSON?
        var seconds: Double

        init(_ r: DemoCentreSeeder.Report, seconds: Double) {
            let c = r.counts
            sites = c.sites; services = c.services; clinicians = c.clinicians; templates = c.templates; sessions = c.sessions
            cancelled_sessions = c.cancelledSessions; slots = c.slots; places = c.places; appointments = c.appointments
            holding_place = c.holdingPlace; booked = c.booked; tasks = c.tasks; from = r.from.iso; to = r.to.iso
            skipped_bank_holidays = r.skippedBankHolidays; courses = r.courses; enquiries = r.enquiries
            sharing_consents = r.sharingConsents; case_note_volumes = r.caseNoteVolumes; missing_volumes = r.missingVolumes
            today = r.day.map(TodayJSON.init)
            self.seconds = (seconds * 10).rounded() / 10
        }
    }
}

extension DemoSeed {
    struct TodayJSON: JSONObject {
        var attended: Int
        var did_not_attend: Int
        var follow_ups_booked: Int
        var to_be_booked: Int
        var discharged: Int
        var without_outcome: [Int64]
        var tasks_done: Int
        var notes_returned: Int
        var notes_sent: Int
        var missing_notes_patient: Int64?
        var ticked: Int
        var unscreened: Int64?
        init(_ d: DemoDeskDay.Report) {
            attended = d.attended; did_not_attend = d.didNotAttend; follow_ups_booked = d.followUpsBooked; to_be_booked = d.toBeBooked
            discharged = d.discharged; without_outcome = d.withoutOutcome; tasks_done = d.tasksDone; notes_returned = d.notesReturned
            notes_sent = d.notesSent; missing_notes_patient = d.missingNotesPatient; ticked = d.ticked; unscreened = d.unscreened
        }
    }
}

/// First-run seeding of a new demo database: the synthetic patients, then the
/// demo centre with its diary and bookings.
struct DemoSeeder {
    static let firstRunCount = 5_000
    /// Months of appointment history the demo centre gets by default.
    static let historyMonths = 3
    let context: Context

    func seed(count: Int, seed: UInt64) throws -> Int {
        let bar = ProgressBar("Creating the demo database")
        let added = try context.service.seedDemo(count: count, seed: seed, by: context.user) { done, total in bar.update(done, total) }
        _ = try seedCentre(seed: seed, historyMonths: Self.historyMonths)
        return added
    }

    /// Adds the demo centre unless the database already has a clinic set-up (nil then).
    func seedCentre(seed: UInt64, historyMonths: Int) throws -> DemoCentreSeeder.Report? {
        var report: DemoCentreSeeder.Report?
        let booking = context.booking
        let seeder = DemoCentreSeeder(store: BookingStore(context.database, clock: booking.clock), access: booking.access,
                                      clock: booking.clock, closureDays: booking.closureDays, siteClosureDays: booking.siteClosureDays)
        let bar = ProgressBar("Creating the demo centre")
        report = try seeder.seed(.init(historyMonths: historyMonths, seed: seed), by: context.user) { done, total in bar.update(done, total) }
        // The example protocols (Docs/protocols/), ready for courses to be planned on the centre.
        if report != nil {
            for file in ExampleProtocols.all { _ = try context.protocols.importProtocol(yaml: file.yaml, by: context.user) }
            report?.courses = try seedCourses(seed: seed)
            let enquiries = try seedEnquiries(seed: seed)
            report?.enquiries = enquiries.enquiries
            report?.sharingConsents = enquiries.consents
            let notes = try context.caseNotes.seedDemo(seed: seed, patientIDs: try BookingStore(context.database, clock: context.booking.clock)
                .livingPatientIDs(), by: context.user)
            report?.caseNoteVolumes = notes.volumes
            report?.missingVolumes = notes.missing
            report?.day = try seedDay(seed: seed)
        }
        return report
    }

    /// Today so far (`DemoDeskDay`): the clinics that have ended recorded,
    /// the coming ones prepared, with what the checklist story needs left
    /// undone (two outcomes, one prescription, one missing set of notes).
    func seedDay(seed: UInt64) throws -> DemoDeskDay.Report {
        var day = try context.booking.seedDemoDay(seed: seed, by: context.user)
        let preparation = try context.checklist.preparationDates(after: context.checklist.today)
        try context.caseNotes.seedDemoDay(seed: seed, preparationDates: preparation, into: &day, by: context.user)
        try context.checklist.seedDemoDay(into: &day, by: context.user)
        return day
    }

    /// Four weeks of enquiries taken by you (most closed, some awaiting a
    /// callback — two overdue — referred or escalated) and a few sharing
    /// consents, about the centre's patients.
    func seedEnquiries(seed: UInt64) throws -> EnquiryService.DemoReport {
        let patients = try BookingStore(context.database, clock: context.booking.clock).livingPatientIDs()
        return try context.enquiries.seedDemo(seed: seed, patientIDs: patients, by: context.user)
    }

    /// A few patients on a course, booked by the planner like a clerk would:
    /// SACT courses starting over the next weeks, so the
    /// record's courses section and the re-plan have something to show. A
    /// patient the diary cannot fit (or who has died) is passed over.
    func seedCourses(seed: UInt64) throws -> Int {
        let sequence = context.sequence
        let today = context.booking.now.date
        var booked = 0
        var number = 100 + Int(seed % 50)
        let wanted = [("sact_21x6", 5)]
        for (code, count) in wanted {
            var done = 0, tries = 0
            while done < count && tries < count * 4 {
                tries += 1
                number += 37
                let mrn = "FD" + String(repeating: "0", count: max(0, 7 - String(number).count)) + String(number)
                do {
                    _ = try sequence.book(patient: mrn, protocolCode: code, start: today.adding(days: 7 + 5 * done), by: context.user)
                    done += 1
                } catch is BookingError {
                    continue
                }
            }
            booked += done
        }
        return booked
    }

    static func summary(_ r: DemoCentreSeeder.Report) -> String {
        let c = r.counts
        return "Created the demo centre: \(c.sites) sites, \(c.services) services, \(c.clinicians) clinicians and resources, "
            + "\(c.sessions) sessions from \(r.from.display) to \(r.to.display) (\(r.skippedBankHolidays) on bank holidays skipped), "
            + "\(c.slots) slots, \(c.appointments) appointments (\(c.booked) still booked), \(c.tasks) open tasks, "
            + "the example protocols " + ExampleProtocols.all.map { $0.name }.joined(separator: ", ")
            + ", \(r.courses) treatment courses booked by the planner"
            + ", \(r.enquiries) enquiries of the last four weeks with \(r.sharingConsents) sharing consents"
            + " and \(r.caseNoteVolumes) paper case-note volumes (\(r.missingVolumes) missing)"
            + (r.day.map { d in
                "; today so far: \(d.attended) attended and \(d.didNotAttend) did not attend (\(d.withoutOutcome.count) without an outcome yet), "
                    + "\(d.followUpsBooked) follow-ups booked, the coming clinics prepared but one prescription and one set of notes"
            } ?? "")
    }
}
