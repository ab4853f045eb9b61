import Foundation
import Testing

/// Under the symmetric binding the response is keyed by the request's session key: the client keeps it between runs
/// with --session, in a file only its owner can read.
@Suite struct MessageSessionTests {
    @Test func scenario8ResponseIsVerifiedWithTheKeptSessionOnlyByItsOwnRequest() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "8"]).status == 0)
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        func run(_ arguments: [String]) throws -> CLI.Result {
            try CLI.run(["message"] + arguments.prefix(1) + ["--home", home.root, "--service", "PaymentProxy"] + arguments.dropFirst())
        }
        let secure = try run(["secure", "--role", "client", "--session", dir + "request.session", dir + "plain.xml", dir + "request.xml"])
        #expect(secure.status == 0, "\(secure.all)")
        #expect(secure.stdout.contains("kept: the request's session key and signature values in \(dir)request.session (0600)"), "\(secure.all)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: dir + "request.session")[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        // A second request has its own session key.
        #expect(try run(["secure", "--role", "client", "--session", dir + "other.session", dir + "plain.xml", dir + "other.xml"]).status == 0)
        #expect(try run(["verify", "--role", "service", dir + "request.xml", dir + "received.xml"]).status == 0)
        let respond = try run(["secure", "--role", "service", "--direction", "response", "--request", dir + "request.xml",
                               dir + "plain.xml", dir + "response.xml"])
        #expect(respond.status == 0, "\(respond.all)")

        let accepted = try run(["verify", "--role", "client", "--direction", "response", "--session", dir + "request.session",
                                dir + "response.xml", dir + "answer.xml"])
        #expect(accepted.status == 0, "\(accepted.all)")
        #expect(accepted.stdout.contains("checked: SignatureConfirmation matches the request's signatures"), "\(accepted.all)")
        let answer = try String(contentsOfFile: dir + "answer.xml", encoding: .utf8)
        #expect(answer.contains("<m:ping") && !answer.contains("EncryptedData"), "the Body is decrypted")

        let withoutSession = try run(["verify", "--role", "client", "--direction", "response", "--request", dir + "request.xml",
                                      dir + "response.xml", dir + "x.xml"])
        #expect(withoutSession.status == 1, "\(withoutSession.all)")
        #expect(withoutSession.stdout.contains("rejected: wsse:SecurityTokenUnavailable"), "\(withoutSession.all)")
        #expect(withoutSession.stdout.contains("--session FILE"), "\(withoutSession.all)")
        let otherRequest = try run(["verify", "--role", "client", "--direction", "response", "--session", dir + "other.session",
                                    dir + "response.xml", dir + "x.xml"])
        #expect(otherRequest.status == 1, "another request's session key does not open this response: \(otherRequest.all)")
    }

    @Test func aSessionFileOthersCanReadOrThatIsNotOneIsRefused() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "PaymentProxy", "--scenario", "3"]).status == 0)
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        let base = ["message", "verify", "--home", home.root, "--service", "PaymentProxy", "--role", "client", "--direction", "response"]
        #expect(try CLI.run(["message", "secure", "--home", home.root, "--service", "PaymentProxy", "--role", "client",
                             "--session", dir + "s", dir + "plain.xml", dir + "request.xml"]).status == 0)
        chmod(dir + "s", 0o644)
        let open = try CLI.run(base + ["--session", dir + "s", dir + "request.xml", dir + "x.xml"])
        #expect(open.status == 1)
        #expect(open.stderr.contains("holds keys but others can read it") && open.stderr.contains("chmod 600"), "\(open.all)")
        try Data("session-key: AAAA\n".utf8).write(to: URL(fileURLWithPath: dir + "bad"))
        chmod(dir + "bad", 0o600)
        let bad = try CLI.run(base + ["--session", dir + "bad", dir + "request.xml", dir + "x.xml"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("is not one wssconsole wrote"), "\(bad.all)")
        #expect(try CLI.run(["message", "secure", "--home", home.root, "--service", "PaymentProxy", "--role", "service",
                             "--session", dir + "s", dir + "plain.xml", dir + "y.xml"]).status == 2, "--session is the client's")
        // --session naming a file that is not a session (here the message itself) leaves it as it was.
        let mistaken = try CLI.run(["message", "secure", "--home", home.root, "--service", "PaymentProxy", "--role", "client",
                                    "--session", dir + "plain.xml", dir + "plain.xml", dir + "z.xml"])
        #expect(mistaken.status == 1 && mistaken.stderr.contains("\(dir)plain.xml is not a session file wssconsole wrote"), "\(mistaken.all)")
        #expect(try String(contentsOfFile: dir + "plain.xml", encoding: .utf8) == MessageCommandTests.plain)
    }

    /// A session file names its service: another service's, or one an earlier version wrote without it, is refused
    /// rather than its keys used with a service they do not belong to.
    @Test func aSessionFileOfAnotherServiceOrOfNoneIsRefused() throws {
        let home = try TempHome()
        for service in ["PaymentProxy", "OrderProxy"] {
            #expect(try CLI.run(["apply", "--home", home.root, "--service", service, "--scenario", "3"]).status == 0)
        }
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        #expect(try CLI.run(["message", "secure", "--home", home.root, "--service", "PaymentProxy", "--role", "client",
                             "--session", dir + "s", dir + "plain.xml", dir + "request.xml"]).status == 0)
        #expect(String(decoding: try #require(home.data("s")), as: UTF8.self).contains("\nservice: PaymentProxy\n"))
        let base = ["message", "verify", "--home", home.root, "--service", "OrderProxy", "--role", "client", "--direction", "response"]
        let other = try CLI.run(base + ["--session", dir + "s", dir + "request.xml", dir + "x.xml"])
        #expect(other.status == 1)
        #expect(other.stderr.contains("The session file \(dir)s is PaymentProxy's exchange, not OrderProxy's"), "\(other.all)")
        #expect(other.stderr.contains("Give --service PaymentProxy to use it"), "\(other.all)")

        // A service name with terminal escapes (the file was altered) is shown escaped, on every line that names it.
        let escaping = String(decoding: try #require(home.data("s")), as: UTF8.self)
            .replacingOccurrences(of: "service: PaymentProxy\n", with: "service: Pay\u{1b}[2Jment\n")
        try Data(escaping.utf8).write(to: URL(fileURLWithPath: dir + "escaping"))
        chmod(dir + "escaping", 0o600)
        let escaped = try CLI.run(base + ["--session", dir + "escaping", dir + "request.xml", dir + "x.xml"])
        #expect(escaped.status == 1 && escaped.stderr.contains(#"Pay\x1b[2Jment's exchange"#) && !escaped.all.contains("\u{1b}"), "\(escaped.all)")

        let unnamed = String(decoding: try #require(home.data("s")), as: UTF8.self).replacingOccurrences(of: "service: PaymentProxy\n", with: "")
        try Data(unnamed.utf8).write(to: URL(fileURLWithPath: dir + "old"))
        chmod(dir + "old", 0o600)
        let old = try CLI.run(base + ["--session", dir + "old", dir + "request.xml", dir + "x.xml"])
        #expect(old.status == 1)
        #expect(old.stderr.contains("does not say which service its exchange is with"), "\(old.all)")
        #expect(old.stderr.contains("new session file"), "\(old.all)")
    }
}
