import Foundation
import KeyMaterial
import Testing

@Suite struct CertificateTests {
    @Test func selfSignedFields() throws {
        let certificate = Fixtures.rsaCertificate
        #expect(certificate.subject == "CN=test service,OU=Tests,O=wssconsole")
        #expect(certificate.issuer == certificate.subject)
        #expect(certificate.isSelfIssued)
        #expect(certificate.publicKeyDescription == "RSA 2048")
        #expect(certificate.serial.count == 32)
        #expect(certificate.serial == certificate.serial.uppercased())
        let now = Date()
        #expect(abs(certificate.notBefore.timeIntervalSince(now)) < 300)
        let days = certificate.notAfter.timeIntervalSince(certificate.notBefore) / 86_400
        #expect(abs(days - 30) < 0.01)
    }

    @Test func serialsAreRandom() throws {
        let other = try Certificate.selfSigned(key: Fixtures.ecKey, subject: "CN=x", validityDays: 1)
        #expect(other.serial != Fixtures.ecCertificate.serial)
    }

    @Test func fingerprintsLookLikeKeytools() {
        let sha256 = Fixtures.rsaCertificate.sha256Fingerprint
        #expect(sha256.split(separator: ":").count == 32)
        #expect(sha256 == sha256.uppercased())
        #expect(Fixtures.rsaCertificate.sha1Fingerprint.split(separator: ":").count == 20)
        let expected = Digest.sha256(Fixtures.rsaCertificate.derBytes).map { String(format: "%02X", $0) }
        #expect(sha256 == expected.joined(separator: ":"))
    }

    @Test func derAndPEMRoundTrip() throws {
        let certificate = Fixtures.ecCertificate
        let fromDER = try Certificate(derBytes: certificate.derBytes)
        #expect(fromDER == certificate)
        #expect(fromDER.sha256Fingerprint == certificate.sha256Fingerprint)
        let fromPEM = try Certificate(pemString: certificate.pemString)
        #expect(fromPEM == certificate)
        let bundle = try Certificate.all(fromPEM: Fixtures.rsaCertificate.pemString + certificate.pemString)
        #expect(bundle == [Fixtures.rsaCertificate, certificate])
    }

    @Test func escapedSubject() throws {
        let certificate = try Certificate.selfSigned(
            key: Fixtures.ecKey, subject: "CN=Doe\\, Jane,O=Example", validityDays: 1)
        #expect(certificate.subject == "CN=Doe\\, Jane,O=Example")
        let hex = try Certificate.selfSigned(key: Fixtures.ecKey, subject: "CN=a\\2Cb+UID=42,O=Example", validityDays: 1)
        // Attributes inside one multi-valued RDN are a SET, so their printed order is OpenSSL's.
        #expect(["CN=a\\,b+UID=42,O=Example", "UID=42+CN=a\\,b,O=Example"].contains(hex.subject))
    }

    @Test func rejectsBadSubjects() {
        for subject in ["CN", "XX=unknown", "CN=a,", "CN=a\\"] {
            #expect {
                _ = try Certificate.selfSigned(key: Fixtures.ecKey, subject: subject, validityDays: 1)
            } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        }
    }

    @Test func corruptInput() {
        #expect {
            _ = try Certificate(derBytes: Data([0x30, 0x03, 0x02, 0x01]))
        } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        #expect {
            _ = try Certificate(derBytes: Fixtures.ecCertificate.derBytes + Data([0]))
        } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        #expect {
            _ = try Certificate(pemString: "hello")
        } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
    }
}
