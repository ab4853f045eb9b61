import CShims
import Foundation
import Testing
@testable import SecureXML

/// xmlsec's base64 transform decodes alphabet characters and whitespace in bulk, and encodes three bytes at a time
/// (cs_xmlsec_use_fast_base64). Held here to xmlsec's own decoder and encoder, on the same input pushed in the same
/// chunks: the same bytes, or both refuse.
@Suite struct FastBase64Tests {
    /// The decoded bytes through the fast path or xmlsec's own, nil when refused.
    static func decode(_ text: [UInt8], chunk: Int, reference: Bool) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: text.count + 16)
        let length = cs_base64_transform(text, text.count, chunk, 0, reference ? 1 : 0, &out, out.count)
        return length < 0 ? nil : Array(out.prefix(length))
    }

    /// The encoded text through the fast path or xmlsec's own (64 columns, as xmlsec writes a CipherValue).
    static func encode(_ data: [UInt8], chunk: Int, reference: Bool) -> String? {
        var out = [UInt8](repeating: 0, count: data.count * 2 + 64)
        let length = cs_base64_transform(data, data.count, chunk, 1, reference ? 1 : 0, &out, out.count)
        return length < 0 ? nil : String(decoding: out.prefix(length), as: UTF8.self)
    }

    /// Every length from 0 to 200 and a long one, pushed whole, a byte at a time and in chunks that cut groups and
    /// lines; and the text decodes back to the data.
    @Test func encodesAsXMLSecDoes() throws {
        try XMLLibrary.ensure()
        for length in Array(0...200) + [3000, 4099] {
            let data = (0..<length).map { UInt8(truncatingIfNeeded: ($0 &* 7919) >> 3) }
            for chunk in [1, 2, 3, 5, 47, 48, 49, 1024, 5000] {
                let fast = Self.encode(data, chunk: chunk, reference: false), reference = Self.encode(data, chunk: chunk, reference: true)
                #expect(fast == reference, "length \(length), chunks of \(chunk)")
                if fast != reference { return }
            }
            let text = try #require(Self.encode(data, chunk: 1024, reference: false))
            #expect(Data(base64Encoded: text, options: .ignoreUnknownCharacters) == Data(data), "length \(length)")
        }
        let before = cs_xmlsec_fast_base64_bytes()
        _ = Self.encode(Array(repeating: 7, count: 3000), chunk: 1024, reference: false)
        #expect(cs_xmlsec_fast_base64_bytes() - before == 3000)
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
