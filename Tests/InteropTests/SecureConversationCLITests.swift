import Foundation
@testable import InteropPeer
import KeyMaterial
import ServerHome
import Testing
import TestSupport
import WSSecurity

/// SecureConversation (9-15) through `wssconsole message`, one run per step: `message token` writes the RST,
/// `message verify --session` reads the RSTR and keeps the token, `message secure --session` uses it; the service is
/// the engine's STS in this process, or the CLI's `message issue`, which keeps its tokens in the home.
@Suite struct SecureConversationCLITests {
    final class TempHome {
        let root = NSTemporaryDirectory() + "wssconsole-sct-cli-" + UUID().uuidString
        init(scenario: Int) throws {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            for folder in ["conf", "keystores"] {
                try FileManager.default.copyItem(atPath: WSSConsoleBinary.repository + "/" + folder, toPath: root + "/" + folder)
            }
            let applied = try WSSConsoleBinary.run(["apply", "--home", root, "--service", "OrderProxy", "--scenario", "\(scenario)"])
            #expect(applied.status == 0, "\(applied.all)")
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        func path(_ name: String) -> String { root + "/" + name }
    }

    static let plain = #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:ping xmlns:m="urn:t">sct</m:ping></soapenv:Body></soapenv:Envelope>"#

    func message(_ home: TempHome, _ arguments: [String]) throws -> WSSConsoleBinary.Result {
        try WSSConsoleBinary.run(["message"] + arguments.prefix(1) + ["--home", home.root, "--service", "OrderProxy"] + arguments.dropFirst())
    }

    @Test(arguments: [11, 15])
    func aTokenAndAnExchangeAcrossRuns(scenario: Int) throws {
        let home = try TempHome(scenario: scenario)
        try Data(Self.plain.utf8).write(to: URL(fileURLWithPath: home.path("plain.xml")))
        let service = try Home.open(home.root).messageSetup(service: "OrderProxy", role: .service, direction: .request, transport: .https)
        let sts = SecureConversationService(policy: service.engine.policy, store: SecurityContextStore())

        let before = try message(home, ["secure", "--role", "client", home.path("plain.xml"), home.path("x.xml")])
        #expect(before.status == 1 && before.stderr.contains("message token"), "without a token, the fix names `message token`: \(before.all)")

        let token = try message(home, ["token", "--session", home.path("s"), home.path("rst.xml")])
        #expect(token.status == 0, "\(token.all)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: home.path("s"))[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let answer = try sts.issue(try Data(contentsOf: URL(fileURLWithPath: home.path("rst.xml"))), context: service.context)
        try answer.response.write(to: URL(fileURLWithPath: home.path("rstr.xml")))
        let accepted = try message(home, ["verify", "--role", "client", "--direction", "response", "--session", home.path("s"),
                                           home.path("rstr.xml"), home.path("rstr-out.xml")])
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.stdout.contains("kept: SecurityContextToken \(answer.identifier)"), "\(accepted.all)")

        let secured = try message(home, ["secure", "--role", "client", "--session", home.path("s"), home.path("plain.xml"), home.path("request.xml")])
        #expect(secured.status == 0, "\(secured.all)")
        let request = try Data(contentsOf: URL(fileURLWithPath: home.path("request.xml")))
        if scenario == 11 { try expectWSS4JAccepts(home.path("request.xml"), identifier: answer.identifier, session: home.path("s")) }
        let verified = try sts.verify(request, context: service.context)
        #expect(String(decoding: verified.envelope, as: UTF8.self).contains("<m:ping xmlns:m=\"urn:t\">sct</m:ping>"))

        var respond = service.context
        respond.direction = .response
        respond.requestContext = verified.requestContext
        let response = try service.engine.secure(Data(Self.plain.utf8), context: respond)
        try response.write(to: URL(fileURLWithPath: home.path("response.xml")))
        let done = try message(home, ["verify", "--role", "client", "--direction", "response", "--session", home.path("s"),
                                       home.path("response.xml"), home.path("answer.xml")])
        #expect(done.status == 0, "\(done.all)")
        #expect(try String(contentsOfFile: home.path("answer.xml"), encoding: .utf8).contains("<m:ping xmlns:m=\"urn:t\">sct</m:ping>"))
    }

