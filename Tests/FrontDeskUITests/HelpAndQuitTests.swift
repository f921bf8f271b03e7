import Testing
import FrontDeskUI

/// Help lists exactly the keys that work; quitting is F10, Ctrl-Q or Ctrl-C.
struct HelpAndQuitTests {
    /// The help line of a binding as the overlay writes it (keys padded to 22 cells), cut short.
    private func helpLine(_ binding: KeyBinding) -> String {
        String((CellWidth.pad(binding.keyNames, to: 22) + binding.help).prefix(40))
    }

    @Test(arguments: [LookupState.Focus.search, .results])
    func f1ListsEveryBindingOfTheLookupPane(focus: LookupState.Focus) throws {
        let h = try Harness()
        h.type("smith")
        if focus == .results { h.press(.tab) }
        h.press(.function(1))
        #expect(h.state.overlay == .help(scroll: 0))
        let text = h.text
        #expect(text.contains("Help · Patient lookup"))
        for binding in AppState.paneBindings(.lookup, lookupFocus: focus) {
            #expect(text.contains(helpLine(binding)), "help does not list \(binding.keyNames)")
        }
    }

    @Test func atALargerSizeHelpShowsEverySectionAtOnce() throws {
        // 42 rows: the lookup's help and the global keys (F6 made it one line longer than 40 hold).
        let h = try Harness(size: Size(width: 120, height: 42))
        h.press(.function(1))
        let text = h.text
        for (_, bindings) in h.state.helpSections {
            for binding in bindings {
                #expect(text.contains(helpLine(binding)), "help does not list \(binding.keyNames)")
            }
        }
        #expect(text.contains("Esc, F1 or ? closes help"))
        #expect(!text.contains("more lines"))
    }

    @Test func at80x24HelpScrollsToTheRest() throws {
        let h = try Harness()
        h.press(.function(1))
        #expect(h.text.contains("more lines · Esc, F1 or ? closes help"))
        let quit = try #require(h.state.helpSections.last?.1.first { $0.action == .quit })
        #expect(!h.text.contains(helpLine(quit)))
        for _ in 0..<30 { h.press(.down) }
        #expect(h.text.contains(helpLine(quit)))
        #expect(h.text.contains("Esc, F1 or ? closes help"))
        h.press(.pageUp, .pageUp, .pageUp, .pageUp)
        #expect(h.state.overlay == .help(scroll: 0))
    }

    @Test func helpInTheRecordAndTheFormListsTheirKeys() throws {
        // Tall enough for every key of the record (it grew with consent and case notes).
        let h = try Scenario.record.harness(size: Size(width: 120, height: 46))
        h.press(.char("?"))     // not typing in the record: ? is help
        #expect(h.text.contains("Help · Patient record"))
        for binding in AppState.paneBindings(.record) { #expect(h.text.contains(helpLine(binding))) }
        h.press(.escape, .function(8), .function(1))
        #expect(h.state.pane == .form)
        #expect(h.text.contains("Help · Patient details"))
        for binding in AppState.paneBindings(.form) { #expect(h.text.contains(helpLine(binding))) }
        #expect(h.text.contains("Editing a field"))
    }

    @Test(arguments: [Key.escape, .function(1), .char("?"), .char("q"), .enter])
    func helpCloses(key: Key) throws {
        let h = try Harness()
        h.type("smith")
        let before = h.text
        h.press(.function(1))
        #expect(h.text != before)
        h.press(key)
        #expect(h.state.overlay == nil)
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.text == before)
    }

    @Test func keysUnderHelpDoNothingElse() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.function(1), .char("x"), .function(7), .tab)
        #expect(h.state.overlay == .help(scroll: 0))
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "smith")
    }

    @Test(arguments: [Key.function(10), .ctrl("q"), .ctrl("c")])
    func quitKeysQuitFromEveryPlaceWithoutUnsavedChanges(key: Key) throws {
        let lookup = try Harness()
        #expect(lookup.press(key) == [.quit])
        let results = try Scenario.lookupSmith.harness()
        results.press(.tab)
        #expect(results.press(key) == [.quit])
        let record = try Scenario.record.harness()
        #expect(record.press(key) == [.quit])
        let help = try Scenario.help.harness()
        #expect(help.press(key) == [.quit])
        let form = try Harness()
        form.press(.function(7))
        #expect(form.press(key) == [.quit])   // an untouched form has nothing to lose
    }

    @Test func theBarShowsTheKeysOfTheCurrentPane() throws {
        let h = try Harness()
        // The harness's user is a manager: F11 (the audit trail) is offered.
        // At 80 columns F11 and F12 give way to the pane's keys; F10 always stays.
        #expect(h.screen.lines[23].hasPrefix("F1 Help  F2 Patients  F3 Clinics  Enter Open  F7 New patient …  F10 Quit"))
        h.type("9434765919")
        h.press(.enter)
        #expect(h.screen.lines[23].hasPrefix("F1 Help  F2 Patients  F3 Clinics  Esc Back  F8 Edit  b Book …  F10 Quit"))
        h.press(.function(8))
        #expect(h.screen.lines[23].hasPrefix("F1 Help  F2 Patients  F3 Clinics  Ctrl-S Save  Esc Cancel …  F10 Quit"))
        h.press(.escape, .function(11))
        #expect(h.screen.lines[23].hasPrefix("F1 Help  F2 Patients  F3 Clinics  Enter Run  Esc Back  F11 Audit …  F10 Quit"))
        h.resize(120, 30)
        // With room to spare, the enquiries and the checklist are offered after the pane's keys.
        #expect(h.screen.lines[29].hasPrefix("F1 Help  F2 Patients  F3 Clinics  Enter Run  Esc Back  F5 Enquiries  F6 Checklist  F11 Audit  F12 Lock  F10 Quit"))
    }
}

// Regression test (was a bug found while writing these tests).
extension HelpAndQuitTests {
    @Test func upAfterScrollingPastTheEndOfHelpScrollsAtOnce() throws {
        let h = try Harness()
        h.press(.function(1))
        for _ in 0..<30 { h.press(.down) }
        let bottom = h.text
        h.press(.up)
        #expect(h.text != bottom)
    }
}

// Regression test (was a bug found while writing these tests).
extension HelpAndQuitTests {
    @Test func theBarShowsOnlyKeysThatWorkUnderAnOverlay() throws {
        let dialog = try Scenario.likelyDuplicate.harness()
        #expect(!dialog.screen.lines[23].contains("Ctrl-S Save"))
        let help = try Scenario.help.harness()
        #expect(!help.screen.lines[23].contains("F7 New patient"))
    }
}

// Regression test (was a bug found while writing these tests).
extension HelpAndQuitTests {
    @Test func helpIsDrawnInsideThePaneFrame() throws {
        let lines = try Scenario.help.harness().screen.lines
        #expect(lines[1].hasPrefix("┌─ Patient lookup"))
        #expect(lines[21].hasPrefix("└──"))
    }
}

extension HelpAndQuitTests {
    @Test func ctrlLAsksTheRuntimeToRepaintEverything() throws {
        let h = try Harness()
        h.type("smi")
        var state = h.state
        #expect(state.update(.key(.ctrl("l"))) == [.redraw])
        #expect(state.lookup.query.text == "smi", "Ctrl-L is not text")
    }
}
