import COpenSSL
import Foundation

/// Password-based key derivation (PKCS #5 v2.1, RFC 8018).
public enum PBKDF2 {
    /// Derives `length` bytes from `password` and `salt` with HMAC-SHA-256.
    public static func deriveSHA256(password: Secret, salt: Data, iterations: Int, length: Int) throws -> Data {
        guard iterations >= 1, iterations <= Int(Int32.max) else {
            throw KeyMaterialError.invalidArgument("PBKDF2 iteration count \(iterations) out of range")
        }
        guard length >= 1, length <= 1024 else {
            throw KeyMaterialError.invalidArgument("PBKDF2 output length \(length) out of range")
        }
        var output = Data(count: length)
        let ok = password.withUnsafeBytes { pass in
            salt.withUnsafeBytes { saltBytes in
                output.withUnsafeMutableBytes { out in
                    PKCS5_PBKDF2_HMAC(
                        pass.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(pass.count),
                        saltBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(saltBytes.count),
                        Int32(iterations), EVP_sha256(), Int32(length),
                        out.baseAddress?.assumingMemoryBound(to: UInt8.self))
                }
            }
        }
        guard ok == 1 else { throw KeyMaterialError.cryptoFailure("PKCS5_PBKDF2_HMAC failed") }
        return output
    }
}