    /// Both sides through the CLI: the service answers the RST with `message issue` and keeps the token in the home,
    /// so its later runs accept the request and answer it; a message under a token it never issued is refused.
    @Test(arguments: [10, 13])
    func bothSidesAcrossRuns(scenario: Int) throws {
        let home = try TempHome(scenario: scenario)
        try Data(Self.plain.utf8).write(to: URL(fileURLWithPath: home.path("plain.xml")))
        #expect(try message(home, ["token", "--session", home.path("s"), home.path("rst.xml")]).status == 0)
        let misread = try message(home, ["verify", "--role", "service", home.path("rst.xml"), home.path("x.xml")])
        #expect(misread.status == 1 && misread.stdout.contains("message issue"), "an RST given to verify is pointed to issue: \(misread.all)")
        let issued = try message(home, ["issue", home.path("rst.xml"), home.path("rstr.xml")])
        #expect(issued.status == 0 && issued.stdout.contains("Issued SecurityContextToken urn:uuid:") && issued.stdout.contains("kept: the token in the home"), "\(issued.all)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: home.path(".wssconsole/tokens"))
        #expect(kept.count == 1)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: home.path(".wssconsole/tokens/" + kept[0]))[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        #expect(try message(home, ["verify", "--role", "client", "--direction", "response", "--session", home.path("s"),
                                   home.path("rstr.xml"), home.path("rstr-out.xml")]).status == 0)
        // A second RST into the same file would lose the live token's key: refused, the file left as it was.
        let live = try Data(contentsOf: URL(fileURLWithPath: home.path("s")))
        let again = try message(home, ["token", "--session", home.path("s"), home.path("rst2.xml")])
        #expect(again.status == 1 && again.stderr.contains("holds SecurityContextToken urn:uuid:") && again.stderr.contains("--cancel"), "\(again.all)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: home.path("s"))) == live)
        #expect(try message(home, ["secure", "--role", "client", "--session", home.path("s"), home.path("plain.xml"), home.path("request.xml")]).status == 0)
        let accepted = try message(home, ["verify", "--role", "service", home.path("request.xml"), home.path("received.xml")])
        #expect(accepted.status == 0 && accepted.stdout.contains("SecurityContextToken"), "\(accepted.all)")
        let answered = try message(home, ["secure", "--role", "service", "--direction", "response", "--request", home.path("request.xml"),
                                          home.path("plain.xml"), home.path("response.xml")])
        #expect(answered.status == 0, "\(answered.all)")
        let done = try message(home, ["verify", "--role", "client", "--direction", "response", "--session", home.path("s"),
                                      home.path("response.xml"), home.path("answer.xml")])
        #expect(done.status == 0, "\(done.all)")

        // The client cancels the token: the service forgets it, and the client's session file goes.
        #expect(try message(home, ["token", "--cancel", "--session", home.path("s"), home.path("cancel.xml")]).status == 0)
        let cancelled = try message(home, ["issue", home.path("cancel.xml"), home.path("cancelled.xml")])
        #expect(cancelled.status == 0 && cancelled.stdout.contains("Cancelled SecurityContextToken"), "\(cancelled.all)")
        // Only a note of the identifier and its expiry stays, no key: a later run says "cancelled", not "unknown".
        let left = try FileManager.default.contentsOfDirectory(atPath: home.path(".wssconsole/tokens"))
        #expect(left.count == 1 && left[0].hasSuffix(".cancelled"), "\(left)")
        let note = try String(contentsOfFile: home.path(".wssconsole/tokens/" + left[0]), encoding: .utf8)
        #expect(note.hasPrefix("urn:uuid:") && note.split(separator: "\n").count == 2, "\(note)")
        let closed = try message(home, ["verify", "--role", "client", "--direction", "response", "--session", home.path("s"),
                                        home.path("cancelled.xml"), home.path("cancelled-out.xml")])
        #expect(closed.status == 0 && closed.stdout.contains("cancelled: SecurityContextToken"), "\(closed.all)")
        #expect(!FileManager.default.fileExists(atPath: home.path("s")))
        let after = try message(home, ["verify", "--role", "service", home.path("request.xml"), home.path("y.xml")])
        #expect(after.status == 1 && after.stdout.contains("was cancelled"), "\(after.all)")

        // The tokens kept are this home's: another home's service never issued it.
        let other = try TempHome(scenario: scenario)
        let stranger = try WSSConsoleBinary.run(["message", "verify", "--home", other.root, "--service", "OrderProxy", "--role", "service",
                                                 home.path("request.xml"), other.path("x.xml")])
        #expect(stranger.status == 1 && stranger.stdout.contains("unknown to this service"), "\(stranger.all)")
    }

    /// Apache WSS4J, given the token's identifier and the key the session file kept, accepts the request.
    func expectWSS4JAccepts(_ message: String, identifier: String, session: String) throws {
        let fixture = try PeerFixture.get()
        let text = try String(contentsOfFile: session, encoding: .utf8)
        let key = try #require(text.split(separator: "\n").first { $0.hasPrefix("sct-key: ") }).dropFirst("sct-key: ".count)
        let secret = fixture.scratch("sct-cli-secret")
        _ = FileManager.default.createFile(atPath: secret, contents: nil, attributes: [.posixPermissions: 0o600])
        try Data(key.utf8).write(to: URL(fileURLWithPath: secret))
        let output = try ChildProcess.run(fixture.peer.java, ["-cp", fixture.peer.classpath, "PeerSCT", "verify", "--identifier", identifier,
                                                              "--secret-file", secret, "--protect", "sign,encrypt", message], timeout: 120)
        #expect(output.status == 0 && output.stdout.contains("accepted"), "\(output.stdout)\(output.stderr)")
    }

    @Test func aTamperedAnswerIsRefusedAndTheEntropyKept() throws {
        let home = try TempHome(scenario: 9)
        let service = try Home.open(home.root).messageSetup(service: "OrderProxy", role: .service, direction: .request, transport: .https)
        let sts = SecureConversationService(policy: service.engine.policy, store: SecurityContextStore())
        #expect(try message(home, ["token", "--session", home.path("s"), home.path("rst.xml")]).status == 0)
        let answer = try sts.issue(try Data(contentsOf: URL(fileURLWithPath: home.path("rst.xml"))), context: service.context)
        // One character of the SignatureValue changed.
        let text = String(decoding: answer.response, as: UTF8.self)
        let value = try #require(text.range(of: "SignatureValue>"))
        let first = text[value.upperBound]
        let tampered = text.replacingCharacters(in: value.upperBound...value.upperBound, with: first == "A" ? "B" : "A")
        try Data(tampered.utf8).write(to: URL(fileURLWithPath: home.path("rstr.xml")))
        let refused = try message(home, ["verify", "--role", "client", "--direction", "response", "--session", home.path("s"),
                                          home.path("rstr.xml"), home.path("out.xml")])
        #expect(refused.status == 1 && refused.stdout.contains("rejected: wsse:"), "\(refused.all)")
        #expect(try MessageSession.read(from: home.path("s")).entropy != nil, "the session still waits for a good answer")
        #expect(try MessageSession.read(from: home.path("s")).token == nil)
    }
}
