import KeyMaterial

/// What a WS-Security UsernameToken carries: a user name and either the password or a digest of it.
public struct UsernameTokenCredentials: Sendable {
    /// The two password types of the UsernameToken Profile 1.1.
    public enum Password: Sendable {
        /// `#PasswordText`: the password itself (scenario 1 sends it over HTTPS; 7, 8, 14, 15 encrypt it).
        case text(Secret)
        /// `#PasswordDigest`: Base64(SHA-1(nonce + created + password)); checking it needs the clear password.
        case digest(PasswordDigest)
    }

    /// The name as the client sent it.
    public let user: String
    /// The password or its digest.
    public let password: Password

    /// Credentials with a clear-text password.
    public static func text(_ user: String, _ password: Secret) -> Self {
        Self(user: user, password: .text(password))
    }

    /// Credentials with a password digest.
    public static func digest(_ user: String, _ digest: PasswordDigest) -> Self {
        Self(user: user, password: .digest(digest))
    }
}
