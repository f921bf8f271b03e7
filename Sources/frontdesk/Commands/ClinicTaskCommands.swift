import ArgumentParser
import Foundation
import FrontDeskDomain

struct ClinicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinic", abstract: "The clinic day list at reception.", subcommands: [ClinicDay.self])
}

struct ClinicDay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "day", abstract: "A day's appointments in time order, with status and flags (interpreter, transport, alerts).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "The date (default today).") var date: DateArgument?
    @Option(help: "Only this site.") var site: String?
    @Option(help: "Only this service.") var service: String?
    @Option(help: "Only this clinician or resource.") var clinician: String?
    @Flag(help: "Include cancelled appointments.") var all = false
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let day = try date?.date("date", today: today) ?? today
            let rows = try context.booking.clinicDay(ClinicDayQuery(date: day, siteCode: site, serviceCode: service,
                                                                    clinicianCode: clinician, includeCancelled: all), by: context.user)
            if output.json {
                struct Row: JSONObject {
                    var appointment: AppointmentJSON; var patient: SummaryJSON; var needs: [String]; var alerts: [String]
                    var interpreter: Bool; var transport: Bool
                }
                struct Out: JSONObject { var date: String; var appointments: [Row] }
                print(encodeJSON(Out(date: day.iso, appointments: rows.map {
                    Row(appointment: AppointmentJSON($0.appointment), patient: SummaryJSON($0.patient), needs: $0.needs,
                        alerts: $0.alerts.map(\.rawValue), interpreter: $0.needsInterpreter, transport: $0.needsTransport)
                })))
                return
            }
            if rows.isEmpty { print("No appointments on \(day.display)."); return }
            let seen = rows.filter { $0.appointment.status.isAttendanceRecorded || $0.appointment.status == .arrived }.count
            print("\(day.weekday.short.capitalized) \(day.display): \(rows.count) appointment\(rows.count == 1 ? "" : "s"), \(seen) arrived or recorded")
            for row in rows {
                let a = row.appointment
                var flags: [String] = []
                if row.needsInterpreter { flags.append("INTERPRETER (\(row.needs.joined(separator: ", ")))") }
                if row.needsTransport { flags.append("TRANSPORT (\(a.mobility?.rawValue ?? "walking"))") }
                if !row.alerts.isEmpty { flags.append("ALERT: " + row.alerts.map(\.label).joined(separator: ", ")) }
                if row.patient.dateOfDeath != nil { flags.append("DIED") }
                let name = row.patient.restricted ? "(restricted record)" : row.patient.displayName
                print(a.start.display + " " + TextOutput.pad("\(a.id)", 7) + " " + TextOutput.pad(name, 28) + " "
                      + TextOutput.pad(row.patient.mrn, 10) + " " + TextOutput.pad(a.serviceCode, 14) + " "
                      + TextOutput.pad(a.clinicianCode, 12) + " " + TextOutput.pad(a.status.label, 20)
                      + (flags.isEmpty ? "" : " " + flags.joined(separator: "; ")))
            }
        }
    }
}

struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task", abstract: "Tasks for teams: book an interpreter or transport, decide after a DNA, book later …",
        subcommands: [TaskList.self, TaskDone.self, TaskCancel.self])
}

extension DeskTask.Kind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased().replacingOccurrences(of: "-", with: "_")) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

struct TaskList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Tasks, open ones first, by due time.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only this team's (e.g. front_desk, clinical).") var team: String?
    @Flag(help: "Only open tasks.") var open = false
    @Option(name: .customLong("due-before"), help: "Only tasks due on or before this date.") var dueBefore: DateArgument?
    @Option(help: "Only this patient's (hospital or NHS number).") var patient: String?
    @Option(help: "Only this kind: \(DeskTask.Kind.allCases.map(\.rawValue).joined(separator: ", ")).") var kind: DeskTask.Kind?
    @Option(help: "Only this service's (the clinic's to-be-booked list: --kind to_be_booked --service CODE).") var service: String?
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let now = context.booking.now
            var patientID: Int64?
            if let patient {
                let record = try context.service.open(patient, by: context.user, purpose: "listed tasks")
                patientID = record.id
            }
            let tasks = try context.booking.tasks(TaskQuery(teamCode: team, patientID: patientID, kind: kind, serviceCode: service,
                                                            openOnly: open, dueBefore: try dueBefore?.date("due_before", today: now.date)),
                                                  by: context.user)
            if output.json {
                struct List: JSONObject { var tasks: [TaskJSON] }
                print(encodeJSON(List(tasks: tasks.map(TaskJSON.init))))
            } else if tasks.isEmpty {
                print("No tasks.")
            } else {
                for t in tasks {
                    let overdue = t.isOverdue(today: now.date, now: now.time) ? "OVERDUE " : ""
                    print(TextOutput.pad("\(t.id)", 6) + " " + TextOutput.pad(t.status.rawValue, 9) + " " + overdue
                          + "due \(t.dueText)  " + TextOutput.pad(t.teamCode, 12) + " " + TextOutput.pad(t.patientMRN, 10) + " " + t.description)
                }
            }
        }
    }
}

struct TaskDone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a task done.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Task id.") var id: Int64
    @Option(help: "A note (e.g. the interpreter's booking reference).") var note: String?
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let task = try context.booking.closeTask(id: id, .done, note: note, by: context.user)
            if output.json { print(encodeJSON(TaskJSON(task))) } else { print("Task \(task.id) done: \(task.description)") }
        }
    }
}

struct TaskCancel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel a task that is no longer needed, saying why.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Task id.") var id: Int64
    @Option(help: "Why it is no longer needed.") var note: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let task = try context.booking.closeTask(id: id, .cancelled, note: note, by: context.user)
            if output.json { print(encodeJSON(TaskJSON(task))) } else { print("Task \(task.id) cancelled: \(task.description)") }
        }
    }
}
