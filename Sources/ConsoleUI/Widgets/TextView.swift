/// Scrollable read-only text: a policy file, help, a long message.
public struct TextView: Sendable, Equatable {
    public private(set) var lines: [StyledLine]
    /// The first line shown.
    public private(set) var top = 0
    /// Lines that fit; set at each render.
    public private(set) var visibleRows = 1

    public init(lines: [StyledLine]) { self.lines = lines }

    public init(text: String) {
        self.init(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map { StyledLine(String($0)) })
    }

    public var hasMoreAbove: Bool { top > 0 }
    public var hasMoreBelow: Bool { top + visibleRows < lines.count }
    private var maxTop: Int { max(0, lines.count - visibleRows) }

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

    /// Draws the visible lines, cut at the frame's width.
    public mutating func render(into canvas: inout Canvas, frame: Rect) {
        visibleRows = max(1, frame.height)
        top = min(top, maxTop)
        for row in 0..<frame.height {
            let index = top + row
            guard index < lines.count else { break }
            let line = lines[index]
            canvas.write(TextLayout.truncate(line.text, to: frame.width, ellipsis: canvas.glyphs.ellipsis),
                         x: frame.x, y: frame.y + row, width: frame.width, style: line.style)
        }
    }
}
