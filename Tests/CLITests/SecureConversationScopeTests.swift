import Foundation
import Testing

/// A SecurityContextToken is good only at the service that issued it: the exploratory tester's bypass, where an
/// anonymous scenario-12 token of EchoProxy opened OrderProxy (scenario 14 asks for an X.509 client with an allowed
/// role), and a client session file of one service used for (or to cancel at) another.
@Suite struct SecureConversationScopeTests {
    static let body = #"<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header/><soapenv:Body><m:deleteAllOrders xmlns:m="urn:orders"/></soapenv:Body></soapenv:Envelope>"#

    /// A home with EchoProxy under scenario 12 and OrderProxy under `order`, and a client holding an EchoProxy token
    /// in `anon.s` that EchoProxy issued with `message issue` and the client accepted.
    func homeWithEchoToken(order: Int) throws -> (TempHome, String) {
        let home = try TempHome()
        let dir = home.root + "/"
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "EchoProxy", "--scenario", "12"]).status == 0)
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "\(order)"]).status == 0)
        try Data(Self.body.utf8).write(to: URL(fileURLWithPath: dir + "body.xml"))
        #expect(try message(home, "token", "EchoProxy", ["--session", dir + "anon.s", dir + "rst.xml"]).status == 0)
        let issued = try message(home, "issue", "EchoProxy", [dir + "rst.xml", dir + "rstr.xml"])
        #expect(issued.status == 0, "\(issued.all)")
        let accepted = try message(home, "verify", "EchoProxy", ["--role", "client", "--direction", "response", "--session", dir + "anon.s",
                                                                 dir + "rstr.xml", dir + "rstr-out.xml"])
        #expect(accepted.status == 0, "\(accepted.all)")
        return (home, dir)
    }

    func message(_ home: TempHome, _ verb: String, _ service: String, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["message", verb, "--home", home.root, "--service", service] + arguments)
    }

    /// An RST addressed to EchoProxy (its wsp:AppliesTo) is not answered by OrderProxy's STS.
    @Test func anotherServicesSTSRefusesTheRST() throws {
        let (home, dir) = try homeWithEchoToken(order: 12)
        let refused = try message(home, "issue", "OrderProxy", [dir + "rst.xml", dir + "rstr-order.xml"])
        #expect(refused.status == 1 && refused.stdout.contains("The RST asks for a token for EchoProxy (wsp:AppliesTo https://localhost/services/EchoProxy); this is OrderProxy's STS"),
                "\(refused.all)")
        #expect(!FileManager.default.fileExists(atPath: dir + "rstr-order.xml"))
    }

    @Test(arguments: [12, 14])
    func aTokenOfOneServiceIsRefusedByAnotherAndStillAcceptedByItsOwn(order: Int) throws {
        let (home, dir) = try homeWithEchoToken(order: order)
        let own = try message(home, "secure", "EchoProxy", ["--role", "client", "--session", dir + "anon.s", dir + "body.xml", dir + "echo.xml"])
        #expect(own.status == 0, "\(own.all)")
        let echo = try message(home, "verify", "EchoProxy", ["--role", "service", dir + "echo.xml", dir + "echo-out.xml"])
        #expect(echo.status == 0 && echo.stdout.contains("issued by this service and active"), "\(echo.all)")

        // The client's files are its own to edit: the service must refuse the token whatever the session file says.
        let session = try String(contentsOfFile: dir + "anon.s", encoding: .utf8)
        let forged = session.replacingOccurrences(of: "service: EchoProxy", with: "service: OrderProxy")
        try Data(forged.utf8).write(to: URL(fileURLWithPath: dir + "forged.s"))
        chmod(dir + "forged.s", 0o600)
        let secured = try message(home, "secure", "OrderProxy", ["--role", "client", "--session", dir + "forged.s", dir + "body.xml", dir + "order.xml"])
        #expect(secured.status == 0, "\(secured.all)")
        let refused = try message(home, "verify", "OrderProxy", ["--role", "service", dir + "order.xml", dir + "order-out.xml"])
        #expect(refused.status == 1, "EchoProxy's token opened OrderProxy: \(refused.all)")
        #expect(refused.stdout.contains("rejected: wsse:InvalidSecurityToken"), "\(refused.all)")
        #expect(refused.stdout.contains("issued by EchoProxy, not OrderProxy"), "\(refused.all)")
        #expect(refused.stdout.contains("ask OrderProxy for its own token: wssconsole message token --service OrderProxy"), "\(refused.all)")
        #expect(!FileManager.default.fileExists(atPath: dir + "order-out.xml"))

        // Nor can OrderProxy be made to cancel EchoProxy's token.
        #expect(try message(home, "token", "OrderProxy", ["--cancel", "--session", dir + "forged.s", dir + "cancel.xml"]).status == 0)
        let cancel = try message(home, "issue", "OrderProxy", [dir + "cancel.xml", dir + "cancelled.xml"])
        #expect(cancel.status == 1 && cancel.stdout.contains("issued by EchoProxy, not OrderProxy"), "\(cancel.all)")
        let after = try message(home, "verify", "EchoProxy", ["--role", "service", dir + "echo.xml", dir + "echo-out.xml"])
        #expect(after.status == 0, "EchoProxy still accepts its token: \(after.all)")
    }

    @Test func aSessionOfOneServiceIsRefusedForAnother() throws {
        let (home, dir) = try homeWithEchoToken(order: 14)
        let kept = try #require(FileManager.default.contents(atPath: dir + "anon.s"))
        let expected = "The session file \(dir)anon.s is EchoProxy's exchange, not OrderProxy's"

        let secure = try message(home, "secure", "OrderProxy", ["--role", "client", "--session", dir + "anon.s", dir + "body.xml", dir + "req.xml"])
        #expect(secure.status == 1 && secure.stderr.contains(expected), "\(secure.all)")
        #expect(secure.stderr.contains("--service EchoProxy") && secure.stderr.contains("message token --service OrderProxy"), "\(secure.all)")
        #expect(!FileManager.default.fileExists(atPath: dir + "req.xml"))

        let cancel = try message(home, "token", "OrderProxy", ["--cancel", "--session", dir + "anon.s", dir + "cancel.xml"])
        #expect(cancel.status == 1 && cancel.stderr.contains(expected), "\(cancel.all)")
        #expect(!FileManager.default.fileExists(atPath: dir + "cancel.xml"))

        let verify = try message(home, "verify", "OrderProxy", ["--role", "client", "--direction", "response", "--session", dir + "anon.s",
                                                                dir + "rstr.xml", dir + "x.xml"])
        #expect(verify.status == 1 && verify.stderr.contains(expected), "\(verify.all)")
        #expect(FileManager.default.contents(atPath: dir + "anon.s") == kept, "the refused commands leave the session file alone")

        // With its own service the session still works.
        #expect(try message(home, "secure", "EchoProxy", ["--role", "client", "--session", dir + "anon.s", dir + "body.xml", dir + "req.xml"]).status == 0)
    }
}
