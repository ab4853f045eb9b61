import Testing
import Foundation

/// `wssconsole validate` on copies of the demo home: findings, JSON, exit codes.
@Suite struct ValidateCommandTests {
    func json(_ result: CLI.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.all)")
    }

    func codes(_ object: [String: Any]) -> [String] {
        ((object["findings"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    @Test func aProposedScenarioOnTheDemoHomeHasOnlyDemoWarnings() throws {
        let home = try TempHome()
        let result = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--scenario", "5", "--json"])
        #expect(result.status == 0, "\(result.all)")
        let report = try json(result)
        #expect(report["service"] as? String == "OrderProxy")
        #expect(report["scenario"] as? Int == 5)
        #expect(report["state"] as? String == "warnings")
        #expect(codes(report).contains("keystore.demo"))
        #expect(!codes(report).contains { $0.hasPrefix("keystore.") && $0 != "keystore.demo" })
        #expect(home.text("conf/policies/OrderProxy.policy.xml") == nil)
    }

    /// A password put into a policy by hand with its '&' or '<' unescaped: policy check and validate (and --json) name
    /// the file, the line and the column, and quote none of it (libxml2 said "Entity 'Xyzzy' not defined").
    @Test func aBrokenPolicyIsNotQuoted() throws {
        let home = try TempHome()
        let applied = try CLI.run(["apply", "--home", home.root, "--service", "StockQuoteProxy", "--scenario", "16",
                                   "--principal", "HTTP/localhost@EXAMPLE.COM", "--password-env", "SVC"], environment: ["SVC": "Hunt3r&Xyzzy"])
        #expect(applied.status == 0, "\(applied.all)")
        let path = home.root + "/conf/policies/StockQuoteProxy.policy.xml"
        let policy = try #require(home.text("conf/policies/StockQuoteProxy.policy.xml"))
        let line = try #require(policy.components(separatedBy: "\n").firstIndex { $0.contains("Hunt3r&amp;Xyzzy") }) + 1
        for raw in ["Hunt3r&Xyzzy;", "Hunt3r&Xyzzy", "Hunt3r<Xyzzy>Qq", "Hunt3r</Xyzzy>"] {
            try policy.replacingOccurrences(of: "Hunt3r&amp;Xyzzy", with: raw).write(toFile: path, atomically: true, encoding: .utf8)
            let checked = try CLI.run(["policy", "check", path])
            #expect(checked.status == 1 && checked.stderr.contains("\(path): line \(line): ") && checked.stderr.contains("(column "), "\(checked.all)")
            let validated = try CLI.run(["validate", "--home", home.root, "--service", "StockQuoteProxy", "--no-self-test"])
            #expect(validated.status == 1 && validated.stdout.contains("policy.invalid"), "\(validated.all)")
            let report = try CLI.run(["validate", "--home", home.root, "--service", "StockQuoteProxy", "--no-self-test", "--json"])
            let invalid = try #require((try json(report)["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "policy.invalid" })
            #expect((invalid["message"] as? String)?.hasPrefix("The policy conf/policies/StockQuoteProxy.policy.xml cannot be read: line \(line): ") == true,
                    "the file and the line: \(invalid)")
            // The engine's own reading (message secure|verify) names the file as well.
            try "<x/>".write(toFile: home.root + "/in.xml", atomically: true, encoding: .utf8)
            let secured = try CLI.run(["message", "secure", "--home", home.root, "--service", "StockQuoteProxy", "--role", "client",
                                       home.root + "/in.xml", home.root + "/out.xml"])
            #expect(secured.status == 1 && secured.all.contains("The policy of StockQuoteProxy (conf/policies/StockQuoteProxy.policy.xml) cannot be read: line \(line): "),
                    "\(secured.all)")
            for output in [checked.all, validated.all, report.all, secured.all] {
                #expect(!output.contains("Hunt3r") && !output.contains("Xyzzy") && !output.contains("Qq"), "\(raw): \(output)")
            }
        }
    }

    @Test func anErrorFindingExitsOneAndSaysHowToFixIt() throws {
        let home = try TempHome()
        let result = try CLI.run(["validate", "--home", home.root, "--service", "EchoProxy", "--scenario", "1"])
        #expect(result.status == 1, "\(result.all)")
        #expect(result.stdout.contains("EchoProxy: scenario 1"))
        #expect(result.stdout.contains("transport.http"))
        #expect(result.stdout.contains("fix: Set transports=\"https\""))
    }

    @Test func theAppliedPolicyIsValidatedAndAllListsEveryService() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "2"]).status == 0)
        let all = try CLI.run(["validate", "--home", home.root, "--all", "--json"])
        #expect(all.status == 0, "\(all.all)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count >= 6)
        let payment = try #require(rows.first { $0["service"] as? String == "PaymentProxy" })
        #expect(payment["scenario"] as? Int == 2)
        #expect(codes(payment).contains("keystore.demo"))
        #expect(rows.first { $0["service"] as? String == "EchoProxy" }?["state"] as? String == "unsecured")
        // A broken key alias in the applied policy is an error: rampart:user, which Rampart signs with.
        let path = "conf/policies/PaymentProxy.policy.xml"
        try Data(try #require(home.text(path)).replacingOccurrences(of: "<rampart:user>service<", with: "<rampart:user>nope<").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/" + path))
        let broken = try CLI.run(["validate", "--home", home.root, "--service", "PaymentProxy"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("keystore.alias "), "\(broken.stdout)")
        #expect(broken.stdout.contains("keystore.aliasDisagrees"), "the crypto still names service: \(broken.stdout)")
    }

    /// An unquoted value is named by its key, file and line, never shown: it is often a password, and validate's output
    /// lands in CI logs.
    @Test func anUnquotedPasswordIsNamedNeverShown() throws {
        let home = try TempHome()
        let settings = try #require(home.text("conf/console.toml"))
        try Data(settings.replacingOccurrences(of: "password = \"demo-service-pass\"", with: "password = svcpass123").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/conf/console.toml"))
        let said = "conf/console.toml: line 21: cannot read the value of password: not a TOML value (a string needs quotes)"
        let text = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"])
        #expect(text.status == 1 && text.stdout.contains(said), "\(text.all)")
        let json = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--scenario", "5", "--json"])
        #expect(json.stdout.contains(said), "\(json.all)")
        for result in [text, json] { #expect(!result.all.contains("svcpass123"), "\(result.all)") }
    }

    @Test func badUsageExitsTwo() throws {
        let home = try TempHome()
        #expect(try CLI.run(["validate", "--home", home.root]).status == 2)
        #expect(try CLI.run(["validate", "--home", home.root, "--all", "--service", "EchoProxy"]).status == 2)
        #expect(try CLI.run(["validate", "--home", home.root, "--service", "EchoProxy", "--scenario", "17"]).status == 2)
        let unknown = try CLI.run(["validate", "--home", home.root, "--service", "Nope"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("No service named Nope"))
    }
}

/// `wssconsole message secure|verify`: usage, the home's identities, rejection with the fault.
@Suite struct MessageCommandTests {
    static let plain = #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:ping xmlns:m="urn:t"/></soapenv:Body></soapenv:Envelope>"#

    func files(_ home: TempHome) throws -> (String, String) {
        let input = home.root + "/in.xml"
        try Data(Self.plain.utf8).write(to: URL(fileURLWithPath: input))
        return (input, home.root + "/out.xml")
    }

    @Test func anUnsecuredEnvelopeIsRejectedWithTheFault() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "2"]).status == 0)
        let (input, output) = try files(home)
        let result = try CLI.run(["message", "verify", "--home", home.root, "--service", "PaymentProxy", "--role", "service", input, output])
        #expect(result.status == 1, "\(result.all)")
        #expect(result.stdout.contains("rejected: wsse:"), "\(result.all)")
        #expect(result.stdout.contains("using: key pair service in keystores/wssdemo-service.p12"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// `-` as OUT writes the envelope alone to standard output (the command's lines go to standard error), and `-` as
    /// IN reads standard input: secure piped into verify is accepted.
    @Test func secureCanBePipedIntoVerify() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "2"]).status == 0)
        let (input, output) = try files(home)
        let common = ["--home", home.root, "--service", "PaymentProxy"]
        let secured = try CLI.run(["message", "secure"] + common + ["--role", "client", input, "-"])
        #expect(secured.status == 0, "\(secured.all)")
        #expect(secured.stdout.hasPrefix("<") && secured.stdout.contains("wsse:Security") && !secured.stdout.contains("done:"), "\(secured.stdout)")
        #expect(secured.stderr.contains("done: Signature") && secured.stderr.contains("wrote standard output"), "\(secured.stderr)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let quoted = common.map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-c", "\"$0\" message secure \(quoted) --role client '\(input)' - | \"$0\" message verify \(quoted) --role service - '\(output)'", CLI.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(home.text("out.xml")?.contains("<m:ping") == true, "\(home.text("out.xml") ?? "no out.xml")")
    }

    @Test func badUsageExitsTwoAndMissingThingsOne() throws {
        let home = try TempHome()
        let (input, output) = try files(home)
        let base = ["message", "secure", "--home", home.root, "--service", "PaymentProxy"]
        #expect(try CLI.run(base + ["--role", "server", input, output]).status == 2)
        #expect(try CLI.run(base + ["--role", "service", "--user", "bob", input, output]).status == 2)
        #expect(try CLI.run(base + ["--role", "client", "--keystore", "k.p12", input, output]).status == 2)
        #expect(try CLI.run(base + ["--role", "client", input]).status == 2)
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "5"]).status == 0)
        #expect(try CLI.run(base + ["--role", "service", "--direction", "response", input, output]).status == 2)
        let unsecured = try CLI.run(["message", "secure", "--home", home.root, "--service", "EchoProxy", "--role", "client", input, output])
        #expect(unsecured.status == 1)
        #expect(unsecured.stderr.contains("EchoProxy has no policy"))
        let noAlias = try CLI.run(base + ["--role", "client", "--alias", "nope", input, output])
        #expect(noAlias.status == 1)
        #expect(noAlias.stderr.contains("no key pair under the alias nope"), "\(noAlias.all)")
    }
}

