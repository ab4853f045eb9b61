import ArgumentParser
import Foundation
import SecureXML
import ServerHome
import WSSecurity

extension MessageRole: ExpressibleByArgument {}
extension MessageDirection: ExpressibleByArgument {}
extension TransportKind: ExpressibleByArgument {}

/// What `wssconsole message secure|verify` share: the service, who acts, which message, and the client's identity
/// when it is not the home's `[client]` (on the demo home: the demo client and alice).
struct MessageOptions: ParsableArguments {
    @OptionGroup var home: HomeOptions
    @Option(help: "The service whose policy applies.") var service: String
    @Option(help: "Who acts: client or service.") var role: MessageRole
    @Option(help: "Which message: request or response.") var direction: MessageDirection = .request
    @Option(help: "How the message travels: http or https (scenario 1 refuses http).") var transport: TransportKind = .https
    @Option(help: ArgumentHelp("For a response: the secured request it answers (the service reads what the response needs from it).",
                               valueName: "FILE")) var request: String?
    @Option(help: ArgumentHelp("Client: keep what the response needs (signature values, the session key, a SecureConversation token) in FILE (0600) when securing a request; read it from FILE for the response.",
                               valueName: "FILE")) var session: String?
    @OptionGroup var client: ClientArguments
    @Argument(help: ArgumentHelp("The SOAP envelope to read (- for standard input).", valueName: "IN")) var input: String
    @Argument(help: ArgumentHelp("Where to write the result (- for standard output; the command's lines then go to standard error).",
                                 valueName: "OUT")) var output: String

    func validate() throws {
        if (client.isGiven || session != nil) && role == .service {
            throw ValidationError("The client options (--user, --keystore, --session, ...) are for --role client.")
        }
    }

    /// Refuses what `verb` cannot do: the client secures requests and verifies responses, the service the other way round.
    func validateRoleAndDirection(securing: Bool) throws {
        let acting: MessageDirection = (role == .client) == securing ? .request : .response
        guard direction == acting else {
            throw ValidationError("The \(role.rawValue) \(securing ? "secures" : "verifies") \(acting.rawValue)s, not \(direction.rawValue)s: "
                                  + "use --role \(role == .client ? "service" : "client") for a \(direction.rawValue), or --direction \(acting.rawValue).")
        }
    }

    /// The engine and context for these options; a response gets what its request carried, and a client what its
    /// session file holds (the SecureConversation token for its requests, the request's keys for the response).
    func setup(home: Home) throws -> MessageSetup {
        if output == "-" { MessageFiles.claimStandardOutput() }
        var setup = try home.messageSetup(service: service, role: role, direction: direction, transport: transport,
                                          client: role == .client ? try client.identity() : nil)
        // Securing a request writes the session file (it may not exist yet); it may hold a token to use.
        if role == .client, let kept = try keptSession() {
            setup.context.conversation = kept.token
            if direction == .response {
                setup.context.requestContext = kept.request
                return setup
            }
        }
        guard direction == .response else { return setup }
        guard let request else {
            if role == .service { throw ValidationError("Securing a response needs the request it answers: --request FILE.") }
            return setup
        }
        let requestBytes = try read(request)
        switch role {
        case .service:
            if setup.engine.policy.protectsWithKerberos {
                throw OperationFailed(message: "under a Kerberos token (scenario 16) the service cannot answer \(request) in another run: its token "
                                      + "was accepted once and a replay is refused, so its session key cannot be learnt again; "
                                      + "`wssconsole validate --service \(self.service)` exchanges a request and its response in one run")
            }
            // The service verifies the request again to learn what the response needs (the client's certificate,
            // the session key, the signature values to confirm).
            let service = try home.messageSetup(service: self.service, role: .service, direction: .request, transport: transport)
            do { setup.context.requestContext = try service.engine.verify(requestBytes, context: service.context).requestContext } catch {
                throw OperationFailed(message: "the request \(request) is not accepted (\(error)); a response needs an accepted request")
            }
        case .client:
            setup.context.requestContext = RequestContext(signatureValues: MessageFiles.signatureValues(in: requestBytes))
        }
        return setup
    }

    /// The session file's content, when --session names one (for a request, only when it exists already); refused
    /// when it is another service's.
    func keptSession() throws -> MessageSession? {
        guard let session, direction == .response || FileManager.default.fileExists(atPath: session) else { return nil }
        return try MessageSession.read(from: session, service: service)
    }

    func read(_ path: String) throws -> Data { try MessageFiles.read(path) }

