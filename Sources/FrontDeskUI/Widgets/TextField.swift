/// A one-line text input: the text, a cursor between characters, and the
/// editing keys people expect (← → Home End Backspace Delete, Ctrl-A/E/U/K/W).
/// Positions are in `Character`s; drawing measures cells.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// The cursor, as a count of characters before it.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    public var isEmpty: Bool { text.isEmpty }

    public mutating func set(_ value: String) {
        text = value
        cursor = value.count
    }

    /// Applies an editing key; returns false when the key is not an editing key
    /// (so the pane can use it).
    public mutating func handle(_ key: Key) -> Bool {
        var characters = Array(text)
        switch key {
        case .char(let c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1); return true
        case .right:
            cursor = min(characters.count, cursor + 1); return true
        case .home, .ctrl("a"):
            cursor = 0; return true
        case .end, .ctrl("e"):
            cursor = characters.count; return true
        case .ctrl("u"):
            characters.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            characters.removeLast(characters.count - cursor)
        case .ctrl("w"):
            var start = cursor
            while start > 0 && characters[start - 1] == " " { start -= 1 }
            while start > 0 && characters[start - 1] != " " { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        default:
            return false
        }
        // A combining mark or emoji part typed on its own joins the character
        // before it, so the text may hold fewer characters than the array did:
        // count the cursor again in the new text.
        text = String(characters)
        cursor = min(String(characters[..<min(cursor, characters.count)]).count, text.count)
        return true
    }

    /// Draws the field in `rect` (one row), scrolled so the cursor is visible;
    /// when focused, places the terminal cursor.
    public func render(into buffer: inout ScreenBuffer, _ rect: Rect, focused: Bool) {
        let area = rect.row(0)
        guard !area.isEmpty else { return }
        let style = Style(focused ? .fieldFocused : .field)
        buffer.fill(area, with: Cell(" ", style: style))
        let characters = Array(text)
        // Scroll: keep the cursor inside the field, with one cell for it at the end.
        var start = 0
        func widthBetween(_ from: Int, _ to: Int) -> Int {
            from >= to ? 0 : CellWidth.of(String(characters[from..<to]))
        }
        while start < cursor && widthBetween(start, cursor) > area.width - 1 { start += 1 }
        let visible = String(characters[start...])
        buffer.put(visible, x: area.x, y: area.y, limit: area.width, style: style)
        if focused {
            buffer.cursor = Point(x: area.x + min(area.width - 1, widthBetween(start, cursor)), y: area.y)
        }
    }
}
