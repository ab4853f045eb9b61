/// Where the engine and the console find users, passwords and roles: the embedded file store or an LDAP
/// directory. The engine knows only this protocol, so many services on many nodes can share one directory.
///
/// Calls may block (LDAP): run them off any interactive loop.
public protocol UserStore: Sendable {
    /// Checks a UsernameToken's credentials; `.rejected` says why. Throws when the store cannot be asked.
    func authenticate(_ credentials: UsernameTokenCredentials) throws(UserStoresError) -> AuthenticationResult
    /// The roles of `user`; throws ``UserStoresError/Code/unknownUser`` for a name the store does not know.
    func roles(of user: String) throws(UserStoresError) -> [String]
    /// User names containing `text` (all when empty), at most `limit`.
    func users(matching text: String, limit: Int) throws(UserStoresError) -> Listing
    /// Role names containing `text` (all when empty), at most `limit`.
    func roleNames(matching text: String, limit: Int) throws(UserStoresError) -> Listing
    /// The users who hold `role`.
    func members(of role: String) throws(UserStoresError) -> [String]
}

/// Names found by a search; `truncated` when there were more than the limit.
public struct Listing: Sendable, Hashable, Codable {
    /// The names, in the store's order.
    public var names: [String]
    /// True when the store had more matches than were asked for.
    public var truncated: Bool

    /// A listing of `names`.
    public init(names: [String], truncated: Bool) {
        self.names = names
        self.truncated = truncated
    }
}
