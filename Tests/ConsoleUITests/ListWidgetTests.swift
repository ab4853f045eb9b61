import Testing
@testable import ConsoleUI

@Suite struct ListStateTests {
    @Test func movesAndClampsAtTheEnds() {
        var list = ListState(count: 3)
        var selections: [Int] = []
        for key in [Key.up, .char("j"), .down, .down, .char("k")] {
            let moved = list.handle(key)
            #expect(moved)
            selections.append(list.selected)
        }
        #expect(selections == [0, 1, 2, 2, 1])
        let other = list.handle(.char("x"))
        #expect(!other)
    }

    @Test func scrollsToKeepTheSelectionVisible() {
        var list = ListState(count: 20)
        list.setVisibleRows(5)
        #expect(list.visibleRange == 0..<5 && list.hasMoreBelow && !list.hasMoreAbove)
        _ = list.handle(.pageDown)
        #expect(list.selected == 5 && list.visibleRange == 1..<6)
        _ = list.handle(.end)
        #expect(list.selected == 19 && list.visibleRange == 15..<20 && !list.hasMoreBelow)
        _ = list.handle(.char("g"))
        #expect(list.selected == 0 && list.top == 0)
        _ = list.handle(.char("G"))
        _ = list.handle(.pageUp)
        #expect(list.selected == 14 && list.visibleRange == 14..<19)
    }

    @Test func emptyListAndShrinking() {
        var list = ListState(count: 0)
        _ = list.handle(.down)
        #expect(list.selected == 0 && list.visibleRange.isEmpty)
        list.setCount(10)
        list.select(9)
        list.setCount(4)
        #expect(list.selected == 3)
    }
}

@Suite struct TableTests {
    let columns = [TableColumn("Name", .flexible(minimum: 4)), TableColumn("State", .fixed(5))]

    @Test func widthsShareWhatFixedColumnsLeave() {
        #expect(Table.columnWidths(columns, total: 20) == [13, 5])
        let two = [TableColumn("A", .flexible(minimum: 1)), TableColumn("B", .flexible(minimum: 1))]
        #expect(Table.columnWidths(two, total: 11) == [4, 5])
        #expect(Table.columnWidths(columns, total: 3) == [4, 5])
    }

    /// A shrinkable column (the service list's Name) takes its preferred width when there is room and gives up room
    /// before a flexible column goes below its minimum, so a narrow screen keeps every column.
    @Test func aShrinkableColumnGivesWayFirst() {
        let columns = [TableColumn("Name", .shrinkable(preferred: 28, minimum: 10)), TableColumn("Kind", .fixed(12)),
                       TableColumn("Security", .flexible(minimum: 20)), TableColumn("State", .fixed(8))]
        #expect(Table.columnWidths(columns, total: 76) == [28, 12, 22, 8])
        #expect(Table.columnWidths(columns, total: 56) == [10, 12, 20, 8])
        #expect(Table.columnWidths(columns, total: 66) == [20, 12, 20, 8])
    }

