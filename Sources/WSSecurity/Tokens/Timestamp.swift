import Foundation
import SecureXML

/// wsu:Timestamp: when the message was created and when it expires.
struct Timestamp {
    let created: Date
    let expires: Date?

    /// Writes a Timestamp of `ttl` seconds at the top of `security`; returns its wsu:Id. A `ttl` of 0 writes no
    /// Expires, as Rampart's sender does (WSS4J's Timestamp adds one only for a time to live other than 0; Rampart
    /// hands it rampart:timestampTTL as it is, RampartMessageData and RampartUtil.getTimeToLive).
    static func write(into security: XMLElement, now: Date, ttl: Int, milliseconds: Bool) -> String {
        let id = SOAPEnvelope.newID("TS")
        let element = security.appendElement("Timestamp", namespace: WSS.wsu, prefix: "wsu")
        element.setAttribute("Id", namespace: WSS.wsu, prefix: "wsu", id)
        element.appendElement("Created", namespace: WSS.wsu, prefix: "wsu", text: format(now, milliseconds: milliseconds))
        if ttl != 0 {
            element.appendElement("Expires", namespace: WSS.wsu, prefix: "wsu",
                                  text: format(now.addingTimeInterval(TimeInterval(ttl)), milliseconds: milliseconds))
        }
        return id
    }

    /// Reads a Timestamp: exactly one Created, at most one Expires after it, nothing else.
    init(_ element: XMLElement) throws(SecurityFault) {
        let children = element.children
        guard let first = children.first, first.is("Created", WSS.wsu), let created = Self.parse(first.text) else {
            throw SecurityFault(.invalidSecurity, "The Timestamp must start with a valid wsu:Created")
        }
        self.created = created
        switch children.count {
        case 1: expires = nil
        case 2:
            guard children[1].is("Expires", WSS.wsu), let expires = Self.parse(children[1].text) else {
                throw SecurityFault(.invalidSecurity, "The Timestamp's wsu:Expires is not valid")
            }
            guard expires >= created else { throw SecurityFault(.invalidSecurity, "The Timestamp expires before it was created") }
            self.expires = expires
        default: throw SecurityFault(.invalidSecurity, "The Timestamp holds more than Created and Expires")
        }
    }

