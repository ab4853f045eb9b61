import Testing
@testable import ConsoleUI

/// A text field wider than its box scrolls sideways to keep the cursor in it, an ellipsis where the text goes on, and
/// marks the cursor's cell. It showed only the end with a `_`: the cursor had nowhere else to be.
@Suite struct LineEditorScrollTests {
    /// The line as a field `width` cells wide shows it, the cursor's cells in brackets.
    func shown(_ line: inout LineEditor, width: Int) -> String {
        let (text, cursor) = line.visible(width: width, ellipsis: "…")
        var cells: [String] = []
        for c in text { cells.append(String(c)); if DisplayWidth.of(c) == 2 { cells.append("") } }
        guard cursor.column + cursor.cells <= cells.count else { return text + " (cursor outside)" }
        let marked = cells[cursor.column ..< cursor.column + cursor.cells].joined()
        return cells[..<cursor.column].joined() + "[" + marked + "]" + cells[(cursor.column + cursor.cells)...].joined()
    }

    /// Presses `key` and draws the field after each press, as the console does.
    func press(_ line: inout LineEditor, _ key: Key, times: Int = 1, width: Int) {
        for _ in 0..<times {
            _ = line.edit(key, maxLength: FormField.maxLength)
            _ = line.visible(width: width, ellipsis: "…")
        }
    }

    @Test func theCursorStaysInTheBoxAndTheTextScrollsOnlyWhenItWouldLeave() {
        var line = LineEditor("abcdefghijklmnop")
        #expect(shown(&line, width: 8) == "…klmnop[_]")
        press(&line, .left, times: 3, width: 8)
        #expect(shown(&line, width: 8) == "…klm[n]op ")    // the window stays while the cursor is in it
        press(&line, .left, times: 4, width: 8)
        #expect(shown(&line, width: 8) == "…[j]klmno…")    // past its left edge: one column at a time
        press(&line, .home, width: 8)
        #expect(shown(&line, width: 8) == "[a]bcdefg…")
        press(&line, .right, times: 6, width: 8)
        #expect(shown(&line, width: 8) == "abcdef[g]…")
        press(&line, .right, width: 8)
        #expect(shown(&line, width: 8) == "…cdefg[h]…")
        press(&line, .end, width: 8)
        #expect(shown(&line, width: 8) == "…klmnop[_]")
        press(&line, .backspace, times: 10, width: 8)
        #expect(shown(&line, width: 8) == "abcdef[_]")     // short again: all of it, from the start
    }

    /// Columns, not characters: a wide character takes two, the cursor on it marks both, none shows by halves.
    @Test func wideCharactersScrollByTheirCells() {
        var line = LineEditor("日本語のテキストです")
        #expect(shown(&line, width: 9) == "… トです[_]")
        press(&line, .home, width: 9)
        #expect(shown(&line, width: 9) == "[日]本語の…")
        press(&line, .right, times: 3, width: 9)
        #expect(shown(&line, width: 9) == "日本語[の]…")
        press(&line, .right, width: 9)
        #expect(shown(&line, width: 9) == "… 語の[テ]…")
    }

    /// The focused field marks the cursor's cell in its own style; a value that fits shows whole, `_` at its end.
    @Test func theFormMarksTheCursorCell() throws {
        let form = Form(title: "LDAP", fields: [.text("url", "URL", initial: "ldap://host"), .text("base", "Base")]) { _ in .handled }
        _ = form.handle(.left)
        _ = form.handle(.left)
        var canvas = Canvas(size: Size(width: 80, height: 22), glyphs: .unicode)
        form.render(into: &canvas, frame: canvas.bounds)
        let y = try #require((0..<22).first { canvas.row($0).contains("URL:") })
        let row = canvas.row(y)
        #expect(row.contains("ldap://host ") && !row.contains("_"), "\(row)")
        let start = try #require(row.range(of: "ldap")).lowerBound
        let x = row.distance(from: row.startIndex, to: start)
        let styles = canvas.styles(y)
        #expect(styles[x + 9] == .cursor && styles[x + 8] == .selected && styles[x + 10] == .selected)
        #expect(!canvas.styles(y + 1).contains(.cursor))    // only the focused field has one
    }
}
