import ArgumentParser
import Foundation
import FrontDeskDomain
import FrontDeskStore

// Enquiries (issue 7, in progress): log a call while it happens, check the
// caller's identity before anything is said, route it, and close it.

extension Enquiry.Channel: ExpressibleByArgument {}
extension Enquiry.CallerType: ExpressibleByArgument {}
extension Enquiry.Category: ExpressibleByArgument {}
extension Enquiry.Priority: ExpressibleByArgument {}

extension Context {
    var enquiries: EnquiryService {
        let settings = self.settings, user = self.user
        return EnquiryService(enquiries: EnquiryStore(database, clock: booking.clock), access: booking.access, clock: booking.clock,
                              settings: { try settings.current(by: user) })
    }
}

struct EnquiryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enquiry", abstract: "Log enquiries, check callers' identity, route and close them.",
        subcommands: [EnquiryLog.self, EnquiryVerify.self, EnquiryList.self, EnquiryShow.self, EnquiryNote.self, EnquiryCalledBack.self,
                      EnquiryCallback.self, EnquiryRefer.self, EnquiryEscalate.self, EnquiryClose.self, EnquiryStatsCommand.self])
}

/// An enquiry as JSON.
struct EnquiryJSON: JSONObject {
    var id: Int64; var received_at: String; var channel: String; var caller_type: String; var caller_name: String
    var caller_phone: String?; var organisation: String?; var patient: String?; var category: String; var priority: String
    var summary: String; var safeguarding: Bool; var aggression: Bool; var status: String; var identity: String
    var callback_due: String?; var team: String?; var taken_by: String; var outcome: String?

    init(_ e: Enquiry) {
        id = e.id; received_at = EnquiryText.when(e.receivedAt); channel = e.channel.rawValue; caller_type = e.callerType.rawValue
        caller_name = e.callerName; caller_phone = e.callerPhone; organisation = e.organisation; patient = e.patientMRN
        category = e.category.rawValue; priority = e.priority.rawValue; summary = e.summary; safeguarding = e.safeguarding
        aggression = e.aggression; status = e.status.rawValue; identity = e.identity.rawValue
        callback_due = e.callbackDue.map(EnquiryText.when); team = e.team; taken_by = e.takenBy; outcome = e.outcome
    }
}

enum EnquiryText {
    /// `2026-11-24T09:41` local.
    static func when(_ date: Date) -> String {
        let (day, time) = CentreTime.localNow(date)
        return "\(day.iso)T\(time.display)"
    }

    /// The disclosure as lines: why nothing may be said, or what may be.
    static func disclosure(_ d: Disclosure) -> [String] {
        guard d.isOpen else { return ["Nothing may be told to this caller: \(d.shut ?? "")."] }
        func row(_ a: DisclosedAppointment) -> String {
            "  \(a.date.weekday.short.capitalized) \(a.date.display) \(a.start.display)  \(a.service) at \(a.site) with \(a.clinician)"
        }
        var lines = ["May be told to this caller: " + d.scopes.map(\.label).sorted().joined(separator: ", ")
                     + (d.consent.map { " (consent: \($0.relationship))" } ?? "") + "."]
        if d.scopes.contains(.appointments) {
            lines.append(d.appointments.isEmpty ? "No coming appointments." : "Coming appointments:")
            lines += d.appointments.map(row)
        }
        if d.scopes.contains(.transport) {
            lines.append(d.transport.isEmpty ? "No hospital transport booked." : "Hospital transport booked for:")
            lines += d.transport.map(row)
        }
        return lines
    }

    static func line(_ e: Enquiry, now: Date) -> String {
        let overdue = e.status == .awaitingCallback && (e.callbackDue.map { $0 < now } ?? false)
        var text = "\(e.id)  \(e.status.rawValue.replacingOccurrences(of: "_", with: " "))"
        if let due = e.callbackDue { text += "  due \(EnquiryText.when(due).replacingOccurrences(of: "T", with: " "))" }
        if overdue { text += "  OVERDUE" }
        text += "  \(e.callerType.rawValue.replacingOccurrences(of: "_", with: " ")): \(e.callerName)"
        if let mrn = e.patientMRN { text += "  (\(mrn))" }
        text += "  \(e.category.rawValue.replacingOccurrences(of: "_", with: " ")) — \(e.summary)"
        if e.safeguarding { text += "  SAFEGUARDING" }
        if e.aggression { text += "  VERBAL AGGRESSION" }
        return text
    }
}

