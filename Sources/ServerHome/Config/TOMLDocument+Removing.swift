extension TOMLDocument {
    /// The text without the lines of `key` in `table`, all of them when its value spans several (an array, a
    /// multi-line string), every other byte kept; unchanged when the key is absent.
    func removing(_ table: String, _ key: String) -> String {
        guard let entry = entries.last(where: { $0.table == table && $0.key == key }) else { return lines.joined(separator: newline) }
        var kept = lines
        kept.removeSubrange(entry.line - 1..<entry.lastLine)
        return kept.joined(separator: newline)
    }

    /// The text without the header of `table` when no key is left in it, with the comments that are its own: those
    /// under the header, and those just above it after a blank line. A comment just above the next header is that
    /// table's and stays; so does a blank line that separated the table from the one before. Unchanged when the
    /// table has a key or no header.
    func removingEmptyTable(_ table: String) -> String {
        guard let header = headers[table].map({ $0 - 1 }), !entries.contains(where: { $0.table == table }),
              !lines[header].hasPrefix("\u{FEFF}") else { return lines.joined(separator: newline) }
        func isBlank(_ index: Int) -> Bool { lines[index].trimmed.isEmpty }
        func isComment(_ index: Int) -> Bool { !isBlank(index) && Self.stripComment(lines[index]).trimmed.isEmpty }
        // Without keys, everything up to the next header (or the end) is comments and blank lines.
        var end = header + 1
        while end < lines.count, isBlank(end) || isComment(end) { end += 1 }
        if end < lines.count { while end - 1 > header, isComment(end - 1) { end -= 1 } }
        while end - 1 > header, isBlank(end - 1) { end -= 1 }
        var start = header
        while start > 0, isComment(start - 1) { start -= 1 }
        if start == 0 || !isBlank(start - 1) { start = header }
        var kept = lines
        kept.removeSubrange(start..<end)
        // One blank line where the table was, not the two that were around it.
        while start < kept.count, kept[start].trimmed.isEmpty, start == 0 || kept[start - 1].trimmed.isEmpty {
            kept.remove(at: start)
        }
        return kept.joined(separator: newline)
    }
}
