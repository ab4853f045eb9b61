import Foundation
import Testing
@testable import WSSecurity

/// sp:EncryptBeforeSigning under the asymmetric and the symmetric binding: the Body is encrypted first, the
/// Signature covers the EncryptedData and precedes the key that decrypts it; inbound, each protection order is
/// refused under a policy asking for the other.
@Suite struct EngineEncryptBeforeSigningTests {
    typealias F = EngineFixture

    static func policy(_ scenario: Int, encryptFirst: Bool = true) -> SecurityPolicy {
        var policy = F.policy(scenario)
        policy.alternative.binding.common.protectionOrder = encryptFirst ? .encryptBeforeSigning : .signBeforeEncrypting
        return policy
    }

    @Test(arguments: [5, 6, 8])
    func requestAndResponseRoundTrip(scenario: Int) throws {
        let engine = SecurityEngine(policy: Self.policy(scenario))
        let request = try engine.secured(F.envelope(), context: F.client())
        #expect(request.actions.contains { $0.contains("sp:EncryptBeforeSigning") }, "\(request.actions)")
        let names = try F.headerNames(request.envelope)
        let keyHolder = scenario == 5 ? "EncryptedKey" : "ReferenceList"
        let signatureAt = try #require(names.firstIndex(of: "Signature"))
        #expect(names.lastIndex(of: keyHolder).map { $0 > signatureAt } == true, "the Signature precedes the \(keyHolder): \(names)")
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains("Body encrypted before it was signed (sp:EncryptBeforeSigning)"), "\(verified.checks)")
        #expect(F.payloadText(verified.envelope) != nil, "the Body decrypted")

        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        let confirmed = try engine.verify(response, context: F.client(.response, request: request.requestContext))
        #expect(confirmed.checks.contains("Body encrypted before it was signed (sp:EncryptBeforeSigning)"), "\(confirmed.checks)")
        #expect(confirmed.checks.contains { $0.contains("SignatureConfirmation matches") })
    }

    /// Sign-then-encrypt under an EncryptBeforeSigning policy, and encrypt-then-sign under the default: both refused
    /// after the crypto, which succeeded.
    @Test(arguments: [5, 8])
    func eachOrderIsRefusedUnderTheOther(scenario: Int) throws {
        let signedFirst = try SecurityEngine(policy: Self.policy(scenario, encryptFirst: false)).secure(F.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.policy(scenario)).verify(signedFirst, context: F.service())
            Issue.record("a Body signed before it was encrypted accepted under sp:EncryptBeforeSigning")
        } catch {
            #expect(error.code == .invalidSecurity)
            #expect(error.message.contains("The Body was signed before it was encrypted"), "\(error.message)")
        }
        let encryptedFirst = try SecurityEngine(policy: Self.policy(scenario)).secure(F.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.policy(scenario, encryptFirst: false)).verify(encryptedFirst, context: F.service())
            Issue.record("a Body encrypted before it was signed accepted under SignBeforeEncrypting")
        } catch {
            #expect(error.code == .invalidSecurity)
            #expect(error.message.contains("The Body was encrypted before it was signed"), "\(error.message)")
        }
    }

    /// A payload carrying an EncryptedData of its own (application-level encryption, not the message's) is not taken
    /// for the protection order: the order is judged by the sequence of the crypto.
    @Test(arguments: [false, true])
    func aPayloadHoldingItsOwnEncryptedDataIsNotMistakenForTheOrder(encryptFirst: Bool) throws {
        let payload = #"<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Id="app-1"><xenc:CipherData><xenc:CipherValue>AAAA</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>"#
        let engine = SecurityEngine(policy: Self.policy(5, encryptFirst: encryptFirst))
        let message = try engine.secure(F.envelope(payload: payload), context: F.client())
        let verified = try engine.verify(message, context: F.service())
        #expect(verified.checks.contains(encryptFirst ? "Body encrypted before it was signed (sp:EncryptBeforeSigning)" : "Body signed before it was encrypted"),
                "\(verified.checks)")
        #expect(String(decoding: verified.envelope, as: UTF8.self).contains("Id=\"app-1\""), "the payload's own EncryptedData left as it came")
    }

    /// The ciphertext is what is signed: one changed bit of it fails the signature, before anything is decrypted.
    @Test func aChangedCipherValueFailsTheSignature() throws {
        let engine = SecurityEngine(policy: Self.policy(5))
        let message = try engine.secure(F.envelope(), context: F.client())
        let soap = try SOAPEnvelope(message)
        let value = try #require(soap.body.descendants("CipherValue", WSS.xenc).first?.text)
        var bytes = try #require(Data(base64Encoded: value, options: .ignoreUnknownCharacters))
        bytes[bytes.count - 20] ^= 1
        let changed = String(decoding: message, as: UTF8.self).replacingOccurrences(of: value, with: bytes.base64EncodedString())
        #expect(changed != String(decoding: message, as: UTF8.self))
        do {
            _ = try engine.verify(Data(changed.utf8), context: F.service())
            Issue.record("a changed ciphertext accepted")
        } catch {
            #expect(error.code == .failedCheck, "\(error.code): \(error.message)")
            #expect(error.message.contains("signature") || error.message.contains("Signature"), "the signature fails first: \(error.message)")
        }
    }

    static func withEncryptedSignature(_ scenario: Int, encryptFirst: Bool = true) -> SecurityPolicy {
        var policy = policy(scenario, encryptFirst: encryptFirst)
        policy.alternative.binding.common.encryptSignature = true
        return policy
    }

    /// With sp:EncryptSignature too: the Signature, made over the Body's EncryptedData, is encrypted in place under
    /// the Body's key; what opens it (the EncryptedKey, or its own ReferenceList) precedes it, and the Body's
    /// ReferenceList follows it, so the Signature is verified before the Body is decrypted.
    @Test(arguments: [5, 6, 8])
    func withEncryptSignatureRequestAndResponse(scenario: Int) throws {
        let engine = SecurityEngine(policy: Self.withEncryptedSignature(scenario))
        let request = try engine.secured(F.envelope(), context: F.client())
        #expect(request.actions.contains { $0.contains("sp:EncryptSignature") } && request.actions.contains(Outbound.encryptedFirst), "\(request.actions)")
        let names = try F.headerNames(request.envelope)
        let dataAt = try #require(names.firstIndex(of: "EncryptedData"), "\(names)")
        #expect(!names.contains("Signature"), "the Signature is encrypted: \(names)")
        #expect(names[dataAt - 1] == (scenario == 5 ? "EncryptedKey" : "ReferenceList") && names.last == "ReferenceList", "\(names)")
        let expected = ["Body encrypted before it was signed (sp:EncryptBeforeSigning)",
                        "Signature encrypted (sp:EncryptSignature) and decrypted before it was verified"]
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(expected.allSatisfy(verified.checks.contains), "\(verified.checks)")
        #expect(F.payloadText(verified.envelope) != nil, "the Body decrypted")

        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        #expect(!(try F.headerNames(response)).contains("Signature"))
        let confirmed = try engine.verify(response, context: F.client(.response, request: request.requestContext))
        #expect(expected.allSatisfy(confirmed.checks.contains), "\(confirmed.checks)")
    }

    /// Under both options, a Signature in clear and a Body signed before it was encrypted are each refused.
    @Test(arguments: [5, 8])
    func bothOptionsAreHeldTogether(scenario: Int) throws {
        let both = SecurityEngine(policy: Self.withEncryptedSignature(scenario))
        let inClear = try SecurityEngine(policy: Self.policy(scenario)).secure(F.envelope(), context: F.client())
        do {
            _ = try both.verify(inClear, context: F.service())
            Issue.record("a Signature in clear accepted under sp:EncryptSignature")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("The Signature is not encrypted"), "\(error)")
        }
        let signedFirst = try SecurityEngine(policy: Self.withEncryptedSignature(scenario, encryptFirst: false)).secure(F.envelope(), context: F.client())
        do {
            _ = try both.verify(signedFirst, context: F.service())
            Issue.record("a Body signed before it was encrypted accepted under sp:EncryptBeforeSigning")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("The Body was signed before it was encrypted"), "\(error)")
        }
    }
}
