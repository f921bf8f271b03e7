/// Frames and plain text: the building blocks of panes and dialogs.
public enum Box {
    /// Draws a single-line frame around `rect` with an optional title in the
    /// top edge; returns the inside.
    @discardableResult
    public static func frame(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String? = nil,
                             style: Style = Style(.frame), titleStyle: Style = Style(.title)) -> Rect {
        guard rect.width >= 2 && rect.height >= 2 else {
            buffer.fill(rect)
            return Rect(x: rect.x, y: rect.y, width: 0, height: 0)
        }
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in rect.x...right {
            buffer.set(x, rect.y, Cell("─", style: style))
            buffer.set(x, bottom, Cell("─", style: style))
        }
        for y in rect.y...bottom {
            buffer.set(rect.x, y, Cell("│", style: style))
            buffer.set(right, y, Cell("│", style: style))
        }
        buffer.set(rect.x, rect.y, Cell("┌", style: style))
        buffer.set(right, rect.y, Cell("┐", style: style))
        buffer.set(rect.x, bottom, Cell("└", style: style))
        buffer.set(right, bottom, Cell("┘", style: style))
        if let title, rect.width > 4 {
            buffer.put(" " + CellWidth.truncate(title, to: rect.width - 6) + " ", x: rect.x + 2, y: rect.y,
                       limit: rect.width - 4, style: titleStyle)
        }
        return rect.inset(1)
    }

    /// Writes lines of text into `rect`, one per row, each cut to the width.
    public static func text(_ buffer: inout ScreenBuffer, _ rect: Rect, _ lines: [String], style: Style = .normal) {
        for (index, line) in lines.prefix(rect.height).enumerated() {
            buffer.put(CellWidth.truncate(line, to: rect.width), x: rect.x, y: rect.y + index, limit: rect.width, style: style)
        }
    }

    /// Splits text into lines of at most `width` cells at spaces (a word
    /// longer than the width is cut).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if CellWidth.of(candidate) <= width { line = candidate; continue }
                if !line.isEmpty { lines.append(line) }
                line = CellWidth.truncate(String(word), to: width)
            }
            lines.append(line)
        }
        return lines
    }
}

/// A run of styled text: what lines in panes and help are made of.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
}

extension ScreenBuffer {
    /// Writes spans one after another on a row, clipped to `rect`'s width.
    @discardableResult
    public mutating func put(_ spans: [Span], in rect: Rect, row: Int = 0) -> Int {
        let area = rect.row(row)
        guard !area.isEmpty else { return 0 }
        var used = 0
        for span in spans {
            guard used < area.width else { break }
            used += put(span.text, x: area.x + used, y: area.y, limit: area.width - used, style: span.style)
        }
        return used
    }
}
