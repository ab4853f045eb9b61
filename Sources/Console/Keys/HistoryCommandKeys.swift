import ConsoleUI

/// The history's commands a fix suggests, worded as the console's keys for them: the service list's u, ^R and H do
/// what `wssconsole undo`, `redo` and `history` do, and the console's own messages name them so ("u on the service
/// list undoes it"). A command with an argument (`wssconsole undo ID`, `history --forget ID`) has no one key and stays
/// a command, which the console then names the home in.
enum HistoryCommandKeys {
    /// `fix` with each such command replaced by its keys ("(u on the service list, or H for an older change)"); what
    /// it leaves has none of them, so wording its result again changes nothing.
    static func words(_ fix: String) -> String {
        let undo = key(.undo), history = key(.history)
        let commands = [("wssconsole undo", "\(undo) on the service list, or \(history) for an older change"),
                        ("wssconsole redo", "\(key(.redo)) on the service list"), ("wssconsole history", "\(history) on the service list")]
        return commands.reduce(fix) { text, entry in
            var result = "", rest = text[...]
            while let found = rest.range(of: entry.0) {
                result += rest[..<found.lowerBound]
                rest = rest[found.upperBound...]
                result += startsCommand(result) && endsCommand(rest) ? entry.1 : entry.0
            }
            return result + rest
        }
    }

    /// The service list's key for `action`, as the key bar and the help name it.
    private static func key(_ action: ServiceListScreen.Action) -> String {
        ServiceListScreen.keys.bindings.first { $0.action == action }?.help.keys.first?.label ?? "?"
    }

    /// True when what comes before is not part of a word or path (`/opt/bin/wssconsole undo` names a binary).
    private static func startsCommand(_ before: String) -> Bool {
        guard let last = before.last else { return true }
        return last == " " || last == "(" || last == "`" || last == "'" || last == "\""
    }

    /// True when what follows a command is not its argument: the end, punctuation, or prose ("puts it back"), not an
    /// ID or an option.
    private static func endsCommand(_ rest: Substring) -> Bool {
        guard let next = rest.first else { return true }
        guard next == " " else { return !next.isLetter && !next.isNumber && next != "-" }
        return rest.dropFirst().first?.isLowercase == true
    }
}
