import Testing
import FrontDeskUI

/// Frames, plain text and word wrapping.
struct BoxTests {
    @Test func frameDrawsTheEdgesAndTitleAndReturnsTheInside() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 4))
        let inside = Box.frame(&buffer, Rect(x: 0, y: 0, width: 10, height: 4), title: "Help")
        #expect(inside == Rect(x: 1, y: 1, width: 8, height: 2))
        #expect(buffer.lines == [
            "┌─ Help ─┐",
            "│        │",
            "│        │",
            "└────────┘",
        ])
        #expect(buffer.style(of: "┌")?.role == .frame)
        #expect(buffer.style(of: "Help")?.role == .title)
    }

    @Test func aTitleTooLongIsCutWithAnEllipsis() {
        var buffer = ScreenBuffer(size: Size(width: 12, height: 2))
        Box.frame(&buffer, Rect(x: 0, y: 0, width: 12, height: 2), title: "Patient lookup")
        #expect(buffer.lines[0] == "┌─ Patie… ─┐")
        var wide = ScreenBuffer(size: Size(width: 12, height: 2))
        Box.frame(&wide, Rect(x: 0, y: 0, width: 12, height: 2), title: "李小龙李小龙")
        #expect(CellWidth.of(wide.lines[0]) == 12)
        #expect(wide[11, 0].text == "┐")
    }

    @Test func framesTooSmallForEdgesAreBlankedAndHaveNoInside() {
        var buffer = ScreenBuffer(size: Size(width: 3, height: 3), fill: Cell("x"))
        let inside = Box.frame(&buffer, Rect(x: 0, y: 0, width: 1, height: 3), title: "T")
        #expect(inside.isEmpty)
        #expect(buffer.lines == [" xx", " xx", " xx"])
        let two = Box.frame(&buffer, Rect(x: 1, y: 0, width: 2, height: 2))
        #expect(two.isEmpty)
        #expect(buffer.lines == [" ┌┐", " └┘", " xx"])
        #expect(Box.frame(&buffer, Rect(x: 0, y: 0, width: 0, height: 0)).isEmpty)
    }

    @Test func textCutsEachLineAndStopsAtTheBottom() {
        var buffer = ScreenBuffer(size: Size(width: 8, height: 3))
        Box.text(&buffer, Rect(x: 1, y: 1, width: 5, height: 2), ["O'Brien", "Evans", "never shown"])
        #expect(buffer.lines == ["        ", " O'Br…  ", " Evans  "])
    }

    @Test func wrapBreaksAtSpacesWithinTheWidth() {
        #expect(Box.wrap("Terminal too small: need 80x24", width: 20) == ["Terminal too small:", "need 80x24"])
        #expect(Box.wrap("Terminal too small: need 80x24", width: 80) == ["Terminal too small: need 80x24"])
        #expect(Box.wrap("one\ntwo three", width: 5) == ["one", "two", "three"])
        #expect(Box.wrap("", width: 5) == [""])
        #expect(Box.wrap("anything", width: 0) == [])
    }

    @Test func wrapCutsAWordLongerThanTheWidthAndMeasuresCells() {
        #expect(Box.wrap("abcdefghij kl", width: 4) == ["abc…", "kl"])
        #expect(Box.wrap("李小龙 李", width: 5) == ["李小…", "李"])
        #expect(Box.wrap("李 小 龙", width: 5) == ["李 小", "龙"])
        #expect(Box.wrap("Terminal too small", width: 1).allSatisfy { CellWidth.of($0) <= 1 })
    }
}
