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
    /// What the action does when its character keys are typed instead (in a text field), if the description
    /// speaks of them: "Close this view" for "Close this view (q on the first screen quits)".
    public var typedDescription: String?
    /// Short word for the key bar; nil keeps the binding out of the bar (help still lists it).
    public var barLabel: String?

    public init(keys: [Key], description: String, group: String, dangerous: Bool = false,
                disabledReason: String? = nil, barLabel: String? = nil, typedDescription: String? = nil) {
        self.keys = keys
        self.description = description
        self.typedDescription = typedDescription
        self.group = group
        self.dangerous = dangerous
        self.disabledReason = disabledReason
        self.barLabel = barLabel
    }

    /// "Up/k", the keys as help lists them.
    public var keysLabel: String { keys.map(\.label).joined(separator: "/") }
}
