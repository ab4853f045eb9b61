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

extension PrintableTextTests {
    /// The numeric ranges are exactly the Unicode properties they stand for, over every scalar: general category Cc
    /// (control), Zl and Zp (the separators), and the explicit bidirectional controls.
    @Test func theRangesAreTheUnicodeCategories() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let category = scalar.properties.generalCategory
            let bidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            let unsafe = category == .control || category == .lineSeparator || category == .paragraphSeparator || bidi
            if PrintableText.isControl(scalar) != (category == .control) || PrintableText.isUnsafe(scalar) != unsafe {
                Issue.record("U+\(String(value, radix: 16)): \(category)")
                return
            }
        }
    }
}
