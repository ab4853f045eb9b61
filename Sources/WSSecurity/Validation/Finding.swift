/// One result of a validation check: what is wrong (or worth knowing) and how to fix it.
public struct Finding: Sendable, Equatable, Codable {
    public enum Severity: String, Sendable, Codable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        private var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    }

    public var severity: Severity
    /// A stable identifier, e.g. `keystore.demo`, for scripts and tests.
    public var code: String
    public var message: String
    /// What the operator can do about it; empty for purely informative findings.
    public var fix: String

    public init(_ severity: Severity, _ code: String, _ message: String, fix: String = "") {
        self.severity = severity
        self.code = code
        self.message = message
        self.fix = fix
    }
}
