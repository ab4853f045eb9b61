import Testing
import Foundation
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
        // The keystores are the ones deployment.toml names: the primary (PKCS#12) is checked and holds the key;
        // client certificates are trusted through client-truststore.jks, here a truncated JKS file.
        let findings = home.validate(try home.service(named: "QuoteProxy")).findings
        #expect(findings.map(\.code) == ["keystore.unreadable"])
        #expect(findings.first?.message.contains("client-truststore.jks") == true)
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
            of: "password = \"wso2carbon\"\nalias = \"wso2carbon\"", with: "password = \"$secret{keystore_password}\"\nalias = \"wso2carbon\""))
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 2, to: "QuoteProxy"))
        let findings = home.validate(try home.service(named: "QuoteProxy")).findings
        #expect(findings.map(\.code) == ["keystore.password"])
        #expect(findings.first?.message.contains("secure-vault") == true)
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
}
