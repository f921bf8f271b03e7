import Testing
import FrontDeskUI

/// Every screen and every widget survives any size: nothing crashes, the
/// buffer is the size asked for, and below 80x24 the screen says so.
struct TinyAreaTests {
    static let sizes = [Size(width: 1, height: 1), Size(width: 20, height: 5), Size(width: 79, height: 24),
                        Size(width: 80, height: 23), Size(width: 0, height: 0), Size(width: 200, height: 60),
                        Size(width: 60, height: 20), Size(width: 80, height: 24), Size(width: 0, height: 30),
                        Size(width: 120, height: 0)]

    @Test(arguments: Scenario.allCases)
    func everyScreenRendersAtEverySize(scenario: Scenario) throws {
        let h = try scenario.harness()
        for size in Self.sizes {
            h.resize(size.width, size.height)
            let buffer = h.screen
            #expect(buffer.size == size)
            #expect(buffer.cells.count == size.width * size.height)
            let text = buffer.lines.joined(separator: "\n")
            if size.width >= 30 && size.height >= 1 && h.state.isTooSmall {
                #expect(text.contains("Terminal too small: need 80x24"), "at \(size)")
            }
            if !h.state.isTooSmall {
                #expect(!text.contains("Terminal too small"), "at \(size)")
                // The bar shows the keys that work: under the unsaved-changes question, Y and N.
                if case .confirmDiscard = h.state.overlay {
                    #expect(text.contains("Y Discard"), "at \(size)")
                } else {
                    #expect(text.contains("F10 Quit"), "at \(size)")
                }
            }
        }
    }

    @Test func at20x5TheMessageIsWrapped() throws {
        let h = try Scenario.lookupSmith.harness(size: Size(width: 20, height: 5))
        let lines = h.screen.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("Terminal too small:"))
        #expect(lines.contains("need 80x24"))
        #expect(lines.contains("(now 20x5)"))
    }

    @Test func everySmallSizeInARangeRendersWithoutCrashing() throws {
        let harnesses = try Scenario.allCases.map { try $0.harness() }
        for width in [0, 1, 2, 3, 5, 9, 29, 30, 31, 79, 80, 81] {
            for height in [0, 1, 2, 3, 4, 6, 23, 24, 25] {
                for h in harnesses {
                    h.state.size = Size(width: width, height: height)
                    #expect(h.state.render().size == Size(width: width, height: height))
                }
            }
        }
    }

    @Test func stateSurvivesBeingTooSmall() throws {
        let h = try Scenario.formWithError.harness()
        let before = h.text
        h.resize(1, 1)
        #expect(h.text == "…")
        h.resize(80, 24)
        #expect(h.text == before)
    }

    // MARK: Widgets given no room

    static let tinyRects = [Rect(x: 0, y: 0, width: 1, height: 1), Rect(x: 0, y: 0, width: 0, height: 1),
                            Rect(x: 0, y: 0, width: 1, height: 0), Rect(x: 2, y: 2, width: 1, height: 1),
                            Rect(x: -1, y: -1, width: 2, height: 2), Rect(x: 5, y: 5, width: 3, height: 3),
                            Rect(x: 0, y: 0, width: 2, height: 2), Rect(x: 0, y: 0, width: 3, height: 1)]

    @Test(arguments: [Size(width: 1, height: 1), Size(width: 3, height: 3), Size(width: 0, height: 0)])
    func widgetsDrawIntoTinyRectanglesWithoutCrashing(bufferSize: Size) {
        let columns = [TableColumn("", width: 1), TableColumn("Name"), TableColumn("Born", width: 17)]
        let rows = [TableRow(["~", "李, 小龙", "27-Nov-1940 (85y)"]), TableRow([" ", "O'BRIEN, Patrick", "01-Feb-1950 (76y)"])]
        let bindings = AppState.paneBindings(.lookup) + AppState.globalBindings(typing: true)
        for rect in Self.tinyRects {
            var buffer = ScreenBuffer(size: bufferSize)
            Box.frame(&buffer, rect, title: "Patient lookup")
            Box.text(&buffer, rect, ["李小龙", "Ó Súilleabháin"])
            var position = ListPosition(selected: 1, top: 0)
            Table.render(into: &buffer, rect, columns: columns, rows: rows, position: &position, selectionVisible: true)
            TextField("李小龙 Siân").render(into: &buffer, rect, focused: true)
            FunctionKeyBar.render(into: &buffer, rect, bindings: bindings)
            MessageLine.render(into: &buffer, rect, message: .error("nhs_number: fails the Modulus 11 check"))
            HelpOverlay.render(into: &buffer, rect, title: "Patient lookup",
                               sections: [("Patient lookup", bindings)], scroll: 3)
            buffer.line("李小龙", in: rect)
            buffer.put([Span("ALERT", Style(.alert)), Span("李")], in: rect)
            #expect(buffer.size == bufferSize)
            for y in 0..<bufferSize.height {
                for x in 0..<bufferSize.width where buffer[x, y].isContinuation {
                    #expect(x > 0 && CellWidth.of(buffer[x - 1, y].text) == 2, "orphan continuation at \(x),\(y) for \(rect)")
                }
            }
        }
    }

    @Test func aOneCellTableShowsOnlyTheHeadingCell() {
        var buffer = ScreenBuffer(size: Size(width: 1, height: 1))
        var position = ListPosition()
        let shown = Table.render(into: &buffer, Rect(x: 0, y: 0, width: 1, height: 1), columns: [TableColumn("Name")],
                                 rows: [TableRow(["SMITH"])], position: &position, selectionVisible: true)
        #expect(shown == 0)
        #expect(buffer.text == "…")
    }
}
