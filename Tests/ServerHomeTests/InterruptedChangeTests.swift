import Foundation
import KeyMaterial
import Testing
@testable import ServerHome

/// What a run killed in the middle of a change leaves: history never claims a change that was not made, undo keeps
/// working, and the next write clears the leftovers.
@Suite struct InterruptedChangeTests {
    /// A keystore change planned the way `keystore genkey` plans it.
    func keystoreChange(_ t: TestHome, renaming alias: String, to new: String) throws -> Change {
        let service = try t.home.keystore(named: "service")
        return try t.home.planKeystoreEdit(service, password: try t.home.configuredPassword(of: service), summary: "rename \(alias)") {
            try $0.rename(alias: alias, to: new)
        }
    }

    @Test func aChangeKilledBeforeItsRenamesIsNotInTheHistory() throws {
        let t = try TestHome()
        let first = try t.home.commit(keystoreChange(t, renaming: "service", to: "one"))
        // Killed after keeping the history, before renaming anything into place.
        let killed = try keystoreChange(t, renaming: "one", to: "two")
        try History(home: t.home).keep(killed, record: ChangeRecord(id: "29990101T000000.000Z-1", change: killed, note: nil))
        #expect(t.home.history().map(\.id) == [first.id])
        #expect(try t.home.planUndo().summary.contains(first.id))
        // The next write forgets it.
        try t.home.commit(t.home.planUndo())
        #expect(!FileManager.default.fileExists(atPath: t.home.historyPath + "/29990101T000000.000Z-1"))
        #expect(t.home.history().count == 2)
    }

