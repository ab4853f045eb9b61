/// Selection and scrolling of a list, separate from drawing so it can be tested and shared by tables.
public struct ListState: Sendable, Equatable {
    /// Number of rows in the list.
    public private(set) var count: Int
    /// The selected row; 0 when the list is empty.
    public private(set) var selected = 0
    /// The first row shown.
    public private(set) var top = 0
    /// Rows that fit on screen; set by the view at each render. Large until then, so selecting a row
    /// before the first render does not scroll.
    public private(set) var visibleRows = 1_000

    public init(count: Int = 0) { self.count = max(0, count) }

    /// Changes the number of rows, keeping the selection in range.
    public mutating func setCount(_ n: Int) {
        count = max(0, n)
        select(selected)
    }

    /// Selects row `index`, clamped, and scrolls it into view.
    public mutating func select(_ index: Int) {
        selected = count == 0 ? 0 : min(max(0, index), count - 1)
        scrollIntoView()
    }

    /// Records how many rows fit, keeping the selection visible.
    public mutating func setVisibleRows(_ n: Int) {
        visibleRows = max(1, n)
        scrollIntoView()
    }

    /// The rows currently on screen.
    public var visibleRange: Range<Int> { top ..< min(count, top + visibleRows) }
    public var hasMoreAbove: Bool { top > 0 }
    public var hasMoreBelow: Bool { top + visibleRows < count }

    /// Moves for the usual keys (arrows and j/k, PgUp/PgDn, Home/End and g/G); false for other keys.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .char("k"): select(selected - 1)
        case .down, .char("j"): select(selected + 1)
        case .pageUp: select(selected - visibleRows)
        case .pageDown: select(selected + visibleRows)
        case .home, .char("g"): select(0)
        case .end, .char("G"): select(count - 1)
        default: return false
        }
        return true
    }

    /// The navigation keys as documentation, for a screen's key table.
    /// - Parameter paging: false when the screen uses PgUp/PgDn for something else (and handles them first).
    public static func keyHelp(group: String = "Navigation", paging: Bool = true) -> [KeyHelp] {
        [KeyHelp(keys: [.up, .char("k")], description: "Move up", group: group),
         KeyHelp(keys: [.down, .char("j")], description: "Move down", group: group)]
            + (paging ? [KeyHelp(keys: [.pageUp, .pageDown], description: "Move one page up or down", group: group)] : [])
            + [KeyHelp(keys: [.home, .char("g"), .end, .char("G")], description: "Go to the first or last row", group: group)]
    }

    private mutating func scrollIntoView() {
        if selected < top { top = selected }
        if selected >= top + visibleRows { top = selected - visibleRows + 1 }
        top = max(0, min(top, max(0, count - visibleRows)))
    }
}
