extension TokenInclusion {
    /// Whether a token with this inclusion goes into a message of `direction` (request: initiator to recipient).
    func included(in direction: MessageDirection) -> Bool {
        switch self {
        case .never: false
        case .always, .once: true
        case .alwaysToRecipient: direction == .request
        case .alwaysToInitiator: direction == .response
        }
    }
}

extension Token {
    /// The reference forms an X509 token asks for (none for other tokens).
    var x509References: Set<X509Reference> {
        if case .x509(let token) = self { return token.references }
        return []
    }

    /// The inclusion of any token.
    var inclusion: TokenInclusion {
        switch self {
        case .x509(let t): t.inclusion
        case .username(let t): t.inclusion
        case .secureConversation(let t): t.inclusion
        case .kerberos(let t): t.inclusion
        }
    }
}

extension PolicyAlternative {
    /// True when the policy asks for a UsernameToken as a (signed) supporting token.
    var requiresUsernameToken: Bool {
        !usernameTokens.isEmpty
    }

    /// The UsernameToken assertions: plain, signed, encrypted or signed and encrypted supporting tokens.
    var usernameTokens: [Token] {
        (signedSupportingTokens + otherSupportingTokens.filter { Self.usernameKinds.contains($0.kind) }.flatMap(\.tokens)).filter(\.isUsername)
    }

    /// The supporting token assertions a UsernameToken may come under (the endorsing ones need a key, which it has not).
    static let usernameKinds: Set<SupportingTokens.Kind> = [.supporting, .encrypted, .signedEncrypted]

    /// True when the UsernameToken is signed under the message binding (SignedSupportingTokens or
    /// SignedEncryptedSupportingTokens).
    var signsUsernameToken: Bool {
        signedSupportingTokens.contains(where: \.isUsername) || usernameTokens(of: .signedEncrypted)
    }

    /// True when the UsernameToken travels encrypted (EncryptedSupportingTokens or SignedEncryptedSupportingTokens).
    var encryptsUsernameToken: Bool {
        usernameTokens(of: .encrypted) || usernameTokens(of: .signedEncrypted)
    }

    /// True when a message binding sends a UsernameToken's password as text, neither hashed nor encrypted (as
    /// WSO2's scenarios 7, 8, 14 and 15 do): only HTTPS keeps it off the wire. A bootstrap policy's counts too.
    public var sendsPasswordInClear: Bool {
        if case .symmetric(let b) = binding, case .secureConversation(let token) = b.protectionToken, token.bootstrap.sendsPasswordInClear {
            return true
        }
        if case .transport = binding { return false }
        return !encryptsUsernameToken && (signedSupportingTokens + otherSupportingTokens.flatMap(\.tokens)).contains { token in
            guard case .username(let t) = token else { return false }
            return !t.hashPassword && !t.unsupported.contains("NoPassword")
        }
    }

    /// The X.509 token of sp:EndorsingSupportingTokens or sp:SignedEndorsingSupportingTokens (`signed`): the client
    /// signs with its key the Timestamp (transport binding, WCF's CertificateOverTransport) or the message's own
    /// Signature (message bindings, WCF's MutualCertificate); signed, its token is also signed by that Signature.
    var endorsingToken: (token: X509Token, signed: Bool)? {
        for group in otherSupportingTokens where group.kind == .endorsing || group.kind == .signedEndorsing {
            for case .x509(let token) in group.tokens { return (token, group.kind == .signedEndorsing) }
        }
        return nil
    }

    private func usernameTokens(of kind: SupportingTokens.Kind) -> Bool {
        otherSupportingTokens.contains { $0.kind == kind && $0.tokens.contains(where: \.isUsername) }
    }

    /// True when either Wss11 block asks responses to confirm the request's signatures.
    var requiresSignatureConfirmation: Bool {
        wss11?.contains(.requireSignatureConfirmation) ?? false
    }
}
