/// What of WS-SecurityPolicy the engine enforces. A policy asking for more is refused on both sides with
/// `.notImplemented`, never half applied.
enum EngineCoverage {
    static func check(_ policy: SecurityPolicy) throws(SecurityFault) {
        let alternative = policy.alternative
        for group in alternative.otherSupportingTokens where !PolicyAlternative.usernameKinds.contains(group.kind) || !group.tokens.allSatisfy(\.isUsername) {
            if isImplementedEndorsement(group, alternative) { continue }
            if group.kind == .endorsing || group.kind == .signedEndorsing, group.tokens.count == 1, case .x509 = group.tokens[0],
               alternative.binding.common.encryptSignature, alternative.binding.common.protectionOrder == .encryptBeforeSigning {
                throw SecurityFault(.notImplemented, "An endorsing token with sp:EncryptBeforeSigning and sp:EncryptSignature is not implemented")
            }
            throw SecurityFault(.notImplemented, "sp:\(group.kind.rawValue) with these tokens is not implemented")
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
    }
}

/// One X.509 token endorsing: under the transport binding the Timestamp (with one), under a message binding the
/// primary Signature (encrypted with it under sp:EncryptSignature, but not when that also encrypts first).
private func isImplementedEndorsement(_ group: SupportingTokens, _ alternative: PolicyAlternative) -> Bool {
    guard group.kind == .endorsing || group.kind == .signedEndorsing, group.tokens.count == 1, case .x509 = group.tokens[0],
          alternative.otherSupportingTokens.filter({ $0.kind == .endorsing || $0.kind == .signedEndorsing }).count == 1 else { return false }
    if case .transport = alternative.binding { return group.kind == .endorsing && alternative.binding.common.includeTimestamp }
    return !(alternative.binding.common.encryptSignature && alternative.binding.common.protectionOrder == .encryptBeforeSigning)
}

extension Token {
    var isUsername: Bool {
        if case .username = self { return true }
        return false
    }

    /// `sp:HashPassword` of a UsernameToken.
    var hashPassword: Bool {
        if case .username(let token) = self { return token.hashPassword }
        return false
    }
}
