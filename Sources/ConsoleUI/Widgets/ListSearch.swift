/// `/` search in a list, with `n`/`N` for the next and previous match (less, vim, tig). While the
/// query is typed every printable key belongs to it; Enter keeps it, Esc drops it.
public struct ListSearch: Sendable, Equatable {
    public private(set) var query = ""
    public private(set) var isEditing = false
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
        KeyHelp(keys: [.backspace], description: "Delete the last character", group: "Search"),
    ]

    /// What the status line shows while searching, or after a search found nothing.
    public var status: StatusText? {
        if isEditing {
            return StatusText("Search: " + query + "_" + (pasteNote.map { "   (pasted: \($0))" } ?? ""), isError: !lastFound)
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
                query = ""
                lastFound = true
            case .backspace:
                if !query.isEmpty { query.removeLast() }
                jump(in: texts, list: &list, from: list.selected, step: 1)
            case .char(let c):
                query.append(c)
                jump(in: texts, list: &list, from: list.selected, step: 1)
            case .paste(let paste):
                let (line, leftOut) = paste.firstLine(room: FormField.maxLength - query.unicodeScalars.count)
                query += line
                pasteNote = leftOut
                jump(in: texts, list: &list, from: list.selected, step: 1)
            case .function, .ctrl, .resize: return nil    // F10, Ctrl-L and resizes keep working
            default: break
            }
            return .redraw
        }
        switch key {
        case .char("/"):
            isEditing = true
            query = ""
            lastFound = true
        case .char("n") where !query.isEmpty: jump(in: texts, list: &list, from: list.selected + 1, step: 1)
        case .char("N") where !query.isEmpty: jump(in: texts, list: &list, from: list.selected - 1, step: -1)
        default: return nil
        }
        return .redraw
    }

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
