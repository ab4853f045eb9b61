import KeyMaterial
import UserStores

/// An LDAP user store as the home's settings describe it, with WSO2's `[user_store]` key names: the profile,
/// where its bind password comes from, and which files hold the keys.
///
/// On a Micro Integrator home the WSO2 keys live in `conf/deployment.toml`; the two settings WSO2 has no key for
/// (`start_tls`, `ca_certificate`: MI itself trusts LDAP servers through client-truststore.jks) live in
/// wssconsole's own `wssconsole/console.toml`, which may also give wssconsole the bind password that deployment.toml
/// keeps in the secure vault (`connection_password_env`, `connection_password_file`). On a native home everything is
/// in `conf/console.toml`.
public struct LDAPSettings: Sendable, Equatable {
    /// The connection profile; `caCertificateFile` is relative to the home root as written in the file.
    public var profile: LDAPProfile
    /// Where the bind password (`connection_password`) comes from.
    public var password: ConsoleSettings.PasswordSource
    /// The settings file that gives it: ``file``, or ``ownFile`` when wssconsole's own settings give it.
    public var passwordGivenIn: String
    /// The file holding the WSO2 keys, relative to the home root.
    public var file: String
    /// The file holding wssconsole's own keys, relative to the home root.
    public var ownFile: String
    /// Settings whose values are not of their type, in words, with the default used instead.
    public var unreadable: [String] = []

    /// The WSO2 key of each profile field, in the order wssconsole writes missing keys.
    static let keys = (url: "connection_url", bindDN: "connection_name", password: "connection_password",
                       anonymous: "anonymous_bind", userBase: "user_search_base", userAttribute: "user_name_attribute",
                       userFilter: "user_name_search_filter", userList: "user_name_list_filter", readGroups: "read_groups",
                       groupBase: "group_search_base", groupAttribute: "group_name_attribute", groupFilter: "group_name_search_filter",
                       groupList: "group_name_list_filter", member: "membership_attribute",
                       connectTimeout: "ldap_connection_timeout", readTimeout: "read_timeout",
                       startTLS: "start_tls", caFile: "ca_certificate", passwordFile: "connection_password_file",
                       passwordEnv: "connection_password_env")

    /// Reads the `[user_store]` table; nil when it names no `connection_url`.
    static func read(_ toml: TOMLDocument, own: TOMLDocument?, file: String, ownFile: String) -> LDAPSettings? {
        let k = keys
        let placeholders = WSO2Placeholders(deployment: toml)
        var unreadable: [String] = []
        func string(_ key: String, in document: TOMLDocument? = nil) -> String? {
            guard let value = (document ?? toml).value("user_store", key) else { return nil }
            switch value {
            case .string(let text) where key == k.password: return text
            case .string(let text):
                switch placeholders.resolve(text) {
                case .text(let resolved): return resolved
                case .unresolved(let why):
                    unreadable.append("\(key) = \(text): \(why); it is used as written")
                    return text
                }
            case .integer(let number): return String(number)
            case .bool(let flag): return String(flag)
            case .array, .other: return nil
            }
        }
        func present(_ key: String, in document: TOMLDocument? = nil) -> String? {
            (document ?? toml).value("user_store", key).map { string(key, in: document) ?? $0.text }
        }
        func milliseconds(_ key: String, default value: Duration) -> Duration {
            guard let text = present(key) else { return value }
            if let number = Int(text.trimmed), number > 0 { return .milliseconds(number) }
            unreadable.append("\(key) = \(text) is not a whole number of milliseconds above 0; \(value.milliseconds) ms is used")
            return value
        }
        func flag(_ key: String, in document: TOMLDocument? = nil, default value: Bool) -> Bool {
            guard let text = present(key, in: document) else { return value }
            if text == "true" || text == "false" { return text == "true" }
            unreadable.append("\(key) = \(text) is neither true nor false; \(value) is used")
            return value
        }
        guard let url = string(k.url), !url.isEmpty else { return nil }
        let anonymous = flag(k.anonymous, default: false)
        var profile = LDAPProfile(url: url, bindDN: anonymous ? nil : string(k.bindDN).flatMap { $0.isEmpty ? nil : $0 },
                                  // Absent, MI searches its default base: so does the test.
                                  userSearchBase: string(k.userBase) ?? LDAPProfile.wso2DefaultSearchBase,
                                  groupSearchBase: string(k.groupBase) ?? LDAPProfile.wso2DefaultSearchBase)
        profile.userNameAttribute = string(k.userAttribute) ?? profile.userNameAttribute
        profile.userSearchFilter = string(k.userFilter) ?? profile.userSearchFilter
        profile.userListFilter = string(k.userList) ?? profile.userListFilter
        profile.readGroups = flag(k.readGroups, default: true)
        profile.groupNameAttribute = string(k.groupAttribute) ?? profile.groupNameAttribute
        profile.groupSearchFilter = string(k.groupFilter) ?? profile.groupSearchFilter
        profile.groupListFilter = string(k.groupList) ?? profile.groupListFilter
        profile.membershipAttribute = string(k.member) ?? profile.membershipAttribute
        profile.connectTimeout = milliseconds(k.connectTimeout, default: profile.connectTimeout)
        profile.readTimeout = milliseconds(k.readTimeout, default: profile.readTimeout)
        let ownDocument = own ?? toml
        profile.startTLS = flag(k.startTLS, in: ownDocument, default: false)
        profile.caCertificateFile = string(k.caFile, in: ownDocument).flatMap { $0.isEmpty ? nil : $0 }
        // As a keystore's table in the own file gives its password: deployment.toml, which MI reads, keeps its vault alias.
        let ownPassword: ConsoleSettings.PasswordSource? = if let path = string(k.passwordFile, in: ownDocument), !path.isEmpty { .file(path) }
            else if let name = string(k.passwordEnv, in: ownDocument), !name.isEmpty { .environment(name) } else { nil }
        return LDAPSettings(profile: profile,
                            password: ownPassword ?? passwordSource(string(k.password), file: string(k.passwordFile), placeholders: placeholders),
                            passwordGivenIn: ownPassword == nil ? file : ownFile, file: file, ownFile: ownFile, unreadable: unreadable)
    }

