import Foundation
import Testing

/// The keystore screen in the real binary at 80x24: open the demo service keystore with its password, generate a
/// key pair through the form, and keytool finds it in the file.
@Suite(.serialized)
struct KeystoreEndToEndTests {
    /// From the service list: S, Enter on the demo service keystore, its password typed (never shown).
    func openServiceKeystore(_ tmux: TmuxSession) {
        #expect(tmux.waitFor("Services (6)", "Enter Open"), "first screen:\n\(tmux.lastScreen)")
        tmux.send("S")
        #expect(tmux.waitFor("Keystores of the home", "keystores/wssdemo-service.p12"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Store password"), "\(tmux.lastScreen)")
        tmux.send("-l", "demo-service-pass")
        #expect(tmux.waitFor("(hidden)"), "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("demo-service-pass"))
        tmux.send("Enter")
        #expect(tmux.waitFor("PKCS#12, 2 entries", "key pair"), "\(tmux.lastScreen)")
    }

    @Test func generateAKeyPairThatKeytoolLists() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        openServiceKeystore(tmux)

        tmux.send("a")
        #expect(tmux.waitFor("New key pair", "(2 to fix)"), "\(tmux.lastScreen)")
        tmux.send("-l", "e2ekey")
        tmux.send("Tab", "Tab")
        tmux.send("-l", "e2e.example.com")
        tmux.send("Enter", "Enter", "Enter")          // subject, days, DNS names (the last field: OK)
        #expect(tmux.waitFor("Add key pair e2ekey?", "> Cancel <"), "\(tmux.lastScreen)")
        tmux.send("Left", "Enter")                    // Cancel -> Add
        #expect(tmux.waitFor("PKCS#12, 3 entries", "e2ekey"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)

