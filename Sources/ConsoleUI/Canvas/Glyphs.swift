/// The characters used for borders and marks, chosen once at start-up (htop's CRT habit): Unicode box
/// drawing when the locale is UTF-8, plain ASCII otherwise, so a `LANG=C` terminal never shows `lqqk`.
public struct Glyphs: Sendable, Equatable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeLeft: Character
    public var teeRight: Character
    /// Marks text cut short.
    public var ellipsis: Character
    /// Separates breadcrumb segments.
    public var breadcrumb: String
    public var scrollUp: Character
    public var scrollDown: Character
    public var scrollLeft: Character
    public var scrollRight: Character
    /// True when every glyph and every drawn character must be 7-bit ASCII.
    public var asciiOnly: Bool

    /// Box drawing characters for UTF-8 terminals.
    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", ellipsis: "…", breadcrumb: " › ", scrollUp: "▲", scrollDown: "▼", scrollLeft: "◀", scrollRight: "▶",
        asciiOnly: false)

    /// Plain ASCII for terminals whose locale is not UTF-8.
    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", ellipsis: "~", breadcrumb: " > ", scrollUp: "^", scrollDown: "v", scrollLeft: "<", scrollRight: ">",
        asciiOnly: true)

    /// The set for a terminal: ASCII unless the locale's character set is UTF-8.
    public static func forLocale(utf8: Bool) -> Glyphs { utf8 ? .unicode : .ascii }

    /// `c` as it may be drawn: unchanged in Unicode mode; in ASCII mode one ASCII character of the same
    /// width, so layouts computed before folding stay aligned.
    public func fold(_ c: Character) -> Character {
        guard asciiOnly, !c.isASCII else { return c }
        switch c {
        case "─", "━", "═", "—", "–", "‐": return "-"
        case "│", "┃", "║": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "╔", "╗", "╚", "╝": return "+"
        case "→", "▶", "►", "›", "»", "⇒": return ">"
        case "←", "◀", "◄", "‹", "«", "⇐": return "<"
        case "↑", "▲": return "^"
        case "↓", "▼": return "v"
        case "↔", "⇄", "⇆": return "="
        case "…": return "~"
        case "•", "·", "●", "○", "◆": return "*"
        case "‘", "’", "′": return "'"
        case "“", "”", "″": return "\""
        case "✓", "✔": return "+"
        case "✗", "✘", "×": return "x"
        case "\u{00A0}": return " "
        default: return "?"
        }
    }
}
