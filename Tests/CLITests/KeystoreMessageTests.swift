import Foundation
import Testing

/// What the keystore commands say and ask when a file is missing, needs no password, or would be overwritten,
/// and that their messages speak the operator's words, not the code's. These runs have no terminal.
@Suite struct KeystoreMessageTests {
    static let env = ["SP": "demo-service-pass", "PEMPW": "pem-pass-1", "EMPTY": ""]

    func run(_ home: TempHome, _ arguments: [String], environment: [String: String] = env) throws -> CLI.Result {
        try CLI.run(["keystore"] + arguments + ["--home", home.root], environment: environment)
    }

    static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl \(arguments)")
    }

    /// keystores/plain.pem (key and certificate in clear) and keystores/locked.pem (the key encrypted with pem-pass-1).
    static func pemFiles(_ home: TempHome) throws -> (plain: String, locked: String) {
        let dir = home.root + "/keystores/"
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir + "k.tmp", "-out", dir + "c.tmp", "-subj", "/CN=pem", "-days", "30"])
        try openssl(["pkey", "-in", dir + "k.tmp", "-aes256", "-passout", "pass:pem-pass-1", "-out", dir + "ke.tmp"])
        let read = { (name: String) in try String(contentsOfFile: dir + name, encoding: .utf8) }
        try (read("k.tmp") + read("c.tmp")).write(toFile: dir + "plain.pem", atomically: true, encoding: .utf8)
        try (read("ke.tmp") + read("c.tmp")).write(toFile: dir + "locked.pem", atomically: true, encoding: .utf8)
        for name in ["k.tmp", "c.tmp", "ke.tmp"] { try FileManager.default.removeItem(atPath: dir + name) }
        return ("keystores/plain.pem", "keystores/locked.pem")
    }

    @Test func aMissingKeystoreFailsBeforeAnyPasswordIsAskedFor() throws {
        let home = try TempHome()
        for arguments in [["list", "--keystore", home.root + "/nonexist.p12"], ["show", "--keystore", "keystores/gone.jks", "--alias", "a"],
                          ["delete", "--keystore", "keystores/gone.p12", "--alias", "a"]] {
            let result = try run(home, arguments)
            #expect(result.status == 1, "\(result.all)")
            #expect(result.stderr.contains("Cannot read the keystore") && !result.stderr.contains("password"), "\(result.stderr)")
        }
    }

    @Test func aPEMFileWithoutEncryptionOpensWithoutAPassword() throws {
        let home = try TempHome()
        let (plain, locked) = try Self.pemFiles(home)
        let listed = try run(home, ["list", "--keystore", plain])
        #expect(listed.status == 0 && listed.stdout.contains("pem, 1 entry") && listed.stdout.contains("CN=pem"), "\(listed.all)")
        let added = try run(home, ["genkey", "--keystore", plain, "--alias", "second", "--dname", "CN=second", "--keyalg", "ec"])
        #expect(added.status == 0, "\(added.all)")
        #expect(home.text(plain)?.contains("ENCRYPTED") == false)
        // An encrypted key still needs its password, and the hint is about PEM, not JKS key passwords.
        let asked = try run(home, ["list", "--keystore", locked])
        #expect(asked.status == 1 && asked.stderr.contains("--storepass-env"), "\(asked.all)")
        let none = try run(home, ["list", "--keystore", locked, "--storepass-env", "EMPTY"])
        #expect(none.status == 1 && none.stderr.contains("PEM file's key is encrypted"), "\(none.all)")
        #expect(!none.stderr.contains("JKS") && !none.stderr.contains("--keypass"))
        let right = try run(home, ["list", "--keystore", locked, "--storepass-env", "PEMPW"])
        #expect(right.status == 0, "\(right.all)")
    }

    @Test func exportAndCSRRefuseAnExistingFileWithoutForce() throws {
        let home = try TempHome()
        let out = home.root + "/out.pem"
        try "keep me\n".write(toFile: out, atomically: true, encoding: .utf8)
        let export = try run(home, ["export", "--alias", "service", "--out", out])
        #expect(export.status == 1 && export.stderr.contains("\(out) exists; --force replaces it"), "\(export.all)")
        let csr = try run(home, ["csr", "--alias", "service", "--out", out])
        #expect(csr.status == 1 && csr.stderr.contains("exists; --force replaces it"), "\(csr.all)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me\n")
        let forced = try run(home, ["export", "--alias", "service", "--out", out, "--force"])
        let replaced = try String(contentsOfFile: out, encoding: .utf8)
        #expect(forced.status == 0 && replaced.contains("BEGIN CERTIFICATE"), "\(forced.all)")
    }

    @Test func messagesNameTheOptionsAndNoInternalNames() throws {
        let home = try TempHome()
        let passwd = try run(home, ["passwd", "--storepass-env", "SP"])
        #expect(passwd.status == 1 && passwd.stderr.contains("--new-storepass-env NAME or --new-storepass-file F"), "\(passwd.all)")
        #expect(!passwd.stderr.contains("KeyMaterialError") && !passwd.stderr.contains("--password-file"))
        #expect(try run(home, ["genkey", "--alias", "soon", "--dname", "CN=soon", "--validity", "9", "--keyalg", "ec"]).status == 0)
        let show = try run(home, ["show", "--alias", "soon"])
        // The 9 days it was made for, as the console counts them (Certificate.daysLeft).
        #expect(show.status == 0 && show.stdout.contains("(9 days left, expires soon)"), "\(show.all)")
        #expect(!show.stdout.contains("expiresSoon"))
    }

    /// genkey on a 0444 keystore succeeded and left a 0600 file in its place: the rename ignores the file's mode.
    @Test func aReadOnlyKeystoreIsNotReplaced() throws {
        let home = try TempHome()
        let path = home.root + "/keystores/wssdemo-service.p12"
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let before = home.data("keystores/wssdemo-service.p12")
        let genkey = try run(home, ["genkey", "--alias", "ro1", "--dname", "CN=ro1", "--keyalg", "ec"])
        #expect(genkey.status == 1 && genkey.stderr.contains("keystores/wssdemo-service.p12 is read-only (mode 444)")
                && genkey.stderr.contains("chmod u+w"), "\(genkey.all)")
        #expect(home.data("keystores/wssdemo-service.p12") == before)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o444)
    }

    /// compare exited 0 for two different certificates, so a script could not tell them apart.
    @Test func compareExitsOneForDifferentCertificates() throws {
        let home = try TempHome()
        for alias in ["service", "client"] {
            #expect(try run(home, ["export", "--alias", alias, "--out", home.root + "/\(alias).pem", "--storepass-env", "SP"]).status == 0)
        }
        let same = try run(home, ["compare", home.root + "/service.pem", home.root + "/service.pem"])
        #expect(same.status == 0 && same.stdout.contains("the same certificate"), "\(same.all)")
        let different = try run(home, ["compare", home.root + "/service.pem", home.root + "/client.pem"])
        #expect(different.status == 1 && different.stdout.contains("different certificates and keys"), "\(different.all)")
        let json = try run(home, ["compare", home.root + "/service.pem", home.root + "/client.pem", "--json"])
        #expect(json.status == 1 && json.stdout.contains("\"identical\" : false"), "\(json.all)")
    }
}

