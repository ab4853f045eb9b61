import SecureXML

/// A WS-SecurityPolicy in typed form: one normalised alternative plus the host configuration blocks.
public struct SecurityPolicy: Sendable, Equatable {
    /// The `wsu:Id` of the policy element.
    public var id: String
    /// The alternative enforced: the first of the policy's normal form, as Rampart enforces.
    public var alternative: PolicyAlternative
    /// How many alternatives the policy's normal form has (wsp:ExactlyOne choices, wsp:Optional assertions); the
    /// others are not enforced, by Rampart or by us.
    public var alternativesOffered = 1
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
    public var trust13: Set<TrustOption>?
    public var signedParts: MessageParts?
    public var encryptedParts: MessageParts?
    /// sp:SignedElements, sp:EncryptedElements, sp:ContentEncryptedElements, sp:RequiredElements, sp:RequiredParts.
    public var elements = ElementAssertions()
    public var signedSupportingTokens: [Token]
    /// The other supporting token assertions (plain, encrypted, signed-encrypted, endorsing), in file order.
    public var otherSupportingTokens: [SupportingTokens]

    public init(binding: Binding, wss10: Set<WssOption>? = nil, wss11: Set<WssOption>? = nil, trust10: Set<TrustOption>? = nil,
                trust13: Set<TrustOption>? = nil, signedParts: MessageParts? = nil, encryptedParts: MessageParts? = nil,
                signedSupportingTokens: [Token] = [], otherSupportingTokens: [SupportingTokens] = []) {
        self.binding = binding
        self.wss10 = wss10
        self.wss11 = wss11
        self.trust10 = trust10
        self.trust13 = trust13
        self.signedParts = signedParts
        self.encryptedParts = encryptedParts
        self.signedSupportingTokens = signedSupportingTokens
        self.otherSupportingTokens = otherSupportingTokens
    }
}

/// A supporting tokens assertion other than `sp:SignedSupportingTokens` (which WSO2's scenarios use and
/// ``PolicyAlternative/signedSupportingTokens`` holds).
public struct SupportingTokens: Sendable, Equatable {
    /// The assertion's name.
    public enum Kind: String, Sendable, CaseIterable {
        case supporting = "SupportingTokens"
        case encrypted = "EncryptedSupportingTokens"
        case signedEncrypted = "SignedEncryptedSupportingTokens"
        case endorsing = "EndorsingSupportingTokens"
        case signedEndorsing = "SignedEndorsingSupportingTokens"
    }

    public var kind: Kind
    public var tokens: [Token]
    public init(kind: Kind, tokens: [Token]) {
        self.kind = kind
        self.tokens = tokens
    }
}

/// Which parts of the SOAP message a SignedParts or EncryptedParts assertion names.
public struct MessageParts: Sendable, Equatable {
    public var body: Bool
    /// Header elements by namespace and local name (an empty name means every header in the namespace).
    public var headers: [QualifiedName]
    /// An empty sp:SignedParts: every header but the Security header, whatever it is (WS-SecurityPolicy 1.2 §4.1.1,
    /// Rampart's signAllHeaders), with the Body.
    public var allHeaders: Bool

    public init(body: Bool = true, headers: [QualifiedName] = [], allHeaders: Bool = false) {
        self.body = body
        self.headers = headers
        self.allHeaders = allHeaders
    }
}

/// What an alternative demands of elements beyond the Body and whole headers: elements chosen by XPath to be
/// signed, encrypted (whole, or their content only) or present, and headers to be present.
public struct ElementAssertions: Sendable, Equatable {
    public var signed: [XPathExpression] = []
    public var encrypted: [XPathExpression] = []
    public var contentEncrypted: [XPathExpression] = []
    public var required: [XPathExpression] = []
    /// sp:RequiredParts: headers that must be in the message.
    public var requiredHeaders: [QualifiedName] = []

    public init() {}

    public var isEmpty: Bool { self == ElementAssertions() }
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
