import Foundation
import Testing
import CLibXML2
import CXMLSec
import KeyMaterial
@testable import SecureXML

/// One test per defence of the encryption layer (issue 3, points 3 and 4).
@Suite struct EncryptionDefenceTests {
    static let dataKey = try! XMLKey.aes(Secret(bytes: Array(repeating: 3, count: 32)))
    static let uniform = XMLError.decryptionFailed()

    /// A document holding an EncryptedData whose plaintext is exactly `plaintext` (no checks on the way in).
    func crafted(_ plaintext: String, type: EncryptedType = .element, algorithm: DataEncryptionAlgorithm = .aes256CBC) throws -> String {
        let document = try Fixtures.parse("<root xmlns:m=\"urn:m\"/>")
        let template = try #require(xmlSecTmplEncDataCreate(document.doc, algorithm.transformId, nil, type.rawValue, nil, nil))
        #expect(xmlSecTmplEncDataEnsureCipherValue(template) != nil)
        xmlAddChild(document.root!.node, template)
        let context = try #require(xmlSecEncCtxCreate(XMLLibrary.keyManager))
        defer { xmlSecEncCtxDestroy(context) }
        Self.dataKey.lend(to: &context.pointee.keyInfoReadCtx)
        let bytes = Array(plaintext.utf8)
        #expect(xmlSecEncCtxBinaryEncrypt(context, template, bytes, UInt32(bytes.count)) == 0)
        return Fixtures.text(document)
    }

    func failure(_ text: String, key: XMLKey = dataKey, policy: XMLProcessingPolicy = .default) -> XMLError? {
        do {
            _ = try XMLDecryptor(policy: policy).decryptDocument(try Fixtures.parse(text), key: key)
            return nil
        } catch let error as XMLError { return error } catch { return nil }
    }

    /// A Body encrypted for the test recipient with `keyEncryption`, as text.
    func encryptedEnvelope(_ algorithm: DataEncryptionAlgorithm = .aes128CBC, keyEncryption: KeyEncryptionAlgorithm = .rsaOAEP,
                           recipient: XMLKey = Fixtures.verifyingKey) throws -> String {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLEncryptor(algorithm: algorithm, policy: XMLProcessingPolicy(allowRSA15: true))
            .encrypt([document.root!.children[1]], for: recipient, keyEncryption: keyEncryption)
        return Fixtures.text(document)
    }

    /// Which CipherValue to change: the embedded EncryptedKey's comes first (KeyInfo precedes CipherData).
    static let keyCipher = 1, dataCipher = 2

    /// The text with one base64 character of the n-th CipherValue changed; a negative offset counts back from its end.
    func tamper(_ text: String, _ occurrence: Int, at offset: Int) -> String {
        var parts = text.components(separatedBy: "CipherValue>")
        // parts[2k+1] holds the content of the k-th CipherValue, up to its closing tag.
        var value = Array(parts[2 * occurrence - 1])
        let position = offset >= 0 ? offset : value.firstIndex(of: "<")! + offset
        value[position] = value[position] == "A" ? "B" : "A"
        parts[2 * occurrence - 1] = String(value)
        return parts.joined(separator: "CipherValue>")
    }

    @Test func craftedPlaintextControlDecrypts() throws {
        let text = try crafted("<m:item>fine</m:item>")
        #expect(failure(text) == nil)
        let document = try Fixtures.parse(text)
        _ = try XMLDecryptor().decryptDocument(document, key: Self.dataKey)
        #expect(Fixtures.text(document).contains("<m:item>fine</m:item>"))
    }

    @Test func entitiesInsideDecryptedContentAreRefused() throws {
        let laughs = """
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>
        """
        let external = #"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#
        for plaintext in [laughs, external, "<r>&x;</r>", "<r>&lol2;</r>", #"<r xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/>&undefined;</r>"#] {
            #expect(failure(try crafted(plaintext))?.code == .decryptionFailed, "\(plaintext)")
            #expect(failure(try crafted(plaintext, type: .content))?.code == .decryptionFailed, "\(plaintext)")
        }
    }

