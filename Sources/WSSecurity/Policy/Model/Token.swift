/// A security token assertion.
public indirect enum Token: Sendable, Equatable {
    case x509(X509Token)
    case username(UsernameToken)
    case secureConversation(SecureConversationToken)
    case kerberos(KerberosToken)
}

/// When a token is included in messages (`sp:IncludeToken`).
public enum TokenInclusion: String, Sendable, CaseIterable {
    case never = "Never"
    case once = "Once"
    case alwaysToRecipient = "AlwaysToRecipient"
    case alwaysToInitiator = "AlwaysToInitiator"
    case always = "Always"
}

/// How a message may refer to an X.509 token.
public enum X509Reference: String, Sendable, CaseIterable {
    case keyIdentifier = "RequireKeyIdentifierReference"
    case issuerSerial = "RequireIssuerSerialReference"
    case embeddedToken = "RequireEmbeddedTokenReference"
    case thumbprint = "RequireThumbprintReference"
}

/// An X.509 certificate token.
public struct X509Token: Sendable, Equatable {
    public var inclusion: TokenInclusion
    public var references: Set<X509Reference>
    /// The token profile, e.g. `WssX509V3Token10`.
    public var tokenType: String
    /// Nested assertions the engine does not implement (e.g. `RequireDerivedKeys`), kept to be written back.
    public var unsupported: [String] = []
    public init(inclusion: TokenInclusion, references: Set<X509Reference> = [.thumbprint], tokenType: String = "WssX509V3Token10") {
        self.inclusion = inclusion
        self.references = references
        self.tokenType = tokenType
    }
}

/// A UsernameToken (user name and password).
public struct UsernameToken: Sendable, Equatable {
    public var inclusion: TokenInclusion
    /// `WssUsernameToken10` / `WssUsernameToken11`, or nil when the policy names no profile.
    public var profile: String?
    /// `sp:HashPassword`: the password travels as a digest (`#PasswordDigest`).
    public var hashPassword: Bool
    /// Nested assertions the engine does not implement (e.g. `NoPassword`), kept to be written back.
    public var unsupported: [String] = []
    public init(inclusion: TokenInclusion = .alwaysToRecipient, profile: String? = nil, hashPassword: Bool = false) {
        self.inclusion = inclusion
        self.profile = profile
        self.hashPassword = hashPassword
    }
}

/// A WS-SecureConversation token, issued by the service itself under a bootstrap policy.
public struct SecureConversationToken: Sendable, Equatable {
    public var inclusion: TokenInclusion
    public var bootstrap: PolicyAlternative
    /// Nested assertions the engine does not implement (e.g. `RequireDerivedKeys`), kept to be written back.
    public var unsupported: [String] = []
    public init(inclusion: TokenInclusion = .alwaysToRecipient, bootstrap: PolicyAlternative) {
        self.inclusion = inclusion
        self.bootstrap = bootstrap
    }
}

/// A Kerberos token (GSS-API AP-REQ).
public struct KerberosToken: Sendable, Equatable {
    public var inclusion: TokenInclusion
    /// e.g. `WssKerberosV5ApReqToken11`.
    public var tokenType: String
    /// Nested assertions the engine does not implement (e.g. `RequireDerivedKeys`), kept to be written back.
    public var unsupported: [String] = []
    public init(inclusion: TokenInclusion = .alwaysToRecipient, tokenType: String = "WssKerberosV5ApReqToken11") {
        self.inclusion = inclusion
        self.tokenType = tokenType
    }
}
