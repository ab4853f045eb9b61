import ServerHome
import UserStores

/// The LDAP profile's settings as rows of the settings screen, by their WSO2 key names.
enum LDAPProfileField: CaseIterable, Sendable {
    case type, url, startTLS, bindDN, password, userBase, userAttribute, userFilter, userList
    case groupBase, groupAttribute, groupFilter, groupList, member, readGroups, connectTimeout, readTimeout, caFile

    /// The key in `[user_store]`.
    var key: String {
        switch self {
        case .type: "type"
        case .url: "connection_url"
        case .startTLS: "start_tls"
        case .bindDN: "connection_name"
        case .password: "connection_password"
        case .userBase: "user_search_base"
        case .userAttribute: "user_name_attribute"
        case .userFilter: "user_name_search_filter"
        case .userList: "user_name_list_filter"
        case .groupBase: "group_search_base"
        case .groupAttribute: "group_name_attribute"
        case .groupFilter: "group_name_search_filter"
        case .groupList: "group_name_list_filter"
        case .member: "membership_attribute"
        case .readGroups: "read_groups"
        case .connectTimeout: "ldap_connection_timeout"
        case .readTimeout: "read_timeout"
        case .caFile: "ca_certificate"
        }
    }

    /// What the prompt says about the value.
    var hint: String {
        switch self {
        case .url: "ldap://HOST[:PORT] or ldaps://HOST[:PORT]; one URL."
        case .bindDN: "The full DN the runtime binds as; empty binds anonymously."
        case .userFilter: "? stands for the user name, e.g. (&(objectClass=person)(uid=?))."
        case .groupFilter: "? stands for the role name, e.g. (&(objectClass=groupOfNames)(cn=?))."
        case .connectTimeout, .readTimeout: "Milliseconds, as WSO2 writes them."
        case .caFile: "PEM file of the CAs that sign the server's certificate (wssconsole's own key; MI uses its truststore)."
        default: ""
        }
    }

    /// Switched with Enter rather than typed.
    var isToggle: Bool { [.type, .startTLS, .readGroups].contains(self) }

    /// The value shown: the pending edit if any, else the saved one.
    func value(saved: LDAPSettings?, type: String, edit: UserStoreProfileEdit) -> String {
        let p = edit.applied(to: saved?.profile)
        switch self {
        case .type: return edit.type ?? type
        case .url: return p.url
        case .startTLS: return String(p.startTLS)
        case .bindDN: return p.bindDN ?? "(anonymous)"
        case .password:
            switch edit.password {
            case .inline?: return "(typed: to be saved in clear)"
            case .environment(let name)?: return "$env{\(name)}"
            case .file(let path)?: return "file \(path)"
            case .none?: return "(none)"
            case nil: return saved.map { $0.password == .none ? "(none)" : $0.passwordSourceText } ?? "(none)"
            }
        case .userBase: return p.userSearchBase
        case .userAttribute: return p.userNameAttribute
        case .userFilter: return p.userSearchFilter
        case .userList: return p.userListFilter
        case .groupBase: return p.groupSearchBase
        case .groupAttribute: return p.groupNameAttribute
        case .groupFilter: return p.groupSearchFilter
        case .groupList: return p.groupListFilter
        case .member: return p.membershipAttribute
        case .readGroups: return String(p.readGroups)
        case .connectTimeout: return String(p.connectTimeout.components.seconds * 1_000 + p.connectTimeout.components.attoseconds / 1_000_000_000_000_000)
        case .readTimeout: return String(p.readTimeout.components.seconds * 1_000 + p.readTimeout.components.attoseconds / 1_000_000_000_000_000)
        case .caFile: return p.caCertificateFile ?? "(system CAs)"
        }
    }

    /// Sets a typed value into `edit`; returns why it is not acceptable, or nil.
    func apply(_ text: String, to edit: inout UserStoreProfileEdit) -> String? {
        switch self {
        case .url:
            if let problem = LDAPEndpoint.problem(parsing: text) { return problem }
            edit.url = text
        case .bindDN: edit.bindDN = text
        case .userBase: edit.userSearchBase = text
        case .userAttribute: edit.userNameAttribute = text
        case .userFilter: edit.userSearchFilter = text
        case .userList: edit.userListFilter = text
        case .groupBase: edit.groupSearchBase = text
        case .groupAttribute: edit.groupNameAttribute = text
        case .groupFilter: edit.groupSearchFilter = text
        case .groupList: edit.groupListFilter = text
        case .member: edit.membershipAttribute = text
        case .connectTimeout, .readTimeout:
            guard let ms = Int(text), (1...600_000).contains(ms) else { return "milliseconds from 1 to 600000" }
            if self == .connectTimeout { edit.connectTimeoutMilliseconds = ms } else { edit.readTimeoutMilliseconds = ms }
        case .caFile: edit.caCertificateFile = text
        case .type, .startTLS, .readGroups, .password: break
        }
        return nil
    }
}
