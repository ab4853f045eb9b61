/// Finds the structural mistakes libkrb5's profile parser silently accepts.
///
/// MIT krb5 1.20 rejects an extra `}` or a bad section header, but takes a `{` that is never
/// closed, and relations before the first `[section]`, without a word. The console must not
/// call such a file valid, so these two are checked here, following the profile grammar
/// (comments start with `#` or `;`; `include`, `includedir` and `module` lines are directives).
enum Krb5StructureCheck {
    /// The first problem found, as "line N: message", or nil when the structure is sound.
    static func firstProblem(in text: String) -> String? {
        var inSection = false
        var openGroups: [Int] = []  // line numbers of the '{' still open
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let line = rawLine.drop { $0 == " " || $0 == "\t" }
            let trimmed = line.reversed().drop { $0.isWhitespace }.reversed()
            guard let first = trimmed.first, first != "#", first != ";" else { continue }
            if ["include ", "includedir ", "module "].contains(where: { String(trimmed).hasPrefix($0) }) { continue }
            if first == "[" {
                inSection = true
                continue
            }
            if first == "}" {
                _ = openGroups.popLast()  // an extra '}' is libkrb5's to report
                continue
            }
            guard inSection else {
                return "line \(number): \"\(String(trimmed))\" is outside any [section]"
            }
            if let equals = trimmed.firstIndex(of: "=") {
                let value = trimmed[trimmed.index(after: equals)...].drop { $0 == " " || $0 == "\t" }
                if value.first == "{" { openGroups.append(number) }
            }
        }
        if let unclosed = openGroups.last {
            return "line \(unclosed): the '{' opened here has no matching '}' (missing closing brace)"
        }
        return nil
    }
}
