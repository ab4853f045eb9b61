/// One screen, dialog or overlay on the view stack.
///
/// A view draws into the frame it is given and answers keys with a `HandlerResult`; it never draws on
/// its own or touches the terminal: only `ScreenManager` redraws (htop's ScreenManager habit).
public protocol View: AnyObject {
    /// The breadcrumb segment for this view ("Services", the service's name).
    var title: String { get }
    /// Dialogs and help are overlays: drawn over the view below and left out of the breadcrumb.
    var isOverlay: Bool { get }
    /// The view's key table as documentation: the key bar and the help overlay are built from it.
    var keyHelp: [KeyHelp] { get }
    /// What the status line shows while this view is on top; nil leaves it to the view below.
    var status: StatusText? { get }
    /// True while printable keys are text for the focused field (a form's text field, a search being typed): `?` and
    /// `Q` are typed there, so the key bar names the global keys by their function keys (F1 Help, F10 Quit).
    var takesText: Bool { get }
    /// Draws the view into `frame` (the area between the header and the status line).
    func render(into canvas: inout Canvas, frame: Rect)
    /// Answers one key; `.ignored` lets the global keys (back, help, quit) have it.
    func handle(_ key: Key) -> HandlerResult
    /// Takes pasted text into the text field that has the focus; nil where none has it (a list, a dialog), and the
    /// paste is then ignored. The main loop never hands a paste to `handle`: its letters must not act as keys.
    func paste(_ paste: Paste) -> HandlerResult?
    /// Called while the loop is idle, to pick up background results; true when something changed.
    func poll() -> Bool
    /// Asked of the top view while the loop is idle, after `poll`: what its finished background work leads to, applied
    /// as a key's result is (a "Preparing..." dialog giving way to what it prepared); nil while there is nothing.
    func finishedWork() -> HandlerResult?
    /// Called when the view above this one closed and this one is on top again.
    func didReappear()
    /// Asked before Back closes this view, or Quit ends the program while it is open: nil lets it go. A view with
    /// something to lose (unsaved edits) returns what to do instead, a dialog whose choice to go on returns `leave`
    /// (`.pop` or `.quit`).
    func confirmLeave(_ leave: HandlerResult) -> HandlerResult?
}

extension View {
    public var isOverlay: Bool { false }
    public var status: StatusText? { nil }
    public var takesText: Bool { false }
    public func paste(_ paste: Paste) -> HandlerResult? { nil }
    public func poll() -> Bool { false }
    public func finishedWork() -> HandlerResult? { nil }
    public func didReappear() {}
    public func confirmLeave(_ leave: HandlerResult) -> HandlerResult? { nil }
}
