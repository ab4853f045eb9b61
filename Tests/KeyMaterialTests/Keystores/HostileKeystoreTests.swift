import Foundation
import KeyMaterial
import TestSupport
import Testing

/// Keystores from peers that are damaged, foreign or ask for unbounded work: each is a typed error with a fix.
@Suite struct HostileKeystoreTests {
    static let password = Secret("store-pass")
    /// An iteration count of 65536 as DER, and 8,388,607 in the same three bytes.
    static let usualCount: [UInt8] = [0x02, 0x03, 0x01, 0x00, 0x00], hugeCount: [UInt8] = [0x02, 0x03, 0x7F, 0xFF, 0xFF]

    /// Runs openssl in a folder holding the fixture RSA key and certificate as key.pem and cert.pem.
    static func openssl(_ arguments: [String], output: String) throws -> Data {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = { (name: String) in directory.appendingPathComponent(name).path }
        try Fixtures.rsaKey.pemString().write(toFile: path("key.pem"), atomically: true, encoding: .utf8)
        try Fixtures.rsaCertificate.pemString.write(toFile: path("cert.pem"), atomically: true, encoding: .utf8)
        let made = try Program.run("/usr/bin/openssl", arguments.map { $0.replacingOccurrences(of: "DIR/", with: directory.path + "/") })
        try #require(made.status == 0, "openssl failed: \(made.output)")
        return try Data(contentsOf: URL(fileURLWithPath: path(output)))
    }

    static func replacing(_ data: Data, _ old: [UInt8], with new: [UInt8]) throws -> Data {
        var bytes = [UInt8](data)
        var replaced = 0
        var index = 0
        while index + old.count <= bytes.count {
            if Array(bytes[index..<index + old.count]) == old {
                bytes.replaceSubrange(index..<index + old.count, with: new)
                replaced += 1
            }
            index += 1
        }
        try #require(replaced > 0)
        return Data(bytes)
    }

