import COpenSSL
import CShims
import Foundation

/// Password-based key derivation (PKCS #5 v2.1, RFC 8018).
public enum PBKDF2 {
    /// Derives `length` bytes from `password` and `salt` with HMAC-SHA-256.
    ///
    /// Computed over OpenSSL's SHA-256 compression function (`cs_pbkdf2_hmac_sha256`), about three times faster
    /// than `PKCS5_PBKDF2_HMAC`: a defender's iteration costs less, so a store can afford more of them.
    public static func deriveSHA256(password: Secret, salt: Data, iterations: Int, length: Int) throws -> Data {
        try checkArguments(iterations: iterations, length: length)
        var output = Data(count: length)
        let ok = password.withUnsafeBytes { pass in
            salt.withUnsafeBytes { saltBytes in
                output.withUnsafeMutableBytes { out in
                    cs_pbkdf2_hmac_sha256(pass.bindMemory(to: UInt8.self).baseAddress, pass.count,
                                          saltBytes.bindMemory(to: UInt8.self).baseAddress, saltBytes.count, UInt(iterations),
                                          out.bindMemory(to: UInt8.self).baseAddress, length)
                }
            }
        }
        guard ok == 1 else { throw KeyMaterialError.cryptoFailure("PBKDF2 failed") }
        return output
    }

    /// The same derivation by OpenSSL's `PKCS5_PBKDF2_HMAC`: the peer `wssconsole bench validate` times it against.
    public static func openSSLDeriveSHA256(password: Secret, salt: Data, iterations: Int, length: Int) throws -> Data {
        try checkArguments(iterations: iterations, length: length)
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

    private static func checkArguments(iterations: Int, length: Int) throws {
        guard iterations >= 1, iterations <= Int(Int32.max) else {
            throw KeyMaterialError.invalidArgument("PBKDF2 iteration count \(iterations) out of range")
        }
        guard length >= 1, length <= 1024 else {
            throw KeyMaterialError.invalidArgument("PBKDF2 output length \(length) out of range")
        }
    }
}
