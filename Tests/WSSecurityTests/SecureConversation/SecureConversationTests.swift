import Foundation
import KeyMaterial
import Testing
@testable import WSSecurity

/// Scenarios 9-15 end to end in-process: the token issued under each bootstrap policy (A: mutual X.509, B: anonymous
/// EncryptedKey, C: B plus a UsernameToken), a request and a response under it, then Cancel.
@Suite struct SecureConversationTests {
    typealias F = EngineFixture
    typealias S = SecureConversationFixture

    @Test(arguments: 9...15)
    func issueExchangeAndCancel(scenario: Int) throws {
        let fixture = S(scenario)
        let pending = try fixture.client.issueRequest(context: F.client())
        let rst = String(decoding: pending.secured.envelope, as: UTF8.self)
        #expect(SecureConversationService.kind(of: pending.secured.envelope) == .issue)
        #expect(rst.contains(Trust.issueAction) && !rst.contains("ComputedKeyAlgorithm"), "the RST travels encrypted under the bootstrap policy")
        let answer = try fixture.service.issue(pending.secured.envelope, context: F.service())
        if scenario >= 14 { #expect(answer.verified.principal == "alice") }
        let (token, _) = try fixture.client.accept(answer.response, for: pending, context: F.client())
        #expect(token.identifier == answer.identifier && token.identifier.hasPrefix("urn:uuid:"))
        #expect(token.secret.count == 32)
        #expect(token.secret.isEqual(to: try fixture.store.token(token.identifier, now: Date()).secret), "both sides computed the same key")

        let engine = SecurityEngine(policy: fixture.policy)
        let secured = try fixture.request(token)
        let text = String(decoding: secured.envelope, as: UTF8.self)
        #expect(text.contains("<wsc:SecurityContextToken") && text.contains("URI=\"#sctId-"))
        #expect(text.contains("two boxes") != (fixture.policy.alternative.encryptedParts?.body ?? false))
        let verified = try fixture.service.verify(secured.envelope, context: F.service())
        #expect(F.payloadText(verified.envelope) == F.payloadText(F.envelope()))
        #expect(verified.requestContext.sessionKey?.source == .securityContextToken(identifier: token.identifier))

        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        #expect(String(decoding: response, as: UTF8.self).contains("<wsc:SecurityContextToken"), "the responder includes the token")
        var clientResponse = F.client(.response, request: secured.requestContext)
        clientResponse.conversation = token
        #expect(F.payloadText(try engine.verify(response, context: clientResponse).envelope) == F.payloadText(F.envelope()))

        let cancel = try fixture.client.cancelRequest(token, context: F.client())
        #expect(SecureConversationService.kind(of: cancel.envelope) == .cancel)
        let cancelled = try fixture.service.cancel(cancel.envelope, context: F.service())
        #expect(cancelled.identifier == token.identifier)
        _ = try fixture.client.acceptCancel(cancelled.response, for: cancel, token: token, context: F.client())
        #expect(throws: SecurityFault.self) { try fixture.service.verify(try fixture.request(token).envelope, context: F.service()) }
    }

    /// sp:EncryptSignature and sp:EncryptBeforeSigning, each and both, under a SecurityContextToken (11, 15: Body
    /// signed and encrypted): a request and its response, each with the option's checks.
    @Test(arguments: [11, 15], ["EncryptSignature", "EncryptBeforeSigning", "EncryptBeforeSigning+EncryptSignature"])
    func protectionOptionsUnderTheToken(scenario: Int, option: String) throws {
        let fixture = S(scenario) { policy in
            if option.hasSuffix("EncryptSignature") { policy.alternative.binding.common.encryptSignature = true }
            if option.hasPrefix("EncryptBeforeSigning") { policy.alternative.binding.common.protectionOrder = .encryptBeforeSigning }
        }
        let both = option.contains("+")
        let option = option.hasPrefix("EncryptBeforeSigning") ? "EncryptBeforeSigning" : option
        let expected = option == "EncryptSignature" ? "Signature encrypted (sp:EncryptSignature)" : "Body encrypted before it was signed (sp:EncryptBeforeSigning)"
        let token = try fixture.establish()
        let secured = try fixture.request(token)
        #expect(secured.actions.contains { $0.contains("sp:\(option)") }, "\(secured.actions)")
        let verified = try fixture.service.verify(secured.envelope, context: F.service())
        #expect(verified.checks.contains { $0.contains(expected) }, "\(verified.checks)")
        #expect(!both || verified.checks.contains { $0.contains("Signature encrypted (sp:EncryptSignature)") }, "\(verified.checks)")
        #expect(F.payloadText(verified.envelope) == F.payloadText(F.envelope()))

        let response = try SecurityEngine(policy: fixture.policy).secured(F.envelope(), context: F.service(.response, request: verified.requestContext))
        #expect(response.actions.contains { $0.contains("sp:\(option)") }, "\(response.actions)")
        var clientResponse = F.client(.response, request: secured.requestContext)
        clientResponse.conversation = token
        let accepted = try SecurityEngine(policy: fixture.policy).verify(response.envelope, context: clientResponse)
        #expect(accepted.checks.contains { $0.contains(expected) }, "\(accepted.checks)")
    }

    /// A TripleDes suite under a SecurityContextToken: the token's secret is a Triple DES key (192 bits).
    @Test(arguments: [11, 15])
    func tripleDesSuiteUnderTheToken(scenario: Int) throws {
        let fixture = S(scenario) { $0.alternative.binding.common.algorithmSuite = .tripleDes }
        let token = try fixture.establish()
        #expect(token.secret.count == 24)
        let secured = try fixture.request(token)
        #expect(String(decoding: secured.envelope, as: UTF8.self).contains("xmlenc#tripledes-cbc"))
        let verified = try fixture.service.verify(secured.envelope, context: F.service())
        #expect(verified.checks.contains("Body encrypted (tripledes-cbc) and decrypted"), "\(verified.checks)")
        #expect(F.payloadText(verified.envelope) == F.payloadText(F.envelope()))
    }

    @Test func soap12RoundTrip() throws {
        var fixture = S(11)
        fixture = S(11)
        let client = SecureConversationClient(policy: fixture.policy, serviceAddress: "https://localhost/x", soap12: true)
        let pending = try client.issueRequest(context: F.client())
        #expect(String(decoding: pending.secured.envelope, as: UTF8.self).contains(WSS.soap12))
        let answer = try fixture.service.issue(pending.secured.envelope, context: F.service())
        #expect(String(decoding: answer.response, as: UTF8.self).contains(WSS.soap12))
        let (token, _) = try client.accept(answer.response, for: pending, context: F.client())
        let secured = try SecurityEngine(policy: fixture.policy).secured(F.envelope(soap12: true), context: fixture.clientContext(token))
        #expect(F.payloadText(try fixture.service.verify(secured.envelope, context: F.service()).envelope) == F.payloadText(F.envelope()))
    }

    @Test func storeRefusesUnknownCancelledAndExpiredTokens() throws {
        let store = SecurityContextStore(skew: 0)
        let now = Date()
        try store.insert(SecurityContextToken(identifier: "urn:uuid:a", secret: Secret("k"), created: now, expires: now.addingTimeInterval(60)), now: now)
        #expect(try store.token("urn:uuid:a", now: now).identifier == "urn:uuid:a")
        for (identifier, at, words) in [("urn:uuid:b", now, "unknown"), ("urn:uuid:a", now.addingTimeInterval(61), "expired")] {
            do { _ = try store.token(identifier, now: at); Issue.record("accepted \(identifier)") } catch {
                #expect(error.code == .invalidSecurityToken && error.message.contains(words), "\(error)")
            }
        }
        #expect(store.cancel("urn:uuid:a") && !store.cancel("urn:uuid:a"))
        do { _ = try store.token("urn:uuid:a", now: now); Issue.record("accepted a cancelled token") } catch {
            #expect(error.message.contains("cancelled"))
        }
    }
}
