/// Which jaas.conf values are secrets: the one decision behind `jaas show`, the console's Kerberos screen and the
/// notes of jaas edits, none of which ever shows one.
extension JAASOption {
    /// What is shown in place of a secret value.
    public static let hiddenValue = "(hidden)"

    /// True when the value may be a password (``isSecret(name:value:)``).
    public var isSecret: Bool { Self.isSecret(name: name, value: value) }

    /// The value as it may be shown: ``hiddenValue`` for a secret.
    public var shownValue: String { isSecret ? Self.hiddenValue : value }

    /// True when an option's name speaks of a password or secret (password, keyStorePassword, storepass, pwd,
    /// secret, credential). The JAAS shared-state flags (storePass, tryFirstPass, useFirstPass, clearPass) are
    /// booleans and shown as such; any other value there (storePass=hunter2) is a password where a boolean belongs.
    public static func isSecret(name: String, value: String) -> Bool {
        let lower = name.lowercased()
        guard ["pass", "pwd", "secret", "credential"].contains(where: lower.contains) else { return false }
        let boolean = JAASLint.krb5Options[name] == true && ["true", "false"].contains(value.lowercased())
        return !boolean
    }
}

extension JAASDocument {
    /// The lines (0-based) that hold a secret option's value (``JAASOption/isSecret``), each with that value written
    /// as `mask`: how a diff or a history entry shows a jaas.conf, whose secrets need not say "password"
    /// (`storepass`, `secret`). A value running over several lines is masked on each of them, and so is one in a
    /// comment (`/* storepass=old */`, a module commented out with `//`): Java skips it, but it is a secret all the same.
    public func linesHidingSecrets(mask: String) -> [Int: String] {
        let secrets = Self.secretValueRanges(in: bytes[...])
        guard !secrets.isEmpty else { return [:] }
        var shown: [UInt8] = []
        var next = 0
        for range in secrets.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.lowerBound >= next {
            shown += bytes[next..<range.lowerBound]
            // The mask, then each newline of the value with the mask after it: the lines stay where they were.
            shown += Array(mask.utf8)
            for byte in bytes[range] where byte == 0x0A { shown += [0x0A] + Array(mask.utf8) }
            next = range.upperBound
        }
        shown += bytes[next...]
        let before = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let after = shown.split(separator: 0x0A, omittingEmptySubsequences: false)
        var lines: [Int: String] = [:]
        for index in before.indices where before[index] != after[index] {
            lines[index] = String(decoding: after[index], as: UTF8.self)
        }
        return lines
    }

    /// Where each `name=value` whose name is a secret's has its value, read from the tokens rather than the entries: a
    /// file Java refuses (the old side of the edit that fixes it) has options in the module its error stopped in, and
    /// after it, that no entry holds. A value Java misreads (`storepass=pass word!`, unquoted) runs on to the last
    /// word or sign of its line before the next `;`, `{`, `}` or option. The text of each comment is read the same way,
    /// as the configuration it usually is (an old value, a module commented out), comments in it included.
    private static func secretValueRanges(in text: ArraySlice<UInt8>, depth: Int = 0) -> [Range<Int>] {
        var tokenizer = JAASTokenizer(Array(text))
        let tokens = tokenizer.tokens().map { JAASToken(kind: $0.kind, range: $0.range.shifted(by: text.startIndex), line: $0.line) }
        let ends: [JAASToken.Kind] = [.symbol(";"), .symbol("{"), .symbol("}"), .symbol("=")]
        var ranges: [Range<Int>] = []
        for index in tokens.indices.dropFirst(2) where tokens[index - 1].kind == .symbol("=") {
            guard let name = tokens[index - 2].text, !ends.contains(tokens[index].kind) else { continue }
            let value: String
            switch tokens[index].kind {
            case .word(let text), .quoted(let text, _), .singleQuoted(let text), .number(let text): value = text
            case .symbol(let sign): value = String(sign)
            }
            guard JAASOption.isSecret(name: name, value: value) else { continue }
            var last = index
            while last + 1 < tokens.count, tokens[last + 1].line == tokens[index].line, !ends.contains(tokens[last + 1].kind),
                  !(last + 2 < tokens.count && tokens[last + 2].kind == .symbol("=")) {
                last += 1
            }
            ranges.append(tokens[index].range.lowerBound..<tokens[last].range.upperBound)
        }
        // Each comment's text is shorter than the text it is in (its markers are left out), so this ends; comments
        // in comments are read a few levels down only: a file of a hundred thousand "/*" would otherwise recurse as deep
        // (and read its text as many times).
        guard depth < 4 else { return ranges }
        for comment in tokenizer.comments {
            ranges += secretValueRanges(in: text[comment.shifted(by: text.startIndex)], depth: depth + 1)
        }
        return ranges
    }
}

private extension Range<Int> {
    func shifted(by offset: Int) -> Range<Int> { (lowerBound + offset)..<(upperBound + offset) }
}
