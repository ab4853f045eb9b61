import COpenSSL
import CShims
import Foundation

/// Helpers to move bytes between Swift and OpenSSL memory BIOs, which PEM and DER I/O go through.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `data`; the BIO does not outlive the call.
    static func reading<T>(_ data: Data, _ body: (OpaquePointer) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            // BIO_new_mem_buf needs a non-null pointer even for empty input.
            let empty: UInt8 = 0
            return try withUnsafePointer(to: empty) { emptyPointer in
                let base = raw.baseAddress ?? UnsafeRawPointer(emptyPointer)
                guard let bio = BIO_new_mem_buf(base, Int32(raw.count)) else {
                    throw KeyMaterialError.cryptoFailure("cannot allocate a memory BIO")
                }
                defer { BIO_free(bio) }
                return try body(bio)
            }
        }
    }

    /// Creates a writable BIO, lets `body` fill it, and returns what was written.
    static func writing(_ body: (OpaquePointer) throws -> Void) throws -> Data {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw KeyMaterialError.cryptoFailure("cannot allocate a memory BIO")
        }
        defer { BIO_free(bio) }
        try body(bio)
        var pointer: UnsafeMutablePointer<CChar>?
        let length = cs_BIO_get_mem_data(bio, &pointer)
        guard let pointer, length > 0 else { return Data() }
        return Data(bytes: pointer, count: length)
    }
}
