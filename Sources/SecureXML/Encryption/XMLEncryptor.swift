import CLibXML2
import CShims
import CXMLSec

/// Encrypts an element, or its content, into an EncryptedData under an AES (or Triple DES) data key (XML Encryption).
public struct XMLEncryptor: Sendable {
    /// The data encryption algorithm.
    public var algorithm: DataEncryptionAlgorithm
    /// What is allowed: Triple DES only when it says so.
    public var policy: XMLProcessingPolicy

    /// An encryptor with `algorithm` (AES-256-GCM unless a peer needs something else).
    public init(algorithm: DataEncryptionAlgorithm = .aes256GCM, policy: XMLProcessingPolicy = .default) {
        self.algorithm = algorithm
        self.policy = policy
    }

    /// Replaces `element` (or, with `.content`, its children) by an EncryptedData and returns it.
    /// The XMLElement values for what was encrypted are invalid afterwards: those nodes are gone.
    @discardableResult
    public func encrypt(_ element: XMLElement, dataKey: XMLKey, type: EncryptedType = .element, id: String? = nil) throws(XMLError) -> XMLElement {
        try XMLLibrary.ensure()
        try policy.check(algorithm)
        guard dataKey.fits(algorithm) else {
            throw XMLError(.keyMismatch, "\(algorithm.name) needs \(algorithm.keyDescription), not \(dataKey.withArticle)")
        }
        // xmlsec's GCM transform fails on no input at all ("xmlOutputBufferClose"): say what to do instead.
        if type == .content, algorithm.isAuthenticated, element.node.pointee.children == nil {
            throw XMLError(.encryptionFailed, "xmlsec cannot encrypt empty content with \(algorithm.name): give the element content, "
                           + "encrypt the element itself, or use a CBC algorithm")
        }
        let document = element.document
        guard let template = xmlSecTmplEncDataCreate(document.doc, algorithm.transformId, id, type.rawValue, nil, nil) else {
            throw XMLError(.encryptionFailed, "Cannot create the EncryptedData: " + XMLLibrary.lastXMLSecError)
        }
        guard xmlSecTmplEncDataEnsureCipherValue(template) != nil, let context = xmlSecEncCtxCreate(XMLLibrary.keyManager) else {
            xmlFreeNode(template)
            throw XMLError(.encryptionFailed, "Cannot create the EncryptedData: " + XMLLibrary.lastXMLSecError)
        }
        defer { xmlSecEncCtxDestroy(context) }
        context.pointee.mode = xmlEncCtxModeEncryptedData
        dataKey.lend(to: &context.pointee.keyInfoReadCtx)
        // The template becomes part of the document only when the encryption succeeds (P10).
        document.idsCurrent = false
        guard xmlSecEncCtxXmlEncrypt(context, template, element.node) == 0 else {
            xmlFreeNode(template)
            throw XMLError(.encryptionFailed, "xmlsec could not encrypt: " + XMLLibrary.lastXMLSecError)
        }
        return XMLElement(node: template, document: document)
    }

    /// Encrypts each element for the holder of `recipient` under one fresh data key, carried by an EncryptedKey
    /// in each EncryptedData's KeyInfo (the plain XML Encryption form). Returns the EncryptedData elements.
    @discardableResult
    public func encrypt(_ elements: [XMLElement], for recipient: XMLKey, keyEncryption: KeyEncryptionAlgorithm = .rsaOAEP,
                        type: EncryptedType = .element) throws(XMLError) -> [XMLElement] {
        try policy.check(algorithm)
        let dataKey = try XMLKey.generateDataKey(for: algorithm)
        let keyEncryptor = XMLKeyEncryptor(algorithm: keyEncryption, policy: policy)
        try keyEncryptor.check(recipient: recipient)
        var result: [XMLElement] = []
        for element in elements {
            let encrypted = try encrypt(element, dataKey: dataKey, type: type)
            try keyEncryptor.embed(dataKey, for: recipient, in: encrypted)
            result.append(encrypted)
        }
        return result
    }
}
