import WSSecurity

/// The RampartConfig numbers an operator sets when applying a scenario (`wssconsole apply --timestamp-ttl
/// --timestamp-skew --nonce-lifetime`): whole seconds, as Rampart reads them with Integer.parseInt, so at most 2^31-1
/// (PolicyReader refuses a larger one, and Micro Integrator every message under it).
public enum FreshnessSetting: String, Sendable, CaseIterable {
    case timestampTTL, timestampMaxSkew, nonceLifeTime

    /// The smallest value that means something: with a timestampTTL of 0 Rampart's clients send no Expires, so a
    /// request never expires (a negative one is an Expires before Created); a nonceLifeTime of 0 remembers a nonce for
    /// no time at all; a skew of 0 allows none, and Rampart counts a negative one as 0.
    public var minimum: Int { self == .timestampMaxSkew ? 0 : 1 }

    /// Why `value` cannot be written, or nil.
    public func refusal(_ value: Int) -> String? {
        if value > Int(Int32.max) {
            return "\(value) is out of range: Micro Integrator reads a 32-bit number, at most \(Int32.max)"
        }
        guard value < minimum else { return nil }
        switch self {
        case .timestampTTL:
            return value == 0 ? "a timestampTTL of 0 makes Rampart's clients send no Expires, so requests never expire; give at least 1"
                : "a negative timestampTTL puts every Expires before its Created; give at least 1"
        case .timestampMaxSkew: return "a negative timestampMaxSkew counts as 0 in Rampart; give 0 for no skew"
        case .nonceLifeTime: return "a nonceLifeTime of \(value) s remembers no nonce, so every replay is accepted; give at least 1"
        }
    }
}

extension ScenarioOptions {
    /// The freshness numbers the options set, each with its setting.
    var freshness: [(FreshnessSetting, Int)] {
        [(.timestampTTL, timestampTTL), (.timestampMaxSkew, timestampMaxSkew), (.nonceLifeTime, nonceLifeTime)].compactMap { setting, value in
            value.map { (setting, $0) }
        }
    }
}

extension Home {
    /// The freshness numbers `serviceName`'s policy holds now, those a scenario applied without new ones keeps
    /// (WSO2's 300 each without a policy): what the console's form starts from.
    public func freshness(of serviceName: String) -> [FreshnessSetting: Int] {
        let rampart = (try? service(named: serviceName)).flatMap(writtenPolicy(of:))?.rampart ?? RampartConfig()
        return [.timestampTTL: rampart.timestampTTL, .timestampMaxSkew: rampart.timestampMaxSkew, .nonceLifeTime: rampart.nonceLifeTime]
    }
}
