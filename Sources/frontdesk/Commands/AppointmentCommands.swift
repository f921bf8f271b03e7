import ArgumentParser
import Foundation
import FrontDeskDomain

// Finding slots, booking, and everything that happens to an appointment after.

// The domain's enumerations read what people type (`init?(parsing:)`); as
// command-line values they take the same words, listed by their raw values
// unless a type names them otherwise.
extension Priority: TypedArgument { public static var allValueStrings: [String] { ["routine", "urgent", "2ww"] } }
extension TransportNeed: TypedArgument {}
extension Mobility: TypedArgument {}
extension ReferralSource: TypedArgument {
    public static var allValueStrings: [String] { ["gp", "consultant", "self", "nurse", "screening", "other"] }
}
extension CancelledBy: TypedArgument {}
extension CancellationReason: TypedArgument {}
extension AttendanceOutcome: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { ["1", "2", "3"] }
}
extension DayPart: TypedArgument {}

enum BookingText {
    static func slot(_ s: Slot) -> String {
        TextOutput.pad("\(s.id)", 8) + " " + s.whenText + "  " + TextOutput.pad(s.siteCode, 10) + " "
            + TextOutput.pad(s.clinicianCode, 14) + " " + (s.capacity > 1 ? "\(s.free) of \(s.capacity) free" : "free")
    }

    static func appointment(_ a: Appointment) -> String {
        var line = "Appointment \(a.id): \(a.serviceCode) \(a.whenText) with \(a.clinicianCode) at \(a.siteCode) — \(a.status.label)"
        if a.status.nhsCode != 0 || a.status == .booked { line += " (\(a.status.nhsCode))" }
        if let outcome = a.outcome { line += ", outcome \(outcome.rawValue) \(outcome.label)" }
        return line
    }

    static func patient(_ p: PatientSummary) -> String {
        p.restricted ? "\(p.mrn) (restricted record)" : "\(p.displayName), \(p.mrn)" + (p.nhsNumber.map { ", NHS \($0.formatted)" } ?? "")
    }

    static func detail(_ d: AppointmentDetail) -> [String] {
        let a = d.appointment
        var lines = [appointment(a), "Patient: \(patient(d.patient))"]
        var facts = ["priority \(a.priority.label)", a.attendance.summary]
        if let r = a.referralSource { facts.append("referred by \(r.label) (\(r.rawValue))") }
        if a.transport != .none { facts.append("transport \(a.transport.rawValue)" + (a.mobility.map { " (\($0.rawValue))" } ?? "")) }
        if a.walkIn { facts.append("walk-in") }
        lines.append(facts.joined(separator: ", "))
        if let note = a.note { lines.append("Note: \(note)") }
        if let reason = a.overbookReason { lines.append("Overbooked: \(reason)") }
        if let by = a.cancelledBy { lines.append("Cancelled by the \(by.rawValue): \(a.cancelReason?.label ?? "")" + (a.cancelText.map { " — \($0)" } ?? "")) }
        if let old = a.replacesID { lines.append("Replaces appointment \(old)") }
        if let new = a.replacedByID { lines.append("Rebooked as appointment \(new)") }
        if !d.trail.isEmpty {
            lines.append("Trail:")
            for e in d.trail {
                lines.append("  \(TimeText.local(e.at))  \(TextOutput.pad(e.user, 10)) #\(e.appointmentID) \(e.detail)")
            }
        }
        for t in d.tasks { lines.append("Task \(t.id) (\(t.teamCode), due \(t.dueText), \(t.status.rawValue)): \(t.description)") }
        return lines
    }

    static func alternatives(_ slots: [Slot]) -> String {
        slots.isEmpty ? "No other free slot for it was found."
            : "Next free slots:\n" + slots.map { "  " + slot($0) }.joined(separator: "\n")
    }
}

