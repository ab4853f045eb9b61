import Testing
import Foundation
import KeyMaterial
import WSSecurity
@testable import ServerHome

@Suite struct MicroIntegratorHomeTests {
    @Test func servicesIncludeCarbonAppsReadOnly() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        #expect(home.layout == .microIntegrator)
        let services = home.services()
        #expect(services.map(\.name) == ["Customers", "OrdersCompositeExporter_1.0.0", "QuoteProxy"])
        let car = try #require(services.first { $0.kind == .carbonApp })
        #expect(car.readOnlyReason?.contains("Carbon app") == true)
        do { _ = try home.planApply(scenario: 2, to: car.name); Issue.record("changed a .car") } catch { #expect(error.code == .readOnly) }
    }

    @Test func applyWritesToTheRegistryWithMIClassNames() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 5, to: "QuoteProxy"))
        let policyText = try #require(mi.text("registry/config/wssconsole/policies/QuoteProxy.policy.xml"))
        let policy = try PolicyReader.read(Array(policyText.utf8))
        #expect(policy.rampart?.signatureCrypto?.provider == "org.wso2.micro.integrator.security.util.ServerCrypto")
        #expect(policy.rampart?.tokenStoreClass == "org.wso2.micro.integrator.security.extensions.SecurityTokenStore")
        #expect(!policyText.contains("org.wso2.carbon.security.util"))
        #expect(policy.rampart?.user == "wso2carbon")
        let proxy = try #require(mi.text("repository/deployment/server/synapse-configs/default/proxy-services/QuoteProxy.xml"))
        #expect(proxy.contains("<policy key=\"conf:wssconsole/policies/QuoteProxy.policy.xml\"/>"))
        #expect(proxy.contains("<enableSec/>"))
        // The keystores are the ones deployment.toml names: the primary (PKCS#12) holds the key and, as the policy's
        // truststores property names it, the certificates clients are verified with (none here).
        #expect(policyText.contains("truststores\">wso2carbon.p12<"))
        let findings = home.validate(try home.service(named: "QuoteProxy")).findings
        #expect(findings.map(\.code) == ["policy.sha1", "keystore.noTrustedClients"])
        #expect(findings.first { $0.code == "keystore.noTrustedClients" }?.message.contains("wso2carbon.p12") == true)
    }

    /// MI's ServerCrypto trusts the keystores the policy's `truststores` names, and KeyStoreManager returns the
    /// primary keystore for its own file name; client-truststore.jks ([truststore]) is the TLS trust store.
    @Test func clientsAreTrustedThroughThePrimaryKeystoreThePolicyNames() throws {
        let mi = try MicroIntegratorHome()
        let client = try mi.configureClient()
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML.replacingOccurrences(of: "client-truststore.jks", with: "client-truststore.p12"))
        try mi.writeKeystore("repository/resources/security/client-truststore.p12", [.trustedCertificate(alias: "client", certificate: client)])
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 5, to: "QuoteProxy"))
        // Only the TLS trust store holds the client: Micro Integrator would refuse its signature.
        var report = home.validate(try home.service(named: "QuoteProxy"), scenario: nil, selfTest: false)
        #expect(report.findings.map(\.code) == ["policy.sha1", "keystore.noTrustedClients", "truststore.clientNotTrusted"])
        #expect(report.findings.first { $0.code == "keystore.noTrustedClients" }?.message.contains("wso2carbon.p12") == true)
        // Only the primary keystore holds it: what Micro Integrator trusts, so the self-test passes.
        try mi.writeKeystore("repository/resources/security/client-truststore.p12", [])
        try mi.writeKeystore("repository/resources/security/wso2carbon.p12", [.trustedCertificate(alias: "client", certificate: client)])
        report = home.validate(try home.service(named: "QuoteProxy"), scenario: nil, selfTest: true)
        #expect(report.findings.filter { $0.severity != .info }.map(\.code) == [])
    }

    /// WSO2's samples sign their clients with the server's own key pair: Micro Integrator's ServerCrypto trusts every
    /// certificate of the primary keystore, a key pair's included, so validation and the self-test do too (they
    /// reported that the keystore trusts no certificate).
    @Test func aClientSharingTheServersKeyPairIsTrustedAsMicroIntegratorTrustsIt() throws {
        let mi = try MicroIntegratorHome()
        try FileManager.default.createDirectory(atPath: mi.root + "/wssconsole", withIntermediateDirectories: true)
        try mi.writeKeystore("wssconsole/client.p12", [.privateKey(alias: "client", key: mi.serviceKey, chain: [mi.serviceCertificate]),
                                                       .trustedCertificate(alias: "service", certificate: mi.serviceCertificate)])
        try mi.write("wssconsole/console.toml", "[client]\nkeystore = \"client\"\nservice_alias = \"service\"\n\n[keystore.client]\nfile = \"wssconsole/client.p12\"\nalias = \"client\"\npassword = \"mi-store-pass\"\n")
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 5, to: "QuoteProxy"))
        let report = home.validate(try home.service(named: "QuoteProxy"), scenario: nil, selfTest: true)
        #expect(report.state != .errors, "\(report.findings)")
        #expect(report.findings.contains { $0.code == "keystore.noTrustedClients" && $0.severity == .warning }, "\(report.findings)")
        #expect(report.findings.contains { $0.code == "selftest.passed" }, "\(report.findings)")
    }

    @Test func aPolicyNamingAnotherTruststoreIsAWarning() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 5, to: "QuoteProxy"))
        let path = "registry/config/wssconsole/policies/QuoteProxy.policy.xml"
        try mi.write(path, try #require(mi.text(path)).replacingOccurrences(of: "truststores\">wso2carbon.p12<", with: "truststores\">client-truststore.jks<"))
        let findings = home.validate(try home.service(named: "QuoteProxy")).findings
        #expect(findings.map(\.code) == ["policy.sha1", "keystore.noTrustedClients", "policy.truststoreNotLoaded"])
        #expect(findings.last?.message.contains("client-truststore.jks") == true)
    }

    @Test func usernameScenariosPointAtTheExternalStore() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 8, to: "Customers"))
        let dbs = try #require(mi.text("repository/deployment/server/dataservices/Customers.dbs"))
        #expect(dbs.contains("   <policy key=\"conf:wssconsole/policies/Customers.policy.xml\"/>\n   <enableSec/>\n</data>"))
        let codes = home.validate(try home.service(named: "Customers")).findings.map(\.code)
        #expect(codes.contains("userstore.external"))
    }

    @Test func aSecureVaultPasswordIsReportedNotGuessed() throws {
        let mi = try MicroIntegratorHome()
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML.replacingOccurrences(
            of: "password = \"mi-store-pass\"\nalias = \"wso2carbon\"", with: "password = \"$secret{keystore_password}\"\nalias = \"wso2carbon\""))
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 2, to: "QuoteProxy"))
        let findings = home.validate(try home.service(named: "QuoteProxy")).findings.filter { !$0.code.hasPrefix("policy.") }
        #expect(findings.map(\.code) == ["keystore.password"])
        #expect(findings.first?.message.contains("secure-vault") == true)
        #expect(findings.first?.fix.contains("wssconsole/console.toml") == true)
        #expect(findings.first?.fix.contains("$env") == false)
    }

    /// wssconsole/console.toml gives the password deployment.toml keeps in the secure vault.
    @Test func wssconsoleSettingsGiveAVaultKeystorePassword() throws {
        let mi = try MicroIntegratorHome()
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML.replacingOccurrences(
            of: "password = \"mi-store-pass\"\nalias = \"wso2carbon\"\nkey_password = \"mi-store-pass\"",
            with: "password = \"$secret{keystore_password}\"\nalias = \"wso2carbon\"\nkey_password = \"$secret{key_password}\""))
        try FileManager.default.createDirectory(atPath: mi.root + "/wssconsole", withIntermediateDirectories: true)
        try mi.write("wssconsole/keystore.pw", "mi-store-pass\n")
        try mi.write("wssconsole/console.toml", "[keystore.primary]\npassword_file = \"wssconsole/keystore.pw\"\n")
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        // The password file others can read is the one finding.
        chmod(mi.root + "/wssconsole/keystore.pw", 0o644)
        #expect(home.validate(try home.service(named: "QuoteProxy")).findings.filter { $0.severity != .info }.map(\.message)
            == ["wssconsole/keystore.pw holds the primary keystore's password and other users can read it (mode 644)"])
        chmod(mi.root + "/wssconsole/keystore.pw", 0o600)
        #expect(home.validate(try home.service(named: "QuoteProxy")).findings.map(\.code) == ["policy.sha1"])
    }

    /// The settings a keystore change would break are named where Micro Integrator keeps them: deployment.toml's
    /// [keystore.primary], unless wssconsole/console.toml overrides the key (here the password, by a file).
    @Test func theKeystoreSettingsNotesNameDeploymentTOMLOrOurOverride() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        let primary = try home.keystore(named: "keystore")
        #expect(home.aliasSetting(of: primary, alias: "WSO2carbon") == "[keystore.primary] alias in conf/deployment.toml")
        #expect(home.aliasSetting(of: primary, alias: "other") == nil)
        let note = try #require(home.passwordSettingNote(of: primary))
        #expect(note.contains("conf/deployment.toml still holds the old one in clear: set password in [keystore.primary] to \"$env{NAME}\", "
                              + "the environment variable NAME giving the new one (Micro Integrator and wssconsole both read it), or, last, "
                              + "to the new password in clear"), "\(note)")

        try FileManager.default.createDirectory(atPath: mi.root + "/wssconsole", withIntermediateDirectories: true)
        try mi.write("wssconsole/keystore.pw", "mi-store-pass\n")
        try mi.write("wssconsole/console.toml", "[keystore.primary]\npassword_file = \"wssconsole/keystore.pw\"\n")
        let overridden = try Home.open(mi.root)
        let file = try #require(overridden.passwordSettingNote(of: try overridden.keystore(named: "keystore")))
        #expect(file.contains("the file") && file.contains("keystore.pw") && file.contains("of wssconsole/console.toml"), "\(file)")
    }

    /// MI releases without the 2020-09-17 update name the primary keystore `[keystore.tls]`, with file names
    /// relative to repository/resources/security/.
    @Test func theTLSKeystoreFormWithBareFileNamesIsRead() throws {
        let mi = try MicroIntegratorHome()
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML
            .replacingOccurrences(of: "[keystore.primary]", with: "[keystore.tls]")
            .replacingOccurrences(of: "repository/resources/security/", with: ""))
        let settings = try Home.open(mi.root).settings()
        #expect(settings.keystores.map(\.file) == ["repository/resources/security/wso2carbon.p12", "repository/resources/security/client-truststore.jks"])
        #expect(settings.serviceKeystoreSettings?.password == .inline("mi-store-pass"))
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        #expect(home.validate(try home.service(named: "QuoteProxy")).findings.map(\.code) == ["policy.sha1"])
    }

    /// Without a password, the fix names the settings file of a Micro Integrator home.
    @Test func aMissingPasswordNamesWssconsoleSettings() throws {
        let mi = try MicroIntegratorHome()
        let result = ConsoleSettings.PasswordSource.none.resolve(homeRoot: mi.root)
        guard case .failure(let error) = result else { Issue.record("resolved no password"); return }
        #expect(error.fix.contains("wssconsole/console.toml"))
        #expect(!error.fix.contains("conf/console.toml"))
    }

    @Test func removingSecurityIsAnUndoableChange() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        let path = "repository/deployment/server/synapse-configs/default/proxy-services/QuoteProxy.xml"
        let original = try #require(mi.text(path))
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        try home.commit(home.planRemoveSecurity(from: "QuoteProxy"))
        #expect(mi.text(path) == original)
        #expect(mi.text("registry/config/wssconsole/policies/QuoteProxy.policy.xml") == nil)
        #expect(try home.service(named: "QuoteProxy").security == .unsecured)
        try home.commit(home.planUndo())
        #expect(try home.service(named: "QuoteProxy").security == .scenario(3, policyKey: "conf:wssconsole/policies/QuoteProxy.policy.xml"))
    }

    @Test func deploymentTOMLEditsKeepEveryOtherLine() throws {
        let toml = try TOMLDocument(text: MicroIntegratorHome.deploymentTOML)
        #expect(toml.lines.joined(separator: "\n") == MicroIntegratorHome.deploymentTOML)
        let edited = toml.setting("keystore.primary", "file_name", to: .string("repository/resources/security/new.p12"))
        let before = MicroIntegratorHome.deploymentTOML.split(separator: "\n", omittingEmptySubsequences: false)
        let after = edited.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }
        #expect(changed.count == 1)
        #expect(changed.first?.1 == "file_name = \"repository/resources/security/new.p12\" # PKCS#12 here; MI ships a JKS")
        let added = toml.setting("user_store", "connection_url", to: .string("ldap://127.0.0.1:10389"))
        #expect(added.contains("type = \"read_only_ldap\"\nconnection_url = \"ldap://127.0.0.1:10389\"\n"))
        let newTable = toml.setting("ws_security", "case_insensitive_role_name_check", to: .bool(true))
        #expect(newTable.hasSuffix("[ws_security]\ncase_insensitive_role_name_check = true\n"))
        #expect(newTable.hasPrefix(MicroIntegratorHome.deploymentTOML.trimmingCharacters(in: .newlines)))
    }

    static let proxyFolder = "repository/deployment/server/synapse-configs/default/proxy-services"

    /// `type="in"` (or `operationName`) limits the policy Synapse applies: responses (or the other operations) go
    /// unprotected, which validation says; apply drops the scope so the scenario covers both directions.
    @Test func aPolicyScopedToRequestsIsAWarningAndApplyDropsTheScope() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        let path = Self.proxyFolder + "/QuoteProxy.xml"
        let applied = try #require(mi.text(path))
        try mi.write(path, applied.replacingOccurrences(of: "QuoteProxy.policy.xml\"/>", with: "QuoteProxy.policy.xml\" type=\"in\"/>"))
        let service = try home.service(named: "QuoteProxy")
        #expect(service.security == .scenario(3, policyKey: "conf:wssconsole/policies/QuoteProxy.policy.xml"))
        var findings = home.validate(service).findings.filter { $0.code != "policy.sha1" }
        #expect(findings.map(\.code) == ["service.policyScope"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.contains("responses") == true)
        #expect(home.applyNotes(for: "QuoteProxy").first?.contains("type=\"in\"") == true)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        #expect(mi.text(path)?.contains("<policy key=\"conf:wssconsole/policies/QuoteProxy.policy.xml\"/>") == true)
        #expect(mi.text(path)?.contains("type=") == false)
        #expect(home.validate(try home.service(named: "QuoteProxy")).findings.map(\.code) == ["policy.sha1"])
        #expect(home.applyNotes(for: "QuoteProxy").isEmpty)

        try mi.write(path, applied.replacingOccurrences(of: "QuoteProxy.policy.xml\"/>", with: "QuoteProxy.policy.xml\" operationName=\"getQuote\"/>"))
        findings = home.validate(try home.service(named: "QuoteProxy")).findings.filter { $0.code != "policy.sha1" }
        #expect(findings.map(\.code) == ["service.policyScope"])
        #expect(findings.first?.message.contains("every operation but getQuote") == true)
    }

    /// A policy reference without `<enableSec/>`: Micro Integrator enforces nothing. The service was listed "not
    /// secured" without a word about the reference, and `unsecure` said there was nothing to remove.
    @Test func aPolicyWithoutEnableSecIsAWarningAndUnsecureRemovesIt() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        let path = Self.proxyFolder + "/QuoteProxy.xml"
        try mi.write(path, try #require(mi.text(path)).replacingOccurrences(of: "<enableSec/>", with: ""))
        let service = try home.service(named: "QuoteProxy")
        #expect(service.security == .unsecured)
        let report = home.validate(service)
        #expect(report.findings.map(\.code) == ["service.policyNotEnforced"] && report.state == .unsecured, "\(report)")
        #expect(report.findings.first?.message.contains("does not enforce it") == true)

        try home.commit(home.planRemoveSecurity(from: "QuoteProxy"))
        #expect(mi.text(path)?.contains("<policy") == false)
        #expect(mi.text("registry/config/wssconsole/policies/QuoteProxy.policy.xml") == nil)
        #expect(home.validate(try home.service(named: "QuoteProxy")).findings.isEmpty)
    }

    /// Two proxy files naming the same service: Micro Integrator deploys one of them; wssconsole says so on both and
    /// will not guess which one `--service` means.
    @Test func twoDefinitionsOfOneServiceAreAFindingAndAnAmbiguousName() throws {
        let mi = try MicroIntegratorHome()
        let original = try #require(mi.text(Self.proxyFolder + "/QuoteProxy.xml"))
        try mi.write(Self.proxyFolder + "/QuoteProxy-copy.xml", original)
        let home = try Home.open(mi.root)
        let copies = home.services().filter { $0.name == "QuoteProxy" }
        #expect(copies.count == 2)
        for copy in copies {
            let findings = home.validate(copy).findings
            #expect(findings.map(\.code) == ["service.duplicate"])
            #expect(findings.first?.message.contains("QuoteProxy-copy.xml") == true)
            #expect(findings.first?.message.contains("QuoteProxy.xml") == true)
        }
        do {
            _ = try home.planApply(scenario: 3, to: "QuoteProxy")
            Issue.record("applied to one of two definitions")
        } catch {
            #expect(error.code == .serviceAmbiguous)
            #expect(error.message.contains("QuoteProxy-copy.xml") && error.message.contains("/QuoteProxy.xml"))
        }
        #expect(mi.text(Self.proxyFolder + "/QuoteProxy.xml") == original)
    }

    /// A fresh MI home has no [client]: the self-test signs as the service itself, says so, and proves the service's
    /// keys and policy; a UsernameToken scenario still needs a user, and the finding says which file and settings to add.
    @Test func withoutAClientTheSelfTestSignsAsTheServiceOrNamesTheSettingsToAdd() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        let service = try home.service(named: "QuoteProxy")
        for scenario in [2, 5, 6] {
            let report = home.validate(service, scenario: scenario, selfTest: true)
            #expect(report.findings.contains { $0.code == "selftest.passed" }, "scenario \(scenario): \(report.findings)")
            let client = try #require(report.findings.first { $0.message.hasPrefix("Client: ") })
            #expect(client.message.contains("the service's own key pair wso2carbon") && client.message.contains("signs as the service"), "\(client.message)")
        }
        // `message` acts as a client the operator named, never as the service.
        try home.commit(home.planApply(scenario: 2, to: "QuoteProxy"))
        let setup = try home.messageSetup(service: "QuoteProxy", role: .client, direction: .request, transport: .https)
        #expect(setup.context.ownKey == nil && setup.sources.isEmpty, "\(setup.sources)")
        // A broken service key is still found by the self-test's client side too: nothing stands in for it.
        try mi.write("conf/deployment.toml", MicroIntegratorHome.deploymentTOML.replacingOccurrences(of: "alias = \"wso2carbon\"", with: "alias = \"nosuch\""))
        #expect(!home.validate(service, scenario: 2, selfTest: true).findings.contains { $0.code == "selftest.passed" })

        let report = home.validate(service, scenario: 1, selfTest: true)
        let finding = try #require(report.findings.first { $0.code == "selftest.noClient" })
        #expect(finding.message.contains("wssconsole/console.toml") && finding.message.contains("no [client]"))
        #expect(finding.fix.contains("wssconsole client set --user NAME") && !finding.fix.contains("--keystore"), "\(finding.fix)")
    }

    /// `<policy key="server-policy"/>` names a local entry holding the policy, as WSO2's own artifacts do; apply
    /// says the service will no longer use it.
    @Test func aPolicyInALocalEntryIsReadAndApplySaysItIsNoLongerUsed() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 1, to: "QuoteProxy"))
        let registry = "registry/config/wssconsole/policies/QuoteProxy.policy.xml"
        let policy = try #require(mi.text(registry)).replacingOccurrences(of: "<\\?xml[^>]*\\?>\\s*", with: "", options: .regularExpression)
        try FileManager.default.removeItem(atPath: mi.root + "/" + registry)
        try FileManager.default.createDirectory(atPath: mi.root + "/" + HomeLayout.localEntriesFolder, withIntermediateDirectories: true)
        let entry = HomeLayout.localEntriesFolder + "/server-policy.xml"
        try mi.write(entry, "<localEntry xmlns=\"http://ws.apache.org/ns/synapse\" key=\"server-policy\">\n" + policy + "</localEntry>\n")
        let path = Self.proxyFolder + "/QuoteProxy.xml"
        try mi.write(path, try #require(mi.text(path)).replacingOccurrences(of: "conf:wssconsole/policies/QuoteProxy.policy.xml", with: "server-policy"))
        let service = try home.service(named: "QuoteProxy")
        #expect(service.security == .scenario(1, policyKey: "server-policy"))
        let codes = home.validate(service).findings.map(\.code)
        #expect(!codes.contains("policy.unreadable") && !codes.contains("policy.invalid"))
        let notes = home.applyNotes(for: "QuoteProxy")
        #expect(notes.count == 1)
        #expect(notes.first?.contains("no longer use the local entry server-policy") == true)
        try home.commit(home.planApply(scenario: 1, to: "QuoteProxy"))
        #expect(mi.text(path)?.contains("conf:wssconsole/policies/QuoteProxy.policy.xml") == true)
        #expect(mi.text(entry) != nil)
    }
}

