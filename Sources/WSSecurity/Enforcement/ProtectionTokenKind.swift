/// What carries the symmetric binding's session key. Each message must be keyed by the kind its policy names, so that
/// one token cannot stand in for another (an EncryptedKey for a SecurityContextToken or a Kerberos ticket).
enum ProtectionTokenKind: Equatable {
    case encryptedKey, securityContextToken, kerberos

    var label: String {
        switch self {
        case .encryptedKey: "an X.509 EncryptedKey"
        case .securityContextToken: "a SecurityContextToken"
        case .kerberos: "a Kerberos token"
        }
    }

    init(_ source: SessionKey.Source) {
        switch source {
        case .encryptedKey: self = .encryptedKey
        case .securityContextToken: self = .securityContextToken
        case .kerberos: self = .kerberos
        }
    }
}

extension SecurityPolicy {
    /// True when the symmetric binding's protection token is a Kerberos token (scenario 16).
    public var protectsWithKerberos: Bool { protection == .kerberos }

    /// The kind of the symmetric binding's protection token; nil for the other bindings.
    var protection: ProtectionTokenKind? {
        guard case .symmetric(let binding) = alternative.binding else { return nil }
        switch binding.protectionToken {
        case .secureConversation: return .securityContextToken
        case .kerberos: return .kerberos
        default: return .encryptedKey
        }
    }
}

extension Inbound {
    /// Before the conformance checks: every session key of the message comes from the policy's kind of protection
    /// token, and a request under a SecurityContextToken or Kerberos policy carries its token.
    func checkProtectionToken(_ state: InboundState) throws(SecurityFault) {
        guard let wanted = policy.protection else { return }
        for key in state.sessionKeys.values where ProtectionTokenKind(key.source) != wanted {
            throw SecurityFault(.invalidSecurity, "The message is keyed by \(ProtectionTokenKind(key.source).label); the policy's protection token is \(wanted.label)")
        }
        if wanted != .encryptedKey && context.direction == .request && state.sessionKeys.isEmpty {
            throw SecurityFault(.invalidSecurity, "The policy requires \(wanted.label) and the message carries none")
        }
    }
}
