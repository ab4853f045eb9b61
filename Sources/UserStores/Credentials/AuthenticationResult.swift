/// The outcome of checking a user name and password.
public enum AuthenticationResult: Sendable, Hashable {
    /// The password is right; the user's roles are attached.
    case authenticated(user: String, roles: [String])
    /// The credentials were refused, with the reason for logs (never tell the client which one).
    case rejected(AuthenticationFailure)

    /// True for ``authenticated(user:roles:)``.
    public var isAuthenticated: Bool {
        if case .authenticated = self { return true }
        return false
    }
}

/// Why credentials were refused; for audit logs, not for the peer.
public enum AuthenticationFailure: String, Sendable, Hashable {
    /// No user has this name.
    case unknownUser
    /// The user exists but the password does not match.
    case wrongPassword
}
