import COpenSSL
import Foundation

/// A private key (with its public half), held by OpenSSL.
///
/// Immutable once created; OpenSSL reference-counts and locks the key, so sharing it is safe.
public final class PrivateKey: @unchecked Sendable {
    /// The OpenSSL key; owned by this object.
    let pkey: OpaquePointer

    /// Takes ownership of `pkey`.
    init(owning pkey: OpaquePointer) {
        self.pkey = pkey
    }

    deinit {
        EVP_PKEY_free(pkey)
    }

    /// Generates a new key pair.
    public static func generate(_ algorithm: KeyAlgorithm) throws -> PrivateKey {
        let name: String
        switch algorithm {
        case .rsa(let bits):
            guard KeyAlgorithm.supportedRSABits.contains(bits) else {
                throw KeyMaterialError.invalidArgument("RSA key size \(bits) not offered; use 2048, 3072 or 4096")
            }
            name = "RSA"
        case .ecP256, .ecP384:
            name = "EC"
        }
        guard let ctx = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw KeyMaterialError.cryptoFailure("cannot create a \(name) key context")
        }
        defer { EVP_PKEY_CTX_free(ctx) }
        guard EVP_PKEY_keygen_init(ctx) == 1 else {
            throw KeyMaterialError.cryptoFailure("cannot start \(algorithm) key generation")
        }
        let configured: Int32
        switch algorithm {
        case .rsa(let bits): configured = EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, Int32(bits))
        case .ecP256: configured = EVP_PKEY_CTX_set_group_name(ctx, "P-256")
        case .ecP384: configured = EVP_PKEY_CTX_set_group_name(ctx, "P-384")
        }
        guard configured > 0 else {
            throw KeyMaterialError.cryptoFailure("cannot configure \(algorithm) key generation")
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(ctx, &generated) == 1, let generated else {
            throw KeyMaterialError.cryptoFailure("\(algorithm) key generation failed")
        }
        return PrivateKey(owning: generated)
    }

    /// The algorithm and size, e.g. "RSA 2048" or "EC P-256".
    public var algorithmDescription: String { Self.describe(pkey) }

    /// The algorithm and size of any OpenSSL key, public or private.
    static func describe(_ pkey: OpaquePointer) -> String {
        let bits = EVP_PKEY_get_bits(pkey)
        switch EVP_PKEY_get_base_id(pkey) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS: return "RSA \(bits)"
        case EVP_PKEY_EC:
            var buffer = [CChar](repeating: 0, count: 64)
            var length = 0
            if EVP_PKEY_get_group_name(pkey, &buffer, buffer.count, &length) == 1 {
                let group = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                return "EC \(Self.nistName(group))"
            }
            return "EC \(bits)"
        case EVP_PKEY_ED25519: return "Ed25519"
        case EVP_PKEY_DSA: return "DSA \(bits)"
        default:
            if let type = EVP_PKEY_get0_type_name(pkey) { return "\(String(cString: type)) \(bits)" }
            return "unknown \(bits)"
        }
    }

    private static func nistName(_ group: String) -> String {
        switch group {
        case "prime256v1", "secp256r1": "P-256"
        case "secp384r1": "P-384"
        case "secp521r1": "P-521"
        default: group
        }
    }

    /// True when `certificate` carries this key's public half.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let publicKey = X509_get0_pubkey(certificate.x509) else { return false }
        let result = EVP_PKEY_eq(pkey, publicKey) == 1
        OpenSSLErrors.clear()
        return result
    }
}
