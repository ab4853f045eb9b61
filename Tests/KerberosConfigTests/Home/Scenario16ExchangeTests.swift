import Foundation
import KerberosConfig
import ServerHome
import Testing
import WSSecurity

/// Scenario 16 end to end on a home pointed at the test KDC: the self-test of `validate` and the `message` commands
/// exchange a request and a response under a real Kerberos token (the client alice with her password, the service
/// with its keytab from jaas.conf's Server entry).
@Suite struct Scenario16ExchangeTests {
    let kdc = TestKDC.shared

    /// The demo home with OrderProxy under scenario 16 and alice as the Kerberos client (password in a 0600 file).
    func home(password: String? = nil, clientSettings: Bool = true) throws -> KerberosHome {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        try t.home.commit(t.home.planApply(scenario: 16, to: "OrderProxy",
                                           options: ScenarioOptions(servicePrincipal: kdc.servicePrincipal, serviceKeytab: "keystores/service.keytab")))
        guard clientSettings else { return t }
        try t.write("conf/alice.krb-password", (password ?? kdc.userPassword) + "\n")
        chmod(t.root + "/conf/alice.krb-password", 0o600)
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(
            of: "[client]\n", with: "[client]\nkerberos_principal = \"\(kdc.userPrincipal)\"\nkerberos_password_file = \"conf/alice.krb-password\"\n"))
        return t
    }

    @Test func theSelfTestExchangesARequestAndAResponseUnderAKerberosToken() throws {
        let t = try home()
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: nil, selfTest: true)
        let messages = report.findings.map(\.message)
        #expect(report.findings.map(\.code).contains("selftest.passed"), "\(report.findings)")
        #expect(messages.contains { $0.contains("Kerberos: \(kdc.userPrincipal) with a ticket for \(kdc.servicePrincipal)") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("Service accepted the request from \(kdc.userPrincipal)") }, "\(messages)")
    }

    @Test func aWrongClientPasswordFailsTheSelfTestAtTheTicket() throws {
        let t = try home(password: "not-alices-password")
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: nil, selfTest: true)
        let failed = report.findings.first { $0.code == "selftest.failed" }
        #expect(failed?.message.contains("The password of \(kdc.userPrincipal) is wrong") == true, "\(report.findings)")
        #expect(failed?.fix == "The password in conf/alice.krb-password ([client] kerberos_password_file of conf/console.toml) is not "
                + "\(kdc.userPrincipal)'s: set it to the principal's current password.", "\(report.findings)")
    }

    /// The password a fix names is where it came from: the settings' environment variable for validate, the option for
    /// message.
    @Test func aWrongClientPasswordIsNamedByWhereItCameFrom() throws {
        let t = try home(clientSettings: false)
        let settings = try #require(t.text("conf/console.toml"))
        try t.write("conf/console.toml", settings.replacingOccurrences(
            of: "[client]\n", with: "[client]\nkerberos_principal = \"\(kdc.userPrincipal)\"\nkerberos_password_env = \"WSSCONSOLE_TEST_ALICE_KRB\"\n"))
        let wrong = ["WSSCONSOLE_TEST_ALICE_KRB": "not-alices-password"]
        let validated = try CLI.run(["validate", "--home", t.root, "--service", "OrderProxy"], environment: wrong)
        #expect(validated.status == 1, "\(validated.all)")
        #expect(validated.stdout.contains("The password of \(kdc.userPrincipal) is wrong"), "\(validated.all)")
        #expect(validated.stdout.contains("fix: The password in the environment variable WSSCONSOLE_TEST_ALICE_KRB ([client] kerberos_password_env"),
                "\(validated.all)")
        #expect(!validated.stdout.contains("krb5 check says which step fails"), "\(validated.all)")
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        let secured = try CLI.run(["message", "secure", "--home", t.root, "--service", "OrderProxy", "--role", "client", "--transport", "http",
                                   "--password-env", "OTHER_KRB", request, folder.path + "/secured.xml"],
                                  environment: ["OTHER_KRB": "not-alices-password"])
        #expect(secured.status == 1, "\(secured.all)")
        #expect(secured.stderr.contains("The password given with --password-env OTHER_KRB is not \(kdc.userPrincipal)'s"), "\(secured.all)")
    }

    /// A service keytab older than the KDC's key: the fix says so, with the key versions, wherever the token is refused.
    @Test func aStaleServiceKeytabIsNamedWithTheKDCsKeyVersion() throws {
        let t = try home()
        let keytab = t.root + "/keystores/service.keytab"
        try FileManager.default.removeItem(atPath: keytab)
        try FileManager.default.copyItem(atPath: kdc.staleKeytab, toPath: keytab)
        chmod(keytab, 0o600)
        let current = try #require(try Keytab.entries(path: kdc.serviceKeytab).get().map(\.kvno).max())
        let report = t.home.validate(try t.home.service(named: "OrderProxy"), scenario: nil, selfTest: true)
        let failed = try #require(report.findings.first { $0.code == "selftest.failed" }, "\(report.findings)")
        #expect(failed.fix.contains("is older than the KDC's key for \(kdc.servicePrincipal), key version \(current)"), "\(failed)")
        #expect(!failed.fix.contains("[client]"), "the client's settings are not at fault: \(failed)")

        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["message"] + arguments + ["--home", t.root, "--service", "OrderProxy", "--transport", "http"])
        }
        #expect(try run(["secure", "--role", "client", request, folder.path + "/secured.xml"]).status == 0)
        let verified = try run(["verify", "--role", "service", folder.path + "/secured.xml", folder.path + "/received.xml"])
        #expect(verified.status == 1, "\(verified.all)")
        #expect(verified.stdout.contains("fix: The keytab \(keytab) is older than the KDC's key"), "\(verified.all)")
    }

    @Test func theMessageCommandsSecureARequestAndAcceptItOnce() throws {
        let t = try home()
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        let response = try folder.write("response.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:ok xmlns:m="urn:example:orders"/></soapenv:Body></soapenv:Envelope>"#)
        let session = folder.path + "/session"
        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["message"] + arguments + ["--home", t.root, "--service", "OrderProxy", "--transport", "http"])
        }
        let secured = try run(["secure", "--role", "client", "--session", session, request, folder.path + "/secured.xml"])
        #expect(secured.status == 0, "\(secured.stdout)\(secured.stderr)")
        let verified = try run(["verify", "--role", "service", folder.path + "/secured.xml", folder.path + "/received.xml"])
        #expect(verified.status == 0 && verified.stdout.contains("accepted from \(kdc.userPrincipal)"), "\(verified.stdout)\(verified.stderr)")
        let answered = try run(["secure", "--role", "service", "--direction", "response", "--request", folder.path + "/secured.xml",
                                response, folder.path + "/answer.xml"])
        // Its token was accepted once: learning the key again would be a replay, which the service refuses.
        #expect(answered.status == 1)
        #expect(answered.stderr.contains("a replay is refused"), "\(answered.all)")
        // The request itself, sent again, is refused as a replay.
        let again = try run(["verify", "--role", "service", folder.path + "/secured.xml", folder.path + "/received2.xml"])
        #expect(again.status == 1 && again.stdout.contains("replay"), "\(again.all)")
        // So without --session the note sends the operator to the response Micro Integrator sends, and to validate for
        // wssconsole's own exchange, not to a later `secure --role service` that refuses.
        let unkept = try run(["secure", "--role", "client", request, folder.path + "/unkept.xml"])
        #expect(unkept.status == 0, "\(unkept.all)")
        #expect(unkept.stdout.contains("to verify the response Micro Integrator sends, secure the request with --session FILE"), "\(unkept.all)")
        #expect(unkept.stdout.contains("validate --service OrderProxy` exchanges a request and its response"), "\(unkept.all)")
    }

    /// The service accepts with the home's krb5.conf, as Micro Integrator does (java.security.krb5.conf), not with
    /// /etc/krb5.conf: a ticket in an encryption type the home no longer permits is refused, and the fix says why.
    @Test func theServiceAcceptsWithTheHomesKrb5Conf() throws {
        let t = try home()
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(arguments + ["--home", t.root])
        }
        let message = ["message", "--service", "OrderProxy", "--transport", "http"]
        #expect(try run(message.prefix(1) + ["secure", "--role", "client"] + message.dropFirst() + [request, folder.path + "/secured.xml"]).status == 0)
        // The KDC sealed the ticket with the service's aes256 key; the home now permits aes128 only.
        let restricted = try run(["krb5", "set", "permitted_enctypes", "aes128-cts-hmac-sha1-96"])
        #expect(restricted.status == 0, "\(restricted.all)")
        let verified = try run(message.prefix(1) + ["verify", "--role", "service"] + message.dropFirst()
                               + [folder.path + "/secured.xml", folder.path + "/received.xml"])
        #expect(verified.status == 1, "accepted with /etc/krb5.conf instead of the home's: \(verified.all)")
        #expect(verified.stdout.contains("fix: The ticket is encrypted with aes256-cts-hmac-sha1-96, which krb5.conf's permitted_enctypes leaves out"),
                "\(verified.all)")
    }

    /// A krb5.conf or jaas.conf that does not parse is named as the cause (with the command that finds the line), not
    /// the keytab or a missing keytab option.
    @Test func aBrokenKrb5ConfOrJaasConfIsNamedNotTheKeytab() throws {
        let t = try home()
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        let message = ["message", "--service", "OrderProxy", "--transport", "http", "--home", t.root]
        let verify = { try CLI.run(message.prefix(1) + ["verify", "--role", "service"] + message.dropFirst() + [folder.path + "/secured.xml", folder.path + "/received.xml"]) }
        #expect(try CLI.run(message.prefix(1) + ["secure", "--role", "client"] + message.dropFirst() + [request, folder.path + "/secured.xml"]).status == 0)
        let krb5 = try t.home.krb5ConfPath(), good = try String(contentsOfFile: krb5, encoding: .utf8)
        try Data(good.replacingOccurrences(of: "[realms]", with: "[realms").utf8).write(to: URL(fileURLWithPath: krb5))
        let badKrb5 = try verify()
        #expect(badKrb5.status == 1 && badKrb5.stdout.contains("libkrb5 cannot read the home's krb5.conf") && badKrb5.stdout.contains("krb5 check names the line"),
                "\(badKrb5.all)")
        try Data(good.utf8).write(to: URL(fileURLWithPath: krb5))
        let jaas = t.root + "/" + (try t.home.settings().jaasConf), entries = try String(contentsOfFile: jaas, encoding: .utf8)
        try Data(entries.replacingOccurrences(of: "};", with: "}").utf8).write(to: URL(fileURLWithPath: jaas))
        let badJaas = try verify()
        #expect(badJaas.status == 1 && badJaas.stderr.contains("jaas.conf cannot be read: line") && badJaas.stderr.contains("Java refuses the whole file"),
                "\(badJaas.all)")
        try Data(entries.utf8).write(to: URL(fileURLWithPath: jaas))
        #expect(try verify().status == 0, "the token was never opened, so it is no replay")
    }

    /// A home without krb5.conf is accepted with libkrb5's defaults, as Micro Integrator reads an empty configuration
    /// when java.security.krb5.conf names a missing file; neither the operator's KRB5_CONFIG nor /etc/krb5.conf
    /// stands in for it. (The console may also create the file after opening the home: acceptance then reads it.)
    @Test func aHomeWithoutKrb5ConfAcceptsWithTheDefaultsNotTheEnvironmentsFile() throws {
        let t = try home()
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        let message = ["message", "--service", "OrderProxy", "--transport", "http", "--home", t.root]
        let secured = try CLI.run(message.prefix(1) + ["secure", "--role", "client"] + message.dropFirst() + [request, folder.path + "/secured.xml"])
        #expect(secured.status == 0, "\(secured.all)")
        // The service's keytab is enough to accept: no KDC is asked, so the home's krb5.conf can go.
        try FileManager.default.removeItem(atPath: try t.home.krb5ConfPath())
        // A file that would refuse the aes256 ticket, where the operator's shell points.
        let elsewhere = try folder.write("krb5.conf", "[libdefaults]\n    permitted_enctypes = aes128-cts-hmac-sha1-96\n")
        let verified = try CLI.run(message.prefix(1) + ["verify", "--role", "service"] + message.dropFirst()
                                   + [folder.path + "/secured.xml", folder.path + "/received.xml"], environment: ["KRB5_CONFIG": elsewhere])
        #expect(verified.status == 0, "accepted with $KRB5_CONFIG's file instead of the defaults: \(verified.all)")
        // The client needs the KDC, so the file: the messages name it, not the error's type.
        let client = try CLI.run(message.prefix(1) + ["secure", "--role", "client"] + message.dropFirst() + [request, folder.path + "/again.xml"])
        #expect(client.status == 1 && client.all.contains("krb5.conf cannot be read: ") && !client.all.contains("KerberosConfigError"), "\(client.all)")
        let finding = try #require(t.home.validate(try t.home.service(named: "OrderProxy")).findings.first { $0.code == "krb5.invalid" })
        #expect(!finding.message.contains("KerberosConfigError") && finding.message.contains("krb5.conf"), "\(finding.message)")
    }

    @Test func withoutClientSettingsTheCommandLineNamesTheKerberosClient() throws {
        let t = try home(clientSettings: false)
        let folder = try TempFolder()
        let request = try folder.write("request.xml", #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:order xmlns:m="urn:example:orders">two</m:order></soapenv:Body></soapenv:Envelope>"#)
        let common = ["message", "secure", "--home", t.root, "--service", "OrderProxy", "--role", "client", "--transport", "http",
                      request, folder.path + "/secured.xml"]
        let unnamed = try CLI.run(common)
        #expect(unnamed.status == 1 && unnamed.stderr.contains("No Kerberos client principal is configured"), "\(unnamed.all)")
        #expect(unnamed.stderr.contains("or give --user and --password-env"), "message has the options: \(unnamed.all)")
        // validate has no such options: its fix names the settings alone.
        let validated = try CLI.run(["validate", "--home", t.root, "--service", "OrderProxy"])
        #expect(validated.status == 1 && validated.stdout.contains("No Kerberos client principal is configured"), "\(validated.all)")
        #expect(validated.stdout.contains("client set --kerberos-principal NAME@REALM --kerberos-password-env NAME (written to [client] of conf/console.toml)."), "\(validated.all)")
        #expect(!validated.stdout.contains("--user"), "\(validated.all)")
        let environment = ["WSSCONSOLE_TEST_ALICE_KRB": kdc.userPassword]
        let named = try CLI.run(common + ["--user", kdc.userPrincipal, "--password-env", "WSSCONSOLE_TEST_ALICE_KRB"], environment: environment)
        #expect(named.status == 0 && named.stdout.contains("Kerberos: \(kdc.userPrincipal) with a ticket"), "\(named.all)")
        // The fix's command, run: the self-test's client is then named.
        let set = try CLI.run(["client", "set", "--home", t.root, "--kerberos-principal", kdc.userPrincipal, "--kerberos-password-env", "WSSCONSOLE_TEST_ALICE_KRB"])
        #expect(set.status == 0, "\(set.all)")
        let passed = try CLI.run(["validate", "--home", t.root, "--service", "OrderProxy"], environment: environment)
        #expect(passed.status == 0 && passed.stdout.contains("selftest.passed"), "\(passed.all)")
    }
}
