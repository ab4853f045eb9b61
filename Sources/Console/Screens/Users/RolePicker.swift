import ConsoleUI

/// A checklist of the store's roles for one user: Space ticks or clears, Enter accepts, Esc cancels.
/// Ticks are shown as [x] and [ ], so they read the same without colour.
final class RolePicker: View {
    private let user: String
    private let roles: [String]
    private var chosen: Set<String>
    private var list: ListState
    private let then: ([String]) -> HandlerResult

    init(user: String, roles: [String], selected: [String], then: @escaping ([String]) -> HandlerResult) {
        self.user = user
        self.roles = roles
        self.chosen = Set(selected)
        self.list = ListState(count: roles.count)
        self.then = then
    }

    var title: String { "Roles of \(user)" }
    var isOverlay: Bool { true }

    static let keys: [KeyHelp] = [
        KeyHelp(keys: [.char(" ")], description: "Tick or clear the role", group: "Roles", barLabel: "Tick"),
        KeyHelp(keys: [.enter], description: "Accept the ticked roles", group: "Roles", barLabel: "OK"),
        KeyHelp(keys: [.escape], description: "Cancel", group: "Roles", barLabel: "Cancel"),
    ]

    var keyHelp: [KeyHelp] { Self.keys + ListState.keyHelp() }

    var status: StatusText? { StatusText("\(user) will have: " + (ordered.isEmpty ? "no roles" : ordered.joined(separator: ", "))) }

    /// The ticked roles in the store's order.
    private var ordered: [String] { roles.filter(chosen.contains) }

    func handle(_ key: Key) -> HandlerResult {
        switch key {
        case .char(" "):
            guard roles.indices.contains(list.selected) else { return .handled }
            let role = roles[list.selected]
            if chosen.contains(role) { chosen.remove(role) } else { chosen.insert(role) }
            return .redraw
        case .enter: return .sequence([.pop, then(ordered)])
        case .escape: return .pop
        case .function, .resize, .ctrl("l"), .char("?"), .char("Q"): return .ignored
        default: return list.handle(key) ? .redraw : .handled
        }
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let height = min(frame.height - 2, roles.count + 2)
        let box = frame.centred(width: min(frame.width - 4, 50), height: height)
        canvas.fill(box, style: .dialog)
        canvas.box(box, title: "Roles of \(user)")
        let rows = roles.map { TableRow([(chosen.contains($0) ? "[x] " : "[ ] ") + $0]) }
        Table.render(into: &canvas, frame: box.inset(dx: 1, dy: 1), columns: [TableColumn("", .flexible(minimum: 10))],
                     rows: rows, state: &list, heading: false)
        canvas.scrollMarkers(box: box, above: list.hasMoreAbove, below: list.hasMoreBelow)
    }
}