struct SlotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slots", abstract: "Next available slots for a service, earliest first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Service code.") var service: String
    @Option(help: "From this date (default today, from now).") var from: DateArgument?
    @Option(help: "Only at this site.") var site: String?
    @Option(help: "Only with this clinician or resource.") var clinician: String?
    @Option(help: "Only these weekdays: mon,wed or mon-fri.") var days: String?
    @Option(help: "Only mornings (am) or afternoons (pm).") var time: DayPart?
    @Option(help: "How many (default 10, at most 200).") var limit: Int = 10
    @Option(help: "Only slots this patient could take (hospital or NHS number): none overlapping their other appointments.")
    var patient: String?
    func run() throws {
        try reporting(json: output.json) {
            guard (1...200).contains(limit) else {
                throw CommandFailure(message: "limit: must be from 1 to 200", code: .refused, fields: [FieldError(field: "limit", reason: "must be from 1 to 200")])
            }
            var weekdays: Set<Weekday>?
            if let days {
                guard let parsed = Weekday.parseList(days) else {
                    throw CommandFailure(message: "days: \(Weekday.listRule)", code: .refused, fields: [FieldError(field: "days", reason: Weekday.listRule)])
                }
                weekdays = parsed
            }
            let context = try Context.open(global)
            let today = context.booking.now.date
            let query = SlotQuery(serviceCode: service, from: try from?.date("from", today: today) ?? today, siteCode: site,
                                  clinicianCode: clinician, weekdays: weekdays, dayPart: time, limit: limit)
            let slots = try patient.map { try context.booking.slots(query, forPatient: $0, by: context.user) }
                ?? context.booking.slots(query, by: context.user)
            if output.json {
                struct List: JSONObject { var slots: [SlotJSON] }
                print(encodeJSON(List(slots: slots.map(SlotJSON.init))))
            } else if slots.isEmpty {
                print("No free \(DiaryCode.normalised(service)) slots found (are its sessions generated? frontdesk session list).")
            } else {
                for slot in slots { print(BookingText.slot(slot)) }
            }
        }
    }
}

struct BookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book", abstract: "Book a patient into a slot (every booking rule checked in one transaction).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "Slot id (frontdesk slots).") var slot: Int64
    @Option(help: "routine (default), urgent or 2ww.") var priority: Priority = .routine
    @Option(help: "Source of referral: gp, consultant, self, nurse, screening, other (or the code).") var referral: ReferralSource?
    @Option(help: "none (default), own or hospital.") var transport: TransportNeed = .none
    @Option(help: "With hospital transport: walking, wheelchair or stretcher.") var mobility: Mobility?
    @Flag(name: .customLong("first"), help: "A first attendance (default: the service's).") var first = false
    @Flag(name: .customLong("follow-up"), help: "A follow-up attendance (default: the service's).") var followUp = false
    @Option(help: "A note for the clinic.") var note: String?
    @Flag(help: "Book beyond the slot's capacity (officers; needs --reason).") var overbook = false
    @Option(help: "Why the slot is overbooked.") var reason: String?
    func run() throws {
        try reporting(json: output.json) {
            if overbook && reason == nil {
                throw CommandFailure(message: "reason: is required with --overbook: say why the slot is overbooked", code: .refused,
                                     fields: [FieldError(field: "reason", reason: "is required with --overbook")])
            }
            if reason != nil && !overbook {
                throw CommandFailure(message: "reason: is only given with --overbook", code: .refused,
                                     fields: [FieldError(field: "reason", reason: "is only given with --overbook")])
            }
            if first && followUp {
                throw CommandFailure(message: "attendance: choose --first or --follow-up, not both", code: .refused,
                                     fields: [FieldError(field: "attendance", reason: "choose one")])
            }
            let context = try Context.open(global)
            let request = BookingRequest(patient: patient, slotID: slot, priority: priority,
                                         attendance: first ? .first : followUp ? .followUp : nil, referralSource: referral,
                                         transport: transport, mobility: mobility, note: note, overbookReason: overbook ? reason : nil)
            let result = try context.booking.book(request, by: context.user)
            printBooking(result, json: output.json)
        }
    }
}

