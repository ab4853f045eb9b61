import Foundation
import Testing
import TestSupport

/// `client show|set`: the client the self-test and `message --role client` act as. It could only be set by editing
/// the settings file by hand; on a Micro Integrator home the self-test had no client at all.
@Suite struct ClientCommandTests {
    private let settings = "conf/console.toml"

    /// A client keystore keytool made (key pair `caller`, the service's certificate as `svc`), set with `client set`:
    /// the self-test then signs as that client, which the service does not trust until its certificate is imported.
    @Test func aKeytoolClientIsSetAndTheSelfTestActsAsIt() throws {
        let home = try TempHome()
        let env = ["CALLER_PASS": "caller-store-pass", "DEMO_SERVICE_PASS": "demo-service-pass"]
        let store = try Self.callerStore(in: home)

        // A relative path that is no file here is the home's, as keystore commands take it.
        let set = try CLI.run(["client", "set", "--home", home.root, "--keystore", "keystores/caller.p12", "--storepass-env", "CALLER_PASS"], environment: env)
        #expect(set.status == 0, "\(set.all)")
        let written = try #require(home.text(settings))
        let table = try #require(written.components(separatedBy: "[keystore.client]").last?.components(separatedBy: "\n[").first)
        // The path as settings name files, the key pair found (the only one), the password named and not written.
        #expect(table.contains("file = \"keystores/caller.p12\"") && table.contains("alias = \"caller\"") && table.contains("password_env = \"CALLER_PASS\""), "\(table)")
        #expect(!table.contains("password =") && !table.contains("demo = true"), "\(table)")
        let show = try CLI.run(["client", "show", "--home", home.root])
        #expect(show.stdout.contains("keystores/caller.p12, key pair caller, password: environment variable CALLER_PASS"), "\(show.all)")

        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let refused = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env)
        #expect(refused.status == 1 && refused.stdout.contains("The signing certificate CN=keytool caller is not trusted"), "\(refused.all)")
        _ = try KeytoolCA.keytool(["-exportcert", "-rfc", "-alias", "caller", "-file", home.root + "/caller.pem", "-keystore", store,
                                   "-storetype", "PKCS12", "-storepass", "caller-store-pass"])
        #expect(try CLI.run(["keystore", "import", "--home", home.root, "--entry", "keystore", "--alias", "caller", "--file", home.root + "/caller.pem"],
                            environment: env).status == 0)
        let passed = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env)
        #expect(passed.stdout.contains("key pair caller in keystores/caller.p12") && passed.stdout.contains("selftest.passed"), "\(passed.all)")
    }

    /// `--keystore ""` removes the client keystore, as `--user ""` removes the user: `[client]`'s keystore and service
    /// certificate and the keystore's table go, its header too (the user stays), and the self-test signs as the service
    /// again; a keystore set afterwards gets a table of its own. An operator could only go back to that by editing the
    /// settings by hand.
    @Test func anEmptyKeystoreRemovesItAndTheSelfTestSignsAsTheServiceAgain() throws {
        let home = try TempHome()
        let env = ["CALLER_PASS": "caller-store-pass"]
        let store = try Self.callerStore(in: home)
        #expect(try CLI.run(["client", "set", "--home", home.root, "--keystore", store, "--storepass-env", "CALLER_PASS"], environment: env).status == 0)
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let untrusted = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env)
        #expect(untrusted.status == 1 && untrusted.stdout.contains("CN=keytool caller is not trusted"), "\(untrusted.all)")
        let withKeystore = try #require(home.text(settings))

        // What only goes with a keystore is bad usage beside its removal; nothing is written.
        for extra in [["--alias", "caller"], ["--storepass-env", "CALLER_PASS"], ["--service-alias", "svc"]] {
            let refused = try CLI.run(["client", "set", "--home", home.root, "--keystore", ""] + extra, environment: env)
            #expect(refused.status == 2 && refused.stderr.contains("removes the client keystore"), "\(extra): \(refused.all)")
        }
        #expect(home.text(settings) == withKeystore)

        let removed = try CLI.run(["client", "set", "--home", home.root, "--keystore", ""])
        #expect(removed.status == 0 && removed.stdout.contains("client: no keystore (the self-test signs as the service)"), "\(removed.all)")
        let written = try #require(home.text(settings))
        let client = try #require(written.components(separatedBy: "[client]").last?.components(separatedBy: "\n[").first)
        #expect(!client.contains("keystore =") && !client.contains("service_alias =") && client.contains("user = \"alice\""), "\(client)")
        // The table goes with its header and its comment, not left as an empty [keystore.client] that reads as a keystore.
        #expect(!written.contains("[keystore.client]") && !written.contains("caller.p12") && !written.contains("The demo client's keystore"), "\(written)")
        #expect(written.contains("demo = true\n\n[client]\n# The caller the self-test"), "one blank line between the tables:\n\(written)")
        #expect(written.contains("[keystore.service]\nfile = \"keystores/wssdemo-service.p12\""), "the service's keystore stays:\n\(written)")
        #expect(try CLI.run(["client", "show", "--home", home.root]).stdout.contains("keystore          none: the self-test signs as the service"))
        let asService = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(asService.status == 0 && asService.stdout.contains("no client keystore in conf/console.toml: the self-test signs as the service")
                && asService.stdout.contains("selftest.passed"), "\(asService.all)")
        #expect(try CLI.run(["client", "set", "--home", home.root, "--keystore", ""]).stderr.contains("already says that"))

        // Set again: one [keystore.client] table, with the file, its key pair and the named password.
        let again = try CLI.run(["client", "set", "--home", home.root, "--keystore", store, "--storepass-env", "CALLER_PASS"], environment: env)
        #expect(again.status == 0, "\(again.all)")
        let rewritten = try #require(home.text(settings))
        #expect(rewritten.components(separatedBy: "[keystore.client]").count == 2, "\(rewritten)")
        let table = try #require(rewritten.components(separatedBy: "[keystore.client]").last?.components(separatedBy: "\n[").first)
        #expect(table == "\nfile = \"keystores/caller.p12\"\npassword_env = \"CALLER_PASS\"\nalias = \"caller\"\n", "\(table)")
        #expect(try CLI.run(["client", "show", "--home", home.root]).stdout.contains("keystores/caller.p12, key pair caller, password: environment variable CALLER_PASS"))

        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(home.text(settings) == written)
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(home.text(settings) == withKeystore)
        #expect(try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env).stdout.contains("CN=keytool caller is not trusted"))
    }

    /// A client that names the service's own keystore table (WSO2's samples sign as the server): its removal leaves
    /// that table, which the service reads, as it was.
    @Test func removingAClientKeystoreSharedWithTheServiceKeepsTheServicesTable() throws {
        let home = try TempHome()
        let demo = try #require(home.text(settings))
        try Data(demo.replacingOccurrences(of: "keystore = \"client\"\n", with: "keystore = \"service\"\n").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/" + settings))
        #expect(try CLI.run(["client", "show", "--home", home.root]).stdout.contains("keystores/wssdemo-service.p12, key pair service"))
        #expect(try CLI.run(["client", "set", "--home", home.root, "--keystore", ""]).status == 0)
        let written = try #require(home.text(settings))
        #expect(written == demo.replacingOccurrences(of: "keystore = \"client\"\nservice_alias = \"service\"\n", with: ""), "\(written)")
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        #expect(try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"]).stdout.contains("selftest.passed"))
    }

    /// Setting the keystore of a client that signs with the service's own table writes a table of the client's own:
    /// before, the new file went into the service's table, and the service then signed with the client's key.
    @Test func aClientSharingTheServicesTableGetsATableOfItsOwn() throws {
        let home = try TempHome()
        let env = ["CALLER_PASS": "caller-store-pass"]
        let demo = try #require(home.text(settings))
        try Data(demo.replacingOccurrences(of: "keystore = \"client\"\n", with: "keystore = \"service\"\n").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/" + settings))
        func table(_ name: String, in text: String) -> String? {
            text.components(separatedBy: "[\(name)]\n").dropFirst().first?.components(separatedBy: "\n[").first
        }
        let service = try #require(table("keystore.service", in: demo))
        let store = try Self.callerStore(in: home)

        let set = try CLI.run(["client", "set", "--home", home.root, "--keystore", store, "--storepass-env", "CALLER_PASS"], environment: env)
        #expect(set.status == 0, "\(set.all)")
        let written = try #require(home.text(settings))
        #expect(table("keystore.service", in: written) == service, "the service's table changed:\n\(written)")
        #expect(table("client", in: written)?.contains("keystore = \"client\"") == true, "\(written)")
        let client = try #require(table("keystore.client", in: written))
        #expect(client.contains("file = \"keystores/caller.p12\"") && client.contains("alias = \"caller\"")
                && client.contains("password_env = \"CALLER_PASS\"") && !client.contains("password ="), "\(client)")

        // The service still signs as itself; the client is the keytool one, which it does not trust yet.
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"]).status == 0)
        let validated = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env)
        #expect(validated.stdout.contains("Service: key pair service in keystores/wssdemo-service.p12")
                && validated.stdout.contains("CN=keytool caller is not trusted"), "\(validated.all)")
    }

    /// keystores/caller.p12, made by keytool: the key pair `caller` (CN=keytool caller) and the service's certificate
    /// as `svc`, store password caller-store-pass. Returns its path.
    static func callerStore(in home: TempHome) throws -> String {
        let store = home.root + "/keystores/caller.p12"
        _ = try KeytoolCA.keytool(["-genkeypair", "-alias", "caller", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=keytool caller",
                                   "-keystore", store, "-storetype", "PKCS12", "-storepass", "caller-store-pass"])
        let exported = try CLI.run(["keystore", "export", "--home", home.root, "--entry", "keystore", "--alias", "service", "--out", home.root + "/svc.pem"])
        #expect(exported.status == 0, "\(exported.all)")
        _ = try KeytoolCA.keytool(["-importcert", "-noprompt", "-alias", "svc", "-file", home.root + "/svc.pem", "-keystore", store,
                                   "-storetype", "PKCS12", "-storepass", "caller-store-pass"])
        return store
    }

    /// A keystore that does not open, an alias that is no key pair, or one without the service's certificate: exit 1
    /// with the reason, and the settings file unchanged.
    @Test func whatCannotWorkIsRefusedAndNothingIsWritten() throws {
        let home = try TempHome()
        let before = try #require(home.data(settings))
        let client = ["client", "set", "--home", home.root, "--keystore", home.root + "/keystores/wssdemo-client.p12"]
        let wrong = try CLI.run(client + ["--storepass-env", "PASS"], environment: ["PASS": "not-the-password"])
        #expect(wrong.status == 1 && wrong.stderr.contains("password"), "\(wrong.all)")
        let trusted = try CLI.run(client + ["--storepass-env", "PASS", "--alias", "service"], environment: ["PASS": "demo-client-pass"])
        #expect(trusted.status == 1 && trusted.stderr.contains("not a key pair"), "\(trusted.all)")
        let noService = try CLI.run(client + ["--storepass-env", "PASS", "--service-alias", "nosuch"], environment: ["PASS": "demo-client-pass"])
        #expect(noService.status == 1 && noService.stderr.contains("no trusted certificate under the alias nosuch"), "\(noService.all)")
        let unset = try CLI.run(client + ["--storepass-env", "UNSET_VARIABLE_FOR_TEST"])
        #expect(unset.status == 1 && unset.stderr.contains("UNSET_VARIABLE_FOR_TEST"), "\(unset.all)")
        #expect(try CLI.run(client).status == 2)
        #expect(home.data(settings) == before)
    }

    /// Another user without a password: the previous user's password would only fail the new user's authentication
    /// (the self-test then said the service refused bob), so it goes, the summary says so, and validate asks for
    /// the new one's before its self-test runs.
    @Test func anotherUserDropsThePreviousUsersPassword() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "8"]).status == 0)
        let set = try CLI.run(["client", "set", "--home", home.root, "--user", "bob"])
        #expect(set.status == 0 && set.stdout.contains("user bob; removes alice's password setting"), "\(set.all)")
        let client = try #require(home.text(settings)?.components(separatedBy: "[client]").last?.components(separatedBy: "\n[").first)
        #expect(client.contains("user = \"bob\"") && !client.contains("password"), "\(client)")

        let asked = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(asked.status == 1 && asked.stdout.contains("names no password for the user bob"), "\(asked.all)")
        #expect(!asked.stdout.contains("selftest.failed"), "\(asked.all)")
        // Only the self-test's client is missing: the service is untested, not in error.
        #expect(asked.stdout.contains("): untested\n"), "\(asked.all)")
        let listed = try CLI.run(["services", "--home", home.root])
        #expect(listed.stdout.components(separatedBy: "\n").contains { $0.hasPrefix("OrderProxy") && $0.hasSuffix("untested") },
                "\(listed.all)")
        let env = ["BOB_PASS": "bob-demo-pass"]
        #expect(try CLI.run(["client", "set", "--home", home.root, "--password-env", "BOB_PASS"]).status == 0)
        let passed = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env)
        #expect(passed.status == 0 && passed.stdout.contains("selftest.passed"), "\(passed.all)")
        // The same user again keeps its password.
        #expect(try CLI.run(["client", "set", "--home", home.root, "--user", "bob"]).status == 1)
        #expect(try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: env).status == 0)
    }

    /// A client change is summed up in lower case, as every other change (a user store's, a scenario applied): the
    /// history lists it so, and undo and redo quote it mid-sentence.
    @Test func aClientChangeIsSummedUpAsEveryChangeIs() throws {
        let home = try TempHome()
        let set = try CLI.run(["client", "set", "--home", home.root, "--user", "bob", "--password-env", "BOB_PASS"])
        #expect(set.status == 0 && set.stdout.hasPrefix("client: user bob, user password\n"), "\(set.all)")
        let history = try CLI.run(["history", "--home", home.root])
        let id = try #require(history.stdout.split(separator: " ").first.map(String.init), "\(history.all)")
        #expect(history.stdout.hasPrefix("\(id)  ") && history.stdout.contains("  client: user bob, user password\n"), "\(history.all)")
        let undo = try CLI.run(["undo", "--home", home.root])
        #expect(undo.status == 0 && undo.stdout.hasPrefix("undo \(id) (client: user bob, user password)\n"), "\(undo.all)")
        let redo = try CLI.run(["redo", "--home", home.root])
        #expect(redo.status == 0 && redo.stdout.hasPrefix("redo \(id) (client: user bob, user password)\n"), "\(redo.all)")
    }
}
