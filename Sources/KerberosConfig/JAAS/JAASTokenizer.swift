/// One token of a jaas.conf, with the bytes it came from.
struct JAASToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case word(String)
        /// A `"..."` string, unescaped; `terminated` is false when the line ended first (Java accepts that).
        case quoted(String, terminated: Bool)
        /// A `'...'` string: Java's tokenizer reads it, but the configuration parser rejects it.
        case singleQuoted(String)
        /// What Java's tokenizer reads as a number (`1`, `-2`, `.5`): Java then rejects it as an option value.
        case number(String)
        /// `{`, `}`, `;`, `=`, or any other single character.
        case symbol(Character)
    }

    let kind: Kind
    /// Byte offsets of the token in the file, quotes included.
    let range: Range<Int>
    /// 1-based line of the token's first byte.
    let line: Int

    /// The text of a word or string token (what Java passes on as a name or value).
    var text: String? {
        switch kind {
        case .word(let s), .quoted(let s, _): s
        default: nil
        }
    }
}

/// A remark about the bytes between tokens that Java reads differently from how they look.
struct JAASLexicalNote: Sendable, Equatable {
    let line: Int
    let message: String
}

/// Splits a jaas.conf the way Java's `ConfigFile` does: `java.io.StreamTokenizer` with `//` and `/* */`
/// comments, `"` strings with Java escapes, words of letters, digits, `.`, `$`, `_`, `-`, `*`, and numbers.
/// Its quirks are kept on purpose (a lone `/` comments out the rest of its line), since the point is to say
/// what Java will read.
struct JAASTokenizer {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private(set) var notes: [JAASLexicalNote] = []
    /// The text of each comment, its markers left out (after `/*` up to `*/` or the end of the file, after `//` or a
    /// lone `/` up to the end of the line): what Java skips, where a commented-out option can still hold a secret.
    private(set) var comments: [Range<Int>] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Every token of the file, in order.
    mutating func tokens() -> [JAASToken] {
        var result: [JAASToken] = []
        while let token = next() { result.append(token) }
        return result
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private static func isWordStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 || b == UInt8(ascii: "$") || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "*")
    }

    private static func isDigitClass(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
    }

    private mutating func next() -> JAASToken? {
        while let b = peek() {
            if b <= 0x20 {
                if b == UInt8(ascii: "\n") { line += 1 }
                position += 1
            } else if b == UInt8(ascii: "/") {
                skipComment()
            } else {
                break
            }
        }
        guard let b = peek() else { return nil }
        let start = position, startLine = line
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
            return quoted(b, start: start, line: startLine)
        }
        if Self.isDigitClass(b) {
            // Java reads "-" not followed by a digit or "." as the character itself.
            if b == UInt8(ascii: "-"), let n = peek(1), !(n >= 0x30 && n <= 0x39) && n != UInt8(ascii: ".") {
                position += 1
                return JAASToken(kind: .symbol("-"), range: start..<position, line: startLine)
            }
            position += 1
            var sawDot = b == UInt8(ascii: ".")
            while let c = peek(), (c >= 0x30 && c <= 0x39) || (c == UInt8(ascii: ".") && !sawDot) {
                if c == UInt8(ascii: ".") { sawDot = true }
                position += 1
            }
            return JAASToken(kind: .number(text(start..<position)), range: start..<position, line: startLine)
        }
        if Self.isWordStart(b) {
            while let c = peek(), Self.isWordStart(c) || Self.isDigitClass(c) { position += 1 }
            return JAASToken(kind: .word(text(start..<position)), range: start..<position, line: startLine)
        }
        position += 1
        return JAASToken(kind: .symbol(Character(Unicode.Scalar(b))), range: start..<position, line: startLine)
    }

    private func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    private mutating func skipComment() {
        let startLine = line
        if peek(1) == UInt8(ascii: "*") {
            position += 2
            let start = position
            while let b = peek() {
                if b == UInt8(ascii: "*") && peek(1) == UInt8(ascii: "/") {
                    comments.append(start..<position)
                    position += 2
                    return
                }
                if b == UInt8(ascii: "\n") { line += 1 }
                position += 1
            }
            comments.append(start..<position)
            notes.append(JAASLexicalNote(line: startLine, message: "the comment opened with /* here is never closed: Java ignores the rest of the file"))
            return
        }
        if peek(1) != UInt8(ascii: "/") {
            notes.append(JAASLexicalNote(line: startLine, message: "an unquoted '/' starts a comment that runs to the end of the line: quote paths, as in keyTab=\"/etc/krb5.keytab\""))
        }
        position += peek(1) == UInt8(ascii: "/") ? 2 : 1
        let start = position
        while let b = peek(), b != UInt8(ascii: "\n") { position += 1 }
        comments.append(start..<position)
    }

    /// A quoted string with StreamTokenizer's escapes; it ends at its quote, at the end of the line, or the file.
    private mutating func quoted(_ quote: UInt8, start: Int, line startLine: Int) -> JAASToken {
        position += 1
        var value: [UInt8] = []
        var terminated = false
        while let b = peek(), b != UInt8(ascii: "\n"), b != UInt8(ascii: "\r") {
            position += 1
            if b == quote { terminated = true; break }
            guard b == UInt8(ascii: "\\"), let e = peek() else { value.append(b); continue }
            position += 1
            switch e {
            case UInt8(ascii: "a"): value.append(7)
            case UInt8(ascii: "b"): value.append(8)
            case UInt8(ascii: "f"): value.append(12)
            case UInt8(ascii: "n"): value.append(10)
            case UInt8(ascii: "r"): value.append(13)
            case UInt8(ascii: "t"): value.append(9)
            case UInt8(ascii: "v"): value.append(11)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var code = Int(e - 0x30)
                let limit = e <= UInt8(ascii: "3") ? 2 : 1
                for _ in 0..<limit {
                    guard let d = peek(), d >= 0x30 && d <= 0x37 else { break }
                    code = code * 8 + Int(d - 0x30)
                    position += 1
                }
                value.append(UInt8(code & 0xFF))
            default: value.append(e)
            }
        }
        let text = String(decoding: value, as: UTF8.self)
        if quote == UInt8(ascii: "'") {
            return JAASToken(kind: .singleQuoted(text), range: start..<position, line: startLine)
        }
        return JAASToken(kind: .quoted(text, terminated: terminated), range: start..<position, line: startLine)
    }
}
