/// A full screen of scrollable text in a box: a policy file, a report.
public final class TextPage: View {
    public let title: String
    private let boxTitle: String
    private var text: TextView

    /// With `wrapIndent`, long lines wrap (see `TextView`) instead of being cut.
    public init(title: String, boxTitle: String? = nil, text: String, wrapIndent: String? = nil) {
        self.title = title
        self.boxTitle = boxTitle ?? title
        self.text = TextView(text: text, wrapIndent: wrapIndent)
    }

    public var keyHelp: [KeyHelp] { TextView.keyHelp() }

    public func handle(_ key: Key) -> HandlerResult { text.handle(key) ? .redraw : .ignored }

    public func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: boxTitle)
        text.render(into: &canvas, frame: frame.inset(dx: 2, dy: 1))
        canvas.scrollMarkers(box: frame, above: text.hasMoreAbove, below: text.hasMoreBelow)
    }
}
