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
        // A broken key alias in the applied policy is an error.
        let path = "conf/policies/PaymentProxy.policy.xml"
        try Data(try #require(home.text(path)).replacingOccurrences(of: "crypto.alias\">service<", with: "crypto.alias\">nope<").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/" + path))
        let broken = try CLI.run(["validate", "--home", home.root, "--service", "PaymentProxy"])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("keystore.alias"))
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
