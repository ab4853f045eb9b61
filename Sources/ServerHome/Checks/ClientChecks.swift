import WSSecurity

/// The self-test acts as the client the home's `[client]` settings configure: without the keys or the user a policy
/// needs it cannot run, and the settings file of the home (wssconsole/console.toml on Micro Integrator) is where
/// they are added.
struct ClientChecks {
    let home: Home
    let settings: ConsoleSettings

    func findings(for needs: PolicyNeeds) -> [Finding] {
        let file = home.layout.settingsPath
        let client = settings.client
        var missing: [String] = []
        var additions: [String] = []
        if needs.requirements.contains(.serviceKeyPair) || needs.requirements.contains(.trustedClients), client?.keystore == nil {
            missing.append("keystore")
            additions.append("keystore = \"client\" and service_alias = \"ALIAS\" under [client], and a [keystore.client] table with file, "
                             + "alias and password_env (a keystore holding the client's key pair and the service certificate)")
        }
        if needs.requirements.contains(.userStore), client?.user == nil {
            missing.append("user")
            additions.append("user = \"NAME\" and password_env = \"VARIABLE\" under [client]")
        }
        guard !missing.isEmpty else { return [] }
        return [Finding(.error, "selftest.noClient",
                        "The self-test plays the client that [client] in \(file) describes, and \(client == nil ? "there is no [client]" : "it names no " + missing.joined(separator: " and no "))",
                        fix: "Add to \(file): " + additions.joined(separator: "; ") + ". Or skip the self-test (--no-self-test).")]
    }
}

extension Finding {
    /// About wssconsole's own self-test client (`[client]` settings: `ClientChecks`, the `client.` checks), not the
    /// service: the service may be sound.
    public var concernsTheSelfTestClient: Bool { code == "selftest.noClient" || code.hasPrefix("client.") }
}
