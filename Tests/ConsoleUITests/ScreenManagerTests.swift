import Foundation
import Testing
@testable import ConsoleUI

/// A small view for driving the main loop: a list of words, Enter opens a child.
final class WordsView: View {
    enum Action: Sendable { case open }
    static let table = KeyMap<Action>([KeyBinding([.enter], "Open the word", group: "Words", action: .open, bar: "Open")])
    let title: String
    var list: ListState
    let words: [String]
    var polls = 0
    var pendingChange = false
    /// Makes Back and Quit ask first, with a dialog whose Leave goes on.
    var unsaved = false

    init(title: String, words: [String]) {
        self.title = title
        self.words = words
        list = ListState(count: words.count)
    }

    var keyHelp: [KeyHelp] { ListState.keyHelp() + Self.table.help() }
    var status: StatusText? { StatusText("selected \(words[list.selected])") }

    func handle(_ key: Key) -> HandlerResult {
        if list.handle(key) { return .redraw }
        switch Self.table.binding(for: key)?.action {
        case .open: return .push(WordsView(title: words[list.selected], words: ["child"]))
        case nil: return .ignored
        }
    }

    func render(into canvas: inout Canvas, frame: Rect) {
        canvas.box(frame, title: title)
        Table.render(into: &canvas, frame: frame.inset(1), columns: [TableColumn("Word", .flexible(minimum: 4))],
                     rows: words.map { TableRow([$0]) }, state: &list)
    }

    func confirmLeave(_ leave: HandlerResult) -> HandlerResult? {
        unsaved ? .push(Dialog(title: "Unsaved", message: [], buttons: [Dialog.Button("Leave") { leave }, Dialog.Button("Stay")],
                               defaultButton: 1)) : nil
    }

    func poll() -> Bool {
        polls += 1
        defer { pendingChange = false }
        return pendingChange
    }
}

@Suite struct ScreenManagerTests {
    func manager() -> (ScreenManager, WordsView) {
        let root = WordsView(title: "Words", words: ["alpha", "beta", "gamma"])
        return (ScreenManager(root: root, appName: "demo", headerDetail: "/tmp/home"), root)
    }

    @Test func rendersHeaderBodyStatusAndKeyBar() {
        let (app, _) = manager()
        let screen = app.render(size: Size(width: 80, height: 24), glyphs: .unicode)
        #expect(screen.row(0).hasPrefix(" demo › Words "))
        #expect(screen.row(0).trimmingTrailingSpaces().hasSuffix("/tmp/home"))
        #expect(screen.row(1).hasPrefix("┌─ Words "))
        #expect(screen.row(22).hasPrefix(" selected alpha"))
        #expect(screen.row(23).hasPrefix("Enter Open  ? Help  Q Quit"))
    }

    /// A status wider than the screen wraps upward, so its end (an error's fix) is read, not cut; past three rows the
    /// last one ends with an ellipsis. The view lays out above it: drawn over the view, it hid the box's bottom edge.
    @Test func aLongStatusWrapsAboveTheView() {
        let fix = "Fix: set group_search_base to an existing DN, then test again."
        let words = Array(repeating: "word", count: 10).joined(separator: " ") + " " + fix
        let app = ScreenManager(root: WordsView(title: "Words", words: [words]), appName: "demo")
        let screen = app.render(size: Size(width: 80, height: 24), glyphs: .unicode)
        let status = (21...22).map { screen.row($0).trimmingTrailingSpaces() }
        #expect(status.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") == "selected \(words)", "\(status)")
        #expect(screen.row(20).hasPrefix("└"), "the view's box ends above the status: \(screen.text())")
        #expect(screen.row(23).hasPrefix("Enter Open"))

        let endless = ScreenManager(root: WordsView(title: "Words", words: [String(repeating: words + " ", count: 4)]), appName: "demo")
        let cut = endless.render(size: Size(width: 80, height: 24), glyphs: .unicode)
        #expect(cut.row(20).hasPrefix(" selected word") && cut.row(22).trimmingTrailingSpaces().hasSuffix("…"))
        #expect(cut.row(19).hasPrefix("└"), "\(cut.text())")
    }

