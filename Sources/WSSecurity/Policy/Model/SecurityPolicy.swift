/// A WS-SecurityPolicy in typed form: one normalised alternative plus the host configuration blocks.
public struct SecurityPolicy: Sendable, Equatable {
    /// The `wsu:Id` of the policy element.
    public var id: String
    public var alternative: PolicyAlternative
    public var rampart: RampartConfig?
    public var carbon: CarbonSecConfig?

    public init(id: String, alternative: PolicyAlternative, rampart: RampartConfig? = nil, carbon: CarbonSecConfig? = nil) {
        self.id = id
        self.alternative = alternative
        self.rampart = rampart
        self.carbon = carbon
    }
}

/// The assertions of one `wsp:All` alternative.
public struct PolicyAlternative: Sendable, Equatable {
    public var binding: Binding
    public var wss10: Set<WssOption>?
    public var wss11: Set<WssOption>?
    public var trust10: Set<TrustOption>?
    public var signedParts: MessageParts?
    public var encryptedParts: MessageParts?
    public var signedSupportingTokens: [Token]

    public init(binding: Binding, wss10: Set<WssOption>? = nil, wss11: Set<WssOption>? = nil, trust10: Set<TrustOption>? = nil,
                signedParts: MessageParts? = nil, encryptedParts: MessageParts? = nil, signedSupportingTokens: [Token] = []) {
        self.binding = binding
        self.wss10 = wss10
        self.wss11 = wss11
        self.trust10 = trust10
        self.signedParts = signedParts
        self.encryptedParts = encryptedParts
        self.signedSupportingTokens = signedSupportingTokens
    }
}

/// Which parts of the SOAP message a SignedParts or EncryptedParts assertion names.
public struct MessageParts: Sendable, Equatable {
    public var body: Bool
    /// Header elements by namespace and local name (an empty name means every header in the namespace).
    public var headers: [QualifiedName]

    public init(body: Bool = true, headers: [QualifiedName] = []) {
        self.body = body
        self.headers = headers
    }
}

/// A namespace-qualified XML name.
public struct QualifiedName: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }
}
