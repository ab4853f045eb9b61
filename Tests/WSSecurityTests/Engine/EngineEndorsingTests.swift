import Foundation
import Testing
@testable import WSSecurity

/// sp:EndorsingSupportingTokens with an X.509 token under the transport binding (WCF's CertificateOverTransport):
/// the client signs the Timestamp with its key over HTTPS; the service holds the signature to a trusted certificate.
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

    @Test func underAMessageBindingItIsStillRefusedAsNotImplemented() throws {
        var policy = F.policy(5)
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: .endorsing, tokens: [.x509(X509Token(inclusion: .alwaysToRecipient))])]
        do { _ = try SecurityEngine(policy: policy).secure(F.envelope(), context: F.client()); Issue.record("secured") } catch {
            #expect(error.code == .notImplemented, "\(error)")
        }
    }
}
