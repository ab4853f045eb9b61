import ArgumentParser
import Foundation
import KeyMaterial
import ServerHome
import WSSecurity

/// `wssconsole message`: secure or verify one SOAP message under a service's policy, as the client or the service.
struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Secure or verify a SOAP message under a service's policy.",
        discussion: """
        The keys, trust and users come from the home: the service side from its keystore, truststore and user store, \
        the client side from [client] in the settings (the demo client and alice on the demo home) or the options. \
        A response is secured for the request it answers (--request FILE). A client that verifies the response in a \
        later run keeps what it needs with --session FILE (0600): the request's signature values and, under a \
        symmetric binding (scenarios 3, 4, 6, 7, 8), its session key. For SecureConversation (9-15) the client first \
        asks for a token (message token --session FILE), verifies the answer with --session FILE (which keeps the \
        token), then secures and verifies its messages with the same --session FILE; the service answers the RST with \
        message issue, which keeps the token in the home for its later runs. message envelope prints a plain envelope \
        to start from.
        """,
        subcommands: [MessageEnvelopeCommand.self, MessageSecureCommand.self, MessageVerifyCommand.self, MessageTokenCommand.self,
                      MessageIssueCommand.self])
}

/// `wssconsole message secure`: adds the Security header the policy demands.
struct MessageSecureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secure", abstract: "Add the Security header the policy demands.")

    @OptionGroup var options: MessageOptions

    func validate() throws { try options.validateRoleAndDirection(securing: true) }

    func run() throws {
        if let session = options.session { try MessageSession.refuseOtherFile(at: session) }
        let home = try options.home.open()
        let setup = try options.setup(home: home)
        let secured: SecuredMessage
        do { secured = try setup.engine.secured(try options.read(options.input), context: setup.context) } catch let fault as SecurityFault {
            // The operator's own file: what is wrong with it is said as such, not as the fault a peer would get.
            if let unreadable = fault.unreadable { throw MessageFiles.unreadableInput(unreadable, path: options.input) }
            let needsToken = setup.engine.policy.bootstrapPolicy != nil && setup.context.conversation == nil
            throw OperationFailed(message: "cannot secure the message: \(fault)",
                                  fix: needsToken ? "get a token first: wssconsole message token --service \(options.service) --session FILE RST.xml" : nil)
        }
        try options.write(secured.envelope)
        for source in setup.sources { print("using: \(source)") }
        for action in secured.actions { print("done: \(action)") }
        print("wrote \(options.output == "-" ? "standard output" : options.output)")
        guard options.role == .client, options.direction == .request else { return }
        if let session = options.session {
            try MessageSession(service: options.service, request: secured.requestContext, token: setup.context.conversation).write(to: session)
            print("kept: the request's " + (secured.requestContext.sessionKey == nil ? "signature values" : "session key and signature values")
                  + (setup.context.conversation == nil ? "" : " and the token") + " in \(session) (0600), for verifying the response; delete it after")
        } else if secured.requestContext.sessionKey != nil, setup.engine.policy.protectsWithKerberos {
            // wssconsole's service side cannot answer a Kerberos request in another run (its token is accepted once):
            // the response to verify later is the one Micro Integrator (or another peer) sends.
            print(HomeOptions.commandsNamingHome("note: the response will be keyed by this request's Kerberos session key, which is not kept; "
                  + "to verify the response Micro Integrator sends, secure the request with --session FILE. wssconsole's own service side "
                  + "answers a Kerberos request only in the run that accepts it: `wssconsole validate --service \(options.service)` "
                  + "exchanges a request and its response"))
        } else if secured.requestContext.sessionKey != nil {
            print("note: the response will be keyed by this request's session key, which is not kept; to verify the response "
                  + "in a later run, secure the request with --session FILE")
        }
    }
}

