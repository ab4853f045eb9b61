import Foundation
import Testing

/// `wssconsole message` under a custom policy: the parties are built from what the policy's own assertions need
/// (here a UsernameToken checked against the home's user store), as the self-test's are.
@Suite struct CustomPolicyMessageTests {
    /// OrderProxy under scenario 8's policy with its own wsu:Id and the Basic128 suite: no scenario.
    private func homeWithCustomPolicy() throws -> TempHome {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "StockQuoteProxy", "--scenario", "8"]).status == 0)
        let scenario8 = try #require(home.text("conf/policies/StockQuoteProxy.policy.xml"))
        let custom = scenario8.replacingOccurrences(of: "<sp:Basic256/>", with: "<sp:Basic128/>")
            .replacingOccurrences(of: "wsu:Id=\"", with: "wsu:Id=\"Custom")
        #expect(custom != scenario8)
        try Data(custom.utf8).write(to: URL(fileURLWithPath: home.root + "/custom.xml"))
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--policy", home.root + "/custom.xml"])
        #expect(apply.status == 0, "\(apply.all)")
        return home
    }

    private func message(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["message"] + arguments + ["--home", home.root, "--service", "OrderProxy"])
    }

    @Test func aRequestSecuredAsTheClientIsAcceptedByTheServiceWithTheUsersPassword() throws {
        let home = try homeWithCustomPolicy()
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        let secured = try message(home, ["secure", "--role", "client", dir + "plain.xml", dir + "request.xml"])
        #expect(secured.status == 0, "\(secured.all)")
        #expect(home.text("request.xml")?.contains("aes128-cbc") == true, "the custom suite's cipher")
        let verified = try message(home, ["verify", "--role", "service", dir + "request.xml", dir + "received.xml"])
        #expect(verified.status == 0, "\(verified.all)")
        #expect(verified.stdout.contains("alice"), "\(verified.stdout)")
    }

    @Test func aWrongPasswordIsRefusedUnderTheCustomPolicy() throws {
        let home = try homeWithCustomPolicy()
        let dir = home.root + "/"
        try Data(MessageCommandTests.plain.utf8).write(to: URL(fileURLWithPath: dir + "plain.xml"))
        let secured = try CLI.run(["message", "secure", "--home", home.root, "--service", "OrderProxy", "--role", "client",
                                   "--user", "alice", "--password-env", "PW", dir + "plain.xml", dir + "request.xml"],
                                  environment: ["PW": "not-alices-password"])
        #expect(secured.status == 0, "\(secured.all)")
        let verified = try message(home, ["verify", "--role", "service", dir + "request.xml", dir + "received.xml"])
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("FailedAuthentication") || verified.stderr.contains("FailedAuthentication"), "\(verified.all)")
    }
}
