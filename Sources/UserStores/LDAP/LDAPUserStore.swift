import Foundation
import KeyMaterial

/// Users and roles in an LDAP directory, found the way WSO2's ReadOnlyLDAPUserStoreManager finds them: the
/// console binds as `connection_name`, searches the user with `user_name_search_filter`, checks the password
/// with a bind as the user's DN, and reads roles from the groups whose `membership_attribute` holds that DN.
///
/// Read-only: users and groups are managed with the directory's own tools. Every call opens its own
/// connection (a console needs no pool) and blocks for at most the profile's timeouts per step.
public struct LDAPUserStore: UserStore {
    /// Where the directory is and how to search it.
    public let profile: LDAPProfile
    private let bindPassword: Secret?

    /// A store reached through `profile`, binding with `bindPassword` when it names a bind DN.
    public init(profile: LDAPProfile, bindPassword: Secret?) {
        self.profile = profile
        self.bindPassword = bindPassword
    }

    /// A connection bound as the profile's DN (or anonymously).
    private func serviceConnection() throws(UserStoresError) -> LDAPConnection {
        if let problem = profile.problems.first { throw .invalidProfile(problem) }
        let connection = try open()
        try connection.bind(dn: profile.bindDN, password: bindPassword)
        return connection
    }

    private func open() throws(UserStoresError) -> LDAPConnection {
        try LDAPConnection.open(LDAPEndpoint(parsing: profile.url), security: profile.security,
                                tls: .init(caCertificateFile: profile.caCertificateFile),
                                connectTimeout: profile.connectTimeout, readTimeout: profile.readTimeout)
    }

    /// The entry of `user`, or nil; more than one match is an error (the filter is too loose).
    public func findUser(_ user: String) throws(UserStoresError) -> LDAPEntry? {
        try findUser(user, on: serviceConnection())
    }

    private func findUser(_ user: String, on connection: LDAPConnection) throws(UserStoresError) -> LDAPEntry? {
        let filter = LDAPFilter.substitute(user, into: profile.userSearchFilter)
        let found = try connection.search(base: profile.userSearchBase, filter: filter, attributes: [profile.userNameAttribute], sizeLimit: 2)
        guard found.entries.count <= 1 else {
            throw .searchFailed("\(filter) matches several entries under \(profile.userSearchBase): \(found.entries.map(\.dn).joined(separator: "; "))")
        }
        return found.entries.first
    }

    /// PasswordText: a bind as the user's DN on a second connection. PasswordDigest cannot be checked: the
    /// directory holds password hashes, and a digest needs the clear password.
    public func authenticate(_ credentials: UsernameTokenCredentials) throws(UserStoresError) -> AuthenticationResult {
        guard case .text(let password) = credentials.password else { return .rejected(.digestUnsupported) }
        guard !password.isEmpty else { return .rejected(.emptyPassword) }
        let service = try serviceConnection()
        guard let entry = try findUser(credentials.user, on: service) else { return .rejected(.unknownUser) }
        let userConnection = try open()
        do {
            try userConnection.bind(dn: entry.dn, password: password)
        } catch where error.code == .bindFailed {
            return .rejected(.wrongPassword)
        }
        let name = entry.first(profile.userNameAttribute) ?? credentials.user
        return .authenticated(user: name, roles: try roleListing(ofDN: entry.dn, on: service).names)
    }

    public func roles(of user: String) throws(UserStoresError) -> [String] {
        try roleListing(of: user).names
    }

    /// Read again, since the first answer does not say; nil too when the directory cannot be asked now.
    public func rolesCut(of user: String) -> ServerLimit? {
        (try? roleListing(of: user))?.serverLimit
    }

    /// `user`'s roles with whether the directory cut them short (`serverLimit`): a user in more groups than a server
    /// that still stops paged searches returns lost the rest, and a role check then names a role the user may hold.
    public func roleListing(of user: String) throws(UserStoresError) -> Listing {
        let service = try serviceConnection()
        guard let entry = try findUser(user, on: service) else { throw .unknownUser(user) }
        return try roleListing(ofDN: entry.dn, on: service)
    }

