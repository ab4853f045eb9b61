import CLibXML2
import CShims
import CXMLSec
import KeyMaterial

/// Decrypts XML Encryption: EncryptedKey (RSA-OAEP, RSA-1_5 when allowed, AES key wrap) and EncryptedData
/// (AES-CBC, AES-GCM, Triple DES when allowed), putting the plaintext back into the document under the same rules as parsing.
///
/// Once the key material is in hand, every failure — wrong key, bad padding, bad GCM tag, content that does not
/// parse — is the same `decryptionFailed` from the same path.
public struct XMLDecryptor: Sendable {
    /// What is allowed: RSA-1_5, the limits for decrypted content, the number of EncryptedData.
    public var policy: XMLProcessingPolicy

    /// A decryptor under `policy`.
    public init(policy: XMLProcessingPolicy = .default) {
        self.policy = policy
    }

    /// The data key an EncryptedKey carries, decrypted with `key` (an RSA private key or an AES key-encryption key).
    /// With RSA-1_5 a failure yields a random key of the right size instead, so the failure shows only later,
    /// exactly like a wrong key (the Bleichenbacher countermeasure).
    public func unwrapKey(_ encryptedKey: XMLElement, with key: XMLKey, for data: DataEncryptionAlgorithm) throws(XMLError) -> XMLKey {
        try XMLLibrary.ensure()
        let inspected = try EncryptedKeyInspection(encryptedKey, policy: policy)
        let size = data.keyBits / 8
        var bytes: [UInt8]?
        switch inspected.algorithm.kind {
        case .rsaOAEP, .rsa15:
            guard key.kind == .rsaPrivate else { throw XMLError(.keyMismatch, "An RSA private key is needed, not \(key.withArticle)") }
            bytes = RSAKeyTransport.decrypt(inspected.cipher, with: key, algorithm: inspected.algorithm, label: inspected.label)
            if inspected.algorithm.kind == .rsa15, bytes?.count != size {
                bytes = try? [UInt8](SecureRandom.bytes(size))
            }
            // OAEP resists chosen ciphertexts, so a key that opened but has another length may be named: a sender
            // of a weaker suite (AES-128 under Basic256) is told so, rather than "could not be decrypted".
            if inspected.algorithm.kind == .rsaOAEP, let opened = bytes, opened.count != size {
                throw XMLError(.algorithmNotAllowed, "The EncryptedKey holds a \(opened.count * 8)-bit key where \(data.name) takes \(size * 8) bits")
            }
        case .aesKeyWrap:
            guard key.kind == .aes, key.bits == inspected.algorithm.wrapBits else {
                throw XMLError(.keyMismatch, "\(inspected.algorithm) needs an AES-\(inspected.algorithm.wrapBits) key, not \(key.withArticle)")
            }
            bytes = try? xmlsecDecrypt(encryptedKey, key: key, mode: xmlEncCtxModeEncryptedKey)
        }
        guard let bytes, bytes.count == size else { throw .decryptionFailed() }
        return try XMLKey.dataKey(Secret(bytes: bytes), for: data)
    }

    /// The data encryption algorithm an EncryptedData names (read as decryption reads it), so a caller holding
    /// only key bytes can make the key for it.
    public func algorithm(of encryptedData: XMLElement) throws(XMLError) -> DataEncryptionAlgorithm {
        try EncryptedDataInspection(encryptedData).algorithm
    }

    /// Decrypts one EncryptedData with its data key and puts the plaintext in its place.
    public func decrypt(_ encryptedData: XMLElement, dataKey: XMLKey) throws(XMLError) -> DecryptedPart {
        try decrypt(EncryptedDataInspection(encryptedData), dataKey: dataKey, keyEncryption: nil)
    }

