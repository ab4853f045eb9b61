import Foundation

/// The container format of a keystore file, recognised from its first bytes.
public enum KeystoreFormat: String, Sendable, Hashable, CaseIterable {
    /// PKCS #12 (.p12, .pfx): a DER PFX structure, version 3.
    case pkcs12
    /// Java KeyStore (magic 0xFEEDFEED).
    case jks
    /// PEM text with keys and/or certificates.
    case pem
    /// None of the above.
    case unknown

    /// Recognises the format of `data` without decrypting anything.
    public static func detect(_ data: Data) -> KeystoreFormat {
        let bytes = [UInt8](data.prefix(16))
        if bytes.starts(with: [0xFE, 0xED, 0xFE, 0xED]) { return .jks }
        if isPFX(bytes) { return .pkcs12 }
        let text = String(decoding: data.prefix(4096), as: UTF8.self)
        if text.contains("-----BEGIN ") { return .pem }
        return .unknown
    }

    // A PFX is SEQUENCE { INTEGER 3, ... }; skip the SEQUENCE's length and look for the version.
    private static func isPFX(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 5, bytes[0] == 0x30 else { return false }
        var index = 1
        let first = bytes[index]
        if first & 0x80 == 0 {
            index += 1
        } else {
            let lengthBytes = Int(first & 0x7F)
            guard (1...4).contains(lengthBytes) else { return false }
            index += 1 + lengthBytes
        }
        guard index + 3 <= bytes.count else { return false }
        return bytes[index] == 0x02 && bytes[index + 1] == 0x01 && bytes[index + 2] == 0x03
    }
}
