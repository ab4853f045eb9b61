import Foundation
import Testing

/// `keystore list` holds every keystore file the settings name, wherever it is: the self-test client's keystore set by
/// `client set --keystore` outside the listed folders was missing from it on a Micro Integrator home (whose client is
/// in wssconsole/console.toml, beside deployment.toml's keystores), so an operator could not find it there.
@Suite struct KeystoreListNamedTests {
    @Test func theClientsKeystoreOutsideTheHomeIsListedWithWhatUsesItAndAMissingOneStays() throws {
        let demo = try TempHome()
        let elsewhere = NSTemporaryDirectory() + "wssconsole-elsewhere-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let store = elsewhere + "/caller.p12"
        try FileManager.default.moveItem(atPath: ClientCommandTests.callerStore(in: demo), toPath: store)
        let env = ["CALLER_PASS": "caller-store-pass"]
        // Columns are as wide as their cells: compared with the blanks between them squeezed to one.
        func squeezed(_ text: String) -> String { text.replacing(/\ {2,}/, with: " ") }
        let row = "client client pkcs12 \(store)\n"

        // The demo home listed it already, but as "configured": the role says the self-test client uses it.
        #expect(try CLI.run(["client", "set", "--home", demo.root, "--keystore", store, "--storepass-env", "CALLER_PASS"], environment: env).status == 0)
        let demoList = try CLI.run(["keystore", "list", "--home", demo.root])
        #expect(demoList.status == 0 && squeezed(demoList.stdout).contains(row), "\(demoList.all)")

        let mi = try ServicesCommandTests.MIHome()
        let set = try CLI.run(["client", "set", "--home", mi.root, "--keystore", store, "--storepass-env", "CALLER_PASS"], environment: env)
        #expect(set.status == 0, "\(set.all)")
        let listed = try CLI.run(["keystore", "list", "--home", mi.root])
        #expect(listed.status == 0 && squeezed(listed.stdout).contains(row), "\(listed.all)")
        // deployment.toml names no file: MI's defaults, which this home lacks, are listed as missing.
        #expect(squeezed(listed.stdout).contains("primary keystore unknown repository/resources/security/wso2carbon.jks (missing)"), "\(listed.all)")
        // Its settings name opens it, with the password the settings name.
        let entries = try CLI.run(["keystore", "list", "--home", mi.root, "--entry", "client"], environment: env)
        #expect(entries.status == 0 && entries.stdout.contains("CN=keytool caller"), "\(entries.all)")

        // A named file that is gone is listed as missing, not dropped.
        try FileManager.default.removeItem(atPath: store)
        let gone = try CLI.run(["keystore", "list", "--home", mi.root])
        #expect(gone.status == 0 && squeezed(gone.stdout).contains("client client unknown \(store) (missing)\n"), "\(gone.all)")
    }
}
