/// The main loop: reads keys, hands them to the top view, performs the global keys, and is the only
/// place that draws (htop's `ScreenManager_run`). Tests drive `handle(_:)` and `render(size:glyphs:)`
/// directly; `run(on:)` does the same against a real terminal.
public final class ScreenManager {
    /// The open views; the breadcrumb and back navigation read it.
    public let stack: ViewStack
    /// Program name for the header and the too-small message.
    public let appName: String
    /// Right-hand side of the header (the home's path, say).
    public var headerDetail: String
    /// Below this size the screens are replaced by a message until the terminal grows again.
    public var minimumSize: Size
    /// The global key table; every screen's help and key bar end with it.
    public let globalKeys: KeyMap<GlobalAction>
    /// True once a quit key was pressed.
    public private(set) var isFinished = false
    /// Set when the next draw must repaint every cell (Ctrl-L).
    public private(set) var needsFullRepaint = false
    private var needsRedraw = true
    private var lastSize: Size?
    /// Says a paste was ignored, until the next key.
    private var notice: StatusText?
    /// Words every error dialog's fix as it is shown, whichever screen opened the dialog.
    private let fixText: (String) -> String
    /// The question a view asked before letting Back or Quit go (`View.confirmLeave`), while it is open.
    private weak var leaveQuestion: (any View)?

    /// - Parameter fixText: how an error dialog's fix is shown. It is applied at every push of the dialog, so it must
    ///   leave its own result as it is.
    public init(root: any View, appName: String, headerDetail: String = "",
                minimumSize: Size = Size(width: 60, height: 16), globalKeys: KeyMap<GlobalAction> = GlobalKeys.table,
                fixText: @escaping (String) -> String = { $0 }) {
        stack = ViewStack(root: root)
        self.fixText = fixText
        self.appName = appName
        self.headerDetail = headerDetail
        self.minimumSize = minimumSize
        self.globalKeys = globalKeys
    }

    /// Runs until a quit key; polls background work every `pollMilliseconds` while no key comes.
    public func run(on terminal: any Terminal, pollMilliseconds: Int = 100) {
        needsRedraw = true
        while !isFinished {
            if needsRedraw {
                if needsFullRepaint { terminal.invalidate() }
                terminal.draw(render(size: terminal.size, glyphs: terminal.glyphs))
                needsRedraw = false
                needsFullRepaint = false
            }
            if let key = terminal.readKey(timeoutMilliseconds: pollMilliseconds) {
                handle(key)
            } else if poll() {
                needsRedraw = true
            }
        }
    }

    /// True when the last rendered size is below the minimum.
    public var isTooSmall: Bool { lastSize.map { !$0.fits(minimumSize) } ?? false }

    /// Asks every open view for background results, and the top view what its finished work leads to; true when the
    /// screen must be redrawn.
    public func poll() -> Bool {
        var changed = false
        for view in stack.views where view.poll() { changed = true }
        if let result = stack.top.finishedWork() {
            apply(result)
            changed = true
        }
        if changed { needsRedraw = true }
        return changed
    }

    /// Handles one key: the top view first, then the global keys.
    public func handle(_ key: Key) {
        needsRedraw = true
        if key == .resize { return }
        notice = nil
        if case .paste(let paste) = key {
            // Only a text field takes a paste: anywhere else its letters would be commands (a "d", a "y").
            guard !isTooSmall else { return }
            if let result = stack.top.paste(paste) {
                apply(result)
            } else {
                notice = StatusText("Paste ignored here: only a text field takes pasted text.", isError: true)
            }
            return
        }
        if isTooSmall {
            // Acting on screens the operator cannot see would be guessing: only quit and redraw work.
            switch globalKeys.binding(for: key)?.action {
            case .quit: isFinished = true
            case .back where key == .char("q"): isFinished = true
            case .redraw: needsFullRepaint = true
            default: break
            }
            return
        }
        let result = stack.top.handle(key)
        if case .ignored = result {
            performGlobal(for: key)
        } else {
            apply(result)
        }
    }

