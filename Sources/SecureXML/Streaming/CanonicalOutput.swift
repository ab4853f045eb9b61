import COpenSSL

/// Where canonical bytes go while streaming: into an incremental digest, through a small buffer, so a large element
/// never sits in memory; or, for tests and small parts, kept whole.
final class CanonicalOutput {
    private var buffer: [UInt8] = []
    private let context: OpaquePointer?
    /// Above this the buffer goes into the digest: big enough that OpenSSL sees whole blocks, small enough to stay in cache.
    private static let flushSize = 1 << 15

    /// Digests with `algorithm`, or keeps every byte when it is nil.
    init(digest algorithm: DigestAlgorithm?) throws(XMLError) {
        guard let algorithm else {
            context = nil
            return
        }
        guard let context = EVP_MD_CTX_new() else { throw XMLError(.canonicalizationFailed, "Out of memory") }
        self.context = context
        guard EVP_DigestInit_ex(context, algorithm.evp, nil) == 1 else {
            ERR_clear_error()
            throw XMLError(.canonicalizationFailed, "OpenSSL cannot compute \(algorithm.name)")
        }
        buffer.reserveCapacity(Self.flushSize + 1024)
    }

    deinit { EVP_MD_CTX_free(context) }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(contentsOf: bytes)
        if context != nil, buffer.count >= Self.flushSize { flush() }
    }

    func write(_ name: XMLName) {
        write(UnsafeBufferPointer(start: name, count: Int(strlen(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self)))))
    }

    func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func write(_ byte: UInt8) {
        buffer.append(byte)
    }

    /// The digest value, or the bytes kept.
    func finish() -> [UInt8] {
        guard let context else { return buffer }
        flush()
        var value = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // A digest of bytes in memory only fails when OpenSSL cannot allocate, where stopping is right.
        precondition(EVP_DigestFinal_ex(context, &value, &length) == 1, "EVP_DigestFinal_ex failed")
        return Array(value[..<Int(length)])
    }

    private func flush() {
        guard let context, !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        buffer.removeAll(keepingCapacity: true)
    }
}

extension DigestAlgorithm {
    /// The OpenSSL digest.
    var evp: OpaquePointer? {
        switch self {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha512: EVP_sha512()
        }
    }
}
