/// `/` search in a list, with `n`/`N` for the next and previous match (less, vim, tig). While the
/// query is typed every printable key belongs to it, edited as a form's text field is (`LineEditor`: the cursor,
/// Left/Right, Home/End, Del, ^W, ^K, ^U, paste at the cursor); Enter keeps it, Esc drops it.
public struct ListSearch: Sendable, Equatable {
    public var query: String { line.text }
    public private(set) var isEditing = false
    private var line = LineEditor("")
    /// What the status line shows of the query, and the cursor's cells in it: taken after every key, as scrolling
    /// sideways remembers where it was.
    private var shownText = "_"
    private var shownCursor = 0..<1
    /// False after the last jump found nothing.
    public private(set) var lastFound = true
    /// What the last paste into the query left out, until the next key.
    private var pasteNote: String?

    public init() {}

    /// The search keys as documentation.
    public static func keyHelp(group: String = "Navigation") -> [KeyHelp] {
        [KeyHelp(keys: [.char("/")], description: "Search (Enter keeps the query, Esc drops it)", group: group,
                 barLabel: "Search"),
         KeyHelp(keys: [.char("n"), .char("N")], description: "Go to the next or previous match", group: group)]
    }

    /// The keys while the query is typed, when a screen's own keys do not act: its key bar shows these then.
    public static let typingKeyHelp: [KeyHelp] = [
        KeyHelp(keys: [.enter], description: "Keep the query and go back to the list", group: "Search", barLabel: "Keep"),
        KeyHelp(keys: [.escape], description: "Drop the query", group: "Search", barLabel: "Drop"),
        KeyHelp(keys: [.left, .right], description: "Move the cursor in the query", group: "Search"),
        KeyHelp(keys: [.home, .ctrl("a"), .end, .ctrl("e")], description: "Go to the start or the end of the query", group: "Search"),
        KeyHelp(keys: [.backspace, .delete], description: "Delete the character before the cursor, or at it", group: "Search"),
        KeyHelp(keys: [.ctrl("w"), .ctrl("k"), .ctrl("u")], description: "Delete the word before the cursor, to the end, or all", group: "Search"),
    ]

    /// The cells of the query the status line shows: its narrowest is 59 cells, "Search: " takes 8.
    static let shownWidth = 50

    /// What the status line shows while searching, or after a search found nothing.
    public var status: StatusText? {
        if isEditing {
            let prompt = "Search: "
            return StatusText(prompt + shownText + (pasteNote.map { "   (pasted: \($0))" } ?? ""), isError: !lastFound,
                              cursor: shownCursor.lowerBound + prompt.count ..< shownCursor.upperBound + prompt.count)
        }
        if !lastFound { return StatusText("Nothing matches \"\(query)\"", isError: true) }
        return nil
    }

    /// Handles a key against `texts` (one per row), moving `list`; nil when the key is not a search key. A paste
    /// is one only while the query is typed (screens pass it on then only).
    public mutating func handle(_ key: Key, in texts: [String], list: inout ListState) -> HandlerResult? {
        pasteNote = nil
        if isEditing {
            switch key {
            case .enter: isEditing = false
            case .escape:
                isEditing = false
                line = LineEditor("")
                lastFound = true
            case .paste(let paste):
                let (pasted, leftOut) = paste.firstLine(room: FormField.maxLength - query.unicodeScalars.count)
                line.insert(pasted)
                pasteNote = leftOut
                jump(in: texts, list: &list, from: list.selected, step: 1)
            // F10, Ctrl-L and resizes keep working; the line's own control keys edit.
            case .function, .resize: return nil
            case .ctrl(let c) where !Self.editingControls.contains(c): return nil
            default:
                if line.edit(key, maxLength: FormField.maxLength) == .changed { jump(in: texts, list: &list, from: list.selected, step: 1) }
            }
            let visible = line.visible(width: Self.shownWidth, ellipsis: "…")
            shownText = visible.text
            shownCursor = visible.cursor.column ..< visible.cursor.column + visible.cursor.cells
            return .redraw
        }
        switch key {
        case .char("/"):
            isEditing = true
            line = LineEditor("")
            shownText = "_"
            shownCursor = 0..<1
            lastFound = true
        case .char("n") where !query.isEmpty: jump(in: texts, list: &list, from: list.selected + 1, step: 1)
        case .char("N") where !query.isEmpty: jump(in: texts, list: &list, from: list.selected - 1, step: -1)
        default: return nil
        }
        return .redraw
    }

    /// The control keys `LineEditor` edits with (^A, ^E, ^W, ^K, ^U).
    private static let editingControls: Set<Character> = ["a", "e", "w", "k", "u"]

    /// Selects the first row from `start` (wrapping around) whose text contains the query, ignoring case.
    private mutating func jump(in texts: [String], list: inout ListState, from start: Int, step: Int) {
        guard !query.isEmpty, !texts.isEmpty else {
            lastFound = true
            return
        }
        let needle = query.lowercased()
        for offset in 0..<texts.count {
            let index = ((start + step * offset) % texts.count + texts.count) % texts.count
            if texts[index].lowercased().contains(needle) {
                list.select(index)
                lastFound = true
                return
            }
        }
        lastFound = false
    }
}
