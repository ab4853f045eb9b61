/// The one seam between screens and a real terminal (NIO's interface / real / test-double split):
/// `NCursesTerminal` is the real one, `CanvasTerminal` the in-memory double tests use.
public protocol Terminal: AnyObject {
    /// The current size in cells; re-read after a `.resize` key.
    var size: Size { get }
    /// The border glyphs chosen at start-up for this terminal's locale.
    var glyphs: Glyphs { get }
    /// True when the terminal shows colours (false with NO_COLOR or a monochrome terminal).
    var usesColour: Bool { get }
    /// Shows a canvas of `size`; only the main loop calls this.
    func draw(_ canvas: Canvas)
    /// Makes the next `draw` repaint every cell (Ctrl-L), for when something else scribbled on the screen.
    func invalidate()
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came, so the loop can poll background work.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Gives the terminal back to the shell. Safe to call twice.
    func close()
}

/// How the terminal should present itself, decided from options and the environment before start-up.
public struct TerminalOptions: Sendable, Equatable {
    /// Monochrome theme: NO_COLOR, or the caller asked for it.
    public var noColor: Bool
    /// Forces ASCII (true) or Unicode (false) glyphs; nil picks by the locale.
    public var asciiOnly: Bool?

    public init(noColor: Bool = false, asciiOnly: Bool? = nil) {
        self.noColor = noColor
        self.asciiOnly = asciiOnly
    }
}

/// Why the terminal could not be started; the message is meant for the operator's shell.
public struct TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Standard input or output is not a terminal (a pipe, a file, /dev/null).
        case notATerminal
        /// curses does not know $TERM or could not start.
        case cannotStart
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
