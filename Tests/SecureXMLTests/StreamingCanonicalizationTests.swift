import Foundation
import Testing
@testable import SecureXML

/// The streaming exclusive C14N against the tree one (libxml2's xmlC14NExecute): for every element of every document,
/// with and without PrefixLists, the same bytes. Documents: the repository's fixtures and generated ones.
@Suite struct StreamingCanonicalizationTests {
    static let prefixLists: [[String]] = [[], ["#default"], ["a"], ["a", "b", "#default"], ["soap", "wsu"], ["c", "xml", "zz"]]

    /// Every element's canonical form, both ways; the first difference is reported with the document.
    func compare(_ text: String, _ label: String) throws {
        let bytes = Array(text.utf8)
        let document = try XMLDocument.parse(bytes)
        let elements = [document.root!] + Self.descendants(document.root!)
        for prefixes in Self.prefixLists {
            let targets = elements.indices.map { DocumentPass.Target(selector: .ordinal($0), digest: nil, inclusivePrefixes: prefixes) }
            let pass = try DocumentPass.run(bytes, targets: targets, limits: .default)
            for (index, element) in elements.enumerated() {
                let tree = String(decoding: try element.canonicalized(.exclusive, inclusivePrefixes: prefixes), as: UTF8.self)
                let streamed = pass.results[index].map { String(decoding: $0.value, as: UTF8.self) }
                #expect(streamed == tree, "\(label), element \(index) \(element.path), PrefixList \(prefixes):\n\(text)")
                if streamed != tree { return }
            }
        }
    }

    static func descendants(_ element: XMLElement) -> [XMLElement] {
        element.children.flatMap { [$0] + descendants($0) }
    }

    @Test func repositoryFixtures() throws {
        try compare(Fixtures.envelope, "Fixtures.envelope")
        try compare(CanonicalizationTests.text, "CanonicalizationTests.text")
        try compare(DocumentGenerator.records(count: 200), "records envelope")
        let conf = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("conf")
        let files = try FileManager.default.subpathsOfDirectory(atPath: conf.path).filter { $0.hasSuffix(".xml") }
        #expect(files.count >= 4)
        for file in files {
            try compare(try String(contentsOf: conf.appendingPathComponent(file), encoding: .utf8), file)
        }
    }

    @Test(arguments: 0..<300)
    func generatedDocuments(_ seed: Int) throws {
        var generator = DocumentGenerator(seed: UInt64(seed))
        try compare(generator.document(), "seed \(seed)")
    }

    @Test func handPickedCases() throws {
        let cases = [
            // An unqualified element below a default namespace that an ancestor undeclares.
            #"<r xmlns="urn:d"><a xmlns=""><b/></a><c xmlns="urn:e"><d xmlns=""/></c></r>"#,
            // A prefix rebound to another URI further down, and attributes needing sorting across namespaces.
            #"<a:r xmlns:a="urn:a" xmlns:b="urn:b"><a:s xmlns:a="urn:z" b:y="2" a:x="1" z="0" xml:lang="en"/></a:r>"#,
            // Special characters in text and attributes, CDATA, PIs, comments, non-ASCII.
            "<r a=\"&amp;&lt;&gt;&quot;'&#9;&#10;&#13;\tx\ny\">t &amp; &lt; &gt; \" &#13; \t \n é 漢字 😀<![CDATA[<x> & ]]><?p d?><?q?><!-- c --></r>",
            // Namespace URIs with quotes of one kind.
            #"<r xmlns:a="urn:it's"><a:x/></r>"#,
            // Absolute URIs without an authority: a scheme is all libxml2 asks.
            #"<r xmlns:t="tag:example.com,2024:ns" xmlns:h="http:/;x" xmlns="mailto:a@b"><t:x h:y="1"/></r>"#,
        ]
        for (index, text) in cases.enumerated() { try compare(text, "case \(index)") }
    }

    @Test func relativeNamespaceFailsBothWays() throws {
        let bytes = Array(#"<r xmlns:a="relative/path"><a:x Id="x"/></r>"#.utf8)
        let document = try XMLDocument.parse(bytes)
        #expect(throws: XMLError.self) { try document.root!.canonicalized(.exclusive) }
        do {
            _ = try DocumentPass.run(bytes, targets: [.init(selector: .id(Array("x".utf8)), digest: nil, inclusivePrefixes: [])], limits: .default)
            Issue.record("a relative namespace URI was canonicalised")
        } catch { #expect(error.code == .canonicalizationFailed) }
    }
}
