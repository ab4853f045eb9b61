import WSSecurity

/// What a policy needs from the home (a scenario's, or a custom policy's), checked: transport, runtime class names, keys, users and Kerberos.
struct EnvironmentChecks {
    let home: Home
    let service: Service
    let policy: SecurityPolicy
    let loader: KeystoreLoader

    func findings(for needs: PolicyNeeds) -> [Finding] {
        var findings: [Finding] = []
        if needs.requirements.contains(.https), acceptsPlainHTTP {
            findings.append(Finding(.error, "transport.http", "\(service.name) accepts plain HTTP, where the UsernameToken's password travels in clear",
                                    fix: "Set transports=\"https\" on the <proxy> element."))
        } else if policy.alternative.sendsPasswordInClear, acceptsPlainHTTP {
            findings.append(Finding(.warning, "transport.passwordInClear",
                                    "\(service.name) accepts plain HTTP, and \(needs.label) sends the UsernameToken's password as text, signed but not encrypted: anyone on the path can read it",
                                    fix: "Set transports=\"https\" on the <proxy> element, or use a custom policy that encrypts the token (sp:SignedEncryptedSupportingTokens)."))
        }
        let settings: ConsoleSettings
        do { settings = try home.settings() } catch {
            return findings + [Finding(.error, "settings.unreadable", error.message, fix: error.fix)]
        }
        findings += settings.unreadSettings.map { unread in
            Finding(.warning, "settings.unread", "conf/console.toml \(unread.setting) is not a setting wssconsole reads: it has no effect",
                    fix: unread.known.isEmpty ? "Check the table's name against README.md." : "Check its spelling and table; that table's settings are: "
                        + unread.known.joined(separator: ", ") + ".")
        }
        if settings.runtime == .microIntegrator {
            var isScenario = false
            if case .scenario = service.security { isScenario = true }
            findings += PolicyFindings.carbonClasses(policy, onMicroIntegrator: true, isScenario: isScenario)
        }
        if needs.requirements.contains(.serviceKeyPair) {
            findings += KeystoreChecks(home: home, settings: settings, loader: loader, policyAlias: policy.serviceKeyAlias,
                                       disagreeingCryptoAlias: policy.disagreeingCryptoAlias, policyTrustStores: policy.trustStoreNames).findings(for: needs)
        }
        if needs.requirements.contains(.userStore) { findings += UserStoreChecks(home: home, settings: settings, policy: policy, reapply: needs.reapply(service.name)).findings() }
        if needs.requirements.contains(.kerberos) { findings += KerberosChecks(home: home, service: service, settings: settings, policy: policy).findings() }
        findings += SecretFileChecks(home: home, settings: settings, service: service, policy: policy).findings(for: needs)
        return findings
    }

    /// A TransportBinding (scenario 1) relies on HTTPS, and a message binding sending a password as text (7, 8, 14,
    /// 15) on it too: a proxy that also accepts plain HTTP lets the password cross the network in clear.
    private var acceptsPlainHTTP: Bool { home.acceptsPlainHTTP(service) }
}