    /// Decrypts every EncryptedData of the document with `key`: through the EncryptedKey in its KeyInfo, the one a
    /// RetrievalMethod names or the one whose ReferenceList lists it; or with `key` itself when none applies.
    public func decryptDocument(_ document: XMLDocument, key: XMLKey) throws(XMLError) -> [DecryptedPart] {
        try XMLLibrary.ensure()
        guard let root = document.root else { return [] }
        try document.registerIDs()
        var listedBy: [String: XMLElement] = [:]
        for encryptedKey in root.descendants("EncryptedKey", Namespace.xenc) {
            for id in try EncryptedKeyInspection(encryptedKey, policy: policy).dataReferences { listedBy[id] = encryptedKey }
        }
        var parts: [DecryptedPart] = []
        // Decrypted content may hold more EncryptedData; each round takes the first one left, within a bound.
        while let next = document.root?.descendants("EncryptedData", Namespace.xenc).first {
            guard parts.count < policy.maxReferences else {
                throw XMLError(.tooManyReferences, "More than \(policy.maxReferences) EncryptedData elements")
            }
            let inspected = try EncryptedDataInspection(next)
            var encryptedKey = inspected.embeddedKey
            if encryptedKey == nil, let id = inspected.retrievedKeyID {
                guard let found = document.element(withID: id) else { throw XMLError(.referenceNotFound, "No EncryptedKey has the ID \"\(id)\"") }
                encryptedKey = found
            }
            if encryptedKey == nil, let id = next.id { encryptedKey = listedBy[id] }
            if let encryptedKey {
                let dataKey = try unwrapKey(encryptedKey, with: key, for: inspected.algorithm)
                let algorithm = try EncryptedKeyInspection(encryptedKey, policy: policy).algorithm
                parts.append(try decrypt(inspected, dataKey: dataKey, keyEncryption: algorithm))
            } else {
                parts.append(try decrypt(inspected, dataKey: key, keyEncryption: nil))
            }
        }
        return parts
    }

    private func decrypt(_ inspected: EncryptedDataInspection, dataKey: XMLKey, keyEncryption: KeyEncryptionAlgorithm?) throws(XMLError) -> DecryptedPart {
        try XMLLibrary.ensure()
        try policy.check(inspected.algorithm)
        guard dataKey.fits(inspected.algorithm) else {
            throw XMLError(.keyMismatch, "\(inspected.algorithm.name) needs \(inspected.algorithm.keyDescription), not \(dataKey.withArticle)")
        }
        let id = inspected.element.id
        let parent = inspected.element.parent
        let plaintext: [UInt8]
        do { plaintext = try xmlsecDecrypt(inspected.element, key: dataKey, mode: xmlEncCtxModeEncryptedData) } catch { throw .decryptionFailed() }
        let elements = try DecryptedContent.replace(inspected.element, with: plaintext, type: inspected.type, limits: policy.contentLimits)
        return DecryptedPart(encryptedDataID: id, type: inspected.type, algorithm: inspected.algorithm, keyEncryption: keyEncryption,
                             elements: elements, parent: parent)
    }

    /// Runs xmlsec on an EncryptedData or EncryptedKey and returns the plaintext bytes.
    private func xmlsecDecrypt(_ element: XMLElement, key: XMLKey, mode: xmlEncCtxMode) throws(XMLError) -> [UInt8] {
        guard let context = xmlSecEncCtxCreate(XMLLibrary.keyManager) else { throw .decryptionFailed() }
        defer { xmlSecEncCtxDestroy(context) }
        context.pointee.mode = mode
        key.lend(to: &context.pointee.keyInfoReadCtx)
        guard let buffer = xmlSecEncCtxDecryptToBuffer(context, element.node) else { throw .decryptionFailed() }
        // Empty content (an empty Body's) decrypts to no bytes, and xmlsec's buffer then has no data pointer.
        let size = Int(xmlSecBufferGetSize(buffer))
        guard size > 0 else { return [] }
        guard let data = xmlSecBufferGetData(buffer) else { throw .decryptionFailed() }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }
}

/// What one EncryptedData turned into.
public struct DecryptedPart {
    /// The Id of the EncryptedData that was replaced.
    public let encryptedDataID: String?
    /// Whether the element or only its content was encrypted.
    public let type: EncryptedType
    /// The data encryption algorithm.
    public let algorithm: DataEncryptionAlgorithm
    /// How the data key came (nil when the caller gave it directly).
    public let keyEncryption: KeyEncryptionAlgorithm?
    /// The decrypted elements, now in the document.
    public let elements: [XMLElement]
    /// The element the EncryptedData was a child of (for Content: the element whose content was encrypted).
    public let parent: XMLElement?

    /// The same part after its elements moved under `newParent`: a wrapper the caller's format puts around an
    /// EncryptedData (WS-Security 1.1's EncryptedHeader) removed.
    public func moved(to newParent: XMLElement) -> DecryptedPart {
        DecryptedPart(encryptedDataID: encryptedDataID, type: type, algorithm: algorithm, keyEncryption: keyEncryption,
                      elements: elements, parent: newParent)
    }
}