    private func roleListing(ofDN dn: String, on connection: LDAPConnection) throws(UserStoresError) -> Listing {
        guard profile.readGroups else { return Listing(names: [], truncated: false) }
        let filter = "(&\(profile.groupListFilter)(\(profile.membershipAttribute)=\(LDAPFilter.escape(dn))))"
        // In pages: a plain search stops at the server's size limit (500 on OpenLDAP), and a user in more groups lost
        // the rest without a word, an allowed role among them.
        let found = try connection.list(base: profile.groupSearchBase, filter: filter, attributes: [profile.groupNameAttribute],
                                        limit: Self.mostRolesOfAUser)
        return listing(found, attribute: profile.groupNameAttribute, by: <)
    }

    /// The most groups read for one user's roles.
    static let mostRolesOfAUser = 10_000

    public func users(matching text: String, limit: Int) throws(UserStoresError) -> Listing {
        try list(base: profile.userSearchBase, filter: profile.userListFilter, attribute: profile.userNameAttribute, text: text, limit: limit)
    }

    public func roleNames(matching text: String, limit: Int) throws(UserStoresError) -> Listing {
        guard profile.readGroups else { return Listing(names: [], truncated: false) }
        return try list(base: profile.groupSearchBase, filter: profile.groupListFilter, attribute: profile.groupNameAttribute, text: text, limit: limit)
    }

    private func list(base: String, filter: String, attribute: String, text: String, limit: Int) throws(UserStoresError) -> Listing {
        let connection = try serviceConnection()
        let found = try connection.list(base: base, filter: LDAPFilter.containing(text, attribute: attribute, within: filter),
                                        attributes: [attribute], limit: limit)
        return listing(found, attribute: attribute) { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    /// The names under `attribute` in `found`, in `order`, with the server's limit and its fix when one ended the search.
    private func listing(_ found: LDAPSearchResult, attribute: String, by order: (String, String) -> Bool) -> Listing {
        let serverLimit = found.serverStop.map { SizeLimitAdvice.limit($0, entries: found.entries.count, bindDN: profile.bindDN) }
        return Listing(names: found.entries.compactMap { $0.first(attribute) }.sorted(by: order), truncated: found.truncated,
                       serverLimit: serverLimit)
    }

    /// The name of the group that the group search filter finds for `role`, as the directory spells it (directories
    /// usually match names ignoring case), or nil when there is none.
    public func roleName(_ role: String) throws(UserStoresError) -> String? {
        try group(role, attribute: profile.groupNameAttribute)?.first(profile.groupNameAttribute)
    }

    /// The group `role` names, with `attribute`, or nil.
    private func group(_ role: String, attribute: String) throws(UserStoresError) -> LDAPEntry? {
        let filter = LDAPFilter.substitute(role, into: profile.groupSearchFilter)
        return try serviceConnection().search(base: profile.groupSearchBase, filter: filter, attributes: [attribute], sizeLimit: 2).entries.first
    }

    /// Members of the group named `role`, by their user names (a member DN outside the user base shows as the DN).
    public func members(of role: String) throws(UserStoresError) -> [String] {
        guard let group = try group(role, attribute: profile.membershipAttribute) else { throw .unknownRole(role) }
        var names: [String] = []
        for dn in group.attributes[profile.membershipAttribute.lowercased()] ?? [] {
            names.append(Self.rdnValue(dn, attribute: profile.userNameAttribute) ?? dn)
        }
        return names
    }

    /// `alice` from `uid=alice,ou=People,...` when the first RDN is the user name attribute.
    static func rdnValue(_ dn: String, attribute: String) -> String? {
        guard let first = dn.split(separator: ",").first, let eq = first.firstIndex(of: "=") else { return nil }
        guard first[..<eq].trimmingCharacters(in: .whitespaces).lowercased() == attribute.lowercased() else { return nil }
        return String(first[first.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
    }
}
