/// One terminal cell: the grapheme drawn there and its style. A wide
/// character occupies its cell and the next, which holds `continuation`
/// (empty text) so that the grid always matches the terminal's columns.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .normal) { self.text = text; self.style = style }

    public static let blank = Cell()
    public var isContinuation: Bool { text.isEmpty }
}

/// A grid of cells that widgets draw into and the terminal driver copies to
/// the screen. Drawing outside the grid is clipped, never a crash.
public struct ScreenBuffer: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (a focused text field), or nil to hide it.
    public var cursor: Point?

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        cells = Array(repeating: fill, count: size.width * size.height)
    }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(size) }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * size.width + x] : .blank }
    }

    func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < size.width && y < size.height }

    /// Sets one cell, repairing any wide character it cuts in half.
    public mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        guard contains(x, y) else { return }
        let index = y * size.width + x
        if cells[index].isContinuation, x > 0 { cells[index - 1].text = " " }
        if CellWidth.of(cells[index].text) == 2, x + 1 < size.width { cells[index + 1] = Cell(" ", style: cells[index + 1].style) }
        cells[index] = cell
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY { for x in area.x..<area.maxX { set(x, y, cell) } }
    }

    /// Gives every cell of a rectangle a style, keeping its text.
    public mutating func restyle(_ rect: Rect, _ style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY { for x in area.x..<area.maxX { cells[y * size.width + x].style = style } }
    }

    /// Writes text from (x, y), no further than `limit` cells (default: the
    /// row's end). Wide characters take two cells, combining marks join the
    /// cell before, control characters are shown as `?`. A wide character that
    /// does not fit is left out. Returns the cells used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, limit: Int? = nil, style: Style = .normal) -> Int {
        guard y >= 0 && y < size.height else { return 0 }
        let end = min(size.width, limit.map { x + $0 } ?? size.width)
        var column = x
        for character in text {
            var shown = String(character)
            var width = CellWidth.of(character)
            if character.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) }) {
                shown = "?"; width = 1
            }
            if width == 0 {
                if column > x, column - 1 < end, column - 1 >= 0 {
                    var previous = column - 1
                    if self[previous, y].isContinuation, previous > 0 { previous -= 1 }
                    cells[y * size.width + previous].text += shown
                }
                continue
            }
            if column + width > end { break }
            if column >= 0 {
                set(column, y, Cell(shown, style: style))
                if width == 2 { set(column + 1, y, Cell("", style: style)) }
            }
            column += width
        }
        return column - x
    }

    /// Writes text into a rectangle's row, cut with "…" and padded with spaces to its width.
    public mutating func line(_ text: String, in rect: Rect, row: Int = 0, style: Style = .normal) {
        let area = rect.row(row)
        guard !area.isEmpty else { return }
        put(CellWidth.pad(text, to: area.width), x: area.x, y: area.y, limit: area.width, style: style)
    }

    /// The rows as text (a wide character once, trailing spaces kept): for snapshots.
    public var lines: [String] {
        (0..<size.height).map { y in
            var row = ""
            for x in 0..<size.width { row += cells[y * size.width + x].text }
            return row
        }
    }

    /// The grid as text with trailing spaces trimmed: what a snapshot file stores.
    public var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    /// The first position where `needle` appears, in cells.
    public func find(_ needle: String) -> Point? {
        for (y, line) in lines.enumerated() {
            if let range = line.range(of: needle) {
                return Point(x: CellWidth.of(String(line[..<range.lowerBound])), y: y)
            }
        }
        return nil
    }

    /// The style of the cells showing `needle` (of its first cell).
    public func style(of needle: String) -> Style? {
        guard let point = find(needle) else { return nil }
        return self[point.x, point.y].style
    }
}
