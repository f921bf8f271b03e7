import Foundation
import Testing
import FrontDeskDomain

@Suite("treatment protocols: the file format and its checks")
struct ProtocolParserTests {
    static let services: Set<String> = ["phlebotomy", "onc_fu", "onc_new", "sact_chair", "cns", "mould_room", "rt_planning_ct",
                                        "rt_treatment", "rt_review"]
    static let teams: Set<String> = Set(Team.standard.map(\.code))

    func parse(_ yaml: String) -> Result<TreatmentProtocol, ValidationError> {
        ProtocolParser.parse(yaml, services: Self.services, teams: Self.teams)
    }

    @Test("the SACT example of DOMAIN.md reads as written there")
    func sact() throws {
        let p = try parse(ExampleProtocols.sactCycles.yaml).get()
        #expect(p.code == "sact_21x6")
        #expect(p.cycles == 6 && p.cycleLength == Gap(21, .days))
        #expect(p.window == CycleWindow(early: Gap(2, .days), late: Gap(3, .days)))
        #expect(p.anchor == "chemo" && p.sameClinician == ["review"])
        #expect(p.steps.map(\.id) == ["bloods", "review", "screen", "chemo"])
        #expect(p.step("screen")?.kind == .task && p.step("screen")?.team == "pharmacy")
        #expect(p.rules == [
            SequenceRule(step: "review", after: "bloods", min: Gap(2, .hours), max: Gap(2, .days)),
            SequenceRule(step: "chemo", after: "bloods", min: Gap(1, .days), max: Gap(3, .days)),
            SequenceRule(step: "chemo", after: "review", min: Gap(1, .days), max: Gap(3, .days)),
            SequenceRule(step: "chemo", after: "screen", min: Gap(1, .workingDays)),
        ])
        #expect(p.appointmentsPerCycle == 3)
    }

    @Test("radiotherapy repeats a step on working days; every example parses")
    func examples() throws {
        let rt = try parse(ExampleProtocols.radicalRadiotherapy.yaml).get()
        #expect(rt.step("fraction")?.repeat == StepRepeat(count: 30, every: Gap(1, .workingDays)))
        #expect(rt.cycles == 1 && rt.anchor == nil)
        #expect(rt.appointmentsPerCycle == 1 + 1 + 30 + 6)
        for file in ExampleProtocols.all { #expect(throws: Never.self) { try parse(file.yaml).get() } }
    }

    @Test("Docs/protocols holds exactly the examples the demo centre loads")
    func docsMatch() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/protocols")
        for file in ExampleProtocols.all {
            let text = try String(contentsOf: folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(text == file.yaml, "Docs/protocols/\(file.name) differs from ExampleProtocols")
        }
    }

    @Test("gaps", arguments: [("2h", "2h"), ("30m", "30m"), (" 3 D ", "3d"), ("1wd", "1wd"), ("0m", "0m")])
    func gaps(text: String, shown: String) {
        #expect(Gap(parsing: text)?.description == shown)
    }

    @Test("not gaps", arguments: ["2", "h", "2w", "2 days", "-1d", "1.5h", "99999d", "2hours"])
    func notGaps(text: String) {
        #expect(Gap(parsing: text) == nil)
    }

    static let base = """
        code: test_one
        name: Test
        steps:
          - {id: a, label: A, kind: appointment, service: phlebotomy}
          - {id: b, label: B, kind: appointment, service: onc_fu}
          - {id: c, label: C, kind: task, team: pharmacy}

        """

    @Test("each mistake is named by its place, line and rule", arguments: [
        (base.replacingOccurrences(of: "service: onc_fu", with: "service: nosuch"), "steps[1].service", "there is no active service 'nosuch'"),
        (base.replacingOccurrences(of: "team: pharmacy", with: "team: cleaners"), "steps[2].team", "there is no team 'cleaners'"),
        (base + "rules:\n  - {step: b, after: ghost}\n", "rules[0].after", "there is no step 'ghost'"),
        (base + "rules:\n  - {step: b, after: b, min: 1h}\n", "rules[0].after", "cannot refer to its own step"),
        (base + "rules:\n  - {step: b, after: a, min: 3d, max: 1d}\n", "rules[0].min", "3d is more than max 1d"),
        (base + "rules:\n  - {step: b, after: a, min: 90m, max: 1h}\n", "rules[0].min", "90m is more than max 1h"),
        (base + "rules:\n  - {step: b, after: a, min: 2w}\n", "rules[0].min", "must be a whole number and a unit"),
        (base + "rules:\n  - {step: b, after: a}\n  - {step: c, after: b}\n  - {step: a, after: c}\n", "rules", "in a circle: a → b → c → a"),
        (base + "cycles: 3\n", "anchor", "is required"),
        (base + "cycles: 3\nanchor: c\ncycle_length: 21d\n", "anchor", "'c' is a task"),
        (base + "cycles: 3\nanchor: a\ncycle_length: 3wd\n", "cycle_length", "calendar days"),
        (base + "cycles: 0\n", "cycles", "from 1 to 52"),
        (base + "same_clinician: [c]\n", "same_clinician", "'c' is a task"),
        (base + "colour: red\n", "colour", "is not a field here"),
        (base.replacingOccurrences(of: "{id: b,", with: "{id: a,"), "steps[1].id", "'a' is already the id of steps[0]"),
        (base.replacingOccurrences(of: "kind: task, team: pharmacy", with: "kind: visit"), "steps[2].kind", "must be appointment or task"),
        (base.replacingOccurrences(of: "service: onc_fu}", with: "service: onc_fu, repeat: {count: 1}}"), "steps[1].repeat.count", "from 2 to 60"),
        (base.replacingOccurrences(of: ", service: phlebotomy", with: ""), "steps[0].service", "is required"),
        ("code: tt\nname: T\nsteps: []\n", "steps", "at least one step"),
        ("code: [t\n", "file", "is not valid YAML"),
    ] as [(String, String, String)])
    func mistakes(yaml: String, field: String, words: String) throws {
        guard case .failure(let error) = parse(yaml) else { Issue.record("accepted: \(yaml)"); return }
        let found = error.errors.first { $0.field == field }
        let reason = found?.reason ?? ""
        #expect(found != nil, "\(error.errors)")
        #expect(reason.contains(words), "\(reason)")
    }

    @Test("a mistake says on which line it is")
    func lines() throws {
        let yaml = Self.base.replacingOccurrences(of: "service: onc_fu", with: "service: nosuch")
        guard case .failure(let error) = parse(yaml) else { Issue.record("accepted"); return }
        let reason = error.errors.first?.reason ?? ""
        #expect(reason.hasSuffix("(line 5)"), "\(reason)")
    }

    @Test("every problem at once")
    func everyProblem() {
        let yaml = Self.base.replacingOccurrences(of: "service: onc_fu", with: "service: nosuch")
            + "rules:\n  - {step: b, after: ghost}\n  - {step: a, after: b, min: 2x}\n"
        guard case .failure(let error) = parse(yaml) else { Issue.record("accepted"); return }
        #expect(Set(error.errors.map(\.field)) == ["steps[1].service", "rules[0].after", "rules[1].min"])
    }
}
