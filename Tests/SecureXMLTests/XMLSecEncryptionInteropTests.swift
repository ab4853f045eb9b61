import Foundation
import Testing
import KeyMaterial
@testable import SecureXML

/// The peer proof for XML Encryption: `xmlsec1` decrypts what we encrypt and we decrypt what it encrypts, for every
/// data algorithm and key transport it has. The SHA-256 OAEP variants, which xmlsec 1.2.37 lacks, are proven
/// against `openssl pkeyutl`. One line per case; `XMLSEC_INTEROP_CASE=name` reruns one.
@Suite struct XMLSecEncryptionInteropTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let data: DataEncryptionAlgorithm
        let key: KeyEncryptionAlgorithm?
        var type: EncryptedType = .element
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(name: "aes128-cbc/rsa-oaep", data: .aes128CBC, key: .rsaOAEP),
        .init(name: "aes192-cbc/rsa-oaep", data: .aes192CBC, key: .rsaOAEP),
        .init(name: "aes256-cbc/rsa-oaep", data: .aes256CBC, key: .rsaOAEP),
        .init(name: "aes128-gcm/rsa-oaep", data: .aes128GCM, key: .rsaOAEP),
        .init(name: "aes192-gcm/rsa-oaep", data: .aes192GCM, key: .rsaOAEP),
        .init(name: "aes256-gcm/rsa-oaep", data: .aes256GCM, key: .rsaOAEP),
        .init(name: "aes256-cbc/rsa-1_5", data: .aes256CBC, key: .rsa15),
        .init(name: "aes128-gcm/rsa-1_5", data: .aes128GCM, key: .rsa15),
        .init(name: "aes128-cbc/kw-aes128", data: .aes128CBC, key: .kwAES128),
        .init(name: "aes256-gcm/kw-aes192", data: .aes256GCM, key: .kwAES192),
        .init(name: "aes256-cbc/kw-aes256", data: .aes256CBC, key: .kwAES256),
        .init(name: "aes256-gcm/direct-key", data: .aes256GCM, key: nil),
        .init(name: "aes128-cbc/direct-key/content", data: .aes128CBC, key: nil, type: .content),
        .init(name: "aes128-cbc/rsa-oaep/content", data: .aes128CBC, key: .rsaOAEP, type: .content),
        .init(name: "aes256-gcm/kw-aes256/content", data: .aes256GCM, key: .kwAES256, type: .content),
        .init(name: "tripledes-cbc/rsa-oaep", data: .tripleDESCBC, key: .rsaOAEP),
        .init(name: "tripledes-cbc/rsa-1_5", data: .tripleDESCBC, key: .rsa15),
        .init(name: "tripledes-cbc/kw-aes256", data: .tripleDESCBC, key: .kwAES256),
        .init(name: "tripledes-cbc/direct-key/content", data: .tripleDESCBC, key: nil, type: .content),
    ]

    static let legacy = XMLProcessingPolicy(allowRSA15: true, allowTripleDES: true)

    /// A Triple DES key and its file, for the direct cases.
    static let desKey: (key: XMLKey, file: String) = {
        let bytes = (0..<24).map { UInt8(($0 * 53 + 11) & 0xFF) }
        return (try! XMLKey.tripleDES(Secret(bytes: bytes)), Fixtures.file("des192.bin", bytes))
    }()

    /// AES keys of each size with their files: KEKs for key wrap, data keys for the direct cases.
    static let aesKeys: [Int: (key: XMLKey, file: String)] = Dictionary(uniqueKeysWithValues: [128, 192, 256].map { bits in
        let bytes = (0..<bits / 8).map { UInt8(($0 * 37 + bits) & 0xFF) }
        return (bits, (try! XMLKey.aes(Secret(bytes: bytes)), Fixtures.file("aes\(bits).bin", bytes)))
    })

    /// Our key for decrypting, and xmlsec1's key arguments for decrypting or encrypting this case.
    static func keys(_ c: Case, encrypt: Bool) -> (ours: XMLKey, xmlsec1: [String]) {
        guard let key = c.key else {
            if c.data == .tripleDESCBC { return (desKey.key, ["--deskey", desKey.file]) }
            return (aesKeys[c.data.keyBits]!.key, ["--aeskey", aesKeys[c.data.keyBits]!.file])
        }
        let session = encrypt ? ["--session-key", "\(c.data == .tripleDESCBC ? "des" : "aes")-\(c.data.keyBits)"] : []
        if key.kind == .aesKeyWrap {
            return (aesKeys[key.wrapBits]!.key, ["--aeskey", aesKeys[key.wrapBits]!.file] + session)
        }
        return (Fixtures.signingKey, (encrypt ? ["--pubkey-cert-pem", Fixtures.rsaCertificatePEM] : ["--privkey-pem", Fixtures.rsaKeyPEM]) + session)
    }

    static func canonical(_ bytes: [UInt8]) throws -> String {
        String(decoding: try XMLDocument.parse(bytes).canonicalized(.inclusive), as: UTF8.self)
    }

    static let original: String = try! canonical(Array(Fixtures.envelope.utf8))

    @Test(arguments: cases)
    func xmlsec1DecryptsOurs(_ c: Case) throws {
        guard XMLSecInteropTests.selected(c.name) else { return }
        let document = try Fixtures.parse(Fixtures.envelope)
        let body = document.root!.children[1]
        let keys = Self.keys(c, encrypt: false)
        if let key = c.key {
            let recipient = key.kind == .aesKeyWrap ? keys.ours : Fixtures.verifyingKey
            try XMLEncryptor(algorithm: c.data, policy: Self.legacy).encrypt([body], for: recipient, keyEncryption: key, type: c.type)
        } else {
            try XMLEncryptor(algorithm: c.data, policy: Self.legacy).encrypt(body, dataKey: keys.ours, type: c.type)
        }
        let name = c.name.replacingOccurrences(of: "/", with: "_")
        let output = Fixtures.folder + "/xmlsec1-decrypted-\(name).xml"
        let result = try XMLSecInteropTests.xmlsec1(["--decrypt", "--output", output] + keys.xmlsec1
                                                    + [Fixtures.file("ours-encrypted-\(name).xml", document.serialized())])
        try #require(result.status == 0, "\(c.name): \(result.stderr)")
        #expect(try Self.canonical([UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))) == Self.original)
    }

    @Test(arguments: cases)
    func weDecryptXMLSec1s(_ c: Case) throws {
        guard XMLSecInteropTests.selected(c.name) else { return }
        let keyInfo = c.key.map {
            #"<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="\#($0.uri)"/>"#
                + "<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>"
        } ?? ""
        let template = #"<xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="\#(c.type.rawValue)">"#
            + #"<xenc:EncryptionMethod Algorithm="\#(c.data.uri)"/>\#(keyInfo)<xenc:CipherData><xenc:CipherValue/></xenc:CipherData></xenc:EncryptedData>"#
        let name = c.name.replacingOccurrences(of: "/", with: "_")
        let output = Fixtures.folder + "/xmlsec1-encrypted-\(name).xml"
        let keys = Self.keys(c, encrypt: true)
        let result = try XMLSecInteropTests.xmlsec1(["--encrypt", "--output", output, "--xml-data", Fixtures.file("envelope.xml", Fixtures.envelope),
                                                     "--node-id", "Body-1"] + keys.xmlsec1 + [Fixtures.file("enc-template-\(name).xml", template)])
        try #require(result.status == 0, "\(c.name): \(result.stderr)")
        let encrypted = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        #expect(!String(decoding: encrypted, as: UTF8.self).contains("Widget"))
        let document = try XMLDocument.parse(encrypted)
        let parts = try XMLDecryptor(policy: Self.legacy).decryptDocument(document, key: Self.keys(c, encrypt: false).ours)
        #expect(parts.map(\.type) == [c.type])
        #expect(parts.first?.keyEncryption == c.key)
        #expect(try Self.canonical(document.serialized()) == Self.original)
    }

    // MARK: RSA-OAEP with SHA-256, against openssl pkeyutl

    static let oaepSHA256: [(KeyEncryptionAlgorithm, [String])] = [
        (.rsaOAEPDigestSHA256, ["rsa_oaep_md:sha256", "rsa_mgf1_md:sha1"]),
        (.rsaOAEP11SHA256, ["rsa_oaep_md:sha256", "rsa_mgf1_md:sha256"]),
    ]

    static func pkeyutl(_ operation: [String], _ options: [String], input: [UInt8]) throws -> Peer.Result {
        try Peer.run(Peer.openssl, ["pkeyutl"] + operation + (["rsa_padding_mode:oaep"] + options).flatMap { ["-pkeyopt", $0] }, input: input)
    }

    @Test func opensslDecryptsOurSHA256OAEPKeys() throws {
        let dataKey = Self.aesKeys[256]!.key
        for (algorithm, options) in Self.oaepSHA256 {
            let document = try Fixtures.parse("<r/>")
            let encryptedKey = try XMLKeyEncryptor(algorithm: algorithm).encryptedKey(dataKey, for: Fixtures.verifyingKey, at: .lastChild(of: document.root!))
            let cipher = try base64(try #require(encryptedKey.descendants("CipherValue", "http://www.w3.org/2001/04/xmlenc#").first).text)
            let result = try Self.pkeyutl(["-decrypt", "-inkey", Fixtures.rsaKeyPEM], options, input: cipher)
            #expect(result.status == 0, "\(algorithm): \(result.stderr)")
            #expect(result.stdout == dataKey.secret!.withUnsafeBytes { Array($0) }, "\(algorithm)")
        }
    }

    @Test func weDecryptOpensslSHA256OAEPKeys() throws {
        let dataKey = Self.aesKeys[128]!.key
        let keyBytes = dataKey.secret!.withUnsafeBytes { Array($0) }
        for (algorithm, options) in Self.oaepSHA256 {
            let result = try Self.pkeyutl(["-encrypt", "-certin", "-inkey", Fixtures.rsaCertificatePEM], options, input: keyBytes)
            try #require(result.status == 0, "\(algorithm): \(result.stderr)")
            // Our structure, with openssl's cipher text in the EncryptedKey.
            let document = try Fixtures.parse(Fixtures.envelope)
            let encrypted = try XMLEncryptor(algorithm: .aes128GCM).encrypt(document.root!.children[1], dataKey: dataKey)
            let cipherValue = try XMLKeyEncryptor(algorithm: algorithm).embed(dataKey, for: Fixtures.verifyingKey, in: encrypted)
                .descendants("CipherValue", "http://www.w3.org/2001/04/xmlenc#")[0]
            var parts = Fixtures.text(document).components(separatedBy: "CipherValue>")
            #expect(parts[1].hasPrefix(cipherValue.text))
            parts[1] = Data(result.stdout).base64EncodedString() + parts[1][parts[1].firstIndex(of: "<")!...]
            let received = try Fixtures.parse(parts.joined(separator: "CipherValue>"))
            let decrypted = try XMLDecryptor().decryptDocument(received, key: Fixtures.signingKey)
            #expect(decrypted.first?.keyEncryption == algorithm)
            #expect(try Self.canonical(received.serialized()) == Self.original)
        }
    }
}
