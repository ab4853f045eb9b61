/// Classifies the lines of a krb5.conf in order, with the state MIT's profile parser keeps between lines:
/// before the first section, inside `{ }` blocks, and after a `tag =` that waits for its `{`.
struct Krb5LineReader {
    private enum State { case beforeFirstSection, standard, awaitingBrace(name: String, line: Int) }
    private var state = State.beforeFirstSection
    private var depth = 0
    /// Real files nest two or three levels; a file nesting thousands built a tree whose release overflowed the stack.
    static let maxDepth = 16

    /// A problem names its line by number, never by its text: a line that does not parse may be anything, a
    /// password pasted in the wrong file too, and the message lands in logs.
    mutating func classify(_ text: String, line number: Int) -> Krb5Line.Kind {
        // libkrb5 honours include/includedir only at column 0, in any state.
        for directive in ["include", "includedir"] {
            if let argument = Self.directive(directive, in: text) { return .directive(name: directive, argument: argument) }
        }
        let body = text.drop { $0 == " " || $0 == "\t" }
        let trimmed = String(body.reversed().drop { $0.isWhitespace }.reversed())
        switch state {
        case .beforeFirstSection:
            if let argument = Self.directive("module", in: text) { return .directive(name: "module", argument: argument) }
            if trimmed.isEmpty { return .blank }
            if trimmed.first == "#" || trimmed.first == ";" { return .comment }
            guard text.first == "[" else {
                if body.first == "[" {
                    return .invalid("the line is indented: libkrb5 only starts the first section at column 0 and skips everything before it")
                }
                return .invalid("the line is outside any [section]: libkrb5 skips it")
            }
        case .awaitingBrace(let name, let openLine):
            state = .standard
            if trimmed.first == "{" && trimmed.dropFirst().allSatisfy(\.isWhitespace) {
                guard depth < Self.maxDepth else { return tooDeep }
                depth += 1
                return .openBrace
            }
            return .invalid("line \(openLine) says \"\(name) =\" with no value, so this line must be a lone '{' (libkrb5 rejects the file: missing open brace)")
        case .standard:
            break
        }
        if trimmed.isEmpty { return .blank }
        if trimmed.first == "#" || trimmed.first == ";" { return .comment }
        if trimmed.first == "[" { return header(trimmed) }
        if trimmed.first == "}" {
            guard depth > 0 else { return .invalid("extra closing brace '}' (libkrb5 rejects the file)") }
            depth -= 1
            return .groupClose(isFinal: trimmed.dropFirst().first == "*")
        }
        return relation(trimmed, line: number)
    }

    private mutating func header(_ trimmed: String) -> Krb5Line.Kind {
        guard depth == 0 else {
            return .invalid("a [section] header inside a { } block (libkrb5 rejects the file: section header not at top level)")
        }
        guard let close = trimmed.firstIndex(of: "]") else {
            return .invalid("the section header has no closing ']' (libkrb5 rejects the file)")
        }
        let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        var rest = trimmed[trimmed.index(after: close)...]
        let isFinal = rest.first == "*"
        if isFinal { rest = rest.dropFirst() }
        guard rest.allSatisfy(\.isWhitespace) else {
            return .invalid("text after the section header's ']' (libkrb5 rejects the file)")
        }
        state = .standard
        return .sectionHeader(name: name, isFinal: isFinal)
    }

    private mutating func relation(_ trimmed: String, line: Int) -> Krb5Line.Kind {
        let tagEnd = trimmed.firstIndex { $0 == " " || $0 == "\t" || $0 == "=" } ?? trimmed.endIndex
        var tag = String(trimmed[..<tagEnd])
        let afterTag = trimmed[tagEnd...].drop { $0 == " " || $0 == "\t" }
        guard !tag.isEmpty, afterTag.first == "=" else {
            return .invalid("the line is not \"name = value\" (libkrb5 rejects the file: syntax error in relation)")
        }
        let isFinal = tag.hasSuffix("*")
        if isFinal { tag.removeLast() }
        let value = afterTag.dropFirst().drop { $0 == " " || $0 == "\t" }
        if value.isEmpty {
            state = .awaitingBrace(name: tag, line: line)
            return .groupOpen(name: tag, isFinal: isFinal, braceOnNextLine: true)
        }
        if value.first == "{" && value.dropFirst().allSatisfy(\.isWhitespace) {
            guard depth < Self.maxDepth else { return tooDeep }
            depth += 1
            return .groupOpen(name: tag, isFinal: isFinal, braceOnNextLine: false)
        }
        if value.first == "\"" { return .relation(name: tag, value: Self.unquote(value.dropFirst()), isFinal: isFinal) }
        return .relation(name: tag, value: String(value), isFinal: isFinal)
    }

    private var tooDeep: Krb5Line.Kind {
        .invalid("{ } blocks nested deeper than \(Self.maxDepth) levels: krb5.conf needs two or three")
    }

    /// True when the file ended while a `tag =` still waited for its `{`.
    var endsAwaitingBrace: (name: String, line: Int)? {
        if case .awaitingBrace(let name, let line) = state { return (name, line) }
        return nil
    }

    /// libkrb5's quoted strings: `\n`, `\t`, `\b` and `\\`; anything after the closing quote is ignored.
    static func unquote(_ text: Substring) -> String {
        var result = ""
        var escaped = false
        for c in text {
            if escaped {
                switch c {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "b": result.append("\u{8}")
                default: result.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                break
            } else {
                result.append(c)
            }
        }
        return result
    }

    private static func directive(_ name: String, in text: String) -> String? {
        guard text.hasPrefix(name), let next = text.dropFirst(name.count).first, next == " " || next == "\t" else { return nil }
        return String(text.dropFirst(name.count)).trimmingBlanks
    }
}

extension String {
    /// The text without leading and trailing whitespace.
    var trimmingBlanks: String { String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
}
