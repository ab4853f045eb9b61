import Foundation
import KeyMaterial

/// Every line the commands print for people goes through here. What they quote comes from files and messages (an
/// alias, a krb5.conf value, a session file's service, a PEM label) and may hold an ESC that drives the operator's
/// terminal or a lone CR that forges a line: such characters are shown escaped (`PrintableText`). Data a command is
/// asked for (`policy show --reveal`, documents and keys) is written as it is, with `Swift.print` or a file handle;
/// JSON (`printJSON`) with its own escapes, which decode to the same strings.
///
/// Line breaks stay (they are the commands' own), so a value from outside that may hold one (a user or role from a
/// directory, a UsernameToken's name, an engine's one-line check) is escaped whole where it is put into a line:
/// `PrintableText.escaped`, `names`, or a table's `column` and `tableLines`.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(PrintableText.escapedLines(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}

/// A line on standard error, made safe the same way.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((PrintableText.escapedLines(text) + "\n").utf8))
}

/// Names from outside (users, roles) listed in one line, each escaped whole: a line break in a directory's name
/// cannot start a line of its own.
func names(_ list: [String]) -> String {
    list.map(PrintableText.escaped).joined(separator: ", ")
}
