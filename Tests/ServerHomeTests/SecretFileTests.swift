import Testing
import Foundation
import WSSecurity
@testable import ServerHome

/// Validation warns about each secret file the policy uses that the host's other users can read (file.readableByOthers).
@Suite struct SecretFileTests {
    /// The readable-by-others findings of OrderProxy under `scenario`, by message.
    func exposed(_ home: Home, _ service: String = "OrderProxy", scenario: Int = 5) throws -> [Finding] {
        home.validate(try home.service(named: service), scenario: scenario, selfTest: false).findings.filter { $0.code == "file.readableByOthers" }
    }

    /// The demo home with its service keystore no longer demo material.
    func ownServiceKey() throws -> TestHome {
        let t = try TestHome()
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(of: "password = \"demo-service-pass\"\ndemo = true",
                                                                       with: "password = \"demo-service-pass\"\ndemo = false"))
        chmod(t.path("conf/console.toml"), 0o600)
        return t
    }

    @Test func aServiceKeystoreOthersCanReadIsFlagged() throws {
        let t = try ownServiceKey()
        let keystore = t.path("keystores/wssdemo-service.p12")
        chmod(keystore, 0o644)
        let found = try exposed(t.home)
        #expect(found.map(\.message) == ["keystores/wssdemo-service.p12 holds the service's private key and other users can read it (mode 644)"])
        #expect(found.first?.fix == "chmod 600 \(keystore)")
        #expect(found.first?.severity == .warning)
        chmod(keystore, 0o600)
        #expect(try exposed(t.home).isEmpty)
        // Group-readable is readable by others too.
        chmod(keystore, 0o640)
        #expect(try exposed(t.home).count == 1)
    }

    @Test func aSettingsFileWithAClearPasswordAndAPasswordFileAreFlagged() throws {
        let t = try ownServiceKey()
        chmod(t.path("conf/console.toml"), 0o644)
        #expect(try exposed(t.home).map(\.message) == ["conf/console.toml holds the service keystore's password in clear and other users can read it (mode 644)"])
        // The same keystore's password in a file: the settings no longer hold it, the file does.
        try t.write("conf/service.pass", "demo-service-pass\n")
        chmod(t.path("conf/service.pass"), 0o644)
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password_file = \"conf/service.pass\""))
        let found = try exposed(t.home)
        #expect(found.map(\.message) == ["conf/service.pass holds the service keystore's password and other users can read it (mode 644)"])
        #expect(found.first?.fix == "chmod 600 \(t.path("conf/service.pass"))")
    }

    /// The demo material's files are published: keystore.demo says so once, not a warning per file.
    @Test func demoMaterialIsNotFlagged() throws {
        let t = try TestHome()
        for file in ["conf/console.toml", "keystores/wssdemo-service.p12", "keystores/wssdemo-client.p12"] { chmod(t.path(file), 0o644) }
        #expect(try exposed(t.home).isEmpty)
        #expect(try exposed(t.home, "EchoProxy", scenario: 1).isEmpty)
    }

    /// Micro Integrator reads deployment.toml's clear password whatever wssconsole/console.toml gives: it stays exposed.
    @Test func deploymentTomlWithAClearKeystorePasswordIsFlagged() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        for file in ["conf/deployment.toml", "repository/resources/security/wso2carbon.p12"] { chmod(mi.root + "/" + file, 0o644) }
        try FileManager.default.createDirectory(atPath: mi.root + "/wssconsole", withIntermediateDirectories: true)
        try mi.write("wssconsole/console.toml", "[keystore.primary]\npassword_env = \"SECRET_FILE_TEST_UNSET\"\n")
        #expect(try exposed(home, "QuoteProxy").map(\.message) == [
            "repository/resources/security/wso2carbon.p12 holds the service's private key and other users can read it (mode 644)",
            "conf/deployment.toml holds the primary keystore's password in clear and other users can read it (mode 644)",
        ])
        for file in ["conf/deployment.toml", "repository/resources/security/wso2carbon.p12"] { chmod(mi.root + "/" + file, 0o600) }
        #expect(try exposed(home, "QuoteProxy").isEmpty)
    }
}
