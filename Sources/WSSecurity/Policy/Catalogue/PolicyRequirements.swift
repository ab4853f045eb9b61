/// What a policy needs from the service's environment, read from its assertions: the same requirements the
/// catalogue states for its 16 scenarios, so a custom policy is checked and self-tested as a scenario is.
public enum PolicyRequirements {
    /// The requirements of `policy`'s enforced alternative.
    public static func requirements(of policy: SecurityPolicy) -> Set<Scenario.Requirement> {
        requirements(of: policy.alternative)
    }

    /// The requirements of one alternative (a SecureConversation token's bootstrap policy is one too).
    public static func requirements(of alternative: PolicyAlternative) -> Set<Scenario.Requirement> {
        var needs: Set<Scenario.Requirement> = []
        switch alternative.binding {
        case .transport(let binding):
            // A TransportBinding leaves protection to the transport: HTTPS (its HttpsToken), as WSO2's scenario 1.
            needs.insert(.https)
            if binding.requireClientCertificate { needs.insert(.trustedClients) }
        case .symmetric(let binding):
            // The protection token's key is the service's: an X.509 one is the service's key pair.
            needs.formUnion(requirements(of: binding.protectionToken, heldBy: .service))
        case .asymmetric(let binding):
            needs.formUnion(requirements(of: binding.initiatorToken, heldBy: .client))
            needs.formUnion(requirements(of: binding.recipientToken, heldBy: .service))
        }
        let supporting = alternative.signedSupportingTokens + alternative.otherSupportingTokens.flatMap(\.tokens)
        for token in supporting { needs.formUnion(requirements(of: token, heldBy: .client)) }
        return needs
    }

    private enum Holder { case client, service }

    private static func requirements(of token: Token, heldBy holder: Holder) -> Set<Scenario.Requirement> {
        switch token {
        case .x509: [holder == .service ? .serviceKeyPair : .trustedClients]
        case .username: [.userStore]
        case .kerberos: [.kerberos]
        case .secureConversation(let token): requirements(of: token.bootstrap).union([.secureConversation])
        }
    }
}
