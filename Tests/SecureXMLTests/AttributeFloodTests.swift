import CShims
import Foundation
import Testing
@testable import SecureXML

/// A start tag with very many attributes is refused before libxml2 reads it: libxml2 2.9 compares a tag's attributes
/// (and namespace declarations) pairwise first, so 40,000 of them cost 10 s of CPU and 200,000 over a minute before the
/// limit was checked. Every parse path: the tree (in one piece and pushed), the stream, decrypted content.
@Suite struct AttributeFloodTests {
    /// `count` attributes on the m:item element of the fixture envelope.
    static func flood(_ count: Int, name: (Int) -> String = { "a\($0)=\"1\"" }) -> [UInt8] {
        let attributes = (0..<count).map(name).joined(separator: " ")
        return Array(Fixtures.envelope.replacingOccurrences(of: "<m:item ", with: "<m:item \(attributes) ").utf8)
    }

    /// Runs `body` and returns the error it threw and the CPU time of this thread it took, in seconds.
    func timed(_ body: () throws(XMLError) -> Void) -> (XMLError?, Double) {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        do { try body() } catch { return (error, now() - start) }
        return (nil, now() - start)
    }

    func tree(_ bytes: [UInt8]) -> (XMLError?, Double) { timed { () throws(XMLError) in _ = try XMLDocument.parse(bytes) } }
    func stream(_ bytes: [UInt8]) -> (XMLError?, Double) {
        timed { () throws(XMLError) in _ = try StreamingVerifier().verify(bytes, key: Fixtures.verifyingKey) }
    }

    @Test(arguments: [20_000, 100_000])
    func manyAttributesAreRefusedAtOnceOnTheTree(count: Int) {
        // 20,000 (212 KB) is read in one piece, 100,000 (1.2 MB) pushed in chunks.
        let bytes = Self.flood(count)
        #expect((bytes.count > DocumentReader.pushThreshold) == (count > 20_000))
        let (error, seconds) = tree(bytes)
        #expect(error?.code == .tooManyAttributes)
        #expect(error?.message == "An element has \(count + 1) attributes; the limit is 64")
        #expect(error?.line == 7)
        #expect(seconds < 0.5, "\(seconds) s of CPU")
    }

    @Test func manyAttributesAreRefusedAtOnceInTheStream() {
        let bytes = Self.flood(100_000)
        let (error, seconds) = stream(bytes)
        #expect(error?.code == .tooManyAttributes)
        #expect(seconds < 0.5, "\(seconds) s of CPU")
    }

    @Test func manyNamespaceDeclarationsAreRefusedAtOnce() {
        // libxml2 checks each declaration against the earlier ones of the tag: quadratic too. They count as attributes.
        let bytes = Self.flood(50_000) { "xmlns:p\($0)=\"urn:\($0)\"" }
        for (error, seconds) in [tree(bytes), stream(bytes)] {
            #expect(error?.code == .tooManyAttributes)
            #expect(seconds < 0.5, "\(seconds) s of CPU")
        }
    }

    @Test func manyAttributesInDecryptedContentAreRefusedAtOnce() throws {
        let document = try Fixtures.parse("<r><EncryptedData/></r>")
        let encrypted = try #require(document.root?.children.first)
        let plaintext = Array(("<x " + (0..<100_000).map { "a\($0)=\"1\"" }.joined(separator: " ") + "/>").utf8)
        let (error, seconds) = timed { () throws(XMLError) in
            _ = try DecryptedContent.replace(encrypted, with: plaintext, type: .element, limits: .default)
        }
        #expect(error?.code == .decryptionFailed)
        #expect(seconds < 0.5, "\(seconds) s of CPU")
    }

