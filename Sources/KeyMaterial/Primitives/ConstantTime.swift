import COpenSSL
import Foundation

/// Comparisons whose duration does not depend on where the inputs differ.
public enum ConstantTime {
    /// True when `a` and `b` are equal; the time taken depends only on the lengths.
    public static func equals(_ a: Data, _ b: Data) -> Bool {
        a.withUnsafeBytes { x in b.withUnsafeBytes { y in equals(x, y) } }
    }

    /// True when the two buffers hold equal bytes; the time taken depends only on the lengths.
    public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        // Lengths are not secret for the digests and MACs compared here.
        guard a.count == b.count else { return false }
        guard a.count > 0 else { return true }
        return CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0
    }
}
