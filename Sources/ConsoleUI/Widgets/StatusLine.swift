/// The row above the key bar: what just happened, or what is wrong with the selection.
public enum StatusLine {
    /// A status longer than the screen is wide takes up to this many rows, from the bottom of the view: an error's
    /// fix is its most useful part and comes last, so cutting it at the edge lost exactly what the operator needed.
    public static let maximumRows = 3

    /// The rows `status` takes at `width`: wrapped at words, the last cut with an ellipsis when even these are short.
    public static func lines(_ status: StatusText?, width: Int, ellipsis: Character = "…") -> [String] {
        guard let status, width > 2 else { return [""] }
        var lines = TextLayout.wrap(status.text, width: width - 1)
        if lines.count > maximumRows {
            lines = Array(lines.prefix(maximumRows))
            lines[maximumRows - 1] = TextLayout.truncate(lines[maximumRows - 1] + " " + String(ellipsis), to: width - 1, ellipsis: ellipsis)
        }
        return lines.map { " " + $0 }
    }

    /// Draws `lines` (from ``lines(_:width:ellipsis:)``) into `frame`, one row each, errors in the error style, and
    /// marks `cursor` (``StatusText/cursor``) when the first row holds it.
    public static func render(into canvas: inout Canvas, frame: Rect, lines: [String], isError: Bool, cursor: Range<Int>? = nil) {
        let style: Style = isError ? .statusError : .status
        canvas.fill(frame, style: .status)
        for (row, line) in lines.prefix(frame.height).enumerated() {
            canvas.write(line, x: frame.x, y: frame.y + row, width: frame.width, style: style)
        }
        // Wrapping keeps the start of the text on the first row, after its one leading space.
        if let cursor, let first = lines.first, cursor.upperBound < DisplayWidth.of(first) {
            canvas.restyle(Rect(x: frame.x + 1 + cursor.lowerBound, y: frame.y, width: cursor.count, height: 1), style: .cursor)
        }
    }
}
