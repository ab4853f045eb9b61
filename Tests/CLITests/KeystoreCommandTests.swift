import Foundation
import TestSupport
import Testing

/// `wssconsole keystore ...` on a copy of the demo home, with keytool as the peer.
@Suite(.serialized) struct KeystoreCommandTests {
    static let english = ["-J-Duser.language=en", "-J-Duser.country=US"]

    static func keytool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        // A C locale would turn non-ASCII arguments (aliases, passwords) into question marks.
        try Program.run("/usr/bin/keytool", english + arguments, environment: ["LC_ALL": "C.UTF-8"])
    }

    static let env = ["SP": "demo-service-pass", "NP": "changed-pass", "KP": "key-pass-1"]

    func run(_ home: TempHome, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: Self.env)
    }

    @Test func listsTheHomesKeystoresAndEntriesAsTextAndJSON() throws {
        let home = try TempHome()
        let stores = try run(home, ["list"])
        #expect(stores.status == 0, "\(stores.stderr)")
        #expect(stores.stdout.contains("service") && stores.stdout.contains("keystores/wssdemo-service.p12"))
        let json = try run(home, ["list", "--entry", "keystore", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["alias"] as? String } == ["service", "client"])
        #expect(rows.first?["expiry"] as? String == "valid" && rows.first?["type"] as? String == "key")
        let show = try run(home, ["show", "--alias", "service", "--json"])
        #expect(show.status == 0 && show.stdout.contains("X509v3 Key Usage"))
    }

    @Test func passwordsNeverFromAPlainArgumentUnlessForced() throws {
        let home = try TempHome()
        let plain = try run(home, ["list", "--keystore", home.root + "/keystores/wssdemo-client.p12", "--storepass", "demo-client-pass"])
        #expect(plain.status == 2 && plain.stderr.contains("--force-plain-password"))
        let forced = try run(home, ["list", "--keystore", home.root + "/keystores/wssdemo-client.p12", "--storepass", "demo-client-pass", "--force-plain-password"])
        #expect(forced.status == 0, "\(forced.stderr)")
        let wrong = try run(home, ["list", "--keystore", home.root + "/keystores/wssdemo-client.p12", "--storepass-env", "SP"])
        #expect(wrong.status == 1 && wrong.stderr.contains("password is incorrect"))
        // A PKCS #12 store has one password: its fix does not send the operator after a JKS key password.
        #expect(wrong.stderr.contains("fix: Check the store password") && !wrong.stderr.contains("JKS"), "\(wrong.all)")
        try Data([0xFE, 0xED, 0xFE, 0xED, 0, 0, 0, 2, 0, 0]).write(to: URL(fileURLWithPath: home.root + "/keystores/broken.jks"))
        let broken = try run(home, ["list", "--keystore", home.root + "/keystores/broken.jks", "--storepass-env", "SP"])
        #expect(broken.status == 1 && broken.stderr.contains("damaged"))
        let noTerminal = try run(home, ["list", "--keystore", home.root + "/keystores/broken.jks"])
        #expect(noTerminal.status == 1 && noTerminal.stderr.contains("--storepass-env"))
        #expect(!(plain.all + forced.all + wrong.all).contains("demo-client-pass\n"))
    }

    @Test func convertGenkeyAndPasswdAreChangesKeytoolReads() throws {
        let home = try TempHome()
        let jks = home.root + "/keystores/service.jks"
        let convert = try run(home, ["convert", "--to", "jks", "--out", jks, "--note", "for keytool"])
        #expect(convert.status == 0, "\(convert.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: jks)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A relative --out from outside the home is taken from the home, as the README's example reads.
        #expect(!FileManager.default.currentDirectoryPath.hasPrefix(home.root))
        let relative = try run(home, ["convert", "--to", "pkcs12", "--out", "keystores/copy.p12", "--new-storepass-env", "SP"])
        #expect(relative.status == 0 && FileManager.default.fileExists(atPath: home.root + "/keystores/copy.p12"), "\(relative.all)")
        let genkey = try run(home, ["genkey", "--keystore", jks, "--storepass-env", "SP", "--alias", "signer", "--keyalg", "ec", "--keysize", "384",
                                    "--dname", "CN=signer.example.com,O=Example", "--san", "dns:signer.example.com", "--validity", "90"])
        #expect(genkey.status == 0, "\(genkey.stderr)")
        let dry = try run(home, ["passwd", "--keystore", jks, "--storepass-env", "SP", "--new-storepass-env", "NP", "--keys-too", "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("binary file keystores/service.jks"))
        let passwd = try run(home, ["passwd", "--keystore", jks, "--storepass-env", "SP", "--new-storepass-env", "NP", "--keys-too"])
        #expect(passwd.status == 0, "\(passwd.stderr)")
        let listed = try Self.keytool(["-list", "-v", "-keystore", jks, "-storepass", "changed-pass"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.output.contains("Alias name: signer") && listed.output.contains("Alias name: service"))
        let ours = try run(home, ["list", "--keystore", jks, "--storepass-env", "NP", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(ours.stdout.utf8)) as? [[String: Any]])
        for row in rows { #expect(listed.output.contains(row["sha256"] as? String ?? "missing")) }
        let csr = try Self.keytool(["-certreq", "-alias", "signer", "-keystore", jks, "-storepass", "changed-pass", "-keypass", "changed-pass"])
        #expect(csr.status == 0 && csr.output.contains("CERTIFICATE REQUEST"), "\(csr.output)")
        let undo = try CLI.run(["undo", "--home", home.root])
        #expect(undo.status == 0)
        #expect(try Self.keytool(["-list", "-keystore", jks, "-storepass", "demo-service-pass"]).status == 0)
    }

    /// A keystore's diff is only its sizes: the notes say which entries a change adds, renames or removes.
    @Test func aKeystoreChangeSaysWhichEntriesItTouches() throws {
        let home = try TempHome()
        let path = home.root + "/keystores/wssdemo-service.p12"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let planned = try run(home, ["genkey", "--alias", "partner", "--dname", "CN=partner", "--dry-run"])
        #expect(planned.status == 0, "\(planned.all)")
        #expect(planned.stdout.contains("note: keystores/wssdemo-service.p12: adds key pair partner (CN=partner, RSA 2048, SHA-256 "), "\(planned.all)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let made = try run(home, ["genkey", "--alias", "partner", "--dname", "CN=partner"])
        #expect(made.status == 0 && made.stdout.contains("adds key pair partner"), "\(made.all)")
        let renamed = try run(home, ["rename", "--alias", "partner", "--to", "partner-2026", "--dry-run"])
        #expect(renamed.stdout.contains("keystores/wssdemo-service.p12: renames key pair partner to partner-2026"), "\(renamed.all)")
        let deleted = try run(home, ["delete", "--alias", "partner", "--dry-run"])
        #expect(deleted.stdout.contains("keystores/wssdemo-service.p12: removes key pair partner (CN=partner, RSA 2048"), "\(deleted.all)")
        #expect(!deleted.stdout.contains("service ("), "the entries left alone are not listed: \(deleted.all)")
    }

    /// --force replaces an existing output file, but not one made read-only (0444): root would otherwise ignore the mode.
    @Test func forceDoesNotReplaceAReadOnlyOutputFile() throws {
        let home = try TempHome()
        let out = home.root + "/service.pem"
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: out))
        chmod(out, 0o444)
        for command in [["export", "--alias", "service", "--out", out, "--force"], ["csr", "--alias", "service", "--out", out, "--force"]] {
            let result = try run(home, command)
            #expect(result.status == 1 && result.stderr.contains("is read-only (mode 444)"), "\(command): \(result.all)")
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")
    }

    @Test func ourCSRSignedByKeytoolIsImportedAndKeytoolListsTheChain() throws {
        let home = try TempHome()
        let dir = home.root + "/ca"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ca = try Self.keytool(["-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Example CA", "-ext", "bc:c",
                                   "-storetype", "PKCS12", "-keystore", dir + "/ca.p12", "-storepass", "ca-pass-1"])
        try #require(ca.status == 0, "\(ca.output)")
        _ = try Self.keytool(["-exportcert", "-rfc", "-alias", "ca", "-file", dir + "/ca.pem", "-keystore", dir + "/ca.p12", "-storepass", "ca-pass-1"])
        let csr = try run(home, ["csr", "--alias", "service", "--out", dir + "/service.csr"])
        #expect(csr.status == 0, "\(csr.stderr)")
        let signed = try Self.keytool(["-gencert", "-rfc", "-alias", "ca", "-infile", dir + "/service.csr", "-outfile", dir + "/reply.pem",
                                       "-keystore", dir + "/ca.p12", "-storepass", "ca-pass-1"])
        try #require(signed.status == 0, "\(signed.output)")
        let orphan = try run(home, ["import", "--alias", "service", "--file", dir + "/reply.pem"])
        #expect(orphan.status == 1 && orphan.stderr.contains("cannot establish the chain"))
        let wrongKey = try run(home, ["import", "--alias", "service", "--file", dir + "/ca.pem", "--dry-run"])
        #expect(wrongKey.status == 1 && wrongKey.stderr.contains("another key"))
        #expect(try run(home, ["import", "--alias", "example-ca", "--file", dir + "/ca.pem"]).status == 0)
        let duplicate = try run(home, ["import", "--alias", "ca-again", "--file", dir + "/ca.pem"])
        #expect(duplicate.status == 1 && duplicate.stderr.contains("already trusted as example-ca"), "\(duplicate.all)")
        let reply = try run(home, ["import", "--alias", "service", "--file", dir + "/reply.pem"])
        #expect(reply.status == 0 && reply.stdout.contains("chain of 2"), "\(reply.stderr)")
        let listing = try Self.keytool(["-list", "-v", "-alias", "service", "-keystore", home.root + "/keystores/wssdemo-service.p12",
                                        "-storepass", "demo-service-pass"])
        #expect(listing.output.contains("Certificate chain length: 2") && listing.output.contains("Issuer: CN=Example CA"))
        let exported = try run(home, ["export", "--alias", "example-ca", "--out", dir + "/again.pem"])
        #expect(exported.status == 0)
        let compare = try run(home, ["compare", dir + "/ca.pem", dir + "/again.pem", "--json"])
        #expect(compare.status == 0 && compare.stdout.contains("\"identical\" : true"))
        #expect(try run(home, ["rename", "--alias", "example-ca", "--to", "root-ca"]).status == 0)
        #expect(try run(home, ["delete", "--alias", "root-ca"]).status == 0)
        #expect(try run(home, ["delete", "--alias", "root-ca"]).status == 1)
        // Now only in the service's chain, which trusts nothing: said so, and the flag that trusts it named.
        let chained = try run(home, ["import", "--alias", "ca-again", "--file", dir + "/ca.pem"])
        #expect(chained.status == 1 && chained.stderr.contains("in the chain of key pair service, not a trusted entry")
                && chained.stderr.contains("fix: --allow-duplicate imports it as a trusted entry"), "\(chained.all)")
        #expect(try run(home, ["import", "--alias", "ca-again", "--file", dir + "/ca.pem", "--allow-duplicate"]).status == 0)
    }
    @Test func aPKCS7ReplyIsImportedAndRefusedAsOneTrustedCertificate() throws {
        let home = try TempHome()
        let dir = home.root + "/ca"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ca = try Self.keytool(["-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=P7 CA", "-ext", "bc:c",
                                   "-storetype", "PKCS12", "-keystore", dir + "/ca.p12", "-storepass", "ca-pass-1"])
        try #require(ca.status == 0, "\(ca.output)")
        _ = try Self.keytool(["-exportcert", "-rfc", "-alias", "ca", "-file", dir + "/ca.pem", "-keystore", dir + "/ca.p12", "-storepass", "ca-pass-1"])
        #expect(try run(home, ["csr", "--alias", "service", "--out", dir + "/service.csr"]).status == 0)
        let signed = try Self.keytool(["-gencert", "-rfc", "-alias", "ca", "-infile", dir + "/service.csr", "-outfile", dir + "/leaf.pem",
                                       "-keystore", dir + "/ca.p12", "-storepass", "ca-pass-1"])
        try #require(signed.status == 0, "\(signed.output)")
        let bundle = try String(contentsOfFile: dir + "/ca.pem", encoding: .utf8) + String(contentsOfFile: dir + "/leaf.pem", encoding: .utf8)
        try bundle.write(toFile: dir + "/bundle.pem", atomically: true, encoding: .utf8)
        let p7 = Process()
        p7.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p7.arguments = ["crl2pkcs7", "-nocrl", "-certfile", dir + "/bundle.pem", "-outform", "DER", "-out", dir + "/reply.p7c"]
        try p7.run()
        p7.waitUntilExit()
        try #require(p7.terminationStatus == 0)
        let trusted = try run(home, ["import", "--alias", "p7-ca", "--file", dir + "/reply.p7c"])
        #expect(trusted.status == 1 && trusted.stderr.contains("holds 2 certificates") && trusted.stderr.contains("CN=P7 CA"), "\(trusted.all)")
        let reply = try run(home, ["import", "--alias", "service", "--file", dir + "/reply.p7c"])
        #expect(reply.status == 0 && reply.stdout.contains("chain of 2") && reply.stdout.contains("not a trusted entry"), "\(reply.all)")
        let listing = try Self.keytool(["-list", "-v", "-alias", "service", "-keystore", home.root + "/keystores/wssdemo-service.p12",
                                        "-storepass", "demo-service-pass"])
        #expect(listing.output.contains("Certificate chain length: 2") && listing.output.contains("Issuer: CN=P7 CA"))
    }
}
