import Foundation
import Testing
@testable import SecureXML

/// In-place edits the engine makes to a message.
@Suite struct EditingTests {
    /// A wrapper (WS-Security 1.1's EncryptedHeader) taken away: the child keeps the namespace only the wrapper
    /// declared, so its prefixed attribute still means the same thing, and nothing points into the freed wrapper.
    @Test func unwrapKeepsTheNamespacesTheChildUsed() throws {
        let document = try XMLDocument.parse(Array("""
        <h:Header xmlns:h="urn:h"><w xmlns:p="urn:p" xmlns:q="urn:q"><p:c p:a="1"><d q:b="2"/></p:c></w><after/></h:Header>
        """.utf8))
        let wrapper = document.root!.children[0]
        wrapper.unwrap()
        let children = document.root!.children
        #expect(children.map(\.name) == ["c", "after"])
        #expect(children[0].namespace == "urn:p" && children[0].attribute("a", namespace: "urn:p") == "1")
        #expect(children[0].children[0].attribute("b", namespace: "urn:q") == "2")
        let text = String(decoding: document.serialized(), as: UTF8.self)
        let reread = try XMLDocument.parse(Array(text.utf8))
        #expect(reread.root!.children[0].attribute("a", namespace: "urn:p") == "1", "\(text)")
        #expect(reread.root!.children[0].children[0].attribute("b", namespace: "urn:q") == "2", "\(text)")
    }
}
