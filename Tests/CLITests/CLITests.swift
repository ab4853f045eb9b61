import Testing
import Foundation

@Suite struct CLITests {
    @Test func servicesAsJSONListsTheDemoServices() throws {
        let home = try TempHome()
        let result = try CLI.run(["services", "--json", "--home", home.root])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count >= 5)
        #expect(rows.contains { $0["name"] as? String == "CustomerDataService" && $0["kind"] as? String == "data-service" })
        #expect(rows.allSatisfy { $0["state"] as? String == "unsecured" })
    }

    /// `--home "$MI_HOME"` with the variable unset: bad usage, not the current directory's home.
    @Test func anEmptyHomeIsBadUsage() throws {
        let home = try TempHome()
        let inHome = Process()
        inHome.executableURL = URL(fileURLWithPath: CLI.path)
        inHome.arguments = ["apply", "--home", "", "--service", "EchoProxy", "--scenario", "1"]
        inHome.currentDirectoryURL = URL(fileURLWithPath: home.root)
        let err = Pipe()
        inHome.standardError = err
        inHome.standardOutput = Pipe()
        try inHome.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        inHome.waitUntilExit()
        #expect(inHome.terminationStatus == 2, "\(stderr)")
        #expect(stderr.contains("--home needs a directory"), "\(stderr)")
        // `--home=$UNSET history` would otherwise take the next argument as the home.
        let joined = try CLI.run(["--home=", "history"])
        #expect(joined.status == 2 && joined.stderr.contains("--home needs a directory"), "\(joined.all)")
        let listed = try CLI.run(["services", "--home", home.root, "--json", "--no-self-test"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first { $0["name"] as? String == "EchoProxy" }?["state"] as? String == "unsecured", "nothing was applied: \(listed.all)")
    }

    @Test func scenariosAsJSONHasAllSixteen() throws {
        let result = try CLI.run(["scenarios", "--json"])
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["number"] as? Int } == Array(1...16))
        #expect(rows[1]["wsuId"] as? String == "SigOnly")
    }

    @Test func undoUndoRedoAndTheHistoryList() throws {
        let home = try TempHome()
        for scenario in ["2", "5"] {
            #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", scenario]).status == 0)
        }
        #expect(try CLI.run(["undo", "--home", home.root]).stdout.contains("scenario 5"))
        #expect(try CLI.run(["undo", "--home", home.root]).stdout.contains("scenario 2"))
        let nothing = try CLI.run(["undo", "--home", home.root])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("Nothing to undo") && nothing.stderr.contains("wssconsole --home \(home.root) redo"), "\(nothing.all)")
        let redo = try CLI.run(["redo", "--home", home.root])
        #expect(redo.status == 0, "\(redo.all)")
        #expect(redo.stdout.hasPrefix("redo ") && redo.stdout.contains("scenario 2"), "\(redo.stdout)")
        let history = try CLI.run(["history", "--home", home.root])
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.filter { $0.contains("[undone by ") }.count == 2, "scenario 5 and the undo redo reverted: \(history.stdout)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["history", "--json", "--home", home.root]).stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["undoes"] as? String != nil)
        #expect(rows.compactMap { $0["undoneBy"] as? String }.count == 2)
    }

    /// `history --show ID`: who made a change, when and why, and its diff from the kept versions; an ID prefix two
    /// changes share names neither, for show as for undo.
    @Test func historyShowsOneChangeWithItsDiff() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2", "--note", "ticket OPS-7"]).status == 0)
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["history", "--json", "--home", home.root]).stdout.utf8)) as? [[String: Any]])
        let undo = try #require(rows.first?["id"] as? String), apply = try #require(rows.last?["id"] as? String)
        let shown = try CLI.run(["history", "--home", home.root, "--show", String(apply.prefix(apply.count - 2))])
        #expect(shown.status == 0, "\(shown.all)")
        #expect(shown.stdout.contains(/\nby \S+ on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\n/), "\(shown.stdout)")
        for line in ["change \(apply)", "apply scenario 2 (Non-repudiation) to OrderProxy", "note: ticket OPS-7", "undone by change \(undo)",
                     "+++ b/conf/services/OrderProxy.xml", "+++ b/conf/policies/OrderProxy.policy.xml", "+    <policy key="] {
            #expect(shown.stdout.contains(line), "\(line): \(shown.stdout)")
        }
        let reverted = try CLI.run(["history", "--home", home.root, "--show", undo])
        #expect(reverted.stdout.contains("reverts change \(apply)") && reverted.stdout.contains("-    <policy key="), "\(reverted.stdout)")
        let shared = String(zip(undo, apply).prefix { $0 == $1 }.map(\.0))
        for command in [["history", "--show", shared], ["undo", shared]] {
            let ambiguous = try CLI.run(command + ["--home", home.root])
            #expect(ambiguous.status == 1 && ambiguous.stderr.contains("names 2 changes: \(undo), \(apply)"), "\(command): \(ambiguous.all)")
        }
    }

    @Test func applyThenPolicyShowThenServices() throws {
        let home = try TempHome()
        let apply = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"])
        #expect(apply.status == 0, "\(apply.stderr)")
        #expect(apply.stdout.contains("conf/policies/OrderProxy.policy.xml"))
        let show = try CLI.run(["policy", "show", "--home", home.root, "--service", "OrderProxy"])
        #expect(show.status == 0)
        #expect(show.stdout == home.text("conf/policies/OrderProxy.policy.xml"))
        #expect(show.stdout.contains("wsu:Id=\"SigEncr\""))
        let list = try CLI.run(["services", "--home", home.root])
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("OrderProxy") && $0.contains("5 Sign and Encrypt") })
    }

    /// The state column includes the self-test, as `validate` and the console's list do: a client key the service does
    /// not trust fails the exchange (ERROR), where the checks alone only warn.
    @Test func servicesStateIncludesTheSelfTest() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "5"]).status == 0)
        let genkey = try CLI.run(["keystore", "genkey", "--home", home.root, "--entry", "client", "--alias", "stranger", "--keyalg", "ec",
                                  "--keysize", "256", "--dname", "CN=stranger", "--storepass-env", "CPW"], environment: ["CPW": "demo-client-pass"])
        try #require(genkey.status == 0, "\(genkey.all)")
        let settings = try #require(home.text("conf/console.toml"))
        #expect(settings.contains("alias = \"client\""))
        try settings.replacingOccurrences(of: "alias = \"client\"", with: "alias = \"stranger\"")
            .write(toFile: home.root + "/conf/console.toml", atomically: true, encoding: .utf8)
        func state(_ result: CLI.Result) -> String? {
            result.stdout.split(separator: "\n").first { $0.hasPrefix("OrderProxy") }?.split(separator: " ").last.map(String.init)
        }
        #expect(state(try CLI.run(["services", "--home", home.root])) == "ERROR")
        #expect(state(try CLI.run(["services", "--no-self-test", "--home", home.root])) == "warn")
    }

    /// Under --json a failure is JSON on standard output too, so that a script reads one format.
    @Test func aFailureUnderJSONIsJSON() throws {
        let home = try TempHome()
        let bad = home.root + "/bad.xml"
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: bad))
        for (arguments, code) in [(["policy", "check", bad, "--json"], "failed"),
                                  (["validate", "--home", home.root, "--service", "Nope", "--json"], "serviceNotFound"),
                                  (["userstore", "test", "--home", home.root, "--json"], "notConfigured"),
                                  (["services", "--home", home.root, "--json", "--bogus"], "usage")] {
            let result = try CLI.run(arguments)
            #expect(result.status == (code == "usage" ? 2 : 1), "\(result.all)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: String]]
            #expect(object?["error"]?["code"] == code && object?["error"]?["message"]?.isEmpty == false, "\(result.stdout)")
            #expect(result.stderr.hasPrefix(code == "usage" ? "Error: " : "wssconsole: "), "\(result.stderr)")
        }
    }

    @Test func exitCodesSeparateFailureFromBadUsage() throws {
        let home = try TempHome()
        let unknownScenario = try CLI.run(["apply", "--home", home.root, "--service", "EchoProxy", "--scenario", "17"])
        #expect(unknownScenario.status == 2)
        #expect(unknownScenario.stderr.contains("scenarios are numbered 1 to 16"))
        #expect(try CLI.run(["frobnicate"]).status == 2)
        let unknownService = try CLI.run(["apply", "--home", home.root, "--service", "Nope", "--scenario", "2"])
        #expect(unknownService.status == 1)
        #expect(unknownService.stderr.contains("No service named Nope"))
        let missingHome = try CLI.run(["services", "--home", "/nonexistent/home"])
        #expect(missingHome.status == 1)
        #expect(missingHome.stderr.contains("No such folder: /nonexistent/home"))
        let notSecured = try CLI.run(["policy", "show", "--home", home.root, "--service", "EchoProxy"])
        #expect(notSecured.status == 1)
        #expect(notSecured.stderr.contains("EchoProxy has no policy"))
    }

    /// The client secures requests and verifies responses, the service the other way round; anything else is bad usage.
    @Test func aRoleAndDirectionTheCommandCannotDoIsBadUsage() throws {
        let home = try TempHome()
        for (verb, role, direction, says) in [("secure", "client", "response", "The client secures requests, not responses"),
                                              ("secure", "service", "request", "The service secures responses, not requests"),
                                              ("verify", "client", "request", "The client verifies responses, not requests"),
                                              ("verify", "service", "response", "The service verifies requests, not responses")] {
            let result = try CLI.run(["message", verb, "--home", home.root, "--service", "OrderProxy", "--role", role,
                                      "--direction", direction, "--request", "req.xml", "in.xml", "out.xml"])
            #expect(result.status == 2 && result.stderr.contains(says), "\(verb) \(role) \(direction): \(result.all)")
        }
    }

    @Test func aFileThatCannotBeReadIsNamedWithTheReason() throws {
        let home = try TempHome()
        let missing = try CLI.run(["policy", "check", home.root + "/no-such.policy.xml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("cannot read \(home.root)/no-such.policy.xml: no such file"), "\(missing.stderr)")
        let folder = try CLI.run(["policy", "check", home.root + "/conf"])
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("cannot read \(home.root)/conf: it is a folder"), "\(folder.stderr)")
        let garbage = home.root + "/garbage.xml"
        try Data([0x8f, 0x01, 0xfe, 0x20, 0x41]).write(to: URL(fileURLWithPath: garbage))
        let notXML = try CLI.run(["policy", "check", garbage])
        #expect(notXML.status == 1 && notXML.stderr.contains("\(garbage): line 1: ") && !notXML.stderr.contains("line 1: line 1"), "\(notXML.stderr)")
        // Root reads anything, so the unreadable file is tried as nobody.
        let secret = home.root + "/conf/policy-0600.xml"
        #expect(FileManager.default.createFile(atPath: secret, contents: Data("<wsp:Policy/>".utf8), attributes: [.posixPermissions: 0o600]))
        chmod(home.root, 0o755)
        let denied = try CLI.run(["policy", "check", secret], asUser: getuid() == 0 ? 65534 : nil)
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("cannot read \(secret): permission denied"), "\(denied.stderr)")
    }

    @Test func aReadOnlyConfFailsClearlyAndWritesNothing() throws {
        let home = try TempHome()
        // Root ignores permissions, so the write is attempted as nobody on a home nobody may read but not write.
        let nobody = getuid() == 0 ? 65534 : nil
        chmod(home.root, 0o777)   // the history folder may be created; conf/ may not be written
        let before = home.text("conf/services/StockQuoteProxy.xml")
        for dir in ["conf", "conf/services", "conf/policies"] { chmod(home.root + "/" + dir, 0o555) }
        defer { for dir in ["conf", "conf/services", "conf/policies"] { chmod(home.root + "/" + dir, 0o755) } }
        let result = try CLI.run(["apply", "--home", home.root, "--service", "StockQuoteProxy", "--scenario", "3"], asUser: nobody)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Cannot"), "\(result.stderr)")
        #expect(home.text("conf/services/StockQuoteProxy.xml") == before)
        #expect(home.text("conf/policies/StockQuoteProxy.policy.xml") == nil)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: home.root + "/conf/services")) ?? []
        #expect(!leftovers.contains { $0.contains(".tmp-") })
    }

    @Test func noTerminalGivesAClearMessage() throws {
        let home = try TempHome()
        let result = try CLI.run(["--home", home.root])
        #expect(result.status == 1)
        #expect(result.stderr.contains("terminal"))
    }

    @Test func demoCopyIsMadeOnFirstUseAndReset() throws {
        let state = NSTemporaryDirectory() + "wssconsole-demo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["WSSCONSOLE_DEMO_HOME": state, "WSSCONSOLE_DEMO_SOURCE": CLI.repository]
        #expect(try CLI.run(["demo", "path"], environment: env).stdout == state + "\n")
        #expect(try CLI.run(["apply", "--service", "EchoProxy", "--scenario", "4"], environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: state + "/conf/policies/EchoProxy.policy.xml"))
        #expect(!FileManager.default.fileExists(atPath: CLI.repository + "/conf/policies/EchoProxy.policy.xml"))
        #expect(try CLI.run(["demo", "reset"], environment: env).status == 0)
        #expect(!FileManager.default.fileExists(atPath: state + "/conf/policies/EchoProxy.policy.xml"))
    }

    /// Without the demo's files the fix names what finds them (the build's source tree, WSSCONSOLE_DEMO_SOURCE), not
    /// the folder the command runs from, which does not matter.
    @Test func aMissingDemoSourceSaysHowItIsFound() throws {
        let state = NSTemporaryDirectory() + "wssconsole-demo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["WSSCONSOLE_DEMO_HOME": state, "WSSCONSOLE_DEMO_SOURCE": state + "-nowhere"]
        let result = try CLI.run(["services"], environment: env)
        #expect(result.status != 0 && result.stderr.contains("are not at \(state)-nowhere"), "\(result.all)")
        #expect(result.stderr.contains("source tree it was built from; set WSSCONSOLE_DEMO_SOURCE"), "\(result.all)")
        #expect(!result.stderr.contains("Run from"), "\(result.all)")
    }

    /// `demo generate --into DIR` on a fresh DIR failed on its missing keystores/, and with keystores/ made by hand
    /// wrote the keystores and then failed on conf/.
    @Test func demoGenerateMakesItsFolders() throws {
        let root = NSTemporaryDirectory() + "wssconsole-generate-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        // DIR is made, its parent must exist (DemoCommandTests: a typo made a tree in the wrong place).
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: false)
        let into = root + "/new-home"
        let result = try CLI.run(["demo", "generate", "--into", into])
        #expect(result.status == 0, "\(result.all)")
        for file in ["keystores/wssdemo-service.p12", "keystores/wssdemo-client.p12", "conf/userstore.xml"] {
            #expect(FileManager.default.fileExists(atPath: into + "/" + file), "\(file)")
        }
    }
}
