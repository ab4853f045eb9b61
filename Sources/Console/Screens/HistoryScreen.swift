import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// The home's history, newest first: when, by whom, what, and which changes are undone. Enter shows a change with
/// its diff (from the versions the history kept, passwords masked); u undoes the selected change, as a new change.
final class HistoryScreen: View, ActionKeys {
    enum Action: Sendable { case show, undo, reload }

    static let keys = KeyMap<Action>([
        KeyBinding([.enter], "Show the change: who made it, when, why, and its diff", group: "History", action: .show, bar: "Show"),
        KeyBinding([.char("u")], "Undo the selected change, as a new change (asks first)", group: "History", action: .undo,
                   bar: "Undo", dangerous: true),
        KeyBinding([.char("r"), .function(5)], "Read the history again", group: "History", action: .reload),
    ])

    let home: Home
    /// Called after an undo was written, with what to say (the service list reloads on return).
    private let onChanged: (String) -> Void
    private var state = UndoState(records: [])
    private var list = ListState()
    var message: StatusText?
    /// Why the history could not be read, when it could not: it is then not shown as empty.
    private var unreadable: HomeError?
    /// The history as last read (no services: only the history folder and audit log), which another shell's change
    /// or `history --forget` changes.
    private var watch: HomeWatch

    init(home: Home, checkInterval: Duration = HomeWatch.interval, onChanged: @escaping (String) -> Void) {
        self.home = home
        self.onChanged = onChanged
        watch = HomeWatch(home: home, services: [], interval: checkInterval)
        reload()
    }

    var title: String { "History" }

    var keyHelp: [KeyHelp] { actionHelp + ListState.keyHelp() }

    var status: StatusText? {
        if let message { return message }
        if let unreadable { return StatusText(unreadable.message + ". " + home.commandsNamingHome(unreadable.fix), isError: true) }
        return StatusText(state.records.isEmpty ? "No changes yet." : "\(Plural.count(state.records.count, "change")), newest first. Enter shows one with its diff.")
    }

    private var selected: ChangeRecord? { state.records.indices.contains(list.selected) ? state.records[list.selected] : nil }

    func disabledReason(_ action: Action) -> String? {
        guard let record = selected else { return action == .reload ? nil : unreadable == nil ? "the history is empty" : "the history cannot be read" }
        if action == .undo, let by = state.undoneBy[record.id] { return "it is already undone, by change \(by)" }
        return nil
    }

    /// Other screens and other processes change the home too: read again whenever this screen is on top again.
    func reload() {
        let previous = selected?.id
        watch.restamp([])
        do throws(HomeError) { try home.checkHistoryReadable(); unreadable = nil } catch { unreadable = error }
        state = home.undoState()
        list.setCount(state.records.count)
        if let previous, let index = state.records.firstIndex(where: { $0.id == previous }) { list.select(index) }
    }

    func didReappear() { reload() }

    /// While idle, every few seconds: the history read again when its folder changed.
    func poll() -> Bool {
        guard watch.isDue(), watch.changes() != nil else { return false }
        reload()
        message = StatusText("The history changed on disk; read again.")
        return true
    }

    func handle(_ key: Key) -> HandlerResult {
        if list.handle(key) {
            message = nil
            return .redraw
        }
        return performBinding(for: key) ?? .ignored
    }

    func perform(_ action: Action) -> HandlerResult {
        switch action {
        case .show: return show()
        case .undo: return confirmUndo()
        case .reload:
            reload()
            message = StatusText("Read \(Plural.count(state.records.count, "change")).")
            return .redraw
        }
    }

    private func show() -> HandlerResult {
        guard let record = selected else { return .handled }
        var lines = ["Change \(record.id)", "by \(record.user) on \(DisplayDate.time(record.date))", record.summary]
        if let note = record.note { lines.append("Note: \(note)") }
        if let undoes = record.undoes { lines.append("Reverts change \(undoes)") }
        if let by = state.undoneBy[record.id] { lines.append("Undone by change \(by)") }
        let home = self.home
        return .push(ChangeConfirmation.diffPage(title: "Change", boxTitle: record.summary, header: (lines + ["", ""]).joined(separator: "\n"),
                                                 mode: .background) { home.recordedChange(record).diff(maxLines: ChangeConfirmation.diffLines) })
    }

    private func confirmUndo() -> HandlerResult {
        guard let record = selected else { return .handled }
        let change: Change
        do { change = try home.planUndo(record.id) } catch {
            return .push(Dialog.error(title: "Cannot prepare the undo", message: error.message, fix: error.fix))
        }
        return .push(ChangeConfirmation.undo(record: record, change: change, latest: record.id == state.nextUndo?.id) { [self] in
            do throws(HomeError) { try home.commit(change) } catch {
                return .push(Dialog.error(title: "The change was not undone", message: error.message, fix: error.fix))
            }
            reload()
            message = StatusText("Undone: \(record.summary)")
            onChanged("Undone: \(record.summary)")
            return .redraw
        })
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: "Changes to the home (\(state.records.count))")
        // Who is as wide as the longest name (up to 10): at 80 columns the cells it left blank were the summary's.
        let who = min(10, max(3, state.records.map { DisplayWidth.of($0.user) }.max() ?? 0))
        let columns = [TableColumn("When", .fixed(20)), TableColumn("Who", .fixed(who)), TableColumn("Change", .flexible(minimum: 20), truncation: .middle),
                       TableColumn("State", .fixed(6))]
        let rows = state.records.map { record in
            TableRow([DisplayDate.time(record.date), record.user, Self.label(record, in: state), Self.describe(record, in: state)])
        }
        Table.render(into: &canvas, frame: frame.inset(1), columns: columns, rows: rows, state: &list)
        canvas.scrollMarkers(box: frame, above: list.hasMoreAbove, below: list.hasMoreBelow)
    }

    /// An undo's or redo's row names the change it reverts by its summary alone: its own summary ("undo ID (…)") gave
    /// an 80-column row to the ID, which Enter shows. One that leads to a forgotten change keeps its own summary.
    private static func label(_ record: ChangeRecord, in state: UndoState) -> String {
        guard record.undoes != nil else { return record.summary }
        let (origin, isUndo) = state.origin(of: record)
        guard origin.undoes == nil else { return record.summary }
        return (isUndo ? "undo: " : "redo: ") + origin.summary
    }

    /// The column says what was reverted since (Enter: by which).
    private static func describe(_ record: ChangeRecord, in state: UndoState) -> String {
        state.undoneBy[record.id] == nil ? "" : "undone"
    }
}
