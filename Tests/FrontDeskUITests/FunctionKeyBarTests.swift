import Testing
import FrontDeskUI

/// The bottom bar, the message line and the help overlay are built from data
/// and measured in cells.
struct FunctionKeyBarTests {
    let lookupBar = [
        KeyBinding([.function(1)], .help, label: "Help", help: "", inBar: true),
        KeyBinding([.function(2)], .patients, label: "Patients", help: "", inBar: true),
        KeyBinding([.down], .moveDown, label: "Down", help: "", inBar: false),
        KeyBinding([.enter], .openSelected, label: "Open", help: "", inBar: true),
        KeyBinding([.function(7), .insert], .newPatient, label: "New patient", help: "", inBar: true),
        KeyBinding([.function(10), .ctrl("q")], .quit, label: "Quit", help: "", inBar: true),
    ]

    func bar(_ bindings: [KeyBinding], width: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: Size(width: width, height: 1))
        FunctionKeyBar.render(into: &buffer, Rect(x: 0, y: 0, width: width, height: 1), bindings: bindings)
        return buffer
    }

    @Test func showsTheBarKeysWithTheirFirstKeyAndLabelTwoSpacesApart() {
        #expect(bar(lookupBar, width: 80).text == "F1 Help  F2 Patients  Enter Open  F7 New patient  F10 Quit")
    }

    @Test func cutWithAnEllipsisWhenNarrow() {
        let buffer = bar(lookupBar, width: 30)
        // The last key (quit) stays; the ones before it give way, the cut marked "…".
        #expect(buffer.text == "F1 Help …  F10 Quit")
        #expect(buffer.style(of: "…")?.role == .muted)
        #expect(bar(lookupBar, width: 58).text == "F1 Help  F2 Patients  Enter Open  F7 New patient  F10 Quit")
        #expect(bar(lookupBar, width: 57).text == "F1 Help  F2 Patients  Enter Open …  F10 Quit")
        // Too narrow even for the first key, quit and the mark: cut from the end as before.
        #expect(bar(lookupBar, width: 12).text == "F1 Help …")
    }

    @Test func keysShownIfRoomGiveWayBeforeAnyBarKeyIsCut() {
        var away = KeyBinding([.function(6)], .checklist, label: "Checklist", help: "")
        away.inBarIfRoom = true
        var list = lookupBar
        list.insert(away, at: 4)
        // Room for all: shown where it stands.
        #expect(bar(list, width: 80).text == "F1 Help  F2 Patients  Enter Open  F6 Checklist  F7 New patient  F10 Quit")
        // No room: it goes, and the bar keys stay whole.
        #expect(bar(list, width: 60).text == "F1 Help  F2 Patients  Enter Open  F7 New patient  F10 Quit")
        // Narrower still: the bar keys are cut as before.
        #expect(bar(list, width: 57).text == "F1 Help  F2 Patients  Enter Open …  F10 Quit")
    }

    @Test func measuredInCellsNotCharacters() {
        let wide = [KeyBinding([.function(1)], .help, label: "李小龙", help: "", inBar: true),
                    KeyBinding([.function(2)], .patients, label: "ab", help: "", inBar: true)]
        // "F1 李小龙" is 9 cells (6 characters): F2 does not fit in 14 cells.
        let buffer = bar(wide, width: 14)
        #expect(buffer.text == "F1 李小龙 …")
        #expect(CellWidth.of(buffer.lines[0]) == 14)
        #expect(bar(wide, width: 16).text == "F1 李小龙  F2 ab")
    }

    @Test func oneCellShowsOnlyTheEllipsisAndNoRoomShowsNothing() {
        #expect(bar(lookupBar, width: 1).text == "…")
        #expect(bar(lookupBar, width: 0).text == "")
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        FunctionKeyBar.render(into: &buffer, Rect(x: 0, y: 0, width: 5, height: 0), bindings: lookupBar)
        #expect(buffer.text == "")
    }

    @Test func keyNamesAndLabelsHaveTheirRoles() {
        let buffer = bar(lookupBar, width: 80)
        #expect(buffer.style(of: "F1")?.role == .keyName)
        #expect(buffer.style(of: "Help")?.role == .keyLabel)
        #expect(buffer.style(of: "Enter")?.role == .keyName)
        #expect(buffer.style(of: "F10")?.role == .keyName)
        #expect(buffer.style(of: "Quit")?.role == .keyLabel)
    }

    // MARK: Message line

    @Test func anErrorSaysErrorInWordsAsWellAsInColour() {
        var buffer = ScreenBuffer(size: Size(width: 40, height: 1))
        MessageLine.render(into: &buffer, Rect(x: 0, y: 0, width: 40, height: 1), message: .error("nhs_number: fails"))
        #expect(buffer.text == " Error: nhs_number: fails")
        #expect(buffer.style(of: "Error:")?.role == .error)
        #expect(Message.warning("x").shown == "Warning: x")
        #expect(Message.warning("x").style.role == .warning)
        #expect(Message.success("saved").shown == "saved")
        #expect(Message.hint("h").style.role == .muted)
        #expect(Message.info("i").style == .normal)
    }

    @Test func aLongMessageIsCutWithAnEllipsisAndNoMessageIsBlank() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 1), fill: Cell("x"))
        MessageLine.render(into: &buffer, Rect(x: 0, y: 0, width: 12, height: 1), message: .info("opened SMITH, John"))
        #expect(buffer.text == " opened SMI…")
        MessageLine.render(into: &buffer, Rect(x: 0, y: 0, width: 12, height: 1), message: nil)
        #expect(buffer.text == "")
    }

    // MARK: Help overlay

    @Test func helpLinesListEveryBindingUnderItsHeading() {
        let lines = HelpOverlay.lines(sections: [
            ("Patient lookup", AppState.paneBindings(.lookup, lookupFocus: .results)),
            ("Nothing", []),
            ("Everywhere", AppState.globalBindings(typing: false)),
        ], width: 72)
        let texts = lines.map { $0.map(\.text).joined() }
        #expect(texts.first == "Patient lookup")
        #expect(lines.first?.first?.style.role == .header)
        #expect(!texts.contains("Nothing"))
        #expect(texts.contains { $0.hasPrefix("Ctrl-F, /, Tab, Esc") && $0.hasSuffix("back to the search field") })
        #expect(texts.contains { $0.hasPrefix("F1, ?") })
        #expect(texts.contains { $0.hasPrefix("F10, Ctrl-Q, Ctrl-C") })
        #expect(texts.contains(""))     // a blank line between sections
    }
}

extension FunctionKeyBarTests {
    @Test func longHelpWrapsUnderItselfAndLongKeysTakeTheirOwnLine() {
        let long = KeyBinding([.function(7), .insert], .newPatient, label: "New",
                              help: "register a new patient, starting from what was typed in the search field")
        let keys = KeyBinding([.ctrl("f"), .char("/"), .tab, .escape, .function(2), .pageUp], .focusSearch, label: "", help: "back")
        let lines = HelpOverlay.lines(sections: [("Keys", [long, keys])], width: 50).map { $0.map(\.text).joined() }
        #expect(lines[1].hasPrefix("F7, Insert"))
        #expect(lines.allSatisfy { CellWidth.of($0) <= 50 })
        #expect(lines[2].hasPrefix(String(repeating: " ", count: 22)))
        let keyLine = lines.firstIndex { $0.hasPrefix("Ctrl-F, /, Tab, Esc, F2, PgUp") }
        #expect(keyLine != nil)
        if let keyLine { #expect(lines[keyLine + 1] == String(repeating: " ", count: 22) + "back") }
    }
}
