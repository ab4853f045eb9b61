/// What of WS-SecurityPolicy the engine enforces. A policy asking for more is refused on both sides with
/// `.notImplemented`, never half applied.
enum EngineCoverage {
    static func check(_ policy: SecurityPolicy) throws(SecurityFault) {
        for group in policy.alternative.otherSupportingTokens where group.kind != .supporting || !group.tokens.allSatisfy(\.isUsername) {
            throw SecurityFault(.notImplemented, "sp:\(group.kind.rawValue) with these tokens is not implemented")
        }
        if policy.alternative.signedSupportingTokens.contains(where: { !$0.isUsername }) {
            throw SecurityFault(.notImplemented, "Signed supporting tokens other than a UsernameToken are not implemented")
        }
    }
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
