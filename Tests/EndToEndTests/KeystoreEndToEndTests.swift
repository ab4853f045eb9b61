import Foundation
import Testing

/// The keystore screen in the real binary at 80x24: open the demo service keystore with its password, generate a
/// key pair through the form, and keytool finds it in the file.
@Suite(.serialized)
struct KeystoreEndToEndTests {
    @Test func generateAKeyPairThatKeytoolLists() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

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
}
