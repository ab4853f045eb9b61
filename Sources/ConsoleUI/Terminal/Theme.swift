/// How each `Style` looks on a terminal: colours plus attributes. The monochrome theme (NO_COLOR)
/// uses attributes only, and no state is carried by colour alone: labels such as "ERROR" say it.
public struct Theme: Sendable {
    /// The eight curses colours; `terminalDefault` keeps the terminal's own foreground or background.
    public enum Colour: Int16, Sendable, Hashable {
        case terminalDefault = -1, black, red, green, yellow, blue, magenta, cyan, white
    }

    /// The look of one style.
    public struct Look: Sendable, Hashable {
        public var foreground: Colour
        public var background: Colour
        public var bold: Bool
        public var reverse: Bool
        public var underline: Bool
        public var dim: Bool

        public init(_ foreground: Colour = .terminalDefault, on background: Colour = .terminalDefault,
                    bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
            self.foreground = foreground
            self.background = background
            self.bold = bold
            self.reverse = reverse
            self.underline = underline
            self.dim = dim
        }

        public var usesColour: Bool { foreground != .terminalDefault || background != .terminalDefault }
    }

    public var looks: [Style: Look]

    /// The look of `style`; plain text for styles the theme leaves out.
    public func look(_ style: Style) -> Look { looks[style] ?? Look() }

    /// Attributes only: reverse video marks the selection and focused buttons.
    public static let monochrome = Theme(looks: [
        .header: Look(reverse: true),
        .title: Look(bold: true),
        .selected: Look(reverse: true),
        // Plain and underlined inside the reversed field.
        .cursor: Look(underline: true),
        .dim: Look(dim: true),
        .strong: Look(bold: true),
        .warning: Look(bold: true),
        .error: Look(bold: true),
        .statusError: Look(bold: true),
        .keyName: Look(bold: true),
        .keyLabel: Look(reverse: true),
        .buttonFocused: Look(reverse: true),
    ])

    /// Colours in the spirit of htop: a cyan bar and selection, red errors, yellow warnings.
    public static let colour = Theme(looks: [
        .header: Look(.black, on: .cyan),
        .border: Look(.cyan),
        .title: Look(.yellow, bold: true),
        .selected: Look(.black, on: .cyan),
        // A block as a terminal draws its cursor, in the cyan field.
        .cursor: Look(reverse: true),
        .dim: Look(dim: true),
        .strong: Look(bold: true),
        .ok: Look(.green),
        .warning: Look(.yellow, bold: true),
        .error: Look(.red, bold: true),
        .statusError: Look(.red, bold: true),
        .keyName: Look(bold: true),
        .keyLabel: Look(.black, on: .cyan),
        .dialog: Look(),
        .button: Look(),
        .buttonFocused: Look(.black, on: .cyan, bold: true),
    ])
}
