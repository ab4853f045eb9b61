import Testing
import Foundation
import CLibXML2
@testable import SecureXML

@Suite struct SafeParsingTests {
    func parse(_ text: String, limits: ParseLimits = .default) throws(XMLError) -> XMLDocument {
        try XMLDocument.parse(Array(text.utf8), limits: limits)
    }

    func code(_ text: String, limits: ParseLimits = .default) -> XMLError.Code? {
        do { _ = try parse(text, limits: limits); return nil } catch { return error.code }
    }

    @Test func navigatesByNamespace() throws {
        let doc = try parse(#"<a:root xmlns:a="urn:a" xmlns="urn:d"><child x="1"/><a:child/><child/></a:root>"#)
        let root = try #require(doc.root)
        #expect(root.is("root", "urn:a"))
        #expect(root.children("child", "urn:d").count == 2)
        #expect(root.child("child", "urn:a") != nil)
        #expect(root.child("child", "urn:d")?.attribute("x") == "1")
        #expect(root.child("child", nil) == nil)
    }

    @Test func rejectsDoctypeEntitiesAndExternalReferences() {
        let laughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <lolz>&lol2;</lolz>
        """
        #expect(code(laughs) == .doctypeForbidden)
        let external = """
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <r>&x;</r>
        """
        #expect(code(external) == .doctypeForbidden)
        #expect(code(#"<!DOCTYPE r SYSTEM "http://127.0.0.1:1/x.dtd"><r/>"#) == .doctypeForbidden)
    }

    @Test func malformedNamesTheLine() {
        do {
            _ = try parse("<a>\n<b>\n</a>")
            Issue.record("accepted malformed XML")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.line == 3)
            #expect(error.description.contains("line 3"))
        }
        #expect(code("") == .empty)
    }

    /// The tree and the stream say the same readable thing: one line, and a cut-off document called so.
    @Test func parseErrorsAreOneLineAndACutOffDocumentIsCalledSo() {
        let notUTF8 = Array("<a>".utf8) + [0xFF] + Array("</a>".utf8)
        let cutOff = Array(#"<a><b x="1">text</b><c"#.utf8)
        // Its elements are open at the end too, but the mismatch is the fault, not a cut.
        let mismatched = Array("<a><b><c><d/></b></a>\n".utf8)
        for bytes in [notUTF8, cutOff, mismatched] {
            var messages: [String] = []
            do { _ = try XMLDocument.parse(bytes) } catch { messages.append(error.message) }
            do { _ = try StreamingVerifier().verify(bytes, key: Fixtures.verifyingKey) } catch { messages.append(error.message) }
            #expect(messages.count == 2 && messages.allSatisfy { !$0.contains("\n") }, "\(messages)")
            #expect(messages.allSatisfy { $0.contains("cut off") } == (bytes == cutOff), "\(messages)")
        }
    }

    @Test func enforcesSizeAndDepthLimits() {
        #expect(code("<a>" + String(repeating: "x", count: 100) + "</a>", limits: ParseLimits(maxBytes: 50)) == .tooLarge)
        let deep = String(repeating: "<a>", count: 20) + String(repeating: "</a>", count: 20)
        #expect(code(deep, limits: ParseLimits(maxDepth: 10)) == .tooDeep)
        #expect(code(deep, limits: ParseLimits(maxDepth: 30)) == nil)
    }

    /// Processing instructions are kept by default (configuration files); a parse that forbids them (a SOAP message)
    /// refuses one anywhere, prolog and epilogue included, but not the XML declaration.
    @Test func processingInstructionsWhenForbidden() {
        let forbidden = ParseLimits(allowsProcessingInstructions: false)
        for text in ["<a><?p d?></a>", "<?p d?><a/>", "<a/><?p d?>", "<a><b><?p?></b></a>"] {
            #expect(code(text) == nil, "\(text)")
            #expect(code(text, limits: forbidden) == .processingInstructionForbidden, "\(text)")
        }
        #expect(code(#"<?xml version="1.0"?><a><!--c--></a>"#, limits: forbidden) == nil)
    }

    /// Only the root element's instructions are refused for a payload (its prolog and epilogue are left behind), at
    /// the line and column of their "<?", counted in characters as libxml2 counts them: UTF-8, or one byte each in an
    /// 8-bit encoding. UTF-16 text, which the scan does not read, still gets the line.
    @Test func processingInstructionsInTheRootArePlaced() throws {
        func refusal(_ bytes: [UInt8]) throws -> XMLError? {
            let document = try XMLDocument.parse(bytes)
            do { try document.refuseProcessingInstructionsInRoot(source: bytes) } catch { return error }
            return nil
        }
        for text in [#"<?xml version="1.0"?><?p?><a/><?q?>"#, "<a><!--<?p?>--><![CDATA[<?q?>]]></a>", #"<a b="?>"><c/>text</a>"#] {
            #expect(try refusal(Array(text.utf8)) == nil, "\(text)")
        }
        let utf8 = try #require(try refusal(Array("<a>\n <b x='1>0'>é€<?p d?></b></a>".utf8)))
        #expect(utf8.code == .processingInstructionForbidden && utf8.line == 2 && utf8.message.hasSuffix("(column 15)"), "\(utf8)")
        let latin1 = try #require(try refusal(Array(#"<?xml version="1.0" encoding="ISO-8859-1"?>"#.utf8) + Array("\n<a>".utf8) + [0xE9, 0xBF] + Array("<?p?></a>".utf8)))
        #expect(latin1.line == 2 && latin1.message.hasSuffix("(column 6)"), "\(latin1)")
        let utf16 = try #require(try refusal([0xFF, 0xFE] + "<a>\n<?p?></a>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
        #expect(utf16.line == 2 && !utf16.message.contains("column"), "\(utf16)")
    }

    /// Deeper than libxml2's own limit (256) the refusal is still ours, in our words, not "use XML_PARSE_HUGE".
    @Test func deepDocumentsAreRefusedInOurWords() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        for limit in [128, 1000] {
            do {
                _ = try parse(deep, limits: ParseLimits(maxDepth: limit))
                Issue.record("accepted 300 levels")
            } catch {
                #expect(error.code == .tooDeep)
                #expect(error.message == "The document nests deeper than \(min(limit, 256)) elements")
            }
        }
        #expect((try? StreamingVerifier().verify(Array(deep.utf8), key: Fixtures.verifyingKey)) == nil)
    }

    @Test func enforcesAttributeAndTextLimits() {
        let attributes = "<a " + (0..<10).map { "a\($0)=\"v\"" }.joined(separator: " ") + "/>"
        #expect(code(attributes, limits: ParseLimits(maxAttributes: 9)) == .tooManyAttributes)
        #expect(code(attributes, limits: ParseLimits(maxAttributes: 10)) == nil)
        // Namespace declarations count as attributes: they cost canonicalisation time too.
        let declarations = "<a " + (0..<10).map { "xmlns:p\($0)=\"urn:\($0)\"" }.joined(separator: " ") + "/>"
        #expect(code(declarations, limits: ParseLimits(maxAttributes: 9)) == .tooManyAttributes)
        let long = String(repeating: "x", count: 101)
        #expect(code("<a>\(long)</a>", limits: ParseLimits(maxTextBytes: 100)) == .textTooLarge)
        #expect(code("<a b=\"\(long)\"/>", limits: ParseLimits(maxTextBytes: 100)) == .textTooLarge)
        #expect(code("<a><!--\(long)--></a>", limits: ParseLimits(maxTextBytes: 100)) == .textTooLarge)
        #expect(code("<a>\(long)</a>", limits: ParseLimits(maxTextBytes: 101)) == nil)
    }

    @Test func registersTheFourKindsOfID() throws {
        let doc = try parse("""
        <r xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:o="urn:other">
          <a wsu:Id="w"/><b Id="i"/><c ID="s"/><d xml:id="x"/><e id="lower"/><f o:Id="other"/>
        </r>
        """)
        #expect(["w", "i", "s", "x"].map { doc.element(withID: $0)?.name } == ["a", "b", "c", "d"])
        // Only those four: a lowercase id or an Id in another namespace names nothing.
        #expect(doc.element(withID: "lower") == nil)
        #expect(doc.element(withID: "other") == nil)
        #expect(doc.root?.children.map(\.id) == ["w", "i", "s", "x", nil, nil])
        #expect(code(#"<r><a Id="x"/><b Id="x"/></r>"#) == .duplicateID)
        #expect(code(#"<r><a Id="x" ID="x"/></r>"#) == .duplicateID)
    }

    @Test func serialisationKeepsTheTextAsItWas() throws {
        let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment -->
        <root  a="1"   b='2'>
            <x>text &amp; more</x>

          <y/><!-- inner -->
        </root>

        """
        let doc = try XMLDocument.parseForEditing(Array(text.utf8))
        // libxml2 normalises attribute quoting and spacing inside tags; everything between tags is kept.
        let out = String(decoding: doc.serialized(), as: UTF8.self)
        #expect(out == text.replacingOccurrences(of: "<root  a=\"1\"   b='2'>", with: "<root a=\"1\" b=\"2\">"))
        let noDeclaration = try XMLDocument.parseForEditing(Array("<r>\n  <x/>\n</r>\n".utf8))
        #expect(String(decoding: noDeclaration.serialized(), as: UTF8.self) == "<r>\n  <x/>\n</r>\n")
    }

    @Test func largeDocumentsArePushedInChunksAndBehaveTheSame() throws {
        // Above DocumentReader.pushThreshold the bytes are pushed in chunks instead of copied: same rules, same tree.
        let lines = (0..<20_000).map { "  <item n=\"\($0)\">caf\u{E9} &amp; more</item>" }.joined(separator: "\n")
        let text = "<list>\n" + lines + "\n</list>\n"
        #expect(text.utf8.count > DocumentReader.pushThreshold)
        let document = try XMLDocument.parseForEditing(Array(text.utf8))
        #expect(String(decoding: document.serialized(), as: UTF8.self) == text)
        do {
            _ = try parse(text.replacingOccurrences(of: "</list>", with: "</lost>"))
            Issue.record("accepted malformed XML")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.line == 20_002)
        }
        #expect(code("<!DOCTYPE list [<!ENTITY e \"x\">]>\n" + text) == .doctypeForbidden)
        #expect(code(text.replacingOccurrences(of: "<item n=\"19999\">", with: "<item n=\"19999\" Id=\"a\"><x Id=\"a\"/>")) == .duplicateID)
    }

