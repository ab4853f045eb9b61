import Foundation
import KeyMaterial
import Testing
import TestSupport

/// CA replies in PKCS #7 form (.p7b PEM, .p7c DER), made by keytool -gencert and openssl crl2pkcs7, read by us
/// and checked against keytool, which reads the same files.
@Suite(.serialized) struct PKCS7ReplyTests {
    @Test(arguments: [false, true])
    func aShuffledThreeLevelReplyBecomesTheChainKeytoolLists(der: Bool) throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        var store = KeystoreFormatsTests.sample(.jks)
        let leaf = try ca.sign(csr: store.certificateSigningRequest(alias: "service"))
        // The bundle's order is not the chain's: the importer finds it by subject, issuer and signature.
        let reply = try ca.pkcs7([ca.root, leaf, ca.intermediate], der: der, name: "reply")
        #expect(try KeytoolCA.keytool(["-printcert", "-file", reply]).contains("Certificate[3]:"))
        let data = try Data(contentsOf: URL(fileURLWithPath: reply))
        #expect(Set(try Certificate.all(from: data)) == [ca.root, leaf, ca.intermediate])

        // keytool installs the same reply on a copy of the store it did not write, for comparison.
        let before = ca.path("before.jks"), ours = ca.path("ours.jks")
        try store.serialized(password: Secret("store-pass")).write(to: URL(fileURLWithPath: before))
        let installed = try store.importCAReply(alias: "service", reply: Certificate.all(from: data))
        #expect(installed.chain == [leaf, ca.intermediate, ca.root] && !installed.rootTrusted)
        try store.serialized(password: Secret("store-pass")).write(to: URL(fileURLWithPath: ours))
        _ = try KeytoolCA.keytool(["-importcert", "-noprompt", "-alias", "service", "-file", reply, "-storetype", "JKS",
                                   "-keystore", before, "-storepass", "store-pass"])
        func chain(_ path: String) throws -> [String] {
            let listing = try KeytoolCA.keytool(["-list", "-v", "-alias", "service", "-storetype", "JKS", "-keystore", path, "-storepass", "store-pass"])
            #expect(listing.contains("Certificate chain length: 3"))
            return listing.split(separator: "\n").compactMap { line in
                let text = line.trimmingCharacters(in: .whitespaces)
                return text.hasPrefix("SHA256: ") ? String(text.dropFirst(8)) : nil
            }
        }
        let expected = [leaf, ca.intermediate, ca.root].map(\.sha256Fingerprint)
        #expect(try chain(ours) == expected)
        #expect(try chain(before) == expected)
    }

    @Test func aPKCS7ForAnotherKeyOrDamagedIsAClearError() throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        var store = KeystoreFormatsTests.sample(.pkcs12)
        var other = KeystoreFormatsTests.sample(.pkcs12)
        try other.generateKeyPair(alias: "other", algorithm: .ecP256, subject: "CN=other", validityDays: 30)
        let foreign = try ca.sign(csr: other.certificateSigningRequest(alias: "other"))
        let reply = try Data(contentsOf: URL(fileURLWithPath: ca.pkcs7([foreign, ca.intermediate, ca.root], der: true, name: "foreign")))
        #expect { try store.importCAReply(alias: "service", reply: Certificate.all(from: reply)) } throws: {
            ($0 as? KeyMaterialError)?.code == .invalidArgument && "\($0)".contains("the reply is for another key")
        }
        // DER cut short, and PEM whose base64 was edited: each a damaged PKCS #7, not "not a certificate".
        #expect { try Certificate.all(from: reply.prefix(reply.count - 40)) } throws: {
            ($0 as? KeyMaterialError)?.code == .corrupt && "\($0)".contains("damaged PKCS #7")
        }
        let pem = try String(contentsOfFile: ca.pkcs7([ca.root], der: false, name: "pem"), encoding: .utf8)
        var lines = pem.split(separator: "\n").map(String.init)
        lines[3] = String(lines[3].reversed())
        #expect { try Certificate.all(from: Data(lines.joined(separator: "\n").utf8)) } throws: {
            ($0 as? KeyMaterialError)?.code == .corrupt && "\($0)".contains("damaged PKCS #7")
        }
        // Neither PEM nor DER at all: said in those words, not in OpenSSL's ASN.1 ones.
        #expect { try Certificate.all(from: Data("hello\n".utf8)) } throws: {
            ($0 as? KeyMaterialError)?.code == .corrupt && "\($0)".contains("not a certificate: neither PEM") && !"\($0)".contains("asn1")
        }
        #expect(store.entry(alias: "service")?.chain.count == 1)
    }

    @Test func aTrustedImportTakesAPKCS7OfExactlyOneCertificate() throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        let one = try Data(contentsOf: URL(fileURLWithPath: ca.pkcs7([ca.root], der: true, name: "one")))
        #expect(try Certificate.single(from: one) == ca.root)
        let two = try Data(contentsOf: URL(fileURLWithPath: ca.pkcs7([ca.intermediate, ca.root], der: false, name: "two")))
        #expect { try Certificate.single(from: two) } throws: { error in
            let text = "\(error)"
            return (error as? KeyMaterialError)?.code == .invalidArgument && text.contains("holds 2 certificates")
                && text.contains("1. CN=Test Intermediate CA,O=wssconsole (issued by CN=Test Root CA") && text.contains("2. CN=Test Root CA")
        }
    }

    /// Two keys under one CA in a PEM bundle that holds each CA certificate once, as one writes it by hand
    /// (`cat a.key a.pem b.key b.pem intermediate.pem root.pem`): both chains reach the root. The second used to stop
    /// at its leaf, its intermediate taken by the first.
    @Test func twoKeysOfOneCAInAPEMBundleBothGetTheWholeChain() throws {
        let ca = try KeytoolCA()
        defer { ca.remove() }
        let store = Keystore(format: .jks, entries: [
            .privateKey(alias: "a", key: Fixtures.rsaKey, chain: [Fixtures.rsaCertificate]),
            .privateKey(alias: "b", key: Fixtures.ecKey, chain: [Fixtures.ecCertificate]),
        ])
        let leafA = try ca.sign(csr: store.certificateSigningRequest(alias: "a"))
        let leafB = try ca.sign(csr: store.certificateSigningRequest(alias: "b"))
        let bundle = try Fixtures.rsaKey.pemString(password: nil) + leafA.pemString + Fixtures.ecKey.pemString(password: nil) + leafB.pemString
            + ca.intermediate.pemString + ca.root.pemString
        let read = try Keystore.open(data: Data(bundle.utf8), password: Secret(""))
        #expect(read.entries.map(\.kind) == [.privateKey, .privateKey], "\(read.entries.map(\.alias))")
        #expect(read.entries.map(\.chain) == [[leafA, ca.intermediate, ca.root], [leafB, ca.intermediate, ca.root]])
        // Written back, each chain is whole, and reads the same.
        let again = try Keystore.open(data: try read.serialized(password: Secret("")), password: Secret(""))
        #expect(again.entries.map(\.chain) == read.entries.map(\.chain) && again.entries.count == 2)
    }
}
