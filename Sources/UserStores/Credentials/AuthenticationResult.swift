/// The outcome of checking a user name and password.
public enum AuthenticationResult: Sendable, Hashable {
    /// The password is right; the user's name as the store spells it and the user's roles are attached.
    case authenticated(user: String, roles: [String])
    /// The credentials were refused, with the reason for logs (never tell the client which one).
    case rejected(AuthenticationFailure)

    /// True for ``authenticated(user:roles:)``.
    public var isAuthenticated: Bool {
        if case .authenticated = self { return true }
        return false
    }
}

/// Why credentials were refused; for audit logs and the operator, not for the peer.
public enum AuthenticationFailure: String, Sendable, Hashable, CaseIterable {
    /// No user has this name.
    case unknownUser
    /// The user exists but the password does not match.
    case wrongPassword
    /// The password is empty (an LDAP server would take it as an anonymous bind and accept it).
    case emptyPassword
    /// PasswordDigest for a user who is not enabled for it (the embedded store keeps no clear password by default).
    case digestNotEnabled
    /// The user is marked for PasswordDigest but the separately kept secret is missing.
    case digestSecretMissing
    /// The store cannot check digests at all (LDAP keeps only password hashes).
    case digestUnsupported

    /// One sentence for the operator. How names are compared depends on the store: see ``storeExplanation(ldap:)``.
    public var explanation: String {
        switch self {
        case .unknownUser: "no user has this name"
        case .wrongPassword: "the password is wrong"
        case .emptyPassword: "the password is empty"
        case .digestNotEnabled:
            "the token uses PasswordDigest, and this user is not enabled for it (enable with: wssconsole users set-password NAME --allow-digest)"
        case .digestSecretMissing:
            "the user is enabled for PasswordDigest but the digest secrets file has no entry for it (set the password again)"
        case .digestUnsupported:
            "the token uses PasswordDigest, which needs the clear password; an LDAP directory keeps only hashes: send PasswordText (over HTTPS or encrypted)"
        }
    }

    /// ``explanation``, saying for an unknown name how the store that answered compares names: the embedded store
    /// exactly, a directory with its search filter (usually ignoring case, and taking '*' literally).
    public func storeExplanation(ldap: Bool) -> String {
        guard self == .unknownUser else { return explanation }
        return ldap
            ? "the directory has no user of this name (its user search filter matches names, usually ignoring case; '*' and other filter characters are taken literally)"
            : "no user has this name (the embedded store compares names exactly, case included)"
    }
}
