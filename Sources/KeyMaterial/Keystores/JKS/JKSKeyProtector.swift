import COpenSSL
import CShims
import Foundation

/// Sun's JKS key protection (OID 1.3.6.1.4.1.42.2.17.1.1): a SHA-1 keystream XORed over the PKCS #8 key.
///
/// protected = salt(20) || (key XOR stream) || SHA-1(password || key), where the stream is
/// d1 = SHA-1(password || salt), d(i+1) = SHA-1(password || d(i)). Weak by today's standards, and the
/// only protection JKS knows; new stores should be PKCS #12.
enum JKSKeyProtector {
    static let oid = "1.3.6.1.4.1.42.2.17.1.1"
    private static let digestLength = 20

    /// The EncryptedPrivateKeyInfo DER for `key`, protected with `password`.
    static func protect(_ key: PrivateKey, password: Secret) throws -> Data {
        let pass = try JKSPassword(password)
        var plain = try pkcs8(key)
        defer { plain.resetBytes(in: 0..<plain.count) }
        let salt = try SecureRandom.bytes(digestLength)
        var protected = salt
        protected.append(xor(plain, stream(pass, salt: salt, length: plain.count)))
        protected.append(pass.sha1(plain))
        return try encryptedPrivateKeyInfo(protected)
    }

    /// The key inside `encoded` (an EncryptedPrivateKeyInfo); `.wrongPassword` when its check digest
    /// rejects `password`, `.corrupt` or `.unsupported` for anything malformed.
    static func recover(_ encoded: Data, password: Secret) throws -> PrivateKey {
        let protected = try protectedBytes(encoded)
        guard protected.count > 2 * digestLength else { throw KeyMaterialError.corrupt("a protected JKS key is too short") }
        let pass = try JKSPassword(password)
        let salt = protected.prefix(digestLength)
        let body = protected.dropFirst(digestLength).dropLast(digestLength)
        let check = protected.suffix(digestLength)
        var plain = xor(Data(body), stream(pass, salt: Data(salt), length: body.count))
        defer { plain.resetBytes(in: 0..<plain.count) }
        guard ConstantTime.equals(pass.sha1(plain), Data(check)) else {
            throw KeyMaterialError.wrongPassword("the key password is incorrect")
        }
        return try key(fromPKCS8: plain)
    }

    private static func stream(_ pass: JKSPassword, salt: Data, length: Int) -> Data {
        var stream = Data(capacity: length + digestLength)
        var digest = salt
        while stream.count < length {
            digest = pass.sha1(digest)
            stream.append(digest)
        }
        return stream.prefix(length)
    }

    private static func xor(_ data: Data, _ stream: Data) -> Data {
        Data(zip(data, stream).map { $0 ^ $1 })
    }

    static func pkcs8(_ key: PrivateKey) throws -> Data {
        guard let info = EVP_PKEY2PKCS8(key.pkey) else { throw KeyMaterialError.cryptoFailure("cannot encode the key as PKCS #8") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        let length = i2d_PKCS8_PRIV_KEY_INFO(info, nil)
        guard length > 0 else { throw KeyMaterialError.cryptoFailure("cannot encode the key as PKCS #8") }
        var data = Data(count: Int(length))
        data.withUnsafeMutableBytes { raw in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            _ = i2d_PKCS8_PRIV_KEY_INFO(info, &cursor)
        }
        return data
    }

    private static func key(fromPKCS8 plain: Data) throws -> PrivateKey {
        let pkey: OpaquePointer? = plain.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let info = d2i_PKCS8_PRIV_KEY_INFO(nil, &cursor, raw.count) else { return nil }
            defer { PKCS8_PRIV_KEY_INFO_free(info) }
            return EVP_PKCS82PKEY(info)
        }
        guard let pkey else { throw KeyMaterialError.unsupported(OpenSSLErrors.appending(to: "cannot decode the protected key")) }
        return PrivateKey(owning: pkey)
    }

    /// EncryptedPrivateKeyInfo is OpenSSL's X509_SIG: an AlgorithmIdentifier and an OCTET STRING.
    private static func encryptedPrivateKeyInfo(_ protected: Data) throws -> Data {
        let sig = protected.withUnsafeBytes { raw in
            cs_x509_sig_new(oid, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(raw.count))
        }
        guard let sig else { throw KeyMaterialError.cryptoFailure("cannot build the protected key structure") }
        defer { X509_SIG_free(sig) }
        let length = i2d_X509_SIG(sig, nil)
        guard length > 0 else { throw KeyMaterialError.cryptoFailure("cannot encode the protected key") }
        var data = Data(count: Int(length))
        data.withUnsafeMutableBytes { raw in
            var cursor = raw.baseAddress?.assumingMemoryBound(to: UInt8.self)
            _ = i2d_X509_SIG(sig, &cursor)
        }
        return data
    }

    private static func protectedBytes(_ encoded: Data) throws -> Data {
        try encoded.withUnsafeBytes { raw -> Data in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                throw KeyMaterialError.corrupt("an empty protected key")
            }
            var cursor: UnsafePointer<UInt8>? = base
            guard let sig = d2i_X509_SIG(nil, &cursor, raw.count) else {
                OpenSSLErrors.clear()
                throw KeyMaterialError.corrupt("a protected JKS key is not an EncryptedPrivateKeyInfo")
            }
            defer { X509_SIG_free(sig) }
            var object: OpaquePointer?
            var bytes: UnsafePointer<UInt8>?
            var length: Int32 = 0
            guard cs_x509_sig_get0(sig, &object, &bytes, &length) == 1 else {
                throw KeyMaterialError.corrupt("a protected JKS key is incomplete")
            }
            let name = objectText(object)
            guard name == oid else {
                throw KeyMaterialError.unsupported("key protection \(name) is not JKS's (\(oid)); JCEKS stores are not supported")
            }
            guard let bytes else { return Data() }
            return Data(bytes: bytes, count: Int(length))
        }
    }

    static func objectText(_ object: OpaquePointer?) -> String {
        var buffer = [CChar](repeating: 0, count: 128)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0 else { return "?" }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
