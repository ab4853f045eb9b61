import Foundation
import Testing
import SecureXML
@testable import WSSecurity

/// Policy options beyond the sixteen scenarios: enforced both ways, or refused as not implemented.
@Suite struct EnginePolicyOptionTests {
    typealias F = EngineFixture

    func withProperties(_ scenario: Int, _ change: (inout BindingProperties) -> Void) -> SecurityPolicy {
        var policy = F.policy(scenario)
        switch policy.alternative.binding {
        case .asymmetric(var b): change(&b.properties); policy.alternative.binding = .asymmetric(b)
        case .symmetric(var b): change(&b.properties); policy.alternative.binding = .symmetric(b)
        case .transport(var b): change(&b.properties); policy.alternative.binding = .transport(b)
        }
        return policy
    }

    @Test func protectTokensSignsTheBinarySecurityToken() throws {
        let strict = withProperties(2) { $0.protectTokens = true }
        let engine = SecurityEngine(policy: strict)
        let message = try engine.secure(F.envelope(), context: F.client())
        #expect(try engine.verify(message, context: F.service()).checks.contains { $0.contains("BinarySecurityToken") })
        let unprotected = try SecurityEngine(policy: F.policy(2)).secure(F.envelope(), context: F.client())
        #expect(throws: SecurityFault.self) { _ = try engine.verify(unprotected, context: F.service()) }
    }

    @Test func hashPasswordSendsAndRequiresADigest() throws {
        var policy = F.policy(1)
        policy.alternative.signedSupportingTokens = [.username(UsernameToken(inclusion: .alwaysToRecipient, hashPassword: true))]
        let message = try SecurityEngine(policy: policy).secure(F.envelope(), context: F.client())
        #expect(String(decoding: message, as: UTF8.self).contains("#PasswordDigest"))
        #expect(try SecurityEngine(policy: policy).verify(message, context: F.service()).principal == "alice")
        let text = try SecurityEngine(policy: F.policy(1)).secure(F.envelope(), context: F.client())
        do { _ = try SecurityEngine(policy: policy).verify(text, context: F.service()); Issue.record("text password accepted") } catch {
            #expect(error.code == .invalidSecurity)
        }
    }

    /// A UsernameToken's Nonce is Base64Binary and not empty (an empty one makes every digest of a second alike).
    @Test(arguments: [#"<wsse:Nonce/>"#, #"<wsse:Nonce EncodingType="urn:hex">0a0b0c</wsse:Nonce>"#, #"<wsse:Nonce>not base64!</wsse:Nonce>"#])
    func aNonceThatIsNotBase64BinaryIsRefused(nonce: String) throws {
        let text = """
            <wsse:UsernameToken xmlns:wsse="\(WSS.wsse)" xmlns:wsu="\(WSS.wsu)"><wsse:Username>alice</wsse:Username>\
            <wsse:Password Type="\(WSS.passwordDigest)">AAAAAAAAAAAAAAAAAAAAAAAAAAA=</wsse:Password>\(nonce)\
            <wsu:Created>2026-01-01T00:00:00Z</wsu:Created></wsse:UsernameToken>
            """
        let element = try #require(try XMLDocument.parse(Array(text.utf8)).root)
        #expect(throws: SecurityFault.self) { _ = try UsernameTokenElement(element) }
        let fine = text.replacingOccurrences(of: nonce, with: "<wsse:Nonce EncodingType=\"\(WSS.base64Binary)\">AAECAwQFBgcICQoLDA0ODw==</wsse:Nonce>")
        _ = try UsernameTokenElement(try #require(try XMLDocument.parse(Array(fine.utf8)).root))
    }

    @Test func unimplementedProtectionIsRefusedNotIgnored() throws {
        var policy = F.policy(5)
        // An X.509 token under plain sp:SupportingTokens (sent, protecting nothing) is not implemented.
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: .supporting, tokens: [.x509(X509Token(inclusion: .alwaysToRecipient))])]
        let engine = SecurityEngine(policy: policy)
        do { _ = try engine.secure(F.envelope(), context: F.client()); Issue.record("secured") } catch {
            #expect(error.code == .notImplemented)
            #expect(error.message.contains("sp:SupportingTokens with these tokens is not implemented"), "\(error)")
        }
        do { _ = try engine.verify(F.envelope(), context: F.service()); Issue.record("accepted") } catch { #expect(error.code == .notImplemented) }
    }
}