    @Test func aChangeKilledAfterItsRenamesIsRecorded() throws {
        let t = try TestHome()
        let change = try keystoreChange(t, renaming: "service", to: "one")
        let record = ChangeRecord(change: change, note: nil)
        try History(home: t.home).keep(change, record: record)
        let edit = try #require(change.edits.first)
        try Data(try #require(edit.after)).write(to: URL(fileURLWithPath: t.path(edit.path)))
        // Killed before the manifest was completed and the audit line written: the change is made all the same.
        #expect(t.home.history().map(\.id) == [record.id])
        try t.home.commit(t.home.planUndo())
        #expect(FileManager.default.fileExists(atPath: t.home.historyPath + "/\(record.id)/change.txt"))
        let log = try #require(t.text(".wssconsole/audit.log"))
        #expect(log.contains("change=\(record.id) ") && log.contains("interrupted"))
        #expect(FileManager.default.contents(atPath: t.path(edit.path)).map { [UInt8]($0) } == edit.before)
    }

    /// Scenario 2 on EchoProxy as a run killed between its two renames leaves it: kept in the history, its policy
    /// renamed into place, the definition not. Returns the policy's edit.
    private func halfWriteScenario2(_ t: TestHome) throws -> FileEdit {
        let change = try t.home.planApply(scenario: 2, to: "EchoProxy")
        try History(home: t.home).keep(change, record: ChangeRecord(change: change, note: nil))
        let policy = try #require(change.edits.first { $0.path.hasPrefix("conf/policies/") })
        try FileManager.default.createDirectory(atPath: t.path("conf/policies"), withIntermediateDirectories: true)
        try Data(try #require(policy.after)).write(to: URL(fileURLWithPath: t.path(policy.path)))
        return policy
    }

    @Test func aChangeKilledBetweenTwoRenamesIsRolledBack() throws {
        let t = try TestHome()
        let original = try #require(t.text("conf/services/EchoProxy.xml"))
        let policy = try halfWriteScenario2(t)
        #expect(t.home.history().isEmpty)
        #expect(t.home.halfWrittenChanges().first?.contains("\(policy.path) written, conf/services/EchoProxy.xml not") == true)
        // The next change puts it back, then is written: it was planned from none of the files put back.
        let record = try t.home.commit(t.home.planApply(scenario: 3, to: "OrderProxy"))
        #expect(record.putBackFirst.count == 1 && record.putBackFirst[0].contains("interrupted, was put back first: \(policy.path)"),
                "\(record.putBackFirst)")
        #expect(t.text(policy.path) == nil)
        #expect(t.text("conf/services/EchoProxy.xml") == original)
        #expect(t.text("conf/policies/OrderProxy.policy.xml") != nil)
        #expect(t.home.halfWrittenChanges().isEmpty)
        let log = try #require(t.text(".wssconsole/audit.log"))
        #expect(log.contains("rolledback=") && log.contains("files=\"\(policy.path)\""), "\(log)")
        #expect(t.home.history().map(\.id) == [record.id])
        #expect(FileSystem.list(t.home.historyPath).count == 1)
    }

    /// A change that edits a file the rollback put back is refused, as one that only read it is (below).
    @Test func aChangeOfAFilePutBackIsRefused() throws {
        let t = try TestHome()
        let original = try #require(t.text("conf/services/EchoProxy.xml"))
        let policy = try halfWriteScenario2(t)

        let other = try t.home.planApply(scenario: 3, to: "EchoProxy")
        #expect(other.edits.contains { $0.path == policy.path && $0.before == policy.after })
        #expect(throws: HomeError.self) { try t.home.commit(other) }
        #expect(t.text(policy.path) == nil && t.text("conf/services/EchoProxy.xml") == original)
        #expect(t.home.history().isEmpty)
    }

    /// The same scenario applied again after a run killed between its policy and its definition: that plan counted
    /// the policy the killed run wrote as there (it wrote only the definition), and the rollback then removed the
    /// policy, leaving a secured service that referenced no policy. Now that change is refused, and the next plan
    /// writes both files.
    @Test func applyingAgainAfterAKilledApplyNeverLeavesAServiceWithoutItsPolicy() throws {
        let t = try TestHome()
        let change = try t.home.planApply(scenario: 2, to: "EchoProxy")
        try History(home: t.home).keep(change, record: ChangeRecord(change: change, note: nil))
        let policy = try #require(change.edits.first { $0.path.hasPrefix("conf/policies/") })
        try FileManager.default.createDirectory(atPath: t.path("conf/policies"), withIntermediateDirectories: true)
        try Data(try #require(policy.after)).write(to: URL(fileURLWithPath: t.path(policy.path)))

        let again = try t.home.planApply(scenario: 2, to: "EchoProxy")
        #expect(again.edits.map(\.path) == ["conf/services/EchoProxy.xml"])
        do {
            try t.home.commit(again)
            Issue.record("a change planned on a half-written one was written")
        } catch {
            #expect(error.message.contains("interrupted, was put back first: it changed \(policy.path), which this change was planned from. "
                                           + "Nothing of this change was written."), "\(error.message)")
        }
        let retried = try t.home.planApply(scenario: 2, to: "EchoProxy")
        #expect(Set(retried.edits.map(\.path)) == [policy.path, "conf/services/EchoProxy.xml"])
        try t.home.commit(retried)
        let report = t.home.validate(try t.home.service(named: "EchoProxy"))
        #expect(!report.findings.contains { $0.severity == .error }, "\(report.findings)")
    }

    @Test func leftoversOfAKilledWriteAreNeitherListedNorKept() throws {
        let t = try TestHome()
        let service = try t.home.keystore(named: "service")
        let bytes = try #require(FileSystem.read(t.path(service.path)))
        let orphan = try FileSystem.writeTemporary(besides: t.path(service.path), bytes: bytes, mode: 0o600)
        let torn = t.home.historyPath + "/29990101T000000.000Z-1/before/keystores"
        try FileManager.default.createDirectory(atPath: torn, withIntermediateDirectories: true)
        usleep(20_000)
        // A copy of a keystore under a temporary name is no keystore of the home.
        #expect(try !t.home.keystores().contains { $0.path.contains(".tmp-") })
        try t.home.commit(keystoreChange(t, renaming: "service", to: "one"))
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(!FileManager.default.fileExists(atPath: t.home.historyPath + "/29990101T000000.000Z-1"))
        #expect(FileSystem.isTemporaryName((orphan as NSString).lastPathComponent))
        #expect(!FileSystem.isTemporaryName("wssdemo-service.p12") && !FileSystem.isTemporaryName(".tmp-abcdef"))
    }
}