    func write(_ data: Data) throws { try MessageFiles.write(data, to: output) }
}

/// What every `wssconsole message` subcommand does alike with its files and its faults.
enum MessageFiles {
    /// Standard output as it was before `-` claimed it for the envelope alone.
    nonisolated(unsafe) private static var envelopeOutput: Int32?

    /// From here on, what the command prints goes to standard error, so that standard output carries the envelope
    /// and nothing else (`wssconsole message secure ... IN - | curl --data-binary @- ...`).
    static func claimStandardOutput() {
        guard envelopeOutput == nil else { return }
        fflush(nil)
        envelopeOutput = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
    }

    static func write(_ data: Data, to path: String) throws {
        if path == "-" {
            do { try FileHandle(fileDescriptor: envelopeOutput ?? STDOUT_FILENO, closeOnDealloc: false).write(contentsOf: data) } catch {
                throw OperationFailed(message: "cannot write to standard output: \(error.localizedDescription)")
            }
            return
        }
        try OutputFile.write(data, to: path)
    }

    /// Prints where the keys came from and the fault; the exit code of a rejected message.
    /// A message's bytes, read as documents are (`readBounded`): one over the parser's limit is refused as the engine
    /// refuses it, before it all sits in memory.
    static func read(_ path: String) throws -> Data {
        do { return Data(try readBounded(path)) } catch let error as XMLError {
            throw SecurityFault.unacceptableXML(error)
        }
    }

    static func rejected(_ fault: SecurityFault, sources: [String]) -> ExitCode {
        for source in sources { print("using: \(source)") }
        print("rejected: \(fault.faultCode): \(fault.message)")
        if let fix = fault.fix { print("fix: \(HomeOptions.commandsNamingHome(fix))") }
        return ExitCode(1)
    }

    /// An envelope given to secure that the engine cannot read, said as a problem of that file: its name, the place
    /// (line and, from the parser, column), what is wrong and what to do; never its text.
    static func unreadableInput(_ unreadable: SecurityFault.Unreadable, path: String) -> OperationFailed {
        let name = path == "-" ? "standard input" : path
        let wrap = "wssconsole message envelope --body PAYLOAD.xml > request.xml writes a plain envelope around one XML element"
        switch unreadable {
        case .xml(let error):
            let fix: String? = switch error.code {
            case .malformed: "correct the XML of \(name) at that place (\(wrap))"
            case .processingInstructionForbidden: "remove the processing instruction (<?...?>) from \(name): SOAP forbids them in a message"
            case .doctypeForbidden: "remove the DOCTYPE from \(name): a SOAP message may not carry one"
            case .empty: "give a SOAP envelope: \(wrap)"
            default: nil
            }
            return xmlRefusal(of: "the input \(name)", error, fix: fix)
        case .notEnvelope(let line):
            return OperationFailed(message: "the input \(name) is not a SOAP envelope: line \(line): its root element is not a SOAP 1.1 or 1.2 Envelope",
                                   fix: path == "-" ? "wrap the element in an envelope: \(wrap)"
                                       : "wrap the element in an envelope, then secure that: wssconsole message envelope --body \(name) > request.xml")
        case .envelopeLayout(let line):
            return OperationFailed(message: "the input \(name) is not a SOAP envelope the engine secures: line \(line): "
                                   + "its Envelope must hold an optional Header and then exactly one Body, and nothing else",
                                   fix: "leave one Body, last, and at most one Header before it in \(name)")
        }
    }

    /// A file of the operator's (`subject`: "the input request.xml") that the safe parser refused: not well-formed, or
    /// refused for what it holds; the error places the problem without quoting the text.
    static func xmlRefusal(of subject: String, _ error: XMLError, fix: String?) -> OperationFailed {
        OperationFailed(message: subject + (error.code == .malformed ? " is not well-formed XML: " : " is refused: ") + "\(error)", fix: fix)
    }

    /// The ds:SignatureValue texts of a secured request's Security header (what a response's SignatureConfirmation
    /// repeats), read with the safe parser.
    static func signatureValues(in envelope: Data) -> [String] {
        guard let root = try? XMLDocument.parse(Array(envelope)).root else { return [] }
        let dsig = "http://www.w3.org/2000/09/xmldsig#"
        func values(_ element: XMLElement) -> [String] {
            if element.is("SignatureValue", dsig) { return [element.text] }
            return element.children.flatMap(values)
        }
        let header = root.children.first { $0.name == "Header" }
        return header.map(values) ?? []
    }
}
