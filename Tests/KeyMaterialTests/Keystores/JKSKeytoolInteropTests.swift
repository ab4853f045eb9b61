import Foundation
import TestSupport
import KeyMaterial
import Testing

/// JKS and PKCS #12 through `Keystore`, proven against keytool in both directions.
@Suite(.serialized) struct JKSKeytoolInteropTests {
    static func keytool(_ arguments: [String]) throws -> String {
        let (status, output) = try Program.run(KeytoolInteropTests.keytool, KeytoolInteropTests.english + arguments)
        try #require(status == 0, "keytool \(arguments.first ?? "") failed: \(output)")
        return output
    }

    /// Alias -> (entry type, SHA-256) from `keytool -list -v`, any store type.
    static func list(_ path: String, storetype: String, password: String) throws -> [String: (type: String, sha256: String)] {
        let output = try keytool(["-list", "-v", "-storetype", storetype, "-keystore", path, "-storepass", password])
        var result: [String: (String, String)] = [:]
        for block in output.components(separatedBy: "Alias name: ").dropFirst() {
            let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let type = lines.first { $0.hasPrefix("Entry type: ") }?.dropFirst("Entry type: ".count)
            let sha256 = lines.first { $0.hasPrefix("SHA256: ") }?.dropFirst("SHA256: ".count)
            result[lines[0]] = (String(type ?? ""), String(sha256 ?? ""))
        }
        return result
    }

    @Test(arguments: [("JKS", KeystoreFormat.jks), ("PKCS12", .pkcs12)])
    func keytoolListsAndUsesWhatWeWrite(storetype: String, format: KeystoreFormat) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ours.\(storetype)").path
        try KeystoreFormatsTests.sample(format).serialized(password: Secret("interop-pass")).write(to: URL(fileURLWithPath: path))