    /// The whole screen: header, the visible views, status line and key bar, or the too-small message.
    public func render(size: Size, glyphs: Glyphs) -> Canvas {
        lastSize = size
        var canvas = Canvas(size: size, glyphs: glyphs)
        guard size.fits(minimumSize) else {
            TooSmallMessage.render(into: &canvas, appName: appName, minimum: minimumSize)
            return canvas
        }
        let (header, rest) = canvas.bounds.splitTop(1)
        let status = notice ?? stack.views.reversed().lazy.compactMap(\.status).first
        let lines = StatusLine.lines(status, width: size.width, ellipsis: glyphs.ellipsis)
        // A status that wraps takes its rows from the body, so the views lay out above it: drawn over them, it
        // covered a box's bottom edge and whatever the view showed there.
        let (body, bottom) = rest.splitBottom(lines.count + 1)
        HeaderBar.render(into: &canvas, frame: header, appName: appName, breadcrumb: stack.breadcrumb,
                         detail: headerDetail)
        for view in stack.visible { view.render(into: &canvas, frame: body) }
        let (statusRows, keyRow) = bottom.splitBottom(1)
        StatusLine.render(into: &canvas, frame: statusRows, lines: lines, isError: status?.isError == true, cursor: status?.cursor)
        KeyBar.render(into: &canvas, frame: keyRow, entries: keyBarEntries)
        return canvas
    }

    /// Everything the help overlay lists for the top view: its table, then the global table without the keys the view
    /// handles itself (a form's or a search's Esc cancels, it does not close the view).
    public var currentKeyHelp: [KeyHelp] {
        let own = stack.top.keyHelp
        let taken = Set(own.flatMap(\.keys))
        return own + globalsAsTyped(globalKeys.help()).compactMap { entry in
            var entry = entry
            entry.keys.removeAll(where: taken.contains)
            return entry.keys.isEmpty ? nil : entry
        }
    }

    private var keyBarEntries: [KeyHelp] {
        let own = stack.top.keyHelp
        let taken = Set(own.filter { $0.barLabel != nil }.flatMap(\.keys))
        // Back is useless on the first screen (q quits there, and Quit is in the bar already), and a
        // global key the view took over (Esc as Cancel in a dialog) would show twice.
        let globals = globalKeys.help().filter { entry in
            (stack.count > 1 || entry.keys.first != .escape) && taken.isDisjoint(with: entry.keys)
        }
        return own + globalsAsTyped(globals)
    }

    /// In a text field (a form's, a search query) the global keys that are characters are typed: the bar and the help
    /// name their other keys only (Esc, F1, F10), saying what those do (Esc closes the view; q quits nothing).
    private func globalsAsTyped(_ globals: [KeyHelp]) -> [KeyHelp] {
        guard stack.top.takesText else { return globals }
        return globals.compactMap { entry in
            var typed = entry
            typed.keys.removeAll { if case .char = $0 { true } else { false } }
            guard !typed.keys.isEmpty else { return nil }
            if typed.keys.count < entry.keys.count { typed.description = entry.typedDescription ?? entry.description }
            return typed
        }
    }

    private func performGlobal(for key: Key) {
        switch globalKeys.binding(for: key)?.action {
        case .back where stack.count > 1:
            leave(.pop, asking: [stack.top])
        case .back:
            if key == .char("q") { leave(.quit, asking: stack.views) }
        case .quit:
            leave(.quit, asking: Array(stack.views.reversed()))
        case .help:
            stack.push(HelpOverlay(entries: currentKeyHelp))
        case .redraw:
            needsFullRepaint = true
        case nil:
            break
        }
    }

    /// Closes the top view or quits, unless one of `views` has something to lose: then what it asks is shown instead.
    /// A view's own `.pop` and `.quit` are not asked about: the view chose them (a dialog's Discard is one).
    private func leave(_ leave: HandlerResult, asking views: [any View]) {
        // Q again while the question is open would only ask it once more.
        if let leaveQuestion, leaveQuestion === stack.top { return }
        guard let question = views.lazy.compactMap({ $0.confirmLeave(leave) }).first else { return apply(leave) }
        let depth = stack.count
        apply(question)
        if stack.count > depth { leaveQuestion = stack.top }
    }

    private func apply(_ result: HandlerResult) {
        switch result {
        case .ignored, .handled, .redraw: break
        case .pop: stack.pop()
        case .push(let view):
            if let dialog = view as? Dialog { dialog.fix = fixText(dialog.fix) }
            stack.push(view)
        case .quit: isFinished = true
        case .sequence(let steps): steps.forEach(apply)
        case .refuse(_, let message): notice = StatusText(message, isError: true)
        }
    }
}
