import ArgumentParser
import Foundation
import FrontDeskDomain

// Booked treatment courses (issue 6): list a patient's, show one step by step
// with its rules checked, print its itinerary for the patient, and re-plan it
// after a cancellation (knock-on rebooking).

struct CourseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course", abstract: "Booked treatment courses: list, show, itinerary, re-plan, stop.",
        subcommands: [CourseList.self, CourseShow.self, CourseItinerary.self, CourseReplanCommand.self, CourseStop.self])
}

struct CourseTarget: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The course number (frontdesk course list --patient …).") var id: Int64
}

/// `--reason` for a restricted record, as `patient show` takes it.
struct RestrictedReason: ParsableArguments {
    @Option(help: ArgumentHelp("Why you open a restricted record: \(AccessReason.Kind.allCases.map(\.rawValue).joined(separator: ", ")) (other:WHY); audited.",
                               valueName: "reason"))
    var reason: String?
    func parsed() throws -> AccessReason? { try reason.map { try AccessReason.parse($0).get() } }
}

struct CourseJSON: JSONObject {
    struct Gap: JSONObject { var after: String; var gap: String?; var ok: Bool; var problem: String? }
    struct Step: JSONObject {
        var cycle: Int; var step: String; var instance: Int; var label: String; var kind: String
        var appointment_id: Int64?; var task_id: Int64?; var status: String?
        var start: String?; var end: String?; var date: String?; var clinician: String?; var site: String?; var team: String?
        var held: Bool; var override_reason: String?; var gaps: [Gap]
    }
    var id: Int64; var patient: String; var `protocol`: String; var version: Int; var name: String
    var start_date: String; var status: String; var stop_reason: String?; var booked_by: String
    var problems: [String]; var steps: [Step]

    init(_ d: CourseDetail) {
        let c = d.course
        id = c.id; patient = c.patientMRN; self.protocol = c.protocolCode; version = c.protocolVersion; name = c.protocolName
        start_date = c.startDate.iso; status = c.status.rawValue; stop_reason = c.stopReason; booked_by = c.bookedBy
        problems = d.problems.flatMap { row in
            row.isHeld ? row.checks.filter { !$0.ok }.map { "\(row.step.key): \($0.problem ?? "")" } : ["\(row.step.key): not held"]
        }
        steps = d.rows.map { r in
            let a = r.appointment
            return Step(cycle: r.step.cycle, step: r.step.step, instance: r.step.instance, label: r.label, kind: r.step.kind.rawValue,
                        appointment_id: a?.id, task_id: r.task?.id, status: a?.status.rawValue ?? r.task?.status.rawValue,
                        start: a.map { "\($0.date.iso)T\($0.start.display)" }, end: a.map { "\($0.date.iso)T\($0.end.display)" },
                        date: r.date?.iso, clinician: a?.clinicianCode, site: a?.siteCode, team: r.task?.teamCode, held: r.isHeld,
                        override_reason: r.step.overrideReason,
                        gaps: r.checks.map { Gap(after: $0.rule.after, gap: $0.gap, ok: $0.ok, problem: $0.problem) })
        }
    }
}

enum CourseText {
    static func header(_ c: Course) -> String {
        "Course \(c.id): \(c.protocolName) (\(c.protocolCode) version \(c.protocolVersion)) for \(c.patientMRN), from \(c.startDate.display)"
            + (c.status == .stopped ? " — STOPPED: \(c.stopReason ?? "")" : "")
    }

    static func rows(_ d: CourseDetail) -> [String] {
        d.rows.map { r in
            let name = r.step.instance > 1 ? "\(r.step.step) \(r.step.instance)" : r.step.step
            var what: String
            if let a = r.appointment {
                what = "\(a.date.weekday.short.capitalized) \(a.date.display) \(a.start.display)  \(a.serviceCode) with \(a.clinicianCode) "
                    + "at \(a.siteCode)  \(a.status.label)  (appointment \(a.id))"
            } else if let t = r.task {
                what = "\(t.dueDate.weekday.short.capitalized) \(t.dueDate.display) (by)  task for \(t.teamCode)  \(t.status.rawValue)  (task \(t.id))"
            } else {
                what = "\(r.step.plannedDate.display)  not found"
            }
            let gaps = r.checks.map { $0.ok ? "\($0.rule.after) +\($0.gap ?? "") ✓" : "✗ \($0.problem ?? "")" }
            if !gaps.isEmpty { what += "  [" + gaps.joined(separator: "; ") + "]" }
            if let o = r.step.overrideReason { what += "  (rule overridden: \(o))" }
            return "  " + TextOutput.pad("cycle \(r.step.cycle)", 9) + TextOutput.pad(name, 14) + what
        }
    }
}

