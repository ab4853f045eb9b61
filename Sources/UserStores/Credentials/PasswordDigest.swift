import COpenSSL
import Foundation
import KeyMaterial

/// A UsernameToken `#PasswordDigest`: SHA-1 over the nonce bytes, the `wsu:Created` text and the password.
public struct PasswordDigest: Sendable, Hashable {
    /// The 20 digest bytes (the token carries them in Base64).
    public let digest: Data
    /// The nonce bytes (decoded from the token's Base64 `wsse:Nonce`).
    public let nonce: Data
    /// The `wsu:Created` text exactly as sent, e.g. "2024-05-01T12:00:00Z".
    public let created: String

    /// A digest as received in a token.
    public init(digest: Data, nonce: Data, created: String) {
        self.digest = digest
        self.nonce = nonce
        self.created = created
    }

    /// The digest a client with `password` computes (what a client library such as WSS4J sends).
    public static func make(password: Secret, nonce: Data, created: String) -> PasswordDigest {
        PasswordDigest(digest: compute(password, nonce: nonce, created: created), nonce: nonce, created: created)
    }

    /// True when `password` produces this digest; compared in constant time.
    public func matches(_ password: Secret) -> Bool {
        ConstantTime.equals(Self.compute(password, nonce: nonce, created: created), digest)
    }

    /// Hashes in one pass so the password is never copied next to the nonce in a buffer nobody wipes.
    private static func compute(_ password: Secret, nonce: Data, created: String) -> Data {
        guard let context = EVP_MD_CTX_new() else { return Data() }
        defer { EVP_MD_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let createdBytes = Array(created.utf8)
        let ok = EVP_DigestInit_ex(context, EVP_sha1(), nil) == 1
            && nonce.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) } == 1
            && createdBytes.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) } == 1
            && password.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) } == 1
            && EVP_DigestFinal_ex(context, &output, &length) == 1
        return ok ? Data(output[0..<Int(length)]) : Data()
    }
}
