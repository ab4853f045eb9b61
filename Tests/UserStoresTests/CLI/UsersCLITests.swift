import Foundation
import Testing

/// `wssconsole users` and `roles` as a script would use them: passwords from files or the environment,
/// JSON output, exit codes, and no secret in any output.
@Suite struct UsersCLITests {
    @Test func addListCheckRemove() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let passwordFile = scratch.root + "/dave.pw"
        try "dave-pass\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let add = try Binary.run(["users", "add", "dave", "--role", "operator", "--allow-digest", "--password-file", passwordFile] + home)
        #expect(add.status == 0, "\(add.all)")
        #expect(add.stdout.contains("add user dave (operator), PasswordDigest allowed"))
        #expect(add.stdout.contains("created conf/userstore.digest-secrets"))
        #expect(scratch.mode("conf/userstore.digest-secrets") == 0o600)
        // The password file is used, and said to be readable by others (written 0644 here).
        #expect(add.stderr.contains("warning: \(passwordFile) holds a secret and others can read it (mode 644): chmod 600 \(passwordFile)"), "\(add.all)")
        chmod(passwordFile, 0o600)
        let quiet = try Binary.run(["users", "set-password", "dave", "--password-file", passwordFile] + home)
        #expect(quiet.status == 0 && !quiet.stderr.contains("warning"), "\(quiet.all)")

