import Foundation
import Testing

/// A write killed (SIGKILL) at an exact point, then the next write, of another file in another folder: it settles
/// what the killed run left, so nothing of it stays behind (a temporary can hold a secret: a clear digest password,
/// a keystore under its new password).
@Suite struct KilledWriteSettleTests {
    func leftovers(_ home: TempHome) -> [String] {
        (FileManager.default.enumerator(atPath: home.root)?.compactMap { $0 as? String } ?? [])
            .filter { ($0 as NSString).lastPathComponent.contains(".tmp-") }
    }

    func incomplete(_ home: TempHome) -> [String] {
        let history = home.root + "/.wssconsole/history"
        return ((try? FileManager.default.contentsOfDirectory(atPath: history)) ?? [])
            .filter { !FileManager.default.fileExists(atPath: history + "/" + $0 + "/change.txt") }
    }

    /// Killed while keeping the history: the next write, elsewhere, leaves neither temporaries nor a torn record.
    @Test(arguments: [
        ["apply", "--service", "OrderProxy", "--scenario", "5"],
        ["users", "set-password", "alice", "--allow-digest", "--password-env", "PW"],
    ])
    func aRunKilledWhileKeepingHistoryLeavesNothingAfterTheNextWrite(_ command: [String]) throws {
        let home = try TempHome()
        let before = ["conf/services/OrderProxy.xml", "conf/userstore.xml", "conf/userstore.digest-secrets"].map(home.data)
        let killed = try KillAtRename.run(command + ["--home", home.root], killedAt: "/.wssconsole/history/", environment: ["PW": "Secret-pass-42"])
        #expect(killed.status == SIGKILL, "\(killed.all)")

        let next = try CLI.run(["krb5", "set-default-realm", "NEXT.ORG", "--home", home.root])
        #expect(next.status == 0, "\(next.all)")
        #expect(leftovers(home).isEmpty, "\(leftovers(home))")
        #expect(incomplete(home).isEmpty, "\(incomplete(home))")
        #expect(["conf/services/OrderProxy.xml", "conf/userstore.xml", "conf/userstore.digest-secrets"].map(home.data) == before)
        let history = try CLI.run(["history", "--home", home.root])
        #expect(history.stdout.split(separator: "\n").count == 1 && history.stdout.contains("NEXT.ORG"), "\(history.all)")
    }

