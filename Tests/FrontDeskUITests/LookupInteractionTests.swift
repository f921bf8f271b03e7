import Foundation
import Testing
import FrontDeskDomain
import FrontDeskUI

/// The lookup pane driven by keys: searching as you type, moving in the
/// results, opening a record and coming back.
struct LookupInteractionTests {
    @Test func typingIssuesSearchesWithIncreasingGenerationsAndResultsAppear() throws {
        let h = try Harness()
        h.type("smi")
        let searches = h.searches
        #expect(!searches.isEmpty)
        #expect(zip(searches, searches.dropFirst()).allSatisfy { $0.generation < $1.generation })
        #expect(searches.last?.text == "smi")
        #expect(searches.last?.generation == h.state.lookup.generation)
        #expect(!h.state.lookup.isSearching)
        #expect(h.state.lookup.results.map(\.familyName).contains("Smith"))
        #expect(h.text.contains("SMITH, John (Mr)"))
        #expect(h.text.contains("Search smi"))
    }

    @Test func anAnswerToASupersededSearchIsNeverDrawn() throws {
        let h = try Harness()
        h.holdSearches = true
        h.type("o")               // generation 1: asks for "o"
        h.press(.ctrl("u"))       // generation 2: nothing to search
        h.type("evans")           // generations 3 … 7
        #expect(h.heldGenerations == [1, 3, 4, 5, 6, 7])
        #expect(h.text.contains("Searching…"))

        h.deliver(generation: 1)  // the answer for "o" comes back late
        #expect(h.state.lookup.results.isEmpty)
        #expect(!h.text.contains("O'BRIEN"))
        #expect(h.text.contains("Searching…"))

        h.deliver(generation: 7)
        #expect(h.state.lookup.results.map(\.familyName) == ["Evans"])
        #expect(h.text.contains("EVANS, Siân (Ms)"))

        h.deliver(generation: 4)  // an older answer after the newest was shown
        h.deliver(generation: 3)
        #expect(h.state.lookup.results.map(\.familyName) == ["Evans"])
        #expect(h.state.lookup.shownQuery == "evans")
        #expect(!h.text.contains("SMITH"))
    }

    @Test func emptyingTheFieldClearsAtOnceWithoutSearching() throws {
        let h = try Harness()
        h.type("smith")
        let before = h.searches.count
        h.press(.ctrl("u"))
        #expect(h.searches.count == before)
        #expect(h.state.lookup.results.isEmpty)
        #expect(h.text.contains("Type a name, NHS number, hospital number, date of birth, phone or postcode"))
    }

    @Test func arrowsAndPagesMoveTheSelection() throws {
        let h = try Harness()
        h.type("smith")
        let results = h.state.lookup.results
        #expect(results.count == 3)
        #expect(h.state.lookup.position.selected == 0)
        h.press(.down)
        #expect(h.state.lookup.selected == results[1])
        h.press(.down, .down, .down)
        #expect(h.state.lookup.selected == results[2])
        h.press(.up)
        #expect(h.state.lookup.selected == results[1])
        h.press(.pageUp)
        #expect(h.state.lookup.selected == results[0])
        h.press(.pageDown)
        #expect(h.state.lookup.selected == results[2])
        #expect(h.state.lookup.focus == .search)   // ↓ ↑ PgUp PgDn work while typing
    }