    @Test func utf16DocumentsAreCountedInTheirCharacters() {
        // Read as bytes, "Ģ" (0x22 0x01 in UTF-16LE) would end a quoted value early and hide the attributes after it.
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r x=\"\u{122}\" " + (0..<20_000).map { "a\($0)=\"\u{122}\"" }.joined(separator: " ") + "/>"
        func utf16LE(_ text: String) -> [UInt8] { [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        let bytes = utf16LE(text)
        let (error, seconds) = tree(bytes)
        #expect(error?.code == .tooManyAttributes)
        #expect(seconds < 0.5, "\(seconds) s of CPU")
        let small = "<r " + (0..<60).map { "a\($0)=\"\u{122}>=\"" }.joined(separator: " ") + "/>"
        let document = try? XMLDocument.parse(utf16LE(small))
        #expect(document?.root?.attribute("a59") == "\u{122}>=")
    }

    @Test func anEncodingTheScanCannotReadIsRefused() {
        // libxml2 would switch to Shift_JIS after the declaration, where a byte below 0x80 may be half a character.
        let text = "<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><r a=\"1\"/>"
        #expect(SafeParsingTests().code(text) == .malformed)
        #expect(SafeParsingTests().code("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r a=\"1\"/>") == nil)
    }

    @Test func commentsCDATAAndQuotedValuesDoNotCount() throws {
        let noise = "<!-- " + String(repeating: "a= ", count: 200) + "<x " + String(repeating: "b=\"\" ", count: 100) + "> -->"
        let values = (0..<60).map { $0.isMultiple(of: 2) ? "a\($0)=\"x>y=z/>\"" : "a\($0)='q\"=>'" }.joined(separator: "\n  ")
        let text = """
        <?xml version="1.0"?>
        <?before a="1" b="2" c="3"?>\(noise)
        <r \(values)>\(noise)<![CDATA[<y \(String(repeating: "c=\"1\" ", count: 100))> ]] > ]>]]><?pi \(String(repeating: "d=1 ", count: 100))?>
          <e \(values)/><f a="-->" b="]]>" c="?>"/>
        </r>
        """
        for (error, _) in [tree(Array(text.utf8)), stream(Array(text.utf8))] {
            #expect(error == nil, "\(error.map(\.description) ?? "")")
        }
        let document = try Fixtures.parse(text)
        #expect(document.root?.attribute("a58") == "x>y=z/>")
        #expect(document.root?.child("e", nil)?.attribute("a59") == "q\"=>")
    }

    @Test func theLimitIsExactAndCountsDeclarations() {
        func tag(_ attributes: Int, _ declarations: Int) -> String {
            "<r " + (0..<attributes).map { "a\($0)='1'" }.joined(separator: " ") + " "
                + (0..<declarations).map { "xmlns:p\($0)='urn:\($0)'" }.joined(separator: " ") + "/>"
        }
        let safe = SafeParsingTests()
        #expect(safe.code(tag(64, 0)) == nil)
        #expect(safe.code(tag(60, 4)) == nil)
        #expect(safe.code(tag(60, 5)) == .tooManyAttributes)
        #expect(safe.code(tag(65, 0)) == .tooManyAttributes)
    }

    /// The C scan carries its state from one piece to the next: the verdict is the same wherever the input is cut.
    @Test func theScanGivesTheSameVerdictWhereverTheInputIsCut() {
        let documents = [
            "<a><!-- x-- -->--><b c='>' d=\"/>\"/><![CDATA[]]]]><e f=1 g=2 h=3>]]><?p ?>?><i j='1' k='2' l='3'/></a>",
            "<a><b><c><d/></c></b></a>",
            "<a><b><c><d><e/></d></c></b></a>",
            "<!--->--><a x='1' y='2' z='3' w='4'/>",
            "<a><!DOCTYPE a></a>",
        ]
        for text in documents {
            let bytes = Array(text.utf8)
            func verdict(cut: Int) -> (Int32, Int) {
                var scan = cs_xml_scan()
                cs_xml_scan_init(&scan, 3, 4, 0)
                var result = bytes[..<cut].withUnsafeBufferPointer { cs_xml_scan_feed(&scan, $0.baseAddress, $0.count) }
                if result == 0 { result = bytes[cut...].withUnsafeBufferPointer { cs_xml_scan_feed(&scan, $0.baseAddress, $0.count) } }
                if result == 0 { result = cs_xml_scan_end(&scan) }
                return (result, scan.count)
            }
            let whole = verdict(cut: 0)
            for cut in 1..<bytes.count { #expect(verdict(cut: cut) == whole, "\(text) cut at \(cut)") }
        }
        func whole(_ text: String) -> Int32 {
            var scan = cs_xml_scan()
            cs_xml_scan_init(&scan, 3, 4, 0)
            return Array(text.utf8).withUnsafeBufferPointer { cs_xml_scan_document(&scan, $0.baseAddress, $0.count, nil) }
        }
        #expect(documents.map(whole) == [Int32(CS_SCAN_OK), Int32(CS_SCAN_OK), Int32(CS_SCAN_DEPTH), Int32(CS_SCAN_ATTRIBUTES),
                                         Int32(CS_SCAN_DECLARATION)])
    }
}
