import COpenSSL
import Foundation

/// Plain RSA operations outside any XML, with the very key a message uses: the in-process OpenSSL floor that
/// `wssconsole bench message` compares the engine with (rsa-sha1 signatures, RSA-OAEP key transport).
extension PrivateKey {
    /// An RSA PKCS #1 v1.5 SHA-1 signature over `data`.
    public func rawSignatureSHA1(_ data: Data) throws -> Data {
        guard let context = EVP_MD_CTX_new() else { throw Self.rawFailure("no digest context") }
        defer { EVP_MD_CTX_free(context) }
        var length = Int(EVP_PKEY_get_size(pkey))
        var signature = Data(count: length)
        let signed = signature.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { input in
                EVP_DigestSignInit(context, nil, EVP_sha1(), nil, pkey) == 1
                    && EVP_DigestSign(context, out.bindMemory(to: UInt8.self).baseAddress, &length,
                                      input.bindMemory(to: UInt8.self).baseAddress, input.count) == 1
            }
        }
        guard signed else { throw Self.rawFailure("signing failed") }
        return signature.prefix(length)
    }

    /// True when `signature` is this key's RSA PKCS #1 v1.5 SHA-1 signature over `data`.
    public func rawVerifySHA1(_ data: Data, signature: Data) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context); ERR_clear_error() }
        return signature.withUnsafeBytes { sig in
            data.withUnsafeBytes { input in
                EVP_DigestVerifyInit(context, nil, EVP_sha1(), nil, pkey) == 1
                    && EVP_DigestVerify(context, sig.bindMemory(to: UInt8.self).baseAddress, sig.count,
                                        input.bindMemory(to: UInt8.self).baseAddress, input.count) == 1
            }
        }
    }

    /// RSA-OAEP (SHA-1, MGF1-SHA1) of `data` with this key's public half, or its decryption with the private key.
    public func rawOAEP(_ data: Data, encrypt: Bool) throws -> Data {
        guard let context = EVP_PKEY_CTX_new(pkey, nil) else { throw Self.rawFailure("no RSA context") }
        defer { EVP_PKEY_CTX_free(context) }
        guard (encrypt ? EVP_PKEY_encrypt_init(context) : EVP_PKEY_decrypt_init(context)) == 1,
              EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1 else { throw Self.rawFailure("no OAEP padding") }
        var length = Int(EVP_PKEY_get_size(pkey))
        var output = Data(count: length)
        let status = output.withUnsafeMutableBytes { out in
            data.withUnsafeBytes { input in
                let o = out.bindMemory(to: UInt8.self).baseAddress, i = input.bindMemory(to: UInt8.self).baseAddress
                return encrypt ? EVP_PKEY_encrypt(context, o, &length, i, input.count) : EVP_PKEY_decrypt(context, o, &length, i, input.count)
            }
        }
        guard status == 1 else { throw Self.rawFailure(encrypt ? "OAEP encryption failed" : "OAEP decryption failed") }
        return output.prefix(length)
    }

    private static func rawFailure(_ what: String) -> KeyMaterialError {
        ERR_clear_error()
        return .cryptoFailure("OpenSSL: \(what)")
    }
}
