import ArgumentParser
import Foundation
import ServerHome
import WSSecurity

/// `wssconsole message`: secure or verify one SOAP message under a service's policy, as the client or the service.
struct MessageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "message", abstract: "Secure or verify a SOAP message under a service's policy.",
        discussion: """
        The keys, trust and users come from the home: the service side from its keystore, truststore and user store,
        the client side from [client] in the settings (the demo client and alice on the demo home) or the options.
        A response is secured for the request it answers (--request FILE). Under a symmetric binding (scenarios 3, 4,
        6, 7, 8) the response is keyed by the request's session key: the client keeps it with --session FILE when
        securing the request and gives the same --session FILE when verifying the response.
        """,
        subcommands: [MessageSecureCommand.self, MessageVerifyCommand.self])
}

/// `wssconsole message secure`: adds the Security header the policy demands.
struct MessageSecureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secure", abstract: "Add the Security header the policy demands.")

    @OptionGroup var options: MessageOptions

    func run() throws {
        let home = try options.home.open()
        let setup = try options.setup(home: home)
        let secured: SecuredMessage
        do { secured = try setup.engine.secured(try options.read(options.input), context: setup.context) } catch let fault as SecurityFault {
            throw OperationFailed(message: "cannot secure the message: \(fault)")
        }
        try options.write(secured.envelope)
        for source in setup.sources { print("using: \(source)") }
        for action in secured.actions { print("done: \(action)") }
        print("wrote \(options.output)")
        guard options.role == .client, options.direction == .request else { return }
        if let session = options.session {
            try MessageSession.write(secured.requestContext, to: session)
            print("kept: the request's " + (secured.requestContext.sessionKey == nil ? "signature values" : "session key and signature values")
                  + " in \(session) (0600), for verifying the response; delete it after")
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

    func run() throws {
        let home = try options.home.open()
        let setup = try options.setup(home: home)
        let verified: VerifiedMessage
        do { verified = try setup.engine.verify(try options.read(options.input), context: setup.context) } catch let fault as SecurityFault {
            for source in setup.sources { print("using: \(source)") }
            print("rejected: \(fault.faultCode): \(fault.message)")
            if options.role == .client, options.direction == .response, options.session == nil, fault.code == .securityTokenUnavailable {
                print("fix: a response under a symmetric binding is keyed by its request's session key: secure the request with "
                      + "--session FILE and verify the response with the same --session FILE")
            }
            throw ExitCode(1)
        }
        try options.write(verified.envelope)
        for source in setup.sources { print("using: \(source)") }
        for check in verified.checks { print("checked: \(check)") }
        if let principal = verified.principal {
            print("accepted from \(principal)" + (verified.roles.isEmpty ? "" : " (roles: \(verified.roles.joined(separator: ", ")))"))
        } else {
            print("accepted")
        }
    }
}