/// The enquiry as it now stands; `now` (the injected clock) decides whether it is overdue.
func printEnquiry(_ e: Enquiry, json: Bool, now: Date) {
    if json { print(encodeJSON(EnquiryJSON(e))) } else { print("Enquiry " + EnquiryText.line(e, now: now)) }
}

struct EnquiryTarget: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The enquiry number.") var id: Int64

    /// Runs one change of the enquiry and prints it as it now stands.
    func change(_ body: (Context, Int64) throws -> Enquiry) throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            printEnquiry(try body(context, id), json: output.json, now: context.booking.clock.now)
        }
    }
}

struct EnquiryLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Log an enquiry while it happens, with its first routing.",
        discussion: "Exactly one of --resolved OUTCOME, --callback [--callback-by TIME], --refer TEAM, --escalate. A results or "
            + "clinical question can only be referred (clinical, specialist_nurses); a safeguarding concern or verbal aggression is "
            + "always escalated.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("caller-type"), help: "patient, relative_or_carer, gp_practice, health_professional or other.")
    var callerType: Enquiry.CallerType
    @Option(name: .customLong("caller-name")) var callerName: String
    @Option var organisation: String?
    @Option var phone: String?
    @Option(help: "Hospital or NHS number of the patient it concerns.") var patient: String?
    @Option var category: Enquiry.Category
    @Option var summary: String
    @Option var priority: Enquiry.Priority = .routine
    @Option var channel: Enquiry.Channel = .telephone
    @Flag var safeguarding = false
    @Flag var aggression = false
    @Option(help: "Answered there and then: what was done.") var resolved: String?
    @Flag(help: "A callback is needed (due by default: routine the next working day, urgent within 2 working hours).") var callback = false
    @Option(name: .customLong("callback-by"), help: "When the callback is due: HH:MM today, or a date and time (25/11/2026 10:00, 2026-11-25T10:00).") var callbackBy: String?
    @Option var refer: String?
    @Flag var escalate = false

    func run() throws {
        try reporting(json: output.json) {
            let chosen = [resolved != nil, callback || callbackBy != nil, refer != nil, escalate].filter { $0 }.count
            guard chosen == 1 else {
                throw ValidationError(field: "route", reason: "give exactly one of --resolved, --callback, --refer, --escalate")
            }
            let context = try Context.open(global)
            let route: EnquiryRoute
            if let resolved { route = .resolved(outcome: resolved) }
            else if let refer { route = .refer(team: refer) }
            else if escalate { route = .escalate }
            else { route = .callback(by: try callbackBy.map { try EnquiryRules.callbackMoment($0, today: context.booking.now.date) }) }
            let enquiry = try context.enquiries.log(EnquiryRequest(
                callerType: callerType, callerName: callerName, callerPhone: phone, organisation: organisation, patient: patient,
                category: category, priority: priority, summary: summary, safeguarding: safeguarding, aggression: aggression,
                channel: channel, route: route), by: context.user)
            printEnquiry(enquiry, json: output.json, now: context.booking.clock.now)
            if !output.json && enquiry.identity == .notChecked {
                print("Identity not yet confirmed: frontdesk enquiry verify \(enquiry.id) --name … --dob … --postcode … before saying anything about the patient.")
            }
        }
    }
}

