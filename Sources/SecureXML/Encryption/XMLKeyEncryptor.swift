import CLibXML2
import CShims
import CXMLSec
import Foundation

/// Writes EncryptedKey elements: a data key encrypted to an RSA key holder (OAEP, or RSA-1_5 when the policy
/// allows it) or wrapped with an AES key-encryption key.
public struct XMLKeyEncryptor: Sendable {
    /// How the data key is encrypted.
    public var algorithm: KeyEncryptionAlgorithm
    /// Whether RSA-1_5 may be written.
    public var policy: XMLProcessingPolicy

    /// A key encryptor with `algorithm` under `policy`.
    public init(algorithm: KeyEncryptionAlgorithm = .rsaOAEP, policy: XMLProcessingPolicy = .default) {
        self.algorithm = algorithm
        self.policy = policy
    }

    /// An EncryptedKey for `dataKey` at `placement`, with a ReferenceList naming the EncryptedData it opens
    /// (the WS-Security form: the key in the header, the data where it was).
    @discardableResult
    public func encryptedKey(_ dataKey: XMLKey, for recipient: XMLKey, at placement: Placement, id: String? = nil,
                             dataReferences: [String] = []) throws(XMLError) -> XMLElement {
        let cipher = try encryptKey(dataKey, for: recipient)
        let document = placement.document
        guard let node = xmlNewDocNode(document.doc, nil, "EncryptedKey", nil) else { throw XMLError(.encryptionFailed, "Out of memory") }
        placement.insert(node)
        let element = XMLElement(node: node, document: document)
        xmlSetNs(node, element.namespaceDeclaration(Namespace.xenc, prefix: "xenc"))
        if let id { element.setAttribute("Id", id) }
        do { try fill(element, cipher: cipher, dataKey: dataKey, recipient: recipient) } catch { element.remove(); throw error }
        if !dataReferences.isEmpty {
            let list = element.appendElement("ReferenceList", namespace: Namespace.xenc, prefix: "xenc")
            for reference in dataReferences {
                list.appendElement("DataReference", namespace: Namespace.xenc, prefix: "xenc").setAttribute("URI", "#" + reference)
            }
        }
        return element
    }

    /// An EncryptedKey for `dataKey` inside the KeyInfo of `encryptedData` (the form xmlsec1 and most XML
    /// Encryption peers read).
    @discardableResult
    public func embed(_ dataKey: XMLKey, for recipient: XMLKey, in encryptedData: XMLElement) throws(XMLError) -> XMLElement {
        let cipher = try encryptKey(dataKey, for: recipient)
        guard let cipherData = encryptedData.child("CipherData", Namespace.xenc) else {
            throw XMLError(.encryptionMalformed, "The EncryptedData has no CipherData")
        }
        let keyInfo = encryptedData.child("KeyInfo", Namespace.dsig) ?? cipherData.insertSiblingBefore("KeyInfo", namespace: Namespace.dsig, prefix: "ds")
        let element = keyInfo.appendElement("EncryptedKey", namespace: Namespace.xenc, prefix: "xenc")
        do { try fill(element, cipher: cipher, dataKey: dataKey, recipient: recipient) } catch { element.remove(); throw error }
        return element
    }

    /// Writes EncryptionMethod and CipherData; a nil `cipher` (key wrap) is computed by xmlsec into the element.
    private func fill(_ element: XMLElement, cipher: [UInt8]?, dataKey: XMLKey, recipient: XMLKey) throws(XMLError) {
        let method = element.appendElement("EncryptionMethod", namespace: Namespace.xenc, prefix: "xenc")
        method.setAttribute("Algorithm", algorithm.uri)
        if algorithm.kind == .rsaOAEP {
            method.appendElement("DigestMethod", namespace: Namespace.dsig, prefix: "ds").setAttribute("Algorithm", algorithm.digest.uri)
            if algorithm.uri == KeyEncryptionAlgorithm.oaep11URI {
                method.appendElement("MGF", namespace: Namespace.xenc11, prefix: "xenc11")
                    .setAttribute("Algorithm", Namespace.xenc11 + "mgf1" + algorithm.mgfDigest.name)
            }
        }
        let value = element.appendElement("CipherData", namespace: Namespace.xenc, prefix: "xenc")
            .appendElement("CipherValue", namespace: Namespace.xenc, prefix: "xenc")
        if let cipher {
            value.appendText(Data(cipher).base64EncodedString())
            return
        }
        guard let context = xmlSecEncCtxCreate(XMLLibrary.keyManager) else { throw XMLError(.encryptionFailed, "Out of memory") }
        defer { xmlSecEncCtxDestroy(context) }
        context.pointee.mode = xmlEncCtxModeEncryptedKey
        recipient.lend(to: &context.pointee.keyInfoReadCtx)
        let wrapped = dataKey.secret!.withUnsafeBytes { bytes in
            xmlSecEncCtxBinaryEncrypt(context, element.node, bytes.bindMemory(to: UInt8.self).baseAddress, UInt32(bytes.count))
        }
        guard wrapped == 0 else { throw XMLError(.encryptionFailed, "xmlsec could not wrap the key: " + XMLLibrary.lastXMLSecError) }
    }

    /// Throws when this algorithm cannot carry a key to `recipient` under the policy; callers check before
    /// they change the document.
    func check(recipient: XMLKey) throws(XMLError) {
        switch algorithm.kind {
        case .rsa15 where !policy.allowRSA15:
            throw XMLError(.algorithmNotAllowed, "RSA-1_5 key transport is not allowed by the policy")
        case .rsaOAEP, .rsa15:
            guard recipient.kind == .rsaPublic || recipient.kind == .rsaPrivate else {
                throw XMLError(.keyMismatch, "\(algorithm) needs an RSA key or certificate, not \(recipient.withArticle)")
            }
        case .aesKeyWrap:
            guard recipient.kind == .aes, recipient.bits == algorithm.wrapBits else {
                throw XMLError(.keyMismatch, "\(algorithm) needs an AES-\(algorithm.wrapBits) key, not \(recipient.withArticle)")
            }
        }
    }

    /// The encrypted key bytes for RSA; nil for key wrap, which xmlsec computes in place.
    private func encryptKey(_ dataKey: XMLKey, for recipient: XMLKey) throws(XMLError) -> [UInt8]? {
        try XMLLibrary.ensure()
        guard dataKey.kind == .aes || dataKey.kind == .tripleDES, let secret = dataKey.secret else {
            throw XMLError(.keyMismatch, "The data key must be an AES or Triple DES key")
        }
        try check(recipient: recipient)
        guard algorithm.kind != .aesKeyWrap else { return nil }
        return try RSAKeyTransport.encrypt(secret, with: recipient, algorithm: algorithm, label: [])
    }
}
