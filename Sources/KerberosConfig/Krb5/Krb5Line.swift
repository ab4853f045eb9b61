/// One line of a krb5.conf, classified the way MIT's profile parser reads it (`prof_parse.c`).
///
/// The raw bytes are kept as read, terminator included, so a document that is written back without an edit
/// on this line gives it back byte for byte.
public struct Krb5Line: Sendable, Equatable {
    /// What the line is.
    public enum Kind: Sendable, Equatable {
        case blank
        /// `#` or `;` after optional blanks; also any line before the first section, which libkrb5 skips.
        case comment
        /// `include PATH`, `includedir DIR` or `module PATH:RESIDUAL`, which libkrb5 only honours at column 0.
        case directive(name: String, argument: String)
        /// `[name]`, with `*` after the bracket marking the section final.
        case sectionHeader(name: String, isFinal: Bool)
        /// `tag = value`; `tag*` marks the relation final.
        case relation(name: String, value: String, isFinal: Bool)
        /// `tag = {` (or `tag =` with the brace on the next line): opens a subsection.
        case groupOpen(name: String, isFinal: Bool, braceOnNextLine: Bool)
        /// The lone `{` that completes a `tag =` line.
        case openBrace
        /// `}`, with `*` marking the subsection final.
        case groupClose(isFinal: Bool)
        /// A line libkrb5 would reject or misread; the text says why.
        case invalid(String)
    }

    /// The bytes of the line as read, with its terminator (`\n`, `\r\n`, or nothing on a last line).
    public let raw: [UInt8]
    /// The line's text without its terminator.
    public let text: String
    public let kind: Kind

    init(raw: [UInt8], kind: Kind) {
        self.raw = raw
        var body = raw[...]
        if body.last == UInt8(ascii: "\n") { body = body.dropLast() }
        if body.last == UInt8(ascii: "\r") { body = body.dropLast() }
        text = String(decoding: body, as: UTF8.self)
        self.kind = kind
    }

    /// The leading blanks of the line, to indent a new line like this one.
    var indentation: String { String(text.prefix { $0 == " " || $0 == "\t" }) }

    /// The line's terminator as read.
    var terminator: [UInt8] {
        if raw.last != UInt8(ascii: "\n") { return [] }
        return raw.count >= 2 && raw[raw.count - 2] == UInt8(ascii: "\r") ? Array("\r\n".utf8) : Array("\n".utf8)
    }
}
