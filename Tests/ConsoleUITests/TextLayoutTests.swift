import Testing
@testable import ConsoleUI

@Suite struct TextLayoutTests {
    @Test func truncateAddsAnEllipsisOnlyWhenCut() {
        #expect(TextLayout.truncate("abcdef", to: 6) == "abcdef")
        #expect(TextLayout.truncate("abcdefg", to: 6) == "abcde…")
        #expect(TextLayout.truncate("abc", to: 0) == "")
    }

    /// Cells, not characters: a wide name is cut and padded to the columns it takes on the terminal.
    @Test func truncateAndPadCountCells() {
        #expect(TextLayout.pad("日本", to: 6) == "日本  ")
        #expect(TextLayout.truncate("日本語サービス", to: 6) == "日本…")
        #expect(TextLayout.padLeft("日本", to: 5) == " 日本")
        #expect(DisplayWidth.of(TextLayout.truncateMiddle("日本語のサービス名", to: 9)) <= 9)
        #expect(DisplayWidth.of(TextLayout.truncatePath("conf/services/日本語のサービス.xml", to: 20)) <= 20)
        #expect(DisplayWidth.suffix("abc日本_", width: 5) == "日本_" && DisplayWidth.suffix("日本_", width: 4) == "本_")
        // Wrapping too: no line wider than asked, nothing lost.
        let wrapped = TextLayout.wrap("サービス 日本語のサービス名が長い proxy", width: 10, indent: "  ")
        #expect(wrapped.allSatisfy { DisplayWidth.of($0) <= 10 }, "\(wrapped)")
        #expect(wrapped.joined().filter { $0 != " " } == "サービス日本語のサービス名が長いproxy")
    }

    @Test func truncateMiddleKeepsBothEnds() {
        let name = "Secure Conversation - Sign only - X509 Authentication"
        let cut = TextLayout.truncateMiddle(name, to: 30)
        #expect(cut.count == 30)
        #expect(cut.hasPrefix("Secure Conv"))
        #expect(cut.hasSuffix("Authentication"))
    }

    /// Names are cut between words, never inside one ("…9 Authentication"): the first parts and the last part whole
    /// where they fit, else the first words and the last part, else the first words alone.
    @Test func truncateAtWordsKeepsWholeWords() {
        let nine = "SecureConversation - Sign only - Service as STS - Bootstrap policy - Sign and Encrypt , X509 Authentication"
        #expect(TextLayout.truncateAtWords(nine, to: 200) == nine)
        #expect(TextLayout.truncateAtWords(nine, to: 87) == "SecureConversation - Sign only - Service as STS … X509 Authentication")
        #expect(TextLayout.truncateAtWords(nine, to: 59) == "SecureConversation - Sign only … X509 Authentication")
        #expect(TextLayout.truncateAtWords(nine, to: 33) == "SecureConversation - Sign only…")
        let five = "Sign and Encrypt - X509 Authentication"
        #expect(TextLayout.truncateAtWords(five, to: 33) == "Sign and … X509 Authentication")
        #expect(TextLayout.truncateAtWords("Encrypt only - Username Token Authentication", to: 33) == "Encrypt only - Username Token…")
        for width in 4...nine.count {
            let cut = TextLayout.truncateAtWords(nine, to: width)
            #expect(DisplayWidth.of(cut) <= width, "\(width): \(cut)")
            if width >= 20 {
                // What is left is words of the name: no word is cut, and no piece ends or starts at a separator.
                let kept = cut.split(whereSeparator: { $0 == " " || $0 == "…" }).map(String.init)
                #expect(kept.allSatisfy { nine.split(separator: " ").map(String.init).contains($0) }, "\(width): \(cut)")
                #expect(!cut.contains("- …") && !cut.contains("… -") && !cut.contains("-…"), "\(width): \(cut)")
            }
        }
        // ASCII terminals, wide characters, and what has no words to keep (a path) is cut in the middle.
        #expect(TextLayout.truncateAtWords(five, to: 33, ellipsis: "~") == "Sign and ~ X509 Authentication")
        let wide = "日本語 サービス - 長い名前の サービス - 認証"
        for width in 6...DisplayWidth.of(wide) { #expect(DisplayWidth.of(TextLayout.truncateAtWords(wide, to: width)) <= width) }
        #expect(TextLayout.truncateAtWords(wide, to: 22) == "日本語 サービス … 認証")
        #expect(TextLayout.truncateAtWords(wide, to: 21) == "日本語 サービス…")
        let path = "repository/deployment/server/synapse-configs/default/proxy-services/QuoteProxy.xml"
        #expect(TextLayout.truncateAtWords(path, to: 30) == TextLayout.truncateMiddle(path, to: 30))
    }

    /// A long path keeps its file name whole: the start of the folders gives way.
    @Test func truncatePathKeepsTheFileName() {
        let path = "repository/deployment/server/synapse-configs/default/proxy-services/QuoteProxy.xml"
        #expect(TextLayout.truncatePath(path, to: 100) == path)
        #expect(TextLayout.truncatePath(path, to: 40) == "repository/deployment/se…/QuoteProxy.xml")
        #expect(TextLayout.truncatePath("a/" + String(repeating: "x", count: 30) + ".xml", to: 20).count == 20)
    }

    @Test func padToExactWidth() {
        #expect(TextLayout.pad("ab", to: 4) == "ab  ")
        #expect(TextLayout.padLeft("ab", to: 4) == "  ab")
        #expect(TextLayout.pad("abcdef", to: 4) == "abc…")
    }

    @Test func wrapBreaksAtSpacesAndKeepsLineBreaks() {
        #expect(TextLayout.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("a\nb c", width: 10) == ["a", "b c"])
        #expect(TextLayout.wrap("", width: 10) == [""])
    }

    /// A file saved on Windows (a CRLF policy in the policy view) is shown line by line, not as one long line: in a
    /// Swift String "\r\n" is one Character, never equal to "\n".
    @Test func crlfTextIsSplitIntoItsLines() {
        #expect(TextLayout.lines("a\r\nb\nc\r\n") == ["a", "b", "c", ""])
        #expect(TextLayout.wrap("one\r\ntwo three", width: 5) == ["one", "two", "three"])
        var view = TextView(text: "<wsp:Policy>\r\n  <sp:Wss10/>\r\n</wsp:Policy>\r\n")
        var canvas = Canvas(size: Size(width: 20, height: 3))
        view.render(into: &canvas, frame: canvas.bounds)
        #expect(canvas.text() == "<wsp:Policy>\n  <sp:Wss10/>\n</wsp:Policy>\n")
    }

    /// A wrapped line keeps its indentation and the spaces between its words (a fix under its finding, a report's
    /// severity column); the spaces where it breaks go.
    @Test func wrapKeepsIndentationAndSpacing() {
        #expect(TextLayout.wrap("  Fix: one two three", width: 12, indent: "       ") == ["  Fix: one", "       two", "       three"])
        #expect(TextLayout.wrap("info  a b c", width: 8) == ["info  a", "b c"])
    }

    @Test func wrapIndentsContinuationLinesAndSplitsLongWords() {
        #expect(TextLayout.wrap("aaa bbb ccc", width: 7, indent: "  ") == ["aaa bbb", "  ccc"])
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        for line in TextLayout.wrap(String(repeating: "word ", count: 40), width: 13, indent: "    ") {
            #expect(line.count <= 13)
        }
    }
}
