import WSSecurity

/// The console's settings for one home (conf/console.toml): runtime, keystores, user store, Kerberos files.
public struct ConsoleSettings: Sendable, Equatable {
    /// A keystore the home uses, as the settings name it.
    public struct Keystore: Sendable, Equatable {
        public var name: String
        /// Path relative to the home root.
        public var file: String
        public var alias: String
        /// Where the password comes from; passwords are never shown.
        public var password: PasswordSource
        /// Demo material: validation warns when a service relies on it.
        public var demo: Bool
    }

    /// Where a password is read from (WSO2 keeps them in its config file; env and files are offered too).
    public enum PasswordSource: Sendable, Equatable {
        case inline(String)
        case environment(String)
        case file(String)
        case none
    }

    public var runtime: HostSettings.Runtime
    public var keystores: [Keystore]
    /// The keystore holding the service's key pair (`[service] keystore = "..."`).
    public var serviceKeystore: String
    public var userStoreFile: String?
    public var krb5Conf: String
    public var jaasConf: String
    /// Whether this home is demo material as a whole.
    public var demo: Bool

    /// The service keystore's settings, if configured.
    public var serviceKeystoreSettings: Keystore? { keystores.first { $0.name == serviceKeystore } }

    static func load(home root: String, layout: HomeLayout) throws(HomeError) -> ConsoleSettings {
        let path = FileSystem.join(root, layout.settingsPath)
        guard let bytes = FileSystem.read(path) else {
            return ConsoleSettings(runtime: .microIntegrator, keystores: [], serviceKeystore: "", userStoreFile: nil,
                                   krb5Conf: "conf/security/krb5.conf", jaasConf: "conf/security/jaas.conf", demo: false)
        }
        let toml: TOMLDocument
        do { toml = try TOMLDocument(text: String(decoding: bytes, as: UTF8.self)) } catch {
            throw HomeError(.homeUnreadable, "\(layout.settingsPath): \(error.message)", fix: error.fix)
        }
        var keystores: [Keystore] = []
        for table in toml.tables where table.hasPrefix("keystore.") {
            let password: PasswordSource = if let p = toml.value(table, "password")?.string { .inline(p) }
                else if let e = toml.value(table, "password_env")?.string { .environment(e) }
                else if let f = toml.value(table, "password_file")?.string { .file(f) } else { .none }
            keystores.append(Keystore(name: String(table.dropFirst("keystore.".count)),
                                      file: toml.value(table, "file")?.string ?? "", alias: toml.value(table, "alias")?.string ?? "",
                                      password: password, demo: toml.value(table, "demo")?.bool ?? false))
        }
        let runtime = toml.value("runtime", "type")?.string == "carbon" ? HostSettings.Runtime.carbon : .microIntegrator
        return ConsoleSettings(
            runtime: runtime, keystores: keystores,
            serviceKeystore: toml.value("service", "keystore")?.string ?? keystores.first?.name ?? "",
            userStoreFile: toml.value("user_store", "file")?.string,
            krb5Conf: toml.value("kerberos", "krb5_conf")?.string ?? "conf/security/krb5.conf",
            jaasConf: toml.value("kerberos", "jaas_conf")?.string ?? "conf/security/jaas.conf",
            demo: toml.value("home", "demo")?.bool ?? false)
    }
}