    /// A status's kept end (a command to copy) is never what is cut: the words before it give way, and it starts a
    /// row; one longer than the rows keeps its end, where a command's ID is.
    @Test func aStatusKeepsItsCommandWhole() {
        let prose = Array(repeating: "words", count: 30).joined(separator: " ")
        let command = "wssconsole history --forget 20261127T194003.782Z-4580"
        let lines = StatusLine.lines(StatusText(prose, keeping: command), width: 60)
        #expect(lines.count == 3 && lines[2] == " " + command && lines[1].hasSuffix("…"), "\(lines)")
        let long = Array(repeating: "--home /a/long/path", count: 10).joined(separator: " ") + " 20261127T194003.782Z-4580"
        let kept = StatusLine.lines(StatusText(prose, keeping: long), width: 60)
        #expect(kept.count == 3 && kept[2].hasSuffix("20261127T194003.782Z-4580") && !kept.joined().contains("words"), "\(kept)")
    }

    @Test func enterPushesEscPopsAndTheBreadcrumbFollows() {
        let (app, _) = manager()
        app.handle(.down)
        app.handle(.enter)
        #expect(app.stack.breadcrumb == ["Words", "beta"])
        let screen = app.render(size: Size(width: 80, height: 24), glyphs: .ascii)
        #expect(screen.row(0).hasPrefix(" demo > Words > beta "))
        #expect(screen.row(23).contains("Esc Back"))
        app.handle(.escape)
        #expect(app.stack.count == 1 && !app.isFinished)
        app.handle(.escape)
        #expect(app.stack.count == 1 && !app.isFinished)
    }

    @Test func qClosesViewsAndQuitsOnTheFirstScreen() {
        let (app, _) = manager()
        app.handle(.enter)
        app.handle(.char("q"))
        #expect(app.stack.count == 1 && !app.isFinished)
        app.handle(.char("q"))
        #expect(app.isFinished)
    }

    @Test func capitalQAndF10Quit() {
        let (a, _) = manager()
        a.handle(.enter)
        a.handle(.char("Q"))
        #expect(a.isFinished)
        let (b, _) = manager()
        b.handle(.function(10))
        #expect(b.isFinished)
    }

    /// A view can hold Back and Quit for a question (`confirmLeave`); its answer then leaves as asked.
    @Test func aViewCanAskBeforeItIsLeft() {
        let (app, root) = manager()
        app.handle(.enter)
        let child = app.stack.top as! WordsView
        child.unsaved = true
        app.handle(.escape)
        #expect(app.stack.count == 3 && app.stack.top is Dialog)
        app.handle(.enter)                                  // Stay
        #expect(app.stack.count == 2)
        for key in [Key.escape, .tab, .enter] { app.handle(key) }   // Leave
        #expect(app.stack.count == 1)

        root.unsaved = true
        app.handle(.enter)                                  // a view above the one asking
        app.handle(.char("Q"))
        #expect(app.stack.count == 3 && app.stack.top is Dialog && !app.isFinished)
        app.handle(.char("Q"))                              // the question is open: not asked twice
        #expect(app.stack.count == 3 && !app.isFinished)
        app.handle(.tab)
        app.handle(.enter)                                  // Leave
        #expect(app.isFinished)
    }

    @Test func helpOverlayListsTheTopViewAndGlobalKeys() {
        let (app, _) = manager()
        app.handle(.char("?"))
        #expect(app.stack.top is HelpOverlay)
        let text = app.render(size: Size(width: 80, height: 24), glyphs: .unicode).text()
        for entry in app.stack.views[0].keyHelp + GlobalKeys.table.help() where text.contains(entry.description) == false {
            // Entries below the fold are reached by scrolling; every one is in the overlay's lines.
            let lines = HelpOverlay.lines(for: (app.stack.top as! HelpOverlay).entries, width: 70).map(\.text)
            #expect(lines.contains { $0.contains(entry.description) })
        }
        #expect(text.contains("Open the word") && text.contains("Quit"))
        app.handle(.escape)
        #expect(!(app.stack.top is HelpOverlay))
        app.handle(.function(1))
        #expect(app.stack.top is HelpOverlay)
        app.handle(.char("?"))
        #expect(app.stack.count == 1)
    }

