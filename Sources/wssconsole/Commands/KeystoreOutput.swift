import ConsoleUI
import Foundation
import KeyMaterial
import ServerHome

/// What `keystore list` and `show` print (JSON with --json).
struct EntryRow: Encodable {
    let alias: String
    let type: String
    let subject: String
    let issuer: String
    let notBefore: Date
    let notAfter: Date
    let daysLeft: Int
    /// valid, expiresSoon, expired or notYetValid: a word, not a colour.
    let expiry: ExpiryStatus
    let keyAlgorithm: String
    let sha256: String
    let chainLength: Int
    /// A JKS key whose own password was not given.
    let locked: Bool
    /// Why the key is too weak (RSA 1024, ...); absent when it is not.
    let weakKey: String?
    /// The certificate does not carry the private key's public key.
    let keyMismatch: Bool

    init?(_ entry: Keystore.Entry, now: Date = Date()) {
        guard let certificate = entry.certificate else { return nil }
        alias = entry.alias
        type = entry.kind == .privateKey ? "key" : "trusted"
        subject = certificate.subject
        issuer = certificate.issuer
        notBefore = certificate.notBefore
        notAfter = certificate.notAfter
        daysLeft = certificate.daysLeft(now: now)
        expiry = certificate.expiry(now: now)
        keyAlgorithm = certificate.publicKeyDescription
        sha256 = certificate.sha256Fingerprint
        chainLength = entry.chain.count
        locked = entry.isLocked
        weakKey = certificate.keyWeakness
        keyMismatch = entry.certificateMismatchesKey
    }

    /// What a listing says about a mismatched key, with the fix.
    static let mismatchNote = "its certificate does not carry its private key's public key; import a CA reply for the key "
        + "(keystore import --alias ALIAS --file REPLY) or delete the entry"

    /// The marker a plain listing shows: words, readable without colour.
    var marker: String {
        switch expiry {
        case .valid: "ok"
        case .expiresSoon: "EXPIRES SOON"
        case .expired: "EXPIRED"
        case .notYetValid: "NOT YET VALID"
        }
    }
}

extension ExpiryStatus {
    /// The state in words for people; JSON keeps the raw value.
    var words: String {
        switch self {
        case .valid: "valid"
        case .expiresSoon: "expires soon"
        case .expired: "EXPIRED"
        case .notYetValid: "not yet valid"
        }
    }
}

/// A certificate in full, for `keystore show`.
struct CertificateDetail: Encodable {
    let subject: String, issuer: String, serial: String, version: Int
    let notBefore: Date, notAfter: Date, daysLeft: Int, expiry: ExpiryStatus
    let publicKey: String, signatureAlgorithm: String, sha256: String, sha1: String
    let extensions: [Certificate.Extension]

    init(_ c: Certificate) {
        subject = c.subject; issuer = c.issuer; serial = c.serial; version = c.version
        notBefore = c.notBefore; notAfter = c.notAfter; daysLeft = c.daysLeft(); expiry = c.expiry()
        publicKey = c.publicKeyDescription; signatureAlgorithm = c.signatureAlgorithm
        sha256 = c.sha256Fingerprint; sha1 = c.sha1Fingerprint; extensions = c.extensions
    }

    func print(indent: String) {
        let date = DisplayDate.day
        // Names and extensions come from the certificate: a SAN may hold an ESC sequence meant for the terminal.
        Swift.print("\(indent)subject     \(PrintableText.escaped(subject))")
        Swift.print("\(indent)issuer      \(PrintableText.escaped(issuer))")
        Swift.print("\(indent)serial      \(serial)  (X.509 v\(version))")
        Swift.print("\(indent)valid       \(date(notBefore)) to \(date(notAfter)) (\(Plural.count(daysLeft, "day")) left, \(expiry.words))")
        Swift.print("\(indent)key         \(publicKey), signed \(signatureAlgorithm)")
        Swift.print("\(indent)SHA-256     \(sha256)")
        for ext in extensions {
            Swift.print("\(indent)\(PrintableText.escaped(ext.name))\(ext.critical ? " (critical)" : ""): \(PrintableText.escaped(ext.value))")
        }
    }
}

/// The home's keystores, for `keystore list` without a keystore.
struct StoreRow: Encodable {
    let name: String, role: HomeKeystore.Role, format: String, path: String, alias: String?, exists: Bool

    init(_ k: HomeKeystore) {
        name = k.name; role = k.role; format = k.format.rawValue; path = k.path; alias = k.alias; exists = k.exists
    }
}
