import CLibXML2
import Foundation
import Synchronization
import Testing
import KeyMaterial
@testable import SecureXML

@Suite struct EncryptionTests {
    static let kek128 = try! XMLKey.aes(Secret(bytes: Array(repeating: 7, count: 16)))
    static let kek192 = try! XMLKey.aes(Secret(bytes: Array(repeating: 8, count: 24)))
    static let kek256 = try! XMLKey.aes(Secret(bytes: Array(repeating: 9, count: 32)))
    static let privateKey = Fixtures.signingKey
    static let recipient = Fixtures.verifyingKey

    static func kek(_ algorithm: KeyEncryptionAlgorithm) -> XMLKey {
        switch algorithm.wrapBits { case 128: kek128; case 192: kek192; case 256: kek256; default: recipient }
    }

    static func decryptionKey(_ algorithm: KeyEncryptionAlgorithm) -> XMLKey {
        algorithm.kind == .aesKeyWrap ? kek(algorithm) : privateKey
    }

    static let legacy = XMLProcessingPolicy(allowRSA15: true, allowTripleDES: true)
    static let keyAlgorithms: [KeyEncryptionAlgorithm] = KeyEncryptionAlgorithm.named.map(\.1)

    @Test(arguments: DataEncryptionAlgorithm.allCases)
    func elementRoundTripForEveryKeyEncryption(algorithm: DataEncryptionAlgorithm) throws {
        for keyAlgorithm in Self.keyAlgorithms {
            let document = try Fixtures.parse(Fixtures.envelope)
            let body = document.root!.children[1]
            let encrypted = try XMLEncryptor(algorithm: algorithm, policy: Self.legacy).encrypt([body], for: Self.kek(keyAlgorithm), keyEncryption: keyAlgorithm)
            #expect(encrypted.count == 1)
            let text = Fixtures.text(document)
            #expect(!text.contains("Widget"))
            let received = try Fixtures.parse(text)
            let parts = try XMLDecryptor(policy: Self.legacy).decryptDocument(received, key: Self.decryptionKey(keyAlgorithm))
            #expect(parts.count == 1)
            #expect(parts.first?.keyEncryption == keyAlgorithm, "\(keyAlgorithm)")
            #expect(parts.first?.elements.map(\.path) == ["/soap:Envelope/soap:Body"])
            // The decrypted Body is back, with its ID registered for a signature over it.
            #expect(Fixtures.text(received) == Fixtures.text(try Fixtures.parse(Fixtures.envelope)))
            #expect(received.element(withID: "Body-1")?.name == "Body")
        }
    }

