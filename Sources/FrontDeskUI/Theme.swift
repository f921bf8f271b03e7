/// What a cell is for. Widgets name roles; a theme decides how each looks, so
/// colour is never the only signal (every role also carries a word or marker
/// in the text) and a monochrome terminal gets the same meaning.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case normal
    case topLine
    case frame
    case title
    case header
    case selection
    case alert
    case warning
    case error
    case overdue
    case muted
    case field
    case fieldFocused
    case keyName
    case keyLabel
    case success
    case dialog
}

/// A cell's look, independent of any terminal: its role plus emphasis.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, underline: Bool = false) {
        self.role = role; self.bold = bold; self.underline = underline
    }
    public static let normal = Style()
}

/// The eight ANSI colours a curses terminal knows, and the terminal's own default.
public enum ThemeColor: Int, Sendable, Hashable {
    case terminalDefault = -1
    case black = 0, red, green, yellow, blue, magenta, cyan, white
}

/// How a role is drawn.
public struct Appearance: Hashable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool
    public var dim: Bool

    public init(_ foreground: ThemeColor = .terminalDefault, on background: ThemeColor = .terminalDefault,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim
    }
}

/// Colours by role, with a monochrome variant for terminals without colour
/// and for `NO_COLOR` (https://no-color.org).
public struct Theme: Sendable {
    public let name: String
    public let usesColour: Bool
    private let appearances: [Role: Appearance]

    public init(name: String, usesColour: Bool, appearances: [Role: Appearance]) {
        self.name = name; self.usesColour = usesColour; self.appearances = appearances
    }

    public func appearance(_ role: Role) -> Appearance { appearances[role] ?? Appearance() }

    /// The look of a styled cell: the role's appearance plus the style's emphasis.
    public func appearance(_ style: Style) -> Appearance {
        var look = appearance(style.role)
        if style.bold { look.bold = true }
        if style.underline { look.underline = true }
        return look
    }

    public static let colour = Theme(name: "colour", usesColour: true, appearances: [
        .normal: Appearance(),
        .topLine: Appearance(.white, on: .blue, bold: true),
        .frame: Appearance(.cyan),
        .title: Appearance(.cyan, bold: true),
        .header: Appearance(.yellow, bold: true),
        .selection: Appearance(.black, on: .cyan),
        .alert: Appearance(.white, on: .red, bold: true),
        .warning: Appearance(.yellow, bold: true),
        .error: Appearance(.red, bold: true),
        .overdue: Appearance(.magenta, bold: true),
        .muted: Appearance(.white, dim: true),
        .field: Appearance(underline: true),
        .fieldFocused: Appearance(.black, on: .white),
        .keyName: Appearance(.black, on: .cyan),
        .keyLabel: Appearance(),
        .success: Appearance(.green, bold: true),
        .dialog: Appearance(.black, on: .white),
    ])

    public static let monochrome = Theme(name: "monochrome", usesColour: false, appearances: [
        .normal: Appearance(),
        .topLine: Appearance(reverse: true),
        .frame: Appearance(),
        .title: Appearance(bold: true),
        .header: Appearance(bold: true, underline: true),
        .selection: Appearance(reverse: true),
        .alert: Appearance(bold: true, reverse: true),
        .warning: Appearance(bold: true),
        .error: Appearance(bold: true),
        .overdue: Appearance(bold: true, underline: true),
        .muted: Appearance(dim: true),
        .field: Appearance(underline: true),
        .fieldFocused: Appearance(reverse: true),
        .keyName: Appearance(reverse: true),
        .keyLabel: Appearance(),
        .success: Appearance(bold: true),
        .dialog: Appearance(),
    ])

    /// The theme for a terminal: monochrome when it has no colour or when
    /// `NO_COLOR` is set to anything non-empty.
    public static func choose(terminalHasColour: Bool, environment: [String: String]) -> Theme {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return .monochrome }
        return terminalHasColour ? .colour : .monochrome
    }
}
