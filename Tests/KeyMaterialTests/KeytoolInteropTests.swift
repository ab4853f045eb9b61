import Foundation
import TestSupport
import KeyMaterial
import Testing

/// Proves our PKCS #12 files against Java's keytool, in both directions.
@Suite(.serialized) struct KeytoolInteropTests {
    static let keytool = "/usr/bin/keytool"
    static let english = ["-J-Duser.language=en", "-J-Duser.country=US"]

    /// Alias -> (entry type, SHA-256 fingerprint) from `keytool -list -v`.
    static func list(_ path: String, password: String) throws -> [String: (type: String, sha256: String)] {
        let (status, output) = try Program.run(keytool, english + [
            "-list", "-v", "-storetype", "PKCS12", "-keystore", path, "-storepass", password,
        ])
        try #require(status == 0, "keytool -list failed: \(output)")
        var result: [String: (String, String)] = [:]
        for block in output.components(separatedBy: "Alias name: ").dropFirst() {
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let alias = lines[0]
            let type = lines.first { $0.hasPrefix("Entry type: ") }?.dropFirst("Entry type: ".count)
            let sha256 = lines.first { $0.hasPrefix("SHA256: ") }?.dropFirst("SHA256: ".count)
            result[alias] = (String(type ?? ""), String(sha256 ?? ""))
        }
        return result
    }

    @Test func keytoolListsWhatWeWrite() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ours.p12").path
        let data = try PKCS12KeystoreTests.sampleStore().serialized(password: Secret("interop-pass"))
        try data.write(to: URL(fileURLWithPath: path))

