import Foundation

extension Keystore {
    /// One entry: a private key with its chain, or a trusted certificate.
    public struct Entry: Sendable, Hashable {
        public enum Kind: String, Sendable, Codable {
            /// keytool's PrivateKeyEntry.
            case privateKey
            /// keytool's trustedCertEntry.
            case trustedCertificate
        }

        /// How the entry's private key is held.
        enum KeyState: Sendable {
            case none
            /// In clear; `password` is the key's own password, nil when it is the store password.
            case open(PrivateKey, password: Secret?)
            /// A key its own password protects, not given yet; the bytes are written back as they were.
            case locked(LockedKey)
        }

        /// A key still encrypted under a password of its own.
        enum LockedKey: Sendable {
            /// Sun's key protector (JKS).
            case jks(Data)
            /// The EncryptedPrivateKeyInfo of a PKCS #12 shrouded key bag.
            case pkcs12(Data)

            func recover(_ password: Secret) throws -> PrivateKey {
                switch self {
                case .jks(let protected): try JKSKeyProtector.recover(protected, password: password)
                case .pkcs12(let encrypted): try PKCS12ShroudedKey.decrypt(encrypted, password: password)
                }
            }
        }

        public internal(set) var alias: String
        public let kind: Kind
        /// Leaf first; a trusted entry has one certificate.
        public internal(set) var chain: [Certificate]
        /// When the entry was made (JKS records it); nil when the format does not.
        public let created: Date?
        var keyState: KeyState

        /// A private-key entry; `keyPassword` is its own password, nil for the store password.
        public static func privateKey(alias: String, key: PrivateKey, chain: [Certificate], keyPassword: Secret? = nil, created: Date? = nil) -> Entry {
            Entry(alias: alias, kind: .privateKey, chain: chain, created: created, keyState: .open(key, password: keyPassword))
        }

        /// A trusted-certificate entry.
        public static func trustedCertificate(alias: String, certificate: Certificate, created: Date? = nil) -> Entry {
            Entry(alias: alias, kind: .trustedCertificate, chain: [certificate], created: created, keyState: .none)
        }

        /// The entry's own certificate: the chain's leaf, or the trusted certificate.
        public var certificate: Certificate? { chain.first }

        /// The private key; nil for trusted certificates and for keys still locked by their own password.
        public var privateKey: PrivateKey? {
            if case .open(let key, _) = keyState { return key }
            return nil
        }

        /// The entry's certificate does not carry its private key's public key (Java's KeyStore API stores such
        /// entries; keytool and we never make them): signatures with the key fail against the certificate.
        public var certificateMismatchesKey: Bool {
            guard let key = privateKey, let leaf = chain.first else { return false }
            return !key.matches(leaf)
        }

        /// A key (JKS, or PKCS #12 from older Java tools) whose own password differs from the store's and has not been given yet.
        public var isLocked: Bool {
            if case .locked = keyState { return true }
            return false
        }

        /// The key has a password of its own, different from the store password.
        public var hasOwnKeyPassword: Bool {
            switch keyState {
            case .locked: true
            case .open(_, let password): password != nil
            case .none: false
            }
        }

        public static func == (lhs: Entry, rhs: Entry) -> Bool {
            lhs.alias == rhs.alias && lhs.kind == rhs.kind && lhs.chain == rhs.chain
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(alias)
            hasher.combine(chain)
        }
    }
}
