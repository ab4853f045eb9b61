import Testing
import Foundation

/// `wssconsole services` as text on a Micro Integrator home.
@Suite struct ServicesCommandTests {
    /// A minimal MI home: a proxy with a name of wide (CJK) characters and a Carbon app.
    final class MIHome {
        let root = NSTemporaryDirectory() + "wssconsole-mi-" + UUID().uuidString
        init() throws {
            let server = root + "/repository/deployment/server"
            for dir in [root + "/conf", server + "/carbonapps", server + "/synapse-configs/default/proxy-services"] {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            try Data().write(to: URL(fileURLWithPath: root + "/conf/deployment.toml"))
            try Data("PK".utf8).write(to: URL(fileURLWithPath: server + "/carbonapps/OrdersCApp_1.0.0.car"))
            try Data("<proxy xmlns=\"http://ws.apache.org/ns/synapse\" name=\"BestellDienstÄÖÜ_日本\">\n    <target/>\n</proxy>\n".utf8)
                .write(to: URL(fileURLWithPath: server + "/synapse-configs/default/proxy-services/Bestell.xml"))
        }
        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    /// A Carbon app is labelled as one (not "data service") with its security unknown, and a name with wide
    /// characters (two terminal cells each) is padded by its width, so the next column stays aligned. Columns are
    /// as wide as their cells: nothing is cut ("8 Sign and Encrypt - Username ~" was, in a pipe too).
    @Test func aCarbonAppIsLabelledAsOneAndWideNamesKeepTheColumnsAligned() throws {
        let home = try MIHome()
        let result = try CLI.run(["services", "--home", home.root, "--no-self-test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            NAME                   KIND        SECURITY   STATE
            BestellDienstÄÖÜ_日本  proxy       unsecured  -
            OrdersCApp_1.0.0       carbon app  unknown    -

            """, "\(result.stdout)")
    }

    /// A definition that cannot be read says nothing of its security: the list said "unsecured" (the console "(unreadable)")
    /// for a service that may well be secured.
    @Test func anUnreadableDefinitionIsNotListedAsUnsecured() throws {
        let home = try TempHome()
        try Data("<proxy name=\"EchoProxy\"".utf8).write(to: URL(fileURLWithPath: home.root + "/conf/services/EchoProxy.xml"))
        let result = try CLI.run(["services", "--home", home.root, "--no-self-test"])
        let row = result.stdout.split(separator: "\n").first { $0.hasPrefix("EchoProxy ") }.map(String.init) ?? ""
        #expect(row.contains("(unreadable)") && row.contains("BROKEN") && !row.contains("unsecured"), "\(result.stdout)")
        let json = try CLI.run(["services", "--home", home.root, "--no-self-test", "--json"]).stdout
        let rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        #expect(rows.first { $0["name"] as? String == "EchoProxy" }?["security"] as? String == "(unreadable)", "\(json)")
    }

    /// A policy file that cannot be read (cut short here) is not a custom policy: services, validate and their JSON
    /// said "custom policy (unreadable)" and "customPolicy": "". They say "unreadable policy", and why (the file, the
    /// line) without quoting it: a policy keeps passwords.
    @Test func anUnreadablePolicyIsNotCalledCustom() throws {
        let home = try TempHome()
        let applied = try CLI.run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"])
        #expect(applied.status == 0, "\(applied.all)")
        let file = "conf/policies/OrderProxy.policy.xml"
        try #require(home.data(file)).prefix(500).write(to: URL(fileURLWithPath: home.root + "/" + file))
        let why = "\(file): line "

        let listed = try CLI.run(["services", "--home", home.root, "--no-self-test"])
        let lines = listed.stdout.split(separator: "\n").map(String.init)
        let row = try #require(lines.firstIndex { $0.hasPrefix("OrderProxy ") }, "\(listed.all)")
        #expect(lines[row].contains("unreadable policy") && lines[row].contains("ERROR") && !lines[row].contains("custom"), "\(listed.stdout)")
        #expect(lines[row + 1].trimmingCharacters(in: .whitespaces).hasPrefix(why), "\(listed.stdout)")
        let rows = try JSONSerialization.jsonObject(with: Data(try CLI.run(["services", "--home", home.root, "--no-self-test", "--json"]).stdout.utf8))
        let order = try #require((rows as? [[String: Any]])?.first { $0["name"] as? String == "OrderProxy" })
        #expect(order["security"] as? String == "unreadable policy" && order["scenario"] == nil, "\(order)")
        #expect((order["policyUnreadable"] as? String)?.hasPrefix(why) == true, "\(order)")

        let text = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"])
        #expect(text.status == 1 && text.stdout.hasPrefix("OrderProxy: unreadable policy: ERROR"), "\(text.all)")
        let json = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], "\(json.all)")
        #expect(json.status == 1 && report["customPolicy"] == nil && report["scenario"] == nil, "\(json.stdout)")
        #expect((report["policyUnreadable"] as? String)?.hasPrefix(why) == true && report["state"] as? String == "errors", "\(json.stdout)")
    }

    /// Why a policy is unreadable names its line and column, never its text: here a password whose '&' was not escaped.
    @Test func anUnreadablePolicyIsNotQuoted() throws {
        let home = try TempHome()
        let applied = try CLI.run(["apply", "--home", home.root, "--service", "StockQuoteProxy", "--scenario", "16",
                                   "--principal", "HTTP/localhost@EXAMPLE.COM", "--password-env", "SVC"], environment: ["SVC": "Hunt3r&Xyzzy"])
        #expect(applied.status == 0, "\(applied.all)")
        let file = "conf/policies/StockQuoteProxy.policy.xml"
        let policy = try #require(home.text(file))
        let line = try #require(policy.components(separatedBy: "\n").firstIndex { $0.contains("Hunt3r&amp;Xyzzy") }) + 1
        try Data(policy.replacingOccurrences(of: "Hunt3r&amp;Xyzzy", with: "Hunt3r&Xyzzy;").utf8).write(to: URL(fileURLWithPath: home.root + "/" + file))
        let listed = try CLI.run(["services", "--home", home.root, "--no-self-test"])
        #expect(listed.stdout.contains("unreadable policy") && listed.stdout.contains("\(file): line \(line): "), "\(listed.all)")
        let json = try CLI.run(["services", "--home", home.root, "--no-self-test", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let why = try #require(rows.first { $0["name"] as? String == "StockQuoteProxy" }?["policyUnreadable"] as? String, "\(json.stdout)")
        #expect(why.hasPrefix("\(file): line \(line): ") && why.contains("(column "), "\(why)")
        let validated = try CLI.run(["validate", "--home", home.root, "--service", "StockQuoteProxy", "--no-self-test", "--json"])
        for output in [listed.all, json.all, validated.all] { #expect(!output.contains("Hunt3r") && !output.contains("Xyzzy"), "\(output)") }
    }
}
