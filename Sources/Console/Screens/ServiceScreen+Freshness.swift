import ConsoleUI
import ServerHome

/// The freshness numbers of a UsernameToken scenario in its roles form: what `wssconsole apply --timestamp-ttl
/// --timestamp-skew --nonce-lifetime` sets, checked by the same rule (`FreshnessSetting.refusal`). A scenario's policy
/// is not strict, so a request stays acceptable up to TTL + 2 x skew after it first arrives (Created - skew to
/// Expires + skew); a nonce forgotten sooner lets a captured request in again.
extension ServiceScreen {
    static func freshnessFields(_ current: [FreshnessSetting: Int]) -> [FormField] {
        [(FreshnessSetting.timestampTTL, "TTL", "timestampTTL: seconds a client's request lives (Expires - Created)"),
         (.timestampMaxSkew, "Skew", "timestampMaxSkew: seconds of clock difference allowed either way"),
         (.nonceLifeTime, "Nonce", "nonceLifeTime: seconds a nonce is remembered; TTL + 2 x Skew or more closes replays")].map { setting, label, hint in
            .text(setting.rawValue, label, initial: String(current[setting] ?? 300), hint: hint) { text in
                guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { return "a whole number of seconds" }
                return setting.refusal(value)
            }
        }
    }

    static func freshnessIntro(_ current: [FreshnessSetting: Int]) -> [StyledLine] {
        let (ttl, skew, nonce) = (current[.timestampTTL] ?? 300, current[.timestampMaxSkew] ?? 300, current[.nonceLifeTime] ?? 300)
        let span = ttl + 2 * max(0, skew)
        return nonce >= span ? [] : [StyledLine("With these numbers a request stays acceptable \(span) s after it first arrives and its nonce is "
                                                + "forgotten after \(nonce) s: a replay in between is accepted. Nonce \(span) closes it.", .warning)]
    }

    /// The numbers the confirmation says will be written, as the policy names them.
    static func freshnessLines(_ options: ScenarioOptions) -> [StyledLine] {
        let set = [("timestampTTL", options.timestampTTL), ("timestampMaxSkew", options.timestampMaxSkew), ("nonceLifeTime", options.nonceLifeTime)]
            .compactMap { name, value in value.map { "\(name) \($0) s" } }
        return set.isEmpty ? [] : [StyledLine("Written to the policy: " + set.joined(separator: ", ") + ".")]
    }
}
