import Foundation
import TestSupport
import Testing
import KeyMaterial
@testable import SecureXML

/// `wssconsole xml ...` as operators and scripts run it: the real binary, exit codes, what it prints.
@Suite struct XMLCommandTests {
    static let envelope = Fixtures.file("cli-envelope.xml", Fixtures.envelope)

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> WSSConsoleBinary.Result {
        try WSSConsoleBinary.run(["xml"] + arguments, environment: environment)
    }

    func signed() throws -> String {
        let result = try run(["sign", Self.envelope, "--id", "Body-1", "--id", "TS-1", "--key", Fixtures.rsaKeyPEM, "--into", "Security"])
        try #require(result.status == 0, "\(result.stderr)")
        return Fixtures.file("cli-signed-\(UUID().uuidString).xml", result.stdout)
    }

    @Test func verifyPrintsTheCoveredElementsAndExitsZero() throws {
        let result = try run(["verify", try signed(), "--cert", Fixtures.rsaCertificatePEM])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("covers #Body-1  /soap:Envelope/soap:Body  line 13  sha256 exc-c14n"))
        #expect(result.stdout.contains("covers #TS-1  /soap:Envelope/soap:Header/wsse:Security/wsu:Timestamp"))
        #expect(result.stdout.contains("verified with RSA 2048 certificate CN=SecureXML test"))
        // A private key or a public key PEM verify as well.
        #expect(try run(["verify", try signed(), "--key", Fixtures.rsaKeyPEM]).status == 0)
    }

    @Test func verifyExitsOneWhenInvalidOrAbsent() throws {
        let text = try String(contentsOfFile: try signed(), encoding: .utf8)
        let tampered = Fixtures.file("cli-tampered.xml", text.replacingOccurrences(of: "Widget", with: "Gadget"))
        let result = try run(["verify", tampered, "--cert", Fixtures.rsaCertificatePEM])
        #expect(result.status == 1)
        #expect(result.stderr.contains("[signatureFailed]"))
        #expect(!result.stdout.contains("covers"))
        let unsigned = try run(["verify", Self.envelope, "--cert", Fixtures.rsaCertificatePEM])
        #expect(unsigned.status == 1)
        #expect(unsigned.stderr.contains("no ds:Signature"))
        let wrongKey = try run(["verify", try signed(), "--cert", Fixtures.file("other.pem", Fixtures.otherCertificate.pemString)])
        #expect(wrongKey.status == 1)
        let hostile = Fixtures.file("cli-doctype.xml", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>")
        let refused = try run(["verify", hostile, "--cert", Fixtures.rsaCertificatePEM])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("[doctypeForbidden]"))
    }

    @Test func verifyJSON() throws {
        let result = try run(["verify", try signed(), "--cert", Fixtures.rsaCertificatePEM, "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["valid"] as? Bool == true)
        let signatures = try #require(json["signatures"] as? [[String: Any]])
        let references = try #require(signatures.first?["references"] as? [[String: Any]])
        #expect(references.compactMap { $0["id"] as? String } == ["Body-1", "TS-1"])
    }

    @Test func hmacAndBadUsage() throws {
        let signed = try run(["sign", Self.envelope, "--id", "Body-1", "--hmac-key", Fixtures.hmacKeyFile])
        #expect(signed.status == 0)
        let file = Fixtures.file("cli-hmac.xml", signed.stdout)
        #expect(try run(["verify", file, "--hmac-key", Fixtures.hmacKeyFile]).stdout.contains("(hmac-sha256, exc-c14n)"))
        // No key, two keys, no ID: usage errors (2).
        #expect(try run(["verify", file]).status == 2)
        #expect(try run(["verify", file, "--hmac-key", Fixtures.hmacKeyFile, "--cert", Fixtures.rsaCertificatePEM]).status == 2)
        #expect(try run(["sign", Self.envelope, "--key", Fixtures.rsaKeyPEM]).status == 2)
        // SHA-1 only when asked for, and the refusal names the option that asks for it.
        let sha1 = try run(["sign", Self.envelope, "--id", "Body-1", "--key", Fixtures.rsaKeyPEM, "--algorithm", "rsa-sha1"])
        #expect(sha1.status == 1 && sha1.stderr.contains("fix: --allow-sha1 allows SHA-1 based algorithms"), "\(sha1.stderr)")
        let withSHA1 = try run(["sign", Self.envelope, "--id", "Body-1", "--key", Fixtures.rsaKeyPEM, "--algorithm", "rsa-sha1", "--allow-sha1"])
        #expect(withSHA1.status == 0)
        let file1 = Fixtures.file("cli-sha1.xml", withSHA1.stdout)
        let refused = try run(["verify", file1, "--key", Fixtures.rsaKeyPEM])
        #expect(refused.status == 1 && refused.stderr.contains("[algorithmNotAllowed]")
                && refused.stderr.contains("fix: --allow-sha1 accepts SHA-1 based algorithms"), "\(refused.stderr)")
        #expect(try run(["verify", file1, "--key", Fixtures.rsaKeyPEM, "--allow-sha1"]).status == 0)
    }

    @Test func keystoreEntries() throws {
        let store = PKCS12Keystore(entries: [
            .privateKey(alias: "service", key: Fixtures.rsaKey, chain: [Fixtures.rsaCertificate]),
            .trustedCertificate(alias: "partner", certificate: Fixtures.rsaCertificate),
        ])
        let path = Fixtures.file("cli-store.p12", [UInt8](try store.serialized(password: Secret("store-pass"))))
        let environment = ["XML_TEST_STORE_PASS": "store-pass"]
        let keystore = ["--keystore", path, "--password-env", "XML_TEST_STORE_PASS"]
        let signed = try run(["sign", Self.envelope, "--id", "Body-1", "--alias", "service", "--key-info", "cert"] + keystore, environment: environment)
        #expect(signed.status == 0, "\(signed.stderr)")
        let file = Fixtures.file("cli-store-signed.xml", signed.stdout)
        #expect(try run(["verify", file, "--alias", "partner"] + keystore, environment: environment).status == 0)
        let missing = try run(["verify", file, "--alias", "nobody"] + keystore, environment: environment)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("service, partner"))
    }

    @Test func encryptThenDecrypt() throws {
        let encrypted = try run(["encrypt", Self.envelope, "--id", "Body-1", "--cert", Fixtures.rsaCertificatePEM, "--algorithm", "aes128-gcm"])
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        #expect(!encrypted.stdout.contains("Widget"))
        let file = Fixtures.file("cli-encrypted.xml", encrypted.stdout)
        let decrypted = try run(["decrypt", file, "--key", Fixtures.rsaKeyPEM])
        #expect(decrypted.status == 0, "\(decrypted.stderr)")
        #expect(decrypted.stdout.contains("<m:item qty=\"2\">Widget &amp; bolt</m:item>"))
        #expect(decrypted.stderr.contains("decrypted /soap:Envelope/soap:Body (aes128-gcm, rsa-oaep-mgf1p (sha1))"))
        // xmlsec1 reads it too.
        let peer = try XMLSecInteropTests.xmlsec1(["--decrypt", "--privkey-pem", Fixtures.rsaKeyPEM, file])
        #expect(peer.status == 0)
        #expect(String(decoding: peer.stdout, as: UTF8.self).contains("Widget &amp; bolt"))
        let wrong = try run(["decrypt", file, "--key", Fixtures.file("other-key.pem", try Fixtures.otherKey.pemString())])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("[decryptionFailed]"))
    }

    @Test func detachedKeyAndDirectKey() throws {
        let encrypted = try run(["encrypt", Self.envelope, "--id", "Body-1", "--id", "TS-1", "--content", "--cert", Fixtures.rsaCertificatePEM,
                                 "--key-transport", "rsa-oaep11-sha256", "--into", "Security"])
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        #expect(encrypted.stdout.contains(##"<xenc:DataReference URI="#ED-2"/>"##))
        let decrypted = try run(["decrypt", Fixtures.file("cli-detached.xml", encrypted.stdout), "--key", Fixtures.rsaKeyPEM, "--quiet"])
        #expect(decrypted.status == 0, "\(decrypted.stderr)")
        #expect(decrypted.stderr.isEmpty)
        let aes = Fixtures.file("cli-aes.bin", Array(repeating: 5, count: 32))
        let direct = try run(["encrypt", Self.envelope, "--id", "Body-1", "--aes-key", aes])
        #expect(direct.status == 0)
        #expect(try run(["decrypt", Fixtures.file("cli-direct.xml", direct.stdout), "--aes-key", aes]).status == 0)
    }

    /// tripledes-cbc only on request, both ways; with a direct --des-key too, which xmlsec1 reads.
    @Test func tripleDESNeedsItsFlag() throws {
        let help = try run(["encrypt", "--help"])
        #expect(help.stdout.contains("tripledes-cbc     - http://www.w3.org/2001/04/xmlenc#tripledes-cbc"), "each value with its URI: \(help.stdout)")
        #expect(help.stdout.contains("--allow-tripledes"))
        let refused = try run(["encrypt", Self.envelope, "--id", "Body-1", "--cert", Fixtures.rsaCertificatePEM, "--algorithm", "tripledes-cbc"])
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("Triple DES (tripledes-cbc) is not allowed"), "\(refused.stderr)")
        #expect(refused.stderr.contains("fix: --allow-rsa15 allows RSA-1_5 key transport, --allow-tripledes tripledes-cbc"), "\(refused.stderr)")
        let encrypted = try run(["encrypt", Self.envelope, "--id", "Body-1", "--cert", Fixtures.rsaCertificatePEM, "--algorithm", "tripledes-cbc",
                                 "--allow-tripledes"])
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        let file = Fixtures.file("cli-3des.xml", encrypted.stdout)
        let notAllowed = try run(["decrypt", file, "--key", Fixtures.rsaKeyPEM])
        #expect(notAllowed.status == 1 && notAllowed.stderr.contains("[algorithmNotAllowed]"), "\(notAllowed.stderr)")
        #expect(notAllowed.stderr.contains("fix: --allow-rsa15 accepts RSA-1_5 key transport, --allow-tripledes tripledes-cbc"), "\(notAllowed.stderr)")
        let decrypted = try run(["decrypt", file, "--key", Fixtures.rsaKeyPEM, "--allow-tripledes"])
        #expect(decrypted.status == 0, "\(decrypted.stderr)")
        #expect(decrypted.stderr.contains("(tripledes-cbc, rsa-oaep-mgf1p (sha1))"), "\(decrypted.stderr)")

        let des = Fixtures.file("cli-des.bin", (0..<24).map { UInt8($0 * 7 + 1) })
        let direct = try run(["encrypt", Self.envelope, "--id", "Body-1", "--des-key", des, "--algorithm", "tripledes-cbc", "--allow-tripledes"])
        #expect(direct.status == 0, "\(direct.stderr)")
        let peer = try XMLSecInteropTests.xmlsec1(["--decrypt", "--deskey", des, Fixtures.file("cli-3des-direct.xml", direct.stdout)])
        #expect(peer.status == 0, "\(peer.stderr)")
        #expect(String(decoding: peer.stdout, as: UTF8.self).contains("Widget &amp; bolt"))
    }

    @Test func canonicalForm() throws {
        let result = try run(["c14n", Self.envelope, "--id", "TS-1"])
        #expect(result.stdout == #"<wsu:Timestamp xmlns:wsu="\#(Fixtures.wsu)" wsu:Id="TS-1"><wsu:Created>2024-01-01T00:00:00Z</wsu:Created></wsu:Timestamp>"#)
    }
}
