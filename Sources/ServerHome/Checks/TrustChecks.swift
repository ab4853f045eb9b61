import Foundation
import KeyMaterial
import WSSecurity

/// Who must trust whom for a scenario: the service's truststore the clients (scenarios that verify client
/// signatures), and the home's configured client the service certificate (it encrypts to it, or checks its signature).
struct TrustChecks {
    let home: Home
    let settings: ConsoleSettings
    let serviceCertificate: Certificate
    let loader: KeystoreLoader
    /// The keystores the policy's `truststores` names (see ``SecurityPolicy/trustStoreNames``).
    var policyTrustStores: [String] = []
    var now = Date()

    func findings(for needs: PolicyNeeds, serviceStore: Keystore) -> [Finding] {
        var findings: [Finding] = []
        let client = settings.client?.keystore.flatMap { try? loader.open($0).get() }
        if needs.requirements.contains(.trustedClients) {
            findings += truststoreFindings(needs, serviceStore: serviceStore, client: client.flatMap(clientChain))
            findings += policyTrustStoreFindings()
        }
        if let client { findings += clientTrustFindings(client) }
        return findings
    }

    /// Client certificates are verified against the truststore (the service keystore itself on a native home).
    private func truststoreFindings(_ needs: PolicyNeeds, serviceStore: Keystore, client: [Certificate]?) -> [Finding] {
        var store = serviceStore
        var file = settings.serviceKeystoreSettings?.file ?? ""
        var entry = "keystore"
        if let trust = settings.trustKeystoreSettings, trust.name != settings.serviceKeystore {
            (file, entry) = (trust.file, "truststore")
            switch loader.open(trust) {
            case .success(let opened): store = opened
            case .failure(let failure): return [failure.finding]
            }
        }
        let trusted = store.certificatesTrustedByService
        guard !trusted.isEmpty else {
            return [Finding(.error, "keystore.noTrustedClients", "\(needs.subject) verifies client signatures, and \(file) trusts no certificate",
                            fix: "Import the clients' certificates (or their CA) as trusted entries: wssconsole keystore import --entry \(entry) --alias ALIAS --file CERT.")]
        }
        var findings: [Finding] = []
        if store.trustedCertificates.isEmpty {
            // Micro Integrator trusts a key pair's own certificate too, so this works for a client sharing the key.
            let pairs = store.entries.filter { $0.kind != .trustedCertificate }.map(\.alias).joined(separator: ", ")
            findings.append(Finding(.warning, "keystore.noTrustedClients",
                                    "\(needs.subject) verifies client signatures, and \(file) holds no trusted certificate: only a client signing with its own key pair (\(pairs)) is accepted",
                                    fix: "Import the clients' certificates (or their CA) as trusted entries: wssconsole keystore import --entry \(entry) --alias ALIAS --file CERT."))
        }
        if trusted.allSatisfy({ $0.notAfter < now }) {
            findings.append(Finding(.error, "truststore.allExpired", "Every certificate \(file) trusts has expired",
                                    fix: "Import the clients' current certificates (or their CA)."))
        }
        findings += certificateAuthorities(store, file: file, entry: entry)
        // The client sends its own certificate; its CA chain may be in its keystore or in the truststore's.
        if let client, let leaf = client.first {
            let verifier = ChainVerifier(anchors: trusted, intermediates: client.dropFirst() + store.entries.flatMap { $0.chain.dropFirst() })
            if case .failure(let failure) = verifier.verify(leaf, at: now) {
                findings.append(Finding(.warning, "truststore.clientNotTrusted",
                                        "\(file) does not trust the configured client's certificate (\(leaf.subject)): \(failure)",
                                        fix: "Import it or its CA as a trusted entry (wssconsole keystore import --entry keystore --alias ALIAS --file CERT), or name another client keystore (wssconsole client set --keystore FILE --storepass-env NAME)."))
            }
        }
        return findings
    }

    /// A trusted CA makes a client of every certificate it issues: Micro Integrator (WSS4J 1.6's Merlin, then Java's
    /// PKIX) and the engine (``ChainVerifier``) ask that a client's certificate chain to a trusted one, never whose it
    /// is. Told, not warned of: trusting the clients' own CA is the usual setup, and a choice only the operator can judge.
    private func certificateAuthorities(_ store: Keystore, file: String, entry: String) -> [Finding] {
        let authorities = store.entries.compactMap { trusted in trusted.certificate.flatMap { $0.isCA ? (trusted.alias, $0) : nil } }
        guard !authorities.isEmpty else { return [] }
        let names = authorities.map { "\(PrintableText.escaped($0.0)) (\(PrintableText.escaped($0.1.subject)))" }.joined(separator: ", ")
        let one = authorities.count == 1
        return [Finding(.info, "truststore.trustsCA",
                        "\(file) trusts \(one ? "a CA" : "CAs"): \(names). Every certificate \(one ? "it issues" : "they issue") is accepted as a client, whoever it names: "
                            + "Micro Integrator (WSS4J 1.6), as wssconsole, checks that a client's certificate chains to a trusted one, not whose it is",
                        fix: "Keep \(one ? "it" : "them") if everyone \(one ? "it certifies" : "they certify") may call; otherwise delete \(one ? "it" : "them") "
                            + "(wssconsole keystore delete --entry \(entry) --alias \(one ? Home.shellWord(authorities[0].0) : "ALIAS")) and import the clients' own certificates instead.")]
    }

    /// Micro Integrator loads a truststore the policy names through KeyStoreManager, which knows its primary keystore
    /// by file name: another name (client-truststore.jks, the TLS trust store, say) is not what wssconsole checks.
    private func policyTrustStoreFindings() -> [Finding] {
        guard settings.signatureTrustKeystore != nil, let trust = settings.trustKeystoreSettings else { return [] }
        let primary = String(trust.file.split(separator: "/").last ?? "")
        let others = policyTrustStores.filter { $0 != primary }
        guard !others.isEmpty else { return [] }
        return [Finding(.warning, "policy.truststoreNotLoaded",
                        "The policy's truststores names \(others.joined(separator: ", ")), which is not the primary keystore (\(primary)): "
                            + "wssconsole checks client certificates against \(trust.file) only, and Micro Integrator loads no other by that name",
                        fix: "Re-apply the scenario (it names \(primary)), and import the clients' certificates (or their CA) into \(trust.file).")]
    }

    /// The configured client must hold the service certificate to encrypt to the service or verify its responses.
    private func clientTrustFindings(_ store: Keystore) -> [Finding] {
        guard let client = settings.client?.keystore else { return [] }
        let alias = settings.client?.serviceAlias
        let held = store.entries.contains { entry in
            entry.kind == .trustedCertificate && (alias == nil || alias?.lowercased() == entry.alias.lowercased())
                && entry.certificate == serviceCertificate
        }
        guard !held else { return [] }
        return [Finding(.warning, "client.noServiceCertificate",
                        "The configured client's keystore \(client.file) does not hold the service certificate\(alias.map { " under \($0)" } ?? "")",
                        fix: "Import the service certificate into it (its clients need it too).")]
    }

    private func clientChain(_ store: Keystore) -> [Certificate]? {
        guard let alias = settings.client?.keystore?.alias, let entry = store.entry(alias: alias), entry.kind == .privateKey else { return nil }
        return entry.chain
    }
}
