/// A krb5.conf read line by line: its sections and relations for reading and editing, and the lines as read,
/// so that writing it back keeps every line an edit did not touch byte for byte.
public struct Krb5Document: Sendable, Equatable {
    /// The lines as read, terminators included.
    public private(set) var lines: [Krb5Line]
    /// The sections in file order (a section name may appear more than once; libkrb5 merges them).
    public private(set) var sections: [Krb5Section]
    /// Lines libkrb5 rejects or misreads, in line order.
    public private(set) var problems: [Krb5SyntaxProblem]

    /// Reads a krb5.conf from its bytes (any bytes: invalid UTF-8 is kept as read on lines that are not edited).
    public init(bytes: [UInt8]) {
        var raws: [[UInt8]] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            raws.append(Array(bytes[start...index]))
            start = index + 1
        }
        if start < bytes.count { raws.append(Array(bytes[start...])) }
        self.init(rawLines: raws)
    }

    /// Reads a krb5.conf from text.
    public init(text: String) { self.init(bytes: Array(text.utf8)) }

    init(rawLines: [[UInt8]]) {
        var reader = Krb5LineReader()
        var builder = Krb5TreeBuilder()
        var lines: [Krb5Line] = []
        for (index, raw) in rawLines.enumerated() {
            let text = Krb5Line(raw: raw, kind: .blank).text
            let kind = reader.classify(text, line: index + 1)
            lines.append(Krb5Line(raw: raw, kind: kind))
            builder.add(kind, line: index + 1)
        }
        sections = builder.finish()
        var problems = builder.problems
        if let waiting = reader.endsAwaitingBrace {
            problems.append(Krb5SyntaxProblem(line: waiting.line, message: "\"\(waiting.name) =\" has no value and the file ends"))
        }
        self.problems = problems.sorted { $0.line < $1.line }
        self.lines = lines
    }

    /// The file's bytes: the lines as read, with edited lines in their new form.
    public var bytes: [UInt8] { lines.flatMap(\.raw) }

    /// The file's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Every section called `name`, in file order.
    public func sections(named name: String) -> [Krb5Section] { sections.filter { $0.name == name } }

    /// The first top-level relation called `name` in any section called `section`.
    public func relation(_ name: String, in section: String) -> Krb5Relation? {
        sections(named: section).lazy.compactMap { $0.relation(name) }.first
    }

    /// The string value libkrb5 would use for `[section] name` (the first one).
    public func value(_ name: String, in section: String) -> String? { relation(name, in: section)?.value }

    /// `[libdefaults] default_realm`.
    public var defaultRealm: String? { value("default_realm", in: "libdefaults") }

    /// The realm blocks of `[realms]`, in file order.
    public var realms: [Krb5Realm] {
        sections(named: "realms").flatMap(\.relations).filter(\.isGroup).map(Krb5Realm.init)
    }

    /// The realm block called `name`.
    public func realm(_ name: String) -> Krb5Realm? { realms.first { $0.name == name } }

    /// The `[domain_realm]` mappings, in file order.
    public var domainRealms: [(domain: String, realm: String, line: Int)] {
        sections(named: "domain_realm").flatMap(\.relations).compactMap { r in r.value.map { (r.name, $0, r.line) } }
    }

    /// The `include` and `includedir` lines, with their line numbers.
    public var includes: [(directive: String, path: String, line: Int)] {
        lines.enumerated().compactMap { index, line in
            if case .directive(let name, let argument) = line.kind, name != "module" { return (name, argument, index + 1) }
            return nil
        }
    }

    /// Replaces lines `range` (0-based indices) with `newLines` of text, re-reading the file afterwards.
    mutating func replaceLines(_ range: Range<Int>, with newLines: [String]) {
        let ending = lineEnding
        var raws = lines.map(\.raw)
        // A new line after a last line without terminator needs one on that line first.
        if range.lowerBound == raws.count, let last = raws.last, last.last != UInt8(ascii: "\n"), !newLines.isEmpty {
            raws[raws.count - 1] = last + ending
        }
        let inserted = newLines.enumerated().map { offset, text -> [UInt8] in
            let isLast = range.upperBound == raws.count && offset == newLines.count - 1
            let keepsNoTerminator = isLast && range.upperBound > range.lowerBound && raws[range.upperBound - 1].last != UInt8(ascii: "\n")
            return Array(text.utf8) + (keepsNoTerminator ? [] : ending)
        }
        raws.replaceSubrange(range, with: inserted)
        self = Krb5Document(rawLines: raws)
    }

    /// The file's own line ending (`\r\n` when its first line uses it), for the lines an edit adds.
    var lineEnding: [UInt8] { lines.first?.terminator.isEmpty == false ? lines.first!.terminator : Array("\n".utf8) }
}

/// A realm block of `[realms]`: its KDCs, admin server and other settings.
public struct Krb5Realm: Sendable, Equatable {
    public let name: String
    /// `kdc` values in order: `host` or `host:port`.
    public let kdcs: [String]
    /// `admin_server` values in order.
    public let adminServers: [String]
    /// Every relation of the block, in file order.
    public let relations: [Krb5Relation]
    /// The block's first line (1-based).
    public let line: Int

    /// The values of every string setting called `name` in the block, in file order.
    public func values(_ name: String) -> [String] { relations.filter { $0.name == name }.compactMap(\.value) }

    init(_ relation: Krb5Relation) {
        name = relation.name
        kdcs = relation.values("kdc")
        adminServers = relation.values("admin_server")
        relations = relation.children
        line = relation.line
    }
}
