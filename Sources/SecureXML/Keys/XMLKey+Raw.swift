import COpenSSL

/// Plain RSA signatures outside any XML, with the very key a signature uses: the in-process OpenSSL floor that
/// `wssconsole bench xml` compares XML Signature with.
extension XMLKey {
    /// An RSA PKCS #1 v1.5 SHA-256 signature over `data`.
    public func rawSignatureSHA256(_ data: [UInt8]) throws(XMLError) -> [UInt8] {
        guard kind == .rsaPrivate, let evp, let context = EVP_MD_CTX_new() else {
            throw XMLError(.keyMismatch, "A raw RSA signature needs an RSA private key, not a \(self)")
        }
        defer { EVP_MD_CTX_free(context) }
        var length = Int(EVP_PKEY_get_size(evp))
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, evp) == 1,
              EVP_DigestSign(context, &signature, &length, data, data.count) == 1 else {
            ERR_clear_error()
            throw XMLError(.signingFailed, "OpenSSL could not sign")
        }
        return Array(signature[..<length])
    }

    /// True when `signature` is this key's RSA PKCS #1 v1.5 SHA-256 signature over `data`.
    public func rawVerifySHA256(_ data: [UInt8], signature: [UInt8]) -> Bool {
        guard let evp, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context); ERR_clear_error() }
        return EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, evp) == 1
            && EVP_DigestVerify(context, signature, signature.count, data, data.count) == 1
    }
}
