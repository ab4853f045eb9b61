/// Text the terminal marked as pasted (bracketed paste), read as one event: its line breaks must never act as
/// Enter, nor its letters as commands on whatever screen is open.
public struct Paste: Hashable, Sendable {
    public var text: String
    /// False when the end marker never came and the paste ended when input paused: keys typed after that
    /// pause are keys again.
    public var isComplete: Bool
    /// True when the reader kept only the first `KeyReader.pasteLimit` characters of a larger paste.
    public var wasCut: Bool

    public init(_ text: String, isComplete: Bool = true, wasCut: Bool = false) {
        self.text = text
        self.isComplete = isComplete
        self.wasCut = wasCut
    }

    /// What a one-line field takes of the paste: the first line, without control characters, at most `room`
    /// characters, and what was left out, for the status line.
    ///
    /// The first line rather than the lines joined: a line break in a password or a name means the clipboard held
    /// more than the value (a trailing newline, a block of text). Joining would save a password or a name the
    /// operator never meant, unseen in a hidden field; the first line is what typing it would have entered before
    /// Enter, and the status line says the rest was left out.
    public func firstLine(room: Int) -> (text: String, leftOut: String?) {
        let lines = text.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
        let line = lines[0]    // never empty: splitting keeps empty subsequences
        let kept = line.filter { !Self.isControl($0) }
        var taken = String.UnicodeScalarView()
        taken.append(contentsOf: kept.prefix(max(0, room)))
        var notes: [String] = []
        // CRLF splits into a line and an empty one: only lines with something in them count as left out.
        if lines.dropFirst().contains(where: { !$0.isEmpty }) {
            notes.append("only its first line was taken")
        } else if lines.count > 1 {
            notes.append("its line break was left out")
        }
        if kept.count < line.count { notes.append("control characters were left out") }
        if taken.count < kept.count || (wasCut && lines.count == 1) { notes.append("it was cut to what the field holds") }
        if !isComplete { notes.append("the terminal did not mark its end") }
        return (String(taken), notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// C0 and C1 controls and DEL: Tab, Esc and the like typed into a field would be invisible or act on the terminal.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
