import Foundation
import Testing
@testable import WSSecurity

/// sp:EncryptSignature (WS-SecurityPolicy 1.2 §6.4) under the asymmetric and the symmetric binding: the Signature
/// leaves as an EncryptedData in its place, is decrypted and then verified; a clear one is refused under the
/// assertion and still accepted without it (as WSS4J does).
@Suite struct EngineEncryptSignatureTests {
    typealias F = EngineFixture

    static func policy(_ scenario: Int, encryptSignature: Bool = true) -> SecurityPolicy {
        var policy = F.policy(scenario)
        policy.alternative.binding.common.encryptSignature = encryptSignature
        return policy
    }

    @Test(arguments: [5, 6, 8])
    func requestAndResponseRoundTrip(scenario: Int) throws {
        let engine = SecurityEngine(policy: Self.policy(scenario))
        let request = try engine.secured(F.envelope(), context: F.client())
        let text = String(decoding: request.envelope, as: UTF8.self)
        #expect(!text.contains("SignatureValue"), "the Signature went out encrypted")
        #expect(try F.headerNames(request.envelope).filter { $0 == "EncryptedData" }.count == 1)
        #expect(request.actions.contains { $0.contains("sp:EncryptSignature") })
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains { $0.contains("Signature encrypted (sp:EncryptSignature)") }, "\(verified.checks)")
        #expect(verified.checks.contains { $0.contains("Body") && $0.contains("signed by the") }, "what is covered is unchanged")
        #expect(F.payloadText(verified.envelope) != nil)
        if scenario == 5 { #expect(verified.principal == F.clientCertificate.subject, "the signer is the client's certificate") }

        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        #expect(!String(decoding: response, as: UTF8.self).contains("SignatureValue"))
        let confirmed = try engine.verify(response, context: F.client(.response, request: request.requestContext))
        #expect(confirmed.checks.contains { $0.contains("SignatureConfirmation matches") })
        #expect(confirmed.checks.contains { $0.contains("sp:EncryptSignature") })
    }

    /// The same message with its Signature in clear: stripped encryption, refused after the crypto.
    @Test(arguments: [5, 6, 8])
    func aClearSignatureIsRefused(scenario: Int) throws {
        let clear = try SecurityEngine(policy: Self.policy(scenario, encryptSignature: false)).secure(F.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.policy(scenario)).verify(clear, context: F.service())
            Issue.record("a clear Signature accepted under sp:EncryptSignature")
        } catch {
            #expect(error.code == .invalidSecurity)
            #expect(error.message.contains("The Signature is not encrypted, as the policy's sp:EncryptSignature requires"))
        }
    }

    /// Without the assertion, an encrypted Signature is still accepted (WSS4J 1.6 and Rampart do).
    @Test(arguments: [5, 8])
    func anEncryptedSignatureIsAcceptedWithoutTheAssertion(scenario: Int) throws {
        let encrypted = try SecurityEngine(policy: Self.policy(scenario)).secure(F.envelope(), context: F.client())
        let verified = try SecurityEngine(policy: Self.policy(scenario, encryptSignature: false)).verify(encrypted, context: F.service())
        #expect(verified.checks.contains { $0.contains("Body") && $0.contains("signed by the") })
    }

    /// A ReferenceList after the EncryptedData it decrypts (a second list, as some senders write it): the Signature
    /// reappears behind the header walk and is verified once the walk is done.
    @Test func aReferenceListAfterTheEncryptedSignature() throws {
        let engine = SecurityEngine(policy: Self.policy(6))
        let message = try engine.secure(F.envelope(), context: F.client())
        let soap = try SOAPEnvelope(message)
        let security = try #require(soap.securityHeaders.first)
        let list = try #require(security.children.first { $0.name == "ReferenceList" })
        list.move(to: .lastChild(of: security))
        let moved = soap.serialized()
        #expect(try F.headerNames(moved).last == "ReferenceList")
        let verified = try engine.verify(moved, context: F.service())
        #expect(verified.checks.contains { $0.contains("sp:EncryptSignature") })
    }

    @Test func aChangedEncryptedSignatureFails() throws {
        let engine = SecurityEngine(policy: Self.policy(5))
        let message = try engine.secure(F.envelope(), context: F.client())
        let soap = try SOAPEnvelope(message)
        let security = try #require(soap.securityHeaders.first)
        let data = try #require(security.children.first { $0.name == "EncryptedData" })
        let value = try #require(data.child("CipherData", WSS.xenc)?.child("CipherValue", WSS.xenc)?.text)
        var bytes = try #require(Data(base64Encoded: value, options: .ignoreUnknownCharacters))
        bytes[bytes.count - 20] ^= 1
        let changed = String(decoding: message, as: UTF8.self).replacingOccurrences(of: value, with: bytes.base64EncodedString())
        #expect(changed != String(decoding: message, as: UTF8.self))
        #expect(throws: SecurityFault.self) { _ = try engine.verify(Data(changed.utf8), context: F.service()) }
    }
}
