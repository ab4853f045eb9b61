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
}
