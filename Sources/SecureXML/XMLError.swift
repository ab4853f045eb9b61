/// Why a document could not be parsed, canonicalised, signed, verified, encrypted or decrypted.
///
/// Callers and tests branch on ``code``; ``message`` is for people and ``location`` for bug reports.
public struct XMLError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, stable across releases.
    public enum Code: String, Sendable, CaseIterable {
        // Parsing and document limits.
        /// Not well-formed XML (or an entity reference, which no document here may use).
        case malformed
        /// The document has a DOCTYPE; DTDs and entity declarations are refused.
        case doctypeForbidden
        /// A processing instruction where `ParseLimits.allowsProcessingInstructions` is off (a SOAP message).
        case processingInstructionForbidden
        /// More bytes than `ParseLimits.maxBytes`.
        case tooLarge
        /// Nested deeper than `ParseLimits.maxDepth`.
        case tooDeep
        /// An element with more attributes (namespace declarations included) than `ParseLimits.maxAttributes`.
        case tooManyAttributes
        /// A text node or attribute value longer than `ParseLimits.maxTextBytes`.
        case textTooLarge
        /// No bytes, or no root element.
        case empty
        /// libxml2 or xmlsec could not be set up.
        case libraryInit
        /// Two ID attributes (wsu:Id, Id, ID, xml:id) carry the same value.
        case duplicateID

        // Canonicalisation and signatures.
        /// libxml2 could not canonicalise the nodes.
        case canonicalizationFailed
        /// The signature does not verify: a digest or the signature value does not match.
        case signatureFailed
        /// The Signature element is not shaped as XML Signature requires.
        case signatureMalformed
        /// xmlsec could not compute the signature.
        case signingFailed
        /// A reference that is not a same-document ID reference (`#id`): empty, external, XPointer.
        case referenceNotAllowed
        /// A reference names an ID no element in the document carries.
        case referenceNotFound
        /// A reference resolves to a node that is no longer part of the document tree.
        case referenceOutsideDocument
        /// More references than `XMLProcessingPolicy.maxReferences`.
        case tooManyReferences
        /// More transforms in one reference than `XMLProcessingPolicy.maxTransforms`.
        case tooManyTransforms
        /// A transform other than canonicalisation (XSLT, XPath, enveloped, ...).
        case transformNotAllowed
        /// An algorithm the policy does not allow (SHA-1 based ones unless `allowSHA1`, RSA-1_5 unless `allowRSA15`).
        case algorithmNotAllowed
        /// An algorithm this module does not implement.
        case unsupportedAlgorithm
        /// An HMACOutputLength element: truncated HMACs are refused (CVE-2009-0217).
        case hmacTruncation
        /// Valid input the streaming signer or verifier does not handle (not UTF-8, a canonicalisation other than
        /// exclusive without comments, ...): the tree path (`XMLSigner`, `XMLSignatureVerifier`) does.
        case streamingUnsupported

        // Keys and encryption.
        /// The key does not fit the algorithm (an HMAC secret for RSA, a public key to decrypt, ...).
        case keyMismatch
        /// The key bytes or PEM could not be read.
        case invalidKey
        /// The encryption could not be computed.
        case encryptionFailed
        /// The EncryptedData or EncryptedKey is not shaped as XML Encryption requires.
        case encryptionMalformed
        /// Decryption failed. One code and one message whatever the cause (key, padding, tag, content),
        /// so that failures give an attacker no oracle.
        case decryptionFailed

        // Selection.
        /// An XPath expression (from a policy) is malformed, uses an unbound prefix, or gives a value instead of nodes.
        case xpathFailed
    }

    /// What went wrong; compare this.
    public let code: Code
    /// A sentence for people.
    public let message: String
    /// 1-based line of the problem, when the parser knows it.
    public let line: Int?
    /// Where the error was raised (file:line), for bug reports.
    public let location: String

    init(_ code: Code, _ message: String, line: Int? = nil, file: String = #fileID, sourceLine: Int = #line) {
        self.code = code
        self.message = message
        self.line = line
        self.location = "\(file):\(sourceLine)"
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }

    /// The one decryption failure: the same code and message for every cause.
    static func decryptionFailed(file: String = #fileID, sourceLine: Int = #line) -> XMLError {
        XMLError(.decryptionFailed, "The encrypted data could not be decrypted with the given key", file: file, sourceLine: sourceLine)
    }
}
