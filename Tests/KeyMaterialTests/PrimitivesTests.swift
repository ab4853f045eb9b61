import Foundation
import KeyMaterial
import Testing

@Suite struct PrimitivesTests {
    // RFC 7914 section 11 and the widely published RFC 6070-style SHA-256 vectors.
    @Test(arguments: [
        ("password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
        ("password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
        ("passwd", "salt", 1, 64,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
    ])
    func pbkdf2SHA256KnownVectors(password: String, salt: String, iterations: Int, length: Int, expected: String) throws {
        let derived = try PBKDF2.deriveSHA256(
            password: Secret(password), salt: Data(salt.utf8), iterations: iterations, length: length)
        #expect(derived.hex == expected)
    }

    @Test func pbkdf2RejectsZeroIterations() {
        #expect {
            _ = try PBKDF2.deriveSHA256(password: Secret("p"), salt: Data(), iterations: 0, length: 32)
        } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
    }

    @Test func digestsOfABC() {
        let abc = Data("abc".utf8)
        #expect(Digest.sha1(abc).hex == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Digest.sha256(abc).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha512(abc).count == 64)
        #expect(Digest.sha512(abc).hex.hasPrefix("ddaf35a193617aba"))
    }

    @Test func randomBytesHaveTheRequestedLengthAndDiffer() throws {
        let a = try SecureRandom.bytes(32)
        let b = try SecureRandom.bytes(32)
        #expect(a.count == 32)
        #expect(a != b)
        #expect(try SecureRandom.bytes(0).isEmpty)
    }

    /// The kernel gives at most 256 bytes a call: a longer request is filled to its end, each piece fresh.
    @Test func longRandomRequestsAreFilledPieceByPiece() throws {
        let bytes = try SecureRandom.bytes(1000)
        let pieces = stride(from: 0, to: 1000, by: 256).map { bytes[$0..<min($0 + 256, 1000)] }
        #expect(pieces.count == 4 && pieces.allSatisfy { $0.contains { $0 != 0 } })
        #expect(Set(pieces.map { Data($0) }).count == 4)
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equals(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(!ConstantTime.equals(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!ConstantTime.equals(Data([1, 2, 3]), Data([1, 2])))
        #expect(ConstantTime.equals(Data(), Data()))
    }
}
