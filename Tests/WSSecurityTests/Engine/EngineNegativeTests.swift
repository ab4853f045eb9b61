import Foundation
import KeyMaterial
import Testing
@testable import WSSecurity

/// Each attack or mistake is refused with the fault a WS-Security peer expects, and none is accepted by accident.
@Suite struct EngineNegativeTests {
    typealias F = EngineFixture

    func expectFault(_ code: SecurityFault.Code, _ body: () throws(SecurityFault) -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            try body()
            Issue.record("accepted; expected \(code)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        }
    }

    func secure(_ scenario: Int, policy: SecurityPolicy? = nil, context: SecurityContext = F.client()) throws -> Data {
        try SecurityEngine(policy: policy ?? F.policy(scenario)).secure(F.envelope(), context: context)
    }

    func verify(_ scenario: Int, _ message: Data, context: SecurityContext = F.service()) throws(SecurityFault) {
        _ = try SecurityEngine(policy: F.policy(scenario)).verify(message, context: context)
    }

    @Test func noSecurityHeader() {
        for scenario in [1, 2, 6] {
            expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(scenario, F.envelope()) }
        }
    }

    @Test func noTimestamp() throws {
        let text = String(decoding: try secure(1), as: UTF8.self)
        let stripped = text.replacingOccurrences(of: #"<wsu:Timestamp.*?</wsu:Timestamp>"#, with: "", options: .regularExpression)
        #expect(stripped != text)
        expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(1, Data(stripped.utf8)) }
    }

    @Test func expiredTimestamp() throws {
        for scenario in [1, 2] {
            let old = try secure(scenario, context: F.client(now: { Date().addingTimeInterval(-3_600) }))
            expectFault(.messageExpired) { () throws(SecurityFault) in try verify(scenario, old) }
        }
        let future = try secure(2, context: F.client(now: { Date().addingTimeInterval(3_600) }))
        expectFault(.messageExpired) { () throws(SecurityFault) in try verify(2, future) }
    }

