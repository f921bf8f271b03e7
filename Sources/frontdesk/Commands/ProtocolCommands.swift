import ArgumentParser
import Foundation
import FrontDeskDomain

// Treatment protocols (issue 6): YAML files imported as versions, listed and shown.

struct ProtocolJSON: JSONObject {
    struct Step: JSONObject {
        struct Repeat: JSONObject { var count: Int; var every: String }
        var id: String; var label: String; var kind: String; var service: String?; var team: String?; var `repeat`: Repeat?
    }
    struct Rule: JSONObject { var step: String; var after: String; var min: String?; var max: String? }
    struct Window: JSONObject { var early: String; var late: String }
    var code: String; var name: String; var version: Int; var cycles: Int; var cycle_length: String?; var window: Window?
    var anchor: String?; var same_clinician: [String]; var steps: [Step]; var rules: [Rule]
    var imported_by: String?; var imported_at: String?

    init(_ p: TreatmentProtocol, stored: StoredProtocol?) {
        code = p.code; name = p.name; version = p.version; cycles = p.cycles; cycle_length = p.cycleLength?.description
        window = p.window.map { Window(early: $0.early.description, late: $0.late.description) }
        anchor = p.anchor; same_clinician = p.sameClinician
        steps = p.steps.map {
            Step(id: $0.id, label: $0.label, kind: $0.kind.rawValue, service: $0.service, team: $0.team,
                 repeat: $0.repeat.map { Step.Repeat(count: $0.count, every: $0.every.description) })
        }
        rules = p.rules.map { Rule(step: $0.step, after: $0.after, min: $0.min?.description, max: $0.max?.description) }
        imported_by = stored?.importedBy; imported_at = stored.map { TimeText.utc($0.importedAt) }
    }
}

enum ProtocolText {
    static func describe(_ p: TreatmentProtocol, stored: StoredProtocol?) -> [String] {
        var lines = ["\(p.code) version \(p.version): \(p.name)"]
        if let stored { lines.append("imported by \(stored.importedBy) on \(TimeText.local(stored.importedAt))") }
        if p.cycles > 1 {
            var line = "\(p.cycles) cycles of \(p.cycleLength?.description ?? "?"), anchored on \(p.anchor ?? "?")"
            if let w = p.window { line += ", window −\(w.early)/+\(w.late)" }
            lines.append(line)
        }
        if !p.sameClinician.isEmpty { lines.append("same clinician every cycle: " + p.sameClinician.joined(separator: ", ")) }
        lines.append("Steps:")
        for s in p.steps {
            var line = "  " + TextOutput.pad(s.id, 12) + " " + TextOutput.pad(s.label, 30) + " "
            line += s.kind == .appointment ? "appointment, \(s.service ?? "")" : "task for \(s.team ?? "")" + (s.service.map { ", \($0)" } ?? "")
            if let r = s.repeat { line += ", \(r.count) times, every \(r.every)" }
            lines.append(line)
        }
        if !p.rules.isEmpty {
            lines.append("Rules:")
            for r in p.rules { lines.append("  " + r.description) }
        }
        return lines
    }
}

struct ProtocolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocol", abstract: "Treatment protocols (courses of linked appointments and tasks) as YAML files.",
        subcommands: [ProtocolImport.self, ProtocolList.self, ProtocolShow.self])
}

struct ProtocolImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a protocol file as the next version of its code (managers).",
        discussion: "The file is checked against the services and teams set up; every problem is reported with its place in the file, "
            + "its line and the rule. Importing the same file again changes nothing. Docs/SEQUENCING.md describes the format; "
            + "Docs/protocols/ has examples.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The protocol file (YAML).") var file: String
    func run() throws {
        try reporting(json: output.json) {
            guard let yaml = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CommandFailure(message: "file: cannot read \(file) as UTF-8 text", code: .refused,
                                     fields: [FieldError(field: "file", reason: "cannot be read")])
            }
            let context = try Context.open(global)
            let done = try context.protocols.importProtocol(yaml: yaml, by: context.user)
            if output.json {
                struct Out: JSONObject { var code: String; var version: Int; var unchanged: Bool; var `protocol`: ProtocolJSON }
                print(encodeJSON(Out(code: done.stored.code, version: done.stored.version, unchanged: done.unchanged,
                                     protocol: ProtocolJSON(done.protocolValue, stored: done.stored))))
            } else if done.unchanged {
                print("Unchanged: \(done.stored.code) version \(done.stored.version) already holds this file.")
            } else {
                let p = done.protocolValue
                print("Imported \(p.code) version \(p.version): \(p.name) — \(p.steps.count) steps, \(p.rules.count) rules, "
                      + "\(p.cycles) cycle\(p.cycles == 1 ? "" : "s").")
            }
        }
    }
}

struct ProtocolList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every protocol, at its latest version.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let list = try context.protocols.list(by: context.user)
            if output.json {
                struct List: JSONObject { var protocols: [ProtocolJSON] }
                print(encodeJSON(List(protocols: list.map { ProtocolJSON($0, stored: nil) })))
            } else if list.isEmpty {
                print("No protocols yet (frontdesk protocol import FILE.yaml; examples in Docs/protocols/).")
            } else {
                for p in list {
                    print(TextOutput.pad(p.code, 22) + " v\(p.version)  " + TextOutput.pad(p.name, 44) + " "
                          + "\(p.steps.count) steps" + (p.cycles > 1 ? ", \(p.cycles) cycles" : ""))
                }
            }
        }
    }
}

struct ProtocolShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "A protocol's steps and rules (latest version, or --version N).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The protocol's code.") var code: String
    @Option(help: "A version (default: the latest).") var version: Int?
    @Flag(help: "Print the file as it was imported.") var yaml = false
    func run() throws {
        try reporting(json: output.json) {
            let context = try Context.open(global)
            let (p, stored) = try context.protocols.show(code: code, version: version, by: context.user)
            if output.json { print(encodeJSON(ProtocolJSON(p, stored: stored))) }
            else if yaml { print(stored.yaml, terminator: stored.yaml.hasSuffix("\n") ? "" : "\n") }
            else { ProtocolText.describe(p, stored: stored).forEach { print($0) } }
        }
    }
}
