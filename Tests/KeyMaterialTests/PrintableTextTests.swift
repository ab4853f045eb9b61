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
