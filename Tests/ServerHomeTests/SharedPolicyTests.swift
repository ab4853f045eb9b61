import Testing
import Foundation
@testable import ServerHome

/// A policy file two proxies use (one registry policy reused, as MI developers do): a change through one of them
/// never rewrites or deletes it under the other.
@Suite struct SharedPolicyTests {
    static let proxies = "repository/deployment/server/synapse-configs/default/proxy-services"
    static let key = "conf:wssconsole/policies/QuoteProxy.policy.xml"
    static let policy = "registry/config/wssconsole/policies/QuoteProxy.policy.xml"

    /// QuoteProxy secured with scenario 1, and OrderProxy pointed at QuoteProxy's policy file by `key`.
    func sharedHome(key: String = SharedPolicyTests.key) throws -> (MicroIntegratorHome, Home) {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 1, to: "QuoteProxy"))
        try share(mi, key: key)
        return (mi, home)
    }

    /// Writes proxy `name` referencing the policy `key`.
    func share(_ mi: MicroIntegratorHome, key: String = SharedPolicyTests.key, as name: String = "OrderProxy") throws {
        try mi.write("\(Self.proxies)/\(name).xml", """
        <proxy xmlns="http://ws.apache.org/ns/synapse" name="\(name)" transports="https">
            <target><inSequence><respond/></inSequence></target>
            <policy key="\(key)"/>
            <enableSec/>
        </proxy>

        """)
    }

    func error(_ body: () throws -> Void) -> HomeError? {
        do { try body(); return nil } catch { return error as? HomeError }
    }

    /// OrderProxy still has scenario 1 through the shared file, which reads as it did.
    func expectOrderProxyKeepsItsPolicy(_ home: Home, _ mi: MicroIntegratorHome, _ policy: String?, key: String = SharedPolicyTests.key) throws {
        #expect(mi.text(Self.policy) == policy)
        #expect(try home.service(named: "OrderProxy").security == .scenario(1, policyKey: key))
        #expect(try home.policyText(for: "OrderProxy").contains("UTOverTransport"))
        let findings = home.validate(try home.service(named: "OrderProxy")).findings.map(\.code)
        #expect(!findings.contains("policy.unreadable") && !findings.contains("policy.invalid"), "\(findings)")
    }

    @Test func applyingAScenarioIsRefusedBeforeRewritingAnotherServicesPolicy() throws {
        let (mi, home) = try sharedHome()
        let policy = mi.text(Self.policy)
        let refused = error { _ = try home.planApply(scenario: 3, to: "QuoteProxy") }
        #expect(refused?.code == .policyShared)
        #expect(refused?.message.contains("OrderProxy also uses \(Self.key)") == true, "\(String(describing: refused))")
        #expect(refused?.message.contains("would rewrite it and change OrderProxy's security too") == true)
        #expect(refused?.fix.contains("wssconsole apply --service OrderProxy --policy \(mi.root)/\(Self.policy)") == true)
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
    }

    @Test func applyingACustomPolicyIsRefusedToo() throws {
        let (mi, home) = try sharedHome()
        let policy = mi.text(Self.policy)
        let custom = try home.policyText(for: "QuoteProxy").replacingOccurrences(of: "UTOverTransport", with: "OwnPolicy")
        let refused = error { _ = try home.planApplyPolicy(bytes: Array(custom.utf8), to: "QuoteProxy") }
        #expect(refused?.code == .policyShared && refused?.message.contains("OrderProxy") == true, "\(String(describing: refused))")
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
    }

    /// The fix the refusal gives works: OrderProxy gets its own copy, then QuoteProxy's change goes through.
    @Test func theFixGivesTheOtherServiceItsOwnCopy() throws {
        let (mi, home) = try sharedHome()
        let refused = try #require(error { _ = try home.planApply(scenario: 3, to: "QuoteProxy") })
        #expect(refused.fix.contains("--policy \(mi.root)/\(Self.policy)"))
        try home.commit(home.planApplyPolicy(file: "\(mi.root)/\(Self.policy)", to: "OrderProxy").change)
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        #expect(try home.service(named: "OrderProxy").security == .scenario(1, policyKey: "conf:wssconsole/policies/OrderProxy.policy.xml"))
        #expect(try home.service(named: "QuoteProxy").security == .scenario(3, policyKey: Self.key))
    }

    @Test func removingSecurityKeepsThePolicyFileAndSaysSo() throws {
        let (mi, home) = try sharedHome()
        let policy = mi.text(Self.policy)
        let change = try home.planRemoveSecurity(from: "QuoteProxy")
        #expect(change.edits.map(\.path) == ["\(Self.proxies)/QuoteProxy.xml"])
        #expect(change.notes == ["kept \(Self.key): OrderProxy still uses it"])
        try home.commit(change)
        #expect(try home.service(named: "QuoteProxy").security == .unsecured)
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
        // Undoing the removal points QuoteProxy at the kept file again.
        try home.commit(home.planUndo())
        #expect(try home.service(named: "QuoteProxy").security == .scenario(1, policyKey: Self.key))
    }

    /// A key spelled another way (a leading slash, a doubled one) names the same file.
    @Test func aKeySpelledAnotherWayIsTheSameFile() throws {
        let key = "conf:/wssconsole//policies/QuoteProxy.policy.xml"
        let (mi, home) = try sharedHome(key: key)
        let change = try home.planRemoveSecurity(from: "QuoteProxy")
        #expect(change.notes == ["kept \(key): OrderProxy still uses it"])
        #expect(error { _ = try home.planApply(scenario: 3, to: "QuoteProxy") }?.code == .policyShared)
        #expect(mi.text(Self.policy) != nil)
    }

    @Test func undoingTheApplyKeepsThePolicyFileAndRedoPutsTheReferenceBack() throws {
        let (mi, home) = try sharedHome()
        let policy = mi.text(Self.policy)
        let undo = try home.planUndo()
        #expect(undo.notes == ["kept \(Self.key): OrderProxy still uses it"])
        #expect(!undo.edits.contains { $0.path == Self.policy })
        try home.commit(undo)
        #expect(try home.service(named: "QuoteProxy").security == .unsecured)
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
        try home.commit(home.planRedo())
        #expect(try home.service(named: "QuoteProxy").security == .scenario(1, policyKey: Self.key))
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
    }

    /// Undoing scenario 3 would put scenario 1's policy back, under OrderProxy too.
    @Test func anUndoThatWouldRewriteTheSharedFileIsRefused() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 1, to: "QuoteProxy"))
        try home.commit(home.planApply(scenario: 3, to: "QuoteProxy"))
        try share(mi)
        let policy = mi.text(Self.policy)
        let refused = error { _ = try home.planUndo() }
        #expect(refused?.code == .policyShared)
        #expect(refused?.message.contains("OrderProxy also uses \(Self.key)") == true, "\(String(describing: refused))")
        #expect(mi.text(Self.policy) == policy)
        #expect(try home.service(named: "OrderProxy").security == .scenario(3, policyKey: Self.key))
    }

    /// A redo that would delete the file (putting back a removal) keeps it as well.
    @Test func aRedoKeepsTheSharedFile() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 1, to: "QuoteProxy"))
        try home.commit(home.planRemoveSecurity(from: "QuoteProxy"))
        try home.commit(home.planUndo())
        try share(mi)
        let policy = mi.text(Self.policy)
        let redo = try home.planRedo()
        #expect(redo.notes == ["kept \(Self.key): OrderProxy still uses it"])
        try home.commit(redo)
        #expect(try home.service(named: "QuoteProxy").security == .unsecured)
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
    }

    /// A file another service names but that does not exist is not created under it either.
    @Test func creatingAFileAnotherServiceNamesIsRefused() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try share(mi)
        let refused = error { _ = try home.planApply(scenario: 2, to: "QuoteProxy") }
        #expect(refused?.code == .policyShared && refused?.message.contains("would create it") == true, "\(String(describing: refused))")
        #expect(refused?.fix.contains("Give OrderProxy its own policy first") == true, "\(String(describing: refused))")
        #expect(mi.text(Self.policy) == nil)
    }

    /// A reference added after the plan was made: the write refuses it under the lock and writes nothing.
    @Test func theWriteChecksAgainForAReferenceAddedSinceThePlan() throws {
        let mi = try MicroIntegratorHome()
        let home = try Home.open(mi.root)
        try home.commit(home.planApply(scenario: 1, to: "QuoteProxy"))
        let definition = mi.text("\(Self.proxies)/QuoteProxy.xml")
        let policy = mi.text(Self.policy)
        let removal = try home.planRemoveSecurity(from: "QuoteProxy")
        #expect(removal.edits.contains { $0.path == Self.policy && $0.isDeletion })
        try share(mi)
        let refused = error { try home.commit(removal) }
        #expect(refused?.code == .policyShared && refused?.message.contains("would delete it") == true, "\(String(describing: refused))")
        #expect(mi.text("\(Self.proxies)/QuoteProxy.xml") == definition)
        try expectOrderProxyKeepsItsPolicy(home, mi, policy)
        #expect(home.history().count == 1)
    }

    /// Two other services are both named.
    @Test func everyServiceUsingTheFileIsNamed() throws {
        let (mi, home) = try sharedHome()
        try share(mi, as: "AuditProxy")
        #expect(try home.planRemoveSecurity(from: "QuoteProxy").notes == ["kept \(Self.key): AuditProxy and OrderProxy still use it"])
        let refused = error { _ = try home.planApply(scenario: 3, to: "QuoteProxy") }
        #expect(refused?.message.hasPrefix("AuditProxy and OrderProxy also use \(Self.key)") == true, "\(String(describing: refused))")
    }
}
