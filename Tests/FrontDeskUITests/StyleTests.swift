import Testing
import FrontDeskDomain
import FrontDeskUI

/// Roles per cell, checked apart from the text snapshots: meaning is never
/// carried by colour alone, so each role comes with a word or marker.
struct StyleTests {
    /// Cells of row `y` from `x` for `count` cells.
    private func roles(_ buffer: ScreenBuffer, y: Int, from x: Int, count: Int) -> Set<Role> {
        Set((x..<(x + count)).map { buffer[$0, y].style.role })
    }

    private func row(of text: String, in buffer: ScreenBuffer) throws -> Int {
        try #require(buffer.find(text), "\(text) is not on the screen").y
    }

    /// The columns of the results table: where its heading row has the header role.
    private func tableColumns(_ buffer: ScreenBuffer) throws -> (heading: Int, xs: [Int]) {
        let heading = try row(of: "Born", in: buffer)
        let xs = (0..<buffer.width).filter { buffer[$0, heading].style.role == .header }
        try #require(!xs.isEmpty)
        return (heading, xs)
    }

    /// The row of the record's rule under the banner.
    private func ruleRow(_ buffer: ScreenBuffer) throws -> Int {
        try #require(buffer.lines.firstIndex { $0.contains("│ ─────") })
    }

    @Test func theSelectedResultRowHasTheSelectionRoleAndNoOtherRowHas() throws {
        let h = try Scenario.lookupSmith.harness()
        let buffer = h.screen
        let (heading, xs) = try tableColumns(buffer)
        let selected = try #require(h.state.lookup.selected)
        let y = try row(of: selected.displayName, in: buffer)
        #expect(y == heading + 1)
        #expect(Set(xs.map { buffer[$0, y].style.role }) == [.selection])
        for other in h.state.lookup.results where other.id != selected.id {
            let otherRow = try row(of: other.displayName, in: buffer)
            #expect(!xs.contains { buffer[$0, otherRow].style.role == .selection })
        }
        h.press(.down)
        let next = h.screen
        #expect(!xs.contains { next[$0, y].style.role == .selection })
        #expect(Set(xs.map { next[$0, y + 1].style.role }) == [.selection])
    }

    @Test func aSoundsLikeRowIsMarkedWithATilde() throws {
        let h = try Scenario.lookupSmith.harness()
        let buffer = h.screen
        let marker = try tableColumns(buffer).xs[0]    // the first, one-cell column
        let results = h.state.lookup.results
        let soundsLike = results.filter { $0.match == .soundsLike }
        #expect(soundsLike.map(\.familyName) == ["Smyth"])
        for result in results {
            let y = try row(of: result.displayName, in: buffer)
            #expect(buffer[marker, y].text == (result.match == .soundsLike ? "~" : " "), "\(result.displayName)")
        }
        #expect(buffer.find("~ sounds like") != nil)
    }

    @Test func theBannerSaysAlertInWordsWithTheAlertRole() throws {
        let h = try Scenario.record.harness()
        let buffer = h.screen
        let rule = try ruleRow(buffer)
        let text = "ALERT safeguarding concern: contact social worker first"
        let alert = try #require(buffer.find(text))
        #expect(alert.y > 1 && alert.y < rule)      // in the banner, above the rule
        #expect(roles(buffer, y: alert.y, from: alert.x - 1, count: CellWidth.of(text) + 2) == [.alert])
        // Every need is in the banner at 80 columns too, in words, bold.
        for need in ["NEEDS Polish interpreter", "NEEDS large print"] {
            let found = try #require(buffer.find(need), "\(need) is not in the banner")
            #expect(found.y > 1 && found.y < rule)
            #expect(buffer[found.x, found.y].style == Style(.warning, bold: true))
        }
        // The record body repeats them, also in words (all of it fits at 120x60).
        let tall = try Scenario.record.harness(size: Size(width: 120, height: 60)).screen
        let tallRule = try ruleRow(tall)
        let bodyAlerts = tall.lines.enumerated().filter { $0.offset > tallRule && $0.element.contains("ALERT ") }.map(\.offset)
        #expect(bodyAlerts.count == 1)
        for y in bodyAlerts {
            let x = try #require(tall.lines[y].range(of: "ALERT").map { CellWidth.of(String(tall.lines[y][..<$0.lowerBound])) })
            #expect(tall[x, y].style.role == .alert)
        }
        let bodyNeeds = tall.lines.enumerated().filter { $0.offset > tallRule && $0.element.contains("NEED ") }.map(\.offset)
        #expect(bodyNeeds.count == 2)
    }

    @Test func aPatientWithoutAlertsSaysSoInWords() throws {
        let h = try Harness()
        h.type("obrien")
        h.press(.enter)
        let buffer = h.screen
        let rule = try ruleRow(buffer)
        let none = try #require(buffer.find("No alerts · no accessible-information needs recorded"))
        #expect(none.y < rule)
        #expect(buffer.find("ALERT") == nil)
        #expect(buffer[none.x, none.y].style.role == .muted)
    }

    @Test func aMessageLineErrorStartsWithErrorAndHasTheErrorRole() throws {
        let h = try Scenario.formWithError.harness()
        let buffer = h.screen
        let line = buffer.lines[22]
        #expect(line.hasPrefix(" Error: nhs_number: "))
        #expect(roles(buffer, y: 22, from: 1, count: CellWidth.of("Error: nhs_number:")) == [.error])
        // The field is marked with ✗ and its error is written under it, in the error role too.
        let mark = try #require(buffer.find("✗ NHS number"))
        #expect(buffer[mark.x, mark.y].style.role == .error)
        let inline = try #require(buffer.find("✗ nhs_number fails the Modulus 11 check"))
        #expect(inline.y == mark.y + 1)
        #expect(buffer[inline.x + 2, inline.y].style.role == .error)
    }

