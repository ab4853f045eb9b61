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
        A response is secured for the request it answers (--request FILE).
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