/// A whole exchange through `wssconsole message`, as four separate runs with the demo home's keys and users.
@Suite struct MessageExchangeTests {
    func run(_ home: TempHome, _ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["message"] + arguments.prefix(1) + ["--home", home.root, "--service", "PaymentProxy"] + arguments.dropFirst(),
                    environment: environment)
    }

    /// Client secures, service verifies, service answers, client verifies: four runs; the response's checks.
    func exchange(_ home: TempHome, scenario: Int) throws -> CLI.Result {
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "\(scenario)"]).status == 0)
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        let secure = try run(home, ["secure", "--role", "client", dir + "plain.xml", dir + "request.xml"])
        #expect(secure.status == 0, "\(secure.all)")
        #expect(secure.stdout.contains("done: Signature"), "\(secure.all)")
        let verify = try run(home, ["verify", "--role", "service", dir + "request.xml", dir + "received.xml"])
        #expect(verify.status == 0, "\(verify.all)")
        #expect(verify.stdout.contains("accepted from CN=wssconsole demo client"), "\(verify.all)")
        #expect(verify.stdout.contains("checked: "))
        let respond = try run(home, ["secure", "--role", "service", "--direction", "response", "--request", dir + "request.xml",
                                     dir + "plain.xml", dir + "response.xml"])
        #expect(respond.status == 0, "\(respond.all)")
        let accept = try run(home, ["verify", "--role", "client", "--direction", "response", "--request", dir + "request.xml",
                                    dir + "response.xml", dir + "answer.xml"])
        #expect(accept.status == 0, "\(accept.all)")
        #expect(accept.stdout.contains("accepted from CN=wssconsole demo service"), "\(accept.all)")
        return accept
    }

    @Test func scenario2ExchangeAndATamperedRequest() throws {
        let home = try TempHome()
        _ = try exchange(home, scenario: 2)
        let dir = home.root + "/"
        let request = try String(contentsOfFile: dir + "request.xml", encoding: .utf8)
        try Data(request.replacingOccurrences(of: "<m:ping xmlns:m=\"urn:t\"", with: "<m:ping xmlns:m=\"urn:t\" evil=\"1\"").utf8)
            .write(to: URL(fileURLWithPath: dir + "tampered.xml"))
        let tampered = try run(home, ["verify", "--role", "service", dir + "tampered.xml", dir + "x.xml"])
        #expect(tampered.status == 1, "\(tampered.all)")
        #expect(tampered.stdout.contains("rejected: wsse:FailedCheck"), "\(tampered.all)")
    }

    @Test func scenario1TakesTheUserFromOptionsAndRefusesPlainHTTP() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "1"]).status == 0)
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        let wrong = try run(home, ["secure", "--role", "client", "--user", "bob", "--password-env", "WSSC_TEST_PW",
                                   dir + "plain.xml", dir + "bob.xml"], environment: ["WSSC_TEST_PW": "not-bobs"])
        #expect(wrong.status == 0, "\(wrong.all)")
        #expect(!wrong.all.contains("not-bobs"), "the password is never printed")
        let refused = try run(home, ["verify", "--role", "service", dir + "bob.xml", dir + "out.xml"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("rejected: wsse:FailedAuthentication"), "\(refused.all)")
        let alice = try run(home, ["secure", "--role", "client", dir + "plain.xml", dir + "alice.xml"])
        #expect(alice.status == 0, "\(alice.all)")
        let http = try run(home, ["verify", "--role", "service", "--transport", "http", dir + "alice.xml", dir + "out.xml"])
        #expect(http.status == 1, "\(http.all)")
        let https = try run(home, ["verify", "--role", "service", dir + "alice.xml", dir + "out.xml"])
        #expect(https.status == 0, "\(https.all)")
        #expect(https.stdout.contains("accepted from alice"), "\(https.all)")
    }
}

