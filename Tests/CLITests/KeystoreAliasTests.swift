import Foundation
import Testing

/// Aliases the keystore commands write and show: non-ASCII ones kept as they are, control characters refused
/// when we write them and escaped when a foreign keystore has them.
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

    /// An ESC in an alias went raw to `keystore list`, `history` and the audit log, and a newline was dropped.
    @Test func controlCharactersAreRefusedInNewAliasesAndShownEscapedFromForeignStores() throws {
        let home = try TempHome()
        for alias in ["ctl\u{1b}[31mred", "two\nlines", "del\u{7f}", "c1\u{9b}31m"] {
            let genkey = try run(home, ["genkey", "--entry", "keystore", "--alias", alias, "--keyalg", "ec", "--dname", "CN=ctl"])
            #expect(genkey.status != 0 && genkey.stderr.contains("control characters"), "\(genkey.all)")
            #expect(!genkey.all.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" }, "\(genkey.all)")
        }
        let rename = try run(home, ["rename", "--entry", "keystore", "--alias", "client", "--to", "x\u{1b}]0;title\u{7}"])
        #expect(rename.status != 0 && rename.stderr.contains("control characters"), "\(rename.all)")

        let path = home.root + "/keystores/wssdemo-service.p12"
        let generated = try KeystoreCommandTests.keytool(["-genkeypair", "-alias", "ctl\u{1b}[31mred", "-keyalg", "EC", "-groupname", "secp256r1",
                                                           "-dname", "CN=kt", "-keystore", path, "-storepass", "demo-service-pass", "-storetype", "pkcs12"])
        try #require(generated.status == 0, "\(generated.output)")
        let list = try run(home, ["list", "--entry", "keystore"])
        #expect(list.status == 0 && list.stdout.contains("ctl\\x1b[31mred") && !list.stdout.contains("\u{1b}"), "\(list.all)")
        let delete = try run(home, ["delete", "--entry", "keystore", "--alias", "ctl\u{1b}[31mred"])
        #expect(delete.status == 0 && !delete.all.contains("\u{1b}"), "\(delete.all)")
        let history = try CLI.run(["history", "--home", home.root])
        #expect(history.stdout.contains("ctl\\x1b[31mred") && !history.all.contains("\u{1b}"), "\(history.all)")
        let audit = try #require(home.text(".wssconsole/audit.log"))
        // The audit log doubles backslashes in its quoted fields.
        #expect(audit.contains("delete ctl\\\\x1b[31mred") && !audit.contains("\u{1b}"), "\(audit)")
    }
}
