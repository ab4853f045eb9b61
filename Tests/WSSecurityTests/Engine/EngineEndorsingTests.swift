import Foundation
import Testing
@testable import WSSecurity

/// sp:EndorsingSupportingTokens with an X.509 token: under the transport binding (WCF's CertificateOverTransport) the
/// client signs the Timestamp with its key over HTTPS; under a message binding (WCF's MutualCertificate) it signs the
/// message's Signature. The service holds the endorsing signature to a trusted certificate.
@Suite struct EngineEndorsingTests {
    typealias F = EngineFixture

    /// Scenario 1 with the client's certificate endorsing, the UsernameToken kept or dropped.
    static func policy(username: Bool) -> SecurityPolicy {
        var policy = F.policy(1)
        if !username { policy.alternative.signedSupportingTokens = [] }
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: .endorsing, tokens: [.x509(X509Token(inclusion: .alwaysToRecipient))])]
        return policy
    }

    @Test(arguments: [false, true])
    func theClientsCertificateEndorsesTheTimestamp(username: Bool) throws {
        let engine = SecurityEngine(policy: Self.policy(username: username))
        let request = try engine.secured(F.envelope(), context: F.client())
        #expect(request.actions.contains { $0.hasPrefix("Timestamp endorsed (sp:EndorsingSupportingTokens, rsa-sha1) by CN=client") }, "\(request.actions)")
        #expect(try F.headerNames(request.envelope).contains("BinarySecurityToken"))
        #expect(PolicySummary(Self.policy(username: username)).lines.first { $0.label == "Client" }?.text.contains("X.509 signature of the Timestamp") == true)
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains { $0.hasPrefix("Timestamp endorsed by CN=client") }, "\(verified.checks)")
        #expect(verified.principal == (username ? "alice" : F.clientCertificate.subject))
        // The response is HTTPS alone.
        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        _ = try engine.verify(response, context: F.client(.response, request: request.requestContext))
    }

    @Test func aMissingOrUntrustedEndorsementIsRefused() throws {
        let engine = SecurityEngine(policy: Self.policy(username: false))
        var plain = F.policy(1)
        plain.alternative.signedSupportingTokens = []
        let unendorsed = try SecurityEngine(policy: plain).secure(F.envelope(), context: F.client())
        do { _ = try engine.verify(unendorsed, context: F.service()); Issue.record("an unendorsed request accepted") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("not signed by the client's certificate"), "\(error)")
        }
        let endorsed = try engine.secure(F.envelope(), context: F.client())
        do { _ = try engine.verify(endorsed, context: F.service(trusted: [F.strangerCertificate])); Issue.record("an untrusted endorsement accepted") } catch {
            #expect(error.code == .failedAuthentication, "\(error)")
        }
    }

    /// A Signature the policy does not ask for, by a certificate no trust store holds, is refused, not ignored: here
    /// a stranger's endorsement of a scenario-3 request whose policy asks for none.
    @Test func anUntrustedExtraSignatureIsRefused() throws {
        var stranger = F.client()
        stranger.ownKey = (F.strangerKey, [F.strangerCertificate])
        let request = try SecurityEngine(policy: Self.messagePolicy(3, .endorsing)).secure(F.envelope(), context: stranger)
        #expect(try F.headerNames(request).filter { $0 == "Signature" }.count == 2)
        do { _ = try SecurityEngine(policy: F.policy(3)).verify(request, context: F.service()); Issue.record("an untrusted extra signature accepted") } catch {
            #expect(error.code == .failedAuthentication && error.message.contains("CN=stranger,O=elsewhere is not trusted"), "\(error)")
        }
        // Trusted, the same extra signature is no reason to refuse.
        _ = try SecurityEngine(policy: F.policy(3)).verify(request, context: F.service(trusted: [F.clientCertificate, F.strangerCertificate]))
    }

    /// Scenario `scenario` with the client's certificate endorsing the message's Signature (WCF's MutualCertificate).
    static func messagePolicy(_ scenario: Int, _ kind: SupportingTokens.Kind, inclusion: TokenInclusion = .alwaysToRecipient) -> SecurityPolicy {
        var policy = F.policy(scenario)
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: kind, tokens: [.x509(X509Token(inclusion: inclusion, references: [.thumbprint]))])]
        return policy
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let scenario: Int
        let kind: SupportingTokens.Kind
        var inclusion: TokenInclusion = .alwaysToRecipient
        var testDescription: String { "scenario \(scenario), sp:\(kind.rawValue), token \(inclusion.rawValue)" }
    }

    /// The binding's Signature, then the client's over it; signed-endorsing, the client's BinarySecurityToken under the
    /// first. Under the symmetric binding the certificate becomes the principal (or the UsernameToken's user).
    @Test(arguments: [Case(scenario: 3, kind: .endorsing), Case(scenario: 6, kind: .signedEndorsing), Case(scenario: 8, kind: .endorsing),
                      Case(scenario: 3, kind: .endorsing, inclusion: .never), Case(scenario: 2, kind: .endorsing), Case(scenario: 5, kind: .signedEndorsing)])
    func theClientsCertificateEndorsesTheMessagesSignature(_ c: Case) throws {
        let policy = Self.messagePolicy(c.scenario, c.kind, inclusion: c.inclusion)
        let engine = SecurityEngine(policy: policy)
        let request = try engine.secured(F.envelope(), context: F.client())
        #expect(request.actions.contains { $0.hasPrefix("Signature endorsed (sp:\(c.kind.rawValue), rsa-sha1) by CN=client") }, "\(request.actions)")
        let names = try F.headerNames(request.envelope)
        #expect(names.filter { $0 == "Signature" }.count == 2, "\(names)")
        #expect(names.contains("BinarySecurityToken") == (c.inclusion != .never || [2, 5].contains(c.scenario)), "\(names)")
        #expect(PolicySummary(policy).lines.first { $0.label == "Client" }?.text.contains("X.509 signature of the message's Signature") == true)

        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains { $0.hasPrefix("Signature endorsed by CN=client") && $0.hasSuffix("(sp:\(c.kind.rawValue))") }, "\(verified.checks)")
        let expected = c.scenario == 8 ? "alice" : F.clientCertificate.subject
        #expect(verified.principal == expected)
        // The response is the binding's alone.
        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        _ = try engine.verify(response, context: F.client(.response, request: request.requestContext))
    }

    @Test(arguments: [3, 5])
    func aMissingOrUntrustedEndorsementOfTheSignatureIsRefused(scenario: Int) throws {
        let engine = SecurityEngine(policy: Self.messagePolicy(scenario, .endorsing))
        let unendorsed = try SecurityEngine(policy: F.policy(scenario)).secure(F.envelope(), context: F.client())
        do { _ = try engine.verify(unendorsed, context: F.service()); Issue.record("an unendorsed request accepted") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("Signature is not endorsed"), "\(error)")
        }
        if scenario == 3 {
            let endorsed = try engine.secure(F.envelope(), context: F.client())
            do { _ = try engine.verify(endorsed, context: F.service(trusted: [F.strangerCertificate])); Issue.record("an untrusted endorsement accepted") } catch {
                #expect(error.code == .failedAuthentication, "\(error)")
            }
        }
        // Endorsed, but the token left out of the first Signature: not the signed kind.
        let plainEndorsed = try engine.secure(F.envelope(), context: F.client())
        do { _ = try SecurityEngine(policy: Self.messagePolicy(scenario, .signedEndorsing)).verify(plainEndorsed, context: F.service()); Issue.record("accepted") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("BinarySecurityToken is not signed"), "\(error)")
        }
    }

    /// sp:EncryptSignature (WCF's default protection, so its MutualCertificate): both Signatures travel encrypted,
    /// are decrypted before either is verified, and one left in clear is refused.
    @Test(arguments: [5, 8])
    func withEncryptSignatureBothSignaturesTravelEncrypted(scenario: Int) throws {
        var policy = Self.messagePolicy(scenario, .endorsing)
        policy.alternative.binding.common.encryptSignature = true
        let engine = SecurityEngine(policy: policy)
        let request = try engine.secured(F.envelope(), context: F.client())
        let names = try F.headerNames(request.envelope)
        #expect(!names.contains("Signature") && names.filter { $0 == "EncryptedData" }.count == 2, "\(names)")
        #expect(request.actions.contains("Endorsing Signature encrypted in place (sp:EncryptSignature)"), "\(request.actions)")
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains { $0.hasPrefix("Signature endorsed by CN=client") }, "\(verified.checks)")
        #expect(verified.checks.contains("Signature encrypted (sp:EncryptSignature) and decrypted before it was verified"), "\(verified.checks)")

        let inClear = try SecurityEngine(policy: Self.messagePolicy(scenario, .endorsing)).secure(F.envelope(), context: F.client())
        do { _ = try engine.verify(inClear, context: F.service()); Issue.record("signatures in clear accepted") } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("The Signature is not encrypted"), "\(error)")
        }
        policy.alternative.binding.common.protectionOrder = .encryptBeforeSigning
        do { _ = try SecurityEngine(policy: policy).secure(F.envelope(), context: F.client()); Issue.record("secured") } catch {
            #expect(error.code == .notImplemented && error.message.contains("sp:EncryptBeforeSigning and sp:EncryptSignature"), "\(error)")
        }
    }
}
