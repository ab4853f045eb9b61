import Foundation
import Testing

/// Names from the directory and from a peer's UsernameToken reach the operator's terminal: a control character in them
/// is shown escaped, and a line break in them starts no line of its own (a forged "accepted from ..." verdict, a forged
/// user). `--json` keeps the names as they are, escaped the JSON way.
@Suite struct StrangeNamesCLITests {
    let slapd = Slapd.shared
    let environment = ["READER_PW": Slapd.readerPassword, "USER_PW": Slapd.Strangers.forgerPassword]
    typealias Strangers = Slapd.Strangers
    // How the names are shown.
    static let forger = #"eve\x0d\x0aaccepted from CN=admin\x9b"#
    static let painter = #"m\x1b[2J\x1b[31mallory\u{202e}reversed"#
    static let group = #"ad\x1b]0;pwned\x07min\x0aforged"#

    func home() throws -> (ScratchHome, [String]) {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let set = try Binary.run(["userstore", "set", "--url", slapd.ldapURL, "--bind-dn", Slapd.readerDN, "--bind-password-env", "READER_PW",
                                  "--user-base", Strangers.people, "--group-base", Strangers.groups] + home)
        #expect(set.status == 0, "\(set.all)")
        return (scratch, home)
    }

    /// What a terminal would act on: C0 but the line break, DEL, C1, bidirectional embeddings and overrides.
    func raw(_ text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) }
    }

    /// The user authenticates with the directory under scenario 1; its name, as the peer sent it (CR and LF as they
    /// are in XML, U+009B), made a second "accepted from CN=admin" line of the verdict.
    @Test func aUsernameCannotForgeTheVerdict() throws {
        let (scratch, home) = try home()
        defer { withExtendedLifetime(scratch) {} }
        #expect(try Binary.run(["apply", "--service", "OrderProxy", "--scenario", "1"] + home, environment: environment).status == 0)
        try scratch.write("plain.xml", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><order/></s:Body></s:Envelope>")
        let (plain, request, received) = (scratch.root + "/plain.xml", scratch.root + "/request.xml", scratch.root + "/received.xml")
        for (password, accepted) in [(Strangers.forgerPassword, true), ("not-the-password", false)] {
            let secured = try Binary.run(["message", "secure", "--service", "OrderProxy", "--role", "client", "--user", Strangers.forger,
                                          "--password-env", "PASSWORD", plain, request] + home, environment: environment.merging(["PASSWORD": password]) { $1 })
            try #require(secured.status == 0, "\(secured.all)")
            let verified = try Binary.run(["message", "verify", "--service", "OrderProxy", "--role", "service", request, received] + home,
                                          environment: environment)
            let lines = verified.all.split(whereSeparator: \.isNewline).map(String.init)  // CR, LF and CRLF, as a terminal shows them
            #expect(!raw(verified.all), "\(verified.all)")
            #expect(lines.filter { $0.hasPrefix("accepted") } == (accepted ? ["accepted from \(Self.forger) (roles: \(Self.group))"] : []), "\(verified.all)")
            #expect(verified.status == (accepted ? 0 : 1), "\(verified.all)")
            if accepted {
                #expect(lines.contains { $0.hasPrefix("checked: UsernameToken of \(Self.forger) authenticated") }, "\(verified.all)")
            } else {
                #expect(lines.contains { $0.hasPrefix("rejected: wsse:FailedAuthentication: ") && $0.contains(Self.forger) }, "\(verified.all)")
            }
        }
    }

    /// users list printed the forger as two users ("eve", "accepted from CN=admin"), roles list the group as two roles,
    /// and the C1 control and the override raw.
    @Test func directoryNamesAreShownEscapedOneLineEach() throws {
        let (scratch, home) = try home()
        defer { withExtendedLifetime(scratch) {} }
        func lines(_ arguments: [String]) throws -> [String] {
            let result = try Binary.run(arguments + home, environment: environment)
            #expect(result.status == 0 && !raw(result.all), "\(arguments): \(result.all)")
            return result.stdout.split(whereSeparator: \.isNewline).map(String.init)
        }
        #expect(Set(try lines(["users", "list"]).dropFirst()) == [Self.forger, Self.painter])
        #expect(try lines(["roles", "list"]).dropFirst() == [Self.group])
        #expect(try lines(["users", "show", Strangers.painter]).filter { !$0.hasPrefix("dn ") }
                == ["user    \(Self.painter)", "roles   \(Self.group)"])
        #expect(Set(try lines(["roles", "members", Strangers.group])).count == 2)
        let check = try Binary.run(["userstore", "check-user", Strangers.forger, "--password-env", "USER_PW", "--role", "admin"] + home,
                                   environment: environment)
        #expect(check.status == 1 && !raw(check.all), "\(check.all)")
        #expect(check.stdout.contains("\nroles     \(Self.group)\n") && check.stdout.contains("\nverdict   FAILED: \(Self.forger) authenticates; "),
                "\(check.all)")
    }

    /// --json is data: the names decode as the directory holds them. The encoder escapes C0 itself; C1 and the
    /// override, which it leaves raw, are written as \u escapes too.
    @Test func jsonKeepsTheNamesEscapedTheJSONWay() throws {
        let (scratch, home) = try home()
        defer { withExtendedLifetime(scratch) {} }
        let users = try Binary.run(["users", "list", "--json"] + home, environment: environment)
        #expect(users.status == 0 && !raw(users.stdout), "\(users.stdout)")
        #expect(users.stdout.contains(#""eve\r\naccepted from CN=admin\u009b""#) && users.stdout.contains(#"mallory\u202ereversed""#), "\(users.stdout)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [String: Any])
        #expect(Set((listed["users"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }) == [Strangers.forger, Strangers.painter])
        let roles = try Binary.run(["roles", "list", "--json"] + home, environment: environment)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(roles.stdout.utf8)) as? [String: Any])
        #expect((json["roles"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [Strangers.group] && !raw(roles.stdout))
    }
}
