/// What a valid signature verified as a stream covered, for the layer above to check against what it requires.
/// The counterpart of `VerifiedSignature`, with element names and places instead of tree nodes (there is no tree).
public struct StreamVerifiedSignature: Sendable {
    /// Where the ds:Signature is, e.g. "/soap:Envelope/soap:Header/wsse:Security/ds:Signature".
    public let path: String
    /// Its 1-based line.
    public let line: Int
    /// The signature method.
    public let algorithm: SignatureAlgorithm
    /// SignedInfo's canonicalisation.
    public let canonicalization: CanonicalizationMethod
    /// Each Reference, in SignedInfo order, with the element it resolved to.
    public let references: [StreamVerifiedReference]
    /// The key that verified the signature.
    public let key: XMLKey
}

/// One Reference of a valid streamed signature.
public struct StreamVerifiedReference: Sendable, Equatable {
    /// The ID the URI named (without "#").
    public let id: String
    /// The local name of the element the ID resolved to: the one element carrying it.
    public let name: String
    /// Its namespace URI, nil for none.
    public let namespace: String?
    /// Where it is, e.g. "/soap:Envelope/soap:Body".
    public let path: String
    /// Its 1-based line.
    public let line: Int
    /// The digest method of this reference.
    public let digest: DigestAlgorithm
    /// The canonicalisation transforms applied, in order.
    public let transforms: [CanonicalizationMethod]
    /// The InclusiveNamespaces PrefixList of the transforms, if any.
    public let inclusivePrefixes: [String]
}
