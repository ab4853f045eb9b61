import CLibXML2
import CShims
import Foundation
import Testing
@testable import SecureXML

/// xmlsec's exc-c14n transforms canonicalise a Reference's element or SignedInfo with the walk started at the
/// element (cs_c14n_subtree). Held here to the call xmlsec makes itself: xmlC14NExecute over the whole document,
/// xmlSecNodeSetContains and the element's subtree as the node set; for every element of every document, with
/// and without comments, with PrefixLists. The peers (xmlsec1, WSS4J) check the signatures made this way.
@Suite struct SubtreeCanonicalizationTests {
    /// xmlsec's node set for a same-document reference (no comments) and for SignedInfo under a #WithComments method.
    static let commentsInSet = [false, true]

    func compare(_ text: String, _ label: String) throws {
        try XMLLibrary.ensure()
        let document = try XMLDocument.parse(Array(text.utf8))
        let elements = [document.root!] + StreamingCanonicalizationTests.descendants(document.root!)
        for prefixes in StreamingCanonicalizationTests.prefixLists {
            for withComments in [false, true] {
                for commentsInSet in Self.commentsInSet {
                    for (index, element) in elements.enumerated() {
                        let walked = try Self.xmlsecWalk(element, withComments: withComments, commentsInSet: commentsInSet, prefixes: prefixes)
                            .map { String(decoding: $0, as: UTF8.self) } ?? "(failed)"
                        let subtree = try Self.subtree(element, withComments: withComments, commentsInSet: commentsInSet, prefixes: prefixes)
                            .map { String(decoding: $0, as: UTF8.self) } ?? "(failed)"
                        #expect(subtree == walked, "\(label), element \(index) \(element.path), PrefixList \(prefixes), comments \(withComments)/\(commentsInSet)")
                        if subtree != walked { return }
                    }
                }
            }
        }
    }

    @Test func repositoryFixtures() throws {
        try compare(Fixtures.envelope, "Fixtures.envelope")
        try compare(CanonicalizationTests.text, "CanonicalizationTests.text")
        try compare(DocumentGenerator.records(count: 50), "records envelope")
        try compare("""
            <?xml version="1.0"?>
            <!-- before --><?before x?>
            <r:root xmlns:r="urn:r" xmlns="urn:default" xmlns:x="urn:x" xml:lang="en" x:a="1">
              <a Id="A1" xmlns:y="urn:y"><!-- c1 --><b y:q="2">t&amp;<?pi data?><c xmlns="">in</c></b><x:d/></a>
              <e xml:space="preserve"><f xmlns:x="urn:x2" x:z="3">u</f><!-- c2 --></e>
              <g xmlns:wsu="urn:wsu" wsu:Id="G1"><h/><![CDATA[ <&> ]]></g>
            </r:root>
            <!-- after --><?after?>
            """, "comments, PIs and undeclarations")
    }

    /// C14N 1.0 fails on a document holding a relative namespace URI, wherever it is declared: both ways.
    @Test func relativeNamespacesFailWherever() throws {
        for text in [#"<r xmlns:a="relative/path"><a:x Id="x"/><y/></r>"#, #"<r><p xmlns:a="rel"/><x Id="x"><z/></x><q/></r>"#,
                     #"<r><x Id="x"/><q xmlns="rel"><s/></q></r>"#, #"<r><x Id="x"><z xmlns:b="b/c"/></x></r>"#, #"<r xmlns="urn:ok"><x/></r>"#] {
            try compare(text, text)
        }
        let document = try XMLDocument.parse(Array(#"<r><x Id="x"/><q xmlns:b="rel"/></r>"#.utf8))
        #expect(try Self.subtree(document.root!.children[0], withComments: false, commentsInSet: false, prefixes: []) == nil)
    }

    @Test(arguments: 0..<40) func generatedDocuments(seed: Int) throws {
        var generator = DocumentGenerator(seed: UInt64(seed))
        try compare(generator.document(), "generated document \(seed)")
    }

    /// Signing Body and Timestamp canonicalises three subtrees (two references, SignedInfo) and the verifier three
    /// more, each through the subtree path; xmlsec1 checks such signatures in XMLSecInteropTests.
    @Test func signingAndVerifyingTakeTheSubtreePath() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        let before = cs_xmlsec_subtree_c14n_runs()
        try XMLSigner().sign(ids: ["Body-1", "TS-1"], key: Fixtures.signingKey, at: .firstChild(of: Fixtures.security(document)))
        #expect(cs_xmlsec_subtree_c14n_runs() - before == 3)
        let signed = try Fixtures.parse(Fixtures.text(document))
        let signature = try #require(signed.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first)
        let verified = try XMLSignatureVerifier().verify(signature, key: Fixtures.verifyingKey)
        #expect(verified.references.count == 2)
        #expect(cs_xmlsec_subtree_c14n_runs() - before == 6)
    }

    // MARK: the two ways

    static func xmlsecWalk(_ element: XMLElement, withComments: Bool, commentsInSet: Bool, prefixes: [String]) throws -> [UInt8]? {
        try output(prefixes) { list, buffer in
            cs_c14n_subtree_walked(element.node, withComments ? 1 : 0, commentsInSet ? 0 : 1, list, buffer)
        }
    }

    static func subtree(_ element: XMLElement, withComments: Bool, commentsInSet: Bool, prefixes: [String]) throws -> [UInt8]? {
        try output(prefixes) { list, buffer in
            cs_c14n_subtree(element.node, withComments ? 1 : 0, commentsInSet ? 0 : 1, list, buffer)
        }
    }

    /// Runs `body` with the PrefixList as C strings (nil when empty, as xmlsec passes it) and an output buffer; nil
    /// when the canonicalisation failed.
    static func output(_ prefixes: [String],
                       _ body: (UnsafeMutablePointer<UnsafeMutablePointer<xmlChar>?>?, xmlOutputBufferPtr) -> Int32) throws -> [UInt8]? {
        let buffer = try #require(xmlAllocOutputBuffer(nil))
        defer { xmlOutputBufferClose(buffer) }
        var list: [UnsafeMutablePointer<xmlChar>?] = prefixes.map { xmlStrdup($0) } + [nil]
        defer { list.forEach { $0.map { cs_xmlFree($0) } } }
        let result = list.withUnsafeMutableBufferPointer { body(prefixes.isEmpty ? nil : $0.baseAddress, buffer) }
        guard result >= 0 else { return nil }
        return Array(UnsafeBufferPointer(start: xmlOutputBufferGetContent(buffer), count: Int(xmlOutputBufferGetSize(buffer))))
    }
}
