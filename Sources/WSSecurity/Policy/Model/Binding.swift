/// The security binding: how the message is protected.
public enum Binding: Sendable, Equatable {
    case transport(TransportBinding)
    case symmetric(SymmetricBinding)
    case asymmetric(AsymmetricBinding)

    /// The properties every binding shares.
    public var common: BindingProperties {
        get {
            switch self {
            case .transport(let b): b.properties
            case .symmetric(let b): b.properties
            case .asymmetric(let b): b.properties
            }
        }
        set {
            switch self {
            case .transport(var b): b.properties = newValue; self = .transport(b)
            case .symmetric(var b): b.properties = newValue; self = .symmetric(b)
            case .asymmetric(var b): b.properties = newValue; self = .asymmetric(b)
            }
        }
    }
}

/// Algorithm suite, layout and the flags all three bindings carry.
public struct BindingProperties: Sendable, Equatable {
    public var algorithmSuite: AlgorithmSuite
    public var layout: Layout
    public var includeTimestamp: Bool
    public var onlySignEntireHeadersAndBody: Bool
    /// `sp:EncryptBeforeSigning` (or the default, `sp:SignBeforeEncrypting`).
    public var protectionOrder: ProtectionOrder
    /// `sp:EncryptSignature`: the Signature element is encrypted too.
    public var encryptSignature: Bool
    /// `sp:ProtectTokens`: the signature also covers the token that made it.
    public var protectTokens: Bool

    public init(algorithmSuite: AlgorithmSuite = .basic256, layout: Layout = .lax, includeTimestamp: Bool = true,
                onlySignEntireHeadersAndBody: Bool = true, protectionOrder: ProtectionOrder = .signBeforeEncrypting,
                encryptSignature: Bool = false, protectTokens: Bool = false) {
        self.algorithmSuite = algorithmSuite
        self.layout = layout
        self.includeTimestamp = includeTimestamp
        self.onlySignEntireHeadersAndBody = onlySignEntireHeadersAndBody
        self.protectionOrder = protectionOrder
        self.encryptSignature = encryptSignature
        self.protectTokens = protectTokens
    }
}

/// Which comes first when a part is both signed and encrypted.
public enum ProtectionOrder: String, Sendable, CaseIterable {
    case signBeforeEncrypting = "SignBeforeEncrypting"
    case encryptBeforeSigning = "EncryptBeforeSigning"
}

/// Security by the transport (HTTPS), with supporting tokens in the message.
public struct TransportBinding: Sendable, Equatable {
    public var requireClientCertificate: Bool
    public var properties: BindingProperties
    public init(requireClientCertificate: Bool = false, properties: BindingProperties) {
        self.requireClientCertificate = requireClientCertificate
        self.properties = properties
    }
}

/// One shared (symmetric) key protects both directions; the protection token carries it.
public struct SymmetricBinding: Sendable, Equatable {
    public var protectionToken: Token
    public var properties: BindingProperties
    public init(protectionToken: Token, properties: BindingProperties) {
        self.protectionToken = protectionToken
        self.properties = properties
    }
}

/// Each side signs with its own key and encrypts for the other's.
public struct AsymmetricBinding: Sendable, Equatable {
    public var initiatorToken: Token
    public var recipientToken: Token
    public var properties: BindingProperties
    public init(initiatorToken: Token, recipientToken: Token, properties: BindingProperties) {
        self.initiatorToken = initiatorToken
        self.recipientToken = recipientToken
        self.properties = properties
    }
}

/// WS-SecurityPolicy algorithm suites (the ones WSO2's scenarios and common peers use).
public enum AlgorithmSuite: String, Sendable, CaseIterable {
    case basic256 = "Basic256"
    case basic192 = "Basic192"
    case basic128 = "Basic128"
    case tripleDes = "TripleDes"
    case basic256Rsa15 = "Basic256Rsa15"
    case basic192Rsa15 = "Basic192Rsa15"
    case basic128Rsa15 = "Basic128Rsa15"
    case tripleDesRsa15 = "TripleDesRsa15"
    case basic256Sha256 = "Basic256Sha256"
    case basic192Sha256 = "Basic192Sha256"
    case basic128Sha256 = "Basic128Sha256"
    case tripleDesSha256 = "TripleDesSha256"
}

/// Order of the elements in the Security header.
public enum Layout: String, Sendable, CaseIterable {
    case strict = "Strict"
    case lax = "Lax"
    case laxTimestampFirst = "LaxTsFirst"
    case laxTimestampLast = "LaxTsLast"
}

/// `sp:Wss10` / `sp:Wss11` options.
public enum WssOption: String, Sendable, CaseIterable {
    case mustSupportRefKeyIdentifier = "MustSupportRefKeyIdentifier"
    case mustSupportRefIssuerSerial = "MustSupportRefIssuerSerial"
    case mustSupportRefExternalURI = "MustSupportRefExternalURI"
    case mustSupportRefEmbeddedToken = "MustSupportRefEmbeddedToken"
    case mustSupportRefThumbprint = "MustSupportRefThumbprint"
    case mustSupportRefEncryptedKey = "MustSupportRefEncryptedKey"
    case requireSignatureConfirmation = "RequireSignatureConfirmation"
}

/// `sp:Trust10` options.
public enum TrustOption: String, Sendable, CaseIterable {
    case mustSupportClientChallenge = "MustSupportClientChallenge"
    case mustSupportServerChallenge = "MustSupportServerChallenge"
    case requireClientEntropy = "RequireClientEntropy"
    case requireServerEntropy = "RequireServerEntropy"
    case mustSupportIssuedTokens = "MustSupportIssuedTokens"
    /// `sp:Trust13` only.
    case requireRequestSecurityTokenCollection = "RequireRequestSecurityTokenCollection"
    /// `sp:Trust13` only.
    case requireAppliesTo = "RequireAppliesTo"
}
