import Testing
@testable import ConsoleUI

/// Terminal input as it arrives: characters and keys, with pauses between them. A pause longer than a read's wait
/// means nothing arrived within it (and that much of the pause went by); no real time passes.
final class ScriptedInput: TerminalInputSource {
    enum Step: Equatable {
        case input(TerminalInput)
        case pause(milliseconds: Int)
    }

    private(set) var steps: [Step]

    init(_ steps: [Step]) { self.steps = steps }

    func next(waitMilliseconds: Int) -> TerminalInput? {
        if case .pause(let length) = steps.first {
            guard waitMilliseconds >= length else {
                steps[0] = .pause(milliseconds: length - waitMilliseconds)
                return nil
            }
            steps.removeFirst()
        }
        guard case .input(let input) = steps.first else { return nil }
        steps.removeFirst()
        return input
    }

    /// What arrived is what comes before the next pause.
    func discardPending() {
        while case .input = steps.first { steps.removeFirst() }
    }

    /// The reader's keys until the script is used up.
    func keys(pasteLimit: Int = KeyReader.pasteLimit) -> [Key] {
        var reader = KeyReader(pasteLimit: pasteLimit, source: self)
        var keys: [Key] = []
        while !steps.isEmpty {
            if let key = reader.read(timeoutMilliseconds: 100) { keys.append(key) }
        }
        while let key = reader.read(timeoutMilliseconds: 100) { keys.append(key) }
        return keys
    }
}

func typed(_ text: String) -> [ScriptedInput.Step] { text.unicodeScalars.map { .input(.character($0.value)) } }
func pause(_ milliseconds: Int) -> [ScriptedInput.Step] { [.pause(milliseconds: milliseconds)] }

@Suite struct KeyReaderTests {
    /// A terminal without bracketed paste (or `tmux send-keys -l`) sends a paste as typing: it stays typing.
    @Test func unmarkedInputIsTyping() {
        #expect(ScriptedInput(typed("ab\rd")).keys() == [.char("a"), .char("b"), .enter, .char("d")])
    }

    @Test func aMarkedPasteIsOneEventAndTypingResumesAfterIt() {
        let keys = ScriptedInput(typed("\u{1B}[200~abc\nd\u{1B}[201~q")).keys()
        #expect(keys == [.paste(Paste("abc\nd")), .char("q")])
    }

    /// Over SSH a paste arrives in pieces: its markers may be cut anywhere. The pieces still make one paste, and no
    /// letter of it is read as a key.
    @Test func markersSplitAcrossReads() {
        let script = typed("\u{1B}[2") + pause(30) + typed("00~ab") + pause(400) + typed("c\u{1B}") + pause(50)
            + typed("[20") + pause(30) + typed("1~") + pause(1000) + typed("y")
        #expect(ScriptedInput(script).keys() == [.paste(Paste("abc")), .char("y")])
    }

    /// A terminal that loses the end marker: the paste ends when input pauses, says so, and keys work again.
    @Test func anUnterminatedPasteEndsAtAPause() {
        let script = typed("\u{1B}[200~abc\nd") + pause(KeyReader.pasteWaitMilliseconds + 1) + typed("q")
        #expect(ScriptedInput(script).keys() == [.paste(Paste("abc\nd", isComplete: false)), .char("q")])
        let inMarker = typed("\u{1B}[200~ab\u{1B}[20") + pause(KeyReader.pasteWaitMilliseconds + 1) + typed("q")
        #expect(ScriptedInput(inMarker).keys() == [.paste(Paste("ab\u{1B}[20", isComplete: false)), .char("q")])
    }

    /// Esc in the pasted text that does not start the end marker is text; an Esc right before the marker too.
    @Test func escapesInsideAPasteAreText() {
        let keys = ScriptedInput(typed("\u{1B}[200~a\u{1B}[2x\u{1B}\u{1B}[201~")).keys()
        #expect(keys == [.paste(Paste("a\u{1B}[2x\u{1B}"))])
    }

