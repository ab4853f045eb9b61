import Foundation
import Testing
@testable import WSSecurity

/// sp:SignedEncryptedSupportingTokens and sp:EncryptedSupportingTokens with a UsernameToken (WCF's
/// UserNameForCertificate, many CXF policies): the token goes as an EncryptedData under the parts' key, placed after
/// what opens it, and is authenticated once decrypted; a token in clear is refused under such a policy.
@Suite struct EngineEncryptedUsernameTokenTests {
    typealias F = EngineFixture

    /// Scenario `scenario` with its UsernameToken (or, for 5, a new one) under `kind` instead of SignedSupportingTokens.
    static func policy(_ scenario: Int, _ kind: SupportingTokens.Kind) -> SecurityPolicy {
        var policy = F.policy(scenario)
        policy.alternative.signedSupportingTokens = []
        policy.alternative.otherSupportingTokens = [SupportingTokens(kind: kind, tokens: [.username(UsernameToken())])]
        return policy
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let scenario: Int
        let kind: SupportingTokens.Kind
        var testDescription: String { "scenario \(scenario), sp:\(kind.rawValue)" }
    }

    static let cases = [Case(scenario: 8, kind: .signedEncrypted), Case(scenario: 7, kind: .signedEncrypted),
                        Case(scenario: 8, kind: .encrypted), Case(scenario: 5, kind: .signedEncrypted)]

    @Test(arguments: cases)
    func theTokenTravelsEncryptedAndIsAuthenticated(_ c: Case) throws {
        let engine = SecurityEngine(policy: Self.policy(c.scenario, c.kind))
        let request = try engine.secured(F.envelope(), context: F.client())
        let text = String(decoding: request.envelope, as: UTF8.self)
        #expect(!text.contains("alice") && !text.contains("UsernameToken>"), "the token is encrypted: \(text)")
        #expect(request.actions.contains("UsernameToken encrypted (aes256-cbc)"), "\(request.actions)")
        let names = try F.headerNames(request.envelope)
        let keyHolder = try #require(names.firstIndex(of: c.scenario == 5 ? "EncryptedKey" : "ReferenceList"))
        let tokenData = try #require(names.firstIndex(of: "EncryptedData"))
        #expect(keyHolder < tokenData, "what opens the token comes first: \(names)")
        if let signature = names.firstIndex(of: "Signature") { #expect(tokenData < signature, "\(names)") }

        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.principal == "alice")
        #expect(verified.checks.contains("UsernameToken encrypted (sp:EncryptedSupportingTokens) and decrypted"), "\(verified.checks)")
        let signedLine = verified.checks.first { $0.contains("signed by") } ?? ""
        #expect(signedLine.contains("UsernameToken") == (c.kind == .signedEncrypted), "\(verified.checks)")
    }

    /// A token in clear under an encrypting policy is refused after the crypto; so is the token sent twice.
    @Test(arguments: [7, 8])
    func aTokenInClearIsRefused(scenario: Int) throws {
        let inClear = try SecurityEngine(policy: F.policy(scenario)).secure(F.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.policy(scenario, .signedEncrypted)).verify(inClear, context: F.service())
            Issue.record("a UsernameToken in clear accepted")
        } catch {
            #expect(error.code == .invalidSecurity && error.message.contains("The UsernameToken is not encrypted"), "\(error)")
        }
    }

    @Test func withEncryptBeforeSigningItIsRefusedAsNotImplemented() throws {
        var policy = Self.policy(8, .signedEncrypted)
        policy.alternative.binding.common.protectionOrder = .encryptBeforeSigning
        do { _ = try SecurityEngine(policy: policy).secure(F.envelope(), context: F.client()); Issue.record("secured") } catch {
            #expect(error.code == .notImplemented && error.message.contains("encrypted UsernameToken with sp:EncryptBeforeSigning"), "\(error)")
        }
    }
}