/// `wssconsole message verify`: processes the Security header, then checks the message against the policy.
struct MessageVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify", abstract: "Verify a message; exit 0 when accepted, 1 with the fault when rejected.",
        discussion: "OUT receives the envelope with its encrypted parts decrypted.")

    @OptionGroup var options: MessageOptions

    func validate() throws { try options.validateRoleAndDirection(securing: false) }

    func run() throws {
        let home = try options.home.open()
        let setup = try options.setup(home: home)
        if let kept = try options.keptSession() {
            if let entropy = kept.entropy { return try acceptToken(setup: setup, kept: kept, entropy: entropy) }
            if kept.cancelling, let token = kept.token { return try acceptCancel(setup: setup, kept: kept, token: token) }
        }
        let verified: VerifiedMessage
        let message: Data
        do { message = try options.read(options.input) } catch let fault as SecurityFault { throw MessageFiles.rejected(fault, sources: setup.sources) }
        do {
            if options.role == .service, let store = setup.context.contextStore {
                // Under a SecurityContextToken the service looks the token up among those the console issued.
                verified = try SecureConversationService(policy: setup.engine.policy, store: store).verify(message, context: setup.context)
            } else {
                verified = try setup.engine.verify(message, context: setup.context)
            }
        } catch {
            let fault: SecurityFault = error
            let exit = MessageFiles.rejected(fault, sources: setup.sources)
            if options.role == .service, SecureConversationService.kind(of: message) == .issue {
                print(HomeOptions.commandsNamingHome("fix: this is an RST asking for a SecurityContextToken: answer it with "
                      + "`wssconsole message issue --service \(options.service) \(options.input) RSTR.xml`"))
            }
            if options.role == .client, options.direction == .response, options.session == nil, SecureConversationClient.isAnswer(message) {
                print(HomeOptions.commandsNamingHome("fix: this answers an RST: verify it with the --session FILE that message token wrote (`wssconsole message verify "
                      + "--service \(options.service) --role client --direction response --session FILE \(options.input) OUT`)"))
            } else if options.role == .client, options.direction == .response, options.session == nil, fault.code == .securityTokenUnavailable {
                print("fix: a response under a symmetric binding is keyed by its request's session key: secure the request with "
                      + "--session FILE and verify the response with the same --session FILE")
            }
            throw exit
        }
        try report(verified, setup: setup)
    }

    func report(_ verified: VerifiedMessage, setup: MessageSetup) throws {
        try options.write(verified.envelope)
        for source in setup.sources { print("using: \(source)") }
        for check in verified.checks { print("checked: \(check)") }
        // The sender's and the directory's names: a line break in them would forge a line of the verdict.
        if let principal = verified.principal {
            print("accepted from \(PrintableText.escaped(principal))" + (verified.roles.isEmpty ? "" : " (roles: \(names(verified.roles)))"))
        } else {
            print("accepted")
        }
    }

    /// The service's answer to our Cancel (`message token --cancel`): the token is gone, and so is the session file.
    func acceptCancel(setup: MessageSetup, kept: MessageSession, token: SecurityContextToken) throws {
        let request = SecuredMessage(envelope: Data(), actions: [], requestContext: kept.request)
        let verified: VerifiedMessage
        do {
            verified = try SecureConversationClient(policy: setup.engine.policy, serviceAddress: "")
                .acceptCancel(try options.read(options.input), for: request, token: token, context: setup.context)
        } catch let fault as SecurityFault {
            throw MessageFiles.rejected(fault, sources: setup.sources)
        }
        try report(verified, setup: setup)
        unlink(options.session!)
        print("cancelled: SecurityContextToken \(PrintableText.escaped(token.identifier)); removed \(options.session!)")
    }

    /// The service's answer to our RST (`message token`): verified under the bootstrap policy, its token and key
    /// (computed from the entropy the session kept) replace the entropy in the session file.
    func acceptToken(setup: MessageSetup, kept: MessageSession, entropy: Secret) throws {
        let pending = SecureConversationClient.PendingIssue(
            secured: SecuredMessage(envelope: Data(), actions: [], requestContext: kept.request), entropy: entropy)
        let token: SecurityContextToken, verified: VerifiedMessage
        do {
            (token, verified) = try SecureConversationClient(policy: setup.engine.policy, serviceAddress: "")
                .accept(try options.read(options.input), for: pending, context: setup.context)
        } catch let fault as SecurityFault {
            throw MessageFiles.rejected(fault, sources: setup.sources)
        }
        try MessageSession(service: options.service, token: token).write(to: options.session!)
        try report(verified, setup: setup)
        print("kept: SecurityContextToken \(PrintableText.escaped(token.identifier)), valid until \(DisplayDate.time(token.expires)), in \(options.session!) (0600)")
    }
}
