import Foundation
import TestSupport
import Testing

/// Keystore changes that break what the home's settings name: the configured key pair, the configured password.
@Suite struct KeystoreSettingsTests {
    static let env = ["SP": "demo-service-pass", "NP": "changed-pass"]

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: Self.env)
    }

    /// `delete --alias service` succeeded without a word and validate failed afterwards.
    @Test func deletingTheConfiguredKeyPairNeedsForceAndNamesTheSetting() throws {
        let home = try TempHome()
        let before = home.data("keystores/wssdemo-service.p12")
        let refused = try run(home, ["delete", "--entry", "keystore", "--alias", "Service"])
        #expect(refused.status == 1 && refused.stderr.contains("[keystore.service] alias in conf/console.toml")
                && refused.stderr.contains("--force"), "\(refused.all)")
        #expect(home.data("keystores/wssdemo-service.p12") == before)
        let other = try run(home, ["delete", "--entry", "keystore", "--alias", "client"])
        #expect(other.status == 0, "\(other.all)")
        let forced = try run(home, ["delete", "--entry", "keystore", "--alias", "service", "--force"])
        #expect(forced.status == 0, "\(forced.all)")
        #expect(home.data("keystores/wssdemo-service.p12") != before)
    }

    /// passwd printed success and every later command failed with "the keystore password is incorrect". The note
    /// offers password_env and password_file before a clear password, as the rest of the tool does.
    @Test func changingTheConfiguredPasswordSaysWhichSettingStillHoldsTheOldOne() throws {
        let home = try TempHome()
        let passwd = try run(home, ["passwd", "--entry", "keystore", "--storepass-env", "SP", "--new-storepass-env", "NP"])
        #expect(passwd.status == 0, "\(passwd.all)")
        // The way out of the file first (an environment variable, a file), the new password in clear last.
        #expect(passwd.stdout.contains("conf/console.toml still holds the old one in clear: in [keystore.service], replace password with "
                                       + "password_env = \"NAME\" (an environment variable) or password_file = \"PATH\" (a file of mode 0600) "
                                       + "giving the new one, or, last, set it to the new password in clear"), "\(passwd.all)")
        let found = home.root + "/keystores/found.p12"
        #expect(try run(home, ["convert", "--entry", "keystore", "--storepass-env", "NP", "--to", "pkcs12", "--out", found]).status == 0)
        let other = try run(home, ["passwd", "--keystore", found, "--storepass-env", "NP", "--new-storepass-env", "SP"])
        #expect(other.status == 0 && !other.stdout.contains("update the settings"), "\(other.all)")
    }

    /// From a checkout of wssconsole, keystores/wssdemo-service.p12 is the repository's file and the home's copy: it
    /// used to open the repository's, without the home's password (a prompt, or a failure without a terminal).
    @Test func aRelativePathOfTwoFilesIsRefusedAndTheHomesOneUsesItsSettings() throws {
        let home = try TempHome()
        let here = FileManager.default.currentDirectoryPath + "/keystores/wssdemo-service.p12"
        try #require(FileManager.default.fileExists(atPath: here), "the tests run from the repository")
        let both = try CLI.run(["keystore", "list", "--keystore", "keystores/wssdemo-service.p12", "--home", home.root])
        #expect(both.status == 1 && both.stderr.contains("keystores/wssdemo-service.p12 names two files: \(here) here and ")
                && both.stderr.contains("fix: Give the one you mean by its absolute path."), "\(both.all)")
        let homes = try CLI.run(["keystore", "list", "--keystore", home.root + "/keystores/wssdemo-service.p12", "--home", home.root])
        #expect(homes.status == 0 && homes.stdout.contains("service"), "\(homes.all)")
    }

    /// A PEM file with a private key in clear that other users can read opened without a word.
    @Test func privateKeysOthersCanReadAreSaid() throws {
        let home = try TempHome()
        let key = home.root + "/keystores/partner.pem"
        let made = try Program.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", key + ".crt",
                                                        "-subj", "/CN=partner", "-days", "30"])
        try #require(made.status == 0, "\(made.output)")
        let both = try String(contentsOfFile: key, encoding: .utf8) + String(contentsOfFile: key + ".crt", encoding: .utf8)
        try both.write(toFile: key, atomically: true, encoding: .utf8)
        chmod(key, 0o644)
        let listed = try CLI.run(["keystore", "list", "--keystore", key, "--home", home.root])
        #expect(listed.status == 0 && listed.stderr.contains("keystores/partner.pem holds private keys and other users can read it (mode 644)")
                && listed.stderr.contains("fix: chmod 600 \(key)"), "\(listed.all)")
        chmod(key, 0o600)
        #expect(try !CLI.run(["keystore", "list", "--keystore", key, "--home", home.root]).stderr.contains("other users can read"))
        // The demo's published keystores are not flagged: keystore.demo says what matters about them.
        chmod(home.root + "/keystores/wssdemo-service.p12", 0o644)
        #expect(try !CLI.run(["keystore", "list", "--entry", "keystore", "--home", home.root], environment: Self.env).stderr.contains("other users can read"))
    }
}
