import Testing
import Foundation
import WSSecurity
@testable import ServerHome

/// Validation of what a scenario needs, against the demo home's real keystores, user store and krb5.conf.
@Suite struct ChecksTests {
    func findings(_ t: TestHome, _ service: String) throws -> [String] {
        t.home.validate(try t.home.service(named: service)).findings.map(\.code)
    }

    func editSettings(_ t: TestHome, _ transform: (String) -> String) throws {
        try t.write("conf/console.toml", transform(try #require(t.text("conf/console.toml"))))
    }

    @Test func demoKeysAreAWarningNotAnError() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 5, to: "OrderProxy"))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.state == .warnings)
        #expect(report.findings.map(\.code) == ["keystore.demo"])
    }

    @Test func aPolicyWithAlternativesIsWarnedThatOnlyTheFirstIsEnforced() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "OrderProxy"))
        let path = "conf/policies/OrderProxy.policy.xml"
        let text = try #require(t.text(path))
        #expect(text.contains("<sp:Wss10>"))
        try t.write(path, text.replacingOccurrences(of: "<sp:Wss10>", with: "<sp:Wss10 wsp:Optional=\"true\">"))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"))
        let warning = try #require(report.findings.first { $0.code == "policy.alternatives" })
        #expect(warning.severity == .warning && warning.message.contains("2 alternatives"), "\(warning)")
        #expect(report.findings.map(\.code) == ["policy.alternatives", "keystore.demo"])
    }

    @Test func wrongKeystorePasswordAndAliasAreTold() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "OrderProxy"))
        try editSettings(t) { $0.replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password = \"wrong\"") }
        #expect(try findings(t, "OrderProxy") == ["keystore.wrongPassword"])
        try editSettings(t) {
            $0.replacingOccurrences(of: "password = \"wrong\"", with: "password_env = \"WSSCONSOLE_TEST_UNSET_VARIABLE\"")
        }
        #expect(try findings(t, "OrderProxy") == ["keystore.password"])
        try editSettings(t) {
            $0.replacingOccurrences(of: "password_env = \"WSSCONSOLE_TEST_UNSET_VARIABLE\"", with: "password = \"demo-service-pass\"")
        }
        // The alias the policy names is the one Rampart loads.
        let policy = "conf/policies/OrderProxy.policy.xml"
        try t.write(policy, try #require(t.text(policy)).replacingOccurrences(of: "crypto.alias\">service<", with: "crypto.alias\">wso2carbon<")
            .replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>wso2carbon<"))
        #expect(try findings(t, "OrderProxy") == ["keystore.alias"])
        try t.write("keystores/wssdemo-service.p12", "not a keystore")
        #expect(try findings(t, "OrderProxy") == ["keystore.unreadable"])
    }

    @Test func allowedRolesMustExistInTheUserStore() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy"))
        #expect(try findings(t, "PaymentProxy").sorted() == ["keystore.demo", "roles.none", "userstore.demo"])
        let path = "conf/policies/PaymentProxy.policy.xml"
        try t.write(path, try #require(t.text(path)).replacingOccurrences(
            of: "allowedroles\"></sec:property>", with: "allowedroles\">admin,Operator</sec:property>"))
        let report = t.home.validate(try t.home.service(named: "PaymentProxy"))
        #expect(report.state == .errors)
        // Role names are case-sensitive in Micro Integrator: "Operator" is not "operator".
        #expect(report.findings.filter { $0.code == "roles.unknown" }.map(\.message) == ["The allowed role Operator does not exist in the user store"])
    }

    @Test func kerberosNeedsAPrincipalAndAValidKrb5Conf() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 16, to: "InventoryDataService"))
        #expect(try findings(t, "InventoryDataService") == ["kerberos.principal"])
        try t.write("conf/security/krb5.conf", "[libdefaults]\n  default_realm = EXAMPLE.COM\n[realms]\n  EXAMPLE.COM = {\n    kdc = x\n")
        #expect(try findings(t, "InventoryDataService").contains("krb5.invalid"))
    }
}
