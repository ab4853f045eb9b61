import Foundation
import KeyMaterial
import Testing

@Suite struct PrivateKeyTests {
    @Test func generatesRSA() {
        #expect(Fixtures.rsaKey.algorithmDescription == "RSA 2048")
    }

    @Test func generatesEC() throws {
        #expect(Fixtures.ecKey.algorithmDescription == "EC P-256")
        #expect(try PrivateKey.generate(.ecP384).algorithmDescription == "EC P-384")
    }

    @Test func rejectsWeakRSASizes() {
        #expect {
            _ = try PrivateKey.generate(.rsa(bits: 1024))
        } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
    }

    @Test func plainPEMRoundTrip() throws {
        let pem = try Fixtures.ecKey.pemString()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let back = try PrivateKey(pemString: pem)
        #expect(back.matches(Fixtures.ecCertificate))
    }

    @Test func encryptedPEMRoundTrip() throws {
        let pem = try Fixtures.rsaKey.pemString(password: Secret("key pass"))
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let back = try PrivateKey(pemString: pem, password: Secret("key pass"))
        #expect(back.matches(Fixtures.rsaCertificate))
        #expect(back.algorithmDescription == "RSA 2048")
    }

    @Test func encryptedPEMWithWrongOrMissingPassword() throws {
        let pem = try Fixtures.ecKey.pemString(password: Secret("right"))
        #expect {
            _ = try PrivateKey(pemString: pem, password: Secret("wrong"))
        } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
        #expect {
            _ = try PrivateKey(pemString: pem)
        } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }

    @Test func garbageIsCorrupt() {
        #expect {
            _ = try PrivateKey(pemString: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
    }

    @Test func keyDoesNotMatchAnotherCertificate() {
        #expect(!Fixtures.rsaKey.matches(Fixtures.ecCertificate))
    }
}