        let listing = try Run.tool("keytool", ["-list", "-keystore", home + "/keystores/wssdemo-service.p12", "-storetype", "PKCS12",
                                               "-storepass", "demo-service-pass"])
        #expect(listing.output.contains("e2ekey, "), "\(listing.output)")
        #expect(listing.output.contains("PrivateKeyEntry"))
    }

    /// A wrong current password in p's form is said beside it, the form kept with the new password typed twice;
    /// only the current one is typed again, and keytool opens the file with the new one. The form closed on an error
    /// dialog, and the three passwords were lost.
    @Test func aWrongCurrentPasswordKeepsTheForm() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        openServiceKeystore(tmux)
        tmux.send("p")
        #expect(tmux.waitFor("Store password of wssdemo-service.p12", "Current password:"), "\(tmux.lastScreen)")
        tmux.send("-l", "wrong-pass")
        tmux.send("Tab")
        tmux.send("-l", "e2e-new-pass")
        tmux.send("Tab")
        tmux.send("-l", "e2e-new-pass")
        tmux.send("Enter")
        #expect(tmux.waitFor("! incorrect (Ctrl-U clears it)", "Store password of wssdemo-service.p12"), "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("Wrong password") && !tmux.lastScreen.contains("e2e-new-pass") && !tmux.lastScreen.contains("wrong-pass"))
        tmux.send("C-u")
        tmux.send("-l", "demo-service-pass")
        tmux.send("Enter", "Enter", "Enter")
        #expect(tmux.waitFor("Change the store password?", "> Cancel <"), "\(tmux.lastScreen)")
        tmux.send("Left", "Enter")
        #expect(tmux.waitFor("wrote keystores/wssdemo-service.p12"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
        let listing = try Run.tool("keytool", ["-list", "-keystore", home + "/keystores/wssdemo-service.p12", "-storetype", "PKCS12",
                                               "-storepass", "e2e-new-pass"])
        #expect(listing.output.contains("PrivateKeyEntry"), "\(listing.output)")
    }

    /// `keystore list` on a terminal, the password deployment.toml names in an unset variable: one line says why
    /// before the prompt (it only asked "Store password for ..."), and the typed password opens the store.
    @Test func anUnresolvableSettingsPasswordIsExplainedBeforeThePrompt() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let security = home + "/repository/resources/security"
        for folder in [home + "/repository/deployment/server", security] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: home + "/keystores/wssdemo-service.p12", toPath: security + "/wso2carbon.p12")
        try Data("[keystore.primary]\nfile_name = \"wso2carbon.p12\"\npassword = \"$env{WSSC_E2E_UNSET_PASS}\"\nalias = \"service\"\n".utf8)
            .write(to: URL(fileURLWithPath: home + "/conf/deployment.toml"))
        let tmux = try TmuxSession(command: try Fixture.command(home: home) + " keystore list --entry keystore", environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        let why = "wssconsole: The environment variable WSSC_E2E_UNSET_PASS holding the password is not set; type the store password, "
            + "or give the password with --storepass-env NAME or --storepass-file F."
        #expect(tmux.waitFor(joined: true) { $0.contains(why + "\nStore password for repository/resources/security/wso2carbon.p12:") },
                "\(tmux.lastScreen)")
        tmux.send("-l", "demo-service-pass")
        tmux.send("Enter")
        #expect(tmux.waitFor(joined: true) { $0.contains("CN=wssconsole demo service") }, "\(tmux.lastScreen)")
        #expect(tmux.exitStatus() == 0, "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("demo-service-pass"))
    }

    /// n on the keystore list makes the README's self-test client keystore without leaving the console: the file in
    /// wssconsole/ is refused until that folder exists (everything typed kept meanwhile), then created with its key
    /// pair, listed and opened; keytool opens it with the typed password, and it is owner-only.
    @Test func createANewKeystoreThatKeytoolLists() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        #expect(tmux.waitFor("Services (6)", "Enter Open"), "first screen:\n\(tmux.lastScreen)")
        tmux.send("S")
        #expect(tmux.waitFor("Keystores of the home", "n New"), "\(tmux.lastScreen)")
        tmux.send("n")
        #expect(tmux.waitFor("New keystore", "Keystore file:"), "\(tmux.lastScreen)")
        tmux.send("-l", "wssconsole/client.jks")
        tmux.send("Tab")
        #expect(tmux.waitFor("Cannot create wssconsole/client.jks: the folder"), "\(tmux.lastScreen)")
        tmux.send("-l", "client-pass")
        tmux.send("Tab")
        tmux.send("-l", "client-pass")
        tmux.send("Tab")
        tmux.send("-l", "client")
        tmux.send("Tab", "Right", "Right", "Right", "Tab")  // EC P-256
        tmux.send("-l", "test client")
        tmux.send("Enter", "Enter", "Enter")          // subject, days, DNS names: Create, refused (the folder)
        // Refused, the form goes back to the file, its message on the status line too.
        #expect(tmux.waitFor("(1 to fix)", "Keystore file: Cannot create wssconsole/client.jks"), "\(tmux.lastScreen)")
        #expect(!FileManager.default.fileExists(atPath: home + "/wssconsole"))
        #expect(!tmux.lastScreen.contains("client-pass"))

        // The operator makes the folder (the README's mkdir); the form, kept, now takes the file.
        try FileManager.default.createDirectory(atPath: home + "/wssconsole", withIntermediateDirectories: false)
        tmux.send("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab")   // from the file to Create
        #expect(tmux.waitFor { $0.contains("> Create <") && !$0.contains("to fix)") }, "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Create client.jks?", "a new JKS keystore, owner-only (0600)", "Undo deletes the file"), "\(tmux.lastScreen)")
        tmux.send("Enter")                            // a new file: Create is the default
        #expect(tmux.waitFor("wssconsole/client.jks (JKS, 1 entry)", "EC P-256", "Created wssconsole/client.jks"), "\(tmux.lastScreen)")
        tmux.send("Escape")
        #expect(tmux.waitFor("Keystores of the home (3)", "wssconsole/client.jks"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)

        let path = home + "/wssconsole/client.jks"
        let listing = try Run.tool("keytool", ["-list", "-v", "-keystore", path, "-storepass", "client-pass"])
        #expect(listing.output.contains("Keystore type: JKS") && listing.output.contains("Alias name: client")
                && listing.output.contains("Entry type: PrivateKeyEntry") && listing.output.contains("Owner: CN=test client")
                && listing.output.contains("EC"), "\(listing.output)")
        let mode = (try FileManager.default.attributesOfItem(atPath: path))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// A file that exists and a password keytool refuses are said beside their fields; Create stays refused and the
    /// existing store is left byte for byte, nothing new written.
    @Test func aNewKeystoreOverAFileOrWithAShortPasswordIsRefused() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let existing = home + "/keystores/wssdemo-client.p12"
        let before = FileManager.default.contents(atPath: existing)
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/keystores").sorted()
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        #expect(tmux.waitFor("Services (6)", "Enter Open"), "first screen:\n\(tmux.lastScreen)")
        tmux.send("S")
        #expect(tmux.waitFor("Keystores of the home"), "\(tmux.lastScreen)")
        tmux.send("n")
        #expect(tmux.waitFor("New keystore", "Keystore file:"), "\(tmux.lastScreen)")
        tmux.send("-l", "keystores/wssdemo-client.p12")
        tmux.send("Tab")
        tmux.send("-l", "five5")
        tmux.send("Tab")
        tmux.send("-l", "five5")
        tmux.send("Tab")
        tmux.send("-l", "client")
        tmux.send("Tab", "Tab")
        tmux.send("-l", "test client")
        tmux.send("Enter", "Enter", "Enter")          // Create: refused, back to the file
        #expect(tmux.waitFor("(2 to fix)", "Keystore file: keystores/wssdemo-client.p12 exists", "shorter than 6 characters"), "\(tmux.lastScreen)")
        #expect(!tmux.lastScreen.contains("five5"))
        tmux.send("Escape")
        #expect(tmux.waitFor("2 keystores. Enter opens one"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)
        #expect(FileManager.default.contents(atPath: existing) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home + "/keystores").sorted() == files)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: home + "/.wssconsole/history"))?.isEmpty ?? true)
    }
}
