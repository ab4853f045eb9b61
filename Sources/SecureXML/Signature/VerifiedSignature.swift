/// What a valid signature covered, for the layer above to check against what it requires to be signed.
public struct VerifiedSignature {
    /// The ds:Signature element.
    public let signature: XMLElement
    /// The signature method.
    public let algorithm: SignatureAlgorithm
    /// SignedInfo's canonicalisation.
    public let canonicalization: CanonicalizationMethod
    /// Each Reference, in SignedInfo order, with the element it resolved to.
    public let references: [VerifiedReference]
    /// The key that verified the signature.
    public let key: XMLKey

    /// The signed elements, in SignedInfo order.
    public var elements: [XMLElement] { references.map(\.element) }
}

/// One Reference of a valid signature.
public struct VerifiedReference {
    /// The ID the URI named (without "#").
    public let id: String
    /// The element the ID resolved to: exactly the node whose canonical form was digested.
    public let element: XMLElement
    /// The digest method of this reference.
    public let digest: DigestAlgorithm
    /// The canonicalisation transforms applied, in order.
    public let transforms: [CanonicalizationMethod]
    /// The InclusiveNamespaces PrefixList of the transforms, if any.
    public let inclusivePrefixes: [String]
}
