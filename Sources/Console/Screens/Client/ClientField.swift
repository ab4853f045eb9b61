import ServerHome

/// The self-test client's settings as rows of its screen, each one of `ClientSettingsEdit`'s fields.
enum ClientField: CaseIterable, Sendable {
    case keystore, alias, storePassword, serviceAlias, user, password, kerberosPrincipal, kerberosPassword

    var label: String {
        switch self {
        case .keystore: "Keystore"
        case .alias: "Key pair"
        case .storePassword: "Store password"
        case .serviceAlias: "Service certificate"
        case .user: "User"
        case .password: "User password"
        case .kerberosPrincipal: "Kerberos principal"
        case .kerberosPassword: "Kerberos password"
        }
    }

    /// The edit's password field, for the three password rows.
    var passwordKey: WritableKeyPath<ClientSettingsEdit, ClientSettingsEdit.Password?>? {
        switch self {
        case .storePassword: \.storePassword
        case .password: \.password
        case .kerberosPassword: \.kerberosPassword
        default: nil
        }
    }

    /// The edit's text field, for the other rows.
    var textKey: WritableKeyPath<ClientSettingsEdit, String?>? {
        switch self {
        case .keystore: \.keystore
        case .alias: \.alias
        case .serviceAlias: \.serviceAlias
        case .user: \.user
        case .kerberosPrincipal: \.kerberosPrincipal
        default: nil
        }
    }

    func isEdited(in edit: ClientSettingsEdit) -> Bool {
        if let key = passwordKey { return edit[keyPath: key] != nil }
        return textKey.map { edit[keyPath: $0] != nil } ?? false
    }

    /// What the prompt says about the value.
    var hint: String {
        switch self {
        case .keystore: "PKCS#12 or JKS with the client's key pair and the service's certificate; relative to the home or absolute; "
            + "empty removes it: the self-test signs as the service."
        case .alias: "The client's key pair in the keystore; empty: its only key pair."
        case .serviceAlias: "The service's certificate in the client keystore; empty: its only trusted certificate."
        case .user: "The UsernameToken user of scenarios 1, 7, 8, 14 and 15; empty removes it."
        case .kerberosPrincipal: "Scenario 16's client, NAME@REALM; empty: jaas.conf's Client entry names it."
        default: ""
        }
    }

    /// The value shown: the pending edit if any, else the saved one; passwords only by where they come from.
    func value(saved: ClientSettings?, edit: ClientSettingsEdit) -> String {
        let keystore = saved?.keystore
        // Another keystore drops the key pair and service certificate of the old one unless they are given too; no
        // keystore drops them all.
        let newStore = edit.keystore != nil
        if edit.keystore == "", [.alias, .storePassword, .serviceAlias].contains(self) { return "-" }
        switch self {
        case .keystore:
            if edit.keystore == "" { return "none (removed): the self-test signs as the service" }
            return edit.keystore ?? keystore?.file ?? "none: the self-test signs as the service"
        case .alias:
            if let alias = edit.alias { return alias }
            if newStore { return "(its only key pair)" }
            return keystore.map { $0.alias.isEmpty ? "(its only key pair)" : $0.alias } ?? "-"
        case .storePassword: return edit.storePassword.map(Self.origin) ?? keystore?.password.origin ?? "-"
        case .serviceAlias:
            if let alias = edit.serviceAlias { return alias }
            if newStore || (keystore != nil && saved?.serviceAlias == nil) { return "(its only trusted certificate)" }
            return keystore == nil ? "-" : saved?.serviceAlias ?? "-"
        case .user: return edit.user.map { $0.isEmpty ? "none (removed)" : $0 } ?? saved?.user ?? "none"
        case .password:
            if let password = edit.password { return Self.origin(password) }
            return edit.user == "" || saved?.user == nil ? "-" : saved?.password.origin ?? "-"
        case .kerberosPrincipal:
            return edit.kerberosPrincipal.map { $0.isEmpty ? "(jaas.conf's Client entry)" : $0 } ?? saved?.kerberosPrincipal ?? "(jaas.conf's Client entry)"
        case .kerberosPassword:
            if let password = edit.kerberosPassword { return Self.origin(password) }
            guard edit.kerberosPrincipal != "", let source = saved?.kerberosPassword, saved?.kerberosPrincipal != nil else { return "-" }
            return source == .none ? "none: the Client entry's keytab" : source.origin
        }
    }

    /// What a prompt starts from: the edited or saved text, "" where there is none.
    func initialText(saved: ClientSettings?, edit: ClientSettingsEdit) -> String {
        if let key = textKey, let edited = edit[keyPath: key] { return edited }
        switch self {
        case .keystore: return saved?.keystore?.file ?? ""
        // Another keystore has other aliases.
        case .alias: return edit.keystore == nil ? saved?.keystore?.alias ?? "" : ""
        case .serviceAlias: return edit.keystore == nil ? saved?.serviceAlias ?? "" : ""
        case .user: return saved?.user ?? ""
        case .kerberosPrincipal: return saved?.kerberosPrincipal ?? ""
        default: return ""
        }
    }

    /// Where an edited password will come from, in `PasswordSource.origin`'s words.
    static func origin(_ password: ClientSettingsEdit.Password) -> String {
        switch password {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "file \(path)"
        }
    }
}