/// `wssconsole bench validate` runs every scenario's live validation; its figures are printed, never asserted.
@Suite struct BenchValidateTests {
    @Test func everyScenarioOneToFifteenIsTimedWithItsSelfTest() throws {
        let home = try TempHome()
        let result = try CLI.run(["bench", "validate", "--home", home.root, "--repeats", "1", "--json"])
        #expect(result.status == 0, "\(result.all)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["scenario"] as? Int } == Array(1...15))
        #expect(rows.allSatisfy { $0["selfTest"] as? String == "passed" }, "\(rows)")
        #expect(rows.allSatisfy { ($0["medianMs"] as? Double ?? 0) > 0 })
    }

    /// A self-test that fails stops early: its time is not judged against the target, and the table says why.
    @Test func aFailedSelfTestIsNotJudged() throws {
        let home = try TempHome()
        #expect(try CLI.run(["client", "set", "--home", home.root, "--user", "bob", "--password-env", "WSSCONSOLE_TEST_UNSET"]).status == 0)
        let result = try CLI.run(["bench", "validate", "--home", home.root, "--repeats", "1"])
        #expect(result.status == 0, "\(result.all)")
        let row = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("8 Sign & Encrypt - Username") })
        #expect(row.contains("failed") && row.hasSuffix("not judged"), "\(result.stdout)")
        #expect(result.stdout.contains("scenario 8 not judged: its self-test stopped early"), "\(result.stdout)")
        #expect(result.stdout.contains("WSSCONSOLE_TEST_UNSET"), "\(result.stdout)")
        let second = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("2 Non-repudiation") })
        #expect(second.hasSuffix(" met"), "\(result.stdout)")
    }
}
