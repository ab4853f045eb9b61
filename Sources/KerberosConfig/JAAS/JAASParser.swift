/// Java's `ConfigFile` grammar over the tokens, stopping at the first error as Java does:
/// `entry := name '{' module* '}' ';'` and `module := class flag (key '=' value)* ';'`.
///
/// A problem names its line and the option it is in, never a word of the line that the grammar has not placed: a
/// word out of place may be the rest of a value written without its quotes (`storePass=pass word`, a password),
/// and the message lands in validate's findings, logs and the console.
struct JAASParser {
    static let flags = ["required", "requisite", "sufficient", "optional"]

    private let tokens: [JAASToken]
    private let endLine: Int
    private var index = 0
    private(set) var problem: JAASSyntaxProblem?

    init(tokens: [JAASToken], endLine: Int) {
        self.tokens = tokens
        self.endLine = endLine
    }

    private struct Stop: Error {}

    mutating func parse() -> [JAASEntry] {
        var entries: [JAASEntry] = []
        // The line of each name's entry: searching the entries so far for every new one was quadratic (a file of
        // 20,000 entries took 15 seconds to read).
        var lines: [String: Int] = [:]
        while index < tokens.count {
            do {
                let entry = try parseEntry()
                if let first = lines[entry.name] {
                    fail(entry.line, "the entry \(entry.name) is defined twice (lines \(first) and \(entry.line)): Java rejects the file")
                    return entries
                }
                lines[entry.name] = entry.line
                entries.append(entry)
            } catch {
                return entries
            }
        }
        return entries
    }

    private mutating func parseEntry() throws(Stop) -> JAASEntry {
        let nameToken = try name("an entry name (such as Server or Client)")
        // The '{' makes the word an entry name: only then is it shown.
        try expect("{", after: "the entry name")
        var modules: [JAASLoginModule] = []
        while let token = peek, token.kind != .symbol("}") {
            modules.append(try parseModule())
        }
        let close = try expect("}", after: "the login modules of \(nameToken.text ?? "")")
        let end = try expect(";", after: "the '}' that closes \(nameToken.text ?? "")")
        return JAASEntry(name: nameToken.text ?? "", line: nameToken.line, modules: modules,
                         range: nameToken.range.lowerBound..<end.range.upperBound, closeBrace: close.range.lowerBound)
    }

    private mutating func parseModule() throws(Stop) -> JAASLoginModule {
        let classToken = try name("a login module class name")
        let flagToken = try name("a control flag (required, requisite, sufficient or optional)")
        let flag = flagToken.text ?? ""
        guard Self.flags.contains(flag.lowercased()) else {
            let hint = Spelling.closest(to: flag.lowercased(), among: Self.flags).map { "; did you mean \($0)?" } ?? ""
            fail(flagToken.line, "the login module's control flag is not one Java accepts (required, requisite, sufficient or optional)\(hint)")
            throw Stop()
        }
        var options: [JAASOption] = []
        var lastEnd = flagToken.range.upperBound, lastLine = flagToken.line
        while let token = peek, token.kind != .symbol(";") {
            // A word the '=' does not follow is no option name: it is not shown, the option before it is.
            guard token.text != nil, index + 1 < tokens.count, tokens[index + 1].kind == .symbol("=") else {
                if isCommentAttempt(token) { fail(token.line, Self.hashComment); throw Stop() }
                let after = options.last.map { "the value of \($0.name)" } ?? "the control flag"
                let hint = !options.isEmpty && token.line == lastLine ? " (a value with blanks, quotes or other signs must be in double quotes)" : ""
                fail(token.line, "expected an option (name=value) or ';' after \(after), found \(Self.describe(token))\(hint)")
                throw Stop()
            }
            let key = token
            index += 2
            guard let value = peek else { failAtEnd("a value for the option \(key.text ?? "")"); throw Stop() }
            switch value.kind {
            case .word(let text), .quoted(let text, _):
                index += 1
                var quoted = false
                if case .quoted = value.kind { quoted = true }
                options.append(JAASOption(name: key.text ?? "", value: text, line: key.line, isQuoted: quoted,
                                          nameRange: key.range, valueRange: value.range))
                lastEnd = value.range.upperBound
                lastLine = value.line
            // An option's value is never shown: it may be a password (storePass, a login module's own).
            case .number:
                fail(value.line, "the value of \(key.text ?? "") must be quoted, in double quotes: Java reads a bare number and rejects the file")
                throw Stop()
            case .singleQuoted:
                fail(value.line, "the value of \(key.text ?? "") is in single quotes, which Java rejects: use double quotes")
                throw Stop()
            case .symbol(let c):
                fail(value.line, "expected a value for the option \(key.text ?? ""), found \(Self.describe(value))" + (c == "{" ? " (write \"${...}\" in double quotes)" : ""))
                throw Stop()
            }
        }
        let semicolon = try expect(";", after: "the options of \(classToken.text ?? "")")
        return JAASLoginModule(className: classToken.text ?? "", flag: flag, line: classToken.line, options: options,
                               start: classToken.range.lowerBound, semicolon: semicolon.range.lowerBound, lastTokenEnd: lastEnd)
    }

    private var peek: JAASToken? { index < tokens.count ? tokens[index] : nil }

    /// A word or a double-quoted string.
    private mutating func name(_ what: String) throws(Stop) -> JAASToken {
        guard let token = peek else { failAtEnd(what); throw Stop() }
        switch token.kind {
        case .word, .quoted:
            index += 1
            return token
        case .symbol("#") where isCommentAttempt(token):
            fail(token.line, Self.hashComment)
        case .singleQuoted:
            fail(token.line, "expected \(what), found a string in single quotes, which Java rejects: use double quotes")
        case .number, .symbol:
            fail(token.line, "expected \(what), found \(Self.describe(token))" + (token.kind == .symbol("{") ? " (a value with ${...} must be in double quotes)" : ""))
        }
        throw Stop()
    }

    private static let hashComment = "'#' does not start a comment in jaas.conf and Java rejects the file: use // or /* */"

    /// A '#' that starts its line is a comment as other files write it; one further on may be inside a value.
    private func isCommentAttempt(_ token: JAASToken) -> Bool {
        token.kind == .symbol("#") && (index == 0 || tokens[index - 1].line != token.line)
    }

    /// What was found, quoting only the grammar's own signs: the token may be part of a value.
    private static func describe(_ token: JAASToken) -> String {
        switch token.kind {
        case .word: "a word"
        case .quoted: "a quoted string"
        case .singleQuoted: "a string in single quotes"
        case .number: "a number"
        case .symbol(let c) where "{};=".contains(c): "'\(c)'"
        case .symbol: "a sign that is neither a word nor one of { } ; ="
        }
    }

    @discardableResult
    private mutating func expect(_ symbol: Character, after context: String) throws(Stop) -> JAASToken {
        guard let token = peek else { failAtEnd("'\(symbol)' after \(context)"); throw Stop() }
        guard token.kind == .symbol(symbol) else {
            let found = Self.describe(token)
            let hint = symbol == ";" && token.kind == .symbol("}") ? " (each login module ends with ';')" : ""
            fail(token.line, "expected '\(symbol)' after \(context), found \(found)\(hint)")
            throw Stop()
        }
        index += 1
        return token
    }

    private mutating func fail(_ line: Int, _ message: String) {
        if problem == nil { problem = JAASSyntaxProblem(line: line, message: message) }
    }

    private mutating func failAtEnd(_ what: String) {
        fail(endLine, "the file ends where Java expects \(what)")
    }
}