        let listed = try Self.list(path, password: "interop-pass")
        #expect(listed.count == 2)
        #expect(listed["service"]?.type == "PrivateKeyEntry")
        #expect(listed["service"]?.sha256 == Fixtures.rsaCertificate.sha256Fingerprint)
        #expect(listed["client"]?.type == "trustedCertEntry")
        #expect(listed["client"]?.sha256 == Fixtures.ecCertificate.sha256Fingerprint)
    }

    /// A non-ASCII alias is a BMPString friendlyName keytool lists as written (it was each UTF-8 byte as one
    /// character), and a UTF-8 subject reads as it was given (it was \\C3\\B6 escapes).
    @Test func aNonASCIIAliasAndSubjectStayAsWritten() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("utf8.p12").path
        let key = try PrivateKey.generate(.ecP256)
        let subject = "CN=Jörg Müller,O=Straße"
        let certificate = try Certificate.selfSigned(key: key, subject: subject, validityDays: 30)
        #expect(certificate.subject == subject)
        let store = PKCS12Keystore(entries: [.privateKey(alias: "schlüssel-ключ", key: key, chain: [certificate]),
                                             .trustedCertificate(alias: "vertraut-é", certificate: Fixtures.ecCertificate)])
        try store.serialized(password: Secret("utf8-pass")).write(to: URL(fileURLWithPath: path))
        let (status, output) = try Program.run(Self.keytool, Self.english + [
            "-J-Dsun.stdout.encoding=UTF-8", "-list", "-v", "-storetype", "PKCS12", "-keystore", path, "-storepass", "utf8-pass",
        ])
        try #require(status == 0, "\(output)")
        #expect(output.contains("Alias name: schlüssel-ключ") && output.contains("Alias name: vertraut-é"), "\(output)")
        #expect(output.contains("Owner: CN=Jörg Müller, O=Straße"), "\(output)")
        let read = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: path)), password: Secret("utf8-pass"))
        #expect(Set(read.entries.map(\.alias)) == ["schlüssel-ключ", "vertraut-é"])
    }

    /// OpenSSL's PKCS12_get_friendlyname gave no name for one ending in a CJK character, so keytool's
    /// `партнёр-日本` read as `key1` and the next write renamed it on disk.
    @Test func aCJKAliasKeytoolWroteIsReadAndKeptThroughAWrite() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("cjk.p12").path
        let alias = "партнёр-日本"
        let generated = try Program.run(Self.keytool, Self.english + [
            "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=kt", "-validity", "30",
            "-storetype", "PKCS12", "-keystore", path, "-storepass", "cjk-pass",
        ], environment: ["LC_ALL": "C.UTF-8"])
        try #require(generated.status == 0, "keytool -genkeypair failed: \(generated.output)")
        var store = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: path)), password: Secret("cjk-pass"))
        #expect(store.entries.map(\.alias) == [alias])

        let key = try PrivateKey.generate(.ecP256)
        let ours = try Certificate.selfSigned(key: key, subject: "CN=ours", validityDays: 30)
        store.entries.append(.privateKey(alias: "日本", key: key, chain: [ours]))
        store.entries.append(.trustedCertificate(alias: "信頼", certificate: Fixtures.ecCertificate))
        try store.serialized(password: Secret("cjk-pass")).write(to: URL(fileURLWithPath: path))
        for name in [alias, "日本", "信頼"] {
            let listed = try Program.run(Self.keytool, Self.english + [
                "-J-Dsun.stdout.encoding=UTF-8", "-list", "-storetype", "PKCS12", "-keystore", path, "-storepass", "cjk-pass", "-alias", name,
            ], environment: ["LC_ALL": "C.UTF-8"])
            #expect(listed.status == 0 && listed.output.hasPrefix(name + ","), "\(name): \(listed.output)")
        }
        let read = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: path)), password: Secret("cjk-pass"))
        #expect(read.entries.map(\.alias) == [alias, "日本", "信頼"])
    }

    @Test func weReadWhatKeytoolWrites() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("keytool.p12").path
        let certificatePath = directory.appendingPathComponent("trusted.pem").path
        try Fixtures.ecCertificate.pemString.write(toFile: certificatePath, atomically: true, encoding: .utf8)

        let generated = try Program.run(Self.keytool, Self.english + [
            "-genkeypair", "-alias", "made-by-keytool", "-keyalg", "RSA", "-keysize", "2048",
            "-dname", "CN=keytool peer,O=wssconsole", "-validity", "30",
            "-storetype", "PKCS12", "-keystore", path, "-storepass", "keytool-pass", "-keypass", "keytool-pass",
        ])
        try #require(generated.status == 0, "keytool -genkeypair failed: \(generated.output)")
        let imported = try Program.run(Self.keytool, Self.english + [
            "-importcert", "-noprompt", "-alias", "our-client", "-file", certificatePath,
            "-storetype", "PKCS12", "-keystore", path, "-storepass", "keytool-pass",
        ])
        try #require(imported.status == 0, "keytool -importcert failed: \(imported.output)")
        let listed = try Self.list(path, password: "keytool-pass")

        let store = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: path)), password: Secret("keytool-pass"))
        #expect(store.skippedContents.isEmpty)
        guard case let .privateKey(alias, key, chain)? = store.entry(alias: "made-by-keytool") else {
            Issue.record("keytool's key entry not found in \(store.entries.map(\.alias))")
            return
        }
        #expect(alias == "made-by-keytool")
        #expect(key.algorithmDescription == "RSA 2048")
        #expect(chain.first?.subject == "CN=keytool peer,O=wssconsole")
        #expect(chain.first?.sha256Fingerprint == listed["made-by-keytool"]?.sha256)
        #expect(chain.first.map(key.matches) == true)

        guard case let .trustedCertificate(_, certificate)? = store.entry(alias: "our-client") else {
            Issue.record("keytool's trusted entry not found in \(store.entries.map(\.alias))")
            return
        }
        #expect(certificate == Fixtures.ecCertificate)
        #expect(certificate.sha256Fingerprint == listed["our-client"]?.sha256)
        #expect {
            _ = try PKCS12Keystore(data: Data(contentsOf: URL(fileURLWithPath: path)), password: Secret("nope"))
        } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }
}
