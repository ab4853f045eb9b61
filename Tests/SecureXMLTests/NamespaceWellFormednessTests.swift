import Foundation
import Testing
@testable import SecureXML

/// Namespaces in XML 1.0 on every parse path: libxml2 only reports an undeclared prefix and reads on, building an
/// element named "zz:foo" in no namespace, which a peer then cannot parse; the tree, the stream and decrypted content
/// refuse it instead, saying what is wrong, on which line and column (never the document's names but the conventional
/// WS-* prefixes: text that a '<' turned into a tag, a password among them, would be read out).
@Suite struct NamespaceWellFormednessTests {
    /// Documents that are well-formed XML but not namespace-well-formed, the message each is refused with, and its line.
    static let illFormed: [(text: String, message: String, line: Int)] = [
        ("<r>\n<a>\n<zz:foo/>\n</a>\n</r>", "An element's namespace prefix is not declared (column 8)", 3),
        ("<r xmlns:m=\"urn:m\">\n<m:echo wsu:Id=\"x\"/></r>", "An attribute's namespace prefix wsu is not declared (column 19)", 2),
        ("<r>\n<p:a xmlns:p=\"urn:p\"/><p:b/></r>", "An element's namespace prefix is not declared (column 27)", 2),
        (#"<r xmlns:p=""><p:a/></r>"#, "A prefix is declared with an empty namespace name, which XML 1.0 does not allow (column 14)", 1),
        (#"<r xmlns:xml="urn:other"/>"#, "The prefix xml is bound to a namespace other than http://www.w3.org/XML/1998/namespace (column 25)", 1),
        (#"<r xmlns:x="http://www.w3.org/XML/1998/namespace"/>"#,
         "The namespace http://www.w3.org/XML/1998/namespace is bound to a prefix other than xml (column 50)", 1),
        (#"<r xmlns="http://www.w3.org/XML/1998/namespace"/>"#,
         "The namespace http://www.w3.org/XML/1998/namespace is declared as the default namespace; only the prefix xml may be bound to it (column 48)", 1),
        (#"<r xmlns:xmlns="urn:x"/>"#, "The prefix xmlns is declared; it is reserved and cannot be (column 23)", 1),
        (#"<r xmlns:x="http://www.w3.org/2000/xmlns/"/>"#, "The namespace http://www.w3.org/2000/xmlns/ is declared; it is reserved and cannot be (column 43)", 1),
        (#"<r xmlns:a="urn:x" xmlns:b="urn:x" a:i="1" b:i="2"/>"#, "An attribute appears twice on one element, in one namespace under two prefixes (column 51)", 1),
        (#"<a:b:c xmlns:a="urn:a"/>"#, "A name is not a qualified name: at most one colon, between a prefix and a local name (column 5)", 1),
        (#"<?a:b data?><r/>"#, "A processing instruction's target contains a colon (column 6)", 1),
    ]

    /// Namespace-well-formed documents near those: each still parses.
    static let wellFormed = [
        "<r>\n<a>\n<zz:foo xmlns:zz=\"urn:zz\"/>\n</a>\n</r>",
        #"<r xmlns:m="urn:m" xmlns:wsu="urn:wsu"><m:echo wsu:Id="x"/></r>"#,
        #"<r xml:lang="en" xmlns:xml="http://www.w3.org/XML/1998/namespace"><a xml:space="preserve"/></r>"#,
        #"<r xmlns="urn:d"><a xmlns=""/></r>"#,
        #"<r xmlns:a="urn:x" xmlns:b="urn:y" a:i="1" b:i="2"/>"#,
        // An IRI as namespace name (libxml2 calls it no URI, Namespaces in XML 1.1 and Java peers accept it), a relative one.
        #"<r xmlns:p="urn:bestellung:größe"><p:a/></r>"#,
        #"<r xmlns="relative"/>"#,
    ]

    func treeError(_ bytes: [UInt8], editing: Bool = false) -> XMLError? {
        do {
            _ = editing ? try XMLDocument.parseForEditing(bytes) : try XMLDocument.parse(bytes)
            return nil
        } catch { return error }
    }

    @Test func theTreeRefusesWhatIsNotNamespaceWellFormed() {
        for (text, message, line) in Self.illFormed {
            for editing in [false, true] {
                let error = treeError(Array(text.utf8), editing: editing)
                #expect(error?.code == .malformed, "\(text)")
                #expect(error?.message == message, "\(text)")
                #expect(error?.line == line, "\(text)")
            }
        }
        #expect(treeError(Array(Self.illFormed[0].text.utf8))?.description == "line 3: An element's namespace prefix is not declared (column 8)")
        for text in Self.wellFormed { #expect(treeError(Array(text.utf8)) == nil, "\(text)") }
    }

    /// Above `DocumentReader.pushThreshold` the tree is read by the push parser: the same refusal.
    @Test func aLargeDocumentReadInChunksIsRefusedToo() {
        let padding = "<p>" + String(repeating: "x", count: 1000) + "</p>\n"
        let count = DocumentReader.pushThreshold / padding.utf8.count + 10
        let large = "<r>\n" + String(repeating: padding, count: count) + "<zz:foo/></r>"
        let error = treeError(Array(large.utf8))
        #expect(error?.code == .malformed)
        #expect(error?.message == "An element's namespace prefix is not declared (column 8)")
        #expect(error?.line == count + 2)
        #expect(treeError(Array(large.replacingOccurrences(of: "<zz:foo/>", with: "<zz:foo xmlns:zz=\"urn:zz\"/>").utf8)) == nil)
    }

    /// A namespace warning libxml2 gives first (a relative namespace URI) does not stand for the error that follows it.
    @Test func aWarningIsNotTakenForTheError() {
        let error = treeError(Array("<r xmlns=\"relative\">\n<a></r>".utf8))
        #expect(error?.code == .malformed)
        #expect(error?.message.contains("absolute") == false, "\(String(describing: error))")
        #expect(error?.line == 2)
    }

    // MARK: the stream

    /// A stream-signed envelope with `extra` put in the Header, outside the Security header and so outside the signature.
    func streamSigned(withHeader extra: String) throws -> [UInt8] {
        let signed = try StreamingSignatureTests().streamSigned()
        let marked = signed.replacingOccurrences(of: "</wsse:Security>", with: "</wsse:Security>\n    " + extra)
        #expect(marked != signed)
        return Array(marked.utf8)
    }

    @Test func theStreamRefusesWhatIsNotNamespaceWellFormed() throws {
        let bytes = try streamSigned(withHeader: "<zz:foo/>")
        let line = String(decoding: bytes, as: UTF8.self).components(separatedBy: "<zz:foo/>")[0].filter(\.isNewline).count + 1
        let declared = try StreamingVerifier().verify(try streamSigned(withHeader: "<zz:foo xmlns:zz=\"urn:zz\"/>"), key: Fixtures.verifyingKey)
        #expect(declared.count == 1)
        do {
            _ = try StreamingVerifier().verify(bytes, key: Fixtures.verifyingKey)
            Issue.record("the stream accepted an undeclared prefix")
        } catch {
            #expect(error.code == .malformed)
            #expect(error.message.hasPrefix("An element's namespace prefix is not declared (column "), "\(error)")
            #expect(error.line == line)
        }
        // Every other case, as a bare document through the stream: the same message and line as the tree.
        for (text, message, line) in Self.illFormed {
            do {
                _ = try StreamingVerifier().verify(Array(text.utf8), key: Fixtures.verifyingKey)
                Issue.record("the stream accepted \(text)")
            } catch {
                #expect(error.code == .malformed, "\(text)")
                #expect(error.message == message, "\(text)")
                #expect(error.line == line, "\(text)")
            }
        }
        // The stream refuses namespace names libxml2's C14N cannot canonicalise (NamespaceScope) before any signature.
        for text in Self.wellFormed.dropLast(2) {
            #expect(throws: Never.self, "\(text)") { _ = try StreamingVerifier().verify(Array(text.utf8), key: Fixtures.verifyingKey) }
        }
    }

    // MARK: decrypted content

    /// Decrypted text put back where its prefix is not in scope (the reviewer's `wsu:Id` in a Body without wsu) is
    /// refused, with the one decryption failure: which plaintexts parse is the oracle the CBC attacks read.
    @Test func decryptedContentIsParsedNamespaceWellFormedAtItsDestination() throws {
        let defence = EncryptionDefenceTests()
        for (plaintext, type) in [(#"<m:echo xmlns:m="urn:echo" wsu:Id="x"/>"#, EncryptedType.element),
                                  ("<zz:foo/>", .element), (#"<m:a/><zz:b/>"#, .content), (#"<m:a xmlns:p=""/>"#, .element)] {
            let error = defence.failure(try defence.crafted(plaintext, type: type))
            #expect(error?.code == .decryptionFailed, "\(plaintext)")
            #expect(error?.message == EncryptionDefenceTests.uniform.message, "\(plaintext)")
        }
        // Declared in the plaintext, or in scope at the destination (the crafted document declares m on its root).
        for (plaintext, type) in [(#"<m:echo xmlns:m="urn:echo" xmlns:wsu="urn:wsu" wsu:Id="x"/>"#, EncryptedType.element),
                                  ("<m:item>fine</m:item>", .element), (#"<m:a/><zz:b xmlns:zz="urn:zz"/>"#, .content)] {
            let text = try defence.crafted(plaintext, type: type)
            #expect(defence.failure(text) == nil, "\(plaintext)")
            let document = try Fixtures.parse(text)
            _ = try XMLDecryptor().decryptDocument(document, key: EncryptionDefenceTests.dataKey)
            #expect(Fixtures.text(document).contains(plaintext), "\(plaintext)")
            // What comes out parses again, as a peer will parse it.
            #expect(throws: Never.self) { _ = try XMLDocument.parse(document.serialized()) }
        }
    }
}