/// Carbon class names (a policy carried over from WSO2 ESB or EI) do not load on Micro Integrator: a scenario's
/// policy is re-applied; a custom one is edited, and the fix names the class to write.
@Suite struct MicroIntegratorCarbonClassTests {
    static let carbonCrypto = "org.wso2.carbon.security.util.ServerCrypto"
    static let integratorCrypto = "org.wso2.micro.integrator.security.util.ServerCrypto"

    func carbonFinding(_ home: Home) throws -> Finding {
        try #require(home.validate(try home.service(named: "QuoteProxy"), scenario: nil, selfTest: false).findings.first { $0.code == "policy.carbonClasses" })
    }

    @Test func aScenarioIsReappliedACustomPolicyIsEdited() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 5, to: "QuoteProxy"))
        let path = "registry/config/wssconsole/policies/QuoteProxy.policy.xml"
        let carbon = try #require(mi.text(path)).replacingOccurrences(of: Self.integratorCrypto, with: Self.carbonCrypto)
        try mi.write(path, carbon)
        let scenario = try carbonFinding(home)
        #expect(scenario.severity == .error && scenario.message.hasSuffix(Self.carbonCrypto), "\(scenario)")
        #expect(scenario.fix.hasPrefix("Re-apply the scenario"), "\(scenario)")

        let custom = carbon.replacingOccurrences(of: "wsu:Id=\"SigEncr\"", with: "wsu:Id=\"CarriedOver\"")
        #expect(custom != carbon)
        let plan = try home.planApplyPolicy(bytes: Array(custom.utf8), to: "QuoteProxy")
        #expect(plan.warnings.contains { $0.contains(Self.carbonCrypto) && $0.contains("write \(Self.integratorCrypto) for \(Self.carbonCrypto)") },
                "\(plan.warnings)")
        try home.commit(plan.change)
        let edited = try carbonFinding(home)
        #expect(edited.severity == .error)
        #expect(edited.fix.contains("write \(Self.integratorCrypto) for \(Self.carbonCrypto)") && edited.fix.contains("--policy FILE"), "\(edited)")
    }
}
