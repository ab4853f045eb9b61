import COpenSSL
import KeyMaterial

/// Plain signatures outside any XML, with the very key a signature uses: the in-process OpenSSL floor that
/// `wssconsole bench xml` compares XML Signature with, and the SignatureValue of a streamed signature, whose
/// SignedInfo is canonicalised here and signed or checked directly.
extension XMLKey {
    /// An RSA PKCS #1 v1.5 SHA-256 signature over `data`.
    public func rawSignatureSHA256(_ data: [UInt8]) throws(XMLError) -> [UInt8] {
        guard kind == .rsaPrivate else { throw XMLError(.keyMismatch, "A raw RSA signature needs an RSA private key, not \(withArticle)") }
        return try rawSignature(data, .rsaSHA256)
    }

    /// True when `signature` is this key's RSA PKCS #1 v1.5 SHA-256 signature over `data`.
    public func rawVerifySHA256(_ data: [UInt8], signature: [UInt8]) -> Bool {
        rawVerify(data, signature: signature, .rsaSHA256)
    }

    /// The value of `algorithm` (RSA PKCS #1 v1.5 or HMAC) over `data`, as a SignatureValue holds it.
    func rawSignature(_ data: [UInt8], _ algorithm: SignatureAlgorithm) throws(XMLError) -> [UInt8] {
        guard algorithm.accepts(self, signing: true), let evp = algorithm.isHMAC ? hmacKey() : self.evp else {
            throw XMLError(.keyMismatch, "A \(self) cannot sign with \(algorithm.name)")
        }
        defer { if algorithm.isHMAC { EVP_PKEY_free(evp) } }
        guard let context = EVP_MD_CTX_new() else { throw XMLError(.signingFailed, "Out of memory") }
        defer { EVP_MD_CTX_free(context) }
        var length = 0
        guard EVP_DigestSignInit(context, nil, algorithm.digest.evp, nil, evp) == 1,
              EVP_DigestSign(context, nil, &length, data, data.count) == 1 else {
            ERR_clear_error()
            throw XMLError(.signingFailed, "OpenSSL could not sign")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, data, data.count) == 1 else {
            ERR_clear_error()
            throw XMLError(.signingFailed, "OpenSSL could not sign")
        }
        return Array(signature[..<length])
    }

    /// True when `signature` is the value of `algorithm` over `data` with this key; HMACs compared in constant time.
    func rawVerify(_ data: [UInt8], signature: [UInt8], _ algorithm: SignatureAlgorithm) -> Bool {
        guard algorithm.accepts(self, signing: false) else { return false }
        if algorithm.isHMAC {
            guard let expected = try? rawSignature(data, algorithm) else { return false }
            return expected.withUnsafeBytes { a in signature.withUnsafeBytes { b in ConstantTime.equals(a, b) } }
        }
        guard let evp, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context); ERR_clear_error() }
        return EVP_DigestVerifyInit(context, nil, algorithm.digest.evp, nil, evp) == 1
            && EVP_DigestVerify(context, signature, signature.count, data, data.count) == 1
    }

    /// An OpenSSL HMAC key holding the secret; the caller frees it.
    private func hmacKey() -> OpaquePointer? {
        guard kind == .hmac, let secret else { return nil }
        return secret.withUnsafeBytes { bytes in
            EVP_PKEY_new_raw_private_key(EVP_PKEY_HMAC, nil, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        }
    }
}

extension SignatureAlgorithm {
    /// The digest the signature method hashes with.
    var digest: DigestAlgorithm {
        switch self {
        case .rsaSHA1, .hmacSHA1: .sha1
        case .rsaSHA256, .hmacSHA256: .sha256
        case .rsaSHA512: .sha512
        }
    }
}
