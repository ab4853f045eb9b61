import Foundation
import KerberosConfig
import KeyMaterial
import ServerHome
import Testing
import WSSecurity

/// Scenario 16 the way WSO2 homes usually configure it: the service's password in the policy
/// (`service.principal.password`) and jaas.conf's Server entry with `useKeyTab=false`, no keytab anywhere. The
/// self-test and the message commands accept tokens with keys made from that password at the test KDC.
@Suite struct Scenario16PasswordTests {
    let kdc = TestKDC.shared

    /// The demo home with OrderProxy under scenario 16 for svc/localhost with `password` (none when nil), and alice as
    /// the Kerberos client.
    func home(servicePassword password: String?) throws -> KerberosHome {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        try FileManager.default.removeItem(atPath: t.root + "/keystores/service.keytab")
        try t.home.commit(t.home.planApply(scenario: 16, to: "OrderProxy", options: ScenarioOptions(
            servicePrincipal: kdc.passwordPrincipal, servicePassword: password.map { Secret($0) })))
        try t.write("conf/alice.krb-password", kdc.userPassword + "\n")
        chmod(t.root + "/conf/alice.krb-password", 0o600)
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(
            of: "[client]\n", with: "[client]\nkerberos_principal = \"\(kdc.userPrincipal)\"\nkerberos_password_file = \"conf/alice.krb-password\"\n"))
        return t
    }

    func selfTest(_ t: KerberosHome) throws -> [Finding] {
        t.home.validate(try t.home.service(named: "OrderProxy"), scenario: nil, selfTest: true).findings
    }

    @Test func theSelfTestPassesWithKeysMadeFromThePolicysPassword() throws {
        let t = try home(servicePassword: kdc.passwordPrincipalPassword)
        let jaas = try #require(t.text("conf/security/jaas.conf"))
        #expect(jaas.contains("useKeyTab=false") && !jaas.contains("keyTab="), "\(jaas)")
        let findings = try selfTest(t)
        #expect(findings.map(\.code).contains("selftest.passed"), "\(findings)")
        #expect(findings.contains { $0.message.contains("Kerberos: \(kdc.passwordPrincipal) with the service password (keys from the KDC's salt, kvno 1)") },
                "\(findings.map(\.message))")
    }

    /// The console's picker validates what applying the selected scenario would write; for the scenario the service
    /// already has, that keeps the policy's password, as applying it again does.
    @Test func validatingScenario16AgainKeepsThePolicysPassword() throws {
        let t = try home(servicePassword: kdc.passwordPrincipalPassword)
        let findings = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: 16, selfTest: true).findings
        #expect(findings.map(\.code).contains("selftest.passed"), "\(findings.map(\.message))")
    }

    @Test func theMessageCommandsSecureARequestAndTheServiceAcceptsItWithItsPassword() throws {
        let t = try home(servicePassword: kdc.passwordPrincipalPassword)
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["message"] + arguments + ["--home", t.root, "--service", "OrderProxy", "--transport", "http"])
        }
        let secured = try run(["secure", "--role", "client", "--session", folder.path + "/session", request, folder.path + "/secured.xml"])
        #expect(secured.status == 0, "\(secured.all)")
        let verified = try run(["verify", "--role", "service", folder.path + "/secured.xml", folder.path + "/received.xml"])
        #expect(verified.status == 0 && verified.stdout.contains("accepted from \(kdc.userPrincipal)"), "\(verified.all)")
        #expect(verified.stdout.contains("with the service password"), "\(verified.all)")
        #expect(!verified.all.contains(kdc.passwordPrincipalPassword))
    }

    /// Micro Integrator ignores sec:Kerberos; Rampart reads service.principal.password from rampart:kerberosConfig.
    /// The password is written in both (WSO2's policies keep it in sec:Kerberos), and a policy that keeps it only
    /// where Rampart reads it is used as it is.
    @Test func thePasswordIsWrittenWhereRampartReadsItAndReadFromThere() throws {
        let t = try home(servicePassword: kdc.passwordPrincipalPassword)
        let path = "conf/policies/OrderProxy.policy.xml"
        let text = try #require(t.text(path))
        let policy = try PolicyReader.read(Array(text.utf8))
        for (block, properties) in [("rampart:kerberosConfig", policy.rampart?.kerberos), ("sec:Kerberos", policy.carbon?.kerberos)] {
            #expect(properties?.contains { $0.name == "service.principal.password" && $0.value == kdc.passwordPrincipalPassword } == true,
                    "\(block)\n\(text)")
        }

        var rampartOnly = policy
        let carbonWithout = policy.carbon?.kerberos?.filter { $0.name != "service.principal.password" }
        rampartOnly.carbon?.kerberos = carbonWithout
        try t.write(path, String(decoding: PolicyWriter.write(rampartOnly), as: UTF8.self))
        #expect(try selfTest(t).map(\.code).contains("selftest.passed"))
    }

    @Test func aWrongPasswordInThePolicyFailsTheSelfTestAtTheServiceLogin() throws {
        let t = try home(servicePassword: "not-the-service-password")
        let failed = try selfTest(t).first { $0.code == "selftest.failed" }
        #expect(failed?.message.contains("The KDC refuses the service password for \(kdc.passwordPrincipal)") == true, "\(String(describing: failed))")
        #expect(failed.map { "\($0.message) \($0.fix)" }?.contains("not-the-service-password") == false)
    }

    @Test func withoutKeytabOrPasswordTheFailureNamesBothFixes() throws {
        let t = try home(servicePassword: nil)
        let failed = try selfTest(t).first { $0.code == "selftest.failed" }
        #expect(failed?.message.contains("names no keytab and the policy holds no service password") == true, "\(String(describing: failed))")
        #expect(failed?.fix.contains("--keytab FILE") == true && failed?.fix.contains("--password-env") == true, "\(String(describing: failed))")
    }
}
