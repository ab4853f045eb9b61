import Foundation
import Testing

/// What `wssconsole message` says when a SecureConversation (9-15) file goes to the wrong command: the reason names
/// what the message carries, and the fix names the command (and the session file) that takes it.
@Suite struct SecureConversationFixTests {
    /// OrderProxy under scenario 10, with a token issued (`message token`, `message issue`) and kept in the session
    /// file `s` (RSTR verified); `rstr.xml` is the service's answer.
    final class Exchange {
        let home: TempHome
        var dir: String { home.root + "/" }

        init() throws {
            home = try TempHome()
            #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "10"]).status == 0)
            try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
            #expect(try run(["token", "--session", dir + "s", dir + "rst.xml"]).status == 0)
            #expect(try run(["issue", dir + "rst.xml", dir + "rstr.xml"]).status == 0)
        }

        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["message"] + arguments.prefix(1) + ["--home", home.root, "--service", "OrderProxy"] + arguments.dropFirst())
        }

        /// Verifies the RSTR with the session, which then holds the token.
        func keepToken() throws {
            let kept = try run(["verify", "--role", "client", "--direction", "response", "--session", dir + "s", dir + "rstr.xml", dir + "rstr-out.xml"])
            #expect(kept.status == 0, "\(kept.all)")
        }
    }

    @Test func aMessageUnderTheTokenGivenToIssueIsPointedToVerify() throws {
        let exchange = try Exchange()
        try exchange.keepToken()
        let dir = exchange.dir
        #expect(try exchange.run(["secure", "--role", "client", "--session", dir + "s", dir + "plain.xml", dir + "request.xml"]).status == 0)
        let issued = try exchange.run(["issue", dir + "request.xml", dir + "out.xml"])
        #expect(issued.status == 1, "\(issued.all)")
        // Rampart's reference to a SecurityContextToken has no ValueType; it is named by what it points to.
        #expect(issued.stdout.contains("rejected: wsse:SecurityTokenUnavailable: No session key matches the reference (the SecurityContextToken #"),
                "\(issued.all)")
        #expect(!issued.stdout.contains("BinarySecurityToken"), "\(issued.all)")
        #expect(issued.stdout.contains("fix: this is not an RST: verify it with `wssconsole --home \(exchange.home.root) message verify --service OrderProxy --role service \(dir)request.xml OUT`"),
                "\(issued.all)")
    }

    @Test func anRSTRVerifiedWithoutTheSessionIsPointedToIt() throws {
        let exchange = try Exchange()
        let dir = exchange.dir
        let verified = try exchange.run(["verify", "--role", "client", "--direction", "response", dir + "rstr.xml", dir + "out.xml"])
        #expect(verified.status == 1, "\(verified.all)")
        #expect(verified.stdout.contains("fix: this answers an RST: verify it with the --session FILE that message token wrote"), "\(verified.all)")
        #expect(!verified.stdout.contains("secure the request with --session FILE"), "the symmetric binding's fix is not this one: \(verified.all)")
    }

    @Test func aSessionFileWithAKeyOfTheWrongSizeIsNamedWithAFix() throws {
        let exchange = try Exchange()
        try exchange.keepToken()
        let dir = exchange.dir
        let text = try String(contentsOfFile: dir + "s", encoding: .utf8)
        let short = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("sct-key: ") ? "sct-key: AAAA" : String($0) }.joined(separator: "\n")
        try Data(short.utf8).write(to: URL(fileURLWithPath: dir + "short"))
        chmod(dir + "short", 0o600)
        let secured = try exchange.run(["secure", "--role", "client", "--session", dir + "short", dir + "plain.xml", dir + "request.xml"])
        #expect(secured.status == 1, "\(secured.all)")
        #expect(secured.stderr.contains("The session file \(dir)short holds a 3-byte sct-key, not a key of 16, 24 or 32 bytes"), "\(secured.all)")
        #expect(secured.stderr.contains("message token --session FILE"), "\(secured.all)")
    }

    @Test func withoutATokenNoInternalNameIsShown() throws {
        let exchange = try Exchange()
        let dir = exchange.dir
        let secured = try exchange.run(["secure", "--role", "client", dir + "plain.xml", dir + "request.xml"])
        #expect(secured.status == 1, "\(secured.all)")
        #expect(!secured.all.contains("SecureConversationClient"), "\(secured.all)")
        #expect(secured.stderr.contains("fix: get a token first: wssconsole --home \(exchange.home.root) message token"), "\(secured.all)")
    }

    @Test func issueHelpStatesTheLifetimeRange() throws {
        let help = try CLI.run(["message", "issue", "--help"])
        #expect(help.stdout.contains("(60 to 86400)"), "\(help.all)")
    }
}