    /// While a view takes text, q and ? are typed: the help (opened with F1) names Esc for Back and F1 for help only,
    /// and says nothing of q. A key the view handles itself (a search's Esc drops the query) is not also Back there.
    @Test func helpWhileTypingNamesNoTypedKeys() {
        final class Typing: View {
            let keyHelp: [KeyHelp]
            init(_ keyHelp: [KeyHelp] = []) { self.keyHelp = keyHelp }
            var title: String { "Typing" }
            var takesText: Bool { true }
            func handle(_ key: Key) -> HandlerResult { .handled }
            func render(into canvas: inout Canvas, frame: Rect) {}
        }
        let (app, _) = manager()
        app.stack.push(Typing())
        let back = app.currentKeyHelp.first { $0.description.hasPrefix("Close this view") }
        #expect(back?.keys == [.escape] && back?.description == "Close this view", "\(String(describing: back))")
        #expect(!app.currentKeyHelp.contains { $0.keys.contains(.char("?")) || $0.keys.contains(.char("q")) || $0.description.contains("q ") })
        app.stack.push(Typing(ListSearch.typingKeyHelp))
        let escape = app.currentKeyHelp.filter { $0.keys.contains(.escape) }.map(\.description)
        #expect(escape == ["Drop the query"], "\(escape)")
        #expect(app.currentKeyHelp.contains { $0.keys == [.function(1)] } && app.currentKeyHelp.contains { $0.keys == [.function(10)] })
    }

