import Foundation
import Testing

/// `wssconsole apply --policy FILE`: a custom policy written unchanged, validated like a scenario (environment
/// checks from its own assertions, the self-test under it), and bad files refused with the home untouched.
@Suite struct ApplyPolicyCommandTests {
    /// Scenario `number`'s policy as this home writes it, edited by `edit`, saved as `name` in the home.
    /// Applies the policy `file` to OrderProxy (which must succeed) and validates it, self-test included.
    private func applyThenValidate(_ home: TempHome, _ file: String) throws -> CLI.Result {
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file])
        #expect(apply.status == 0, "\(apply.all)")
        return try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
    }

    private func customPolicy(_ home: TempHome, scenario number: Int, name: String, _ edit: (String) -> String) throws -> String {
        // Scenario 16 without a terminal needs its principal; the edit may rename it.
        let kerberos = number == 16 ? ["--principal", "HTTP/base@EXAMPLE.COM", "--keytab", "keystores/base.keytab"] : []
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "StockQuoteProxy", "--scenario", "\(number)"] + kerberos)
        #expect(apply.status == 0, "\(apply.all)")
        let text = try #require(home.text("conf/policies/StockQuoteProxy.policy.xml"))
        let edited = edit(text)
        #expect(edited != text)
        let path = home.root + "/" + name
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A supporting tokens assertion `kind` holding the client's X.509 token, sent to the service.
    private static func x509Token(under kind: String) -> String {
        #"<sp:\#(kind) xmlns:sp="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy"><wsp:Policy>"#
            + #"<sp:X509Token sp:IncludeToken="http://schemas.xmlsoap.org/ws/2005/07/securitypolicy/IncludeToken/AlwaysToRecipient">"#
            + "<wsp:Policy><sp:WssX509V3Token10/></wsp:Policy></sp:X509Token></wsp:Policy></sp:\(kind)>"
    }

    private func snapshot(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: root)! {
            if let data = FileManager.default.contents(atPath: root + "/" + path) { files[path] = data }
        }
        return files
    }

    @Test func aCustomPolicyIsWrittenUnchangedAndPassesItsSelfTest() throws {
        let home = try TempHome()
        // Scenario 5 under another Id and the Basic128Sha256 suite: no scenario, but what the engine covers.
        let file = try customPolicy(home, scenario: 5, name: "sigencr128.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SigEncr\"", with: "wsu:Id=\"SigEncr128\"")
                .replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:Basic128Sha256/>")
        }
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file])
        #expect(apply.status == 0, "\(apply.all)")
        #expect(apply.stdout.contains("apply the custom policy SigEncr128 to OrderProxy"))
        #expect(home.data("conf/policies/OrderProxy.policy.xml") == FileManager.default.contents(atPath: file))
        #expect(home.text("conf/services/OrderProxy.xml")?.contains("<policy key=\"conf:policies/OrderProxy.policy.xml\"") == true)

        let validate = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(validate.status == 0, "\(validate.all)")
        #expect(validate.stdout.contains("OrderProxy: custom policy SigEncr128: warn"), "names the policy by its wsu:Id")
        #expect(validate.stdout.contains("policy.custom"))
        #expect(validate.stdout.contains("the service's key pair, trusted client certificates"))
        #expect(validate.stdout.contains("keystore.demo"), "the environment checks ran")
        #expect(validate.stdout.contains("Algorithms of Basic128Sha256"), "the exchange ran under the custom suite")
        #expect(validate.stdout.contains("Self-test passed: a request and a response exchanged under the custom policy SigEncr128"))
        let services = try CLI.run(["services", "--home", home.root])
        #expect(services.stdout.split(separator: "\n").contains { $0.hasPrefix("OrderProxy") && $0.contains("custom policy SigEncr128") })
    }

    /// A legacy Rampart policy (TripleDesRsa15) works, proven by the self-test, and is flagged twice: the cipher and
    /// the key transport.
    @Test func aTripleDesPolicyPassesItsSelfTestAndIsFlagged() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 8, name: "legacy.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SgnEncrUsername\"", with: "wsu:Id=\"Legacy3DES\"")
                .replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:TripleDesRsa15/>")
        }
        let validate = try applyThenValidate(home, file)
        #expect(validate.status == 0, "warnings only: \(validate.all)")
        #expect(validate.stdout.contains("policy.tripledes") && validate.stdout.contains("Triple DES (64-bit blocks"), "\(validate.stdout)")
        #expect(validate.stdout.contains("policy.rsa15"), "\(validate.stdout)")
        #expect(validate.stdout.contains("Body encrypted (tripledes-cbc)"), "\(validate.stdout)")
        #expect(validate.stdout.contains("Self-test passed"), "\(validate.stdout)")
    }

    /// `policy check` on a file not yet applied: the policy in words and what it deserves to be told, nothing written.
    /// A file apply refuses (no wsu:Id) is an error for policy check too, with apply's words, and exit 1.
    @Test func policyCheckRefusesWhatApplyRefuses() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 2, name: "no-id.xml") {
            $0.replacingOccurrences(of: " wsu:Id=\"SigOnly\"", with: "")
        }
        let check = try CLI.run(["policy", "check", file])
        #expect(check.status == 1 && check.stdout.contains("error: The policy has no wsu:Id") && check.stdout.contains("[policy.noId]"), "\(check.all)")
        let json = try CLI.run(["policy", "check", file, "--json"])
        #expect(json.status == 1 && json.stdout.contains("\"policy.noId\""), "\(json.all)")
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "EchoProxy", "--policy", file])
        #expect(apply.status == 1 && apply.stderr.contains("The policy has no wsu:Id"), "\(apply.all)")
    }

    @Test func policyCheckSaysWhatAFileDemandsBeforeItIsApplied() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 8, name: "legacy-check.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SgnEncrUsername\"", with: "wsu:Id=\"Legacy3DES\"")
                .replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:TripleDes/>")
        }
        let check = try CLI.run(["policy", "check", file])
        #expect(check.status == 0, "\(check.all)")
        #expect(check.stdout.contains("Legacy3DES (custom)"))
        #expect(check.stdout.contains("Binding:  symmetric: a fresh key per request"), "\(check.stdout)")
        #expect(check.stdout.contains("algorithm suite TripleDes, layout Lax"))
        #expect(check.stdout.contains("Client:   proves who it is by a UsernameToken"))
        #expect(check.stdout.contains("Engine:   enforces all of it"))
        #expect(check.stdout.contains("[policy.tripledes]") && !check.stdout.contains("[policy.rsa15]"), "\(check.stdout)")
        let json = try CLI.run(["policy", "check", file, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["id"] as? String == "Legacy3DES")
        #expect((report["summary"] as? [String: String])?["protects"] == "Body signed and encrypted; Timestamp signed; UsernameToken signed")
        // With WSO2's 300 s numbers its UsernameToken requests outlive their nonce (replay.window, see ApplyFreshnessCommandTests).
        #expect((report["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String } == ["policy.tripledes", "policy.sha1", "replay.window", "replay.noNonce"])
        let scenario = try CLI.run(["policy", "check", home.root + "/conf/policies/StockQuoteProxy.policy.xml", "--json"])
        let scenarioReport = try #require(try JSONSerialization.jsonObject(with: Data(scenario.stdout.utf8)) as? [String: Any])
        #expect(scenarioReport["scenario"] as? Int == 8 && scenarioReport["matchesScenario"] as? Bool == true, "\(scenario.stdout)")
    }

    /// The reviewer's policy: scenario 5 without sp:SignedParts and sp:EncryptedParts signs the Timestamp alone. The
    /// engine holds the service to it (a Body changed after securing is accepted): policy check, apply's dry run and
    /// validate say the Body is open.
    @Test func aPolicyThatProtectsNoBodyIsWarnedBeforeAndAfterItIsApplied() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 5, name: "nothing.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SigEncr\"", with: "wsu:Id=\"Nothing\"")
                .replacingOccurrences(of: "(?s)<sp:(Signed|Encrypted)Parts>.*?</sp:(Signed|Encrypted)Parts>", with: "", options: .regularExpression)
        }
        let check = try CLI.run(["policy", "check", file])
        #expect(check.status == 0 && check.stdout.contains("Protects: Timestamp signed"), "\(check.all)")
        #expect(check.stdout.contains("warning: The policy neither signs nor encrypts the SOAP Body: anyone on the path can change or read it")
                && check.stdout.contains("[policy.bodyUnprotected]"), "\(check.stdout)")
        let dryRun = try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--policy", file, "--dry-run"])
        #expect(dryRun.status == 0 && dryRun.stderr.contains("warning: The policy neither signs nor encrypts the SOAP Body"), "\(dryRun.all)")
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--policy", file]).status == 0)
        let validate = try CLI.run(["validate", "--home", home.root, "--service", "PaymentProxy", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any], "\(validate.all)")
        let finding = (report["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "policy.bodyUnprotected" }
        #expect(finding?["severity"] as? String == "warning", "\(validate.stdout)")

        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        let message = ["--home", home.root, "--service", "PaymentProxy"]
        #expect(try CLI.run(["message", "secure"] + message + ["--role", "client", dir + "plain.xml", dir + "request.xml"]).status == 0)
        let request = try #require(home.text("request.xml"))
        #expect(request.contains("<m:ping xmlns:m=\"urn:t\"/>"), "the Body travels as it was: \(request)")
        try Data(request.replacingOccurrences(of: "<m:ping xmlns:m=\"urn:t\"/>", with: "<m:pay xmlns:m=\"urn:t\">1000</m:pay>").utf8)
            .write(to: URL(fileURLWithPath: dir + "request.xml"))
        let verified = try CLI.run(["message", "verify"] + message + ["--role", "service", dir + "request.xml", dir + "received.xml"])
        #expect(verified.status == 0 && home.text("received.xml")?.contains("<m:pay") == true, "what the warning is about: \(verified.all)")
    }

    /// `policy check` reads no home: Carbon class names are a warning for whoever deploys the file on Micro Integrator.
    @Test func policyCheckWarnsOfCarbonClassNames() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 5, name: "carried-over.xml") {
            $0.replacingOccurrences(of: "org.wso2.micro.integrator.security.util.ServerCrypto", with: "org.wso2.carbon.security.util.ServerCrypto")
        }
        let check = try CLI.run(["policy", "check", file])
        #expect(check.status == 0, "\(check.all)")
        #expect(check.stdout.contains("warning: The policy names Carbon classes (org.wso2.carbon.security.util.ServerCrypto)"), "\(check.stdout)")
        #expect(check.stdout.contains("fix: For Micro Integrator: in the policy file, write org.wso2.micro.integrator.security.util.ServerCrypto "
                                      + "for org.wso2.carbon.security.util.ServerCrypto"), "\(check.stdout)")
    }

    @Test func whatTheEngineDoesNotImplementIsAWarningNamingIt() throws {
        let home = try TempHome()
        let signedX509 = Self.x509Token(under: "SignedSupportingTokens")
        let file = try customPolicy(home, scenario: 5, name: "signedx509.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SigEncr\"", with: "wsu:Id=\"SignedX509\"")
                .replacingOccurrences(of: "<sp:SignedParts", with: signedX509 + "<sp:SignedParts")
        }
        let validate = try applyThenValidate(home, file)
        #expect(validate.status == 0, "a warning, not an error: \(validate.all)")
        // Skipped, not failed: nothing was tried.
        #expect(!validate.stdout.contains("selftest.failed"), "\(validate.stdout)")
        let line = validate.stdout.split(separator: "\n").first { $0.contains("selftest.skipped") }
        #expect(line?.contains("warning") == true)
        #expect(line?.contains("Signed supporting tokens other than a UsernameToken are not implemented") == true, "\(validate.stdout)")
        #expect(line?.contains("still enforces it") == true)
        #expect(!validate.stdout.contains("Self-test passed"))
    }

    /// An X.509 endorsing token under the symmetric binding (WCF's MutualCertificate): the self-test's client signs
    /// the message's Signature with its certificate, and the service holds it to its trusted certificates.
    @Test func anEndorsingCertificatePassesTheSelfTest() throws {
        let home = try TempHome()
        let endorsing = Self.x509Token(under: "EndorsingSupportingTokens")
        let file = try customPolicy(home, scenario: 6, name: "mutual.xml") {
            $0.replacingOccurrences(of: "<sp:SignedParts", with: endorsing + "<sp:SignedParts")
        }
        let check = try CLI.run(["policy", "check", file])
        #expect(check.stdout.contains("Client:   proves who it is by its X.509 signature of the message's Signature (endorsing token)"), "\(check.stdout)")
        let validate = try applyThenValidate(home, file)
        #expect(validate.status == 0, "\(validate.all)")
        #expect(validate.stdout.contains("Signature endorsed (sp:EndorsingSupportingTokens, rsa-sha1) by CN=wssconsole demo client"), "\(validate.stdout)")
        #expect(validate.stdout.contains("Signature endorsed by CN=wssconsole demo client"), "\(validate.stdout)")
        #expect(validate.stdout.contains("Self-test passed"), "\(validate.stdout)")
    }

    /// sp:EncryptSignature (WCF's default protection) on the asymmetric and the symmetric binding: the self-test
    /// exchanges a request and a response with the Signature encrypted.
    @Test(arguments: [(5, "SigEncr"), (8, "SgnEncrUsername")])
    func encryptSignaturePassesTheSelfTest(scenario: Int, id: String) throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: scenario, name: "encsig\(scenario).xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"\(id)\"", with: "wsu:Id=\"\(id)EncSig\"")
                .replacingOccurrences(of: "<sp:OnlySignEntireHeadersAndBody/>", with: "<sp:OnlySignEntireHeadersAndBody/><sp:EncryptSignature/>")
        }
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file])
        #expect(apply.status == 0, "\(apply.all)")
        let validate = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(validate.status == 0, "\(validate.all)")
        #expect(!validate.stdout.contains("selftest.failed"), "\(validate.stdout)")
        #expect(validate.stdout.contains("Self-test passed: a request and a response exchanged under the custom policy \(id)EncSig"), "\(validate.stdout)")
    }

    /// A header named in SignedParts and EncryptedParts, and an element by XPath: `policy check` says so, and the
    /// self-test sends that header, signed and encrypted, both ways.
    @Test func aPolicyProtectingAHeaderAndAnElementPassesItsSelfTest() throws {
        let home = try TempHome()
        let header = #"<sp:Body/><sp:Header Name="Trace" Namespace="urn:example:trace"/>"#
        let elements = #"<sp:SignedElements xmlns:m="urn:wssconsole:selftest"><sp:XPath>//m:text</sp:XPath></sp:SignedElements>"#
        let file = try customPolicy(home, scenario: 8, name: "trace.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SgnEncrUsername\"", with: "wsu:Id=\"TraceHeader\"")
                .replacingOccurrences(of: "<sp:Body/>", with: header)
                .replacingOccurrences(of: "<sp:SignedSupportingTokens", with: elements + "<sp:SignedSupportingTokens")
        }
        let check = try CLI.run(["policy", "check", file])
        #expect(check.status == 0, "\(check.all)")
        #expect(check.stdout.contains("header Trace signed and encrypted; elements at //m:text signed"), "\(check.stdout)")
        #expect(check.stdout.contains("Engine:   enforces all of it"), "\(check.stdout)")
        let validate = try applyThenValidate(home, file)
        #expect(validate.status == 0, "\(validate.all)")
        #expect(validate.stdout.contains("Header Trace encrypted (aes256-cbc) in a wsse11:EncryptedHeader"), "\(validate.stdout)")
        #expect(validate.stdout.contains("element text (sp:SignedElements)"), "\(validate.stdout)")
        #expect(validate.stdout.contains("header Trace encrypted and decrypted"), "\(validate.stdout)")
        #expect(validate.stdout.contains("Self-test passed"), "\(validate.stdout)")
    }

    /// An element the policy chooses by XPath that the self-test's message does not have is said to be untried
    /// (a warning), not passed over; one it requires stops the self-test with the way to try it instead.
    @Test func elementsTheSelfTestCannotTryAreNamed() throws {
        let home = try TempHome()
        for (assertion, expectPassed) in [("SignedElements", true), ("RequiredElements", false)] {
            let elements = #"<sp:\#(assertion) xmlns:o="urn:example:orders"><sp:XPath>//o:order/o:item</sp:XPath></sp:\#(assertion)>"#
            let file = try customPolicy(home, scenario: 8, name: "\(assertion).xml") {
                $0.replacingOccurrences(of: "wsu:Id=\"SgnEncrUsername\"", with: "wsu:Id=\"Untried\(assertion)\"")
                    .replacingOccurrences(of: "<sp:SignedSupportingTokens", with: elements + "<sp:SignedSupportingTokens")
            }
            let validate = try applyThenValidate(home, file)
            #expect(validate.status == 0, "\(validate.all)")
            #expect(validate.stdout.contains("selftest.untried") && validate.stdout.contains("//o:order/o:item (sp:\(assertion))"), "\(validate.stdout)")
            #expect(validate.stdout.contains("Self-test passed") == expectPassed, "\(validate.stdout)")
            #expect(validate.stdout.contains("wssconsole --home \(home.root) message secure --service OrderProxy"), "\(validate.stdout)")
        }
    }

    @Test func aPolicyHoldingAPasswordIsOwnerOnly() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 2, name: "withpassword.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SigOnly\"", with: "wsu:Id=\"SigOnlyPw\"")
                .replacingOccurrences(of: "<rampart:property name=\"rampart.config.user\">service</rampart:property>",
                                      with: "<rampart:property name=\"org.wso2.carbon.security.crypto.privatestore.password\">s3cret</rampart:property>")
        }
        chmod(file, 0o644)
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file]).status == 0)
        let written = home.root + "/conf/policies/OrderProxy.policy.xml"
        #expect(FileManager.default.contents(atPath: written) == FileManager.default.contents(atPath: file))
        #expect((try FileManager.default.attributesOfItem(atPath: written)[.posixPermissions] as? Int) == 0o600)

        // Shown masked, as the diffs show it, unless asked for.
        let show = try CLI.run(["policy", "show", "--home", home.root, "--service", "OrderProxy"])
        #expect(show.status == 0, "\(show.all)")
        #expect(!show.stdout.contains("s3cret") && show.stdout.contains("privatestore.password\">********</rampart:property>"), "\(show.stdout)")
        let revealed = try CLI.run(["policy", "show", "--home", home.root, "--service", "OrderProxy", "--reveal"])
        #expect(revealed.stdout == String(decoding: try #require(FileManager.default.contents(atPath: written)), as: UTF8.self))
    }

    /// A password property whose text runs over lines is hidden on each, in the diff and in `policy show`: only
    /// the start tag's line names the password, and the lines after it were shown.
    @Test func aPasswordOverSeveralLinesIsMaskedOnEach() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 2, name: "multiline.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SigOnly\"", with: "wsu:Id=\"SigOnlyPw\"")
                .replacingOccurrences(of: "<rampart:property name=\"rampart.config.user\">service</rampart:property>",
                                      with: "<rampart:property name=\"org.wso2.carbon.security.crypto.privatestore.password\">s3cret-one\n  s3cret-two\n</rampart:property>")
        }
        let dryRun = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file, "--dry-run"])
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file]).status == 0)
        let show = try CLI.run(["policy", "show", "--home", home.root, "--service", "OrderProxy"])
        for (name, text) in [("diff", dryRun.stdout), ("policy show", show.stdout)] {
            #expect(text.contains("privatestore.password\">********\n") && !text.contains("s3cret"), "\(name): \(text)")
        }
    }

    @Test func aScenarioIdOnOtherAssertionsIsWarnedAbout() throws {
        let home = try TempHome()
        let file = try customPolicy(home, scenario: 2, name: "fake-sigonly.xml") {
            $0.replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:Basic128/>")
        }
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file, "--dry-run"])
        #expect(apply.status == 0, "\(apply.all)")
        #expect(apply.stderr.contains("wsu:Id SigOnly is scenario 2's, but its assertions differ"), "\(apply.stderr)")
        #expect(home.text("conf/policies/OrderProxy.policy.xml") == nil, "a dry run writes nothing")
    }

    @Test func badFilesFailClearlyAndLeaveTheHomeAsItWas() throws {
        let home = try TempHome()
        let noId = try customPolicy(home, scenario: 2, name: "noid.xml") { $0.replacingOccurrences(of: " wsu:Id=\"SigOnly\"", with: "") }
        let wsp = "xmlns:wsp=\"http://schemas.xmlsoap.org/ws/2004/09/policy\""
        let cases: [(String, String?, String)] = [
            ("malformed.xml", "<wsp:Policy \(wsp)><wsp:All>", "is it cut off?"),
            ("doctype.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY e \"x\">]>\n<wsp:Policy \(wsp)/>", "A DOCTYPE is not allowed"),
            ("notpolicy.xml", "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\"/>", "The root element is not a WS-Policy <Policy>"),
            ("missing.xml", nil, "no such file"),
            ("noid.xml", nil, "The policy has no wsu:Id"),
        ]
        let before = snapshot(home.root)
        for (name, text, message) in cases {
            let path = home.root + "/" + name
            if let text { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
            let files = snapshot(home.root)
            let result = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", path])
            #expect(result.status == 1, "\(name): \(result.all)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(snapshot(home.root) == files, "\(name) changed the home")
        }
        #expect(before["noid.xml"] != nil && noId.hasSuffix("noid.xml"))
        // Exactly one of --scenario and --policy.
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy"]).status == 2)
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2", "--policy", noId]).status == 2)
        let password = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", noId, "--principal", "HTTP/h@R",
                                    "--password-env", "X"])
        #expect(password.status == 2 && password.stderr.contains("the file's service.principal.password"), "\(password.all)")
    }

    /// A Kerberos custom policy takes --principal and --keytab for jaas.conf's service entry, as --scenario 16 does:
    /// the principal must be the one the policy names, a policy without a Kerberos token refuses them, and a refusal
    /// leaves the home as it was.
    @Test func aKerberosPolicyTakesItsPrincipalForJaasConf() throws {
        let home = try TempHome()
        let kerberos = try customPolicy(home, scenario: 16, name: "kerberos.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"kerberossignandencrypt\"", with: "wsu:Id=\"OrdersKerberos\"")
                .replacingOccurrences(of: "<rampart:property name=\"service.principal.name\">HTTP/base@EXAMPLE.COM</rampart:property>",
                                      with: "<rampart:property name=\"service.principal.name\">HTTP/orders@EXAMPLE.COM</rampart:property>")
        }
        let signing = try customPolicy(home, scenario: 2, name: "signing.xml") {
            $0.replacingOccurrences(of: "wsu:Id=\"SigOnly\"", with: "wsu:Id=\"OrdersSigned\"")
        }
        let files = snapshot(home.root)
        for (file, principal, message) in [(kerberos, "HTTP/other@EXAMPLE.COM", "names the service principal HTTP/orders@EXAMPLE.COM, not HTTP/other@EXAMPLE.COM"),
                                           (kerberos, "HTTP/orders@EXAMPLE.COM", "holds none"),
                                           (signing, "HTTP/orders@EXAMPLE.COM", "has no Kerberos token")] {
            let keytab = message == "holds none" ? [] : ["--keytab", "keystores/orders.keytab"]
            let refused = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", file, "--principal", principal] + keytab)
            #expect(refused.status == 1 && refused.stderr.contains(message), "\(refused.all)")
            #expect(snapshot(home.root) == files, "a refusal changed the home")
        }
        let applied = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", kerberos,
                                   "--principal", "HTTP/orders@EXAMPLE.COM", "--keytab", "keystores/orders.keytab"])
        #expect(applied.status == 0, "\(applied.all)")
        #expect(applied.stdout.contains("conf/security/jaas.conf"), "\(applied.all)")
        let jaas = try #require(home.text("conf/security/jaas.conf"))
        #expect(jaas.contains("principal=\"HTTP/orders@EXAMPLE.COM\"") && jaas.contains("keyTab=\"keystores/orders.keytab\""), "\(jaas)")
        #expect(home.text("conf/policies/OrderProxy.policy.xml") == (try String(contentsOfFile: kerberos, encoding: .utf8)), "the policy written unchanged")
    }
}
