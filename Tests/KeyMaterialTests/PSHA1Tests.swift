import Foundation
import TestSupport
import KeyMaterial
import Testing

/// P_SHA1 (WS-Trust's PSHA1 computed key) against an independent implementation: Python's `hmac` module,
/// the standard library's HMAC-SHA1, run as a subprocess on the same inputs.
@Suite struct PSHA1Tests {
    /// Python's hmac/hashlib, given secret and seed in hex: the TLS 1.0 P_hash with SHA-1.
    static let python = """
    import hmac, hashlib, sys
    secret, seed, n = bytes.fromhex(sys.argv[1]), bytes.fromhex(sys.argv[2]), int(sys.argv[3])
    out, a = b'', seed
    while len(out) < n:
        a = hmac.new(secret, a, hashlib.sha1).digest()
        out += hmac.new(secret, a + seed, hashlib.sha1).digest()
    print(out[:n].hex())
    """

    func ours(_ secret: Data, _ seed: Data, _ length: Int) throws -> String {
        try PSHA1.derive(secret: Secret(bytes: secret), seed: seed, length: length).withUnsafeBytes { Data($0) }.hex
    }

    /// Values Python computed once (recorded here so a missing interpreter cannot hide a regression).
    @Test func recordedKnownAnswers() throws {
        #expect(try ours(Data(0..<32), Data(100..<132), 32) == "5f2f3bae6385bb76c4c85bd8393fc091b7ac48d8270dd39613328dd67ce8b566")
        #expect(try ours(Data("secret".utf8), Data("seed".utf8), 45)
                == "5d55432bdfe9b93a813acc932adf0f297815d1c83166a983ea042d410665dfa19268d99774fd6f3fc5433f0465")
    }

    /// Random entropies of WS-Trust's sizes (16-64 bytes) and lengths across block boundaries, Python computing each.
    @Test func matchesPythonOnRandomInputs() throws {
        for (secretLength, seedLength, length) in [(32, 32, 32), (16, 32, 20), (64, 16, 21), (32, 48, 64), (24, 24, 100)] {
            let secret = try SecureRandom.bytes(secretLength), seed = try SecureRandom.bytes(seedLength)
            let result = try Program.run("/usr/bin/python3", ["-c", Self.python, secret.hex, seed.hex, String(length)])
            #expect(result.status == 0, "\(result.output)")
            #expect(try ours(secret, seed, length) == result.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func refusesAnEmptyOrHugeLength() {
        #expect(throws: KeyMaterialError.self) { try PSHA1.derive(secret: Secret("k"), seed: Data(), length: 0) }
        #expect(throws: KeyMaterialError.self) { try PSHA1.derive(secret: Secret("k"), seed: Data(), length: 5000) }
    }
}
