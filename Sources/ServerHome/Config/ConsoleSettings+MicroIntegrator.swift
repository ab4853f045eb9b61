import WSSecurity

extension ConsoleSettings {
    /// A Micro Integrator home's settings come from `conf/deployment.toml`: the primary keystore and the
    /// truststore, and the user store type. wssconsole's own file (`wssconsole/console.toml`) adds the Kerberos paths.
    static func microIntegrator(root: String, deployment: TOMLDocument, own: TOMLDocument?) -> ConsoleSettings {
        func keystore(_ name: String, table: String, defaultFile: String) -> Keystore {
            Keystore(name: name, file: deployment.value(table, "file_name")?.string ?? defaultFile,
                     alias: deployment.value(table, "alias")?.string ?? "wso2carbon",
                     password: password(deployment.value(table, "password")?.string), demo: false,
                     keyPassword: password(deployment.value(table, "key_password")?.string))
        }
        let storeType = deployment.value("user_store", "type")?.string ?? "read_only_ldap"
        var settings = ConsoleSettings(
            runtime: .microIntegrator,
            keystores: [keystore("primary", table: "keystore.primary", defaultFile: "repository/resources/security/wso2carbon.jks"),
                        keystore("truststore", table: "truststore", defaultFile: "repository/resources/security/client-truststore.jks")],
            serviceKeystore: "primary", trustKeystore: "truststore", userStoreFile: nil, userStoreType: storeType,
            krb5Conf: own?.value("kerberos", "krb5_conf")?.string ?? "conf/security/krb5.conf",
            jaasConf: own?.value("kerberos", "jaas_conf")?.string ?? "conf/security/jaas.conf",
            demo: false)
        settings.ldap = LDAPSettings.read(deployment, own: own ?? .empty, file: "conf/deployment.toml", ownFile: HomeLayout.microIntegrator.settingsPath)
        settings.client = own.flatMap(ClientSettings.read)
        settings.caseInsensitiveRoleNames = deployment.value("ws_security[0]", "case_insensitive_role_name_check")?.bool ?? false
        return settings
    }

    /// WSO2 keeps passwords in deployment.toml, in clear or as a secure-vault reference wssconsole cannot open.
    private static func password(_ value: String?) -> PasswordSource {
        guard let value else { return .none }
        if value.hasPrefix("$secret{") || value.hasPrefix("$env{") {
            if value.hasPrefix("$env{"), let name = value.dropFirst(5).split(separator: "}").first { return .environment(String(name)) }
            return .unavailable("The password is a secure-vault reference (\(value)) that wssconsole cannot decrypt")
        }
        return .inline(value)
    }
}
