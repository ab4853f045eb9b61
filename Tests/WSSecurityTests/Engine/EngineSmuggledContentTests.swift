import Foundation
import KeyMaterial
import SecureXML
import Testing
@testable import WSSecurity

/// Content that no key protected, smuggled in beside or inside what was: plaintext next to the EncryptedData of an
/// encrypted Body or element, an EncryptedData nothing decrypts, and a second Security header that comes out of an
/// EncryptedHeader only the attacker's own key opens. Each needs no key of the client's, so each must be refused.
@Suite struct EngineSmuggledContentTests {
    typealias F = EngineFixture

    func refused(_ scenario: Int, _ message: String, policy: SecurityPolicy? = nil, saying words: String,
                 sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try SecurityEngine(policy: policy ?? F.policy(scenario)).verify(Data(message.utf8), context: F.service())
            Issue.record("accepted; expected a refusal saying \(words)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains(words), "\(error)", sourceLocation: sourceLocation)
        }
    }

    /// Scenario 4 and 7 encrypt the Body without signing it: all an attacker can add is plaintext.
    @Test(arguments: [4, 7])
    func plaintextBesideAnEncryptedBodyIsRefused(scenario: Int) throws {
        let secured = String(decoding: try SecurityEngine(policy: F.policy(scenario)).secure(F.envelope(), context: F.client()), as: UTF8.self)
        _ = try SecurityEngine(policy: F.policy(scenario)).verify(Data(secured.utf8), context: F.service())
        let data = try #require(secured.range(of: #"<(xenc:)?EncryptedData "#, options: .regularExpression))
        let end = try #require(secured.range(of: #"</(xenc:)?EncryptedData>"#, options: .regularExpression))
        let evil = #"<x:transfer xmlns:x="urn:evil"><x:to>mallory</x:to></x:transfer>"#
        refused(scenario, secured.replacingCharacters(in: data.lowerBound..<data.lowerBound, with: evil),
                saying: "Body holds the element transfer beside the EncryptedData of its content")
        refused(scenario, secured.replacingCharacters(in: data.lowerBound..<data.lowerBound, with: "pay mallory"),
                saying: "Body holds text beside the EncryptedData of its content")
        // A copy of the EncryptedData under another Id: no ReferenceList names it, so it is never decrypted.
        let copy = String(secured[data.lowerBound..<end.upperBound]).replacingOccurrences(of: #"Id="ED-"#, with: #"Id="ED-copy-"#)
        refused(scenario, secured.replacingCharacters(in: end.upperBound..<end.upperBound, with: copy),
                saying: "Body holds the element EncryptedData beside the EncryptedData of its content")
        // Nothing authenticates the Type: said to be Element, the one element decrypted passes, but not one beside it.
        let element = secured.replacingOccurrences(of: "xmlenc#Content", with: "xmlenc#Element")
        #expect(element != secured)
        refused(scenario, element.replacingCharacters(in: data.lowerBound..<data.lowerBound, with: evil),
                saying: "The Body holds the element transfer beside its encrypted content")
    }

    /// sp:ContentEncryptedElements: text beside the EncryptedData in the element is no more encrypted than the Body's.
    @Test func plaintextBesideEncryptedElementContentIsRefused() throws {
        var policy = F.policy(3)
        policy.alternative.elements.contentEncrypted = [EngineElementsTests.xpath("//wsa:Action")]
        let engine = SecurityEngine(policy: policy)
        let secured = String(decoding: try engine.secure(EngineElementsTests.envelope(), context: F.client()), as: UTF8.self)
        _ = try engine.verify(Data(secured.utf8), context: F.service())
        let action = try #require(secured.range(of: #"<a:Action [^>]*>"#, options: .regularExpression))
        refused(3, secured.replacingCharacters(in: action.upperBound..<action.upperBound, with: "urn:transferAll"), policy: policy,
                saying: "Action holds text beside the EncryptedData of its content")
    }

    /// With nothing but the service's certificate, an attacker encrypts a Security header of their own under their own
    /// EncryptedKey, in a wsse11:EncryptedHeader or as a bare EncryptedData in the SOAP Header: once decrypted it would
    /// stand beside the one processed.
    @Test(arguments: [(2, true), (5, true), (8, true), (2, false), (8, false)])
    func aSecurityHeaderOutOfEncryptedDataIsRefused(scenario: Int, wrapped: Bool) throws {
        let secured = try SecurityEngine(policy: F.policy(scenario)).secure(F.envelope(), context: F.client())
        let document = try XMLDocument.parseForEditing(Array(secured))
        let envelope = try #require(document.root)
        let security = try #require(envelope.child("Header", envelope.namespace)?.child("Security", WSS.wsse))
        let smuggled: XMLElement
        if wrapped {
            let wrapper = security.insertSiblingBefore("EncryptedHeader", namespace: WSS.wsse11, prefix: "wsse11")
            wrapper.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", "EH-1")
            smuggled = wrapper.appendElement("Security", namespace: WSS.wsse, prefix: "wsse")
        } else {
            smuggled = security.insertSiblingBefore("Security", namespace: WSS.wsse, prefix: "wsse")
        }
        let token = smuggled.appendElement("UsernameToken", namespace: WSS.wsse, prefix: "wsse")
        token.appendElement("Username", namespace: WSS.wsse, prefix: "wsse", text: "admin")
        let key = try XMLKey.generateDataKey(for: .aes256CBC)
        try XMLEncryptor(algorithm: .aes256CBC).encrypt(smuggled, dataKey: key, id: "ED-smuggled")
        let first = try #require(security.children.first)
        try XMLKeyEncryptor().encryptedKey(key, for: try XMLKey(certificate: F.serviceCertificate), at: .before(first),
                                           id: "EK-smuggled", dataReferences: ["ED-smuggled"])
        let text = String(decoding: document.serialized(), as: UTF8.self)
        #expect(text.contains("<wsse11:EncryptedHeader") == wrapped && !text.contains("admin"))
        refused(scenario, text, saying: wrapped ? "A wsse11:EncryptedHeader held a wsse:Security header"
                                                : "The message has 2 Security headers for this receiver once decrypted")
    }
}
