import Foundation
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
        /// The key entry's own password (`key_password`); `.none`: the store password.
        public var keyPassword: PasswordSource = .none
        /// The settings files that write its password or key password in clear, relative to the home: on Micro
        /// Integrator deployment.toml keeps its own even when wssconsole/console.toml gives the password another way.
        public var clearPasswordFiles: [String] = []
    }

    /// Where a password is read from (WSO2 keeps them in its config file; env and files are offered too).
    public enum PasswordSource: Sendable, Equatable {
        case inline(String)
        case environment(String)
        case file(String)
        case none
        /// Configured in a form wssconsole cannot read; the text says why.
        case unavailable(String)
        /// A keystore's password deployment.toml gives by a placeholder wssconsole cannot resolve (`why`): a secure-vault
        /// alias (`$secret{alias}`), a Java system property, an unset variable. The keystore's table in
        /// wssconsole/console.toml gives it instead.
        case deploymentReference(keystore: String, reference: String, why: String)
    }

    public var runtime: HostSettings.Runtime
    public var keystores: [Keystore]
    /// The keystore holding the service's key pair (`[service] keystore = "..."`).
    public var serviceKeystore: String
    /// The keystore whose trusted certificates the service trusts (`[service] truststore`; the service keystore by default).
    public var trustKeystore: String?
    /// The keystore whose trusted certificates verify client signatures, when not ``trustKeystore``. On Micro
    /// Integrator the primary keystore: ServerCrypto trusts the keystores the policy's `truststores` names, and
    /// KeyStoreManager returns the primary keystore for its file name (the name wssconsole writes); deployment.toml's
    /// `[truststore]` (client-truststore.jks) is the TLS trust store.
    public var signatureTrustKeystore: String? = nil
    public var userStoreFile: String?
    /// `embedded`, or the runtime's store type (Micro Integrator: `read_only_ldap`, `read_write_ldap`, `database`).
    public var userStoreType: String
    /// The embedded store's PasswordDigest secrets file (`[user_store] digest_file`); nil: beside the store.
    public var userStoreDigestFile: String? = nil
    /// The PasswordDigest secrets file in use: `digest_file`, or the store's name with `.digest-secrets`.
    var embeddedDigestFile: String? {
        userStoreDigestFile ?? userStoreFile.map { ($0 as NSString).deletingPathExtension + ".digest-secrets" }
    }
    /// The LDAP connection profile (`[user_store] connection_url` and the other WSO2 keys), when one is configured.
    public var ldap: LDAPSettings? = nil
    /// `[[ws_security]] case_insensitive_role_name_check`: MI compares role names case-sensitively by default.
    public var caseInsensitiveRoleNames = false
    public var krb5Conf: String
    public var jaasConf: String
    /// Whether this home is demo material as a whole.
    public var demo: Bool
    /// The caller the self-test and `wssconsole message` act as (`[client]`), when configured.
    public var client: ClientSettings? = nil
    /// Settings of conf/console.toml that wssconsole does not read (a misspelt key, one under the wrong table).
    public var unreadSettings: [UnreadSetting] = []

    /// "line N: [table] key", with the keys wssconsole reads in that table.
    public struct UnreadSetting: Sendable, Equatable {
        public var setting: String
        public var known: [String]
    }

    /// The service keystore's settings, if configured.
    public var serviceKeystoreSettings: Keystore? { keystores.first { $0.name == serviceKeystore } }
    /// Whether the service's settings read the keystore table `name`: its keystore, or a trust store.
    public func servesFrom(_ name: String) -> Bool { [serviceKeystore, trustKeystore, signatureTrustKeystore].contains(name) }
    /// The settings of the keystore that verifies client signatures (see ``signatureTrustKeystore``), if configured.
    public var trustKeystoreSettings: Keystore? {
        keystores.first { $0.name == (signatureTrustKeystore ?? trustKeystore ?? serviceKeystore) }
    }

    static func load(home root: String, layout: HomeLayout) throws(HomeError) -> ConsoleSettings {
        let own = try readTOML(root, layout.settingsPath)
        if layout == .microIntegrator {
            let deployment = try readTOML(root, "conf/deployment.toml") ?? TOMLDocument.empty
            return microIntegrator(root: root, deployment: deployment, own: own)
        }
        guard let toml = own else {
            return ConsoleSettings(runtime: .microIntegrator, keystores: [], serviceKeystore: "", trustKeystore: nil, userStoreFile: nil, userStoreType: "embedded",
                                   krb5Conf: "conf/security/krb5.conf", jaasConf: "conf/security/jaas.conf", demo: false)
        }
        var keystores: [Keystore] = []
        for table in toml.tables where table.hasPrefix("keystore.") {
            keystores.append(keystore(toml, table, file: layout.settingsPath))
        }
        let runtime = toml.value("runtime", "type")?.string == "carbon" ? HostSettings.Runtime.carbon : .microIntegrator
        var settings = ConsoleSettings(
            runtime: runtime, keystores: keystores,
            serviceKeystore: toml.value("service", "keystore")?.string ?? keystores.first?.name ?? "",
            trustKeystore: toml.value("service", "truststore")?.string,
            userStoreFile: toml.value("user_store", "file")?.string,
            userStoreType: toml.value("user_store", "type")?.string ?? "embedded",
            krb5Conf: toml.value("kerberos", "krb5_conf")?.string ?? "conf/security/krb5.conf",
            jaasConf: toml.value("kerberos", "jaas_conf")?.string ?? "conf/security/jaas.conf",
            demo: toml.value("home", "demo")?.bool ?? false)
        settings.userStoreDigestFile = toml.value("user_store", "digest_file")?.string
        settings.ldap = LDAPSettings.read(toml, own: nil, file: layout.settingsPath, ownFile: layout.settingsPath)
        settings.caseInsensitiveRoleNames = toml.value("ws_security[0]", "case_insensitive_role_name_check")?.bool ?? false
        settings.client = ClientSettings.read(toml, file: layout.settingsPath)
        settings.unreadSettings = toml.unasked.map { entry in
            UnreadSetting(setting: "line \(entry.line): [\(entry.table)] \(entry.key)", known: toml.askedKeys(in: entry.table))
        }
        return settings
    }

    /// The keystore a `[keystore.NAME]` table of the settings file `file` describes.
    static func keystore(_ toml: TOMLDocument, _ table: String, file: String) -> Keystore {
        var keystore = Keystore(name: String(table.dropFirst("keystore.".count)),
                                file: toml.value(table, "file")?.string ?? "", alias: toml.value(table, "alias")?.string ?? "",
                                password: passwordSource(toml, table, "password"), demo: toml.value(table, "demo")?.bool ?? false,
                                keyPassword: passwordSource(toml, table, "key_password"))
        if keystore.password.isInline || keystore.keyPassword.isInline { keystore.clearPasswordFiles = [file] }
        return keystore
    }

    /// `KEY = "..."`, `KEY_env = "NAME"` or `KEY_file = "path"` of a table.
    static func passwordSource(_ toml: TOMLDocument, _ table: String, _ key: String) -> PasswordSource {
        if let p = toml.value(table, key)?.string { return .inline(p) }
        if let e = toml.value(table, key + "_env")?.string { return .environment(e) }
        if let f = toml.value(table, key + "_file")?.string { return .file(f) }
        return .none
    }

    static func readTOML(_ root: String, _ path: String) throws(HomeError) -> TOMLDocument? {
        guard let bytes = FileSystem.read(FileSystem.join(root, path)) else { return nil }
        do { return try TOMLDocument(text: String(decoding: bytes, as: UTF8.self)) } catch {
            throw HomeError(.homeUnreadable, "\(path): \(error.message)", fix: error.fix)
        }
    }
}