    @Test func serialisationIsLibxml2sOwn() throws {
        // The writer streams into one array; its bytes must be exactly those of xmlDocDumpMemoryEnc.
        let texts = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r a=\"x&#9;y&#10;&quot;&lt;\">caf\u{E9} \u{1F600} &amp; &lt; &gt; \r\n<![CDATA[<raw>]]><?pi x?><!-- c --></r>\n<!-- after -->\n",
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>\u{E9}</r>",
            "<a:r xmlns:a=\"urn:a\" xmlns=\"urn:d\"><x/>\t<y></y></a:r>",
        ]
        for text in texts {
            let document = try XMLDocument.parse(Array(text.utf8))
            var out: UnsafeMutablePointer<UInt8>?
            var size: Int32 = 0
            xmlDocDumpMemoryEnc(document.doc, &out, &size, "UTF-8")
            defer { free(out) }
            #expect(document.serialized() == Array(UnsafeBufferPointer(start: out, count: Int(size))), "\(text)")
        }
    }

    @Test func indentedAppendFollowsTheSiblings() throws {
        let doc = try XMLDocument.parseForEditing(Array("<r xmlns=\"urn:s\">\n    <target/>\n</r>\n".utf8))
        let root = try #require(doc.root)
        root.appendIndentedElement("policy", namespace: "urn:s").setAttribute("key", "k")
        #expect(String(decoding: doc.serialized(), as: UTF8.self) == "<r xmlns=\"urn:s\">\n    <target/>\n    <policy key=\"k\"/>\n</r>\n")
        #expect(root.child("policy", "urn:s")?.attribute("key") == "k")
        root.child("target", "urn:s")?.remove()
        #expect(String(decoding: doc.serialized(), as: UTF8.self) == "<r xmlns=\"urn:s\">\n    <policy key=\"k\"/>\n</r>\n")
    }
}
