import Foundation

/// A jaas.conf (Java's login configuration) kept as its bytes, with the entries Java would read from it.
///
/// Edits splice new text into the bytes at the places the parser recorded, so everything an edit does not
/// touch (comments, layout, other entries) stays byte for byte.
public struct JAASDocument: Sendable, Equatable {
    /// The file's bytes.
    public private(set) var bytes: [UInt8]
    /// The entries read before the first syntax error (all of them when there is none), in file order.
    public private(set) var entries: [JAASEntry]
    /// The first syntax error: Java stops there and refuses the whole file.
    public private(set) var problem: JAASSyntaxProblem?
    /// Places where Java reads the text differently from how it looks (a lone `/` starting a comment, ...).
    public private(set) var remarks: [JAASSyntaxProblem]

    /// Reads a jaas.conf from its bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        var tokenizer = JAASTokenizer(bytes)
        let tokens = tokenizer.tokens()
        var parser = JAASParser(tokens: tokens, endLine: bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 })
        entries = parser.parse()
        problem = parser.problem
        remarks = tokenizer.notes.map { JAASSyntaxProblem(line: $0.line, message: $0.message) }
    }

    /// Reads a jaas.conf from text.
    public init(text: String) { self.init(bytes: Array(text.utf8)) }

    /// The file's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The entry called `name` (Java's application name, e.g. `Server` or `Client`).
    public func entry(_ name: String) -> JAASEntry? { entries.first { $0.name == name } }

    /// Replaces the bytes in `range` with `text` and re-reads the file.
    mutating func splice(_ range: Range<Int>, with text: String) {
        var copy = bytes
        copy.replaceSubrange(range, with: Array(text.utf8))
        self = JAASDocument(bytes: copy)
    }

    /// The text of line `number` (1-based), without its terminator.
    func lineText(_ number: Int) -> String {
        var current = 1, start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            if current == number { return String(decoding: bytes[start..<index], as: UTF8.self) }
            current += 1
            start = index + 1
        }
        return current == number ? String(decoding: bytes[start...], as: UTF8.self) : ""
    }
}

/// An application's login configuration: `Name { module flag options; ... };`.
public struct JAASEntry: Sendable, Equatable {
    public let name: String
    /// The line of the entry's name (1-based).
    public let line: Int
    public let modules: [JAASLoginModule]
    /// The bytes from the name to the final `;`.
    let range: Range<Int>
    /// The offset of the closing `}`.
    let closeBrace: Int

    /// The first module of class `className` (by default MIT-compatible Kerberos, `Krb5LoginModule`).
    public func module(_ className: String = JAASLoginModule.krb5) -> JAASLoginModule? {
        modules.first { $0.className == className }
    }
}

/// One login module line of an entry: class, control flag, options.
public struct JAASLoginModule: Sendable, Equatable {
    /// Java's Kerberos login module, the one scenario 16 uses.
    public static let krb5 = "com.sun.security.auth.module.Krb5LoginModule"

    public let className: String
    /// The control flag as written (`required`, `requisite`, `sufficient` or `optional`; Java ignores case).
    public let flag: String
    public let line: Int
    public let options: [JAASOption]
    /// Offsets of the class name's first byte and of the `;` that ends the module.
    let start: Int
    let semicolon: Int
    /// The token the options follow: the flag, or the last option's value.
    let lastTokenEnd: Int

    /// The option called `name`: the last one, since Java keeps options in a map and a later one wins.
    public func option(_ name: String) -> JAASOption? { options.last { $0.name == name } }

    /// The option's value, or nil when it is not set.
    public subscript(_ name: String) -> String? { option(name)?.value }

    /// True when the module logs in with a keytab (`useKeyTab=true`; Java reads the boolean ignoring case).
    public var usesKeytab: Bool { self["useKeyTab"]?.lowercased() == "true" }

    /// The keytab file the module logs in with, a relative path taken from `base` (the runtime's working folder, the
    /// server home); nil when it logs in another way or names no file.
    public func keytab(relativeTo base: String) -> String? {
        guard usesKeytab, let path = self["keyTab"] else { return nil }
        return path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
    }
}

/// `name=value` in a login module.
public struct JAASOption: Sendable, Equatable {
    public let name: String
    /// The value Java sees (escapes resolved).
    public let value: String
    public let line: Int
    /// Whether the value was written in double quotes.
    public let isQuoted: Bool
    let nameRange: Range<Int>
    let valueRange: Range<Int>
}

/// A place in a jaas.conf that Java rejects or reads unexpectedly.
public struct JAASSyntaxProblem: Sendable, Equatable {
    /// The line number (1-based).
    public let line: Int
    public let message: String
}