    @Test func decryptedContentObeysTheLimitsAndTheIDRegistry() throws {
        let deep = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        #expect(failure(try crafted(deep), policy: XMLProcessingPolicy(contentLimits: ParseLimits(maxDepth: 30)))?.code == .decryptionFailed)
        #expect(failure(try crafted(deep), policy: XMLProcessingPolicy(contentLimits: ParseLimits(maxDepth: 50))) == nil)
        // An ID already in the document, or twice in the plaintext, would make references ambiguous.
        let document = try crafted(#"<m:item Id="x"/>"#).replacingOccurrences(of: "<root xmlns:m=\"urn:m\">", with: "<root xmlns:m=\"urn:m\"><m:first Id=\"x\"/>")
        #expect(failure(document)?.code == .decryptionFailed)
        #expect(failure(try crafted(#"<m:a Id="y"/><m:b Id="y"/>"#, type: .content))?.code == .decryptionFailed)
        // Element type means exactly one element.
        #expect(failure(try crafted("<m:a/><m:b/>"))?.code == .decryptionFailed)
        #expect(failure(try crafted("just text"))?.code == .decryptionFailed)
    }

    @Test func failuresAreUniform() throws {
        var failures: [(String, XMLError?)] = []
        let cbc = try encryptedEnvelope(.aes128CBC)
        #expect(failure(cbc, key: Fixtures.signingKey) == nil)
        failures.append(("wrong private key", failure(cbc, key: Fixtures.otherKeyForDecryption)))
        failures.append(("OAEP cipher changed", failure(tamper(cbc, Self.keyCipher, at: 10), key: Fixtures.signingKey)))
        failures.append(("CBC padding", failure(tamper(cbc, Self.dataCipher, at: -6), key: Fixtures.signingKey)))
        failures.append(("CBC first block", failure(tamper(cbc, Self.dataCipher, at: 25), key: Fixtures.signingKey)))
        let gcm = try encryptedEnvelope(.aes256GCM)
        failures.append(("GCM tag", failure(tamper(gcm, Self.dataCipher, at: 30), key: Fixtures.signingKey)))
        let kek = try XMLKey.aes(Secret(bytes: Array(repeating: 1, count: 16)))
        let otherKek = try XMLKey.aes(Secret(bytes: Array(repeating: 2, count: 16)))
        failures.append(("wrong KEK", failure(try encryptedEnvelope(keyEncryption: .kwAES128, recipient: kek), key: otherKek)))
        failures.append(("direct key wrong", failure(try crafted("<m:a/>"), key: try XMLKey.aes(Secret(bytes: Array(repeating: 4, count: 32))))))
        for (name, error) in failures {
            #expect(error?.code == .decryptionFailed, "\(name)")
            #expect(error?.message == Self.uniform.message, "\(name)")
        }
    }

    @Test func rsa15IsOffByDefault() throws {
        let text = try encryptedEnvelope(keyEncryption: .rsa15)
        #expect(failure(text, key: Fixtures.signingKey)?.code == .algorithmNotAllowed)
        #expect(failure(text, key: Fixtures.signingKey, policy: XMLProcessingPolicy(allowRSA15: true)) == nil)
    }

    @Test func rsa15FailureGetsARandomKeyNotAnError() throws {
        let policy = XMLProcessingPolicy(allowRSA15: true)
        let tampered = tamper(try encryptedEnvelope(keyEncryption: .rsa15), Self.keyCipher, at: 10)
        let document = try Fixtures.parse(tampered)
        let encryptedKey = try #require(document.root?.descendants("EncryptedKey", "http://www.w3.org/2001/04/xmlenc#").first)
        // Bleichenbacher countermeasure: a bad PKCS #1 block yields a random key of the right size, not an error.
        let first = try XMLDecryptor(policy: policy).unwrapKey(encryptedKey, with: Fixtures.signingKey, for: .aes128CBC)
        let second = try XMLDecryptor(policy: policy).unwrapKey(encryptedKey, with: Fixtures.signingKey, for: .aes128CBC)
        #expect(first.bits == 128)
        #expect(!(first.secret!.isEqual(to: second.secret!)))
        let error = failure(tampered, key: Fixtures.signingKey, policy: policy)
        #expect(error?.code == .decryptionFailed)
        #expect(error?.message == Self.uniform.message)
    }

    @Test func cipherReferenceIsRefused() throws {
        let text = try crafted("<m:a/>").replacingOccurrences(of: #"<CipherValue>"#, with: #"<CipherReference URI="http://127.0.0.1:1/x"/><CipherValue>"#)
        #expect(failure(text)?.code == .referenceNotAllowed)
    }
}

extension Fixtures {
    static let otherKeyForDecryption: XMLKey = try! XMLKey(privateKey: otherKey)
}
