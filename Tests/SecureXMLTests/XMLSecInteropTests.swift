import Foundation
import Testing
import KeyMaterial
@testable import SecureXML

/// The peer proof: the `xmlsec1` command-line tool (Debian's xmlsec1) verifies and decrypts what we write, and we
/// verify and decrypt what it writes, for every algorithm. One line per case; `XMLSEC_INTEROP_CASE=name` reruns one.
@Suite struct XMLSecInteropTests {
    struct SignatureCase: CustomTestStringConvertible, Sendable {
        let name: String
        let algorithm: SignatureAlgorithm
        let digest: DigestAlgorithm
        var c14n: CanonicalizationMethod = .exclusive
        var prefixes: [String] = []
        var testDescription: String { name }
    }

    struct EncryptionCase: CustomTestStringConvertible, Sendable {
        let name: String
        let data: DataEncryptionAlgorithm
        let key: KeyEncryptionAlgorithm?
        var type: EncryptedType = .element
        var testDescription: String { name }
    }

    static let signatureCases: [SignatureCase] = [
        .init(name: "rsa-sha1", algorithm: .rsaSHA1, digest: .sha1),
        .init(name: "rsa-sha256", algorithm: .rsaSHA256, digest: .sha256),
        .init(name: "rsa-sha512", algorithm: .rsaSHA512, digest: .sha512),
        .init(name: "hmac-sha1", algorithm: .hmacSHA1, digest: .sha1),
        .init(name: "hmac-sha256", algorithm: .hmacSHA256, digest: .sha256),
        .init(name: "rsa-sha256/sha1-digest", algorithm: .rsaSHA256, digest: .sha1),
        .init(name: "rsa-sha256/sha512-digest", algorithm: .rsaSHA256, digest: .sha512),
        .init(name: "rsa-sha256/exc-prefixlist", algorithm: .rsaSHA256, digest: .sha256, prefixes: ["soap", "wsu"]),
        .init(name: "rsa-sha256/exc-with-comments", algorithm: .rsaSHA256, digest: .sha256, c14n: .exclusiveWithComments),
        .init(name: "rsa-sha256/c14n", algorithm: .rsaSHA256, digest: .sha256, c14n: .inclusive),
        .init(name: "hmac-sha256/c14n-with-comments", algorithm: .hmacSHA256, digest: .sha256, c14n: .inclusiveWithComments),
    ]

    static let encryptionCases: [EncryptionCase] = [
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
        .init(name: "aes128-cbc/rsa-oaep/content", data: .aes128CBC, key: .rsaOAEP, type: .content),
        .init(name: "aes256-gcm/kw-aes256/content", data: .aes256GCM, key: .kwAES256, type: .content),
    ]

    static let legacy = XMLProcessingPolicy(allowSHA1: true, allowRSA15: true)

    /// False when `XMLSEC_INTEROP_CASE` names another case.
    static func selected(_ name: String) -> Bool {
        ProcessInfo.processInfo.environment["XMLSEC_INTEROP_CASE"].map { $0 == name } ?? true
    }

    static func xmlsec1(_ arguments: [String]) throws -> Peer.Result {
        // The file comes last; wsu:Id is an ID only for the elements named here.
        try Peer.run(Peer.xmlsec1, arguments.dropLast() + ["--id-attr:Id", "Body", "--id-attr:Id", "Timestamp", arguments.last!])
    }

    static func signKeyArguments(_ algorithm: SignatureAlgorithm, verify: Bool) -> [String] {
        if algorithm.isHMAC { return ["--hmackey", Fixtures.hmacKeyFile] }
        return verify ? ["--pubkey-cert-pem", Fixtures.rsaCertificatePEM] : ["--privkey-pem", Fixtures.rsaKeyPEM + "," + Fixtures.rsaCertificatePEM]
    }

    // MARK: signatures

