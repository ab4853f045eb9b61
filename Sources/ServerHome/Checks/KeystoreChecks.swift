import Foundation
import KeyMaterial
import WSSecurity

/// The service keystore: present, opens with its password, holds the key pair, trusts clients; demo keys flagged.
struct KeystoreChecks {
    let home: Home
    let settings: ConsoleSettings
    /// Days before expiry from which a certificate is reported.
    var expiryWarningDays = 30
    var now = Date()

    func findings(for scenario: Scenario) -> [Finding] {
        guard let keystore = settings.serviceKeystoreSettings else {
            return [Finding(.error, "keystore.none", "Scenario \(scenario.number) needs the service's key pair, and no keystore is configured",
                            fix: "Add a [keystore.NAME] table and [service] keystore = \"NAME\" to \(home.layout.settingsPath).")]
        }
        guard let bytes = FileSystem.read(FileSystem.join(home.root, keystore.file)) else {
            return [Finding(.error, "keystore.missing", "The keystore \(keystore.file) cannot be read",
                            fix: "Check the path in \(home.layout.settingsPath), or create the keystore.")]
        }
        let password: Secret
        switch keystore.password.resolve(homeRoot: home.root) {
        case .success(let secret): password = secret
        case .failure(let error): return [Finding(.error, "keystore.password", error.message, fix: error.fix)]
        }
        let store: PKCS12Keystore
        do { store = try PKCS12Keystore(data: Data(bytes), password: password) } catch let error as KeyMaterialError {
            return [error.code == .wrongPassword
                ? Finding(.error, "keystore.wrongPassword", "The password for \(keystore.file) is wrong", fix: "Correct it in \(home.layout.settingsPath).")
                : Finding(.error, "keystore.unreadable", "\(keystore.file) is not a keystore wssconsole can read: \(error.reason)",
                          fix: "PKCS#12 is read today; JKS support is coming.")]
        } catch {
            return [Finding(.error, "keystore.unreadable", "\(keystore.file): \(error)")]
        }
        var findings: [Finding] = []
        guard case .privateKey(_, _, let chain)? = store.entry(alias: keystore.alias), let certificate = chain.first else {
            return [Finding(.error, "keystore.alias", "\(keystore.file) has no key pair under the alias \(keystore.alias)",
                            fix: "Entries: \(store.entries.map(\.alias).joined(separator: ", ")). Correct the alias in \(home.layout.settingsPath).")]
        }
        findings += expiry(of: certificate, named: "The service certificate (\(keystore.alias))")
        if scenario.requirements.contains(.trustedClients) {
            let trusted = store.entries.filter { if case .trustedCertificate = $0 { true } else { false } }
            if trusted.isEmpty {
                findings.append(Finding(.error, "keystore.noTrustedClients", "Scenario \(scenario.number) verifies client signatures, and \(keystore.file) trusts no certificate",
                                        fix: "Import the clients' certificates (or their CA) as trusted entries."))
            }
        }
        if keystore.demo || certificate.subject.contains("DEMO") {
            findings.append(Finding(.warning, "keystore.demo", "The service key is demo material with a published password",
                                    fix: "Create your own key pair before production."))
        }
        return findings
    }

    private func expiry(of certificate: Certificate, named name: String) -> [Finding] {
        let days = Int(certificate.notAfter.timeIntervalSince(now) / 86_400)
        if certificate.notAfter < now {
            return [Finding(.error, "certificate.expired", "\(name) expired on \(certificate.notAfter)", fix: "Renew it (new key pair or CA reply).")]
        }
        if days < expiryWarningDays {
            return [Finding(.warning, "certificate.expiring", "\(name) expires in \(days) days", fix: "Renew it soon.")]
        }
        return []
    }
}