struct CourseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "A patient's treatment courses (audited as a view).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Hospital number or NHS number.") var patient: String
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(global)
            let (person, courses) = try context.sequence.courses(patient: patient, reason: why, by: context.user)
            if output.json {
                struct Row: JSONObject {
                    var id: Int64; var `protocol`: String; var version: Int; var name: String; var start_date: String; var status: String
                    var stop_reason: String?
                }
                struct Out: JSONObject { var patient: String; var courses: [Row] }
                print(encodeJSON(Out(patient: person.mrn, courses: courses.map {
                    Row(id: $0.id, protocol: $0.protocolCode, version: $0.protocolVersion, name: $0.protocolName,
                        start_date: $0.startDate.iso, status: $0.status.rawValue, stop_reason: $0.stopReason)
                })))
            } else if courses.isEmpty {
                print("\(BookingText.patient(person)) has no treatment courses booked.")
            } else {
                print("Treatment courses of \(BookingText.patient(person)):")
                for c in courses { print("  " + CourseText.header(c)) }
            }
        }
    }
}

struct CourseShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A course step by step as it stands, every rule checked (audited as a view).")
    @OptionGroup var target: CourseTarget
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: target.output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(target.global)
            let detail = try context.sequence.show(course: target.id, reason: why, by: context.user)
            if target.output.json { print(encodeJSON(CourseJSON(detail))); return }
            print(CourseText.header(detail.course))
            CourseText.rows(detail).forEach { print($0) }
            let today = context.booking.now.date
            let visits = detail.visitDates(from: today).count
            print("\(visits) day\(visits == 1 ? "" : "s") still to come in.")
            if !detail.problems.isEmpty {
                print("Something has changed: frontdesk course replan \(detail.course.id) shows what it breaks and how to fix it.")
            }
        }
    }
}

struct CourseItinerary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary", abstract: "The course's appointments still to come, as plain text for the patient (audited).",
        discussion: "Large print when the record lists the large-print information need, or with --large-print; "
            + "--no-large-print gives the standard layout.")
    @OptionGroup var target: CourseTarget
    @Flag(inversion: .prefixedNo, help: "Large print (default: as the patient's information need says).") var largePrint: Bool?
    @OptionGroup var restricted: RestrictedReason
    func run() throws {
        try reporting(json: target.output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(target.global)
            let itinerary = try context.sequence.itinerary(course: target.id, largePrint: largePrint, reason: why, by: context.user)
            if target.output.json {
                struct Item: JSONObject { var date: String; var start: String; var end: String; var what: String; var place: String; var appointment_id: Int64 }
                struct Out: JSONObject { var course_id: Int64; var large_print: Bool; var large_print_reason: String?; var items: [Item]; var text: String }
                print(encodeJSON(Out(course_id: itinerary.courseID, large_print: itinerary.largePrint,
                                     large_print_reason: itinerary.largePrintReason, items: itinerary.items.map {
                    Item(date: $0.date.iso, start: $0.start.display, end: $0.end.display, what: $0.what, place: $0.place,
                         appointment_id: $0.appointmentID)
                }, text: itinerary.text)))
            } else {
                print(itinerary.text, terminator: "")
            }
        }
    }
}

