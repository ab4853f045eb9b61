import Testing
import Foundation
import KeyMaterial
import WSSecurity
@testable import ServerHome

/// Validation warns about each secret file the policy uses that the host's other users can read (file.readableByOthers).
@Suite struct SecretFileTests {
    /// The readable-by-others findings of OrderProxy under `scenario` (nil: its own policy), by message.
    func exposed(_ home: Home, _ service: String = "OrderProxy", scenario: Int? = 5) throws -> [Finding] {
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

    /// Scenario 16 keeps the service principal's password in the policy, which apply writes owner-only.
    @Test func aPolicyKeepingTheServicePasswordIsFlagged() throws {
        let t = try TestHome()
        let policy = "conf/policies/StockQuoteProxy.policy.xml"
        try t.home.commit(t.home.planApply(scenario: 16, to: "StockQuoteProxy", options: ScenarioOptions(
            servicePrincipal: "HTTP/localhost@EXAMPLE.COM", servicePassword: Secret("svc-pass"))))
        #expect(try exposed(t.home, "StockQuoteProxy", scenario: nil).isEmpty)
        chmod(t.path(policy), 0o644)
        let found = try exposed(t.home, "StockQuoteProxy", scenario: nil)
        #expect(found.map(\.message) == ["\(policy) holds a password in clear (service.principal.password) and other users can read it (mode 644)"])
        #expect(found.first?.fix == "chmod 600 \(t.path(policy))")
        // Validating scenario 16 again before applying it: applying keeps that password, in that file.
        #expect(try exposed(t.home, "StockQuoteProxy", scenario: 16).count == 1)

        // With a keytab the policy keeps no password (its service.principal.password is empty): nothing to hide.
        try t.home.commit(t.home.planApply(scenario: 16, to: "StockQuoteProxy", options: ScenarioOptions(
            servicePrincipal: "HTTP/localhost@EXAMPLE.COM", serviceKeytab: "keystores/service.keytab")))
        chmod(t.path(policy), 0o644)
        #expect(try exposed(t.home, "StockQuoteProxy", scenario: nil).isEmpty)
    }

    /// A custom policy may keep a keystore password in its crypto block: the same rule as the one apply writes it 0600 by.
    @Test func aCustomPolicyKeepingAKeystorePasswordIsFlagged() throws {
        let t = try ownServiceKey()
        let written = try #require(try t.home.planApply(scenario: 2, to: "OrderProxy").edits.first?.after)
        let text = String(decoding: written, as: UTF8.self)
            .replacingOccurrences(of: #"wsu:Id="[^"]*""#, with: #"wsu:Id="Mine""#, options: .regularExpression)
            .replacingOccurrences(of: "<rampart:property name=\"rampart.config.user\">",
                                  with: "<rampart:property name=\"org.apache.ws.security.crypto.merlin.keystore.password\">ks-pass</rampart:property>"
                                      + "<rampart:property name=\"rampart.config.user\">")
        let plan = try t.home.planApplyPolicy(bytes: Array(text.utf8), to: "OrderProxy")
        #expect(plan.change.edits.first?.secret == true)
        try t.home.commit(plan.change)
        chmod(t.path("conf/policies/OrderProxy.policy.xml"), 0o640)
        #expect(try exposed(t.home, scenario: nil).map(\.message) == [
            "conf/policies/OrderProxy.policy.xml holds a password in clear (org.apache.ws.security.crypto.merlin.keystore.password) and other users can read it (mode 640)",
        ])
    }

    /// The PasswordDigest users' clear passwords (conf/userstore.digest-secrets), written owner-only.
    @Test func theDigestSecretsFileIsFlagged() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planAddUser("dave", password: Secret("dave-pass"), roles: ["admin"], allowDigest: true))
        let digest = t.path("conf/userstore.digest-secrets")
        #expect(try exposed(t.home, "EchoProxy", scenario: 1).isEmpty)
        chmod(digest, 0o644)
        let found = try exposed(t.home, "EchoProxy", scenario: 1)
        #expect(found.map(\.message) == ["conf/userstore.digest-secrets holds user passwords in clear (those allowed PasswordDigest) and other users can read it (mode 644)"])
        #expect(found.first?.fix == "chmod 600 \(digest)")
        // A policy without a UsernameToken does not read it.
        #expect(try exposed(t.home, "EchoProxy", scenario: 3).isEmpty)
    }

    /// The embedded store's salted hashes (conf/userstore.xml, written owner-only): a copy can be guessed at offline.
    @Test func theUserStoreIsFlagged() throws {
        let t = try TestHome()
        let store = t.path("conf/userstore.xml")
        #expect(try exposed(t.home, "EchoProxy", scenario: 1).isEmpty)
        // Copied in by hand, as cp and an editor leave it.
        chmod(store, 0o644)
        let found = try exposed(t.home, "EchoProxy", scenario: 1)
        #expect(found.map(\.message) == ["conf/userstore.xml holds user password hashes and other users can read it (mode 644)"])
        #expect(found.first?.fix == "chmod 600 \(store)")
        #expect(found.first?.severity == .warning)
        // A policy without a UsernameToken does not read it.
        #expect(try exposed(t.home, "EchoProxy", scenario: 3).isEmpty)
    }

    /// On Micro Integrator the policy apply writes is a registry resource: a file under registry/config/.
    @Test func aMicroIntegratorPolicyKeepingAPasswordIsFlagged() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 16, to: "QuoteProxy", options: ScenarioOptions(
            servicePrincipal: "HTTP/localhost@EXAMPLE.COM", servicePassword: Secret("svc-pass"))))
        let policy = "registry/config/wssconsole/policies/QuoteProxy.policy.xml"
        #expect(try exposed(home, "QuoteProxy", scenario: nil).isEmpty)
        chmod(mi.root + "/" + policy, 0o644)
        #expect(try exposed(home, "QuoteProxy", scenario: nil).map(\.message) == [
            "\(policy) holds a password in clear (service.principal.password) and other users can read it (mode 644)",
        ])
    }
}
