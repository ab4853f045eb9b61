import COpenSSL
import Foundation

/// One-shot message digests.
public enum Digest {
    /// SHA-1 (20 bytes); only for legacy formats and fingerprints, never for new signatures.
    public static func sha1(_ data: Data) -> Data { compute(data, EVP_sha1()) }

    /// SHA-256 (32 bytes).
    public static func sha256(_ data: Data) -> Data { compute(data, EVP_sha256()) }

    /// SHA-512 (64 bytes).
    public static func sha512(_ data: Data) -> Data { compute(data, EVP_sha512()) }

    private static func compute(_ data: Data, _ md: OpaquePointer?) -> Data {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &output, &length, md, nil)
        }
        // The built-in digests only fail when memory allocation fails, where stopping is right.
        precondition(ok == 1, "EVP_Digest failed: \(OpenSSLErrors.drain())")
        return Data(output[0..<Int(length)])
    }
}
