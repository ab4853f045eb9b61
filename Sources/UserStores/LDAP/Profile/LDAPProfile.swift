/// How to reach an LDAP directory and find users and groups in it: WSO2's `[user_store]` settings as a value.
///
/// The bind password is not part of the profile: it is a `Secret`, handed to the operations that bind, so a
/// profile can be printed, compared and encoded without leaking it. Defaults are WSO2's (`uid`, `cn`, `member`,
/// `person`/`groupOfNames` filters, 5 s connection timeout).
public struct LDAPProfile: Sendable, Hashable, Codable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Hashable, Codable, CaseIterable {
        /// ldap:// in clear: bind passwords travel readable.
        case none
        /// ldaps://: TLS from the first byte (port 636 by default).
        case ldaps
        /// ldap:// upgraded with the StartTLS operation before the bind.
        case startTLS = "starttls"
    }

    /// `connection_url`: one ldap:// or ldaps:// URL.
    public var url: String
    /// Upgrade an ldap:// connection with StartTLS (wssconsole's own setting: WSO2 has no key for it).
    public var startTLS: Bool
    /// `connection_name`: the DN the console and the runtime bind as; nil binds anonymously.
    public var bindDN: String?
    /// `user_search_base`.
    public var userSearchBase: String
    /// `user_name_attribute`: the attribute holding the login name.
    public var userNameAttribute: String
    /// `user_name_search_filter`: `?` stands for the (escaped) user name.
    public var userSearchFilter: String
    /// `user_name_list_filter`: all users, for browsing.
    public var userListFilter: String
    /// `read_groups`: whether roles come from the directory's groups.
    public var readGroups: Bool
    /// `group_search_base`.
    public var groupSearchBase: String
    /// `group_name_attribute`: the attribute holding the role name.
    public var groupNameAttribute: String
    /// `group_name_search_filter`: `?` stands for the (escaped) group name.
    public var groupSearchFilter: String
    /// `group_name_list_filter`: all groups, for browsing.
    public var groupListFilter: String
    /// `membership_attribute`: the group attribute that lists member DNs.
    public var membershipAttribute: String
    /// `ldap_connection_timeout`: name resolution, TCP connect and TLS handshake, each.
    public var connectTimeout: Duration
    /// `read_timeout`: each LDAP operation (bind, search).
    public var readTimeout: Duration
    /// PEM file of the CA certificates trusted for TLS (wssconsole's own setting; WSO2 uses its truststore).
    /// nil trusts the system's CAs.
    public var caCertificateFile: String?

    /// The search base Micro Integrator uses for `user_search_base` and `group_search_base` when they are not set
    /// (its config tool's defaults for a `read_only_ldap` store).
    public static let wso2DefaultSearchBase = "ou=system"

    /// A profile with WSO2's defaults for everything but the URL (and the bases when they are not given).
    public init(url: String, bindDN: String? = nil, userSearchBase: String = wso2DefaultSearchBase,
                groupSearchBase: String = wso2DefaultSearchBase) {
        self.url = url
        self.startTLS = false
        self.bindDN = bindDN
        self.userSearchBase = userSearchBase
        self.userNameAttribute = "uid"
        self.userSearchFilter = "(&(objectClass=person)(uid=?))"
        self.userListFilter = "(objectClass=person)"
        self.readGroups = true
        self.groupSearchBase = groupSearchBase
        self.groupNameAttribute = "cn"
        self.groupSearchFilter = "(&(objectClass=groupOfNames)(cn=?))"
        self.groupListFilter = "(objectClass=groupOfNames)"
        self.membershipAttribute = "member"
        self.connectTimeout = .milliseconds(5_000)
        self.readTimeout = .milliseconds(5_000)
        self.caCertificateFile = nil
    }

    /// What a connection without TLS (``Security/none``) exposes, in the one wording validation
    /// (`userstore.ldap.cleartext`), `userstore test` and `userstore set` use: "The LDAP connection is ...".
    public static let cleartextRisk = "not encrypted (ldap:// without StartTLS): the bind password and every user's password cross the network readable"

    /// The protection the URL and ``startTLS`` ask for.
    public var security: Security {
        if url.lowercased().hasPrefix("ldaps://") { return .ldaps }
        return startTLS ? .startTLS : .none
    }

    /// Problems that make the profile unusable, in words; empty when it can be tried.
    public var problems: [String] {
        var found: [String] = []
        if let problem = LDAPEndpoint.problem(parsing: url) { found.append(problem) }
        if startTLS && security == .ldaps { found.append("StartTLS is for ldap:// URLs; an ldaps:// URL is already TLS") }
        if userSearchBase.isEmpty { found.append("the user search base (user_search_base) is empty") }
        if !userSearchFilter.contains("?") { found.append("the user search filter \(userSearchFilter) has no ? for the user name") }
        if readGroups && groupSearchBase.isEmpty { found.append("the group search base (group_search_base) is empty") }
        for (name, filter) in [("user_name_search_filter", userSearchFilter), ("user_name_list_filter", userListFilter),
                               ("group_name_search_filter", groupSearchFilter), ("group_name_list_filter", groupListFilter)]
        where !LDAPFilter.isBalanced(filter) {
            found.append("\(name) \(filter) is not a parenthesised LDAP filter")
        }
        return found
    }
}
