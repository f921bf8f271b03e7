import Yams

/// Reads a protocol file (YAML) into a `TreatmentProtocol`, checking it
/// against the centre's services and teams, with every problem at once: each
/// names its place in the file (`steps[2].service`, `rules[0].max`) with the
/// line, and the rule it breaks.
///
/// ```yaml
/// code: sact_21x6
/// name: SACT 21-day cycle × 6
/// cycles: 6
/// cycle_length: 21d
/// window: {early: 2d, late: 3d}
/// anchor: chemo
/// same_clinician: [review]
/// steps:
///   - {id: bloods, label: Blood test, kind: appointment, service: phlebotomy}
///   - {id: review, label: Oncology review, kind: appointment, service: onc_fu}
///   - {id: screen, label: Pharmacy screening, kind: task, team: pharmacy}
///   - {id: chemo, label: Chemotherapy, kind: appointment, service: sact_chair}
/// rules:
///   - {step: review, after: bloods, min: 2h, max: 2d}
///   - {step: chemo, after: bloods, min: 1d, max: 3d}
///   - {step: chemo, after: review, min: 1d, max: 3d}
///   - {step: chemo, after: screen, min: 1wd}
/// ```
public enum ProtocolParser {
    public static let maximumCycles = 52
    public static let repeatRange = 2...60
    static let topKeys: Set<String> = ["code", "name", "steps", "rules", "same_clinician", "cycles", "cycle_length", "window", "anchor"]
    static let stepKeys: Set<String> = ["id", "label", "kind", "service", "team", "repeat"]
    static let ruleKeys: Set<String> = ["step", "after", "min", "max"]

    public static func parse(_ yaml: String, services: Set<String>?, teams: Set<String>?, version: Int = 1)
        -> Result<TreatmentProtocol, ValidationError> {
        var errors: [FieldError] = []
        func fail(_ field: String, _ node: Node?, _ reason: String) {
            let line = node?.mark.map { " (line \($0.line))" } ?? ""
            errors.append(FieldError(field: field, reason: reason + line))
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                return .failure(ValidationError(field: "file", reason: "is empty: a protocol needs code, name and steps"))
            }
            root = composed
        } catch let error as YamlError {
            return .failure(ValidationError(field: "file", reason: "is not valid YAML: \(Self.words(error))"))
        } catch {
            return .failure(ValidationError(field: "file", reason: "is not valid YAML"))
        }
        guard let top = root.mapping else {
            return .failure(ValidationError(field: "file", reason: "must be a mapping of code, name, steps, rules …"))
        }
        let fields = Self.pairs(top, path: "", allowed: topKeys, fail: fail)

