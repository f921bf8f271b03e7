import ArgumentParser
import Foundation
import FrontDeskDomain

// Session templates and the sessions generated from them (managers set them
// up; officers cancel a session; everyone lists them).

/// A date option as people type it (`24/11/2026`, `24-Nov-2026`, `2026-11-24`, `today`, `tomorrow`).
struct DateArgument: ExpressibleByArgument, Sendable {
    let text: String
    init?(argument: String) { text = argument }

    func date(_ field: String, today: LocalDate) throws -> LocalDate {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "today": return today
        case "tomorrow": return today.adding(days: 1)
        case "yesterday": return today.adding(days: -1)
        default:
            guard let date = LocalDate.parse(text) else {
                throw CommandFailure(message: "\(field): is not a date: type it as \(LocalDate.acceptedFormats), or today",
                                     code: .refused, fields: [FieldError(field: field, reason: "is not a date")])
            }
            return date
        }
    }
}

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "When clinics are held: session templates (weekdays, times, slots).",
        subcommands: [TemplateAdd.self, TemplateList.self])
}

struct TemplateAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a session template (managers).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Service code.") var service: String
    @Option(help: "Site code.") var site: String
    @Option(help: "Clinician or resource code.") var clinician: String
    @Option(help: "Weekdays: mon,wed,fri or mon-fri.") var days: String
    @Option(help: "Start time, e.g. 09:00.") var start: String
    @Option(help: "End time, e.g. 12:30.") var end: String
    @Option(help: "Slot length in minutes (must divide the session).") var slot: String
    @Option(help: "Patients per slot (1 to 20).") var capacity: String = "1"
    @Option(help: "First date the template applies.") var from: String
    @Option(help: "Last date (open-ended without it).") var to: String?
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            func day(_ text: String, _ field: String) throws -> String {
                try DateArgument(argument: text)!.date(field, today: today).display
            }
            let fields = SessionTemplateFields(service: service, site: site, clinician: clinician, days: days, start: start,
                                               end: end, slotMinutes: slot, capacity: capacity, validFrom: try day(from, "valid_from"),
                                               validTo: try to.map { try day($0, "valid_to") })
            let template = try context.booking.addTemplate(fields, by: context.user)
            if output.json { print(encodeJSON(TemplateJSON(template))) } else {
                print("Added template \(template.id!): \(template.serviceCode) at \(template.siteCode) with \(template.clinicianCode), "
                      + "\(Weekday.listDisplay(template.weekdays)) \(template.start)–\(template.end), "
                      + "\(template.slotCount) slots of \(template.slotMinutes) min × \(template.capacity), from \(template.validFrom.display)"
                      + (template.validTo.map { " to \($0.display)" } ?? ""))
                print("Generate its sessions with: frontdesk session generate --from DATE --to DATE")
            }
        }
    }
}

struct TemplateList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every session template.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let templates = try context.booking.templates(by: context.user)
            if output.json {
                struct List: JSONObject { var templates: [TemplateJSON] }
                print(encodeJSON(List(templates: templates.map(TemplateJSON.init))))
            } else if templates.isEmpty {
                print("No session templates yet (frontdesk template add …).")
            } else {
                for t in templates {
                    print(TextOutput.pad("\(t.id ?? 0)", 5) + " " + TextOutput.pad(t.serviceCode, 16) + " " + TextOutput.pad(t.siteCode, 10)
                          + " " + TextOutput.pad(t.clinicianCode, 14) + " " + TextOutput.pad(Weekday.listDisplay(t.weekdays), 12)
                          + " \(t.start)–\(t.end) \(t.slotMinutes)m×\(t.capacity)  \(t.validFrom.display)" + (t.validTo.map { "–\($0.display)" } ?? "–"))
                }
            }
        }
    }
}

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Clinic sessions: generate them from templates, list them, cancel one.",
        subcommands: [SessionGenerate.self, SessionList.self, SessionCancel.self])
}

