import Testing
import Foundation
import KeyMaterial
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

    /// A certificate out of its validity period is named with its date as the console shows every date.
    @Test func anExpiredCertificateSaysWhenInTheDisplayFormat() throws {
        let t = try TestHome()
        let certificate = try Certificate.selfSigned(key: try PrivateKey.generate(.ecP256), subject: "CN=old", validityDays: 10)
        let checks = KeystoreChecks(home: t.home, settings: try t.home.settings(), loader: KeystoreLoader(home: t.home),
                                    now: Date().addingTimeInterval(20 * 86_400))
        let found = checks.validity(of: certificate, named: "The service certificate (old)", expired: .error)
        #expect(found.map(\.message) == ["The service certificate (old) expired on \(DisplayDate.time(certificate.notAfter))"])
    }

    @Test func demoKeysAreAWarningNotAnError() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 5, to: "OrderProxy"))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"))
        #expect(report.state == .warnings)
        #expect(report.findings.map(\.code) == ["policy.sha1", "keystore.demo"])
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
        #expect(report.findings.map(\.code) == ["policy.alternatives", "policy.responsesUnbound", "policy.sha1", "keystore.demo"])
    }

    @Test func wrongKeystorePasswordAndAliasAreTold() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "OrderProxy"))
        try editSettings(t) { $0.replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password = \"wrong\"") }
        #expect(try findings(t, "OrderProxy") == ["policy.responsesUnbound", "policy.sha1", "keystore.wrongPassword"])
        // The fix names where the wrong password came from: the settings, or the file (or variable) they name.
        func fix() throws -> String {
            try #require(t.home.validate(try t.home.service(named: "OrderProxy")).findings.first { $0.code == "keystore.wrongPassword" }).fix
        }
        #expect(try fix() == "Correct it in conf/console.toml.")
        try t.write("conf/service.pass", "wrong\n")
        try editSettings(t) { $0.replacingOccurrences(of: "password = \"wrong\"", with: "password_file = \"conf/service.pass\"") }
        let fromFile = try fix()
        #expect(fromFile.hasPrefix("It comes from the file conf/service.pass: put the keystore's password in it"), "\(fromFile)")
        try editSettings(t) { $0.replacingOccurrences(of: "password_file = \"conf/service.pass\"", with: "password = \"wrong\"") }
        try editSettings(t) {
            $0.replacingOccurrences(of: "password = \"wrong\"", with: "password_env = \"WSSCONSOLE_TEST_UNSET_VARIABLE\"")
        }
        #expect(try findings(t, "OrderProxy") == ["policy.responsesUnbound", "policy.sha1", "keystore.password"])
        try editSettings(t) {
            $0.replacingOccurrences(of: "password_env = \"WSSCONSOLE_TEST_UNSET_VARIABLE\"", with: "password = \"demo-service-pass\"")
        }
        // The alias the policy names is the one Rampart loads.
        let policy = "conf/policies/OrderProxy.policy.xml"
        try t.write(policy, try #require(t.text(policy)).replacingOccurrences(of: "crypto.alias\">service<", with: "crypto.alias\">wso2carbon<")
            .replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>wso2carbon<"))
        #expect(try findings(t, "OrderProxy") == ["policy.responsesUnbound", "policy.sha1", "keystore.alias"])
        try t.write("keystores/wssdemo-service.p12", "not a keystore")
        #expect(try findings(t, "OrderProxy") == ["policy.responsesUnbound", "policy.sha1", "keystore.unreadable"])
    }

    @Test func allowedRolesMustExistInTheUserStore() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy"))
        // Without roles, apply writes no allowed-roles property: every authenticated user may call (an empty property
        // would let nobody in, in Micro Integrator).
        #expect(try findings(t, "PaymentProxy").sorted() == ["keystore.demo", "policy.sha1", "replay.noNonce", "replay.window", "roles.none", "userstore.demo"])
        #expect(try !#require(t.text("conf/policies/PaymentProxy.policy.xml")).contains("allowedroles"))
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy", options: ScenarioOptions(allowedRoles: ["admin", "Operator"])))
        let report = t.home.validate(try t.home.service(named: "PaymentProxy"))
        #expect(report.state == .errors)
        // Role names are case-sensitive in Micro Integrator: "Operator" is not "operator".
        #expect(report.findings.filter { $0.code == "roles.unknown" }.map(\.message) == ["The allowed role Operator does not exist in the user store"])
    }

    /// Micro Integrator's SecurityDeploymentInterceptor splits the allowed-roles property at commas without trimming
    /// the names, and a property naming no role restricts the service to nobody. wssconsole trimmed each name and took
    /// an empty property for "every user": validate and its self-test passed where MI refuses every caller.
    @Test func allowedRolesAreReadAsMicroIntegratorReadsThem() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 1, to: "OrderProxy"))
        let path = "conf/policies/OrderProxy.policy.xml"
        let applied = try #require(t.text(path))
        func validate(_ roles: String) throws -> ValidationReport {
            let block = "<sec:CarbonSecConfig xmlns:sec=\"http://www.wso2.org/products/carbon/security\"><sec:Authorization>"
                + "<sec:property name=\"org.wso2.carbon.security.allowedroles\">\(roles)</sec:property></sec:Authorization></sec:CarbonSecConfig>"
            var policy = applied.replacingOccurrences(of: #"<sec:CarbonSecConfig[\s\S]*</sec:CarbonSecConfig>"#, with: "", options: .regularExpression)
            let end = try #require(policy.range(of: "</wsp:Policy>", options: .backwards))
            policy.replaceSubrange(end.lowerBound..<end.lowerBound, with: block)
            try t.write(path, policy)
            return t.home.validate(try t.home.service(named: "OrderProxy"), scenario: nil, selfTest: true)
        }
        // alice has the admin role: " admin" (after "operator, ") is another name in MI.
        var report = try validate("operator, admin")
        #expect(report.state == .errors)
        #expect(report.findings.map(\.code).contains("roles.whitespace"), "\(report.findings)")
        let written = try #require(t.text(path))
        #expect(try PolicyReader.read(Array(written.utf8)).carbon?.allowedRoles == ["operator", " admin"])
        report = try validate("")
        #expect(report.findings.map(\.code).contains("roles.emptyProperty"), "\(report.findings)")
        #expect(!report.findings.map(\.code).contains("roles.none"))
        // The whole value is trimmed, as MI trims it; a bare comma list works.
        report = try validate("\n  operator,admin\n")
        #expect(report.findings.filter { $0.code.hasPrefix("roles.") }.isEmpty, "\(report.findings)")
        #expect(report.findings.contains { $0.code == "selftest.passed" })
    }

    @Test func kerberosNeedsAPrincipalAndAValidKrb5Conf() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 16, to: "InventoryDataService"))
        #expect(try findings(t, "InventoryDataService") == ["policy.sha1", "kerberos.principal"])
        try t.write("conf/security/krb5.conf", "[libdefaults]\n  default_realm = EXAMPLE.COM\n[realms]\n  EXAMPLE.COM = {\n    kdc = x\n")
        #expect(try findings(t, "InventoryDataService").contains("krb5.invalid"))
    }
}
