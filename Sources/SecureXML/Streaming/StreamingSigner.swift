import CLibXML2
import Foundation

/// Signs elements of a document by their IDs in bounded memory: one streaming pass canonicalises and digests the
/// referenced elements and finds where the Signature goes, without building the document's tree; SignedInfo is a small
/// tree, built and canonicalised as `XMLSigner` does. The result is the input with the ds:Signature inserted at one
/// byte offset, nothing else changed.
///
/// Exclusive C14N (with an optional PrefixList) for SignedInfo and every reference; for inclusive C14N or comments use
/// `XMLSigner`. Only UTF-8 documents (`.streamingUnsupported` otherwise).
public struct StreamingSigner: Sendable {
    /// The element the Signature goes into.
    public enum Target: Sendable, Equatable {
        /// The element whose ID attribute has this value.
        case id(String)
        /// The first element, in document order, with this local name and namespace (nil: in any namespace).
        case firstNamed(String, namespace: String?)
        /// The root element.
        case root
    }

    /// Where inside the target element.
    public enum Position: Sendable, Equatable {
        case firstChild, lastChild
    }

    /// The signature method.
    public var algorithm: SignatureAlgorithm
    /// The digest method of every reference.
    public var digest: DigestAlgorithm
    /// The InclusiveNamespaces PrefixList of SignedInfo and of every reference.
    public var inclusivePrefixes: [String]
    /// What KeyInfo carries.
    public var keyInfo: XMLSigner.KeyInfo
    /// Whether SHA-1 may be used, and the most references.
    public var policy: XMLProcessingPolicy
    /// The limits the document is read under.
    public var limits: ParseLimits

    /// A signer; RSA-SHA256 with SHA-256 digests unless told otherwise.
    public init(algorithm: SignatureAlgorithm = .rsaSHA256, digest: DigestAlgorithm = .sha256, inclusivePrefixes: [String] = [],
                keyInfo: XMLSigner.KeyInfo = .none, policy: XMLProcessingPolicy = .default, limits: ParseLimits = .default) {
        self.algorithm = algorithm
        self.digest = digest
        self.inclusivePrefixes = inclusivePrefixes
        self.keyInfo = keyInfo
        self.policy = policy
        self.limits = limits
    }

    /// Signs the elements of `document` carrying these IDs (each exactly once; an ID that appears twice anywhere is
    /// `.duplicateID`) and returns where the Signature goes and its text.
    public func sign(_ document: [UInt8], ids: [String], key: XMLKey, into target: Target, at position: Position = .lastChild,
                     signatureID: String? = nil) throws(XMLError) -> SignatureInsertion {
        try XMLLibrary.ensure()
        let signer = XMLSigner(algorithm: algorithm, digest: digest, canonicalization: .exclusive, inclusivePrefixes: inclusivePrefixes,
                               keyInfo: keyInfo, policy: policy)
        try signer.check(ids: ids, key: key)
        let finder = PlacementFinder(target)
        let targets = ids.map { DocumentPass.Target(selector: .id(Array($0.utf8)), digest: digest, inclusivePrefixes: inclusivePrefixes) }
        let pass = try DocumentPass.run(document, targets: targets, limits: limits, watcher: finder)
        var digests: [[UInt8]] = []
        for (id, result) in zip(ids, pass.results) {
            guard let result else { throw XMLError(.referenceNotFound, "No element has the ID \"\(id)\"") }
            digests.append(result.value)
        }
        guard let place = finder.found else {
            throw XMLError(.referenceNotFound, "The document has no \(target) to put the Signature in")
        }
        // The signature would digest itself: there is no enveloped transform here.
        if place.insideSignedElement {
            throw XMLError(.signatureMalformed, "The Signature cannot be placed inside an element it signs")
        }
        let text = try signatureText(signer, ids: ids, digests: digests, key: key, context: place.inScope, signatureID: signatureID)
        return try SignatureInsertion(document, place: place, position: position, signature: text)
    }

    /// The Signature, built in a small document whose root declares the namespaces in scope where it will go, so that
    /// SignedInfo canonicalises there exactly as it will in the signed document.
    private func signatureText(_ signer: XMLSigner, ids: [String], digests: [[UInt8]], key: XMLKey,
                               context namespaces: [(prefix: String?, uri: String)], signatureID: String?) throws(XMLError) -> [UInt8] {
        let context = XMLDocument(root: "context")
        let root = context.root!
        for (prefix, uri) in namespaces where prefix != nil || !uri.isEmpty { xmlNewNs(root.node, uri, prefix) }
        let signature = try signer.template(ids: ids, at: .lastChild(of: root), signatureID: signatureID)
        guard let info = signature.child("SignedInfo", Namespace.dsig), let value = signature.child("SignatureValue", Namespace.dsig) else {
            throw XMLError(.signingFailed, "The Signature template has no SignedInfo or SignatureValue")
        }
        let references = info.children("Reference", Namespace.dsig)
        guard references.count == digests.count else { throw XMLError(.signingFailed, "The Signature template lost a reference") }
        for (reference, digest) in zip(references, digests) {
            guard let digestValue = reference.child("DigestValue", Namespace.dsig) else {
                throw XMLError(.signingFailed, "A Reference of the template has no DigestValue")
            }
            xmlNodeSetContent(digestValue.node, Data(digest).base64EncodedString())
        }
        let canonical = try info.canonicalized(.exclusive, inclusivePrefixes: inclusivePrefixes)
        xmlNodeSetContent(value.node, Data(try key.rawSignature(canonical, algorithm)).base64EncodedString())
        try signer.addKeyInfo(to: signature, key: key)
        guard let buffer = xmlBufferCreate() else { throw XMLError(.signingFailed, "Out of memory") }
        defer { xmlBufferFree(buffer) }
        guard xmlNodeDump(buffer, context.doc, signature.node, 0, 0) >= 0, let content = xmlBufferContent(buffer) else {
            throw XMLError(.signingFailed, "The Signature could not be written")
        }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }
}

extension StreamingSigner.Target: CustomStringConvertible {
    public var description: String {
        switch self {
        case .id(let id): "element with the ID \"\(id)\""
        case .firstNamed(let name, let namespace): "element \(name)" + (namespace.map { " in \($0)" } ?? "")
        case .root: "root element"
        }
    }
}
