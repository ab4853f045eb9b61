/// A TOML value of the subset the settings use: strings (escapes decoded), integers, booleans and arrays of them.
/// What TOML allows and no setting of ours is (a float, a date, an inline table) is kept as `other`, so that a
/// Micro Integrator deployment.toml using it still reads.
enum TOMLValue: Equatable {
    case string(String), integer(Int), bool(Bool), array([TOMLValue])
    /// Valid TOML the settings never read as a value: its text.
    case other(String)

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// The value as TOML text.
    var text: String {
        switch self {
        case .string(let s): Self.quoted(s)
        case .integer(let n): String(n)
        case .bool(let b): String(b)
        case .array(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .other(let text): text
        }
    }

    /// A basic string: backslash, quote and control characters escaped, so that reading it gives `s` back.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Reads one value from the text after `=` (several lines when an array spans them), or says why it cannot.
struct TOMLValueReader {
    /// Arrays nest one or two levels in practice; deeper nesting made reading slow.
    static let maxDepth = 32
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// The value, with nothing but whitespace and a comment after it; the error is a reason for the operator.
    static func read(_ text: String) -> Result<TOMLValue, TOMLError> {
        var reader = TOMLValueReader(text)
        do {
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.atEnd || reader.peek == "#" else { throw TOMLError("unexpected text after the value") }
            return .success(value)
        } catch let error as TOMLError {
            return .failure(error)
        } catch {
            return .failure(TOMLError("\(error)"))
        }
    }

    /// True when `text` opens more brackets than it closes (outside strings): an array continued on the next line.
    static func isOpenArray(_ text: String) -> Bool {
        var depth = 0, quote: Unicode.Scalar?, escaped = false, comment = false
        for scalar in text.unicodeScalars {
            if comment {
                if scalar == "\n" { comment = false }
            } else if let q = quote {
                if escaped { escaped = false } else if scalar == "\\" && q == "\"" { escaped = true } else if scalar == q { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "#" {
                comment = true
            } else if scalar == "[" {
                depth += 1
            } else if scalar == "]" {
                depth -= 1
            }
        }
        return depth > 0
    }

    private var atEnd: Bool { index >= scalars.count }
    private var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    private mutating func skipSpace(newlines: Bool = false) {
        while let c = peek {
            if c == " " || c == "\t" || (newlines && (c == "\n" || c == "\r")) {
                index += 1
            } else if newlines && c == "#" {
                while let d = peek, d != "\n" { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func value(depth: Int) throws -> TOMLValue {
        skipSpace()
        switch peek {
        case "\""?, "'"?: return .string(try string())
        case "["?: return try array(depth: depth + 1)
        case "{"?: return .other(try inlineTable())
        case nil: throw TOMLError("the value is missing")
        default: return try bare()
        }
    }

    /// A basic string ("...", backslash escapes decoded) or a literal one ('...', taken as written); either may be
    /// multi-line (three quotes).
    private mutating func string() throws -> String {
        let quote = scalars[index]
        if index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote { return try multiline(quote) }
        index += 1
        var out = String.UnicodeScalarView()
        while let c = peek {
            index += 1
            if c == quote { return String(out) }
            if c == "\\" && quote == "\"" {
                out.append(try escape())
            } else if Self.isForbiddenControl(c) {
                throw TOMLError("a control character (U+\(String(c.value, radix: 16, uppercase: true))) inside a string")
            } else {
                out.append(c)
            }
        }
        throw TOMLError("the string has no closing \(quote)")
    }

    /// A `"""` or `'''` string: a newline right after the opening quotes is dropped; in a basic one, a backslash at
    /// the end of a line drops the line break and the whitespace after it.
    private mutating func multiline(_ quote: Unicode.Scalar) throws -> String {
        index += 3
        if peek == "\r" { index += 1 }
        if peek == "\n" { index += 1 }
        var out = String.UnicodeScalarView()
        while let c = peek {
            if c == quote, index + 2 < scalars.count, scalars[index + 1] == quote, scalars[index + 2] == quote {
                index += 3
                return String(out)
            }
            index += 1
            if c == "\\" && quote == "\"" {
                if let next = peek, next == "\n" || next == "\r" || next == " " || next == "\t" {
                    while let w = peek, w == "\n" || w == "\r" || w == " " || w == "\t" { index += 1 }
                } else {
                    out.append(try escape())
                }
            } else if Self.isForbiddenControl(c) && c != "\n" && c != "\r" {
                throw TOMLError("a control character (U+\(String(c.value, radix: 16, uppercase: true))) inside a string")
            } else {
                out.append(c)
            }
        }
        throw TOMLError("the multi-line string has no closing \(quote)\(quote)\(quote)")
    }

    /// Whether `text` opens a multi-line string it does not close (it continues on the next lines).
    static func isOpenMultilineString(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        for quote in ["\"\"\"", "'''"] where trimmed.hasPrefix(quote) {
            return trimmed.dropFirst(3).components(separatedBy: quote).count < 2
        }
        return false
    }

    /// The character a backslash escape stands for, the backslash read.
    private mutating func escape() throws -> Unicode.Scalar {
        guard let e = peek else { throw TOMLError("the string has no closing \"") }
        index += 1
        switch e {
        case "b": return "\u{8}"
        case "t": return "\t"
        case "n": return "\n"
        case "f": return "\u{C}"
        case "r": return "\r"
        case "\"": return "\""
        case "\\": return "\\"
        case "u", "U":
            let count = e == "u" ? 4 : 8
            guard index + count <= scalars.count,
                  let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + count])), radix: 16),
                  let scalar = Unicode.Scalar(code) else { throw TOMLError("\\\(e) needs \(count) hex digits of a Unicode character") }
            index += count
            return scalar
        default: throw TOMLError("\\\(Character(e)) is not a TOML escape (\\\\, \\\", \\n, \\t, \\uXXXX ...)")
        }
    }

    /// TOML allows no control character in a one-line string but the tab.
    private static func isForbiddenControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t") || c.value == 0x7F
    }

    private mutating func array(depth: Int) throws -> TOMLValue {
        guard depth <= Self.maxDepth else { throw TOMLError("arrays nested deeper than \(Self.maxDepth) levels") }
        index += 1
        var items: [TOMLValue] = []
        while true {
            skipSpace(newlines: true)
            if peek == "]" { index += 1; return .array(items) }
            items.append(try value(depth: depth))
            skipSpace(newlines: true)
            if peek == "," { index += 1; continue }
            guard peek == "]" else { throw TOMLError(atEnd ? "the array has no closing ]" : "items of an array are separated by commas") }
        }
    }

    /// An inline table, kept as text: no setting is one.
    private mutating func inlineTable() throws -> String {
        let start = index
        var depth = 0
        while let c = peek {
            switch c {
            case "\"", "'": _ = try string(); continue
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
            index += 1
            if depth == 0 { return String(String.UnicodeScalarView(scalars[start..<index])) }
        }
        throw TOMLError("the inline table has no closing }")
    }

    /// true, false, an integer, or another bare TOML value (a float, a date) kept as text.
    private mutating func bare() throws -> TOMLValue {
        let start = index
        func scan() { while let c = peek, !(c == "," || c == "]" || c == "#" || c == " " || c == "\t" || c == "\n" || c == "\r") { index += 1 } }
        scan()
        var text = String(String.UnicodeScalarView(scalars[start..<index]))
        // TOML lets a space stand for the T between a date and its time: 1979-05-27 07:32:00Z.
        if text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil, index + 3 < scalars.endIndex, scalars[index] == " ",
           ("0"..."9").contains(scalars[index + 1]), ("0"..."9").contains(scalars[index + 2]), scalars[index + 3] == ":" {
            index += 1
            scan()
            text = String(String.UnicodeScalarView(scalars[start..<index]))
        }
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let n = Int(text.replacingOccurrences(of: "_", with: "")), !text.hasPrefix("_"), !text.hasSuffix("_") { return .integer(n) }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            if let n = Int(text.dropFirst(2).replacingOccurrences(of: "_", with: ""), radix: radix) { return .integer(n) }
        }
        if text.wholeMatch(of: /[+-]?(inf|nan|[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9_]+)?)/) != nil
            || text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9:.]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?|[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?/) != nil {
            return .other(text)
        }
        // Never the text itself: an unquoted value is often a password, and the message lands in logs.
        throw TOMLError(text.isEmpty ? "the value is missing" : "not a TOML value (a string needs quotes)")
    }
}

/// Why a value does not read.
struct TOMLError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
