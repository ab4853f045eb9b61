import Testing
import Foundation
import KeyMaterial
import WSSecurity
@testable import ServerHome

/// Findings for the policy's key alias, its key password, certificate dates and who trusts whom, on real keystores.
@Suite struct KeyFindingsTests {
    func codes(_ t: TestHome, _ service: String, scenario: Int? = nil) throws -> [String] {
        t.home.validate(try t.home.service(named: service), scenario: scenario, selfTest: false).findings.map(\.code).sorted()
    }

    /// Rewrites the demo service keystore with `entries` (the demo password).
    func writeServiceStore(_ t: TestHome, _ entries: [KeystoreEntry]) throws {
        let bytes = try PKCS12Keystore(entries: entries).serialized(password: Secret(DemoMaterial.servicePassword))
        try bytes.write(to: URL(fileURLWithPath: t.path("keystores/" + DemoMaterial.serviceKeystoreFile)))
    }

    func serviceStore(_ t: TestHome) throws -> PKCS12Keystore {
        let data = try Data(contentsOf: URL(fileURLWithPath: t.path("keystores/" + DemoMaterial.serviceKeystoreFile)))
        return try PKCS12Keystore(data: data, password: Secret(DemoMaterial.servicePassword))
    }

    @Test func aProposedScenarioIsValidatedWithoutWritingAnything() throws {
        let t = try TestHome()
        let before = t.text("conf/services/OrderProxy.xml")
        #expect(try codes(t, "OrderProxy", scenario: 5) == ["keystore.demo", "policy.sha1"])
        #expect(try codes(t, "EchoProxy", scenario: 1) == ["replay.noNonce", "replay.window", "roles.none", "transport.http", "userstore.demo"])
        #expect(t.text("conf/services/OrderProxy.xml") == before)
        #expect(t.text("conf/policies/OrderProxy.policy.xml") == nil)
        #expect(try codes(t, "OrderProxy") == [])
    }