    @Test func homeAndEndMoveInTheResultsOnlyOnceTabHasMovedThere() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.home)              // in the search field: the cursor goes home
        #expect(h.state.lookup.query.cursor == 0)
        #expect(h.state.lookup.position.selected == 0)
        h.press(.end)
        #expect(h.state.lookup.query.cursor == 5)
        h.press(.tab)
        #expect(h.state.lookup.focus == .results)
        h.press(.end)
        #expect(h.state.lookup.position.selected == 2)
        h.press(.home)
        #expect(h.state.lookup.position.selected == 0)
        #expect(h.state.lookup.query.text == "smith")
    }

    @Test func tabWithNoResultsStaysInTheFieldAndSaysWhy() throws {
        let h = try Harness()
        h.press(.tab)
        #expect(h.state.lookup.focus == .search)
        #expect(h.messageLine.contains("no results to move to"))
    }

    @Test func aLongListScrollsToKeepTheSelectionOnScreen() throws {
        let h = try Harness()
        try addTaylors(to: h, count: 30)
        h.type("taylor")
        let results = h.state.lookup.results
        #expect(results.count == 30)
        h.press(.tab, .end)
        #expect(h.state.lookup.selected == results[29])
        var screen = h.screen
        #expect(screen.find(results[29].displayName) != nil)
        #expect(screen.find(results[0].displayName) == nil)
        #expect(screen.lines[20].contains(results[29].displayName))   // the last row of the table
        h.press(.home)
        screen = h.screen
        #expect(screen.find(results[0].displayName)?.y == 6)
        h.press(.pageDown)
        let page = h.state.lookup.position.selected
        #expect(page > 0)
        #expect(h.screen.find(results[page].displayName) != nil)
    }

    @Test func enterOpensTheRecordAndTheOpeningIsAudited() throws {
        let h = try Harness()
        h.type("smith")
        let chosen = try #require(h.state.lookup.selected)
        #expect(try h.auditTrail(chosen.mrn).filter { $0.action == .view }.isEmpty)   // a list is not an opening
        h.press(.enter)
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.id == chosen.id)
        let trail = try h.auditTrail(chosen.mrn)
        let view = try #require(trail.first)
        #expect(view.action == .view)
        #expect(view.user == "clerk1")
        #expect(view.patientMRN == chosen.mrn)
        #expect(view.detail == "opened record in the terminal UI")
        #expect(trail.filter { $0.action == .view }.count == 1)
        #expect(h.text.contains("Patient record · \(chosen.mrn)"))
        #expect(h.messageLine.contains("opened \(chosen.displayName) (recorded in the audit trail)"))
    }

    @Test func enterWithNothingSelectedSaysWhatToDo() throws {
        let h = try Harness()
        #expect(h.press(.enter).isEmpty)
        #expect(h.messageLine.contains("type to search first"))
        h.type("zzzzz")
        #expect(h.press(.enter).isEmpty)
        #expect(h.messageLine.contains("no patient is selected"))
        #expect(h.text.contains("No patient matches"))
    }

    @Test func escFromTheRecordReturnsWithTheSameQueryAndSelection() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.down)
        let chosen = try #require(h.state.lookup.selected)
        let lookupScreen = h.screen.lines.dropFirst().dropLast(2)   // all but the top, message and bar lines
        h.press(.enter)
        #expect(h.state.pane == .record)
        h.press(.escape)
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.state.lookup.selected == chosen)
        #expect(h.state.lookup.position.selected == 1)
        #expect(h.screen.lines.dropFirst().dropLast(2) == lookupScreen)
    }

    @Test(arguments: [Key.ctrl("f"), .char("/"), .escape, .tab])
    func fromTheResultsFocusReturnsToTheSearchField(key: Key) throws {
        let h = try Harness()
        h.type("smith")
        h.press(.tab)
        #expect(h.state.lookup.focus == .results)
        h.press(key)
        #expect(h.state.lookup.focus == .search)
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.screen.cursor != nil)
    }

    @Test func slashAndQuestionMarkAreTextWhileTypingInTheSearchField() throws {
        let h = try Harness()
        h.type("a/b?")
        #expect(h.state.lookup.query.text == "a/b?")
        #expect(h.state.overlay == nil)
        #expect(h.state.lookup.focus == .search)
    }

    @Test func questionMarkInTheResultsOpensHelp() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.tab, .char("?"))
        #expect(h.state.overlay == .help(scroll: 0))
        #expect(h.state.lookup.query.text == "smith")
        h.press(.char("?"))
        #expect(h.state.overlay == nil)
    }

    @Test func otherLettersInTheResultsGiveAHintInsteadOfVanishing() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.tab, .char("x"))
        #expect(h.state.lookup.query.text == "smith")
        #expect(h.messageLine.contains("Ctrl-F or / returns to the search field"))
    }

    @Test func f2FromTheRecordGoesBackToTheSearchField() throws {
        let h = try Harness()
        h.type("smith")
        h.press(.tab, .enter)
        #expect(h.state.pane == .record)
        h.press(.function(2))
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.focus == .search)
        #expect(h.state.lookup.query.text == "smith")
    }

    @Test func aSearchByNHSNumberFindsThePatientWithItsSpaces() throws {
        let h = try Harness()
        h.type("943 476 5919")
        #expect(h.state.lookup.results.map(\.familyName) == ["Smith"])
        #expect(h.text.contains("943 476 5919"))
    }

    /// Adds `count` patients called Taylor, each with its own given name and date of birth.
    func addTaylors(to h: Harness, count: Int) throws {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for index in 0..<count {
            let given = "G" + String(letters[index / 26]) + String(letters[index % 26])
            try h.add("Taylor", given, String(format: "%02d/01/19%02d", index % 28 + 1, 40 + index))
        }
    }
}

