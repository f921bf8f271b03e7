import Foundation
import Testing

extension EndToEndTests {
    @Suite("Literal UTF-8")
    struct Text {
        @Test("names with accents and CJK are typed, found and drawn in terminal cells")
        func accentsAndCJK() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()

            // Siân, typed as UTF-8
            try session.type("Siân")
            var screen = try session.waitFor(desk.database.evans.mrn)
            #expect(screen.contains("Search Siân"), "\(screen.framed)")
            let evansRow = try #require(screen.row(containing: desk.database.evans.mrn), "\(screen.framed)")
            #expect(screen.lines[evansRow].contains("EVANS, Siân "), "\(screen.framed)")

            // 李, after clearing the field
            try session.send("C-u")
            try session.waitForAbsence(of: "Siân")
            try session.type("李")
            screen = try session.waitFor(desk.database.li.mrn)
            #expect(screen.contains("Search 李"), "\(screen.framed)")
            let liRow = try #require(screen.row(containing: desk.database.li.mrn), "\(screen.framed)")
            let line = screen.lines[liRow]
            #expect(line.contains("李, 小龙 "), "\(screen.framed)")

            // Wide characters take two cells: the columns still line up and
            // the right frame stays in the last column.
            let header = try #require(screen.lines.firstIndex { $0.contains("Name") && $0.contains("Born") }, "\(screen.framed)")
            let bornColumn = try #require(cellColumn(of: "Born", in: screen.lines[header]))
            #expect(cellColumn(of: "27-Nov-1940", in: line) == bornColumn, "Born column misaligned:\n\(screen.framed)")
            let hospColumn = try #require(cellColumn(of: "Hosp no", in: screen.lines[header]))
            #expect(cellColumn(of: desk.database.li.mrn, in: line) == hospColumn, "Hosp no column misaligned:\n\(screen.framed)")
            #expect(cellWidth(line) == 100 && line.hasSuffix("│"), "the row is not 100 cells wide:\n\(screen.framed)")
            #expect(cellWidth(screen.lines[header + 1]) == 100, "\(screen.framed)")

            try session.send("C-q")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }

    @Suite("Locale")
    struct Locale {
        @Test("LANG=C (not UTF-8): frontdesk falls back to UTF-8, so Siân is typed and drawn exactly")
        func nonUTF8Locale() throws {
            let desk = try Desk.start(environment: ["LANG": "C"])
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.type("Siân")
            let screen = try session.waitFor(desk.database.evans.mrn)
            #expect(screen.contains("Search Siân"), "\(screen.framed)")
            #expect(screen.contains("EVANS, Siân "), "\(screen.framed)")
            #expect(screen.topLine.contains("FrontDesk · DEMO"), "\(screen.framed)")
            try session.send("F10")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }

    @Suite("Resize")
    struct Resize {
        @Test("below 80x24 the screen says so and keeps running; back to 100x30 the pane and the query return")
        func tooSmallAndBack() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.type("smith")
            try session.waitFor("SMITH, John")

            try session.resize(width: 60, height: 20)
            var screen = try session.waitFor("Terminal too small: need 80x24")
            #expect(!screen.contains("F10 Quit"), "\(screen.framed)")
            #expect(!session.hasExited)

            try session.resize(width: 100, height: 30)
            screen = try session.waitUntil("the lookup pane at 100x30") {
                $0.contains("Search smith") && $0.contains("SMITH, John") && $0.contains("F10 Quit") && !$0.contains("too small")
            }
            #expect(screen.lines.count == 30, "\(screen.framed)")
            #expect(screen.lines.allSatisfy { cellWidth($0) <= 100 }, "\(screen.framed)")
            #expect(screen.lines[1].hasPrefix("┌") && screen.lines[1].hasSuffix("┐") && cellWidth(screen.lines[1]) == 100,
                    "the frame is not redrawn at the full width:\n\(screen.framed)")

            try session.send("C-q")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }

        @Test("while the screen is too small the quit keys still work")
        func quitWhileTooSmall() throws {
            let desk = try Desk.start()
            defer { desk.close() }
            let session = desk.session
            try session.waitForLookup()
            try session.resize(width: 79, height: 24)
            try session.waitFor("Terminal too small: need 80x24")
            try session.send("C-q")
            #expect(try session.waitForExit() == 0)
            try session.expectTerminalRestored()
        }
    }
}