func printBooking(_ result: BookingResult, json: Bool) {
    if json {
        struct Out: JSONObject { var appointment: AppointmentJSON; var patient: SummaryJSON; var tasks: [TaskJSON]; var replaced: AppointmentJSON? }
        print(encodeJSON(Out(appointment: AppointmentJSON(result.appointment), patient: SummaryJSON(result.patient),
                             tasks: result.tasks.map(TaskJSON.init), replaced: result.replaced.map(AppointmentJSON.init))))
    } else {
        let a = result.appointment
        if let old = result.replaced {
            print("Moved appointment \(old.id) (\(old.whenText), now \(old.status.label)) to appointment \(a.id).")
        }
        print("Booked appointment \(a.id): \(a.serviceCode) \(a.whenText) with \(a.clinicianCode) at \(a.siteCode)")
        print("  for \(BookingText.patient(result.patient)), priority \(a.priority.label)"
              + (a.overbookReason.map { ", OVERBOOKED: \($0)" } ?? ""))
        for t in result.tasks { print("  task \(t.id) for \(t.teamCode), due \(t.dueText): \(t.description)") }
    }
}

struct AppointmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointment", abstract: "Show, move, cancel and record what happened to an appointment.",
        subcommands: [AppointmentShow.self, AppointmentList.self, AppointmentCheckIn.self, AppointmentAttend.self,
                      AppointmentLate.self, AppointmentDNA.self, AppointmentOutcome.self, AppointmentCancel.self,
                      AppointmentRebook.self, AppointmentUndo.self, AppointmentReinstate.self, AppointmentWalkIn.self])
}

/// The options every appointment action takes.
struct AppointmentTarget: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Appointment id.") var id: Int64
}

func printAppointment(_ a: Appointment, json: Bool, extra: [String] = []) {
    if json { print(encodeJSON(AppointmentJSON(a))) } else {
        print(BookingText.appointment(a))
        for line in extra { print(line) }
    }
}

struct AppointmentShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "An appointment with its trail (audited as a view).")
    @OptionGroup var target: AppointmentTarget
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            let detail = try context.booking.show(appointmentID: target.id, by: context.user)
            if target.output.json { print(encodeJSON(AppointmentDetailJSON(detail))) } else { BookingText.detail(detail).forEach { print($0) } }
        }
    }
}

struct AppointmentList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A patient's appointments with their trails (audited as a view).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Hospital number or NHS number.") var patient: String
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let record = try context.service.open(patient, by: context.user, purpose: "listed appointments")
            let list = try context.booking.appointments(patientID: record.id!, by: context.user)
            // Counted apart: waiting-time rules treat the two differently.
            let byPatient = list.filter { $0.appointment.status == .cancelledByPatient }.count
            let byHospital = list.filter { $0.appointment.status == .cancelledByHospital }.count
            let dna = list.filter { $0.appointment.status == .didNotAttend }.count
            if output.json {
                struct Counts: JSONObject { var cancelled_by_patient: Int; var cancelled_by_hospital: Int; var did_not_attend: Int }
                struct List: JSONObject { var appointments: [AppointmentDetailJSON]; var counts: Counts }
                print(encodeJSON(List(appointments: list.map(AppointmentDetailJSON.init),
                                      counts: Counts(cancelled_by_patient: byPatient, cancelled_by_hospital: byHospital, did_not_attend: dna))))
            } else if list.isEmpty {
                print("\(record.displayName), \(record.mrn): no appointments.")
            } else {
                print("\(record.displayName), \(record.mrn): \(list.count) appointment\(list.count == 1 ? "" : "s"); "
                      + "cancelled by the patient \(byPatient), by the hospital \(byHospital); did not attend \(dna)")
                for d in list {
                    print("")
                    BookingText.detail(d).filter { !$0.hasPrefix("Patient:") }.forEach { print($0) }
                }
            }
        }
    }
}