        let list = try Binary.run(["users", "list", "--json"] + home)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String: Any])
        let users = try #require(json["users"] as? [[String: Any]])
        #expect(users.map { $0["name"] as? String } == ["alice", "bob", "carol", "dave"])
        #expect(users.last?["digest"] as? Bool == true)

        let environment = ["P": "dave-pass"]
        #expect(try Binary.run(["userstore", "check-user", "dave", "--password-env", "P", "--digest"] + home, environment: environment).status == 0)
        let wrong = try Binary.run(["userstore", "check-user", "dave", "--password-env", "P"] + home, environment: ["P": "nope"])
        #expect(wrong.status == 1 && wrong.stdout.contains("REJECTED: the password is wrong"))
        let undigested = try Binary.run(["userstore", "check-user", "alice", "--password-env", "P", "--digest"] + home,
                                        environment: ["P": "alice-demo-pass"])
        // The command it suggests acts on this home, not on the demo home.
        #expect(undigested.status == 1 && undigested.stdout.contains("not enabled for it (enable with: wssconsole --home \(scratch.root) users set-password NAME --allow-digest)"),
                "\(undigested.all)")
        let cased = try Binary.run(["userstore", "check-user", "ALICE", "--password-env", "P"] + home, environment: ["P": "alice-demo-pass"])
        #expect(cased.status == 1 && cased.stdout.contains("REJECTED: no user has this name (the embedded store compares names exactly, case included)"))

        let removed = try Binary.run(["users", "remove", "dave"] + home)
        #expect(removed.status == 0 && removed.stdout.contains("with the old secret, stays in the history for undo; remove it with: wssconsole --home \(scratch.root) history --forget "), "\(removed.all)")
        #expect(try Binary.run(["users", "show", "dave"] + home).status == 1)
        let everything = add.all + list.all + wrong.all
        #expect(!everything.contains("dave-pass") && !everything.contains("nope"))
    }

    /// A service that takes no user name (X.509 only) is no place to check a user's roles: refused, not "allowed".
    @Test func checkingAUserAgainstAServiceWithoutUsersIsRefused() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let words = ["userstore", "check-user", "alice", "--password-env", "P", "--service", "OrderProxy"] + home
        #expect(try Binary.run(["apply", "--service", "OrderProxy", "--scenario", "5"] + home).status == 0)
        let x509 = try Binary.run(words, environment: ["P": "alice-demo-pass"])
        #expect(x509.status == 1 && x509.stderr.contains("OrderProxy takes no user name (5 Sign and Encrypt - X509 Authentication)"), "\(x509.all)")
        #expect(!x509.stdout.contains("allowed"), "\(x509.all)")
        #expect(try Binary.run(["apply", "--service", "OrderProxy", "--scenario", "8", "--roles", "admin"] + home).status == 0)
        let username = try Binary.run(words, environment: ["P": "alice-demo-pass"])
        #expect(username.status == 0 && username.stdout.contains("allowed: the user has the role admin"), "\(username.all)")
        // The same policy as a custom one (its own wsu:Id) authenticates users too: checked without --service as well.
        let policy = try String(contentsOfFile: scratch.root + "/conf/policies/OrderProxy.policy.xml", encoding: .utf8)
        let custom = try #require(policy.range(of: #"wsu:Id="[^"]*""#, options: .regularExpression))
        try Data(policy.replacingCharacters(in: custom, with: #"wsu:Id="OrdersByUser""#).utf8).write(to: URL(fileURLWithPath: scratch.root + "/custom.xml"))
        #expect(try Binary.run(["apply", "--service", "OrderProxy", "--policy", scratch.root + "/custom.xml"] + home).status == 0)
        let every = try Binary.run(Array(words.prefix(5)) + home, environment: ["P": "alice-demo-pass"])
        #expect(every.status == 0 && every.stdout.contains("OrderProxy") && every.stdout.contains("allowed: the user has the role admin"), "\(every.all)")
    }

    /// A forgotten clear password (disable-digest) stays in the history until its changes are forgotten: then no copy
    /// is left in the home, the audit log says so, and those changes can no longer be undone.
    @Test func forgettingChangesRemovesTheSecretsTheirVersionsHeld() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let environment = ["P": "dave-kept-secret"]
        #expect(try Binary.run(["users", "add", "dave", "--allow-digest", "--password-env", "P"] + home, environment: environment).status == 0)
        let disable = try Binary.run(["users", "disable-digest", "dave"] + home)
        #expect(disable.status == 0 && disable.stdout.contains("wssconsole --home \(scratch.root) history --forget "), "\(disable.all)")
        func kept() -> Bool {
            let history = scratch.root + "/.wssconsole/history"
            return (FileManager.default.enumerator(atPath: history)?.allObjects as? [String] ?? []).contains { path in
                FileManager.default.contents(atPath: history + "/" + path).map {
                    String(decoding: $0, as: UTF8.self).contains("dave-kept-secret")
                        || String(decoding: $0, as: UTF8.self).contains(Data("dave-kept-secret".utf8).base64EncodedString())
                } ?? false
            }
        }
        #expect(kept(), "the history keeps the clear password for undo")

        let dry = try Binary.run(["history", "--forget-file", "conf/userstore.digest-secrets", "--dry-run"] + home)
        #expect(dry.status == 0 && dry.stdout.components(separatedBy: "would forget ").count == 3, "\(dry.all)")
        #expect(kept())
        let forgot = try Binary.run(["history", "--forget-file", "conf/userstore.digest-secrets", "--note", "rotation"] + home)
        #expect(forgot.status == 0 && forgot.stdout.contains("can no longer be undone"), "\(forgot.all)")
        #expect(!kept(), "no copy of the clear password is left")
        let history = try Binary.run(["history"] + home)
        #expect(history.stdout.contains("no changes yet"), "\(history.all)")
        #expect(scratch.text(".wssconsole/audit.log")?.components(separatedBy: " forgot=").count == 3)
        #expect(try Binary.run(["history", "--forget", "nope"] + home).status == 1)
    }

    /// An undo keeps the versions of the change it reverts: forgetting the change forgets its undo (and the redo of
    /// that) too, so no copy of the secret stays under another change's ID.
    @Test func forgettingAChangeForgetsItsUndoAndRedo() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        func id(_ output: String) -> String? {
            output.components(separatedBy: "undo with: ").last?.split(separator: "\n").first?.split(separator: " ").last.map(String.init)
        }
        let add = try Binary.run(["users", "add", "dave", "--allow-digest", "--password-env", "P"] + home, environment: ["P": "dave-kept-secret"])
        let added = try #require(id(add.stdout), "\(add.all)")
        let undo = try Binary.run(["undo", added] + home)
        let undone = try #require(id(undo.stdout), "\(undo.all)")
        let redo = try Binary.run(["redo"] + home)
        let redone = try #require(id(redo.stdout), "\(redo.all)")
        func kept() -> Bool {
            let history = scratch.root + "/.wssconsole/history"
            return (FileManager.default.enumerator(atPath: history)?.allObjects as? [String] ?? []).contains { path in
                FileManager.default.contents(atPath: history + "/" + path).map {
                    String(decoding: $0, as: UTF8.self).contains(Data("dave-kept-secret".utf8).base64EncodedString())
                } ?? false
            }
        }
        #expect(kept())
        let dry = try Binary.run(["history", "--forget", added, "--dry-run"] + home)
        #expect(dry.stdout.contains("would forget \(undone)") && dry.stdout.contains("[reverts \(added)]"), "\(dry.all)")
        #expect(dry.stdout.contains("would forget \(redone)"), "\(dry.all)")
        let forgot = try Binary.run(["history", "--forget", added] + home)
        #expect(forgot.status == 0, "\(forgot.all)")
        #expect(!kept(), "no change in the history keeps the digest secret")
        #expect(try Binary.run(["history"] + home).stdout.contains("no changes yet"))
    }

    /// Other changes that kept versions of the forgotten change's files are named, with --forget-file to forget them.
    @Test func forgettingNamesOtherChangesOfTheSameFiles() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let add = try Binary.run(["users", "add", "dave", "--allow-digest", "--password-env", "P"] + home, environment: ["P": "dave-kept-secret"])
        let added = try #require(add.stdout.components(separatedBy: "undo with: ").last?.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        #expect(try Binary.run(["roles", "add", "auditor"] + home).status == 0)
        let forgot = try Binary.run(["history", "--forget", added] + home)
        #expect(forgot.stdout.contains("note: 1 other change still keeps versions of conf/userstore.xml"), "\(forgot.all)")
        #expect(forgot.stdout.contains("wssconsole --home \(scratch.root) history --forget-file conf/userstore.xml"), "\(forgot.all)")
    }

    /// An empty password is refused before anything is written, whichever way it comes.
    @Test func emptyPasswordsAreRefused() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let add = try Binary.run(["users", "add", "erin", "--password-env", "EP"] + home, environment: ["EP": ""])
        #expect(add.status == 1 && add.stderr.contains("the environment variable EP is empty: an empty password cannot be set"), "\(add.all)")
        #expect(try Binary.run(["users", "show", "erin"] + home).status == 1)
        let file = scratch.root + "/empty.pw"
        try "\n".write(toFile: file, atomically: true, encoding: .utf8)
        let reset = try Binary.run(["users", "set-password", "bob", "--password-file", file] + home)
        #expect(reset.status == 1 && reset.stderr.contains("empty password cannot be set"), "\(reset.all)")
        #expect(try Binary.run(["history"] + home).stdout.contains("no changes yet"))
    }

    /// On a home whose users live in LDAP, set-password and add say so before asking for any password.
    @Test func anLDAPStoreIsSaidBeforeThePasswordIsAsked() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        #expect(try Binary.run(["userstore", "set", "--url", "ldap://127.0.0.1:1", "--bind-dn", "", "--user-base", "ou=People",
                                "--group-base", "ou=Groups"] + home).status == 0)
        for command in [["users", "set-password", "alice"], ["users", "add", "erin"]] {
            let result = try Binary.run(command + home)
            #expect(result.status == 1)
            #expect(result.stderr.contains("managed with the directory's tools") && !result.stderr.contains("terminal"), "\(command): \(result.all)")
        }
    }

    @Test func dryRunWritesNothingAndHidesSecrets() throws {
        let scratch = try ScratchHome()
        let before = scratch.text("conf/userstore.xml")
        let result = try Binary.run(["users", "set-password", "bob", "--allow-digest", "--password-env", "P", "--dry-run", "--home", scratch.root],
                                    environment: ["P": "fresh-bob-pass"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("+++ b/conf/userstore.digest-secrets"))
        #expect(!result.stdout.contains("fresh-bob-pass") && !result.stdout.contains(Data("fresh-bob-pass".utf8).base64EncodedString()))
        #expect(scratch.text("conf/userstore.xml") == before)
        #expect(scratch.text("conf/userstore.digest-secrets") == nil)
    }

    @Test func roles() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        #expect(try Binary.run(["roles", "add", "auditor"] + home).status == 0)
        #expect(try Binary.run(["users", "assign", "carol", "auditor"] + home).status == 0)
        #expect(try Binary.run(["roles", "members", "auditor"] + home).stdout == "carol\n")
        let duplicate = try Binary.run(["roles", "add", "auditor"] + home)
        #expect(duplicate.status == 1 && duplicate.stderr.contains("already exists"))
        let unknown = try Binary.run(["users", "assign", "carol", "ghost"] + home)
        #expect(unknown.status == 1 && unknown.stderr.contains("no role named \"ghost\""))
        #expect(try Binary.run(["roles", "remove", "auditor"] + home).status == 0)
        #expect(try Binary.run(["users", "show", "carol"] + home).stdout.contains("roles   everyone\n"))
    }

    /// Names and passwords WSO2's user stores refuse by default (UsernameJavaRegEx and RolenameJavaRegEx ^[\S]{3,30}$,
    /// PasswordJavaRegEx ^[\S]{5,30}$, but for a passphrase up to 128), and a role with a comma, are refused with the
    /// rule and a fix; nothing is written.
    /// Both "bad name<>" and a one-character password were accepted.
    @Test func namesAndPasswordsWSO2WouldRefuseAreRefused() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        let badName = try Binary.run(["users", "add", "bad name<>", "--password-env", "DPW"] + home, environment: ["DPW": "good-pass-1"])
        #expect(badName.status == 1 && badName.stderr.contains("The user name \"bad name<>\" has a blank: WSO2's user stores take 3 to 30 characters without blanks (UsernameJavaRegEx ^[\\S]{3,30}$)"), "\(badName.all)")
        #expect(badName.stderr.contains("fix: Choose another name: 3 to 30 characters, no blanks."), "\(badName.all)")
        let short = try Binary.run(["users", "add", "erin", "--password-env", "DPW"] + home, environment: ["DPW": "a"])
        #expect(short.status == 1 && short.stderr.contains("The password for \"erin\" is shorter than 5 characters"), "\(short.all)")
        #expect(short.stderr.contains("PasswordJavaRegEx ^[\\S]{5,30}$") && short.stderr.contains("fix: Give a password of 5 to 128 characters without blanks."), "\(short.all)")
        let blank = try Binary.run(["users", "set-password", "bob", "--password-env", "DPW"] + home, environment: ["DPW": "bob new pass"])
        #expect(blank.status == 1 && blank.stderr.contains("The password for \"bob\" has a blank") && !blank.all.contains("bob new pass"), "\(blank.all)")
        let long = try Binary.run(["users", "set-password", "bob", "--password-env", "DPW"] + home, environment: ["DPW": String(repeating: "p", count: 129)])
        #expect(long.status == 1 && long.stderr.contains("is longer than 128 characters"), "\(long.all)")
        #expect(try Binary.run(["users", "add", "ed", "--password-env", "DPW"] + home, environment: ["DPW": "good-pass-1"]).stderr.contains("is shorter than 3 characters"))
        let spaced = try Binary.run(["roles", "add", "ops team"] + home)
        #expect(spaced.status == 1 && spaced.stderr.contains("RolenameJavaRegEx"), "\(spaced.all)")
        let comma = try Binary.run(["roles", "add", "ops,dev"] + home)
        #expect(comma.status == 1 && comma.stderr.contains("has a comma: Micro Integrator splits a policy's allowed roles at commas"), "\(comma.all)")
        #expect(try Binary.run(["history"] + home).stdout.contains("no changes yet"))
        // What WSO2 takes still works, the demo users' passwords too.
        #expect(try Binary.run(["users", "add", "erin.o", "--password-env", "DPW"] + home, environment: ["DPW": "erin5"]).status == 0)
        #expect(try Binary.run(["users", "set-password", "bob", "--password-env", "DPW"] + home, environment: ["DPW": "bob-demo-pass"]).status == 0)
        let passphrase = try Binary.run(["users", "set-password", "bob", "--password-env", "DPW"] + home, environment: ["DPW": String(repeating: "p", count: 64)])
        #expect(passphrase.status == 0, "\(passphrase.all)")
    }

    /// A role a service's policy still allows is refused, naming the service and the command that allows other roles;
    /// --force removes it. It was removed with a warning after the fact.
    @Test func aRoleAServiceAllowsIsRemovedOnlyWithForce() throws {
        let scratch = try ScratchHome()
        let home = ["--home", scratch.root]
        #expect(try Binary.run(["apply", "--service", "OrderProxy", "--scenario", "8", "--roles", "operator,admin"] + home).status == 0)
        let refused = try Binary.run(["roles", "remove", "operator"] + home)
        #expect(refused.status == 1 && refused.stderr.contains("OrderProxy still allows the role operator: without it, its callers holding only operator are refused"), "\(refused.all)")
        #expect(refused.stderr.contains("fix: Allow other roles first (wssconsole --home \(scratch.root) apply --service OrderProxy --scenario 8 --roles admin), or remove it anyway with --force."), "\(refused.all)")
        #expect(try Binary.run(["roles", "list"] + home).stdout.contains("operator"))
        let forced = try Binary.run(["roles", "remove", "operator", "--force"] + home)
        #expect(forced.status == 0 && !forced.all.contains("warning"), "\(forced.all)")
        #expect(!(try Binary.run(["roles", "list"] + home).stdout.contains("operator")))
    }

    @Test func passwordsAreNeverTakenFromAPipe() throws {
        let scratch = try ScratchHome()
        // No --password-file/-env and no terminal: refused (not read from standard input).
        let result = try Binary.run(["users", "add", "erin", "--home", scratch.root])
        #expect(result.status == 1)
        #expect(result.stderr.contains("terminal"))
        // The message names the options that give it, in the operator's words.
        #expect(result.stderr.contains("give it with --password-env NAME or --password-file F"), "\(result.stderr)")
        #expect(!result.stderr.contains("KeyMaterialError") && !result.stderr.contains("terminalUnavailable"))
        let bind = try Binary.run(["userstore", "set", "--bind-password-prompt", "--home", scratch.root])
        #expect(bind.status == 1 && bind.stderr.contains("--bind-password-env NAME or --bind-password-file F"), "\(bind.all)")
    }

    @Test func helpExplainsTheDigestChoice() throws {
        let help = try Binary.run(["users", "--help"])
        #expect(help.stdout.contains("PasswordDigest"))
        #expect(help.stdout.contains("--allow-digest"))
    }
}
