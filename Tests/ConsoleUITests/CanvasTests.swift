import Testing
@testable import ConsoleUI

@Suite struct CanvasTests {
    @Test func writeClipsAtTheRightEdgeAndReturnsTheCellsUsed() {
        var canvas = Canvas(size: Size(width: 10, height: 2))
        let used = canvas.write("hello world", x: 4, y: 0)
        #expect(used == 6)
        #expect(canvas.row(0) == "    hello ")
    }

    @Test func writeHonoursWidthAndClipRect() {
        var canvas = Canvas(size: Size(width: 10, height: 3))
        canvas.write("abcdef", x: 0, y: 0, width: 3)
        canvas.write("abcdef", x: 0, y: 1, clip: Rect(x: 2, y: 1, width: 2, height: 1))
        canvas.write("outside", x: 0, y: 2, clip: Rect(x: 0, y: 0, width: 10, height: 2))
        #expect(canvas.text() == "abc\n  cd\n\n")
    }

    @Test func writingOutsideTheCanvasIsHarmless() {
        var canvas = Canvas(size: Size(width: 4, height: 1))
        canvas.write("x", x: -2, y: 0)
        canvas.write("x", x: 0, y: 5)
        canvas.write("abc", x: -1, y: 0)
        canvas.fill(Rect(x: 3, y: 0, width: 10, height: 10), with: "#")
        #expect(canvas.row(0) == "bc #")
    }

    @Test func c1ControlsBecomeSpacesToo() {
        var canvas = Canvas(size: Size(width: 6, height: 1))
        canvas.write("a\u{9B}31mb", x: 0, y: 0)
        #expect(canvas.row(0) == "a 31mb")
    }

    /// A name holding a right-to-left override would reorder what follows it on a terminal that draws bidi text.
    @Test func bidiControlsBecomeSpacesToo() {
        var canvas = Canvas(size: Size(width: 7, height: 1))
        canvas.write("a\u{202E}bc\u{2066}d\u{2069}e", x: 0, y: 0)
        #expect(canvas.row(0) == "a bc d ")
    }

    @Test func controlCharactersBecomeSpaces() {
        var canvas = Canvas(size: Size(width: 6, height: 1))
        canvas.write("a\tb\nc", x: 0, y: 0)
        #expect(canvas.row(0) == "a b c ")
    }

    /// A wide character takes two cells, as the terminal draws it: columns after it stay aligned, one that does not
    /// fit at the edge leaves a space, and overwriting either half blanks the other.
    @Test func wideCharactersTakeTwoCells() {
        var canvas = Canvas(size: Size(width: 8, height: 3))
        #expect(canvas.write("日本x", x: 0, y: 0) == 5)
        #expect(canvas.row(0) == "日本x   " && canvas[1, 0].isContinuation && canvas[4, 0].character == "x")
        canvas.write("ab日", x: 0, y: 1, width: 3)
        #expect(canvas.row(1) == "ab      ")
        canvas.write("日本", x: 0, y: 2)
        canvas[1, 2] = Cell("|")
        canvas.fill(Rect(x: 2, y: 2, width: 1, height: 1), with: "#")
        #expect(canvas.row(2) == " |#     ")
        #expect(!(0..<8).contains { canvas[$0, 2].isContinuation })
    }

    @Test func unicodeBoxWithTitle() {
        var canvas = Canvas(size: Size(width: 12, height: 3), glyphs: .unicode)
        canvas.box(canvas.bounds, title: "Hi")
        #expect(canvas.text() == "┌─ Hi ─────┐\n│          │\n└──────────┘\n")
        #expect(canvas.styles(0)[3] == .title)
        #expect(canvas.styles(0)[0] == .border)
    }

    @Test func asciiBoxUsesPlusMinusBar() {
        var canvas = Canvas(size: Size(width: 6, height: 3), glyphs: .ascii)
        canvas.box(canvas.bounds)
        #expect(canvas.text() == "+----+\n|    |\n+----+\n")
    }

    @Test func asciiModeFoldsEveryCharacterToOneAsciiCell() {
        var canvas = Canvas(size: Size(width: 12, height: 1), glyphs: .ascii)
        canvas.write("a→b…c─ü", x: 0, y: 0)
        #expect(canvas.row(0) == "a>b~c-?     ")
        #expect(canvas.text().unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func separatorJoinsTheBorders() {
        var canvas = Canvas(size: Size(width: 5, height: 3), glyphs: .unicode)
        canvas.box(canvas.bounds)
        canvas.separator(in: canvas.bounds, y: 1)
        #expect(canvas.row(1) == "├───┤")
    }

    @Test func textTrimsTrailingSpacesPerRow() {
        var canvas = Canvas(size: Size(width: 5, height: 2))
        canvas.write("ab", x: 0, y: 1)
        #expect(canvas.text() == "\nab\n")
    }

    @Test func glyphsFollowTheLocale() {
        #expect(Glyphs.forLocale(utf8: true) == .unicode)
        #expect(Glyphs.forLocale(utf8: false) == .ascii)
        let asciiGlyphs: [Character] = [Glyphs.ascii.horizontal, Glyphs.ascii.vertical, Glyphs.ascii.topLeft,
                                        Glyphs.ascii.ellipsis, Glyphs.ascii.scrollUp, Glyphs.ascii.scrollDown]
        #expect(asciiGlyphs.allSatisfy { $0.isASCII })
        #expect(Glyphs.ascii.breadcrumb.allSatisfy { $0.isASCII })
    }
}

@Suite struct GeometryTests {
    @Test func splitsAndInsets() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let (top, rest) = r.splitTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 80, height: 1))
        let (body, bottom) = rest.splitBottom(2)
        #expect(body.height == 21 && bottom.y == 22)
        #expect(r.inset(1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(r.centred(width: 10, height: 4) == Rect(x: 35, y: 10, width: 10, height: 4))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(1).isEmpty)
    }

    @Test func sizeFits() {
        #expect(Size(width: 80, height: 24).fits(Size(width: 60, height: 16)))
        #expect(!Size(width: 40, height: 10).fits(Size(width: 60, height: 16)))
        #expect(Size(width: 40, height: 10).description == "40x10")
    }
}
