/// Draws a list as columns with a heading row. The selected row gets a `>` mark as well as the
/// selection style, so it shows in monochrome terminals and in text snapshots alike.
public enum Table {
    /// Space between columns.
    public static let gap = 2

    /// Draws heading and rows into `frame`; updates `state` with the number of rows that fit.
    /// - Parameter heading: false leaves out the row of column titles, where a box title says enough.
    public static func render(into canvas: inout Canvas, frame: Rect, columns: [TableColumn], rows: [TableRow],
                              state: inout ListState, focused: Bool = true, heading: Bool = true) {
        guard frame.height >= 1, frame.width >= 4 else { return }
        let widths = columnWidths(columns, total: frame.width - 2)
        if heading {
            drawRow(into: &canvas, x: frame.x + 2, y: frame.y, texts: columns.map(\.title), widths: widths,
                    styles: Array(repeating: .title, count: columns.count), columns: columns)
        }
        let first = frame.y + (heading ? 1 : 0)
        state.setVisibleRows(frame.maxY - first)
        for (line, index) in state.visibleRange.enumerated() {
            let y = first + line
            let row = rows[index]
            let isSelected = index == state.selected
            let styles = columns.indices.map { isSelected && focused ? .selected : (row.styles.indices.contains($0) ? row.styles[$0] : .normal) }
            if isSelected {
                canvas.fill(Rect(x: frame.x, y: y, width: frame.width, height: 1), style: focused ? .selected : .normal)
                canvas.write(">", x: frame.x, y: y, style: focused ? .selected : .strong)
            }
            drawRow(into: &canvas, x: frame.x + 2, y: y, texts: row.cells, widths: widths, styles: styles,
                    columns: columns)
        }
    }

    /// Widths for `columns` sharing `total` cells (gaps included); flexible columns split the rest.
    public static func columnWidths(_ columns: [TableColumn], total: Int) -> [Int] {
        let gaps = gap * max(0, columns.count - 1)
        var fixed = 0
        var flexibleCount = 0
        var flexibleMinimum = 0
        for column in columns {
            switch column.width {
            case .fixed(let n): fixed += n
            case .flexible(let minimum): flexibleCount += 1; flexibleMinimum += minimum
            case .shrinkable: break
            }
        }
        // Shrinkable columns take what is left once the flexible ones have their minimum, up to their preferred width.
        var room = max(0, total - gaps - fixed - flexibleMinimum)
        var shrunk: [Int] = []
        for column in columns {
            guard case .shrinkable(let preferred, let minimum) = column.width else { continue }
            let width = max(minimum, min(preferred, room))
            room = max(0, room - width)
            shrunk.append(width)
            fixed += width
        }
        let spare = max(0, total - gaps - fixed)
        var handedOut = 0
        var seen = 0
        var shrinkableSeen = 0
        return columns.map { column in
            switch column.width {
            case .fixed(let n): return n
            case .shrinkable:
                shrinkableSeen += 1
                return shrunk[shrinkableSeen - 1]
            case .flexible(let minimum):
                seen += 1
                let share = seen == flexibleCount ? spare - handedOut : spare / flexibleCount
                handedOut += share
                return max(minimum, share)
            }
        }
    }

    private static func drawRow(into canvas: inout Canvas, x: Int, y: Int, texts: [String], widths: [Int],
                                styles: [Style], columns: [TableColumn]) {
        var col = x
        for (i, width) in widths.enumerated() {
            let text = texts.indices.contains(i) ? texts[i] : ""
            let shown = columns[i].fit(text, to: width, ellipsis: canvas.glyphs.ellipsis)
            canvas.write(shown, x: col, y: y, width: width, style: styles[i])
            col += width + gap
        }
    }
}
