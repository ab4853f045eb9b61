import Foundation
import KeyMaterial

/// Verifies the XML Signatures of a document in bounded memory, with the checks of `XMLSignatureVerifier`: the
/// document's tree is never built.
///
/// Pass 1 streams the document once: every ID must appear once, and each ds:Signature (anywhere, before or after what
/// it signs) is read into a small document with the namespaces in scope where it is. Each is inspected against the
/// policy (same-document `#id` references only, exc-c14n transforms only, bounded counts, no SHA-1 unless allowed, no
/// truncated HMAC) and its SignatureValue checked against SignedInfo, canonicalised from that small tree. Pass 2 streams
/// the document again, canonicalising and digesting every referenced element; digests are compared in constant time,
/// all of them before any answer.
public struct StreamingVerifier: Sendable {
    /// What a signature may use and how much work it may ask for.
    public var policy: XMLProcessingPolicy
    /// The limits the document is read under.
    public var limits: ParseLimits

    /// A verifier under `policy`.
    public init(policy: XMLProcessingPolicy = .default, limits: ParseLimits = .default) {
        self.policy = policy
        self.limits = limits
    }

    /// Verifies every ds:Signature of `document` that is not inside another one, with `key`; empty when there is none.
    /// Throws `.signatureFailed` when one does not verify, `.streamingUnsupported` for what only the tree path handles.
    public func verify(_ document: [UInt8], key: XMLKey) throws(XMLError) -> [StreamVerifiedSignature] {
        try XMLLibrary.ensure()
        let locator = SignatureLocator()
        let first = try DocumentPass.run(document, targets: [], limits: limits, watcher: locator)
        var checked: [(located: SignatureLocator.Located, inspected: SignatureInspection, digests: [[UInt8]])] = []
        for located in locator.signatures {
            let signature = try SignatureLocator.fragment(located, in: document, limits: limits)
            let inspected = try SignatureInspection(signature, policy: policy)
            try Self.checkSupported(inspected)
            guard inspected.algorithm.accepts(key, signing: false) else {
                throw XMLError(.keyMismatch, "A \(key) cannot verify \(inspected.algorithm.name)")
            }
            if let missing = inspected.references.first(where: { first.ids[Array($0.id.utf8)] == nil }) {
                throw XMLError(.referenceNotFound, "No element has the ID \"\(missing.id)\"")
            }
            try Self.checkSignatureValue(signature, inspected, key: key)
            checked.append((located, inspected, try Self.digestValues(signature)))
        }
        let references = checked.flatMap(\.inspected.references)
        let targets = references.map {
            DocumentPass.Target(selector: .id(Array($0.id.utf8)), digest: $0.digest, inclusivePrefixes: $0.inclusivePrefixes)
        }
        let second = try DocumentPass.run(document, targets: targets, limits: limits)
        var index = 0
        var mismatch: String?
        var verified: [StreamVerifiedSignature] = []
        for (located, inspected, digests) in checked {
            var covered: [StreamVerifiedReference] = []
            for (reference, expected) in zip(inspected.references, digests) {
                guard let found = second.results[index] else { throw XMLError(.referenceNotFound, "No element has the ID \"\(reference.id)\"") }
                index += 1
                if !ConstantTime.equals(Data(found.value), Data(expected)), mismatch == nil { mismatch = reference.id }
                covered.append(StreamVerifiedReference(id: reference.id, name: found.localName, namespace: found.namespace, path: found.path,
                                                       line: found.line, digest: reference.digest, transforms: reference.transforms,
                                                       inclusivePrefixes: reference.inclusivePrefixes))
            }
            verified.append(StreamVerifiedSignature(path: located.path, line: located.line, algorithm: inspected.algorithm,
                                                    canonicalization: inspected.canonicalization, references: covered, key: key))
        }
        if let mismatch {
            throw XMLError(.signatureFailed, "The signature does not verify: the element #\(mismatch) was changed after signing")
        }
        return verified
    }

    /// Exclusive C14N is what streams; SignedInfo, a small tree, may also keep comments.
    private static func checkSupported(_ inspected: SignatureInspection) throws(XMLError) {
        guard inspected.canonicalization.isExclusive else {
            throw XMLError(.streamingUnsupported, "SignedInfo uses \(inspected.canonicalization.name); streaming handles exclusive C14N only")
        }
        for reference in inspected.references where reference.transforms != [.exclusive] {
            let names = reference.transforms.isEmpty ? "no transform (inclusive C14N)" : reference.transforms.map(\.name).joined(separator: ", ")
            throw XMLError(.streamingUnsupported, "The reference to #\(reference.id) uses \(names); streaming handles exc-c14n only")
        }
    }

    /// SignatureValue against the canonical SignedInfo, before any reference is digested.
    private static func checkSignatureValue(_ signature: XMLElement, _ inspected: SignatureInspection, key: XMLKey) throws(XMLError) {
        let parts = signature.children
        let canonical = try parts[0].canonicalized(inspected.canonicalization, inclusivePrefixes: inspected.canonicalizationPrefixes)
        guard let value = XMLText.base64(parts[1].text) else {
            throw XMLError(.signatureMalformed, "SignatureValue is not base64")
        }
        guard key.rawVerify(canonical, signature: [UInt8](value), inspected.algorithm) else {
            throw XMLError(.signatureFailed, "The signature does not verify: SignedInfo was changed, or the key is not the signer's")
        }
    }

    /// The DigestValue of each Reference, in order (SignatureInspection checked the shape).
    private static func digestValues(_ signature: XMLElement) throws(XMLError) -> [[UInt8]] {
        var values: [[UInt8]] = []
        for reference in signature.children[0].children("Reference", Namespace.dsig) {
            let text = reference.child("DigestValue", Namespace.dsig)?.text ?? ""
            guard let value = XMLText.base64(text) else {
                throw XMLError(.signatureMalformed, "A DigestValue is not base64")
            }
            values.append([UInt8](value))
        }
        return values
    }
}
