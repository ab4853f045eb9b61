/// One step of a staged connection test, with what it found and, when it failed, why and what to do.
public struct ConnectionTestStage: Sendable, Hashable {
    /// The steps, in the order they run.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case profile, dns, tcp, tls, bind
        case userSearch = "user-search"
        case groupSearch = "group-search"

        /// The step's name for people.
        public var title: String {
            switch self {
            case .profile: "profile"
            case .dns: "name resolution"
            case .tcp: "TCP connect"
            case .tls: "TLS"
            case .bind: "bind"
            case .userSearch: "user search"
            case .groupSearch: "group search"
            }
        }
    }

    /// How the step ended.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case passed, failed, skipped
    }

    /// Which step.
    public let kind: Kind
    /// How it ended.
    public let outcome: Outcome
    /// One line: what was found, or why it failed.
    public let summary: String
    /// Further lines (addresses, certificate fields, names found).
    public let details: [String]
    /// Something that works but should be looked at (no TLS, no users found).
    public let warning: String?
    /// The error's code when the step failed.
    public let error: UserStoresError.Code?
    /// What the operator can do about a failure.
    public let fix: String?
    /// How long the step took (shown to the operator, never asserted on).
    public let elapsed: Duration
    /// The server's certificate, for the TLS step.
    public let certificate: CertificateSummary?

    init(_ kind: Kind, _ outcome: Outcome, _ summary: String, details: [String] = [], warning: String? = nil,
         error: UserStoresError.Code? = nil, fix: String? = nil, elapsed: Duration = .zero, certificate: CertificateSummary? = nil) {
        self.kind = kind
        self.outcome = outcome
        self.summary = summary
        self.details = details
        self.warning = warning
        self.error = error
        self.fix = fix
        self.elapsed = elapsed
        self.certificate = certificate
    }
}

/// All steps of one connection test.
public struct ConnectionTestReport: Sendable, Hashable {
    /// The URL tested.
    public let url: String
    /// Every step, including those skipped after a failure.
    public let stages: [ConnectionTestStage]

    /// True when no step failed.
    public var passed: Bool { !stages.contains { $0.outcome == .failed } }
    /// The step that failed, if any.
    public var failure: ConnectionTestStage? { stages.first { $0.outcome == .failed } }
}
