/// One line for the status bar.
public struct StatusText: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// The cells of a text cursor in `text` (display columns from its start), marked as a form field's is: the
    /// status line shows a line being typed (`ListSearch`).
    public var cursor: Range<Int>?

    public init(_ text: String, isError: Bool = false, cursor: Range<Int>? = nil) {
        self.text = text
        self.isError = isError
        self.cursor = cursor
    }
}
