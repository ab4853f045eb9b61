import Foundation
import Testing

/// Aliases the keystore commands write and show: non-ASCII ones kept as they are.
@Suite(.serialized) struct KeystoreAliasTests {
    static let env = ["SP": "demo-service-pass"]

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: Self.env)
    }

    func keytoolList(_ path: String) throws -> String {
        let listed = try KeystoreCommandTests.keytool(["-J-Dsun.stdout.encoding=UTF-8", "-list", "-keystore", path, "-storepass", "demo-service-pass"])
        try #require(listed.status == 0, "\(listed.output)")
        return listed.output
    }

    /// keytool's `партнёр-日本` was listed as key3 and the next genkey wrote it back under that name.
    @Test func aCJKAliasKeytoolWroteIsListedAndKeptThroughAnUnrelatedWrite() throws {
        let home = try TempHome()
        let path = home.root + "/keystores/wssdemo-service.p12"
        let generated = try KeystoreCommandTests.keytool(["-genkeypair", "-alias", "партнёр-日本", "-keyalg", "EC", "-groupname", "secp256r1",
                                                           "-dname", "CN=kt", "-keystore", path, "-storepass", "demo-service-pass", "-storetype", "pkcs12"])
        try #require(generated.status == 0, "\(generated.output)")
        let list = try run(home, ["list", "--entry", "keystore"])
        #expect(list.status == 0 && list.stdout.contains("партнёр-日本"), "\(list.all)")
        let genkey = try run(home, ["genkey", "--entry", "keystore", "--alias", "日本", "--keyalg", "ec", "--keysize", "256", "--dname", "CN=ours"])
        #expect(genkey.status == 0, "\(genkey.all)")
        let listed = try keytoolList(path)
        let aliases = listed.split(separator: "\n").compactMap { $0.split(separator: ",").first.map(String.init) }
        #expect(aliases.contains("партнёр-日本") && aliases.contains("日本") && !listed.contains("key3"), "\(listed)")
    }
}