struct EnquiryVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Check what the caller says against the record: only a match opens the gate.",
        discussion: "Then prints what may be told to this caller (the disclosure): nothing while the gate is shut, else the coming "
            + "appointments and, if the consent covers it, transport. Exits 1 when the details do not match. All three are "
            + "needed (--dob a date); a closed enquiry takes no check. A restricted record is compared only with --reason "
            + "(or your opening of it with a reason in the last 30 minutes).")
    @OptionGroup var target: EnquiryTarget
    @Option(help: "The patient's name as the caller says it.") var name: String
    @Option(help: "The patient's date of birth as the caller says it.") var dob: String
    @Option(help: "The postcode, or the first line of the address, as the caller says it.") var postcode: String
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: target.output.json) {
            let why = try restricted.parsed()
            let claim = IdentityClaim(name: name, dateOfBirth: dob, postcodeOrAddress: postcode)
            try claim.check()
            let context = try Context.open(target.global)
            let checked = try context.enquiries.verify(enquiry: target.id, claim, reason: why, by: context.user)
            let disclosure = try context.enquiries.disclosure(enquiry: target.id, reason: restricted.reason, by: context.user)
            if target.output.json {
                struct Out: JSONObject {
                    var enquiry: EnquiryJSON; var matched: Bool; var fields: String; var consent: [String]?; var relationship: String?
                    var disclosure: DisclosureJSON
                }
                print(encodeJSON(Out(enquiry: EnquiryJSON(checked.enquiry), matched: checked.result.matched, fields: checked.result.description,
                                     consent: checked.consent.map { $0.scopes.map(\.rawValue).sorted() }, relationship: checked.consent?.relationship,
                                     disclosure: DisclosureJSON(disclosure))))
            } else {
                print(checked.result.matched ? "Identity confirmed (\(checked.result))." : "Identity NOT confirmed (\(checked.result)): say nothing about the patient.")
                if checked.result.matched && checked.enquiry.callerType == .relativeOrCarer {
                    print(checked.consent.map { "Consent to share with them (\($0.relationship)): " + $0.scopes.map(\.label).sorted().joined(separator: ", ") }
                          ?? "No consent to share with this caller is recorded: say nothing about the patient.")
                }
                EnquiryText.disclosure(disclosure).forEach { print($0) }
            }
            if !checked.result.matched { throw ExitCode(ExitStatus.refused.rawValue) }
        }
    }
}

struct EnquiryList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The queue: open enquiries by when they fall due.",
        discussion: "Callbacks first by their due time (overdue ones first), then the other open ones (open, referred, escalated) "
            + "by when they came in. With --all and --patient, the patient's enquiries newest first. A restricted patient's "
            + "list needs --reason (or your opening of the record with a reason in the last 30 minutes).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Open ones only (the default).") var open = false
    @Flag(help: "Closed ones too.") var all = false
    @Flag(help: "Only callbacks overdue now.") var overdue = false
    @Flag(help: "Only the ones I took.") var mine = false
    @Option(help: "Only the ones referred to this team.") var team: String?
    @Flag(name: .customLong("my-team"), help: "Only the ones referred to any of my teams (my staff record).") var myTeam = false
    @Flag(help: "Only escalated ones.") var escalated = false
    @Option(help: "Only this patient's (hospital or NHS number).") var patient: String?
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            if open && all { throw ValidationError(field: "open", reason: "give --open (the default) or --all (closed ones too), not both") }
            let why = try restricted.parsed()
            let context = try Context.open(global)
            var patientID: Int64?
            if let patient {
                guard let found = try context.store.find(reference: patient) else { throw PatientError.notFound(patient) }
                patientID = found.id
            }
            let now = context.booking.clock.now
            var teams: Set<String> = []
            if myTeam {
                teams = try context.enquiries.myTeams(context.user)
                if teams.isEmpty {
                    throw ValidationError(field: "my team", reason: "you belong to no team: a manager adds you to one "
                                          + "(frontdesk staff set-teams \(context.user.login) --team …)")
                }
            }
            let list = try context.enquiries.queue(EnquiryQuery(openOnly: !all, overdueAt: overdue ? now : nil,
                                                                takenBy: mine ? context.user.login : nil, team: team, teams: teams,
                                                                escalatedOnly: escalated, patientID: patientID),
                                                     reason: why, by: context.user)
            if output.json {
                struct Out: JSONObject { var enquiries: [EnquiryJSON] }
                print(encodeJSON(Out(enquiries: list.map(EnquiryJSON.init))))
            } else if list.isEmpty {
                print("No enquiries.")
            } else {
                list.forEach { print(EnquiryText.line($0, now: now)) }
            }
        }
    }
}

