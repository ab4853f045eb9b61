/// One of WSO2's 16 predefined WS-Security scenarios: its identity, what it means for people, and its policy.
public struct Scenario: Sendable, Identifiable, Equatable {
    /// What the service needs from its environment for this scenario.
    public enum Requirement: String, Sendable, CaseIterable {
        case https            // the transport must be HTTPS
        case serviceKeyPair   // the service's private key and certificate in a keystore
        case trustedClients   // client certificates the service trusts
        case userStore        // users (and roles) to authenticate a UsernameToken
        case kerberos         // a KDC, a service principal, krb5.conf and jaas.conf
        case secureConversation // the service acts as STS and issues a SecurityContextToken
    }

    /// 1...16, as WSO2 numbers them.
    public let number: Int
    /// The policy's `wsu:Id` in WSO2's files (e.g. `SigOnly`); MI recognises the scenario by it.
    public let wsuId: String
    /// The exact WSO2 name.
    public let name: String
    /// A name for lists, 33 characters at most, that tells it from every other (WSO2's Secure Conversation names
    /// differ only after 60 characters): "SecConv Sign only - X509".
    public let listName: String
    /// What the scenario protects, in plain language.
    public let protects: String
    /// What a client must have and do to call the service.
    public let clientNeeds: String
    /// A few lines of text diagram: who signs or encrypts what, with which token.
    public let diagram: [String]
    public let requirements: Set<Requirement>
    /// The security assertions WSO2 defines for it (host settings are added by `policy(for:)`).
    public let alternative: PolicyAlternative

    public var id: Int { number }

    /// The complete policy for a host: the scenario's assertions plus Rampart's and WSO2's configuration blocks.
    public func policy(for host: HostSettings) -> SecurityPolicy {
        SecurityPolicy(id: wsuId, alternative: alternative, rampart: host.rampartConfig(for: self),
                       carbon: host.carbonConfig(for: self))
    }

    /// Allowed roles apply only where a UsernameToken authenticates the caller.
    public var usesAllowedRoles: Bool { requirements.contains(.userStore) }
}
