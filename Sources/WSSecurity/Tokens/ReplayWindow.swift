/// How long a request with a UsernameToken stays acceptable after it first reaches the service, by the Timestamp rules
/// of ``Timestamp/checkFresh(now:rampart:ttlCheck:)``, against how long the service remembers the token's nonce
/// (rampart:nonceLifeTime, from that first arrival, see `Conformance.authenticate`). A replay after the nonce is
/// forgotten and before the request stops being acceptable is accepted.
public struct ReplayWindow: Sendable, Equatable {
    /// "Requests", or "Token requests (RST)" under a SecureConversation token's bootstrap policy.
    public let messages: String
    /// Seconds from a request's earliest possible first arrival to the last moment it is accepted; nil when nothing
    /// ends its freshness.
    public let span: Int?
    /// How the span comes about, in words.
    public let reason: String
    /// Whether the messages carry a Timestamp (without one nothing ends their freshness; with one, a timestampTTL of 0).
    public let hasTimestamp: Bool
    public let nonceLifeTime: Int
    /// Whether every client sends a Nonce: under sp:HashPassword a digest needs one. With a text password Rampart's
    /// clients send none (BindingBuilder adds one only for SP 1.3's sp:Nonce), and a token without a nonce is not
    /// replay-checked at all; wssconsole's client always sends one.
    public let everyClientSendsANonce: Bool

    /// Whether a replay can come after its nonce is forgotten and still be accepted.
    public var isOpen: Bool { span.map { $0 > nonceLifeTime } ?? true }
}

extension SecurityPolicy {
    /// The windows of the messages that carry a UsernameToken: the requests, and the token requests a SecureConversation
    /// token's bootstrap policy authenticates.
    public var replayWindows: [ReplayWindow] {
        [(self, "Requests"), (bootstrapPolicy, "Token requests (RST)")].compactMap { policy, messages in
            guard let policy, !policy.alternative.usernameTokens.isEmpty else { return nil }
            return ReplayWindow(policy.alternative, rampart: policy.rampart ?? RampartConfig(), messages: messages)
        }
    }
}

extension ReplayWindow {
    init?(_ alternative: PolicyAlternative, rampart: RampartConfig, messages: String) {
        let span: Int?
        let reason: String
        if !alternative.binding.common.includeTimestamp {
            (span, reason) = (nil, "the policy has no Timestamp, and nothing else ages a message")
        } else {
            // A negative timestampTTL makes an Expires before Created, which is never accepted: nothing to replay.
            guard let (opens, closes) = Timestamp.acceptance(rampart: rampart, ttlCheck: alternative.timestampTTLChecked) else { return nil }
            let ttl = rampart.timestampTTL, skew = rampart.effectiveMaxSkew
            let expires = "Expires (Created + timestampTTL \(ttl) s)"
            let from = rampart.wss4jCapsLifetime(ttlCheck: alternative.timestampTTLChecked)
                ? "Created + timestampTTL \(ttl) s - skew \(skew) s (enableTTLCheck moves Created)" : "Created - skew \(skew) s"
            if let closes {
                span = closes - opens
                reason = "a Timestamp is accepted from \(from) until \(expires)" + (rampart.wss4jTimestampStrict ? ", strict: no skew" : " + skew \(skew) s")
            } else {
                (span, reason) = (nil, "timestampTTL is 0, so Rampart's clients send a Timestamp without Expires, which never expires")
            }
        }
        self.init(messages: messages, span: span, reason: reason, hasTimestamp: alternative.binding.common.includeTimestamp, nonceLifeTime: rampart.nonceLifeTime,
                  everyClientSendsANonce: alternative.usernameTokens.allSatisfy { token in
                      if case .username(let t) = token { return t.hashPassword }
                      return false
                  })
    }
}
