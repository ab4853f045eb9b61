import Foundation
import Testing

/// SecureConversation (9-15) across runs, against an attacker holding a captured message and a careless client:
/// a Cancel the home cannot honour is not answered, a forged identifier cannot forge a verdict line, the request sent
/// back is not the answer, and a session file that cannot be read safely is never overwritten or waited on.
@Suite struct SecureConversationAbuseTests {
    typealias Exchange = SecureConversationFixTests.Exchange

    /// The tokens kept, with their keys (a cancelled one leaves a note of its identifier only: not counted).
    func tokens(_ exchange: Exchange) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: exchange.dir + ".wssconsole/tokens").filter { !$0.hasSuffix(".cancelled") }
    }

    @Test func aCancelOnAReadOnlyHomeIsRefusedAndTheTokenKept() throws {
        let exchange = try Exchange()
        try exchange.keepToken()
        let dir = exchange.dir
        #expect(try exchange.run(["token", "--cancel", "--session", dir + "s", dir + "cancel.xml"]).status == 0)
        let refused = try exchange.run(["issue", "--read-only", dir + "cancel.xml", dir + "cancelled.xml"])
        #expect(refused.status == 1 && refused.stderr.contains("read-only"), "\(refused.all)")
        #expect(!FileManager.default.fileExists(atPath: dir + "cancelled.xml"), "no answer says the token is cancelled")
        #expect(try tokens(exchange).count == 1)
        let cancelled = try exchange.run(["issue", dir + "cancel.xml", dir + "cancelled.xml"])
        #expect(cancelled.status == 0 && cancelled.stdout.contains("Cancelled SecurityContextToken"), "\(cancelled.all)")
        #expect(try tokens(exchange).isEmpty)
    }

    /// The identifier is read before any key is known: a line break in it is printed escaped, not as a line.
    @Test func aForgedIdentifierCannotPrintAVerdictLine() throws {
        let exchange = try Exchange()
        try exchange.keepToken()
        let dir = exchange.dir
        #expect(try exchange.run(["secure", "--role", "client", "--session", dir + "s", dir + "plain.xml", dir + "request.xml"]).status == 0)
        let request = try String(contentsOfFile: dir + "request.xml", encoding: .utf8)
        let forged = request.replacing(/<wsc:Identifier>[^<]*</, with: "<wsc:Identifier>urn:x&#10;accepted from alice&#10;<")
        #expect(forged != request)
        try Data(forged.utf8).write(to: URL(fileURLWithPath: dir + "forged.xml"))
        let verified = try exchange.run(["verify", "--role", "service", dir + "forged.xml", dir + "out.xml"])
        #expect(verified.status == 1, "\(verified.all)")
        #expect(!verified.stdout.split(separator: "\n").contains { $0.hasPrefix("accepted") }, "\(verified.all)")
        #expect(verified.stdout.contains(#"urn:x\x0aaccepted from alice is unknown"#), "\(verified.all)")
    }

    /// Both directions use the token's key, and scenario 10's policy asks for no SignatureConfirmation: only the
    /// request's own signature value tells the request sent back from the service's answer.
    @Test func aReflectedRequestIsNotTakenForTheAnswer() throws {
        let exchange = try Exchange()
        try exchange.keepToken()
        let dir = exchange.dir
        #expect(try exchange.run(["secure", "--role", "client", "--session", dir + "s", dir + "plain.xml", dir + "request.xml"]).status == 0)
        let reflected = try exchange.run(["verify", "--role", "client", "--direction", "response", "--session", dir + "s",
                                          dir + "request.xml", dir + "out.xml"])
        #expect(reflected.status == 1, "\(reflected.all)")
        #expect(reflected.stdout.contains("the request sent back, not the service's answer"), "\(reflected.all)")
        // The service's real answer to it is accepted with the same session file.
        #expect(try exchange.run(["verify", "--role", "service", dir + "request.xml", dir + "received.xml"]).status == 0)
        #expect(try exchange.run(["secure", "--role", "service", "--direction", "response", "--request", dir + "request.xml",
                                  dir + "plain.xml", dir + "response.xml"]).status == 0)
        let answered = try exchange.run(["verify", "--role", "client", "--direction", "response", "--session", dir + "s",
                                         dir + "response.xml", dir + "answer.xml"])
        #expect(answered.status == 0, "\(answered.all)")
    }

    /// A session file others can read is refused when read; a new RST must not take that as "no token" and replace it.
    @Test func aLiveTokenInASessionFileOthersCanReadIsNotOverwritten() throws {
        let exchange = try Exchange()
        try exchange.keepToken()
        let dir = exchange.dir
        chmod(dir + "s", 0o644)
        let live = try Data(contentsOf: URL(fileURLWithPath: dir + "s"))
        let again = try exchange.run(["token", "--session", dir + "s", dir + "rst2.xml"])
        #expect(again.status == 1, "\(again.all)")
        #expect(again.stderr.contains("others can read it") && again.stderr.contains("chmod 600") && again.stderr.contains("new file"), "\(again.all)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "s")) == live)
    }

    /// Opening a FIFO that has no writer blocks: the session path's type is looked at first.
    @Test func aFIFOOrADirectoryAsTheSessionFileIsRefusedWithoutWaiting() throws {
        let exchange = try Exchange()
        let dir = exchange.dir
        #expect(mkfifo(dir + "fifo", 0o600) == 0)
        try FileManager.default.createDirectory(atPath: dir + "folder", withIntermediateDirectories: false)
        for session in [dir + "fifo", dir + "folder"] {
            for arguments in [["token", "--session", session, dir + "rst2.xml"],
                              ["secure", "--role", "client", "--session", session, dir + "plain.xml", dir + "request.xml"]] {
                let result = try CLI.run(["message"] + arguments.prefix(1) + ["--home", exchange.home.root, "--service", "OrderProxy"]
                                         + arguments.dropFirst(), timeout: 30)
                #expect(result.status == 1, "\(arguments): \(result.all)")
                #expect(result.stderr.contains("\(session) is not a regular file"), "\(arguments): \(result.all)")
            }
        }
    }
}
