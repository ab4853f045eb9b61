import Foundation
import KeyMaterial
import Testing
import TestSupport

/// PBKDF2 runs its own loop over OpenSSL's SHA-256 compression; the `openssl kdf` command (OpenSSL's
/// PKCS5_PBKDF2_HMAC, a separate process) must derive the same bytes for every shape of input: passwords shorter
/// than, equal to and longer than HMAC's 64-byte block (hashed first), salts crossing SHA-256's padding boundary
/// (55/56 bytes with the 4-byte block index), and outputs of one block, a partial block and several blocks.
@Suite struct PBKDF2PeerTests {
    @Test(arguments: [
        (1, 0, 1, 32), (5, 16, 2, 1), (63, 51, 3, 31), (64, 52, 1000, 33), (65, 55, 7, 64),
        (100, 56, 2, 100), (200, 64, 1, 20), (32, 100, 4096, 32), (1, 1, 1, 1024),
    ])
    func derivesWhatOpenSSLDerives(passwordLength: Int, saltLength: Int, iterations: Int, length: Int) throws {
        let password = Self.bytes(passwordLength, seed: 7)
        let salt = Self.bytes(saltLength, seed: 11)
        let ours = try PBKDF2.deriveSHA256(password: Secret(bytes: password), salt: salt, iterations: iterations, length: length)
        let arguments = ["kdf", "-keylen", "\(length)", "-kdfopt", "digest:SHA256", "-kdfopt", "hexpass:" + password.hex,
                         "-kdfopt", saltLength == 0 ? "salt:" : "hexsalt:" + salt.hex, "-kdfopt", "iter:\(iterations)", "PBKDF2"]
        let peer = try Program.run("/usr/bin/openssl", arguments)
        #expect(peer.status == 0, "\(peer.output)")
        let expected = peer.output.filter { $0.isHexDigit }.lowercased()
        #expect(ours.hex == expected)
        #expect(try PBKDF2.openSSLDeriveSHA256(password: Secret(bytes: password), salt: salt, iterations: iterations, length: length) == ours)
    }

    @Test func refusesOutOfRangeArguments() {
        for (iterations, length) in [(0, 32), (1, 0), (1, 1025)] {
            #expect(throws: KeyMaterialError.self) {
                try PBKDF2.deriveSHA256(password: Secret("p"), salt: Data(), iterations: iterations, length: length)
            }
        }
    }

    /// Bytes of every value, zero included, the same in every run.
    static func bytes(_ count: Int, seed: UInt8) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ Int(seed)) })
    }
}
