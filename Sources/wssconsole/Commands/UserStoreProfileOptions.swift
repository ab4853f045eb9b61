import ArgumentParser
import KeyMaterial
import ServerHome

/// The LDAP profile as options, with WSO2's key names in the help: shared by `userstore set` (which writes them)
/// and `userstore test` (which tries them before they are saved). Options left out keep the saved values.
struct UserStoreProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("connection_url: ldap://HOST[:PORT] or ldaps://HOST[:PORT].", valueName: "URL")) var url: String?
    @Flag(inversion: .prefixedNo, help: "Upgrade ldap:// with StartTLS before the bind (wssconsole's own setting).") var startTls: Bool?
    @Option(name: .customLong("bind-dn"), help: ArgumentHelp("connection_name: the DN to bind as (\"\" binds anonymously).", valueName: "DN")) var bindDN: String?
    @Option(name: .customLong("bind-password-env"), help: ArgumentHelp("Bind password from the environment variable NAME (set saves it as $env{NAME}).", valueName: "NAME"))
    var bindPasswordEnv: String?
    @Option(name: .customLong("bind-password-file"), help: ArgumentHelp("Bind password from FILE (set saves connection_password_file on a native home).", valueName: "FILE"))
    var bindPasswordFile: String?
    @Flag(name: .customLong("bind-password-prompt"), help: "Ask for the bind password without echo (set saves it in clear, as WSO2 does).")
    var bindPasswordPrompt = false
    @Option(name: .customLong("user-base"), help: ArgumentHelp("user_search_base.", valueName: "DN")) var userBase: String?
    @Option(name: .customLong("user-attribute"), help: ArgumentHelp("user_name_attribute (uid).", valueName: "ATTR")) var userAttribute: String?
    @Option(name: .customLong("user-filter"), help: ArgumentHelp("user_name_search_filter; ? is the user name.", valueName: "FILTER")) var userFilter: String?
    @Option(name: .customLong("user-list-filter"), help: ArgumentHelp("user_name_list_filter.", valueName: "FILTER")) var userListFilter: String?
    @Option(name: .customLong("group-base"), help: ArgumentHelp("group_search_base.", valueName: "DN")) var groupBase: String?
    @Option(name: .customLong("group-attribute"), help: ArgumentHelp("group_name_attribute (cn).", valueName: "ATTR")) var groupAttribute: String?
    @Option(name: .customLong("group-filter"), help: ArgumentHelp("group_name_search_filter; ? is the role name.", valueName: "FILTER")) var groupFilter: String?
    @Option(name: .customLong("group-list-filter"), help: ArgumentHelp("group_name_list_filter.", valueName: "FILTER")) var groupListFilter: String?
    @Option(name: .customLong("member-attribute"), help: ArgumentHelp("membership_attribute (member).", valueName: "ATTR")) var memberAttribute: String?
    @Flag(inversion: .prefixedNo, help: "read_groups: take roles from the directory's groups.") var readGroups: Bool?
    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("ldap_connection_timeout in milliseconds.", valueName: "MS")) var connectTimeout: Int?
    @Option(name: .customLong("read-timeout"), help: ArgumentHelp("read_timeout in milliseconds.", valueName: "MS")) var readTimeout: Int?
    @Option(name: .customLong("ca-cert"), help: ArgumentHelp("PEM file of the CAs trusted for TLS (set: \"\" removes it).", valueName: "FILE")) var caCert: String?

    func validate() throws {
        if [bindPasswordEnv != nil, bindPasswordFile != nil, bindPasswordPrompt].filter({ $0 }).count > 1 {
            throw ValidationError("Give one of --bind-password-env, --bind-password-file, --bind-password-prompt.")
        }
        for (name, value) in [("--connect-timeout", connectTimeout), ("--read-timeout", readTimeout)] {
            if let value, !(1...600_000).contains(value) { throw ValidationError("\(name) is in milliseconds, 1 to 600000.") }
        }
    }

    /// The profile settings given (the password is read apart).
    var edit: UserStoreProfileEdit {
        var edit = UserStoreProfileEdit()
        edit.url = url
        edit.startTLS = startTls
        edit.bindDN = bindDN
        edit.userSearchBase = userBase
        edit.userNameAttribute = userAttribute
        edit.userSearchFilter = userFilter
        edit.userListFilter = userListFilter
        edit.groupSearchBase = groupBase
        edit.groupNameAttribute = groupAttribute
        edit.groupSearchFilter = groupFilter
        edit.groupListFilter = groupListFilter
        edit.membershipAttribute = memberAttribute
        edit.readGroups = readGroups
        edit.connectTimeoutMilliseconds = connectTimeout
        edit.readTimeoutMilliseconds = readTimeout
        edit.caCertificateFile = caCert
        return edit
    }

    /// True when no profile setting is given.
    var isEmpty: Bool {
        let strings: [String?] = [url, bindDN, bindPasswordEnv, bindPasswordFile, userBase, userAttribute, userFilter, userListFilter,
                                  groupBase, groupAttribute, groupFilter, groupListFilter, memberAttribute, caCert]
        return strings.allSatisfy { $0 == nil } && startTls == nil && readGroups == nil && connectTimeout == nil && readTimeout == nil
            && !bindPasswordPrompt
    }

    /// How the bind password is to be saved, if an option says.
    func passwordToSave() throws -> UserStoreProfileEdit.Password? {
        if let bindPasswordEnv { return .environment(bindPasswordEnv) }
        if let bindPasswordFile { return .file(bindPasswordFile) }
        if bindPasswordPrompt { return .inline(try SecretSource(file: nil, environment: nil, what: "bind password", options: Self.bindPasswordOptions).read(prompt: "Bind password: ", confirm: true)) }
        return nil
    }

    static let bindPasswordOptions = "--bind-password-env NAME or --bind-password-file F"

    /// The bind password to test with, if an option gives one (otherwise the saved one is used).
    func passwordToTest() throws -> Secret? {
        guard bindPasswordEnv != nil || bindPasswordFile != nil || bindPasswordPrompt else { return nil }
        return try SecretSource(file: bindPasswordFile, environment: bindPasswordEnv, what: "bind password", options: Self.bindPasswordOptions).read(prompt: "Bind password: ", confirm: false)
    }
}
