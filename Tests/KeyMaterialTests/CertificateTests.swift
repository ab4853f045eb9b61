import Foundation
import KeyMaterial
import Testing
import TestSupport

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

    /// RFC 5480 §3: an EC certificate must not claim keyEncipherment or dataEncipherment (an EC key encrypts nothing;
    /// `keystore genkey --keyalg ec` claimed both); an RSA one keeps them, for WS-Security's key transport.
    @Test func keyUsageFitsTheKey() {
        let usage = { (certificate: Certificate) in certificate.extensions.first { $0.name == "X509v3 Key Usage" } }
        #expect(usage(Fixtures.rsaCertificate)?.value == "Digital Signature, Key Encipherment, Data Encipherment")
        #expect(usage(Fixtures.ecCertificate)?.value == "Digital Signature")
        #expect(usage(Fixtures.ecCertificate)?.critical == true)
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

    /// The identifiers are remembered once computed; what is remembered must be the finished, signed certificate's,
    /// the same as OpenSSL's command line reads from its PEM.
    @Test func rememberedIdentifiersAreTheSignedCertificates() throws {
        let certificate = try Certificate.selfSigned(key: Fixtures.rsaKey, subject: "CN=remembered", validityDays: 1)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("remembered-\(UUID().uuidString).pem")
        try Data(certificate.pemString.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let der = try Program.run("/usr/bin/openssl", ["x509", "-in", file.path, "-outform", "DER", "-out", file.path + ".der"])
        defer { try? FileManager.default.removeItem(atPath: file.path + ".der") }
        #expect(der.status == 0)
        let reread = try Certificate(derBytes: Data(contentsOf: URL(fileURLWithPath: file.path + ".der")))
        let fingerprint = try Program.run("/usr/bin/openssl", ["x509", "-in", file.path, "-noout", "-fingerprint", "-sha1"])
        for _ in 0..<2 {
            #expect(certificate.derBytes == reread.derBytes)
            #expect(fingerprint.output.contains(Hex.encode(certificate.sha1Thumbprint, uppercase: true, separator: UInt8(ascii: ":"))))
            #expect(certificate.subjectKeyIdentifier != nil && certificate.subjectKeyIdentifier == reread.subjectKeyIdentifier)
            #expect(certificate.serialDecimal == reread.serialDecimal && certificate.issuer == "CN=remembered")
        }
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
