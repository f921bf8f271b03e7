import ArgumentParser
import Foundation
import FrontDeskDomain

// Planning a whole course (issue 6): `sequence plan` shows the best plan the
// diary allows for a protocol, or why there is none (nothing is booked);
// `sequence book` books that plan as one course.

struct SequenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequence", abstract: "Plan a whole treatment course across the diary, and book it.",
        subcommands: [SequencePlan.self, SequenceBook.self])
}

/// `STEP#CYCLE=SLOT` or `STEP#CYCLE.INSTANCE=SLOT`.
struct PinArgument: ExpressibleByArgument, Sendable {
    let key: StepKey
    let slot: Int64
    init?(argument: String) {
        let sides = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard sides.count == 2, let slot = Int64(sides[1]) else { return nil }
        let parts = sides[0].split(separator: "#", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let numbers = parts[1].split(separator: ".").map { Int($0) }
        guard let cycle = numbers.first ?? nil, cycle >= 1 else { return nil }
        let instance = numbers.count > 1 ? numbers[1] : 1
        guard let instance, instance >= 1, numbers.count <= 2 else { return nil }
        key = StepKey(cycle: cycle, step: parts[0], instance: instance)
        self.slot = slot
    }
}

/// `26w`, `180d`.
struct HorizonArgument: ExpressibleByArgument, Sendable {
    let days: Int
    init?(argument: String) {
        let t = argument.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasSuffix("w"), let n = Int(t.dropLast()) { days = n * 7 }
        else if t.hasSuffix("d"), let n = Int(t.dropLast()) { days = n }
        else { return nil }
    }
}

/// What `sequence plan` and `sequence book` both take.
struct PlanOptions: ParsableArguments {
    @Option(help: "Hospital number or NHS number.") var patient: String
    @Option(name: .customLong("protocol"), help: "The protocol's code (frontdesk protocol list).") var protocolCode: String
    @Option(help: "The requested start (default today).") var from: DateArgument?
    @Option(help: "Fix a step: STEP#CYCLE=SLOT (e.g. chemo#1=1234; fraction#1.3=555 for an instance). Repeat for several.")
    var pin: [PinArgument] = []
    @Option(help: "How far ahead the first cycle may start: weeks or days (default 26w).") var horizon: HorizonArgument?

    var pins: [StepKey: Int64] { Dictionary(pin.map { ($0.key, $0.slot) }, uniquingKeysWith: { _, b in b }) }
    var horizonDays: Int { horizon?.days ?? PlanRequest.defaultHorizonDays }
}

extension Context {
    var sequence: SequenceService { SequenceService(protocols: protocols, booking: booking, diary: diary.diary) }
}

/// The plan as `sequence plan --json` prints it (issue 6's shape), with each step's gaps.
struct PlanJSON: JSONObject {
    struct Gap: JSONObject { var after: String; var gap: String?; var ok: Bool; var problem: String? }
    struct Step: JSONObject {
        var cycle: Int; var step: String; var instance: Int; var kind: String; var slot_id: Int64?
        var start: String?; var end: String?; var date: String; var clinician: String?; var site: String?
        var service: String?; var team: String?; var gaps: [Gap]
        var appointment_id: Int64?; var task_id: Int64?
    }
    var feasible = true
    var `protocol`: String; var version: Int; var visit_days: Int
    /// The patient's booking preferences the plan honours, in words ("none").
    var preferences: String?
    /// False when the search stopped at its budget (a valid plan, perhaps not the best).
    var complete: Bool
    var steps: [Step]

