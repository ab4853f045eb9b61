import Testing
import Foundation
import KeyMaterial
import WSSecurity
@testable import ServerHome

/// The engine's contexts built from the demo home's real keystores, user store and [client] settings, and the
/// self-test's reports when it cannot run.
@Suite struct EngineSetupTests {
    func codes(_ report: ValidationReport) -> [String] { report.findings.map(\.code) }

    @Test func bothSidesOfAnX509ScenarioGetTheirKeysAndTrust() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "OrderProxy"))
        let service = try t.home.messageSetup(service: "OrderProxy", role: .service, direction: .request, transport: .https)
        #expect(service.context.ownKey?.chain.first?.subject.contains("wssconsole demo service") == true)
        #expect(service.context.trusted.map(\.subject).contains { $0.contains("wssconsole demo client") })
        #expect(service.context.userStore == nil, "scenario 2 authenticates no user")
        let client = try t.home.messageSetup(service: "OrderProxy", role: .client, direction: .request, transport: .https)
        #expect(client.context.ownKey?.chain.first?.subject.contains("wssconsole demo client") == true)
        #expect(client.context.peerCertificate == service.context.ownKey?.chain.first)
        #expect(client.context.username == nil)
        #expect(client.sources.contains("key pair client in keystores/wssdemo-client.p12"))
    }

    @Test func aUsernameScenarioGetsTheConfiguredUserOrTheOptions() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 1, to: "OrderProxy"))
        let client = try t.home.messageSetup(service: "OrderProxy", role: .client, direction: .request, transport: .https)
        #expect(client.context.username == "alice")
        #expect(client.context.password?.isEqual(to: Secret("alice-demo-pass")) == true)
        #expect(client.context.ownKey == nil, "scenario 1 signs nothing")
        let bob = try t.home.messageSetup(service: "OrderProxy", role: .client, direction: .request, transport: .https,
                                          client: ClientIdentityOptions(user: "bob", password: Secret("bob-demo-pass")))
        #expect(bob.context.username == "bob")
        let service = try t.home.messageSetup(service: "OrderProxy", role: .service, direction: .request, transport: .https)
        let store = try #require(service.context.userStore)
        #expect(try store.roles(of: "alice").contains("admin"))
    }

    @Test func aMissingClientKeystoreAliasIsAClearError() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 5, to: "OrderProxy"))
        #expect(throws: HomeError.self) {
            try t.home.messageSetup(service: "OrderProxy", role: .client, direction: .request, transport: .http,
                                    client: ClientIdentityOptions(alias: "nope"))
        }
        #expect(throws: HomeError.self) {
            try t.home.messageSetup(service: "EchoProxy", role: .client, direction: .request, transport: .http)
        }
    }

    @Test func theSelfTestWaitsForErrorsToBeFixed() throws {
        let t = try TestHome()
        let echo = try t.home.service(named: "EchoProxy")
        let one = t.home.validate(echo, scenario: 1, selfTest: true)
        #expect(codes(one).contains("transport.http"))
        #expect(one.findings.last?.code == SelfTestCodes.skipped)
        let sixteen = t.home.validate(echo, scenario: 16, selfTest: true)
        #expect(sixteen.findings.last?.code == SelfTestCodes.skipped)
        // Scenario 16 without a service principal (its exchange with a real KDC is in KerberosConfigTests).
        #expect(codes(sixteen).contains("kerberos.principal"))
        #expect(sixteen.findings.last?.message.contains("errors above must be fixed first") == true, "\(sixteen.findings)")
    }

    /// WSO2's 7, 8, 14 and 15 sign the UsernameToken but send its password as text: on a proxy that also accepts
    /// plain HTTP, that is a warning; on an HTTPS-only one, nothing.
    @Test(arguments: [7, 8, 14, 15])
    func aPasswordAsTextOverPlainHTTPIsAWarning(scenario: Int) throws {
        let t = try TestHome()
        let echo = t.home.validate(try t.home.service(named: "EchoProxy"), scenario: scenario, selfTest: false)
        let finding = try #require(echo.findings.first { $0.code == "transport.passwordInClear" }, "\(codes(echo))")
        #expect(finding.severity == .warning && finding.message.contains("scenario \(scenario)"), "\(finding)")
        #expect(!codes(t.home.validate(try t.home.service(named: "OrderProxy"), scenario: scenario, selfTest: false)).contains("transport.passwordInClear"))
        #expect(!codes(t.home.validate(try t.home.service(named: "EchoProxy"), scenario: 5, selfTest: false)).contains("transport.passwordInClear"))
    }

    /// A setting wssconsole does not read (here the client's key alias put under [client] instead of its keystore's
    /// table) is a warning naming its line and the table's settings, not silently ignored; the demo home has none.
    @Test func aSettingNobodyReadsIsAWarning() throws {
        let t = try TestHome()
        let echo = try t.home.service(named: "EchoProxy")
        #expect(!codes(t.home.validate(echo, scenario: 5, selfTest: false)).contains("settings.unread"))
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(of: "service_alias = \"service\"", with: "service_alias = \"service\"\nalias = \"c2\""))
        let finding = try #require(t.home.validate(echo, scenario: 5, selfTest: false).findings.first { $0.code == "settings.unread" })
        #expect(finding.severity == .warning && finding.message.contains("[client] alias is not a setting"), "\(finding)")
        #expect(finding.fix.contains("service_alias") && finding.fix.contains("keystore"), "\(finding)")
    }

    @Test func anUnavailableClientPasswordFailsTheSelfTestWithAFix() throws {
        let t = try TestHome()
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(of: "password = \"alice-demo-pass\"",
                                                                       with: "password_env = \"WSSCONSOLE_TEST_UNSET_CLIENT_PW\""))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 7, selfTest: true)
        let failed = try #require(report.findings.first { $0.code == SelfTestCodes.failed })
        #expect(failed.severity == .error)
        #expect(failed.message.contains("WSSCONSOLE_TEST_UNSET_CLIENT_PW"))
        #expect(!failed.fix.isEmpty)
        #expect(report.state == .errors)
    }
}

