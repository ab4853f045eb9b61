import COpenSSL
import Foundation

/// A password as Java hands it to JKS: each UTF-16 code unit as two big-endian bytes.
///
/// The bytes are wiped when the value is released; JKS derives both its integrity key and its
/// key-protection stream from them.
final class JKSPassword {
    private(set) var bytes: [UInt8]

    init(_ secret: Secret) throws {
        var units: [UInt8] = []
        units.reserveCapacity(secret.count * 2)
        let failed = secret.withUnsafeBytes { raw in
            transcode(raw.makeIterator(), from: UTF8.self, to: UTF16.self, stoppingOnError: true) { unit in
                units.append(UInt8(unit >> 8))
                units.append(UInt8(unit & 0xFF))
            }
        }
        guard !failed else {
            Self.wipe(&units)
            throw KeyMaterialError.invalidArgument("the password is not valid UTF-8")
        }
        bytes = units
    }

    deinit { Self.wipe(&bytes) }

    /// SHA-1 over the password bytes followed by `parts`.
    func sha1(_ parts: Data...) -> Data {
        var input = Data(bytes)
        for part in parts { input.append(part) }
        defer { input.resetBytes(in: 0..<input.count) }
        return Digest.sha1(input)
    }

    static func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
    }
}
