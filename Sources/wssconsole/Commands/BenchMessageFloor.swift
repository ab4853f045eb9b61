import COpenSSL
import Foundation
import KeyMaterial

/// The in-process OpenSSL floor of one secured request: the RSA-2048 operations the scenario needs (rsa-sha1
/// signature and its verification, RSA-OAEP of the 32-byte session key and its decryption) and SHA-1 over the
/// message's bytes, nothing of XML.
final class MessageFloor {
    private let key: OpaquePointer
    private let message: [UInt8]
    private let signature: [UInt8]
    private let wrapped: [UInt8]
    let sign: Bool
    let encrypt: Bool

    init(messageBytes: Int, sign: Bool, encrypt: Bool) throws {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else { throw Self.failed("key context") }
        defer { EVP_PKEY_CTX_free(context) }
        var generated: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1,
              EVP_PKEY_generate(context, &generated) == 1, let generated else { throw Self.failed("RSA key generation") }
        key = generated
        message = [UInt8](repeating: 0x61, count: messageBytes)
        self.sign = sign
        self.encrypt = encrypt
        signature = try Self.signSHA1(key, message)
        wrapped = try Self.oaep(key, [UInt8](repeating: 7, count: 32), encrypt: true)
    }

    deinit { EVP_PKEY_free(key) }

    /// What the client does: sign (private key), wrap the session key (public key).
    func secure() throws {
        _ = Digest.sha1(Data(message))
        if sign { _ = try Self.signSHA1(key, message) }
        if encrypt { _ = try Self.oaep(key, [UInt8](repeating: 7, count: 32), encrypt: true) }
    }

    /// What the service does: unwrap the session key (private key), verify the signature (public key).
    func verify() throws {
        _ = Digest.sha1(Data(message))
        if encrypt { _ = try Self.oaep(key, wrapped, encrypt: false) }
        if sign {
            guard let context = EVP_MD_CTX_new() else { throw Self.failed("digest context") }
            defer { EVP_MD_CTX_free(context) }
            guard EVP_DigestVerifyInit(context, nil, EVP_sha1(), nil, key) == 1,
                  EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1 else { throw Self.failed("verification") }
        }
    }

    private static func signSHA1(_ key: OpaquePointer, _ data: [UInt8]) throws -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw failed("digest context") }
        defer { EVP_MD_CTX_free(context) }
        var length = Int(EVP_PKEY_get_size(key))
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSignInit(context, nil, EVP_sha1(), nil, key) == 1,
              EVP_DigestSign(context, &signature, &length, data, data.count) == 1 else { throw failed("signing") }
        return Array(signature[..<length])
    }

    private static func oaep(_ key: OpaquePointer, _ input: [UInt8], encrypt: Bool) throws -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new(key, nil) else { throw failed("RSA context") }
        defer { EVP_PKEY_CTX_free(context) }
        guard (encrypt ? EVP_PKEY_encrypt_init(context) : EVP_PKEY_decrypt_init(context)) == 1,
              EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1 else { throw failed("OAEP set-up") }
        var length = Int(EVP_PKEY_get_size(key))
        var output = [UInt8](repeating: 0, count: length)
        let status = encrypt ? EVP_PKEY_encrypt(context, &output, &length, input, input.count)
                             : EVP_PKEY_decrypt(context, &output, &length, input, input.count)
        guard status == 1 else { throw failed(encrypt ? "OAEP encryption" : "OAEP decryption") }
        return Array(output[..<length])
    }

    private static func failed(_ what: String) -> OperationFailed {
        ERR_clear_error()
        return OperationFailed(message: "the OpenSSL floor failed: \(what)")
    }
}
