import Foundation
import Testing
@testable import WSSecurity

/// A UsernameToken as Micro Integrator judges it (see `Conformance.authenticate`): its Created never aged, its nonce
/// a replay for nonceLifeTime seconds from its first arrival, and only a token that authenticated uses its nonce up.
@Suite struct UsernameTokenReplayTests {
    typealias F = EngineFixture
    static let start = Date(timeIntervalSince1970: 1_750_000_000)

    /// Scenario 1 (UsernameToken over HTTPS, the password as text), secured at `start`.
    static func secured() throws -> String {
        String(decoding: try SecurityEngine(policy: F.policy(1)).secure(F.envelope(), context: F.client(now: { start })), as: UTF8.self)
    }

    static func verify(_ message: String, after seconds: TimeInterval, cache: NonceCache) throws(SecurityFault) {
        var context = F.service(cache: cache)
        context.now = { start.addingTimeInterval(seconds) }
        _ = try SecurityEngine(policy: F.policy(1)).verify(Data(message.utf8), context: context)
    }

    static func refusal(_ message: String, after seconds: TimeInterval, cache: NonceCache) -> SecurityFault? {
        do throws(SecurityFault) { try verify(message, after: seconds, cache: cache); return nil } catch { return error }
    }

    /// An hour-old Created in the token (a text password does not cover it): Rampart and MI's WSS4J fork never check it.
    @Test func anOldCreatedInTheTokenIsAccepted() throws {
        let message = try Self.secured()
        let token = try #require(message.range(of: #"<wsse:UsernameToken.*</wsse:UsernameToken>"#, options: .regularExpression))
        let created = Timestamp.format(Self.start, milliseconds: true)
        let old = Timestamp.format(Self.start.addingTimeInterval(-3_600), milliseconds: true)
        let edited = message.replacingCharacters(in: token, with: message[token].replacingOccurrences(of: created, with: old))
        #expect(edited != message && edited.contains(old))
        #expect(Self.refusal(edited, after: 0, cache: NonceCache()) == nil)
    }

    @Test func aNonceIsARepeatForNonceLifeTimeOnly() throws {
        let message = try Self.secured()
        let cache = NonceCache()
        try Self.verify(message, after: 0, cache: cache)
        let replay = try #require(Self.refusal(message, after: 299.5, cache: cache))
        #expect(replay.code == .invalidSecurity)
        #expect(replay.message.contains("seen in the last 300 s (rampart:nonceLifeTime)"), "\(replay.message)")
        // Rampart's NonceCache drops an entry only once now is past its arrival plus nonceLifeTime: at 300 s, still a replay.
        #expect(Self.refusal(message, after: 300, cache: cache)?.code == .invalidSecurity)
        // The Timestamp is still within its skew; the nonce is past nonceLifeTime (no longer plus timestampMaxSkew).
        #expect(Self.refusal(message, after: 300.5, cache: cache) == nil)
    }

    /// MI checks the password (and the role) inside WSS4J, before Rampart records the nonce.
    @Test func aRefusedTokenDoesNotUseItsNonceUp() throws {
        let message = try Self.secured()
        let cache = NonceCache()
        let wrong = message.replacingOccurrences(of: "alice-secret", with: "alice-secrex")
        #expect(wrong != message)
        #expect(Self.refusal(wrong, after: 0, cache: cache)?.code == .failedAuthentication)
        #expect(Self.refusal(message, after: 1, cache: cache) == nil)
    }
}
