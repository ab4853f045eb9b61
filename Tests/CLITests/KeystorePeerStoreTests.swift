import Foundation
import TestSupport
import Testing

/// Stores that keytool and openssl made, used through `wssconsole keystore`: key passwords, hostile certificates, weak keys.
@Suite struct KeystorePeerStoreTests {
    static let env = ["SP": "store-pass-1", "KP": "key-pass-1", "BAD": "not-the-pass", "CP": "demo-client-pass"]

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: Self.env)
    }

    static func openssl(_ arguments: [String]) throws {
        let made = try Program.run("/usr/bin/openssl", arguments)
        try #require(made.status == 0, "openssl failed: \(made.output)")
    }

    /// `convert` takes no --alias, so --keypass-env was ignored and the error asked for the very option given.
    @Test func convertOpensAKeyWithItsOwnPasswordFromKeypass() throws {
        let home = try TempHome()
        let jks = home.root + "/keystores/own.jks", p12 = home.root + "/keystores/own.p12"
        let made = try KeystoreCommandTests.keytool(["-genkeypair", "-alias", "signer", "-keyalg", "EC", "-dname", "CN=signer", "-storetype", "JKS",
                                                     "-keystore", jks, "-storepass", "store-pass-1", "-keypass", "key-pass-1"])
        try #require(made.status == 0, "\(made.output)")
        let wrong = try run(home, ["convert", "--keystore", jks, "--storepass-env", "SP", "--keypass-env", "BAD", "--to", "pkcs12", "--out", p12])
        #expect(wrong.status == 1 && wrong.stderr.contains("the key password does not open the key of signer"), "\(wrong.all)")
        #expect(!FileManager.default.fileExists(atPath: p12))
        let converted = try run(home, ["convert", "--keystore", jks, "--storepass-env", "SP", "--keypass-env", "KP", "--to", "pkcs12", "--out", p12])
        #expect(converted.status == 0, "\(converted.all)")
        let listed = try KeystoreCommandTests.keytool(["-list", "-keystore", p12, "-storepass", "store-pass-1"])
        #expect(listed.output.contains("signer,") && listed.output.contains("PrivateKeyEntry"), "\(listed.output)")
    }

    /// The store password's fix used to point at --keypass too; each now names its own option.
    @Test func aWrongStorePasswordAndAWrongKeyPasswordNameTheirOwnOption() throws {
        let home = try TempHome()
        let jks = home.root + "/keystores/own.jks"
        let made = try KeystoreCommandTests.keytool(["-genkeypair", "-alias", "signer", "-keyalg", "EC", "-dname", "CN=signer", "-storetype", "JKS",
                                                     "-keystore", jks, "-storepass", "store-pass-1", "-keypass", "key-pass-1"])
        try #require(made.status == 0, "\(made.output)")
        let before = FileManager.default.contents(atPath: jks)
        let store = try run(home, ["list", "--keystore", jks, "--storepass-env", "BAD"])
        #expect(store.status == 1 && store.stderr.contains("keystore password is incorrect") && !store.stderr.contains("keypass"), "\(store.all)")
        let key = try run(home, ["show", "--keystore", jks, "--storepass-env", "SP", "--alias", "signer", "--keypass-env", "BAD"])
        #expect(key.status == 1 && key.stderr.contains("key password of signer is incorrect") && key.stderr.contains("fix: Give the key's own password"),
                "\(key.all)")
        for result in [store, key] { #expect(!result.all.contains("not-the-pass")) }
        #expect(FileManager.default.contents(atPath: jks) == before)
    }

    /// A SAN holding ESC ] 0 ; ... BEL retitled the operator's terminal when `show` printed it.
    @Test func showEscapesControlCharactersOfExtensions() throws {
        let home = try TempHome()
        let pem = home.root + "/keystores/odd.pem"
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", pem + ".key", "-out", pem + ".crt",
                          "-subj", "/CN=odd", "-days", "30", "-addext", "subjectAltName=DNS:a\u{1B}]0;pwned\u{07}.example"])
        let text = try String(contentsOfFile: pem + ".key", encoding: .utf8) + String(contentsOfFile: pem + ".crt", encoding: .utf8)
        try text.write(toFile: pem, atomically: true, encoding: .utf8)
        let shown = try run(home, ["show", "--keystore", pem, "--alias", "key"])
        #expect(shown.status == 0, "\(shown.all)")
        #expect(!shown.stdout.contains("\u{1B}") && !shown.stdout.contains("\u{07}") && shown.stdout.contains("a\\x1b]0;pwned\\x07.example"), "\(shown.stdout)")
    }

    @Test func anRSA1024KeyIsFlaggedWeak() throws {
        let home = try TempHome()
        let pem = home.root + "/keystores/weak.pem"
        try Self.openssl(["req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", pem + ".key", "-out", pem + ".crt", "-subj", "/CN=weak", "-days", "30"])
        let text = try String(contentsOfFile: pem + ".key", encoding: .utf8) + String(contentsOfFile: pem + ".crt", encoding: .utf8)
        try text.write(toFile: pem, atomically: true, encoding: .utf8)
        let listed = try run(home, ["list", "--keystore", pem])
        #expect(listed.stdout.contains("weak key: key: RSA 1024 is under 2048 bits"), "\(listed.all)")
        let json = try run(home, ["list", "--keystore", pem, "--json"])
        #expect(json.stdout.contains("\"weakKey\" : \"RSA 1024 is under 2048 bits"), "\(json.all)")
        let strong = try run(home, ["list", "--keystore", home.root + "/keystores/wssdemo-client.p12", "--storepass-env", "CP"])
        #expect(!strong.all.contains("weak"))
    }
}

