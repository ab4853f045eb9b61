import Foundation

/// Reads an EncryptedData before anything is decrypted: algorithm, type, where the key is, and no
/// CipherReference (it would make xmlsec fetch a URI).
struct EncryptedDataInspection {
    let element: XMLElement
    let algorithm: DataEncryptionAlgorithm
    let type: EncryptedType
    /// An EncryptedKey inside KeyInfo.
    let embeddedKey: XMLElement?
    /// The ID a KeyInfo/RetrievalMethod of type EncryptedKey points to.
    let retrievedKeyID: String?

    init(_ element: XMLElement) throws(XMLError) {
        guard element.is("EncryptedData", Namespace.xenc) else { throw malformed("The element is not an xenc:EncryptedData") }
        self.element = element
        guard let typeURI = element.attribute("Type"), let type = EncryptedType(rawValue: typeURI) else {
            throw malformed("EncryptedData Type must be Element or Content")
        }
        self.type = type
        let method = try EncryptionParts(element)
        guard let algorithm = DataEncryptionAlgorithm(rawValue: method.algorithm) else {
            throw XMLError(.unsupportedAlgorithm, "Data encryption \(method.algorithm) is not supported")
        }
        self.algorithm = algorithm
        embeddedKey = method.keyInfo?.child("EncryptedKey", Namespace.xenc)
        let retrieval = method.keyInfo?.children("RetrievalMethod", Namespace.dsig)
            .first { $0.attribute("Type") == Namespace.xenc + "EncryptedKey" }
        if let retrieval {
            guard let id = SignatureInspection.sameDocumentID(retrieval.attribute("URI") ?? "") else {
                throw XMLError(.referenceNotAllowed, "A RetrievalMethod must point to an EncryptedKey in the document (#id)")
            }
            retrievedKeyID = id
        } else {
            retrievedKeyID = nil
        }
    }
}

/// Reads an EncryptedKey: its algorithm (OAEP parameters included), the encrypted key bytes and its ReferenceList.
struct EncryptedKeyInspection {
    let element: XMLElement
    let algorithm: KeyEncryptionAlgorithm
    let cipher: [UInt8]
    let label: [UInt8]
    /// IDs of the EncryptedData elements the ReferenceList names.
    let dataReferences: [String]

    init(_ element: XMLElement, policy: XMLProcessingPolicy) throws(XMLError) {
        guard element.is("EncryptedKey", Namespace.xenc) else { throw malformed("The element is not an xenc:EncryptedKey") }
        self.element = element
        let parts = try EncryptionParts(element)
        (algorithm, label) = try Self.algorithm(parts, policy: policy)
        cipher = try base64(parts.cipherValue.text)
        let references = element.child("ReferenceList", Namespace.xenc)?.children("DataReference", Namespace.xenc) ?? []
        guard references.count <= policy.maxReferences else {
            throw XMLError(.tooManyReferences, "The ReferenceList has \(references.count) entries; the limit is \(policy.maxReferences)")
        }
        dataReferences = try references.map { reference throws(XMLError) in
            guard let id = SignatureInspection.sameDocumentID(reference.attribute("URI") ?? "") else {
                throw XMLError(.referenceNotAllowed, "A DataReference must name an EncryptedData in the document (#id)")
            }
            return id
        }
    }

    private static func algorithm(_ parts: EncryptionParts, policy: XMLProcessingPolicy) throws(XMLError) -> (KeyEncryptionAlgorithm, [UInt8]) {
        let method = parts.method
        switch parts.algorithm {
        case KeyEncryptionAlgorithm.rsa15URI:
            guard policy.allowRSA15 else {
                throw XMLError(.algorithmNotAllowed, "RSA-1_5 key transport is not allowed by the policy (it is open to Bleichenbacher's attack)")
            }
            return (.rsa15, [])
        case KeyEncryptionAlgorithm.mgf1pURI, KeyEncryptionAlgorithm.oaep11URI:
            let digest = try Self.digest(method.child("DigestMethod", Namespace.dsig)?.attribute("Algorithm"), prefix: nil)
            var mgf = DigestAlgorithm.sha1
            if parts.algorithm == KeyEncryptionAlgorithm.oaep11URI {
                mgf = try Self.digest(method.child("MGF", Namespace.xenc11)?.attribute("Algorithm"), prefix: Namespace.xenc11 + "mgf1")
            }
            let label = try method.child("OAEPparams", Namespace.xenc).map { params throws(XMLError) in try base64(params.text) } ?? []
            return (KeyEncryptionAlgorithm(kind: .rsaOAEP, uri: parts.algorithm, digest: digest, mgfDigest: mgf), label)
        default:
            let wraps: [KeyEncryptionAlgorithm] = [.kwAES128, .kwAES192, .kwAES256]
            guard let wrap = wraps.first(where: { $0.uri == parts.algorithm }) else {
                throw XMLError(.unsupportedAlgorithm, "Key encryption \(parts.algorithm) is not supported")
            }
            return (wrap, [])
        }
    }

    /// A DigestMethod URI, or an MGF URI ("...#mgf1sha256") when `prefix` is given; SHA-1 when absent.
    private static func digest(_ uri: String?, prefix: String?) throws(XMLError) -> DigestAlgorithm {
        guard let uri else { return .sha1 }
        let found = DigestAlgorithm.allCases.first { digest in prefix.map { uri == $0 + digest.name } ?? (uri == digest.uri) }
        guard let found else { throw XMLError(.unsupportedAlgorithm, "OAEP with \(uri) is not supported") }
        return found
    }
}

/// The parts EncryptedData and EncryptedKey share: EncryptionMethod, KeyInfo, CipherData/CipherValue.
struct EncryptionParts {
    let method: XMLElement
    let algorithm: String
    let keyInfo: XMLElement?
    /// The CipherValue element; decoded only for keys (xmlsec decodes data itself).
    let cipherValue: XMLElement

    init(_ element: XMLElement) throws(XMLError) {
        // Reading the first of two and passing on the other hides what the sender wrote: one each at most.
        for (name, namespace) in [("EncryptionMethod", Namespace.xenc), ("KeyInfo", Namespace.dsig), ("CipherData", Namespace.xenc)] {
            let count = element.children(name, namespace).count
            guard count <= 1 else { throw malformed("\(element.name) has \(count) \(name) elements; it holds one at most") }
        }
        guard let method = element.child("EncryptionMethod", Namespace.xenc), let algorithm = method.attribute("Algorithm") else {
            throw malformed("\(element.name) has no EncryptionMethod")
        }
        self.method = method
        self.algorithm = algorithm
        keyInfo = element.child("KeyInfo", Namespace.dsig)
        guard let data = element.child("CipherData", Namespace.xenc) else { throw malformed("\(element.name) has no CipherData") }
        if data.child("CipherReference", Namespace.xenc) != nil {
            throw XMLError(.referenceNotAllowed, "CipherReference is refused: the cipher text must be in the document")
        }
        guard let value = data.child("CipherValue", Namespace.xenc), data.children.count == 1 else {
            throw malformed("CipherData holds one CipherValue and nothing else")
        }
        cipherValue = value
    }
}

func base64(_ text: String) throws(XMLError) -> [UInt8] {
    guard let data = XMLText.base64(text) else { throw malformed("A base64 value is not valid") }
    return [UInt8](data)
}

private func malformed(_ message: String, file: String = #fileID, line: Int = #line) -> XMLError {
    XMLError(.encryptionMalformed, message, file: file, sourceLine: line)
}
