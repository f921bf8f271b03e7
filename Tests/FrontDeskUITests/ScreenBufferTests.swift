import Testing
import FrontDeskUI

/// The grid widgets draw into: cells, wide characters, clipping.
struct ScreenBufferTests {
    @Test func aNewBufferIsBlankAndItsTextHasTrailingSpacesTrimmed() {
        let buffer = ScreenBuffer(size: Size(width: 4, height: 2))
        #expect(buffer.lines == ["    ", "    "])
        #expect(buffer.text == "\n")
        #expect(buffer.cursor == nil)
    }

    @Test func asciiTakesOneCellEach() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        let used = buffer.put("O'Brien", x: 1, y: 0)
        #expect(used == 7)
        #expect(buffer.lines == [" O'Brien  "])
    }

    @Test func wideCharactersTakeTwoCellsWithAContinuation() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 1))
        let used = buffer.put("李小龙", x: 1, y: 0)
        #expect(used == 6)
        #expect(buffer[1, 0].text == "李")
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer[3, 0].text == "小")
        #expect(buffer[4, 0].isContinuation)
        #expect(buffer[7, 0].text == " ")
        #expect(buffer.lines == [" 李小龙 "])
        #expect(buffer.find("小") == Point(x: 3, y: 0))
    }

    @Test func aCombiningMarkJoinsTheCellBefore() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        #expect(buffer.put("Sia\u{302}n", x: 0, y: 0) == 4)
        #expect(buffer[2, 0].text == "a\u{302}")
        #expect(buffer[3, 0].text == "n")
    }

    @Test func overwritingTheSecondHalfOfAWideCharacterRepairsTheFirst() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.put("李小", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer[0, 0].text == " ")
        #expect(buffer[1, 0].text == "x")
        #expect(buffer[2, 0].text == "小")
        #expect(buffer.lines == [" x小  "])
    }

    @Test func overwritingTheFirstHalfOfAWideCharacterRepairsTheSecond() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.put("李小", x: 0, y: 0)
        buffer.put("y", x: 2, y: 0)
        #expect(buffer[2, 0].text == "y")
        #expect(buffer[3, 0].text == " ")
        #expect(!buffer[3, 0].isContinuation)
        #expect(buffer.lines == ["李y   "])
    }

    @Test func aWideCharacterOverAnotherShiftedByOneLeavesNoOrphanHalves() {
        var buffer = ScreenBuffer(size: Size(width: 6, height: 1))
        buffer.put("李小", x: 0, y: 0)
        buffer.put("龙", x: 1, y: 0)
        #expect(buffer.lines == [" 龙   "])
        for x in 0..<6 where buffer[x, 0].isContinuation {
            #expect(CellWidth.of(buffer[x - 1, 0].text) == 2, "continuation at \(x) without its wide character")
        }
    }

    @Test func textIsClippedAtTheRightEdgeAndAWideCharacterThatDoesNotFitIsLeftOut() {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        #expect(buffer.put("abcdefgh", x: 2, y: 0) == 3)
        #expect(buffer.lines == ["  abc"])
        var wide = ScreenBuffer(size: Size(width: 4, height: 1))
        #expect(wide.put("a李小", x: 0, y: 0) == 3)
        #expect(wide.lines == ["a李 "])
    }

    @Test func limitStopsTextBeforeTheRowEnds() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        #expect(buffer.put("abcdef", x: 0, y: 0, limit: 3) == 3)
        #expect(buffer.lines == ["abc       "])
        #expect(buffer.put("李小", x: 5, y: 0, limit: 3) == 2)
        #expect(buffer[7, 0].text == " ")
    }

    @Test func textOutsideTheGridIsClippedNotACrash() {
        var buffer = ScreenBuffer(size: Size(width: 4, height: 2))
        #expect(buffer.put("hello", x: 0, y: -1) == 0)
        #expect(buffer.put("hello", x: 0, y: 2) == 0)
        buffer.put("hello", x: 10, y: 0)
        buffer.put("abcdef", x: -2, y: 1, limit: 6)
        #expect(buffer.lines == ["    ", "cdef"])
        buffer.set(-1, 0, Cell("x"))
        buffer.set(4, 0, Cell("x"))
        buffer.set(0, 5, Cell("x"))
        #expect(buffer[99, 99] == .blank)
        var empty = ScreenBuffer(size: Size(width: 0, height: 0))
        empty.put("x", x: 0, y: 0)
        empty.fill(Rect(x: 0, y: 0, width: 5, height: 5))
        #expect(empty.text == "")
        #expect(empty.lines.isEmpty)
    }

    @Test(arguments: ["\t", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\r\n"])
    func controlCharactersAreShownAsAQuestionMark(control: String) {
        var buffer = ScreenBuffer(size: Size(width: 5, height: 1))
        #expect(buffer.put("a" + control + "b", x: 0, y: 0) == 3)
        #expect(buffer.lines == ["a?b  "])
    }

    @Test func fillAndRestyleStayInsideTheGrid() {
        var buffer = ScreenBuffer(size: Size(width: 4, height: 3))
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), with: Cell("#"))
        #expect(buffer.lines == ["    ", "  ##", "  ##"])
        buffer.restyle(Rect(x: -5, y: 0, width: 6, height: 1), Style(.alert))
        #expect(buffer[0, 0].style.role == .alert)
        #expect(buffer[1, 1].style.role == .normal)
        #expect(buffer[0, 0].text == " ")
    }

    @Test func lineCutsWithAnEllipsisAndPadsToTheRectangle() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 2), fill: Cell("."))
        buffer.line("Smith-Jones", in: Rect(x: 1, y: 0, width: 6, height: 2), row: 1, style: Style(.header))
        #expect(buffer.lines == ["..........", ".Smith…..."])
        #expect(buffer[1, 1].style.role == .header)
        buffer.line("ab", in: Rect(x: 1, y: 0, width: 6, height: 2), row: 0)
        #expect(buffer.lines[0] == ".ab    ...")
    }

    @Test func textTrimsTrailingSpacesButKeepsWideCharactersOnce() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 2))
        buffer.put("李 x", x: 0, y: 1)
        #expect(buffer.text == "\n李 x")
        #expect(buffer.style(of: "x") == .normal)
        #expect(buffer.find("nowhere") == nil)
        #expect(buffer.style(of: "nowhere") == nil)
    }

    @Test func spansFollowOneAnotherAndStopAtTheRectangle() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 1))
        let used = buffer.put([Span("ALERT", Style(.alert)), Span(" note that is long")], in: Rect(x: 1, y: 0, width: 8, height: 1))
        #expect(used == 8)
        #expect(buffer.lines == [" ALERT no "])
        #expect(buffer[1, 0].style.role == .alert)
        #expect(buffer[6, 0].style.role == .normal)
        #expect(buffer.put([Span("x")], in: Rect(x: 0, y: 0, width: 0, height: 1)) == 0)
    }
}

// Regression test (was a bug found while writing these tests).
extension ScreenBufferTests {
    @Test func defaultLimitIsTheRowsEndEvenFromALeftClippedStart() {
        var buffer = ScreenBuffer(size: Size(width: 4, height: 1))
        buffer.put("abcdef", x: -2, y: 0)
        #expect(buffer.lines == ["cdef"])
    }
}