    /// WSO2 writes the password in clear or behind placeholders (`WSO2Placeholders`). A native home may also name a file.
    static func passwordSource(_ value: String?, file: String?, placeholders: WSO2Placeholders) -> ConsoleSettings.PasswordSource {
        if let file, !file.isEmpty { return .file(file) }
        guard let value, !value.isEmpty else { return .none }
        return placeholders.password(value) { .unavailable("The LDAP bind password (\(value)) cannot be resolved here: \($0)") }
    }

    /// The bind password. One the settings give in a form wssconsole cannot resolve (a secure-vault alias) is given
    /// to wssconsole in its own file: the fix never has the file the runtime reads changed.
    func resolvePassword(homeRoot: String) -> Result<Secret, HomeError> {
        let result = password.resolve(homeRoot: homeRoot)
        guard case .unavailable = password, case .failure(let error) = result else { return result }
        let keeps = file == ownFile ? "" : ", \(file) keeping its reference"
        return .failure(HomeError(error.code, error.message,
                                  fix: "Give wssconsole the password in \(ownFile)\(keeps): connection_password_env = \"NAME\" "
                                      + "(or connection_password_file = \"PATH\") under [user_store]. For the connection test alone: "
                                      + "wssconsole userstore test --bind-password-env NAME."))
    }

    /// The profile with the CA file made absolute, ready to connect from any working directory.
    func resolvedProfile(homeRoot: String) -> LDAPProfile {
        var resolved = profile
        if let file = profile.caCertificateFile, !file.hasPrefix("/") { resolved.caCertificateFile = FileSystem.join(homeRoot, file) }
        return resolved
    }

    /// Where the bind password comes from, in words, never its value; says which file names it when it is
    /// wssconsole's own (its `connection_password_env`/`_file`, not WSO2's `$env{}`).
    public var passwordSourceText: String {
        let own = passwordGivenIn != file
        switch password {
        case .inline: return "written in clear in \(passwordGivenIn)"
        case .environment(let name): return own ? "environment variable \(name), named in \(passwordGivenIn)" : "$env{\(name)}"
        case .file(let path): return "read from \(path)" + (own ? ", named in \(passwordGivenIn)" : "")
        case .none: return "none"
        case .unavailable(let reason): return reason
        case .deploymentReference(_, let reference, let why): return "\(reference): \(why)"
        }
    }
}