struct AppointmentCheckIn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkin", abstract: "Check a patient in; shows the address, phones and GP practice to confirm with them.",
        discussion: "Correct anything the patient says has changed with frontdesk patient edit (audited).")
    @OptionGroup var target: AppointmentTarget
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            let detail = try context.booking.checkIn(appointmentID: target.id, by: context.user)
            if target.output.json { print(encodeJSON(AppointmentDetailJSON(detail))); return }
            print("Checked in: \(BookingText.patient(detail.patient)) for \(detail.appointment.serviceCode) at \(detail.appointment.start)")
            if let p = detail.confirm {
                print("Confirm with the patient:")
                let address = [p.addressLine1, p.addressLine2, p.town, p.postcode?.value].compactMap { $0 }.joined(separator: ", ")
                print("  Address: \(address.isEmpty ? "(none recorded)" : address)")
                print("  Phones:  \(p.phones.isEmpty ? "(none recorded)" : p.phones.map { "\($0.number) (\($0.kind.rawValue))" }.joined(separator: ", "))")
                print("  GP:      \(p.gpPractice.map { $0.code + ($0.name.map { " \($0)" } ?? "") } ?? "(none recorded)")")
                print("Changed? frontdesk patient edit \(p.mrn) --address-line1 … --phone … --gp-practice …")
            }
        }
    }
}

struct AppointmentAttend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record that the patient was seen (5; --late: 6).")
    @OptionGroup var target: AppointmentTarget
    @Flag(help: "Arrived after the professional was ready, but was seen (code 6).") var late = false
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            printAppointment(try context.booking.attend(appointmentID: target.id, late: late, by: context.user), json: target.output.json)
        }
    }
}

struct AppointmentLate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "late", abstract: "Record that the patient arrived too late to be seen (7).")
    @OptionGroup var target: AppointmentTarget
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            printAppointment(try context.booking.lateNotSeen(appointmentID: target.id, by: context.user), json: target.output.json)
        }
    }
}

struct AppointmentDNA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dna", abstract: "Record a did-not-attend (3); the clinical team gets a task to decide the next step.")
    @OptionGroup var target: AppointmentTarget
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            let (appointment, task) = try context.booking.didNotAttend(appointmentID: target.id, by: context.user)
            if target.output.json {
                struct Out: JSONObject { var appointment: AppointmentJSON; var task: TaskJSON }
                print(encodeJSON(Out(appointment: AppointmentJSON(appointment), task: TaskJSON(task))))
            } else {
                printAppointment(appointment, json: false, extra: ["Task \(task.id) for \(task.teamCode), due \(task.dueText): \(task.description)"])
            }
        }
    }
}

struct AppointmentOutcome: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome", abstract: "Record the outcome of an attendance: 1 discharged, 2 another appointment given, 3 to be booked later.")
    @OptionGroup var target: AppointmentTarget
    @Argument(help: "1, 2 or 3.") var outcome: AttendanceOutcome
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            let (appointment, task) = try context.booking.recordOutcome(appointmentID: target.id, outcome, by: context.user)
            if target.output.json {
                struct Out: JSONObject { var appointment: AppointmentJSON; var task: TaskJSON? }
                print(encodeJSON(Out(appointment: AppointmentJSON(appointment), task: task.map(TaskJSON.init))))
            } else {
                printAppointment(appointment, json: false, extra: task.map { ["On the to-be-booked list: task \($0.id), due \($0.dueText)"] } ?? [])
            }
        }
    }
}

