import Foundation
import Testing

/// PaymentProxy reuses OrderProxy's policy file: apply, unsecure and undo through OrderProxy (and their dry runs)
/// refuse to rewrite it, or keep it and say so, naming PaymentProxy.
@Suite struct SharedPolicyCommandTests {
    static let key = "conf:policies/OrderProxy.policy.xml"
    static let policy = "conf/policies/OrderProxy.policy.xml"

    func sharedHome() throws -> TempHome {
        let home = try TempHome()
        let applied = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "1"])
        #expect(applied.status == 0, "\(applied.all)")
        let payment = try #require(home.text("conf/services/PaymentProxy.xml"))
        try Data(payment.replacingOccurrences(of: "</proxy>", with: "    <policy key=\"\(Self.key)\"/>\n    <enableSec/>\n</proxy>").utf8)
            .write(to: URL(fileURLWithPath: home.root + "/conf/services/PaymentProxy.xml"))
        return home
    }

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--home", home.root])
    }

    /// PaymentProxy still lists and shows the policy it had.
    func expectPaymentProxyKeepsItsPolicy(_ home: TempHome, _ policy: Data?) throws {
        #expect(home.data(Self.policy) == policy)
        let services = try run(home, ["services", "--json", "--no-self-test"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(services.stdout.utf8)) as? [[String: Any]])
        let payment = try #require(rows.first { $0["name"] as? String == "PaymentProxy" })
        #expect("\(payment)".contains(Self.key), "\(payment)")
        #expect(try run(home, ["policy", "show", "--service", "PaymentProxy"]).status == 0)
    }

    @Test func applyAndItsDryRunAreRefusedNamingTheOtherService() throws {
        let home = try sharedHome()
        let policy = home.data(Self.policy)
        for dryRun in [["--dry-run"], []] {
            let apply = try run(home, ["apply", "--service", "OrderProxy", "--scenario", "3"] + dryRun)
            #expect(apply.status == 1, "\(apply.all)")
            #expect(apply.stderr.contains("PaymentProxy also uses \(Self.key)") && apply.stderr.contains("would rewrite it"), "\(apply.stderr)")
            #expect(apply.stderr.contains("wssconsole --home \(home.root) apply --service PaymentProxy --policy \(home.root)/\(Self.policy)"), "\(apply.stderr)")
            #expect(!apply.stdout.contains("+++"), "no diff: \(apply.stdout)")
        }
        try expectPaymentProxyKeepsItsPolicy(home, policy)
    }

    @Test func applyingACustomPolicyIsRefusedToo() throws {
        let home = try sharedHome()
        let policy = home.data(Self.policy)
        let custom = home.root + "/own.policy.xml"
        try Data(try #require(home.text(Self.policy)).replacingOccurrences(of: "UTOverTransport", with: "OwnPolicy").utf8)
            .write(to: URL(fileURLWithPath: custom))
        let apply = try run(home, ["apply", "--service", "OrderProxy", "--policy", custom])
        #expect(apply.status == 1 && apply.stderr.contains("PaymentProxy also uses \(Self.key)"), "\(apply.all)")
        try expectPaymentProxyKeepsItsPolicy(home, policy)
    }

    @Test func unsecureAndItsDryRunKeepTheFileAndSaySo() throws {
        let home = try sharedHome()
        let policy = home.data(Self.policy)
        let note = "note: kept \(Self.key): PaymentProxy still uses it"
        let dry = try run(home, ["unsecure", "--service", "OrderProxy", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains(note), "\(dry.all)")
        #expect(!dry.stdout.contains("+++ /dev/null") && dry.stdout.contains("conf/services/OrderProxy.xml"), "\(dry.stdout)")
        let unsecure = try run(home, ["unsecure", "--service", "OrderProxy"])
        #expect(unsecure.status == 0 && unsecure.stdout.contains(note), "\(unsecure.all)")
        #expect(!unsecure.stdout.contains("deleted"), "\(unsecure.stdout)")
        try expectPaymentProxyKeepsItsPolicy(home, policy)
    }

    @Test func undoAndItsDryRunKeepTheFileAndSaySo() throws {
        let home = try sharedHome()
        let policy = home.data(Self.policy)
        let note = "note: kept \(Self.key): PaymentProxy still uses it"
        let dry = try run(home, ["undo", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains(note) && !dry.stdout.contains("+++ /dev/null"), "\(dry.all)")
        let undo = try run(home, ["undo"])
        #expect(undo.status == 0 && undo.stdout.contains(note) && !undo.stdout.contains("deleted"), "\(undo.all)")
        try expectPaymentProxyKeepsItsPolicy(home, policy)
        let redo = try run(home, ["redo"])
        #expect(redo.status == 0, "\(redo.all)")
        try expectPaymentProxyKeepsItsPolicy(home, policy)
    }
}
