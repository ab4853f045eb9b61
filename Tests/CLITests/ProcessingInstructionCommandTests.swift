import Foundation
import Testing

/// `message secure|verify` refuse a message holding a processing instruction (SOAP forbids them; Axiom under WSO2
/// refuses them): exit 1, the line named, the instruction's text never shown, nothing written.
@Suite struct ProcessingInstructionCommandTests {
    static let plain = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n<soapenv:Body>\n<m:ping xmlns:m=\"urn:t\"/>\n</soapenv:Body>\n</soapenv:Envelope>"

    func run(_ home: TempHome, _ verb: String, role: String, _ input: String, _ output: String) throws -> CLI.Result {
        try CLI.run(["message", verb, "--home", home.root, "--service", "PaymentProxy", "--role", role, input, output])
    }

    func expectRefused(_ result: CLI.Result, line: Int, output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.all)", sourceLocation: sourceLocation)
        #expect(result.all.contains("line \(line): A processing instruction (<?...?>) is not allowed"), "\(result.all)", sourceLocation: sourceLocation)
        #expect(!result.all.contains("secret-target") && !result.all.contains("secret-data"), "\(result.all)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
    }

    @Test func secureRefusesAnInputWithAProcessingInstruction() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "2"]).status == 0)
        let input = home.root + "/in.xml", output = home.root + "/out.xml"
        let text = Self.plain.replacingOccurrences(of: "<m:ping", with: "<?secret-target secret-data?><m:ping")
        try Data(text.utf8).write(to: URL(fileURLWithPath: input))
        expectRefused(try run(home, "secure", role: "client", input, output), line: 3, output: output)
    }

    @Test func verifyRefusesAMessageWithAProcessingInstruction() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "2"]).status == 0)
        let input = home.root + "/in.xml", request = home.root + "/request.xml", output = home.root + "/out.xml"
        try Data(Self.plain.utf8).write(to: URL(fileURLWithPath: input))
        #expect(try run(home, "secure", role: "client", input, request).status == 0)
        let secured = try #require(home.text("request.xml"))
        let body = try #require(secured.range(of: "<m:ping"))
        let line = secured[..<body.lowerBound].count { $0 == "\n" } + 1
        try Data(secured.replacingCharacters(in: body, with: "<?secret-target secret-data?><m:ping").utf8).write(to: URL(fileURLWithPath: request))
        let result = try run(home, "verify", role: "service", request, output)
        expectRefused(result, line: line, output: output)
        #expect(result.stdout.contains("rejected: wsse:InvalidSecurity"), "\(result.all)")
    }
}
