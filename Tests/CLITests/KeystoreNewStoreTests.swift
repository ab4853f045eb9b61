import Foundation
import TestSupport
import Testing

/// `keystore genkey` and `import` on a keystore file that does not exist create it, as keytool -genkeypair and
/// -importcert do; they failed with "Cannot read the keystore".
@Suite struct KeystoreNewStoreTests {
    static let env = ["NP": "new-store-pass", "SHORT": "five5"]

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: Self.env)
    }

    func genkey(_ home: TempHome, _ keystore: String, _ more: [String] = ["--storepass-env", "NP"]) throws -> CLI.Result {
        try run(home, ["genkey", "--keystore", keystore, "--alias", "client", "--dname", "CN=test client", "--keyalg", "ec"] + more)
    }

    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    /// keytool opens each store with its password and lists the key pair; undo deletes the file.
    @Test(arguments: [("keystores/new-client.p12", "PKCS12"), ("keystores/new-client.jks", "JKS"), ("keystores/NEW.PFX", "PKCS12")])
    func genkeyCreatesAStoreKeytoolOpensAndUndoDeletes(file: String, storetype: String) throws {
        let home = try TempHome()
        let path = home.root + "/" + file
        let made = try genkey(home, file)
        #expect(made.status == 0, "\(made.all)")
        let kind = storetype == "JKS" ? "JKS" : "PKCS #12"
        #expect(made.stdout.contains("create the \(kind) keystore \(file): generate EC P-256 key pair client"), "\(made.stdout)")
        #expect(made.stdout.contains("  created \(file)") && made.stdout.contains("note: \(file): a new \(kind) keystore"), "\(made.stdout)")
        #expect(!made.all.contains("new-store-pass"))
        #expect(Self.mode(path) == 0o600)
        let listed = try KeystoreCommandTests.keytool(["-list", "-v", "-keystore", path, "-storepass", "new-store-pass"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains("Keystore type: \(storetype)") && listed.output.contains("Alias name: client")
                && listed.output.contains("Entry type: PrivateKeyEntry") && listed.output.contains("Owner: CN=test client"), "\(listed.output)")
        let undone = try CLI.run(["undo", "--home", home.root])
        #expect(undone.status == 0, "\(undone.all)")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// The dry run names the new store and what it would hold, and writes nothing.
    @Test func aDryRunShowsTheNewStore() throws {
        let home = try TempHome()
        let dry = try genkey(home, "keystores/new.p12", ["--storepass-env", "NP", "--dry-run"])
        #expect(dry.status == 0, "\(dry.all)")
        #expect(dry.stdout.contains("note: keystores/new.p12: a new PKCS #12 keystore, owner-only (0600)")
                && dry.stdout.contains("note: keystores/new.p12: adds key pair client (CN=test client"), "\(dry.stdout)")
        #expect(!FileManager.default.fileExists(atPath: home.root + "/keystores/new.p12"))
    }

    /// keytool -importcert creates the store too: a trusted certificate into a new JKS truststore.
    @Test func importCreatesATruststore() throws {
        let home = try TempHome()
        let exported = home.root + "/service.pem"
        let export = try CLI.run(["keystore", "export", "--entry", "keystore", "--alias", "service", "--out", exported, "--home", home.root])
        try #require(export.status == 0, "\(export.all)")
        let imported = try run(home, ["import", "--keystore", "keystores/trust.jks", "--alias", "partner", "--file", exported, "--storepass-env", "NP"])
        #expect(imported.status == 0 && imported.stdout.contains("  created keystores/trust.jks"), "\(imported.all)")
        let listed = try KeystoreCommandTests.keytool(["-list", "-v", "-keystore", home.root + "/keystores/trust.jks", "-storepass", "new-store-pass"])
        #expect(listed.output.contains("Alias name: partner") && listed.output.contains("Entry type: trustedCertEntry"), "\(listed.output)")
    }

    /// Each refusal says what to give, and nothing is written (no file, no history).
    @Test func badNewStoresAreRefusedWithNothingWritten() throws {
        let home = try TempHome()
        let outside = NSTemporaryDirectory() + "wssconsole-outside-" + UUID().uuidString + ".p12"
        let cases: [(file: String, more: [String], status: Int32, says: String)] = [
            ("keystores/new.pem", ["--storepass-env", "NP"], 2, "name it .p12 (or .pfx) for PKCS #12, .jks for JKS"),
            ("keystores/new", ["--storepass-env", "NP"], 2, "name it .p12 (or .pfx) for PKCS #12, .jks for JKS"),
            ("keystores/short.p12", ["--storepass-env", "SHORT"], 1, "shorter than 6 characters"),
            ("keystores/nofolder/new.p12", ["--storepass-env", "NP"], 1, "the folder \(home.root)/keystores/nofolder does not exist"),
            (outside, ["--storepass-env", "NP"], 1, "is outside the home"),
        ]
        for item in cases {
            let result = try genkey(home, item.file, item.more)
            #expect(result.status == item.status && result.stderr.contains(item.says), "\(item.file): \(result.all)")
            #expect(!result.all.contains("five5"))
        }
        // Without a password and without a terminal (setsid: none to prompt on), it says a new store needs one.
        let bare = try Program.run("/usr/bin/setsid", ["--wait", CLI.path, "keystore", "genkey", "--keystore", "keystores/nopass.p12", "--alias", "client",
                                                       "--dname", "CN=test client", "--home", home.root])
        #expect(bare.status == 2 && bare.output.contains("a new keystore needs a store password: give --storepass-env NAME or --storepass-file F"),
                "\(bare.output)")
        for file in cases.map(\.file) + ["keystores/nopass.p12"] {
            #expect(!FileManager.default.fileExists(atPath: file.hasPrefix("/") ? file : home.root + "/" + file), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: home.root + "/keystores/nofolder"))
        #expect(!(try CLI.run(["history", "--home", home.root]).stdout.contains("key pair client")))
    }
}
