import Testing
import FrontDeskUI

/// The one-line text input: editing keys, and drawing that keeps the cursor in view.
struct TextFieldTests {
    private func field(_ text: String, keys: Key...) -> TextField {
        var field = TextField(text)
        for key in keys { _ = field.handle(key) }
        return field
    }

    @Test func startsWithTheCursorAtTheEnd() {
        let field = TextField("Smith")
        #expect(field.cursor == 5)
        #expect(!field.isEmpty)
        #expect(TextField().isEmpty)
    }

    @Test func insertsAtTheCursorInTheMiddle() {
        let edited = field("Smth", keys: .left, .left, .char("i"))
        #expect(edited.text == "Smith")
        #expect(edited.cursor == 3)
    }

    @Test func backspaceAndDeleteRemoveBeforeAndAtTheCursor() {
        var edited = field("Smiith", keys: .left, .left, .backspace)
        #expect(edited.text == "Smith")
        #expect(edited.cursor == 3)
        _ = edited.handle(.delete)
        #expect(edited.text == "Smih")
        #expect(edited.cursor == 3)
        // At the ends they do nothing but are still editing keys.
        var start = TextField("ab")
        _ = start.handle(.home)
        let backspaceHandled = start.handle(.backspace)
        #expect(backspaceHandled)
        #expect(start.text == "ab")
        var end = TextField("ab")
        let deleteHandled = end.handle(.delete)
        #expect(deleteHandled)
        #expect(end.text == "ab")
        #expect(field("ab", keys: .ctrl("h")).text == "a")
        #expect(field("ab", keys: .home, .ctrl("d")).text == "b")
    }

    @Test func homeEndAndArrowsMoveTheCursorWithinTheText() {
        #expect(field("Evans", keys: .home).cursor == 0)
        #expect(field("Evans", keys: .home, .end).cursor == 5)
        #expect(field("Evans", keys: .ctrl("a")).cursor == 0)
        #expect(field("Evans", keys: .ctrl("a"), .ctrl("e")).cursor == 5)
        #expect(field("Evans", keys: .right).cursor == 5)
        #expect(field("Evans", keys: .home, .left).cursor == 0)
        #expect(field("Evans", keys: .home, .right, .right).cursor == 2)
        #expect(field("Evans", keys: .left, .ctrl("b")).cursor == 3)
    }

    @Test func ctrlUAndCtrlKDeleteToTheStartAndToTheEnd() {
        let before = field("mary anne", keys: .left, .left, .left, .left, .ctrl("u"))
        #expect(before.text == "anne")
        #expect(before.cursor == 0)
        let after = field("mary anne", keys: .left, .left, .left, .left, .ctrl("k"))
        #expect(after.text == "mary ")
        #expect(after.cursor == 5)
    }

    @Test func ctrlWDeletesTheWordBeforeTheCursorWithItsSpaces() {
        let once = field("mary anne smith", keys: .ctrl("w"))
        #expect(once.text == "mary anne ")
        #expect(once.cursor == 10)
        let twice = field("mary anne  ", keys: .ctrl("w"))
        #expect(twice.text == "mary ")
        let middle = field("mary anne smith", keys: .left, .left, .left, .left, .left, .left, .ctrl("w"))
        #expect(middle.text == "mary  smith")
        #expect(middle.cursor == 5)
        #expect(field("", keys: .ctrl("w")).text == "")
    }

    @Test(arguments: [Key.tab, .enter, .escape, .up, .down, .function(1), .ctrl("s"), .pageDown])
    func keysThatAreNotEditingKeysAreLeftForThePane(key: Key) {
        var field = TextField("abc")
        let handled = field.handle(key)
        #expect(!handled)
        #expect(field.text == "abc")
        #expect(field.cursor == 3)
    }

    @Test func wideCharactersAreOneCursorStepEach() {
        let edited = field("李小龙", keys: .left, .backspace, .char("x"))
        #expect(edited.text == "李x龙")
        #expect(edited.cursor == 2)
    }

