import Foundation
import Testing

/// `wssconsole userstore` against the test slapd: set, show, test (text and JSON), check-user.
@Suite struct UserStoreCLITests {
    let slapd = Slapd.shared

    func configured() throws -> (ScratchHome, [String]) {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let set = try Binary.run(["userstore", "set", "--url", slapd.ldapURL, "--start-tls", "--ca-cert", slapd.caFile,
                                  "--bind-dn", Slapd.readerDN, "--bind-password-env", "READER_PW",
                                  "--user-base", Slapd.people, "--group-base", Slapd.groups, "--connect-timeout", "2000", "--read-timeout", "2000"] + home)
        #expect(set.status == 0, "\(set.all)")
        return (scratch, home)
    }

    let environment = ["READER_PW": Slapd.readerPassword]

    @Test func setShowAndTest() throws {
        let (scratch, home) = try configured()
        #expect(scratch.text("conf/console.toml")?.contains("connection_password = \"$env{READER_PW}\"") == true)
        let show = try Binary.run(["userstore", "show"] + home, environment: environment)
        #expect(show.stdout.contains("$env{READER_PW} (set in this shell)"))
        #expect(!show.stdout.contains(Slapd.readerPassword))
        #expect(!show.stdout.contains("warning"), "\(show.all)")
        // A value of the wrong type is named with the default used, not silently replaced by it.
        let settings = try #require(scratch.text("conf/console.toml"))
        try scratch.write("conf/console.toml", settings.replacingOccurrences(of: "read_timeout = 2000", with: "read_timeout = 2.5"))
        let odd = try Binary.run(["userstore", "show"] + home, environment: environment)
        #expect(odd.stdout.contains("warning: read_timeout = 2.5 is not a whole number of milliseconds above 0; 5000 ms is used"), "\(odd.all)")
        try scratch.write("conf/console.toml", settings)
        let test = try Binary.run(["userstore", "test"] + home, environment: environment)
        #expect(test.status == 0, "\(test.all)")
        #expect(test.stdout.contains("[ ok ] TLS             StartTLS:"))
        #expect(test.stdout.contains("issuer CN=wssconsole test CA"))
        let users = try Binary.run(["users", "list"] + home, environment: environment)
        #expect(users.stdout.contains("alice\nbob\ncarol\nwssconsole\n"))
        let refused = try Binary.run(["users", "add", "erin", "--password-env", "READER_PW"] + home, environment: environment)
        #expect(refused.status == 1 && refused.stderr.contains("managed with the directory's tools"))
    }

    /// set says, before writing, that an ldap:// URL without StartTLS sends the passwords readable, as validation does.
    @Test func setSaysAConnectionWithoutTLSIsReadable() throws {
        let scratch = try ScratchHome()
        let profile = ["--bind-dn", Slapd.readerDN, "--bind-password-env", "READER_PW", "--user-base", Slapd.people, "--group-base", Slapd.groups,
                       "--home", scratch.root]
        let plain = try Binary.run(["userstore", "set", "--url", "ldap://dir.example.com/"] + profile)
        #expect(plain.status == 0 && plain.stdout.contains("note: The LDAP connection is not encrypted (ldap:// without StartTLS)"), "\(plain.all)")
        let tls = try Binary.run(["userstore", "set", "--url", "ldap://dir.example.com/", "--start-tls"] + profile)
        #expect(tls.status == 0 && !tls.stdout.contains("not encrypted"), "\(tls.all)")
    }

