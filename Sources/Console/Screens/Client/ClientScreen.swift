import ConsoleUI
import ServerHome

/// The client the self-test and `wssconsole message --role client` act as (`[client]` and its keystore's table in the
/// settings): what it is now and what that means for the self-test. Enter changes a setting on a copy (nmtui's
/// habit), w writes the copy through the planner `wssconsole client set` uses, after confirmation. Passwords are
/// named (an environment variable or a file), never typed.
final class ClientScreen: View, ActionKeys {
    enum Action: Sendable { case edit, write, discard }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Change the selected setting (a password: where it is read from)", group: "Self-test client",
                   action: .edit, bar: "Edit"),
        KeyBinding([.char("w")], "Write the edited settings (checked first, asks first)", group: "Self-test client",
                   action: .write, bar: "Write", dangerous: true),
        KeyBinding([.char("x")], "Forget the edits", group: "Self-test client", action: .discard),
    ])

    let home: Home
    let onWritten: (String) -> Void
    var saved: ClientSettings?
    /// Why the settings could not be read, when they could not.
    var problem: String?
    var edit = ClientSettingsEdit()
    private var list = ListState(count: ClientField.allCases.count)
    var message: StatusText?

    init(home: Home, onWritten: @escaping (String) -> Void) {
        self.home = home
        self.onWritten = onWritten
        load()
    }

    func load() {
        do {
            saved = try home.settings().client
            problem = nil
        } catch {
            saved = nil
            problem = error.message
        }
        edit = ClientSettingsEdit()
    }

    var title: String { "Self-test client" }

    var keyHelp: [KeyHelp] { actionHelp + ListState.keyHelp() }

    func disabledReason(_ action: Action) -> String? {
        [.write, .discard].contains(action) && edit.isEmpty ? "nothing was edited" : nil
    }

    var status: StatusText? {
        if let message { return message }
        if let problem { return StatusText(problem, isError: true) }
        let count = ClientField.allCases.filter { $0.isEdited(in: edit) }.count
        return StatusText(count == 0 ? "[client] of \(home.layout.settingsPath). Enter changes a setting."
                          : "\(Plural.count(count, "setting")) edited, not written: w checks and writes \(count == 1 ? "it" : "them"), x forgets \(count == 1 ? "it" : "them").")
    }

    /// Unsaved edits are not dropped by Esc or Q: they ask first, Keep editing the default (`x` forgets them on purpose).
    func confirmLeave(_ leave: HandlerResult) -> HandlerResult? {
        let edited = ClientField.allCases.filter { $0.isEdited(in: edit) }
        guard !edited.isEmpty else { return nil }
        return .push(Dialog.unsavedEdits(title: "Unsaved client settings",
                                         edited: "\(Plural.count(edited.count, "setting")) edited, not written: \(edited.map(\.label).joined(separator: ", ")).",
                                         write: { [self] in write(then: leave) }, leave: leave))
    }

    var selected: ClientField { ClientField.allCases[list.selected] }

    func handle(_ key: Key) -> HandlerResult {
        if let result = performBinding(for: key) { return result }
        guard list.handle(key) else { return .ignored }
        message = nil
        return .redraw
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .edit: return change(selected)
        case .write: return write()
        case .discard:
            load()
            return .redraw
        }
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        let (tableBox, notesBox) = frame.splitTop(min(frame.height - 4, ClientField.allCases.count + 3))
        canvas.box(tableBox, title: "Self-test client ([client] in \(home.layout.settingsPath))")
        let rows = ClientField.allCases.map { field in
            TableRow([field.isEdited(in: edit) ? "*" : "", field.label, field.value(saved: saved, edit: edit)],
                     styles: [.warning, .strong, .normal])
        }
        Table.render(into: &canvas, frame: tableBox.inset(1),
                     columns: [TableColumn("", .fixed(1)), TableColumn("Setting", .fixed(19)),
                               TableColumn("Value", .flexible(minimum: 10), truncation: .middle)],
                     rows: rows, state: &list)
        canvas.scrollMarkers(box: tableBox, above: list.hasMoreAbove, below: list.hasMoreBelow)
        canvas.box(notesBox, title: "What the self-test does")
        let inner = notesBox.inset(dx: 2, dy: 1)
        var text = TextView(lines: notes.flatMap { line in TextLayout.wrap(line.text, width: inner.width).map { StyledLine($0, line.style) } })
        text.render(into: &canvas, frame: inner)
        canvas.scrollMarkers(box: notesBox, above: false, below: text.hasMoreBelow)
    }

    /// What the saved settings mean for the self-test.
    var notes: [StyledLine] {
        var lines: [StyledLine] = []
        if let keystore = saved?.keystore {
            let service = saved?.serviceAlias.map { "the service certificate \($0)" } ?? "the keystore's only trusted certificate"
            lines.append(StyledLine("It signs with the key pair \(keystore.alias.isEmpty ? "(the only one)" : keystore.alias) of \(keystore.file) "
                                    + "and encrypts to \(service); the service must trust this client's certificate."))
        } else {
            lines.append(StyledLine("No client keystore: the self-test signs as the service, with its own key pair (which Micro Integrator trusts). "
                                    + "That proves the service's keys and policy, not that your clients' certificates are trusted.", .warning))
        }
        lines.append(saved?.user.map { StyledLine("UsernameToken scenarios (1, 7, 8, 14, 15) log in as \($0).") }
            ?? StyledLine("No user: the UsernameToken scenarios (1, 7, 8, 14, 15) cannot be self-tested.", .warning))
        lines.append(StyledLine("Scenario 16 asks its ticket as " + (saved?.kerberosPrincipal ?? "jaas.conf's Client entry") + "."))
        lines.append(StyledLine("Passwords are named (an environment variable or a file), never typed here.", .dim))
        return lines
    }
}
