/// The actions every screen shares; the main loop performs them when the top view ignores a key.
public enum GlobalAction: Sendable, Equatable {
    case back, quit, help, redraw
}

/// The toolkit's standard global keys, following what operators expect from htop, tig and k9s:
/// Esc/q close a view (q on the first screen quits, like tig), Q/F10 quit, ?/F1 help, Ctrl-L redraw.
public enum GlobalKeys {
    /// The global key table; every screen's help and key bar end with it.
    public static let table = KeyMap<GlobalAction>([
        KeyBinding([.escape, .char("q")], "Close this view (q on the first screen quits)", group: "Global",
                   action: .back, bar: "Back", typed: "Close this view"),
        KeyBinding([.char("?"), .function(1)], "Show the keys of this screen", group: "Global",
                   action: .help, bar: "Help"),
        KeyBinding([.char("Q"), .function(10)], "Quit", group: "Global", action: .quit, bar: "Quit"),
        KeyBinding([.ctrl("l")], "Redraw the whole screen", group: "Global", action: .redraw),
    ])
}
