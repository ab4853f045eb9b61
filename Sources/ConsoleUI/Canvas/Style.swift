/// What a cell means, not how it looks: the terminal's `Theme` turns roles into colours and attributes,
/// so screens never pick colours and the monochrome theme can keep every role distinguishable.
public enum Style: Hashable, Sendable, CaseIterable {
    case normal
    /// The top bar with the breadcrumb.
    case header
    /// Box borders.
    case border
    /// A box title or a column heading.
    case title
    /// The selected row of the focused list, and the focused field of a form.
    case selected
    /// The cell of the focused text field where typing goes: the terminal's own cursor stays hidden.
    case cursor
    /// Less important text: hints, placeholders, "checking".
    case dim
    /// Emphasised text.
    case strong
    case ok
    case warning
    case error
    /// The status line above the key bar.
    case status
    case statusError
    /// A key name in the key bar ("F1", "Enter").
    case keyName
    /// The label after a key name in the key bar.
    case keyLabel
    /// Dialog background and buttons.
    case dialog
    case button
    case buttonFocused
}

/// One terminal cell: a character and the role it plays.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style

    public init(_ character: Character, _ style: Style = .normal) {
        self.character = character
        self.style = style
    }

    /// An empty cell in the normal style.
    public static let blank = Cell(" ")

    /// The right half of a wide character drawn in the cell before: the terminal fills it, so it draws nothing.
    /// (NUL never reaches a cell otherwise: `Canvas.write` turns control characters into spaces.)
    static let continuationMark: Character = "\u{0}"
    public var isContinuation: Bool { character == Self.continuationMark }
}
