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
