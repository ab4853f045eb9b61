import Foundation
import KeyMaterial
import WSSecurity

/// The service's keystore (present, opens with its password, holds the key pair under the policy's alias with the
/// right key password, a certificate in its validity period) and what must trust what (see ``TrustChecks``); demo
/// keys and certificates near expiry are flagged.
struct KeystoreChecks {
    let home: Home
    let settings: ConsoleSettings
    let loader: KeystoreLoader
    /// The alias the policy signs with (``SecurityPolicy/serviceKeyAlias``); nil: the settings' alias.
    var policyAlias: String? = nil
    /// The policy's crypto `alias` property, when it names another key than ``policyAlias``.
    var disagreeingCryptoAlias: String? = nil
    /// The keystores the policy's `truststores` names.
    var policyTrustStores: [String] = []
    /// Days before expiry from which a certificate is reported.
    var expiryWarningDays = 30
    var now = Date()

    func findings(for needs: PolicyNeeds) -> [Finding] {
        guard let keystore = settings.serviceKeystoreSettings else {
            return [Finding(.error, "keystore.none", "\(needs.subject) needs the service's key pair, and no keystore is configured",
                            fix: "Add a [keystore.NAME] table and [service] keystore = \"NAME\" to \(home.layout.settingsPath).")]
        }
        let store: Keystore
        switch loader.open(keystore) {
        case .success(let opened): store = opened
        case .failure(let failure): return [failure.finding]
        }
        let alias = policyAlias ?? keystore.alias
        var findings: [Finding] = []
        if let crypto = disagreeingCryptoAlias {
            // Rampart signs with rampart:user; WSO2's ServerCrypto is told the crypto's alias: one of them is wrong.
            findings.append(Finding(.warning, "keystore.aliasDisagrees",
                                    "The policy's rampart:user is \(alias), but its crypto's alias property names \(crypto): Rampart signs with \(alias)",
                                    fix: "Name the same key pair in both (wssconsole apply --scenario N writes both), or edit the policy."))
        }
        let pair: (key: PrivateKey, chain: [Certificate])
        switch loader.keyPair(alias, in: store, of: keystore, namedIn: policyAlias == nil ? home.layout.settingsPath : "the policy") {
        case .success(let found): pair = found
        case .failure(let failure): return findings + [failure.finding]
        }
        let certificate = pair.chain[0]
        if !pair.key.matches(certificate) {
            findings.append(Finding(.error, "keystore.keyMismatch", "The key under \(alias) does not match its certificate",
                                    fix: "Re-import the key pair, or the CA reply for this key."))
        }
        findings += validity(of: certificate, named: "The service certificate (\(alias))", expired: .error)
        if let weakness = certificate.keyWeakness {
            findings.append(Finding(.warning, "keystore.weakKey", "The service key (\(alias)): \(weakness.prefix { $0 != ";" })",
                                    fix: "Make a new key pair (wssconsole keystore genkey --alias NEW), have it certified, and name it in the settings."))
        }
        findings += TrustChecks(home: home, settings: settings, serviceCertificate: certificate, loader: loader, policyTrustStores: policyTrustStores, now: now)
            .findings(for: needs, serviceStore: store)
        if keystore.demo || certificate.subject.contains("DEMO") {
            findings.append(Finding(.warning, "keystore.demo", "The service key is demo material with a published password",
                                    fix: "Create your own key pair before production."))
        } else if WSO2DefaultKey.isDefault(certificate) {
            findings.append(Finding(.warning, "keystore.demo",
                                    "The service key (\(alias), \(certificate.subject)) is WSO2's default, shipped with every distribution: anyone can sign as this service and read what is encrypted to it",
                                    fix: "Make your own key pair (wssconsole keystore genkey --entry \(keystore.name) --alias NEW --dname \"CN=HOST\"), have it certified, and name it as the \(keystore.name) keystore's alias in \(settings.runtime == .microIntegrator ? "conf/deployment.toml" : home.layout.settingsPath)."))
        }
        if WSO2DefaultKey.isDefaultPassword(keystore.password, homeRoot: home.root) {
            findings.append(Finding(.warning, "keystore.defaultPassword",
                                    "\(keystore.file) opens with WSO2's published default password (\(WSO2DefaultKey.password)): a copy of the file (a backup, a .car, an image) gives away its private keys",
                                    fix: "wssconsole keystore passwd --entry \(keystore.name) --keys-too, then give the new password where it tells you."))
        }
        return findings
    }

    /// Not yet valid or expired: `expired` severity; expiring within ``expiryWarningDays``: a warning.
    func validity(of certificate: Certificate, named name: String, expired: Finding.Severity) -> [Finding] {
        if certificate.notBefore > now {
            return [Finding(expired, "certificate.notYetValid", "\(name) is not valid before \(DisplayDate.time(certificate.notBefore))",
                            fix: "Check the clock of this host, or the certificate's dates.")]
        }
        if certificate.notAfter < now {
            return [Finding(expired, "certificate.expired", "\(name) expired on \(DisplayDate.time(certificate.notAfter))", fix: "Renew it (new key pair or CA reply).")]
        }
        // Counted as the keystore listings count (`Certificate.daysLeft`), so the warning and the list agree.
        if certificate.expiry(now: now, warningDays: expiryWarningDays) == .expiresSoon {
            let days = certificate.daysLeft(now: now)
            return [Finding(.warning, "certificate.expiring", "\(name) expires in \(days) day\(days == 1 ? "" : "s")", fix: "Renew it soon.")]
        }
        return []
    }
}
