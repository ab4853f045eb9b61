/// One line for the status bar.
public struct StatusText: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// The cells of a text cursor in `text` (display columns from its start), marked as a form field's is: the
    /// status line shows a line being typed (`ListSearch`).
    public var cursor: Range<Int>?
    /// The end of `text` that must be read whole (a command to copy, with its change ID): when the status does not
    /// fit its rows, the words before it give way, and it starts a row of its own.
    public var kept: String?

    /// - Parameter kept: what follows `text` and must not be cut (see ``kept``).
    public init(_ text: String, isError: Bool = false, cursor: Range<Int>? = nil, keeping kept: String? = nil) {
        self.text = kept.map { text.isEmpty ? $0 : text + " " + $0 } ?? text
        self.isError = isError
        self.cursor = cursor
        self.kept = kept
    }
}