struct AppointmentCancel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a booked appointment, saying who cancelled and why.",
        discussion: "Reasons by the patient: \(CancellationReason.codes(for: .patient).map(\.rawValue).joined(separator: ", ")). "
            + "By the hospital: \(CancellationReason.codes(for: .hospital).map(\.rawValue).joined(separator: ", ")).")
    @OptionGroup var target: AppointmentTarget
    @Option(help: "Who cancelled: patient or hospital.") var by: CancelledBy
    @Option(name: .customLong("reason"), help: "A reason code (see below).") var reason: CancellationReason
    @Option(help: "Why, in words (required with --reason other).") var text: String?
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            let appointment = try context.booking.cancel(appointmentID: target.id, by: by, reason: reason, text: text, user: context.user)
            var extra = ["Rebook it with: frontdesk appointment rebook \(appointment.id) --slot ID"]
            if let course = try context.sequence.course(ofAppointment: appointment.id, by: context.user) {
                extra = ["It is a step of course \(course): frontdesk course replan \(course) shows what this breaks and how to fix it."]
            }
            printAppointment(appointment, json: target.output.json, extra: extra)
        }
    }
}

struct AppointmentRebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebook", abstract: "Move an appointment to another slot, keeping the trail (cancels it first when still booked).")
    @OptionGroup var target: AppointmentTarget
    @Option(help: "The new slot (frontdesk slots).") var slot: Int64
    @Option(help: "Who asked for the move, when still booked: patient or hospital.") var by: CancelledBy?
    @Option(name: .customLong("reason"), help: "A reason code, when still booked (see appointment cancel --help).") var reason: CancellationReason?
    @Option(help: "Why, in words.") var text: String?
    @Option(help: "A new priority (default: the old appointment's): routine, urgent or 2ww.") var priority: Priority?
    @Option(help: "New transport: none, own or hospital (default: as before).") var transport: TransportNeed?
    @Option(help: "With hospital transport: walking, wheelchair or stretcher.") var mobility: Mobility?
    @Option(help: "A new note for the clinic.") var note: String?
    @Option(name: .customLong("overbook-reason"), help: "Move it into a full slot (officers), saying why.") var overbookReason: String?
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            var changes: BookingDetails?
            if priority != nil || transport != nil || mobility != nil || note != nil {
                var details = try context.booking.details(ofAppointment: target.id, by: context.user)
                if let priority { details.priority = priority }
                if let transport { details.transport = transport; if transport != .hospital { details.mobility = nil } }
                if let mobility { details.mobility = mobility }
                if let note { details.note = note.isEmpty ? nil : note }
                changes = details
            }
            let result = try context.booking.rebook(appointmentID: target.id, slotID: slot, by: by, reason: reason, text: text,
                                                    changes: changes, overbookReason: overbookReason, user: context.user)
            printBooking(result, json: target.output.json)
        }
    }
}

struct AppointmentUndo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Undo a mistaken check-in, attendance, late-not-seen or DNA (officers, with a reason).")
    @OptionGroup var target: AppointmentTarget
    @Option(help: "Why, in words.") var reason: String
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            printAppointment(try context.booking.undo(appointmentID: target.id, reason: reason, by: context.user), json: target.output.json)
        }
    }
}

struct AppointmentReinstate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reinstate", abstract: "Reinstate a cancellation made in error (officers, with a reason).")
    @OptionGroup var target: AppointmentTarget
    @Option(help: "Why, in words.") var reason: String
    func run() throws {
        try reporting(json: target.output.json) {
            let context = try Context.open(target.global)
            let result = try context.booking.reinstate(appointmentID: target.id, reason: reason, by: context.user)
            printAppointment(result.appointment, json: target.output.json,
                             extra: result.tasks.map { "Task \($0.id) for \($0.teamCode): \($0.description)" })
        }
    }
}

struct AppointmentWalkIn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk-in", abstract: "Add a walk-in to today's clinic: an attendance without a booked slot (arrived now).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Hospital number or NHS number.") var patient: String
    @Option(help: "Service code.") var service: String
    @Option(help: "Clinician or resource code.") var clinician: String
    @Option(help: "Site code (when the clinician holds that service at several sites today).") var site: String?
    @Option(help: "A note for the clinic.") var note: String?
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let appointment = try context.booking.walkIn(patient: patient, service: service, clinician: clinician, site: site,
                                                         note: note, by: context.user)
            printAppointment(appointment, json: output.json)
        }
    }
}
