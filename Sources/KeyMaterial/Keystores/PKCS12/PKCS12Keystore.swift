import COpenSSL
import CShims
import Foundation

/// A PKCS #12 keystore: private-key entries with chains and trusted-certificate entries.
///
/// One password protects the file's integrity (HMAC-SHA-256 MAC) and every key and certificate
/// (PBES2: PBKDF2-HMAC-SHA-256 with AES-256-CBC), as keytool expects for PKCS #12.
public struct PKCS12Keystore: Sendable {
    /// The entries, in file order.
    public var entries: [KeystoreEntry]

    /// Bags found in the file that this type does not model (secret keys, CRLs, loose certificates),
    /// one description each. Writing the store back would drop them, so callers should warn first.
    public private(set) var skippedContents: [String]

    /// Keys with a password of their own that the store password did not open (see `PKCS12ShroudedKey`).
    var lockedKeys: [LockedKey] = []

    /// A locked key: its place among all entries, its alias and chain, and its EncryptedPrivateKeyInfo.
    struct LockedKey {
        let index: Int
        let alias: String
        let chain: [Certificate]
        let encrypted: Data
    }

    /// The PBKDF2 iteration count for new files; keytool's default for PKCS #12 as well.
    public static let defaultIterations = 10_000

    /// A keystore holding `entries`.
    public init(entries: [KeystoreEntry] = []) {
        self.entries = entries
        self.skippedContents = []
    }

    init(entries: [KeystoreEntry], skippedContents: [String]) {
        self.entries = entries
        self.skippedContents = skippedContents
    }

    /// The entry named `alias` (compared case-insensitively, as keytool does).
    public func entry(alias: String) -> KeystoreEntry? {
        entries.first { $0.alias.lowercased() == alias.lowercased() }
    }

    /// The DER bytes of a PKCS #12 file holding ``entries`` (and any locked keys, as they were), protected by `password`.
    public func serialized(password: Secret, iterations: Int = PKCS12Keystore.defaultIterations) throws -> Data {
        try validateForWriting()
        var items = entries.map { entry -> Item in
            switch entry {
            case let .privateKey(alias, key, chain): .key(alias: alias, key: key, chain: chain, password: nil)
            case let .trustedCertificate(alias, certificate): .trusted(alias: alias, certificate: certificate)
            }
        }
        for locked in lockedKeys {
            items.insert(.lockedKey(alias: locked.alias, chain: locked.chain, encrypted: locked.encrypted), at: min(locked.index, items.count))
        }
        return try Self.serialize(items, password: password, iterations: iterations)
    }

    /// What a file holds, for writing: a key protected by the store password or its own, a locked key kept as
    /// it was read, a trusted certificate.
    enum Item {
        case key(alias: String, key: PrivateKey, chain: [Certificate], password: Secret?)
        case lockedKey(alias: String, chain: [Certificate], encrypted: Data)
        case trusted(alias: String, certificate: Certificate)
    }

