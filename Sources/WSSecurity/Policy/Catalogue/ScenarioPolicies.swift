/// The policy of each WSO2 scenario as a model value, built from a few shared pieces.
/// Matches the shape of WSO2's shipped files (WS-Policy 2004/09, WS-SecurityPolicy 1.1, Basic256).
enum ScenarioPolicies {
    static let allWss11: Set<WssOption> = [.mustSupportRefKeyIdentifier, .mustSupportRefIssuerSerial, .mustSupportRefThumbprint,
                                           .mustSupportRefEncryptedKey, .requireSignatureConfirmation]
    static let wss10: Set<WssOption> = [.mustSupportRefKeyIdentifier, .mustSupportRefIssuerSerial]
    static let trust10: Set<TrustOption> = [.mustSupportIssuedTokens, .requireClientEntropy, .requireServerEntropy]

    static func x509(_ inclusion: TokenInclusion) -> Token { .x509(X509Token(inclusion: inclusion)) }
    static let username = Token.username(UsernameToken(inclusion: .alwaysToRecipient, profile: "WssUsernameToken10"))

    static func symmetric(_ token: Token) -> Binding {
        .symmetric(SymmetricBinding(protectionToken: token, properties: BindingProperties(layout: .lax)))
    }

    static func asymmetric(initiator: TokenInclusion) -> Binding {
        .asymmetric(AsymmetricBinding(initiatorToken: x509(initiator), recipientToken: x509(.never),
                                      properties: BindingProperties(layout: .strict)))
    }

    /// Scenarios 3, 4, 6, 7, 8: an X.509 protection token the client never sends.
    static func anonymousSymmetric(sign: Bool, encrypt: Bool, username: Bool = false) -> PolicyAlternative {
        PolicyAlternative(binding: symmetric(x509(.never)), wss11: allWss11, trust10: trust10,
                          signedParts: sign ? MessageParts() : nil, encryptedParts: encrypt ? MessageParts() : nil,
                          signedSupportingTokens: username ? [Self.username] : [])
    }

    /// Bootstrap A (9-11): mutual X.509, asymmetric, client certificate not sent.
    static let bootstrapX509 = PolicyAlternative(binding: asymmetric(initiator: .never), wss10: wss10,
                                                 signedParts: MessageParts(), encryptedParts: MessageParts())
    /// Bootstrap B (12-13): anonymous client, symmetric key for the service certificate.
    static let bootstrapAnonymous = anonymousSymmetric(sign: true, encrypt: true)
    /// Bootstrap C (14-15): B plus a UsernameToken.
    static let bootstrapUsername = anonymousSymmetric(sign: true, encrypt: true, username: true)

    static func secureConversation(bootstrap: PolicyAlternative, sign: Bool, encrypt: Bool) -> PolicyAlternative {
        let sct = Token.secureConversation(SecureConversationToken(inclusion: .alwaysToRecipient, bootstrap: bootstrap))
        return PolicyAlternative(binding: symmetric(sct), wss11: allWss11.subtracting([.requireSignatureConfirmation]),
                                 trust10: trust10, signedParts: sign ? MessageParts() : nil,
                                 encryptedParts: encrypt ? MessageParts() : nil)
    }

    static let transportUsername = PolicyAlternative(
        binding: .transport(TransportBinding(requireClientCertificate: false,
                                             properties: BindingProperties(layout: .lax, onlySignEntireHeadersAndBody: false))),
        signedSupportingTokens: [.username(UsernameToken(inclusion: .alwaysToRecipient, profile: nil))])

    static let kerberos = PolicyAlternative(
        binding: symmetric(.kerberos(KerberosToken())),
        wss11: [.mustSupportRefKeyIdentifier, .mustSupportRefIssuerSerial, .mustSupportRefThumbprint, .requireSignatureConfirmation],
        trust10: trust10, signedParts: MessageParts())
}