    @Test func aKeyPasswordOtherThanTheStoresIsWrong() throws {
        let t = try TestHome()
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(
            of: "password = \"demo-service-pass\"", with: "password = \"demo-service-pass\"\nkey_password = \"not-it\""))
        #expect(try codes(t, "OrderProxy", scenario: 2) == ["keystore.keyPassword", "policy.responsesUnbound", "policy.sha1"])
        try t.write("conf/console.toml", settings.replacingOccurrences(
            of: "password = \"demo-service-pass\"", with: "password = \"demo-service-pass\"\nkey_password = \"demo-service-pass\""))
        #expect(try codes(t, "OrderProxy", scenario: 2) == ["keystore.demo", "policy.responsesUnbound", "policy.sha1"])
    }

    @Test func anAliasNamingATrustedCertificateIsNotAKeyPair() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 3, to: "OrderProxy"))
        let policy = "conf/policies/OrderProxy.policy.xml"
        try t.write(policy, try #require(t.text(policy)).replacingOccurrences(of: "crypto.alias\">service<", with: "crypto.alias\">client<")
            .replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>client<"))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.findings.map(\.code) == ["policy.sha1", "keystore.aliasNotKey"])
        #expect(report.findings[1].message.contains("named in the policy"))
    }

    /// A service key under 2048 bits (RSA) is weak: validation says so, as `keystore list` does.
    @Test func aWeakServiceKeyIsFlagged() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "OrderProxy"))
        let path = t.path("keystores/" + DemoMaterial.serviceKeystoreFile), password = Secret(DemoMaterial.servicePassword)
        let store = try PKCS12Keystore(data: try Data(contentsOf: URL(fileURLWithPath: path)), password: password)
        // wssconsole makes no key under 2048 bits: openssl makes this one.
        let pem = t.path("weak.key")
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", pem]
        try openssl.run()
        openssl.waitUntilExit()
        let key = try PrivateKey(pemString: try String(contentsOfFile: pem, encoding: .utf8))
        let certificate = try Certificate.selfSigned(key: key, subject: "CN=weak service", validityDays: 30)
        let others = store.entries.filter { if case .privateKey = $0 { false } else { true } }
        try PKCS12Keystore(entries: [.privateKey(alias: "service", key: key, chain: [certificate])] + others).serialized(password: password)
            .write(to: URL(fileURLWithPath: path))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"))
        let weak = try #require(report.findings.first { $0.code == "keystore.weakKey" }, "\(report.findings)")
        #expect(weak.severity == .warning && weak.message.contains("1024"), "\(weak.message)")
    }

    /// Applies `scenario` to OrderProxy: the policy's path and text, to edit.
    private func appliedPolicy(_ t: TestHome, scenario: Int) throws -> (path: String, text: String) {
        try t.home.commit(t.home.planApply(scenario: scenario, to: "OrderProxy"))
        let path = "conf/policies/OrderProxy.policy.xml"
        return (path, try #require(t.text(path)))
    }

    /// Rampart encrypts an asymmetric binding's response to rampart:encryptionUser: without one, every response fails
    /// in Micro Integrator while the self-test passed.
    @Test func anEncryptingPolicyNeedsAnEncryptionUser() throws {
        let t = try TestHome()
        let (policy, original) = try appliedPolicy(t, scenario: 5)
        try t.write(policy, original.replacingOccurrences(of: "<rampart:encryptionUser>useReqSigCert</rampart:encryptionUser>", with: ""))
        var report = t.home.validate(try t.home.service(named: "OrderProxy"))
        let missing = try #require(report.findings.first { $0.code == "rampart.encryptionUser" }, "\(report.findings)")
        #expect(missing.severity == .error && missing.fix.contains("useReqSigCert"))
        try t.write(policy, original.replacingOccurrences(of: ">useReqSigCert<", with: ">client<"))
        report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.findings.first { $0.code == "rampart.encryptionUser" }?.severity == .warning, "\(report.findings)")
        try t.write(policy, original)
        #expect(!t.home.validate(try t.home.service(named: "OrderProxy")).findings.map(\.code).contains("rampart.encryptionUser"))
    }

    /// Rampart signs with rampart:user (or rampart:userCertAlias), not with the crypto's alias property: a policy
    /// whose rampart:user names no key pair fails in Micro Integrator at the first response, whatever its crypto
    /// says. wssconsole took the crypto's alias first, and its self-test passed such a policy.
    @Test func rampartUserIsTheSigningKeyAndDisagreementIsFlagged() throws {
        let t = try TestHome()
        let (policy, original) = try appliedPolicy(t, scenario: 2)
        try t.write(policy, original.replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>nosuchkey<"))
        var report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.state == .errors)
        #expect(report.findings.map(\.code).contains("keystore.alias"), "\(report.findings)")
        let disagreement = try #require(report.findings.first { $0.code == "keystore.aliasDisagrees" })
        #expect(disagreement.severity == .warning && disagreement.message.contains("nosuchkey") && disagreement.message.contains("service"))
        // userCertAlias comes before user, as in Rampart.
        try t.write(policy, original.replacingOccurrences(of: "<rampart:user>service</rampart:user>",
                                                          with: "<rampart:user>nosuchkey</rampart:user><rampart:userCertAlias>service</rampart:userCertAlias>"))
        report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.state != .errors, "\(report.findings)")
        #expect(!report.findings.map(\.code).contains("keystore.aliasDisagrees"), "\(report.findings)")
        // Under a symmetric binding Rampart never signs with rampart:user (the key that decrypts is found by the
        // certificate the client names): a stray one is no error.
        try t.home.commit(t.home.planApply(scenario: 4, to: "OrderProxy"))
        try t.write(policy, try #require(t.text(policy)).replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>nosuchkey<"))
        report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.findings.map(\.code) == ["policy.sha1", "keystore.demo"], "\(report.findings)")
    }

    @Test func theTruststoreMustHoldTheClientsForScenariosThatVerifyThem() throws {
        let t = try TestHome()
        let store = try serviceStore(t)
        let key = try #require(store.entries.first { if case .privateKey = $0 { true } else { false } })
        let strangerKey = try PrivateKey.generate(.rsa(bits: 2048))
        let stranger = try Certificate.selfSigned(key: strangerKey, subject: "CN=stranger", validityDays: 30)
        try writeServiceStore(t, [key, .trustedCertificate(alias: "stranger", certificate: stranger)])
        #expect(try codes(t, "OrderProxy", scenario: 2) == ["keystore.demo", "policy.responsesUnbound", "policy.sha1", "truststore.clientNotTrusted"])
        // Symmetric scenarios do not verify client certificates.
        #expect(try codes(t, "OrderProxy", scenario: 3) == ["keystore.demo", "policy.sha1"])
        // Only the service's key pair: Micro Integrator trusts its certificate (a client sharing that key), nothing else.
        try writeServiceStore(t, [key])
        #expect(try codes(t, "OrderProxy", scenario: 5) == ["keystore.demo", "keystore.noTrustedClients", "policy.sha1", "truststore.clientNotTrusted"])
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 5, selfTest: false)
        #expect(report.findings.first { $0.code == "keystore.noTrustedClients" }?.severity == .warning)
    }

    @Test func aServiceCertificateNearExpiryIsAWarningAndTheClientMustHoldIt() throws {
        let t = try TestHome()
        let trusted = try serviceStore(t).entries.filter { if case .trustedCertificate = $0 { true } else { false } }
        let key = try PrivateKey.generate(.rsa(bits: 2048))
        let certificate = try Certificate.selfSigned(key: key, subject: "CN=new service", validityDays: 10)
        try writeServiceStore(t, [.privateKey(alias: "service", key: key, chain: [certificate])] + trusted)
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 4, selfTest: false)
        #expect(report.findings.map(\.code).sorted() == ["certificate.expiring", "client.noServiceCertificate", "keystore.demo", "policy.sha1"])
        #expect(report.state == .warnings)
        #expect(report.findings.contains { $0.message.contains("expires in 10 days") }, "the 10 days it was made for, as keystore list counts")
    }

    @Test func aJKSServiceKeystoreWithItsOwnKeyPasswordIsChecked() throws {
        let t = try TestHome()
        let storePassword = Secret(DemoMaterial.servicePassword)
        let p12 = try Data(contentsOf: URL(fileURLWithPath: t.path("keystores/" + DemoMaterial.serviceKeystoreFile)))
        let converted = try Keystore.open(data: p12, password: storePassword).serialized(format: .jks, password: storePassword)
        var store = try Keystore.open(data: converted, password: storePassword)
        try store.changeKeyPassword(alias: "service", old: storePassword, new: Secret("own-key-pass"))
        try store.serialized(format: .jks, password: storePassword).write(to: URL(fileURLWithPath: t.path("keystores/service.jks")))
        let settings = try #require(t.text("conf/console.toml")).replacingOccurrences(
            of: "file = \"keystores/wssdemo-service.p12\"", with: "file = \"keystores/service.jks\"")
        try t.write("conf/console.toml", settings)
        #expect(try codes(t, "OrderProxy", scenario: 5) == ["keystore.keyPassword", "policy.sha1"], "the store password does not open the key")
        try t.write("conf/console.toml", settings.replacingOccurrences(
            of: "password = \"demo-service-pass\"", with: "password = \"demo-service-pass\"\nkey_password = \"own-key-pass\""))
        #expect(try codes(t, "OrderProxy", scenario: 5) == ["keystore.demo", "policy.sha1"])
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 5, selfTest: true)
        #expect(report.findings.last?.code == SelfTestCodes.passed, "\(report.findings)")
    }
}
