import Testing
import FrontDeskUI

/// Tables: column widths, the heading, selection and scrolling.
struct TableTests {
    let columns = [TableColumn("No", width: 2, alignRight: true), TableColumn("Name"), TableColumn("Pc", width: 4)]

    func rows(_ count: Int) -> [TableRow] {
        (0..<count).map { TableRow(["\($0)", "Name \($0)", "L\($0)"]) }
    }

    @Test func fixedColumnsKeepTheirWidthAndFlexibleOnesShareTheRest() {
        #expect(Table.widths(columns, in: 20) == [2, 12, 4])
        #expect(Table.widths([TableColumn("a"), TableColumn("b", width: 3), TableColumn("c")], in: 20) == [7, 3, 7])
        #expect(Table.widths(columns, in: 5) == [2, 0, 4])
        #expect(Table.widths([], in: 10) == [])
    }

    @Test func theLookupColumnsAt80Columns() {
        // 78 cells inside the frame: the name gets what the fixed columns leave.
        let lookup = [TableColumn("", width: 1), TableColumn("Name"), TableColumn("Born", width: 17),
                      TableColumn("NHS number", width: 12), TableColumn("Hosp no", width: 10), TableColumn("Postcode", width: 8)]
        #expect(Table.widths(lookup, in: 78) == [1, 25, 17, 12, 10, 8])
        #expect(Table.widths(lookup, in: 118) == [1, 65, 17, 12, 10, 8])
    }

    @Test func drawsAHeadingInTheHeaderStyleAndTheSelectedRowInTheSelectionStyle() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 4))
        var position = ListPosition()
        let shown = Table.render(into: &buffer, Rect(x: 0, y: 0, width: 20, height: 4), columns: columns,
                                 rows: rows(2), position: &position, selectionVisible: true)
        #expect(shown == 3)
        #expect(buffer.lines == [
            "No Name         Pc  ",
            " 0 Name 0       L0  ",
            " 1 Name 1       L1  ",
            "                    ",
        ])
        #expect((0..<20).allSatisfy { buffer[$0, 0].style.role == .header })
        #expect((0..<20).allSatisfy { buffer[$0, 1].style.role == .selection })
        #expect((0..<20).allSatisfy { buffer[$0, 2].style.role == .normal })
    }

    @Test func withoutSelectionVisibleNoRowIsHighlighted() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 3))
        var position = ListPosition()
        Table.render(into: &buffer, Rect(x: 0, y: 0, width: 20, height: 3), columns: columns,
                     rows: rows(2), position: &position, selectionVisible: false)
        #expect(!(0..<20).contains { buffer[$0, 1].style.role == .selection })
    }

    @Test func endScrollsSoTheLastRowIsShown() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 4))
        var position = ListPosition()
        position.moveTo(9, count: 10)
        Table.render(into: &buffer, Rect(x: 0, y: 0, width: 20, height: 4), columns: columns,
                     rows: rows(10), position: &position, selectionVisible: true)
        #expect(position.top == 7)
        #expect(buffer.lines[1...3].map { $0.prefix(9) } == [" 7 Name 7", " 8 Name 8", " 9 Name 9"])
        #expect(buffer[0, 3].style.role == .selection)
    }

    @Test func pageDownMovesASelectionPageAndScrolls() {
        var position = ListPosition()
        position.move(by: 3, count: 10)
        position.reveal(visible: 3, count: 10)
        #expect(position == ListPosition(selected: 3, top: 1))
        position.move(by: 3, count: 10)
        position.reveal(visible: 3, count: 10)
        #expect(position == ListPosition(selected: 6, top: 4))
        position.move(by: 30, count: 10)
        position.reveal(visible: 3, count: 10)
        #expect(position == ListPosition(selected: 9, top: 7))
        position.move(by: -1, count: 10)
        position.reveal(visible: 3, count: 10)
        #expect(position == ListPosition(selected: 8, top: 7))     // still on screen: no scroll
        position.moveTo(0, count: 10)
        position.reveal(visible: 3, count: 10)
        #expect(position == ListPosition(selected: 0, top: 0))
    }

    @Test func aPositionInAnEmptyListIsZero() {
        var position = ListPosition(selected: 5, top: 3)
        position.move(by: 1, count: 0)
        #expect(position == ListPosition())
        position = ListPosition(selected: 5, top: 3)
        position.moveTo(2, count: 0)
        position.reveal(visible: 3, count: 0)
        #expect(position == ListPosition())
    }

    @Test func aSelectionPastTheEndIsClampedWhenDrawn() {
        var buffer = ScreenBuffer(size: Size(width: 20, height: 4))
        var position = ListPosition(selected: 40, top: 30)
        Table.render(into: &buffer, Rect(x: 0, y: 0, width: 20, height: 4), columns: columns,
                     rows: rows(2), position: &position, selectionVisible: true)
        #expect(position == ListPosition(selected: 1, top: 0))
    }

    @Test func longAndWideCellsAreCutAndColumnsStayAligned() {
        let cols = [TableColumn("Name", width: 5), TableColumn("Born", width: 4)]
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3))
        var position = ListPosition()
        Table.render(into: &buffer, Rect(x: 0, y: 0, width: 10, height: 3), columns: cols,
                     rows: [TableRow(["李小龙", "1940"]), TableRow(["Smith-Jones", "1972"])],
                     position: &position, selectionVisible: false)
        #expect(buffer.lines[1] == "李小… 1940")
        #expect(buffer.lines[2] == "Smit… 1972")
        #expect(buffer.find("1940")?.x == buffer.find("Born")?.x)
        #expect(buffer.find("1972")?.x == buffer.find("Born")?.x)
    }

    @Test func aRowKeepsItsOwnStyleUnlessSelected() {
        var buffer = ScreenBuffer(size: Size(width: 10, height: 3))
        var position = ListPosition()
        Table.render(into: &buffer, Rect(x: 0, y: 0, width: 10, height: 3), columns: [TableColumn("A")],
                     rows: [TableRow(["x"]), TableRow(["y"], style: Style(.overdue))],
                     position: &position, selectionVisible: true)
        #expect(buffer[0, 1].style.role == .selection)
        #expect(buffer[0, 2].style.role == .overdue)
    }
}
