import CNCurses
import CShims
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, on ncursesw. This is the only file that calls curses (htop keeps all of it in
/// `CRT.c`): screens draw into a `Canvas` and never see the library.
public final class NCursesTerminal: Terminal {
    public let glyphs: Glyphs
    public let usesColour: Bool
    private let screen: OpaquePointer
    private var looks: [Style: (attrs: UInt32, pair: Int16)] = [:]
    private var closed = false
    private var reader = KeyReader(source: CursesInput())

    /// Starts curses on standard input and output.
    /// - Throws: `TerminalError.notATerminal` when either is not a terminal (checked before curses
    ///   touches anything), `.cannotStart` when curses does not know `$TERM`.
    public init(options: TerminalOptions) throws(TerminalError) {
        try Self.checkTerminal()
        // Before newterm, or curses treats every byte as Latin-1 and draws `lqqk` for lines.
        setlocale(LC_ALL, "")
        let utf8 = cs_locale_is_utf8() != 0
        glyphs = (options.asciiOnly ?? !utf8) ? .ascii : .unicode
        // An SSH session often arrives with LANG=C while the terminal sends UTF-8: curses would then drop
        // an "ü" typed into a password and the bytes after it. Nothing above 127 means anything in ASCII, so
        // input is read as UTF-8; the screen stays ASCII because the glyphs fold every character drawn.
        if cs_locale_is_ascii() != 0, setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "C.utf8") }
        // newterm rather than initscr: initscr exits the process on an unknown $TERM, newterm returns nil.
        guard let output = fdopen(dup(1), "w"), let input = fdopen(dup(0), "r") else {
            throw TerminalError(.cannotStart, "cannot open the terminal's input and output")
        }
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        guard !term.isEmpty else {
            throw TerminalError(.cannotStart, "TERM is not set; try TERM=xterm-256color")
        }
        guard let screen = newterm(nil, output, input) else {
            throw TerminalError(.cannotStart, "the terminal type \"\(term)\" is unknown to curses; try TERM=xterm-256color")
        }
        set_term(screen)
        // A terminal that cannot move the cursor (TERM=dumb, emacs shell buffers) would get every screen
        // printed one after another: refuse before drawing anything.
        guard cs_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalError(.cannotStart, "the terminal type \"\(term)\" cannot position the cursor; try TERM=xterm-256color")
        }
        self.screen = screen
        cbreak()
        noecho()
        nonl()
        keypad(cs_stdscr(), true)
        cs_define_common_keys()
        // Without this Esc waits a whole second for a possible escape sequence; ESCDELAY lets users choose.
        if getenv("ESCDELAY") == nil { set_escdelay(25) }
        curs_set(0)
        Self.disableFlowControl()
        usesColour = !options.noColor && has_colors()
        prepareLooks(theme: usesColour ? .colour : .monochrome)
        NCursesTerminal.installSignalHandlers()
        // Pasted text then comes marked, and `KeyReader` reads it as one paste instead of keys. Every way the shell
        // gets the terminal back turns it off again: `close`, `whileSuspended`, Ctrl-Z and the fatal signals.
        cs_bracketed_paste(1)
    }

    deinit { close() }

    /// Throws `.notATerminal` unless standard input and output are both terminals; callers use it to
    /// fail early, before taking locks or touching the screen.
    public static func checkTerminal() throws(TerminalError) {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalError(.notATerminal, "standard input and output must be a terminal")
        }
    }

    /// Ctrl-S would stop all output until Ctrl-Q (XON/XOFF), which looks exactly like a hang. Turned off in
    /// the program's terminal modes only: curses gives the shell its own modes back on exit and suspend.
    private static func disableFlowControl() {
        var modes = termios()
        guard tcgetattr(0, &modes) == 0 else { return }
        modes.c_iflag &= ~tcflag_t(IXON)
        guard tcsetattr(0, TCSANOW, &modes) == 0 else { return }
        // curses restores the modes it recorded after a suspend or an external editor: record these.
        def_prog_mode()
    }

    public var size: Size { Size(width: Int(cs_getmaxx(cs_stdscr())), height: Int(cs_getmaxy(cs_stdscr()))) }

    public func draw(_ canvas: Canvas) {
        guard !closed else { return }
        let window = cs_stdscr()
        let width = min(canvas.size.width, size.width)
        for y in 0..<min(canvas.size.height, size.height) {
            var x = 0
            while x < width {
                // One call per run of equal style keeps the output small; curses diffs the rest.
                let style = canvas[x, y].style
                var run: [UInt32] = []
                let start = x
                while x < width, canvas[x, y].style == style, run.count < 400 {
                    // The right half of a wide character: curses advanced over it with the character.
                    if !canvas[x, y].isContinuation { run.append(contentsOf: canvas[x, y].character.unicodeScalars.map(\.value)) }
                    x += 1
                }
                let look = looks[style] ?? (cs_A_NORMAL(), 0)
                _ = cs_attrset(look.attrs, look.pair)
                // The bottom-right cell reports ERR because the cursor cannot advance; the cell is drawn.
                _ = cs_mvaddwstr(Int32(y), Int32(start), run, Int32(run.count))
            }
        }
        _ = cs_attrset(cs_A_NORMAL(), 0)
        wrefresh(window)
    }

    /// Hands the terminal to another program (an editor) for the duration of `body`, then takes it back and
    /// repaints everything on the next draw. Does nothing special when no curses screen is active (tests).
    public static func whileSuspended<T>(_ body: () throws -> T) rethrows -> T {
        guard let screen = cs_stdscr(), !isendwin() else { return try body() }
        def_prog_mode()
        cs_bracketed_paste(0)
        endwin()
        defer {
            reset_prog_mode()
            clearok(screen, true)
            wrefresh(screen)
            cs_bracketed_paste(1)
        }
        return try body()
    }

    public func invalidate() {
        guard !closed else { return }
        clearok(cs_stdscr(), true)
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !closed else { return nil }
        return reader.read(timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Characters and keys from curses, for the reader.
    private struct CursesInput: TerminalInputSource {
        func next(waitMilliseconds: Int) -> TerminalInput? {
            let window = cs_stdscr()
            wtimeout(window, Int32(waitMilliseconds))
            var value: UInt32 = 0
            switch cs_get_wch(window, &value) {
            case ERR: return nil
            case KEY_CODE_YES: return NCursesTerminal.key(forCode: Int32(bitPattern: value)).map(TerminalInput.key) ?? .otherKey
            default: return .character(value)
            }
        }

        func discardPending() { flushinp() }
    }

    public func close() {
        guard !closed else { return }
        closed = true
        cs_bracketed_paste(0)
        // Without an alternate screen (TERM=vt100, linux) the last frame stayed, the shell's prompt over its key bar.
        if cs_has_alternate_screen() == 0, let window = cs_stdscr() {
            wclear(window)
            wrefresh(window)
        }
        endwin()
        delscreen(screen)
        NCursesTerminal.restoreSignalHandlers()
    }

    private static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END, KEY_LL: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_RESIZE: return .resize
        default:
            for n in 1...12 where code == cs_KEY_F(Int32(n)) { return .function(n) }
            return nil
        }
    }

    private func prepareLooks(theme: Theme) {
        var hasDefaultColours = false
        if usesColour {
            start_color()
            // Keeps the terminal's own background instead of painting everything black.
            hasDefaultColours = use_default_colors() == OK
        }
        var pairs: [Int32: Int16] = [:]
        for style in Style.allCases {
            let look = theme.look(style)
            var attrs = cs_A_NORMAL()
            if look.bold { attrs |= cs_A_BOLD() }
            if look.reverse { attrs |= cs_A_REVERSE() }
            if look.underline { attrs |= cs_A_UNDERLINE() }
            if look.dim { attrs |= cs_A_DIM() }
            var pair: Int16 = 0
            if usesColour, look.usesColour {
                let key = Int32(look.foreground.rawValue + 1) * 16 + Int32(look.background.rawValue + 1)
                if let known = pairs[key] {
                    pair = known
                } else {
                    pair = Int16(pairs.count + 1)
                    // Without default-colour support (-1), white on black is the usual terminal default.
                    let fg = look.foreground == .terminalDefault && !hasDefaultColours ? Theme.Colour.white : look.foreground
                    let bg = look.background == .terminalDefault && !hasDefaultColours ? Theme.Colour.black : look.background
                    init_pair(pair, fg.rawValue, bg.rawValue)
                    pairs[key] = pair
                }
            }
            looks[style] = (attrs, pair)
        }
    }
}
