/// An error from the KerberosConfig module: a stable ``Code`` to branch on and a reason for people.
///
/// Tests and callers compare ``code`` only; ``reason``, ``fileID`` and ``line`` are for diagnostics.
public struct KerberosConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The configuration file does not exist or cannot be read.
        case fileNotFound
        /// libkrb5 rejected the file's syntax (unbalanced braces, a relation outside a section, ...).
        case syntaxError
        /// libkrb5 failed for another reason (out of memory, an unusable setting).
        case libraryFailure
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation, with libkrb5's own message when there is one.
    public let reason: String
    /// Where the error was raised, for bug reports.
    public let fileID: String
    /// The line where the error was raised.
    public let line: Int

    private init(_ code: Code, _ reason: String, _ fileID: String, _ line: Int) {
        self.code = code
        self.reason = reason
        self.fileID = fileID
        self.line = line
    }

    public var description: String { "KerberosConfigError.\(code.rawValue): \(reason)" }

    /// The file is missing or unreadable.
    public static func fileNotFound(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.fileNotFound, reason, fileID, line)
    }

    /// The file's syntax is wrong.
    public static func syntaxError(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.syntaxError, reason, fileID, line)
    }

    /// libkrb5 failed otherwise.
    public static func libraryFailure(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.libraryFailure, reason, fileID, line)
    }
}