    init(_ t: TreatmentProtocol, _ plan: Plan, checks: [StepKey: [RuleCheck]], appointments: [StepKey: Int64] = [:],
         tasks: [StepKey: Int64] = [:]) {
        func stamp(_ d: LocalDate, _ t: ClockTime?) -> String? { t.map { "\(d.iso)T\($0.display)" } }
        self.protocol = t.code; version = t.version; visit_days = plan.visitDays; complete = plan.complete
        steps = plan.steps.map {
            Step(cycle: $0.cycle, step: $0.step, instance: $0.instance, kind: $0.kind.rawValue, slot_id: $0.slotID,
                 start: stamp($0.date, $0.start), end: stamp($0.date, $0.end), date: $0.date.iso, clinician: $0.clinician,
                 site: $0.site, service: $0.service, team: $0.team,
                 gaps: (checks[$0.key] ?? []).map { Gap(after: $0.rule.after, gap: $0.gap, ok: $0.ok, problem: $0.problem) },
                 appointment_id: appointments[$0.key], task_id: tasks[$0.key])
        }
    }
}

enum PlanText {
    /// One line per step: cycle, step, when, who or which team, the gaps to what it depends on.
    static func lines(_ plan: Plan, checks: [StepKey: [RuleCheck]]) -> [String] {
        plan.steps.map { s in
            let when = s.start.map { "\(s.date.weekday.short.capitalized) \(s.date.display) \($0.display)" }
                ?? "\(s.date.weekday.short.capitalized) \(s.date.display) (by)"
            let who = s.kind == .task ? "task for \(s.team ?? "")" : "\(s.service ?? "") with \(s.clinician ?? "") at \(s.site ?? "")"
            let gaps = (checks[s.key] ?? []).map { $0.ok ? "\($0.rule.after) +\($0.gap ?? "") ✓" : "✗ \($0.problem ?? "")" }
            return "  " + TextOutput.pad("cycle \(s.cycle)", 9) + TextOutput.pad(s.instance > 1 ? "\(s.step) \(s.instance)" : s.step, 14)
                + TextOutput.pad(when, 24) + " " + who + (s.slotID.map { "  (slot \($0))" } ?? "")
                + (gaps.isEmpty ? "" : "  [" + gaps.joined(separator: "; ") + "]")
        }
    }

    static func failure(_ failure: PlanFailure, json: Bool) throws -> Never {
        if json {
            struct Out: JSONObject { var feasible: Bool; var reason: String; var step: String?; var first_fit: String? }
            print(encodeJSON(Out(feasible: false, reason: failure.reason, step: failure.step?.description,
                                 first_fit: failure.firstFit?.iso)))
        } else {
            print("No plan: \(failure.reason)")
        }
        throw ExitCode(ExitStatus.refused.rawValue)
    }
}

struct SequencePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "The best plan of a protocol for a patient from a date, or why there is none.",
        discussion: "Every step in a free slot of its service, every rule, window and continuity met, the patient's booking "
            + "preferences honoured (frontdesk patient preferences); the first cycle as close to the date as possible, then "
            + "the fewest days coming in, then each step as early as possible. Nothing is booked: sequence book books it. "
            + "Docs/SEQUENCING.md explains the rules.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var plan: PlanOptions

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let planned = try context.sequence.plan(patient: plan.patient, protocolCode: plan.protocolCode,
                                                    start: try plan.from?.date("from", today: today),
                                                    horizonDays: plan.horizonDays, pinned: plan.pins, by: context.user)
            let t = planned.treatment
            switch planned.outcome {
            case .feasible(let result):
                if output.json {
                    var json = PlanJSON(t, result, checks: planned.checks)
                    json.preferences = planned.preferences.summary
                    print(encodeJSON(json))
                } else {
                    print("\(t.code) version \(t.version) for \(BookingText.patient(planned.patient)): "
                          + "\(result.steps.count) steps, \(result.visitDays) extra day\(result.visitDays == 1 ? "" : "s") coming in")
                    if !planned.preferences.isEmpty { print("Preferences honoured: \(planned.preferences.summary)") }
                    PlanText.lines(result, checks: planned.checks).forEach { print($0) }
                    if !result.complete {
                        print("Note: the search stopped at its limit; this plan keeps every rule but a better one may exist "
                              + "(pin a step with --pin and plan again).")
                    }
                    print("Nothing is booked yet: frontdesk sequence book with the same options books this plan.")
                }
            case .infeasible(let failure):
                try PlanText.failure(failure, json: output.json)
            }
        }
    }
}