    @Test func setReplacesTheTextAndPutsTheCursorAtTheEnd() {
        var field = TextField("abc")
        _ = field.handle(.home)
        field.set("Ó Súilleabháin")
        #expect(field.text == "Ó Súilleabháin")
        #expect(field.cursor == 14)
    }

    // MARK: Drawing

    @Test func drawsInTheFieldStyleAndPlacesTheTerminalCursorWhenFocused() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        TextField("ab").render(into: &buffer, Rect(x: 2, y: 0, width: 6, height: 1), focused: true)
        #expect(buffer.lines == ["  ab      "])
        #expect(buffer.cursor == Point(x: 4, y: 0))
        #expect((2..<8).allSatisfy { buffer[$0, 0].style.role == .fieldFocused })
        #expect(buffer[1, 0].style.role == .normal)
        #expect(buffer[8, 0].style.role == .normal)

        var unfocused = ScreenBuffer(size: Size(width: 10, height: 1))
        TextField("ab").render(into: &unfocused, Rect(x: 2, y: 0, width: 6, height: 1), focused: false)
        #expect(unfocused.cursor == nil)
        #expect(unfocused[2, 0].style.role == .field)
    }

    @Test func scrollsSoTheCursorStaysVisible() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        TextField("abcdefgh").render(into: &buffer, Rect(x: 0, y: 0, width: 5, height: 1), focused: true)
        #expect(buffer.lines == ["efgh "])
        #expect(buffer.cursor == Point(x: 4, y: 0))

        var atStart = ScreenBuffer(size: Size(width: 5, height: 1))
        field("abcdefgh", keys: .home).render(into: &atStart, Rect(x: 0, y: 0, width: 5, height: 1), focused: true)
        #expect(atStart.lines == ["abcde"])
        #expect(atStart.cursor == Point(x: 0, y: 0))
    }

    @Test func theCursorIsPlacedInCellsWhenTheTextIsWide() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        TextField("李小龙").render(into: &buffer, Rect(x: 0, y: 0, width: 5, height: 1), focused: true)
        #expect(buffer.lines == ["小龙 "])
        #expect(buffer.cursor == Point(x: 4, y: 0))

        var middle = ScreenBuffer(size: Size(width: 5, height: 1))
        field("李小龙", keys: .left).render(into: &middle, Rect(x: 0, y: 0, width: 5, height: 1), focused: true)
        #expect(middle.lines == ["李小 "])
        #expect(middle.cursor == Point(x: 4, y: 0))

        var wide = ScreenBuffer(size: Size(width: 12, height: 1))
        field("Sia\u{302}n 李", keys: .left, .left).render(into: &wide, Rect(x: 1, y: 0, width: 10, height: 1), focused: true)
        #expect(wide.cursor == Point(x: 5, y: 0))
    }

    @Test func aFieldInNoRoomDrawsNothing() {
        var buffer = ScreenBuffer(size: Size(width: 3, height: 1))
        TextField("abc").render(into: &buffer, Rect(x: 0, y: 0, width: 0, height: 1), focused: true)
        TextField("abc").render(into: &buffer, Rect(x: 0, y: 0, width: 3, height: 0), focused: true)
        #expect(buffer.lines == ["   "])
        #expect(buffer.cursor == nil)
        TextField("李").render(into: &buffer, Rect(x: 0, y: 0, width: 1, height: 1), focused: true)
        #expect(buffer.cursor == Point(x: 0, y: 0))
        #expect(!buffer[0, 0].isContinuation)
    }
}

// Regression test (was a bug found while writing these tests).
extension TextFieldTests {
    @Test func aCombiningMarkTypedOnItsOwnJoinsTheLetterBeforeIt() {
        var field = TextField()
        for key in [Key.char("S"), .char("i"), .char("a"), .char("\u{302}")] { _ = field.handle(key) }
        #expect(field.text == "Sia\u{302}")
        #expect(field.cursor == field.text.count)
        _ = field.handle(.char("n"))
        #expect(field.text == "Siân")
    }
}
