/// Java's `ConfigFile` grammar over the tokens, stopping at the first error as Java does:
/// `entry := name '{' module* '}' ';'` and `module := class flag (key '=' value)* ';'`.
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
        try expect("{", after: "the entry name \(nameToken.text ?? "")")
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
            fail(flagToken.line, "\(flag) is not a control flag: Java accepts required, requisite, sufficient or optional\(hint)")
            throw Stop()
        }
        var options: [JAASOption] = []
        var lastEnd = flagToken.range.upperBound
        while let token = peek, token.kind != .symbol(";") {
            let key = try name("an option name or ';' to end the login module")
            try expect("=", after: "the option \(key.text ?? "")")
            guard let value = peek else { failAtEnd("a value for the option \(key.text ?? "")"); throw Stop() }
            switch value.kind {
            case .word(let text), .quoted(let text, _):
                index += 1
                var quoted = false
                if case .quoted = value.kind { quoted = true }
                options.append(JAASOption(name: key.text ?? "", value: text, line: key.line, isQuoted: quoted,
                                          nameRange: key.range, valueRange: value.range))
                lastEnd = value.range.upperBound
            // An option's value is never shown: it may be a password (storePass, a login module's own).
            case .number:
                fail(value.line, "the value of \(key.text ?? "") must be quoted, in double quotes: Java reads a bare number and rejects the file")
                throw Stop()
            case .singleQuoted:
                fail(value.line, "the value of \(key.text ?? "") is in single quotes, which Java rejects: use double quotes")
                throw Stop()
            case .symbol(let c):
                fail(value.line, "expected a value for the option \(key.text ?? ""), found '\(c)'" + (c == "{" || c == "$" ? " (write \"${...}\" in double quotes)" : ""))
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
        case .symbol("#"):
            fail(token.line, "'#' does not start a comment in jaas.conf and Java rejects the file: use // or /* */")
        case .singleQuoted(let text):
            fail(token.line, "'\(text)' is in single quotes, which Java rejects: write \"\(text)\"")
        case .number(let text):
            fail(token.line, "expected \(what), found the number \(text)")
        case .symbol(let c):
            fail(token.line, "expected \(what), found '\(c)'" + (c == "{" ? " (a value with ${...} must be in double quotes)" : ""))
        }
        throw Stop()
    }

    @discardableResult
    private mutating func expect(_ symbol: Character, after context: String) throws(Stop) -> JAASToken {
        guard let token = peek else { failAtEnd("'\(symbol)' after \(context)"); throw Stop() }
        guard token.kind == .symbol(symbol) else {
            let found: String = switch token.kind {
            case .word(let s), .number(let s): s
            case .quoted(let s, _): "\"\(s)\""
            case .singleQuoted(let s): "'\(s)'"
            case .symbol(let c): "'\(c)'"
            }
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