struct EnquiryShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "An enquiry with its whole history and what may be told to its caller now (audited as a view).",
        discussion: "The disclosure: while the gate is shut, why (e.g. patient found — identity not yet confirmed) and no "
            + "appointment data; when open, the coming appointments and, if in scope, transport. An enquiry about a restricted "
            + "record needs --reason (or your opening of it with a reason in the last 30 minutes).")
    @OptionGroup var target: EnquiryTarget
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: target.output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(target.global)
            let (enquiry, history) = try context.enquiries.show(enquiry: target.id, reason: why, by: context.user)
            let disclosure = try context.enquiries.disclosure(enquiry: target.id, reason: restricted.reason, by: context.user)
            if target.output.json {
                struct Event: JSONObject { var at: String; var user: String; var kind: String; var detail: String }
                struct Out: JSONObject { var enquiry: EnquiryJSON; var history: [Event]; var disclosure: DisclosureJSON }
                print(encodeJSON(Out(enquiry: EnquiryJSON(enquiry), history: history.map {
                    Event(at: EnquiryText.when($0.at), user: $0.user, kind: $0.kind.rawValue, detail: $0.detail)
                }, disclosure: DisclosureJSON(disclosure))))
            } else {
                print("Enquiry " + EnquiryText.line(enquiry, now: context.booking.clock.now))
                for e in history { print("  \(EnquiryText.when(e.at).replacingOccurrences(of: "T", with: " "))  \(e.user)  \(e.detail)") }
                EnquiryText.disclosure(disclosure).forEach { print($0) }
            }
        }
    }
}

/// What may be told to the caller, as JSON: `open` with the scopes and
/// appointments, or `shut` with the reason in words and nothing else.
struct DisclosureJSON: JSONObject {
    struct Appointment: JSONObject {
        var date: String; var time: String; var service: String; var site: String; var clinician: String; var mode: String
        /// Null unless transport may be shared with this caller.
        var transport: String?
    }
    struct Consent: JSONObject { var id: Int64; var person: String; var relationship: String; var share: [String] }
    var open: Bool; var shut: String?; var scopes: [String]; var consent: Consent?
    var appointments: [Appointment]; var transport: [Appointment]

    init(_ d: Disclosure) {
        func row(_ a: DisclosedAppointment) -> Appointment {
            Appointment(date: a.date.iso, time: a.start.display, service: a.service, site: a.site, clinician: a.clinician,
                        mode: a.mode.rawValue, transport: a.transport?.rawValue)
        }
        open = d.isOpen; shut = d.shut; scopes = d.scopes.map(\.rawValue).sorted()
        consent = d.consent.map { Consent(id: $0.id, person: $0.person, relationship: $0.relationship, share: $0.scopes.map(\.rawValue).sorted()) }
        appointments = d.appointments.map(row); transport = d.transport.map(row)
    }
}

struct EnquiryNote: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to an enquiry's history.")
    @OptionGroup var target: EnquiryTarget
    @Argument var text: String
    func run() throws {
        try target.change { context, id in try context.enquiries.note(enquiry: id, text, by: context.user) }
    }
}

struct EnquiryCalledBack: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "called-back", abstract: "Record that the caller was rung back, and what was said.")
    @OptionGroup var target: EnquiryTarget
    @Argument var text: String
    func run() throws {
        try target.change { context, id in try context.enquiries.calledBack(enquiry: id, text, by: context.user) }
    }
}

struct EnquiryCallback: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "callback", abstract: "Promise a callback by a time (default for the priority).")
    @OptionGroup var target: EnquiryTarget
    @Option(help: "HH:MM today, or a date and time (25/11/2026 10:00, 2026-11-25T10:00).") var by: String?
    func run() throws {
        try target.change { context, id in
            let due = try by.map { try EnquiryRules.callbackMoment($0, today: context.booking.now.date) }
            return try context.enquiries.promiseCallback(enquiry: id, by: due, user: context.user)
        }
    }
}

struct EnquiryRefer: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "refer", abstract: "Hand an enquiry to a team, which owns it from then.")
    @OptionGroup var target: EnquiryTarget
    @Option var team: String
    @Option var note: String?
    func run() throws {
        try target.change { context, id in try context.enquiries.refer(enquiry: id, to: team, note: note, by: context.user) }
    }
}

struct EnquiryEscalate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "escalate", abstract: "Escalate an enquiry to the Assistant Service Manager.")
    @OptionGroup var target: EnquiryTarget
    @Option var note: String?
    func run() throws {
        try target.change { context, id in try context.enquiries.escalate(enquiry: id, note: note, by: context.user) }
    }
}

struct EnquiryClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close an enquiry with its outcome.")
    @OptionGroup var target: EnquiryTarget
    @Option var outcome: String
    func run() throws {
        try target.change { context, id in try context.enquiries.close(enquiry: id, outcome: outcome, by: context.user) }
    }
}
