import WSSecurity

extension ConsoleSettings {
    /// Where deployment.toml's bare keystore file names (`file_name = "wso2carbon.jks"`) are.
    static let microIntegratorSecurityFolder = "repository/resources/security/"

    /// A Micro Integrator home's settings come from `conf/deployment.toml`: the primary keystore (`[keystore.primary]`,
    /// or `[keystore.tls]`, the form of MI releases before the 2020-09-17 update) and the truststore, and the user
    /// store type. wssconsole's own file (`wssconsole/console.toml`) adds the Kerberos paths and the `[client]`, and
    /// may give a keystore's password (`[keystore.primary] password_env = "..."`) that deployment.toml keeps in the
    /// secure vault.
    static func microIntegrator(root: String, deployment: TOMLDocument, own: TOMLDocument?) -> ConsoleSettings {
        let placeholders = WSO2Placeholders(deployment: deployment)
        // A file name or alias wssconsole cannot resolve stays as written: the error that names it shows the placeholder.
        func text(_ table: String, _ key: String) -> String? {
            deployment.value(table, key)?.string.map { value in
                if case .text(let resolved) = placeholders.resolve(value) { resolved } else { value }
            }
        }
        func keystore(_ name: String, table: String, defaultFile: String) -> Keystore {
            let file = text(table, "file_name").map { $0.contains("/") ? $0 : microIntegratorSecurityFolder + $0 }
            var keystore = Keystore(name: name, file: file ?? defaultFile,
                                    alias: text(table, "alias") ?? "wso2carbon",
                                    password: password(deployment.value(table, "password")?.string, keystore: name, placeholders: placeholders),
                                    demo: false,
                                    keyPassword: password(deployment.value(table, "key_password")?.string, keystore: name, placeholders: placeholders))
            // MI reads deployment.toml's password whatever wssconsole's own file says: a clear one there stays exposed.
            if ["password", "key_password"].contains(where: { deployment.value(table, $0)?.string.map(WSO2Placeholders.isClear) ?? false }) {
                keystore.clearPasswordFiles.append("conf/deployment.toml")
            }
            if let own {
                let ownTable = "keystore." + name
                let ownPassword = passwordSource(own, ownTable, "password")
                if ownPassword != .none { keystore.password = ownPassword }
                let ownKeyPassword = passwordSource(own, ownTable, "key_password")
                if ownKeyPassword != .none { keystore.keyPassword = ownKeyPassword } else if ownPassword != .none, case .deploymentReference = keystore.keyPassword {
                    keystore.keyPassword = ownPassword
                }
                if ownPassword.isInline || ownKeyPassword.isInline { keystore.clearPasswordFiles.append(HomeLayout.microIntegrator.settingsPath) }
            }
            return keystore
        }
        let primaryTable = deployment.tables.contains("keystore.primary") || !deployment.tables.contains("keystore.tls") ? "keystore.primary" : "keystore.tls"
        let storeType = text("user_store", "type") ?? "read_only_ldap"
        var settings = ConsoleSettings(
            runtime: .microIntegrator,
            keystores: [keystore("primary", table: primaryTable, defaultFile: microIntegratorSecurityFolder + "wso2carbon.jks"),
                        keystore("truststore", table: "truststore", defaultFile: microIntegratorSecurityFolder + "client-truststore.jks")],
            serviceKeystore: "primary", trustKeystore: "truststore", userStoreFile: nil, userStoreType: storeType,
            krb5Conf: own?.value("kerberos", "krb5_conf")?.string ?? "conf/security/krb5.conf",
            jaasConf: own?.value("kerberos", "jaas_conf")?.string ?? "conf/security/jaas.conf",
            demo: false)
        settings.signatureTrustKeystore = "primary"
        settings.ldap = LDAPSettings.read(deployment, own: own ?? .empty, file: "conf/deployment.toml", ownFile: HomeLayout.microIntegrator.settingsPath)
        settings.client = own.flatMap { ClientSettings.read($0, file: HomeLayout.microIntegrator.settingsPath) }
        settings.caseInsensitiveRoleNames = deployment.value("ws_security[0]", "case_insensitive_role_name_check")?.bool ?? false
        return settings
    }

    /// A password written as itself: no placeholder (a `$ref{}` to another value is that value's exposure).
    /// WSO2 keeps passwords in deployment.toml in clear or behind placeholders; one wssconsole cannot resolve makes
    /// the keystore's table in wssconsole/console.toml needed (see `PasswordSource.resolve`).
    private static func password(_ value: String?, keystore name: String, placeholders: WSO2Placeholders) -> PasswordSource {
        guard let value else { return .none }
        return placeholders.password(value) { .deploymentReference(keystore: name, reference: value, why: $0) }
    }
}
