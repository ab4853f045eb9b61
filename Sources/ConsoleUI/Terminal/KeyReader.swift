/// One unit of input as the terminal library delivers it.
public enum TerminalInput: Equatable, Sendable {
    /// A character's code point, control codes included (Esc is 27).
    case character(UInt32)
    /// A sequence the library matched to a key.
    case key(Key)
    /// A sequence the library matched to a key the console does not use (F13, a mouse report).
    case otherKey
}

/// Where a `KeyReader` gets its input: curses on the real terminal, a script in tests.
public protocol TerminalInputSource {
    /// The next input, waiting up to `waitMilliseconds` (0: only what already arrived); nil when none came.
    mutating func next(waitMilliseconds: Int) -> TerminalInput?
    /// Drops everything that arrived and was not read yet.
    mutating func discardPending()
}

/// Turns what the terminal library reads into keys: the part of the terminal layer that needs no terminal, so it
/// is tested with scripted input.
///
/// - An Esc sequence the library could not match (Ctrl-Right under TERM=screen, Alt plus a key) is read whole and
///   dropped: as Esc (which cancels a form) followed by keys the screen below takes as commands, it would act.
///   Esc Esc stays two presses.
/// - A bracketed paste, `Esc [200~` text `Esc [201~` (DECSET 2004, which `NCursesTerminal` turns on), becomes one
///   `.paste`: its line breaks are not Enter and its letters not commands.
public struct KeyReader {
    /// Characters a paste keeps, more than any field holds. The rest is thrown away unread: curses reads one byte
    /// per system call, which would hold the screen for seconds per megabyte.
    public static let pasteLimit = 65_536
    /// How long the rest of an escape sequence may take after `Esc [`: no one types `Esc [` by hand, so waiting
    /// costs nothing, and a sequence split across two reads (a slow link) is still read as one.
    public static let sequenceWaitMilliseconds = 100
    /// How long a paste may pause before it is taken as ended without its end marker (a terminal that lost it):
    /// longer than a connection stalls mid-paste, as the rest would then arrive as keys; short enough to give the
    /// keyboard back.
    public static let pasteWaitMilliseconds = 1500

    private static let pasteStart = "200"
    private static let pasteEnd: [UInt32] = Array("[201~".unicodeScalars.map(\.value))

    private var source: any TerminalInputSource
    private let pasteLimit: Int
    /// An input read ahead that belongs to the next key (the second Esc of Esc Esc).
    private var pushedBack: TerminalInput?
    /// Keys that came while a paste was read (a resize), handed out after it.
    private var pending: [Key] = []

    public init(pasteLimit: Int = KeyReader.pasteLimit, source: any TerminalInputSource) {
        self.source = source
        self.pasteLimit = pasteLimit
    }

    /// The next key, waiting up to `timeoutMilliseconds` for one to start; nil when none came or the input was dropped.
    public mutating func read(timeoutMilliseconds: Int) -> Key? {
        if !pending.isEmpty { return pending.removeFirst() }
        switch next(waitMilliseconds: timeoutMilliseconds) {
        case nil, .otherKey: return nil
        case .key(let key): return key
        case .character(27): return afterEscape()
        case .character(let value): return Key.fromCodePoint(value)
        }
    }

    private mutating func next(waitMilliseconds: Int) -> TerminalInput? {
        if let input = pushedBack {
            pushedBack = nil
            return input
        }
        return source.next(waitMilliseconds: waitMilliseconds)
    }

    /// Esc the library could not match to a key: a lone Esc, the start of a sequence this terminal type does not
    /// list, an Alt combination (Esc before a character, or before an arrow as PuTTY sends Alt-Up), or a paste.
    private mutating func afterEscape() -> Key? {
        guard let input = next(waitMilliseconds: 0) else { return .escape }
        switch input {
        case .key(.resize), .character(27):
            // A resize is no key press and must still reach the loop; a second Esc is a second press.
            pushedBack = input
            return .escape
        case .key, .otherKey: return nil
        case .character(0x5B): return controlSequence()
        case .character(0x4F):    // SS3: one final byte
            // An Esc is none: it starts what comes next (a paste's start marker), read again.
            if let final = next(waitMilliseconds: Self.sequenceWaitMilliseconds), final == .character(27) { pushedBack = final }
            return nil
        case .character: return nil
        }
    }

    /// After `Esc [`: parameter bytes, then one final byte. Only the paste's start means something here.
    private mutating func controlSequence() -> Key? {
        var parameters = ""
        while let input = next(waitMilliseconds: Self.sequenceWaitMilliseconds) {
            guard case .character(let byte) = input, (0x20...0x3F).contains(byte) else {
                if input == .key(.resize) { pending.append(.resize) }
                // A sequence cut short by an Esc: that Esc starts the next one (a paste's start marker), read again.
                if input == .character(27) { pushedBack = input }
                if input == .character(0x7E), parameters == Self.pasteStart { return readPaste() }
                return nil
            }
            parameters.unicodeScalars.append(Unicode.Scalar(UInt8(byte)))
        }
        return nil
    }

    /// The pasted text up to `Esc [201~`, or up to a pause of `pasteWaitMilliseconds` when the end marker never comes.
    private mutating func readPaste() -> Key {
        var text = String.UnicodeScalarView()
        var kept = 0    // the view counts in linear time
        func keep(_ values: [UInt32]) {
            for value in values {
                text.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                kept += 1
            }
        }
        func unterminated() -> Key { .paste(Paste(String(text), isComplete: false)) }
        while let input = next(waitMilliseconds: Self.pasteWaitMilliseconds) {
            switch input {
            case .key(.resize): pending.append(.resize)
            // A sequence in the pasted text that the library matched to a key (an arrow, DEL as Backspace): it stands
            // as an Esc, so the field says control characters were left out.
            case .key, .otherKey: keep([27])
            case .character(27):
                var matched = 0
                while matched < Self.pasteEnd.count {
                    guard let following = next(waitMilliseconds: Self.pasteWaitMilliseconds) else {
                        keep([27] + Self.pasteEnd[..<matched])
                        return unterminated()
                    }
                    guard following == .character(Self.pasteEnd[matched]) else {
                        // Not the end marker: the Esc and what matched are text; what broke the match is read again.
                        pushedBack = following
                        break
                    }
                    matched += 1
                }
                if matched == Self.pasteEnd.count { return .paste(Paste(String(text))) }
                keep([27] + Self.pasteEnd[..<matched])
            case .character(let value):
                guard kept < pasteLimit else {
                    discardRestOfPaste()
                    return .paste(Paste(String(text), wasCut: true))
                }
                keep([value])
            }
        }
        return unterminated()
    }

    /// Throws away the rest of a paste past the limit, end marker included, until input pauses as long as a paste
    /// may: a key pressed meanwhile goes with it, and nothing of the paste is left to arrive as keys.
    private mutating func discardRestOfPaste() {
        pushedBack = nil
        source.discardPending()
        while let input = next(waitMilliseconds: Self.pasteWaitMilliseconds) {
            if input == .key(.resize) { pending.append(.resize) }
            source.discardPending()
        }
    }
}
