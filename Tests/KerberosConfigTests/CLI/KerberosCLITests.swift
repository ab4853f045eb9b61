import Foundation
import Testing

/// `wssconsole krb5 ...` and `wssconsole jaas ...` as an operator runs them: exit codes, JSON, dry runs, the editor
/// route, and passwords that never show.
@Suite struct KerberosCLITests {
    let kdc = TestKDC.shared

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func codes(_ output: [String: Any]) -> [String] {
        (output["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    @Test func checksExitOneOnAnErrorAndZeroWhenSound() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        let good = try CLI.run(["krb5", "check", "--home", t.root, "--json", "--timeout", "10"])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(codes(try json(good.stdout)).contains("kdc.reachable"))

        let down = String(unusedLoopbackPort())
        let bad = try CLI.run(["krb5", "realm", "set", kdc.realm, "--kdc", "127.0.0.1:\(down)", "--home", t.root])
        #expect(bad.status == 0)
        let unreachable = try CLI.run(["krb5", "check", "--home", t.root, "--json"])
        #expect(unreachable.status == 1)
        #expect(codes(try json(unreachable.stdout)).contains("kdc.unreachable"))
        #expect(try CLI.run(["krb5", "check", "--home", t.root, "--offline"]).status == 0)
    }

    @Test func jaasCheckCatchesTfalseWithItsLine() throws {
        let t = try KerberosHome()
        try t.write("conf/security/jaas.conf", Fixtures.legacyJaas)
        let result = try CLI.run(["jaas", "check", "--home", t.root, "--offline", "--json"])
        #expect(result.status == 1)
        let finding = try #require((try json(result.stdout)["findings"] as? [[String: Any]])?.first { $0["code"] as? String == "jaas.option.value" })
        #expect(finding["line"] as? Int == 3)
        let human = try CLI.run(["jaas", "check", "--home", t.root, "--offline"])
        #expect(human.stdout.contains("conf/security/jaas.conf:3: Server: the value of useKeyTab is not true or false"))
    }

    /// A password written into jaas.conf without its quotes, or where a boolean belongs, shows in no finding: validate
    /// (and --json) and jaas check name the file, the line and the option.
    @Test func aPasswordInJaasConfIsNotShown() throws {
        let t = try KerberosHome()
        let applied = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--principal", "HTTP/localhost@EXAMPLE.COM",
                                   "--keytab", "keystores/service.keytab", "--home", t.root])
        #expect(applied.status == 0, "\(applied.all)")
        let jaas = try #require(t.text("conf/security/jaas.conf"))
        let line = try #require(jaas.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("useKeyTab=true") }) + 1
        for (written, code) in [("storePass=Hunt3r Xyzzy", "jaas.syntax"), ("storePass=\"Hunt3r\"Xyzzy\"", "jaas.syntax"),
                                ("storePass=Hunt3rXyzzy", "jaas.option.value")] {
            try t.write("conf/security/jaas.conf", jaas.replacingOccurrences(of: "useKeyTab=true", with: "useKeyTab=true " + written))
            for command in [["validate", "--service", "OrderProxy", "--no-self-test"], ["jaas", "check", "--offline"]] {
                let human = try CLI.run(command + ["--home", t.root])
                #expect(human.status == 1 && human.stdout.contains("conf/security/jaas.conf:\(line): "), "\(human.all)")
                let json = try CLI.run(command + ["--json", "--home", t.root])
                let finding = try #require((try self.json(json.stdout)["findings"] as? [[String: Any]])?.first { $0["code"] as? String == code }, "\(json.all)")
                #expect((finding["message"] as? String)?.contains("storePass") == true, "\(finding)")
                for output in [human.all, json.all] { #expect(!output.contains("Hunt3r") && !output.contains("Xyzzy"), "\(output)") }
            }
        }
    }

    /// jaas show prints no secret a login module option holds (a password, a keystore's password, a secret, a
    /// storePass that is no boolean), in text or --json, and says each is hidden; storePass=true and the other
    /// options show as written. jaas set names no secret in the change's note (history, audit log) either.
    @Test func jaasShowHidesSecretValues() throws {
        let t = try KerberosHome()
        let jaas = try #require(t.text("conf/security/jaas.conf"))
        try t.write("conf/security/jaas.conf", jaas + """
            Other {
                com.sun.security.auth.module.Krb5LoginModule required storePass=true debug=true;
                com.example.KeyStoreLoginModule optional password="Hunt3rA" keyStorePassword=Hunt3rB storepass=Hunt3rC
                    secret="Hunt3rD" storePass=Hunt3rE clientPwd=Hunt3rF;
            };

            """)
        let human = try CLI.run(["jaas", "show", "--home", t.root])
        #expect(human.status == 0, "\(human.all)")
        #expect(!human.all.contains("Hunt3r"), "\(human.all)")
        for name in ["password", "keyStorePassword", "storepass", "secret", "storePass", "clientPwd"] {
            #expect(human.stdout.contains("    \(name)=(hidden)\n"), "\(name): \(human.stdout)")
        }
        #expect(human.stdout.contains("    storePass=true\n") && human.stdout.contains("    debug=true\n") && human.stdout.contains("    useKeyTab=true\n"))
        let json = try CLI.run(["jaas", "show", "--json", "--home", t.root])
        #expect(!json.all.contains("Hunt3r"), "\(json.all)")
        let entries = try #require(try self.json(json.stdout)["entries"] as? [[String: Any]])
        let options = entries.flatMap { ($0["modules"] as? [[String: Any]] ?? []).flatMap { $0["options"] as? [[String: Any]] ?? [] } }
        #expect(options.filter { $0["hidden"] as? Bool == true }.count == 6, "\(options)")
        #expect(options.filter { $0["hidden"] as? Bool == true }.allSatisfy { $0["value"] == nil }, "\(options)")
        #expect(options.contains { $0["name"] as? String == "storePass" && $0["value"] as? String == "true" && $0["hidden"] as? Bool == false })

        let set = try CLI.run(["jaas", "set", "Other", "keyStorePassword", "Hunt3rG", "--home", t.root])
        #expect(set.status == 0 && !set.all.contains("Hunt3rG"), "\(set.all)")
        let history = try CLI.run(["history", "--home", t.root])
        #expect(history.stdout.contains("jaas.conf: Other keyStorePassword=(hidden)") && !history.all.contains("Hunt3rG"), "\(history.all)")
        #expect(t.text(".wssconsole/audit.log")?.contains("Hunt3rG") == false)
    }

    /// A diff of jaas.conf (--dry-run, history --show) masks every secret option's value, also one whose name does
    /// not say "password" (storepass, secret, clientPwd), on both sides of the change and on lines it leaves alone.
    @Test func jaasDiffsHideSecretValues() throws {
        let t = try KerberosHome()
        let jaas = try #require(t.text("conf/security/jaas.conf"))
        try t.write("conf/security/jaas.conf", jaas + """
            Other {
                com.example.KeyStoreLoginModule optional storepass=Hunt3rC
                    secret="Hunt3rD" clientPwd=Hunt3rF debug=true;
            };

            """)
        let dry = try CLI.run(["jaas", "set", "Other", "storepass", "Hunt3rH", "--dry-run", "--home", t.root])
        #expect(dry.status == 0 && dry.stdout.contains("-    com.example.KeyStoreLoginModule optional storepass=\"********\""), "\(dry.all)")
        #expect(!dry.all.contains("Hunt3r"), "\(dry.all)")
        let set = try CLI.run(["jaas", "set", "Other", "secret", "Hunt3rJ", "--home", t.root])
        #expect(set.status == 0 && !set.all.contains("Hunt3r"), "\(set.all)")
        let shown = try newestChangeShown(t)
        #expect(shown.status == 0 && shown.stdout.contains("+        secret=\"********\" clientPwd=\"********\" debug=true;"), "\(shown.all)")
        #expect(!shown.all.contains("Hunt3r"), "\(shown.all)")
    }

    /// `history --show` of the home's newest change.
    func newestChangeShown(_ home: KerberosHome) throws -> CLI.Result {
        let history = try CLI.run(["history", "--json", "--home", home.root])
        let rows = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]]
        let id = try #require(rows?.first?["id"] as? String, "\(history.all)")
        return try CLI.run(["history", "--show", id, "--home", home.root])
    }

    /// The diff of an edit that fixes a jaas.conf Java refuses masks the secrets of its old side too, though the parser
    /// stopped in their module: the options there and after are in no entry. So is a value typed without its quotes.
    @Test func jaasDiffsHideSecretsOfAFileJavaRefuses() throws {
        let t = try KerberosHome()
        try t.write("conf/security/jaas.conf", """
            Server {
                com.sun.security.auth.module.Krb5LoginModule required
                    useTicketCache=false;
            };
            Other {
                com.example.KeyStoreLoginModule optional storepass=Hunt3rC
                    clientPwd=Hunt3rE! Hunt3rF debug=true
                    secret="Hunt3rD" 'x';
            };

            """)
        let folder = try TempFolder()
        let fix = try folder.write("fix.sh", "#!/bin/sh\nsed -i -e \"s/ 'x';/;/\" -e 's/=\\(Hunt3rE! Hunt3rF\\)/=\"\\1\"/' \"$1\"\n", mode: 0o755)
        let dry = try CLI.run(["jaas", "edit", "--dry-run", "--home", t.root], environment: ["EDITOR": fix, "VISUAL": ""])
        #expect(dry.status == 0 && dry.stdout.contains("-        secret=\"********\";"), "\(dry.all)")
        #expect(!dry.all.contains("Hunt3r"), "\(dry.all)")
    }

    /// A jaas.conf whose only login module is not called ...LoginModule is masked in a diff as well.
    @Test func jaasDiffsHideSecretsWhateverTheModuleIsCalled() throws {
        let t = try KerberosHome()
        try t.write("conf/security/jaas.conf", """
            Other {
                com.example.Vault required secret="Hunt3rD" debug=true;
            };

            """)
        let dry = try CLI.run(["jaas", "set", "Other", "secret", "Hunt3rH", "--dry-run", "--home", t.root])
        #expect(dry.status == 0 && dry.stdout.contains("+    com.example.Vault required secret=\"********\" debug=true;"), "\(dry.all)")
        #expect(!dry.all.contains("Hunt3r"), "\(dry.all)")
    }

    /// A secret in a comment (an old value, a module commented out with /* */ over several lines or with //) is masked
    /// in a diff as well, in --dry-run and history --show, on the lines the change removes and on those it leaves.
    @Test func jaasDiffsHideSecretsInComments() throws {
        let t = try KerberosHome()
        try t.write("conf/security/jaas.conf", """
            Other {
                com.example.Vault required debug=true; /* storepass=Hunt3rA */
                // com.example.Vault optional secret="Hunt3rB" clientPwd=Hunt3rC;
                /* old:
                   com.example.KeyStoreLoginModule optional
                       keyStorePassword="Hunt3rD"
                       storepass=Hunt3rE; */
            };

            """)
        let dry = try CLI.run(["jaas", "remove", "Other", "--dry-run", "--home", t.root])
        #expect(dry.status == 0 && dry.stdout.contains("-    com.example.Vault required debug=true; /* storepass=\"********\" */"), "\(dry.all)")
        #expect(dry.stdout.contains("-    // com.example.Vault optional secret=\"********\" clientPwd=\"********\";"), "\(dry.all)")
        #expect(dry.stdout.contains("-           storepass=\"********\"; */"), "\(dry.all)")
        #expect(!dry.all.contains("Hunt3r"), "\(dry.all)")

        let edit = try CLI.run(["jaas", "set", "Other", "debug", "false", "--home", t.root])
        #expect(edit.status == 0, "\(edit.all)")
        let shown = try newestChangeShown(t)
        #expect(shown.status == 0 && shown.stdout.contains(" // com.example.Vault optional secret=\"********\" clientPwd=\"********\";"), "\(shown.all)")
        #expect(!shown.all.contains("Hunt3r"), "\(shown.all)")
    }

    @Test func aClientTicketWithAPasswordFromTheEnvironment() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        #expect(try CLI.run(["jaas", "service", "--principal", kdc.servicePrincipal, "--keytab", "keystores/service.keytab", "--home", t.root]).status == 0)
        let result = try CLI.run(["jaas", "check", "--home", t.root, "--client-principal", kdc.userPrincipal, "--client-password-env", "ALICE",
                                  "--timeout", "10"], environment: ["ALICE": kdc.userPassword])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok       the service keytab opens the ticket"))
        #expect(!result.stdout.contains(kdc.userPassword) && !result.stderr.contains(kdc.userPassword))
    }

    /// Without --client-principal, jaas check tries the self-test's client when [client] names one, as the console's
    /// check and validate do: its wrong password is an error naming it.
    @Test func jaasCheckTriesTheSelfTestClient() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        #expect(try CLI.run(["jaas", "service", "--principal", kdc.servicePrincipal, "--keytab", "keystores/service.keytab", "--home", t.root]).status == 0)
        let set = try CLI.run(["client", "set", "--home", t.root, "--kerberos-principal", kdc.userPrincipal, "--kerberos-password-env", "ALICE"])
        #expect(set.status == 0, "\(set.all)")
        let right = try CLI.run(["jaas", "check", "--home", t.root, "--timeout", "10"], environment: ["ALICE": kdc.userPassword])
        #expect(right.status == 0 && right.stdout.contains(kdc.userPrincipal), "\(right.all)")
        let wrong = try CLI.run(["jaas", "check", "--home", t.root, "--timeout", "10"], environment: ["ALICE": "not-alices"])
        #expect(wrong.status == 1 && wrong.stdout.contains(kdc.userPrincipal), "\(wrong.all)")
    }

    @Test func editsDryRunAndUndo() throws {
        let t = try KerberosHome()
        let before = try #require(t.text("conf/security/krb5.conf"))
        let dry = try CLI.run(["krb5", "realm", "set", "NEW.ORG", "--kdc", "kdc.new.org:88", "--home", t.root, "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("+    NEW.ORG = {"))
        #expect(t.text("conf/security/krb5.conf") == before)
        #expect(try CLI.run(["krb5", "set", "dns_lookup_kcd", "false", "--home", t.root]).status == 1)  // misspelt: refused
        #expect(try CLI.run(["krb5", "set", "ticket_lifetime", "10h", "--home", t.root, "--note", "longer"]).status == 0)
        #expect(try CLI.run(["undo", "--home", t.root]).status == 0)
        #expect(t.text("conf/security/krb5.conf") == before)
        #expect(try CLI.run(["jaas", "set", "Server", "useKeyTab", "tfalse", "--home", t.root]).status == 1)
        #expect(try CLI.run(["krb5", "realm", "remove", "NOPE.ORG", "--home", t.root]).status == 1)
    }

    /// A krb5.conf libkrb5 refuses (a realm block without its closing brace) is not edited line by line: the new
    /// block would land under [domain_realm]. show says the file is broken and exits 1.
    @Test func aBrokenKrb5ConfIsRefusedAndShownBroken() throws {
        let t = try KerberosHome()
        let good = try #require(t.text("conf/security/krb5.conf"))
        let broken = good.replacingOccurrences(of: "        admin_server = kdc.example.com:749\n    }\n", with: "        admin_server = kdc.example.com:749\n")
        #expect(broken != good)
        try t.write("conf/security/krb5.conf", broken)
        #expect(try CLI.run(["krb5", "check", "--offline", "--home", t.root]).status == 1)
        for edit in [["krb5", "realm", "set", "NEW.ORG", "--kdc", "k.new.org"], ["krb5", "set", "forwardable", "true"],
                     ["krb5", "unset", "forwardable"], ["krb5", "set-default-realm", "NEW.ORG"], ["krb5", "domain", "set", ".new.org", "EXAMPLE.COM"]] {
            let result = try CLI.run(edit + ["--home", t.root])
            #expect(result.status == 1, "\(edit): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("conf/security/krb5.conf line 23:") && result.stderr.contains("Fix the syntax first"),
                    "\(edit): \(result.stderr)")
        }
        #expect(t.text("conf/security/krb5.conf") == broken)
        let show = try CLI.run(["krb5", "show", "--home", t.root])
        #expect(show.status == 1)
        #expect(show.stdout.contains("BROKEN: libkrb5 refuses or misreads this file"), "\(show.stdout)")
        #expect(show.stdout.contains("conf/security/krb5.conf:23: the '{' opened here for EXAMPLE.COM has no matching '}'"), "\(show.stdout)")
        let json = try CLI.run(["krb5", "show", "--json", "--home", t.root])
        #expect(json.status == 1)
        #expect((try self.json(json.stdout)["problems"] as? [[String: Any]])?.first?["line"] as? Int == 23)
    }

    /// An include libkrb5 cannot read makes it refuse the whole file: show says BROKEN with the line and exits 1,
    /// as for a syntax error, and check names the line.
    @Test func aMissingIncludeIsBroken() throws {
        let t = try KerberosHome()
        let text = try #require(t.text("conf/security/krb5.conf"))
        try t.write("conf/security/krb5.conf", "include /nonexistent/krb5-extra.conf\n" + text)
        let show = try CLI.run(["krb5", "show", "--home", t.root])
        #expect(show.status == 1)
        #expect(show.stdout.contains("BROKEN: libkrb5 refuses or misreads this file"), "\(show.stdout)")
        #expect(show.stdout.contains("conf/security/krb5.conf:1: include /nonexistent/krb5-extra.conf: the file does not exist"), "\(show.stdout)")
        let json = try CLI.run(["krb5", "show", "--json", "--home", t.root])
        #expect(json.status == 1)
        #expect((try self.json(json.stdout)["problems"] as? [[String: Any]])?.first?["line"] as? Int == 1)
        let check = try CLI.run(["krb5", "check", "--offline", "--json", "--home", t.root])
        #expect(check.status == 1)
        #expect(codes(try self.json(check.stdout)).contains("krb5.include.missing"))
    }

    /// A krb5.conf or jaas.conf value holding terminal escapes is shown escaped: printed raw, an ESC drives the
    /// operator's terminal (clears it, retitles it).
    @Test func terminalEscapesInTheFilesAreShownEscaped() throws {
        let t = try KerberosHome()
        let krb5 = try #require(t.text("conf/security/krb5.conf"))
        let evil = krb5.replacingOccurrences(of: "admin_server = kdc.example.com:749", with: "admin_server = kdc\u{1b}[2J\u{1b}]0;pwned\u{7}.example.com:749")
        #expect(evil != krb5)
        try t.write("conf/security/krb5.conf", evil)
        for command in [["krb5", "show"], ["krb5", "check", "--offline"]] {
            let result = try CLI.run(command + ["--home", t.root])
            #expect(!result.all.contains("\u{1b}") && !result.all.contains("\u{7}"), "\(command): \(result.all)")
        }
        #expect(try CLI.run(["krb5", "show", "--home", t.root]).stdout.contains(#"kdc\x1b[2J\x1b]0;pwned\x07.example.com:749"#))
    }

    /// Realm names are case-sensitive: set-default-realm in another case than the realm of [realms] is refused.
    @Test func aDefaultRealmInTheWrongCaseIsRefused() throws {
        let t = try KerberosHome()
        let result = try CLI.run(["krb5", "set-default-realm", "example.com", "--home", t.root])
        #expect(result.status == 1)
        #expect(result.stderr.contains("case-sensitive: did you mean EXAMPLE.COM?"), "\(result.stderr)")
    }

    @Test func theEditorRouteSavesSoundTextAndRefusesBrokenText() throws {
        let t = try KerberosHome()
        let folder = try TempFolder()
        let good = try folder.write("good.sh", "#!/bin/sh\nsed -i 's/ticket_lifetime = 8h/ticket_lifetime = 9h/' \"$1\"\n", mode: 0o755)
        let saved = try CLI.run(["krb5", "edit", "--home", t.root], environment: ["EDITOR": good, "VISUAL": ""])
        #expect(saved.status == 0, "\(saved.stdout)\(saved.stderr)")
        #expect(t.text("conf/security/krb5.conf")?.contains("ticket_lifetime = 9h") == true)
        let before = try #require(t.text("conf/security/jaas.conf"))
        let bad = try folder.write("bad.sh", "#!/bin/sh\nsed -i 's/useKeyTab=true/useKeyTab=tfalse/' \"$1\"\n", mode: 0o755)
        let refused = try CLI.run(["jaas", "edit", "--home", t.root], environment: ["EDITOR": bad, "VISUAL": ""])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("the value of useKeyTab is not true or false"), "\(refused.all)")
        #expect(t.text("conf/security/jaas.conf") == before)
    }

    /// A failing editor is reported by its exit code, and a missing one as not found: never a raw wait status.
    @Test func aFailingEditorIsNamedByItsExitCode() throws {
        let t = try KerberosHome()
        let failed = try CLI.run(["krb5", "edit", "--home", t.root], environment: ["EDITOR": "false", "VISUAL": ""])
        #expect(failed.status == 1 && failed.stderr.contains("the editor false exited with code 1; nothing was saved"), "\(failed.all)")
        let missing = try CLI.run(["jaas", "edit", "--home", t.root], environment: ["EDITOR": "/nonexistent/editor", "VISUAL": ""])
        #expect(missing.status == 1 && missing.stderr.contains("the editor /nonexistent/editor was not found"), "\(missing.all)")
        #expect(!(failed.all + missing.all).contains("status"))
    }

    @Test func scenario16FromTheCommandLine() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        // Without a terminal (the test's stdin) nothing asks: no principal is bad usage, and nothing is written.
        let needsPrincipal = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--home", t.root])
        #expect(needsPrincipal.status == 2 && needsPrincipal.stderr.contains("Scenario 16 needs --principal HTTP/host@REALM"), "\(needsPrincipal.all)")
        // Found as apply runs, it is still apply's usage that follows, not the root command's.
        #expect(needsPrincipal.stderr.contains("Usage: wssconsole apply ") && !needsPrincipal.stderr.contains("<subcommand>"), "\(needsPrincipal.all)")
        #expect(t.text("conf/policies/OrderProxy.policy.xml") == nil)
        let needsCredential = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--principal", kdc.servicePrincipal, "--home", t.root])
        #expect(needsCredential.status == 2)
        let secret = "cli-\(UUID().uuidString)"
        let applied = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--principal", kdc.passwordPrincipal,
                                   "--password-env", "SVC", "--home", t.root], environment: ["SVC": secret])
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        for text in [applied.stdout, applied.stderr, t.text(".wssconsole/audit.log") ?? ""] { #expect(!text.contains(secret)) }
        #expect(t.text("conf/policies/OrderProxy.policy.xml")?.contains(secret) == true)
        let keytab = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--principal", kdc.servicePrincipal,
                                  "--keytab", "keystores/service.keytab", "--home", t.root])
        #expect(keytab.status == 0)
        #expect(keytab.stdout.contains("validation: ok") || keytab.stdout.contains("validation: warn"), "\(keytab.stdout)")
        // Under scenario 16 already, applying it again without --principal keeps the policy's.
        let again = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--home", t.root])
        #expect(again.status == 0, "\(again.all)")
        #expect(t.text("conf/policies/OrderProxy.policy.xml")?.contains(kdc.servicePrincipal) == true)
    }

    /// jaas.conf has one Server entry for every Kerberos service: scenario 16 with another principal for a second
    /// service is refused while the first logs in with it, names it, and says what puts the two back in line.
    @Test func scenario16OnASecondServiceKeepsTheFirstOnTheServerEntry() throws {
        let t = try KerberosHome()
        try t.useTestKDC(kdc)
        let first = try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--principal", kdc.servicePrincipal,
                                 "--keytab", "keystores/service.keytab", "--home", t.root])
        #expect(first.status == 0, "\(first.all)")
        let jaas = t.text("conf/security/jaas.conf")
        let secret = "cli-\(UUID().uuidString)"
        let second = ["apply", "--service", "PaymentProxy", "--scenario", "16", "--principal", kdc.passwordPrincipal, "--password-env", "SVC", "--home", t.root]
        let refused = try CLI.run(second, environment: ["SVC": secret])
        #expect(refused.status == 1, "\(refused.all)")
        #expect(refused.stderr.contains("OrderProxy logs in with jaas.conf's Server entry as \(kdc.servicePrincipal)"), "\(refused.all)")
        #expect(refused.stderr.contains("one Server entry for all its Kerberos services") && refused.stderr.contains("--force"))
        #expect(t.text("conf/security/jaas.conf") == jaas && t.text("conf/policies/PaymentProxy.policy.xml") == nil)
        // The same principal for the second service leaves the first as it is: no refusal.
        let same = try CLI.run(["apply", "--service", "EchoProxy", "--scenario", "16", "--principal", kdc.servicePrincipal,
                                "--keytab", "keystores/service.keytab", "--home", t.root])
        #expect(same.status == 0, "\(same.all)")

        let forced = try CLI.run(second + ["--force"], environment: ["SVC": secret])
        #expect(forced.status == 0, "\(forced.all)")
        let again = "apply --service OrderProxy --scenario 16 --principal \(kdc.passwordPrincipal) --password-env NAME"
        #expect(forced.stdout.contains(again) && forced.stdout.contains("EchoProxy"), "\(forced.all)")
        for text in [forced.stdout, forced.stderr] { #expect(!text.contains(secret)) }
        // validate then names the command that puts OrderProxy on the entry's principal.
        let validate = try CLI.run(["validate", "--service", "OrderProxy", "--home", t.root, "--no-self-test"])
        #expect(validate.stdout.contains("jaas.principal.mismatch") || validate.stdout.contains("policy names"), "\(validate.all)")
        #expect(validate.stdout.contains(again), "\(validate.all)")
        #expect(try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "16", "--principal", kdc.passwordPrincipal, "--password-env", "SVC",
                             "--home", t.root], environment: ["SVC": secret]).status == 0)
        let fixed = try CLI.run(["validate", "--service", "OrderProxy", "--home", t.root, "--no-self-test"])
        #expect(!fixed.stdout.contains("policy names"), "\(fixed.all)")
    }
}
