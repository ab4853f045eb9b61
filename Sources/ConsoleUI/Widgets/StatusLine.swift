/// The row above the key bar: what just happened, or what is wrong with the selection.
public enum StatusLine {
    /// A status longer than the screen is wide takes up to this many rows, from the bottom of the view: an error's
    /// fix is its most useful part and comes last, so cutting it at the edge lost exactly what the operator needed.
    public static let maximumRows = 3

    /// The rows `status` takes at `width`: wrapped at words, the last cut with an ellipsis when even these are short.
    /// A status's kept end (``StatusText/kept``) is not cut: the words before it are, and it takes the last rows.
    public static func lines(_ status: StatusText?, width: Int, ellipsis: Character = "…") -> [String] {
        guard let status, width > 2 else { return [""] }
        let lines = TextLayout.wrap(status.text, width: width - 1)
        guard lines.count > maximumRows else { return lines.map { " " + $0 } }
        guard let kept = status.kept, status.text.hasSuffix(kept) else { return cut(lines, width: width, ellipsis: ellipsis).map { " " + $0 } }
        // A kept end too long for the rows by itself keeps its last ones: a command ends with the ID it needs.
        let end = TextLayout.wrap(kept, width: width - 1).suffix(maximumRows)
        var before = status.text.dropLast(kept.count)
        while before.last == " " { before.removeLast() }
        let head = before.isEmpty ? [] : cut(TextLayout.wrap(String(before), width: width - 1), width: width, ellipsis: ellipsis,
                                             rows: maximumRows - end.count)
        return (head + end).map { " " + $0 }
    }

    /// The first `rows` of `lines`, the last filled with what follows and cut with an ellipsis when some were left out.
    private static func cut(_ lines: [String], width: Int, ellipsis: Character, rows: Int = maximumRows) -> [String] {
        guard lines.count > rows else { return lines }
        guard rows > 0 else { return [] }
        let rest = lines[(rows - 1)...].joined(separator: " ") + " " + String(ellipsis)
        return lines.prefix(rows - 1) + [TextLayout.truncate(rest, to: width - 1, ellipsis: ellipsis)]
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