    @Test(arguments: signatureCases)
    func xmlsec1VerifiesOurSignature(_ c: SignatureCase) throws {
        guard Self.selected(c.name) else { return }
        let document = try Fixtures.parse(Fixtures.envelope)
        let signer = XMLSigner(algorithm: c.algorithm, digest: c.digest, canonicalization: c.c14n, inclusivePrefixes: c.prefixes, policy: Self.legacy)
        try signer.sign(ids: ["Body-1", "TS-1"], key: c.algorithm.isHMAC ? Fixtures.hmacKey : Fixtures.signingKey,
                        at: .firstChild(of: Fixtures.security(document)))
        let file = Fixtures.file("ours-signed-\(c.name.replacingOccurrences(of: "/", with: "_")).xml", document.serialized())
        let result = try Self.xmlsec1(["--verify", "--enabled-reference-uris", "same-doc"] + Self.signKeyArguments(c.algorithm, verify: true) + [file])
        #expect(result.status == 0, "\(c.name): \(result.stderr)")
    }

    @Test(arguments: signatureCases)
    func weVerifyXMLSec1Signature(_ c: SignatureCase) throws {
        guard Self.selected(c.name) else { return }
        let inclusive = c.prefixes.isEmpty ? "" :
            #"<ec:InclusiveNamespaces xmlns:ec="http://www.w3.org/2001/10/xml-exc-c14n#" PrefixList="\#(c.prefixes.joined(separator: " "))"/>"#
        func reference(_ id: String) -> String {
            "<ds:Reference URI=\"#\(id)\"><ds:Transforms><ds:Transform Algorithm=\"\(c.c14n.uri)\">\(inclusive)</ds:Transform></ds:Transforms>"
                + #"<ds:DigestMethod Algorithm="\#(c.digest.uri)"/><ds:DigestValue/></ds:Reference>"#
        }
        let signature = #"<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>"#
            + #"<ds:CanonicalizationMethod Algorithm="\#(c.c14n.uri)">\#(inclusive)</ds:CanonicalizationMethod>"#
            + #"<ds:SignatureMethod Algorithm="\#(c.algorithm.uri)"/>"# + reference("Body-1") + reference("TS-1")
            + "</ds:SignedInfo><ds:SignatureValue/></ds:Signature>"
        let template = Fixtures.envelope.replacingOccurrences(of: "<wsu:Timestamp", with: signature + "<wsu:Timestamp")
        let name = c.name.replacingOccurrences(of: "/", with: "_")
        let output = Fixtures.folder + "/xmlsec1-signed-\(name).xml"
        let result = try Self.xmlsec1(["--sign", "--output", output] + Self.signKeyArguments(c.algorithm, verify: false)
                                      + [Fixtures.file("template-\(name).xml", template)])
        try #require(result.status == 0, "\(c.name): \(result.stderr)")
        let document = try XMLDocument.parse([UInt8](try Data(contentsOf: URL(fileURLWithPath: output))))
        let signatureElement = try #require(document.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first)
        let verified = try XMLSignatureVerifier(policy: Self.legacy)
            .verify(signatureElement, key: c.algorithm.isHMAC ? Fixtures.hmacKey : Fixtures.verifyingKey)
        #expect(verified.elements.map(\.name) == ["Body", "Timestamp"])
        #expect(verified.algorithm == c.algorithm)
        // And the same document tampered fails with us too.
        let tampered = String(decoding: document.serialized(), as: UTF8.self).replacingOccurrences(of: "Widget", with: "Gadget")
        let again = try Fixtures.parse(tampered)
        let signatureAgain = try #require(again.root?.descendants("Signature", "http://www.w3.org/2000/09/xmldsig#").first)
        #expect(throws: XMLError.self) {
            try XMLSignatureVerifier(policy: Self.legacy).verify(signatureAgain, key: c.algorithm.isHMAC ? Fixtures.hmacKey : Fixtures.verifyingKey)
        }
    }

    @Test func xmlsec1RejectsWhatWeSignedOnceTampered() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLSigner().sign(ids: ["Body-1", "TS-1"], key: Fixtures.signingKey, at: .firstChild(of: Fixtures.security(document)))
        let tampered = Fixtures.text(document).replacingOccurrences(of: "Widget", with: "Gadget")
        let result = try Self.xmlsec1(["--verify", "--pubkey-cert-pem", Fixtures.rsaCertificatePEM, Fixtures.file("ours-tampered.xml", tampered)])
        #expect(result.status != 0)
    }
}
