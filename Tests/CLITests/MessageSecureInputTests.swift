import Foundation
import Testing

/// `message secure` reads the operator's own file: one it cannot read is said as a problem of that file (its name, the
/// line and column, what is wrong, what to do), not as the WS-Security fault a peer would get for it, which `message
/// verify` still answers with. Nothing is written, and the file's text is never quoted.
@Suite struct MessageSecureInputTests {
    static let malformed = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\n"
        + "<soapenv:Body><m:a xmlns:m=\"urn:x\">s3cr3t</m:b></soapenv:Body>\n</soapenv:Envelope>\n"

    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    func secure(_ home: TempHome, role: String = "client", extra: [String] = [], _ input: String, _ output: String) throws -> CLI.Result {
        try CLI.run(["message", "secure", "--home", home.root, "--service", "OrderProxy", "--role", role] + extra + [input, output])
    }

    func expectInputError(_ result: CLI.Result, _ said: String, fix: String, output: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 1, "\(result.all)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(said), "\(result.all)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains("fix: " + fix), "\(result.all)", sourceLocation: sourceLocation)
        #expect(!result.all.contains("wsse:") && !result.all.contains("s3cr3t"), "\(result.all)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
    }

    /// The client securing a request, and the service securing a response: a file that is not well-formed names the
    /// file, the line and the column; one that is no envelope names it and how to make one.
    @Test func anInputFileSecureCannotReadIsSaidAsSuch() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let input = home.root + "/in.xml", output = home.root + "/out.xml"
        try write(Self.malformed, input)
        expectInputError(try secure(home, input, output),
                         "the input \(input) is not well-formed XML: line 2: An end tag does not match the start tag on line 2 (column 48)",
                         fix: "correct the XML of \(input) at that place", output: output)

        try write(#"<m:getQuote xmlns:m="urn:example"><m:symbol>s3cr3t</m:symbol></m:getQuote>"#, input)
        expectInputError(try secure(home, input, output),
                         "the input \(input) is not a SOAP envelope: line 1: its root element is not a SOAP 1.1 or 1.2 Envelope",
                         fix: "wrap the element in an envelope, then secure that: wssconsole --home \(home.root) message envelope --body \(input) > request.xml",
                         output: output)

        // The service securing its response to an accepted request.
        let request = home.root + "/request.xml", plain = home.root + "/plain.xml"
        let envelope = try CLI.run(["message", "envelope"])
        try write(envelope.stdout, plain)
        #expect(try secure(home, plain, request).status == 0)
        try write(Self.malformed, input)
        expectInputError(try secure(home, role: "service", extra: ["--direction", "response", "--request", request], input, output),
                         "the input \(input) is not well-formed XML: line 2: ", fix: "correct the XML of \(input) at that place", output: output)
    }

    /// From standard input the file is called so.
    @Test func standardInputIsNamed() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let input = home.root + "/in.xml"
        try write(Self.malformed, input)
        let process = Process(), errors = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #""$0" message secure --home "$1" --service OrderProxy --role client - "$1/out.xml" < "$2""#, CLI.path, home.root, input]
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr.contains("the input standard input is not well-formed XML: line 2: ") && !stderr.contains("wsse:"), "\(stderr)")
    }

    /// Verifying, the message is a peer's: the same file is rejected with the fault a service answers.
    @Test func verifyKeepsTheFault() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let input = home.root + "/in.xml", output = home.root + "/out.xml"
        try write(Self.malformed, input)
        let result = try CLI.run(["message", "verify", "--home", home.root, "--service", "OrderProxy", "--role", "service", input, output])
        #expect(result.status == 1 && result.stdout.contains("rejected: wsse:InvalidSecurity: The message is not acceptable XML: line 2: "), "\(result.all)")
        #expect(!result.all.contains("the input"), "\(result.all)")
    }
}