        func text(_ key: String, _ node: Node?, required: Bool) -> String? {
            guard let node else { if required { fail(key, nil, "is required") }; return nil }
            guard let value = node.scalar?.string.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                fail(key, node, "must be text"); return nil
            }
            return value
        }
        func gap(_ key: String, _ node: Node?) -> Gap? {
            guard let node else { return nil }
            guard let s = node.scalar?.string, let g = Gap(parsing: s) else { fail(key, node, Gap.rule); return nil }
            return g
        }
        func id(_ key: String, _ node: Node?) -> String? {
            guard let value = text(key, node, required: true) else { return nil }
            guard Self.isIdentifier(value) else {
                fail(key, node, "must be 1 to 30 lower-case letters, digits or _, starting with a letter (e.g. bloods)"); return nil
            }
            return value
        }

        // code and name
        var code = ""
        if let raw = text("code", fields["code"], required: true) {
            var problems: [FieldError] = []
            code = DiaryCode.checkCode("code", raw, into: &problems)
            for p in problems { fail(p.field, fields["code"], p.reason) }
        }
        let name = text("name", fields["name"], required: true) ?? ""
        if name.count > 120 { fail("name", fields["name"], "must be at most 120 characters") }

        // steps
        var steps: [ProtocolStep] = []
        var seen: [String: Int] = [:]
        if let node = fields["steps"] {
            if let list = node.sequence, !list.isEmpty {
                for (index, item) in list.enumerated() {
                    let path = "steps[\(index)]"
                    guard let map = item.mapping else { fail(path, item, "must be a mapping of id, label, kind, service or team"); continue }
                    let f = Self.pairs(map, path: path + ".", allowed: stepKeys, fail: fail)
                    let stepID = id(path + ".id", f["id"])
                    let label = text(path + ".label", f["label"], required: true)
                    var kind: ProtocolStep.Kind?
                    if let k = text(path + ".kind", f["kind"], required: true) {
                        kind = ProtocolStep.Kind(rawValue: k.lowercased())
                        if kind == nil { fail(path + ".kind", f["kind"], "must be appointment or task (got '\(k)')") }
                    }
                    var service: String?
                    if let s = text(path + ".service", f["service"], required: kind == .appointment) {
                        let normalised = DiaryCode.normalised(s)
                        if services?.contains(normalised) ?? true { service = normalised } else {
                            fail(path + ".service", f["service"], "there is no active service '\(normalised)' (frontdesk service list shows them)")
                        }
                    }
                    var team: String?
                    if kind == .task {
                        if let t = text(path + ".team", f["team"], required: true) {
                            if teams?.contains(t) ?? true { team = t } else {
                                fail(path + ".team", f["team"], "there is no team '\(t)' (frontdesk team list shows them)")
                            }
                        }
                    } else if f["team"] != nil {
                        fail(path + ".team", f["team"], "is only for a task step (an appointment goes in the diary)")
                    }
                    var rep: StepRepeat?
                    if let r = f["repeat"] {
                        if kind == .task { fail(path + ".repeat", r, "is only for an appointment step") }
                        if let m = r.mapping {
                            let rf = Self.pairs(m, path: path + ".repeat.", allowed: ["count", "every"], fail: fail)
                            let count = rf["count"].flatMap { $0.scalar?.string }.flatMap { Int($0) }
                            if count == nil || !repeatRange.contains(count!) {
                                fail(path + ".repeat.count", rf["count"] ?? r, "must be a whole number from \(repeatRange.lowerBound) to \(repeatRange.upperBound)")
                            }
                            let every = gap(path + ".repeat.every", rf["every"]) ?? (rf["every"] == nil ? Gap(1, .workingDays) : nil)
                            if let every, (every.unit != .days && every.unit != .workingDays) || every.value < 1 {
                                fail(path + ".repeat.every", rf["every"], "must be a number of days or working days, at least 1 (e.g. 1wd)")
                            }
                            if let count, let every, repeatRange.contains(count) { rep = StepRepeat(count: count, every: every) }
                        } else {
                            fail(path + ".repeat", r, "must be {count: N, every: 1wd}")
                        }
                    }
                    if let stepID {
                        if let first = seen[stepID] { fail(path + ".id", f["id"], "'\(stepID)' is already the id of steps[\(first)]") }
                        else { seen[stepID] = index }
                    }
                    if let stepID, let label, let kind {
                        steps.append(ProtocolStep(id: stepID, label: label, kind: kind, service: service, team: team, repeat: rep))
                    }
                }
            } else {
                fail("steps", node, "must be a list of at least one step")
            }
        } else {
            fail("steps", nil, "is required: a list of steps")
        }
        let ids = Set(seen.keys)
        let kinds = Dictionary(steps.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })

        // rules
        var rules: [SequenceRule] = []
        if let node = fields["rules"] {
            if let list = node.sequence {
                for (index, item) in list.enumerated() {
                    let path = "rules[\(index)]"
                    guard let map = item.mapping else { fail(path, item, "must be {step: …, after: …, min: …, max: …}"); continue }
                    let f = Self.pairs(map, path: path + ".", allowed: ruleKeys, fail: fail)
                    let step = text(path + ".step", f["step"], required: true)
                    let after = text(path + ".after", f["after"], required: true)
                    let min = gap(path + ".min", f["min"]), max = gap(path + ".max", f["max"])
                    var ok = true
                    for (key, value) in [("step", step), ("after", after)] {
                        if let value, !ids.contains(value) {
                            fail(path + "." + key, f[key], "there is no step '\(value)' (steps: \(steps.map(\.id).joined(separator: ", ")))"); ok = false
                        }
                    }
                    if let step, step == after { fail(path + ".after", f["after"], "a rule cannot refer to its own step ('\(step)')"); ok = false }
                    if let min, let max, min.exceeds(max) { fail(path + ".min", f["min"], "\(min) is more than max \(max)"); ok = false }
                    if let min, min.value < 0 { fail(path + ".min", f["min"], "must not be negative"); ok = false }
                    if let step, let after, ok {
                        rules.append(SequenceRule(step: step, after: after, min: min, max: max))
                    }
                }
            } else {
                fail("rules", node, "must be a list of rules")
            }
        }
        if let cycle = Self.cycle(in: rules) {
            fail("rules", fields["rules"], "the steps wait for one another in a circle: " + cycle.joined(separator: " → "))
        }

        // continuity
        var same: [String] = []
        if let node = fields["same_clinician"] {
            let values = node.sequence.map { $0.compactMap { $0.scalar?.string } } ?? node.scalar.map { [$0.string] } ?? []
            if values.isEmpty { fail("same_clinician", node, "must be a list of step ids") }
            for value in values {
                if !ids.contains(value) { fail("same_clinician", node, "there is no step '\(value)'") }
                else if kinds[value] != .appointment { fail("same_clinician", node, "'\(value)' is a task: only an appointment has a clinician") }
                else { same.append(value) }
            }
        }

        // repetition
        var cycles = 1
        if let node = fields["cycles"] {
            if let n = node.scalar.flatMap({ Int($0.string) }), (1...maximumCycles).contains(n) { cycles = n }
            else { fail("cycles", node, "must be a whole number from 1 to \(maximumCycles)") }
        }
        let cycleLength = gap("cycle_length", fields["cycle_length"])
        if let cycleLength, cycleLength.unit != .days || cycleLength.value < 1 {
            fail("cycle_length", fields["cycle_length"], "must be a number of calendar days, at least 1 (e.g. 21d)")
        }
        var window: CycleWindow?
        if let node = fields["window"] {
            if let m = node.mapping {
                let wf = Self.pairs(m, path: "window.", allowed: ["early", "late"], fail: fail)
                let early = gap("window.early", wf["early"]) ?? Gap(0, .days)
                let late = gap("window.late", wf["late"]) ?? Gap(0, .days)
                for (key, g) in [("early", early), ("late", late)] where g.unit != .days {
                    fail("window." + key, wf[key], "must be a number of calendar days (e.g. 2d)")
                }
                window = CycleWindow(early: early, late: late)
            } else {
                fail("window", node, "must be {early: 2d, late: 3d}")
            }
        }
        let anchor = text("anchor", fields["anchor"], required: cycles > 1)
        if let anchor {
            if !ids.contains(anchor) { fail("anchor", fields["anchor"], "there is no step '\(anchor)'") }
            else if kinds[anchor] != .appointment { fail("anchor", fields["anchor"], "'\(anchor)' is a task: the anchor is the appointment that defines the cycle") }
        }
        if cycles > 1 && cycleLength == nil { fail("cycle_length", nil, "is required when cycles is more than 1 (e.g. 21d)") }
        if cycles == 1 && (fields["cycle_length"] != nil || fields["window"] != nil) {
            fail(fields["cycle_length"] != nil ? "cycle_length" : "window", fields["cycle_length"] ?? fields["window"],
                 "only means something when cycles is more than 1")
        }

        guard errors.isEmpty else { return .failure(ValidationError(errors)) }
        return .success(TreatmentProtocol(code: code, name: name, version: version, steps: steps, rules: rules, sameClinician: same,
                                          cycles: cycles, cycleLength: cycleLength, window: window, anchor: anchor))
    }

    /// The keys of a mapping, each reported once; an unknown or repeated key is a problem.
    static func pairs(_ mapping: Node.Mapping, path: String, allowed: Set<String>,
                      fail: (String, Node?, String) -> Void) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { fail(path.isEmpty ? "file" : String(path.dropLast()), key, "has a key that is not text"); continue }
            if !allowed.contains(name) {
                fail(path + name, key, "is not a field here (fields: \(allowed.sorted().joined(separator: ", ")))")
            } else if result[name] != nil {
                fail(path + name, key, "is given twice")
            } else {
                result[name] = value
            }
        }
        return result
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard (1...30).contains(text.count), let first = text.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A circle of steps each waiting for the next (`a → b → a`), if the rules make one.
    static func cycle(in rules: [SequenceRule]) -> [String]? {
        var edges: [String: [String]] = [:]
        for rule in rules { edges[rule.after, default: []].append(rule.step) }
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        var path: [String] = []
        func visit(_ node: String) -> [String]? {
            state[node] = 1; path.append(node)
            for next in edges[node] ?? [] {
                if state[next] == 1 { return Array(path[path.firstIndex(of: next)!...]) + [next] }
                if state[next] == nil, let found = visit(next) { return found }
            }
            state[node] = 2; path.removeLast()
            return nil
        }
        for node in edges.keys.sorted() where state[node] == nil {
            if let found = visit(node) { return found }
        }
        return nil
    }

    static func words(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return "\(problem) at line \(mark.line), column \(mark.column)"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}