    /// The DER bytes of a PKCS #12 file holding `items`, its MAC and certificates under `password`.
    static func serialize(_ items: [Item], password: Secret, iterations: Int = PKCS12Keystore.defaultIterations) throws -> Data {
        guard (1_000...10_000_000).contains(iterations) else {
            throw KeyMaterialError.invalidArgument("PKCS #12 iteration count \(iterations) out of range")
        }
        return try password.withCString { pass in
            var certificateBags: OpaquePointer?
            var keyBags: OpaquePointer?
            var safes: OpaquePointer?
            defer {
                cs_sk_PKCS12_SAFEBAG_pop_free(certificateBags)
                cs_sk_PKCS12_SAFEBAG_pop_free(keyBags)
                cs_sk_PKCS7_pop_free(safes)
            }
            for item in items {
                switch item {
                case let .key(alias, key, chain, own):
                    let keyID = try addChain(alias, chain, &certificateBags)
                    try (own ?? password).withCString { keyPass in
                        try addKey(alias, key, keyID, keyPass, Int32(iterations), &keyBags)
                    }
                case let .lockedKey(alias, chain, encrypted):
                    try PKCS12ShroudedKey.add(encrypted, alias: alias, keyID: addChain(alias, chain, &certificateBags), to: &keyBags)
                case let .trusted(alias, certificate):
                    guard cs_pkcs12_add_trusted_cert(&certificateBags, certificate.x509, alias) == 1 else {
                        throw KeyMaterialError.cryptoFailure("cannot add trusted certificate \(alias)")
                    }
                }
            }
            // Certificates go in an encrypted safe; keys are shrouded one by one inside a plain one.
            if certificateBags != nil,
               PKCS12_add_safe(&safes, certificateBags, NID_aes_256_cbc, Int32(iterations), pass) != 1 {
                throw KeyMaterialError.cryptoFailure("cannot encrypt the certificate safe")
            }
            if keyBags != nil, PKCS12_add_safe(&safes, keyBags, -1, 0, nil) != 1 {
                throw KeyMaterialError.cryptoFailure("cannot add the key safe")
            }
            if safes == nil { safes = cs_sk_PKCS7_new_null() }  // an empty store is still a valid file
            guard let p12 = PKCS12_add_safes(safes, 0) else {
                throw KeyMaterialError.cryptoFailure("cannot assemble the PKCS #12 structure")
            }
            defer { PKCS12_free(p12) }
            guard PKCS12_set_mac(p12, pass, -1, nil, 0, Int32(iterations), EVP_sha256()) == 1 else {
                throw KeyMaterialError.cryptoFailure("cannot compute the PKCS #12 MAC")
            }
            return try Self.encode(p12)
        }
    }

    private func validateForWriting() throws {
        var seen = Set<String>()
        for entry in entries {
            guard !entry.alias.isEmpty else { throw KeyMaterialError.invalidArgument("an entry has an empty alias") }
            guard seen.insert(entry.alias.lowercased()).inserted else {
                throw KeyMaterialError.invalidArgument("alias \(entry.alias) is used twice")
            }
            if case let .privateKey(alias, key, chain) = entry {
                guard let leaf = chain.first else {
                    throw KeyMaterialError.invalidArgument("key entry \(alias) has no certificate")
                }
                guard key.matches(leaf) else {
                    throw KeyMaterialError.invalidArgument("the first certificate of \(alias) does not match its key")
                }
            }
        }
    }

    /// Adds the chain's certificate bags and returns the localKeyID that pairs the leaf with its key: SHA-1 of
    /// the certificate, as OpenSSL itself uses, unique per leaf.
    private static func addChain(_ alias: String, _ chain: [Certificate], _ certificateBags: inout OpaquePointer?) throws -> [UInt8] {
        var keyID = [UInt8](Digest.sha1(chain[0].derBytes))
        guard let leafBag = PKCS12_add_cert(&certificateBags, chain[0].x509),
              PKCS12_add_friendlyname_utf8(leafBag, alias, -1) == 1,
              PKCS12_add_localkeyid(leafBag, &keyID, Int32(keyID.count)) == 1
        else { throw KeyMaterialError.cryptoFailure("cannot add the certificate of \(alias)") }
        for issuer in chain.dropFirst() {
            guard PKCS12_add_cert(&certificateBags, issuer.x509) != nil else {
                throw KeyMaterialError.cryptoFailure("cannot add a chain certificate of \(alias)")
            }
        }
        return keyID
    }

    private static func addKey(_ alias: String, _ key: PrivateKey, _ keyID: [UInt8], _ pass: UnsafePointer<CChar>,
                               _ iterations: Int32, _ keyBags: inout OpaquePointer?) throws {
        var keyID = keyID
        guard let keyBag = PKCS12_add_key(&keyBags, key.pkey, 0, iterations, NID_aes_256_cbc, pass),
              PKCS12_add_friendlyname_utf8(keyBag, alias, -1) == 1,
              PKCS12_add_localkeyid(keyBag, &keyID, Int32(keyID.count)) == 1
        else { throw KeyMaterialError.cryptoFailure("cannot add the key of \(alias)") }
    }

    private static func encode(_ p12: OpaquePointer) throws -> Data {
        let length = i2d_PKCS12(p12, nil)
        guard length > 0 else { throw KeyMaterialError.cryptoFailure("cannot encode the PKCS #12 structure") }
        var data = Data(count: Int(length))
        data.withUnsafeMutableBytes { raw in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            _ = i2d_PKCS12(p12, &cursor)
        }
        return data
    }
}
