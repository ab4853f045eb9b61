/// One row of a screen's key table: the keys, their documentation and the action they trigger.
public struct KeyBinding<Action: Sendable>: Sendable {
    public var help: KeyHelp
    public var action: Action

    public init(_ keys: [Key], _ description: String, group: String, action: Action, bar: String? = nil,
                dangerous: Bool = false, typed: String? = nil) {
        help = KeyHelp(keys: keys, description: description, group: group, dangerous: dangerous, barLabel: bar,
                       typedDescription: typed)
        self.action = action
    }
}

extension KeyBinding {
    /// The status line saying this key's action cannot run now, and why: every screen words it the same way.
    public func unavailable(_ reason: String) -> StatusText {
        StatusText("\(help.barLabel ?? help.description) unavailable: \(reason).", isError: true)
    }
}
