import ConsoleUI
import Foundation
import KeyMaterial

/// Two certificates side by side, field by field; fields that differ are marked `*`.
final class ComparisonPage: View {
    private let left: (String, Certificate)
    private let right: (String, Certificate)
    private var text = TextView(lines: [])
    private var builtForWidth = -1

    init(left: (String, Certificate), right: (String, Certificate)) {
        self.left = left
        self.right = right
    }

    var title: String { "Compare" }

    var keyHelp: [KeyHelp] { TextView.keyHelp() }

    func handle(_ key: Key) -> HandlerResult { text.handle(key) ? .redraw : .ignored }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: "\(left.0) and \(right.0)")
        let inner = frame.inset(dx: 2, dy: 1)
        if builtForWidth != inner.width {
            text = TextView(lines: CertificateText.comparison(left, right, width: inner.width))
            builtForWidth = inner.width
        }
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: frame, above: text.hasMoreAbove, below: text.hasMoreBelow)
    }
}
