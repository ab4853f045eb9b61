import COpenSSL
import CShims
import Foundation

extension PKCS12Keystore {
    /// Reads a PKCS #12 file, also one protected with the legacy RC2/3DES algorithms of older tools.
    ///
    /// OpenSSL 3 keeps RC2 in its legacy provider. It is loaded into a library context of its own, made the
    /// default for this thread only while the file is read again: nothing else ever runs with legacy algorithms.
    static func readingLegacyToo(data: Data, password: Secret) throws -> PKCS12Keystore {
        do {
            return try PKCS12Keystore(data: data, password: password)
        } catch let error as KeyMaterialError where error.code == .corrupt || error.code == .unsupported {
            guard let legacy = cs_legacy_libctx() else { throw error }
            let previous = OSSL_LIB_CTX_set0_default(legacy)
            defer { OSSL_LIB_CTX_set0_default(previous) }
            do { return try PKCS12Keystore(data: data, password: password) } catch { throw error }
        }
    }
}
