/// A screen's whole key table: the one place its keys are defined.
public struct KeyMap<Action: Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The binding a key triggers, if any.
    public func binding(for key: Key) -> KeyBinding<Action>? {
        bindings.first { $0.help.keys.contains(key) }
    }

    /// The table as documentation; `disabledReason` says, per action, why it is unavailable now.
    public func help(disabledReason: (Action) -> String? = { _ in nil }) -> [KeyHelp] {
        bindings.map { b in
            var h = b.help
            h.disabledReason = disabledReason(b.action)
            return h
        }
    }

    /// The table without its dangerous actions (k9s `ClearDanger`), for read-only sessions.
    public func droppingDangerous() -> KeyMap {
        KeyMap(bindings.filter { !$0.help.dangerous })
    }
}
