import ArgumentParser
import Foundation
import FrontDeskDomain

// Planning a whole course (issue 6): `sequence plan` shows the best plan the
// diary allows for a protocol, or why there is none. Nothing is booked.

struct SequenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequence", abstract: "Plan a whole treatment course across the diary (a preview: nothing is booked).",
        subcommands: [SequencePlan.self])
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

struct SequencePlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "The best plan of a protocol for a patient from a date, or why there is none.",
        discussion: "Every step in a free slot of its service, every rule, window and continuity met; the first cycle as "
            + "close to the date as possible, then the fewest days coming in, then each step as early as possible. "
            + "Docs/SEQUENCING.md explains the rules.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Hospital number or NHS number.") var patient: String
    @Option(name: .customLong("protocol"), help: "The protocol's code (frontdesk protocol list).") var protocolCode: String
    @Option(help: "The requested start (default today).") var from: DateArgument?
    @Option(help: "Fix a step: STEP#CYCLE=SLOT (e.g. chemo#1=1234; fraction#1.3=555 for an instance). Repeat for several.")
    var pin: [PinArgument] = []
    @Option(help: "How far ahead the first cycle may start: weeks or days (default 26w).") var horizon: HorizonArgument?

    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let today = context.booking.now.date
            let sequence = SequenceService(protocols: context.protocols, booking: context.booking,
                                           diary: context.diary.diary)
            var pins: [StepKey: Int64] = [:]
            for p in pin { pins[p.key] = p.slot }
            let planned = try sequence.plan(patient: patient, protocolCode: protocolCode, start: try from?.date("from", today: today),
                                            horizonDays: horizon?.days ?? PlanRequest.defaultHorizonDays, pinned: pins, by: context.user)
            let t = planned.treatment
            switch planned.outcome {
            case .feasible(let plan):
                if output.json {
                    struct Step: JSONObject {
                        var cycle: Int; var step: String; var instance: Int; var kind: String; var slot_id: Int64?
                        var start: String?; var end: String?; var date: String; var clinician: String?; var site: String?
                        var service: String?; var team: String?
                    }
                    struct Out: JSONObject {
                        var feasible: Bool; var `protocol`: String; var version: Int; var visit_days: Int
                        /// False when the search stopped at its budget (a valid plan, perhaps not the best).
                        var complete: Bool
                        var steps: [Step]
                    }
                    func stamp(_ d: LocalDate, _ t: ClockTime?) -> String? { t.map { "\(d.iso)T\($0.display)" } }
                    print(encodeJSON(Out(feasible: true, protocol: t.code, version: t.version, visit_days: plan.visitDays,
                                         complete: plan.complete, steps: plan.steps.map {
                        Step(cycle: $0.cycle, step: $0.step, instance: $0.instance, kind: $0.kind.rawValue, slot_id: $0.slotID,
                             start: stamp($0.date, $0.start), end: stamp($0.date, $0.end), date: $0.date.iso, clinician: $0.clinician,
                             site: $0.site, service: $0.service, team: $0.team)
                    })))
                } else {
                    print("\(t.code) version \(t.version) for \(BookingText.patient(planned.patient)): "
                          + "\(plan.steps.count) steps, \(plan.visitDays) day\(plan.visitDays == 1 ? "" : "s") coming in")
                    for s in plan.steps {
                        let when = s.start.map { "\(s.date.weekday.short.capitalized) \(s.date.display) \($0.display)" }
                            ?? "\(s.date.weekday.short.capitalized) \(s.date.display) (by)"
                        let who = s.kind == .task ? "task for \(s.team ?? "")" : "\(s.service ?? "") with \(s.clinician ?? "") at \(s.site ?? "")"
                        print("  " + TextOutput.pad("cycle \(s.cycle)", 9) + TextOutput.pad(s.instance > 1 ? "\(s.step) \(s.instance)" : s.step, 14)
                              + TextOutput.pad(when, 24) + " " + who + (s.slotID.map { "  (slot \($0))" } ?? ""))
                    }
                    if !plan.complete {
                        print("Note: the search stopped at its limit; this plan keeps every rule but a better one may exist "
                              + "(pin a step with --pin and plan again).")
                    }
                }
            case .infeasible(let failure):
                if output.json {
                    struct Out: JSONObject { var feasible: Bool; var reason: String; var step: String?; var first_fit: String? }
                    print(encodeJSON(Out(feasible: false, reason: failure.reason, step: failure.step?.description,
                                         first_fit: failure.firstFit?.iso)))
                } else {
                    print("No plan: \(failure.reason)")
                }
                throw ExitCode(ExitStatus.refused.rawValue)
            }
        }
    }
}
