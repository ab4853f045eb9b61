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

    /// Where a text too long for the column is cut.
    public enum Truncation: Sendable, Equatable {
        /// At its end (`TextLayout.truncate`).
        case end
        /// In the middle, keeping its start and its end (`TextLayout.truncateMiddle`): paths, URLs.
        case middle
        /// Between words, keeping its first and last words where they fit (`TextLayout.truncateAtWords`): names.
        case words
    }

    public var title: String
    public var width: Width
    public var truncation: Truncation

    public init(_ title: String, _ width: Width, truncation: Truncation = .end) {
        self.title = title
        self.width = width
        self.truncation = truncation
    }

    /// `text` fitted to `width` cells as this column cuts it.
    public func fit(_ text: String, to width: Int, ellipsis: Character) -> String {
        switch truncation {
        case .end: TextLayout.truncate(text, to: width, ellipsis: ellipsis)
        case .middle: TextLayout.truncateMiddle(text, to: width, ellipsis: ellipsis)
        case .words: TextLayout.truncateAtWords(text, to: width, ellipsis: ellipsis)
        }
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
