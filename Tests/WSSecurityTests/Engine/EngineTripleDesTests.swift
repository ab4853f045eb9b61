import Foundation
import Testing
@testable import WSSecurity

/// The TripleDes algorithm suites (legacy Rampart policies): tripledes-cbc for the data, the suite's key transport,
/// a 192-bit session key; allowed only under such a suite, and refused under an AES one (and the other way round).
@Suite struct EngineTripleDesTests {
    typealias F = EngineFixture

    static func policy(_ scenario: Int, _ suite: AlgorithmSuite) -> SecurityPolicy {
        var policy = F.policy(scenario)
        policy.alternative.binding.common.algorithmSuite = suite
        return policy
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let scenario: Int
        let suite: AlgorithmSuite
        var testDescription: String { "scenario \(scenario), \(suite.rawValue)" }
    }

    // 4: symmetric, encrypt only; 5: asymmetric; 8: symmetric with a UsernameToken, signed and encrypted.
    static let cases: [Case] = [Case(scenario: 4, suite: .tripleDes), Case(scenario: 5, suite: .tripleDesRsa15),
                                Case(scenario: 5, suite: .tripleDesSha256), Case(scenario: 8, suite: .tripleDes),
                                Case(scenario: 8, suite: .tripleDesRsa15)]

    @Test(arguments: cases)
    func requestAndResponseRoundTrip(_ c: Case) throws {
        let engine = SecurityEngine(policy: Self.policy(c.scenario, c.suite))
        let request = try engine.secured(F.envelope(), context: F.client())
        let text = String(decoding: request.envelope, as: UTF8.self)
        #expect(text.contains("xmlenc#tripledes-cbc") && !text.contains("aes256-cbc"))
        #expect(text.contains("xmlenc#rsa-1_5") == c.suite.rawValue.hasSuffix("Rsa15"))
        #expect(!text.contains("two boxes"))
        let verified = try engine.verify(request.envelope, context: F.service())
        #expect(verified.checks.contains("Body encrypted (tripledes-cbc) and decrypted"), "\(verified.checks)")
        let weak = c.suite.rawValue.hasSuffix("Rsa15") ? "Triple DES, RSA-1_5" : "Triple DES"
        #expect(verified.checks.contains { $0.hasPrefix("Algorithms of \(c.suite.rawValue)") && $0.contains(weak + ", as the suite demands") },
                "the weak algorithms used are named: \(verified.checks)")
        #expect(F.payloadText(verified.envelope)?.contains("two boxes") == true)

        let response = try engine.secure(F.envelope(), context: F.service(.response, request: verified.requestContext))
        #expect(String(decoding: response, as: UTF8.self).contains("xmlenc#tripledes-cbc"))
        let confirmed = try engine.verify(response, context: F.client(.response, request: request.requestContext))
        #expect(F.payloadText(confirmed.envelope)?.contains("two boxes") == true)
    }

    /// Each direction of a mismatch is refused, whatever step notices it: a session key of the wrong size, a key of
    /// the wrong kind, or Triple DES where the suite does not allow it.
    @Test(arguments: [5, 8])
    func aSuiteMismatchIsRefused(scenario: Int) throws {
        let pairs: [(sent: AlgorithmSuite, expected: AlgorithmSuite)] = [
            (.tripleDes, .basic256), (.basic256, .tripleDes), (.basic192, .tripleDes), (.tripleDes, .basic192),
        ]
        for (sent, expected) in pairs {
            let message = try SecurityEngine(policy: Self.policy(scenario, sent)).secure(F.envelope(), context: F.client())
            do {
                let verified = try SecurityEngine(policy: Self.policy(scenario, expected)).verify(message, context: F.service())
                Issue.record("\(sent.rawValue) accepted under \(expected.rawValue): \(verified.checks)")
            } catch {
                #expect([.failedCheck, .unsupportedAlgorithm].contains(error.code), "\(sent.rawValue) under \(expected.rawValue): \(error)")
            }
        }
    }

    /// An EncryptedKey (RSA-OAEP) holding a key of a weaker suite's size is named as such.
    @Test func aWeakerSuitesSessionKeyIsNamed() throws {
        let message = try SecurityEngine(policy: Self.policy(4, .basic128)).secure(F.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.policy(4, .basic256)).verify(message, context: F.service())
            Issue.record("a Basic128 session key accepted under Basic256")
        } catch {
            #expect(error.code == .unsupportedAlgorithm && error.message == "The EncryptedKey holds a 128-bit key where aes256-cbc takes 256 bits", "\(error)")
        }
    }

    /// Triple DES under a Basic192 suite: refused by name, before the 24-byte session key is tried.
    @Test func tripleDESUnderAnAESSuiteIsNamed() throws {
        let message = try SecurityEngine(policy: Self.policy(5, .tripleDes)).secure(F.envelope(), context: F.client())
        do {
            _ = try SecurityEngine(policy: Self.policy(5, .basic192)).verify(message, context: F.service())
            Issue.record("Triple DES accepted under Basic192")
        } catch {
            #expect(error.code == .unsupportedAlgorithm && error.message == "Encryption tripledes-cbc is not Basic192's aes192-cbc", "\(error)")
        }
    }
}