/// The self-test with the real engine on the demo home: it passes for scenarios 1-15 (16 needs a KDC), and a real fault fails it.
@Suite struct SelfTestTests {
    /// A proxy that accepts only HTTPS is tried over HTTPS, as its callers reach it, even when its policy does not
    /// demand it; the self-test said "over http" for OrderProxy (transports="https").
    @Test func theSelfTestUsesTheTransportTheProxyAccepts() throws {
        let t = try TestHome()
        for (service, transport) in [("OrderProxy", "https"), ("EchoProxy", "http")] {
            try t.home.commit(t.home.planApply(scenario: 2, to: service))
            let report = t.home.validate(try t.home.service(named: service), scenario: nil, selfTest: true)
            #expect(report.findings.contains { $0.code == SelfTestCodes.step && $0.message.hasPrefix("Client secured the request over \(transport):") },
                    "\(service): \(report.findings.map(\.message))")
        }
    }

    @Test(arguments: 1...15) func theDemoHomeExchangesARequestAndAResponse(scenario: Int) throws {
        let t = try TestHome()
        let report = t.home.validate(try t.home.service(named: "PaymentProxy"), scenario: scenario, selfTest: true)
        #expect(report.findings.last?.code == SelfTestCodes.passed, "\(report.findings)")
        #expect(!report.findings.contains { $0.severity == .error }, "\(report.findings)")
        #expect(report.findings.contains { $0.code == SelfTestCodes.step && $0.message.hasPrefix("Service accepted the request") })
        #expect(report.findings.contains { $0.code == SelfTestCodes.step && $0.message.hasPrefix("Client accepted the response") })
        if scenario >= 9 {
            #expect(report.findings.contains { $0.message.hasPrefix("Client accepted the RSTR and computed the same 256-bit key") })
            #expect(report.findings.contains { $0.message.hasPrefix("A request under the cancelled token is refused (wsse:InvalidSecurityToken)") })
        }
    }

    /// Scenario 14's bootstrap authenticates the client's UsernameToken: a user without an allowed role gets no token.
    @Test func theSTSRefusesATokenToAUserWithoutAnAllowedRole() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 14, to: "PaymentProxy", options: ScenarioOptions(allowedRoles: ["operator"])))
        let report = t.home.validate(try t.home.service(named: "PaymentProxy"), scenario: nil, selfTest: true)
        let failed = try #require(report.findings.first { $0.code == SelfTestCodes.failed }, "\(report.findings)")
        #expect(failed.message.contains("SecureConversation exchange failed with wsse:FailedAuthentication"), "\(failed.message)")
        #expect(report.state == .errors)
    }

    @Test func aClientWithoutAnAllowedRoleFailsWithTheFault() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy", options: ScenarioOptions(allowedRoles: ["operator"])))
        let report = t.home.validate(try t.home.service(named: "PaymentProxy"), scenario: nil, selfTest: true)
        let failed = try #require(report.findings.first { $0.code == SelfTestCodes.failed }, "\(report.findings)")
        #expect(failed.severity == .error)
        #expect(failed.message.contains("verifying the request (service) failed with wsse:FailedAuthentication"), "\(failed.message)")
        #expect(failed.fix.contains("allowed role"))
        #expect(report.state == .errors)
    }

    /// Micro Integrator joins a proxy's allowRoles parameter to the policy's roles (in their place when the policy
    /// names none): validation ignored it, and passed a service whose callers MI refuses.
    @Test func theProxysAllowRolesParameterCountsAsMicroIntegratorJoinsIt() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy"))
        let definition = "conf/services/PaymentProxy.xml"
        let original = try #require(t.text(definition))
        try t.write(definition, original.replacingOccurrences(of: "    <description>", with: "    <parameter name=\"allowRoles\">operator</parameter>\n    <description>"))
        var report = t.home.validate(try t.home.service(named: "PaymentProxy"), scenario: nil, selfTest: true)
        #expect(!report.findings.map(\.code).contains("roles.none"), "\(report.findings)")
        let failed = try #require(report.findings.first { $0.code == SelfTestCodes.failed }, "\(report.findings)")
        #expect(failed.message.contains("FailedAuthentication"), "\(failed.message)")
        // The policy's own role (the demo client's) and the parameter's together let the client in.
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy", options: ScenarioOptions(allowedRoles: ["admin"])))
        report = t.home.validate(try t.home.service(named: "PaymentProxy"), scenario: nil, selfTest: true)
        #expect(report.state != .errors, "\(report.findings)")
    }

    /// A scenario about to be applied is judged with the proxy's allowRoles parameter too: the picker's panel said
    /// every user may call PaymentProxy while MI would let in the parameter's role alone.
    @Test func aProposedScenarioCountsTheProxysAllowRolesParameter() throws {
        let t = try TestHome()
        let definition = "conf/services/PaymentProxy.xml"
        let original = try #require(t.text(definition))
        try t.write(definition, original.replacingOccurrences(of: "    <description>", with: "    <parameter name=\"allowRoles\">operator</parameter>\n    <description>"))
        let report = t.home.validate(try t.home.service(named: "PaymentProxy"), scenario: 8, selfTest: true)
        #expect(!report.findings.map(\.code).contains("roles.none"), "\(report.findings)")
        let failed = try #require(report.findings.first { $0.code == SelfTestCodes.failed }, "\(report.findings)")
        #expect(failed.message.contains("FailedAuthentication"), "\(failed.message)")
    }

    /// A client certificate the service does not trust is a certificate problem, not a user and password one.
    @Test func anUntrustedClientCertificateIsFixedInTheTruststore() throws {
        let t = try TestHome()
        let path = t.path("keystores/" + DemoMaterial.serviceKeystoreFile), password = Secret(DemoMaterial.servicePassword)
        let store = try PKCS12Keystore(data: try Data(contentsOf: URL(fileURLWithPath: path)), password: password)
        let key = try #require(store.entries.first { if case .privateKey = $0 { true } else { false } })
        let stranger = try Certificate.selfSigned(key: try PrivateKey.generate(.rsa(bits: 2048)), subject: "CN=stranger", validityDays: 30)
        try PKCS12Keystore(entries: [key, .trustedCertificate(alias: "stranger", certificate: stranger)]).serialized(password: password)
            .write(to: URL(fileURLWithPath: path))
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 2, selfTest: true)
        let failed = try #require(report.findings.first { $0.code == SelfTestCodes.failed }, "\(report.findings)")
        #expect(failed.message.contains("verifying the request (service) failed with wsse:FailedAuthentication: The signing certificate"), "\(failed.message)")
        #expect(failed.fix.contains("client's certificate (or its CA) as a trusted entry into the service's truststore"), "\(failed.fix)")
        #expect(!failed.fix.contains("user and password"), "\(failed.fix)")
    }

    /// The fix follows what the fault says was refused, never its wording.
    @Test func theFixFollowsWhatWasRefused() {
        let user = SelfTest.fix(for: SecurityFault(.failedAuthentication, "any words", refused: .user), stage: "verifying the request (service)")
        #expect(user.contains("client user and password"), "\(user)")
        let response = SelfTest.fix(for: SecurityFault(.failedAuthentication, "any words", refused: .certificate), stage: "verifying the response (client)")
        #expect(response.contains("service's certificate (or its CA) as a trusted entry into the client's keystore"), "\(response)")
        let other = SelfTest.fix(for: SecurityFault(.failedAuthentication, "UsernameToken for alice refused"), stage: "verifying the request (service)")
        #expect(!other.contains("user store") && other.contains("credentials the client presents"), "\(other)")
    }
}
