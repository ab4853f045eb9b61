import Foundation

/// Where the home's settings name a keystore's key alias and password, so a keystore change that breaks them
/// (deleting that key pair, a new store password) can name the setting to update.
extension Home {
    /// "[keystore.service] alias in conf/console.toml" when `alias` is the key the settings name for `keystore`.
    public func aliasSetting(of keystore: HomeKeystore, alias: String) -> String? {
        guard keystore.role != .found, let configured = keystore.alias, configured.lowercased() == alias.lowercased() else { return nil }
        let (table, file) = settingsTable(of: keystore, key: "alias")
        return "[\(table)] alias in \(file)"
    }

    /// What to update after the store password of `keystore` changed, when the settings give it; nil for other files.
    public func passwordSettingNote(of keystore: HomeKeystore) -> String? {
        guard keystore.role != .found, let source = keystore.password else { return nil }
        let (table, file) = settingsTable(of: keystore, key: "password")
        let place: String
        switch source {
        // The settings hold it in clear: the way out of the file first, the new password in clear last.
        case .inline where file == "conf/deployment.toml":
            place = "\(file) still holds the old one in clear: set password in [\(table)] to \"$env{NAME}\", the environment variable NAME "
                + "giving the new one (Micro Integrator and wssconsole both read it), or, last, to the new password in clear"
        case .inline:
            place = "\(file) still holds the old one in clear: in [\(table)], replace password with password_env = \"NAME\" (an environment "
                + "variable) or password_file = \"PATH\" (a file of mode 0600) giving the new one, or, last, set it to the new password in clear"
        case .environment(let name):
            place = "the environment variable \(name) (named in [\(table)] of \(file)) must give the new one"
        case .file(let path):
            place = "the file \(path) (named in [\(table)] of \(file)) must hold the new one"
        case .deploymentReference(_, let reference, _):
            place = "what \(reference) gives in conf/deployment.toml (the secure vault, the server's environment) must be the new one"
        case .none, .unavailable:
            return nil
        }
        return "\(keystore.path) is the home's \(keystore.name) keystore: \(place), or wssconsole and the server cannot open it."
    }

    /// The table and file that set `key` of `keystore`: the console's own settings, or on Micro Integrator
    /// deployment.toml unless wssconsole/console.toml overrides the key.
    private func settingsTable(of keystore: HomeKeystore, key: String) -> (table: String, file: String) {
        let own = (try? ConsoleSettings.readTOML(root, layout.settingsPath)) ?? nil
        guard layout == .microIntegrator else { return ("keystore.\(keystore.name)", layout.settingsPath) }
        if let own, ["", "_env", "_file"].contains(where: { own.value("keystore.\(keystore.name)", key + $0) != nil }) {
            return ("keystore.\(keystore.name)", layout.settingsPath)
        }
        let deployment = (try? ConsoleSettings.readTOML(root, "conf/deployment.toml")) ?? nil
        let tables = deployment?.tables ?? []
        let table = keystore.name == "truststore" ? "truststore"
            : tables.contains("keystore.tls") && !tables.contains("keystore.primary") ? "keystore.tls" : "keystore.primary"
        return (table, "conf/deployment.toml")
    }
}
