import Foundation
import TestSupport
import KeyMaterial
import Testing

/// The `Keystore` value over JKS, PKCS #12 (modern and legacy) and PEM: round trips and bad input.
@Suite struct KeystoreFormatsTests {
    static let password = Secret("store-pass")

    static func sample(_ format: KeystoreFormat) -> Keystore {
        Keystore(format: format, entries: [
            .privateKey(alias: "service", key: Fixtures.rsaKey, chain: [Fixtures.rsaCertificate]),
            .trustedCertificate(alias: "client", certificate: Fixtures.ecCertificate),
        ])
    }

    @Test(arguments: [KeystoreFormat.jks, .pkcs12, .pem])
    func writeThenOpenKeepsEntries(format: KeystoreFormat) throws {
        let data = try Self.sample(format).serialized(password: Self.password)
        #expect(KeystoreFormat.detect(data) == format)
        let store = try Keystore.open(data: data, password: Self.password)
        #expect(store.format == format)
        #expect(store.entries.map(\.alias) == ["service", "client"])
        #expect(store.entries.map(\.kind) == [.privateKey, .trustedCertificate])
        #expect(store.entry(alias: "SERVICE")?.certificate == Fixtures.rsaCertificate)
        #expect(store.entry(alias: "service")?.privateKey.map { $0.matches(Fixtures.rsaCertificate) } == true)
        #expect(store.entry(alias: "client")?.certificate?.sha256Fingerprint == Fixtures.ecCertificate.sha256Fingerprint)
        #expect(try store.privateKey(alias: "service", password: Self.password).matches(Fixtures.rsaCertificate))
        #expect { try store.privateKey(alias: "service", password: Secret("other")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }

    @Test func jksAliasesAreLowerCasedAsJavaDoes() throws {
        let store = Keystore(format: .jks, entries: [.trustedCertificate(alias: "MixedCase", certificate: Fixtures.ecCertificate)])
        let read = try Keystore.open(data: try store.serialized(password: Self.password), password: Self.password)
        #expect(read.entries.map(\.alias) == ["mixedcase"])
    }

    @Test func convertsBetweenFormats() throws {
        let jks = try Self.sample(.jks).serialized(password: Self.password)
        let p12 = try Keystore.open(data: jks, password: Self.password).serialized(format: .pkcs12, password: Secret("p12-pass"))
        let back = try Keystore.open(data: p12, password: Secret("p12-pass"))
        #expect(back.format == .pkcs12)
        #expect(back.entries == Self.sample(.pkcs12).entries)
        let jksAgain = try Keystore.open(data: try back.serialized(format: .jks, password: Self.password), password: Self.password)
        #expect(jksAgain.format == .jks && jksAgain.entries == Self.sample(.jks).entries)
    }

    @Test func wrongPasswordIsToldApartFromDamage() throws {
        let data = try Self.sample(.jks).serialized(password: Self.password)
        #expect { try Keystore.open(data: data, password: Secret("wrong")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
        for length in [3, 10, data.count / 2, data.count - 1] {
            #expect { try Keystore.open(data: data.prefix(length), password: Self.password) } throws: {
                ($0 as? KeyMaterialError)?.code == .corrupt
            }
        }
        var altered = data
        altered[altered.count - 30] ^= 0x01  // inside the last certificate's signature: still parses
        #expect { try Keystore.open(data: altered, password: Self.password) } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        #expect { try Keystore.open(data: data + Data([0]), password: Self.password) } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
        #expect { try Keystore.open(data: Data("hello".utf8), password: Self.password) } throws: { ($0 as? KeyMaterialError)?.code == .unsupported }
        #expect { try Keystore.open(data: Data([0xCE, 0xCE, 0xCE, 0xCE, 0, 0, 0, 2]), password: Self.password) } throws: {
            ($0 as? KeyMaterialError)?.code == .unsupported
        }
    }

    @Test func jksKeyWithItsOwnPasswordStaysLockedUntilGiven() throws {
        var store = Keystore(format: .jks, entries: [
            .privateKey(alias: "service", key: Fixtures.rsaKey, chain: [Fixtures.rsaCertificate], keyPassword: Secret("key-pass")),
        ])
        let data = try store.serialized(password: Self.password)
        let locked = try Keystore.open(data: data, password: Self.password)
        #expect(locked.entries[0].isLocked && locked.entries[0].privateKey == nil)
        #expect { try locked.privateKey(alias: "service", password: Self.password) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
        #expect(try locked.privateKey(alias: "service", password: Secret("key-pass")).matches(Fixtures.rsaCertificate))
        // Written back while locked, the protected key is kept byte for byte.
        let again = try Keystore.open(data: try locked.serialized(password: Self.password), password: Self.password, keyPasswords: ["SERVICE": Secret("key-pass")])
        #expect(again.entries[0].privateKey != nil && again.entries[0].hasOwnKeyPassword)
        // Every format that must open the key to write it says how to give its password (PEM said only "give it").
        for format in [KeystoreFormat.pkcs12, .pem] {
            #expect { try locked.serialized(format: format, password: Self.password) } throws: {
                ($0 as? KeyMaterialError)?.code == .invalidArgument && "\($0)".contains("--keypass-env")
            }
        }
        store = locked
        try store.unlockKey(alias: "service", password: Secret("key-pass"))
        #expect(try Keystore.open(data: try store.serialized(format: .pkcs12, password: Self.password), password: Self.password).entries.count == 1)
    }

    @Test func legacyPKCS12FromOpenSSLIsRead() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyPath = directory.appendingPathComponent("key.pem").path, certPath = directory.appendingPathComponent("cert.pem").path
        let outPath = directory.appendingPathComponent("legacy.p12").path
        try Fixtures.rsaKey.pemString().write(toFile: keyPath, atomically: true, encoding: .utf8)
        try Fixtures.rsaCertificate.pemString.write(toFile: certPath, atomically: true, encoding: .utf8)
        let made = try Program.run("/usr/bin/openssl", ["pkcs12", "-export", "-legacy", "-inkey", keyPath, "-in", certPath,
                                               "-name", "old", "-out", outPath, "-passout", "pass:legacy-pass"])
        try #require(made.status == 0, "openssl pkcs12 -legacy failed: \(made.output)")
        let data = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let store = try Keystore.open(data: data, password: Secret("legacy-pass"))
        #expect(store.entries.map(\.alias) == ["old"])
        #expect(store.entries.first?.privateKey?.matches(Fixtures.rsaCertificate) == true)
        #expect { try Keystore.open(data: data, password: Secret("wrong")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }

    @Test func pemWithoutAliasesGetsNamesAndChains() throws {
        let pem = try Fixtures.rsaKey.pemString() + Fixtures.rsaCertificate.pemString + Fixtures.ecCertificate.pemString
        let store = try Keystore.open(data: Data(pem.utf8), password: Secret(""))
        #expect(store.entries.map(\.alias) == ["key", "cert1"])
        #expect { try Keystore.open(data: Data((pem.dropLast(10)).utf8), password: Secret("")) } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
    }

    /// Each unnamed certificate's alias was found by counting from cert1 against every entry so far: cubic, a bundle of
    /// 2,000 certificates took minutes to open. A friendlyName taking a number is still skipped.
    @Test func aLargePEMBundleGetsItsNamesInOnePass() throws {
        let certificate = Fixtures.ecCertificate.pemString
        let pem = certificate + "friendlyName: cert3\n" + certificate + String(repeating: certificate, count: 1_998)
        let store = try Keystore.open(data: Data(pem.utf8), password: Secret(""))
        #expect(store.entries.count == 2_000)
        #expect(store.entries.prefix(4).map(\.alias) == ["cert1", "cert3", "cert2", "cert4"])
        #expect(store.entries.last?.alias == "cert2000")
    }
}