    @Test(arguments: [Scenario.start, .record, .formWithError])
    func keyNamesInTheBarHaveTheKeyNameRole(scenario: Scenario) throws {
        let h = try scenario.harness()
        let buffer = h.screen
        let bar = buffer.lines[23]
        var found = 0
        for binding in h.state.barBindings {
            let name = binding.keys[0].description
            // At 80 columns some keys give way to "…"; every key that is shown has its roles.
            guard let range = bar.range(of: name + " " + binding.label) else { continue }
            found += 1
            let x = CellWidth.of(String(bar[..<range.lowerBound]))
            #expect(roles(buffer, y: 23, from: x, count: CellWidth.of(name)) == [.keyName], "\(name)")
            #expect(roles(buffer, y: 23, from: x + CellWidth.of(name), count: 1 + CellWidth.of(binding.label)) == [.keyLabel])
        }
        #expect(found >= 5, "F1, F2, F3, a pane key and F10 at least: \(bar)")
        #expect(bar.hasSuffix("F10 Quit") || bar.trimmingCharacters(in: .whitespaces).hasSuffix("F10 Quit"), "\(bar)")
    }

    @Test(arguments: Scenario.allCases)
    func theTopLineHasTheTopLineRole(scenario: Scenario) throws {
        let h = try scenario.harness()
        let buffer = h.screen
        #expect(roles(buffer, y: 0, from: 0, count: 80) == [.topLine])
    }

    @Test func theFocusedFieldHasTheFocusedRoleAndTheCursor() throws {
        let h = try Harness()
        var buffer = h.screen
        let search = try #require(buffer.find("Search "))
        #expect(buffer[search.x, search.y].style.role == .title)
        #expect(buffer[search.x + 7, search.y].style.role == .fieldFocused)
        #expect(buffer.cursor == Point(x: search.x + 7, y: search.y))
        h.type("smith")
        h.press(.tab)
        buffer = h.screen
        #expect(buffer[search.x + 7, search.y].style.role == .field)
        #expect(buffer.cursor == nil)
    }

    @Test func dialogsNameTheirKeysWithTheKeyNameRole() throws {
        let buffer = try Scenario.likelyDuplicate.harness().screen
        #expect(buffer.style(of: " S  save as a new patient anyway")?.role == .keyName)
        #expect(buffer.style(of: " Esc  back to the form")?.role == .keyName)
        #expect(buffer.style(of: "These existing records")?.role == .warning)
        let discard = try Scenario.confirmDiscard.harness().screen
        #expect(discard.style(of: " Y  discard the changes")?.role == .keyName)
        #expect(discard.style(of: " N  or")?.role == .keyName)
    }

    @Test func helpHeadingsHaveTheHeaderRole() throws {
        let buffer = try Scenario.help.harness().screen
        #expect(buffer.style(of: "Editing a field")?.role == .header)
        #expect(buffer.style(of: "Esc, F1 or ? closes help")?.role == .muted)
    }

    // MARK: Themes

    @Test func monochromeHasNoColourAndMarksByReverseAndBold() {
        let theme = Theme.monochrome
        #expect(!theme.usesColour)
        for role in Role.allCases {
            #expect(theme.appearance(role).foreground == .terminalDefault, "\(role)")
            #expect(theme.appearance(role).background == .terminalDefault, "\(role)")
        }
        #expect(theme.appearance(.selection).reverse)
        #expect(theme.appearance(.alert).reverse)
        #expect(theme.appearance(.alert).bold)
        #expect(theme.appearance(.error).bold)
        #expect(theme.appearance(.keyName).reverse)
        #expect(theme.appearance(.fieldFocused).reverse)
        #expect(theme.appearance(.topLine).reverse)
        // Roles that carry meaning look different from normal text.
        for role in [Role.topLine, .title, .header, .selection, .alert, .warning, .error, .overdue, .muted, .field,
                     .fieldFocused, .keyName, .success] {
            #expect(theme.appearance(role) != theme.appearance(Role.normal), "\(role)")
        }
    }

    @Test func colourGivesSelectionAndAlertsABackground() {
        let theme = Theme.colour
        #expect(theme.usesColour)
        #expect(theme.appearance(.selection).background != .terminalDefault)
        #expect(theme.appearance(.alert).background == .red)
        #expect(theme.appearance(.alert).bold)
        #expect(theme.appearance(Style(.normal, bold: true, underline: true)).bold)
        #expect(theme.appearance(Style(.normal, bold: true, underline: true)).underline)
        #expect(Set(Role.allCases.map { theme.appearance($0) }).count > 5)
    }

    @Test(arguments: [
        (true, [String: String](), "colour"),
        (false, [:], "monochrome"),
        (true, ["NO_COLOR": "1"], "monochrome"),
        (true, ["NO_COLOR": "yes please"], "monochrome"),
        (true, ["NO_COLOR": ""], "colour"),
        (false, ["NO_COLOR": ""], "monochrome"),
        (true, ["TERM": "xterm-256color"], "colour"),
    ])
    func themeChoice(terminalHasColour: Bool, environment: [String: String], expected: String) {
        #expect(Theme.choose(terminalHasColour: terminalHasColour, environment: environment).name == expected)
    }
}
