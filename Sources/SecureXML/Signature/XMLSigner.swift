import CLibXML2
import CShims
import CXMLSec

/// Signs elements of a document by their IDs (XML Signature, detached, same-document references only),
/// each Reference transformed by canonicalisation and nothing else.
public struct XMLSigner: Sendable {
    /// What KeyInfo the Signature carries. The WS-Security layer leaves it empty and adds its own reference.
    public enum KeyInfo: Sendable, Equatable {
        /// No KeyInfo.
        case none
        /// The signing key's certificate (X509Data/X509Certificate).
        case certificate
        /// A KeyName.
        case keyName(String)
    }

    /// The signature method.
    public var algorithm: SignatureAlgorithm
    /// The digest method of every reference.
    public var digest: DigestAlgorithm
    /// For SignedInfo and as each Reference's transform.
    public var canonicalization: CanonicalizationMethod
    /// The InclusiveNamespaces PrefixList of exclusive canonicalisation (SignedInfo and References).
    public var inclusivePrefixes: [String]
    /// What KeyInfo carries.
    public var keyInfo: KeyInfo
    /// Whether SHA-1 may be used, and the most references.
    public var policy: XMLProcessingPolicy

    /// A signer; RSA-SHA256 with SHA-256 digests and exclusive C14N unless told otherwise.
    public init(algorithm: SignatureAlgorithm = .rsaSHA256, digest: DigestAlgorithm = .sha256,
                canonicalization: CanonicalizationMethod = .exclusive, inclusivePrefixes: [String] = [],
                keyInfo: KeyInfo = .none, policy: XMLProcessingPolicy = .default) {
        self.algorithm = algorithm
        self.digest = digest
        self.canonicalization = canonicalization
        self.inclusivePrefixes = inclusivePrefixes
        self.keyInfo = keyInfo
        self.policy = policy
    }

    /// Signs the elements carrying these IDs and puts the Signature at `placement`; returns the Signature.
    /// On failure the document is left as it was.
    @discardableResult
    public func sign(ids: [String], key: XMLKey, at placement: Placement, signatureID: String? = nil) throws(XMLError) -> XMLElement {
        try XMLLibrary.ensure()
        let document = placement.document
        try check(ids: ids, key: key)
        try document.registerIDs()
        var signed: [XMLElement] = []
        for id in ids {
            guard let element = document.element(withID: id) else {
                throw XMLError(.referenceNotFound, "No element has the ID \"\(id)\"")
            }
            signed.append(element)
        }
        let signature = try template(ids: ids, at: placement, signatureID: signatureID)
        let template = signature.node
        do throws(XMLError) {
            // The signature would digest itself: there is no enveloped transform here.
            if signed.contains(where: { $0.contains(signature) }) {
                throw XMLError(.signatureMalformed, "The Signature cannot be placed inside an element it signs")
            }
            try compute(template, key: key)
            try addKeyInfo(to: signature, key: key)
        } catch {
            xmlUnlinkNode(template)
            xmlFreeNode(template)
            throw error
        }
        return signature
    }

    /// A Signature with a Reference per ID, its digest and signature values still empty, linked at `placement`: the
    /// template xmlSecTmplSignatureCreate and xmlSecTmplSignatureAddReference make, built here in one pass. Theirs
    /// look up the ds namespace from every new element to the root and put a line feed around each element, about
    /// twenty text nodes canonicalised with SignedInfo on both sides for nothing (WSS4J writes none).
    func template(ids: [String], at placement: Placement, signatureID: String?) throws(XMLError) -> XMLElement {
        let doc = placement.document.doc
        guard let signature = xmlNewDocNode(doc, nil, "Signature", nil) else { throw XMLError(.signingFailed, "Out of memory") }
        do throws(XMLError) {
            let ds = xmlNewNs(signature, Namespace.dsig, "ds")
            xmlSetNs(signature, ds)
            if let signatureID { xmlSetProp(signature, "Id", signatureID) }
            func child(_ parent: xmlNodePtr, _ name: String, algorithm: xmlSecTransformId? = nil) throws(XMLError) -> xmlNodePtr {
                guard let node = xmlNewChild(parent, ds, name, nil) else { throw XMLError(.signingFailed, "Out of memory") }
                if let algorithm { xmlSetProp(node, "Algorithm", algorithm.pointee.href) }
                return node
            }
            let prefixList = canonicalization.isExclusive && !inclusivePrefixes.isEmpty ? inclusivePrefixes.joined(separator: " ") : nil
            func addPrefixList(_ transform: xmlNodePtr) throws(XMLError) {
                guard let prefixList else { return }
                guard xmlSecTmplTransformAddC14NInclNamespaces(transform, prefixList) >= 0 else {
                    throw XMLError(.signingFailed, "Cannot add the PrefixList: " + XMLLibrary.lastXMLSecError)
                }
            }
            let signedInfo = try child(signature, "SignedInfo")
            try addPrefixList(try child(signedInfo, "CanonicalizationMethod", algorithm: canonicalization.transformId))
            _ = try child(signedInfo, "SignatureMethod", algorithm: algorithm.transformId)
            for id in ids {
                let reference = try child(signedInfo, "Reference")
                xmlSetProp(reference, "URI", "#" + id)
                try addPrefixList(try child(try child(reference, "Transforms"), "Transform", algorithm: canonicalization.transformId))
                _ = try child(reference, "DigestMethod", algorithm: digest.transformId)
                _ = try child(reference, "DigestValue")
            }
            _ = try child(signature, "SignatureValue")
        } catch {
            xmlFreeNode(signature)
            throw error
        }
        placement.insert(signature)
        return XMLElement(node: signature, document: placement.document)
    }

