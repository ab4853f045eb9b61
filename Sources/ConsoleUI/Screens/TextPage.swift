/// A full screen of scrollable text in a box: a policy file, a diff, a report. Lines wider than the box scroll
/// sideways (Left, Right, Home, End), marked on its bottom border, unless they wrap.
public final class TextPage: View {
    public let title: String
    private let boxTitle: String
    private(set) var text: TextView

    /// With `wrapIndent`, long lines wrap (see `TextView`) instead of being cut. A `diff` keeps each line's +, - or
    /// space in place when it scrolls sideways.
    public init(title: String, boxTitle: String? = nil, text: String, wrapIndent: String? = nil, diff: Bool = false) {
        self.title = title
        self.boxTitle = boxTitle ?? title
        self.text = TextView(text: text, wrapIndent: wrapIndent, sideways: true, marks: diff ? ["+", "-", " "] : [])
    }

    public var keyHelp: [KeyHelp] { text.currentKeyHelp() }

    public func handle(_ key: Key) -> HandlerResult { text.handle(key) ? .redraw : .ignored }

    public func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: boxTitle)
        text.render(into: &canvas, frame: frame.inset(dx: 2, dy: 1))
        canvas.scrollMarkers(box: frame, above: text.hasMoreAbove, below: text.hasMoreBelow)
        canvas.sideMarkers(box: frame, left: text.hasMoreLeft, right: text.hasMoreRight)
    }
}
