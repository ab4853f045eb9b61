/// A `[section]` of a krb5.conf with its relations.
public struct Krb5Section: Sendable, Equatable {
    public let name: String
    /// `[name]*`: later files cannot add to this section.
    public let isFinal: Bool
    /// The header's line number (1-based).
    public let line: Int
    /// The last line that belongs to the section's relations (the header's line when it has none).
    public let lastLine: Int
    public let relations: [Krb5Relation]

    /// The first relation called `name` (libkrb5 returns the first value for a single-valued setting).
    public func relation(_ name: String) -> Krb5Relation? { relations.first { $0.name == name } }
}

/// `tag = value`, or `tag = { ... }` holding more relations.
public struct Krb5Relation: Sendable, Equatable {
    public let name: String
    /// `tag*`: later files cannot add values.
    public let isFinal: Bool
    /// The value of a string relation; nil for a subsection.
    public let value: String?
    /// The relations of a subsection, in file order; empty for a string relation.
    public let children: [Krb5Relation]
    /// The relation's first line (1-based).
    public let line: Int
    /// The line of the closing brace for a subsection; `line` otherwise.
    public let lastLine: Int

    /// True for `tag = { ... }`.
    public var isGroup: Bool { value == nil }

    /// The values of every child string relation called `name`, in file order.
    public func values(_ name: String) -> [String] { children.filter { $0.name == name }.compactMap(\.value) }
}

/// A line that libkrb5 rejects, or reads differently from what its author surely meant.
public struct Krb5SyntaxProblem: Sendable, Equatable {
    /// The line number (1-based).
    public let line: Int
    public let message: String
}

/// Builds sections and relations from classified lines, recording structural problems.
struct Krb5TreeBuilder {
    private final class Group {
        let name: String, isFinal: Bool, line: Int
        var children: [Krb5Relation] = []
        init(name: String, isFinal: Bool, line: Int) { self.name = name; self.isFinal = isFinal; self.line = line }
    }

    private(set) var sections: [Krb5Section] = []
    private(set) var problems: [Krb5SyntaxProblem] = []
    private var section: (name: String, isFinal: Bool, line: Int, lastLine: Int, relations: [Krb5Relation])?
    private var stack: [Group] = []
    /// A `tag =` waits for its `{` on the next line; if that line is something else, there is no block.
    private var awaitingBrace = false

    mutating func add(_ kind: Krb5Line.Kind, line: Int) {
        if awaitingBrace {
            awaitingBrace = false
            if kind != .openBrace { _ = stack.popLast() }
        }
        switch kind {
        case .sectionHeader(let name, let isFinal):
            closeOpenGroups()
            finishSection()
            section = (name, isFinal, line, line, [])
        case .relation(let name, let value, let isFinal):
            append(Krb5Relation(name: name, isFinal: isFinal, value: value, children: [], line: line, lastLine: line))
        case .groupOpen(let name, let isFinal, let braceOnNextLine):
            stack.append(Group(name: name, isFinal: isFinal, line: line))
            awaitingBrace = braceOnNextLine
        case .groupClose:
            guard let group = stack.popLast() else { return }
            append(Krb5Relation(name: group.name, isFinal: group.isFinal, value: nil, children: group.children,
                                line: group.line, lastLine: line))
        case .invalid(let message):
            problems.append(Krb5SyntaxProblem(line: line, message: message))
        case .blank, .comment, .directive, .openBrace:
            break
        }
    }

    /// Closes what the file left open and returns the sections.
    mutating func finish() -> [Krb5Section] {
        if awaitingBrace { _ = stack.popLast() }  // reported by the reader: the file ends after "tag ="
        closeOpenGroups()
        finishSection()
        return sections
    }

    private mutating func append(_ relation: Krb5Relation) {
        if let group = stack.last {
            group.children.append(relation)
        } else if section != nil {
            section!.relations.append(relation)
            section!.lastLine = relation.lastLine
        }
    }

    /// libkrb5 silently accepts a brace that is never closed; the relations still count, the problem is reported.
    private mutating func closeOpenGroups() {
        while let group = stack.popLast() {
            problems.append(Krb5SyntaxProblem(line: group.line,
                                              message: "the '{' opened here for \(group.name) has no matching '}' (missing closing brace)"))
            let lastLine = group.children.last?.lastLine ?? group.line
            append(Krb5Relation(name: group.name, isFinal: group.isFinal, value: nil, children: group.children,
                                line: group.line, lastLine: lastLine))
        }
    }

    private mutating func finishSection() {
        if let s = section {
            sections.append(Krb5Section(name: s.name, isFinal: s.isFinal, line: s.line, lastLine: s.lastLine, relations: s.relations))
        }
        section = nil
    }
}