    /// Killed after every file is in place and the audit line written, before the record is completed: the next
    /// write records it (its audit line once), and undo reverts it.
    @Test func aRunKilledBeforeCompletingItsRecordIsRecordedByTheNextWrite() throws {
        let home = try TempHome()
        let original = home.data("conf/services/OrderProxy.xml")
        let killed = try KillAtRename.run(["apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root], killedAt: "/change.txt")
        #expect(killed.status == SIGKILL, "\(killed.all)")
        #expect(try CLI.run(["krb5", "set-default-realm", "NEXT.ORG", "--home", home.root]).status == 0)
        #expect(incomplete(home).isEmpty && leftovers(home).isEmpty)
        let log = try #require(home.text(".wssconsole/audit.log"))
        #expect(log.components(separatedBy: "scenario 5").count == 2, "\(log)")
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(try CLI.run(["undo", "--home", home.root]).status == 0)
        #expect(home.data("conf/services/OrderProxy.xml") == original)
        #expect(home.data("conf/policies/OrderProxy.policy.xml") == nil)
    }

    /// Ctrl-C or kill (not -9) between the policy's rename and the definition's: the change is finished first (both
    /// files, its history record and audit line), then the signal ends the run as it would have. It left the change
    /// half written.
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalInTheMiddleOfAChangeWaitsForItToBeWhole(signal: Int32) throws {
        let home = try TempHome()
        let apply = ["apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root]
        let interrupted = try KillAtRename.run(apply, killedAt: home.root + "/conf/services/OrderProxy.xml", signal: signal)
        #expect(interrupted.status == signal, "\(interrupted.all)")
        #expect(home.text("conf/services/OrderProxy.xml")?.contains("OrderProxy.policy.xml") == true)
        #expect(home.data("conf/policies/OrderProxy.policy.xml") != nil)
        #expect(incomplete(home).isEmpty && leftovers(home).isEmpty)
        let history = try CLI.run(["history", "--home", home.root])
        #expect(history.stdout.contains("scenario 5") && !history.all.contains("half written"), "\(history.all)")
    }

    /// Killed between the policy's rename and the definition's, then the same apply again: it was planned with the
    /// killed run's policy counted as there, and wrote only the definition after that policy was rolled back, so the
    /// service referenced a policy that did not exist (exit 0, "validation: ERROR"). Now every command says the
    /// change is half written, the next apply puts it back and writes nothing, and the one after writes both.
    @Test func applyingAgainAfterAKillBetweenTwoFilesSecuresTheService() throws {
        let home = try TempHome()
        let files = ["conf/services/OrderProxy.xml", "conf/policies/OrderProxy.policy.xml"]
        let before = files.map(home.data)
        let apply = ["apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root]
        let killed = try KillAtRename.run(apply, killedAt: home.root + "/conf/services/OrderProxy.xml")
        #expect(killed.status == SIGKILL, "\(killed.all)")
        #expect(home.data(files[0]) == before[0] && home.data(files[1]) != nil, "the policy is written, the definition not")

        let services = try CLI.run(["services", "--home", home.root, "--no-self-test"])
        #expect(services.stderr.contains("warning: change ") && services.stderr.contains("was left half written"), "\(services.all)")
        let refused = try CLI.run(apply)
        #expect(refused.status == 1 && refused.stderr.contains("interrupted, was put back first: it changed conf/policies/OrderProxy.policy.xml, "
                                                                 + "which this change was planned from. Nothing of this change was written.")
                && refused.stderr.contains("Run it again"), "\(refused.all)")
        #expect(files.map(home.data) == before)
        #expect(try #require(home.text(".wssconsole/audit.log")).contains("rolledback="))

        let applied = try CLI.run(apply)
        #expect(applied.status == 0 && applied.stdout.contains("created conf/policies/OrderProxy.policy.xml")
                && applied.stdout.contains("updated conf/services/OrderProxy.xml"), "\(applied.all)")
        #expect(!applied.all.contains("half written"), "\(applied.all)")
        #expect(try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"]).status == 0)
    }
}

extension KilledWriteSettleTests {
    /// Killed between OrderProxy's policy and its definition, then an apply to PaymentProxy: it reads none of the
    /// files put back, so it was refused for nothing ("Nothing was written"). Now OrderProxy is put back first, said
    /// on stderr, and PaymentProxy's change is written.
    @Test func anUnrelatedChangeAfterAKillBetweenTwoFilesIsWritten() throws {
        let home = try TempHome()
        let order = ["conf/services/OrderProxy.xml", "conf/policies/OrderProxy.policy.xml"]
        let before = order.map(home.data)
        let killed = try KillAtRename.run(["apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root],
                                          killedAt: home.root + "/conf/services/OrderProxy.xml")
        #expect(killed.status == SIGKILL, "\(killed.all)")
        #expect(home.data(order[1]) != nil)

        let applied = try CLI.run(["apply", "--service", "PaymentProxy", "--scenario", "2", "--home", home.root])
        #expect(applied.status == 0 && applied.stdout.contains("created conf/policies/PaymentProxy.policy.xml")
                && applied.stdout.contains("updated conf/services/PaymentProxy.xml"), "\(applied.all)")
        #expect(applied.stderr.contains("(apply scenario 5 (") && applied.stderr.contains("interrupted, was put back first: \(order[1])")
                && !applied.all.contains("Nothing"), "\(applied.all)")
        #expect(order.map(home.data) == before)
        #expect(incomplete(home).isEmpty && leftovers(home).isEmpty)
        #expect(try #require(home.text(".wssconsole/audit.log")).contains("rolledback="))
        let history = try CLI.run(["history", "--home", home.root])
        #expect(history.stdout.split(separator: "\n").count == 1 && history.stdout.contains("PaymentProxy"), "\(history.all)")
        #expect(try CLI.run(["validate", "--home", home.root, "--service", "PaymentProxy"]).status == 0)
    }

    /// `history --forget` killed while removing the change's kept versions: the change is gone from the history (not
    /// listed with half its versions, which undo could not use), the log says it was forgotten, and the next write
    /// removes the rest.
    @Test func aForgetKilledWhileRemovingLeavesNoHalfChange() throws {
        let home = try TempHome()
        #expect(try CLI.run(["apply", "--service", "OrderProxy", "--scenario", "5", "--home", home.root]).status == 0)
        let id = try #require(try CLI.run(["history", "--home", home.root]).stdout.split(separator: " ").first.map(String.init))
        let killed = try KillAtRename.run(["history", "--forget", id, "--home", home.root], killedAt: "/before/", call: "unlink")
        #expect(killed.status == SIGKILL, "\(killed.all)")
        #expect(try CLI.run(["history", "--home", home.root]).stdout == "no changes yet\n")
        #expect(try #require(home.text(".wssconsole/audit.log")).contains("forgot=\(id) "))
        #expect(try CLI.run(["krb5", "set-default-realm", "NEXT.ORG", "--home", home.root]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.root + "/.wssconsole/history").count == 1)
    }
}