struct SequenceBook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book", abstract: "Book the plan sequence plan shows, as one course: every appointment and task, or nothing.",
        discussion: "The plan is made again inside the booking, on the diary as it is at that moment. Tasks go to their "
            + "teams. An officer may put a step in a slot that breaks a rule with --override STEP#CYCLE=SLOT and --reason.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var plan: PlanOptions
    @Option(help: "Officers: put a step in a slot against the protocol's rules, STEP#CYCLE=SLOT (with --reason).")
    var override: [PinArgument] = []
    @Option(help: "Why the rule is overridden (required with --override).") var reason: String?
    @Option(help: "routine, urgent or 2ww (default routine).") var priority: Priority?
    @Option(help: "none, own or hospital (default none).") var transport: TransportNeed?
    @Option(help: "walking, wheelchair or stretcher (with hospital transport).") var mobility: Mobility?

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let details = BookingDetails(priority: priority ?? .routine, transport: transport ?? .none, mobility: mobility)
            let booked: SequenceService.BookedCourse
            do {
                booked = try context.sequence.book(
                    patient: plan.patient, protocolCode: plan.protocolCode, start: try plan.from?.date("from", today: today),
                    horizonDays: plan.horizonDays, pinned: plan.pins,
                    overrides: Dictionary(override.map { ($0.key, $0.slot) }, uniquingKeysWith: { _, b in b }),
                    overrideReason: reason, details: details, by: context.user)
            } catch let error as BookingError where error.field == "plan" {
                try PlanText.failure(error.planFailure ?? PlanFailure(reason: error.reason), json: output.json)
            }
            let appointmentIDs = Dictionary(zip(booked.plan.steps.filter { $0.kind == .appointment }.map(\.key),
                                                booked.appointments.map(\.id)), uniquingKeysWith: { a, _ in a })
            let stepTasks = booked.tasks.filter { $0.kind == .courseStep }
            let taskIDs = Dictionary(zip(booked.plan.steps.filter { $0.kind == .task }.map(\.key), stepTasks.map(\.id)),
                                     uniquingKeysWith: { a, _ in a })
            if output.json {
                struct Out: JSONObject {
                    var course_id: Int64; var patient: String; var plan: PlanJSON
                    var overridden: [String: [String]]; var other_tasks: [Int64]
                }
                print(encodeJSON(Out(course_id: booked.course.id, patient: booked.patient.mrn,
                                     plan: PlanJSON(booked.treatment, booked.plan, checks: booked.checks,
                                                    appointments: appointmentIDs, tasks: taskIDs),
                                     overridden: Dictionary(booked.overridden.map { ($0.key.description, $0.value) }) { a, _ in a },
                                     other_tasks: booked.tasks.filter { $0.kind != .courseStep }.map(\.id))))
            } else {
                print("Booked course \(booked.course.id): \(booked.treatment.name) (\(booked.treatment.code) version "
                      + "\(booked.treatment.version)) for \(BookingText.patient(booked.patient)) — \(booked.appointments.count) "
                      + "appointments, \(stepTasks.count) tasks, \(booked.plan.visitDays) extra day\(booked.plan.visitDays == 1 ? "" : "s") coming in")
                PlanText.lines(booked.plan, checks: booked.checks).forEach { print($0) }
                for (key, problems) in booked.overridden.sorted(by: { $0.key < $1.key }) {
                    print("Rule overridden at \(key): " + problems.joined(separator: "; "))
                }
                let others = booked.tasks.filter { $0.kind != .courseStep }
                if !others.isEmpty { print("Also \(others.count) task\(others.count == 1 ? "" : "s") for interpreters or transport.") }
                print("frontdesk course show \(booked.course.id) shows it; frontdesk course itinerary \(booked.course.id) prints it for the patient.")
            }
        }
    }
}