    func check(ids: [String], key: XMLKey) throws(XMLError) {
        if (algorithm.isSHA1 || digest == .sha1) && !policy.allowSHA1 {
            throw XMLError(.algorithmNotAllowed, "SHA-1 based algorithms are not allowed by the policy")
        }
        guard algorithm.accepts(key, signing: true) else {
            throw XMLError(.keyMismatch, "A \(key) cannot sign with \(algorithm.name)")
        }
        guard !ids.isEmpty else { throw XMLError(.signatureMalformed, "Nothing to sign: no IDs given") }
        guard ids.count <= policy.maxReferences else {
            throw XMLError(.tooManyReferences, "\(ids.count) references; the limit is \(policy.maxReferences)")
        }
        if let bad = ids.first(where: { SignatureInspection.sameDocumentID("#" + $0) == nil }) {
            throw XMLError(.referenceNotAllowed, "\"\(bad)\" cannot be an ID")
        }
        if keyInfo == .certificate && key.certificate == nil {
            throw XMLError(.keyMismatch, "KeyInfo should carry the certificate, but the key has none")
        }
    }

    private func compute(_ template: xmlNodePtr, key: XMLKey) throws(XMLError) {
        guard let context = xmlSecDSigCtxCreate(XMLLibrary.keyManager) else { throw XMLError(.signingFailed, "Out of memory") }
        defer { xmlSecDSigCtxDestroy(context) }
        key.lend(to: &context.pointee.keyInfoReadCtx)
        context.pointee.flags = XMLSignerDefaults.directIDLookup
        context.pointee.enabledReferenceUris = xmlSecTransformUriType(xmlSecTransformUriTypeSameDocument)
        guard xmlSecDSigCtxSign(context, template) == 0 else {
            throw XMLError(.signingFailed, "xmlsec could not sign: " + XMLLibrary.lastXMLSecError)
        }
    }

    func addKeyInfo(to signature: XMLElement, key: XMLKey) throws(XMLError) {
        switch keyInfo {
        case .none:
            return
        case .keyName(let name):
            signature.appendElement("KeyInfo", namespace: Namespace.dsig).appendElement("KeyName", namespace: Namespace.dsig, text: name)
        case .certificate:
            guard let certificate = key.certificate else { return }
            signature.appendElement("KeyInfo", namespace: Namespace.dsig).appendElement("X509Data", namespace: Namespace.dsig)
                .appendElement("X509Certificate", namespace: Namespace.dsig, text: certificate.derBytes.base64EncodedString())
        }
    }
}

/// Settings the signer and the verifier share.
enum XMLSignerDefaults {
    /// xmlsec resolves `#id` through an XPointer `id('...')` expression, building an XPath context for every reference
    /// (a tenth of a small signature's XML work). Its "Visa3D" flag resolves the same bare name with the same
    /// `xmlGetID` and the same node set (the element's subtree without comments) directly. Safe here because every
    /// reference is a bare same-document ID (`SignatureInspection.sameDocumentID`) that our registry holds once.
    static let directIDLookup = UInt32(XMLSEC_DSIG_FLAGS_USE_VISA3D_HACK)
}
