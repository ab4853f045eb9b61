/// Scrollable read-only text: a policy file, help, a long message. Lines wider than the frame are cut, or with
/// `wrapIndent` wrapped at words, their continuations indented by it (a report whose every line must be readable).
/// A view that scrolls `sideways` shows cut lines in part: Left and Right move it along them (a diff, whose every
/// character counts).
public struct TextView: Sendable, Equatable {
    public private(set) var lines: [StyledLine]
    /// The first row shown (a line, or a wrapped line's part).
    public private(set) var top = 0
    /// Rows that fit; set at each render.
    public private(set) var visibleRows = 1
    /// Nil: long lines are cut. Otherwise they wrap, continuations starting with this.
    public let wrapIndent: String?
    /// Whether Left, Right, Home and End move along lines wider than the view (unwrapped text only).
    public let sideways: Bool
    /// First characters that stay in place when the view is scrolled sideways (a diff's +, - and space), so that every
    /// line still says what it is.
    public let marks: Set<Character>
    /// The first cell of the lines shown, when they scroll sideways.
    public private(set) var left = 0
    /// Cells that fit across; set at each render. Large until then, so nothing counts as cut before the first one.
    public private(set) var visibleColumns = Int.max
    /// Rows of the text at the last render's width (lines, or their wrapped parts).
    private var rowCount: Int
    /// Cells of the widest line.
    private let widest: Int

    public init(lines: [StyledLine], wrapIndent: String? = nil, sideways: Bool = false, marks: Set<Character> = []) {
        self.lines = lines
        self.wrapIndent = wrapIndent
        self.sideways = sideways && wrapIndent == nil
        self.marks = marks
        rowCount = lines.count
        widest = lines.map { DisplayWidth.of($0.text) }.max() ?? 0
    }

    public init(text: String, wrapIndent: String? = nil, sideways: Bool = false, marks: Set<Character> = []) {
        self.init(lines: TextLayout.lines(text).map { StyledLine(String($0)) }, wrapIndent: wrapIndent, sideways: sideways, marks: marks)
    }

    public var hasMoreAbove: Bool { top > 0 }
    public var hasMoreBelow: Bool { top + visibleRows < rowCount }
    /// Lines go on to the left of the view (it was scrolled sideways).
    public var hasMoreLeft: Bool { left > 0 }
    /// A line goes on past the view's right edge.
    public var hasMoreRight: Bool { sideways && left + visibleColumns < widest }
    /// Some line is wider than the view and can be scrolled to: Left, Right, Home and End then move sideways.
    public var scrollsSideways: Bool { sideways && widest > visibleColumns }
    private var maxTop: Int { max(0, rowCount - visibleRows) }
    private var maxLeft: Int { max(0, widest - visibleColumns) }

    /// Scrolls for arrows and j/k, PgUp/PgDn/Space, Home/End and g/G; false for other keys. Where lines are wider
    /// than the view (and it scrolls sideways), Left and Right move half a view along them, Home and End to their
    /// left and right ends, and g and G alone go to the start and the end.
    public mutating func handle(_ key: Key) -> Bool {
        if scrollsSideways, let target = sidewaysTarget(key) {
            left = min(max(0, target), maxLeft)
            return true
        }
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

    /// Where a sideways key moves the view's first cell.
    private func sidewaysTarget(_ key: Key) -> Int? {
        switch key {
        case .left: left - max(1, visibleColumns / 2)
        case .right: left + max(1, visibleColumns / 2)
        case .home: 0
        case .end: maxLeft
        default: nil
        }
    }

    /// The scrolling keys as documentation.
    public static func keyHelp(group: String = "Navigation") -> [KeyHelp] {
        [KeyHelp(keys: [.up, .char("k"), .down, .char("j")], description: "Scroll one line", group: group),
         KeyHelp(keys: [.pageUp, .char("b"), .pageDown, .char(" ")], description: "Scroll one page", group: group),
         KeyHelp(keys: [.home, .char("g"), .end, .char("G")], description: "Go to the start or the end", group: group)]
    }

    /// The keys that scroll sideways, where lines are wider than the view, as documentation.
    /// Right comes first: the key bar shows the first key, and a page opens at the left edge where Left does nothing.
    public static func sidewaysKeyHelp(group: String = "Navigation") -> [KeyHelp] {
        [KeyHelp(keys: [.right, .left], description: "Scroll sideways, where lines are wider than the view", group: group,
                 barLabel: "Sideways"),
         KeyHelp(keys: [.home, .end], description: "Go to the left or right end of lines wider than the view (g, G: the start or the end)",
                 group: group)]
    }

    /// The keys as they work now: where lines are wider than the view, Home and End move sideways and the start and
    /// the end are g and G.
    public func currentKeyHelp(group: String = "Navigation") -> [KeyHelp] {
        guard scrollsSideways else { return Self.keyHelp(group: group) }
        var vertical = Self.keyHelp(group: group)
        vertical[2].keys = [.char("g"), .char("G")]
        return vertical + Self.sidewaysKeyHelp(group: group)
    }

    /// Draws the visible rows: lines cut at the frame's width (from `left` when scrolled sideways), or wrapped to it.
    public mutating func render(into canvas: inout Canvas, frame: Rect) {
        let rows = wrapIndent.map { indent in
            lines.flatMap { line in TextLayout.wrap(line.text, width: frame.width, indent: indent).map { StyledLine($0, line.style) } }
        } ?? lines
        rowCount = rows.count
        visibleRows = max(1, frame.height)
        visibleColumns = max(1, frame.width)
        top = min(top, maxTop)
        left = sideways ? min(left, maxLeft) : 0
        for row in 0..<frame.height {
            let index = top + row
            guard index < rows.count else { break }
            let line = rows[index]
            let shown = if left > 0, let mark = line.text.first, marks.contains(mark), frame.width > 1 {
                String(mark) + TextLayout.window(String(line.text.dropFirst()), from: left, width: frame.width - 1, ellipsis: canvas.glyphs.ellipsis)
            } else {
                TextLayout.window(line.text, from: left, width: frame.width, ellipsis: canvas.glyphs.ellipsis)
            }
            canvas.write(shown, x: frame.x, y: frame.y + row, width: frame.width, style: line.style)
        }
    }
}
