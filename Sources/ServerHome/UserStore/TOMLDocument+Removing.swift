extension TOMLDocument {
    /// The text without the lines of `key` in `table`, all of them when its value spans several (an array, a
    /// multi-line string), every other byte kept; unchanged when the key is absent.
    func removing(_ table: String, _ key: String) -> String {
        guard let entry = entries.last(where: { $0.table == table && $0.key == key }) else { return lines.joined(separator: newline) }
        var kept = lines
        kept.removeSubrange(entry.line - 1..<entry.lastLine)
        return kept.joined(separator: newline)
    }
}
