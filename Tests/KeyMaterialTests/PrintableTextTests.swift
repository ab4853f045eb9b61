import Foundation
import KeyMaterial
import Testing

/// Text from outside printed on the operator's terminal: what could drive it or forge a line is shown escaped.
@Suite struct PrintableTextTests {
    @Test func controlsSeparatorsAndBidiOverridesAreEscaped() {
        #expect(PrintableText.escaped("a\nb\u{1b}[31mc\u{7f}\u{85}") == #"a\x0ab\x1b[31mc\x7f\x85"#)
        #expect(PrintableText.escaped("x\u{2028}y\u{202e}z\u{2066}") == #"x\u{2028}y\u{202e}z\u{2066}"#)
    }

    @Test func printableTextIsKept() {
        for text in ["urn:uuid:5f0c-77", "Müller, Zoë", "社内サービス", "tab-free, quote \" and backslash \\"] {
            #expect(PrintableText.escaped(text) == text)
        }
    }
}

extension PrintableTextTests {
    /// A whole output: its own line breaks (LF, CRLF) and tabs stay; a lone CR or ESC inside a line does not.
    @Test func linesKeepTheirEndsAndTabs() {
        #expect(PrintableText.escapedLines("a\tb\nc\r\nd\n") == "a\tb\nc\r\nd\n")
        #expect(PrintableText.escapedLines("ok\rforged\n\u{1b}]0;title\u{7}x") == #"ok\x0dforged"# + "\n" + #"\x1b]0;title\x07x"#)
    }
}

extension PrintableTextTests {
    /// JSON stays data: what the encoder leaves raw that a terminal acts on (C1, DEL, separators, bidirectional
    /// controls) becomes a \u escape that decodes to the same string; the layout's line breaks stay.
    @Test func jsonGetsUnicodeEscapesThatDecodeTheSame() throws {
        let value = ["name": "x\u{9B}2J\u{7F}y\u{202E}z\u{2028}\n\u{1B}ü日本"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        let escaped = PrintableText.escapedJSON(json)
        #expect(escaped == "{\n  \"name\" : \"x\\u009b2J\\u007fy\\u202ez\\u2028\\n\\u001bü日本\"\n}")
        #expect(try JSONDecoder().decode([String: String].self, from: Data(escaped.utf8)) == value)
        #expect(PrintableText.escapedJSON("{\"a\" : \"plain\"}") == "{\"a\" : \"plain\"}")
    }
}