    @Test func rendersHeadingRowsAndSelectionMark() {
        var canvas = Canvas(size: Size(width: 20, height: 3))
        var state = ListState(count: 3)
        state.select(1)
        let rows = ["alpha", "beta", "gamma"].map { TableRow([$0, "ok"]) }
        Table.render(into: &canvas, frame: canvas.bounds, columns: columns, rows: rows, state: &state)
        #expect(canvas.text() == """
              Name         State
              alpha        ok
            > beta         ok

            """)
        #expect(canvas.styles(2).allSatisfy { $0 == .selected })
        #expect(canvas.styles(0)[2] == .title)
        #expect(state.visibleRows == 2)
    }

    @Test func scrollsWhenRowsDoNotFit() {
        var canvas = Canvas(size: Size(width: 20, height: 3))
        var state = ListState(count: 3)
        state.select(2)
        let rows = ["alpha", "beta", "gamma"].map { TableRow([$0, "ok"]) }
        Table.render(into: &canvas, frame: canvas.bounds, columns: columns, rows: rows, state: &state)
        #expect(canvas.row(1).contains("beta") && canvas.row(2).contains("> gamma"))
    }
}

@Suite struct TextViewTests {
    @Test func scrollsWithinTheText() {
        var view = TextView(text: (1...10).map { "line \($0)" }.joined(separator: "\n"))
        var canvas = Canvas(size: Size(width: 10, height: 3))
        view.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(0).hasPrefix("line 1") && view.hasMoreBelow && !view.hasMoreAbove)
        _ = view.handle(.pageDown)
        _ = view.handle(.down)
        canvas = Canvas(size: Size(width: 10, height: 3))
        view.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(0).hasPrefix("line 5"))
        _ = view.handle(.end)
        #expect(view.top == 7 && !view.hasMoreBelow)
        _ = view.handle(.char("j"))
        #expect(view.top == 7)
        let handled = view.handle(.char("x"))
        #expect(!handled)
    }
}

extension TextViewTests {
    /// A report's long line wraps at words, its continuation indented, and scrolling counts the wrapped rows.
    @Test func wrapsLongLinesWhenAsked() {
        let text = "info  selftest.step: Client secured the request over http: Timestamp; Signature\nlast"
        var view = TextView(text: text, wrapIndent: "      ")
        var canvas = Canvas(size: Size(width: 30, height: 2))
        view.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(0).hasPrefix("info  selftest.step: Client"), "the column's two spaces kept: \(canvas.row(0))")
        #expect(canvas.row(1).hasPrefix("      secured the request"), "\(canvas.row(1))")
        #expect(view.hasMoreBelow)
        _ = view.handle(.end)
        canvas = Canvas(size: Size(width: 30, height: 2))
        view.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(1).hasPrefix("last"), "every word reachable: \(canvas.row(0)) / \(canvas.row(1))")
        #expect(view.top > 1, "the wrapped rows count for scrolling")
        var cut = TextView(text: text)
        canvas = Canvas(size: Size(width: 30, height: 2))
        cut.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.row(1).hasPrefix("last"), "without wrapIndent a long line is cut")
    }
}

@Suite struct ListSearchTests {
    let names = ["alpha", "beta", "gamma", "Alphabet"]

    @Test func typingJumpsToTheFirstMatchAndNCycles() {
        var search = ListSearch()
        var list = ListState(count: names.count)
        for key in [Key.char("/"), .char("A"), .char("l")] { _ = search.handle(key, in: names, list: &list) }
        #expect(list.selected == 0 && search.status?.text == "Search: Al_")
        _ = search.handle(.enter, in: names, list: &list)
        #expect(!search.isEditing && search.status == nil)
        _ = search.handle(.char("n"), in: names, list: &list)
        #expect(list.selected == 3)
        _ = search.handle(.char("n"), in: names, list: &list)
        #expect(list.selected == 0)
        _ = search.handle(.char("N"), in: names, list: &list)
        #expect(list.selected == 3)
    }

    @Test func whileTypingEveryCharacterIsQueryButF10AndResizeAreNot() {
        var search = ListSearch()
        var list = ListState(count: names.count)
        _ = search.handle(.char("/"), in: names, list: &list)
        #expect(search.handle(.char("q"), in: names, list: &list) != nil)
        #expect(search.handle(.function(10), in: names, list: &list) == nil)
        #expect(search.status?.isError == true)    // nothing matches "q"
        _ = search.handle(.escape, in: names, list: &list)
        #expect(search.query.isEmpty && search.status == nil)
        #expect(search.handle(.char("n"), in: names, list: &list) == nil)
        #expect(search.handle(.char("x"), in: names, list: &list) == nil)
    }

    /// The query is edited as a form's text field is (LineEditor): a letter left out is typed where it belongs.
    @Test func theQueryIsEditedAtTheCursor() {
        var search = ListSearch()
        var list = ListState(count: names.count)
        func press(_ keys: Key...) { for key in keys { #expect(search.handle(key, in: names, list: &list) != nil, "\(key)") } }
        press(.char("/"), .char("g"), .char("m"), .char("m"), .char("a"))
        #expect(search.status?.isError == true)    // "gmma": nothing
        press(.left, .left, .left, .char("a"))
        #expect(search.query == "gamma" && list.selected == 2 && search.status?.isError == false)
        // The cursor after "ga": its cell is marked on the status line, past "Search: ".
        #expect(search.status?.text == "Search: gamma " && search.status?.cursor == 10..<11)
        press(.home, .delete)
        #expect(search.query == "amma" && search.status?.cursor == 8..<9)
        press(.ctrl("e"), .backspace, .ctrl("a"), .right, .ctrl("k"))
        #expect(search.query == "a" && search.status?.text == "Search: a_")
        press(.char("l"), .char("p"), .char("h"), .char("a"), .char(" "), .char("b"), .ctrl("w"))
        #expect(search.query == "alpha ")
        press(.ctrl("u"))
        #expect(search.query.isEmpty && search.status?.text == "Search: _" && search.status?.cursor == 8..<9)
        // A paste goes in at the cursor too.
        list.select(0)
        press(.char("b"), .char("t"), .left, .paste(Paste("e")))
        #expect(search.query == "bet" && list.selected == 1)
        // Control keys that are not editing keys still reach the screen (Ctrl-L redraws).
        #expect(search.handle(.ctrl("l"), in: names, list: &list) == nil)
        press(.enter)
        #expect(search.query == "bet" && search.status == nil)
    }

    /// The status line marks the cursor's cell as a field does, in the search prompt.
    @Test func theStatusLineMarksTheCursor() {
        var search = ListSearch()
        var list = ListState(count: names.count)
        for key in [Key.char("/"), .char("b"), .char("t"), .left] { _ = search.handle(key, in: names, list: &list) }
        let status = search.status
        var canvas = Canvas(size: Size(width: 60, height: 1), glyphs: .unicode)
        StatusLine.render(into: &canvas, frame: canvas.bounds, lines: StatusLine.lines(status, width: 60), isError: false, cursor: status?.cursor)
        #expect(canvas.row(0).hasPrefix(" Search: bt "), "\(canvas.row(0))")
        #expect(canvas.styles(0).indices.filter { canvas.styles(0)[$0] == .cursor } == [10])
    }
}
