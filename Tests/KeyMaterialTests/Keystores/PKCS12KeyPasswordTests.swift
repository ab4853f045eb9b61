import COpenSSL
import CShims
import Foundation
import TestSupport
import KeyMaterial
import Testing

/// A PKCS #12 key protected by a password of its own (as older Java PKCS12KeyStores and other tools write):
/// the file is made with OpenSSL's own API, keytool reads its MAC with the store password but cannot use the key.
@Suite(.serialized) struct PKCS12KeyPasswordTests {
    static let storePass = "store-pass-1", keyPass = "key-pass-2"

    /// PKCS12_add_key with `keyPass`, the certificate safe and the MAC with `storePass`.
    static func makeFile() throws -> Data {
        let pem = try Fixtures.rsaKey.pemString()
        let pkey = try #require(pem.withCString { text in
            let bio = BIO_new_mem_buf(text, -1)
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        })
        defer { EVP_PKEY_free(pkey) }
        let der = [UInt8](Fixtures.rsaCertificate.derBytes)
        let x509 = try #require(der.withUnsafeBufferPointer { raw -> OpaquePointer? in
            var cursor = raw.baseAddress
            return d2i_X509(nil, &cursor, raw.count)
        })
        defer { X509_free(x509) }
        var certificateBags: OpaquePointer?, keyBags: OpaquePointer?, safes: OpaquePointer?
        defer {
            cs_sk_PKCS12_SAFEBAG_pop_free(certificateBags)
            cs_sk_PKCS12_SAFEBAG_pop_free(keyBags)
            cs_sk_PKCS7_pop_free(safes)
        }
        var keyID: [UInt8] = [1, 2, 3, 4]
        let certificateBag = try #require(PKCS12_add_cert(&certificateBags, x509))
        #expect(PKCS12_add_friendlyname_asc(certificateBag, "signer", -1) == 1 && PKCS12_add_localkeyid(certificateBag, &keyID, 4) == 1)
        let keyBag = try #require(PKCS12_add_key(&keyBags, pkey, 0, 2048, NID_aes_256_cbc, keyPass))
        #expect(PKCS12_add_friendlyname_asc(keyBag, "signer", -1) == 1 && PKCS12_add_localkeyid(keyBag, &keyID, 4) == 1)
        #expect(PKCS12_add_safe(&safes, certificateBags, NID_aes_256_cbc, 2048, storePass) == 1)
        #expect(PKCS12_add_safe(&safes, keyBags, -1, 0, nil) == 1)
        let p12 = try #require(PKCS12_add_safes(safes, 0))
        defer { PKCS12_free(p12) }
        #expect(PKCS12_set_mac(p12, storePass, -1, nil, 0, 2048, EVP_sha256()) == 1)
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_PKCS12(p12, &out)
        defer { cs_OPENSSL_free(out) }
        return Data(bytes: try #require(out), count: Int(length))
    }

    func keytool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try Program.run(KeytoolInteropTests.keytool, KeytoolInteropTests.english + arguments
                + ["-alias", "signer", "-storetype", "PKCS12", "-keystore", path, "-storepass", Self.storePass])
    }

    @Test func theKeyIsLockedNotCorruptAndOpensWithItsOwnPassword() throws {
        let directory = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("own.p12").path
        let data = try Self.makeFile()
        try data.write(to: URL(fileURLWithPath: path))
        // keytool: the store password verifies the MAC and lists the entry, but does not open the key.
        let listed = try keytool(path, ["-list", "-v"])
        #expect(listed.status == 0 && listed.output.contains(Fixtures.rsaCertificate.sha256Fingerprint), "\(listed.output)")
        #expect(try keytool(path, ["-certreq"]).status != 0)

        let store = try Keystore.open(data: data, password: Secret(Self.storePass))
        let entry = try #require(store.entry(alias: "signer"))
        #expect(entry.isLocked && entry.certificate == Fixtures.rsaCertificate)
        #expect { try store.privateKey(alias: "signer", password: Secret(Self.storePass)) } throws: {
            ($0 as? KeyMaterialError)?.code == .wrongPassword && "\($0)".contains("key password of signer is incorrect")
        }
        #expect { try store.certificateSigningRequest(alias: "signer") } throws: { "\($0)".contains("has its own password") }
        #expect(try store.privateKey(alias: "signer", password: Secret(Self.keyPass)).matches(Fixtures.rsaCertificate))
        #expect { try Keystore.open(data: data, password: Secret(Self.keyPass)) } throws: { ($0 as? KeyMaterialError)?.code == .wrongPassword }

        // Written back while locked, the key keeps its bytes; given, it opens at once.
        var edited = store
        try edited.importTrustedCertificate(Fixtures.ecCertificate, alias: "client")
        let rewritten = try edited.serialized(password: Secret(Self.storePass))
        let reopened = try Keystore.open(data: rewritten, password: Secret(Self.storePass), keyPasswords: ["SIGNER": Secret(Self.keyPass)])
        #expect(reopened.entries.map(\.alias) == ["signer", "client"])
        let unlocked = try #require(reopened.entry(alias: "signer"))
        #expect(!unlocked.isLocked && unlocked.hasOwnKeyPassword && unlocked.privateKey?.matches(Fixtures.rsaCertificate) == true)
        #expect(try reopened.certificateSigningRequest(alias: "signer").contains("CERTIFICATE REQUEST"))

        // The fix: the key takes the store password, and keytool then uses it.
        var fixed = reopened
        try fixed.changeKeyPassword(alias: "signer", old: Secret(Self.keyPass), new: Secret(Self.storePass))
        try fixed.serialized(password: Secret(Self.storePass)).write(to: URL(fileURLWithPath: path))
        let csr = try keytool(path, ["-certreq"])
        #expect(csr.status == 0 && csr.output.contains("CERTIFICATE REQUEST"), "\(csr.output)")
    }
}
