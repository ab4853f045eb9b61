import Foundation
import TestSupport
import KeyMaterial
import Testing

/// Every keystore operation on the value, with its bad inputs; CA replies are signed by the openssl CLI.
@Suite struct KeystoreOperationsTests {
    static let password = Secret("store-pass")

    @Test func generatesEachAlgorithmWithSubjectValidityAndSAN() throws {
        var store = Keystore(format: .pkcs12)
        for (alias, algorithm) in [("rsa", KeyAlgorithm.rsa(bits: 2048)), ("ec256", .ecP256), ("ec384", .ecP384)] {
            let entry = try store.generateKeyPair(alias: alias, algorithm: algorithm, subject: "CN=\(alias),O=Tests", validityDays: 90,
                                                  subjectAltNames: [.dnsName("\(alias).example.com")])
            #expect(entry.certificate?.publicKeyDescription == algorithm.description)
            #expect(entry.certificate?.subject == "CN=\(alias),O=Tests")
            #expect(entry.certificate?.daysLeft() == 90, "a 90-day certificate has 90 days left when made")
            #expect(entry.certificate?.expiry() == .valid)
            #expect(entry.certificate?.extensions.contains { $0.name == "X509v3 Subject Alternative Name" && $0.value == "DNS:\(alias).example.com" } == true)
        }
        #expect { try store.generateKeyPair(alias: "RSA", algorithm: .ecP256, subject: "CN=x", validityDays: 1) } throws: {
            ($0 as? KeyMaterialError)?.code == .invalidArgument
        }
        #expect { try store.generateKeyPair(alias: "bad", algorithm: .rsa(bits: 1024), subject: "CN=x", validityDays: 1) } throws: {
            ($0 as? KeyMaterialError)?.code == .invalidArgument
        }
        #expect(store.entries.count == 3)
    }

    /// A started day counts whole, as the validity it was made with does: a 30-day certificate shows 30, and expires
    /// within the 30 days of the warning; on its last day 1 is left; a day after it ended, it expired 1 day ago.
    @Test func daysLeftCountsAStartedDay() throws {
        let certificate = Fixtures.rsaCertificate  // 30 days
        let end = certificate.notAfter, day = 86_400.0
        #expect(certificate.daysLeft() == 30 && certificate.expiry() == .expiresSoon)
        #expect(certificate.daysLeft(now: end - 30 * day) == 30 && certificate.expiry(now: end - 30 * day) == .expiresSoon)
        #expect(certificate.daysLeft(now: end - 30 * day - 1) == 31)
        #expect(certificate.daysLeft(now: end - 60) == 1)
        #expect(certificate.daysLeft(now: end + day / 2) == 0 && certificate.expiry(now: end + day / 2) == .expired)
        #expect(certificate.daysLeft(now: end + day * 1.5) == -1)
    }

    @Test func expiryIsData() throws {
        let certificate = Fixtures.rsaCertificate  // 30 days
        #expect(certificate.expiry() == .expiresSoon)
        #expect(certificate.expiry(warningDays: 10) == .valid)
        #expect(certificate.expiry(now: Date().addingTimeInterval(31 * 86_400)) == .expired)
        #expect(certificate.expiry(now: Date().addingTimeInterval(-86_400)) == .notYetValid)
    }

    @Test func trustedImportSaysWhereTheCertificateAlreadyIs() throws {
        var store = KeystoreFormatsTests.sample(.jks)
        #expect(try store.importTrustedCertificate(Fixtures.ecCertificate, alias: "again") == .alreadyPresent(alias: "client"))
        #expect(try store.importTrustedCertificate(Fixtures.rsaCertificate, alias: "svc") == .alreadyPresent(alias: "service"))
        #expect { try store.importTrustedCertificate(Fixtures.ecCertificate, alias: "CLIENT") } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        #expect(try store.importTrustedCertificate(Fixtures.ecCertificate, alias: "again", allowDuplicate: true) == .added)
        #expect(store.entries.count == 3)
    }

    @Test func deleteRenameAndPasswords() throws {
        var store = KeystoreFormatsTests.sample(.jks)
        try store.rename(alias: "client", to: "partner")
        #expect(store.entries.map(\.alias) == ["service", "partner"])
        #expect { try store.rename(alias: "partner", to: "Service") } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        #expect { try store.delete(alias: "nobody") } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        try store.delete(alias: "partner")
        #expect(store.entries.map(\.alias) == ["service"])

        var opened = try Keystore.open(data: try store.serialized(password: Self.password), password: Self.password)
        #expect { try opened.changeKeyPassword(alias: "service", old: Secret("nope"), new: Secret("k2")) } throws: {
            ($0 as? KeyMaterialError)?.code == .wrongPassword
        }
        try opened.changeKeyPassword(alias: "service", old: Self.password, new: Secret("k2"))
        try opened.changeStorePassword(old: Self.password, new: Secret("s2"))
        let reread = try Keystore.open(data: try opened.serialized(password: Secret("s2")), password: Secret("s2"))
        #expect(reread.entries[0].isLocked)
        #expect(try reread.privateKey(alias: "service", password: Secret("k2")).matches(Fixtures.rsaCertificate))
        // A PKCS #12 key may have a password of its own (older Java tools write such files); PEM has one password.
        var p12 = try Keystore.open(data: KeystoreFormatsTests.sample(.pkcs12).serialized(password: Self.password), password: Self.password)
        try p12.changeKeyPassword(alias: "service", old: Self.password, new: Secret("x"))
        #expect(p12.entries[0].hasOwnKeyPassword)
        #expect(try Keystore.open(data: p12.serialized(password: Self.password), password: Self.password).entries[0].isLocked)
        var pem = KeystoreFormatsTests.sample(.pem)
        #expect { try pem.changeKeyPassword(alias: "service", old: Self.password, new: Secret("x")) } throws: { ($0 as? KeyMaterialError)?.code == .unsupported }
    }

    @Test func jksStorePasswordChangeKeepsKeyPasswordsLikeKeytool() throws {
        var store = try Keystore.open(data: try KeystoreFormatsTests.sample(.jks).serialized(password: Self.password), password: Self.password)
        #expect { try store.changeStorePassword(old: Secret("wrong"), new: Secret("s2")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
        try store.changeStorePassword(old: Self.password, new: Secret("s2"))
        let reread = try Keystore.open(data: try store.serialized(password: Secret("s2")), password: Secret("s2"))
        #expect(reread.entries[0].isLocked)
        #expect(try reread.privateKey(alias: "service", password: Self.password).matches(Fixtures.rsaCertificate))
    }

    @Test func csrSignedByACAIsImportedAsAReply() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        var store = KeystoreFormatsTests.sample(.pkcs12)
        let csr = try store.certificateSigningRequest(alias: "service")
        #expect(csr.hasPrefix("-----BEGIN CERTIFICATE REQUEST-----"))
        try csr.write(toFile: path("req.csr"), atomically: true, encoding: .utf8)
        let checked = try Program.run("/usr/bin/openssl", ["req", "-in", path("req.csr"), "-verify", "-noout", "-text"])
        #expect(checked.status == 0 && checked.output.contains("CN = test service") && checked.output.contains("DNS:localhost"))

        let caKey = try PrivateKey.generate(.ecP256)
        let ca = try Certificate.selfSigned(key: caKey, subject: "CN=Test CA", validityDays: 10)
        try caKey.pemString().write(toFile: path("ca.key"), atomically: true, encoding: .utf8)
        try ca.pemString.write(toFile: path("ca.pem"), atomically: true, encoding: .utf8)
        let signed = try Program.run("/usr/bin/openssl", ["x509", "-req", "-in", path("req.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                                                 "-CAcreateserial", "-days", "5", "-out", path("reply.pem")])
        try #require(signed.status == 0, "openssl x509 -req failed: \(signed.output)")
        let reply = try Certificate.all(from: Data(contentsOf: URL(fileURLWithPath: path("reply.pem"))))

        // The CA is unknown to the store: the chain cannot be established.
        #expect { try store.importCAReply(alias: "service", reply: reply) } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        // A reply for another key is refused.
        #expect { try store.importCAReply(alias: "service", reply: [ca]) } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        #expect { try store.importCAReply(alias: "client", reply: reply) } throws: { ($0 as? KeyMaterialError)?.code == .invalidArgument }
        // With the CA in the reply the chain is complete; with the CA trusted by the store it is too, and trusted.
        var withChain = store
        let installed = try withChain.importCAReply(alias: "service", reply: [ca] + reply)
        #expect(installed.chain == [reply[0], ca] && !installed.rootTrusted)
        try store.importTrustedCertificate(ca, alias: "test-ca")
        let trusted = try store.importCAReply(alias: "service", reply: reply)
        #expect(trusted.rootTrusted && store.entry(alias: "service")?.chain == [reply[0], ca])
        #expect(store.entry(alias: "service")?.certificate?.issuer == "CN=Test CA")
    }

    @Test func exportsAndComparison() throws {
        let pub = try Fixtures.rsaCertificate.publicKeyPEMString()
        #expect(pub == (try Fixtures.rsaKey.publicKeyPEMString()))
        #expect(try Certificate.all(from: Fixtures.rsaCertificate.derBytes) == [Fixtures.rsaCertificate])
        let comparison = CertificateComparison(Fixtures.rsaCertificate, Fixtures.ecCertificate)
        #expect(!comparison.identical && !comparison.samePublicKey)
        #expect(comparison.rows.first { $0.field == "subject" }?.same == false)
        #expect(comparison.rows.first { $0.field == "signature" }.map { !$0.same } == true)
        #expect(comparison.rows.first { $0.field == "X509v3 Subject Alternative Name" }?.right == "-")
        let same = CertificateComparison(Fixtures.rsaCertificate, Fixtures.rsaCertificate)
        #expect(same.identical && same.rows.allSatisfy(\.same))
    }
}
