import COpenSSL
import Foundation

/// Bytes that must stay secret (a password, a key): never printed, zeroed when freed.
///
/// Immutable after creation, so sharing one across tasks is safe. Swift `String` and `Data` values
/// handed to an initialiser are copies this type cannot wipe; prefer ``readFromTerminal(prompt:)``
/// or byte sources the caller clears.
public final class Secret: @unchecked Sendable {
    // One extra zero byte after the secret lets C APIs that want a NUL-terminated password use
    // the storage directly, without a second copy that would also need wiping.
    private let storage: UnsafeMutableRawBufferPointer

    /// The number of secret bytes.
    public let count: Int

    /// Creates a secret from bytes; the caller should clear its own copy.
    public init<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        let array = Array(bytes)
        count = array.count
        storage = .allocate(byteCount: array.count + 1, alignment: 1)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        storage.copyBytes(from: array)
    }

    /// Creates a secret holding the UTF-8 bytes of `string`.
    public convenience init(_ string: String) {
        self.init(bytes: Array(string.utf8))
    }

    /// Takes over a buffer, copying it and zeroing the original.
    init(wiping buffer: UnsafeMutableRawBufferPointer) {
        count = buffer.count
        storage = .allocate(byteCount: buffer.count + 1, alignment: 1)
        storage.initializeMemory(as: UInt8.self, repeating: 0)
        if let base = buffer.baseAddress, buffer.count > 0 {
            storage.baseAddress!.copyMemory(from: base, byteCount: buffer.count)
            OPENSSL_cleanse(base, buffer.count)
        }
    }

    deinit {
        OPENSSL_cleanse(storage.baseAddress, storage.count)
        storage.deallocate()
    }

    /// True when the secret has no bytes.
    public var isEmpty: Bool { count == 0 }

    /// Gives `body` read access to the secret bytes; do not let them escape.
    public func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<count]))
    }

    /// The secret as a NUL-terminated C string, for OpenSSL calls that take one; do not let it escape.
    func withCString<T>(_ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        try body(storage.baseAddress!.assumingMemoryBound(to: CChar.self))
    }

    /// True when both secrets hold the same bytes, compared in constant time for equal lengths.
    public func isEqual(to other: Secret) -> Bool {
        withUnsafeBytes { mine in other.withUnsafeBytes { theirs in ConstantTime.equals(mine, theirs) } }
    }
}

extension Secret: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "<secret>" }
    public var debugDescription: String { "<secret>" }
    // `dump` and the debugger walk children through reflection; expose none.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}
