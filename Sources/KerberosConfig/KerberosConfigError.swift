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
        /// An edit was given a value the file cannot hold (a blank in a realm name, a port out of range, ...).
        case invalidValue
        /// An edit names a realm, mapping, entry or option the file does not have.
        case notFound
        /// A jaas.conf or krb5.conf cannot be edited because Java or libkrb5 would not read it (a syntax error).
        case unparsable
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

    /// An edit was given a value the file cannot hold.
    public static func invalidValue(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.invalidValue, reason, fileID, line)
    }

    /// An edit names something the file does not have.
    public static func notFound(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.notFound, reason, fileID, line)
    }

    /// The file cannot be edited safely until its syntax is fixed.
    public static func unparsable(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.unparsable, reason, fileID, line)
    }

    /// libkrb5 failed otherwise.
    public static func libraryFailure(_ reason: String, fileID: String = #fileID, line: Int = #line) -> Self {
        Self(.libraryFailure, reason, fileID, line)
    }
}
