import Foundation

/// Cryptographically strong random bytes from the kernel's generator: getentropy(3), glibc's getrandom(2) without flags.
///
/// Not OpenSSL's DRBG, which is seeded from the same kernel generator: each RAND_bytes call checks for a fork (getpid),
/// looks its parameters up by name and runs AES-CTR, about 3 µs in the middle of a message against under 1 µs here, and
/// securing a request takes two (the session key, the nonce). The kernel's generator is a CSPRNG (ChaCha20), blocks only
/// until it is first seeded at boot, and keeps no state in the process that a forked child could repeat.
public enum SecureRandom {
    /// `count` random bytes; fails only if the kernel's generator is unavailable.
    public static func bytes(_ count: Int) throws -> Data {
        guard count >= 0, count <= Int(Int32.max) else {
            throw KeyMaterialError.invalidArgument("random byte count \(count) out of range")
        }
        var data = Data(count: count)
        let ok = data.withUnsafeMutableBytes { buffer in
            // getentropy gives at most 256 bytes a call, and all of them or an error.
            stride(from: 0, to: count, by: 256).allSatisfy { getentropy(buffer.baseAddress! + $0, min(256, count - $0)) == 0 }
        }
        guard ok else { throw KeyMaterialError.cryptoFailure("getentropy failed (errno \(errno))") }
        return data
    }
}
