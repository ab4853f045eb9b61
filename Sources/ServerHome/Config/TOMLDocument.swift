import Foundation

/// A reader for the subset of TOML that console.toml and WSO2's deployment.toml use: `[table]`, `[[array]]`,
/// `key = "string" | 'literal' | number | true/false | [list]`, comments. It keeps the lines, so a later editor can
/// change one value and leave every other byte as it was.
struct TOMLDocument {
    struct Entry {
        var table: String
        var key: String
        var value: TOMLValue
        var line: Int
    }

    private(set) var lines: [String]
    /// The file's own line ending ("\r\n" for a file saved on Windows), used when lines are joined again.
    private(set) var newline = "\n"
    private(set) var entries: [Entry] = []
    /// Every (table, key) asked for, shared by the copies: what a reader did not ask for has no effect.
    private let asked = AskedKeys()

    /// The entries nobody asked for (a misspelt key, one under the wrong table).
    var unasked: [Entry] { entries.filter { !asked.contains($0.table, $0.key) } }

    /// The keys of `table` that were asked for, present or not.
    func askedKeys(in table: String) -> [String] { asked.keys(in: table) }

    init(text: String) throws(HomeError) {
        newline = text.contains("\r\n") ? "\r\n" : "\n"
        lines = LineDiff.lines(text).map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
        var table = ""
        var arrayCounts: [String: Int] = [:]
        for (index, raw) in lines.enumerated() {
            let line = Self.stripComment(raw).trimmed
            if line.isEmpty { continue }
            if line.hasPrefix("[[") && line.hasSuffix("]]") {
                let name = String(line.dropFirst(2).dropLast(2)).trimmed
                table = "\(name)[\(arrayCounts[name, default: 0])]"
                arrayCounts[name, default: 0] += 1
            } else if line.hasPrefix("[") && line.hasSuffix("]") {
                table = String(line.dropFirst().dropLast()).trimmed
            } else if let eq = line.firstIndex(of: "=") {
                let key = String(line[..<eq]).trimmed.replacingQuotes
                guard let value = TOMLValue(parsing: String(line[line.index(after: eq)...]).trimmed) else {
                    throw HomeError(.homeUnreadable, "line \(index + 1): cannot read the value of \(key)", fix: "Quote strings with \"...\".")
                }
                entries.append(Entry(table: table, key: key, value: value, line: index + 1))
            } else {
                throw HomeError(.homeUnreadable, "line \(index + 1): expected key = value or [table]")
            }
        }
    }

    static let empty = try! TOMLDocument(text: "")

    /// The value of `key` in `table` (array tables are named `name[0]`, `name[1]`...).
    func value(_ table: String, _ key: String) -> TOMLValue? {
        asked.insert(table, key)
        return entries.last { $0.table == table && $0.key == key }?.value
    }

    /// The text with `key` in `table` set to `value`: only that line changes (its indentation and trailing comment
    /// stay); a missing key goes after the table's last entry, a missing table at the end of the file.
    func setting(_ table: String, _ key: String, to value: TOMLValue) -> String {
        var lines = self.lines
        if let entry = entries.last(where: { $0.table == table && $0.key == key }) {
            let line = lines[entry.line - 1]
            let eq = line.firstIndex(of: "=")!
            let rest = line[line.index(after: eq)...]
            let comment = Self.stripComment(String(rest)).count < rest.count ? String(rest.dropFirst(Self.stripComment(String(rest)).count)) : ""
            lines[entry.line - 1] = String(line[...eq]) + " " + value.text + (comment.isEmpty ? "" : " " + comment.trimmed)
        } else if let last = entries.last(where: { $0.table == table }) {
            lines.insert("\(key) = \(value.text)", at: last.line)
        } else {
            if lines.last == "" { lines.removeLast() }
            lines += ["", "[\(table)]", "\(key) = \(value.text)", ""]
        }
        return lines.joined(separator: newline)
    }

    /// Names of the tables that have entries, in file order.
    var tables: [String] {
        var seen: [String] = []
        for e in entries where !seen.contains(e.table) { seen.append(e.table) }
        return seen
    }

    private static func stripComment(_ line: String) -> String {
        var inString: Character?
        for (i, c) in zip(line.indices, line) {
            if let q = inString { if c == q { inString = nil } } else if c == "\"" || c == "'" { inString = c } else if c == "#" {
                return String(line[..<i])
            }
        }
        return line
    }
}

/// A TOML value of the supported subset.
enum TOMLValue: Equatable {
    case string(String), integer(Int), bool(Bool), array([TOMLValue])

    init?(parsing text: String) {
        if text.count >= 2, let q = text.first, q == "\"" || q == "'", text.last == q {
            self = .string(String(text.dropFirst().dropLast()))
        } else if text == "true" || text == "false" {
            self = .bool(text == "true")
        } else if let n = Int(text) {
            self = .integer(n)
        } else if text.hasPrefix("[") && text.hasSuffix("]") {
            let items = text.dropFirst().dropLast().split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
            var values: [TOMLValue] = []
            for item in items {
                guard let v = TOMLValue(parsing: item) else { return nil }
                values.append(v)
            }
            self = .array(values)
        } else {
            return nil
        }
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }

    /// The value as TOML text.
    var text: String {
        switch self {
        case .string(let s): "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .integer(let n): String(n)
        case .bool(let b): String(b)
        case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        }
    }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
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
