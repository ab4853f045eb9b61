import KeyMaterial
import UserStores

/// A change to the user store settings: nil fields keep what the file says. Planned by
/// `Home.planUserStoreProfile(_:)` into a ``Change`` that edits single lines and keeps every other byte.
public struct UserStoreProfileEdit: Sendable {
    /// Where the bind password is to come from.
    public enum Password: Sendable {
        /// Written in clear as `connection_password` (WSO2's own convention; the file must stay private).
        case inline(Secret)
        /// `connection_password = "$env{NAME}"`, resolved by MI at start-up and by wssconsole from its environment.
        case environment(String)
        /// `connection_password_file` (native homes only: MI does not read it).
        case file(String)
        /// No password: removes the keys (anonymous binds, or the password managed elsewhere).
        case none

        /// The password this source gives now; nil for none. An unset variable or unreadable file is an error.
        func resolve(homeRoot: String) throws(HomeError) -> Secret? {
            switch self {
            case .inline(let secret): return secret
            case .environment(let name): return try ConsoleSettings.PasswordSource.environment(name).resolve(homeRoot: homeRoot).get()
            case .file(let path): return try ConsoleSettings.PasswordSource.file(path).resolve(homeRoot: homeRoot).get()
            case .none: return nil
            }
        }
    }

    /// `type`: "embedded" or a WSO2 LDAP type ("read_only_ldap").
    public var type: String?
    public var url: String?
    public var startTLS: Bool?
    /// The bind DN; an empty string means anonymous (`anonymous_bind = true`).
    public var bindDN: String?
    public var password: Password?
    public var userSearchBase: String?
    public var userNameAttribute: String?
    public var userSearchFilter: String?
    public var userListFilter: String?
    public var readGroups: Bool?
    public var groupSearchBase: String?
    public var groupNameAttribute: String?
    public var groupSearchFilter: String?
    public var groupListFilter: String?
    public var membershipAttribute: String?
    /// Milliseconds, as WSO2 writes them.
    public var connectTimeoutMilliseconds: Int?
    public var readTimeoutMilliseconds: Int?
    /// PEM file of trusted CAs, relative to the home root or absolute; empty removes it.
    public var caCertificateFile: String?

    /// An edit that changes nothing yet.
    public init() {}

    /// Applies the edit to `profile` (for testing a profile before it is saved).
    public func applied(to profile: LDAPProfile?) -> LDAPProfile {
        var result = profile ?? LDAPProfile(url: url ?? "")
        if let url { result.url = url }
        if let startTLS { result.startTLS = startTLS }
        if let bindDN { result.bindDN = bindDN.isEmpty ? nil : bindDN }
        if let userSearchBase { result.userSearchBase = userSearchBase }
        if let userNameAttribute { result.userNameAttribute = userNameAttribute }
        if let userSearchFilter { result.userSearchFilter = userSearchFilter }
        if let userListFilter { result.userListFilter = userListFilter }
        if let readGroups { result.readGroups = readGroups }
        if let groupSearchBase { result.groupSearchBase = groupSearchBase }
        if let groupNameAttribute { result.groupNameAttribute = groupNameAttribute }
        if let groupSearchFilter { result.groupSearchFilter = groupSearchFilter }
        if let groupListFilter { result.groupListFilter = groupListFilter }
        if let membershipAttribute { result.membershipAttribute = membershipAttribute }
        if let connectTimeoutMilliseconds { result.connectTimeout = .milliseconds(connectTimeoutMilliseconds) }
        if let readTimeoutMilliseconds { result.readTimeout = .milliseconds(readTimeoutMilliseconds) }
        if let caCertificateFile { result.caCertificateFile = caCertificateFile.isEmpty ? nil : caCertificateFile }
        return result
    }

    /// The WSO2-keyed values this edit writes, in file order (the password is handled apart).
    var settings: [(key: String, value: TOMLValue)] {
        let k = LDAPSettings.keys
        var out: [(String, TOMLValue)] = []
        if let type { out.append(("type", .string(type))) }
        if let url { out.append((k.url, .string(url))) }
        if let bindDN {
            if !bindDN.isEmpty { out.append((k.bindDN, .string(bindDN))) }
            out.append((k.anonymous, .bool(bindDN.isEmpty)))
        }
        let strings: [(String, String?)] = [
            (k.userBase, userSearchBase), (k.userAttribute, userNameAttribute), (k.userFilter, userSearchFilter),
            (k.userList, userListFilter), (k.groupBase, groupSearchBase), (k.groupAttribute, groupNameAttribute),
            (k.groupFilter, groupSearchFilter), (k.groupList, groupListFilter), (k.member, membershipAttribute),
        ]
        for case let (key, value?) in strings { out.append((key, .string(value))) }
        if let readGroups { out.append((k.readGroups, .bool(readGroups))) }
        if let connectTimeoutMilliseconds { out.append((k.connectTimeout, .integer(connectTimeoutMilliseconds))) }
        if let readTimeoutMilliseconds { out.append((k.readTimeout, .integer(readTimeoutMilliseconds))) }
        return out
    }

    /// wssconsole's own keys (WSO2 has none for them).
    var ownSettings: [(key: String, value: TOMLValue?)] {
        var out: [(String, TOMLValue?)] = []
        if let startTLS { out.append((LDAPSettings.keys.startTLS, .bool(startTLS))) }
        if let caCertificateFile { out.append((LDAPSettings.keys.caFile, caCertificateFile.isEmpty ? nil : .string(caCertificateFile))) }
        return out
    }
}
