/// Reads a Signature element before xmlsec sees it and refuses what the policy does not allow, so hostile
/// signatures fail on their shape, cheaply, with a precise code: other than same-document ID references,
/// transforms other than canonicalisation, too many references or transforms, weak or unknown algorithms,
/// truncated HMACs.
struct SignatureInspection {
    struct Reference {
        let id: String
        let digest: DigestAlgorithm
        let transforms: [CanonicalizationMethod]
        let inclusivePrefixes: [String]
    }

    let algorithm: SignatureAlgorithm
    let canonicalization: CanonicalizationMethod
    /// The PrefixList of SignedInfo's CanonicalizationMethod.
    let canonicalizationPrefixes: [String]
    let references: [Reference]

    init(_ signature: XMLElement, policy: XMLProcessingPolicy) throws(XMLError) {
        guard signature.is("Signature", Namespace.dsig) else { throw malformed("The element is not a ds:Signature") }
        let parts = signature.children
        guard parts.count >= 2, parts[0].is("SignedInfo", Namespace.dsig), parts[1].is("SignatureValue", Namespace.dsig) else {
            throw malformed("A Signature starts with SignedInfo and SignatureValue")
        }
        // Said here: xmlsec would report an empty one in its internal words.
        guard parts[1].text.contains(where: { !$0.isWhitespace }) else { throw malformed("The SignatureValue is empty") }
        let info = parts[0].children
        guard info.count >= 3, info[0].is("CanonicalizationMethod", Namespace.dsig), info[1].is("SignatureMethod", Namespace.dsig) else {
            throw malformed("SignedInfo holds CanonicalizationMethod, SignatureMethod and References")
        }
        let references = info.dropFirst(2)
        // The count is checked before anything else about the references is read.
        guard references.count <= policy.maxReferences else {
            throw XMLError(.tooManyReferences, "The signature has \(references.count) references; the limit is \(policy.maxReferences)")
        }
        (canonicalization, canonicalizationPrefixes) = try Self.canonicalization(info[0], transform: false)
        algorithm = try Self.signatureMethod(info[1], policy: policy)
        self.references = try references.map { reference throws(XMLError) in try Self.reference(reference, policy: policy) }
    }

    private static func signatureMethod(_ element: XMLElement, policy: XMLProcessingPolicy) throws(XMLError) -> SignatureAlgorithm {
        let uri = element.attribute("Algorithm") ?? ""
        guard let algorithm = SignatureAlgorithm(rawValue: uri) else {
            throw XMLError(.unsupportedAlgorithm, "Signature method \(uri.isEmpty ? "(none)" : uri) is not supported")
        }
        if element.child("HMACOutputLength", Namespace.dsig) != nil {
            throw XMLError(.hmacTruncation, "HMACOutputLength is refused: a truncated HMAC can be forged (CVE-2009-0217)")
        }
        guard element.children.isEmpty else { throw malformed("SignatureMethod has unexpected content") }
        if algorithm.isSHA1 && !policy.allowSHA1 {
            throw XMLError(.algorithmNotAllowed, "\(algorithm.name) is SHA-1 based and the policy does not allow SHA-1")
        }
        return algorithm
    }

    private static func reference(_ element: XMLElement, policy: XMLProcessingPolicy) throws(XMLError) -> Reference {
        guard element.is("Reference", Namespace.dsig) else { throw malformed("SignedInfo holds only References after SignatureMethod") }
        let uri = element.attribute("URI")
        guard let uri, let id = Self.sameDocumentID(uri) else {
            throw XMLError(.referenceNotAllowed,
                           "Reference URI \(uri.map { "\"\($0)\"" } ?? "(none)") is not a same-document ID reference (#id)")
        }
        var parts = element.children[...]
        var transforms: [CanonicalizationMethod] = []
        var prefixes: [String] = []
        if let first = parts.first, first.is("Transforms", Namespace.dsig) {
            let list = first.children
            guard list.count <= policy.maxTransforms else {
                throw XMLError(.tooManyTransforms, "A reference has \(list.count) transforms; the limit is \(policy.maxTransforms)")
            }
            for transform in list {
                guard transform.is("Transform", Namespace.dsig) else { throw malformed("Transforms holds only Transform elements") }
                let (method, inclusive) = try canonicalization(transform, transform: true)
                transforms.append(method)
                prefixes += inclusive
            }
            parts = parts.dropFirst()
        }
        guard parts.count == 2, parts.first!.is("DigestMethod", Namespace.dsig), parts.last!.is("DigestValue", Namespace.dsig) else {
            throw malformed("A Reference holds Transforms, DigestMethod and DigestValue")
        }
        let digestURI = parts.first!.attribute("Algorithm") ?? ""
        guard let digest = DigestAlgorithm(rawValue: digestURI) else {
            throw XMLError(.unsupportedAlgorithm, "Digest method \(digestURI.isEmpty ? "(none)" : digestURI) is not supported")
        }
        if digest == .sha1 && !policy.allowSHA1 {
            throw XMLError(.algorithmNotAllowed, "A reference uses the SHA-1 digest and the policy does not allow SHA-1")
        }
        return Reference(id: id, digest: digest, transforms: transforms, inclusivePrefixes: prefixes)
    }

    /// A CanonicalizationMethod or a Transform: only the four C14N algorithms, with an optional PrefixList.
    private static func canonicalization(_ element: XMLElement, transform: Bool) throws(XMLError) -> (CanonicalizationMethod, [String]) {
        let uri = element.attribute("Algorithm") ?? ""
        guard let method = CanonicalizationMethod(rawValue: uri) else {
            if transform { throw XMLError(.transformNotAllowed, "Transform \(uri.isEmpty ? "(none)" : uri) is not allowed: only canonicalisation") }
            throw XMLError(.unsupportedAlgorithm, "Canonicalization method \(uri.isEmpty ? "(none)" : uri) is not supported")
        }
        var prefixes: [String] = []
        for child in element.children {
            guard method.isExclusive, child.is("InclusiveNamespaces", Namespace.excC14N) else {
                throw malformed("\(transform ? "A Transform" : "CanonicalizationMethod") has unexpected content")
            }
            prefixes += (child.attribute("PrefixList") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        }
        return (method, prefixes)
    }

    /// The ID of a `#id` URI: a bare name, nothing XPointer could read as an expression or a list of IDs.
    static func sameDocumentID(_ uri: String) -> String? {
        guard uri.hasPrefix("#") else { return nil }
        let id = uri.utf8.dropFirst()
        guard !id.isEmpty, !id.contains(where: isForbidden) else { return nil }
        return String(id)
    }

    /// Whitespace and what XPointer or a URI would read as syntax. A switch: a Set hashed every byte of every URI.
    private static func isForbidden(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "#"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "%"):
            true
        default:
            false
        }
    }
}

private func malformed(_ message: String, file: String = #fileID, line: Int = #line) -> XMLError {
    XMLError(.signatureMalformed, message, file: file, sourceLine: line)
}
