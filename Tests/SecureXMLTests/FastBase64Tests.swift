import CShims
import Foundation
import Testing
@testable import SecureXML

/// xmlsec's base64 transform decodes alphabet characters and whitespace in bulk (cs_xmlsec_use_fast_base64). Held
/// here to xmlsec's own decoder, on the same input pushed in the same chunks: the same bytes, or both refuse.
@Suite struct FastBase64Tests {
    /// The decoded bytes through the fast path or xmlsec's own, nil when refused.
    static func decode(_ text: [UInt8], chunk: Int, reference: Bool) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: text.count + 16)
        let length = cs_base64_transform_decode(text, text.count, chunk, reference ? 1 : 0, &out, out.count)
        return length < 0 ? nil : Array(out.prefix(length))
    }

    static func compare(_ text: [UInt8], chunks: [Int] = [1, 3, 4, 5, 64, 1024, 4096], _ label: String) {
        for chunk in chunks {
            let fast = decode(text, chunk: chunk, reference: false), reference = decode(text, chunk: chunk, reference: true)
            #expect(fast == reference, "\(label), chunks of \(chunk): \(String(decoding: text.prefix(80), as: UTF8.self))")
        }
    }

    @Test func takesThePathAndDecodesAsXMLSecDoes() throws {
        try XMLLibrary.ensure()
        let data = (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7919 >> 3) }
        let text = Array(Data(data).base64EncodedString().utf8)
        // 3000 bytes need no padding: all of it goes the fast way, and so does a text wrapped at 64 columns (as
        // xmlsec writes a CipherValue) pushed in xmlsec's chunks of 1024 bytes, which cut groups and lines.
        let wrapped = Array(Data(data).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed]).utf8)
        for input in [text, wrapped] {
            let before = cs_xmlsec_fast_base64_bytes()
            #expect(Self.decode(input, chunk: 1024, reference: false) == data)
            #expect(cs_xmlsec_fast_base64_bytes() - before == UInt(input.count))
            #expect(Self.decode(input, chunk: 1024, reference: true) == data)
        }
    }

    @Test func paddingWhitespaceAndLineBreaks() throws {
        try XMLLibrary.ensure()
        for length in 0..<40 {
            let data = Data((0..<length).map { UInt8($0 * 37 & 0xFF) })
            Self.compare(Array(data.base64EncodedString().utf8), "length \(length)")
            Self.compare(Array(data.base64EncodedString(options: [.lineLength64Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]).utf8), "wrapped \(length)")
            Self.compare(Array(("  \t" + data.base64EncodedString().map { "\($0) " }.joined() + "\n").utf8), "spaced \(length)")
        }
        let long = Data((0..<5000).map { UInt8($0 & 0xFF) })
        Self.compare(Array(long.base64EncodedString(options: .lineLength76Characters).utf8), "76 columns")
    }

    @Test func malformedInputIsRefusedAlike() throws {
        try XMLLibrary.ensure()
        let cases = ["QUJD=", "QUJDRA==QUJD", "QUJDRA=A", "QU=JD", "=QUJD", "QUJD*RUZH", "QUJDRUZH-", "QUJDRUZ\u{00}", "QUJ", "Q", "====",
                     "QUJDRA== ", "QUJDRA=\n=", "QUJD\u{85}RUZH", "QUJDRUZHSElK_0123", "QUJD RUZH\tSElK\rTE1O\nUFFS"]
        for text in cases { Self.compare(Array(text.utf8), "case \(text.debugDescription)") }
    }

    @Test func generatedInputAgrees() throws {
        try XMLLibrary.ensure()
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let others = Array("= \t\r\n*-_.\u{0}".utf8) + [0x85, 0xFF]
        for round in 0..<300 {
            let length = Int.random(in: 0..<200, using: &generator)
            let text = (0..<length).map { _ in
                Int.random(in: 0..<20, using: &generator) == 0 ? others.randomElement(using: &generator)! : alphabet.randomElement(using: &generator)!
            }
            Self.compare(text, chunks: [1, 2, 4, 7, 64, 1024], "round \(round)")
        }
    }
}
