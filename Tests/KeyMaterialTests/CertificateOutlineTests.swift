import Foundation
import TestSupport
import KeyMaterial
import Testing

/// A certificate read from DER answers a listing from its outline, without OpenSSL decoding it; the answers
/// must be OpenSSL's own, for keys keytool makes.
@Suite(.serialized) struct CertificateOutlineTests {
    /// A keytool-made self-signed certificate, as PEM.
    static func keytoolCertificate(_ keyOptions: [String], dname: String) throws -> String {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("made.p12").path
        let made = try Program.run(KeytoolInteropTests.keytool, KeytoolInteropTests.english + ["-genkeypair", "-alias", "k", "-dname", dname]
            + keyOptions + ["-validity", "40", "-storetype", "PKCS12", "-keystore", path, "-storepass", "outline-pass"])
        try #require(made.status == 0, "keytool -genkeypair failed: \(made.output)")
        let exported = try Program.run(KeytoolInteropTests.keytool, ["-exportcert", "-rfc", "-alias", "k", "-keystore", path, "-storepass", "outline-pass"])
        try #require(exported.status == 0, "keytool -exportcert failed: \(exported.output)")
        return exported.output
    }

    @Test(arguments: [
        (["-keyalg", "RSA", "-keysize", "3072"], "RSA 3072"),
        (["-keyalg", "EC", "-groupname", "secp384r1"], "EC P-384"),
        (["-keyalg", "Ed25519"], "Ed25519"),
        (["-keyalg", "DSA", "-keysize", "2048"], "DSA 2048"),
    ])
    func listingMatchesOpenSSL(keyOptions: [String], expected: String) throws {
        let decoded = try Certificate(pemString: Self.keytoolCertificate(keyOptions, dname: "CN=outline\\, test,OU=a+CN=b,O=Example,C=DE"))
        let outlined = try Certificate(derBytes: decoded.derBytes)
        #expect(outlined.publicKeyDescription == expected)
        #expect(outlined.publicKeyDescription == decoded.publicKeyDescription)
        #expect(outlined.subject == decoded.subject)
        #expect(outlined.issuer == decoded.issuer)
        #expect(outlined.notBefore == decoded.notBefore)
        #expect(outlined.notAfter == decoded.notAfter)
        #expect(outlined.sha256Fingerprint == decoded.sha256Fingerprint)
        #expect(outlined == decoded)
        // Asking for more than a listing decodes it.
        #expect(outlined.serial == decoded.serial)
        #expect(outlined.isSelfIssued)
    }

    @Test func fixturesReadFromDERKeepTheirKeys() throws {
        let outlined = try Certificate(derBytes: Fixtures.rsaCertificate.derBytes)
        #expect(outlined.subject == Fixtures.rsaCertificate.subject)
        #expect(outlined.publicKeyDescription == Fixtures.rsaCertificate.publicKeyDescription)
        #expect(outlined.hashValue == Fixtures.rsaCertificate.hashValue)
        #expect(outlined == Fixtures.rsaCertificate)
        #expect(outlined != Fixtures.ecCertificate)
        #expect(Fixtures.rsaKey.matches(outlined))
        #expect(!Fixtures.ecKey.matches(outlined))
    }

    @Test func damagedDERIsStillRefused() throws {
        var der = Fixtures.ecCertificate.derBytes
        #expect(throws: KeyMaterialError.self) { try Certificate(derBytes: der.dropLast()) }
        der.append(0)
        #expect(throws: KeyMaterialError.self) { try Certificate(derBytes: der) }
    }
}
