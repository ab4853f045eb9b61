import Foundation
import ServerHome
import TestSupport
import Testing

/// The commands a fix suggests, pasted as printed, act on the home the output is about: after `--home DIR` a
/// `wssconsole krb5 realm set ...` without it changed the demo home's working copy instead, silently.
@Suite struct SuggestedCommandTests {
    /// Where a command without --home would act: a demo copy of the test's own, never the operator's.
    let demo: TempHome
    var environment: [String: String] { ["WSSCONSOLE_DEMO_HOME": demo.root] }

    init() throws { demo = try TempHome() }

    /// A home whose realm has no [realms] block (the fix: `wssconsole krb5 realm set`) and whose OrderProxy is
    /// defined twice (the fix is prose: "wssconsole changes neither").
    func brokenHome(suffix: String = "") throws -> TempHome {
        let home = try TempHome(suffix: suffix)
        #expect(try CLI.run(["--home", home.root, "krb5", "set-default-realm", "OTHER.ORG"], environment: environment).status == 0)
        try FileManager.default.copyItem(atPath: home.root + "/conf/services/OrderProxy.xml", toPath: home.root + "/conf/services/OrderCopy.xml")
        return home
    }

    /// The path as a shell reads it back (single quotes, `'\''` for a quote).
    static func quoted(_ path: String) -> String { "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }

    @Test func validateFixesNameTheHomeAndRunOnIt() throws {
        let home = try brokenHome(suffix: " it's")
        let root = Self.quoted(home.root)
        let validate = try CLI.run(["--home", home.root, "validate", "--all", "--scenario", "16", "--no-self-test"], environment: environment)
        let fix = "wssconsole --home \(root) krb5 realm set OTHER.ORG --kdc HOST:PORT"
        #expect(validate.stdout.contains("fix: \(fix)\n"), "\(validate.all)")
        #expect(validate.stdout.contains("fix: Rename the service in one of the files, or remove one; wssconsole changes neither until then."),
                "\(validate.all)")
        let json = try CLI.run(["--home", home.root, "validate", "--service", "EchoProxy", "--scenario", "16", "--no-self-test", "--json"],
                               environment: environment)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])["findings"] as? [[String: Any]]
        #expect(findings?.contains { $0["fix"] as? String == fix } == true, "\(json.all)")

        // Pasted into a shell, as printed: it changes this home's krb5.conf, and the demo copy's not at all.
        let demoBefore = demo.text("conf/security/krb5.conf")
        let printed = try #require(validate.stdout.split(separator: "\n").first { $0.hasSuffix("krb5 realm set OTHER.ORG --kdc HOST:PORT") })
        let command = try #require(printed.components(separatedBy: "fix: wssconsole").last)
        let pasted = try Program.run("/bin/sh", ["-c", Self.quoted(CLI.path) + command.replacingOccurrences(of: "HOST:PORT", with: "127.0.0.1:88")],
                                     environment: environment)
        #expect(pasted.status == 0, "\(pasted.output)")
        #expect(try #require(home.text("conf/security/krb5.conf")).contains("OTHER.ORG = {"), "\(pasted.output)")
        #expect(demo.text("conf/security/krb5.conf") == demoBefore)
    }

    /// On the demo home's working copy the commands stay as they are: there they need no --home.
    @Test func onlyTheDemoCopyIsLeftWithoutHome() throws {
        let home = try brokenHome()
        let arguments = ["validate", "--service", "EchoProxy", "--scenario", "16", "--no-self-test"]
        let asDemo = try CLI.run(arguments, environment: ["WSSCONSOLE_DEMO_HOME": home.root])
        #expect(asDemo.stdout.contains("fix: wssconsole krb5 realm set OTHER.ORG --kdc HOST:PORT\n"), "\(asDemo.all)")
        let named = try CLI.run(["--home", home.root] + arguments, environment: ["WSSCONSOLE_DEMO_HOME": home.root])
        #expect(named.stdout == asDemo.stdout, "\(named.all)")
        let other = try CLI.run(["--home", home.root] + arguments, environment: environment)
        #expect(other.stdout.contains("fix: wssconsole --home \(home.root) krb5 realm set OTHER.ORG --kdc HOST:PORT\n"), "\(other.all)")
    }

    /// An error's fix names the home too, and the command it gives lists that home's services.
    @Test func anErrorsFixNamesTheHome() throws {
        let home = try brokenHome()
        let apply = try CLI.run(["--home", home.root, "apply", "--service", "NoSuch", "--scenario", "1"], environment: environment)
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("fix: `wssconsole --home \(home.root) services` lists them."), "\(apply.all)")
        let printed = try #require(apply.stderr.split(separator: "`").dropFirst().first)
        let listed = try CLI.run(printed.split(separator: " ").dropFirst().map(String.init), environment: environment)
        // Only this home defines OrderProxy twice.
        #expect(listed.status == 0 && listed.stdout.split(separator: "\n").filter { $0.hasPrefix("OrderProxy ") }.count == 2, "\(listed.all)")
    }

    /// The names that make `wssconsole NAME` a command are the CLI's subcommands, no more and no fewer.
    /// Hints the commands print themselves, besides findings and errors: a secret's old version kept in the history,
    /// a file not there yet. Each pasted acts on this home.
    @Test func printedHintsNameTheHome() throws {
        let home = try TempHome()
        let set = try CLI.run(["--home", home.root, "users", "set-password", "alice", "--password-env", "NEW_PASS"],
                              environment: environment.merging(["NEW_PASS": "alice-new-pass-1"]) { $1 })
        let forget = try #require(set.stdout.components(separatedBy: "remove it with: ").last?.split(separator: "\n").first.map(String.init), "\(set.all)")
        #expect(forget.hasPrefix("wssconsole --home \(home.root) history --forget "), "\(forget)")
        let run = try CLI.run(forget.split(separator: " ").dropFirst().map(String.init), environment: environment)
        #expect(run.status == 0 && run.stdout.contains("forgot "), "\(run.all)")
        try FileManager.default.removeItem(atPath: home.root + "/conf/security/krb5.conf")
        let show = try CLI.run(["--home", home.root, "krb5", "show"], environment: environment)
        #expect(show.stdout.contains("(wssconsole --home \(home.root) krb5 set-default-realm REALM creates it)"), "\(show.all)")
    }

    /// A service keystore that trusts no client: the fix's import, run with a client's certificate, clears it.
    @Test func theTrustFixImportsAClient() throws {
        let home = try TempHome()
        let base = ["--home", home.root]
        #expect(try CLI.run(base + ["keystore", "delete", "--entry", "keystore", "--alias", "client"], environment: environment).status == 0)
        #expect(try CLI.run(base + ["apply", "--service", "OrderProxy", "--scenario", "2"], environment: environment).status == 0)
        func fix() throws -> String? {
            let validate = try CLI.run(base + ["validate", "--service", "OrderProxy", "--no-self-test", "--json"], environment: environment)
            let findings = try #require(try JSONSerialization.jsonObject(with: Data(validate.stdout.utf8)) as? [String: Any])["findings"] as? [[String: Any]]
            return findings?.first { $0["code"] as? String == "keystore.noTrustedClients" }?["fix"] as? String
        }
        let text = try #require(try fix())
        let command = try #require(text.components(separatedBy: ": ").last?.dropLast().split(separator: " ").map(String.init), "\(text)")
        #expect(command.prefix(3) == ["wssconsole", "--home", home.root], "\(text)")
        #expect(try CLI.run(base + ["keystore", "export", "--keystore", home.root + "/keystores/wssdemo-client.p12", "--storepass-env", "PASS",
                                    "--alias", "client", "--out", home.root + "/client.pem"], environment: environment.merging(["PASS": "demo-client-pass"]) { $1 }).status == 0)
        let filled = command.dropFirst().map { $0 == "ALIAS" ? "client" : $0 == "CERT" ? home.root + "/client.pem" : $0 }
        let run = try CLI.run(filled, environment: environment)
        #expect(run.status == 0, "\(run.all)")
        #expect(try fix() == nil)
    }

    @Test func theCommandNamesAreTheCLIs() throws {
        let help = try CLI.run(["--help"], environment: ["COLUMNS": "80"])
        #expect(Set(HelpTextTests.subcommands(in: help.stdout)) == Home.commandNames, "\(help.stdout)")
    }
}
