/// What of WS-SecurityPolicy the engine enforces. A policy asking for more is refused on both sides with
/// `.notImplemented`, never half applied.
enum EngineCoverage {
    static func check(_ policy: SecurityPolicy) throws(SecurityFault) {
        let alternative = policy.alternative
        for group in alternative.otherSupportingTokens where !PolicyAlternative.usernameKinds.contains(group.kind) || !group.tokens.allSatisfy(\.isUsername) {
            guard isSingleX509Endorsement(group, alternative) else {
                throw SecurityFault(.notImplemented, "sp:\(group.kind.rawValue) with these tokens is not implemented")
            }
            if let gap = endorsementGap(group, alternative) { throw SecurityFault(.notImplemented, gap) }
        }
        if alternative.encryptsUsernameToken, alternative.binding.common.protectionOrder == .encryptBeforeSigning {
            throw SecurityFault(.notImplemented, "An encrypted UsernameToken with sp:EncryptBeforeSigning is not implemented")
        }
        let elements = alternative.elements
        let encryptsMore = !(alternative.encryptedParts?.headers.isEmpty ?? true) || !elements.encrypted.isEmpty || !elements.contentEncrypted.isEmpty
        if encryptsMore, alternative.binding.common.protectionOrder == .encryptBeforeSigning {
            throw SecurityFault(.notImplemented, "Encrypting headers or elements (sp:EncryptedParts, sp:EncryptedElements) with sp:EncryptBeforeSigning is not implemented")
        }
        if alternative.signedSupportingTokens.contains(where: { !$0.isUsername }) {
            throw SecurityFault(.notImplemented, "Signed supporting tokens other than a UsernameToken are not implemented")
        }
        for token in alternative.tokens {
            if let name = token.unsupported.first {
                throw SecurityFault(.notImplemented, "sp:\(name) in the policy's sp:\(token.assertionName) is not implemented"
                                    + (name == "NoPassword" ? " (the engine sends and demands a password)" : ""))
            }
        }
    }
}

extension PolicyAlternative {
    /// Every token the alternative names: the binding's, the supporting ones, and those of a SecureConversation
    /// token's bootstrap policy.
    var tokens: [Token] {
        var result: [Token]
        switch binding {
        case .transport: result = []
        case .symmetric(let b): result = [b.protectionToken]
        case .asymmetric(let b): result = [b.initiatorToken, b.recipientToken]
        }
        result += signedSupportingTokens + otherSupportingTokens.flatMap(\.tokens)
        for case .secureConversation(let token) in result { result += token.bootstrap.tokens }
        return result
    }
}

/// One X.509 token under the policy's only (signed) endorsing assertion.
private func isSingleX509Endorsement(_ group: SupportingTokens, _ alternative: PolicyAlternative) -> Bool {
    guard group.kind == .endorsing || group.kind == .signedEndorsing, group.tokens.count == 1, case .x509 = group.tokens[0] else { return false }
    return alternative.otherSupportingTokens.filter { $0.kind == .endorsing || $0.kind == .signedEndorsing }.count == 1
}

/// What of such an endorsement the engine lacks, or nil. Under the transport binding it signs the Timestamp (the
/// policy must include one; the signed kind has no Signature to sign its token); under a message binding it signs
/// the binding's Signature, encrypted with it under sp:EncryptSignature, but not when that also encrypts first.
private func endorsementGap(_ group: SupportingTokens, _ alternative: PolicyAlternative) -> String? {
    let common = alternative.binding.common
    if case .transport = alternative.binding {
        return group.kind == .endorsing && common.includeTimestamp ? nil : "sp:\(group.kind.rawValue) with these tokens is not implemented"
    }
    guard common.encryptSignature, common.protectionOrder == .encryptBeforeSigning else { return nil }
    return "An endorsing token with sp:EncryptBeforeSigning and sp:EncryptSignature is not implemented"
}

extension Token {
    var isUsername: Bool {
        if case .username = self { return true }
        return false
    }

    /// The nested assertions the engine does not implement.
    var unsupported: [String] {
        switch self {
        case .x509(let t): t.unsupported
        case .username(let t): t.unsupported
        case .secureConversation(let t): t.unsupported
        case .kerberos(let t): t.unsupported
        }
    }

    /// The token's assertion name.
    var assertionName: String {
        switch self {
        case .x509: "X509Token"
        case .username: "UsernameToken"
        case .secureConversation: "SecureConversationToken"
        case .kerberos: "KerberosToken"
        }
    }

    /// `sp:HashPassword` of a UsernameToken.
    var hashPassword: Bool {
        if case .username(let token) = self { return token.hashPassword }
        return false
    }
}
