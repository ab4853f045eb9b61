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
    @Option(help: ArgumentHelp("Client: keep the request's session key and signature values in FILE (0600) when securing it; read them from FILE when verifying its response.",
                               valueName: "FILE")) var session: String?
    @Option(help: "Client: the UsernameToken user.") var user: String?
    @Option(name: .customLong("password-env"), help: ArgumentHelp("Client: the user's password, from the environment variable NAME.", valueName: "NAME"))
    var passwordEnv: String?
    @Option(name: .customLong("password-file"), help: ArgumentHelp("Client: the user's password, from the first line of FILE.", valueName: "FILE"))
    var passwordFile: String?
    @Option(help: ArgumentHelp("Client: a PKCS#12 keystore with its key pair and the service certificate.", valueName: "FILE")) var keystore: String?
    @Option(help: "Client: the alias of its key pair in --keystore.") var alias: String?
    @Option(name: .customLong("storepass-env"), help: ArgumentHelp("Client: the keystore's password, from the environment variable NAME.", valueName: "NAME"))
    var storepassEnv: String?
    @Option(name: .customLong("storepass-file"), help: ArgumentHelp("Client: the keystore's password, from the first line of FILE.", valueName: "FILE"))
    var storepassFile: String?
    @Argument(help: ArgumentHelp("The SOAP envelope to read.", valueName: "IN")) var input: String
    @Argument(help: ArgumentHelp("Where to write the result.", valueName: "OUT")) var output: String

    func validate() throws {
        if passwordEnv != nil && passwordFile != nil { throw ValidationError("Give --password-env or --password-file, not both.") }
        if storepassEnv != nil && storepassFile != nil { throw ValidationError("Give --storepass-env or --storepass-file, not both.") }
        let clientOptions = [user, passwordEnv, passwordFile, keystore, alias, storepassEnv, storepassFile, session].contains { $0 != nil }
        if clientOptions && role == .service { throw ValidationError("The client options (--user, --keystore, ...) are for --role client.") }
        if keystore != nil && storepassEnv == nil && storepassFile == nil {
            throw ValidationError("--keystore needs its password: --storepass-env NAME or --storepass-file FILE.")
        }
    }

    /// The client identity the options give, or nil to use the home's `[client]` as it is.
    func clientIdentity() throws -> ClientIdentityOptions? {
        guard role == .client else { return nil }
        var identity = ClientIdentityOptions(user: user, keystore: keystore, alias: alias)
        if passwordEnv != nil || passwordFile != nil {
            identity.password = try SecretSource(file: passwordFile, environment: passwordEnv, what: "password").read(prompt: "", confirm: false)
        }
        if storepassEnv != nil || storepassFile != nil {
            identity.storePassword = try SecretSource(file: storepassFile, environment: storepassEnv, what: "keystore password").read(prompt: "", confirm: false)
        }
        return identity
    }

    /// The engine and context for these options; a response gets what its request carried.
    func setup(home: Home) throws -> MessageSetup {
        var setup = try home.messageSetup(service: service, role: role, direction: direction, transport: transport, client: clientIdentity())
        guard direction == .response else { return setup }
        if role == .client, let session {
            setup.context.requestContext = try MessageSession.read(from: session)
            return setup
        }
        guard let request else {
            if role == .service { throw ValidationError("Securing a response needs the request it answers: --request FILE.") }
            return setup
        }
        let requestBytes = try read(request)
        switch role {
        case .service:
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

    func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else { throw OperationFailed(message: "cannot read \(path)") }
        return data
    }

    func write(_ data: Data) throws {
        do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
            throw OperationFailed(message: "cannot write \(output): \(error.localizedDescription)")
        }
    }
}

enum MessageFiles {
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