    @Test func replayedNonce() throws {
        let cache = NonceCache()
        for scenario in [1, 8] {
            let message = try secure(scenario)
            try verify(scenario, message, context: F.service(cache: cache))
            expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(scenario, message, context: F.service(cache: cache)) }
        }
    }

    @Test func wrongPasswordAndUnknownUser() throws {
        for scenario in [1, 7, 8] {
            expectFault(.failedAuthentication) { () throws(SecurityFault) in try verify(scenario, try! secure(scenario, context: F.client(password: "guess"))) }
            expectFault(.failedAuthentication) { () throws(SecurityFault) in try verify(scenario, try! secure(scenario, context: F.client(user: "mallory"))) }
        }
    }

    @Test func userLackingTheRole() throws {
        for scenario in [1, 8] {
            let message = try secure(scenario, context: F.client(user: "bob", password: "bob-secret"))
            expectFault(.failedAuthentication) { () throws(SecurityFault) in try verify(scenario, message) }
        }
    }

    @Test func plainHTTPRefusedForTransportBinding() throws {
        expectFault(.invalidSecurity) { () throws(SecurityFault) in _ = try SecurityEngine(policy: F.policy(1)).secure(F.envelope(), context: F.client(transport: .http)) }
        expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(1, try! secure(1), context: F.service(transport: .http)) }
    }

    @Test func unsignedBodyUnderSigningPolicy() throws {
        for scenario in [2, 3, 8] {
            var weaker = F.policy(scenario)
            weaker.alternative.signedParts = nil
            expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(scenario, try! secure(scenario, policy: weaker)) }
        }
    }

    @Test func untrustedSigner() throws {
        let message = try secure(2)
        expectFault(.failedAuthentication) { () throws(SecurityFault) in try verify(2, message, context: F.service(trusted: [F.strangerCertificate])) }
        expectFault(.failedAuthentication) { () throws(SecurityFault) in try verify(2, message, context: F.service(trusted: [])) }
    }

    @Test func tamperedBody() throws {
        for scenario in [2, 3] {
            let text = String(decoding: try secure(scenario), as: UTF8.self).replacingOccurrences(of: "two boxes", with: "nine boxes")
            expectFault(.failedCheck) { () throws(SecurityFault) in try verify(scenario, Data(text.utf8)) }
        }
    }

    /// The signed Body is moved into a header wrapper and a new Body takes its place: the signature still
    /// verifies (over the moved copy), but it no longer covers the SOAP Body.
    @Test func wrappingAttack() throws {
        for scenario in [2, 3] {
            let text = String(decoding: try secure(scenario), as: UTF8.self)
            let body = try #require(text.range(of: #"<soapenv:Body.*</soapenv:Body>"#, options: .regularExpression))
            let original = String(text[body])
            var attacked = text.replacingCharacters(in: body, with: "<soapenv:Body><m:order xmlns:m=\"urn:example:orders\"><m:item sku=\"Z\">everything</m:item></m:order></soapenv:Body>")
            attacked = attacked.replacingOccurrences(of: "</soapenv:Header>", with: "<w:Wrapper xmlns:w=\"urn:attacker\">\(original)</w:Wrapper></soapenv:Header>")
            do {
                try verify(scenario, Data(attacked.utf8))
                Issue.record("wrapped message accepted")
            } catch {
                #expect(error.code == .invalidSecurity)
                #expect(error.message.contains("Body"), "\(error)")
            }
        }
    }

    /// Copies of a valid Signature each verify again, and each reference costs xmlsec a pass over the whole document:
    /// 4,000 copies in a 6 MB request kept the service busy three minutes, and it was accepted. The message's
    /// signatures together have the bound one signature has.
    @Test func copiesOfASignatureAreRefusedBeforeTheyAreVerified() throws {
        for scenario in [2, 3] {
            let text = String(decoding: try secure(scenario), as: UTF8.self)
            let signature = try #require(text.range(of: #"(?s)<ds:Signature .*?</ds:Signature>"#, options: .regularExpression))
            let copy = text[signature].replacingOccurrences(of: #" Id="SIG-[^"]*""#, with: "", options: .regularExpression)
            let copies = text.replacingCharacters(in: signature, with: text[signature] + String(repeating: copy, count: 20))
            do {
                try verify(scenario, Data(copies.utf8))
                Issue.record("21 copies of a Signature accepted")
            } catch {
                #expect(error.code == .invalidSecurity && error.message.contains("references together"), "\(error)")
            }
        }
    }

    /// Each EncryptedKey costs an RSA decryption with the service's key before anything else is checked: 7,000 in an
    /// 8 MB request were all opened, and under scenario 2, which uses none, the request was accepted.
    @Test func aFloodOfEncryptedKeysIsRefusedBeforeOneIsOpened() throws {
        let keyed = String(decoding: try secure(6), as: UTF8.self)
        let key = try #require(keyed.range(of: #"(?s)<xenc:EncryptedKey .*?</xenc:EncryptedKey>"#, options: .regularExpression))
        let copies = (0..<33).map { keyed[key].replacingOccurrences(of: #" Id="EK-[^"]*""#, with: " Id=\"EK-copy\($0)\"", options: .regularExpression) }
        for scenario in [2, 6] {
            let text = String(decoding: try secure(scenario), as: UTF8.self)
            let flooded = text.replacingOccurrences(of: "</wsse:Security>", with: copies.joined() + "</wsse:Security>")
            do {
                try verify(scenario, Data(flooded.utf8))
                Issue.record("33 EncryptedKeys accepted")
            } catch {
                #expect(error.code == .invalidSecurity && error.message.contains("EncryptedKeys"), "\(error)")
            }
        }
    }

    @Test func weakerAlgorithmThanTheSuite() throws {
        var strong = F.policy(2)
        if case .asymmetric(var binding) = strong.alternative.binding {
            binding.properties.algorithmSuite = .basic256Sha256
            strong.alternative.binding = .asymmetric(binding)
        }
        let sha1Message = try secure(2)   // Basic256: SHA-1 digests
        expectFault(.unsupportedAlgorithm) { () throws(SecurityFault) in
            _ = try SecurityEngine(policy: strong).verify(sha1Message, context: F.service())
        }
        // The stronger message passes the stronger policy, and the weaker one (a stronger hash is allowed). The
        // algorithms line names what the message used: no SHA-1 digests claimed of a SHA-256 one (Basic256Sha256
        // keeps RSA-SHA1 signatures, WS-SecurityPolicy 1.2 section 6.1).
        let sha256Message = try secure(2, policy: strong)
        _ = try SecurityEngine(policy: strong).verify(sha256Message, context: F.service())
        let checks = try SecurityEngine(policy: F.policy(2)).verify(sha256Message, context: F.service()).checks
        #expect(checks.contains("Algorithms of Basic256: rsa-sha1, sha256 (RSA-SHA1, as the suite demands: weak, but required by the policy)"), "\(checks)")
        let sha1Checks = try SecurityEngine(policy: F.policy(2)).verify(sha1Message, context: F.service()).checks
        #expect(sha1Checks.contains("Algorithms of Basic256: rsa-sha1, sha1 (RSA-SHA1 and SHA-1 digests, as the suite demands: weak, but required by the policy)"),
                "\(sha1Checks)")
    }

    /// A cipher the suite does not name is refused by that name, before the key is tried: AES-128 named in an
    /// EncryptedData whose EncryptedKey holds Basic256's 32-byte key used to read "could not be decrypted".
    @Test func aCipherOtherThanTheSuitesIsNamed() throws {
        let text = String(decoding: try secure(5), as: UTF8.self)
        #expect(text.contains("xmlenc#aes256-cbc"))
        let weaker = Data(text.replacingOccurrences(of: "xmlenc#aes256-cbc", with: "xmlenc#aes128-cbc").utf8)
        expectFault(.unsupportedAlgorithm) { () throws(SecurityFault) in try verify(5, weaker) }
        do { try verify(5, weaker) } catch {
            #expect(error.message == "Encryption aes128-cbc is not Basic256's aes256-cbc", "\(error)")
        }
    }

    /// A Body element whose prefix is declared nowhere: libxml2 only reports it, and the message was accepted
    /// and passed on, to fail in the next parser that read it.
    @Test func undeclaredPrefixInTheBody() throws {
        let text = String(decoding: try secure(1), as: UTF8.self)
        let unbound = text.replacingOccurrences(of: "two boxes", with: "<zz:foo/>")
        #expect(unbound != text)
        expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(1, Data(unbound.utf8)) }
        do { try verify(1, Data(unbound.utf8)) } catch {
            #expect(error.message.contains("An element's namespace prefix is not declared"), "\(error)")
        }
        try verify(1, Data(text.replacingOccurrences(of: "two boxes", with: #"<zz:foo xmlns:zz="urn:zz"/>"#).utf8))
    }

    @Test func encryptionStripped() throws {
        for scenario in [4, 5, 8] {
            var plain = F.policy(scenario)
            plain.alternative.encryptedParts = nil
            let message = try secure(scenario, policy: plain)
            #expect(String(decoding: message, as: UTF8.self).contains("two boxes"))
            expectFault(.invalidSecurity) { () throws(SecurityFault) in try verify(scenario, message) }
        }
    }

    @Test func responseFromAnotherSessionKeyIsRefused() throws {
        let engine = SecurityEngine(policy: F.policy(6))
        let first = try engine.secured(F.envelope(), context: F.client())
        let second = try engine.secured(F.envelope(), context: F.client())
        let verified = try engine.verify(first.envelope, context: F.service())
        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        expectFault(.securityTokenUnavailable) { () throws(SecurityFault) in
            _ = try engine.verify(response, context: F.client(.response, request: second.requestContext))
        }
    }
}
