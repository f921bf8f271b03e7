/// Where the parts of the screen go (UI.md): the top line, the pane, the
/// message line and the function-key bar. A pure function of the size.
public struct ShellLayout: Hashable, Sendable {
    public var top: Rect
    public var pane: Rect
    public var message: Rect
    public var bar: Rect

    /// The layout for a screen, or nil when it is smaller than 80×24.
    public static func make(_ size: Size) -> ShellLayout? {
        guard size.width >= Size.minimum.width, size.height >= Size.minimum.height else { return nil }
        let screen = Rect(size)
        let (top, rest) = screen.splitTop(1)
        let (middle, bar) = rest.splitBottom(1)
        let (pane, message) = middle.splitBottom(1)
        return ShellLayout(top: top, pane: pane, message: message, bar: bar)
    }

    public static let tooSmallText = "Terminal too small: need 80x24"
}