/// Java's KeyStore API stores a key entry whose certificate is another key's; keytool lists it as if all were well.
@Suite struct KeystoreMismatchedKeyTests {
    static let source = """
        import java.io.*; import java.security.*; import java.security.cert.*;
        public class Mismatch { public static void main(String[] a) throws Exception {
          java.security.cert.Certificate other = CertificateFactory.getInstance("X.509").generateCertificate(new FileInputStream(a[1]));
          KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA"); generator.initialize(2048);
          KeyStore store = KeyStore.getInstance("JKS"); store.load(null, null);
          store.setKeyEntry("signer", generator.generateKeyPair().getPrivate(), "store-pass-1".toCharArray(), new java.security.cert.Certificate[]{other});
          try (OutputStream out = new FileOutputStream(a[0])) { store.store(out, "store-pass-1".toCharArray()); }
        }}
        """

    /// The mismatch went unsaid, every later write failed without a fix, and a CA reply for the key was refused as
    /// "for another key", so the entry could not be repaired.
    @Test func aKeyWithAnotherKeysCertificateIsFlaggedAndRepairedByACAReply() throws {
        let home = try TempHome()
        let dir = home.root + "/keystores/", jks = dir + "mismatch.jks"
        try KeystorePeerStoreTests.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir + "other.key",
                                            "-out", dir + "other.crt", "-subj", "/CN=signer", "-days", "30"])
        try Self.source.write(toFile: dir + "Mismatch.java", atomically: true, encoding: .utf8)
        let java = try Program.run("/usr/bin/java", [dir + "Mismatch.java", jks, dir + "other.crt"])
        try #require(java.status == 0, "\(java.output)")
        let run = { (arguments: [String]) in try CLI.run(["keystore"] + arguments + ["--keystore", jks, "--storepass-env", "SP", "--home", home.root],
                                                         environment: KeystorePeerStoreTests.env) }
        let listed = try run(["list"])
        #expect(listed.stdout.contains("key mismatch: signer: its certificate does not carry its private key's public key"), "\(listed.all)")
        let before = FileManager.default.contents(atPath: jks)
        let refused = try run(["import", "--alias", "peer", "--file", dir + "other.crt", "--allow-duplicate"])
        #expect(refused.status == 1 && refused.stderr.contains("import a CA reply for the key"), "\(refused.all)")
        #expect(FileManager.default.contents(atPath: jks) == before)

        #expect(try run(["csr", "--alias", "signer", "--out", dir + "signer.csr"]).status == 0)
        try KeystorePeerStoreTests.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir + "ca.key",
                                            "-out", dir + "ca.crt", "-subj", "/CN=Test CA", "-days", "30"])
        try KeystorePeerStoreTests.openssl(["x509", "-req", "-in", dir + "signer.csr", "-CA", dir + "ca.crt", "-CAkey", dir + "ca.key",
                                            "-CAcreateserial", "-days", "30", "-out", dir + "signer.crt"])
        let reply = try String(contentsOfFile: dir + "signer.crt", encoding: .utf8) + String(contentsOfFile: dir + "ca.crt", encoding: .utf8)
        try reply.write(toFile: dir + "reply.pem", atomically: true, encoding: .utf8)
        let repaired = try run(["import", "--alias", "signer", "--file", dir + "reply.pem"])
        #expect(repaired.status == 0, "\(repaired.all)")
        #expect(try !run(["list"]).all.contains("key mismatch"))
    }
}