struct CourseReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan", abstract: "What a cancelled or moved appointment broke in its course, and the re-plan that fixes it.",
        discussion: "Attended steps stay; steps that still meet their rules stay where they are when possible (fewest moved "
            + "first), then the planner's order. Nothing is booked without --book, which books every change at once.")
    @OptionGroup var target: CourseTarget
    @Flag(help: "Book the re-plan (every change in one transaction).") var book = false
    @Option(help: "Adjust: put a step in a slot of your choosing, STEP#CYCLE=SLOT, and re-plan around it. Repeat for several.")
    var pin: [PinArgument] = []
    @OptionGroup var restricted: RestrictedReason
    var pins: [StepKey: Int64] { Dictionary(pin.map { ($0.key, $0.slot) }, uniquingKeysWith: { _, b in b }) }

    func run() throws {
        try reporting(json: target.output.json) {
            let why = try restricted.parsed()
            let context = try Context.open(target.global)
            let replan: CourseReplan
            var booked: [Appointment] = []
            if book {
                (replan, booked) = try context.sequence.applyReplan(course: target.id, pins: pins, reason: why, by: context.user)
            } else {
                replan = try context.sequence.replan(course: target.id, pins: pins, reason: why, by: context.user)
            }
            if target.output.json {
                struct Change: JSONObject {
                    var cycle: Int; var step: String; var instance: Int; var label: String; var action: String; var from_appointment: Int64?
                    var from: String?; var to_slot: Int64?; var to: String; var clinician: String?; var site: String?
                }
                struct Out: JSONObject {
                    var course_id: Int64; var needed: Bool; var problems: [String]; var feasible: Bool?; var reason: String?
                    var from_cycle: Int?; var approach: String?; var extends_course: Bool; var visit_days: Int?; var changes: [Change]
                    var booked: [Int64]
                }
                let plan = replan.outcome?.plan
                print(encodeJSON(Out(course_id: target.id, needed: replan.isNeeded, problems: replan.problems,
                                     feasible: replan.outcome.map { $0.plan != nil }, reason: replan.outcome?.failure?.reason,
                                     from_cycle: replan.fromCycle, approach: replan.approach, extends_course: replan.extendsCourse,
                                     visit_days: plan?.visitDays,
                                     changes: replan.changes.map { c in
                    Change(cycle: c.key.cycle, step: c.key.step, instance: c.key.instance, label: c.label, action: c.action,
                           from_appointment: c.from?.id,
                           from: c.from.map { "\($0.date.iso)T\($0.start.display)" } ?? c.fromTask.map { $0.dueDate.iso },
                           to_slot: c.to.slotID, to: c.to.start.map { "\(c.to.date.iso)T\($0.display)" } ?? c.to.date.iso,
                           clinician: c.to.clinician, site: c.to.site)
                }, booked: booked.map(\.id))))
                if replan.isNeeded && replan.outcome?.plan == nil { throw ExitCode(ExitStatus.refused.rawValue) }
                return
            }
            print(CourseText.header(replan.detail.course))
            guard replan.isNeeded else { print("Nothing to re-plan: every step still meets its rules."); return }
            print("What has changed:")
            replan.problems.forEach { print("  " + $0) }
            guard let plan = replan.outcome?.plan else {
                print("No re-plan: \(replan.outcome?.failure?.reason ?? "no plan found")")
                print("An officer may book a step against a rule: frontdesk appointment rebook … then course show to check.")
                throw ExitCode(ExitStatus.refused.rawValue)
            }
            print("Re-plan from cycle \(replan.fromCycle ?? 1) (\(replan.approach ?? "")), \(plan.visitDays) extra day\(plan.visitDays == 1 ? "" : "s") coming in:")
            for c in replan.changes {
                let from = c.from.map { "\($0.date.display) \($0.start.display) (\($0.status.label))" }
                    ?? c.fromTask.map { "due \($0.dueDate.display)" } ?? "—"
                let to = c.to.start.map { "\(c.to.weekday) \(c.to.date.display) \($0.display) with \(c.to.clinician ?? "") at \(c.to.site ?? "")" }
                    ?? "due \(c.to.date.display)"
                print("  " + TextOutput.pad("\(c.action)", 9) + TextOutput.pad(c.label + " (\(c.key))", 30) + " " + from + "  →  " + to)
            }
            if book {
                print("Booked: \(booked.count) appointment\(booked.count == 1 ? "" : "s") moved or rebooked.")
            } else {
                print("Nothing is booked yet: frontdesk course replan \(target.id) --book books these changes.")
            }
        }
    }
}

extension PlannedStep {
    var weekday: String { date.weekday.short.capitalized }
}

struct CourseStop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop", abstract: "Stop a course (the treatment ends): its appointments still to come and open tasks are cancelled, in one go.",
        discussion: "The appointments are cancelled by the hospital (clinical_decision) with the reason; attended steps stay. Audited.")
    @OptionGroup var target: CourseTarget
    @Option(help: "Why, in words (e.g. 'treatment stopped by Dr Okafor after cycle 3').") var reason: String
    @Option(help: ArgumentHelp("For a restricted record: why you open it (as patient show --reason); audited.", valueName: "reason"))
    var access: String?
    func run() throws {
        try reporting(json: target.output.json) {
            let why = try access.map { try AccessReason.parse($0).get() }
            let context = try Context.open(target.global)
            let stopped = try context.sequence.stop(course: target.id, reason: reason, access: why, by: context.user)
            if target.output.json {
                struct Out: JSONObject { var course_id: Int64; var status: String; var cancelled: [AppointmentJSON]; var tasks_cancelled: Int }
                print(encodeJSON(Out(course_id: stopped.course.id, status: stopped.course.status.rawValue,
                                     cancelled: stopped.cancelled.map(AppointmentJSON.init), tasks_cancelled: stopped.tasksCancelled)))
            } else {
                print("Stopped course \(stopped.course.id) (\(stopped.course.protocolName)) for \(stopped.course.patientMRN): "
                      + "\(stopped.cancelled.count) appointment\(stopped.cancelled.count == 1 ? "" : "s") and "
                      + "\(stopped.tasksCancelled) task\(stopped.tasksCancelled == 1 ? "" : "s") cancelled.")
                for a in stopped.cancelled { print("  " + BookingText.appointment(a)) }
            }
        }
    }
}
