import Foundation
import Testing

/// The self-test client set in the real binary at 80x24 (C on the service list): a user and where its password is
/// read, confirmed and written to `[client]` as `wssconsole client set --user --password-env` writes them.
@Suite(.serialized)
struct ClientEndToEndTests {
    /// The keystore's prompt emptied (the picker's "Another file..."): the client keystore is removed, confirmed and
    /// written, and `wssconsole validate` then reports the self-test signing as the service.
    @Test func anEmptiedKeystoreIsRemovedAndValidateSignsAsTheService() throws {
        let binary = try #require(Fixture.binary)
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        _ = try Run.tool(binary, ["--home", home, "apply", "--service", "OrderProxy", "--scenario", "2"])
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("C")
        #expect(tmux.waitFor("Keystore             keystores/wssdemo-client.p12"), "\(tmux.lastScreen)")
        tmux.send("Enter", "End", "Enter")
        #expect(tmux.waitFor("Keystore:", "wssdemo-client.p12_", "empty removes it"), "\(tmux.lastScreen)")
        tmux.send("C-u")
        tmux.send("Enter")
        #expect(tmux.waitFor("*  Keystore             none (removed)", "Key pair             -"), "\(tmux.lastScreen)")
        tmux.send("w")
        #expect(tmux.waitFor("client: no keystore (the self-test signs as the service)", "> Write <"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Written; the services are validated again", "No client keystore: the self-test signs"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)

        let validated = try Run.tool(binary, ["--home", home, "validate", "--service", "OrderProxy"])
        #expect(validated.output.contains("no client keystore in conf/console.toml: the self-test signs as the service")
                && validated.output.contains("selftest.passed"), "\(validated.output)")
    }

    @Test func aUserAndItsPasswordVariableAreWritten() throws {
        let home = try Fixture.makeHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let tmux = try TmuxSession(command: try Fixture.command(home: home), environment: ConsoleEndToEndTests.utf8)
        defer { tmux.kill() }

        #expect(tmux.waitFor("Services (6)", "Enter Open"), "\(tmux.lastScreen)")
        tmux.send("C")
        #expect(tmux.waitFor("Self-test client ([client] in conf/console.toml)", "User                 alice"), "\(tmux.lastScreen)")
        tmux.send("Down", "Down", "Down", "Down", "Enter")
        #expect(tmux.waitFor("User:", "alice_"), "\(tmux.lastScreen)")
        tmux.send("C-u")
        tmux.send("-l", "bob")
        tmux.send("Enter", "Down", "Enter")
        #expect(tmux.waitFor("The settings never hold the password itself.", "> Environment variable <"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Variable name:"), "\(tmux.lastScreen)")
        tmux.send("-l", "BOB_PASS")
        tmux.send("Enter")
        #expect(tmux.waitFor("*  User                 bob", "*  User password        environment variable BOB_PASS"), "\(tmux.lastScreen)")
        tmux.send("w")
        #expect(tmux.waitFor("Set the self-test client?", "modified  conf/console.toml", "> Write <"), "\(tmux.lastScreen)")
        tmux.send("Enter")
        #expect(tmux.waitFor("Written; the services are validated again"), "\(tmux.lastScreen)")
        tmux.send("Q")
        #expect(tmux.exitStatus() == 0)

        let settings = Fixture.read(home + "/conf/console.toml") ?? ""
        let client = settings.components(separatedBy: "[client]").last?.components(separatedBy: "\n[").first ?? ""
        #expect(client.contains("user = \"bob\"") && client.contains("password_env = \"BOB_PASS\""), "\(client)")
        #expect(!settings.contains("alice-demo-pass"), "the password written in the file went with the old source:\n\(settings)")
    }
}
