/// One key press, independent of the terminal library.
public enum Key: Hashable, Sendable {
    /// A printable character (letters keep their case: `q` and `Q` differ).
    case char(Character)
    /// Control plus a letter, lower-case: `.ctrl("l")` is Ctrl-L.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete, insert
    /// F1...F12.
    case function(Int)
    /// The terminal changed size; the main loop re-reads it.
    case resize
    /// Pasted text (bracketed paste). The main loop hands it to the focused text field only, never to a key table.
    case paste(Paste)

    /// The name shown in key bars, help and the README: "Enter", "F10", "^L", "q".
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "^" + String(c).uppercased()
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        case .resize: "(resize)"
        case .paste: "(paste)"
        }
    }

    /// The key for a code point read from the terminal in character mode (not a KEY_* code):
    /// control codes become Enter, Tab, Esc, Backspace or Ctrl-letters.
    public static func fromCodePoint(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 96)))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
