import Foundation
import Testing
@testable import WSSecurity

/// The span `ReplayWindow` states (validation's replay.window finding) is the engine's own: a request whose first
/// arrival is as early as its Timestamp allows is still accepted as a replay exactly `span` seconds later once its nonce
/// is forgotten, refused a millisecond after that, and refused throughout when nonceLifeTime is the span. On a fixed
/// clock, as Micro Integrator judges it.
@Suite struct ReplayWindowTests {
    typealias F = EngineFixture
    /// The service's clock at the request's first arrival.
    static let arrival = Date(timeIntervalSince1970: 1_750_000_000)

    /// A scenario's policy with its RampartConfig changed.
    static func policy(_ scenario: Int, _ change: (inout RampartConfig) -> Void) -> SecurityPolicy {
        var policy = F.policy(scenario)
        var rampart = policy.rampart ?? RampartConfig()
        change(&rampart)
        policy.rampart = rampart
        return policy
    }

    /// A request secured by a client whose clock makes the Timestamp first acceptable at `arrival`: Created is
    /// `arrival` minus the window's opening.
    static func request(_ policy: SecurityPolicy) throws -> Data {
        let (opens, _) = try #require(Timestamp.acceptance(rampart: policy.rampart!, ttlCheck: policy.alternative.timestampTTLChecked))
        let created = arrival.addingTimeInterval(TimeInterval(-opens))
        return try SecurityEngine(policy: policy).secure(F.envelope(), context: F.client(now: { created }))
    }

    /// The fault, or nil when the service accepts `message` `seconds` after `arrival`.
    static func refusal(_ message: Data, _ policy: SecurityPolicy, after seconds: TimeInterval, cache: NonceCache) -> SecurityFault? {
        var context = F.service(cache: cache)
        context.now = { arrival.addingTimeInterval(seconds) }
        do throws(SecurityFault) { _ = try SecurityEngine(policy: policy).verify(message, context: context); return nil } catch { return error }
    }

    /// (scenario, RampartConfig change, the span MI's rules give): WSO2's defaults (Created - skew to Expires + skew),
    /// strict (no skew on Expires), strict with enableTTLCheck on the transport binding (Created moved by the TTL: only
    /// the skew is left), and the same on the symmetric binding, where Rampart does not cap the lifetime.
    static let cases: [(Int, @Sendable (inout RampartConfig) -> Void, Int)] = [
        (1, { _ in }, 900),
        (1, { $0.timestampStrict = true }, 600),
        (1, { $0.timestampStrict = true; $0.enableTTLCheck = true; $0.timestampTTL = 200 }, 300),
        (1, { $0.timestampStrict = true; $0.enableTTLCheck = true; $0.timestampTTL = 600 }, 300),
        (8, { $0.timestampStrict = true; $0.enableTTLCheck = true }, 600),
        (8, { $0.timestampTTL = 60; $0.timestampMaxSkew = 30 }, 120),
    ]

    @Test(arguments: cases.indices)
    func theSpanIsWhenTheEngineStopsAcceptingTheRequest(_ index: Int) throws {
        let (scenario, change, expected) = Self.cases[index]
        let open = Self.policy(scenario) { change(&$0); $0.nonceLifeTime = expected - 1 }
        let window = try #require(open.replayWindows.first)
        #expect(window.span == expected && window.isOpen, "\(window)")
        let message = try Self.request(open)
        // Not acceptable a millisecond before the window opens: the first arrival cannot be earlier.
        #expect(Self.refusal(message, open, after: -0.001, cache: NonceCache())?.code == .messageExpired)
        // Accepted at its first arrival; with nonceLifeTime one second short of the span, accepted again at its end...
        let cache = NonceCache()
        #expect(Self.refusal(message, open, after: 0, cache: cache) == nil)
        #expect(Self.refusal(message, open, after: TimeInterval(expected - 1), cache: cache)?.code == .invalidSecurity)
        #expect(Self.refusal(message, open, after: TimeInterval(expected), cache: cache) == nil)
        // ...and never after it, whatever the cache holds.
        #expect(Self.refusal(message, open, after: TimeInterval(expected) + 0.001, cache: NonceCache())?.code == .messageExpired)
        // nonceLifeTime equal to the span, the fix the finding names: the replay at the span's end is refused.
        let closed = Self.policy(scenario) { change(&$0); $0.nonceLifeTime = expected }
        #expect(closed.replayWindows.first?.isOpen == false)
        let fixed = NonceCache()
        #expect(Self.refusal(message, closed, after: 0, cache: fixed) == nil)
        let replay = try #require(Self.refusal(message, closed, after: TimeInterval(expected), cache: fixed))
        #expect(replay.message.contains("nonce was seen in the last \(expected) s"), "\(replay.message)")
    }

