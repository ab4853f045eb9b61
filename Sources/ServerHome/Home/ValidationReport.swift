import WSSecurity

/// What validation found for one service, and the one-word state lists show.
public struct ValidationReport: Sendable, Equatable {
    public var findings: [Finding]
    public var state: ValidationState

    public init(findings: [Finding], secured: Bool, readable: Bool = true) {
        self.findings = findings
        if !readable {
            state = .broken
        } else if !secured {
            state = findings.contains { $0.severity == .error } ? .errors : .unsecured
        } else if findings.contains(where: { $0.severity == .error }) {
            // Errors only in wssconsole's own [client] settings stop the self-test; nothing was found wrong with the service.
            state = findings.allSatisfy { $0.severity != .error || $0.concernsTheSelfTestClient } ? .untested : .errors
        } else if findings.contains(where: { $0.severity == .warning }) {
            state = .warnings
        } else {
            state = .ok
        }
    }
}

/// The summary state of a service; never carried by colour alone, the label says it.
public enum ValidationState: String, Sendable, Codable {
    case unsecured, ok, warnings, errors, broken
    /// Secured, but the self-test could not run for want of its client's settings: the service's own checks passed.
    case untested

    public var label: String {
        switch self {
        case .unsecured: "-"
        case .ok: "ok"
        case .warnings: "warn"
        case .errors: "ERROR"
        case .broken: "BROKEN"
        case .untested: "untested"
        }
    }
}
