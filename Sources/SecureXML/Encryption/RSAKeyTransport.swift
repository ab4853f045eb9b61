import COpenSSL
import KeyMaterial

/// RSA key transport on OpenSSL's EVP API. xmlsec 1.2.37 only does OAEP with SHA-1 and cannot apply the
/// RSA-1_5 countermeasure, so every RSA variant goes through this one small piece instead.
enum RSAKeyTransport {
    /// Encrypts `key` to the holder of `rsa`'s private half.
    static func encrypt(_ key: Secret, with rsa: XMLKey, algorithm: KeyEncryptionAlgorithm, label: [UInt8]) throws(XMLError) -> [UInt8] {
        guard let evp = rsa.evp else { throw XMLError(.keyMismatch, "A \(rsa) cannot encrypt a key with RSA") }
        guard let context = context(rsa, evp, Setup(algorithm: algorithm, encrypt: true)) else {
            ERR_clear_error()
            throw XMLError(.encryptionFailed, "OpenSSL cannot encrypt the key with \(algorithm)")
        }
        defer { EVP_PKEY_CTX_free(context); ERR_clear_error() }
        var length = Int(EVP_PKEY_get_size(evp))
        var output = [UInt8](repeating: 0, count: length)
        let ok = setLabel(context, label) && key.withUnsafeBytes { bytes in
            EVP_PKEY_encrypt(context, &output, &length, bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count) == 1
        }
        guard ok else { throw XMLError(.encryptionFailed, "OpenSSL cannot encrypt the key with \(algorithm)") }
        return Array(output[..<length])
    }

    /// Decrypts a transported key; nil for any failure, with no detail (padding errors must not be told apart).
    static func decrypt(_ cipher: [UInt8], with rsa: XMLKey, algorithm: KeyEncryptionAlgorithm, label: [UInt8]) -> [UInt8]? {
        guard rsa.kind == .rsaPrivate, let evp = rsa.evp, let context = context(rsa, evp, Setup(algorithm: algorithm, encrypt: false)) else {
            ERR_clear_error()
            return nil
        }
        defer { EVP_PKEY_CTX_free(context); ERR_clear_error() }
        var length = Int(EVP_PKEY_get_size(evp))
        var output = [UInt8](repeating: 0, count: max(length, 1))
        guard setLabel(context, label), EVP_PKEY_decrypt(context, &output, &length, cipher, cipher.count) == 1 else { return nil }
        defer { OPENSSL_cleanse(&output, output.count) }
        return Array(output[..<length])
    }

    /// What a prepared context is set up for.
    struct Setup: Hashable {
        let algorithm: KeyEncryptionAlgorithm
        let encrypt: Bool
    }

    /// A context of `rsa` ready for `setup`, owned by the caller: a duplicate of one made once per key. Making one
    /// fetches the key's cipher and the OAEP digests from OpenSSL's provider tables, which cost a third of a
    /// public-key encryption; a duplicate costs next to nothing. The prepared one is never used itself, only copied
    /// (under the key's lock), so threads never share a context.
    private static func context(_ rsa: XMLKey, _ evp: OpaquePointer, _ setup: Setup) -> OpaquePointer? {
        // Handed out of the lock as an address: a context is not Sendable, and this one is the caller's alone.
        let address = rsa.transportContexts.withLock { prepared -> UInt in
            if prepared[setup] == nil {
                guard let made = EVP_PKEY_CTX_new(evp, nil) else { return 0 }
                guard (setup.encrypt ? EVP_PKEY_encrypt_init(made) : EVP_PKEY_decrypt_init(made)) == 1,
                      configure(made, setup.algorithm) else {
                    EVP_PKEY_CTX_free(made)
                    return 0
                }
                prepared[setup] = UInt(bitPattern: made)
            }
            return EVP_PKEY_CTX_dup(OpaquePointer(bitPattern: prepared[setup]!)).map { UInt(bitPattern: $0) } ?? 0
        }
        return OpaquePointer(bitPattern: address)
    }

    private static func configure(_ context: OpaquePointer, _ algorithm: KeyEncryptionAlgorithm) -> Bool {
        switch algorithm.kind {
        case .rsa15:
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) > 0
        case .rsaOAEP:
            return EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) > 0
                && EVP_PKEY_CTX_set_rsa_oaep_md(context, md(algorithm.digest)) > 0
                && EVP_PKEY_CTX_set_rsa_mgf1_md(context, md(algorithm.mgfDigest)) > 0
        case .aesKeyWrap:
            return false
        }
    }

    /// OAEP's label, set on each operation's own context (none: nothing to set).
    private static func setLabel(_ context: OpaquePointer, _ label: [UInt8]) -> Bool {
        guard !label.isEmpty else { return true }
        // OpenSSL takes ownership of the label, so it must come from OpenSSL's allocator.
        guard let copy = CRYPTO_malloc(label.count, #fileID, #line) else { return false }
        copy.copyMemory(from: label, byteCount: label.count)
        guard EVP_PKEY_CTX_set0_rsa_oaep_label(context, copy, Int32(label.count)) > 0 else {
            CRYPTO_free(copy, #fileID, #line)
            return false
        }
        return true
    }

    private static func md(_ digest: DigestAlgorithm) -> OpaquePointer? {
        switch digest {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
    }
}
