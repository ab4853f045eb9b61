import Foundation
import Testing
import WSSecurity
@testable import ServerHome

/// A custom policy planned through the home: what the plan writes, and validation driven by the policy's own
/// requirements (the same environment checks a scenario gets).
@Suite struct CustomPolicyTests {
    /// Scenario `number`'s policy as the home would write it for EchoProxy, with `edit` applied.
    private func policyBytes(_ home: TestHome, scenario number: Int, _ edit: (String) -> String) throws -> [UInt8] {
        let written = try #require(try home.home.planApply(scenario: number, to: "EchoProxy").edits.first?.after)
        return Array(edit(String(decoding: written, as: UTF8.self)).utf8)
    }

    @Test func thePlanWritesTheBytesAndReferencesThem() throws {
        let home = try TestHome()
        let bytes = try policyBytes(home, scenario: 1) {
            $0.replacingOccurrences(of: "wsu:Id=\"UTOverTransport\"", with: "wsu:Id=\"MyUsernamePolicy\"")
        }
        let plan = try home.home.planApplyPolicy(bytes: bytes, to: "EchoProxy")
        #expect(plan.policyId == "MyUsernamePolicy" && plan.warnings.isEmpty)
        #expect(plan.change.edits.first?.after == bytes && plan.change.edits.first?.secret == false)
        try home.home.commit(plan.change)
        let service = try home.home.service(named: "EchoProxy")
        #expect(service.security == .custom(policyKey: "conf:policies/EchoProxy.policy.xml", policyId: "MyUsernamePolicy"))
        #expect(service.security.label == "custom policy MyUsernamePolicy")

        // Its requirements (HTTPS, a user store) drive the checks: EchoProxy accepts plain HTTP, an error.
        let report = home.home.validate(service, scenario: nil, selfTest: false)
        let custom = try #require(report.findings.first { $0.code == "policy.custom" })
        #expect(custom.message.contains("MyUsernamePolicy") && custom.message.contains("HTTPS, a user store"))
        #expect(report.findings.contains { $0.code == "transport.http" })
        #expect(report.state == .errors)
    }

    @Test func aMissingKeystoreIsNamedForTheCustomPolicy() throws {
        let home = try TestHome()
        let bytes = try policyBytes(home, scenario: 3) { $0.replacingOccurrences(of: "wsu:Id=\"SgnOnlyAnonymous\"", with: "wsu:Id=\"Mine\"") }
        try home.home.commit(try home.home.planApplyPolicy(bytes: bytes, to: "EchoProxy").change)
        try home.write("conf/console.toml", (home.text("conf/console.toml") ?? "")
            .replacingOccurrences(of: "keystore = \"service\"", with: "keystore = \"nosuch\""))
        let report = home.home.validate(try home.home.service(named: "EchoProxy"), scenario: nil, selfTest: true)
        let none = report.findings.first { $0.code == "keystore.none" }
        #expect(none?.message.hasPrefix("The custom policy Mine needs the service's key pair") == true, "\(report.findings)")
    }

    @Test func passwordPropertyLooksAtEveryHostProperty() {
        var policy = ScenarioCatalogue.scenario(2)!.policy(for: HostSettings())
        #expect(policy.passwordProperty == nil)
        policy.carbon = CarbonSecConfig(kerberos: [Property("service.principal.password", "")])
        #expect(policy.passwordProperty == nil)
        policy.carbon = CarbonSecConfig(kerberos: [Property("service.principal.password", "x")])
        #expect(policy.passwordProperty == "service.principal.password")
    }

    /// A policy the service references but wssconsole cannot read is neither a scenario nor a custom policy: the
    /// catalogue says why (the file, and the reader's reason), for a missing file and for XML that is no policy.
    @Test func aPolicyThatCannotBeReadIsNotCustom() throws {
        let home = try TestHome()
        _ = try home.home.commit(try home.home.planApply(scenario: 2, to: "EchoProxy"))
        let file = home.home.root + "/conf/policies/EchoProxy.policy.xml"
        try Data("<notAPolicy/>".utf8).write(to: URL(fileURLWithPath: file))
        let wrong = try home.home.service(named: "EchoProxy").security
        #expect(wrong.label == "unreadable policy" && wrong.policyKey == "conf:policies/EchoProxy.policy.xml")
        #expect(wrong.policyProblem?.hasPrefix("conf/policies/EchoProxy.policy.xml: ") == true, "\(wrong)")
        try FileManager.default.removeItem(atPath: file)
        let missing = try home.home.service(named: "EchoProxy").security
        #expect(missing.policyProblem == "conf/policies/EchoProxy.policy.xml: missing, or not readable", "\(missing)")
    }
}
