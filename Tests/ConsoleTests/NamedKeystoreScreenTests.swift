import ConsoleUI
import Foundation
import ServerHome
import Testing
@testable import Console

/// S lists every keystore file the settings name: on a Micro Integrator home the self-test client's keystore (set
/// outside the home, in wssconsole/console.toml) was not listed, so it could not be opened from the list, and a
/// named file that is missing showed as a keystore of unknown format instead of as missing.
@Suite struct NamedKeystoreScreenTests {
    /// A Micro Integrator home on the demo service keystore (its primary keystore); its truststore is named, not there.
    static func microIntegrator(_ root: String) throws {
        let files = FileManager.default
        for folder in ["repository/deployment/server/synapse-configs/default/proxy-services", "repository/resources/security"] {
            try files.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try files.copyItem(atPath: root + "/keystores/wssdemo-service.p12", toPath: root + "/repository/resources/security/wso2carbon.p12")
        try Data("""
            [keystore.primary]
            file_name = "wso2carbon.p12"
            type = "PKCS12"
            password = "demo-service-pass"
            alias = "service"

            [truststore]
            file_name = "client-truststore.jks"
            password = "wso2carbon"

            """.utf8).write(to: URL(fileURLWithPath: root + "/conf/deployment.toml"))
    }

    @Test func theClientsKeystoreOutsideTheHomeIsListedAndOpensAndAMissingOneSaysSo() throws {
        let t = try TestHome(prepare: Self.microIntegrator)
        let elsewhere = "/tmp/wssc-elsewhere-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.copyItem(atPath: t.path("keystores/wssdemo-client.p12"), toPath: elsewhere + "/client.p12")
        try Data("demo-client-pass\n".utf8).write(to: URL(fileURLWithPath: elsewhere + "/pass"))
        var edit = ClientSettingsEdit()
        edit.keystore = elsewhere + "/client.p12"
        edit.storePassword = .file(elsewhere + "/pass")
        try t.home.commit(t.home.planClientSettings(edit))

        let driver = ConsoleDriver(t)
        driver.press(.char("S"))
        let list = driver.screen(width: 120)
        let rows = list.split(separator: "\n")
        let client = try #require(rows.first { $0.contains(elsewhere + "/client.p12") }, "\(list)")
        #expect(client.contains("PKCS#12") && client.contains("self-test client (key client)"), "\(client)")
        let truststore = try #require(rows.first { $0.contains("repository/resources/security/client-truststore.jks") }, "\(list)")
        #expect(truststore.contains("missing") && truststore.contains("truststore"), "\(truststore)")
        // Named by its path in deployment.toml's folder, the primary keystore is one row, not also a found file.
        #expect(rows.filter { $0.contains("wso2carbon.p12") }.count == 1, "\(list)")

        // Rows: primary, truststore, the client's. Enter, then Enter alone: the password the settings name.
        driver.press(.down, .down, .enter, .enter)
        let opened = driver.screen(width: 120)
        #expect(opened.contains("client.p12 (PKCS#12, 2 entries)") && opened.contains("key pair"), "\(opened)")

        // The missing truststore opens to a dialog saying so, not a password prompt or a crash.
        driver.press(.escape, .up, .enter)
        let missing = driver.screen(width: 120)
        #expect(missing.contains("─ repository/resources/security/client-truststore.jks ─") && missing.contains("Cannot read the keystore"), "\(missing)")
    }

    /// A password deployment.toml keeps in the secure vault: Enter alone (the settings' password) says it cannot be
    /// resolved here, and why, and that typing it opens the file; it was tried as an empty password and reported wrong.
    @Test func aSettingsPasswordThatCannotBeResolvedIsExplainedAndTypingItOpens() throws {
        let t = try TestHome { root in
            try Self.microIntegrator(root)
            let deployment = try String(contentsOfFile: root + "/conf/deployment.toml", encoding: .utf8)
            try Data(deployment.replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password = \"$secret{keystore_pass}\"").utf8)
                .write(to: URL(fileURLWithPath: root + "/conf/deployment.toml"))
        }
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        #expect(driver.screen(width: 120).contains("The settings' password cannot be used here."), "\(driver.screen(width: 120))")
        driver.press(.enter)
        let refused = driver.screen(width: 120)
        #expect(refused.contains("No usable password in the settings") && refused.contains("$secret{keystore_pass} is a secure-vault alias"), "\(refused)")
        #expect(refused.contains("Type the store password instead") && refused.contains("wssconsole/console.toml"), "\(refused)")
        #expect(!refused.contains("Wrong password") && !refused.contains("altered"), "\(refused)")
        // Type it: asked again, and the typed password opens the store.
        driver.press(.enter)
        "demo-service-pass".forEach { driver.press(.char($0)) }
        driver.press(.enter)
        let opened = driver.screen(width: 120)
        #expect(opened.contains("wso2carbon.p12 (PKCS#12") && opened.contains("key pair"), "\(opened)")
    }

    /// A home with no keystore at all: Enter says why it opens nothing (it did nothing, silently).
    @Test func anEmptyListSaysWhyNothingOpens() throws {
        let t = try TestHome { root in
            try FileManager.default.removeItem(atPath: root + "/keystores")
            let settings = "[runtime]\ntype = \"micro-integrator\"\n\n[user_store]\ntype = \"embedded\"\nfile = \"conf/userstore.xml\"\n"
            try Data(settings.utf8).write(to: URL(fileURLWithPath: root + "/conf/console.toml"))
        }
        let driver = ConsoleDriver(t)
        driver.press(.char("S"), .enter)
        let screen = driver.screen(width: 120)
        #expect(screen.contains("unavailable: no keystore is listed"), "\(screen)")
    }
}
