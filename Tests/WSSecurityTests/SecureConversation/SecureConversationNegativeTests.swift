import Foundation
import KeyMaterial
import SecureXML
import Testing
@testable import WSSecurity

/// Under scenarios 9-15, each forgery or stale token is refused with its fault.
@Suite struct SecureConversationNegativeTests {
    typealias F = EngineFixture
    typealias S = SecureConversationFixture

    func expectFault(_ codes: Set<SecurityFault.Code>, _ body: () throws(SecurityFault) -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("accepted; expected \(codes)", sourceLocation: sourceLocation)
        } catch {
            #expect(codes.contains(error.code), "\(error)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [9, 12, 15])
    func unknownTokenIsRefused(scenario: Int) throws {
        let fixture = S(scenario)
        _ = try fixture.establish()
        let forged = SecurityContextToken(identifier: "urn:uuid:" + UUID().uuidString.lowercased(), secret: Secret(bytes: try SecureRandom.bytes(32)),
                                          created: Date(), expires: Date().addingTimeInterval(300))
        let message = try fixture.request(forged).envelope
        expectFault([.invalidSecurityToken]) { () throws(SecurityFault) in _ = try fixture.service.verify(message, context: F.service()) }
    }

    /// Each refusal of a token says what is wrong with it: a too long identifier is not called missing, and a
    /// reference to a DerivedKeyToken says such keys are not supported (not that a BinarySecurityToken is missing).
    @Test func refusedTokensSayWhy() throws {
        let sct = { (identifier: String) in
            #"<wsc:SecurityContextToken xmlns:wsc="\#(Trust.wsc)"><wsc:Identifier>\#(identifier)</wsc:Identifier></wsc:SecurityContextToken>"#
        }
        for (identifier, says) in [(String(repeating: "a", count: 513), "wsc:Identifier has 513 characters; the limit is 512"),
                                   ("", "must hold exactly one non-empty wsc:Identifier")] {
            let element = try #require(try XMLDocument.parse(Array(sct(identifier).utf8)).root)
            #expect { _ = try SecurityContextToken.identifier(of: element) } throws: { ($0 as? SecurityFault)?.message.contains(says) == true }
        }
        #expect(try SecurityContextToken.identifier(of: try #require(try XMLDocument.parse(Array(sct(String(repeating: "a", count: 512)).utf8)).root)).count == 512)
        let envelope = """
            <s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><wsse:Security xmlns:wsse="\(WSS.wsse)" \
            xmlns:wsu="\(WSS.wsu)"><wsc:DerivedKeyToken xmlns:wsc="\(Trust.wsc)" wsu:Id="DK-1"/></wsse:Security></s:Header><s:Body/></s:Envelope>
            """
        let soap = try SOAPEnvelope(Data(envelope.utf8))
        var state = InboundState(soap: soap)
        state.security = soap.securityHeaders.first
        #expect(state.describe(.binaryToken(id: "DK-1")).contains("DerivedKeyToken #DK-1: keys derived from a token are not supported"))
    }

    /// An STS that knows its service refuses an RST whose wsp:AppliesTo names another service (its client would take
    /// the token for that one's); a Micro Integrator endpoint's address (Orders.OrdersHttpsSoap12Endpoint) is its own.
    @Test(arguments: [("Payments", false), ("Orders", true)])
    func anRSTForAnotherServiceIsRefused(serviceName: String, issued: Bool) throws {
        let fixture = S(11)
        var sts = fixture.service
        sts.serviceName = serviceName
        for address in ["https://localhost/services/Orders", "https://mi.example:8243/services/Orders.OrdersHttpsSoap12Endpoint"] {
            let client = SecureConversationClient(policy: fixture.policy, serviceAddress: address)
            let pending = try client.issueRequest(context: F.client())
            do {
                _ = try sts.issue(pending.secured.envelope, context: F.service())
                #expect(issued, "issued a token for \(address) as \(serviceName)'s STS")
            } catch {
                #expect(!issued && error.code == .invalidSecurity && error.message.contains("asks for a token for Orders"), "\(error)")
            }
        }
    }

    @Test func expiredTokenIsRefused() throws {
        let fixture = S(11, tokenLifetime: 5)
        let token = try fixture.establish()
        let message = try fixture.request(token).envelope
        var later = F.service()
        later.now = { Date().addingTimeInterval(60) }
        expectFault([.invalidSecurityToken]) { () throws(SecurityFault) in _ = try fixture.service.verify(message, context: later) }
        #expect(try fixture.service.verify(message, context: F.service()).principal == nil, "still good before it expires")
    }

    @Test func wrongKeyIsRefused() throws {
        let fixture = S(10)
        let token = try fixture.establish()
        let impostor = SecurityContextToken(identifier: token.identifier, secret: Secret(bytes: try SecureRandom.bytes(32)),
                                            created: token.created, expires: token.expires)
        let message = try fixture.request(impostor).envelope
        expectFault([.failedCheck]) { () throws(SecurityFault) in _ = try fixture.service.verify(message, context: F.service()) }
    }

    @Test(arguments: [9, 13, 14])
    func tamperedRSTRIsRefused(scenario: Int) throws {
        let fixture = S(scenario)
        let pending = try fixture.client.issueRequest(context: F.client())
        let answer = try fixture.service.issue(pending.secured.envelope, context: F.service())
        var text = String(decoding: answer.response, as: UTF8.self)
        let body = try #require(text.range(of: "<soapenv:Body"))
        let value = try #require(text.range(of: "CipherValue>", range: body.upperBound..<text.endIndex))
        let first = text[value.upperBound]
        text.replaceSubrange(value.upperBound...value.upperBound, with: first == "A" ? "B" : "A")
        expectFault([.failedCheck]) { () throws(SecurityFault) in _ = try fixture.client.accept(Data(text.utf8), for: pending, context: F.client()) }
    }

    @Test func unsecuredRSTIsRefused() throws {
        let fixture = S(12)
        let body = TrustMessages.issueRequest(appliesTo: "https://localhost/x", entropy: try SecureRandom.bytes(32), created: Date(), expires: Date().addingTimeInterval(300))
        let bare = TrustMessages.envelope(action: Trust.issueAction, to: nil, body: body, soap12: false)
        expectFault([.invalidSecurity]) { () throws(SecurityFault) in _ = try fixture.service.issue(bare, context: F.service()) }
        #expect(fixture.store.count == 0, "nothing issued")
    }

    @Test func encryptedKeyCannotStandInForTheToken() throws {
        let message = try SecurityEngine(policy: F.policy(6)).secure(F.envelope(), context: F.client())
        expectFault([.invalidSecurity]) { () throws(SecurityFault) in _ = try S(11).service.verify(message, context: F.service()) }
    }

    @Test func onlyTheHolderCancelsAToken() throws {
        let fixture = S(11)
        let mine = try fixture.establish(), theirs = try fixture.establish()
        let envelope = TrustMessages.envelope(action: Trust.cancelAction, to: nil, body: TrustMessages.cancelRequest(identifier: theirs.identifier), soap12: false)
        let request = try SecurityEngine(policy: fixture.policy).secure(envelope, context: fixture.clientContext(mine))
        expectFault([.failedAuthentication]) { () throws(SecurityFault) in _ = try fixture.service.cancel(request, context: F.service()) }
        #expect(try fixture.store.token(theirs.identifier, now: Date()).identifier == theirs.identifier, "their token still stands")
    }

    /// A token the store holds as refused (another service's, in the console's home) is refused with the reason given,
    /// neither accepted nor cancelled.
    @Test func aRefusedTokenIsRefusedWithItsReason() throws {
        let issuer = S(12)
        let token = try issuer.establish()
        let message = try issuer.request(token).envelope
        let other = SecurityContextStore()
        other.refuse(token.identifier, until: token.expires, because: "issued by EchoProxy, not OrderProxy")
        let service = SecureConversationService(policy: issuer.policy, store: other)
        do {
            _ = try service.verify(message, context: F.service())
            Issue.record("another service's token was accepted")
        } catch {
            #expect(error.code == .invalidSecurityToken && error.message == "issued by EchoProxy, not OrderProxy", "\(error)")
        }
        #expect(!other.cancel(token.identifier))
        #expect(try issuer.service.verify(message, context: F.service()).checks.contains { $0.contains("issued by this service and active") })
    }

    /// Scenario 16 with real Kerberos is proven in KerberosConfigTests (KerberosEngineTests); here, what needs no KDC.
    @Test func kerberosNeedsATicketAndTakesNoOtherToken() throws {
        expectFault([.misconfigured]) { () throws(SecurityFault) in _ = try SecurityEngine(policy: F.policy(16)).secure(F.envelope(), context: F.client()) }
        let keyedByEncryptedKey = try SecurityEngine(policy: F.policy(6)).secure(F.envelope(), context: F.client())
        expectFault([.invalidSecurity]) { () throws(SecurityFault) in _ = try SecurityEngine(policy: F.policy(16)).verify(keyedByEncryptedKey, context: F.service()) }
    }
}
