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
