/// What people and generated documentation see of one binding; the key bar, the `?` help overlay and
/// the README's keys section are all built from these, so they cannot drift apart (tig, lazygit, k9s).
public struct KeyHelp: Sendable, Equatable {
    /// Every key that triggers the action; the first is the one shown in the key bar.
    public var keys: [Key]
    /// What the action does, as a short imperative: "Open the service".
    public var description: String
    /// Heading under which help lists it: "Navigation", "Service", "Global".
    public var group: String
    /// Changes files or cannot be undone by leaving the screen; a `--read-only` mode drops these.
    public var dangerous: Bool
    /// Why the action cannot be used right now; nil when it can.
    public var disabledReason: String?
    /// Short word for the key bar; nil keeps the binding out of the bar (help still lists it).
    public var barLabel: String?

    public init(keys: [Key], description: String, group: String, dangerous: Bool = false,
                disabledReason: String? = nil, barLabel: String? = nil) {
        self.keys = keys
        self.description = description
        self.group = group
        self.dangerous = dangerous
        self.disabledReason = disabledReason
        self.barLabel = barLabel
    }

    /// "Up/k", the keys as help lists them.
    public var keysLabel: String { keys.map(\.label).joined(separator: "/") }
}

/// One row of a screen's key table: the keys, their documentation and the action they trigger.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var help: KeyHelp
    public var action: Action

    public init(_ keys: [Key], _ description: String, group: String, action: Action, bar: String? = nil,
                dangerous: Bool = false) {
        help = KeyHelp(keys: keys, description: description, group: group, dangerous: dangerous, barLabel: bar)
        self.action = action
    }
}

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
