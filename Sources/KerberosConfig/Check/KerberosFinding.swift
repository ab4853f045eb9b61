/// One result of checking krb5.conf, jaas.conf, a keytab or the KDC: what is wrong (or worth knowing), where,
/// and how to fix it.
public struct KerberosFinding: Sendable, Equatable, Codable {
    /// How bad it is; `wssconsole krb5 check` and `jaas check` exit 1 when any finding is an error.
    public enum Severity: String, Sendable, Codable, Comparable {
        case info, warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
        private var rank: Int { switch self { case .info: 0; case .warning: 1; case .error: 2 } }
    }

    public var severity: Severity
    /// A stable identifier such as `jaas.option.value`, for scripts and tests.
    public var code: String
    public var message: String
    /// The file the finding is about (as the caller named it), when it is about a file.
    public var file: String?
    /// The 1-based line in that file, when there is one.
    public var line: Int?
    /// What the operator can do about it; empty for purely informative findings.
    public var fix: String

    public init(_ severity: Severity, _ code: String, _ message: String, file: String? = nil, line: Int? = nil, fix: String = "") {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.fix = fix
    }

    /// Codes of the findings that report a check that passed (a KDC answered, a login worked).
    public static let passCodes: Set<String> = ["kdc.reachable", "service.login", "client.login", "client.ticket", "service.accept", "keytab.ok"]

    /// True when the finding reports a passed check rather than a remark.
    public var isPass: Bool { severity == .info && Self.passCodes.contains(code) }

    /// "file:line: message", the way compilers print a place.
    public var located: String {
        switch (file, line) {
        case let (file?, line?): "\(file):\(line): \(message)"
        case let (file?, nil): "\(file): \(message)"
        case let (nil, line?): "line \(line): \(message)"
        case (nil, nil): message
        }
    }
}

extension Array where Element == KerberosFinding {
    /// True when any finding is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// The same findings, each naming `file`.
    func about(_ file: String?) -> [KerberosFinding] {
        map { var f = $0; f.file = f.file ?? file; return f }
    }
}
