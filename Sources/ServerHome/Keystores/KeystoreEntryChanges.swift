import Foundation
import KeyMaterial

/// What a keystore edit does to its entries, a line each, for the change's notes: a keystore's diff is only its
/// sizes, so a dry run would not otherwise say which key or certificate it adds, removes or replaces.
enum KeystoreEntryChanges {
    static func lines(_ path: String, before: Keystore, after: Keystore) -> [String] {
        func key(_ entry: Keystore.Entry) -> String { entry.alias.lowercased() }
        let old = Dictionary(before.entries.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.entries.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        var renamed = Set<String>()
        for entry in before.entries where new[key(entry)] == nil {
            // The same entry under another alias: a rename.
            if let moved = after.entries.first(where: { old[key($0)] == nil && $0.kind == entry.kind && $0.chain == entry.chain }) {
                renamed.insert(key(moved))
                lines.append("renames \(name(entry)) to \(PrintableText.escaped(moved.alias))")
            } else {
                lines.append("removes \(describe(entry))")
            }
        }
        for entry in after.entries where !renamed.contains(key(entry)) {
            guard let previous = old[key(entry)] else {
                lines.append("adds \(describe(entry))")
                lines += trust(entry)
                continue
            }
            if previous.kind != entry.kind || previous.chain != entry.chain {
                lines.append("replaces \(name(previous)) with \(describe(entry))")
                lines += trust(entry)
            }
        }
        return lines.map { "\(path): \($0)" }
    }

    /// What a new trusted certificate lets in beyond itself, or fails to: a CA makes a client of every certificate it
    /// issues (validation's truststore.trustsCA), and an expired certificate lets no one in.
    private static func trust(_ entry: Keystore.Entry, now: Date = Date()) -> [String] {
        guard entry.kind == .trustedCertificate, let certificate = entry.certificate else { return [] }
        var lines: [String] = []
        let alias = PrintableText.escaped(entry.alias)
        if certificate.isCA {
            lines.append("\(alias) is a CA: every certificate it issues is trusted with it, and a service that checks client signatures against this store accepts any of them as a client, whoever it names")
        }
        if certificate.notAfter < now {
            lines.append("\(alias) expired on \(DisplayDate.day(certificate.notAfter)): a client certificate that is it or chains to it is refused, so it lets no client in; import a current one")
        }
        return lines
    }

    private static func name(_ entry: Keystore.Entry) -> String {
        (entry.kind == .privateKey ? "key pair " : "trusted certificate ") + PrintableText.escaped(entry.alias)
    }

    /// "key pair partner (CN=partner, RSA 2048, SHA-256 AB:CD:EF:01...89:AB)"; a chain's length when it has a CA's.
    private static func describe(_ entry: Keystore.Entry) -> String {
        guard let certificate = entry.certificate else { return name(entry) }
        let fingerprint = certificate.sha256Fingerprint
        let short = fingerprint.count > 24 ? String(fingerprint.prefix(11)) + "..." + String(fingerprint.suffix(5)) : fingerprint
        let chain = entry.chain.count > 1 ? ", a chain of \(entry.chain.count)" : ""
        return name(entry) + " (\(PrintableText.escaped(certificate.subject)), \(certificate.publicKeyDescription), SHA-256 \(short)\(chain))"
    }
}
