import Testing
import Foundation

/// `wssconsole message envelope`: the plain envelope a first `message secure` starts from, as the README's round trip
/// uses it.
@Suite struct MessageEnvelopeTests {
    func write(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }

    /// The README's lines from nothing: a request and a response made by `message envelope`, each secured and verified
    /// under scenario 5 (the client keeps its session for the response), their payloads read back decrypted.
    @Test func theReadmeRoundTripStartsFromNothing() throws {
        let home = try TempHome()
        let at = home.root + "/"
        let common = ["--home", home.root, "--service", "OrderProxy"]
        #expect(try CLI.run(["apply", "--scenario", "5"] + common).status == 0)
        try write(#"<m:getQuote xmlns:m="urn:example"><m:symbol>WSO2</m:symbol></m:getQuote>"#, at + "quote.xml")
        try write(#"<?xml version="1.0"?>"# + "\n" + #"<m:getQuoteResponse xmlns:m="urn:example"><m:price>42</m:price></m:getQuoteResponse>"#,
                  at + "price.xml")
        let request = try CLI.run(["message", "envelope", "--body", at + "quote.xml"])
        #expect(request.status == 0 && request.stdout.contains(#"xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/""#), "\(request.all)")
        try write(request.stdout, at + "request.xml")
        let response = try CLI.run(["message", "envelope", "--body", at + "price.xml"])
        #expect(response.status == 0 && !response.stdout.contains("<?xml"), "a declaration cannot stand inside the Body: \(response.stdout)")
        try write(response.stdout, at + "response.xml")

        let steps: [[String]] = [
            ["secure", "--role", "client", "--session", at + "client.session", at + "request.xml", at + "request.secured.xml"],
            ["verify", "--role", "service", at + "request.secured.xml", at + "request.received.xml"],
            ["secure", "--role", "service", "--direction", "response", "--request", at + "request.secured.xml", at + "response.xml", at + "response.secured.xml"],
            ["verify", "--role", "client", "--direction", "response", "--session", at + "client.session", at + "response.secured.xml", at + "response.received.xml"],
        ]
        for step in steps {
            let result = try CLI.run(["message", step[0]] + common + step.dropFirst())
            #expect(result.status == 0, "\(step): \(result.all)")
        }
        #expect(home.text("request.received.xml")?.contains("<m:symbol>WSO2</m:symbol>") == true)
        #expect(home.text("response.received.xml")?.contains("<m:price>42</m:price>") == true)
    }

    /// --soap12 writes a SOAP 1.2 envelope, which the engine secures as one; the payload comes from standard input too.
    @Test func soap12AndStandardInput() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", #"echo '<m:ping xmlns:m="urn:t"/>' | "$0" message envelope --soap12 --body - > "$1""#, CLI.path, home.root + "/in.xml"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let envelope = try #require(home.text("in.xml"))
        #expect(envelope.contains(#"xmlns:soapenv="http://www.w3.org/2003/05/soap-envelope""#) && envelope.contains(#"<m:ping xmlns:m="urn:t"/>"#), "\(envelope)")
        let secured = try CLI.run(["message", "secure", "--home", home.root, "--service", "OrderProxy", "--role", "client",
                                   home.root + "/in.xml", home.root + "/out.xml"])
        #expect(secured.status == 0, "\(secured.all)")
        #expect(home.text("out.xml")?.contains(#"soapenv:mustUnderstand="true""#) == true, "SOAP 1.2's mustUnderstand: \(home.text("out.xml") ?? "")")
    }

