import ArgumentParser
import Foundation
import SecureXML
import WSSecurity

/// `wssconsole message envelope`: a plain SOAP envelope for `message secure`, so that trying a policy needs no SOAP
/// client or hand-written XML.
struct MessageEnvelopeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "envelope", abstract: "Print a plain SOAP envelope, to secure with message secure.",
        discussion: """
        The Body is empty, or holds the payload of --body: one XML element (your operation's request or response), \
        read with the same safe parser as messages (no DOCTYPE, no entities, prefixes declared) and written in UTF-8.
        """)

    @Flag(help: "A SOAP 1.2 envelope (the default is SOAP 1.1).") var soap12 = false
    @Option(help: ArgumentHelp("The Body's payload: a file holding one XML element (- for standard input).", valueName: "FILE"))
    var body: String?

    func run() throws {
        let payload = try body.map { try Self.payload(from: $0) }
        // A document, written as it is: `print` would show a bidi control or U+2028 of the payload escaped, as text.
        Swift.print(PlainEnvelope.text(soap12: soap12, payload: payload))
    }

    /// The payload's text, parsed and its element written again by libxml2 (in UTF-8, without the XML declaration,
    /// comments or processing instructions around it: a declaration cannot stand inside a Body, and SOAP forbids
    /// processing instructions anywhere in a message); refused with the parser's reason (line, column, never the
    /// text) when it is not one well-formed element, when the element holds a processing instruction (message secure
    /// would refuse the envelope), or when it is an envelope already.
    static func payload(from path: String) throws -> String {
        let name = path == "-" ? "standard input" : path
        let bytes = Array(path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try readFile(path, what: "body"))
        let document: XMLDocument
        do {
            document = try XMLDocument.parse(bytes)
            try document.refuseProcessingInstructionsInRoot(source: bytes)
        } catch {
            let fix = error.code == .processingInstructionForbidden
                ? "remove the processing instruction (<?...?>) from the element: message secure refuses an envelope holding one"
                : "give one XML element, e.g. <m:getQuote xmlns:m=\"urn:example\"><m:symbol>WSO2</m:symbol></m:getQuote>"
            throw MessageFiles.xmlRefusal(of: "the body \(name)", error, fix: fix)
        }
        // XMLDocument.parse refuses a document without a root element.
        let root = document.root!
        if PlainEnvelope.isEnvelope(root) {
            throw OperationFailed(message: "the body \(name) is a SOAP envelope already", fix: "secure it as it is: wssconsole message secure --service NAME --role client \(path) OUT")
        }
        return String(decoding: root.serialized(), as: UTF8.self)
    }
}
