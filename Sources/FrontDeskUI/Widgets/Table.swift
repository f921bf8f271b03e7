/// A column of a table: a heading and a width in cells (`nil`: takes what is left).
public struct TableColumn: Hashable, Sendable {
    public var title: String
    public var width: Int?
    public var alignRight: Bool
    public init(_ title: String, width: Int? = nil, alignRight: Bool = false) {
        self.title = title; self.width = width; self.alignRight = alignRight
    }
}

/// A table row: its cell texts, and a style for the whole row.
public struct TableRow: Hashable, Sendable {
    public var cells: [String]
    public var style: Style
    public init(_ cells: [String], style: Style = .normal) { self.cells = cells; self.style = style }
}

/// Selection and scrolling of a list: which row is chosen and which is at the top.
public struct ListPosition: Hashable, Sendable {
    public var selected: Int = 0
    public var top: Int = 0
    public init(selected: Int = 0, top: Int = 0) { self.selected = selected; self.top = top }

    /// Moves the selection by `delta` rows within `count` rows (clamped).
    public mutating func move(by delta: Int, count: Int) {
        guard count > 0 else { selected = 0; top = 0; return }
        selected = min(max(0, selected + delta), count - 1)
    }
    public mutating func moveTo(_ index: Int, count: Int) {
        selected = count > 0 ? min(max(0, index), count - 1) : 0
    }
    /// Scrolls so the selection is within `visible` rows.
    public mutating func reveal(visible: Int, count: Int) {
        guard visible > 0, count > 0 else { top = 0; return }
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, count - visible)))
    }
}

/// A table with a heading row, selection and scrolling.
public enum Table {
    /// The widths of the columns in `width` cells with one space between them.
    public static func widths(_ columns: [TableColumn], in width: Int) -> [Int] {
        let fixed = columns.compactMap(\.width).reduce(0, +) + max(0, columns.count - 1)
        let flexible = columns.filter { $0.width == nil }.count
        let share = flexible > 0 ? max(0, width - fixed) / flexible : 0
        return columns.map { $0.width ?? share }
    }

    /// Draws the heading and the visible rows; `position` is adjusted to show
    /// the selection. Returns the number of body rows that fit.
    @discardableResult
    public static func render(into buffer: inout ScreenBuffer, _ rect: Rect, columns: [TableColumn],
                              rows: [TableRow], position: inout ListPosition, selectionVisible: Bool) -> Int {
        guard !rect.isEmpty else { return 0 }
        let widths = widths(columns, in: rect.width)
        func line(_ texts: [String], y: Int, style: Style) {
            var x = rect.x
            for (index, column) in columns.enumerated() where index < widths.count {
                let width = widths[index]
                let text = index < texts.count ? texts[index] : ""
                let cut = CellWidth.truncate(text, to: width)
                let padded = column.alignRight
                    ? String(repeating: " ", count: max(0, width - CellWidth.of(cut))) + cut
                    : CellWidth.pad(cut, to: width)
                buffer.put(padded, x: x, y: y, limit: max(0, rect.maxX - x), style: style)
                x += width
                if index < columns.count - 1 && x < rect.maxX { buffer.put(" ", x: x, y: y, limit: 1, style: style); x += 1 }
            }
            if x < rect.maxX { buffer.fill(Rect(x: x, y: y, width: rect.maxX - x, height: 1), with: Cell(" ", style: style)) }
        }
        line(columns.map(\.title), y: rect.y, style: Style(.header))
        let visible = rect.height - 1
        position.moveTo(position.selected, count: rows.count)
        position.reveal(visible: visible, count: rows.count)
        guard visible > 0 else { return 0 }
        for offset in 0..<visible {
            let index = position.top + offset
            let y = rect.y + 1 + offset
            guard index < rows.count else {
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1))
                continue
            }
            let row = rows[index]
            let style = selectionVisible && index == position.selected ? Style(.selection, bold: row.style.bold) : row.style
            line(row.cells, y: y, style: style)
        }
        return visible
    }
}
