/// A column of a `Table`.
public struct TableColumn: Sendable, Equatable {
    public enum Width: Sendable, Equatable {
        /// Exactly this many cells.
        case fixed(Int)
        /// A share of what the fixed columns leave, never below `minimum`.
        case flexible(minimum: Int)
        /// `preferred` cells when there is room; on a narrow screen it gives way first, down to `minimum`, before
        /// flexible columns go below their minimum (a list's names, so its other columns stay).
        case shrinkable(preferred: Int, minimum: Int)
    }

    public var title: String
    public var width: Width
    /// Cut long texts in the middle (keeping their end) rather than at the end.
    public var truncatesMiddle: Bool

    public init(_ title: String, _ width: Width, truncatesMiddle: Bool = false) {
        self.title = title
        self.width = width
        self.truncatesMiddle = truncatesMiddle
    }
}

/// One row of a `Table`: a text and a style per column.
public struct TableRow: Sendable, Equatable {
    public var cells: [String]
    public var styles: [Style]

    public init(_ cells: [String], styles: [Style] = []) {
        self.cells = cells
        self.styles = styles
    }
}