    /// A file asking for 2^31 rounds held the command for an hour, silently; Java stops at 5,000,000 too.
    @Test func aPKCS12IterationCountOverJavasLimitIsRefusedBeforeDeriving() throws {
        let noMAC = try Self.openssl(["pkcs12", "-export", "-inkey", "DIR/key.pem", "-in", "DIR/cert.pem", "-passout", "pass:store-pass",
                                      "-iter", "65536", "-nomac", "-certpbe", "NONE", "-out", "DIR/k.p12"], output: "k.p12")
        let withMAC = try Self.openssl(["pkcs12", "-export", "-inkey", "DIR/key.pem", "-in", "DIR/cert.pem", "-passout", "pass:store-pass",
                                        "-iter", "65536", "-maciter", "-out", "DIR/m.p12"], output: "m.p12")
        #expect(try Keystore.open(data: noMAC, password: Self.password).entries.count == 1)
        for (data, part) in [(noMAC, "a private key"), (withMAC, "integrity check (MAC)")] {
            let huge = try Self.replacing(data, Self.usualCount, with: Self.hugeCount)
            #expect { try Keystore.open(data: huge, password: Self.password) } throws: {
                let error = $0 as? KeyMaterialError
                return error?.code == .unsupported && error!.reason.contains(part) && error!.reason.contains("8388607 iterations")
                    && error?.fix?.contains("-iter 10000") == true
            }
        }
    }

    @Test func anEncryptedPEMKeyOverTheLimitIsRefused() throws {
        let pem = String(decoding: try Self.openssl(["pkcs8", "-topk8", "-in", "DIR/key.pem", "-passout", "pass:store-pass", "-iter", "65536",
                                                     "-out", "DIR/enc.pem"], output: "enc.pem"), as: UTF8.self)
        let lines = pem.split(separator: "\n")
        let der = try #require(Data(base64Encoded: lines.dropFirst().dropLast().joined()))
        let huge = try Self.replacing(der, Self.usualCount, with: Self.hugeCount).base64EncodedString(options: .lineLength64Characters)
        let hugePEM = "\(lines.first!)\n\(huge)\n\(lines.last!)\n"
        #expect(try PrivateKey(pemString: pem, password: Self.password).matches(Fixtures.rsaCertificate))
        #expect { try PrivateKey(pemString: hugePEM, password: Self.password) } throws: {
            ($0 as? KeyMaterialError)?.code == .unsupported && "\($0)".contains("8388607 iterations")
        }
    }

    /// OpenSSL 3 keeps RC2 and DES in its legacy provider: such keys read as "the password does not decrypt the key".
    @Test(arguments: [
        ["pkcs8", "-topk8", "-v1", "PBE-SHA1-RC2-40"],
        ["rsa", "-des", "-traditional"],
    ])
    func aPEMKeyEncryptedWithALegacyCipherOpens(_ command: [String]) throws {
        let pem = String(decoding: try Self.openssl(command + ["-in", "DIR/key.pem", "-passout", "pass:store-pass", "-provider", "legacy",
                                                               "-provider", "default", "-out", "DIR/old.pem"], output: "old.pem"), as: UTF8.self)
        #expect(try PrivateKey(pemString: pem, password: Self.password).matches(Fixtures.rsaCertificate))
        #expect { try PrivateKey(pemString: pem, password: Secret("wrong-pass")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }

    /// About 1 wrong password in 300 decrypts a CBC-encrypted key to bytes whose padding looks right; OpenSSL then fails to
    /// parse them and its decoder says "unsupported", which read as a missing cipher (1 CI run in 6 for the test above).
    /// Each key here is an EC P-256 key under "store-pass" that `unlucky` decrypts so.
    @Test(arguments: [
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIGxMBwGCiqGSIb3DQEMAQYwDgQIhZRLoRZbun0CAggABIGQjA9OFvOQfs826sTI\n"
            + "trlvKRtB8wfFHM1usbYLzesNUU+QnfaGPoLDRokBkMmSAzJcrKBWFdmrsHIxe04g\nxw0KIZRqUFrahW2xRaA7NFmUbImHmJusH5OQ6DRtaPO57Y6/whEPRG4AHdst1BYT\n"
            + "ffLD3Rw+C0M5ALdA8+7raReMg08ZelmAXEKY60mYGx4HZnFO\n-----END ENCRYPTED PRIVATE KEY-----\n", "wrong-298"),  // PBE-SHA1-RC2-40
        ("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,9FD43BA3A038D54D\n\n"
            + "PAtkX0pNDeRpUGwY6zK7EqvU6jXYcmGEH3WZR+EYdZMePhspXKcu7A0alnE8GHH3\nDWJGI/UhqqsqCWVi9fPpz4Hv7C9KcWCzkWfrL3rwpfJ2KhFoNIPzZQelflTbs8Cs\n"
            + "Wwu+a5oEln8zZvhu29CwDya+0H+5m9D506CgmVgempk=\n-----END EC PRIVATE KEY-----\n", "wrong-974"),
        ("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjVxKpI2/7fDQICCAAw\n"
            + "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEA0UWx1GZ329mHwvsqGHeL8EgZAY\nwKYnsTz5v2X/Nn5SwPBTIKgBuBgEs4T5CirEN8ll3tjPzkRLrS9J+9FOiJEQIzlj\n"
            + "RmsoBUOWnTEBU5c5y9a7Coie96L/tUF7s/9IEPmGQR/37izxkBfcOAodNelCn0Wy\nexrk+c8f8RXx4X1L3gkePL3Bh9pQRbPskkuvmRdFc2wGKWXAV7pRLXryL6zYgCI=\n"
            + "-----END ENCRYPTED PRIVATE KEY-----\n", "wrong-422"),  // AES-256-CBC
    ])
    func aWrongPasswordThatDecryptsToGarbageIsAWrongPassword(_ pem: String, unlucky: String) throws {
        #expect(try PrivateKey(pemString: pem, password: Self.password).algorithmDescription == "EC P-256")
        #expect { try PrivateKey(pemString: pem, password: Secret(unlucky)) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
    }

    /// A cipher that no provider offers, the legacy one neither (AES-256-CBC's OID with its last arc changed), is unsupported.
    @Test func aPEMKeyUnderAnUnknownCipherIsUnsupported() throws {
        let lines = try Fixtures.ecKey.pemString(password: Self.password).split(separator: "\n")
        let der = try #require(Data(base64Encoded: lines.dropFirst().dropLast().joined()))
        let aes256CBC: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A]
        let unknown = try Self.replacing(der, aes256CBC, with: aes256CBC.dropLast() + [0x7F]).base64EncodedString(options: .lineLength64Characters)
        #expect { try PrivateKey(pemString: "\(lines.first!)\n\(unknown)\n\(lines.last!)\n", password: Self.password) } throws: {
            ($0 as? KeyMaterialError)?.code == .unsupported && "\($0)".contains("does not offer")
        }
    }

    /// A MAC alone cannot tell a wrong password from altered bytes, so damage used to read as a wrong password; the
    /// certificate safe, which only the store password encrypts, tells them apart when the damage lies elsewhere.
    @Test func aDamagedPKCS12FromOpenSSLIsCorruptWithTheRightPassword() throws {
        let data = try Self.openssl(["pkcs12", "-export", "-inkey", "DIR/key.pem", "-in", "DIR/cert.pem", "-passout", "pass:store-pass",
                                     "-out", "DIR/s.p12"], output: "s.p12")
        for position in [data.count / 2, data.count - 200] {  // inside the encrypted key
            var damaged = data
            damaged[position] ^= 0x55
            #expect { try Keystore.open(data: damaged, password: Self.password) } throws: { ($0 as? KeyMaterialError)?.code == .corrupt }
            #expect { try Keystore.open(data: damaged, password: Secret("wrong-pass")) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }
        }
    }

    @Test func jceksFromKeytoolAndBouncyCastleStoresNameTheirConversion() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let jceksPath = directory.appendingPathComponent("s.jceks").path
        try KeytoolCA.keytool(["-genseckey", "-alias", "secret", "-keyalg", "AES", "-keysize", "128", "-storetype", "JCEKS",
                               "-keystore", jceksPath, "-storepass", "store-pass"])
        // Bouncy Castle's BKS: version 2, a 20-byte salt, 1,606 iterations, no entries, the HMAC.
        let bks = Data([0, 0, 0, 2, 0, 0, 0, 20] + [UInt8](repeating: 0x5A, count: 20) + [0, 0, 0x06, 0x46, 0] + [UInt8](repeating: 0xA5, count: 20))
        for (data, conversion) in [(try Data(contentsOf: URL(fileURLWithPath: jceksPath)), "-srcstoretype JCEKS"), (bks, "BouncyCastleProvider")] {
            #expect { try Keystore.open(data: data, password: Self.password) } throws: {
                ($0 as? KeyMaterialError)?.code == .unsupported && ($0 as? KeyMaterialError)?.fix?.contains(conversion) == true
            }
        }
    }
}
