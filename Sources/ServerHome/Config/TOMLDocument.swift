import Foundation

/// A reader for the subset of TOML that console.toml and WSO2's deployment.toml use: `[table]`, `[[array]]`,
/// `key = "string" | 'literal' | number | true/false | [list]` (lists may span lines), comments; other TOML values
/// are kept as text (`TOMLValueReader`). It keeps the lines, so a later editor can change one value and leave every
/// other byte as it was.
struct TOMLDocument {
    struct Entry {
        var table: String
        var key: String
        var value: TOMLValue
        var line: Int
        /// The entry's last line: an array may span several.
        var lastLine: Int
    }

    private(set) var lines: [String]
    /// The file's own line ending ("\r\n" for a file saved on Windows), used when lines are joined again.
    private(set) var newline = "\n"
    private(set) var entries: [Entry] = []
    /// Where each table's keys are in `entries`: searching every entry for each setting read, and for each table
    /// listed, was quadratic (a file of 20,000 tables took half a minute to read).
    private var positions: [String: [String: Int]] = [:]
    /// The line of each table's header (1-based), for a table that has no entry yet.
    private(set) var headers: [String: Int] = [:]
    /// Every (table, key) asked for, shared by the copies: what a reader did not ask for has no effect.
    private let asked = AskedKeys()

    /// The entries nobody asked for (a misspelt key, one under the wrong table).
    var unasked: [Entry] { entries.filter { !asked.contains($0.table, $0.key) } }

    /// The keys of `table` that were asked for, present or not.
    func askedKeys(in table: String) -> [String] { asked.keys(in: table) }

    init(text: String) throws(HomeError) {
        try self.init(lines: LineDiff.lines(text).map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 })
        newline = text.contains("\r\n") ? "\r\n" : "\n"
    }

    /// The document of lines already split (without "\r"), joined with "\n" when written.
    init(lines: [String]) throws(HomeError) {
        self.lines = lines
        var table = ""
        var arrayCounts: [String: Int] = [:]
        // TOML defines a table, and a key in it, once; Micro Integrator refuses a file that does it twice.
        var tablesSeen: Set<String> = [], keysSeen: Set<[String]> = []
        var index = -1
        while index + 1 < lines.count {
            index += 1
            // A byte-order mark (Windows editors write one) is not part of the first line's text; the line keeps it.
            let raw = index == 0 ? String(lines[0].drop { $0 == "\u{FEFF}" }) : lines[index]
            let line = Self.stripComment(raw).trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("[[") && line.hasSuffix("]]") {
                let name = String(line.dropFirst(2).dropLast(2)).trimmed
                table = "\(name)[\(arrayCounts[name, default: 0])]"
                arrayCounts[name, default: 0] += 1
                headers[table] = index + 1
            } else if line.hasPrefix("[") && line.hasSuffix("]") {
                table = String(line.dropFirst().dropLast()).trimmed
                guard tablesSeen.insert(table).inserted else {
                    throw HomeError(.homeUnreadable, "line \(index + 1): [\(table)] is defined twice; TOML allows a table once",
                                    fix: "Merge the two [\(table)] tables into one.")
                }
                headers[table] = index + 1
            } else if let eq = line.firstIndex(of: "=") {
                let key = String(line[..<eq]).trimmed.replacingQuotes
                guard !key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    throw HomeError(.homeUnreadable, "line \(index + 1): a key holds a control character", fix: "Remove it: TOML keys are printable text.")
                }
                guard keysSeen.insert([table, key]).inserted else {
                    throw HomeError(.homeUnreadable, "line \(index + 1): \(key) is set twice\(table.isEmpty ? "" : " in [\(table)]"); TOML allows a key once",
                                    fix: "Keep one of the two lines.")
                }
                let first = index
                var text = String(raw[raw.index(after: raw.firstIndex(of: "=")!)...])
                // An array, or a multi-line string, may continue over the next lines until it closes.
                while TOMLValueReader.isOpenArray(text) || TOMLValueReader.isOpenMultilineString(text), index + 1 < lines.count {
                    index += 1
                    text += "\n" + lines[index]
                }
                switch TOMLValueReader.read(text) {
                case .success(let value):
                    positions[table, default: [:]][key] = entries.count
                    entries.append(Entry(table: table, key: key, value: value, line: first + 1, lastLine: index + 1))
                case .failure(let error):
                    throw HomeError(.homeUnreadable, "line \(first + 1): cannot read the value of \(key): \(error.reason)", fix: "Quote strings with \"...\".")
                }
            } else {
                throw HomeError(.homeUnreadable, "line \(index + 1): expected key = value or [table]")
            }
        }
    }

    static let empty = try! TOMLDocument(text: "")

    /// The value of `key` in `table` (array tables are named `name[0]`, `name[1]`...).
    func value(_ table: String, _ key: String) -> TOMLValue? {
        asked.insert(table, key)
        return positions[table]?[key].map { entries[$0].value }
    }

    /// The text with `key` in `table` set to `value`: only that line changes (its indentation and trailing comment
    /// stay); a missing key goes after the table's last entry (in a table without one, after its header and the
    /// comments under it), a missing table at the end of the file.
    func setting(_ table: String, _ key: String, to value: TOMLValue) -> String {
        var lines = self.lines
        if let entry = positions[table]?[key].map({ entries[$0] }) {
            let line = lines[entry.lastLine - 1]
            let eq = lines[entry.line - 1].firstIndex(of: "=")!
            let comment = Self.stripComment(line).count < line.count ? String(line.dropFirst(Self.stripComment(line).count)) : ""
            lines.replaceSubrange(entry.line - 1..<entry.lastLine,
                                  with: [String(lines[entry.line - 1][...eq]) + " " + value.text + (comment.isEmpty ? "" : " " + comment.trimmed)])
        } else if let last = entries.last(where: { $0.table == table }) {
            lines.insert("\(key) = \(value.text)", at: last.lastLine)
        } else if var at = headers[table] {
            // Its keys removed, or never written: a second [table] at the end would define it twice.
            while at < lines.count, !lines[at].trimmed.isEmpty, Self.stripComment(lines[at]).trimmed.isEmpty { at += 1 }
            lines.insert("\(key) = \(value.text)", at: at)
        } else {
            if lines.last == "" { lines.removeLast() }
            lines += ["", "[\(table)]", "\(key) = \(value.text)", ""]
        }
        return lines.joined(separator: newline)
    }

    /// Names of the tables that have entries, in file order.
    var tables: [String] {
        var seen = Set<String>()
        return entries.map(\.table).filter { seen.insert($0).inserted }
    }

    static func stripComment(_ line: String) -> String {
        var inString: Character?, escaped = false
        for (i, c) in zip(line.indices, line) {
            if let q = inString {
                if escaped { escaped = false } else if c == "\\" && q == "\"" { escaped = true } else if c == q { inString = nil }
            } else if c == "\"" || c == "'" {
                inString = c
            } else if c == "#" {
                return String(line[..<i])
            }
        }
        return line
    }
}

extension String {
    var trimmed: String { String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
    fileprivate var replacingQuotes: String { filter { $0 != "\"" && $0 != "'" } }
}

/// The (table, key) pairs a settings reader asked a document for.
final class AskedKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var pairs: [String: [String]] = [:]

    func insert(_ table: String, _ key: String) {
        lock.withLock { if !(pairs[table]?.contains(key) ?? false) { pairs[table, default: []].append(key) } }
    }

    func contains(_ table: String, _ key: String) -> Bool { lock.withLock { pairs[table]?.contains(key) ?? false } }

    func keys(in table: String) -> [String] { lock.withLock { pairs[table] ?? [] } }
}
