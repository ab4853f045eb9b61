import ConsoleUI
import ServerHome
import WSSecurity

/// The freshness numbers of a UsernameToken scenario in its roles form: what `wssconsole apply --timestamp-ttl
/// --timestamp-skew --nonce-lifetime` sets, checked by the same rule (`FreshnessSetting.refusal`). A scenario's policy
/// is not strict, so a request stays acceptable up to TTL + 2 x skew after it first arrives (Created - skew to
/// Expires + skew, as the engine's ``ReplayWindow`` derives it); a nonce forgotten sooner lets a captured request in.
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

    /// The numbers as typed in the fields of `freshnessFields`; nil while one is not acceptable (its field says why).
    static func typedFreshness(_ values: FormValues) -> [FreshnessSetting: Int]? {
        var typed: [FreshnessSetting: Int] = [:]
        for setting in FreshnessSetting.allCases {
            guard let value = Int(values.text(setting.rawValue).trimmingCharacters(in: .whitespaces)), setting.refusal(value) == nil else { return nil }
            typed[setting] = value
        }
        return typed
    }

    /// The engine's replay window (``ReplayWindow``) of the scenario's policy written with `numbers` (as typed): a
    /// warning while a request stays acceptable longer than its nonce is remembered.
    static func freshnessIntro(_ numbers: [FreshnessSetting: Int]?, scenario: Scenario) -> [StyledLine] {
        guard let numbers else { return [] }
        let host = HostSettings(timestampTTL: numbers[.timestampTTL] ?? 300, timestampMaxSkew: numbers[.timestampMaxSkew] ?? 300,
                                nonceLifeTime: numbers[.nonceLifeTime] ?? 300)
        guard let window = scenario.policy(for: host).replayWindows.first(where: \.isOpen), let span = window.span else { return [] }
        return [StyledLine("With these numbers a request stays acceptable \(span) s after it first arrives and its nonce is "
                           + "forgotten after \(window.nonceLifeTime) s: a replay in between is accepted. Nonce \(span) closes it.", .warning)]
    }

    /// The numbers the confirmation says will be written, as the policy names them.
    static func freshnessLines(_ options: ScenarioOptions) -> [StyledLine] {
        let set = [("timestampTTL", options.timestampTTL), ("timestampMaxSkew", options.timestampMaxSkew), ("nonceLifeTime", options.nonceLifeTime)]
            .compactMap { name, value in value.map { "\(name) \($0) s" } }
        return set.isEmpty ? [] : [StyledLine("Written to the policy: " + set.joined(separator: ", ") + ".")]
    }
}
