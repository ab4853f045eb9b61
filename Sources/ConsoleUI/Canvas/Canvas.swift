/// An in-memory grid of cells that every screen draws into; a `Terminal` then shows it.
///
/// Every drawing call clips to the canvas (and to an optional rectangle), so widgets never need to
/// check bounds. One `Character` fills one cell: wide (East Asian) characters are not measured.
public struct Canvas: Sendable, Equatable {
    /// Width and height in cells.
    public let size: Size
    /// Border and mark characters; in ASCII mode every drawn character is folded to ASCII too.
    public let glyphs: Glyphs
    private var cells: [Cell]

    public init(size: Size, glyphs: Glyphs = .unicode) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.glyphs = glyphs
        cells = Array(repeating: .blank, count: self.size.width * self.size.height)
    }

    public var bounds: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y`; reads outside are blank, writes outside are dropped. A write over either
    /// half of a wide character blanks its other half, so the terminal never gets half a character.
    public subscript(x: Int, y: Int) -> Cell {
        get { bounds.contains(x: x, y: y) ? cells[y * size.width + x] : .blank }
        set {
            guard bounds.contains(x: x, y: y) else { return }
            splitWide(from: x, to: x + 1, y: y)
            cells[y * size.width + x] = newValue
        }
    }

    /// Before columns `start..<end` of row `y` are overwritten: a wide character cut by either edge is blanked.
    private mutating func splitWide(from start: Int, to end: Int, y: Int) {
        let row = y * size.width
        if start > 0, start < size.width, cells[row + start].isContinuation { cells[row + start - 1].character = " " }
        if end < size.width, end > 0, cells[row + end].isContinuation { cells[row + end].character = " " }
    }

    /// Draws `text` on row `y` from column `x`, at most `width` cells (and inside `clip`); returns the
    /// number of cells used. Control characters become spaces so they cannot move the terminal cursor.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, width: Int? = nil, style: Style = .normal,
                               clip: Rect? = nil) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard y >= area.y, y < area.maxY else { return 0 }
        let limit = min(width.map { x + max(0, $0) } ?? Int.max, area.maxX)
        var col = x
        for c in text {
            if col >= limit { break }
            // Control characters (C0, DEL, C1) would move the cursor or start an escape sequence; the explicit bidi
            // controls (embeddings, overrides, isolates) would let a name reorder what a terminal with bidi draws after
            // it. The CLI escapes the same ones (KeyMaterial's PrintableText).
            let control = c.isNewline || c.unicodeScalars.contains {
                $0.properties.generalCategory == .control || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
            }
            let shown = glyphs.fold(control ? " " : c)
            // A wide character takes two cells; one that does not fit at the edge leaves a space.
            let cells = DisplayWidth.of(shown)
            if col >= area.x {
                if cells == 2 && col + 1 < limit {
                    self[col, y] = Cell(shown, style)
                    self[col + 1, y] = Cell(Cell.continuationMark, style)
                } else {
                    self[col, y] = Cell(cells == 2 ? " " : shown, style)
                }
            }
            col += cells
        }
        return max(0, min(col, limit) - x)
    }

    /// Fills a rectangle with one character and style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let cell = Cell(glyphs.fold(character), style)
        for y in r.y..<r.maxY {
            splitWide(from: r.x, to: r.maxX, y: y)
            for x in r.x..<r.maxX { cells[y * size.width + x] = cell }
        }
    }

    /// Sets the style of a rectangle, keeping its characters (for selection bars).
    public mutating func restyle(_ rect: Rect, style: Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * size.width + x].style = style }
        }
    }

    /// Draws a horizontal line of `glyphs.horizontal`.
    public mutating func horizontalLine(x: Int, y: Int, width: Int, style: Style = .border) {
        fill(Rect(x: x, y: y, width: width, height: 1), with: glyphs.horizontal, style: style)
    }

    /// Draws a border around `rect` (clearing its inside) with an optional title in the top edge.
    public mutating func box(_ rect: Rect, title: String? = nil, style: Style = .border, titleStyle: Style = .title) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        fill(rect.inset(1))
        let g = glyphs
        horizontalLine(x: rect.x + 1, y: rect.y, width: rect.width - 2, style: style)
        horizontalLine(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, style: style)
        for y in rect.y + 1 ..< rect.maxY - 1 {
            self[rect.x, y] = Cell(g.vertical, style)
            self[rect.maxX - 1, y] = Cell(g.vertical, style)
        }
        self[rect.x, rect.y] = Cell(g.topLeft, style)
        self[rect.maxX - 1, rect.y] = Cell(g.topRight, style)
        self[rect.x, rect.maxY - 1] = Cell(g.bottomLeft, style)
        self[rect.maxX - 1, rect.maxY - 1] = Cell(g.bottomRight, style)
        if let title, !title.isEmpty, rect.width > 6 {
            let shown = TextLayout.truncate(" \(title) ", to: rect.width - 4, ellipsis: g.ellipsis)
            write(shown, x: rect.x + 2, y: rect.y, style: titleStyle)
        }
    }

    /// Draws a separator across a box at row `y`, joined to its side borders.
    public mutating func separator(in rect: Rect, y: Int, style: Style = .border) {
        guard rect.width >= 2 else { return }
        self[rect.x, y] = Cell(glyphs.teeLeft, style)
        horizontalLine(x: rect.x + 1, y: y, width: rect.width - 2, style: style)
        self[rect.maxX - 1, y] = Cell(glyphs.teeRight, style)
    }

    /// Row `y` as a string (styles dropped; a wide character once, as the terminal shows it).
    public func row(_ y: Int) -> String {
        guard y >= 0, y < size.height else { return "" }
        return String(cells[y * size.width ..< (y + 1) * size.width].filter { !$0.isContinuation }.map(\.character))
    }

    /// The styles of row `y`, one per cell.
    public func styles(_ y: Int) -> [Style] {
        guard y >= 0, y < size.height else { return [] }
        return cells[y * size.width ..< (y + 1) * size.width].map(\.style)
    }

    /// The whole screen as text, one line per row without trailing spaces: what snapshots compare.
    public func text() -> String {
        (0..<size.height).map { row($0).trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