    /// Scenario 1's text password: Rampart's client sends no Nonce, and a token without one is never replay-checked,
    /// as in Micro Integrator (RampartEngine checks only a principal with a nonce): the same request is accepted again at
    /// once, within the Timestamp's span, whatever nonceLifeTime is. A digest always has one.
    @Test func aTokenWithoutANonceIsAcceptedAgainWhileItsTimestampHolds() throws {
        let policy = Self.policy(1) { $0.nonceLifeTime = 900 }
        #expect(policy.replayWindows.map(\.everyClientSendsANonce) == [false])
        let secured = String(decoding: try Self.request(policy), as: UTF8.self)
        let nonce = try #require(secured.range(of: #"<wsse:Nonce [^>]*>[^<]*</wsse:Nonce>"#, options: .regularExpression))
        let message = Data(secured.replacingCharacters(in: nonce, with: "").utf8)
        let cache = NonceCache()
        for seconds: TimeInterval in [0, 1, 900] { #expect(Self.refusal(message, policy, after: seconds, cache: cache) == nil, "\(seconds) s") }
        #expect(cache.count == 0)

        var digest = policy
        digest.alternative.signedSupportingTokens = [.username(UsernameToken(hashPassword: true))]
        #expect(digest.replayWindows.map(\.everyClientSendsANonce) == [true])
    }

    /// No Timestamp, or a timestampTTL of 0 (Rampart's client then writes no Expires): nothing ends a request's freshness.
    @Test func withoutAnExpiresTheSpanHasNoEnd() throws {
        var untimed = F.policy(1)
        untimed.alternative.binding.common.includeTimestamp = false
        #expect(untimed.replayWindows.first.map { $0.span == nil && $0.isOpen && !$0.hasTimestamp } == true)
        let endless = Self.policy(1) { $0.timestampTTL = 0; $0.nonceLifeTime = Int(Int32.max) }
        #expect(endless.replayWindows.first.map { $0.span == nil && $0.isOpen && $0.hasTimestamp } == true)
        #expect(F.policy(2).replayWindows.isEmpty)
    }

    /// Scenario 14 carries its UsernameToken in the token request under the bootstrap policy (symmetric, like 8).
    @Test func aSecureConversationTokenRequestHasItsWindow() {
        let windows = F.policy(14).replayWindows
        #expect(windows.map(\.messages) == ["Token requests (RST)"] && windows.first?.span == 900)
    }
}

extension ReplayWindowTests {
    /// With enableTTLCheck moving Created by a timestampTTL beyond the skew, a request is refused as it is sent and
    /// first accepted timestampTTL - skew later (validation's rampart.timestampTTL error); within the skew, or on the
    /// symmetric binding, it is accepted when sent.
    @Test func aTTLBeyondTheSkewRefusesRequestsAsTheyAreSent() throws {
        let late = Self.policy(1) { $0.timestampStrict = true; $0.enableTTLCheck = true; $0.timestampTTL = 600 }
        #expect(late.requestsRefusedWhenSent == 300)
        let created = Self.arrival
        let message = try SecurityEngine(policy: late).secure(F.envelope(), context: F.client(now: { created }))
        #expect(Self.refusal(message, late, after: 0, cache: NonceCache())?.code == .messageExpired)
        #expect(Self.refusal(message, late, after: 299.999, cache: NonceCache())?.code == .messageExpired)
        #expect(Self.refusal(message, late, after: 300, cache: NonceCache()) == nil)
        #expect(Self.policy(1) { $0.timestampStrict = true; $0.enableTTLCheck = true }.requestsRefusedWhenSent == nil)
        #expect(Self.policy(8) { $0.timestampStrict = true; $0.enableTTLCheck = true; $0.timestampTTL = 600 }.requestsRefusedWhenSent == nil)
    }
}
