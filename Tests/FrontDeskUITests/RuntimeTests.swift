import Testing
import FrontDeskUI

/// The application loop with a fake terminal: input in, frames out, searches
/// on the worker thread coming back as events.
struct RuntimeTests {
    private func runtime(_ terminal: FakeTerminal) throws -> (Runtime, Harness) {
        let h = try Harness(size: Size(width: 10, height: 10))   // the runtime takes the terminal's size
        let runtime = Runtime(state: h.state, services: h.services, device: terminal, clock: { testNow })
        return (runtime, h)
    }

    @Test func typingThenF10QuitsAndTheLastFrameShowsTheResults() throws {
        let keys = "smith".map { TerminalInput.key(.char($0)) }
        let terminal = FakeTerminal(script: [
            .input(keys),
            .waitForText("SMITH, John (Mr)"),
            .input([.key(.function(10))]),
        ])
        let (runtime, _) = try runtime(terminal)
        let reason = runtime.run()
        #expect(reason == .quit)
        #expect(!terminal.gaveUp)
        let last = try #require(terminal.lastFrame)
        #expect(last.size == standardSize)
        #expect(last.text.contains("SMITH, John (Mr)"))
        #expect(last.text.contains("SMYTH, Jane"))
        #expect(last.text.contains("Search smith"))
        #expect(runtime.state.lookup.query.text == "smith")
        #expect(runtime.state.lookup.results.count == 3)
        #expect(terminal.frames.first?.text.contains("Type a name") == true)
    }

    @Test func keysTypedOneAtATimeEndWithTheNewestAnswer() throws {
        var script: [FakeTerminal.Step] = "smyth".map { .input([.key(.char($0))]) }
        script += [.waitForText("SMYTH, Jane"), .input([.key(.enter)]), .waitForText("Patient record"),
                   .input([.key(.ctrl("q"))])]
        let terminal = FakeTerminal(script: script)
        let (runtime, h) = try runtime(terminal)
        #expect(runtime.run() == .quit)
        #expect(!terminal.gaveUp)
        #expect(runtime.state.pane == .record)
        #expect(runtime.state.record?.patient.familyName == "Smyth")
        #expect(try h.auditTrail(h.patient("Smyth").mrn).first?.action == .view)
    }

    @Test func aSignalEndsTheLoopWithThatSignal() throws {
        let terminal = FakeTerminal(script: [.input([.key(.char("s"))]), .input([.signal(15)])])
        let (runtime, _) = try runtime(terminal)
        #expect(runtime.run() == .signal(15))
        #expect(!terminal.gaveUp)
        #expect(terminal.frames.count >= 1)
    }

    @Test func aResizeRedrawsAtTheNewSize() throws {
        let terminal = FakeTerminal(script: [
            .input([.resize(Size(width: 60, height: 20))]),
            .waitForText("Terminal too small"),
            .input([.resize(Size(width: 100, height: 30))]),
            .waitForText("F10 Quit"),
            .input([.key(.ctrl("c"))]),
        ])
        let (runtime, _) = try runtime(terminal)
        #expect(runtime.run() == .quit)
        #expect(!terminal.gaveUp)
        #expect(terminal.frames.map(\.size).contains(Size(width: 60, height: 20)))
        #expect(terminal.lastFrame?.size == Size(width: 100, height: 30))
    }

    @Test func quittingFromAChangedFormAsksFirstInTheLoopToo() throws {
        let terminal = FakeTerminal(script: [
            .input([.key(.function(7)), .key(.char("J")), .key(.function(10))]),
            .waitForText("Quit and discard the changes"),
            .input([.key(.char("y"))]),
        ])
        let (runtime, _) = try runtime(terminal)
        #expect(runtime.run() == .quit)
        #expect(!terminal.gaveUp)
        #expect(terminal.lastFrame?.text.contains("Unsaved changes") == true)
    }
}