    @Test func decryptingKeepsTheIDRegistryExact() throws {
        // The plaintext's IDs go in as it is put back and the EncryptedData's comes out, so a parsed document's registry
        // stays current: a signature over the plaintext needs no second walk over the whole document.
        let document = try Fixtures.parse(Fixtures.envelope)
        let key = try XMLKey.aes(Secret(bytes: Array(repeating: 3, count: 32)))
        try XMLEncryptor(algorithm: .aes256CBC).encrypt(document.root!.children[1], dataKey: key, id: "ED-1")
        let received = try Fixtures.parse(Fixtures.text(document))
        #expect(received.idsCurrent && received.element(withID: "Body-1") == nil)
        let part = try XMLDecryptor().decrypt(try #require(received.element(withID: "ED-1")), dataKey: key)
        #expect(received.idsCurrent)
        #expect(received.element(withID: "Body-1") == part.elements.first)
        #expect(xmlGetID(received.doc, "ED-1") == nil)
    }

    @Test func rsaKeyTransportPreparesEachSetupOnceAndKeepsLabelsPerOperation() throws {
        let recipient = try XMLKey(certificate: Fixtures.rsaCertificate), holder = try XMLKey(privateKey: Fixtures.rsaKey)
        let secret = Secret(bytes: Array(repeating: 5, count: 32))
        let label: [UInt8] = Array("label".utf8)
        let cipher = try RSAKeyTransport.encrypt(secret, with: recipient, algorithm: .rsaOAEP11SHA256, label: label)
        #expect(RSAKeyTransport.decrypt(cipher, with: holder, algorithm: .rsaOAEP11SHA256, label: label) == Array(repeating: 5, count: 32))
        #expect(RSAKeyTransport.decrypt(cipher, with: holder, algorithm: .rsaOAEP11SHA256, label: []) == nil)
        // The label went on that operation's own context: the prepared one, copied for the next, has none.
        let plain = try RSAKeyTransport.encrypt(secret, with: recipient, algorithm: .rsaOAEP11SHA256, label: [])
        #expect(RSAKeyTransport.decrypt(plain, with: holder, algorithm: .rsaOAEP11SHA256, label: []) == Array(repeating: 5, count: 32))
        _ = try RSAKeyTransport.encrypt(secret, with: recipient, algorithm: .rsaOAEP, label: [])
        #expect(recipient.transportContexts.withLock { $0.count } == 2)
    }

    @Test func algorithmNamesAreTheirURIsFragments() {
        for algorithm in DataEncryptionAlgorithm.allCases { #expect(algorithm.uri.hasSuffix("#" + algorithm.name)) }
    }

    @Test func contentEncryptionKeepsTheElement() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        let body = document.root!.children[1]
        try XMLEncryptor(algorithm: .aes128CBC).encrypt([body], for: Self.recipient, type: .content)
        let text = Fixtures.text(document)
        #expect(text.contains(#"<soap:Body wsu:Id="Body-1"><EncryptedData"#))
        let received = try Fixtures.parse(text)
        let parts = try XMLDecryptor().decryptDocument(received, key: Self.privateKey)
        #expect(parts.map(\.type) == [.content])
        #expect(parts.first?.elements.map(\.name) == ["order"])
        #expect(parts.first?.parent?.name == "Body")
        #expect(Fixtures.text(received) == Fixtures.text(try Fixtures.parse(Fixtures.envelope)))
    }

    /// An element with no content (an empty SOAP Body) encrypts and decrypts back to itself: xmlsec's plaintext
    /// buffer is then empty, with no data pointer, and was taken for a failed decryption. Under AES-GCM xmlsec cannot
    /// encrypt nothing at all, and the error says what to do instead.
    @Test(arguments: [DataEncryptionAlgorithm.aes128CBC, .aes256CBC, .tripleDESCBC])
    func emptyContentEncryptsAndDecrypts(algorithm: DataEncryptionAlgorithm) throws {
        let empty = Fixtures.envelope.replacingOccurrences(of: #"<m:order xmlns:m="urn:example:orders"><m:item qty="2">Widget &amp; bolt</m:item></m:order>"#, with: "")
        let lenient = XMLProcessingPolicy(allowTripleDES: true)
        let document = try Fixtures.parse(empty)
        try XMLEncryptor(algorithm: algorithm, policy: lenient).encrypt([document.root!.children[1]], for: Self.recipient, type: .content)
        #expect(Fixtures.text(document).contains(#"<soap:Body wsu:Id="Body-1"><EncryptedData"#))
        let received = try Fixtures.parse(Fixtures.text(document))
        let parts = try XMLDecryptor(policy: lenient).decryptDocument(received, key: Self.privateKey)
        #expect(parts.map(\.type) == [.content] && parts.first?.elements.isEmpty == true && parts.first?.parent?.name == "Body")
        #expect(Fixtures.text(received) == Fixtures.text(try Fixtures.parse(empty)))
        let gcm = try Fixtures.parse(empty)
        #expect {
            try XMLEncryptor(algorithm: .aes256GCM).encrypt([gcm.root!.children[1]], for: Self.recipient, type: .content)
        } throws: { ($0 as? XMLError)?.message.contains("cannot encrypt empty content with aes256-gcm") == true }
    }

    @Test func detachedKeyWithReferenceListOpensSeveralParts() throws {
        // The WS-Security form: one EncryptedKey in the header lists the EncryptedData it opens.
        let document = try Fixtures.parse(Fixtures.envelope)
        let dataKey = try XMLKey.generateDataKey(for: .aes256CBC)
        let timestamp = Fixtures.security(document).children[0]
        let body = document.root!.children[1]
        try XMLEncryptor(algorithm: .aes256GCM).encrypt(timestamp, dataKey: dataKey, id: "ED-1")
        try XMLEncryptor(algorithm: .aes256GCM).encrypt(body, dataKey: dataKey, type: .content, id: "ED-2")
        try XMLKeyEncryptor(algorithm: .rsaOAEP11SHA256).encryptedKey(dataKey, for: Self.recipient, at: .firstChild(of: Fixtures.security(document)),
                                                                       id: "EK-1", dataReferences: ["ED-1", "ED-2"])
        let text = Fixtures.text(document)
        #expect(text.contains(##"<xenc:DataReference URI="#ED-2"/>"##))
        let received = try Fixtures.parse(text)
        let parts = try XMLDecryptor().decryptDocument(received, key: Self.privateKey)
        #expect(parts.map(\.encryptedDataID) == ["ED-1", "ED-2"])
        #expect(received.element(withID: "TS-1")?.name == "Timestamp")
        #expect(Fixtures.text(received).contains("Widget &amp; bolt"))
        // The layer above can do the same step by step.
        let again = try Fixtures.parse(text)
        let key = try XMLDecryptor().unwrapKey(try #require(again.element(withID: "EK-1")), with: Self.privateKey, for: .aes256GCM)
        let part = try XMLDecryptor().decrypt(try #require(again.element(withID: "ED-2")), dataKey: key)
        #expect(part.elements.map(\.name) == ["order"])
    }

    /// An EncryptedData held from before its decryption (a signature covered it) stays a node of its own: it was
    /// freed, and the next node made took its address and compared equal to it, as if that node were the one signed.
    @Test func aDecryptedEncryptedDataIsNeverANewNodesAddress() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        let dataKey = try XMLKey.generateDataKey(for: .aes256CBC)
        let encrypted = try XMLEncryptor().encrypt(document.root!.children[1], dataKey: dataKey, id: "ED-1")
        let held = try #require(document.element(withID: "ED-1"))
        #expect(held == encrypted)
        _ = try XMLDecryptor().decrypt(held, dataKey: dataKey)
        #expect(document.element(withID: "ED-1") == nil, "its ID left with it")
        let made = (0..<64).map { document.root!.appendElement("made\($0)") }
        #expect(made.allSatisfy { $0 != held }, "a new element has the decrypted EncryptedData's address")
        #expect(held.name == "EncryptedData")
    }

    @Test func directDataKeyAndRetrievalMethod() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        try XMLEncryptor(algorithm: .aes192CBC).encrypt(document.root!.children[1], dataKey: Self.kek192)
        let received = try Fixtures.parse(Fixtures.text(document))
        #expect(try XMLDecryptor().decryptDocument(received, key: Self.kek192).map(\.keyEncryption) == [nil])

        let viaRetrieval = try Fixtures.parse(Fixtures.envelope)
        let dataKey = try XMLKey.generateDataKey(for: .aes128CBC)
        let encrypted = try XMLEncryptor(algorithm: .aes128GCM).encrypt(viaRetrieval.root!.children[1], dataKey: dataKey)
        try XMLKeyEncryptor(algorithm: .kwAES256).encryptedKey(dataKey, for: Self.kek256, at: .firstChild(of: Fixtures.security(viaRetrieval)), id: "EK-9")
        encrypted.child("CipherData", "http://www.w3.org/2001/04/xmlenc#")!
            .insertSiblingBefore("KeyInfo", namespace: "http://www.w3.org/2000/09/xmldsig#", prefix: "ds")
            .appendElement("RetrievalMethod", namespace: "http://www.w3.org/2000/09/xmldsig#")
            .setAttribute("URI", "#EK-9")
        encrypted.descendants("RetrievalMethod", "http://www.w3.org/2000/09/xmldsig#")[0]
            .setAttribute("Type", "http://www.w3.org/2001/04/xmlenc#EncryptedKey")
        let parts = try XMLDecryptor().decryptDocument(try Fixtures.parse(Fixtures.text(viaRetrieval)), key: Self.kek256)
        #expect(parts.map(\.keyEncryption) == [.kwAES256])
    }

    @Test func keysMustFit() throws {
        let document = try Fixtures.parse(Fixtures.envelope)
        let body = document.root!.children[1]
        func code(_ body: () throws -> Any) -> XMLError.Code? {
            do { _ = try body(); return nil } catch let error as XMLError { return error.code } catch { return nil }
        }
        #expect(code { try XMLEncryptor(algorithm: .aes256CBC).encrypt(body, dataKey: Self.kek128) } == .keyMismatch)
        let wrongSize = #expect(throws: XMLError.self) { try XMLEncryptor(algorithm: .aes256CBC).encrypt(body, dataKey: Self.kek128) }
        #expect(wrongSize?.message.hasSuffix("needs an AES-256 key, not an AES-128 key") == true)
        #expect(code { try XMLEncryptor().encrypt(body, dataKey: Fixtures.hmacKey) } == .keyMismatch)
        #expect(code { try XMLEncryptor().encrypt([body], for: Fixtures.hmacKey) } == .keyMismatch)
        #expect(code { try XMLEncryptor().encrypt([body], for: Self.kek128, keyEncryption: .kwAES256) } == .keyMismatch)
        #expect(code { try XMLEncryptor().encrypt([body], for: Self.recipient, keyEncryption: .rsa15) } == .algorithmNotAllowed)
        // Nothing was encrypted by the failed attempts.
        #expect(Fixtures.text(document).contains("Widget"))
        try XMLEncryptor().encrypt([body], for: Self.recipient)
        #expect(code { try XMLDecryptor().decryptDocument(document, key: Self.recipient) } == .keyMismatch)
        #expect(code { try XMLDecryptor().decryptDocument(document, key: Self.kek256) } == .keyMismatch)
    }

    @Test func tripleDESOnlyWhenThePolicyAllowsIt() throws {
        func code(_ body: () throws -> Any) -> XMLError.Code? {
            do { _ = try body(); return nil } catch let error as XMLError { return error.code } catch { return nil }
        }
        let document = try Fixtures.parse(Fixtures.envelope)
        let body = document.root!.children[1]
        let desKey = try XMLKey.tripleDES(Secret(bytes: Array(repeating: 5, count: 24)))
        #expect(code { try XMLEncryptor(algorithm: .tripleDESCBC).encrypt([body], for: Self.recipient) } == .algorithmNotAllowed)
        #expect(code { try XMLEncryptor(algorithm: .tripleDESCBC).encrypt(body, dataKey: desKey) } == .algorithmNotAllowed)
        // An AES-192 key has the size of a Triple DES key but is not one, and the other way round.
        #expect(code { try XMLEncryptor(algorithm: .tripleDESCBC, policy: Self.legacy).encrypt(body, dataKey: Self.kek192) } == .keyMismatch)
        #expect(code { try XMLEncryptor(algorithm: .aes192CBC).encrypt(body, dataKey: desKey) } == .keyMismatch)
        #expect(code { try XMLKey.tripleDES(Secret(bytes: Array(repeating: 5, count: 16))) } == .invalidKey)
        #expect(Fixtures.text(document).contains("Widget"))

        try XMLEncryptor(algorithm: .tripleDESCBC, policy: Self.legacy).encrypt([body], for: Self.recipient)
        let text = Fixtures.text(document)
        #expect(text.contains("#tripledes-cbc") && !text.contains("Widget"))
        let refused = try Fixtures.parse(text)
        #expect(code { try XMLDecryptor().decryptDocument(refused, key: Self.privateKey) } == .algorithmNotAllowed)
        #expect(Fixtures.text(refused) == text)
        let received = try Fixtures.parse(text)
        let parts = try XMLDecryptor(policy: Self.legacy).decryptDocument(received, key: Self.privateKey)
        #expect(parts.map(\.algorithm) == [.tripleDESCBC])
        #expect(Fixtures.text(received) == Fixtures.text(try Fixtures.parse(Fixtures.envelope)))
    }
}
