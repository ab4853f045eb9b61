/// The bytes of a password being typed. The toolkit knows nothing of the program's `Secret` type, so it keeps
/// the typed bytes here, lends them out only inside a closure, and zeroes them when the form closes.
public final class SecretInput {
    private var bytes: [UInt8] = []

    init() {}

    deinit { wipe() }

    /// Number of bytes typed; the form never draws it.
    var count: Int { bytes.count }
    public var isEmpty: Bool { bytes.isEmpty }
    /// Number of code points typed (UTF-8 bytes that start one), for the field's length limit.
    var characterCount: Int { bytes.count { $0 & 0xC0 != 0x80 } }

    func append(_ c: Character) { bytes.append(contentsOf: String(c).utf8) }

    /// Drops the last character typed (all of its UTF-8 bytes).
    func removeLast() {
        guard !bytes.isEmpty else { return }
        var n = 1
        // Continuation bytes are 10xxxxxx: remove back to the character's first byte.
        while n < bytes.count, bytes[bytes.count - n] & 0xC0 == 0x80 { n += 1 }
        for i in bytes.count - n ..< bytes.count { bytes[i] = 0 }
        bytes.removeLast(n)
    }

    /// Gives `body` the typed bytes; do not let them escape.
    public func withBytes<T>(_ body: ([UInt8]) throws -> T) rethrows -> T { try body(bytes) }

    /// True when both hold the same bytes (compared without an early exit).
    public func matches(_ other: SecretInput) -> Bool {
        guard bytes.count == other.bytes.count else { return false }
        var difference: UInt8 = 0
        for i in bytes.indices { difference |= bytes[i] ^ other.bytes[i] }
        return difference == 0
    }

    /// Zeroes the bytes before the array lets go of them.
    func wipe() {
        for i in bytes.indices { bytes[i] = 0 }
        bytes.removeAll()
    }
}
