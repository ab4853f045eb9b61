import Foundation
import Testing
@testable import ConsoleUI

/// Lines wider than a text page (a diff's policy lines) scroll sideways: they were cut with … and Left and Right did
/// nothing, so the edits a diff exists to show could not be read.
@Suite struct SidewaysScrollTests {
    static let long = "<wsp:Policy xmlns:wsp=\"http://schemas.xmlsoap.org/ws/2004/09/policy\" wsu:Id=\"SigOnly\">"

    func draw(_ view: inout TextView, width: Int = 20, height: Int = 3) -> [String] {
        var canvas = Canvas(size: Size(width: width, height: height))
        view.render(into: &canvas, frame: canvas.bounds)
        return (0..<height).map { canvas.row($0).trimmingTrailingSpaces() }
    }

    func press(_ view: inout TextView, _ key: Key) -> Bool { view.handle(key) }

    /// The window onto a line: an ellipsis where it goes on at either edge, nothing when all of it is to the left.
    @Test func aWindowMarksWhatIsBesideIt() {
        #expect(TextLayout.window("abcdefghij", from: 0, width: 5) == "abcd…")
        #expect(TextLayout.window("abcdefghij", from: 3, width: 5) == "…efg…")
        #expect(TextLayout.window("abcdefghij", from: 5, width: 5) == "…ghij")
        #expect(TextLayout.window("abcdefghij", from: 9, width: 5) == "…")
        #expect(TextLayout.window("abc", from: 3, width: 5) == "")
        #expect(TextLayout.window("", from: 3, width: 5) == "")
        // Cells, not characters: a wide character never shows by halves; the column under the view stays put.
        #expect(TextLayout.window("日本語のテキスト", from: 1, width: 7) == "…本語…")
        #expect(TextLayout.window("日本語のテキスト", from: 2, width: 7) == "… 語の…")
        for start in 0...16 {
            for width in 1...9 {
                #expect(DisplayWidth.of(TextLayout.window("日本語のテキスト", from: start, width: width)) <= width, "\(start) \(width)")
            }
        }
    }

    @Test func leftRightHomeAndEndMoveAlongWideLines() {
        var view = TextView(text: "short\n" + Self.long + "\nend", sideways: true)
        var rows = draw(&view)
        #expect(rows[1] == "<wsp:Policy xmlns:w…" && view.hasMoreRight && !view.hasMoreLeft)
        #expect(view.scrollsSideways)
        #expect(press(&view, .right))
        rows = draw(&view)
        #expect(view.left == 10 && rows[1] == "… xmlns:wsp=\"http:/…", "\(rows)")
        #expect(rows[0] == "" && rows[2] == "", "lines all to the left show nothing")
        #expect(press(&view, .end))
        rows = draw(&view)
        #expect(rows[1].hasSuffix("wsu:Id=\"SigOnly\">") && !view.hasMoreRight && view.hasMoreLeft, "\(rows)")
        #expect(press(&view, .left) && view.left == Self.long.count - 20 - 10)
        #expect(press(&view, .home) && view.left == 0 && view.top == 0)
        // g and G still go to the start and the end; Up and Down still scroll.
        _ = draw(&view, height: 2)
        #expect(press(&view, .char("G")) && view.top == 1 && view.left == 0)
        #expect(press(&view, .char("g")) && view.top == 0)
    }

    /// A diff scrolled sideways keeps each line's +, - or space in its first cell: without it, which lines were added
    /// and which removed could no longer be told apart (colour alone does not say it).
    @Test func aDiffKeepsItsMarksWhenScrolledSideways() {
        var view = TextView(text: "-" + Self.long + "\n+" + Self.long.replacingOccurrences(of: "Sig", with: "Enc") + "\n@@ -1 +1 @@",
                            sideways: true, marks: ["+", "-", " "])
        _ = draw(&view)
        #expect(press(&view, .end))
        let rows = draw(&view)
        #expect(rows[0].hasPrefix("-…") && rows[0].hasSuffix("\"SigOnly\">"), "\(rows)")
        #expect(rows[1].hasPrefix("+…") && rows[1].hasSuffix("\"EncOnly\">"), "\(rows)")
        #expect(rows[2] == "", "a line that is not a diff line keeps no mark: \(rows)")
        #expect(DisplayWidth.of(rows[0]) <= 20 && DisplayWidth.of(rows[1]) <= 20)
        #expect(press(&view, .home) && draw(&view)[0].hasPrefix("-<wsp:Policy"))
    }

    /// Where every line fits, Home and End go to the start and the end as before, and Left and Right are not taken.
    @Test func textThatFitsKeepsHomeAndEnd() {
        var view = TextView(text: (1...10).map { "line \($0)" }.joined(separator: "\n"), sideways: true)
        _ = draw(&view)
        #expect(!view.scrollsSideways && !view.hasMoreRight)
        #expect(!press(&view, .right) && !press(&view, .left))
        #expect(press(&view, .end) && view.top == 7)
        #expect(press(&view, .home) && view.top == 0)
        #expect(view.currentKeyHelp() == TextView.keyHelp())
        // A view that does not scroll sideways (a dialog's message, the help) keeps its lines cut.
        var cut = TextView(text: Self.long)
        _ = draw(&cut)
        #expect(!press(&cut, .right) && cut.left == 0 && !cut.hasMoreRight)
        // Nor does one that wraps.
        var wrapped = TextView(text: Self.long, wrapIndent: "  ", sideways: true)
        _ = draw(&wrapped)
        #expect(!wrapped.scrollsSideways && !press(&wrapped, .right))
    }

    /// The page says there is more beside, on its bottom border, and its key bar and help list the keys.
    @Test func aTextPageMarksAndListsTheSidewaysKeys() {
        let page = TextPage(title: "Diff", text: "--- a/x\n" + Self.long)
        var canvas = Canvas(size: Size(width: 40, height: 6))
        page.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(5).hasSuffix(" more ▶ ─┘") && !canvas.row(5).contains("◀"), "\(canvas.text())")
        #expect(page.keyHelp.contains { $0.keys == [.right, .left] && $0.barLabel == "Sideways" })
        #expect(page.keyHelp.contains { $0.keys == [.home, .end] && $0.description.contains("left or right end") })
        #expect(KeyBar.text(for: page.keyHelp) == "Right Sideways", "the page opens at the left edge: Right is the key that works")
        guard case .redraw = page.handle(.end) else { Issue.record("End was not taken"); return }
        canvas = Canvas(size: Size(width: 40, height: 6), glyphs: .ascii)
        page.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(5).hasPrefix("+- < more -") && !canvas.row(5).contains("more >"), "\(canvas.text())")
        #expect(canvas.row(2).hasSuffix("wsu:Id=\"SigOnly\"> |"), "\(canvas.text())")
        // Wide enough for every line: nothing to mark, nothing to list.
        let wide = TextPage(title: "Diff", text: Self.long)
        canvas = Canvas(size: Size(width: 120, height: 6))
        wide.render(into: &canvas, frame: canvas.bounds)
        #expect(!canvas.text().contains("more") && wide.keyHelp == TextView.keyHelp())
    }
}
