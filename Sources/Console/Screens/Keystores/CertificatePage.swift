import ConsoleUI

/// A page of certificate text (an entry's details, a comparison) laid out for the width it is drawn at, so long
/// DNs and fingerprints wrap instead of being cut.
final class CertificatePage: View {
    let title: String
    private let boxTitle: String
    private let layout: (Int) -> [StyledLine]
    private var text = TextView(lines: [])
    private var builtForWidth = -1

    init(title: String, boxTitle: String, layout: @escaping (_ width: Int) -> [StyledLine]) {
        self.title = title
        self.boxTitle = boxTitle
        self.layout = layout
    }

    var keyHelp: [KeyHelp] { TextView.keyHelp() }

    func handle(_ key: Key) -> HandlerResult { text.handle(key) ? .redraw : .ignored }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: boxTitle)
        let inner = frame.inset(dx: 2, dy: 1)
        if builtForWidth != inner.width {
            text = TextView(lines: layout(inner.width))
            builtForWidth = inner.width
        }
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: frame, above: text.hasMoreAbove, below: text.hasMoreBelow)
    }
}
