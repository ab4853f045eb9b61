extension TOMLDocument {
    /// The text without the line of `key` in `table` (every other byte kept); unchanged when the key is absent.
    func removing(_ table: String, _ key: String) -> String {
        guard let entry = entries.last(where: { $0.table == table && $0.key == key }) else { return lines.joined(separator: newline) }
        var kept = lines
        kept.remove(at: entry.line - 1)
        return kept.joined(separator: newline)
    }
}