// Regression test (was a bug found while writing these tests).
extension LookupInteractionTests {
    @Test func movingUpFromTheBottomMovesTheHighlightNotTheList() throws {
        let h = try Harness()
        try addTaylors(to: h, count: 30)
        h.type("taylor")
        h.press(.tab, .end)
        let results = h.state.lookup.results
        let bottom = try #require(h.screen.find(results[29].displayName)).y
        h.press(.up)
        let screen = h.screen
        #expect(screen.find(results[28].displayName)?.y == bottom - 1)
        #expect(screen.find(results[29].displayName)?.y == bottom)
    }

    @Test func pageDownMovesByTheRowsTheTableShows() throws {
        let h = try Harness()
        try addTaylors(to: h, count: 40)
        h.type("taylor")
        let screen = h.screen
        let results = h.state.lookup.results
        let shown = results.indices.filter { screen.find(results[$0].displayName) != nil }
        #expect(shown == Array(0..<shown.count))
        h.press(.pageDown)
        #expect(h.state.lookup.position.selected == shown.count)
        #expect(h.state.lookupPageRows == shown.count)
    }
}

extension LookupInteractionTests {
    @Test func enterBeforeTheAnswerOpensTheMatchOfTheTypedTextNeverAnOlderRow() throws {
        let h = try Harness()
        h.type("smith")
        let shown = try #require(h.state.lookup.selected)
        #expect(shown.familyName.lowercased().hasPrefix("smith"))
        h.holdSearches = true
        h.type(" john")
        let opened = h.press(.enter)
        #expect(!opened.contains { if case .open = $0 { return true }; return false },
                "Enter must wait for the answer to 'smith john'")
        #expect(h.state.pane == .lookup)
        #expect(h.state.lookup.openWhenAnswered)
        // The answer to the last text arrives: the record opens on its first row.
        h.holdSearches = false
        h.deliver(generation: h.state.lookup.generation)
        #expect(h.state.pane == .record)
        #expect(h.state.record?.patient.givenNames == "John")
        #expect(!h.state.lookup.openWhenAnswered)
    }

    @Test func typingAfterAnEarlyEnterCancelsIt() throws {
        let h = try Harness()
        h.holdSearches = true
        h.type("smi")
        h.press(.enter)
        #expect(h.state.lookup.openWhenAnswered)
        h.type("t")
        #expect(!h.state.lookup.openWhenAnswered)
        h.holdSearches = false
        for generation in h.heldGenerations { h.deliver(generation: generation) }
        #expect(h.state.pane == .lookup)
    }
}