    @Test func jsonNamesTheFailedStage() throws {
        let (scratch, home) = try configured()
        defer { withExtendedLifetime(scratch) {} }
        let result = try Binary.run(["userstore", "test", "--json", "--user-base", "ou=Nobody,dc=example,dc=com"] + home, environment: environment)
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == false)
        #expect(json["failedStage"] as? String == "user-search")
        let stages = try #require(json["stages"] as? [[String: Any]])
        #expect(stages.map { $0["outcome"] as? String } == ["passed", "passed", "passed", "passed", "passed", "failed", "skipped"])
        #expect(stages[5]["error"] as? String == "noSuchBase")
    }

    /// A profile given in full on the command line is tested without being saved.
    @Test func testBeforeSaving() throws {
        let scratch = try ScratchHome()
        let result = try Binary.run(["userstore", "test", "--url", slapd.ldapsURL, "--ca-cert", slapd.otherCAFile, "--bind-dn", Slapd.readerDN,
                                     "--bind-password-env", "READER_PW", "--user-base", Slapd.people, "--group-base", Slapd.groups,
                                     "--home", scratch.root], environment: environment)
        #expect(result.status == 1)
        #expect(result.stdout.contains("[FAIL] TLS"))
        #expect(result.stdout.contains("not trusted"))
        #expect(scratch.text("conf/console.toml")?.contains("connection_url") == false)
    }

    @Test func checkUser() throws {
        let (scratch, home) = try configured()
        defer { withExtendedLifetime(scratch) {} }
        var env = environment
        env["P"] = "alice-pass"
        let alice = try Binary.run(["userstore", "check-user", "alice", "--password-env", "P", "--role", "admin"] + home, environment: env)
        #expect(alice.status == 0, "\(alice.all)")
        #expect(alice.stdout.contains("allowed: the user has the role admin"))
        let cased = try Binary.run(["userstore", "check-user", "alice", "--password-env", "P", "--role", "Admin"] + home, environment: env)
        #expect(cased.status == 1 && cased.stdout.contains("differs only in case"))
        let digest = try Binary.run(["userstore", "check-user", "alice", "--password-env", "P", "--digest"] + home, environment: env)
        #expect(digest.status == 1 && digest.stdout.contains("keeps only hashes"))
        let wrongBind = try Binary.run(["userstore", "check-user", "alice", "--password-env", "P"] + home,
                                       environment: ["P": "alice-pass", "READER_PW": "wrong"])
        #expect(wrongBind.status == 1 && wrongBind.stdout.contains("[FAIL] bind"))
        let unset = try Binary.run(["userstore", "check-user", "alice", "--password-env", "P"] + home, environment: ["P": "alice-pass"])
        #expect(unset.status == 1 && unset.stdout.contains("READER_PW"))
    }

    /// An unknown name is explained as the store that answered compares names: the directory, not exactly.
    @Test func anUnknownNameIsExplainedInTheDirectorysTerms() throws {
        let (scratch, home) = try configured()
        defer { withExtendedLifetime(scratch) {} }
        var env = environment
        env["P"] = "alice-pass"
        let upper = try Binary.run(["userstore", "check-user", "ALICE", "--password-env", "P"] + home, environment: env)
        #expect(upper.status == 0 && upper.stdout.contains("result    authenticated"), "\(upper.all)")
        let star = try Binary.run(["userstore", "check-user", "al*", "--password-env", "P", "--json"] + home, environment: env)
        #expect(star.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(star.stdout.utf8)) as? [String: Any])
        let verdict = try #require(json["verdict"] as? String)
        #expect(verdict.contains("the directory has no user of this name") && verdict.contains("usually ignoring case"), "\(verdict)")
        #expect(!verdict.contains("exactly") && !verdict.contains("embedded"))
        let text = try Binary.run(["userstore", "check-user", "al*", "--password-env", "P"] + home, environment: env)
        #expect(text.stdout.contains("REJECTED: the directory has no user of this name"), "\(text.all)")
    }

    /// A Micro Integrator home whose bind password deployment.toml keeps in the secure vault: users list stopped,
    /// its fix rewriting deployment.toml away from the vault. The fix names wssconsole's own file and the test's
    /// option, and that file's connection_password_env reaches the test slapd.
    @Test func aVaultBindPasswordIsGivenInWssconsolesOwnFile() throws {
        let deployment = """
            [user_store]
            type = "read_only_ldap"
            connection_url = "\(slapd.ldapURL)"
            connection_name = "\(Slapd.readerDN)"
            connection_password = "$secret{ldap_pass}"
            user_search_base = "\(Slapd.people)"
            group_search_base = "\(Slapd.groups)"

            """
        let scratch = try ScratchHome(microIntegrator: deployment)
        try FileManager.default.createDirectory(atPath: scratch.root + "/wssconsole", withIntermediateDirectories: true)
        let own = "[user_store]\nstart_tls = true\nca_certificate = \"\(slapd.caFile)\"\n"
        try scratch.write("wssconsole/console.toml", own)
        let home = ["--home", scratch.root]

        let stopped = try Binary.run(["users", "list"] + home, environment: environment)
        #expect(stopped.status == 1 && stopped.stderr.contains("$secret{ldap_pass} is a secure-vault alias"), "\(stopped.all)")
        #expect(stopped.stderr.contains("fix: Give wssconsole the password in wssconsole/console.toml, conf/deployment.toml keeping its reference: "
                                        + "connection_password_env = \"NAME\" (or connection_password_file = \"PATH\") under [user_store]. "
                                        + "For the connection test alone: wssconsole --home \(scratch.root) userstore test --bind-password-env NAME."), "\(stopped.all)")
        let tested = try Binary.run(["userstore", "test", "--bind-password-env", "READER_PW"] + home, environment: environment)
        #expect(tested.status == 0 && tested.stdout.contains("[ ok ] bind            bound as \(Slapd.readerDN)"), "\(tested.all)")

        try scratch.write("wssconsole/console.toml", own + "connection_password_env = \"READER_PW\"\n")
        let users = try Binary.run(["users", "list"] + home, environment: environment)
        #expect(users.status == 0 && users.stdout.contains("alice\nbob\ncarol\nwssconsole\n"), "\(users.all)")
        #expect(try Binary.run(["userstore", "test"] + home, environment: environment).status == 0)
        let show = try Binary.run(["userstore", "show"] + home, environment: environment)
        #expect(show.stdout.contains("environment variable READER_PW, named in wssconsole/console.toml (set in this shell)"), "\(show.all)")
        #expect(scratch.text("conf/deployment.toml") == deployment)
    }
}
