import WSSecurity

/// The self-test acts as the client the home's `[client]` settings configure: without the user a policy needs (or
/// keys, where the service's own cannot stand in) it cannot run, and the settings file of the home
/// (wssconsole/console.toml on Micro Integrator) is where they are added.
struct ClientChecks {
    let home: Home
    let settings: ConsoleSettings

    func findings(for needs: PolicyNeeds) -> [Finding] {
        let file = home.layout.settingsPath
        let client = settings.client
        var missing: [String] = []
        var additions: [String] = []
        // Without a client keystore the self-test signs as the service (its own key pair, which it trusts); a policy
        // that gives the service no key pair (an endorsing certificate over HTTPS) needs the client's.
        if needs.requirements.contains(.trustedClients), !needs.requirements.contains(.serviceKeyPair), client?.keystore == nil {
            missing.append("keystore")
            additions.append("wssconsole client set --keystore FILE --storepass-env NAME (a keystore holding the client's key pair and the service certificate)")
        }
        if needs.requirements.contains(.userStore), client?.user == nil {
            missing.append("user")
            additions.append("wssconsole client set --user NAME --password-env VARIABLE")
        } else if needs.requirements.contains(.userStore), let user = client?.user, client?.password == ConsoleSettings.PasswordSource.none {
            missing.append("password for the user \(user)")
            additions.append("wssconsole client set --password-env VARIABLE (or --password-file FILE)")
        }
        guard !missing.isEmpty else { return [] }
        return [Finding(.error, "selftest.noClient",
                        "The self-test plays the client that [client] in \(file) describes, and \(client == nil ? "there is no [client]" : "it names no " + missing.joined(separator: " and no "))",
                        fix: "Name it: " + additions.joined(separator: "; ") + ". Or skip the self-test (--no-self-test).")]
    }
}

extension Finding {
    /// About wssconsole's own self-test client (`[client]` settings: `ClientChecks`, the `client.` checks), not the
    /// service: the service may be sound.
    public var concernsTheSelfTestClient: Bool { code == "selftest.noClient" || code.hasPrefix("client.") }
}
