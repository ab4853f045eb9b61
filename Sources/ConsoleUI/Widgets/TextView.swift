/// Scrollable read-only text: a policy file, help, a long message. Lines wider than the frame are cut, or with
/// `wrapIndent` wrapped at words, their continuations indented by it (a report whose every line must be readable).
public struct TextView: Sendable, Equatable {
    public private(set) var lines: [StyledLine]
    /// The first row shown (a line, or a wrapped line's part).
    public private(set) var top = 0
    /// Rows that fit; set at each render.
    public private(set) var visibleRows = 1
    /// Nil: long lines are cut. Otherwise they wrap, continuations starting with this.
    public let wrapIndent: String?
    /// Rows of the text at the last render's width (lines, or their wrapped parts).
    private var rowCount: Int

    public init(lines: [StyledLine], wrapIndent: String? = nil) {
        self.lines = lines
        self.wrapIndent = wrapIndent
        rowCount = lines.count
    }

    public init(text: String, wrapIndent: String? = nil) {
        self.init(lines: TextLayout.lines(text).map { StyledLine(String($0)) }, wrapIndent: wrapIndent)
    }

    public var hasMoreAbove: Bool { top > 0 }
    public var hasMoreBelow: Bool { top + visibleRows < rowCount }
    private var maxTop: Int { max(0, rowCount - visibleRows) }

    /// Scrolls for arrows and j/k, PgUp/PgDn/Space, Home/End and g/G; false for other keys.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .char("k"): top -= 1
        case .down, .char("j"): top += 1
        case .pageUp, .char("b"): top -= visibleRows
        case .pageDown, .char(" "): top += visibleRows
        case .home, .char("g"): top = 0
        case .end, .char("G"): top = maxTop
        default: return false
        }
        top = min(max(0, top), maxTop)
        return true
    }

    /// The scrolling keys as documentation.
    public static func keyHelp(group: String = "Navigation") -> [KeyHelp] {
        [KeyHelp(keys: [.up, .char("k"), .down, .char("j")], description: "Scroll one line", group: group),
         KeyHelp(keys: [.pageUp, .char("b"), .pageDown, .char(" ")], description: "Scroll one page", group: group),
         KeyHelp(keys: [.home, .char("g"), .end, .char("G")], description: "Go to the start or the end", group: group)]
    }

    /// Draws the visible rows: lines cut at the frame's width, or wrapped to it.
    public mutating func render(into canvas: inout Canvas, frame: Rect) {
        let rows = wrapIndent.map { indent in
            lines.flatMap { line in TextLayout.wrap(line.text, width: frame.width, indent: indent).map { StyledLine($0, line.style) } }
        } ?? lines
        rowCount = rows.count
        visibleRows = max(1, frame.height)
        top = min(top, maxTop)
        for row in 0..<frame.height {
            let index = top + row
            guard index < rows.count else { break }
            let line = rows[index]
            canvas.write(TextLayout.truncate(line.text, to: frame.width, ellipsis: canvas.glyphs.ellipsis),
                         x: frame.x, y: frame.y + row, width: frame.width, style: line.style)
        }
    }
}
