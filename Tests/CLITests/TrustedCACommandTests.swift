import Foundation
import Testing
import TestSupport

/// Trusting a CA trusts everyone it certifies, in Micro Integrator (WSS4J 1.6) as in the engine: `keystore import`
/// says so as it writes, and `validate` names such entries where the service checks client certificates.
@Suite struct TrustedCACommandTests {
    static let env = ["STRANGER": "stranger-pass"]

    /// The reviewer's case: a CA imported as trusted, then a stranger it certified is the caller.
    @Test func aStrangerCertifiedByATrustedCAIsAcceptedAndBothCommandsSaySo() throws {
        let home = try TempHome()
        let ca = try KeytoolCA()
        defer { ca.remove() }
        let imported = try CLI.run(["keystore", "import", "--home", home.root, "--entry", "keystore", "--alias", "publicca", "--file", ca.path("intermediate.pem")])
        #expect(imported.status == 0, "\(imported.all)")
        #expect(imported.stdout.contains("note: keystores/wssdemo-service.p12: publicca is a CA: every certificate it issues is trusted with it, "
                                         + "and a service that checks client signatures against this store accepts any of them as a client"), "\(imported.stdout)")

        // A stranger's key pair, certified by that CA, is the self-test's client.
        let store = "keystores/stranger.p12", dir = home.root + "/"
        let keystore = ["--home", home.root, "--keystore", store, "--storepass-env", "STRANGER"]
        func run(_ arguments: [String]) throws {
            let result = try CLI.run(arguments, environment: Self.env)
            #expect(result.status == 0, "\(arguments): \(result.all)")
        }
        try run(["keystore", "genkey"] + keystore + ["--alias", "stranger", "--dname", "CN=stranger"])
        try run(["keystore", "csr"] + keystore + ["--alias", "stranger", "--out", dir + "stranger.csr"])
        let leaf = try ca.sign(csr: String(contentsOfFile: dir + "stranger.csr", encoding: .utf8))
        try (leaf.pemString + ca.intermediate.pemString + ca.root.pemString).write(toFile: dir + "reply.pem", atomically: true, encoding: .utf8)
        try run(["keystore", "import"] + keystore + ["--alias", "stranger", "--file", dir + "reply.pem"])
        try run(["keystore", "export", "--home", home.root, "--entry", "keystore", "--alias", "service", "--out", dir + "service.pem"])
        try run(["keystore", "import"] + keystore + ["--alias", "service", "--file", dir + "service.pem"])
        try run(["client", "set", "--home", home.root, "--keystore", store, "--storepass-env", "STRANGER", "--alias", "stranger", "--service-alias", "service"])
        try run(["apply", "--home", home.root, "--service", "OrderProxy", "--scenario", "2"])

        let validate = try CLI.run(["validate", "--home", home.root, "--service", "OrderProxy"], environment: Self.env)
        #expect(validate.stdout.contains("selftest.passed"), "the stranger is a client: \(validate.all)")
        let line = validate.stdout.split(separator: "\n").first { $0.contains("truststore.trustsCA") }
        #expect(line?.contains("info") == true && line?.contains("trusts a CA: publicca (CN=Test Intermediate CA,O=wssconsole). "
                                                                + "Every certificate it issues is accepted as a client, whoever it names") == true, "\(validate.stdout)")
    }

    /// A certificate already expired imports (keytool does too), with a note that it lets no one in.
    @Test func anExpiredCertificateIsSaidExpiredAsItIsImported() throws {
        let home = try TempHome()
        let store = ["-keystore", home.root + "/old.p12", "-storetype", "PKCS12", "-storepass", "old-pass"]
        try KeytoolCA.keytool(["-genkeypair", "-alias", "old", "-keyalg", "EC", "-dname", "CN=old partner", "-startdate", "-400d", "-validity", "30"] + store)
        try KeytoolCA.keytool(["-exportcert", "-rfc", "-alias", "old", "-file", home.root + "/old.pem"] + store)
        let imported = try CLI.run(["keystore", "import", "--home", home.root, "--entry", "keystore", "--alias", "old", "--file", home.root + "/old.pem", "--dry-run"])
        #expect(imported.status == 0, "\(imported.all)")
        let note = imported.stdout.split(separator: "\n").first { $0.hasPrefix("note: keystores/wssdemo-service.p12: old expired on ") }
        #expect(note?.hasSuffix(": a client certificate that is it or chains to it is refused, so it lets no client in; import a current one") == true, "\(imported.stdout)")
        #expect(!imported.stdout.contains("is a CA"), "keytool's own certificates issue nothing: \(imported.stdout)")
    }
}
