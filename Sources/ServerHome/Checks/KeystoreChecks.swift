import Foundation
import KeyMaterial
import WSSecurity

/// The service's keystore (present, opens with its password, holds the key pair) and its truststore (trusts the
/// clients); demo keys and certificates near expiry are flagged.
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
        let store: PKCS12Keystore
        switch open(keystore) {
        case .store(let opened): store = opened
        case .problem(let finding): return [finding]
        }
        guard case .privateKey(_, _, let chain)? = store.entry(alias: keystore.alias), let certificate = chain.first else {
            return [Finding(.error, "keystore.alias", "\(keystore.file) has no key pair under the alias \(keystore.alias)",
                            fix: "Entries: \(store.entries.map(\.alias).joined(separator: ", ")). Correct the alias in \(home.layout.settingsPath).")]
        }
        var findings = expiry(of: certificate, named: "The service certificate (\(keystore.alias))")
        if scenario.requirements.contains(.trustedClients) { findings += trustFindings(scenario, serviceStore: store) }
        if keystore.demo || certificate.subject.contains("DEMO") {
            findings.append(Finding(.warning, "keystore.demo", "The service key is demo material with a published password",
                                    fix: "Create your own key pair before production."))
        }
        return findings
    }

    /// Client certificates are verified against the truststore (the service keystore itself on a native home).
    private func trustFindings(_ scenario: Scenario, serviceStore: PKCS12Keystore) -> [Finding] {
        var store = serviceStore
        var file = settings.serviceKeystoreSettings?.file ?? ""
        if let trust = settings.trustKeystoreSettings, trust.name != settings.serviceKeystore {
            file = trust.file
            switch open(trust) {
            case .store(let opened): store = opened
            case .problem(let finding): return [finding]
            }
        }
        let trusted = store.entries.filter { if case .trustedCertificate = $0 { true } else { false } }
        guard trusted.isEmpty else { return [] }
        return [Finding(.error, "keystore.noTrustedClients", "Scenario \(scenario.number) verifies client signatures, and \(file) trusts no certificate",
                        fix: "Import the clients' certificates (or their CA) as trusted entries.")]
    }

    private func open(_ keystore: ConsoleSettings.Keystore) -> Opened {
        guard let bytes = FileSystem.read(FileSystem.join(home.root, keystore.file)) else {
            return .problem(Finding(.error, "keystore.missing", "The keystore \(keystore.file) cannot be read",
                                    fix: "Check the path in \(home.layout.settingsPath), or create the keystore."))
        }
        if KeystoreFormat.detect(Data(bytes)) == .jks {
            return .problem(Finding(.warning, "keystore.jks", "\(keystore.file) is a JKS keystore, which wssconsole cannot open yet",
                                    fix: "Its entries are not checked; convert it to PKCS#12 to have them checked."))
        }
        let password: Secret
        switch keystore.password.resolve(homeRoot: home.root) {
        case .success(let secret): password = secret
        case .failure(let error): return .problem(Finding(.error, "keystore.password", error.message, fix: error.fix))
        }
        do {
            return .store(try PKCS12Keystore(data: Data(bytes), password: password))
        } catch let error as KeyMaterialError where error.code == .wrongPassword {
            return .problem(Finding(.error, "keystore.wrongPassword", "The password for \(keystore.file) is wrong",
                                    fix: "Correct it in \(home.layout.settingsPath)."))
        } catch {
            return .problem(Finding(.error, "keystore.unreadable", "\(keystore.file) is not a keystore wssconsole can read: \(error)",
                                    fix: "PKCS#12 is read today; JKS support is coming."))
        }
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

    private enum Opened {
        case store(PKCS12Keystore)
        case problem(Finding)
    }
}
