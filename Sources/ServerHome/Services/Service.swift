import WSSecurity

/// A deployable service found in the home: its identity and the security attached to it.
public struct Service: Sendable, Identifiable, Equatable {
    public var name: String
    public var kind: ServiceKind
    /// Path of the definition file, relative to the home root.
    public var path: String
    public var security: ServiceSecurity
    /// Why the definition could not be read; the service is still listed.
    public var problem: String?
    /// Why wssconsole lists the service but does not change it (e.g. it is packaged in a Carbon app).
    public var readOnlyReason: String?
    /// The other definition files that name the same service (the server deploys only one of them).
    public var alsoDefinedIn: [String] = []
    /// Every `<policy key>` the definition holds, security enabled or not (`security` names only the first).
    public var policyKeys: [String] = []

    public var id: String { name }

    /// The security as lists show it: "(unreadable)" for a definition that cannot be read, "unknown" for a service
    /// packaged in an archive wssconsole does not open, whose definition it never read.
    public var securityLabel: String { problem != nil ? "(unreadable)" : readOnlyReason == nil ? security.label : "unknown" }

    public init(name: String, kind: ServiceKind, path: String, security: ServiceSecurity, problem: String? = nil,
                readOnlyReason: String? = nil) {
        self.readOnlyReason = readOnlyReason
        self.name = name
        self.kind = kind
        self.path = path
        self.security = security
        self.problem = problem
    }
}

/// What sort of artifact a service is.
public enum ServiceKind: String, Sendable, Codable {
    case proxy
    case dataService = "data-service"
    /// A Carbon application archive (.car): its artifacts are packaged, not edited in place.
    case carbonApp = "carbon-app"

    /// The word shown in lists.
    public var label: String {
        switch self {
        case .proxy: "proxy"
        case .dataService: "data service"
        case .carbonApp: "carbon app"
        }
    }
}

/// The security a service definition declares.
public enum ServiceSecurity: Sendable, Equatable {
    case unsecured
    /// A policy from the catalogue, recognised by its `wsu:Id`.
    case scenario(Int, policyKey: String)
    /// A policy that is not one of the 16 scenarios, with its `wsu:Id`.
    case custom(policyKey: String, policyId: String)
    /// A policy wssconsole cannot read (missing, cut short, not a WS-SecurityPolicy it reads), so neither a scenario nor a
    /// custom policy as far as anyone can tell; `problem` names the file and, for a parse error, its line and column,
    /// never its text (a policy keeps passwords).
    case unreadable(policyKey: String, problem: String)

    /// The policy key the definition references, if any.
    public var policyKey: String? {
        switch self {
        case .unsecured: nil
        case .scenario(_, let key), .custom(let key, _), .unreadable(let key, _): key
        }
    }

    /// Why the policy cannot be read, when it cannot.
    public var policyProblem: String? {
        if case .unreadable(_, let problem) = self { problem } else { nil }
    }

    /// Short text for lists: "unsecured", "2 Non-repudiation", "custom policy OrdersSigned", "unreadable policy".
    public var label: String {
        switch self {
        case .unsecured: "unsecured"
        case .scenario(let n, _): "\(n) " + (ScenarioCatalogue.scenario(n)?.name ?? "?")
        case .custom(_, let id): "custom policy \(id)"
        case .unreadable: "unreadable policy"
        }
    }
}
