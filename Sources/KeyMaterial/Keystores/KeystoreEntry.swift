/// One entry of a keystore, named by its alias.
public enum KeystoreEntry: Sendable, Hashable {
    /// A private key with its certificate chain, leaf first (keytool's `PrivateKeyEntry`).
    case privateKey(alias: String, key: PrivateKey, chain: [Certificate])
    /// A certificate trusted for any purpose, without a key (keytool's `trustedCertEntry`).
    case trustedCertificate(alias: String, certificate: Certificate)

    /// The entry's name within its keystore.
    public var alias: String {
        switch self {
        case .privateKey(let alias, _, _), .trustedCertificate(let alias, _): alias
        }
    }

    /// The entry's own certificate: the chain's leaf, or the trusted certificate.
    public var certificate: Certificate? {
        switch self {
        case .privateKey(_, _, let chain): chain.first
        case .trustedCertificate(_, let certificate): certificate
        }
    }

    public static func == (lhs: KeystoreEntry, rhs: KeystoreEntry) -> Bool {
        switch (lhs, rhs) {
        case let (.privateKey(a1, k1, c1), .privateKey(a2, k2, c2)):
            a1 == a2 && c1 == c2 && (k1 === k2 || c1.first.map(k2.matches) == true)
        case let (.trustedCertificate(a1, c1), .trustedCertificate(a2, c2)):
            a1 == a2 && c1 == c2
        default:
            false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(alias)
        hasher.combine(certificate)
    }
}