    @Test func helpScrollsWhenItDoesNotFit() {
        let many = (1...40).map { KeyHelp(keys: [.char(Character(UnicodeScalar(64 + $0)!))], description: "action \($0)", group: "G") }
        let help = HelpOverlay(entries: many)
        var canvas = Canvas(size: Size(width: 80, height: 21), glyphs: .unicode)
        help.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.text().contains("▼") && !canvas.text().contains("action 40"))
        _ = help.handle(.end)
        canvas = Canvas(size: Size(width: 80, height: 21), glyphs: .unicode)
        help.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.text().contains("action 40") && canvas.text().contains("▲"))
    }

    @Test func ctrlLAsksForAFullRepaint() {
        let terminal = CanvasTerminal(keys: [.ctrl("l")])
        let (app, _) = manager()
        app.run(on: terminal)
        #expect(terminal.invalidations == 1)
        #expect(terminal.isClosed == false)
    }

    @Test func tooSmallShowsAMessageKeepsRunningAndRecovers() {
        let terminal = CanvasTerminal(keys: [.enter])
        let (app, _) = manager()
        terminal.script += [.resize(Size(width: 40, height: 10)),
                            .key(.enter),    // ignored while too small
                            .resize(Size(width: 80, height: 24))]
        app.run(on: terminal)
        let small = terminal.frames.first { $0.size == Size(width: 40, height: 10) }
        #expect(small?.text().contains("Terminal too small: 40x10.") == true)
        #expect(small?.text().contains("demo needs at least 60x16.") == true)
        #expect(small?.text().contains("Resize, or press Q to quit.") == true)
        #expect(app.stack.count == 2)    // only the Enter before shrinking opened a view
        #expect(terminal.frames.last?.size == Size(width: 80, height: 24))
        #expect(terminal.frames.last?.row(0).contains("Words") == true)
    }

    /// On a list a paste is no keys: "jj", Enter and "Q" neither move, open nor quit; the status line says it was ignored.
    @Test func aPasteOutsideATextFieldIsIgnored() {
        let (app, root) = manager()
        app.handle(.paste(Paste("jj\nQ")))
        #expect(root.list.selected == 0 && app.stack.count == 1 && !app.isFinished)
        #expect(app.render(size: Size(width: 80, height: 24), glyphs: .unicode).row(22)
            .hasPrefix(" Paste ignored here: only a text field takes pasted text."))
        app.handle(.down)
        #expect(app.render(size: Size(width: 80, height: 24), glyphs: .unicode).row(22).hasPrefix(" selected beta"))
    }

    /// A paste reaches the form on top and nothing below it; it submits nothing.
    @Test func aPasteGoesToTheFormOnTop() {
        let (app, root) = manager()
        var answers: [String] = []
        app.stack.push(Form(title: "Name", fields: [.text("value", "Name")]) { values in
            answers.append(values.text("value"))
            return .pop
        })
        app.handle(.paste(Paste("abc\nd")))
        #expect(answers.isEmpty && app.stack.count == 2 && root.list.selected == 0)
        #expect(app.render(size: Size(width: 80, height: 24), glyphs: .unicode).text().contains("abc_"))
        app.handle(.enter)
        #expect(answers == ["abc"] && app.stack.count == 1)
    }

    /// In a form's text field ? and Q are typed, so the bar names F1 and F10, which work there, and Enter as what it
    /// does from there; on a choice ? and Q act as the bar says.
    @Test func theKeyBarNamesTheKeysThatWorkInAFormsField() {
        let (app, _) = manager()
        let form = Form(title: "New", fields: [.text("name", "Name"), .choice("kind", "Kind", options: ["a", "b"])]) { _ in .handled }
        app.stack.push(form)
        let bar = { app.render(size: Size(width: 80, height: 24), glyphs: .unicode).row(23).trimmingTrailingSpaces() }
        #expect(bar() == "Tab Next  Enter Next  Esc Cancel  F1 Help  F10 Quit")
        app.handle(.char("?"))
        app.handle(.char("Q"))
        #expect(form.values.text("name") == "?Q" && app.stack.top === form && !app.isFinished)
        app.handle(.function(1))
        #expect(app.stack.top is HelpOverlay)
        app.handle(.escape)
        app.handle(.tab)
        #expect(bar() == "Tab Next  Enter OK  Esc Cancel  ? Help  Q Quit")
        app.handle(.char("?"))
        #expect(app.stack.top is HelpOverlay)
        app.handle(.escape)
        app.handle(.char("Q"))
        #expect(app.isFinished)
    }

    @Test func qQuitsWhileTooSmall() {
        let (app, _) = manager()
        _ = app.render(size: Size(width: 40, height: 10), glyphs: .ascii)
        app.handle(.down)
        #expect(!app.isFinished)
        app.handle(.char("Q"))
        #expect(app.isFinished)
    }

    @Test func idlePollsReportOnlyRealChanges() {
        let (app, root) = manager()
        #expect(app.poll() == false)
        root.pendingChange = true
        #expect(app.poll() == true)
        #expect(root.polls == 2)
    }
}

@Suite struct TooSmallMessageTests {
    @Test func centredAndWrappedOnTinyTerminals() {
        var canvas = Canvas(size: Size(width: 40, height: 10), glyphs: .ascii)
        TooSmallMessage.render(into: &canvas, appName: "wssconsole", minimum: Size(width: 60, height: 16))
        let rows = canvas.text().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[3] == "       Terminal too small: 40x10.")
        #expect(rows[4].contains("wssconsole needs at least 60x16."))
        var tiny = Canvas(size: Size(width: 20, height: 5))
        TooSmallMessage.render(into: &tiny, appName: "wssconsole", minimum: Size(width: 60, height: 16))
        #expect(tiny.text().split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
            == ["Too small: 20x5.", "Needs at least", "60x16.", "Resize, or Q to", "quit."])
    }

    /// At every size below the minimum one wording of the message shows whole: no word cut, no line lost.
    @Test func readableDownToTheSmallestTerminal() {
        let minimum = Size(width: 60, height: 16)
        for width in 9..<minimum.width {
            for height in 1..<minimum.height {
                let size = Size(width: width, height: height)
                var canvas = Canvas(size: size)
                TooSmallMessage.render(into: &canvas, appName: "wssconsole", minimum: minimum)
                let shown = canvas.text().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let wordings = TooSmallMessage.versions(appName: "wssconsole", size: size, minimum: minimum)
                    .map { $0.joined(separator: " ") }
                #expect(wordings.contains(shown), "\(size): \(shown)")
            }
        }
    }
}
