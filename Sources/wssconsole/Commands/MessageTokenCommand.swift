import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome
import WSSecurity

/// `wssconsole message token`: the client asks the service, its own STS, for a SecurityContextToken (scenarios
/// 9-15): the RST secured under the scenario's bootstrap policy; the entropy the token's key is computed from stays
/// in the session file until the answer is verified.
struct MessageTokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Client: ask the service for a SecurityContextToken (scenarios 9-15).",
        discussion: """
        Writes the RST to OUT and keeps its entropy in --session FILE (0600). Send OUT to the service, then verify its \
        answer with `message verify --role client --direction response --session FILE`: the token and its key replace \
        the entropy in FILE, and `message secure|verify --role client --session FILE` use them.
        """)

    @OptionGroup var home: HomeOptions
    @Option(help: "The service whose policy applies.") var service: String
    @Option(help: ArgumentHelp("Where to keep the entropy, then the token (0600).", valueName: "FILE")) var session: String
    @Option(help: ArgumentHelp("The service's address: the RST's AppliesTo and wsa:To (default https://localhost/services/NAME).", valueName: "URL"))
    var address: String?
    @Option(help: "How the message travels: http or https.") var transport: TransportKind = .https
    @Flag(help: "Cancel the token the session file holds instead (a Cancel RST, secured under the token).") var cancel = false
    @OptionGroup var client: ClientArguments
    @Argument(help: ArgumentHelp("Where to write the RST (- for standard output).", valueName: "OUT")) var output: String

    func run() throws {
        if output == "-" { MessageFiles.claimStandardOutput() }
        try MessageSession.refuseOtherFile(at: session)
        let setup = try home.open().messageSetup(service: service, role: .client, direction: .request, transport: transport,
                                                 client: try client.identity())
        guard setup.engine.policy.bootstrapPolicy != nil else {
            throw OperationFailed(message: "\(service)'s policy asks for no SecurityContextToken (scenarios 9-15 do)")
        }
        let requester = SecureConversationClient(policy: setup.engine.policy, serviceAddress: address ?? "https://localhost/services/\(service)")
        if cancel { return try cancelToken(requester, setup: setup) }
        try refuseToDropALiveToken()
        let pending: SecureConversationClient.PendingIssue
        do { pending = try requester.issueRequest(context: setup.context) } catch {
            throw OperationFailed(message: "cannot build the RST: \(error)")
        }
        try MessageFiles.write(pending.secured.envelope, to: output)
        try MessageSession(service: service, request: pending.secured.requestContext, entropy: pending.entropy).write(to: session)
        for source in setup.sources { print("using: \(source)") }
        for action in pending.secured.actions { print("done: \(action)") }
        print("wrote \(output): an RST (WS-Trust Issue) for a SecurityContextToken")
        print(HomeOptions.commandsNamingHome("kept: its entropy in \(session) (0600); verify the service's answer with "
              + "`wssconsole message verify --service \(service) --role client --direction response --session \(session) ANSWER OUT`"))
    }

    /// A session file holding a token still valid is not overwritten by a new RST: its key would be lost while the
    /// service keeps the token until it expires.
    /// A file that cannot be read (others can read it, it was altered) is refused too: it may hold such a token.
    func refuseToDropALiveToken() throws {
        guard FileManager.default.fileExists(atPath: session) else { return }
        let kept: MessageSession
        do { kept = try MessageSession.read(from: session) } catch {
            throw OperationFailed(message: error.message + "; it may hold a token whose key a new RST there would lose",
                                  fix: "\(error.fix) Or give --session a new file.")
        }
        guard let token = kept.token, token.expires > Date() else { return }
        throw OperationFailed(message: "\(session) holds SecurityContextToken \(token.identifier) of \(kept.service ?? "a service"), "
                              + "valid until \(DisplayDate.time(token.expires)); a new RST there would lose its key",
                              fix: "cancel it first (wssconsole message token --service \(kept.service ?? service) --cancel --session \(session) CANCEL.xml, "
                              + "then verify the answer with --session \(session)), or give --session a new file")
    }

    /// The Cancel RST for the session's token; the session waits for its answer.
    func cancelToken(_ requester: SecureConversationClient, setup: MessageSetup) throws {
        guard let token = try MessageSession.read(from: session, service: service).token else {
            throw OperationFailed(message: "\(session) holds no token to cancel")
        }
        let secured: SecuredMessage
        do { secured = try requester.cancelRequest(token, context: setup.context) } catch {
            throw OperationFailed(message: "cannot build the Cancel: \(error)")
        }
        try MessageFiles.write(secured.envelope, to: output)
        try MessageSession(service: service, request: secured.requestContext, token: token, cancelling: true).write(to: session)
        for action in secured.actions { print("done: \(action)") }
        print("wrote \(output): a Cancel RST for SecurityContextToken \(PrintableText.escaped(token.identifier))")
        print("kept: the token in \(session) until the service's answer is verified (--direction response --session \(session))")
    }
}
