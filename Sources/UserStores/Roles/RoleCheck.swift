/// The allowed-roles check Micro Integrator makes after a UsernameToken authenticated: the user needs one of
/// the roles the policy allows (`org.wso2.carbon.security.allowedroles`) or the service's `allowRoles`.
public struct RoleCheck: Sendable, Hashable {
    /// The roles that may call the service; empty lets every authenticated user through (as MI does).
    public var allowed: [String]
    /// MI compares role names case-sensitively unless `[[ws_security]] case_insensitive_role_name_check = true`.
    public var caseInsensitive: Bool

    /// A check of `allowed` roles.
    public init(allowed: [String], caseInsensitive: Bool = false) {
        self.allowed = allowed
        self.caseInsensitive = caseInsensitive
    }

    /// Whether a user holding `roles` may call the service, and why.
    public func decide(roles: [String]) -> RoleDecision {
        guard !allowed.isEmpty else { return .unrestricted }
        for role in roles {
            if let match = allowed.first(where: { same($0, role) }) { return .allowed(role: match) }
        }
        // A role that differs only in case is the mistake MI users hit (wso2/product-integrator-mi#3316).
        let nearMiss = roles.first { role in allowed.contains { $0.lowercased() == role.lowercased() } }
        return .denied(userRoles: roles, allowed: allowed, caseOnlyMismatch: nearMiss)
    }

    private func same(_ a: String, _ b: String) -> Bool {
        caseInsensitive ? a.lowercased() == b.lowercased() : a == b
    }
}

/// The outcome of a ``RoleCheck``.
public enum RoleDecision: Sendable, Hashable {
    /// The user holds `role`, one of the allowed roles.
    case allowed(role: String)
    /// No roles are required: any authenticated user may call.
    case unrestricted
    /// None of the user's roles is allowed; `caseOnlyMismatch` names a role that would match ignoring case.
    case denied(userRoles: [String], allowed: [String], caseOnlyMismatch: String?)

    /// True unless denied.
    public var permits: Bool {
        if case .denied = self { return false }
        return true
    }

    /// One sentence for people.
    public var explanation: String {
        switch self {
        case .allowed(let role): return "allowed: the user has the role \(role)"
        case .unrestricted: return "allowed: the service requires no role (every authenticated user may call it)"
        case .denied(_, let allowed, let nearMiss):
            // Without the user's roles: whoever shows the decision shows them once, bounded (NameSummary).
            var text = "denied: the user holds none of the allowed roles (\(allowed.joined(separator: ", ")))"
            if let nearMiss {
                text += "; \(nearMiss) differs only in case, and role names are compared case-sensitively"
            }
            return text
        }
    }
}
