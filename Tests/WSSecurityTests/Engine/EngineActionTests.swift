import Foundation
import SecureXML
import Testing
@testable import WSSecurity

/// The steps `secure` reports name what was done: under the asymmetric binding without the Body encrypted, the
/// EncryptedKey's line names the key, not a Signature that stays in clear.
@Suite struct EngineActionTests {
    typealias F = EngineFixture
    static let to = QualifiedName(namespace: "http://www.w3.org/2005/08/addressing", name: "To")

    static func headerOnly() -> SecurityPolicy {
        var policy = F.policy(5)
        policy.alternative.signedParts?.headers = [to]
        policy.alternative.encryptedParts = MessageParts(body: false, headers: [to])
        return policy
    }

    static func elementsOnly() -> SecurityPolicy {
        var policy = F.policy(5)
        policy.alternative.encryptedParts = nil
        policy.alternative.elements.encrypted = [try! XPathExpression("//m:item", namespaces: ["m": "urn:example:orders"])]
        return policy
    }

    @Test(arguments: [("header", headerOnly()), ("element", elementsOnly())])
    func theEncryptedKeyIsNamedAsSuch(_ what: String, _ policy: SecurityPolicy) throws {
        let request = try SecurityEngine(policy: policy).secured(F.envelope(), context: F.client())
        #expect(!request.actions.contains { $0.hasPrefix("Signature encrypted") }, "the Signature is in clear: \(request.actions)")
        #expect(request.actions.contains { $0.hasPrefix("EncryptedKey (aes256-cbc key) for CN=service") }, "\(request.actions)")
        #expect(request.actions.contains { $0.hasPrefix(what == "header" ? "Header To encrypted" : "Element item encrypted") }, "\(request.actions)")
        _ = try SecurityEngine(policy: policy).verify(request.envelope, context: F.service())
    }

    @Test func withTheBodyTheLineNamesTheBody() throws {
        let request = try SecurityEngine(policy: F.policy(5)).secured(F.envelope(), context: F.client())
        #expect(request.actions.contains { $0.hasPrefix("Body encrypted (aes256-cbc) for CN=service") }, "\(request.actions)")
    }
}
