import COpenSSL
import Foundation

/// Cryptographically strong random bytes from OpenSSL's DRBG.
public enum SecureRandom {
    /// `count` random bytes; fails only if OpenSSL's generator cannot be seeded.
    public static func bytes(_ count: Int) throws -> Data {
        guard count >= 0, count <= Int(Int32.max) else {
            throw KeyMaterialError.invalidArgument("random byte count \(count) out of range")
        }
        var data = Data(count: count)
        guard count > 0 else { return data }
        let ok = data.withUnsafeMutableBytes { RAND_bytes($0.baseAddress, Int32(count)) }
        guard ok == 1 else { throw KeyMaterialError.cryptoFailure("RAND_bytes failed") }
        return data
    }
}
