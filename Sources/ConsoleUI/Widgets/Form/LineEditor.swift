/// The text of a one-line field and the cursor in it: readline's editing keys, for a long LDAP URL, DN or path typed
/// over SSH, or a list's `/` search (`ListSearch`).
///
/// The cursor counts characters (grapheme clusters), not code points or bytes: every position lies between two
/// clusters, so no edit splits an "é" written as e + U+0301 or an emoji of several code points.
struct LineEditor: Sendable, Equatable {
    private(set) var text: String
    /// Characters before the cursor: 0 at the start, `text.count` at the end.
    private(set) var cursor: Int
    /// The first column shown when the text is wider than its field. Kept from frame to frame, so the text scrolls
    /// only when the cursor would leave the field, not at every move.
    private var firstColumn = 0

    /// The cursor starts at the end, where typing goes on.
    init(_ text: String) {
        self.text = text
        cursor = text.count
    }

    /// What a key did to the line.
    enum Edit { case none, moved, changed }

    /// Applies an editing key; `.none` when `key` is none (or does nothing where the cursor is). The line holds at
    /// most `maxLength` code points, as `Paste.firstLine` counts them.
    mutating func edit(_ key: Key, maxLength: Int) -> Edit {
        switch key {
        case .char(let c):
            guard text.unicodeScalars.count < maxLength else { return .none }
            insert(String(c))
            return .changed
        case .left: return move(to: cursor - 1)
        case .right: return move(to: cursor + 1)
        case .home, .ctrl("a"): return move(to: 0)
        case .end, .ctrl("e"): return move(to: text.count)
        case .backspace: return delete(cursor - 1 ..< cursor)
        case .delete: return delete(cursor ..< cursor + 1)
        case .ctrl("w"): return delete(wordStart() ..< cursor)
        case .ctrl("k"): return delete(cursor ..< text.count)
        case .ctrl("u"): return delete(0 ..< text.count)
        default: return .none
        }
    }

    /// Puts `string` at the cursor and the cursor after it.
    mutating func insert(_ string: String) {
        let before = String(text.prefix(cursor)) + string
        text = before + text.dropFirst(cursor)
        // Counted after joining: a combining mark typed after "e" joins it, and is no character of its own.
        cursor = min(before.count, text.count)
    }

    private mutating func move(to position: Int) -> Edit {
        let position = min(max(0, position), text.count)
        guard position != cursor else { return .none }
        cursor = position
        return .moved
    }

    private mutating func delete(_ range: Range<Int>) -> Edit {
        let range = max(0, range.lowerBound) ..< min(text.count, range.upperBound)
        guard !range.isEmpty else { return .none }
        text = String(text.prefix(range.lowerBound) + text.dropFirst(range.upperBound))
        cursor = min(cursor <= range.lowerBound ? cursor : max(range.lowerBound, cursor - range.count), text.count)
        return .changed
    }

    /// Where Ctrl-W deletes back to: over what is not a letter or digit, then over letters and digits. So it takes
    /// "com" off "dc=example,dc=com", then "dc=", rather than the whole DN as a shell's Ctrl-W (up to a space) would.
    private func wordStart() -> Int {
        let before = Array(text.prefix(cursor))
        var start = before.count
        while start > 0, !Self.isWordCharacter(before[start - 1]) { start -= 1 }
        while start > 0, Self.isWordCharacter(before[start - 1]) { start -= 1 }
        return start
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    // MARK: - Drawing

    /// What a field `width` cells wide shows of the line with the cursor in it: the text scrolled sideways so the
    /// cursor is inside (`TextLayout.window`, an ellipsis where it is cut), `_` for the cursor past the end; and the
    /// cursor's cells (two on a wide character), for the caller to mark. Call it for every frame: it remembers how
    /// far the text is scrolled.
    mutating func visible(width: Int, ellipsis: Character) -> (text: String, cursor: (column: Int, cells: Int)) {
        // The cell past the end counts, cursor there or not: the text does not shift when the cursor leaves the end.
        let line = text + (cursor == text.count ? "_" : " ")
        let total = DisplayWidth.of(line)
        let column = DisplayWidth.of(text.prefix(cursor))
        let cells = DisplayWidth.of(line.dropFirst(cursor).prefix(1))
        // Past the left ellipsis, and before the right one unless the window reaches the end; at most as far as
        // fills the field, so deleting at the end brings back what was hidden on the left.
        firstColumn = min(firstColumn, max(0, column - 1))
        firstColumn = max(firstColumn, column + cells - width + 1)
        firstColumn = max(0, min(firstColumn, total - width))
        return (TextLayout.window(line, from: firstColumn, width: width, ellipsis: ellipsis), (column - firstColumn, cells))
    }
}
