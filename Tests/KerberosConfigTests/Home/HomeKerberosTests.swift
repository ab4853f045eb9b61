import Foundation
import KerberosConfig
import KeyMaterial
import ServerHome
import Testing
import WSSecurity

/// The home operations: edits as changes (history, undo), checks with the home's paths, scenario 16 wiring.
@Suite struct HomeKerberosTests {
    @Test func anEditIsAChangeThatUndoRestoresByteForByte() throws {
        let t = try KerberosHome()
        let original = try #require(t.text("conf/security/krb5.conf"))
        let change = try t.home.planKrb5Edit("realm") { (d: inout Krb5Document) throws(KerberosConfigError) in try d.setDefaultRealm("OTHER.ORG") }
        #expect(change.edits.map(\.path) == ["conf/security/krb5.conf"])
        #expect(change.diff.contains("+    default_realm = OTHER.ORG"))
        try t.home.commit(change)
        let edited = try #require(t.text("conf/security/krb5.conf"))
        #expect(edited == original.replacingOccurrences(of: "default_realm = EXAMPLE.COM", with: "default_realm = OTHER.ORG"))
        try t.home.commit(t.home.planUndo())
        #expect(t.text("conf/security/krb5.conf") == original)
    }

    @Test func anEditThatChangesNothingHasNoEdits() throws {
        let t = try KerberosHome()
        let change = try t.home.planKrb5Edit("same") { (d: inout Krb5Document) throws(KerberosConfigError) in try d.setDefaultRealm("EXAMPLE.COM") }
        #expect(change.edits.isEmpty)
    }

    @Test func theServiceEntryFollowsTheOperator() throws {
        let t = try KerberosHome()
        try t.home.commit(t.home.planJaasService(principal: "HTTP/web@EXAMPLE.COM", keytab: nil))
        let server = try #require(try t.home.jaasFile().document.entry("Server")?.module())
        #expect(server["principal"] == "HTTP/web@EXAMPLE.COM")
        #expect(server["useKeyTab"] == "false")
        #expect(server["keyTab"] == nil)
        #expect(try t.home.jaasFile().document.problem == nil)
    }

    @Test func theServiceEntryRenamesThePrincipalOfScenario16Policies() throws {
        let t = try KerberosHome()
        try t.home.commit(t.home.planApply(scenario: 16, to: "OrderProxy"))
        let change = try t.home.planJaasService(principal: "HTTP/web@EXAMPLE.COM", keytab: "keystores/service.keytab")
        #expect(Set(change.edits.map(\.path)) == ["conf/security/jaas.conf", "conf/policies/OrderProxy.policy.xml"])
        try t.home.commit(change)
        let policy = try PolicyReader.read(Array(try t.home.policyText(for: "OrderProxy").utf8))
        #expect(policy.rampart?.kerberos?.first { $0.name == "service.principal.name" }?.value == "HTTP/web@EXAMPLE.COM")
    }

    /// A custom policy with a Kerberos token is one of the home's Kerberos services: `jaas check` holds the service
    /// entry to its principal, and `jaas service` leaves its file alone (the operator's bytes, unlike scenario 16's).
    @Test func aCustomKerberosPolicyIsCheckedButNeverRewritten() throws {
        let t = try KerberosHome()
        try t.home.commit(t.home.planApply(scenario: 16, to: "OrderProxy",
                                           options: ScenarioOptions(servicePrincipal: "HTTP/orders@EXAMPLE.COM", serviceKeytab: "keystores/service.keytab")))
        let text = try t.home.policyText(for: "OrderProxy")
            .replacingOccurrences(of: "wsu:Id=\"kerberossignandencrypt\"", with: "wsu:Id=\"OrdersKerberos\"")
        try t.home.commit(t.home.planApplyPolicy(bytes: Array(text.utf8), to: "OrderProxy").change)
        guard case .custom(_, "OrdersKerberos") = try t.home.service(named: "OrderProxy").security else {
            Issue.record("not applied as a custom policy")
            return
        }
        let change = try t.home.planJaasService(principal: "HTTP/web@EXAMPLE.COM", keytab: "keystores/service.keytab")
        #expect(change.edits.map(\.path) == ["conf/security/jaas.conf"], "the custom policy is not rewritten")
        try t.home.commit(change)
        #expect(try t.home.policyText(for: "OrderProxy") == text)
        let mismatch = try t.home.checkJaas().findings.first { $0.code == "jaas.principal.mismatch" }
        #expect(mismatch?.message.contains("the policy names HTTP/orders@EXAMPLE.COM") == true, "\(String(describing: mismatch))")
    }

