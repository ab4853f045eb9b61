import COpenSSL
import CShims
import Foundation

/// A PKCS #12 key encrypted under a password of its own, apart from the store's.
///
/// Java's older PKCS12KeyStore and other tools can protect a key with another password than the store's
/// (OpenSSL and today's keytool never do). When the store password verifies the MAC the bytes are intact, so a
/// key bag it does not decrypt has a password of its own: the entry stays locked, listed and written back as
/// it was, until that password is given.
enum PKCS12ShroudedKey {
    /// The key inside `encrypted` (an EncryptedPrivateKeyInfo); `.wrongPassword` when `password` does not open it.
    static func decrypt(_ encrypted: Data, password: Secret) throws -> PrivateKey {
        guard let sig = decode(encrypted) else { throw KeyMaterialError.corrupt(OpenSSLErrors.appending(to: "a damaged encrypted key")) }
        defer { X509_SIG_free(sig) }
        try PBEWork.check(algorithm(of: sig), what: "the encrypted private key")
        // Older tools used 3DES or RC2; RC2 is only in the private legacy context.
        let info = password.withCString { pass in
            PKCS8_decrypt(sig, pass, -1) ?? PKCS8_decrypt_ex(sig, pass, -1, cs_legacy_libctx(), nil)
        }
        OpenSSLErrors.clear()
        guard let info else { throw KeyMaterialError.wrongPassword("the key password is incorrect") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let pkey = EVP_PKCS82PKEY(info) else {
            throw KeyMaterialError.unsupported(OpenSSLErrors.appending(to: "cannot decode a private key"))
        }
        return PrivateKey(owning: pkey)
    }

    /// The encryption algorithm of an EncryptedPrivateKeyInfo (borrowed from it).
    static func algorithm(of sig: OpaquePointer?) -> UnsafePointer<X509_ALGOR>? {
        guard let sig else { return nil }
        var algorithm: UnsafePointer<X509_ALGOR>?
        X509_SIG_get0(sig, &algorithm, nil)
        return algorithm
    }

    /// The EncryptedPrivateKeyInfo of a shrouded key bag, as DER.
    static func encrypted(of bag: OpaquePointer) -> Data? {
        guard let sig = PKCS12_SAFEBAG_get0_pkcs8(bag) else { return nil }
        let length = i2d_X509_SIG(sig, nil)
        guard length > 0 else { return nil }
        var data = Data(count: Int(length))
        data.withUnsafeMutableBytes { raw in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            _ = i2d_X509_SIG(sig, &cursor)
        }
        return data
    }

    /// Adds a shrouded key bag holding `encrypted` unchanged to `bags`, named `alias` and paired by `keyID`.
    static func add(_ encrypted: Data, alias: String, keyID: [UInt8], to bags: inout OpaquePointer?) throws {
        guard let sig = decode(encrypted) else { throw KeyMaterialError.corrupt("the locked key of \(alias) is damaged") }
        guard let bag = PKCS12_SAFEBAG_create0_pkcs8(sig) else {
            X509_SIG_free(sig)
            throw KeyMaterialError.cryptoFailure("cannot wrap the locked key of \(alias)")
        }
        var id = keyID
        guard PKCS12_add_friendlyname_utf8(bag, alias, -1) == 1, PKCS12_add_localkeyid(bag, &id, Int32(id.count)) == 1,
              cs_sk_PKCS12_SAFEBAG_push_new(&bags, bag) == 1 else {
            PKCS12_SAFEBAG_free(bag)
            throw KeyMaterialError.cryptoFailure("cannot add the locked key of \(alias)")
        }
    }

    private static func decode(_ der: Data) -> OpaquePointer? {
        der.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            return d2i_X509_SIG(nil, &cursor, raw.count)
        }
    }
}