        let listed = try Self.list(path, storetype: storetype, password: "interop-pass")
        #expect(listed.count == 2)
        #expect(listed["service"]?.type == "PrivateKeyEntry")
        #expect(listed["service"]?.sha256 == Fixtures.rsaCertificate.sha256Fingerprint)
        #expect(listed["client"]?.type == "trustedCertEntry")
        #expect(listed["client"]?.sha256 == Fixtures.ecCertificate.sha256Fingerprint)
        // keytool uses our key: a request signed with it, and the certificate exported.
        let csr = try Self.keytool(["-certreq", "-alias", "service", "-storetype", storetype, "-keystore", path,
                                    "-storepass", "interop-pass", "-keypass", "interop-pass"])
        #expect(csr.contains("BEGIN NEW CERTIFICATE REQUEST"))
        let exported = try Self.keytool(["-exportcert", "-rfc", "-alias", "service", "-storetype", storetype, "-keystore", path, "-storepass", "interop-pass"])
        #expect(try Certificate(pemString: exported).sha256Fingerprint == Fixtures.rsaCertificate.sha256Fingerprint)
        let (status, output) = try Program.run(KeytoolInteropTests.keytool, KeytoolInteropTests.english + [
            "-list", "-storetype", storetype, "-keystore", path, "-storepass", "not-it"])
        #expect(status != 0 && output.contains("password was incorrect"))
    }

    @Test(arguments: ["JKS", "PKCS12"])
    func weReadWhatKeytoolWrites(storetype: String) throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("keytool.\(storetype)").path
        let certificatePath = directory.appendingPathComponent("trusted.pem").path
        try Fixtures.ecCertificate.pemString.write(toFile: certificatePath, atomically: true, encoding: .utf8)
        _ = try Self.keytool(["-genkeypair", "-alias", "Made-By-Keytool", "-keyalg", "EC", "-groupname", "secp384r1",
                              "-dname", "CN=keytool peer,O=wssconsole", "-validity", "30", "-ext", "SAN=dns:peer.example.com",
                              "-storetype", storetype, "-keystore", path, "-storepass", "keytool-pass", "-keypass", "keytool-pass"])
        _ = try Self.keytool(["-importcert", "-noprompt", "-alias", "our-client", "-file", certificatePath,
                              "-storetype", storetype, "-keystore", path, "-storepass", "keytool-pass"])
        let listed = try Self.list(path, storetype: storetype, password: "keytool-pass")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try Keystore.open(data: data, password: Secret("keytool-pass"))
        #expect(store.format == (storetype == "JKS" ? .jks : .pkcs12))
        let key = try #require(store.entry(alias: "made-by-keytool"))
        #expect(key.kind == .privateKey && key.privateKey?.algorithmDescription == "EC P-384")
        #expect(key.certificate?.sha256Fingerprint == listed["made-by-keytool"]?.sha256)
        #expect(key.certificate?.extensions.contains { $0.value == "DNS:peer.example.com" } == true)
        #expect(store.entry(alias: "our-client")?.certificate?.sha256Fingerprint == listed["our-client"]?.sha256)
        #expect { try Keystore.open(data: data, password: Secret("nope")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
        #expect { try Keystore.open(data: data.prefix(data.count - 7), password: Secret("keytool-pass")) } throws: {
            ($0 as? KeyMaterialError)?.code == .corrupt
        }
    }

    @Test func keytoolKeyWithItsOwnPasswordOpensWithIt() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("own.jks").path
        _ = try Self.keytool(["-genkeypair", "-alias", "signer", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=signer",
                              "-storetype", "JKS", "-keystore", path, "-storepass", "store-pass", "-keypass", "key-pass"])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try Keystore.open(data: data, password: Secret("store-pass"))
        #expect(store.entries.first?.isLocked == true)
        #expect(try store.privateKey(alias: "signer", password: Secret("key-pass")).algorithmDescription == "RSA 2048")
        // A key password given for it that is wrong is said so, rather than the key left locked as if none was given.
        #expect { try Keystore.open(data: data, password: Secret("store-pass"), keyPasswords: ["signer": Secret("not-it")]) } throws: {
            ($0 as? KeyMaterialError)?.code == .wrongPassword && "\($0)".contains("the key password of signer is incorrect")
        }
        #expect(try Keystore.open(data: data, password: Secret("store-pass"), keyPasswords: ["signer": Secret("key-pass")]).entries.first?.isLocked == false)
        // Changing that key's password with us, keytool then uses it with the new one.
        var changed = store
        try changed.changeKeyPassword(alias: "signer", old: Secret("key-pass"), new: Secret("new-key-pass"))
        try changed.serialized(password: Secret("store-pass")).write(to: URL(fileURLWithPath: path))
        let csr = try Self.keytool(["-certreq", "-alias", "signer", "-storetype", "JKS", "-keystore", path,
                                    "-storepass", "store-pass", "-keypass", "new-key-pass"])
        #expect(csr.contains("BEGIN NEW CERTIFICATE REQUEST"))
    }

    @Test func ourRequestSignedByKeytoolComesBackAsAChainKeytoolLists() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        _ = try Self.keytool(["-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Keytool CA,O=wssconsole",
                              "-ext", "bc:c", "-storetype", "PKCS12", "-keystore", path("ca.p12"), "-storepass", "ca-pass"])
        let caPEM = try Self.keytool(["-exportcert", "-rfc", "-alias", "ca", "-storetype", "PKCS12", "-keystore", path("ca.p12"), "-storepass", "ca-pass"])
        var store = KeystoreFormatsTests.sample(.jks)
        try store.certificateSigningRequest(alias: "service").write(toFile: path("req.csr"), atomically: true, encoding: .utf8)
        _ = try Self.keytool(["-gencert", "-rfc", "-alias", "ca", "-infile", path("req.csr"), "-outfile", path("reply.pem"),
                              "-storetype", "PKCS12", "-keystore", path("ca.p12"), "-storepass", "ca-pass", "-validity", "20"])
        let ca = try Certificate(pemString: caPEM)
        #expect(try store.importTrustedCertificate(ca, alias: "keytool-ca") == .added)
        let reply = try Certificate.all(from: Data(contentsOf: URL(fileURLWithPath: path("reply.pem"))))
        let installed = try store.importCAReply(alias: "service", reply: reply)
        #expect(installed.rootTrusted && installed.chain.count == 2)
        try store.serialized(password: Secret("store-pass")).write(to: URL(fileURLWithPath: path("ours.jks")))
        let listing = try Self.keytool(["-list", "-v", "-alias", "service", "-storetype", "JKS", "-keystore", path("ours.jks"), "-storepass", "store-pass"])
        #expect(listing.contains("Certificate chain length: 2"))
        #expect(listing.contains("Issuer: CN=Keytool CA, O=wssconsole"))
        #expect(listing.contains(ca.sha256Fingerprint))
    }
}