    /// A sequence curses matched to a key inside the paste stands as an Esc (a control character the field leaves
    /// out); a resize during the paste comes after it.
    @Test func keysAndResizesDuringAPaste() {
        let script = typed("\u{1B}[200~a") + [.input(.key(.up)), .input(.key(.resize))] + typed("b\u{1B}[201~")
        #expect(ScriptedInput(script).keys() == [.paste(Paste("a\u{1B}b")), .resize])
    }

    /// A huge paste is kept up to the limit and the rest thrown away, until input pauses: nothing of it is left to
    /// arrive as keys, even when it arrives in pieces.
    @Test func aHugePasteIsCut() {
        let script = typed("\u{1B}[200~" + String(repeating: "d", count: 5000)) + pause(100) + typed("ddd\u{1B}[201~")
            + pause(KeyReader.pasteWaitMilliseconds + 1) + typed("y")
        #expect(ScriptedInput(script).keys(pasteLimit: 10) == [.paste(Paste("dddddddddd", wasCut: true)), .char("y")])
        let exactly = typed("\u{1B}[200~dd\u{1B}[201~y")
        #expect(ScriptedInput(exactly).keys(pasteLimit: 2) == [.paste(Paste("dd")), .char("y")])
    }

    /// An Esc sequence cut short (Alt-Shift-O is `Esc O`, an SS3 missing its final byte) right before a paste: the
    /// paste's Esc starts its marker, so its text stays one paste; it was swallowed as the final byte, and the text
    /// came as keys, its line break as Enter.
    @Test func aPasteRightAfterACutSequenceIsStillAPaste() {
        #expect(ScriptedInput(typed("\u{1B}O\u{1B}[200~ab\rd\u{1B}[201~")).keys() == [.paste(Paste("ab\rd"))])
        #expect(ScriptedInput(typed("\u{1B}[1;5\u{1B}[200~ab\rd\u{1B}[201~")).keys() == [.paste(Paste("ab\rd"))])
    }

    /// What the reader did before bracketed paste, kept: Esc alone, Esc Esc, and Esc then a resize are Esc; an unknown
    /// sequence and Alt keys are dropped.
    @Test func escapeSequencesOutsideAPaste() {
        #expect(ScriptedInput(typed("\u{1B}") + pause(1000) + typed("q")).keys() == [.escape, .char("q")])
        #expect(ScriptedInput(typed("\u{1B}\u{1B}")).keys() == [.escape, .escape])
        #expect(ScriptedInput(typed("\u{1B}") + [.input(.key(.resize))]).keys() == [.escape, .resize])
        #expect(ScriptedInput(typed("\u{1B}[1;5Cq\u{1B}Q\u{1B}OPx")).keys() == [.char("q"), .char("x")])
        #expect(ScriptedInput(typed("\u{1B}") + [.input(.key(.up))] + typed("k")).keys() == [.char("k")])
    }
}

/// A one-line field takes the first line of a paste, without control characters, up to its room, and says what it
/// left out.
@Suite struct PasteTests {
    @Test func firstLine() {
        #expect(Paste("secret").firstLine(room: 100) == ("secret", nil))
        #expect(Paste("secret\n").firstLine(room: 100) == ("secret", "its line break was left out"))
        #expect(Paste("secret\r\n").firstLine(room: 100) == ("secret", "its line break was left out"))
        #expect(Paste("abc\rd").firstLine(room: 100) == ("abc", "only its first line was taken"))
        #expect(Paste("a\tb\u{1B}[Ac\u{85}").firstLine(room: 100) == ("ab[Ac", "control characters were left out"))
        #expect(Paste("abcdef").firstLine(room: 3) == ("abc", "it was cut to what the field holds"))
        #expect(Paste("ab", isComplete: false).firstLine(room: 3) == ("ab", "the terminal did not mark its end"))
        #expect(Paste("ab\ncd", wasCut: true).firstLine(room: 3) == ("ab", "only its first line was taken"))
    }
}
