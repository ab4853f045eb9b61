import Testing
@testable import SecureXML

@Suite struct CanonicalizationTests {
    static let text = """
    <a:root xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xmlns:c="urn:c" xml:lang="en">
      <b:child c:x="y" attr='1'><!-- note --><b:leaf>x &amp; y &gt; z<e/></b:leaf></b:child>
    </a:root>
    """

    func c14n(_ method: CanonicalizationMethod, prefixes: [String] = []) throws -> String {
        let document = try XMLDocument.parse(Array(Self.text.utf8))
        let child = try #require(document.root?.child("child", "urn:b"))
        return String(decoding: try child.canonicalized(method, inclusivePrefixes: prefixes), as: UTF8.self)
    }

    @Test func exclusiveRendersOnlyVisiblyUsedNamespaces() throws {
        #expect(try c14n(.exclusive) == #"<b:child xmlns:b="urn:b" xmlns:c="urn:c" attr="1" c:x="y"><b:leaf>x &amp; y &gt; z<e xmlns="urn:d"></e></b:leaf></b:child>"#)
        #expect(try c14n(.exclusiveWithComments) == #"<b:child xmlns:b="urn:b" xmlns:c="urn:c" attr="1" c:x="y"><!-- note --><b:leaf>x &amp; y &gt; z<e xmlns="urn:d"></e></b:leaf></b:child>"#)
    }

    @Test func prefixListKeepsNamedNamespaces() throws {
        #expect(try c14n(.exclusive, prefixes: ["a", "#default"]) == #"<b:child xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xmlns:c="urn:c" attr="1" c:x="y"><b:leaf>x &amp; y &gt; z<e></e></b:leaf></b:child>"#)
    }

    @Test func inclusiveRendersEverythingInScope() throws {
        // Inclusive C14N also carries the ancestor's xml:lang onto the subset's apex; attributes sort by
        // namespace URI, so xml: (http://www.w3.org/...) comes before c: (urn:c).
        let expected = #"<b:child xmlns="urn:d" xmlns:a="urn:a" xmlns:b="urn:b" xmlns:c="urn:c" attr="1" xml:lang="en" c:x="y"><b:leaf>x &amp; y &gt; z<e></e></b:leaf></b:child>"#
        #expect(try c14n(.inclusive) == expected)
        #expect(try c14n(.inclusiveWithComments) == expected.replacingOccurrences(of: "c:x=\"y\">", with: "c:x=\"y\"><!-- note -->"))
    }

    @Test func wholeDocument() throws {
        let document = try XMLDocument.parse(Array(("<?xml version=\"1.0\"?>\n<!-- c -->\n" + "<r b='2' a=\"1\"><x/></r>").utf8))
        #expect(String(decoding: try document.canonicalized(.inclusive), as: UTF8.self) == #"<r a="1" b="2"><x></x></r>"#)
        #expect(String(decoding: try document.canonicalized(.inclusiveWithComments), as: UTF8.self) == "<!-- c -->\n<r a=\"1\" b=\"2\"><x></x></r>")
    }
}