    /// Throws `.messageExpired` where Micro Integrator 4.1-4.4 would (Rampart 1.7.0-wso2v1 over WSS4J 1.6.0-wso2v6,
    /// a 1.5-era fork without TimestampValidator or timeStampFutureTTL), in its order:
    /// 1. WSS4J, when strict: Expires before now, no skew (TimestampProcessor.java:92-100). See
    ///    ``RampartConfig/wss4jTimestampStrict`` for when that is.
    /// 2. WSS4J, strict and `ttlCheck` (rampart:enableTTLCheck, not the symmetric binding; RampartEngine.java:217-220):
    ///    Created + timestampTTL before Expires (TimestampProcessor.java:102-113). The addition stays on the shared
    ///    Created, so rule 3 then sees Created + timestampTTL.
    /// 3. Rampart: Created after now + timestampMaxSkew, a negative skew counting as 0
    ///    (PolicyBasedResultsValidator.java:720-732, RampartUtil.java:576-578).
    /// 4. Rampart: Expires before now - timestampMaxSkew (PolicyBasedResultsValidator.java:735-748).
    /// Nothing ages Created against timestampTTL: outbound, that setting only places Expires.
    func checkFresh(now: Date, rampart: RampartConfig, ttlCheck: Bool) throws(SecurityFault) {
        var created = self.created
        if rampart.wss4jTimestampStrict, let expires {
            if expires < now {
                throw SecurityFault(.messageExpired, "The Timestamp expired at \(Self.format(expires, milliseconds: true)), \(Self.seconds(now.timeIntervalSince(expires))) ago, and WSS4J allows no clock skew on Expires (\(rampart.strictReason))",
                                    fix: "Send a Timestamp that has not expired, or set \(rampart.unstrictSettings) so that timestampMaxSkew applies")
            }
            if rampart.wss4jCapsLifetime(ttlCheck: ttlCheck) {
                let limit = created.addingTimeInterval(TimeInterval(rampart.timestampTTL))
                if limit < expires {
                    throw SecurityFault(.messageExpired, "The Timestamp is valid for \(Self.seconds(expires.timeIntervalSince(created))) (Created to Expires), longer than rampart:timestampTTL of \(rampart.timestampTTL) s, which rampart:enableTTLCheck enforces",
                                        fix: "Have the sender's time to live at most timestampTTL, or raise rampart:timestampTTL and timestampMaxSkew together (WSS4J then takes Created as Created plus timestampTTL, which must stay within the skew)")
                }
                created = limit
            }
        }
        let skew = TimeInterval(rampart.effectiveMaxSkew)
        if created > now.addingTimeInterval(skew) {
            let shifted = created != self.created
            // Shifted by a timestampTTL past the skew, a Timestamp created now is refused: no clock is at fault.
            let fix = shifted && rampart.timestampTTL > rampart.effectiveMaxSkew
                ? "Keep rampart:timestampTTL (\(rampart.timestampTTL) s) at most timestampMaxSkew (\(rampart.effectiveMaxSkew) s), or turn rampart:enableTTLCheck off"
                : "Correct the sender's clock, or raise rampart:timestampMaxSkew"
            throw SecurityFault(.messageExpired, "The Timestamp was created \(Self.seconds(created.timeIntervalSince(now))) in the future\(shifted ? " (Created plus timestampTTL: WSS4J's enableTTLCheck leaves it so)" : ""), beyond rampart:timestampMaxSkew of \(rampart.effectiveMaxSkew) s (Created \(Self.format(self.created, milliseconds: true)))",
                                fix: fix)
        }
        if let expires, expires < now.addingTimeInterval(-skew) {
            throw SecurityFault(.messageExpired, "The Timestamp expired at \(Self.format(expires, milliseconds: true)), \(Self.seconds(now.timeIntervalSince(expires))) ago, beyond rampart:timestampMaxSkew of \(rampart.effectiveMaxSkew) s",
                                fix: "Send a fresh message, correct the sender's clock, or raise rampart:timestampMaxSkew")
        }
    }

    /// When, in seconds from its Created, a Timestamp sent by a client of this policy passes ``checkFresh`` on the
    /// service's clock: such a client (wssconsole's, and Rampart's from the same policy) writes Expires at Created plus
    /// timestampTTL, which WSS4J's lifetime cap then lets through. It opens at Created minus the skew (rule 3; where WSS4J
    /// caps the lifetime, Created has been moved to Created plus timestampTTL first) and closes at Expires, plus the
    /// skew unless WSS4J is strict (rules 1 and 4). `closes` is nil for a timestampTTL of 0: Rampart's client then writes
    /// no Expires (WSS4J's Timestamp adds one only for a time to live other than 0), and nothing ends the Timestamp's
    /// freshness. Nil for a negative timestampTTL, whose Expires precedes Created: such a Timestamp is never accepted.
    static func acceptance(rampart: RampartConfig, ttlCheck: Bool) -> (opens: Int, closes: Int?)? {
        let ttl = rampart.timestampTTL, skew = rampart.effectiveMaxSkew
        guard ttl >= 0 else { return nil }
        let opens = (rampart.wss4jCapsLifetime(ttlCheck: ttlCheck) ? ttl : 0) - skew
        return (opens, ttl == 0 ? nil : ttl + (rampart.wss4jTimestampStrict ? 0 : skew))
    }

    /// "90 s", "0.25 s": a span to the millisecond, as Rampart compares them.
    static func seconds(_ interval: TimeInterval) -> String {
        let milliseconds = (interval * 1000).rounded()
        return milliseconds.truncatingRemainder(dividingBy: 1000) == 0 ? "\(Int(milliseconds / 1000)) s" : "\(milliseconds / 1000) s"
    }

    static func format(_ date: Date, milliseconds: Bool) -> String { DateTimeText.format(date, milliseconds: milliseconds) }

    /// An xsd:dateTime in UTC or with an offset, with or without fractional seconds.
    static func parse(_ text: String) -> Date? { DateTimeText.parse(text) }
}

extension PolicyAlternative {
    /// Whether Rampart hands WSS4J timestampTTL for its lifetime cap: outside the symmetric binding only
    /// (RampartEngine.java:174-225).
    var timestampTTLChecked: Bool {
        if case .symmetric = binding { return false }
        return true
    }
}

extension SecurityPolicy {
    /// The seconds after its Created before a request from this policy's clients is first accepted, when that is later
    /// than when it is sent: where WSS4J caps the lifetime it first moves Created on by timestampTTL, so a timestampTTL
    /// beyond the skew refuses every request as it arrives (see ``Timestamp/acceptance(rampart:ttlCheck:)``). Nil when a
    /// request is accepted as it is sent. The token requests of a bootstrap policy count too.
    public var requestsRefusedWhenSent: Int? {
        [self, bootstrapPolicy].compactMap { policy -> Int? in
            guard let policy, policy.alternative.binding.common.includeTimestamp,
                  let (opens, _) = Timestamp.acceptance(rampart: policy.rampart ?? RampartConfig(), ttlCheck: policy.alternative.timestampTTLChecked),
                  opens > 0 else { return nil }
            return opens
        }.max()
    }
}
