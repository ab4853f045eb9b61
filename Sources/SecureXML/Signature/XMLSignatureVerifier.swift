import CLibXML2
import CShims
import CXMLSec

/// Verifies an XML Signature with a key given by the caller and says exactly what it covered.
///
/// The signature is first inspected against the policy (same-document ID references only, canonicalisation
/// transforms only, bounded counts, no SHA-1 unless allowed, no HMAC truncation); each reference is resolved
/// through the ID registry, which holds every ID once; then xmlsec checks digests and the signature value.
public struct XMLSignatureVerifier: Sendable {
    /// What a signature may use and how much work it may ask for.
    public var policy: XMLProcessingPolicy

    /// A verifier under `policy`.
    public init(policy: XMLProcessingPolicy = .default) {
        self.policy = policy
    }

    /// Verifies `signature` with `key`; throws `.signatureFailed` when it does not verify.
    public func verify(_ signature: XMLElement, key: XMLKey) throws(XMLError) -> VerifiedSignature {
        try XMLLibrary.ensure()
        let inspected = try SignatureInspection(signature, policy: policy)
        guard inspected.algorithm.accepts(key, signing: false) else {
            throw XMLError(.keyMismatch, "A \(key) cannot verify \(inspected.algorithm.name)")
        }
        let document = signature.document
        try document.registerIDs()
        var references: [VerifiedReference] = []
        for reference in inspected.references {
            guard let attr = withXMLString(reference.id, { xmlGetID(document.doc, $0) }), let owner = attr.pointee.parent else {
                throw XMLError(.referenceNotFound, "No element has the ID \"\(reference.id)\"")
            }
            // An ID registered for a node that was unlinked would let xmlsec digest something the reader never sees.
            guard document.isAttached(owner) else {
                throw XMLError(.referenceOutsideDocument, "The ID \"\(reference.id)\" belongs to a node outside the document")
            }
            references.append(VerifiedReference(id: reference.id, element: XMLElement(node: owner, document: document),
                                                digest: reference.digest, transforms: reference.transforms,
                                                inclusivePrefixes: reference.inclusivePrefixes))
        }
        try run(signature, inspected: inspected, key: key)
        return VerifiedSignature(signature: signature, algorithm: inspected.algorithm, canonicalization: inspected.canonicalization,
                                 references: references, key: key)
    }

    private func run(_ signature: XMLElement, inspected: SignatureInspection, key: XMLKey) throws(XMLError) {
        guard let context = xmlSecDSigCtxCreate(XMLLibrary.keyManager) else { throw XMLError(.signatureFailed, "Out of memory") }
        defer { xmlSecDSigCtxDestroy(context) }
        // Not STORE_SIGNEDINFO_REFERENCES: it keeps a copy of every canonical form (a megabyte for a large Body).
        context.pointee.flags = UInt32(XMLSEC_DSIG_FLAGS_IGNORE_MANIFESTS) | XMLSignerDefaults.directIDLookup
        context.pointee.enabledReferenceUris = xmlSecTransformUriType(xmlSecTransformUriTypeSameDocument)
        // The inspection already refused anything else; xmlsec enforces the same lists as a second line.
        for method in CanonicalizationMethod.allCases {
            xmlSecDSigCtxEnableSignatureTransform(context, method.transformId)
            xmlSecDSigCtxEnableReferenceTransform(context, method.transformId)
        }
        xmlSecDSigCtxEnableSignatureTransform(context, inspected.algorithm.transformId)
        for digest in DigestAlgorithm.allCases where digest != .sha1 || policy.allowSHA1 {
            xmlSecDSigCtxEnableReferenceTransform(context, digest.transformId)
        }
        key.lend(to: &context.pointee.keyInfoReadCtx)
        guard xmlSecDSigCtxVerify(context, signature.node) == 0 else {
            throw XMLError(.signatureFailed, "The signature could not be processed: " + XMLLibrary.lastXMLSecError)
        }
        guard context.pointee.status == xmlSecDSigStatusSucceeded else {
            // xmlsec digests the references first and stops at the first that does not match; only when all match
            // does it check the signature value. Naming the element tells an edited message from a wrong key.
            if let changed = Self.failedReference(context) {
                throw XMLError(.signatureFailed, "The signature does not verify: the element #\(changed) was changed after signing")
            }
            throw XMLError(.signatureFailed, "The signature does not verify: SignedInfo was changed, or the key is not the signer's")
        }
    }

    /// The ID of the reference whose digest did not match, if one did not.
    private static func failedReference(_ context: xmlSecDSigCtxPtr) -> String? {
        withUnsafeMutablePointer(to: &context.pointee.signedInfoReferences) { list in
            for index in 0..<xmlSecPtrListGetSize(list) {
                guard let reference = xmlSecPtrListGetItem(list, index)?.assumingMemoryBound(to: xmlSecDSigReferenceCtx.self),
                      reference.pointee.status != xmlSecDSigStatusSucceeded else { continue }
                return reference.pointee.uri.map { String(String(cString: $0).drop { $0 == "#" }) } ?? "?"
            }
            return nil
        }
    }
}
