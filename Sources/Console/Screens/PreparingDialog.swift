import ConsoleUI

/// "Preparing the changes…" while work that takes seconds on a large home runs off the input loop: planning an edit
/// of a 5,000-user store, the diff of thousands of lines. Keys still work: Esc (or q) closes it and drops the
/// result, Q quits. When the work is done the dialog gives way to what `then` makes of the result (the confirmation,
/// the diff); it writes nothing itself.
final class PreparingDialog: View {
    private let dialog: Dialog
    private let result: () -> HandlerResult?
    private let wait: () -> Void
    private var finished = false

    init<Value: Sendable>(title: String, mode: WorkMode, work: @escaping @Sendable () -> Value,
                          then: @escaping (Value) -> HandlerResult) {
        dialog = Dialog(title: title, message: [StyledLine("Preparing the changes…"), StyledLine(""), StyledLine("Esc cancels.", .dim)],
                        buttons: [Dialog.Button("Cancel")], cancelButton: 0)
        let job = BackgroundJob<Never, Value>()
        result = { job.snapshot.value.map(then) }
        wait = job.waitUntilDone
        job.start(mode) { _ in work() }
    }

    var title: String { dialog.title }
    var isOverlay: Bool { true }
    var keyHelp: [KeyHelp] { dialog.keyHelp.filter { $0.keys != [.enter] } }

    /// The dialog's keys: its Cancel closes this view, and with it the work's result. Enter does not press it: the
    /// Enter that confirmed the form before often comes twice (a key repeat, a tap typed ahead), and it dropped the
    /// change without a word.
    func handle(_ key: Key) -> HandlerResult {
        if key == .enter { return .handled }
        return dialog.handle(key)
    }

    func render(into canvas: inout Canvas, frame: Rect) { dialog.render(into: &canvas, frame: frame) }

    func finishedWork() -> HandlerResult? {
        guard !finished, let next = result() else { return nil }
        finished = true
        return .sequence([.pop, next])
    }

    /// Blocks until the work is done (tests only: they then poll for what follows).
    func waitUntilDone() { wait() }
}
