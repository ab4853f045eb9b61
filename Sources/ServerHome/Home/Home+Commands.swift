import Foundation

/// The commands a fix or a hint suggests, as the operator pastes them: they must act on the home the text is about.
extension Home {
    /// The CLI's top-level subcommands. `wssconsole` followed by one of them is a command; followed by anything else
    /// it is prose ("wssconsole reads the embedded store"). CLITests compares the list with the CLI's.
    public static let commandNames: Set<String> = [
        "services", "scenarios", "apply", "validate", "message", "unsecure", "policy", "history", "undo", "redo", "demo",
        "xml", "bench", "users", "roles", "userstore", "client", "krb5", "jaas", "keystore",
    ]

    /// `text` with `--home ROOT` after the `wssconsole` of every command it suggests (`wssconsole history lists the
    /// changes`), so that pasted it acts on this home. Unchanged for the demo home's working copy, which commands open
    /// without --home; for any other home, a command without it would act on the demo home, silently.
    public func commandsNamingHome(_ text: String) -> String {
        guard let option = homeOption else { return text }
        var result = ""
        var rest = text[...]
        while let found = rest.range(of: "wssconsole ") {
            result += rest[..<found.upperBound]
            // A word of its own ("CN=wssconsole demo client" is a name), followed by a subcommand's whole name.
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let word = rest[found.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if before.map({ $0.isWhitespace || "`'\"(".contains($0) }) ?? true, Self.commandNames.contains(String(word)) {
                result += option + " "
            }
            rest = rest[found.upperBound...]
        }
        return result + rest
    }

    /// `--home ROOT`, the root quoted for a shell when it needs to be; nil for the demo home's working copy.
    private var homeOption: String? {
        let root = URL(fileURLWithPath: root).standardizedFileURL.path
        guard root != URL(fileURLWithPath: DemoHome.location()).standardizedFileURL.path else { return nil }
        return "--home " + Self.shellWord(root)
    }

    /// `word` as a shell reads it back: bare when it holds nothing the shell treats specially, else single-quoted.
    static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@%,".contains($0) }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
