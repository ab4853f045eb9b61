import Foundation
import Testing

/// users list and roles list on a directory larger than the server's size limit for one search.
@Suite struct LargeDirectoryCLITests {
    let slapd = Slapd.shared
    let environment = ["READER_PW": Slapd.readerPassword]

    func home(reader: String) throws -> (ScratchHome, [String]) {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let set = try Binary.run(["userstore", "set", "--url", slapd.ldapURL, "--bind-dn", reader, "--bind-password-env", "READER_PW",
                                  "--user-base", Slapd.Large.people, "--group-base", Slapd.Large.groups] + home)
        #expect(set.status == 0, "\(set.all)")
        return (scratch, home)
    }

    /// It listed the first 500 and said "... more than 2000". Through a bind DN whose pages may hold at most 100
    /// entries (size.pr=100), it listed 500, "truncated: the server refused paged results (illegal pagedResults page size)".
    @Test(arguments: [Slapd.Large.pager, Slapd.Large.smallPages])
    func listsEveryUserAcrossPages(reader: String) throws {
        let (scratch, home) = try home(reader: reader)
        defer { withExtendedLifetime(scratch) {} }
        let users = try Binary.run(["users", "list", "--limit", "2000"] + home, environment: environment)
        #expect(users.status == 0, "\(users.all)")
        let names = users.stdout.split(separator: "\n").dropFirst()
        #expect(names.count == Slapd.Large.users && names.last == "user1199", "\(names.count) \(users.stdout.suffix(300))")
        let roles = try Binary.run(["roles", "list", "--limit", "2000", "--json"] + home, environment: environment)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(roles.stdout.utf8)) as? [String: Any])
        #expect((json["roles"] as? [Any])?.count == Slapd.Large.teams && json["truncated"] as? Bool == false && json["serverLimit"] == nil)
    }

    /// Through a bind DN with size.pr=100 alone (`cappedPages`) the line said "truncated: the server refused paged results
    /// (illegal pagedResults page size)"; slapd pages it as far as `strict`, and it is said the same way.
    @Test(arguments: [Slapd.Large.strict, Slapd.Large.cappedPages])
    func aListingTheServerStopsSaysTruncatedAndTheFix(reader: String) throws {
        let (scratch, home) = try home(reader: reader)
        defer { withExtendedLifetime(scratch) {} }
        let users = try Binary.run(["users", "list", "--limit", "2000"] + home, environment: environment)
        #expect(users.status == 0, "\(users.all)")
        #expect(users.stdout.contains("user499\n... truncated: the server stopped the listing at 500 entries, its limit on paged searches for "
                                      + "the bind DN; narrow with --search\nfix: Let the bind DN page further: on OpenLDAP, "
                                      + "olcLimits: dn.exact=\"\(reader)\" size.prtotal=unlimited"), "\(users.stdout.suffix(400))")
        let json = try Binary.run(["users", "list", "--limit", "2000", "--json"] + home, environment: environment)
        let output = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let limit = try #require(output["serverLimit"] as? [String: String])
        #expect(output["truncated"] as? Bool == true && limit["fix"]?.contains("size.prtotal=unlimited") == true)
        // A limit the caller chose is not the server's.
        let few = try Binary.run(["users", "list", "--limit", "20"] + home, environment: environment)
        #expect(few.stdout.hasSuffix("\n... more than 20; narrow with --search\n"), "\(few.all)")
    }

    /// user0 is in all 600 groups. Where the server pages them all, team599 is among its roles; where it stops at 500,
    /// check-user's refusal says the directory cut the roles short and how to lift that, not only that team599 is missing.
    /// The roles show once, ten and how many more (the roles line printed all 600, the verdict all again); JSON has all.
    @Test func aRefusalSaysWhenTheDirectoryCutTheRoles() throws {
        let login = ["userstore", "check-user", "user0", "--password-env", "USER_PW", "--role", "team599"]
        let environment = self.environment.merging(["USER_PW": Slapd.readerPassword]) { $1 }
        let (paged, pagedHome) = try home(reader: Slapd.Large.pager)
        defer { withExtendedLifetime(paged) {} }
        let ok = try Binary.run(login + pagedHome, environment: environment)
        #expect(ok.status == 0, "\(ok.all)")
        let first = "team0, team1, team10, team100, team101, team102, team103, team104, team105, team106"
        #expect(ok.stdout.contains("\nroles     \(first) and 590 more (--json lists all 600)\n"), "\(ok.stdout.prefix(1_000))")
        #expect(ok.stdout.contains("\nverdict   ok: user0 authenticates\n") && !ok.stdout.contains("team107"), "\(ok.stdout.prefix(1_000))")
        let all = try Binary.run(login + pagedHome + ["--json"], environment: environment)
        let roles = (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])?["roles"] as? [String]
        #expect(roles?.count == Slapd.Large.teams, "\(all.stdout.prefix(400))")
        let (strict, strictHome) = try home(reader: Slapd.Large.strict)
        defer { withExtendedLifetime(strict) {} }
        let refused = try Binary.run(login + strictHome, environment: environment)
        #expect(refused.status == 1 && refused.stdout.contains("refused by (given roles); but the server stopped the listing at 500 entries"),
                "\(refused.stdout.suffix(600))")
        #expect(refused.stdout.contains("size.prtotal=unlimited"), "\(refused.stdout.suffix(600))")
        #expect(refused.stdout.contains("denied: the user holds none of the allowed roles (team599)\n") && !refused.stdout.contains("team107"),
                "\(refused.stdout.prefix(1_000))")
        let json = try Binary.run(login + strictHome + ["--json"], environment: environment)
        let output = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((output["rolesCut"] as? [String: String])?["fix"]?.contains("size.prtotal=unlimited") == true, "\(json.stdout.suffix(400))")
    }

    /// users show lists a user's roles; where the directory stopped them short it says so with the fix (text and
    /// --json), and where it pages every role it lists all 600 with no note. It listed 500 and said nothing.
    @Test func usersShowSaysWhenTheDirectoryCutTheRoles() throws {
        for reader in [Slapd.Large.strict, Slapd.Large.pager] {
            let (scratch, home) = try home(reader: reader)
            defer { withExtendedLifetime(scratch) {} }
            let shown = try Binary.run(["users", "show", "user0"] + home, environment: environment)
            #expect(shown.status == 0, "\(shown.all)")
            let cut = reader == Slapd.Large.strict
            #expect(shown.stdout.contains("\nnote    the server stopped the listing at 500 entries") == cut, "\(shown.stdout.suffix(600))")
            #expect(shown.stdout.contains("\nfix     Let the bind DN page further") == cut, "\(shown.stdout.suffix(600))")
            let json = try Binary.run(["users", "show", "user0", "--json"] + home, environment: environment)
            let output = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((output["roles"] as? [String])?.count == (cut ? Slapd.Large.sizeLimit : Slapd.Large.teams))
            #expect((output["rolesCut"] != nil) == cut, "\(json.stdout.suffix(400))")
        }
    }

    /// The engine's refusal of user0 for lacking team599 (message verify, as the service) says, for the operator, that
    /// the directory cut the roles short and how to lift that; it named only the missing role. The fault stays
    /// wsse:FailedAuthentication, and where the server pages every role the same message is accepted.
    @Test func theEnginesRoleRefusalSaysWhenTheDirectoryCutTheRoles() throws {
        let environment = self.environment.merging(["USER_PW": Slapd.readerPassword]) { $1 }
        for reader in [Slapd.Large.strict, Slapd.Large.pager] {
            let (scratch, home) = try home(reader: reader)
            defer { withExtendedLifetime(scratch) {} }
            let applied = try Binary.run(["apply", "--service", "OrderProxy", "--scenario", "7", "--roles", "team599"] + home, environment: environment)
            #expect(applied.status == 0, "\(applied.all)")
            let plain = scratch.root + "/plain.xml", request = scratch.root + "/request.xml", received = scratch.root + "/received.xml"
            try scratch.write("plain.xml", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><order/></s:Body></s:Envelope>")
            let secured = try Binary.run(["message", "secure", "--service", "OrderProxy", "--role", "client", "--user", "user0",
                                          "--password-env", "USER_PW", plain, request] + home, environment: environment)
            #expect(secured.status == 0, "\(secured.all)")
            let verified = try Binary.run(["message", "verify", "--service", "OrderProxy", "--role", "service", request, received] + home,
                                          environment: environment)
            if reader == Slapd.Large.pager {
                #expect(verified.status == 0, "\(verified.all)")
                continue
            }
            #expect(verified.status == 1 && verified.stdout.contains("rejected: wsse:FailedAuthentication: user0 is not allowed: "), "\(verified.all)")
            #expect(verified.stdout.contains("; but the server stopped the listing at 500 entries, its limit on paged searches for the bind DN, "
                                             + "so the roles may be more than these\n"), "\(verified.stdout.suffix(600))")
            #expect(verified.stdout.contains("\nfix: Let the bind DN page further: on OpenLDAP, olcLimits: dn.exact=\"\(Slapd.Large.strict)\" "
                                             + "size.prtotal=unlimited"), "\(verified.stdout.suffix(600))")
        }
    }

    /// A limit that lists nothing is a usage error, said before the directory is asked.
    @Test func aLimitBelowOneIsRefused() throws {
        let (scratch, home) = try home(reader: Slapd.Large.pager)
        defer { withExtendedLifetime(scratch) {} }
        for (command, noun) in [("users", "users"), ("roles", "roles")] {
            for limit in ["0", "-1"] {
                let result = try Binary.run([command, "list", "--limit=\(limit)"] + home, environment: environment)
                #expect(result.status == 2 && result.stderr.contains("--limit must be 1 or more (the most \(noun) to list)"), "\(result.all)")
            }
        }
    }
}
