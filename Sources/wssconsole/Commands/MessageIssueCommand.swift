import ArgumentParser
import Foundation
import ServerHome
import WSSecurity

/// `wssconsole message issue`: the service, as its own STS (scenarios 9-15), answers a client's RST with a
/// SecurityContextToken and keeps the token in the home for the messages that follow.
struct MessageIssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue", abstract: "Service: answer an RST (Issue or Cancel of a SecurityContextToken, scenarios 9-15), as the service's STS.",
        discussion: """
        Verifies the RST under the scenario's bootstrap policy, issues a token and writes the RSTR to OUT. The token \
        is kept in the home (.wssconsole/tokens/, 0600) until it expires, so that `message verify|secure --role \
        service` accept and answer messages under it. A Cancel, verified under the token it names, removes it.
        """)

    @OptionGroup var home: HomeOptions
    @Option(help: "The service whose policy applies.") var service: String
    @Option(help: "How the message travels: http or https.") var transport: TransportKind = .https
    @Option(help: ArgumentHelp("How long the token lives, in seconds (60 to 86400).", valueName: "SECONDS")) var lifetime: Int = 300
    @Argument(help: ArgumentHelp("The client's RST.", valueName: "IN")) var input: String
    @Argument(help: ArgumentHelp("Where to write the RSTR (- for standard output).", valueName: "OUT")) var output: String

    func validate() throws {
        guard (60...86_400).contains(lifetime) else { throw ValidationError("--lifetime is between 60 and 86400 seconds.") }
    }

    func run() throws {
        if output == "-" { MessageFiles.claimStandardOutput() }
        let home = try home.open()
        // Both an Issue and a Cancel change the home's tokens: refused before anything is verified or written.
        guard !home.readOnly else {
            throw OperationFailed(message: "the home is open read-only: the service's STS keeps and removes its tokens in it", fix: "run without --read-only")
        }
        let setup = try home.messageSetup(service: service, role: .service, direction: .request, transport: transport)
        guard setup.engine.policy.bootstrapPolicy != nil else {
            throw OperationFailed(message: "\(service)'s policy asks for no SecurityContextToken (scenarios 9-15 do)")
        }
        let request: Data
        do { request = try MessageFiles.read(input) } catch let fault as SecurityFault { throw MessageFiles.rejected(fault, sources: setup.sources) }
        let cancelling = SecureConversationService.kind(of: request) == .cancel
        // A Cancel is verified under the token it names, which must be one this service issued under its policy.
        let sts = SecureConversationService(policy: setup.engine.policy, store: cancelling ? home.issuedTokens(for: setup.tokenBinding) : SecurityContextStore(),
                                            tokenLifetime: TimeInterval(lifetime), serviceName: service)
        let answer: SecureConversationService.Answer
        do { answer = try cancelling ? sts.cancel(request, context: setup.context) : sts.issue(request, context: setup.context) } catch {
            let exit = MessageFiles.rejected(error, sources: setup.sources)
            // The reverse of an RST given to `message verify`: an application message (or an answer) given to the STS.
            if SecureConversationService.kind(of: request) == .application {
                print(HomeOptions.commandsNamingHome("fix: this is not an RST: verify it with `wssconsole message verify --service \(service) --role service \(input) OUT`"))
            }
            throw exit
        }
        if cancelling {
            try home.forgetIssuedToken(answer.identifier)
        } else {
            try home.keepIssuedToken(try sts.store.token(answer.identifier, now: setup.context.now()), binding: setup.tokenBinding)
        }
        try MessageFiles.write(answer.response, to: output)
        for source in setup.sources { print("using: \(source)") }
        for check in answer.verified.checks { print("checked: \(check)") }
        for action in answer.actions { print("done: \(action)") }
        print(cancelling ? "forgot: the token, removed from the home"
                         : "kept: the token in the home (.wssconsole/tokens/, 0600) until it expires, for verify|secure --role service")
        print("wrote \(output)")
    }
}