    @Test func aKerberosPolicyWithoutAPrincipalSaysSoInItsOwnWords() throws {
        let t = try KerberosHome()
        try t.home.commit(t.home.planApply(scenario: 16, to: "OrderProxy"))
        let text = try t.home.policyText(for: "OrderProxy")
            .replacingOccurrences(of: "wsu:Id=\"kerberossignandencrypt\"", with: "wsu:Id=\"OrdersKerberos\"")
        try t.home.commit(t.home.planApplyPolicy(bytes: Array(text.utf8), to: "OrderProxy").change)
        let finding = t.home.validate(try t.home.service(named: "OrderProxy")).findings.first { $0.code == "kerberos.principal" }
        #expect(finding?.message == "The policy names no service principal (service.principal.name)", "\(String(describing: finding))")
        #expect(finding?.fix.contains("Set service.principal.name in the policy") == true)
    }

    @Test func scenario16WithoutAPrincipalStillSaysSoFirst() throws {
        let t = try KerberosHome()
        try t.home.commit(t.home.planApply(scenario: 16, to: "InventoryDataService"))
        let report = t.home.validate(try t.home.service(named: "InventoryDataService"))
        #expect(report.findings.map(\.code) == ["policy.sha1", "kerberos.principal"])
    }

    @Test func scenario16WritesThePrincipalWhereThePolicyAndTheHostExpectIt() throws {
        let t = try KerberosHome()
        let kdc = TestKDC.shared
        try t.useTestKDC(kdc)
        let options = ScenarioOptions(servicePrincipal: kdc.servicePrincipal, serviceKeytab: "keystores/service.keytab")
        let change = try t.home.planApply(scenario: 16, to: "OrderProxy", options: options)
        #expect(change.edits.map(\.path).contains("conf/security/jaas.conf"))
        try t.home.commit(change)
        let policy = try PolicyReader.read(Array(try t.home.policyText(for: "OrderProxy").utf8))
        #expect(policy.rampart?.kerberos?.first { $0.name == "service.principal.name" }?.value == kdc.servicePrincipal)
        #expect(try t.home.jaasFile().document.entry("Server")?.module()?["principal"] == kdc.servicePrincipal)
        let report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.findings.filter { $0.severity == .error }.isEmpty, "\(report.findings)")
        // The live checks with the home's paths.
        var live = KerberosCheckOptions(timeout: 10)
        live.client = .init(principal: kdc.userPrincipal, credential: .password(Secret(kdc.userPassword)))
        let jaas = try t.home.checkJaas(live)
        #expect(!jaas.hasErrors, "\(jaas.findings)")
        #expect(jaas.findings.map(\.code).contains("service.accept"))
        #expect(!(try t.home.checkKrb5(live)).hasErrors)
        // Without its keytab the service is reported before any request fails.
        try FileManager.default.removeItem(atPath: t.root + "/keystores/service.keytab")
        #expect(t.home.validate(try t.home.service(named: "OrderProxy")).findings.map(\.code).contains("keytab.missing"))
    }

    @Test func aPasswordGoesIntoAPolicyOnlyItsOwnerReads() throws {
        let t = try KerberosHome()
        let kdc = TestKDC.shared
        try t.useTestKDC(kdc)
        let options = ScenarioOptions(servicePrincipal: kdc.passwordPrincipal, servicePassword: Secret(kdc.passwordPrincipalPassword))
        let change = try t.home.planApply(scenario: 16, to: "OrderProxy", options: options)
        #expect(!change.diff.contains(kdc.passwordPrincipalPassword))
        try t.home.commit(change)
        var status = stat()
        #expect(stat(t.root + "/conf/policies/OrderProxy.policy.xml", &status) == 0)
        #expect(status.st_mode & 0o077 == 0)
        #expect(try t.home.policyText(for: "OrderProxy").contains(kdc.passwordPrincipalPassword))
        // The live check takes the password where WSO2 keeps it.
        let jaas = try t.home.checkJaas(KerberosCheckOptions(timeout: 10))
        #expect(jaas.findings.map(\.code).contains("service.login"), "\(jaas.findings)")
        #expect(!jaas.hasErrors)
    }

    @Test func editorTextIsCheckedAgainstTheHome() throws {
        let t = try KerberosHome()
        let findings = t.home.checkKerberosText(.jaas, bytes: Array(Fixtures.legacyJaas.utf8))
        #expect(findings.first { $0.code == "jaas.option.value" }?.file == "conf/security/jaas.conf")
        let krb5 = t.home.checkKerberosText(.krb5, bytes: Array("[realms]\n  A = {\n".utf8))
        #expect(krb5.map(\.code).contains("krb5.syntax"))
    }
}
