import Foundation
import Testing

/// `keystore passwd` and `convert`: which new passwords a store may get, proved with keytool, and what the operator
/// must update when the home's own keystore gets one.
@Suite(.serialized) struct KeystorePasswordTests {
    static let env = ["SP": "demo-service-pass", "NP": "pässwörd-日本", "AP": "new-ascii-pass"]

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: Self.env)
    }

    /// keytool (so Micro Integrator) said "keystore password was incorrect" for the file passwd wrote.
    @Test func aNonASCIIPasswordIsRefusedForPKCS12AndKeytoolOpensWhatIsAccepted() throws {
        let home = try TempHome()
        let client = home.root + "/keystores/wssdemo-client.p12"
        let before = FileManager.default.contents(atPath: client)
        let env = ["CP": "demo-client-pass"]
        let refused = try CLI.run(["keystore", "passwd", "--keystore", client, "--storepass-env", "CP", "--new-storepass-env", "NP", "--home", home.root],
                                  environment: Self.env.merging(env) { $1 })
        #expect(refused.status != 0 && refused.stderr.contains("cannot open a PKCS #12 store whose password is not ASCII"), "\(refused.all)")
        #expect(FileManager.default.contents(atPath: client) == before)
        let convert = try run(home, ["convert", "--to", "pkcs12", "--out", home.root + "/keystores/new.p12", "--new-storepass-env", "NP"])
        #expect(convert.status != 0 && convert.stderr.contains("not ASCII"), "\(convert.all)")
        #expect(!FileManager.default.fileExists(atPath: home.root + "/keystores/new.p12"))

        let ascii = try CLI.run(["keystore", "passwd", "--keystore", client, "--storepass-env", "CP", "--new-storepass-env", "AP", "--home", home.root],
                                environment: Self.env.merging(env) { $1 })
        #expect(ascii.status == 0, "\(ascii.all)")
        #expect(try KeystoreCommandTests.keytool(["-list", "-keystore", client, "-storepass", "new-ascii-pass"]).status == 0)

        let jks = home.root + "/keystores/service.jks"
        #expect(try run(home, ["convert", "--to", "jks", "--out", jks]).status == 0)
        let jksPasswd = try run(home, ["passwd", "--keystore", jks, "--storepass-env", "SP", "--new-storepass-env", "NP", "--keys-too"])
        #expect(jksPasswd.status == 0, "\(jksPasswd.all)")
        let listed = try KeystoreCommandTests.keytool(["-list", "-keystore", jks, "-storepass", "pässwörd-日本"])
        #expect(listed.status == 0 && listed.output.contains("service,"), "\(listed.output)")
    }
}