    /// Only the body's element goes into the Body: the processing instructions and comments around it stay out, since
    /// SOAP forbids processing instructions in a message (Axiom refuses it), and its text is written in UTF-8.
    @Test func onlyTheBodysElementGoesIntoTheBody() throws {
        let home = try TempHome()
        let file = home.root + "/body.xml"
        try Data(Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><?xml-stylesheet href="s.xsl"?><!-- note -->"#.utf8)
                 + Array(#"<m:a xmlns:m="urn:x">caf"#.utf8) + [0xE9] + Array("</m:a><!-- after -->\n".utf8)).write(to: URL(fileURLWithPath: file))
        let result = try CLI.run(["message", "envelope", "--body", file])
        #expect(result.status == 0 && result.stdout.contains(#"<soapenv:Body><m:a xmlns:m="urn:x">café</m:a></soapenv:Body>"#), "\(result.all)")
        #expect(!result.stdout.contains("<?") && !result.stdout.contains("<!--"), "\(result.stdout)")
    }

    /// A processing instruction inside the element is refused up front, with its line and column and never its text,
    /// and nothing goes to standard output: message secure refuses an envelope holding one (SOAP forbids them), so the
    /// envelope printed was one nothing would accept. One around the element still stays out, as above; one in a
    /// comment or a CDATA section is text, and the column counts characters.
    @Test func aProcessingInstructionInsideTheElementIsRefused() throws {
        let home = try TempHome()
        let file = home.root + "/body.xml"
        let cases = [
            ("<?pre x?>\n<m:a xmlns:m=\"urn:x\">\n  <?secret-target secret-data?></m:a>\n<?post?>\n", "line 3: ", "(column 3)"),
            (#"<m:a xmlns:m="urn:x" b="1>0"><!-- <?no?> --><![CDATA[<?no?>]]><m:b/><m:c><?secret-target?></m:c></m:a>"#, "line 1: ", "(column 74)"),
            ("<m:a xmlns:m=\"urn:x\">caf\u{E9} \u{20AC}<?secret-target?></m:a>", "line 1: ", "(column 28)"),
        ]
        for (body, line, column) in cases {
            try write(body, file)
            let result = try CLI.run(["message", "envelope", "--body", file])
            #expect(result.status == 1 && result.stdout.isEmpty, "\(body): \(result.all)")
            #expect(result.stderr.contains("the body \(file) is refused: \(line)A processing instruction (<?...?>) is not allowed in the element: "
                                           + "SOAP forbids them in a message \(column)"), "\(body): \(result.stderr)")
            #expect(result.stderr.contains("remove the processing instruction (<?...?>) from the element"), "\(result.stderr)")
            #expect(!result.stderr.contains("secret-"), "\(body): \(result.stderr)")
        }
    }

    /// The envelope is a document, written as it is: characters that a line for people shows escaped (a bidi control
    /// around Hebrew, U+2028, a C1 control) are the payload's text and stay so.
    @Test func thePayloadsCharactersAreWrittenAsTheyAre() throws {
        let home = try TempHome()
        let file = home.root + "/body.xml"
        let text = "\u{202B}שלום\u{202C} a\u{2028}b\u{85}c"
        try Data(#"<m:a xmlns:m="urn:x">\#(text)</m:a>"#.utf8).write(to: URL(fileURLWithPath: file))
        let result = try CLI.run(["message", "envelope", "--body", file])
        #expect(result.status == 0 && result.stdout.contains(#"<m:a xmlns:m="urn:x">\#(text)</m:a>"#), "\(result.all)")
    }

    /// A body the safe parser refuses is refused, with the parser's reason (line and column, never the text), and
    /// nothing goes to standard output: `> request.xml` is left empty, not half an envelope.
    @Test func aBodyThatIsNotWellFormedIsRefused() throws {
        let home = try TempHome()
        let file = home.root + "/body.xml"
        let cases = [
            (#"<m:a xmlns:m="urn:x"><m:b>s3cr3t</m:a>"#, "is not well-formed XML: line 1: "),
            ("<a>s3cr&t</a>", "is not well-formed XML: line 1: "),
            ("<m:a>s3cr3t</m:a>", "is not well-formed XML: line 1: "),
            (#"<!DOCTYPE a [<!ENTITY s3cr3t "x">]><a>&s3cr3t;</a>"#, "is refused: line 1: A DOCTYPE is not allowed"),
            ("", "is refused: The document is empty"),
            (#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body/></e:Envelope>"#, "is a SOAP envelope already"),
        ]
        for (body, said) in cases {
            try write(body, file)
            let result = try CLI.run(["message", "envelope", "--body", file])
            #expect(result.status == 1 && result.stdout.isEmpty, "\(body): \(result.all)")
            #expect(result.stderr.contains("the body \(file) \(said)"), "\(body): \(result.stderr)")
            #expect(!result.stderr.contains("s3cr"), "\(body): \(result.stderr)")
        }
        let missing = try CLI.run(["message", "envelope", "--body", home.root + "/nope.xml"])
        #expect(missing.status == 1 && missing.stderr.contains("cannot read the body file"), "\(missing.all)")
    }
}
