import ConsoleUI
import ServerHome

/// A screen whose keys are one table of actions (`keys`): a read-only session drops the dangerous ones, the help
/// greys out what is unavailable now, and a key bound to such an action says why on the status line instead of
/// acting. Each screen says only why (`disabledReason`) and what (`perform`).
protocol ActionKeys: AnyObject {
    associatedtype Action: Sendable
    static var keys: KeyMap<Action> { get }
    var home: Home { get }
    var message: StatusText? { get set }
    /// Why `action` cannot be done now, or nil.
    func disabledReason(_ action: Action) -> String?
    func perform(_ action: Action) -> HandlerResult
}

extension ActionKeys {
    var table: KeyMap<Action> { home.readOnly ? Self.keys.droppingDangerous() : Self.keys }

    /// The table's help, each entry with why it is unavailable now.
    var actionHelp: [KeyHelp] { table.help(disabledReason: disabledReason) }

    /// The bound action run (the status line cleared first), or why it is unavailable; nil for a key not in the table.
    func performBinding(for key: Key) -> HandlerResult? {
        guard let binding = table.binding(for: key) else { return nil }
        if let reason = disabledReason(binding.action) {
            message = binding.unavailable(reason)
            return .redraw
        }
        message = nil
        return perform(binding.action)
    }
}
