/// The caller a home's self-test and `wssconsole message` act as (`[client]` in conf/console.toml): a key pair
/// that also trusts the service's certificate, and a user for the UsernameToken scenarios. On the demo home it is
/// the demo client and alice.
public struct ClientSettings: Sendable, Equatable {
    /// The client's keystore (`keystore = "NAME"` names a `[keystore.NAME]` table of the same file).
    public var keystore: ConsoleSettings.Keystore?
    /// Alias of the service's certificate in the client keystore (`service_alias`; nil: the only trusted entry).
    public var serviceAlias: String?
    /// The UsernameToken user (`user`).
    public var user: String?
    /// The user's password (`password`, `password_env` or `password_file`).
    public var password: ConsoleSettings.PasswordSource
    /// Scenario 16: the client's Kerberos principal (`kerberos_principal`; else jaas.conf's Client entry names it).
    public var kerberosPrincipal: String?
    /// Scenario 16: its password (`kerberos_password`, `_env` or `_file`; else the Client entry's keytab).
    public var kerberosPassword: ConsoleSettings.PasswordSource

    public init(keystore: ConsoleSettings.Keystore? = nil, serviceAlias: String? = nil, user: String? = nil,
                password: ConsoleSettings.PasswordSource = .none, kerberosPrincipal: String? = nil,
                kerberosPassword: ConsoleSettings.PasswordSource = .none) {
        self.keystore = keystore
        self.serviceAlias = serviceAlias
        self.user = user
        self.password = password
        self.kerberosPrincipal = kerberosPrincipal
        self.kerberosPassword = kerberosPassword
    }

    /// The `[client]` table of the settings file `file` (relative to the home), with the keystore table it names.
    static func read(_ toml: TOMLDocument, file: String) -> ClientSettings? {
        guard toml.tables.contains("client") else { return nil }
        let keystore = toml.value("client", "keystore")?.string.map { ConsoleSettings.keystore(toml, "keystore." + $0, file: file) }
        return ClientSettings(keystore: keystore, serviceAlias: toml.value("client", "service_alias")?.string,
                              user: toml.value("client", "user")?.string,
                              password: ConsoleSettings.passwordSource(toml, "client", "password"),
                              kerberosPrincipal: toml.value("client", "kerberos_principal")?.string,
                              kerberosPassword: ConsoleSettings.passwordSource(toml, "client", "kerberos_password"))
    }
}
