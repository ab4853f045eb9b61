import Foundation
import Testing
@testable import ServerHome
@testable import Console

/// A change a killed run left half written (the policy in place, the definition not): the console puts it back when
/// it opens the home, before anything is planned on those files, and says so in a dialog (the list's status line
/// would cut it); a read-only console says it is there.
/// Before, nothing said it, and the next apply planned from the half-written files.
@Suite struct InterruptedChangeScreenTests {
    /// The policy of scenario 2 for EchoProxy written, its definition not: what a kill between the two renames leaves.
    static func halfApply(_ root: String) throws {
        let home = try Home.open(root)
        let change = try home.planApply(scenario: 2, to: "EchoProxy")
        try History(home: home).keep(change, record: ChangeRecord(change: change, note: nil))
        let policy = try #require(change.edits.first { $0.path.hasPrefix("conf/policies/") })
        try FileManager.default.createDirectory(atPath: root + "/conf/policies", withIntermediateDirectories: true)
        try Data(try #require(policy.after)).write(to: URL(fileURLWithPath: root + "/" + policy.path))
    }

    @Test func theConsolePutsItBackAndSaysSo() throws {
        let t = try TestHome(prepare: Self.halfApply)
        let driver = ConsoleDriver(t)
        let screen = driver.screen(width: 80)
        #expect(screen.contains("A half-written change was put back") && screen.contains("conf/policies/EchoProxy.policy.xml"), "\(screen)")
        #expect(!FileManager.default.fileExists(atPath: t.path("conf/policies/EchoProxy.policy.xml")))
    }

    @Test func aReadOnlyConsoleSaysItIsThere() throws {
        let t = try TestHome(readOnly: true, prepare: Self.halfApply)
        let driver = ConsoleDriver(t)
        let screen = driver.screen(width: 80)
        #expect(screen.contains("A change is half written") && screen.contains("conf/policies/EchoProxy.policy.xml"), "\(screen)")
        #expect(FileManager.default.fileExists(atPath: t.path("conf/policies/EchoProxy.policy.xml")))
    }
}
