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
    /// The store's limit that cut `user`'s roles short (a directory's size limit), nil when none did or it cannot say.
    /// Asked after a role check refused the user, whose allowed role may be among those not read.
    func rolesCut(of user: String) -> ServerLimit?
}

extension UserStore {
    /// A store that reads every role of a user (the embedded file) cuts none.
    public func rolesCut(of user: String) -> ServerLimit? { nil }
}

/// Names found by a search; `truncated` when there were more than the limit.
public struct Listing: Sendable, Hashable, Codable {
    /// The names, in the store's order.
    public var names: [String]
    /// True when the store had more matches than were asked for, or stopped before them (`serverLimit`).
    public var truncated: Bool
    /// Set when the store's own limit ended the listing before the limit asked for (an LDAP server's size limit).
    public var serverLimit: ServerLimit?

    /// A listing of `names`.
    public init(names: [String], truncated: Bool, serverLimit: ServerLimit? = nil) {
        self.names = names
        self.truncated = truncated
        self.serverLimit = serverLimit
    }
}

/// Why a server ended a listing before the limit asked for, and how to lift its limit.
public struct ServerLimit: Sendable, Hashable, Codable {
    /// What stopped the listing, and where.
    public var reason: String
    /// What to change on the server.
    public var fix: String

    /// A limit with its reason and fix.
    public init(reason: String, fix: String) {
        self.reason = reason
        self.fix = fix
    }

    /// What a role refusal adds when this limit cut the user's roles short: the allowed role may be among the rest.
    public var rolesNote: String { "but " + rolesCut }

    /// This limit as it cut a user's roles short: `users show` says so beside them.
    public var rolesCut: String { "\(reason), so the roles may be more than these" }
}
