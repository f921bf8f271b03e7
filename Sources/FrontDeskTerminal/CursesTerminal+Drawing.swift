#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CNCursesW
import FrontDeskUI

extension CursesTerminal {
    /// Shows a frame. Only cells that differ from the last frame are written
    /// (ncurses then sends only what changed on the glass); the first frame,
    /// and any frame after a change of size, is drawn in full on a cleared screen.
    public func draw(_ buffer: ScreenBuffer) {
        guard !stopped else { return }
        let window = fdc_stdscr()
        let screenSize = size
        let width = min(buffer.width, screenSize.width)
        let height = min(buffer.height, screenSize.height)

        var previous: [Cell]? = nil
        if let last = lastFrame, last.size == buffer.size, lastScreenSize == screenSize {
            previous = last.cells
        } else {
            _ = werase(window)
            repaintAll = true
        }
        if repaintAll {
            // The next doupdate clears the screen and sends every cell.
            _ = clearok(window, true)
            repaintAll = false
        }

        let cells = buffer.cells
        var glyphs: [wchar_t] = []
        glyphs.reserveCapacity(width * 2)

        for y in 0..<height {
            let row = y * buffer.width
            func dirty(_ x: Int) -> Bool {
                guard let previous else { return true }
                return previous[row + x] != cells[row + x]
            }
            /// The right half of a wide character drawn from the cell before.
            func covered(_ x: Int) -> Bool {
                x > 0 && cells[row + x].isContinuation && !cells[row + x - 1].isContinuation
            }

            var x = 0
            while x < width {
                guard dirty(x) else { x += 1; continue }
                // A changed right half is redrawn with its left half.
                let start = covered(x) ? x - 1 : x
                let style = cells[row + start].style
                glyphs.removeAll(keepingCapacity: true)
                var column = start
                while column < width {
                    let cell = cells[row + column]
                    if column > start {
                        if covered(column) { column += 1; continue }
                        if cell.style != style || !dirty(column) { break }
                    }
                    if cell.isContinuation {
                        glyphs.append(32)   // a stray right half: a blank
                        column += 1
                        continue
                    }
                    let wide = column + 1 < buffer.width && cells[row + column + 1].isContinuation
                    if wide && column + 1 >= width {
                        glyphs.append(32)   // a wide character cut by a narrower screen
                        column += 1
                        continue
                    }
                    Self.appendGlyph(cell.text, cells: wide ? 2 : 1, to: &glyphs)
                    column += wide ? 2 : 1
                }
                let look = self.look(style)
                _ = fdc_attr_set(look.attributes, look.pair)
                // In the bottom-right cell this returns ERR (the cursor cannot
                // advance without scrolling, and scrollok is off), but the cell
                // is stored and drawn.
                _ = glyphs.withUnsafeBufferPointer {
                    mvwaddnwstr(window, Int32(y), Int32(start), $0.baseAddress, Int32($0.count))
                }
                x = max(column, x + 1)
            }
        }
        _ = fdc_attr_set(fdc_a_normal(), 0)

        if let cursor = buffer.cursor, cursor.x >= 0, cursor.y >= 0,
           cursor.x < screenSize.width, cursor.y < screenSize.height {
            showCursor(true)
            _ = wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            showCursor(false)
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        lastFrame = buffer
        lastScreenSize = screenSize
    }

    /// Makes the next `draw` clear the glass and repaint every cell (after
    /// something else wrote to the terminal, or for Ctrl-L).
    public func redrawAll() {
        guard !stopped else { return }
        repaintAll = true
    }

    private func showCursor(_ shown: Bool) {
        guard cursorShown != shown else { return }
        _ = curs_set(shown ? 1 : 0)
        cursorShown = shown
    }

    /// The curses attributes and colour pair for a style under this theme.
    func look(_ style: Style) -> (attributes: attr_t, pair: Int16) {
        if let known = looks[style] { return known }
        let appearance = theme.appearance(style)
        var attributes = fdc_a_normal()
        if appearance.bold { attributes |= fdc_a_bold() }
        if appearance.reverse { attributes |= fdc_a_reverse() }
        if appearance.underline { attributes |= fdc_a_underline() }
        if appearance.dim { attributes |= fdc_a_dim() }
        let pair = theme.usesColour ? (rolePairs[style.role] ?? 0) : 0
        looks[style] = (attributes, pair)
        return (attributes, pair)
    }

    /// Appends one cell's text so that ncurses advances exactly `cells`
    /// columns, whatever the C library thinks of its width: the grid the
    /// application laid out (CellWidth) always matches the screen's columns.
    static func appendGlyph(_ text: String, cells: Int, to glyphs: inout [wchar_t]) {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else {
            glyphs.append(contentsOf: repeatElement(32, count: cells))
            return
        }
        if first.value >= 0x20 && first.value < 0x7F && cells == 1 && text.unicodeScalars.count == 1 {
            glyphs.append(wchar_t(first.value))
            return
        }
        let width = Int(fdc_wcwidth(wchar_t(bitPattern: first.value)))
        guard width == cells || (width == 1 && cells == 2) else {
            // Unprintable here, or wider than the layout allowed.
            glyphs.append(63)   // "?"
            glyphs.append(contentsOf: repeatElement(32, count: cells - 1))
            return
        }
        glyphs.append(wchar_t(bitPattern: first.value))
        // Combining marks join the cell; anything that would take columns of
        // its own (e.g. the rest of an emoji ZWJ sequence) is left out.
        var marks = 0
        while let scalar = scalars.next(), marks < 4 {
            if fdc_wcwidth(wchar_t(bitPattern: scalar.value)) == 0 {
                glyphs.append(wchar_t(bitPattern: scalar.value))
                marks += 1
            }
        }
        if width < cells { glyphs.append(contentsOf: repeatElement(32, count: cells - width)) }
    }
}
