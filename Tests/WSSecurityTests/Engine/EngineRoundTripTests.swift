import Foundation
import KeyMaterial
import Testing
@testable import WSSecurity

/// Scenarios 1-8, request and response, SOAP 1.1 and 1.2, with fresh keys: what one side secures, the other accepts.
@Suite struct EngineRoundTripTests {
    typealias F = EngineFixture

    @Test(arguments: 1...8, [false, true])
    func requestAndResponseRoundTrip(scenario: Int, soap12: Bool) throws {
        let engine = SecurityEngine(policy: F.policy(scenario))
        let secured = try engine.secured(F.envelope(soap12: soap12), context: F.client())
        let text = String(decoding: secured.envelope, as: UTF8.self)
        #expect(text.contains("wsse:Security"))
        if F.policy(scenario).alternative.encryptedParts?.body ?? false {
            #expect(!text.contains("two boxes"), "the Body travels encrypted")
        }
        let verified = try engine.verify(secured.envelope, context: F.service())
        #expect(F.payloadText(verified.envelope) == F.payloadText(F.envelope()))
        #expect(!verified.checks.isEmpty)
        switch scenario {
        case 1, 7, 8: #expect(verified.principal == "alice"); #expect(verified.roles == ["ops"])
        case 2, 5: #expect(verified.principal == F.clientCertificate.subject)
        default: break
        }

        let response = try engine.secure(F.envelope(soap12: soap12, payload: F.payload),
                                         context: F.service(.response, request: verified.requestContext))
        let accepted = try engine.verify(response, context: F.client(.response, request: secured.requestContext))
        #expect(F.payloadText(accepted.envelope) == F.payloadText(F.envelope()))
    }

    /// An empty Body (a one-way ping, `message envelope` without --body) under every scenario that encrypts it:
    /// the service decrypted the empty content to no bytes, took that for a failed decryption and refused the request.
    @Test(arguments: (1...8).filter { F.policy($0).alternative.encryptedParts?.body ?? false })
    func anEmptyBodyRoundTrips(scenario: Int) throws {
        let engine = SecurityEngine(policy: F.policy(scenario))
        let secured = try engine.secured(F.envelope(payload: ""), context: F.client())
        #expect(String(decoding: secured.envelope, as: UTF8.self).contains("#Content"), "the Body's content is encrypted")
        let verified = try engine.verify(secured.envelope, context: F.service())
        #expect(String(decoding: verified.envelope, as: UTF8.self).contains("<soapenv:Body"))
        let response = try engine.secure(F.envelope(payload: ""), context: F.service(.response, request: verified.requestContext))
        _ = try engine.verify(response, context: F.client(.response, request: secured.requestContext))
    }

    @Test func headerHasMustUnderstandAndTimestampFirst() throws {
        for soap12 in [false, true] {
            let secured = try SecurityEngine(policy: F.policy(2)).secure(F.envelope(soap12: soap12), context: F.client())
            let text = String(decoding: secured, as: UTF8.self)
            #expect(text.contains(soap12 ? "soapenv:mustUnderstand=\"true\"" : "soapenv:mustUnderstand=\"1\""))
            let timestamp = try #require(text.range(of: "<wsu:Timestamp"))
            let token = try #require(text.range(of: "<wsse:BinarySecurityToken"))
            let signature = try #require(text.range(of: "<ds:Signature"))
            #expect(timestamp.lowerBound < token.lowerBound && token.lowerBound < signature.lowerBound, "Strict layout")
        }
    }

    @Test func passwordDigestIsAccepted() throws {
        var client = F.client()
        client.passwordDigest = true
        let engine = SecurityEngine(policy: F.policy(1))
        let secured = try engine.secure(F.envelope(), context: client)
        #expect(String(decoding: secured, as: UTF8.self).contains("#PasswordDigest"))
        #expect(try engine.verify(secured, context: F.service()).principal == "alice")
    }

    /// WSS4J can refer to an EncryptedKey by a bare direct reference, without the ValueType.
    @Test func directReferenceWithoutValueTypeNamesTheEncryptedKey() throws {
        let engine = SecurityEngine(policy: F.policy(6))
        let text = String(decoding: try engine.secure(F.envelope(), context: F.client()), as: UTF8.self)
        let bare = text.replacingOccurrences(of: #" ValueType="http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKey""#, with: "")
        #expect(bare != text)
        #expect(F.payloadText(try engine.verify(Data(bare.utf8), context: F.service()).envelope) == F.payloadText(F.envelope()))
    }

    @Test func keyReferenceFormsResolve() throws {
        for forms: Set<X509Reference> in [[.thumbprint], [.keyIdentifier], [.issuerSerial]] {
            let reference = KeyReference.to(F.serviceCertificate, forms: forms)
            #expect(reference.names(F.serviceCertificate))
            #expect(!reference.names(F.clientCertificate))
        }
    }
}
