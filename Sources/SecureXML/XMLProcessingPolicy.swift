/// What the caller allows when signing, verifying, encrypting and decrypting: weak algorithms are off and
/// the work a hostile signature can ask for is bounded, unless the caller says otherwise.
public struct XMLProcessingPolicy: Sendable, Equatable {
    /// Allow SHA-1 based algorithms (RSA-SHA1, HMAC-SHA1, SHA-1 digests), for peers that know nothing newer.
    public var allowSHA1: Bool
    /// Allow RSA PKCS #1 v1.5 key transport (Bleichenbacher-prone); failures then get a random key instead.
    public var allowRSA15: Bool
    /// Allow tripledes-cbc data encryption (64-bit block, deprecated), for peers whose policy names a TripleDes suite.
    public var allowTripleDES: Bool
    /// The most References one signature may have.
    public var maxReferences: Int
    /// The most Transforms one Reference may have.
    public var maxTransforms: Int
    /// Limits for content that decryption puts into the document.
    public var contentLimits: ParseLimits

    /// A policy; the defaults are those of `.default`.
    public init(allowSHA1: Bool = false, allowRSA15: Bool = false, allowTripleDES: Bool = false, maxReferences: Int = 32,
                maxTransforms: Int = 3, contentLimits: ParseLimits = .default) {
        self.allowSHA1 = allowSHA1
        self.allowRSA15 = allowRSA15
        self.allowTripleDES = allowTripleDES
        self.maxReferences = maxReferences
        self.maxTransforms = maxTransforms
        self.contentLimits = contentLimits
    }

    /// No SHA-1, no RSA-1_5, no Triple DES, at most 32 references of 3 transforms each.
    public static let `default` = XMLProcessingPolicy()

    /// Refuses `algorithm` when it is Triple DES and this policy does not allow it.
    func check(_ algorithm: DataEncryptionAlgorithm) throws(XMLError) {
        if algorithm == .tripleDESCBC && !allowTripleDES {
            throw XMLError(.algorithmNotAllowed, "Triple DES (tripledes-cbc) is not allowed: it is deprecated; allow it only for a peer whose policy names a TripleDes suite")
        }
    }
}
