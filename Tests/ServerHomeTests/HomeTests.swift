import Testing
import Foundation
import WSSecurity
@testable import ServerHome

@Suite struct HomeTests {
    func code(_ body: () throws -> Void) -> HomeError.Code? {
        do { try body(); return nil } catch { return (error as? HomeError)?.code }
    }

    @Test func openTellsWhatIsWrong() throws {
        #expect(code { _ = try Home.open("/nonexistent/wssconsole-home") } == .homeNotFound)
        let empty = NSTemporaryDirectory() + "empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(code { _ = try Home.open(empty) } == .notAHome)
        let file = empty + "/file"
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        #expect(code { _ = try Home.open(file) } == .homeUnreadable)
    }

    @Test func demoHomeListsItsServicesOfSeveralKinds() throws {
        let t = try TestHome()
        let services = t.home.services()
        #expect(services.count >= 5)
        #expect(services.contains { $0.name == "EchoProxy" && $0.kind == .proxy })
        #expect(services.contains { $0.kind == .dataService })
        #expect(services.allSatisfy { $0.problem == nil })
        #expect(try t.home.settings().demo)
    }

    @Test func malformedDefinitionIsListedWithItsErrorAndTheRestStillLoad() throws {
        let t = try TestHome()
        try t.write("conf/services/Broken.xml", "<proxy xmlns=\"http://ws.apache.org/ns/synapse\" name=\"Broken\">\n<target>\n</proxy>\n")
        let services = t.home.services()
        let broken = try #require(services.first { $0.name == "Broken" })
        #expect(broken.problem?.contains("line 3") == true)
        #expect(t.home.validate(broken).state == .broken)
        #expect(services.filter { $0.problem == nil }.count == services.count - 1)
        #expect(code { _ = try t.home.planApply(scenario: 2, to: "Broken") } == .serviceUnreadable)
    }

    @Test func applyWritesThePolicyAndReferencesIt() throws {
        let t = try TestHome()
        let before = try #require(t.text("conf/services/EchoProxy.xml"))
        let change = try t.home.planApply(scenario: 2, to: "EchoProxy")
        #expect(change.edits.map(\.path) == ["conf/policies/EchoProxy.policy.xml", "conf/services/EchoProxy.xml"])
        // Planning writes nothing.
        #expect(t.text("conf/policies/EchoProxy.policy.xml") == nil)
        let record = try t.home.commit(change)

        let policy = try PolicyReader.read(Array(try #require(t.text("conf/policies/EchoProxy.policy.xml")).utf8))
        #expect(policy.id == "SigOnly")
        #expect(policy.rampart?.user == "service")
        let definition = try #require(t.text("conf/services/EchoProxy.xml"))
        #expect(definition.contains("<policy key=\"conf:policies/EchoProxy.policy.xml\"/>"))
        #expect(definition.contains("<enableSec/>"))
        // Only the two new lines differ: the rest of the definition is byte for byte the same.
        let added = Set(definition.split(separator: "\n")).subtracting(before.split(separator: "\n"))
        #expect(added.count == 2)
        #expect(try t.home.service(named: "EchoProxy").security == .scenario(2, policyKey: "conf:policies/EchoProxy.policy.xml"))
        // The previous definition is kept in the history.
        let kept = t.home.historyPath + "/\(record.id)/before/conf/services/EchoProxy.xml"
        #expect(FileManager.default.contents(atPath: kept).map { String(decoding: $0, as: UTF8.self) } == before)
        #expect(try t.home.policyText(for: "EchoProxy").contains("SigOnly"))
    }

    @Test func reapplyingReplacesThePolicyAndKeepsAllowedRoles() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 7, to: "PaymentProxy", options: ScenarioOptions(allowedRoles: ["admin", "operator"])))
        try t.home.commit(t.home.planApply(scenario: 8, to: "PaymentProxy"))
        let policy = try PolicyReader.read(Array(try #require(t.text("conf/policies/PaymentProxy.policy.xml")).utf8))
        #expect(policy.id == "SgnEncrUsername")
        #expect(policy.carbon?.allowedRoles == ["admin", "operator"])
        let definition = try #require(t.text("conf/services/PaymentProxy.xml"))
        #expect(definition.components(separatedBy: "<policy ").count == 2)
        #expect(definition.components(separatedBy: "<enableSec/>").count == 2)
    }

    @Test func dataServicesAreSecuredTheSameWay() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 8, to: "CustomerDataService"))
        let dbs = try #require(t.text("conf/services/CustomerDataService.dbs"))
        #expect(dbs.contains("    <policy key=\"conf:policies/CustomerDataService.policy.xml\"/>\n    <enableSec/>\n</data>"))
        #expect(try t.home.service(named: "CustomerDataService").security.policyKey != nil)
    }

    @Test func unknownScenarioAndServiceAreClearErrors() throws {
        let t = try TestHome()
        #expect(code { _ = try t.home.planApply(scenario: 17, to: "EchoProxy") } == .unknownScenario)
        #expect(code { _ = try t.home.planApply(scenario: 2, to: "NoSuchService") } == .serviceNotFound)
        #expect(code { _ = try t.home.policyText(for: "EchoProxy") } == .notSecured)
    }

    @Test func aFileChangedSincePlanningIsNotOverwritten() throws {
        let t = try TestHome()
        let change = try t.home.planApply(scenario: 3, to: "OrderProxy")
        try t.write("conf/services/OrderProxy.xml", "<!-- edited meanwhile -->\n" + (t.text("conf/services/OrderProxy.xml") ?? ""))
        #expect(code { try t.home.commit(change) } == .writeFailed)
        #expect(t.text("conf/policies/OrderProxy.policy.xml") == nil)
        #expect(t.text("conf/services/OrderProxy.xml")?.hasPrefix("<!-- edited meanwhile -->") == true)
    }

    @Test func validationFlagsPlainHTTPForUsernameTokenOverTransport() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 1, to: "EchoProxy"))   // EchoProxy accepts "http https"
        let report = t.home.validate(try t.home.service(named: "EchoProxy"))
        #expect(report.state == .errors)
        #expect(report.findings.contains { $0.code == "transport.http" })
        try t.home.commit(t.home.planApply(scenario: 1, to: "PaymentProxy"))  // https only
        #expect(!t.home.validate(try t.home.service(named: "PaymentProxy")).findings.contains { $0.code == "transport.http" })
    }

    @Test func demoCopyLeavesTheSourceAloneAndResets() throws {
        let t = try TestHome()
        try t.home.commit(t.home.planApply(scenario: 2, to: "EchoProxy"))
        let source = try String(contentsOfFile: TestHome.repository + "/conf/services/EchoProxy.xml", encoding: .utf8)
        #expect(!source.contains("<enableSec/>"))
        let fresh = try DemoHome.reset(source: TestHome.repository, at: t.root)
        #expect(try fresh.service(named: "EchoProxy").security == .unsecured)
        #expect(FileSystem.mode(of: t.root + "/conf/console.toml") == 0o600)
        #expect(DemoHome.location(environment: ["HOME": "/home/op"]) == "/home/op/.local/state/wssconsole/demo-home")
        #expect(DemoHome.location(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/wssconsole/demo-home")
    }
}
