import KeyMaterial

extension EmbeddedUserStore: UserStore {
    /// Checks a UsernameToken: PasswordText against the PBKDF2 hash; PasswordDigest against the secret kept for
    /// users enabled for it, and refused with a reason for everybody else.
    public func authenticate(_ credentials: UsernameTokenCredentials) throws(UserStoresError) -> AuthenticationResult {
        switch credentials.password {
        case .text(let password):
            guard !password.isEmpty else { return .rejected(.emptyPassword) }
            return authenticate(user: credentials.user, password: password)
        case .digest(let digest):
            guard let index = userIndex(credentials.user) else { return .rejected(.unknownUser) }
            let record = userRecords[index]
            guard record.allowsDigest else { return .rejected(.digestNotEnabled) }
            guard let secret = digestSecrets[record.name] else { return .rejected(.digestSecretMissing) }
            guard digest.matches(secret) else { return .rejected(.wrongPassword) }
            return .authenticated(user: record.name, roles: record.roles)
        }
    }

    public func users(matching text: String, limit: Int) throws(UserStoresError) -> Listing {
        Self.listing(users.filter { text.isEmpty || $0.localizedCaseInsensitiveContains(text) }, limit: limit)
    }

    public func roleNames(matching text: String, limit: Int) throws(UserStoresError) -> Listing {
        Self.listing(roles.filter { text.isEmpty || $0.localizedCaseInsensitiveContains(text) }, limit: limit)
    }

    private static func listing(_ names: [String], limit: Int) -> Listing {
        Listing(names: Array(names.prefix(max(limit, 0))), truncated: names.count > limit)
    }
}