struct SessionGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate the sessions of every template for a date range (managers; skips bank holidays and closure days; safe to repeat).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "First date.") var from: DateArgument
    @Option(help: "Last date (at most three years on).") var to: DateArgument
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let first = try from.date("from", today: today), last = try to.date("to", today: today)
            let done = try context.booking.generateSessions(from: first, to: last, by: context.user)
            if output.json {
                struct Skip: JSONObject { var date: String; var template_id: Int64?; var site: String; var reason: String }
                struct Out: JSONObject { var created: Int; var existing: Int; var skipped: [Skip] }
                print(encodeJSON(Out(created: done.created, existing: done.existing, skipped: done.skipped.map {
                    Skip(date: $0.date.iso, template_id: $0.templateID, site: $0.siteCode, reason: $0.reason.rawValue)
                })))
            } else {
                print("Generated \(done.created) session\(done.created == 1 ? "" : "s") from \(first.display) to \(last.display)"
                      + (done.existing > 0 ? " (\(done.existing) already in the diary, left as they were)" : "") + ".")
                let byDate = Dictionary(grouping: done.skipped, by: \.date)
                for date in byDate.keys.sorted() {
                    let skips = byDate[date]!
                    print("Skipped \(date.display): \(skips[0].reason.summary) (\(skips.count) session\(skips.count == 1 ? "" : "s"))")
                }
            }
        }
    }
}

struct SessionList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Sessions of a date range.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "First date (default today).") var from: DateArgument?
    @Option(help: "Last date (default the first).") var to: DateArgument?
    @Option(help: "Only this service.") var service: String?
    @Option(help: "Only this site.") var site: String?
    @Option(help: "Only this clinician or resource.") var clinician: String?
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let first = try from?.date("from", today: today) ?? today
            let last = try to?.date("to", today: today) ?? first
            let sessions = try context.booking.sessions(SessionQuery(from: first, to: last, serviceCode: service, siteCode: site,
                                                                     clinicianCode: clinician), by: context.user)
            if output.json {
                struct List: JSONObject { var sessions: [SessionJSON] }
                print(encodeJSON(List(sessions: sessions.map(SessionJSON.init))))
            } else if sessions.isEmpty {
                print("No sessions from \(first.display) to \(last.display).")
            } else {
                for s in sessions {
                    var line = TextOutput.pad("\(s.id)", 7) + " " + s.date.weekday.short.capitalized + " " + s.date.display
                        + " \(s.start)–\(s.end) " + TextOutput.pad(s.siteCode, 10) + " " + TextOutput.pad(s.serviceCode, 16)
                        + " " + TextOutput.pad(s.clinicianCode, 14) + " \(s.booked)/\(s.capacity) booked"
                    if let c = s.cancellation { line += "  CANCELLED: \(c.reason)" }
                    print(line)
                }
            }
        }
    }
}

struct SessionCancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a session (officers): its booked appointments are cancelled by the hospital and listed for rebooking.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Session id (frontdesk session list).") var id: Int64
    @Option(help: "Why, in words (e.g. 'Dr Okafor on annual leave').") var reason: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let (session, cancelled) = try context.booking.cancelSession(id: id, reason: reason, by: context.user)
            if output.json {
                struct Out: JSONObject { var session: SessionJSON; var to_rebook: [AppointmentJSON] }
                print(encodeJSON(Out(session: SessionJSON(session), to_rebook: cancelled.map(AppointmentJSON.init))))
            } else {
                print("Cancelled session \(session.id): \(session.serviceCode) \(session.date.display) \(session.start)–\(session.end) "
                      + "with \(session.clinicianCode) at \(session.siteCode).")
                if cancelled.isEmpty {
                    print("No appointments were booked in it.")
                } else {
                    print("\(cancelled.count) appointment\(cancelled.count == 1 ? "" : "s") to rebook (each on the front desk's task list):")
                    for a in cancelled {
                        if let course = try context.sequence.course(ofAppointment: a.id, by: context.user) {
                            print("  appointment \(a.id)  \(a.start)  \(a.patientMRN)  a step of course \(course): "
                                  + "frontdesk course replan \(course)")
                        } else {
                            print("  appointment \(a.id)  \(a.start)  \(a.patientMRN)  frontdesk slots --service \(a.serviceCode); "
                                  + "frontdesk appointment rebook \(a.id) --slot ID")
                        }
                    }
                }
            }
        }
    }
}
